// Parameters of the VIPT-WB cache model (names after gem5's cache parameters:
// each says what it means). Plain data; validate() tells what is wrong.
#ifndef PAVP_CACHE_CACHE_PARAMS_H
#define PAVP_CACHE_CACHE_PARAMS_H

#include <cstdint>
#include <string>
#include <vector>

namespace pavp {

// Which address bits choose the set.
enum class index_function : std::uint8_t {
  VIRTUAL,   // virtual offset bits (PA7300LC: "directly derived from the virtual offset")
  HASHED,    // virtual offset XOR low space-id bits (PA7100LC space hashing, PCXL ERS §4)
  PHYSICAL,  // physical address bits: a PIPT cache, the non-aliasing reference
};

enum class replacement_policy : std::uint8_t {
  LRU,     // least recently used way
  FIFO,    // oldest fill
  RANDOM,  // seeded, deterministic pseudo-random way
};

// What the cache holds; decides which accesses and maintenance operations it takes.
enum class cache_role : std::uint8_t {
  DATA,         // loads, stores; FDC, PDC, FDCE
  INSTRUCTION,  // fetches (and loads, as a combined read-only path); FIC, FICE
  UNIFIED,      // everything
};

const char* to_string(index_function f);
const char* to_string(replacement_policy p);
const char* to_string(cache_role r);
bool parse(const std::string& text, index_function& out);
bool parse(const std::string& text, replacement_policy& out);
bool parse(const std::string& text, cache_role& out);

struct cache_params {
  cache_role role = cache_role::DATA;
  std::uint64_t size_bytes = 64 * 1024;  // total capacity; power of two
  unsigned associativity = 2;            // ways; must divide the number of lines
  unsigned line_bytes = 32;              // power of two, multiple of 4
  index_function index = index_function::VIRTUAL;
  unsigned hash_space_bits = 8;  // HASHED: how many low space-id bits are XORed in
  unsigned hash_shift = 12;      // HASHED: offset bit (LSB numbering) where they enter
  replacement_policy replacement = replacement_policy::LRU;
  std::uint64_t random_seed = 1;  // RANDOM replacement
  bool write_back = true;         // false: write-through (stores also go to memory)
  bool write_allocate = true;     // false: a store miss writes around the cache

  // Physical addresses in [uncached_base, uncached_base + uncached_size) are
  // never cached: accesses pass straight to memory. The default is PA-RISC's
  // I/O address space, 0xF0000000..0xFFFFFFFF (PA 1.1 manual ch. 3, "I/O
  // address space"). The access_extension's `uncached` flag (the TLB's U
  // bit) bypasses the cache for any address.
  std::uint64_t uncached_base = 0xF0000000;
  std::uint64_t uncached_size = 0x10000000;

  std::uint64_t clock_period_ps = 6250;  // cache clock (160 MHz by default)
  unsigned hit_latency_cycles = 1;       // any access that hits
  unsigned miss_penalty_cycles = 1;      // tag check and fill control on a miss, plus memory time
  // Per-line cost of each maintenance operation, before any write-back it causes.
  unsigned fdc_cycles = 1;
  unsigned pdc_cycles = 1;
  unsigned fdce_cycles = 1;
  unsigned fic_cycles = 6;
  unsigned fice_cycles = 6;

  std::uint64_t lines() const { return line_bytes ? size_bytes / line_bytes : 0; }
  std::uint64_t sets() const { return associativity ? lines() / associativity : 0; }

  // The first rule of the cache's geometry the fields break, in the order
  // validate() checks them; a caller that names its own settings (the
  // platform's keys) words its message from it.
  enum class geometry : std::uint8_t {
    OK,
    SIZE_NOT_POW2,             // size_bytes is not a power of two
    LINE_NOT_POW2_WORDS,       // line_bytes is not a power of two and a multiple of 4
    LINE_EXCEEDS_SIZE,         // line_bytes > size_bytes
    WAYS_DO_NOT_DIVIDE_LINES,  // associativity is 0 or does not divide lines()
    SETS_NOT_POW2,             // sets() is not a power of two
  };
  geometry check_geometry() const;

  // Empty when valid; otherwise one sentence naming the field, the value and
  // what is accepted.
  std::string validate() const;
};

// One field of cache_params that a tool sets from outside (the platform's
// icache.* and dcache.* configuration keys): its name, what it accepts, and
// how to read and write it as a number -- a choice as the index of its name,
// a flag as 0 or 1. Its default is its value in a default-constructed
// cache_params, so every default is stated once, in the struct above. The
// role and the clock are not in the table: a platform decides them.
struct cache_param_field {
  enum class kind_t : std::uint8_t {
    SIZE,     // bytes
    INTEGER,  // a count or a number of cycles
    FLAG,     // 0 or 1
    CHOICE,   // an index into choices
  };
  const char* name;  // "size", "associativity", ...
  kind_t kind;
  const char* description;  // one line (a SIZE's: what the capacity is of follows the cache's name)
  std::uint64_t min = 0;    // SIZE, INTEGER
  std::uint64_t max = 0;    // SIZE, INTEGER
  bool power_of_two = false;
  std::uint64_t multiple_of = 1;
  std::vector<const char*> choices;  // CHOICE
  std::uint64_t (*get)(const cache_params&) = nullptr;
  void (*set)(cache_params&, std::uint64_t) = nullptr;
};

// The settable fields, in the order a configuration lists them.
const std::vector<cache_param_field>& cache_param_fields();

}  // namespace pavp

#endif  // PAVP_CACHE_CACHE_PARAMS_H
