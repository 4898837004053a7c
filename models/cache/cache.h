// pavp::cache: the SystemC/TLM-2.0 wrapper around cache_core.
//
//   cpu_socket  (target)     loads, stores, fetches and cache operations. The
//                            access_extension gives virtual address, space and
//                            privilege; without it an access is physical.
//   mem_socket  (initiator)  line fills and write-backs, physical, no extension.
//                            When the target behind it has a direct interface
//                            (pavp/tlm/direct_memory.h, e.g. the router), the
//                            cache calls that instead of b_transport: the same
//                            transactions, without the generic payload. When
//                            the interconnect's route ends at a pavp::dram,
//                            the cache does the route's part itself and calls
//                            the DRAM's inline transfer().
//
// Loosely timed: b_transport never waits; it adds the cache's latency (and the
// latency the memory below annotates) to the delay. The cache grants no DMI
// upstream, since it must see every access; transport_dbg is served from the
// cache's contents where they are newer than memory (see cache_core).
// Responses: a store to an instruction cache answers TLM_COMMAND_ERROR_RESPONSE,
// byte enables TLM_BYTE_ENABLE_ERROR_RESPONSE, a streaming width below the
// length TLM_BURST_ERROR_RESPONSE, an error from memory is passed up.
#ifndef PAVP_CACHE_CACHE_H
#define PAVP_CACHE_CACHE_H

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "pavp/cache/cache_core.h"
#include "pavp/tlm/access_extension.h"
#include "pavp/tlm/direct_memory.h"
#include "pavp/tlm/interface_query.h"
#include "pavp/tlm/time.h"

namespace pavp {

class cache;
class dram;

// Asks, through a socket, whether a pavp::cache is the target
// (interface_query.h); the cache behind it, or nullptr. See cache::access().
template <typename Socket>
cache* find_cache(Socket& socket) {
  return find_interface<cache>(socket);
}

class cache : public sc_core::sc_module, private cache_memory {
 public:
  tlm_utils::simple_target_socket<cache> cpu_socket;
  tlm_utils::simple_initiator_socket<cache> mem_socket;

  cache(sc_core::sc_module_name name, const cache_params& params);
  ~cache() override;

  cache_core& core() { return m_core; }
  const cache_core& core() const { return m_core; }
  const cache_stats& stats() const { return m_core.stats(); }
  const cache_params& params() const { return m_core.params(); }

  // The direct interface: what b_transport does for a load, fetch or store
  // (access) and for a maintenance operation (maintain), as member calls. A
  // CPU model that finds this cache behind its socket (find_cache) may call
  // them instead of b_transport, as it would use DMI for a memory: the cache
  // still carries out, times and counts every access, and misses still go
  // through mem_socket; only the generic payload is skipped. delay is the
  // caller's local time offset and grows by the latency.
  tlm::tlm_response_status access(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                  std::uint32_t space, bool uncached, std::uint8_t* data,
                                  unsigned len, sc_core::sc_time& delay);
  tlm::tlm_response_status maintain(cache_op op, std::uint64_t vaddr, std::uint64_t paddr,
                                    std::uint32_t space, std::uint8_t privilege,
                                    sc_core::sc_time& delay);

  // access() and maintain() in picoseconds, for a caller that keeps its time
  // as an integer (the CPU module): the access starts at now_ps (simulated
  // time since 0, i.e. sc_time_stamp() plus the caller's offset) and its
  // latency is added to latency_ps. The same work, timing and statistics.
  // hit_declined: the caller has just called access_hit() for this access
  // and it returned false, so the cache goes straight to the miss path.
  tlm::tlm_response_status access_at(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                     std::uint32_t space, bool uncached, std::uint8_t* data,
                                     unsigned len, std::uint64_t now_ps, std::uint64_t& latency_ps,
                                     bool hit_declined = false) {
    start_access_at(now_ps);
    const cache_result r = uncached       ? m_core.access_uncached(kind, paddr, data, len)
                           : hit_declined ? access_declined(kind, vaddr, paddr, space, data, len)
                                          : m_core.access(kind, vaddr, paddr, space, data, len);
    latency_ps += r.latency_ps;
    return response_of(r.status);
  }
  // access_at() with hit_declined, inline where pavp/cache/cache_miss.h is
  // included (the CPU model's miss path, which includes it): the whole miss
  // in the caller, down to the DRAM's timing when the route ends at a
  // pavp::dram. The same work, timing and statistics.
  inline tlm::tlm_response_status declined_at(access_kind kind, std::uint64_t vaddr,
                                              std::uint64_t paddr, std::uint32_t space,
                                              bool uncached, std::uint8_t* data, unsigned len,
                                              std::uint64_t now_ps, std::uint64_t& latency_ps);
  tlm::tlm_response_status maintain_at(cache_op op, std::uint64_t vaddr, std::uint64_t paddr,
                                       std::uint32_t space, std::uint8_t privilege,
                                       std::uint64_t now_ps, std::uint64_t& latency_ps);

  // The hit path of access(), inline, for a caller that wants to skip the
  // time bookkeeping a hit does not need: true when the access hit and was
  // carried out and counted as access() would (its latency is
  // core().hit_latency_ps()), false when nothing happened and access() must
  // be called.
  bool access_hit(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space,
                  bool uncached, std::uint8_t* data, unsigned len,
                  cache_core::line_ref* ref = nullptr) {
    return !uncached && m_core.access_hit(kind, vaddr, paddr, space, data, len, ref);
  }
  // cache_core::touch(): a fetch hit again on a line access_hit() named.
  bool touch(const cache_core::line_ref& ref) { return m_core.touch(ref); }

