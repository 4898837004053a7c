// Loader of 32-bit big-endian PA-RISC ELF executables (the firmware kernel,
// test programs): PT_LOAD segments, the entry point and the symbol table.
// Every malformed input is reported with a message; nothing is trusted.
#ifndef PAVP_PLATFORM_BOARD_ELF_LOADER_H
#define PAVP_PLATFORM_BOARD_ELF_LOADER_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pavp {

struct elf_segment {
  std::uint32_t vaddr = 0;
  std::uint32_t paddr = 0;   // load address
  std::uint32_t offset = 0;  // in the file
  std::uint32_t filesz = 0;
  std::uint32_t memsz = 0;  // bytes beyond filesz are zero
  std::uint32_t flags = 0;  // PF_X = 1, PF_W = 2, PF_R = 4
};

class elf_image {
 public:
  static constexpr std::uint16_t EM_PARISC = 15;

  // Parses an image held in memory. On failure returns false and sets error
  // (the image is then empty).
  bool parse(std::vector<std::uint8_t> bytes, std::string& error);
  // Reads and parses a file.
  bool read_file(const std::string& path, std::string& error);

  // The largest file read_file accepts.
  static constexpr long long k_max_file_bytes = 64ll << 20;

  std::uint32_t entry() const { return m_entry; }
  // The file's bytes, as parsed.
  const std::vector<std::uint8_t>& bytes() const { return m_bytes; }
  // It has a PT_INTERP header: dynamically linked, not a static executable.
  bool dynamic() const { return m_interp; }
  const std::vector<elf_segment>& segments() const { return m_segments; }
  // The value of a symbol from .symtab, if present.
  std::optional<std::uint32_t> symbol(const std::string& name) const;
  // The function (or code label) holding addr: a FUNC symbol whose range
  // covers it, else the nearest FUNC or untyped symbol at or below it; empty
  // when there is none.
  std::string symbol_at(std::uint32_t addr) const;
  // The data object (STT_OBJECT with a size) holding addr, and addr's offset
  // in it; empty when none does.
  std::string data_symbol_at(std::uint32_t addr, std::uint32_t* offset = nullptr) const;

  // Copies every PT_LOAD segment to its physical address through write(paddr,
  // data, len) and zero-fills memsz beyond filesz through zero(paddr, len).
  // Returns false (with error) if a callback refuses a range.
  bool load(const std::function<bool(std::uint64_t, const std::uint8_t*, std::uint64_t)>& write,
            const std::function<bool(std::uint64_t, std::uint64_t)>& zero,
            std::string& error) const;
  // Same into a flat memory window [mem_base, mem_base + mem_size).
  bool load_into(std::uint8_t* mem, std::uint64_t mem_base, std::uint64_t mem_size,
                 std::string& error) const;

 private:
  std::vector<std::uint8_t> m_bytes;
  std::uint32_t m_entry = 0;
  bool m_interp = false;
  std::vector<elf_segment> m_segments;
  std::unordered_map<std::string, std::uint32_t> m_symbols;
  struct code_symbol {
    std::uint32_t value;
    std::uint32_t size;
    bool func;
    std::string name;
  };
  std::vector<code_symbol> m_code_symbols;  // sorted by value
  std::vector<code_symbol> m_data_symbols;  // STT_OBJECT, sorted by value
};

}  // namespace pavp

#endif  // PAVP_PLATFORM_BOARD_ELF_LOADER_H
