// pavp::cpu::cpu_model: the PA-RISC ISS core (iss.h) as a SystemC/TLM-2.0
// initiator.
//
//   isocket (initiator)  instruction fetches of whole lines  -> icache.cpu_socket
//   dsocket (initiator)  loads, stores, cache operations     -> dcache.cpu_socket
//   irq[n]  (sc_in<bool>, optional) external interrupt lines -> EIRR bits
//
// The module implements cpu_bus: every fetch of a new line, every load, store
// and cache-maintenance operation of the core becomes one b_transport on a
// reused generic payload carrying a pavp::access_extension (virtual address,
// space, privilege, kind; cache operations travel as TLM_IGNORE_COMMAND with
// the operation in the extension). No DMI: the caches must see every access.
//
// Time. An SC_THREAD runs the core in chunks under tlm_utils::tlm_quantumkeeper
// (global quantum = cpu_model_config::quantum). The core counts cycles (a base
// cost per instruction class plus the cycles each bus call reports); the
// module turns cycles into time with the clock period. Each transaction is
// issued with the local time of the instruction that makes it (quantum keeper
// local time + the cycles of the current chunk so far), so the caches and the
// DRAM see the arrival times of a cycle-counted CPU; the latency a target adds
// to the delay comes back as cycles (rounded up) into the core's count.
//
// Code changes. FIC/FICE invalidate the core's pre-decoded instructions of the
// line (the core does that itself after the bus call). Stores to code need no
// hook: the core compares every executed word with the word its decoded form
// came from, and a fetch reads what the I-cache holds, as on the hardware
// (software must FDC/FIC after writing code). Debug writes through
// debug_write() invalidate the pre-decoded range.
//
// Stopping. The thread runs until the core stops for a reason other than
// its instruction budget (a trap without delivery, a bus error, an
// unmodelled instruction, the gateway page in user-mode emulation); then the
// stop handler is called (from the thread; it may change the state and
// return true to continue). Without a handler, or when it returns false,
// the thread ends (end_reason::STOPPED) and calls sc_stop(). The instruction
// and simulated-time budgets end it the same way (INSTRUCTION_LIMIT,
// TIME_LIMIT).
//
// Typical use:
//   pavp::board b("board", cfg);
//   pavp::cpu::cpu_model_config cc;
//   cc.clock_period_ps = cfg.cpu.clock_period_ps();
//   cc.quantum_ps = cfg.cpu.quantum_ns * 1000;
//   pavp::cpu::cpu_model cpu("cpu", cc);
//   cpu.isocket.bind(b.icache.cpu_socket);
//   cpu.dsocket.bind(b.dcache.cpu_socket);
//   cpu.set_start_handler([&] { /* load memory with cpu.debug_write, set the pc */ return true; });
//   sc_core::sc_start();
//   cpu.print_stats(std::cout);
#ifndef PAVP_CPU_CPU_H
#define PAVP_CPU_CPU_H

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <systemc>
#include <tlm>
#include <vector>

#include "pavp/cache/access_observer.h"
#include "pavp/cache/cache.h"
#include "pavp/cpu/cpu_bus.h"
#include "pavp/cpu/cpu_monitor.h"
#include "pavp/cpu/iss.h"
#include "pavp/tlm/access_extension.h"

