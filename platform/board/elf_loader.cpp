#include "platform/board/elf_loader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include "pavp/common/file_io.h"

namespace pavp {
namespace {

std::uint16_t be16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

bool in_file(std::uint64_t off, std::uint64_t len, std::uint64_t size) {
  return off <= size && len <= size - off;
}

std::string segment_error(const elf_segment& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "segment [0x%08x, 0x%08llx) was refused by memory", s.paddr,
                static_cast<unsigned long long>(std::uint64_t{s.paddr} + s.memsz));
  return buf;
}

}  // namespace

bool elf_image::read_file(const std::string& path, std::string& error) {
  std::vector<std::uint8_t> bytes;
  if (!read_regular_file(path, k_max_file_bytes, bytes, error)) {
    error += " (an ELF executable is accepted)";
    return false;
  }
  if (!parse(std::move(bytes), error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

bool elf_image::parse(std::vector<std::uint8_t> bytes, std::string& error) {
  m_bytes.clear();
  m_segments.clear();
  m_symbols.clear();
  m_code_symbols.clear();
  m_data_symbols.clear();
  m_entry = 0;
  const std::uint64_t size = bytes.size();
  const std::uint8_t* b = bytes.data();
  if (size < 52) {
    error = "truncated ELF header (" + std::to_string(size) + " bytes, need 52)";
    return false;
  }
  if (std::memcmp(b,
                  "\x7f"
                  "ELF",
                  4) != 0) {
    error = "not an ELF file (bad magic)";
    return false;
  }
  if (b[4] != 1) {
    error = "wrong ELF class " + std::to_string(b[4]) + " (need 1 = ELFCLASS32)";
    return false;
  }
  if (b[5] != 2) {
    error = "wrong ELF data encoding " + std::to_string(b[5]) + " (need 2 = big-endian)";
    return false;
  }
  const std::uint16_t type = be16(b + 16);
  if (type != 2) {
    error = "ELF type " + std::to_string(type) + " is not an executable (need 2 = ET_EXEC)";
    return false;
  }
  const std::uint16_t machine = be16(b + 18);
  if (machine != EM_PARISC) {
    error = "wrong ELF machine " + std::to_string(machine) + " (need 15 = EM_PARISC)";
    return false;
  }
  const std::uint32_t entry = be32(b + 24);
  const std::uint32_t phoff = be32(b + 28);
  const std::uint32_t shoff = be32(b + 32);
  const std::uint16_t phentsize = be16(b + 42);
  const std::uint16_t phnum = be16(b + 44);
  const std::uint16_t shentsize = be16(b + 46);
  const std::uint16_t shnum = be16(b + 48);
  if (phnum == 0) {
    error = "no program headers";
    return false;
  }
  if (phentsize < 32 || !in_file(phoff, std::uint64_t{phentsize} * phnum, size)) {
    error = "truncated or malformed program header table";
    return false;
  }
  std::vector<elf_segment> segs;
  bool interp = false;
  for (unsigned i = 0; i < phnum; ++i) {
    const std::uint8_t* ph = b + phoff + std::uint64_t{i} * phentsize;
    if (be32(ph) == 3) interp = true;  // PT_INTERP: dynamically linked
    if (be32(ph) != 1) continue;       // PT_LOAD only
    elf_segment s;
    s.offset = be32(ph + 4);
    s.vaddr = be32(ph + 8);
    s.paddr = be32(ph + 12);
    s.filesz = be32(ph + 16);
    s.memsz = be32(ph + 20);
    s.flags = be32(ph + 24);
    if (s.filesz > s.memsz) {
      error = "segment " + std::to_string(i) + ": file size larger than memory size";
      return false;
    }
    if (!in_file(s.offset, s.filesz, size)) {
      error = "segment " + std::to_string(i) + " extends past the end of the file (truncated?)";
      return false;
    }
    if (std::uint64_t{s.paddr} + s.memsz > (std::uint64_t{1} << 32)) {
      error = "segment " + std::to_string(i) + " wraps around the 32-bit address space";
      return false;
    }
    segs.push_back(s);
  }
  if (segs.empty()) {
    error = "no PT_LOAD segment";
    return false;
  }
  // Symbols (optional): the first SHT_SYMTAB and its string table.
  std::unordered_map<std::string, std::uint32_t> syms;
  std::vector<code_symbol> code, data;
  if (shoff != 0 && shnum != 0 && shentsize >= 40 &&
      in_file(shoff, std::uint64_t{shentsize} * shnum, size)) {
    for (unsigned i = 0; i < shnum; ++i) {
      const std::uint8_t* sh = b + shoff + std::uint64_t{i} * shentsize;
      if (be32(sh + 4) != 2) continue;  // SHT_SYMTAB
      const std::uint32_t off = be32(sh + 16);
      const std::uint32_t sz = be32(sh + 20);
      const std::uint32_t link = be32(sh + 24);
      if (link >= shnum || !in_file(off, sz, size)) break;
      const std::uint8_t* strh = b + shoff + std::uint64_t{link} * shentsize;
      const std::uint32_t stroff = be32(strh + 16);
      const std::uint32_t strsz = be32(strh + 20);
      if (!in_file(stroff, strsz, size)) break;
      for (std::uint32_t e = 0; e + 16 <= sz; e += 16) {
        const std::uint8_t* st = b + off + e;
        const std::uint32_t name = be32(st);
        if (name == 0 || name >= strsz) continue;
        const char* str = reinterpret_cast<const char*>(b + stroff + name);
        const std::size_t maxlen = strsz - name;
        const std::size_t len = strnlen(str, maxlen);
        if (len == maxlen) continue;  // unterminated
        syms.emplace(std::string(str, len), be32(st + 4));
        const unsigned st_type = st[12] & 0xfu;
        if ((st_type == 0 || st_type == 2) && be32(st + 4) != 0) {
          code.push_back({be32(st + 4), be32(st + 8), st_type == 2, std::string(str, len)});
        }
        if (st_type == 1 && be32(st + 8) != 0) {  // STT_OBJECT with a size
          data.push_back({be32(st + 4), be32(st + 8), false, std::string(str, len)});
        }
      }
      break;
    }
  }
  m_bytes = std::move(bytes);
  m_interp = interp;
  m_entry = entry;
  m_segments = std::move(segs);
  m_symbols = std::move(syms);
  std::sort(code.begin(), code.end(), [](const code_symbol& x, const code_symbol& y) {
    return x.value != y.value ? x.value < y.value : x.func > y.func;
  });
  m_code_symbols = std::move(code);
  std::sort(data.begin(), data.end(),
            [](const code_symbol& x, const code_symbol& y) { return x.value < y.value; });
  m_data_symbols = std::move(data);
  return true;
}

std::string elf_image::data_symbol_at(std::uint32_t addr, std::uint32_t* offset) const {
  auto it = std::upper_bound(m_data_symbols.begin(), m_data_symbols.end(), addr,
                             [](std::uint32_t a, const code_symbol& s) { return a < s.value; });
  if (it == m_data_symbols.begin()) return {};
  --it;
  if (addr - it->value >= it->size) return {};
  if (offset) *offset = addr - it->value;
  return it->name;
}

std::string elf_image::symbol_at(std::uint32_t addr) const {
  auto it = std::upper_bound(m_code_symbols.begin(), m_code_symbols.end(), addr,
                             [](std::uint32_t a, const code_symbol& s) { return a < s.value; });
  const code_symbol* nearest = nullptr;
  for (auto k = it; k != m_code_symbols.begin();) {
    --k;
    if (k->func && addr < k->value + k->size) return k->name;
    if (nearest == nullptr && (k->func || k->name[0] != '.')) nearest = &*k;
    if (addr - k->value > 0x10000) break;
  }
  return nearest != nullptr ? nearest->name : std::string();
}

std::optional<std::uint32_t> elf_image::symbol(const std::string& name) const {
  auto it = m_symbols.find(name);
  if (it == m_symbols.end()) return std::nullopt;
  return it->second;
}

bool elf_image::load(
    const std::function<bool(std::uint64_t, const std::uint8_t*, std::uint64_t)>& write,
    const std::function<bool(std::uint64_t, std::uint64_t)>& zero, std::string& error) const {
  for (const elf_segment& s : m_segments) {
    if (s.filesz && !write(s.paddr, m_bytes.data() + s.offset, s.filesz)) {
      error = segment_error(s);
      return false;
    }
    if (s.memsz > s.filesz && !zero(std::uint64_t{s.paddr} + s.filesz, s.memsz - s.filesz)) {
      error = segment_error(s);
      return false;
    }
  }
  return true;
}

bool elf_image::load_into(std::uint8_t* mem, std::uint64_t mem_base, std::uint64_t mem_size,
                          std::string& error) const {
  auto fits = [&](std::uint64_t a, std::uint64_t len) {
    return a >= mem_base && a - mem_base <= mem_size && len <= mem_size - (a - mem_base);
  };
  for (const elf_segment& s : m_segments) {
    if (!fits(s.paddr, s.memsz)) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "segment [0x%08x, 0x%08llx) lies outside memory [0x%llx, 0x%llx)", s.paddr,
                    static_cast<unsigned long long>(std::uint64_t{s.paddr} + s.memsz),
                    static_cast<unsigned long long>(mem_base),
                    static_cast<unsigned long long>(mem_base + mem_size));
      error = buf;
      return false;
    }
  }
  for (const elf_segment& s : m_segments) {
    std::uint8_t* dst = mem + (s.paddr - mem_base);
    std::memcpy(dst, m_bytes.data() + s.offset, s.filesz);
    std::memset(dst + s.filesz, 0, s.memsz - s.filesz);
  }
  return true;
}

}  // namespace pavp
