// The seed's memory traffic replayed on the board by a traffic generator.
//
// No CPU and no kernel: one initiator plays, in the seed document's order,
// the data-cache accesses that matter (shared/seeds/000_0dd4d9eea7dcd355.txt):
//
//   1. process A (space A) has the `used` and `cache` list heads and four
//      elements on one 4 KB page, written through its user address U;
//   2. fork: flush_cache_dup_mm, the whole-cache FDCE loop;
//   3. thread A-2 moves ELEM from `used` to `cache` through U (dirty lines);
//   4. ptep_set_wrprotect; fork returns in the parent;
//   5. child B (space B) reads the `cache` head through U, then writes to the
//      page: the COW fault copies it through the kernel's mapping of the
//      physical page (Linux's linear map, PA + 0x10000000) into a new page,
//      and flushes the destination's kernel lines;
//   6. B walks the `cache` list on its copy, at most 64 steps.
//
// Each fix of DESIGN.md acts at its point with the cache operations it
// issues (see traffic_fix). A shadow of the latest value of every physical
// word checks every load: a load that returns something else is a stale read.
// Outcome: ok, corrupted (B finished but read wrong values) or hang (B did
// not get back to the `cache` head).
//
// This replays the memory side only; the kernel-level study runs the
// firmware on the ISS.
#ifndef PAVP_PLATFORM_STUDY_TRAFFIC_STUDY_H
#define PAVP_PLATFORM_STUDY_TRAFFIC_STUDY_H

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/study/run_spec.h"

namespace pavp {

// Runs the replay of a run spec's fix on a board built from its configuration
// (elaborates and simulates: call it in a process of its own, see
// run_pool.h). The spec's schedule and workload do not apply: the replay
// plays the seed's steps. The result
// has the keys fix, preset, outcome, stale_reads, first_stale (or null),
// fork_cycles, cow_fault_cycles, flush_ops, flush_cycles, writebacks,
// dram_bytes_read, dram_bytes_written, total_cycles.
nlohmann::ordered_json run_traffic_replay(const run_spec& spec);

struct traffic_study_options {
  std::vector<std::string> presets;    // empty: every preset
  std::vector<std::string> fixes;      // empty: every fix (fixes.h)
  std::vector<std::string> overrides;  // --set key=value, on every run
  unsigned jobs = 2;                   // replays at once, each in a process of its own
};

// pavp study --traffic: the replay for every preset and fix, on the
// configuration a firmware run of that fix would use (pipt: physically
// indexed caches). Returns one result object per run, presets outermost.
// Throws config_error for a bad preset, fix or key (before any run), and
// std::runtime_error when a run fails.
nlohmann::ordered_json run_traffic_study(const traffic_study_options& options);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_TRAFFIC_STUDY_H
