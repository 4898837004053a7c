// pavp::router: an address-decoding TLM-2.0 interconnect.
//
// One target socket faces the initiators; one multi-passthrough initiator
// socket faces the targets, and the order in which targets are bound to it is
// their target index. map_region() places a target's window [base, base+size-1]
// in the global address space; the target sees offsets from 0 (the router
// subtracts base on the way down and restores the payload's address on the
// way back).
//
//   pavp::router bus("bus", sc_core::sc_time(5, sc_core::SC_NS));
//   bus.initiator_socket.bind(dram.socket);      // target 0
//   bus.initiator_socket.bind(console.socket);   // target 1
//   bus.map_region("dram", 0x00000000, 64 << 20, 0);
//   bus.map_region("console", 0xfff00000, 0x100, 1);
//   cpu.socket.bind(bus.target_socket);
//
// Behaviour:
// - b_transport: decode, add the router latency to the annotated delay,
//   forward with the address translated; the payload's address is restored
//   afterwards. An access outside every region, or one that straddles the end
//   of a region, answers TLM_ADDRESS_ERROR_RESPONSE (after the latency).
// - direct_transport (pavp/tlm/direct_memory.h, for a cache's fills and
//   write-backs): what b_transport does, as a member call; the target is then
//   called through its own direct interface when it has one (asked once per
//   target, with find_direct_memory), else through the socket.
// - transport_dbg: forwarded with translation; a debug access that runs past
//   the end of its region is cut at the region's end, and an unmapped address
//   answers 0 bytes.
// - get_direct_mem_ptr: forwarded with translation; the DMI range the target
//   returns is converted back to global addresses and clamped to the region,
//   and the router latency is added to the DMI read and write latencies. For an
//   unmapped address DMI is refused over the whole unmapped gap.
// - invalidate_direct_mem_ptr from a target: the range is converted to global
//   addresses for each region of that target and forwarded to the initiators.
// - Loosely timed: never calls wait().
#ifndef PAVP_INTERCONNECT_ROUTER_H
#define PAVP_INTERCONNECT_ROUTER_H

#include <cstdint>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "pavp/common/stats.h"
#include "pavp/interconnect/address_map.h"
#include "pavp/tlm/direct_memory.h"

namespace pavp {

// Traffic through one region: the transactions (transfer_counts, in
// pavp/tlm/direct_memory.h: b_transport and direct_transport calls, and those
// of direct routes), then debug and DMI traffic.
struct router_region_stats : transfer_counts {
  std::uint64_t debug_transactions = 0;
  std::uint64_t dmi_requests = 0;
  std::uint64_t dmi_grants = 0;
  std::uint64_t dmi_invalidations = 0;  // invalidations forwarded upstream

  // Calls fn(name, value) for every counter, in a fixed order
  // (models/common/stats.h); the summary is the traffic: transactions and bytes.
  void visit(const stat_visitor& fn, stat_detail detail = stat_detail::ALL) const;
};

class router : public sc_core::sc_module, public direct_memory {
 public:
  // Any number of initiators (e.g. the instruction and data caches) bind here.
  tlm_utils::multi_passthrough_target_socket<router> target_socket;
  tlm_utils::multi_passthrough_initiator_socket<router> initiator_socket;

  // latency: added to the annotated delay at every crossing of the router.
  router(sc_core::sc_module_name name, const sc_core::sc_time& latency = sc_core::SC_ZERO_TIME);

  // Maps [base, base + size - 1] to the target bound at target_index. Returns
  // the region id (index into stats()). Throws std::invalid_argument (from
  // address_map) on an empty or duplicate name, size 0, wrap-around, or
  // overlap with a region already mapped. A target index with no bound target
  // is an SC_REPORT_ERROR at the end of elaboration.
  unsigned map_region(const std::string& name, std::uint64_t base, std::uint64_t size,
                      unsigned target_index);

  const address_map& map() const { return m_map; }
  const sc_core::sc_time& latency() const { return m_latency; }

  // Per region, indexed by region id (the order of map_region calls).
  const std::vector<router_region_stats>& stats() const { return m_stats; }
  // The statistics of a region by name; throws std::invalid_argument if unknown.
  const router_region_stats& stats(const std::string& region_name) const;
  // b_transport calls that decoded to no region (or straddled a region's end).
  std::uint64_t unmapped_transactions() const { return m_unmapped; }
  void reset_stats();

  const char* kind() const override { return "pavp::router"; }

  // direct_memory: what b_transport does for a plain read or write.
  tlm::tlm_response_status direct_transport(tlm::tlm_command cmd, std::uint64_t addr,
                                            unsigned char* data, unsigned len,
                                            std::uint64_t arrival_ps,
                                            std::uint64_t& latency_ps) override;
  // The route through this router for addr: its region, when that leads to a
  // target with a direct interface that is not itself an interconnect.
  bool direct_route_for(std::uint64_t addr, direct_route& route) override;

 private:
  // A target's direct interface, looked up at its first direct transaction.
  struct target_link {
    bool known = false;
    direct_memory* direct = nullptr;
  };
  address_map m_map;
  sc_core::sc_time m_latency;
  std::uint64_t m_latency_ps;  // the same in picoseconds, for direct_transport
  std::vector<router_region_stats> m_stats;
  std::uint64_t m_unmapped = 0;
  bool m_elaborated = false;
  bool m_routes_given = false;  // direct routes point into m_stats: revoked when it may move
  // The region of the last decode: consecutive transactions mostly hit the
  // same one, and a region that holds the whole access is the decode's answer
  // (regions never overlap). Reset when a region is added.
  const address_region* m_last_region = nullptr;
  std::vector<target_link> m_targets;    // by target index
  tlm::tlm_generic_payload m_direct_gp;  // direct transactions to a target without the interface
  // direct_transport's rare paths, out of line: a target's first direct
  // transaction looks up its interface; a target without one gets the
  // transaction as a b_transport (addr already relative to the region).
  __attribute__((noinline)) direct_memory* link_target(unsigned target);
  direct_memory* direct_of(unsigned target) {
    return target < m_targets.size() && m_targets[target].known ? m_targets[target].direct
                                                                : link_target(target);
  }
  __attribute__((noinline, cold)) tlm::tlm_response_status forward_plain(
      unsigned target, tlm::tlm_command cmd, std::uint64_t addr, unsigned char* data, unsigned len,
      std::uint64_t arrival_ps, std::uint64_t& latency_ps);

  const address_region* decode(std::uint64_t addr, std::uint64_t len) {
    const address_region* r = m_last_region;
    const std::uint64_t span = len == 0 ? 1 : len;
    if (r != nullptr && addr - r->base < r->size && span <= r->size - (addr - r->base)) return r;
    r = m_map.decode(addr, len);
    if (r != nullptr) m_last_region = r;
    return r;
  }

  void b_transport(int initiator, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(int initiator, tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(int initiator, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end);

  void check_target_index(const address_region& r);
  void end_of_elaboration() override;
};

}  // namespace pavp

#endif  // PAVP_INTERCONNECT_ROUTER_H