namespace pavp::cpu {

struct cpu_model_config {
  std::uint64_t clock_period_ps = 6250;  // 160 MHz
  std::uint64_t quantum_ps = 1'000'000;  // temporal decoupling quantum (1 us)
  // Instructions the thread executes at most between two quantum checks; a
  // chunk also ends at the quantum boundary computed from the cycle count.
  std::uint64_t max_chunk = 100'000;
  // Total instruction budget (0: none); end_reason::INSTRUCTION_LIMIT.
  std::uint64_t max_instructions = 0;
  // Simulated-time budget in ps (0: none); end_reason::TIME_LIMIT.
  std::uint64_t max_time_ps = 0;
  // Number of sc_in<bool> interrupt lines (EIRR bits 31, 30, ... from the
  // least significant end upwards; bit 0, the interval timer, is never used).
  unsigned irq_lines = 0;
  // When a pavp::cache sits behind a socket, call it through its direct
  // interface (cache::access) instead of b_transport: the cache model still
  // sees, times and counts every access; only the generic payload is skipped.
  // Behind the data socket, a pass-through that observes every access
  // (access_observer.h) is told of each. With nothing in front of the D-cache
  // (no observer, no monitor) the core calls the cache's hit path itself
  // (cpu_bus::offer_data_hits). false: plain TLM transport for every access.
  bool direct_cache = true;
  // When the quantum is used up but no other process has anything to do up
  // to the CPU's local time (sc_time_to_pending_activity()), go on without
  // the wait: it would resume this thread with nothing run in between. Every
  // access keeps its time, so results are the same; the local time then
  // grows past the quantum until a sync is needed. sc_stop() is honoured;
  // sc_start(duration) and sc_pause() are not until the next sync, so this
  // is for platforms that run sc_start() to the end (pavp se, firmware runs).
  bool skip_idle_syncs = false;
  iss_config core;
};

struct cpu_model_stats {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
  double sim_seconds = 0;   // simulated time of the CPU (including local time)
  double host_seconds = 0;  // wall time spent in the CPU thread
  double host_mips() const {
    return host_seconds > 0 ? static_cast<double>(instructions) / host_seconds / 1e6 : 0.0;
  }
};

// cpu_bus comes first: the core's calls then need no this-adjusting thunk.
class cpu_model : private cpu_bus, public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<cpu_model> isocket;
  tlm_utils::simple_initiator_socket<cpu_model> dsocket;
  sc_core::sc_vector<sc_core::sc_in<bool>> irq;

  // Called when the core stops (see file comment); returns true to continue.
  using stop_handler = std::function<bool(const run_result&)>;

  cpu_model(sc_core::sc_module_name name, const cpu_model_config& config);
  ~cpu_model() override;

  iss& core() { return *m_core; }
  const iss& core() const { return *m_core; }
  const cpu_model_config& config() const { return m_config; }
  void set_stop_handler(stop_handler handler) { m_handler = std::move(handler); }
  // Called once when the thread starts (the sockets are bound then, so it may
  // use debug_read/debug_write to load memory); false ends the run at once
  // with end_reason::START_FAILED.
  void set_start_handler(std::function<bool()> handler) { m_start = std::move(handler); }

  // Attaches a monitor (cpu_monitor.h: a debugger, a tracer) before the
  // simulation starts; it must outlive the run.
  void add_monitor(cpu_monitor& monitor) { m_monitors.push_back(&monitor); }

  // Raises / lowers external interrupt bits of EIRR (BE bit i = 0x80000000 >> i).
  void raise_irq(std::uint32_t eirr_bits);
  void lower_irq(std::uint32_t eirr_bits);

  // Why the thread stopped: the core stopped and the handler (if any) did
  // not continue (STOPPED, see last_stop()), a budget ran out, or a monitor
  // ended the run (MONITOR: a debugger's kill).
  enum class end_reason : std::uint8_t {
    RUNNING,
    STOPPED,
    INSTRUCTION_LIMIT,
    TIME_LIMIT,
    START_FAILED,
    MONITOR
  };
  end_reason end() const { return m_end; }
  // The core's result that ended the run (for STOPPED).
  const run_result& last_stop() const { return m_last; }

  // Untimed, statistics-free access to memory as the data side sees it
  // (dirty lines in the D-cache included): debug transport through dsocket.
  // Return the bytes transferred. debug_write also drops pre-decoded code.
  unsigned debug_read(std::uint32_t vaddr, void* data, unsigned len);
  unsigned debug_write(std::uint32_t vaddr, const void* data, unsigned len);
  // The same at a translated address: the bytes at physical paddr, looked
  // up in the D-cache through the set that (space:vaddr) indexes, as a load
  // at that virtual address would find them (within one page).
  unsigned debug_read_at(std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr, void* data,
                         unsigned len);
  unsigned debug_write_at(std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr,
                          const void* data, unsigned len);

  cpu_model_stats stats() const;
  void print_stats(std::ostream& os) const;

  // The current simulated time of the CPU, local time included.
  sc_core::sc_time local_now() const;

