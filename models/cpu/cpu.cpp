// pavp::cpu::cpu_model: the ISS core behind two TLM initiator sockets.
#include "pavp/cpu/cpu.h"

#include "pavp/cache/cache_miss.h"

#include <algorithm>
#include <ostream>
#include <string>

#include "pavp/tlm/time.h"

namespace pavp::cpu {

namespace {

constexpr unsigned k_debug_chunk = 256;  // bytes per debug transaction

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return b == 0 ? 0 : (a + b - 1) / b;
}

}  // namespace

cpu_model::cpu_model(sc_core::sc_module_name name, const cpu_model_config& config)
    : sc_module(name),
      isocket("isocket"),
      dsocket("dsocket"),
      irq("irq", config.irq_lines),
      m_config(config) {
  if (m_config.clock_period_ps == 0) m_config.clock_period_ps = 1;
  if (m_config.max_chunk == 0) m_config.max_chunk = 1;
  m_core = std::make_unique<iss>(static_cast<cpu_bus&>(*this), m_config.core);
  m_period = sc_core::sc_time(static_cast<double>(m_config.clock_period_ps), sc_core::SC_PS);
  if (m_config.quantum_ps != 0) {
    tlm_utils::tlm_quantumkeeper::set_global_quantum(
        sc_core::sc_time(static_cast<double>(m_config.quantum_ps), sc_core::SC_PS));
  }
  pavp::attach(m_gp, m_ext);
  m_gp.set_streaming_width(0);
  m_gp.set_byte_enable_ptr(nullptr);

  SC_HAS_PROCESS(cpu_model);
  SC_THREAD(thread);
  if (m_config.irq_lines > 0) {
    SC_METHOD(irq_method);
    for (auto& line : irq) sensitive << line;
    dont_initialize();
  }
}

cpu_model::~cpu_model() {
  pavp::detach(m_gp);
}

void cpu_model::raise_irq(std::uint32_t eirr_bits) {
  m_core->raise_external(eirr_bits);
}

void cpu_model::lower_irq(std::uint32_t eirr_bits) {
  m_core->lower_external(eirr_bits);
}

void cpu_model::irq_method() {
  // Line n drives EIRR bit 31 - n (BE numbering), i.e. mask 1 << n.
  std::uint32_t now = 0;
  for (unsigned n = 0; n < irq.size() && n < 31; ++n) {
    if (irq[n].read()) now |= 1u << n;
  }
  const std::uint32_t up = now & ~m_irq_state;
  const std::uint32_t down = m_irq_state & ~now;
  if (up) m_core->raise_external(up);
  if (down) m_core->lower_external(down);
  m_irq_state = now;
}

sc_core::sc_time cpu_model::local_now() const {
  return sc_core::sc_time_stamp() + m_qk.get_local_time();
}

