// The coherence checker (DESIGN decision 7).
//
// coherence_checker keeps a shadow of the architecturally latest value of
// every byte of the tracked physical regions (DRAM, the firmware window):
// every store the CPU retires and every debug (loader) write updates it, and
// every CPU load is compared with it. A load that returns something else is
// a stale read; the first one is kept with its provenance (cycle, pc,
// pid/tid, virtual and physical address, expected and observed value, the
// last writer of the bytes and, filled in by whoever knows the caches, the
// cache lines holding that physical line).
//
// The shadow is allocated per 4 KB page on the first write to the page;
// a page never written reads as zero, as the DRAM model's backing store
// starts. Last-writer records are kept per 32-bit word, 8 bytes each (the
// kernel writes hundreds of pages, so the shadow's size is most of a run's
// host memory traffic). Shadow pages come from a mapping the OS fills with
// zeros (page_pool), so a new page is not cleared by hand.
//
// coherence_probe is the TLM pass-through that feeds it: bound between the
// CPU's data socket and the D-cache, it forwards every transaction and then
// shows the checker the stores, loads and debug writes that went through.
// An ignorable request without an access_extension (a CPU asking whether a
// cache sits behind its socket, to call it directly) is answered by the
// probe and not passed on, so no access can bypass the checker. A CPU that
// asks for an access_observer instead (pavp::cpu::cpu_model does) gets the
// probe, calls the D-cache directly and tells the probe of every access, as
// a b_transport through it would (access_observer.h): the same checks
// without a generic payload and two socket hops per access.
//
//   cpu.dsocket.bind(probe.cpu_socket);
//   probe.cache_socket.bind(board.dcache.cpu_socket);
#ifndef PAVP_PLATFORM_STUDY_COHERENCE_CHECKER_H
#define PAVP_PLATFORM_STUDY_COHERENCE_CHECKER_H

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <systemc>
#include <tlm>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pavp/cache/access_observer.h"
#include "pavp/cache/cache.h"
#include "pavp/cache/cache_core.h"
#include "pavp/common/copy_bytes.h"
#include "pavp/common/host_memory.h"
#include "pavp/tlm/access_extension.h"

namespace pavp {

// Who makes an access: filled by the platform from the CPU and sim-control.
struct access_context {
  std::uint64_t cycle = 0;
  std::uint32_t pc = 0;  // IAOQ_Front, privilege in the low two bits
  std::uint32_t pid = 0;
  std::uint32_t tid = 0;
};

struct writer_record {
  bool known = false;  // false: never written since reset (or a debug write)
  bool debug = false;  // a debug (loader) write
  access_context who;
};

struct stale_read {
  access_context who;
  std::uint64_t vaddr = 0;
  std::uint32_t space = 0;
  std::uint8_t privilege = 0;
  std::uint64_t paddr = 0;
  unsigned len = 0;
  std::uint64_t expected = 0;  // big-endian value of the len bytes
  std::uint64_t observed = 0;
  std::uint64_t byte_paddr = 0;             // first byte that differs
  writer_record last_writer;                // of the first byte that differs
  std::vector<line_location> dcache_lines;  // entries holding the physical line
  std::string function;                     // symbol of pc, if known
  std::string caller;  // symbol of the return pointer (gr2): the caller of a leaf routine
  // The program's view of byte_paddr, when the run names it (the nptl
  // scenario): its virtual address in the current process and the object
  // there (guest_objects.h), e.g. "struct pthread on stack_cache: list.prev".
  std::optional<std::uint32_t> user_vaddr;
  std::string object;

  nlohmann::ordered_json to_json() const;
  // Several lines, e.g. "stale read at cycle 123: pc 0xf0001234 (copy_user_page) ...".
  std::string to_text() const;
};

class coherence_checker {
 public:
  // Tracks [base, base + size); base and size multiples of 4 KB.
  void add_region(std::uint64_t base, std::uint64_t size);
  // Asks the host to keep the shadow in transparent huge pages (2 MB) where
  // its kernel gives them, as dram::prefer_huge_pages() asks for the DRAM
  // store, and for the same processes: those that do not fork. Before the
  // first store; nothing the checker finds changes.
  void prefer_huge_pages() { m_pool.prefer_huge_pages(); }
  // Whether the len bytes at paddr lie in one tracked region.
  bool tracked(std::uint64_t paddr, unsigned len) { return find(paddr, len) != nullptr; }

