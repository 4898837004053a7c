// pavp run --perfetto FILE: a firmware run as a trace that the Perfetto UI
// (ui.perfetto.dev) and Chrome's trace viewer (chrome://tracing) open, in
// the JSON trace event format (Chromium's "Trace Event Format"), timestamps
// in simulated time (microseconds: cycles x the CPU's clock period).
//
//   perfetto_trace trace(path, period_ps, kernel_elf, inlined_ranges_path(kernel_path),
//                        cpu.core(), control.core(), board.dcache, board.icache);
//   cpu.add_monitor(trace);   // follows the pc, instruction by instruction
//   ... the run's events as they happen: decision, marker, flush_run, stale, exit ...
//   trace.finish(about);      // closes open spans, writes the file's end
//
// firmware_run.cpp's run_trace builds one for --perfetto and feeds it.
//
// What it holds (README.md, "Perfetto trace"):
// - one process per guest process (the guest's pid; named A, B as the seed
//   names them), one thread track per guest thread (the guest's tid; named
//   B by seed_thread_name, race_explain.h); the boot (the guest's
//   pid/tid 0) and the machine's counters under pid/tid 1<<20, since trace
//   viewers take 0 for the idle task;
// - spans (B/E) on the thread's track for the kernel functions of the path
//   under study, under their Linux names, and for user mode: a function's
//   span opens when that thread's pc reaches its entry and closes when the
//   thread's pc reaches the return address it was entered with; a function
//   the compiler inlined (dup_mmap, copy_page_range) is open while the
//   thread runs the addresses its debug information gives it (from
//   pavp-kernel.inlined, firmware/inlined_ranges.py) or a function called
//   from there;
// - instant events, with the vocabulary of the text trace (trace_event
//   below): thread switches, schedule decisions, kernel markers, runs of
//   one cache operation, every stale read with its full report, the exit;
// - counter tracks of the machine: flush operations, D-cache misses, D-cache
//   write-backs (cumulative, sampled as they change).
//
// Following the pc makes the CPU step one instruction at a time; the run's
// figures do not change (a test holds them to it).
#ifndef PAVP_PLATFORM_STUDY_PERFETTO_TRACE_H
#define PAVP_PLATFORM_STUDY_PERFETTO_TRACE_H

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "pavp/cache/cache.h"
#include "pavp/cpu/cpu_monitor.h"
#include "pavp/cpu/iss.h"
#include "pavp/devices/simctl.h"
#include "pavp/tlm/access_extension.h"
#include "platform/board/elf_loader.h"
#include "platform/study/coherence_checker.h"

namespace pavp {

// The names of a run's events, one vocabulary for the text trace (--trace,
// one event a line: "<cycle> <name> ...") and the Perfetto trace (the
// instant events' names).
namespace trace_event {
inline constexpr const char* mark = "mark";                // a kernel marker begins or ends
inline constexpr const char* sched = "sched";              // a schedule decision
inline constexpr const char* sched_error = "sched error";  // the schedule could not answer
inline constexpr const char* switch_thread = "switch";     // the kernel runs another thread
inline constexpr const char* flush = "flush";              // a run of one cache operation
inline constexpr const char* stale = "stale";              // a load returned stale data
inline constexpr const char* exit = "exit";                // the firmware exited
}  // namespace trace_event

// The kernel functions the trace has spans for: Linux's name and the
// kernel's symbol (the firmware's fix hooks carry the Linux function they
// stand for: fix_copy_user_page is copy_user_page).
struct traced_function {
  const char* name;
  const char* symbol;
};
const std::vector<traced_function>& traced_functions();

// Where pavp-kernel.elf's inlined functions lie: the file firmware's build
// writes beside it (KERNEL.inlined for KERNEL.elf).
std::string inlined_ranges_path(const std::string& kernel_elf);

class perfetto_trace : public cpu::cpu_monitor {
 public:
  // The trace goes to path at finish() (written whole: a run that fails
  // leaves no half trace). The kernel image names the traced functions
  // (those it lacks are left out); inlined_path is read if it exists.
  perfetto_trace(const std::string& path, std::uint64_t period_ps, const elf_image& kernel,
                 const std::string& inlined_path, const cpu::iss& core, const simctl_core& control,
                 const cache& dcache, const cache& icache);