 private:
  cache_core m_core;
  tlm::tlm_generic_payload m_mem_gp;  // fills and write-backs
  // When the next memory transaction of the access in progress arrives: as
  // a local time offset (for mem_socket) or in picoseconds (for the direct
  // interface); each is worked out from the other when first needed.
  sc_core::sc_time m_offset;
  std::uint64_t m_arrival_ps = 0;
  bool m_offset_known = false;
  bool m_arrival_known = false;
  ps_to_time m_latency_time;          // latencies as sc_time
  bool m_direct_known = false;        // mem_socket has been asked (at the first transaction)
  direct_memory* m_direct = nullptr;  // the direct interface behind mem_socket, if any
  direct_route m_route;               // m_direct's route for the last address asked
  dram* m_route_dram = nullptr;       // m_route's target when it is a pavp::dram
  // The addresses from m_route.base on that m_route_dram holds: the route's
  // and the DRAM's ranges in one test (0: no such route).
  std::uint64_t m_dram_span = 0;
  // Past m_route.base, the offsets below which a whole line of this cache
  // lies in m_route_dram: in_dram() of a line in one compare.
  std::uint64_t m_dram_line_limit = 0;
  // The line's length when a whole line there lies in one of the DRAM's
  // bursts and one host page (dram::transfer_within's InBurst: the route's
  // base a multiple of it), else 0: a transfer of that length skips the
  // DRAM's tests.
  unsigned m_dram_burst_line = 0;
  // Asks m_direct for the route for paddr (none: m_route is emptied);
  // whether it covers the access.
  __attribute__((noinline)) bool find_route(std::uint64_t paddr, unsigned len);

  // The memory below as cache_core's line access reaches it from
  // access_declined(): read_memory(), write_memory() and
  // write_back_and_fill() of this cache_memory, as inline calls (cache.cpp).
  struct inline_memory;
  // cache_core::access_declined() (the CPU's miss path) with the line's
  // memory transactions inline in one function: no call from the core's
  // line access to this cache_memory, none to the DRAM. Out of line here,
  // inline where cache_miss.h is included (access_declined_inline).
  cache_result access_declined(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                               std::uint32_t space, std::uint8_t* data, unsigned len);
  cache_result access_declined_inline(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                      std::uint32_t space, std::uint8_t* data, unsigned len);

  void add_latency(const cache_result& r, sc_core::sc_time& delay);
  static tlm::tlm_response_status response_of(cache_status status) {
    switch (status) {
      case cache_status::OK:
        return tlm::TLM_OK_RESPONSE;
      case cache_status::COMMAND_ERROR:
        return tlm::TLM_COMMAND_ERROR_RESPONSE;
      case cache_status::MEMORY_ERROR:
        break;
    }
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
  // An access (or maintenance operation) starts at local time delay, or at
  // now_ps.
  void start_access(const sc_core::sc_time& delay) {
    m_offset = delay;
    m_offset_known = true;
    m_arrival_known = false;
  }
  void start_access_at(std::uint64_t now_ps) {
    m_arrival_ps = now_ps;
    m_arrival_known = true;
    m_offset_known = false;
  }
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);

  // cache_memory
  bool read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len,
                   std::uint64_t& latency_ps) override;
  bool write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                    std::uint64_t& latency_ps) override;
  void write_back_and_fill(std::uint64_t victim_paddr, std::uint64_t fill_paddr, std::uint8_t* line,
                           unsigned len, bool& written, std::uint64_t& write_latency_ps,
                           bool& filled, std::uint64_t& fill_latency_ps) override;
  unsigned debug_read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len) override;
  unsigned debug_write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len) override;
  // Whether the len bytes at `at` past m_route.base are in m_route_dram.
  bool in_dram(std::uint64_t at, unsigned len) const {
    return at < m_dram_span && std::uint64_t{len} - 1 < m_dram_span - at;
  }
  // A transaction of len (> 0) bytes at `at` past m_route.base, in_dram(),
  // arriving at m_arrival_ps: the interconnect's part here, the DRAM's
  // inline (dram::transfer_within).
  template <bool IsWrite>
  void dram_transfer(std::uint64_t at, std::uint8_t* data, unsigned len, std::uint64_t& latency_ps);
  // read_memory() and write_memory(): through the route to a pavp::dram
  // when the arrival is known in picoseconds and the bytes are in it
  // (dram_transfer()), otherwise memory_line_other(), out of line, which
  // calls memory_transport().
  template <bool IsWrite>
  bool memory_line(std::uint64_t paddr, std::uint8_t* data, unsigned len,
                   std::uint64_t& latency_ps);
  __attribute__((noinline)) bool memory_line_other(tlm::tlm_command cmd, std::uint64_t paddr,
                                                   std::uint8_t* data, unsigned len,
                                                   std::uint64_t& latency_ps);
  // A fill's or write-back's transaction below the cache: through the route
  // when the arrival time is known in picoseconds and the route covers it
  // (then the offset is not known: each of the two is set only by making
  // the other unknown), otherwise memory_transport_other().
  bool memory_transport(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
                        std::uint64_t& latency_ps);
  bool memory_transport_other(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                              unsigned len, std::uint64_t& latency_ps);
  unsigned memory_debug(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                        unsigned len);
};

}  // namespace pavp

#endif  // PAVP_CACHE_CACHE_H
