// One run of the firmware kernel (firmware/) on the modelled platform: the
// board of a platform_config, the CPU with interruption delivery, the
// firmware window backed by memory, the coherence checker between the CPU
// and the D-cache, the schedule oracle, and the measurements of the run.
//
//   pavp::config_sources src;                      // preset, --set overrides
//   pavp::platform_config cfg = pavp::firmware_config(src, "cow-flush");
//   pavp::firmware_run_options opt;
//   opt.fix = "cow-flush";
//   nlohmann::ordered_json run = pavp::run_firmware(cfg, opt);   // elaborates: one per process
//   std::cout << pavp::firmware_summary(run);
//
// The run object has the keys fix, preset, schedule, outcome, stale_reads,
// fork_cycles, cow_faults, cow_fault_cycles, flush_ops, flush_cycles,
// fork_flush_ops, fork_flush_cycles, fork_whole_cache_flushes (inside the
// first fork), cow_flush_ops (inside COW faults), writebacks,
// dram_bytes_read, dram_bytes_written, total_cycles, instructions, first_stale (null or the
// checker's report), then details (end, exit_code, kernel result records, decisions). It holds
// nothing that depends on the host, so the same config and schedule give the same object.
#ifndef PAVP_PLATFORM_FIRMWARE_RUN_H
#define PAVP_PLATFORM_FIRMWARE_RUN_H

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pavp/devices/schedule.h"
#include "platform/config.h"

namespace pavp {

// The fix ids of DESIGN.md's table: the seven kernel policies, then pipt.
const std::vector<std::string>& firmware_fixes();
// PAVP_FIX_* of a kernel fix (pipt runs PAVP_FIX_NONE); config_error if unknown.
std::uint32_t firmware_fix_code(const std::string& fix);

// The configuration of a run: the sources, plus physically indexed caches
// for pipt. Throws config_error (also for an unknown fix).
platform_config firmware_config(const config_sources& sources, const std::string& fix);

// The schedule of a spec ("seed", "random:N", "replay:FILE"); config_error
// with one line for a bad spec or a malformed replay file.
std::unique_ptr<schedule> firmware_schedule(const std::string& spec);

// Whether the `seed` schedule fits the workload: its steps are those of the
// seed's two threads of A, so not with workload.extra_threads > 0.
bool seed_schedule_fits(const platform_config& config);

// Where the kernel ELF is looked for when no path is given: the build's
// firmware/pavp-kernel.elf.
std::string default_kernel_path();

struct firmware_run_options {
  std::string fix = "none";
  std::string schedule = "seed";
  std::string kernel;       // empty: default_kernel_path()
  std::string trace_file;   // empty: no event trace
  std::string record_file;  // empty: do not write the decisions as a replay file
  bool echo_console = false;
  bool verbose_kernel = false;  // PAVP_BPF_VERBOSE
  // Instruction budget when limits.instructions is 0.
  std::uint64_t default_instruction_limit = 200'000'000;
};

// Builds, elaborates and simulates (call it once per process, see
// run_pool.h). Throws config_error for bad options, std::runtime_error when
// the kernel cannot be loaded.
nlohmann::ordered_json run_firmware(const platform_config& config,
                                    const firmware_run_options& options);

// Runs that differ only in their schedule, all of one kind (all "seed", all
// "random:N" or all "replay:FILE"): the board is built and the kernel boots
// once; at the first schedule decision the process branches (run_pool.h,
// fork_branches) into one child per schedule, up to `parallel` at once, and
// each child goes on with its own schedule. Until that decision a run does
// not depend on its schedule, so each result is the object run_firmware
// gives for that schedule from boot (a test holds them to it). Call once per
// process; no trace, record or console echo. Throws config_error for bad
// options, std::runtime_error naming the schedule of a failed branch.
std::vector<nlohmann::ordered_json> run_firmware_branches(const platform_config& config,
                                                          const firmware_run_options& options,
                                                          const std::vector<std::string>& schedules,
                                                          unsigned parallel);

// A readable summary of a run object (and the first stale read's report).
std::string firmware_summary(const nlohmann::ordered_json& run);

}  // namespace pavp

#endif  // PAVP_PLATFORM_FIRMWARE_RUN_H