  // A CPU store with its writer: its bytes are kept from paddr on as far
  // as they lie in tracked regions, across pages and regions. The probe,
  // whose stores are the most frequent calls of a run (the kernel's page
  // clearing alone makes hundreds of thousands), uses store_if_tracked().
  void store(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
             const access_context& who) {
    const word_writer w = writer_of(who);
    store_at(find(paddr, len), paddr, data, len, w);
  }
  // A CPU store whose len bytes lie in one tracked region (as tracked()
  // tells); any other is not looked at. context() gives its access_context
  // and is called only for a tracked store: the probe's path for every
  // store, with one search of the regions instead of two.
  template <class Context>
  void store_if_tracked(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                        Context&& context) {
    region* r = find(paddr, len);
    if (r == nullptr) return;
    store_at(r, paddr, data, len, writer_of(context()));
  }
  // CPU stores told in a batch (access_observer::after_stores()), all by
  // one pid/tid pair: as store_if_tracked() of each in turn, with its own
  // cycle and pc.
  void store_batch(const observed_store* stores, std::size_t count, std::uint32_t pid,
                   std::uint32_t tid) {
    std::uint32_t pc = 0, site = NEVER_WRITTEN;  // the last store's site (pc is never site 0's)
    page* p = nullptr;  // the shadow of the last store's page, at paddr page_at
    std::uint64_t page_at = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const observed_store& s = stores[k];
      if (site == NEVER_WRITTEN || s.pc != pc) {
        pc = s.pc;
        site = site_of(pc, pid, tid);
      }
      const word_writer w = writer_at(s.cycle, site);
      std::uint64_t in_page = s.paddr - page_at;
      if (p == nullptr || in_page + s.len > PAGE) {
        // Another page (a tracked page lies wholly in its region): found as
        // store_if_tracked() finds it.
        region* r = find(s.paddr, s.len);
        if (r == nullptr) continue;
        const std::uint64_t off = s.paddr - r->base;
        if (!in_one_page(off, s.len)) {
          write(s.paddr, s.data, s.len, w);
          p = nullptr;
          continue;
        }
        p = &page_for_write(*r, off);
        in_page = off % PAGE;
        page_at = s.paddr - in_page;
      }
      write_bytes(*p, static_cast<unsigned>(in_page), s.data, s.len, w);
    }
  }
  void debug_write(std::uint64_t paddr, const std::uint8_t* data, unsigned len);
  // Compares a load's data with the shadow, if its len bytes lie in one
  // tracked region (as tracked() tells; only those count as checked); on a
  // mismatch counts a stale read and returns it (the caller may complete it
  // before it is kept as the first). Inline up to the comparison of a load
  // within one page, as store() is.
  stale_read* check_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                         const access_extension& ext, const access_context& who) {
    region* r = find(paddr, len);
    if (r == nullptr) return nullptr;
    ++m_loads;
    if (shadow_holds(*r, paddr, data, len)) return nullptr;
    return check_load_mismatch(paddr, data, len, ext, who);
  }
  // check_load() for a load that finds nothing to report: true, the load
  // counted as checked if tracked, when its len bytes are not tracked or are
  // the shadow's; false, nothing done, when check_load() must look further.
  bool quiet_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len) {
    region* r = find(paddr, len);
    if (r == nullptr) return true;
    if (!shadow_holds(*r, paddr, data, len)) return false;
    ++m_loads;
    return true;
  }

  // The shadow value of len bytes (zero where never written).
  void read_shadow(std::uint64_t paddr, std::uint8_t* out, unsigned len) const;

  std::uint64_t stale_reads() const { return m_stale; }
  std::uint64_t loads_checked() const { return m_loads; }
  const std::optional<stale_read>& first() const { return m_first; }
  std::optional<stale_read>& first() { return m_first; }

 private:
  static constexpr unsigned PAGE = 4096;
  // The last writer of one 32-bit word in 8 bytes: the cycle (the high
  // CYCLE_BITS bits; a later cycle is kept as the largest one) and a store
  // site (the low SITE_BITS), m_sites[site] = the pc and `who`, which says
  // what wrote it: NEVER_WRITTEN (site 0, so an all-zero record names no
  // writer), DEBUG_WRITE (site 1), or FIRST_THREAD + i for a store by the
  // pid/tid pair of m_threads[i]. Half the 16 bytes of a record with the pc and
  // pid/tid in it: a branch forked from a booted run copies the shadow pages
  // it writes, and the records are four fifths of them.
  struct word_writer {
    std::uint64_t bits;
  };
  static_assert(sizeof(word_writer) == 8);
  static constexpr unsigned SITE_BITS = 20;
  static constexpr unsigned CYCLE_BITS = 64 - SITE_BITS;  // 1.7e13 cycles
  static constexpr std::uint32_t NEVER_WRITTEN = 0;
  static constexpr std::uint32_t DEBUG_WRITE = 1;
  static constexpr std::uint32_t FIRST_THREAD = 2;
  // A page of the shadow. All zero is its initial state (bytes zero, no
  // writer), which the page_pool's memory starts as: the type has no
  // initializers, so creating one there writes nothing.
  struct page {
    std::array<std::uint8_t, PAGE> bytes;
    std::array<word_writer, PAGE / 4> writers;
  };
  // Hands out zero-filled pages, in order, from one anonymous mapping with
  // room for a page per tracked guest page (host_memory::zeroed_block). The
  // OS supplies each host page zero-filled on first touch: a new shadow page
  // costs no memset, and the parts of it a run never writes cost no host
  // memory (nor, in a forked branch, a copy). Before the first write to a
  // page in a process, before_write() makes its host pages writable in one
  // system call instead of two or three page faults
  // (host_memory::write_populator). Pages live as long as the pool.
  class page_pool {
   public:
    // Room for `pages` more pages; only before the first allocate().
    void reserve(std::size_t pages) { m_capacity += pages; }
    // Asks for the pool in transparent huge pages (coherence_checker::
    // prefer_huge_pages()); before the first allocate().
    void prefer_huge_pages() { m_huge = true; }
    page* allocate();
    void before_write(page* p) {
      // Most stores go to the page of the store before (a page being cleared).
      const std::uint32_t now = host_memory::fork_epoch();
      if (p == m_last_page && now == m_last_epoch) return;
      m_populate.before_write(p, sizeof(page));
      m_last_page = p;
      m_last_epoch = now;
    }

   private:
    std::size_t m_capacity = 0;
    std::size_t m_used = 0;
    page* m_last_page = nullptr;  // the page of the last before_write, in fork epoch m_last_epoch
    std::uint32_t m_last_epoch = 0;
    bool m_huge = false;
    host_memory::zeroed_block m_block;
    host_memory::write_populator<sizeof(page)> m_populate;
  };
  struct region {
    std::uint64_t base = 0;
    std::uint64_t size = 0;
    host_memory::zeroed_block page_table;  // the pointers below, zero-filled by the OS
    page** pages = nullptr;                // one per guest page; null: never written
  };

  region* find(std::uint64_t paddr, unsigned len) {
    region* last = m_last_region;  // most accesses fall in the region of the one before
    if (last != nullptr && paddr >= last->base && paddr - last->base + len <= last->size) {
      return last;
    }
    for (region& r : m_regions) {
      if (paddr >= r.base && paddr - r.base + len <= r.size) return m_last_region = &r;
    }
    return nullptr;
  }
  const region* find(std::uint64_t paddr, unsigned len) const {
    for (const region& r : m_regions) {
      if (paddr >= r.base && paddr - r.base + len <= r.size) return &r;
    }
    return nullptr;
  }
  void write(std::uint64_t paddr, const std::uint8_t* data, unsigned len, const word_writer& w);
  // check_load() past its inline comparison: a load across pages, or one
  // whose bytes differ from the page's shadow.
  stale_read* check_load_mismatch(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                                  const access_extension& ext, const access_context& who);
  // Whether the len bytes at paddr, in region r and within one page, are the
  // shadow's (false for bytes across pages: check_load_mismatch() looks).
  bool shadow_holds(const region& r, std::uint64_t paddr, const std::uint8_t* data,
                    unsigned len) const {
    const std::uint64_t off = paddr - r.base;
    const auto in_page = static_cast<unsigned>(off % PAGE);
    if (in_page + len > PAGE) return false;
    const page* p = r.pages[off / PAGE];
    return p != nullptr ? same_bytes(&p->bytes[in_page], data, len) : all_zero(data, len);
  }
  // memcmp(a, b, len) == 0, with the sizes of CPU loads compared inline.
  static bool same_bytes(const std::uint8_t* a, const std::uint8_t* b, unsigned len) {
    switch (len) {
      case 4: {
        std::uint32_t x, y;
        std::memcpy(&x, a, 4);
        std::memcpy(&y, b, 4);
        return x == y;
      }
      case 1:
        return *a == *b;
      case 2: {
        std::uint16_t x, y;
        std::memcpy(&x, a, 2);
        std::memcpy(&y, b, 2);
        return x == y;
      }
      case 8: {
        std::uint64_t x, y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        return x == y;
      }
      default:
        return std::memcmp(a, b, len) == 0;
    }
  }
  static bool all_zero(const std::uint8_t* data, unsigned len) {
    bool zero = true;
    for (unsigned i = 0; i < len; ++i) zero = zero && data[i] == 0;
    return zero;
  }
  // A store's bytes with their writer: within one page of r (every aligned
  // CPU store) directly, otherwise (r null: not wholly in one region) byte
  // range by byte range through write().
  void store_at(region* r, std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                word_writer w) {
    if (r != nullptr && in_one_page(paddr - r->base, len)) {
      write_in_page(*r, paddr - r->base, data, len, w);
    } else {
      write(paddr, data, len, w);
    }
  }
  // Whether the len bytes at offset off are some (not none) and all in one page.
  static bool in_one_page(std::uint64_t off, unsigned len) { return off % PAGE + len - 1 < PAGE; }
  // Writes n (> 0) bytes at offset off of region r, all within one page.
  void write_in_page(region& r, std::uint64_t off, const std::uint8_t* data, unsigned n,
                     word_writer w) {
    write_bytes(page_for_write(r, off), static_cast<unsigned>(off % PAGE), data, n, w);
  }
  // The shadow page holding offset off of region r, ready for a write.
  page& page_for_write(region& r, std::uint64_t off) {
    page*& p = r.pages[off / PAGE];
    if (p == nullptr) p = m_pool.allocate();
    m_pool.before_write(p);
    return *p;
  }
  // Writes n (> 0) bytes of a CPU store at in_page, within page p, with
  // their writer: 1 to 8 bytes copied inline; an aligned word, the
  // commonest, in two moves without copy_bytes' choice among sizes.
  static void write_bytes(page& p, unsigned in_page, const std::uint8_t* data, unsigned n,
                          word_writer w) {
    if (n == 4 && in_page % 4 == 0) {
      std::memcpy(&p.bytes[in_page], data, 4);
      p.writers[in_page / 4] = w;
      return;
    }
    copy_bytes(&p.bytes[in_page], data, n);
    for (unsigned word = in_page / 4; word <= (in_page + n - 1) / 4; ++word) p.writers[word] = w;
  }
  // The record of a store by who.
  word_writer writer_of(const access_context& who) {
    return writer_at(who.cycle, site_of(who.pc, who.pid, who.tid));
  }
  static word_writer writer_at(std::uint64_t cycle, std::uint32_t site) {
    cycle = std::min<std::uint64_t>(cycle, (std::uint64_t{1} << CYCLE_BITS) - 1);
    return word_writer{cycle << SITE_BITS | site};
  }
  // The `who` code of a store by pid/tid (new pairs are added to m_threads).
  std::uint32_t thread_code(std::uint32_t pid, std::uint32_t tid);
  // The writer_record a word_writer stands for (as reported in a stale_read).
  writer_record expand(const word_writer& w) const;

  page_pool m_pool;
  std::vector<region> m_regions;
  region* m_last_region = nullptr;  // find()'s last answer (m_regions does not grow after use)
  // Each thread's sites by pc: open addressing with linear probing from the
  // pc's word index, a slot being pc << 32 | site (0: empty; no store has
  // site 0). Nearby pcs use nearby slots, and a thread's table is its own:
  // a branch whose new thread stores from hundreds of pcs fills a table of
  // its own instead of scattering entries (and a rehash) over one shared
  // by every thread.
  struct site_table {
    std::vector<std::uint64_t> slots;  // a power of two in size, at most half full
    std::size_t used = 0;
    // The slot holding pc's site, or the empty slot where it goes.
    std::uint64_t& slot_for(std::uint32_t pc) {
      const std::size_t mask = slots.size() - 1;
      std::size_t i = (pc >> 2) & mask;
      while (slots[i] != 0 && slots[i] >> 32 != pc) i = (i + 1) & mask;
      return slots[i];
    }
    void grow();
  };
  // Every pid/tid pair that stored, in order of its first store, with its
  // sites; m_thread_codes maps pid << 32 | tid to its code (FIRST_THREAD +
  // its index); m_last_thread_key and _code cache the latest lookup.
  struct thread_record {
    std::uint32_t pid = 0, tid = 0;
    site_table sites;
  };
  std::vector<thread_record> m_threads;
  std::unordered_map<std::uint64_t, std::uint32_t> m_thread_codes;
  std::uint64_t m_last_thread_key = 0;
  std::uint32_t m_last_thread_code = NEVER_WRITTEN;
  // Store sites: m_sites[site] is its (pc, who); [0] never written, [1] the
  // loader. The array has room for every site (2^SITE_BITS) in a mapping
  // the OS fills on first touch, so it never moves: a forked branch that
  // adds sites writes only the pages at its end, not a copy of all of it.
  struct site {
    std::uint32_t pc;
    std::uint32_t who;
  };
  host_memory::zeroed_block m_site_block{(std::size_t{1} << SITE_BITS) * sizeof(site)};
  site* m_sites = init_sites(m_site_block);
  std::uint32_t m_site_count = FIRST_THREAD;  // sites 0 and 1 are not stores
  static site* init_sites(const host_memory::zeroed_block& block);
  struct site_slot {
    std::uint32_t pc = 0, pid = 0, tid = 0;
    std::uint32_t site = 0;  // 0: empty (site 0 is never a store's)
  };
  std::array<site_slot, 256> m_site_cache{};
  std::uint32_t site_of(std::uint32_t pc, std::uint32_t pid, std::uint32_t tid) {
    const site_slot& slot = m_site_cache[((pc >> 2) ^ (tid * 0x9e37u)) % m_site_cache.size()];
    if (slot.pc == pc && slot.pid == pid && slot.tid == tid && slot.site != 0) return slot.site;
    return new_site(pc, pid, tid);
  }
  std::uint32_t new_site(std::uint32_t pc, std::uint32_t pid, std::uint32_t tid);
  std::uint64_t m_stale = 0;
  std::uint64_t m_loads = 0;
  std::optional<stale_read> m_first;
  stale_read m_scratch;
};

