#include "platform/study/process_snapshot.h"

#include "pavp/common/host_memory.h"
#include "platform/study/branch_heap.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace pavp::process_snapshot {

namespace {

constexpr std::size_t PAGE = host_memory::PAGE_BYTES;

// A writable private range to put back: its pages resident at take() (for
// an anonymous range; all of them for a file's) are its level's kept pages.
struct piece {
  std::uint8_t* begin = nullptr;
  std::size_t bytes = 0;
  bool anonymous = false;
  std::size_t resident = 0;  // offset of its residency bytes (anonymous)
};

// A page as take() found it: where its copy is (the level's own, or the
// one of the level below when the page had not changed since).
struct kept_page {
  std::uint8_t* at = nullptr;
  const std::uint8_t* copy = nullptr;
};

// A unit of a covered block as it was before a branch first wrote it.
struct kept_unit {
  std::uint8_t* at = nullptr;
  std::size_t bytes = 0;
  std::size_t kept = 0;  // offset in the units' data
};

// Everything the snapshots need lives in one mapping of their own, which
// they leave out: the restore runs on a stack there, reads the kept bytes
// from there, and never calls malloc. Each level has an area for its pieces
// (their list, residency and kept pages); the kept units of all levels form
// one log, each level marking where its own begin.
constexpr std::size_t HEADER_BYTES = 512 << 10;
constexpr std::size_t STACK_BYTES = 256 << 10;
constexpr std::size_t MAPS_BYTES = 1 << 20;
constexpr std::size_t MAX_PIECES = 8192;
constexpr std::size_t MAX_RANGES = 8192;
constexpr std::size_t MAX_RESIDENT_PAGES = std::size_t{1} << 20;  // 4 GB of anonymous ranges
constexpr std::size_t MAX_UNITS = std::size_t{1} << 20;
constexpr std::size_t MAX_LEVELS = 256;
constexpr std::size_t LEVEL_BYTES = std::size_t{256}
                                    << 20;  // address space; only what is used costs
constexpr std::size_t UNIT_DATA_BYTES = std::size_t{8} << 30;

struct range {
  std::uint8_t* begin = nullptr;
  std::uint8_t* end = nullptr;
  bool anonymous = false;
};

// One snapshot of the stack.
struct level {
  ucontext_t at;  // where take() continues after a resume
  volatile int value = 0;
  bool recorded = false;
  std::size_t pieces = 0;
  std::size_t pages = 0;       // kept pages, in address order
  std::size_t units_mark = 0;  // the log's length at take()
  std::size_t unit_data_mark = 0;
  // take_after_fork(): the process holding this level's memory as it was
  // (-1: the level keeps copies of its pages instead).
  pid_t holder = -1;
};

struct header {
  ucontext_t restorer;  // the restore, on the storage's stack
  level levels[MAX_LEVELS];
  std::size_t depth = 0;
  std::size_t restoring = 0;  // the level resume() puts back
  bool overflow = false;      // a unit did not fit: no level can be put back
  std::size_t units = 0;
  std::size_t unit_data_used = 0;
  // Bytes of each level's data area made writable so far (they stay so
  // when a level is dropped and the next one of that depth reuses them).
  std::size_t populated[MAX_LEVELS] = {};
  int pagemap = -1;  // /proc/self/pagemap, while a level has a holder
  // A child ended abnormally (distrust_shared_pages): the next restore from
  // a holder reads back every page, not only those the page map names.
  bool read_all = false;
};
static_assert(sizeof(header) <= HEADER_BYTES);

// A level's area: its pieces, their residency bytes, its kept pages and
// the copies of its own.
constexpr std::size_t LEVEL_PIECES_BYTES = MAX_PIECES * sizeof(piece);
constexpr std::size_t LEVEL_PAGES_OFFSET = LEVEL_PIECES_BYTES + MAX_RESIDENT_PAGES;
constexpr std::size_t LEVEL_DATA_OFFSET =
    LEVEL_PAGES_OFFSET + MAX_RESIDENT_PAGES * sizeof(kept_page);

struct layout {
  header* head;
  std::uint8_t* stack;
  char* maps;
  range* ranges;
  std::uint8_t* scratch;  // mincore() at restore
  kept_unit* units;
  std::uint8_t* unit_data;
  iovec* iov;            // IOV_BATCH pages read back from a holder in one call
  std::uint8_t* levels;  // MAX_LEVELS areas of LEVEL_BYTES
};

constexpr std::size_t round_up(std::size_t n) {
  return (n + PAGE - 1) / PAGE * PAGE;
}
constexpr std::size_t IOV_BATCH = 512;  // under IOV_MAX (1024)
constexpr std::size_t STORAGE_BYTES =
    round_up(HEADER_BYTES) + STACK_BYTES + MAPS_BYTES + round_up(MAX_RANGES * sizeof(range)) +
    MAX_RESIDENT_PAGES + round_up(MAX_UNITS * sizeof(kept_unit)) + UNIT_DATA_BYTES +
    round_up(IOV_BATCH * sizeof(iovec)) + MAX_LEVELS * LEVEL_BYTES;

std::uint8_t* g_storage = nullptr;

layout layout_of(std::uint8_t* s) {
  layout l{};
  std::size_t at = 0;
  auto take_bytes = [&](std::size_t n) {
    std::uint8_t* p = s + at;
    at += round_up(n);
    return p;
  };
  l.head = reinterpret_cast<header*>(take_bytes(HEADER_BYTES));
  l.stack = take_bytes(STACK_BYTES);
  l.maps = reinterpret_cast<char*>(take_bytes(MAPS_BYTES));
  l.ranges = reinterpret_cast<range*>(take_bytes(MAX_RANGES * sizeof(range)));
  l.scratch = take_bytes(MAX_RESIDENT_PAGES);
  l.units = reinterpret_cast<kept_unit*>(take_bytes(MAX_UNITS * sizeof(kept_unit)));
  l.unit_data = take_bytes(UNIT_DATA_BYTES);
  l.iov = reinterpret_cast<iovec*>(take_bytes(IOV_BATCH * sizeof(iovec)));
  l.levels = s + at;
  return l;
}

piece* pieces_of(const layout& l, std::size_t lv) {
  return reinterpret_cast<piece*>(l.levels + lv * LEVEL_BYTES);
}
std::uint8_t* resident_of(const layout& l, std::size_t lv) {
  return l.levels + lv * LEVEL_BYTES + LEVEL_PIECES_BYTES;
}
kept_page* pages_of(const layout& l, std::size_t lv) {
  return reinterpret_cast<kept_page*>(l.levels + lv * LEVEL_BYTES + LEVEL_PAGES_OFFSET);
}
std::uint8_t* data_of(const layout& l, std::size_t lv) {
  return l.levels + lv * LEVEL_BYTES + LEVEL_DATA_OFFSET;
}
static_assert(LEVEL_DATA_OFFSET < LEVEL_BYTES);
constexpr std::size_t LEVEL_DATA_BYTES = LEVEL_BYTES - LEVEL_DATA_OFFSET;

// Reads /proc/self/maps into l.maps and lists its private writable ranges
// in address order; -1 when it cannot.
long writable_ranges(const layout& l) {
  const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  std::size_t len = 0;
  for (;;) {
    const ssize_t n = ::read(fd, l.maps + len, MAPS_BYTES - 1 - len);
    if (n < 0) {
      ::close(fd);
      return -1;
    }
    if (n == 0) break;
    len += static_cast<std::size_t>(n);
    if (len == MAPS_BYTES - 1) {
      ::close(fd);
      return -1;
    }
  }
  ::close(fd);
  l.maps[len] = '\0';
  long count = 0;
  for (char* line = l.maps; *line != '\0';) {
    char* next = std::strchr(line, '\n');
    if (next != nullptr) *next = '\0';
    // start-end perms offset dev inode [path]
    char* p = line;
    const std::uintptr_t begin = std::strtoull(p, &p, 16);
    const std::uintptr_t end = std::strtoull(p + 1, &p, 16);
    const char* perms = p + 1;
    p += 6;
    std::strtoull(p, &p, 16);  // offset
    while (*p == ' ') ++p;     // dev
    while (*p != ' ' && *p != '\0') ++p;
    const unsigned long long inode = std::strtoull(p, &p, 10);
    if (perms[1] == 'w' && perms[3] == 'p') {
      if (count == static_cast<long>(MAX_RANGES)) return -1;
      l.ranges[count++] = range{reinterpret_cast<std::uint8_t*>(begin),
                                reinterpret_cast<std::uint8_t*>(end), inode == 0};
    }
    if (next == nullptr) break;
    line = next + 1;
  }
  return count;
}

// The ranges the snapshot leaves out, in address order: the storage, the
// covered blocks (kept unit by unit instead) and the unused rest of the
// branch heap.
std::size_t left_out(range* out, std::size_t max) {
  std::size_t n = 0;
  out[n++] = range{g_storage, g_storage + STORAGE_BYTES, true};
  host_memory::covered_block blocks[64];
  const std::size_t covered = std::min<std::size_t>(host_memory::covered_blocks(blocks, 64), 64);
  for (std::size_t i = 0; i < covered && n < max; ++i) {
    auto* b = const_cast<std::uint8_t*>(blocks[i].base);
    out[n++] = range{b, b + blocks[i].bytes, true};
  }
  if (const void* heap = branch_heap::region(); heap != nullptr && n < max) {
    auto* b = static_cast<std::uint8_t*>(const_cast<void*>(heap));
    const std::size_t used = round_up(branch_heap::used());
    if (used < branch_heap::REGION_BYTES) {
      out[n++] = range{b + used, b + branch_heap::REGION_BYTES, true};
    }
  }
  std::sort(out, out + n, [](const range& a, const range& b) { return a.begin < b.begin; });
  return n;
}

// Splits the writable ranges around what is left out into level lv's pieces.
bool list_pieces(const layout& l, std::size_t lv) {
  const long count = writable_ranges(l);
  if (count < 0) return false;
  range out[80];
  const std::size_t n_out = left_out(out, 80);
  level& v = l.head->levels[lv];
  piece* pieces = pieces_of(l, lv);
  v.pieces = 0;
  for (long i = 0; i < count; ++i) {
    std::uint8_t* at = l.ranges[i].begin;
    std::uint8_t* const end = l.ranges[i].end;
    for (std::size_t k = 0; k <= n_out && at < end; ++k) {
      std::uint8_t* const stop = k < n_out ? std::min(end, std::max(at, out[k].begin)) : end;
      if (stop > at) {
        if (v.pieces == MAX_PIECES) return false;
        pieces[v.pieces++] = piece{at, static_cast<std::size_t>(stop - at), l.ranges[i].anonymous};
      }
      if (k < n_out && out[k].end > at) at = std::max(at, std::min(end, out[k].end));
    }
  }
  return true;
}

// Level lv's residency -- which pages of its anonymous pieces are resident
// now -- without keeping a page (take_after_fork(); keep_pieces() keeps them).
bool note_residency(const layout& l, std::size_t lv) {
  level& v = l.head->levels[lv];
  piece* pieces = pieces_of(l, lv);
  std::size_t resident = 0;
  for (std::size_t i = 0; i < v.pieces; ++i) {
    piece& p = pieces[i];
    if (!p.anonymous) continue;
    const std::size_t pages = p.bytes / PAGE;
    if (resident + pages > MAX_RESIDENT_PAGES) return false;
    p.resident = resident;
    if (::mincore(p.begin, p.bytes, resident_of(l, lv) + resident) != 0) return false;
    resident += pages;
  }
  v.pages = 0;
  return true;
}

// Keeps level lv's pages (take()): those of the pieces resident now (all
// of a file's). A page that has not changed since the level below kept it
// shares that copy: a decision of an exploration is a few thousand
// instructions from the one before, and copying megabytes of unchanged
// heap, stacks and data for each was a fifth of the exploration's time.
bool keep_pieces(const layout& l, std::size_t lv) {
  header& h = *l.head;
  level& v = h.levels[lv];
  const piece* pieces = pieces_of(l, lv);
  kept_page* out = pages_of(l, lv);
  std::uint8_t* own = data_of(l, lv);
  const kept_page* below = lv > 0 ? pages_of(l, lv - 1) : nullptr;
  const std::size_t below_n = lv > 0 ? h.levels[lv - 1].pages : 0;
  std::size_t j = 0, n = 0, data = 0;
  auto keep = [&](std::uint8_t* page) {
    while (j < below_n && below[j].at < page) ++j;
    if (j < below_n && below[j].at == page && std::memcmp(page, below[j].copy, PAGE) == 0) {
      out[n++] = kept_page{page, below[j].copy};
      return true;
    }
    if (n == MAX_RESIDENT_PAGES || data + PAGE > LEVEL_DATA_BYTES) return false;
    if (data + PAGE > h.populated[lv]) {
      constexpr std::size_t CHUNK = 256 << 10;
      host_memory::populate_for_write(own + h.populated[lv], CHUNK);
      h.populated[lv] += CHUNK;
    }
    std::memcpy(own + data, page, PAGE);
    out[n++] = kept_page{page, own + data};
    data += PAGE;
    return true;
  };
  if (!note_residency(l, lv)) return false;
  for (std::size_t i = 0; i < v.pieces; ++i) {
    const piece& p = pieces[i];
    const std::size_t pages = p.bytes / PAGE;
    if (p.anonymous) {
      const std::uint8_t* vec = resident_of(l, lv) + p.resident;
      for (std::size_t k = 0; k < pages; ++k) {
        if ((vec[k] & 1) != 0 && !keep(p.begin + k * PAGE)) return false;
      }
    } else {
      for (std::size_t k = 0; k < pages; ++k) {
        if (!keep(p.begin + k * PAGE)) return false;
      }
    }
  }
  v.pages = n;
  return true;
}

// A process that holds this one's memory as it is now (copy-on-write) and
// does nothing else until this one ends, which kills it. Forked by the bare
// system call, so that no fork handler runs on either side: its memory is
// this process's at the call, malloc's locks and all, and it makes system
// calls only. -1 when it could not be started.
pid_t start_holder() {
  const long self = ::syscall(SYS_getpid);
  const long pid = ::syscall(SYS_clone, SIGCHLD, nullptr, nullptr, nullptr, nullptr);
  if (pid == 0) {
    ::syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (::syscall(SYS_getppid) != self) ::syscall(SYS_exit_group, 0);
    ::syscall(SYS_close_range, 0u, ~0u, 0u);
    for (;;) ::syscall(SYS_pause);
  }
  return pid > 0 ? static_cast<pid_t>(pid) : -1;
}

void end_holder(level& v) {
  if (v.holder <= 0) return;
  ::kill(v.holder, SIGKILL);
  while (::waitpid(v.holder, nullptr, 0) < 0 && errno == EINTR) {
  }
  v.holder = -1;
}

// take_after_fork(): level lv keeps no page; a holder keeps them all. False
// (and no holder) when one cannot be started or read from (a seccomp
// profile that forbids process_vm_readv): then the level keeps copies.
bool hold_pieces(const layout& l, std::size_t lv) {
  header& h = *l.head;
  level& v = h.levels[lv];
  if (!note_residency(l, lv)) return false;
  if (h.pagemap < 0) h.pagemap = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (h.pagemap < 0) return false;
  v.holder = start_holder();
  if (v.holder < 0) return false;
  // The holder's copy of the snapshot depth, read as a resume reads its pages.
  std::size_t depth = 0;
  iovec local{&depth, sizeof depth};
  iovec remote{&h.depth, sizeof h.depth};
  if (::process_vm_readv(v.holder, &local, 1, &remote, 1, 0) != sizeof depth || depth != h.depth) {
    end_holder(v);
    return false;
  }
  return true;
}

// Puts back, from level lv's holder, every page of its pieces that this
// process has written since take() (the page map says this process alone
// maps it: its own copy), or that was resident then and is gone now; every
// other page is still the one the holder shares. That holds while no other
// process maps this one's pages but the holder: a child's pages are its
// parent's until it writes them, and a child's holder shares them too, so a
// child ends its holders before it exits (release()), and after one that
// ended abnormally every page is read back (distrust_shared_pages()).
// Aborts when the holder cannot be read (the branch then fails as one that
// crashed).
void restore_from_holder(const layout& l, std::size_t lv) {
  header& h = *l.head;
  const level& v = h.levels[lv];
  const piece* pieces = pieces_of(l, lv);
  auto* flags = reinterpret_cast<std::uint64_t*>(l.scratch);
  constexpr std::size_t CHUNK = MAX_RESIDENT_PAGES / sizeof(std::uint64_t);
  std::size_t n = 0;
  auto flush = [&] {
    if (n == 0) return;
    const auto want = static_cast<ssize_t>(n * PAGE);
    if (::process_vm_readv(v.holder, l.iov, n, l.iov, n, 0) != want) std::abort();
    n = 0;
  };
  for (std::size_t i = 0; i < v.pieces; ++i) {
    const piece& p = pieces[i];
    const std::size_t pages = p.bytes / PAGE;
    const std::uint8_t* was = p.anonymous ? resident_of(l, lv) + p.resident : nullptr;
    for (std::size_t first = 0; first < pages; first += CHUNK) {
      const std::size_t count = std::min(CHUNK, pages - first);
      const auto at = static_cast<off_t>(
          (reinterpret_cast<std::uintptr_t>(p.begin) / PAGE + first) * sizeof(std::uint64_t));
      const auto bytes = static_cast<ssize_t>(count * sizeof(std::uint64_t));
      if (::pread(h.pagemap, flags, static_cast<std::size_t>(bytes), at) != bytes) std::abort();
      for (std::size_t k = 0; k < count; ++k) {
        // Linux's Documentation/admin-guide/mm/pagemap.rst: bit 63 present,
        // 62 swapped, 56 page exclusively mapped.
        const std::uint64_t f = flags[k];
        const bool present = (f >> 63) & 1u, swapped = (f >> 62) & 1u, own = (f >> 56) & 1u;
        const bool gone = was != nullptr && (was[first + k] & 1u) != 0 && !present && !swapped;
        if (own || swapped || gone || h.read_all) {
          l.iov[n++] = iovec{p.begin + (first + k) * PAGE, PAGE};
          if (n == IOV_BATCH) flush();
        }
      }
    }
  }
  flush();
  h.read_all = false;
}

// host_memory::detail::before_populate while a snapshot is taken.
void keep_unit(std::uint8_t* unit, std::size_t bytes) {
  const layout l = layout_of(g_storage);
  header& h = *l.head;
  if (h.overflow) return;
  if (h.units == MAX_UNITS || h.unit_data_used + bytes > UNIT_DATA_BYTES) {
    h.overflow = true;
    return;
  }
  std::memcpy(l.unit_data + h.unit_data_used, unit, bytes);
  l.units[h.units++] = kept_unit{unit, bytes, h.unit_data_used};
  h.unit_data_used += bytes;
}

bool all_zero(const std::uint8_t* p) {
  const auto* w = reinterpret_cast<const std::uint64_t*>(p);
  std::uint64_t any = 0;
  for (std::size_t i = 0; i < PAGE / 8; ++i) any |= w[i];
  return any == 0;
}

// A page as it was kept. Most pages of the heap, the stacks and the
// libraries' data are what they were: leaving those alone spares writing --
// and, in a process just forked, copying -- them.
void put_back(std::uint8_t* page, const std::uint8_t* kept) {
  if (std::memcmp(page, kept, PAGE) != 0) std::memcpy(page, kept, PAGE);
}

// Runs on the storage's stack: puts the memory of level h.restoring back
// and continues in its take().
void restore() {
  const layout l = layout_of(g_storage);
  header& h = *l.head;
  const std::size_t lv = h.restoring;
  level& v = h.levels[lv];
  for (std::size_t i = h.units; i-- > v.units_mark;) {
    const kept_unit& u = l.units[i];
    std::memcpy(u.at, l.unit_data + u.kept, u.bytes);
  }
  h.units = v.units_mark;
  h.unit_data_used = v.unit_data_mark;
  if (v.holder > 0) {
    restore_from_holder(l, lv);
    ::setcontext(&v.at);
    std::abort();
  }
  const piece* pieces = pieces_of(l, lv);
  const kept_page* kept = pages_of(l, lv);
  for (std::size_t i = 0; i < v.pieces; ++i) {
    const piece& p = pieces[i];
    if (!p.anonymous) {
      for (std::size_t k = 0; k < p.bytes / PAGE; ++k, ++kept) put_back(kept->at, kept->copy);
      continue;
    }
    const std::size_t pages = p.bytes / PAGE;
    const std::uint8_t* was = resident_of(l, lv) + p.resident;
    std::uint8_t* now = l.scratch;
    const bool known = ::mincore(p.begin, p.bytes, now) == 0;
    for (std::size_t k = 0; k < pages; ++k) {
      std::uint8_t* page = p.begin + k * PAGE;
      if (was[k] & 1) {
        put_back(page, kept->copy);
        ++kept;
      } else if ((!known || (now[k] & 1)) && !all_zero(page)) {
        std::memset(page, 0, PAGE);
      }
    }
  }
  ::setcontext(&v.at);
  std::abort();  // setcontext returns only on failure
}

// [begin, end) lies in private writable mappings of `ranges` (in address
// order; adjacent ones may share it, as a mapping split by mprotect).
bool mapped(const range* ranges, long count, const std::uint8_t* begin, const std::uint8_t* end) {
  const range* r =
      std::upper_bound(ranges, ranges + count, begin,
                       [](const std::uint8_t* p, const range& x) { return p < x.end; });
  const std::uint8_t* at = begin;
  for (; r != ranges + count && r->begin <= at && at < end; ++r) at = r->end;
  return at >= end;
}

// Everything putting level lv back would write to is still mapped: its
// pieces, and every unit kept since its take().
bool still_mapped(const layout& l, std::size_t lv) {
  const long count = writable_ranges(l);
  if (count < 0) return false;
  const level& v = l.head->levels[lv];
  const piece* pieces = pieces_of(l, lv);
  for (std::size_t i = 0; i < v.pieces; ++i) {
    if (!mapped(l.ranges, count, pieces[i].begin, pieces[i].begin + pieces[i].bytes)) return false;
  }
  for (std::size_t i = v.units_mark; i < l.head->units; ++i) {
    const kept_unit& u = l.units[i];
    if (!mapped(l.ranges, count, u.at, u.at + u.bytes)) return false;
  }
  return true;
}

// MAX_LEVELS, or fewer when PAVP_SNAPSHOT_LEVELS says so: a test makes
// take() fail below a given depth, as it does when the levels run out.
std::size_t level_limit() {
  const char* text = std::getenv("PAVP_SNAPSHOT_LEVELS");
  if (text == nullptr) return MAX_LEVELS;
  return std::min<std::size_t>(MAX_LEVELS, std::strtoull(text, nullptr, 10));
}

}  // namespace

