// pavp::host_memory: large backing stores (a memory's bytes, a checker's
// shadow) that cost host memory only where they are written, and that a
// process forked from a running simulation copies cheaply.
//
// zeroed_block is an anonymous private mapping: page aligned, zero-filled by
// the OS on first touch, so the parts a run never touches cost nothing.
//
// write_populator makes the host pages of such a block writable before the
// first write to each of them in this process, with one
// madvise(MADV_POPULATE_WRITE) system call instead of a page fault per page
// (Linux 5.14 or later; elsewhere it does nothing and the faults happen as
// usual). The contents, and so every result, are the same either way; only
// the host's time differs. Measured on the 2-core VM the study runs on
// (BENCHMARKS.md, "Host page faults"): a zero-fill fault takes about 14 us
// against about 1 us populated, a copy-on-write fault in a forked process
// about 18 us against 6.5 us (the first touch of a page costs about 8 us
// more either way, in the hypervisor): the study's boots and branches spent
// about a third of their time in such faults.
//
// Which units this process has made writable is kept per unit as the fork
// epoch it happened in (fork_epoch(), which changes in parent and child at
// every fork: a page written before a fork is shared copy-on-write after
// it, in both processes); 0 says no process of this line has touched it.
#ifndef PAVP_COMMON_HOST_MEMORY_H
#define PAVP_COMMON_HOST_MEMORY_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace pavp::host_memory {

constexpr std::size_t PAGE_BYTES = 4096;  // the host's page size (x86-64, arm64 default)

namespace detail {
inline std::atomic<std::uint32_t> fork_epoch{1};
// Registers the handlers that advance fork_epoch at every fork (once).
void watch_forks();
// Called, while set, with each unit of a write_populator's block just before
// it is populated -- before the unit's first write (or first read, for a unit
// never touched) in the current epoch -- while the unit still holds what it
// held then. An in-process snapshot (platform/study/process_snapshot.h)
// keeps those contents, so that it can put back every unit a branch wrote.
inline void (*before_populate)(std::uint8_t* unit, std::size_t bytes) = nullptr;
// The blocks write_populators cover (every write into them is announced).
void cover(const std::uint8_t* base, std::size_t bytes);
void uncover(const std::uint8_t* base);
}  // namespace detail

// Starts a new epoch in this process, as a fork does: every unit's next
// write (or first read) goes through populate again, and so through
// detail::before_populate.
void advance_epoch();

// The blocks write_populators cover now, at most `max` of them, into `out`
// (base and size each); returns how many there are.
struct covered_block {
  const std::uint8_t* base = nullptr;
  std::size_t bytes = 0;
};
std::size_t covered_blocks(covered_block* out, std::size_t max);

// The current fork epoch: 1 in a process that has not forked, then a new
// value in both processes after each fork (pthread_atfork; counted from the
// first write_populator's creation).
inline std::uint32_t fork_epoch() {
  return detail::fork_epoch.load(std::memory_order_relaxed);
}

// An anonymous private mapping of `bytes` (rounded up to whole pages), zero
// filled, or empty (data() null) after a failed allocation.
class zeroed_block {
 public:
  zeroed_block() = default;
  explicit zeroed_block(std::size_t bytes);
  ~zeroed_block();
  zeroed_block(zeroed_block&& other) noexcept;
  zeroed_block& operator=(zeroed_block&& other) noexcept;
  zeroed_block(const zeroed_block&) = delete;
  zeroed_block& operator=(const zeroed_block&) = delete;

  std::uint8_t* data() const { return m_data; }
  std::size_t size() const { return m_size; }
  explicit operator bool() const { return m_data != nullptr; }

 private:
  std::uint8_t* m_data = nullptr;
  std::size_t m_size = 0;
};

// Asks the kernel to back [p, p + bytes) with transparent huge pages (2 MB on
// x86-64) where it can: Debian's kernels give them to a mapping that asks
// (THP mode "madvise"). Fewer host TLB misses for a large memory accessed at
// random; the same bytes and the same zero fill. False where the kernel
// declines (THP off, or not built in).
bool prefer_huge_pages(void* p, std::size_t bytes);

// Makes [p, p + bytes) (whole pages) private and writable in this process
// now, with one system call; false (and nothing done) where the kernel
// cannot, and the first writes fault as usual.
bool populate_for_write(void* p, std::size_t bytes);

// Populates the host pages of one zeroed_block ahead of writes (above), in
// units of UNIT bytes (a multiple of PAGE_BYTES: a unit is always populated
// whole, so its first page's epoch stands for all of it).
template <std::size_t UNIT = PAGE_BYTES>
class write_populator {
  static_assert(UNIT % PAGE_BYTES == 0, "a unit is whole host pages");

 public:
  write_populator() = default;
  // Covers the `bytes` bytes at base (page aligned).
  write_populator(std::uint8_t* base, std::size_t bytes)
      : m_base(base),
        m_units((bytes + UNIT - 1) / UNIT),
        m_epoch_block(m_units * sizeof(std::uint32_t)),
        m_epochs(reinterpret_cast<std::uint32_t*>(m_epoch_block.data())) {
    detail::watch_forks();  // before any unit is marked
    if (m_base != nullptr) detail::cover(m_base, bytes);
  }
  ~write_populator() {
    if (m_base != nullptr) detail::uncover(m_base);
  }
  write_populator(write_populator&& other) noexcept
      : m_base(std::exchange(other.m_base, nullptr)),
        m_units(std::exchange(other.m_units, 0)),
        m_epoch_block(std::move(other.m_epoch_block)),
        m_epochs(std::exchange(other.m_epochs, nullptr)),
        m_ahead(other.m_ahead) {}
  write_populator& operator=(write_populator&& other) noexcept {
    if (this != &other) {
      if (m_base != nullptr) detail::uncover(m_base);
      m_base = std::exchange(other.m_base, nullptr);
      m_units = std::exchange(other.m_units, 0);
      m_epoch_block = std::move(other.m_epoch_block);
      m_epochs = std::exchange(other.m_epochs, nullptr);
      m_ahead = other.m_ahead;
    }
    return *this;
  }

