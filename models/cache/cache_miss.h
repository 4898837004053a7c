// The miss path of pavp::cache inline: cache::declined_at() and what it
// reaches -- cache_core's line access (cache_core_line.h) with the fills
// and write-backs through the route to a pavp::dram (cache::memory_line,
// cache::inline_memory) -- for the two files that call it: cache.cpp, and
// the CPU model's miss path (models/cpu/cpu.cpp), which so runs a miss with
// no call from the CPU model to the cache or below (BENCHMARKS.md,
// twenty-first round). Only those include it.
#ifndef PAVP_CACHE_CACHE_MISS_H
#define PAVP_CACHE_CACHE_MISS_H

#include "pavp/cache/cache.h"
#include "pavp/cache/cache_core_line.h"
#include "pavp/dram/dram.h"

namespace pavp {

template <bool IsWrite>
__attribute__((always_inline)) inline void cache::dram_transfer(std::uint64_t at,
                                                                std::uint8_t* data, unsigned len,
                                                                std::uint64_t& latency_ps) {
  m_route.counts->count(IsWrite ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, len);
  latency_ps = m_route.latency_ps;
  if (len == m_dram_burst_line) {  // a whole line, in one burst
    m_route_dram->transfer_within<IsWrite, true>(at, data, len, m_arrival_ps + m_route.latency_ps,
                                                 latency_ps);
  } else {
    m_route_dram->transfer_within<IsWrite>(at, data, len, m_arrival_ps + m_route.latency_ps,
                                           latency_ps);
  }
  m_arrival_ps += latency_ps;
}

// What route.transport() and the DRAM's direct_transport() do for the
// transaction, with the command known and the DRAM's part inline; anything
// else in memory_line_other().
template <bool IsWrite>
__attribute__((always_inline)) inline bool cache::memory_line(std::uint64_t paddr,
                                                              std::uint8_t* data, unsigned len,
                                                              std::uint64_t& latency_ps) {
  const std::uint64_t at = paddr - m_route.base;
  if (m_arrival_known && in_dram(at, len) && data != nullptr) {
    dram_transfer<IsWrite>(at, data, len, latency_ps);
    return true;
  }
  return memory_line_other(IsWrite ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, paddr, data,
                           len, latency_ps);
}

struct cache::inline_memory {
  cache& self;
  __attribute__((always_inline)) bool read_memory(std::uint64_t paddr, std::uint8_t* data,
                                                  unsigned len, std::uint64_t& latency_ps) {
    return self.memory_line<false>(paddr, data, len, latency_ps);
  }
  __attribute__((always_inline)) bool write_memory(std::uint64_t paddr, const std::uint8_t* data,
                                                   unsigned len, std::uint64_t& latency_ps) {
    return self.memory_line<true>(paddr, const_cast<std::uint8_t*>(data), len, latency_ps);
  }
  __attribute__((always_inline)) void write_back_and_fill(
      std::uint64_t victim_paddr, std::uint64_t fill_paddr, std::uint8_t* line, unsigned len,
      bool& written, std::uint64_t& write_latency_ps, bool& filled,
      std::uint64_t& fill_latency_ps) {
    // Both lines in the DRAM at the end of the route (the usual case): one
    // test for the two. (len is this cache's line: cache_core's line
    // access writes back and fills whole lines.)
    const std::uint64_t victim_at = victim_paddr - self.m_route.base;
    const std::uint64_t fill_at = fill_paddr - self.m_route.base;
    if (self.m_arrival_known && victim_at < self.m_dram_line_limit &&
        fill_at < self.m_dram_line_limit) {
      self.dram_transfer<true>(victim_at, line, len, write_latency_ps);
      self.dram_transfer<false>(fill_at, line, len, fill_latency_ps);
      written = filled = true;
      return;
    }
    self.cache::write_back_and_fill(victim_paddr, fill_paddr, line, len, written, write_latency_ps,
                                    filled, fill_latency_ps);
  }
};

__attribute__((always_inline)) inline cache_result cache::access_declined_inline(
    access_kind kind, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space,
    std::uint8_t* data, unsigned len) {
  inline_memory memory{*this};
  return m_core.access_declined_via(memory, kind, vaddr, paddr, space, data, len);
}

__attribute__((always_inline)) inline tlm::tlm_response_status cache::declined_at(
    access_kind kind, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space, bool uncached,
    std::uint8_t* data, unsigned len, std::uint64_t now_ps, std::uint64_t& latency_ps) {
  start_access_at(now_ps);
  const cache_result r = uncached ? m_core.access_uncached(kind, paddr, data, len)
                                  : access_declined_inline(kind, vaddr, paddr, space, data, len);
  latency_ps += r.latency_ps;
  return response_of(r.status);
}

}  // namespace pavp

#endif  // PAVP_CACHE_CACHE_MISS_H
