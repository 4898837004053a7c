// One run of the firmware kernel (firmware/) on the modelled platform: the
// board of a run spec's configuration, the CPU with interruption delivery,
// the firmware window backed by memory, the coherence checker between the
// CPU and the D-cache, the schedule oracle, and the measurements of the run.
//
//   pavp::config_sources src;                                   // preset, --set overrides
//   pavp::run_spec spec = pavp::make_run_spec(src, "cow-flush", "seed");   // run_spec.h
//   nlohmann::ordered_json run = pavp::run_firmware(spec, {});  // elaborates: one per process
//   std::cout << pavp::firmware_summary(run);
//
// The run object has the keys fix, preset, schedule, outcome, stale_reads,
// fork_cycles, cow_faults, cow_fault_cycles, flush_ops, flush_cycles,
// fork_flush_ops, fork_flush_cycles, fork_whole_cache_flushes (inside the
// first fork), cow_flush_ops (inside COW faults), writebacks,
// dram_bytes_read, dram_bytes_written, total_cycles, instructions, first_stale (null or the
// checker's report), then details (end, exit_code, kernel result records, decisions). It holds
// nothing that depends on the host, so the same spec gives the same object.
#ifndef PAVP_PLATFORM_STUDY_FIRMWARE_RUN_H
#define PAVP_PLATFORM_STUDY_FIRMWARE_RUN_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/study/run_spec.h"

namespace pavp::cpu {
struct cpu_model_stats;
}  // namespace pavp::cpu

namespace pavp {

// Where the kernel ELF is looked for when no path is given: the build's
// firmware/pavp-kernel.elf, or for the nptl scenario the same kernel with
// the Linux personality, firmware/pavp-kernel-linux.elf.
std::string default_kernel_path(const std::string& scenario = "lists");

// How a run is carried out and what it writes besides its result (what is
// run is the run_spec).
struct firmware_run_options {
  std::string kernel;       // empty: default_kernel_path()
  std::string trace_file;   // empty: no event trace
  std::string record_file;  // empty: do not write the decisions as a replay file
  bool echo_console = false;
  bool verbose_kernel = false;  // PAVP_BPF_VERBOSE
  // Record the run's events and tell its race (race_explain.h): the run
  // object gets "explain", the steps as JSON.
  bool explain = false;
  // Write the run as a Perfetto trace there (perfetto_trace.h); empty: none.
  std::string perfetto_file;
  // The CPU calls the D-cache directly and tells the coherence probe of each
  // access (access_observer.h); false: every access is a b_transport through
  // the probe. The run is the same either way (a test holds them to it).
  bool direct_cache = true;
  // Instruction budget when limits.instructions is 0.
  std::uint64_t default_instruction_limit = 200'000'000;
  // Wait for a debugger on 127.0.0.1:port before the first instruction
  // (models/gdb/gdb_stub.h; 0: any free port, told on standard error).
  std::optional<unsigned> gdb_port;
  // When set, receives the CPU's statistics at the end of the simulation,
  // the host time of its loop (start-up and output excluded) among them:
  // `pavp run --host-stats`. Host time is not part of the run object, which
  // stays the same for the same spec.
  cpu::cpu_model_stats* cpu_stats = nullptr;
};

// Builds, elaborates and simulates (call it once per process, see
// run_pool.h). Throws config_error for bad options, std::runtime_error when
// the kernel cannot be loaded.
nlohmann::ordered_json run_firmware(const run_spec& spec, const firmware_run_options& options);

// The race of the spec's run, told as race_text() tells it (a run with
// `explain`), and written as a Perfetto trace if perfetto_file is not empty.
// Simulates: call once per process.
std::string explain_firmware(const run_spec& spec, const std::string& perfetto_file = "");

// Runs of a spec that differ only in their schedule (of any kinds, and one
// placement): the board is built and the kernel boots once; at the first
// schedule decision the process branches (run_pool.h, fork_branches) into one
// child per schedule, up to `parallel` at once, and each child goes on with
// its own schedule. Until that decision a run does not depend on its schedule
// (the boot block names the platform's oracle, not the schedule), so each
// result is the object run_firmware gives for that schedule from boot (a test
// holds them to it). Call once per process; no trace, record or console echo.
// Throws config_error for bad options, std::runtime_error naming the schedule
// of a failed branch.
std::vector<nlohmann::ordered_json> run_firmware_branches(
    const run_spec& spec, const firmware_run_options& options,
    const std::vector<schedule_spec>& schedules, unsigned parallel);

// The same for several fixes that boot alike (boots_alike: the same boot
// parameter block and caches): the kernel boots once, and when it first asks
// for its fix (PAVP_QUERY_FIX: in the seed's workload, at the fork) the
// process branches into one child per fix, each of which branches at its
// first schedule decision as above. Until the kernel asks, a run does not
// depend on its fix, so each result is again the object run_firmware gives
// for that fix and schedule from boot. The runs come fix by fix, each
// schedule in order. Also throws config_error for fixes that do not boot alike.
std::vector<nlohmann::ordered_json> run_firmware_branches(
    const run_spec& spec, const firmware_run_options& options, const std::vector<fix_spec>& fixes,
    const std::vector<schedule_spec>& schedules, unsigned parallel);

// Whether runs of a and b boot alike, so that run_firmware_branches can run
// both fixes from one boot: the same boot parameter block (pipt's physically
// indexed caches and colour-alloc's allocator are in it, a fix's code is not)
// and the same caches.
bool boots_alike(const run_spec& a, const run_spec& b);

// Which choices are preemptions (the schedule space of pavp explore): a
// choice that switches away from a thread that could continue. At the
// kernel's points 1 (copy_page_range's pte_alloc), 2 (do_fork after
// wake_up_new_task) and 4 (a timer tick), choice 0 keeps the current thread
// and any other choice preempts it (cost 1). At 3 (sched_yield) the thread
// offers the CPU and at 5 it cannot go on: no choice there preempts (cost 0).
unsigned preemption_cost(std::uint32_t point, std::uint32_t choice);

struct explore_options {
  unsigned bound = 2;               // preemptions per schedule
  std::uint64_t max_schedules = 0;  // stop branching after this many; 0: no limit
  unsigned jobs = 2;                // processes simulating at once, at most
  // Called about twice a second with the schedules finished so far.
  std::function<void(std::uint64_t done)> progress;
};

struct explore_result {
  // One run object per schedule (without the console transcript), in the
  // order of their choices; "decisions" is the schedule, "preemptions" its count.
  std::vector<nlohmann::ordered_json> leaves;
  bool exhausted = true;  // every schedule within the bound was run
};

// Every schedule of the spec's run with at most `bound` preemptions, depth
// first, sharing prefixes: the run is forked at each decision with more than
// one allowed choice, so each schedule pays only for its own suffix. The
// spec's own schedule is ignored. Call from a process that has not simulated
// (the tree runs in a child). Throws config_error for options that need a
// run of their own, std::runtime_error naming the decision of a failed one.
explore_result explore_firmware(const run_spec& spec, const firmware_run_options& options,
                                const explore_options& limits);

// A readable summary of a run object (and the first stale read's report).
std::string firmware_summary(const nlohmann::ordered_json& run);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_FIRMWARE_RUN_H