  // Before writing [p, p + len): the units of it this process has not made
  // writable in its current fork epoch are populated. (This and
  // before_read() test the one unit of a range within a unit -- a cache
  // line, a CPU access -- without the loop.)
  __attribute__((always_inline)) void before_write(const void* p, std::size_t len) {
    if (m_epochs == nullptr) return;
    if (within_unit(p, len)) {
      before_write_in_unit(p);
      return;
    }
    const std::size_t first = unit_of(p);
    const std::uint32_t now = fork_epoch();
    const std::size_t last = unit_of(static_cast<const std::uint8_t*>(p) + len - 1);
    for (std::size_t i = first; i <= last; ++i) {
      if (m_epochs[i] != now) {
        populate(first, last, now);
        return;
      }
    }
  }
  // before_write() and before_read() of bytes at p that the caller knows
  // to lie within one unit (an aligned block no larger than a host page:
  // a DRAM's burst), without the test.
  __attribute__((always_inline)) void before_write_in_unit(const void* p) {
    if (m_epochs == nullptr) return;
    const std::size_t first = unit_of(p);
    const std::uint32_t now = fork_epoch();
    if (m_epochs[first] != now) populate_ahead(first, now);
  }
  __attribute__((always_inline)) void before_read_in_unit(const void* p) {
    if (m_epochs == nullptr) return;
    const std::size_t first = unit_of(p);
    if (m_epochs[first] == 0) populate_ahead(first, fork_epoch(), true);
  }
  // Before reading [p, p + len): the units of it that no process of this
  // one's line has touched yet (a read would take a fault to map the zero
  // page, and the first write another) are populated. A unit an ancestor
  // wrote is readable without a fault.
  __attribute__((always_inline)) void before_read(const void* p, std::size_t len) {
    if (m_epochs == nullptr) return;
    if (within_unit(p, len)) {
      before_read_in_unit(p);
      return;
    }
    const std::size_t first = unit_of(p);
    const std::size_t last = unit_of(static_cast<const std::uint8_t*>(p) + len - 1);
    for (std::size_t i = first; i <= last; ++i) {
      if (m_epochs[i] == 0) {
        populate(first, last, fork_epoch());
        return;
      }
    }
  }

 private:
  std::size_t unit_of(const void* p) const {
    return static_cast<std::size_t>(static_cast<const std::uint8_t*>(p) - m_base) / UNIT;
  }
  // Whether [p, p + len) lies within one unit: then first == last in the
  // loops (len 0 included, as there: none at a unit's start, else p's unit).
  bool within_unit(const void* p, std::size_t len) const {
    return static_cast<std::size_t>(static_cast<const std::uint8_t*>(p) - m_base) % UNIT + len - 1 <
           UNIT;
  }
  // A write's unit `first`, not writable yet in epoch now, or a read's
  // (first_read), never touched. Units are often reached in order -- a
  // memory's pages as a kernel hands them out, a shadow's pages as its pool
  // does -- so the unit right after the last call's units brings twice as
  // many as that call, up to MAX_AHEAD, in the one system call (each costs
  // as much as populating about one more page: BENCHMARKS.md, nineteenth
  // round); any other unit brings itself alone. At most as many units are
  // populated ahead as were reached in order before, and for a read only
  // units never touched (an ancestor's stay shared). While an in-process
  // snapshot keeps each unit populated (detail::before_populate), only the
  // unit reached.
  void populate_ahead(std::size_t first, std::uint32_t now, bool first_read = false) {
    if (now != m_ahead.epoch || first != m_ahead.next || detail::before_populate != nullptr) {
      m_ahead.count = 1;
    } else if (m_ahead.count < MAX_AHEAD) {
      m_ahead.count *= 2;
    }
    std::size_t last = first;
    while (last + 1 < m_units && last + 1 - first < m_ahead.count &&
           (first_read ? m_epochs[last + 1] == 0 : m_epochs[last + 1] != now)) {
      ++last;
    }
    populate(first, last, now);
    m_ahead = {now, last + 1, m_ahead.count};
  }
  void populate(std::size_t first, std::size_t last, std::uint32_t now) {
    if (detail::before_populate != nullptr) {
      for (std::size_t i = first; i <= last; ++i) detail::before_populate(m_base + i * UNIT, UNIT);
    }
    populate_for_write(m_base + first * UNIT, (last - first + 1) * UNIT);
    for (std::size_t i = first; i <= last; ++i) m_epochs[i] = now;
  }

  static constexpr std::size_t MAX_AHEAD = 16;
  std::uint8_t* m_base = nullptr;
  std::size_t m_units = 0;
  zeroed_block m_epoch_block;         // one std::uint32_t per unit of the covered bytes
  std::uint32_t* m_epochs = nullptr;  // 0: not populated by this process or an ancestor
  // populate_ahead()'s last call: its epoch, the unit after its units, how
  // many it populated (or would have: the block's end or a populated unit
  // may have stopped it).
  struct {
    std::uint32_t epoch = 0;
    std::size_t next = 0;
    std::size_t count = 1;
  } m_ahead;
};

}  // namespace pavp::host_memory

#endif  // PAVP_COMMON_HOST_MEMORY_H