void cpu_model::thread() {
  m_qk.reset();
  if (m_config.direct_cache) {
    m_direct_icache = find_cache(isocket);
    m_direct_dcache = find_cache(dsocket);
    if (m_direct_dcache == nullptr) {
      m_observer = find_interface<pavp::access_observer>(dsocket);
      if (m_observer) m_direct_dcache = m_observer->observed_cache();
      if (m_direct_dcache == nullptr) m_observer = nullptr;
    }
    if (m_direct_icache) {
      m_icache_hit_cycles = hit_cycles(*m_direct_icache);
      // A fetch through the direct I-cache adds nothing to its hit path: the
      // core touches the lines it fetched before itself.
      offer_fetch_hits(&m_direct_icache->core(), m_icache_hit_cycles);
    }
    if (m_direct_dcache) m_dcache_hit_cycles = hit_cycles(*m_direct_dcache);
  }
  if (!m_monitors.empty() && m_direct_dcache) {
    // The monitors see the direct D-cache's loads and stores through an
    // observer in front of the one already there (if any).
    m_monitor_observer.owner = this;
    m_monitor_observer.next = m_observer;
    m_monitor_observer.cache = m_direct_dcache;
    m_observer = &m_monitor_observer;
  }
  // The core calls the direct D-cache's hit path itself
  // (cpu_bus::offer_data_hits); with an observer in front, it then tells it
  // of each hit (observe_data_hit).
  if (m_direct_dcache) {
    offer_data_hits(&m_direct_dcache->core(), m_dcache_hit_cycles, m_observer != nullptr);
  }
  if (m_start && !m_start()) {
    m_end = end_reason::START_FAILED;
    sc_core::sc_stop();
    return;
  }
  m_loop_start = std::chrono::steady_clock::now();
  m_loop_timed = true;
  const std::uint64_t quantum_cycles = std::max<std::uint64_t>(
      1, m_config.quantum_ps == 0 ? m_config.max_chunk
                                  : m_config.quantum_ps / m_config.clock_period_ps);
  const sc_core::sc_time max_time(static_cast<double>(m_config.max_time_ps), sc_core::SC_PS);
  for (;;) {
    std::uint64_t budget = std::min(m_config.max_chunk, quantum_cycles);
    const std::uint64_t done = m_core->stats().instructions;
    if (m_config.max_instructions != 0) {
      if (done >= m_config.max_instructions) {
        m_end = end_reason::INSTRUCTION_LIMIT;
        break;
      }
      budget = std::min(budget, m_config.max_instructions - done);
    }
    if (m_config.max_time_ps != 0 && local_now() >= max_time) {
      m_end = end_reason::TIME_LIMIT;
      break;
    }
    m_chunk_cycles = m_core->stats().cycles;
    m_chunk_local = m_qk.get_local_time();
    m_chunk_start_ps = to_ps(sc_core::sc_time_stamp() + m_chunk_local);
    m_last_delay_cycles = 0;
    m_last_delay_in = m_chunk_local;
    const run_result r = m_monitors.empty() ? m_core->run(budget) : run_monitored(budget);
    const std::uint64_t used = m_core->stats().cycles - m_chunk_cycles;
    m_qk.inc(sc_core::sc_time::from_value(used * m_period.value()));
    if (m_end == end_reason::MONITOR) break;
    if (r.reason != stop_reason::INSN_LIMIT) {
      m_last = r;
      if (!m_handler || !m_handler(r)) {
        m_end = end_reason::STOPPED;
        break;
      }
    }
    bool go_on = true;
    for (cpu_monitor* mon : m_monitors) go_on = mon->between_chunks() && go_on;
    if (!go_on) {
      m_end = end_reason::MONITOR;
      break;
    }
    if (m_qk.need_sync() && !idle_sync()) m_qk.sync();
  }
  end_loop_time();
  end_monitors();
  sc_core::sc_stop();
}

void cpu_model::end_monitors() {
  if (m_monitors_ended) return;
  m_monitors_ended = true;
  for (cpu_monitor* mon : m_monitors) mon->at_end();
}

// The loop's host time ends when the loop does, or when the simulation
// stops while the thread waits or calls out (a device's sc_stop(): the
// firmware's exit): then the thread never resumes.
void cpu_model::end_loop_time() {
  if (!m_loop_timed) return;
  m_loop_timed = false;
  m_host_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_loop_start).count();
}

void cpu_model::end_of_simulation() {
  end_loop_time();
  end_monitors();
}

run_result cpu_model::run_monitored(std::uint64_t budget) {
  run_result r;
  std::uint64_t left = budget;
  while (left > 0) {
    bool stepping = false;
    for (cpu_monitor* mon : m_monitors) {
      if (!mon->per_instruction()) continue;
      stepping = true;
      if (!mon->before_instruction()) {
        m_end = end_reason::MONITOR;
        r = run_result{};
        r.pc = m_core->state().iaoq_f;
        r.space = m_core->state().iasq_f;
        return r;
      }
    }
    if (!stepping) return m_core->run(left);
    // One instruction (or one delivered interruption, which counts as one).
    r = m_core->run(1);
    --left;
    if (r.reason != stop_reason::INSN_LIMIT) return r;
  }
  return r;
}

void cpu_model::monitor_data(tlm::tlm_command cmd, const access_extension& ext, unsigned len) {
  if (cmd != tlm::TLM_READ_COMMAND && cmd != tlm::TLM_WRITE_COMMAND) return;
  const bool is_write = cmd == tlm::TLM_WRITE_COMMAND;
  const auto vaddr = static_cast<std::uint32_t>(ext.vaddr);
  for (cpu_monitor* mon : m_monitors) mon->data_access(is_write, vaddr, ext.space, len);
}

bool cpu_model::idle_sync() const {
  // Nothing runs before the CPU's local time (no delta cycle, no timed
  // notification at or before it) and nobody has called sc_stop(): a wait
  // would only move time forward and resume this thread.
  return m_config.skip_idle_syncs && sc_core::sc_get_simulator_status() == sc_core::SC_SIM_OK &&
         sc_core::sc_time_to_pending_activity() > m_qk.get_local_time();
}

