// The VIPT-WB cache: the plain C++ core of pavp's cache model.
//
// It holds data, not only tags, because the bug pavp studies is a wrong value.
// The set comes from the virtual offset, from the offset XOR space-id bits, or
// from the physical address (cache_params::index); the tag is always the
// physical line address. There is no hardware alias detection, as on the real
// PA-RISC parts: one physical line may sit in two sets at once, each copy with
// its own data and dirty bit (PA 2.0 manual p. F-5/F-6; fork-cache-bug.md §7).
//
// Maintenance operations follow the PA-RISC definitions (fork-cache-bug.md §7):
//   FDC   the line of the indexed set whose tag matches is written back if
//         dirty, then invalidated. Copies in other sets are untouched.
//   PDC   the matching line is invalidated; at privilege 0 dirty data is
//         dropped, at privilege 1..3 it is written back first (PA 2.0 p. 7-104).
//   FDCE  flushes one entry chosen by the effective offset: set = line bits,
//         way = the bits above them. The architected loop with the parameters
//         of fdce_loop() (base 0, stride = line, count = sets x ways, loop 1)
//         therefore flushes the whole cache, as Linux's flush_data_cache_local.
//   FIC   invalidates the matching line of an instruction cache (a unified
//         cache writes it back first, since it may hold data).
//   FICE  the FDCE counterpart on an instruction cache.
// A data cache ignores FIC/FICE and an instruction cache FDC/PDC/FDCE (they
// are addressed to the other cache); ignored operations are counted.
//
// Timing: every access costs hit_latency_cycles; a miss adds
// miss_penalty_cycles, the write-back of a dirty victim and the fill, in that
// order (no write buffer). A maintenance operation costs its per-line cycles
// plus the write-back it causes. Memory latencies come from cache_memory.
#ifndef PAVP_CACHE_CACHE_CORE_H
#define PAVP_CACHE_CACHE_CORE_H

#include <cstdint>
#include <cstring>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "pavp/cache/cache_params.h"
#include "pavp/common/copy_bytes.h"
#include "pavp/common/stats.h"
#include "pavp/tlm/access_kind.h"

namespace pavp {

// The memory below the cache, addressed physically. Latencies in picoseconds.
class cache_memory {
 public:
  virtual ~cache_memory() = default;
  virtual bool read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len,
                           std::uint64_t& latency_ps) = 0;
  virtual bool write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                            std::uint64_t& latency_ps) = 0;
  // A miss's two transactions when its victim is dirty: the write-back of
  // the len bytes at line to victim_paddr, then the fill of line from
  // fill_paddr -- write_memory() then read_memory(), the fill whatever the
  // write-back answered -- each answer and latency kept apart. One call
  // where a memory can do both inline (cache: one virtual call a miss
  // instead of two).
  virtual void write_back_and_fill(std::uint64_t victim_paddr, std::uint64_t fill_paddr,
                                   std::uint8_t* line, unsigned len, bool& written,
                                   std::uint64_t& write_latency_ps, bool& filled,
                                   std::uint64_t& fill_latency_ps) {
    written = write_memory(victim_paddr, line, len, write_latency_ps);
    filled = read_memory(fill_paddr, line, len, fill_latency_ps);
  }
  // Untimed access for debuggers and loaders; returns bytes transferred.
  virtual unsigned debug_read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len) = 0;
  virtual unsigned debug_write_memory(std::uint64_t paddr, const std::uint8_t* data,
                                      unsigned len) = 0;
};

