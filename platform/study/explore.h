// pavp explore: what an exploration of every schedule up to a preemption
// bound (explore_firmware, firmware_run.h) found, as a verdict a kernel
// developer can quote.
//
//   explore_result r = explore_firmware(spec, {}, limits);
//   explore_summary s = summarise_exploration(r, spec, limits.bound);
//   std::cout << explore_text(s);   // "clean for all 57 schedules with <= 2 preemptions (...)"
//   write_counterexample(s, "out/counterexample.sched");
#ifndef PAVP_PLATFORM_STUDY_EXPLORE_H
#define PAVP_PLATFORM_STUDY_EXPLORE_H

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/study/firmware_run.h"
#include "platform/study/run_spec.h"

namespace pavp {

struct explore_summary {
  std::string fix, preset, scenario, placement;
  unsigned bound = 0;
  std::uint64_t schedules = 0;
  bool exhausted = true;
  std::uint64_t ok = 0, corrupted = 0, hang = 0, crash = 0;  // crash: the nptl scenario's
  // Schedules the tool or its input ended (outcome `error`): not failures
  // of the fix, counted apart; first_error names the first.
  std::uint64_t error = 0;
  std::string first_error;
  std::uint64_t stale_schedules = 0;  // schedules with a stale load
  std::uint64_t stale_loads = 0;      // stale loads in all
  std::uint64_t failing = 0;          // distinct failing schedules
  // The failing schedule with the fewest preemptions, then the fewest
  // decisions (the first such in exploration order).
  std::optional<nlohmann::ordered_json> minimal;
  std::string verdict;  // the sentence the tool prints and writes
};

explore_summary summarise_exploration(const explore_result& result, const run_spec& spec,
                                      unsigned bound);

// What pavp explore prints (the verdict last).
std::string explore_text(const explore_summary& s);

// {"fix": ..., "schedules": ..., "verdict": ..., "minimal": {...}}.
nlohmann::ordered_json explore_json(const explore_summary& s);

// The minimal counterexample as a replay file (pavp run --schedule
// replay:FILE reproduces it, with the same settings). Throws
// std::runtime_error if there is none or the file cannot be written.
void write_counterexample(const explore_summary& s, const std::string& path);

// An explored run's schedule ("decisions"): as text, "POINT/CHOICES:CHOICE"
// each, and as a replay file with the run's settings (placement,
// preempt_every), headed by `origin`. Throws std::runtime_error if the file
// cannot be written.
std::string decisions_text(const nlohmann::ordered_json& run);
void write_decisions(const nlohmann::ordered_json& run, const std::string& origin,
                     const std::string& path);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_EXPLORE_H