// The TLM pass-through between the CPU's data socket and the D-cache.
class coherence_probe final : public sc_core::sc_module, public access_observer {
 public:
  tlm_utils::simple_target_socket<coherence_probe> cpu_socket;
  tlm_utils::simple_initiator_socket<coherence_probe> cache_socket;

  using context_fn = std::function<access_context()>;
  // Called for each stale read after the checker counted it (first: whether it
  // is the first one, which the callback may complete before it is kept).
  using stale_fn = std::function<void(stale_read& r, bool first)>;
  // Called after each cache-maintenance operation that went through.
  using cache_op_fn = std::function<void(const access_extension& ext, std::uint64_t paddr)>;
  // Called before each load or store (not cache operations).
  using access_fn = std::function<void()>;
  // Called after each load or store that went through (not cache
  // operations): physical address, bytes, whether a store, and the
  // extension (null for a payload without one).
  using data_fn = std::function<void(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                                     bool is_write, const access_extension* ext)>;

  coherence_probe(sc_core::sc_module_name name, coherence_checker& checker, context_fn context);

  void on_stale(stale_fn fn) { m_on_stale = std::move(fn); }
  void on_cache_op(cache_op_fn fn) { m_on_cache_op = std::move(fn); }
  void on_access(access_fn fn) { m_on_access = std::move(fn); }
  void on_data(data_fn fn) { m_on_data = std::move(fn); }