struct cache_stats {
  // Indexed by access_kind FETCH, LOAD, STORE.
  std::uint64_t hits[3] = {};
  std::uint64_t misses[3] = {};
  std::uint64_t evictions = 0;         // valid lines replaced by a fill
  std::uint64_t dirty_writebacks = 0;  // write-backs of evicted dirty lines
  std::uint64_t op_writebacks = 0;     // write-backs caused by FDC/PDC/FDCE/FIC/FICE
  std::uint64_t write_throughs = 0;    // stores sent to memory (write-through or no-allocate)
  std::uint64_t uncached = 0;          // accesses passed to memory without caching
  std::uint64_t ops[6] = {};           // indexed by cache_op (NONE unused)
  std::uint64_t ops_ignored = 0;       // operations addressed to the other cache
  std::uint64_t op_lines_invalidated = 0;
  std::uint64_t op_cycles = 0;  // cycles spent in maintenance operations
  std::uint64_t cycles = 0;     // cycles spent in all accesses and operations
  std::uint64_t bytes_read_memory = 0;
  std::uint64_t bytes_written_memory = 0;

  std::uint64_t total_hits() const { return hits[0] + hits[1] + hits[2]; }
  std::uint64_t total_misses() const { return misses[0] + misses[1] + misses[2]; }
  std::uint64_t writebacks() const { return dirty_writebacks + op_writebacks; }
  std::uint64_t flush_ops() const;  // FDC + PDC + FDCE + FIC + FICE executed (not ignored)

  // Calls fn(name, value) for every counter, in a fixed order (models/common/stats.h);
  // the summary is every counter.
  void visit(const stat_visitor& fn, stat_detail detail = stat_detail::ALL) const;
  // "PREFIXname value" lines, one counter a line.
  void print(std::ostream& os, const std::string& prefix) const;
};

enum class cache_status : std::uint8_t {
  OK,
  MEMORY_ERROR,   // the memory below answered an error
  COMMAND_ERROR,  // a store to an instruction cache
};

struct cache_result {
  cache_status status = cache_status::OK;
  bool hit = true;  // every line touched hit
  std::uint64_t latency_ps = 0;
};

// Architected whole-cache flush loop parameters (PDC_CACHE style).
struct flush_loop_params {
  std::uint64_t base;
  std::uint64_t stride;
  std::uint64_t count;
  std::uint64_t loop;
};

struct line_location {
  std::uint64_t set;
  unsigned way;
  bool dirty;
};

class cache_core {
 public:
  // Throws std::invalid_argument if params.validate() fails or memory is null.
  cache_core(const cache_params& params, cache_memory* memory);

  const cache_params& params() const { return m_params; }
  std::uint64_t sets() const { return m_sets; }
  unsigned ways() const { return m_params.associativity; }

  // A load, fetch or store of len bytes. A store writes data into the cache;
  // a load or fetch fills data. An access may span several lines.
  // The hit of an access within one line is handled inline (access_hit);
  // everything else (misses, line-spanning and write-through stores) by
  // access_slow().
  cache_result access(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                      std::uint32_t space, std::uint8_t* data, unsigned len) {
    if (access_hit(kind, vaddr, paddr, space, data, len)) {
      return cache_result{cache_status::OK, true, m_hit_ps};
    }
    return access_slow(kind, vaddr, paddr, space, data, len);
  }

  // access_declined() with the memory below reached through `memory`
  // instead of the cache_memory given at construction: an object with the
  // read_memory(), write_memory() and write_back_and_fill() of that
  // cache_memory, as calls the compiler can inline (pavp::cache: its route
  // to a pavp::dram). The same work, results and statistics; an access
  // that is uncached or spans lines still goes through the cache_memory.
  // Defined in cache_core_line.h.
  template <class Memory>
  cache_result access_declined_via(Memory& memory, access_kind kind, std::uint64_t vaddr,
                                   std::uint64_t paddr, std::uint32_t space, std::uint8_t* data,
                                   unsigned len);

  // Where the memory below keeps the bytes of physical addresses [base,
  // base + size) on the host (size 0: unknown). A miss then asks the host to
  // prefetch the line it will fill before it writes the victim back, so that
  // the host's memory latency overlaps that work: host speed only, nothing
  // of the model reads these bytes.
  void set_prefetch_window(std::uint64_t base, const std::uint8_t* host, std::uint64_t size) {
    m_prefetch_base = base;
    m_prefetch_host = host;
    m_prefetch_size = host != nullptr ? size : 0;
  }

