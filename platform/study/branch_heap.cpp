#include "platform/study/branch_heap.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace pavp::branch_heap {

namespace {

// Every block is aligned as operator new promises.
constexpr std::size_t ALIGN = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

std::uint8_t* g_base = nullptr;  // the region, mapped by the first enter() of a process line
std::atomic<std::size_t> g_used{0};
std::atomic<bool> g_active{false};

[[maybe_unused]] bool in_region(const void* p) {
  const auto* b = static_cast<const std::uint8_t*>(p);
  return g_base != nullptr && b >= g_base && b < g_base + REGION_BYTES;
}

[[maybe_unused]] void* take(std::size_t bytes) {
  const std::size_t need = (bytes + ALIGN - 1) & ~(ALIGN - 1);
  const std::size_t at = g_used.fetch_add(need, std::memory_order_relaxed);
  if (at + need <= REGION_BYTES) return g_base + at;
  g_active.store(false, std::memory_order_relaxed);  // used up: malloc from now on
  return nullptr;
}

}  // namespace

void enter() {
#ifdef PAVP_SANITIZE
  // Under AddressSanitizer its own allocator serves: it must see every block.
  return;
#endif
  if (g_base == nullptr) {
    void* p = ::mmap(nullptr, REGION_BYTES, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return;
    g_base = static_cast<std::uint8_t*>(p);
  }
  if (g_used.load(std::memory_order_relaxed) < REGION_BYTES) {
    g_active.store(true, std::memory_order_relaxed);
  }
}

std::size_t used() {
  const std::size_t u = g_used.load(std::memory_order_relaxed);
  return u < REGION_BYTES ? u : REGION_BYTES;
}

bool active() {
  return g_active.load(std::memory_order_relaxed);
}

const void* region() {
  return g_base;
}

}  // namespace pavp::branch_heap

// The replaceable global allocation functions ([new.delete.single]); the
// array and nothrow forms of libstdc++ call these. Not under the sanitizers,
// whose runtime provides its own.
#ifndef PAVP_SANITIZE
void* operator new(std::size_t bytes) {
  if (pavp::branch_heap::g_active.load(std::memory_order_relaxed)) {
    if (void* p = pavp::branch_heap::take(bytes)) return p;
  }
  for (;;) {
    if (void* p = std::malloc(bytes == 0 ? 1 : bytes)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void operator delete(void* p) noexcept {
  // While the region serves, nothing is freed: blocks from it are never
  // reused, and the parent's blocks are left where they are (freeing one
  // would write beside it, in a page shared with the parent).
  if (p == nullptr || pavp::branch_heap::g_active.load(std::memory_order_relaxed) ||
      pavp::branch_heap::in_region(p)) {
    return;
  }
  std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
  ::operator delete(p);
}
#endif