  // cpu_monitor
  bool per_instruction() const override { return !m_finished; }
  bool before_instruction() override;

  // The run's events, as they happen (the pid/tid are sim-control's current).
  void decision(std::uint32_t point, std::uint32_t n, std::uint32_t choice);
  void schedule_error(const std::string& message);
  void marker(std::uint64_t cycle, const char* name, bool begin, std::uint32_t pid,
              std::uint32_t tid);
  // A run of `count` cache operations `op` from first_vaddr, started at
  // start_cycle by thread pid/tid at pc (in function), op_cycles spent.
  void flush_run(std::uint64_t start_cycle, std::uint32_t pid, std::uint32_t tid, pavp::cache_op op,
                 std::uint64_t count, std::uint64_t first_vaddr, std::uint32_t space,
                 std::uint32_t pc, const std::string& function, std::uint64_t op_cycles);
  void stale(const stale_read& s);
  void exit(std::uint32_t code);

  // Closes the spans still open, samples the counters a last time and
  // writes the file, with `about` (the run's fix, preset, ...) as its
  // metadata (file_io.h, write_text_file: throws std::runtime_error naming
  // the path if it cannot be written).
  void finish(const nlohmann::ordered_json& about);

 private:
  struct frame {
    const char* name;
    std::uint32_t ret;  // return address (inlined: none)
    int inlined;        // index into m_inlined, or -1
  };
  struct thread_state {
    std::uint32_t pid = 0;
    bool user = false;
    std::vector<frame> frames;
    std::optional<std::uint32_t> watch;  // the innermost real frame's return address
  };
  struct inlined_range {
    std::uint32_t first, end;              // the inlined function's addresses
    std::uint32_t outer_first, outer_end;  // the function it is inlined into
    const char* name;
  };

  std::uint64_t cycles() const { return m_core.stats().cycles; }
  double ts(std::uint64_t cycle) const;
  void emit(nlohmann::ordered_json event);
  thread_state& thread(std::uint32_t tid, std::uint32_t pid);
  void switch_to(std::uint32_t tid);
  void begin_span(std::uint32_t tid, thread_state& t, const char* name, const char* category,
                  const char* symbol);
  void end_span(std::uint32_t tid, thread_state& t);
  void pop_to(std::uint32_t tid, thread_state& t, std::size_t depth);
  void returned(std::uint32_t tid, thread_state& t, std::uint32_t addr);
  void in_inlined(std::uint32_t tid, thread_state& t, std::uint32_t addr);
  void update_watch(thread_state& t);
  void sample_counters(bool force);
  void instant(const char* name, std::uint64_t cycle, std::uint32_t pid, std::uint32_t tid,
               nlohmann::ordered_json args);

  std::string m_path;
  std::string m_text;  // the file, written whole by finish()
  bool m_finished = false;
  std::uint64_t m_period_ps;
  const cpu::iss& m_core;
  const simctl_core& m_control;
  const cache& m_dcache;
  const cache& m_icache;
  bool m_first_event = true;
  std::uint64_t m_events = 0;

  // Entries of the traced functions: a bit per word address hashed, then the map.
  std::vector<bool> m_entry_filter;
  std::unordered_map<std::uint32_t, std::pair<const char*, const char*>> m_entries;  // name, symbol
  std::vector<inlined_range> m_inlined;              // outer before inner
  std::uint32_t m_inlined_lo = 0, m_inlined_hi = 0;  // the window holding every range

  std::unordered_map<std::uint32_t, thread_state> m_threads;  // by tid
  std::uint32_t m_tid = 0;
  thread_state* m_thread = nullptr;
  std::unordered_set<std::uint32_t> m_named_processes;  // pids given a process_name

  std::uint64_t m_next_sample = 0;
  std::uint64_t m_flush_ops = 0, m_misses = 0, m_writebacks = 0;
  bool m_sampled = false;
  std::uint64_t m_stale_shown = 0, m_stale_total = 0;
};

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_PERFETTO_TRACE_H
