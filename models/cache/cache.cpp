#include "pavp/cache/cache.h"

#include <algorithm>

#include "pavp/cache/cache_miss.h"
#include "pavp/common/host_memory.h"
#include "pavp/dram/dram.h"
#include "pavp/tlm/time.h"

namespace pavp {

namespace {
// cache_core is built before the sockets are usable; it only stores the pointer.
cache_params checked(const cache_params& params) {
  const std::string err = params.validate();
  if (!err.empty()) SC_REPORT_ERROR("pavp/cache", ("invalid parameters: " + err).c_str());
  return params;
}
}  // namespace

cache::cache(sc_core::sc_module_name name, const cache_params& params)
    : sc_module(name),
      cpu_socket("cpu_socket"),
      mem_socket("mem_socket"),
      m_core(checked(params), this) {
  cpu_socket.register_b_transport(this, &cache::b_transport);
  cpu_socket.register_transport_dbg(this, &cache::transport_dbg);
  cpu_socket.register_get_direct_mem_ptr(this, &cache::get_direct_mem_ptr);
  mem_socket.register_invalidate_direct_mem_ptr(this, &cache::invalidate_direct_mem_ptr);
}

cache::~cache() = default;

void cache::add_latency(const cache_result& r, sc_core::sc_time& delay) {
  delay += m_latency_time(r.latency_ps);
}

tlm::tlm_response_status cache::access(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                       std::uint32_t space, bool uncached, std::uint8_t* data,
                                       unsigned len, sc_core::sc_time& delay) {
  start_access(delay);
  const cache_result r = uncached ? m_core.access_uncached(kind, paddr, data, len)
                                  : m_core.access(kind, vaddr, paddr, space, data, len);
  add_latency(r, delay);
  return response_of(r.status);
}

tlm::tlm_response_status cache::maintain_at(cache_op op, std::uint64_t vaddr, std::uint64_t paddr,
                                            std::uint32_t space, std::uint8_t privilege,
                                            std::uint64_t now_ps, std::uint64_t& latency_ps) {
  start_access_at(now_ps);
  const cache_result r = m_core.maintain(op, vaddr, paddr, space, privilege);
  latency_ps += r.latency_ps;
  return response_of(r.status);
}

tlm::tlm_response_status cache::maintain(cache_op op, std::uint64_t vaddr, std::uint64_t paddr,
                                         std::uint32_t space, std::uint8_t privilege,
                                         sc_core::sc_time& delay) {
  start_access(delay);
  const cache_result r = m_core.maintain(op, vaddr, paddr, space, privilege);
  add_latency(r, delay);
  return response_of(r.status);
}

void cache::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const access_extension* ext = find_access(gp);
  const tlm::tlm_command cmd = gp.get_command();
  gp.set_dmi_allowed(false);
  if (cmd == tlm::TLM_IGNORE_COMMAND) {
    if (answer_interface_query<cache>(gp, this)) {
      // asked for by find_cache
    } else if (ext && ext->kind == access_kind::CACHE_OP) {
      gp.set_response_status(
          maintain(ext->op, ext->vaddr, gp.get_address(), ext->space, ext->privilege, delay));
    } else {
      gp.set_response_status(tlm::TLM_OK_RESPONSE);
    }
    return;
  }
  if (gp.get_byte_enable_ptr()) {
    gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }
  if (gp.get_streaming_width() < gp.get_data_length()) {
    gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  const bool write = cmd == tlm::TLM_WRITE_COMMAND;
  access_kind kind = write ? access_kind::STORE : access_kind::LOAD;
  std::uint64_t vaddr = gp.get_address();
  std::uint32_t space = 0;
  bool uncached = false;
  if (ext) {
    vaddr = ext->vaddr;
    space = ext->space;
    uncached = ext->uncached;
    if (!write && ext->kind == access_kind::FETCH) kind = access_kind::FETCH;
  }
  gp.set_response_status(access(kind, vaddr, gp.get_address(), space, uncached, gp.get_data_ptr(),
                                gp.get_data_length(), delay));
}

unsigned cache::transport_dbg(tlm::tlm_generic_payload& gp) {
  const access_extension* ext = find_access(gp);
  std::uint8_t* data = gp.get_data_ptr();
  const unsigned len = gp.get_data_length();
  switch (gp.get_command()) {
    case tlm::TLM_READ_COMMAND:
      if (ext) return m_core.debug_read(&ext->vaddr, ext->space, gp.get_address(), data, len);
      return m_core.debug_read(nullptr, 0, gp.get_address(), data, len);
    case tlm::TLM_WRITE_COMMAND:
      return m_core.debug_write(gp.get_address(), data, len);
    default:
      return 0;
  }
}

bool cache::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  // Every access must pass through the cache: no DMI for any address.
  dmi.allow_none();
  dmi.set_start_address(0);
  dmi.set_end_address(~sc_dt::uint64(0));
  return false;
}

void cache::invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64) {
  // No DMI is granted upstream and none is used downstream; a direct route
  // through the interconnect below is revoked this way.
  m_route = direct_route{};
  m_route_dram = nullptr;
  m_dram_span = 0;
  m_dram_line_limit = 0;
  m_dram_burst_line = 0;
  m_core.set_prefetch_window(0, nullptr, 0);
}