sc_core::sc_time cpu_model::access_time() {
  // The access happens at the local time of the instruction making it.
  const std::uint64_t in_chunk = m_core->stats().cycles - m_chunk_cycles;
  // Cycles only grow within a chunk and accesses are a few cycles apart: step
  // the memo forward by whole periods (sc_time arithmetic is inline, the
  // conversions from integers and doubles are not).
  if (in_chunk - m_last_delay_cycles < 32) {
    while (m_last_delay_cycles < in_chunk) {
      m_last_delay_in += m_period;
      ++m_last_delay_cycles;
    }
  } else {
    m_last_delay_cycles = in_chunk;
    m_last_delay_in = m_chunk_local + m_period * static_cast<double>(in_chunk);
  }
  return m_last_delay_in;
}

void cpu_model::remember_latency_ps(std::uint64_t latency_ps) {
  m_last_latency_ps = latency_ps;
  m_last_latency_ps_cycles = ceil_div(latency_ps, m_config.clock_period_ps);
}

std::uint64_t cpu_model::hit_cycles(const pavp::cache& c) const {
  return ceil_div(c.core().hit_latency_ps(), m_config.clock_period_ps);
}

void cpu_model::count_latency(const sc_core::sc_time& issued, const sc_core::sc_time& done,
                              std::uint64_t& cycles) {
  if (done > issued) {
    // Most accesses repeat the previous latency (a cache hit): memo it.
    const sc_core::sc_time::value_type latency = (done - issued).value();
    if (latency != m_last_latency) {
      m_last_latency = latency;
      m_last_latency_cycles = ceil_div(latency, m_period.value());
    }
    cycles += m_last_latency_cycles;
  }
}

bool cpu_model::transport(tlm_utils::simple_initiator_socket<cpu_model>& socket,
                          tlm::tlm_command cmd, std::uint64_t paddr, void* data, unsigned len,
                          std::uint64_t& cycles) {
  const sc_core::sc_time issued = access_time();
  sc_core::sc_time delay = issued;
  m_gp.set_command(cmd);
  m_gp.set_address(paddr);
  m_gp.set_data_ptr(static_cast<unsigned char*>(data));
  m_gp.set_data_length(len);
  m_gp.set_streaming_width(len);
  m_gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  socket->b_transport(m_gp, delay);
  count_latency(issued, delay, cycles);
  return m_gp.is_response_ok();
}

// Inlined into read(), write(), fetch() and observed_access(): every access's path.
__attribute__((always_inline)) inline bool cpu_model::direct_access(
    pavp::cache& c, access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr,
    void* data, unsigned len, std::uint64_t& cycles, pavp::cache_core::line_ref* ref) {
  if (c.access_hit(kind, vaddr, paddr, space, uncached(), static_cast<std::uint8_t*>(data), len,
                   ref)) {
    cycles += &c == m_direct_icache ? m_icache_hit_cycles : m_dcache_hit_cycles;
    return true;
  }
  return direct_miss(c, kind, vaddr, space, paddr, static_cast<std::uint8_t*>(data), len, cycles);
}

__attribute__((always_inline)) inline bool cpu_model::miss_at(
    pavp::cache& c, access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr,
    std::uint8_t* data, unsigned len, std::uint64_t& cycles) {
  std::uint64_t latency_ps = 0;
  const tlm::tlm_response_status st =
      c.declined_at(kind, vaddr, paddr, space, uncached(), data, len, access_time_ps(), latency_ps);
  cycles += latency_cycles_ps(latency_ps);
  return st == tlm::TLM_OK_RESPONSE;
}

bool cpu_model::direct_miss(pavp::cache& c, access_kind kind, std::uint32_t vaddr,
                            std::uint32_t space, std::uint64_t paddr, std::uint8_t* data,
                            unsigned len, std::uint64_t& cycles) {
  return miss_at(c, kind, vaddr, space, paddr, data, len, cycles);
}

bool cpu_model::read(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                     std::uint8_t privilege, std::uint64_t paddr, void* data, unsigned len,
                     std::uint64_t& cycles) {
  if (kind != access_kind::FETCH) {
    space = data_space(space);
    if (m_observer) {
      return observed_access(kind, tlm::TLM_READ_COMMAND, vaddr, space, privilege, paddr,
                             static_cast<std::uint8_t*>(data), len, cycles);
    }
  }
  if (pavp::cache* c = kind == access_kind::FETCH ? m_direct_icache : m_direct_dcache) {
    if (kind != access_kind::FETCH && offered_data_hits()) {  // the core's hit path declined it
      return direct_miss(*c, kind, vaddr, space, paddr, static_cast<std::uint8_t*>(data), len,
                         cycles);
    }
    return direct_access(*c, kind, vaddr, space, paddr, data, len, cycles, nullptr);
  }
  return socket_access(kind, tlm::TLM_READ_COMMAND, vaddr, space, privilege, paddr, data, len,
                       cycles);
}

