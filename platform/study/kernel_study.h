// The study of DESIGN.md: every fix on every CPU preset, under the `seed`
// schedule and under random schedules, each on several physical placements
// (the order of the kernel's page frames, kernel.placement), as firmware runs
// (firmware_run.h), a few processes at a time (run_pool.h).
//
// The runs of one preset and fix, placement by placement (linear,
// random:1..random_placements): the seed schedule under the first
// seed_placements + 1 of them, then schedules random:1..random_schedules
// under each (a grid: the effect of the placement and that of the schedule
// show apart, and each placement boots once and branches at its first
// schedule decision). With explore_bound, every schedule within the bound
// under each placement instead.
// The result holds `runs` (one object per run, with the keys of a firmware
// run minus the console transcript) and `summary` (one object per preset and
// fix: the verdict, failed runs and failing placements, the outcome counts
// and the exact means of the measurements). The same options give the same
// result.
#ifndef PAVP_PLATFORM_STUDY_KERNEL_STUDY_H
#define PAVP_PLATFORM_STUDY_KERNEL_STUDY_H

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pavp {

struct kernel_study_options {
  std::vector<std::string> presets;  // empty: every CPU preset (cpu_preset_names())
  std::vector<std::string> fixes;    // empty: every fix (fixes.h)
  unsigned random_schedules = 10;    // random:1..N under each placement
  unsigned random_placements = 9;    // placements linear, random:1..N
  unsigned seed_placements = 3;      // seed under linear, random:1..min(N, random_placements)
  // Instead of sampling schedules: every schedule with at most this many
  // preemptions (explore_firmware), under each placement.
  std::optional<unsigned> explore_bound;
  // kernel.preempt_every on every run: user-mode preemption points ("off" or
  // N instructions; off by default, docs/decisions.md).
  std::string preempt_every = "off";
  std::vector<std::string> overrides;  // --set key=value, on every run
  unsigned jobs = 2;                   // simulations at once
  // The first run told in `explained` is also written there as a Perfetto
  // trace (perfetto_trace.h); empty: none.
  std::string perfetto_file;
  // Called as groups of runs end (run_pool.h): done and total groups.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// One run of each preset and fix.
struct study_run_plan {
  std::string schedule;   // "seed", "random:N"
  std::string placement;  // "linear", "random:N"
};

struct kernel_study_result {
  // The runs of each preset and fix, in order, placement by placement: the
  // seed schedule's (unless workload.extra_threads makes the seed's steps
  // inapplicable, or beyond seed_placements), then the random schedules'.
  // Empty when explored (the schedules differ from fix to fix).
  std::vector<study_run_plan> plan;
  std::string plan_text;  // the plan in words
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  nlohmann::ordered_json summary = nlohmann::ordered_json::array();
  // For each preset and fix that fails, its first failing run told as the
  // race (race_explain.h): that run again, with --explain.
  struct explained_run {
    std::string preset, fix, schedule, placement;
    std::string command;  // what repeats it
    std::string text;     // race_text()
  };
  std::vector<explained_run> explained;
};

// Throws config_error for a bad preset, fix or key (before any run; the
// study sets kernel.placement itself, so an override of it is one), and
// std::runtime_error naming the run when one fails.
kernel_study_result run_kernel_study(const kernel_study_options& options);

// What pavp study prints: the number of runs and schedules, the summary
// table (one row per preset and fix: verdict, failed runs, then the means
// as integers), how to read it, and one line per preset naming the clean
// fixes and the cheapest clean kernel fix's cost over none.
std::string kernel_study_text(const kernel_study_result& result);

// The Markdown study.md carries after its table: the explained runs, each
// with the command that repeats it.
std::string kernel_study_markdown(const kernel_study_result& result);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_KERNEL_STUDY_H