  // A line an instruction fetch hit, for touch(): which entry, and which fill
  // of it. Only an instruction cache gives one (tag != INVALID_TAG): its lines
  // change by fills and debug writes alone, never by stores.
  struct line_ref {
    std::uint64_t entry = 0;  // set * ways + way
    std::uint64_t tag = INVALID_TAG;
    std::uint64_t filled = 0;        // the fill's stamp
    std::uint64_t debug_writes = 0;  // debug writes into lines so far
  };

  // access() for an access access_hit() has just declined (it changed
  // nothing): the rest of access() without trying the hit path again. A
  // load, fetch or write-back store within one line of a cacheable address
  // that access_hit() declined is a miss: it is not looked for again.
  cache_result access_declined(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                               std::uint32_t space, std::uint8_t* data, unsigned len) {
    return access_slow(kind, vaddr, paddr, space, data, len, declined_is_miss(kind));
  }

  // The inline part of access(): an access within one line of a cacheable
  // address that hits (for a store: in a write-back data cache). Then it is
  // carried out and counted as access() does, its latency is hit_latency_ps(),
  // and the answer is true; with ref, an instruction cache also says which
  // line it was. Otherwise nothing has changed, the answer is false and
  // access() does the rest.
  bool access_hit(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space,
                  std::uint8_t* data, unsigned len, line_ref* ref = nullptr) {
    const unsigned offset = static_cast<unsigned>(paddr & m_line_mask);
    const bool is_store = kind == access_kind::STORE;
    if (offset + len > m_params.line_bytes || (is_store && !m_fast_stores) ||
        paddr - m_params.uncached_base < m_params.uncached_size) {
      return false;
    }
    const std::uint64_t set = set_index(vaddr, paddr, space);
    const std::uint64_t tag = paddr >> m_line_shift;
    line_meta* base = &m_meta[set * ways()];
    for (unsigned w = 0; w < ways(); ++w) {
      if (base[w].tag != tag) continue;
      base[w].last_use = ++m_clock;
      std::uint8_t* line = &m_data[((set * ways() + w) << m_line_shift) + offset];
      if (is_store) {
        copy_bytes(line, data, len);
        base[w].dirty = true;
      } else {
        copy_bytes(data, line, len);
      }
      ++m_stats.hits[kind_slot(kind)];
      m_stats.cycles += m_params.hit_latency_cycles;
      if (ref != nullptr) {
        *ref = m_params.role == cache_role::INSTRUCTION
                   ? line_ref{set * ways() + w, tag, base[w].filled, m_debug_writes}
                   : line_ref{};
      }
      return true;
    }
    return false;
  }

  // The same hit again on a line access_hit() named: the LRU update,
  // statistics and cycles of a fetch hit, without the lookup and without the
  // copy (the caller still has the bytes). False, and nothing done, when the
  // entry no longer holds that fill or a debug write has changed a line since.
  bool touch(const line_ref& ref) {
    if (ref.tag == INVALID_TAG || ref.debug_writes != m_debug_writes) return false;
    line_meta& m = m_meta[ref.entry];
    if (m.tag != ref.tag || m.filled != ref.filled) return false;
    m.last_use = ++m_clock;
    ++m_stats.hits[kind_slot(access_kind::FETCH)];
    m_stats.cycles += m_params.hit_latency_cycles;
    return true;
  }