 private:
  void thread();
  // Tells the monitors the run has ended (once): from the thread when it
  // ends, or at the end of simulation when another process stopped it.
  void end_monitors();
  void end_of_simulation() override;
  // Adds the loop's host time to host_seconds (once): from the same two
  // places.
  void end_loop_time();
  // The quantum's sync can be skipped (cpu_model_config::skip_idle_syncs).
  bool idle_sync() const;
  void irq_method();
  bool transport(tlm_utils::simple_initiator_socket<cpu_model>& socket, tlm::tlm_command cmd,
                 std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles);
  // debug_read/debug_write: transport_dbg through the D-cache in chunks.
  unsigned debug_transport(tlm::tlm_command cmd, std::uint32_t vaddr, std::uint32_t space,
                           std::uint64_t paddr, unsigned char* data, unsigned len);
  // A chunk of at most budget instructions with monitors attached: one
  // instruction at a time while one of them asks for it (cpu_monitor.h).
  run_result run_monitored(std::uint64_t budget);
  // Tells the monitors of a completed load or store.
  void monitor_data(tlm::tlm_command cmd, const access_extension& ext, unsigned len);
  // The local time of an access made now, and the cycles a latency costs.
  sc_core::sc_time access_time();
  void count_latency(const sc_core::sc_time& issued, const sc_core::sc_time& done,
                     std::uint64_t& cycles);
  // The cycles a hit in c costs: its hit latency in whole clock cycles.
  std::uint64_t hit_cycles(const pavp::cache& c) const;
  // A load, fetch or store through a direct cache: the inline hit path, else
  // the miss path at the access's time; with ref, a hit names its line.
  bool direct_access(pavp::cache& c, access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                     std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles,
                     pavp::cache_core::line_ref* ref);
  // An access through a direct cache that access_hit() declined: the cache's
  // miss path at the access's time. Out of line, so that the hit paths of
  // read(), fetch() and write() stay small.
  __attribute__((noinline)) bool direct_miss(pavp::cache& c, access_kind kind, std::uint32_t vaddr,
                                             std::uint32_t space, std::uint64_t paddr,
                                             std::uint8_t* data, unsigned len,
                                             std::uint64_t& cycles);
  // direct_miss()'s body, inline in data_miss(), the core's miss path.
  inline bool miss_at(pavp::cache& c, access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                      std::uint64_t paddr, std::uint8_t* data, unsigned len, std::uint64_t& cycles);
  // A load or store through the direct D-cache with an observer in front:
  // before_access, the access, after_access. Out of line as well.
  __attribute__((noinline)) bool observed_access(access_kind kind, tlm::tlm_command cmd,
                                                 std::uint32_t vaddr, std::uint32_t space,
                                                 std::uint8_t privilege, std::uint64_t paddr,
                                                 std::uint8_t* data, unsigned len,
                                                 std::uint64_t& cycles);
  // The space a data access names to the caches: 0 for an absolute access
  // (PSW.D = 0), which forms no virtual address (a space-hashed index such as
  // the PA7100LC's applies in virtual mode only), else the instruction's.
  std::uint32_t data_space(std::uint32_t space) const {
    return (m_core->state().psw & PSW_D) ? space : 0;
  }
  // A load, fetch or store through the socket (no direct cache): the access
  // extension filled in, then transport(). Out of line for the same reason.
  __attribute__((noinline)) bool socket_access(access_kind kind, tlm::tlm_command cmd,
                                               std::uint32_t vaddr, std::uint32_t space,
                                               std::uint8_t privilege, std::uint64_t paddr,
                                               void* data, unsigned len, std::uint64_t& cycles);
  // The direct caches' time: an access's start in picoseconds since time 0
  // (the same instant as access_time(), as an integer), and a latency in
  // picoseconds as whole clock cycles (rounded up, as count_latency does).
  std::uint64_t access_time_ps() const {
    return m_chunk_start_ps + (m_core->stats().cycles - m_chunk_cycles) * m_config.clock_period_ps;
  }
  // (Most misses repeat a latency seen before: the last one is kept, and
  // only a new one is divided, out of line.)
  std::uint64_t latency_cycles_ps(std::uint64_t latency_ps) {
    if (latency_ps != m_last_latency_ps) remember_latency_ps(latency_ps);
    return m_last_latency_ps_cycles;
  }
  void remember_latency_ps(std::uint64_t latency_ps);

