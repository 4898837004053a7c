// The study of DESIGN.md: every fix, under the `seed` schedule and under
// random schedules, as firmware runs (firmware_run.h) on the board of a
// preset, each run in a process of its own, a few at a time (run_pool.h).
//
// The result holds `runs` (one object per preset, fix and schedule, with the
// keys of a firmware run minus the console transcript) and `summary` (one
// object per preset and fix: runs, the ok/corrupted/hang counts and the
// means of the measurements). The same options give the same result.
#ifndef PAVP_PLATFORM_STUDY_KERNEL_STUDY_H
#define PAVP_PLATFORM_STUDY_KERNEL_STUDY_H

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pavp {

struct kernel_study_options {
  std::vector<std::string> presets;    // empty: every CPU preset (cpu_preset_names())
  std::vector<std::string> fixes;      // empty: every fix (fixes.h)
  unsigned random_schedules = 100;     // random:1 .. random:N, after seed
  std::vector<std::string> overrides;  // --set key=value, on every run
  unsigned jobs = 2;                   // simulations at once
};

struct kernel_study_result {
  // The schedules each fix ran: seed (unless workload.extra_threads makes the
  // seed's steps inapplicable), then random:1..N.
  std::vector<std::string> schedules;
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  nlohmann::ordered_json summary = nlohmann::ordered_json::array();
};

// Throws config_error for a bad preset, fix or key (before any run), and
// std::runtime_error naming the run when one fails.
kernel_study_result run_kernel_study(const kernel_study_options& options);

// What pavp study prints: the number of runs and schedules, the summary
// table (one row per preset and fix: verdict, failed runs, then the means
// as integers), how to read it, and one line per preset naming the clean
// fixes and the cheapest clean kernel fix's cost over none.
std::string kernel_study_text(const kernel_study_result& result);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_KERNEL_STUDY_H