  // Where a hit's work happens, for host code that performs access_hit()
  // and touch() in place (pavp/cpu/run_translator.h): the line entries
  // (sets x ways, entry_bytes apart, the fields at the offsets given), the
  // line bytes (entry e's at data + (e << line_shift)), the LRU clock, the
  // statistics a hit counts, and the parameters the lookup reads. The
  // addresses hold for the cache's life: its arrays are sized once, when
  // it is made. (The set of an address whose virtual and physical
  // addresses are equal and whose space is 0, an absolute access, is
  // (paddr >> line_shift) & set_mask under every index function.)
  struct hit_view {
    void* entries = nullptr;
    std::uint8_t* data = nullptr;
    std::uint64_t* clock = nullptr;
    std::uint64_t* hits = nullptr;    // indexed by access kind: FETCH, LOAD, STORE
    std::uint64_t* cycles = nullptr;  // cache_stats::cycles
    unsigned entry_bytes = 0, tag_offset = 0, last_use_offset = 0, dirty_offset = 0;
    unsigned ways = 0, line_shift = 0;
    std::uint64_t set_mask = 0, line_mask = 0;
    std::uint64_t uncached_base = 0, uncached_size = 0;
    std::uint64_t hit_latency_cycles = 0;
    bool fast_stores = false;  // stores hit inline (access_hit)
  };
  hit_view view_for_host_code();

  // Lines made invalid so far (evicted, flushed, purged, invalidated), and
  // debug writes into lines: while neither moves, a line_ref that holds()
  // still holds.
  std::uint64_t lines_dropped() const { return m_lines_dropped; }
  std::uint64_t debug_writes() const { return m_debug_writes; }

  // Whether touch() would take ref (the entry still holds that fill and no
  // debug write has changed a line since), without doing it.
  bool holds(const line_ref& ref) const {
    return ref.tag != INVALID_TAG && ref.debug_writes == m_debug_writes &&
           m_meta[ref.entry].tag == ref.tag && m_meta[ref.entry].filled == ref.filled;
  }

  // The latency of a hit (hit_latency_cycles clock periods).
  std::uint64_t hit_latency_ps() const { return m_hit_ps; }

  // An access that bypasses the cache (uncached range or uncacheable page):
  // hit latency plus the memory's, nothing allocated.
  cache_result access_uncached(access_kind kind, std::uint64_t paddr, std::uint8_t* data,
                               unsigned len);

  // A maintenance operation on the line of (vaddr, space) with physical
  // address paddr (FDC, PDC, FIC) or on the entry chosen by vaddr (FDCE, FICE).
  cache_result maintain(cache_op op, std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space,
                        std::uint8_t privilege);

  // Untimed, statistics-free views for debuggers. With a virtual address the
  // read returns what a load would see (the indexed set's copy if present);
  // without, memory overlaid with the first dirty copy of each line found.
  // A debug write updates memory and every cached copy of the bytes.
  unsigned debug_read(const std::uint64_t* vaddr, std::uint32_t space, std::uint64_t paddr,
                      std::uint8_t* data, unsigned len);
  unsigned debug_write(std::uint64_t paddr, const std::uint8_t* data, unsigned len);

  // The set an access would use.
  std::uint64_t set_index(std::uint64_t vaddr, std::uint64_t paddr, std::uint32_t space) const {
    switch (m_params.index) {
      case index_function::VIRTUAL:
        return (vaddr >> m_line_shift) & m_set_mask;
      case index_function::HASHED:
        return ((vaddr ^
                 (static_cast<std::uint64_t>(space & m_hash_mask) << m_params.hash_shift)) >>
                m_line_shift) &
               m_set_mask;
      case index_function::PHYSICAL:
        break;
    }
    return (paddr >> m_line_shift) & m_set_mask;
  }

  // Every (set, way) that holds the physical line containing paddr.
  std::vector<line_location> find_lines(std::uint64_t paddr) const;
  // Virtual and physical addresses agree below the smallest page a
  // translation maps (4 KB on PA-RISC), so a virtually indexed line sits in a
  // set whose index agrees with its physical address in those bits: the
  // searches by physical address (find_lines, debug access without a virtual
  // address) look only there. A fill through addresses that disagree there
  // (an initiator pairing them freely) makes them search every set from then
  // on.
  static constexpr std::uint64_t SMALLEST_PAGE_BYTES = 4096;
  // Data of one valid entry, or nullptr.
  const std::uint8_t* line_data(std::uint64_t set, unsigned way) const;
  bool line_valid(std::uint64_t set, unsigned way) const;
  bool line_dirty(std::uint64_t set, unsigned way) const;
  std::uint64_t line_paddr(std::uint64_t set, unsigned way) const;