  // cpu_bus
  bool read(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
            std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles) override;
  bool write(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
             std::uint64_t paddr, const void* data, unsigned len, std::uint64_t& cycles) override;
  bool data_miss(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
                 std::uint64_t paddr, std::uint8_t* data, unsigned len,
                 std::uint64_t& cycles) override;
  bool cache_op(pavp::cache_op op, std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
                std::uint64_t paddr, std::uint64_t& cycles) override;
  // With an observer in front of the direct D-cache: a hit the core served
  // itself, told to the observer (cpu_bus::data_hits_observed).
  void observe_data_hit(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                        std::uint8_t privilege, std::uint64_t paddr, std::uint8_t* data,
                        unsigned len) override;
  bool observer_takes_stores() const override {
    return m_observer != nullptr && m_observer->takes_stores();
  }
  bool observe_quiet_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len) override {
    return m_observer->after_quiet_load(paddr, data, len);
  }
  void observe_store_hits(const observed_store* stores, std::size_t count) override {
    m_observer->after_stores(stores, count);
  }
  // With a direct instruction cache, a fetch hit names its line, which the
  // core touches again itself (cpu_bus::offer_fetch_hits).
  bool fetch(std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege, std::uint64_t paddr,
             void* data, unsigned len, std::uint64_t& cycles, line_token& token) override;
  bool peek_code(std::uint64_t paddr, void* data, unsigned len) override;

  cpu_model_config m_config;
  std::unique_ptr<iss> m_core;
  stop_handler m_handler;
  std::function<bool()> m_start;
  tlm_utils::tlm_quantumkeeper m_qk;

  tlm::tlm_generic_payload m_gp;
  access_extension m_ext;
  pavp::cache* m_direct_icache = nullptr;  // see cpu_model_config::direct_cache
  pavp::cache* m_direct_dcache = nullptr;
  // The pass-through in front of m_direct_dcache, told of every data access.
  pavp::access_observer* m_observer = nullptr;
  // The cycles a hit in each direct cache costs (count_latency of its hit
  // latency): a hit needs neither its local time nor the conversions.
  std::uint64_t m_icache_hit_cycles = 0;
  std::uint64_t m_dcache_hit_cycles = 0;

  // Cycle count of the core when the current chunk started, and the local
  // time then; an access's local time is m_chunk_local + (cycles - m_chunk_cycles).
  std::uint64_t m_chunk_cycles = 0;
  sc_core::sc_time m_chunk_local;
  sc_core::sc_time m_period;
  sc_core::sc_time m_last_delay_in;  // memo of the last cycle -> time conversion
  std::uint64_t m_last_delay_cycles = 0;
  sc_core::sc_time::value_type m_last_latency = 0;  // memo of the last latency -> cycles
  std::uint64_t m_last_latency_cycles = 0;
  std::uint64_t m_chunk_start_ps = 0;   // m_chunk_local as simulated time since 0, in ps
  std::uint64_t m_last_latency_ps = 0;  // memo of the last latency_cycles_ps()
  std::uint64_t m_last_latency_ps_cycles = 0;

  // The attached monitors, and the observer that reports the D-cache's
  // loads and stores to them, in front of any observer already there.
  class monitor_observer : public pavp::access_observer {
   public:
    cpu_model* owner = nullptr;
    pavp::access_observer* next = nullptr;
    pavp::cache* cache = nullptr;
    pavp::cache* observed_cache() override { return cache; }
    void before_access() override {
      if (next) next->before_access();
    }
    void after_access(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
                      const access_extension& ext) override {
      if (next) next->after_access(cmd, paddr, data, len, ext);
      owner->monitor_data(cmd, ext, len);
    }
    void after_hit(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
                   const access_extension& ext) override {
      if (next) next->after_hit(cmd, paddr, data, len, ext);
      owner->monitor_data(cmd, ext, len);
    }
  };
  std::vector<cpu_monitor*> m_monitors;
  monitor_observer m_monitor_observer;
  bool m_monitors_ended = false;

  run_result m_last;
  end_reason m_end = end_reason::RUNNING;
  std::uint32_t m_irq_state = 0;
  double m_host_seconds = 0;
  std::chrono::steady_clock::time_point m_loop_start;
  bool m_loop_timed = false;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_CPU_H
