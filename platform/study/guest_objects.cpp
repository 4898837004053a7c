#include "platform/study/guest_objects.h"

#include <fmt/format.h>

#include "firmware/include/pavp_fw.h"

namespace pavp {

namespace {

constexpr std::uint32_t k_page = 4096;

// glibc 2.36's struct pthread on hppa (nptl/descr.h; TLS_DTV_AT_TP, so the
// descriptor starts with a two-int header rather than a tcbhead_t):
// header.multiple_threads, header.gscope_flag, then `list_t list` (next,
// prev), then `pid_t tid`. Its size on hppa, 1128 bytes, is what
// create_thread's clone arguments show: parent_tidptr = &pd->tid and
// tls = pd + 1 (THREAD_SELF is (struct pthread *) cr27 - 1).
constexpr std::uint32_t k_pd_list = 8;
constexpr std::uint32_t k_pd_size = 1128;

std::string pd_field(std::uint32_t off) {
  switch (off) {
    case 0:
      return "header.multiple_threads";
    case 4:
      return "header.gscope_flag";
    case 8:
      return "list.next";
    case 12:
      return "list.prev";
    case 16:
      return "tid";
    default:
      return fmt::format("+{:#x}", off);
  }
}

}  // namespace

std::optional<std::uint32_t> guest_memory::paddr_of(std::uint32_t va) const {
  const std::uint32_t pmd = read_word(pgd + (va >> 22) * 4);
  if (!(pmd & _PXD_PRESENT)) return std::nullopt;
  const std::uint32_t pte = read_word((pmd & ~(k_page - 1)) + ((va >> 12) & 1023) * 4);
  if (!(pte & _PAGE_PRESENT)) return std::nullopt;
  return (pte & ~(k_page - 1)) | (va & (k_page - 1));
}

std::optional<std::uint32_t> guest_memory::vaddr_of(std::uint32_t paddr) const {
  for (std::uint32_t i = 0; i < 1024; ++i) {
    const std::uint32_t pmd = read_word(pgd + i * 4);
    if (!(pmd & _PXD_PRESENT)) continue;
    for (std::uint32_t j = 0; j < 1024; ++j) {
      const std::uint32_t pte = read_word((pmd & ~(k_page - 1)) + j * 4);
      if ((pte & _PAGE_PRESENT) && (pte & ~(k_page - 1)) == (paddr & ~(k_page - 1))) {
        return (i << 22) | (j << 12) | (paddr & (k_page - 1));
      }
    }
  }
  return std::nullopt;
}

std::uint32_t guest_memory::word_at(std::uint32_t va) const {
  const std::optional<std::uint32_t> pa = paddr_of(va & ~3u);
  return pa ? read_word(*pa) : 0;
}

std::string nptl_object_name(const elf_image& program, const guest_memory& mem, std::uint32_t va) {
  std::uint32_t off = 0;
  const std::string sym = program.data_symbol_at(va, &off);
  if (!sym.empty()) {
    if (sym == "_dl_stack_used" || sym == "_dl_stack_cache" || sym == "_dl_stack_user") {
      return sym + (off < 4 ? ".next" : ".prev");  // list_t {next, prev}
    }
    return off == 0 ? sym : fmt::format("{}+{:#x}", sym, off);
  }
  // A thread descriptor on one of NPTL's lists (each node is &pd->list), or
  // the one in flight (_dl_in_flight_stack: &pd->list, bit 0 = being added).
  struct list {
    const char* symbol;
    const char* name;
  };
  for (const list l : {list{"_dl_stack_used", "stack_used"}, list{"_dl_stack_cache", "stack_cache"},
                       list{"_dl_stack_user", "stack_user"}}) {
    const std::optional<std::uint32_t> head = program.symbol(l.symbol);
    if (!head) continue;
    std::uint32_t node = mem.word_at(*head);
    for (int n = 0; n < 256 && node != *head && node != 0; ++n) {
      const std::uint32_t pd = node - k_pd_list;
      if (va >= pd && va < pd + k_pd_size) {
        return fmt::format("struct pthread on {}: {}", l.name, pd_field(va - pd));
      }
      node = mem.word_at(node);
    }
  }
  if (const std::optional<std::uint32_t> f = program.symbol("_dl_in_flight_stack")) {
    const std::uint32_t node = mem.word_at(*f) & ~1u;
    if (node != 0 && va >= node - k_pd_list && va < node - k_pd_list + k_pd_size) {
      return "struct pthread in flight: " + pd_field(va - (node - k_pd_list));
    }
  }
  return "";
}

}  // namespace pavp
