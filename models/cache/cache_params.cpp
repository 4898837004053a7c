#include "pavp/cache/cache_params.h"
#include "pavp/common/param_helpers.h"

#include <sstream>

namespace pavp {

const char* to_string(index_function f) {
  switch (f) {
    case index_function::VIRTUAL:
      return "virtual";
    case index_function::HASHED:
      return "hashed";
    case index_function::PHYSICAL:
      return "physical";
  }
  return "?";
}

const char* to_string(replacement_policy p) {
  switch (p) {
    case replacement_policy::LRU:
      return "lru";
    case replacement_policy::FIFO:
      return "fifo";
    case replacement_policy::RANDOM:
      return "random";
  }
  return "?";
}

const char* to_string(cache_role r) {
  switch (r) {
    case cache_role::DATA:
      return "data";
    case cache_role::INSTRUCTION:
      return "instruction";
    case cache_role::UNIFIED:
      return "unified";
  }
  return "?";
}

bool parse(const std::string& text, index_function& out) {
  return parse_enum(text, out,
                    {index_function::VIRTUAL, index_function::HASHED, index_function::PHYSICAL});
}
bool parse(const std::string& text, replacement_policy& out) {
  return parse_enum(
      text, out, {replacement_policy::LRU, replacement_policy::FIFO, replacement_policy::RANDOM});
}
bool parse(const std::string& text, cache_role& out) {
  return parse_enum(text, out, {cache_role::DATA, cache_role::INSTRUCTION, cache_role::UNIFIED});
}

const std::vector<cache_param_field>& cache_param_fields() {
  using kind = cache_param_field::kind_t;
  using p = cache_params;
  constexpr std::uint64_t mib = 1024 * 1024;
  constexpr std::uint64_t cycles_max = 100000;
  static const std::vector<cache_param_field> fields = {
      {"size",
       kind::SIZE,
       "capacity in bytes",
       64,
       64 * mib,
       true,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.size_bytes; },
       [](p& c, std::uint64_t v) { c.size_bytes = v; }},
      {"associativity",
       kind::INTEGER,
       "ways; must divide the number of lines (size / line)",
       1,
       65536,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.associativity; },
       [](p& c, std::uint64_t v) { c.associativity = static_cast<unsigned>(v); }},
      {"line",
       kind::INTEGER,
       "line size in bytes",
       4,
       4096,
       true,
       4,
       {},
       [](const p& c) -> std::uint64_t { return c.line_bytes; },
       [](p& c, std::uint64_t v) { c.line_bytes = static_cast<unsigned>(v); }},
      {"index",
       kind::CHOICE,
       "set index from the virtual offset, the offset XOR space-id bits, or the physical address",
       0,
       0,
       false,
       1,
       {to_string(index_function::VIRTUAL), to_string(index_function::HASHED),
        to_string(index_function::PHYSICAL)},
       [](const p& c) -> std::uint64_t { return static_cast<std::uint64_t>(c.index); },
       [](p& c, std::uint64_t v) { c.index = static_cast<index_function>(v); }},
      {"hash_space_bits",
       kind::INTEGER,
       "hashed index: how many low space-id bits are XORed in",
       0,
       32,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.hash_space_bits; },
       [](p& c, std::uint64_t v) { c.hash_space_bits = static_cast<unsigned>(v); }},
      {"hash_shift",
       kind::INTEGER,
       "hashed index: lowest offset bit (counting from bit 0 = LSB) they enter",
       0,
       31,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.hash_shift; },
       [](p& c, std::uint64_t v) { c.hash_shift = static_cast<unsigned>(v); }},
      {"replacement",
       kind::CHOICE,
       "victim way on a miss to a full set",
       0,
       0,
       false,
       1,
       {to_string(replacement_policy::LRU), to_string(replacement_policy::FIFO),
        to_string(replacement_policy::RANDOM)},
       [](const p& c) -> std::uint64_t { return static_cast<std::uint64_t>(c.replacement); },
       [](p& c, std::uint64_t v) { c.replacement = static_cast<replacement_policy>(v); }},
      {"random_seed",
       kind::INTEGER,
       "seed of random replacement",
       0,
       ~std::uint64_t{0},
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.random_seed; },
       [](p& c, std::uint64_t v) { c.random_seed = v; }},
      {"write_back",
       kind::FLAG,
       "write-back (true) or write-through (false)",
       0,
       1,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.write_back; },
       [](p& c, std::uint64_t v) { c.write_back = v != 0; }},
      {"write_allocate",
       kind::FLAG,
       "a store miss fills the line",
       0,
       1,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.write_allocate; },
       [](p& c, std::uint64_t v) { c.write_allocate = v != 0; }},
      {"hit_latency",
       kind::INTEGER,
       "CPU cycles of a hit",
       0,
       1000,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.hit_latency_cycles; },
       [](p& c, std::uint64_t v) { c.hit_latency_cycles = static_cast<unsigned>(v); }},
      {"miss_penalty",
       kind::INTEGER,
       "CPU cycles a miss adds on top of the memory time",
       0,
       cycles_max,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.miss_penalty_cycles; },
       [](p& c, std::uint64_t v) { c.miss_penalty_cycles = static_cast<unsigned>(v); }},
      {"fdc_cycles",
       kind::INTEGER,
       "CPU cycles per FDC (flush data cache line)",
       0,
       cycles_max,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.fdc_cycles; },
       [](p& c, std::uint64_t v) { c.fdc_cycles = static_cast<unsigned>(v); }},
      {"pdc_cycles",
       kind::INTEGER,
       "CPU cycles per PDC (purge data cache line)",
       0,
       cycles_max,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.pdc_cycles; },
       [](p& c, std::uint64_t v) { c.pdc_cycles = static_cast<unsigned>(v); }},
      {"fdce_cycles",
       kind::INTEGER,
       "CPU cycles per FDCE (flush data cache entry)",
       0,
       cycles_max,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.fdce_cycles; },
       [](p& c, std::uint64_t v) { c.fdce_cycles = static_cast<unsigned>(v); }},
      {"fic_cycles",
       kind::INTEGER,
       "CPU cycles per FIC (flush instruction cache line)",
       0,
       cycles_max,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.fic_cycles; },
       [](p& c, std::uint64_t v) { c.fic_cycles = static_cast<unsigned>(v); }},
      {"fice_cycles",
       kind::INTEGER,
       "CPU cycles per FICE (flush instruction cache entry)",
       0,
       cycles_max,
       false,
       1,
       {},
       [](const p& c) -> std::uint64_t { return c.fice_cycles; },
       [](p& c, std::uint64_t v) { c.fice_cycles = static_cast<unsigned>(v); }},
  };
  return fields;
}