bool cache::find_route(std::uint64_t paddr, unsigned len) {
  if (!m_direct->direct_route_for(paddr, m_route)) m_route = direct_route{};
  m_route_dram = dynamic_cast<dram*>(m_route.target);
  m_dram_span = m_route_dram != nullptr ? std::min(m_route.size, m_route_dram->size()) : 0;
  const unsigned line = m_core.params().line_bytes;
  m_dram_line_limit = m_dram_span >= line ? m_dram_span - line + 1 : 0;
  m_dram_burst_line = m_route_dram != nullptr && m_route.base % line == 0 &&
                              line <= host_memory::PAGE_BYTES &&
                              m_route_dram->timing().aligned_fits_burst(line)
                          ? line
                          : 0;
  // The route's memory keeps its bytes from the route's base on.
  std::uint64_t size = 0;
  const unsigned char* host = m_route.target ? m_route.target->prefetch_view(size) : nullptr;
  m_core.set_prefetch_window(m_route.base, host, std::min(size, m_route.size));
  return m_route.covers(paddr, len);
}

// The memory transactions of an access from the CPU's direct path go
// through the route past the interconnect (pavp/tlm/direct_memory.h) once it
// is known: inlined into read_memory() and write_memory(), whose callers are
// every miss and write-back.
__attribute__((always_inline)) inline bool cache::memory_transport(tlm::tlm_command cmd,
                                                                   std::uint64_t paddr,
                                                                   std::uint8_t* data, unsigned len,
                                                                   std::uint64_t& latency_ps) {
  if (m_arrival_known && m_route.covers(paddr, len)) {
    // The access's first memory transaction arrives at its start; each
    // further one after the previous one.
    latency_ps = 0;
    const bool ok =
        m_route.transport(cmd, paddr, data, len, m_arrival_ps, latency_ps) == tlm::TLM_OK_RESPONSE;
    m_arrival_ps += latency_ps;
    return ok;
  }
  return memory_transport_other(cmd, paddr, data, len, latency_ps);
}

bool cache::memory_transport_other(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                                   unsigned len, std::uint64_t& latency_ps) {
  if (!m_direct_known) {
    m_direct = find_direct_memory(mem_socket);
    m_direct_known = true;
  }
  bool ok;
  if (m_direct != nullptr) {
    if (!m_arrival_known) {
      m_arrival_ps = to_ps(sc_core::sc_time_stamp() + m_offset);
      m_arrival_known = true;
    }
    latency_ps = 0;
    // Through the route past the interconnect when there is one (the
    // interconnect's own work done here: pavp/tlm/direct_memory.h).
    ok = (m_route.covers(paddr, len) || find_route(paddr, len)
              ? m_route.transport(cmd, paddr, data, len, m_arrival_ps, latency_ps)
              : m_direct->direct_transport(cmd, paddr, data, len, m_arrival_ps, latency_ps)) ==
         tlm::TLM_OK_RESPONSE;
    m_arrival_ps += latency_ps;
    m_offset_known = false;
  } else {
    if (!m_offset_known) {
      m_offset = from_ps(m_arrival_ps) - sc_core::sc_time_stamp();
      m_offset_known = true;
    }
    sc_core::sc_time t = m_offset;
    set_plain_transaction(m_mem_gp, cmd, paddr, data, len);
    mem_socket->b_transport(m_mem_gp, t);
    ok = m_mem_gp.is_response_ok();
    latency_ps = to_ps(t - m_offset);
    m_offset = t;  // the next memory access of this transaction starts after this one
    m_arrival_known = false;
  }
  return ok;
}

// What route.transport() and the DRAM's direct_transport() do for the
// transaction, with the command known and the DRAM's part inline; anything
// else in memory_line_other().
bool cache::memory_line_other(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                              unsigned len, std::uint64_t& latency_ps) {
  return memory_transport(cmd, paddr, data, len, latency_ps);
}

cache_result cache::access_declined(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                    std::uint32_t space, std::uint8_t* data, unsigned len) {
  return access_declined_inline(kind, vaddr, paddr, space, data, len);
}

bool cache::read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len,
                        std::uint64_t& latency_ps) {
  return memory_line<false>(paddr, data, len, latency_ps);
}

bool cache::write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                         std::uint64_t& latency_ps) {
  return memory_line<true>(paddr, const_cast<std::uint8_t*>(data), len, latency_ps);
}

void cache::write_back_and_fill(std::uint64_t victim_paddr, std::uint64_t fill_paddr,
                                std::uint8_t* line, unsigned len, bool& written,
                                std::uint64_t& write_latency_ps, bool& filled,
                                std::uint64_t& fill_latency_ps) {
  written = memory_line<true>(victim_paddr, line, len, write_latency_ps);
  filled = memory_line<false>(fill_paddr, line, len, fill_latency_ps);
}

unsigned cache::memory_debug(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                             unsigned len) {
  tlm::tlm_generic_payload gp;
  gp.set_command(cmd);
  gp.set_address(paddr);
  gp.set_data_ptr(data);
  gp.set_data_length(len);
  gp.set_streaming_width(len);
  return mem_socket->transport_dbg(gp);
}

unsigned cache::debug_read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len) {
  return memory_debug(tlm::TLM_READ_COMMAND, paddr, data, len);
}

unsigned cache::debug_write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len) {
  return memory_debug(tlm::TLM_WRITE_COMMAND, paddr, const_cast<std::uint8_t*>(data), len);
}

}  // namespace pavp
