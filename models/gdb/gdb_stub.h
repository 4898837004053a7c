// pavp::gdb::gdb_stub: a GDB remote stub for pavp's PA-RISC CPU model, so
// that gdb-multiarch (or any RSP client) can debug what runs on it.
//
//   pavp::gdb::gdb_stub stub(cpu, port);   // listens now: a port in use throws
//   stub.set_exit_status([&] { return exit_code; });
//   cpu.add_monitor(stub);                 // the CPU waits for gdb before its first instruction
//   sc_core::sc_start();
//
//   $ gdb-multiarch kernel.elf -ex 'target remote :PORT'
//
// What the debugger can do (GDB manual, "Remote Protocol"; the register
// numbering is GDB's for hppa32 as QEMU's target/hppa/gdbstub.c serves it):
// - registers `g`/`G`/`p`/`P`, 128 of 32 bits: 0 flags (the PSW), 1..31 the
//   general registers, 32 SAR, 33..36 the instruction queue (pcoqh, pcsqh,
//   pcoqt, pcsqt), 37 EIEM, 38 IIR, 39 ISR, 40 IOR, 41 ipsw, 43..50 the
//   space registers (sr4, sr0..sr3, sr5..sr7), 51..63 control registers
//   (cr0, cr8, cr9, ccr, cr12, cr13, cr24..cr30), 64..127 the FP register
//   halves (fr0 high first). Register 41 carries the PSW the CPU runs with,
//   as a stopped Linux process's ipsw does (GDB's hppa read_pc looks at its
//   N bit); the IPSW control register is `monitor cr`.
// - memory `m`/`M`/`X` at virtual addresses, translated as the CPU's data
//   side would translate them now: absolute while PSW.D = 0, else through
//   the DTLB with the space a short pointer selects (sr4..sr7 by the top two
//   bits); addresses neither gives are offered to the platform's translator
//   (set_translator: a kernel's page tables). Reads and writes are debug
//   transport through the D-cache: no cache state, statistic or time
//   changes, and a dirty line's bytes are what is read.
// - breakpoints `Z0`/`Z1` (at an instruction's virtual offset, any space),
//   watchpoints `Z2` (write), `Z3` (read), `Z4` (access) on the virtual
//   addresses of the CPU's loads and stores; `c`, `s`, Ctrl-C; `k` ends the
//   run; `D` (or a client that goes away) lets it run on without a debugger.
// - `monitor` commands (`qRcmd`): `help`, `cr` (every control register),
//   and those the platform adds (add_command: `stale-stop`, `stale`).
// - the end of the simulation as the process exiting (`W` with the status
//   that set_exit_status gives).
//
// Simulated time stands still while the debugger holds the CPU: the stub
// blocks inside the CPU's SystemC thread (cpu_monitor.h).
#ifndef PAVP_GDB_GDB_STUB_H
#define PAVP_GDB_GDB_STUB_H

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pavp/cpu/cpu.h"
#include "pavp/cpu/cpu_monitor.h"
#include "pavp/gdb/rsp_connection.h"

namespace pavp::gdb {

class gdb_stub : public cpu::cpu_monitor {
 public:
  // Listens on 127.0.0.1:port (0: any free port) at once; throws
  // std::runtime_error with a one-line message (port in use, ...).
  gdb_stub(cpu::cpu_model& cpu, unsigned port);

  unsigned port() const { return m_conn.port(); }

  // Where the stub's messages to the user go, one line each (default:
  // standard error, "pavp: gdb: ...").
  void set_log(std::function<void(const std::string&)> log) { m_log = std::move(log); }
  // The physical address of a data address the CPU's translation does not
  // give (a page the TLB does not hold), or nothing.
  using translator = std::function<std::optional<std::uint64_t>(std::uint32_t vaddr)>;
  void set_translator(translator t) { m_translate = std::move(t); }
  // The exit status reported to the debugger when the run ends.
  void set_exit_status(std::function<int()> status) { m_exit_status = std::move(status); }
  // A `monitor NAME ARGS` command: returns the text to show.
  using command = std::function<std::string(const std::string& args)>;
  void add_command(const std::string& name, const std::string& help, command handler);

  // Asks for a stop before the next instruction, with a line for the
  // debugger's console (a platform event: the first stale read). Exact to
  // the instruction while check_requests(true), else at the next chunk.
  void request_stop(const std::string& why);
  void check_requests(bool on) { m_check_requests = on; }
  bool checks_requests() const { return m_check_requests; }

  // cpu_monitor
  bool per_instruction() const override;
  bool before_instruction() override;
  bool between_chunks() override;
  void data_access(bool is_write, std::uint32_t vaddr, std::uint32_t space, unsigned len) override;
  void at_end() override;

 private:
  enum class mode : std::uint8_t { HOLD, STEP, CONTINUE, DETACHED };
  enum class watch_kind : std::uint8_t { WRITE = 2, READ = 3, ACCESS = 4 };
  struct watchpoint {
    watch_kind kind;
    std::uint32_t addr;
    std::uint32_t len;
  };
  // What a packet asks of the run.
  enum class action : std::uint8_t { STAY, RESUME, KILL };

  // Talks to the debugger until it resumes (true) or kills the run (false).
  bool serve();
  action handle(const std::string& packet);
  // Stops with a stop reply, then serves.
  bool stop(const std::string& reply);
  // The debugger went away: the run goes on without it.
  void detach(const std::string& why);
  void say(const std::string& line) const;
  // Polls for Ctrl-C now and then while running (every few milliseconds).
  bool interrupted();

  std::string read_registers() const;
  bool write_register(unsigned n, std::uint32_t value);
  std::uint32_t register_value(unsigned n) const;
  // Where GDB's register n lives (nullptr for the PSW, FP halves and unused numbers).
  std::uint32_t* register_slot(unsigned n) const;
  // Memory at a virtual address as the CPU's data side sees it now; the
  // bytes moved.
  std::size_t access_memory(bool write, std::uint32_t vaddr, std::uint8_t* data, std::size_t len);
  struct where {
    std::uint64_t paddr;
    std::uint32_t space;
  };
  std::optional<where> translate(std::uint32_t vaddr) const;
  std::string monitor(const std::string& line);

  cpu::cpu_model& m_cpu;
  rsp_connection m_conn;
  mode m_mode = mode::HOLD;
  std::set<std::uint32_t> m_breakpoints;
  std::vector<watchpoint> m_watchpoints;
  // Instructions begun since the last resume (a step ends at the second).
  std::uint64_t m_since_resume = 0;
  std::string m_pending_stop;  // a stop reply waiting for the next instruction
  bool m_check_requests = false;
  unsigned m_poll_countdown = 0;
  std::uint64_t m_last_poll_ns = 0;
  std::function<void(const std::string&)> m_log;
  translator m_translate;
  std::function<int()> m_exit_status;
  struct command_entry {
    std::string help;
    command handler;
  };
  std::map<std::string, command_entry> m_commands;
};

}  // namespace pavp::gdb

#endif  // PAVP_GDB_GDB_STUB_H