  // access_observer: the D-cache behind cache_socket, called directly by the CPU.
  pavp::cache* observed_cache() override;
  void before_access() override {
    if (m_on_access) m_on_access();
  }
  void after_access(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
                    const access_extension& ext) override;
  void after_hit(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
                 const access_extension& ext) override;
  // Store hits in batches, when nothing but the checker looks at them (no
  // on_access or on_data callback): each kept with its cycle and pc, the
  // process and thread as now.
  bool takes_stores() const override { return checker_alone(); }
  void after_stores(const observed_store* stores, std::size_t count) override;
  // A load hit that matches the shadow, likewise.
  bool after_quiet_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len) override {
    return checker_alone() && m_checker.quiet_load(paddr, data, len);
  }
  // Cache operations only for the on_cache_op callback.
  bool takes_cache_ops() const override { return static_cast<bool>(m_on_cache_op); }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  // What the probe does after an access went through, whichever way it came.
  void observe(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
               const access_extension* ext);
  // Its part for a load or store (cmd READ or WRITE).
  inline void observe_data(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                           unsigned len, const access_extension* ext);
  // A stale read the checker found: its context, the callback, the first kept.
  void report(stale_read& s);
  // Whether nothing but the checker looks at the data accesses (no on_access
  // or on_data callback): then hits may be told in brief.
  bool checker_alone() const { return !m_on_access && !m_on_data; }

  coherence_checker& m_checker;
  context_fn m_context;
  stale_fn m_on_stale;
  cache_op_fn m_on_cache_op;
  access_fn m_on_access;
  data_fn m_on_data;
};

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_COHERENCE_CHECKER_H
