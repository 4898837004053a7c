#include "pavp/interconnect/router.h"

#include <algorithm>
#include <stdexcept>

#include "pavp/tlm/time.h"

namespace pavp {

namespace {
const char* const MSG_TYPE = "pavp/router";

// The bytes of the address space an access touches: a streaming burst
// (streaming width < data length) repeats the first streaming-width bytes.
std::uint64_t footprint(const tlm::tlm_generic_payload& gp) {
  const unsigned len = gp.get_data_length();
  const unsigned width = gp.get_streaming_width();
  return (width != 0 && width < len) ? width : len;
}
}  // namespace

router::router(sc_core::sc_module_name name, const sc_core::sc_time& latency)
    : sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket"),
      m_latency(latency),
      m_latency_ps(to_ps(latency)) {
  target_socket.register_b_transport(this, &router::b_transport);
  target_socket.register_transport_dbg(this, &router::transport_dbg);
  target_socket.register_get_direct_mem_ptr(this, &router::get_direct_mem_ptr);
  initiator_socket.register_invalidate_direct_mem_ptr(this, &router::invalidate_direct_mem_ptr);
}

unsigned router::map_region(const std::string& name, std::uint64_t base, std::uint64_t size,
                            unsigned target_index) {
  const unsigned id = m_map.add_region(name, base, size, target_index);
  m_last_region = nullptr;  // the map's storage may have moved
  m_stats.emplace_back();
  if (m_routes_given) {  // they point into m_stats, which may have moved
    m_routes_given = false;
    for (unsigned i = 0; i < target_socket.size(); ++i) {
      target_socket[i]->invalidate_direct_mem_ptr(0, ~sc_dt::uint64{0});
    }
  }
  if (m_elaborated) check_target_index(m_map.region(id));
  return id;
}

void router_region_stats::visit(const stat_visitor& fn, stat_detail detail) const {
  fn("transactions", transactions);
  fn("bytes_read", bytes_read);
  fn("bytes_written", bytes_written);
  if (detail == stat_detail::SUMMARY) return;
  fn("reads", reads);
  fn("writes", writes);
  fn("ignores", ignores);
  fn("debug_transactions", debug_transactions);
  fn("dmi_requests", dmi_requests);
  fn("dmi_grants", dmi_grants);
  fn("dmi_invalidations", dmi_invalidations);
}

const router_region_stats& router::stats(const std::string& region_name) const {
  const address_region* r = m_map.find(region_name);
  if (!r) {
    throw std::invalid_argument(std::string(name()) + ": no region named '" + region_name + "'");
  }
  return m_stats[r->id];
}

void router::reset_stats() {
  std::fill(m_stats.begin(), m_stats.end(), router_region_stats{});
  m_unmapped = 0;
}

void router::check_target_index(const address_region& r) {
  const unsigned bound = initiator_socket.size();
  if (r.target >= bound) {
    const std::string msg = std::string(name()) + ": region '" + r.name + "' names target " +
                            std::to_string(r.target) + " but only " + std::to_string(bound) +
                            " target(s) are bound to initiator_socket (indices 0.." +
                            std::to_string(bound == 0 ? 0 : bound - 1) + ")";
    SC_REPORT_ERROR(MSG_TYPE, msg.c_str());
  }
}

void router::end_of_elaboration() {
  m_elaborated = true;
  for (std::size_t i = 0; i < m_map.size(); ++i) check_target_index(m_map.region(i));
}

void router::b_transport(int, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (answer_direct_memory_query(gp, this)) return;
  delay += m_latency;
  const std::uint64_t addr = gp.get_address();
  const address_region* r = decode(addr, footprint(gp));
  if (!r) {
    ++m_unmapped;
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  m_stats[r->id].count(gp.get_command(), gp.get_data_length());
  gp.set_address(addr - r->base);
  initiator_socket[r->target]->b_transport(gp, delay);
  gp.set_address(addr);
}

tlm::tlm_response_status router::direct_transport(tlm::tlm_command cmd, std::uint64_t addr,
                                                  unsigned char* data, unsigned len,
                                                  std::uint64_t arrival_ps,
                                                  std::uint64_t& latency_ps) {
  latency_ps += m_latency_ps;
  arrival_ps += m_latency_ps;
  const address_region* r = decode(addr, len);
  if (!r) {
    ++m_unmapped;
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
  m_stats[r->id].count(cmd, len);
  const unsigned target = r->target;
  direct_memory* direct = direct_of(target);
  if (direct != nullptr) {
    return direct->direct_transport(cmd, addr - r->base, data, len, arrival_ps, latency_ps);
  }
  return forward_plain(target, cmd, addr - r->base, data, len, arrival_ps, latency_ps);
}

bool router::direct_route_for(std::uint64_t addr, direct_route& route) {
  const address_region* r = decode(addr, 1);
  if (r == nullptr) return false;
  const unsigned target = r->target;
  direct_memory* direct = direct_of(target);
  direct_route further;
  // One interconnect per route: a router behind this one keeps its own hop.
  if (direct == nullptr || direct->direct_route_for(addr - r->base, further)) return false;
  route.target = direct;
  route.base = r->base;
  route.size = r->size;
  route.latency_ps = m_latency_ps;
  route.counts = &m_stats[r->id];
  m_routes_given = true;
  return true;
}

direct_memory* router::link_target(unsigned target) {
  if (m_targets.size() <= target) m_targets.resize(target + 1);
  target_link& t = m_targets[target];
  tlm::tlm_fw_transport_if<>* forward = initiator_socket[target];
  t.direct = find_direct_memory(forward);
  t.known = true;
  return t.direct;
}

tlm::tlm_response_status router::forward_plain(unsigned target, tlm::tlm_command cmd,
                                               std::uint64_t addr, unsigned char* data,
                                               unsigned len, std::uint64_t arrival_ps,
                                               std::uint64_t& latency_ps) {
  // The payload b_transport would have forwarded, with the arrival as a delay.
  set_plain_transaction(m_direct_gp, cmd, addr, data, len);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  sc_core::sc_time delay = from_ps(arrival_ps) - now;
  initiator_socket[target]->b_transport(m_direct_gp, delay);
  latency_ps += to_ps(now + delay) - arrival_ps;
  return m_direct_gp.get_response_status();
}

unsigned router::transport_dbg(int, tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  const address_region* r = m_map.find(addr);
  if (!r) return 0;
  ++m_stats[r->id].debug_transactions;
  const unsigned len = gp.get_data_length();
  const std::uint64_t room = r->size - (addr - r->base);  // bytes up to the region's end
  const unsigned forwarded = room < len ? static_cast<unsigned>(room) : len;
  gp.set_address(addr - r->base);
  gp.set_data_length(forwarded);
  const unsigned done = initiator_socket[r->target]->transport_dbg(gp);
  gp.set_address(addr);
  gp.set_data_length(len);
  return done;
}

bool router::get_direct_mem_ptr(int, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const std::uint64_t addr = gp.get_address();
  const address_region* r = m_map.find(addr);
  if (!r) {
    std::uint64_t lo = addr;
    std::uint64_t hi = addr;
    m_map.unmapped_range(addr, lo, hi);
    dmi.set_dmi_ptr(nullptr);
    dmi.set_start_address(lo);
    dmi.set_end_address(hi);
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    return false;
  }
  router_region_stats& s = m_stats[r->id];
  ++s.dmi_requests;
  const std::uint64_t offset = addr - r->base;
  gp.set_address(offset);
  bool granted = initiator_socket[r->target]->get_direct_mem_ptr(gp, dmi);
  gp.set_address(addr);

  // The target answered in its own offsets; the range must hold the offset asked for.
  std::uint64_t lo = dmi.get_start_address();
  std::uint64_t hi = dmi.get_end_address();
  if (lo > offset || hi < offset) {
    if (granted) {
      const std::string msg = std::string(name()) + ": target of region '" + r->name +
                              "' granted DMI for a range that does not hold the requested offset";
      SC_REPORT_WARNING(MSG_TYPE, msg.c_str());
      granted = false;
      dmi.set_dmi_ptr(nullptr);
      dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    }
    lo = offset;
    hi = offset;
  }
  // Offsets start at 0, so only the upper end can lie outside the region.
  hi = std::min(hi, r->size - 1);
  dmi.set_start_address(r->base + lo);
  dmi.set_end_address(r->base + hi);
  if (granted) {
    ++s.dmi_grants;
    dmi.set_read_latency(dmi.get_read_latency() + m_latency);
    dmi.set_write_latency(dmi.get_write_latency() + m_latency);
  }
  return granted;
}

void router::invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end) {
  for (std::size_t i = 0; i < m_map.size(); ++i) {
    const address_region& r = m_map.region(i);
    if (r.target != static_cast<unsigned>(target) || start > r.size - 1 || end < start) continue;
    const std::uint64_t hi = std::min<std::uint64_t>(end, r.size - 1);
    ++m_stats[r.id].dmi_invalidations;
    for (unsigned up = 0; up < target_socket.size(); ++up) {
      target_socket[up]->invalidate_direct_mem_ptr(r.base + start, r.base + hi);
    }
  }
}

}  // namespace pavp