  flush_loop_params fdce_loop() const { return {0, m_params.line_bytes, m_sets * ways(), 1}; }

  // Writes back every dirty line and invalidates all (a FDCE loop, untimed and
  // not counted); for ending a simulation with memory up to date.
  void writeback_all_untimed();
  void invalidate_all();

  const cache_stats& stats() const { return m_stats; }
  void reset_stats() { m_stats = cache_stats(); }

 private:
  static constexpr std::uint64_t INVALID_TAG = ~std::uint64_t(0);

  struct line_meta {
    std::uint64_t tag = INVALID_TAG;  // physical line number; INVALID_TAG when invalid
    std::uint64_t last_use = 0;       // LRU stamp
    std::uint64_t filled = 0;         // FIFO stamp
    bool dirty = false;
  };

  cache_params m_params;
  cache_memory* m_memory;
  std::uint64_t m_sets;
  unsigned m_line_shift;
  std::uint64_t m_line_mask;
  std::uint64_t m_set_mask;
  bool m_fast_stores;  // stores may hit inline (write-back, not an instruction cache)
  std::uint32_t m_hash_mask;
  std::uint64_t m_hit_ps;
  std::uint64_t m_miss_ps;
  std::uint64_t m_clock = 0;          // access counter for LRU/FIFO stamps
  std::uint64_t m_debug_writes = 0;   // cached line pieces debug_write() has changed
  std::uint64_t m_valid_lines = 0;    // lets whole-cache searches stop at once when empty
  std::uint64_t m_lines_dropped = 0;  // lines_dropped()
  // The sets a physical line can be in (SMALLEST_PAGE_BYTES): those equal to
  // (paddr >> line shift) in the bits of m_page_set_mask; all of them once a
  // fill broke that rule (m_any_set).
  std::uint64_t m_page_set_mask = 0;
  bool m_any_set = false;
  std::uint64_t m_random_state;
  std::uint64_t m_prefetch_base = 0;  // set_prefetch_window()
  const std::uint8_t* m_prefetch_host = nullptr;
  std::uint64_t m_prefetch_size = 0;
  std::vector<line_meta> m_meta;     // sets x ways
  std::vector<std::uint8_t> m_data;  // sets x ways x line_bytes
  cache_stats m_stats;

