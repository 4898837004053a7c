// cache_core's access to one line -- lookup, miss, victim, write-back, fill
// and the transfer of the access's bytes -- as templates over the memory
// below the cache (cache_core::access_line, cache_core::access_declined_via).
// For the files that call it: cache_core.cpp, through the cache_memory given
// at construction (virtual calls), and cache_miss.h, where the wrapper
// reaches a pavp::dram through the interconnect's route with every call
// inline (the miss path of a sieve's stores; BENCHMARKS.md, twenty-first
// round).
//
// A Memory has the three calls of cache_memory that a line's access makes,
// with the same meaning: read_memory(), write_memory() and
// write_back_and_fill().
#ifndef PAVP_CACHE_CACHE_CORE_LINE_H
#define PAVP_CACHE_CACHE_CORE_LINE_H

#include "pavp/cache/cache_core.h"

namespace pavp {

// The victim's entry in set: a free way first, else the one the replacement
// policy picks.
__attribute__((always_inline)) inline unsigned cache_core::choose_victim(std::uint64_t set) {
  const line_meta* base = &m_meta[set * ways()];
  unsigned victim = 0;
  if (m_params.replacement == replacement_policy::LRU) {
    // A free way first, else the least recently used (the first of equal
    // stamps), in one pass over the set (a sieve's host instructions -1%).
    if (base[0].tag == INVALID_TAG) return 0;
    if (ways() == 2) {  // the usual set of two, without the loop
      if (base[1].tag == INVALID_TAG) return 1;
      return base[1].last_use < base[0].last_use ? 1u : 0u;
    }
    std::uint64_t oldest = base[0].last_use;
    for (unsigned w = 1; w < ways(); ++w) {
      if (base[w].tag == INVALID_TAG) return w;
      if (base[w].last_use < oldest) {
        oldest = base[w].last_use;
        victim = w;
      }
    }
    return victim;
  }
  for (unsigned w = 0; w < ways(); ++w) {
    if (base[w].tag == INVALID_TAG) return w;  // a free way first
  }
  if (m_params.replacement == replacement_policy::FIFO) {
    for (unsigned w = 1; w < ways(); ++w) {
      if (base[w].filled < base[victim].filled) victim = w;
    }
  } else {  // RANDOM: xorshift64* (Vigna 2016), deterministic for a given seed.
    m_random_state ^= m_random_state >> 12;
    m_random_state ^= m_random_state << 25;
    m_random_state ^= m_random_state >> 27;
    victim = static_cast<unsigned>(((m_random_state * 0x2545F4914F6CDD1Dull) >> 32) % ways());
  }
  return victim;
}

// Out of line: write-through stores and write-around misses are not the
// path a write-back cache is built for.
template <class Memory>
__attribute__((noinline)) void cache_core::write_through(Memory& memory, std::uint64_t paddr,
                                                         const std::uint8_t* data, unsigned len,
                                                         cache_result& r) {
  std::uint64_t lat = 0;
  if (!memory.write_memory(paddr, data, len, lat)) r.status = cache_status::MEMORY_ERROR;
  r.latency_ps += lat;
  ++m_stats.write_throughs;
  m_stats.bytes_written_memory += len;
}

template <class Memory>
__attribute__((always_inline)) inline void cache_core::transfer(Memory& memory, line_meta& m,
                                                                std::uint8_t* at, bool is_store,
                                                                std::uint64_t paddr,
                                                                std::uint8_t* data, unsigned len,
                                                                cache_result& r) {
  if (!is_store) {
    copy_bytes(data, at, len);
  } else {
    copy_bytes(at, data, len);
    if (m_params.write_back) {
      m.dirty = true;
    } else {
      write_through(memory, paddr, data, len, r);
    }
  }
}

template <class Memory>
__attribute__((always_inline)) inline cache_result cache_core::line_access(
    Memory& memory, access_kind kind, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space,
    std::uint8_t* data, unsigned len, bool known_miss) {
  cache_result r;
  const bool is_store = kind == access_kind::STORE;
  if (is_store && m_params.role == cache_role::INSTRUCTION) {
    r.status = cache_status::COMMAND_ERROR;
    r.latency_ps = 0;
    return r;
  }
  const std::uint64_t set = set_index(vaddr, paddr, space);
  const std::uint64_t tag = paddr >> m_line_shift;
  const unsigned offset = static_cast<unsigned>(paddr & m_line_mask);
  const unsigned slot = kind_slot(kind);
  ++m_clock;
  r.latency_ps = m_hit_ps;

  const int way = known_miss ? -1 : find_way(set, tag);
  if (way >= 0) {
    ++m_stats.hits[slot];
    line_meta& m = meta(set, static_cast<unsigned>(way));
    m.last_use = m_clock;
    transfer(memory, m, data_of(set, static_cast<unsigned>(way)) + offset, is_store, paddr, data,
             len, r);
    m_stats.cycles += m_params.hit_latency_cycles + cycles_of(r.latency_ps - m_hit_ps);
    return r;
  }

  // Miss.
  ++m_stats.misses[slot];
  r.hit = false;
  r.latency_ps += m_miss_ps;
  if (is_store && !m_params.write_allocate) {
    write_through(memory, paddr, data, len, r);
    m_stats.cycles += cycles_of(r.latency_ps);
    return r;
  }
  const std::uint64_t fill_paddr = tag << m_line_shift;
  if (fill_paddr - m_prefetch_base < m_prefetch_size) {
    __builtin_prefetch(m_prefetch_host + (fill_paddr - m_prefetch_base));
  }
  const unsigned victim = choose_victim(set);
  line_meta& m = meta(set, victim);
  std::uint8_t* line = data_of(set, victim);
  std::uint64_t lat = 0;
  bool filled;
  if (m.tag != INVALID_TAG && m.dirty) {
    // The victim's write-back, then the fill, in one call to the memory.
    ++m_stats.evictions;
    bool written;
    std::uint64_t write_lat = 0;
    memory.write_back_and_fill(m.tag << m_line_shift, fill_paddr, line, m_params.line_bytes,
                               written, write_lat, filled, lat);
    r.latency_ps += write_lat;
    m_stats.bytes_written_memory += m_params.line_bytes;
    ++m_stats.dirty_writebacks;
    drop_line(m);
    if (!written) r.status = cache_status::MEMORY_ERROR;
  } else {
    if (m.tag != INVALID_TAG) {  // clean: nothing to write
      ++m_stats.evictions;
      drop_line(m);
    }
    filled = memory.read_memory(fill_paddr, line, m_params.line_bytes, lat);
  }
  if (!filled) {
    r.status = cache_status::MEMORY_ERROR;
    r.latency_ps += lat;
    m_stats.cycles += cycles_of(r.latency_ps);
    return r;  // the line stays invalid
  }
  r.latency_ps += lat;
  m_stats.bytes_read_memory += m_params.line_bytes;
  m.tag = tag;
  ++m_valid_lines;
  m.dirty = false;
  m.last_use = m_clock;
  m.filled = m_clock;
  // Not in a set the physical address predicts (SMALLEST_PAGE_BYTES): the
  // physical searches must look everywhere from now on.
  if (((set ^ tag) & m_page_set_mask) != 0) m_any_set = true;
  transfer(memory, m, line + offset, is_store, paddr, data, len, r);
  m_stats.cycles += cycles_of(r.latency_ps);
  return r;
}

template <class Memory>
__attribute__((always_inline)) inline cache_result cache_core::access_declined_via(
    Memory& memory, access_kind kind, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space,
    std::uint8_t* data, unsigned len) {
  // Uncached or spanning lines: access_declined(), through the cache_memory.
  if (paddr - m_params.uncached_base < m_params.uncached_size ||
      (paddr & m_line_mask) + len > m_params.line_bytes) {
    return access_declined(kind, vaddr, paddr, space, data, len);
  }
  return line_access(memory, kind, vaddr, paddr, space, data, len, declined_is_miss(kind));
}

}  // namespace pavp

#endif  // PAVP_CACHE_CACHE_CORE_LINE_H
