#include "pavp/common/host_memory.h"

#include <pthread.h>
#include <sys/mman.h>

#include <atomic>
#include <cerrno>
#include <utility>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14 (include/uapi/asm-generic/mman-common.h)
#endif

namespace pavp::host_memory {

namespace {
std::atomic<bool> g_populate_works{true};
void next_epoch() {
  detail::fork_epoch.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

void detail::watch_forks() {
  static const int registered = ::pthread_atfork(nullptr, next_epoch, next_epoch);
  (void)registered;
}

void advance_epoch() {
  next_epoch();
}

namespace {
// The covered blocks: a few per machine (its memory, the checker's shadow).
constexpr std::size_t MAX_COVERED = 64;
covered_block g_covered[MAX_COVERED];
std::size_t g_covered_count = 0;
}  // namespace

void detail::cover(const std::uint8_t* base, std::size_t bytes) {
  if (g_covered_count < MAX_COVERED) g_covered[g_covered_count++] = {base, bytes};
}

void detail::uncover(const std::uint8_t* base) {
  for (std::size_t i = 0; i < g_covered_count; ++i) {
    if (g_covered[i].base == base) {
      g_covered[i] = g_covered[--g_covered_count];
      return;
    }
  }
}

std::size_t covered_blocks(covered_block* out, std::size_t max) {
  for (std::size_t i = 0; i < g_covered_count && i < max; ++i) out[i] = g_covered[i];
  return g_covered_count;
}

zeroed_block::zeroed_block(std::size_t bytes) {
  const std::size_t rounded = (bytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
  if (rounded == 0) return;
  void* p = ::mmap(nullptr, rounded, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return;
  m_data = static_cast<std::uint8_t*>(p);
  m_size = rounded;
}

zeroed_block::~zeroed_block() {
  if (m_data != nullptr) ::munmap(m_data, m_size);
}

zeroed_block::zeroed_block(zeroed_block&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

zeroed_block& zeroed_block::operator=(zeroed_block&& other) noexcept {
  if (this != &other) {
    if (m_data != nullptr) ::munmap(m_data, m_size);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

bool prefer_huge_pages(void* p, std::size_t bytes) {
  return p != nullptr && ::madvise(p, bytes, MADV_HUGEPAGE) == 0;
}

bool populate_for_write(void* p, std::size_t bytes) {
  if (!g_populate_works.load(std::memory_order_relaxed)) return false;
  if (::madvise(p, bytes, MADV_POPULATE_WRITE) == 0) return true;
  if (errno == EINVAL) g_populate_works.store(false, std::memory_order_relaxed);  // before 5.14
  return false;
}

}  // namespace pavp::host_memory
