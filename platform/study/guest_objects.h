// Names for the user data a stale read touched under the nptl scenario
// (glibc's own code): the user virtual address of the stale bytes in the
// current process -- found by walking its page table (cr25) as the kernel's
// TLB-miss handler does -- then glibc's object there: a data symbol of the
// program (`_dl_stack_used.next`, `_dl_in_flight_stack`, ...) or a thread
// descriptor, a `struct pthread`, found on one of NPTL's lists
// (`struct pthread on stack_cache: list.prev`).
//
//   guest_memory mem{pgd, read_word};
//   std::optional<std::uint32_t> va = mem.vaddr_of(paddr);
//   std::string name = nptl_object_name(program, mem, *va);
//
// Memory is read as the program last wrote it (the coherence checker's
// shadow), not as the cache or DRAM happen to hold it.
#ifndef PAVP_PLATFORM_STUDY_GUEST_OBJECTS_H
#define PAVP_PLATFORM_STUDY_GUEST_OBJECTS_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "platform/board/elf_loader.h"

namespace pavp {

// A process's address space: its page directory (physical) and a reader of
// physical words. Layout: firmware/include/pavp_fw.h (pgd of 1024 entries of
// 4 MB, tables of 1024 PTEs, _PAGE_PRESENT).
struct guest_memory {
  std::uint32_t pgd = 0;
  std::function<std::uint32_t(std::uint32_t paddr)> read_word;

  // The physical address of va, if its page is present.
  std::optional<std::uint32_t> paddr_of(std::uint32_t va) const;
  // A virtual address at which the process maps physical byte paddr, if any
  // (the lowest).
  std::optional<std::uint32_t> vaddr_of(std::uint32_t paddr) const;
  // The word at va (0 if its page is absent).
  std::uint32_t word_at(std::uint32_t va) const;
};

// glibc 2.36's object at va in a static hppa program (its symbols), or "".
std::string nptl_object_name(const elf_image& program, const guest_memory& mem, std::uint32_t va);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_GUEST_OBJECTS_H