bool cpu_model::observed_access(access_kind kind, tlm::tlm_command cmd, std::uint32_t vaddr,
                                std::uint32_t space, std::uint8_t privilege, std::uint64_t paddr,
                                std::uint8_t* data, unsigned len, std::uint64_t& cycles) {
  m_observer->before_access();
  const bool ok =
      offered_data_hits()  // the core's hit path declined it
          ? direct_miss(*m_direct_dcache, kind, vaddr, space, paddr, data, len, cycles)
          : direct_access(*m_direct_dcache, kind, vaddr, space, paddr, data, len, cycles, nullptr);
  if (ok) {
    m_ext.set(kind, vaddr, space, privilege);
    m_ext.uncached = uncached();
    m_observer->after_access(cmd, paddr, data, len, m_ext);
  }
  return ok;
}

void cpu_model::observe_data_hit(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                                 std::uint8_t privilege, std::uint64_t paddr, std::uint8_t* data,
                                 unsigned len) {
  if (kind == access_kind::LOAD && m_observer->after_quiet_load(paddr, data, len)) return;
  m_ext.set(kind, vaddr, data_space(space), privilege);
  m_ext.uncached = uncached();
  m_observer->after_hit(kind == access_kind::STORE ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND,
                        paddr, data, len, m_ext);
}

bool cpu_model::socket_access(access_kind kind, tlm::tlm_command cmd, std::uint32_t vaddr,
                              std::uint32_t space, std::uint8_t privilege, std::uint64_t paddr,
                              void* data, unsigned len, std::uint64_t& cycles) {
  m_ext.set(kind, vaddr, space, privilege);
  m_ext.uncached = uncached();
  const bool ok =
      transport(kind == access_kind::FETCH ? isocket : dsocket, cmd, paddr, data, len, cycles);
  if (ok && kind != access_kind::FETCH && !m_monitors.empty()) monitor_data(cmd, m_ext, len);
  return ok;
}

bool cpu_model::fetch(std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
                      std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles,
                      line_token& token) {
  if (m_direct_icache == nullptr) {
    return cpu_bus::fetch(vaddr, space, privilege, paddr, data, len, cycles, token);
  }
  // A hit names its line; after a miss the token stays invalid.
  token = line_token{};
  return direct_access(*m_direct_icache, access_kind::FETCH, vaddr, space, paddr, data, len, cycles,
                       &token);
}

bool cpu_model::data_miss(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                          std::uint8_t privilege, std::uint64_t paddr, std::uint8_t* data,
                          unsigned len, std::uint64_t& cycles) {
  // What read() and write() do for it, without their dispatch: a store
  // miss or a load miss goes straight to the D-cache's miss path.
  if (m_observer == nullptr && m_direct_dcache != nullptr && offered_data_hits()) {
    return miss_at(*m_direct_dcache, kind, vaddr, data_space(space), paddr, data, len, cycles);
  }
  return cpu_bus::data_miss(kind, vaddr, space, privilege, paddr, data, len, cycles);
}

bool cpu_model::write(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                      std::uint8_t privilege, std::uint64_t paddr, const void* data, unsigned len,
                      std::uint64_t& cycles) {
  space = data_space(space);
  if (m_observer) {
    return observed_access(kind, tlm::TLM_WRITE_COMMAND, vaddr, space, privilege, paddr,
                           static_cast<std::uint8_t*>(const_cast<void*>(data)), len, cycles);
  }
  if (m_direct_dcache) {
    if (offered_data_hits()) {  // the core's hit path declined it
      return direct_miss(*m_direct_dcache, access_kind::STORE, vaddr, space, paddr,
                         static_cast<std::uint8_t*>(const_cast<void*>(data)), len, cycles);
    }
    return direct_access(*m_direct_dcache, access_kind::STORE, vaddr, space, paddr,
                         const_cast<void*>(data), len, cycles, nullptr);
  }
  return socket_access(kind, tlm::TLM_WRITE_COMMAND, vaddr, space, privilege, paddr,
                       const_cast<void*>(data), len, cycles);
}