  line_meta& meta(std::uint64_t set, unsigned way) { return m_meta[set * ways() + way]; }
  const line_meta& meta(std::uint64_t set, unsigned way) const {
    return m_meta[set * ways() + way];
  }
  std::uint8_t* data_of(std::uint64_t set, unsigned way) {
    return &m_data[(set * ways() + way) << m_line_shift];
  }
  // The sets that can hold the physical line of paddr: first, first + step ...
  void candidate_sets(std::uint64_t paddr, std::uint64_t& first, std::uint64_t& step) const {
    if (m_params.index == index_function::PHYSICAL) {
      first = set_index(0, paddr, 0);
      step = m_sets;
    } else if (m_any_set) {
      first = 0;
      step = 1;
    } else {
      first = (paddr >> m_line_shift) & m_page_set_mask;
      step = m_page_set_mask + 1;
    }
  }
  int find_way(std::uint64_t set, std::uint64_t tag) const {
    const line_meta* base = &m_meta[set * ways()];
    for (unsigned w = 0; w < ways(); ++w) {
      if (base[w].tag == tag) return static_cast<int>(w);
    }
    return -1;
  }
  // The entry a miss in set fills (cache_core_line.h).
  unsigned choose_victim(std::uint64_t set);
  // Whole cycles for ps picoseconds, rounded up; the last answer is kept, as
  // miss latencies repeat (the division costs more than the rest of a hit).
  std::uint64_t cycles_of(std::uint64_t ps) const {
    if (ps != m_cycles_of_ps) {
      m_cycles_of_ps = ps;
      m_cycles_of = (ps + m_params.clock_period_ps - 1) / m_params.clock_period_ps;
    }
    return m_cycles_of;
  }
  mutable std::uint64_t m_cycles_of_ps = 0;
  mutable std::uint64_t m_cycles_of = 0;
  // Writes back (if dirty) and invalidates one entry; adds memory latency.
  bool evict(std::uint64_t set, unsigned way, bool write_back, std::uint64_t& latency_ps,
             bool for_op);
  // Invalidates a valid entry (its write-back, if any, done).
  void drop_line(line_meta& m) {
    m.tag = INVALID_TAG;
    m.dirty = false;
    --m_valid_lines;
    ++m_lines_dropped;
  }
  // Whether an access within one line of a cacheable address that
  // access_hit() declined is surely a miss (access_declined()): all but a
  // store access_hit() does not take (write-through, instruction cache).
  bool declined_is_miss(access_kind kind) const {
    return kind != access_kind::STORE || m_fast_stores;
  }
  static unsigned kind_slot(access_kind kind) {
    return kind == access_kind::FETCH ? 0 : kind == access_kind::STORE ? 2 : 1;
  }
  // The cache_memory given at construction as a Memory of line_access().
  struct memory_calls {
    cache_memory& memory;
    bool read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len,
                     std::uint64_t& latency_ps) {
      return memory.read_memory(paddr, data, len, latency_ps);
    }
    bool write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                      std::uint64_t& latency_ps) {
      return memory.write_memory(paddr, data, len, latency_ps);
    }
    void write_back_and_fill(std::uint64_t victim_paddr, std::uint64_t fill_paddr,
                             std::uint8_t* line, unsigned len, bool& written,
                             std::uint64_t& write_latency_ps, bool& filled,
                             std::uint64_t& fill_latency_ps) {
      memory.write_back_and_fill(victim_paddr, fill_paddr, line, len, written, write_latency_ps,
                                 filled, fill_latency_ps);
    }
  };
  // The templates over the memory below (cache_core_line.h): a store also
  // sent to memory (write-through, or write-around on a miss); the move of
  // an access's bytes between data and the line at `at`, where a store marks
  // the line dirty (write-back) or also writes memory (write-through); one
  // line's access, as access_line().
  template <class Memory>
  void write_through(Memory& memory, std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                     cache_result& r);
  template <class Memory>
  void transfer(Memory& memory, line_meta& m, std::uint8_t* at, bool is_store, std::uint64_t paddr,
                std::uint8_t* data, unsigned len, cache_result& r);
  template <class Memory>
  cache_result line_access(Memory& memory, access_kind kind, std::uint64_t vaddr,
                           std::uint64_t paddr, std::uint32_t space, std::uint8_t* data,
                           unsigned len, bool known_miss);
  // What access_hit() did not serve, by its kind: an uncached address, an
  // access within one line (a miss, mostly; surely one with known_miss) or
  // one spanning lines. Inline: a miss goes from its caller straight to
  // access_line().
  cache_result access_slow(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                           std::uint32_t space, std::uint8_t* data, unsigned len,
                           bool known_miss = false) {
    if (paddr - m_params.uncached_base < m_params.uncached_size) {
      return access_uncached(kind, paddr, data, len);
    }
    if ((paddr & m_line_mask) + len <= m_params.line_bytes) {
      return access_line(kind, vaddr, paddr, space, data, len, known_miss);
    }
    return access_split(kind, vaddr, paddr, space, data, len);
  }
  // An access spanning lines, line by line.
  cache_result access_split(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                            std::uint32_t space, std::uint8_t* data, unsigned len);
  // One line's access; known_miss: the line is not in the cache (the set is
  // not searched).
  cache_result access_line(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                           std::uint32_t space, std::uint8_t* data, unsigned len,
                           bool known_miss = false);
};

}  // namespace pavp

#endif  // PAVP_CACHE_CACHE_CORE_H
