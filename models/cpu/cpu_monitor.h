// pavp::cpu::cpu_monitor: something that follows a cpu_model instruction by
// instruction -- a debugger (models/gdb/gdb_stub.h), a tracer
// (platform/study's Perfetto trace) -- without a cost to runs that have none.
//
//   my_monitor mon;                 // implements pavp::cpu::cpu_monitor
//   cpu.add_monitor(mon);           // before sc_start()
//
// While any attached monitor's per_instruction() is true, the CPU's thread
// runs its core one instruction at a time inside its usual chunks and calls
// before_instruction() of each such monitor before every instruction. What a
// run shows does not change: the core gives the same results whatever the
// length of its runs (a run is only a count of instructions), and the chunks
// and their time accounting stay as they are. Otherwise the core runs whole
// chunks and only between_chunks() is called.
//
// With a monitor attached, every load and store the D-cache completes is
// also reported to data_access() (after the access, with its virtual
// address), through the D-cache's access_observer path when there is one.
//
// A monitor may hold the CPU in before_instruction() or between_chunks() for
// as long as it likes (a debugger waiting for its user): the SystemC thread
// does not return meanwhile, so simulated time stands still.
#ifndef PAVP_CPU_CPU_MONITOR_H
#define PAVP_CPU_CPU_MONITOR_H

#include <cstdint>

namespace pavp::cpu {

class cpu_monitor {
 public:
  virtual ~cpu_monitor() = default;

  // True while before_instruction() is wanted before every instruction.
  // Asked before each instruction and at the start of each chunk.
  virtual bool per_instruction() const = 0;

  // Before each instruction while per_instruction(); the core's state names
  // it (IAOQ_Front). False ends the run (end_reason::MONITOR).
  virtual bool before_instruction() { return true; }

  // After each chunk of instructions (at most cpu_model_config::max_chunk,
  // or a quantum's worth), between two instructions. False ends the run.
  virtual bool between_chunks() { return true; }

  // After each load or store that completed: its virtual address, space
  // (0 for an absolute access) and length; is_write for a store.
  virtual void data_access(bool is_write, std::uint32_t vaddr, std::uint32_t space, unsigned len) {
    (void)is_write;
    (void)vaddr;
    (void)space;
    (void)len;
  }

  // Once, when the run ends: the CPU's thread ended (cpu_model::end() says
  // why), or another process stopped the simulation (a device's sc_stop()).
  virtual void at_end() {}
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_CPU_MONITOR_H