bool cpu_model::cache_op(pavp::cache_op op, std::uint32_t vaddr, std::uint32_t space,
                         std::uint8_t privilege, std::uint64_t paddr, std::uint64_t& cycles) {
  const bool icache = op == pavp::cache_op::FIC || op == pavp::cache_op::FICE;
  if (!icache) space = data_space(space);
  if (pavp::cache* c = icache ? m_direct_icache : m_direct_dcache) {
    std::uint64_t latency_ps = 0;
    const tlm::tlm_response_status st =
        c->maintain_at(op, vaddr, paddr, space, privilege, access_time_ps(), latency_ps);
    cycles += latency_cycles_ps(latency_ps);
    if (st != tlm::TLM_OK_RESPONSE) return false;
    if (!icache && m_observer && m_observer->takes_cache_ops()) {
      m_ext.set_cache_op(op, vaddr, space, privilege);
      m_observer->after_access(tlm::TLM_IGNORE_COMMAND, paddr, nullptr, 0, m_ext);
    }
    return true;
  }
  m_ext.set_cache_op(op, vaddr, space, privilege);
  return transport(icache ? isocket : dsocket, tlm::TLM_IGNORE_COMMAND, paddr, nullptr, 0, cycles);
}

unsigned cpu_model::debug_transport(tlm::tlm_command cmd, std::uint32_t vaddr, std::uint32_t space,
                                    std::uint64_t paddr, unsigned char* data, unsigned len) {
  access_extension ext;
  tlm::tlm_generic_payload gp;
  pavp::attach(gp, ext);
  unsigned total = 0;
  while (total < len) {
    const std::uint32_t a = vaddr + total;
    const unsigned n = std::min(len - total, k_debug_chunk - (a % k_debug_chunk));
    if (cmd == tlm::TLM_WRITE_COMMAND) {
      ext.set_store(a, space, 3);
    } else {
      ext.set_load(a, space, 3);
    }
    gp.set_command(cmd);
    gp.set_address(paddr + total);
    gp.set_data_ptr(data + total);
    gp.set_data_length(n);
    gp.set_streaming_width(n);
    const unsigned done = dsocket->transport_dbg(gp);
    total += done;
    if (done < n) break;
  }
  pavp::detach(gp);
  return total;
}

bool cpu_model::peek_code(std::uint64_t paddr, void* data, unsigned len) {
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(paddr);
  gp.set_data_ptr(static_cast<unsigned char*>(data));
  gp.set_data_length(len);
  gp.set_streaming_width(len);
  return isocket->transport_dbg(gp) == len;
}

unsigned cpu_model::debug_read(std::uint32_t vaddr, void* data, unsigned len) {
  return debug_read_at(vaddr, 0, vaddr, data, len);
}

unsigned cpu_model::debug_write(std::uint32_t vaddr, const void* data, unsigned len) {
  return debug_write_at(vaddr, 0, vaddr, data, len);
}

unsigned cpu_model::debug_read_at(std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr,
                                  void* data, unsigned len) {
  return debug_transport(tlm::TLM_READ_COMMAND, vaddr, space, paddr,
                         static_cast<unsigned char*>(data), len);
}

unsigned cpu_model::debug_write_at(std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr,
                                   const void* data, unsigned len) {
  const unsigned total = debug_transport(tlm::TLM_WRITE_COMMAND, vaddr, space, paddr,
                                         static_cast<unsigned char*>(const_cast<void*>(data)), len);
  if (total > 0) m_core->invalidate_code(paddr, total);
  return total;
}

cpu_model_stats cpu_model::stats() const {
  cpu_model_stats s;
  s.instructions = m_core->stats().instructions;
  s.cycles = m_core->stats().cycles;
  s.sim_seconds = local_now().to_seconds();
  s.host_seconds = m_host_seconds;
  return s;
}

void cpu_model::print_stats(std::ostream& os) const {
  const cpu_model_stats s = stats();
  const iss_stats& c = m_core->stats();
  os << "cpu.instructions   " << s.instructions << "\n"
     << "cpu.cycles         " << s.cycles << "\n"
     << "cpu.cpi            "
     << (s.instructions ? static_cast<double>(s.cycles) / static_cast<double>(s.instructions) : 0.0)
     << "\n"
     << "cpu.sim_seconds    " << s.sim_seconds << "\n"
     << "cpu.host_seconds   " << s.host_seconds << "\n"
     << "cpu.host_mips      " << s.host_mips() << "\n"
     << "cpu.host_loops     " << m_core->translated_loops() << "\n"
     << "cpu.host_loop_instructions " << m_core->loop_instructions() << "\n"
     << "cpu.loads          " << c.loads << "\n"
     << "cpu.stores         " << c.stores << "\n"
     << "cpu.fetch_lines    " << c.fetch_lines << "\n"
     << "cpu.decodes        " << c.decodes << "\n"
     << "cpu.taken_branches " << c.taken_branches << "\n"
     << "cpu.nullified      " << c.nullified << "\n";
}

}  // namespace pavp::cpu