void forget() {
  host_memory::detail::before_populate = nullptr;
  if (g_storage != nullptr) {
    header& h = *layout_of(g_storage).head;
    if (h.pagemap >= 0) ::close(h.pagemap);
    ::munmap(g_storage, STORAGE_BYTES);
    g_storage = nullptr;
  }
}

namespace {

int take_level(bool hold) {
  if (g_storage == nullptr) {
    void* s = ::mmap(nullptr, STORAGE_BYTES, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (s == MAP_FAILED) return -1;
    g_storage = static_cast<std::uint8_t*>(s);
    new (layout_of(g_storage).head) header();
  }
  const layout l = layout_of(g_storage);
  header& h = *l.head;
  if (h.depth == level_limit() || h.overflow) return -1;
  const std::size_t lv = h.depth;
  level& v = h.levels[lv];
  v.value = 0;
  v.recorded = false;
  v.holder = -1;
  v.units_mark = h.units;
  v.unit_data_mark = h.unit_data_used;
  if (!list_pieces(l, lv)) return -1;
  ++h.depth;
  // From here every unit of a covered block goes through keep_unit before
  // its next write: the epoch changes as at a fork.
  host_memory::advance_epoch();
  host_memory::detail::before_populate = &keep_unit;
  ::getcontext(&v.at);
  // Again here after each resume() of this level (then the top one), with
  // the memory as keep_pieces() saw it and the registers as getcontext()
  // saw them: what changed since is read from the storage, afresh.
  const layout now = layout_of(g_storage);
  level& top = now.head->levels[now.head->depth - 1];
  if (top.value != 0) return top.value;
  const std::size_t top_level = now.head->depth - 1;
  if (!(hold && hold_pieces(now, top_level)) && !keep_pieces(now, top_level)) {
    drop();
    return -1;
  }
  top.recorded = true;
  return 0;
}

}  // namespace

int take() {
  return take_level(false);
}

int take_after_fork() {
  // PAVP_SNAPSHOT_HOLDER=off: copies, as take() (for comparison, and as a
  // way out where a holder misbehaves).
  const char* holder = std::getenv("PAVP_SNAPSHOT_HOLDER");
  const bool allowed = holder == nullptr || std::strcmp(holder, "off") != 0;
  return take_level(allowed && depth() == 0);
}

bool resume(int value) {
  if (g_storage == nullptr || value <= 0) return false;
  const layout l = layout_of(g_storage);
  header& h = *l.head;
  if (h.depth == 0) return false;
  const std::size_t lv = h.depth - 1;
  level& v = h.levels[lv];
  if (!v.recorded || h.overflow || !still_mapped(l, lv)) return false;
  if (v.holder > 0 && ::waitpid(v.holder, nullptr, WNOHANG) != 0) {
    // The holder has ended (now reaped; a signal to its pid could reach
    // another process): this level's memory is gone with it.
    v.holder = -1;
    v.recorded = false;
    return false;
  }
  v.value = value;
  h.restoring = lv;
  ::getcontext(&h.restorer);
  h.restorer.uc_stack.ss_sp = l.stack;
  h.restorer.uc_stack.ss_size = STACK_BYTES;
  h.restorer.uc_link = nullptr;
  ::makecontext(&h.restorer, &restore, 0);
  ::setcontext(&h.restorer);
  std::abort();  // setcontext returns only on failure
}

void drop() {
  if (g_storage == nullptr) return;
  header& h = *layout_of(g_storage).head;
  if (h.depth > 0) {
    --h.depth;  // its kept units stay in the log: the level below puts them back
    end_holder(h.levels[h.depth]);
  }
  if (h.depth == 0) forget();
}

void release() {
  while (depth() > 0) drop();
}

void distrust_shared_pages() {
  if (g_storage != nullptr) layout_of(g_storage).head->read_all = true;
}

std::size_t depth() {
  return g_storage == nullptr ? 0 : layout_of(g_storage).head->depth;
}

}  // namespace pavp::process_snapshot
