// The memory port of the PA-RISC ISS core. Every instruction fetch of a new
// cache line, every load, store and cache-maintenance operation of the core
// goes through this interface; the core itself holds no memory.
//
// A plain C++ implementation (a flat test memory) or the SystemC wrapper (TLM
// sockets to the I- and D-caches) implements it. Data crosses as guest bytes,
// i.e. big-endian: data[0] is the byte at paddr.
//
// Each call adds the cycles the access took beyond the instruction's base cost
// to `cycles` (a cache hit may add 0). A call returns false for a bus error
// (no target at paddr); the core then stops with stop_reason::BUS_ERROR.
#ifndef PAVP_CPU_CPU_BUS_H
#define PAVP_CPU_CPU_BUS_H

#include <cstddef>
#include <cstdint>

#include "pavp/cache/cache_core.h"
#include "pavp/cache/observed_store.h"
#include "pavp/tlm/access_kind.h"

namespace pavp::cpu {

class cpu_bus {
 public:
  virtual ~cpu_bus() = default;

  // kind is FETCH (len = one I-cache line, line aligned) or LOAD (len 1, 2,
  // 4, or 8 for FLDD).
  virtual bool read(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                    std::uint8_t privilege, std::uint64_t paddr, void* data, unsigned len,
                    std::uint64_t& cycles) = 0;

  // What a bus remembers of a line fetch, so that the core can fetch the same
  // line again without a lookup: the instruction cache line the fetch hit
  // (tag INVALID_TAG when there is none).
  using line_token = cache_core::line_ref;
  // read() of a FETCH that also sets token.
  virtual bool fetch(std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
                     std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles,
                     line_token& token) {
    token = line_token{};
    return read(access_kind::FETCH, vaddr, space, privilege, paddr, data, len, cycles);
  }
  // Reads memory as a debugger does, through the instruction side: no
  // timing, no statistics, no change of cache state. True when all len bytes
  // were read; a bus that cannot leaves the default (false), and then the
  // core decodes only what it executes (iss::predecode).
  virtual bool peek_code(std::uint64_t paddr, void* data, unsigned len) {
    (void)paddr;
    (void)data;
    (void)len;
    return false;
  }

  // kind is STORE. len is 1..4 (STBY stores 1..3 bytes) or 8 (FSTD).
  virtual bool write(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                     std::uint8_t privilege, std::uint64_t paddr, const void* data, unsigned len,
                     std::uint64_t& cycles) = 0;

  // A load or store that data_hit_cache()'s access_hit() declined, or one
  // of an uncached page, when the bus offers the hit path: read() or write()
  // by default. A bus may go straight to its miss path here.
  virtual bool data_miss(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                         std::uint8_t privilege, std::uint64_t paddr, std::uint8_t* data,
                         unsigned len, std::uint64_t& cycles) {
    return kind == access_kind::STORE
               ? write(kind, vaddr, space, privilege, paddr, data, len, cycles)
               : read(kind, vaddr, space, privilege, paddr, data, len, cycles);
  }

  // FDC, PDC, FDCE, FIC, FICE on the line holding (space:vaddr) / paddr.
  virtual bool cache_op(pavp::cache_op op, std::uint32_t vaddr, std::uint32_t space,
                        std::uint8_t privilege, std::uint64_t paddr, std::uint64_t& cycles) = 0;

  // Attribute of the read/write calls that follow: true while the core
  // accesses a page whose TLB entry has U (uncacheable) set, so a cache
  // model passes the access straight to memory. The core sets it before an
  // access when it changes; absolute (untranslated) accesses clear it.
  bool uncached() const { return m_uncached; }
  void set_uncached(bool uncached) {
    m_uncached = uncached;
    m_data_hit_now = uncached ? nullptr : m_data_hit_cache;
  }

  // The data cache's hit path, offered by a bus that adds nothing to a load
  // or store that hits it (no payload; an observer is told afterwards, see
  // data_hits_observed()): the core
  // then calls cache_core::access_hit() itself, inline, for every load and
  // store of a cached page -- the same lookup, LRU update, data transfer and
  // statistics as through read()/write() -- and adds data_hit_cycles(). A bus
  // that offers it therefore receives in read()/write() only the loads and
  // stores that access_hit() declined and the uncached ones, and can go
  // straight to its miss path (offered_data_hits()). The cache is given the
  // space as the bus would give it (0 for an absolute access, which forms no
  // virtual address). Null: every access through read()/write().
  cache_core* data_hit_cache() const { return m_data_hit_cache; }
  // The same for the access about to be made: null while uncached() (one
  // test on the core's path instead of two).
  cache_core* data_hit_cache_now() const { return m_data_hit_now; }
  std::uint64_t data_hit_cycles() const { return m_data_hit_cycles; }
  // A bus that must tell an observer of every load and store (the study's
  // coherence checker, monitors) may offer the hit path as well, observed:
  // the core then calls observe_data_hit() after each access that
  // access_hit() served, with m_state and the counts written back and the
  // access as it would have given it to read()/write().
  bool data_hits_observed() const { return m_data_hits_observed; }
  virtual void observe_data_hit(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                                std::uint8_t privilege, std::uint64_t paddr, std::uint8_t* data,
                                unsigned len) {
    (void)kind, (void)vaddr, (void)space, (void)privilege, (void)paddr, (void)data, (void)len;
  }
  // Whether the observer takes store hits in batches, and the batch
  // (access_observer::takes_stores(), after_stores()).
  virtual bool observer_takes_stores() const { return false; }
  virtual void observe_store_hits(const observed_store* stores, std::size_t count) {
    (void)stores, (void)count;
  }
  // A load hit told to the observer in brief (access_observer::
  // after_quiet_load()): false, nothing done, when it must be told in full.
  virtual bool observe_quiet_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len) {
    (void)paddr, (void)data, (void)len;
    return false;
  }

  // The instruction cache's hit path for a line fetched before, offered by a
  // bus whose fetch() gives tokens from that cache: the core fetches a line
  // that gave a valid token again by calling cache_core::touch() on the token
  // itself -- the LRU update, statistics and cycles of a fetch hit, nothing
  // the bus would add -- and adds fetch_hit_cycles(); when touch() declines
  // (the line was refilled or written since), it calls fetch(). Null: every
  // fetch through fetch().
  cache_core* fetch_hit_cache() const { return m_fetch_hit_cache; }
  std::uint64_t fetch_hit_cycles() const { return m_fetch_hit_cycles; }

 protected:
  void offer_data_hits(cache_core* cache, std::uint64_t hit_cycles, bool observed = false) {
    m_data_hit_cache = cache;
    m_data_hit_now = m_uncached ? nullptr : cache;
    m_data_hit_cycles = hit_cycles;
    m_data_hits_observed = observed;
  }
  bool offered_data_hits() const { return m_data_hit_cache != nullptr; }
  void offer_fetch_hits(cache_core* cache, std::uint64_t hit_cycles) {
    m_fetch_hit_cache = cache;
    m_fetch_hit_cycles = hit_cycles;
  }

 private:
  bool m_uncached = false;
  cache_core* m_data_hit_cache = nullptr;
  cache_core* m_data_hit_now = nullptr;  // m_data_hit_cache, or null while m_uncached
  bool m_data_hits_observed = false;
  std::uint64_t m_data_hit_cycles = 0;
  cache_core* m_fetch_hit_cache = nullptr;
  std::uint64_t m_fetch_hit_cycles = 0;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_CPU_BUS_H