cache_params::geometry cache_params::check_geometry() const {
  if (!is_pow2(size_bytes)) return geometry::SIZE_NOT_POW2;
  if (line_bytes == 0 || line_bytes % 4 != 0 || !is_pow2(line_bytes)) {
    return geometry::LINE_NOT_POW2_WORDS;
  }
  if (line_bytes > size_bytes) return geometry::LINE_EXCEEDS_SIZE;
  if (associativity == 0 || lines() % associativity != 0) return geometry::WAYS_DO_NOT_DIVIDE_LINES;
  if (!is_pow2(sets())) return geometry::SETS_NOT_POW2;
  return geometry::OK;
}

std::string cache_params::validate() const {
  std::ostringstream err;
  switch (check_geometry()) {
    case geometry::SIZE_NOT_POW2:
      err << "size_bytes " << size_bytes << " is not a power of two";
      return err.str();
    case geometry::LINE_NOT_POW2_WORDS:
      err << "line_bytes " << line_bytes << " must be a power of two and a multiple of 4";
      return err.str();
    case geometry::LINE_EXCEEDS_SIZE:
      err << "line_bytes " << line_bytes << " exceeds size_bytes " << size_bytes;
      return err.str();
    case geometry::WAYS_DO_NOT_DIVIDE_LINES:
      err << "associativity " << associativity << " does not divide the " << lines() << " lines";
      return err.str();
    case geometry::SETS_NOT_POW2:
      err << "associativity " << associativity << " gives " << sets()
          << " sets; the number of sets must be a power of two";
      return err.str();
    case geometry::OK:
      break;
  }
  if (index == index_function::HASHED && (hash_space_bits > 32 || hash_shift > 31)) {
    err << "hash_space_bits " << hash_space_bits << " / hash_shift " << hash_shift
        << " out of range (at most 32 bits, shift at most 31)";
  } else if (uncached_size != 0 && uncached_base + uncached_size < uncached_base) {
    err << "uncached range at " << uncached_base << " of " << uncached_size
        << " bytes wraps around the address space";
  } else if (clock_period_ps == 0) {
    err << "clock_period_ps must be positive";
  }
  return err.str();
}

}  // namespace pavp
