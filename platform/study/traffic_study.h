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
#ifndef PAVP_PLATFORM_TRAFFIC_STUDY_H
#define PAVP_PLATFORM_TRAFFIC_STUDY_H

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/config.h"

namespace pavp {

// The fixes of DESIGN.md's table, in its order (the firmware's, firmware_run.h).
const std::vector<std::string>& traffic_fixes();

// Throws config_error naming the fix and the accepted ids if fix is unknown.
void check_fix_name(const std::string& fix);

// Runs the replay for one fix on a board built from config (elaborates and
// simulates: call it in a process of its own, see run_pool.h). The result
// has the keys fix, preset, outcome, stale_reads, first_stale (or null),
// fork_cycles, cow_fault_cycles, flush_ops, flush_cycles, writebacks,
// dram_bytes_read, dram_bytes_written, total_cycles.
nlohmann::ordered_json run_traffic_replay(const platform_config& config, const std::string& fix);

}  // namespace pavp

#endif  // PAVP_PLATFORM_TRAFFIC_STUDY_H
