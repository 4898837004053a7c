#include "pavp/cache/cache_params.h"
#include "pavp/common/names.h"

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

std::string cache_params::validate() const {
  std::ostringstream err;
  if (!is_pow2(size_bytes)) {
    err << "size_bytes " << size_bytes << " is not a power of two";
  } else if (line_bytes == 0 || line_bytes % 4 != 0 || !is_pow2(line_bytes)) {
    err << "line_bytes " << line_bytes << " must be a power of two and a multiple of 4";
  } else if (line_bytes > size_bytes) {
    err << "line_bytes " << line_bytes << " exceeds size_bytes " << size_bytes;
  } else if (associativity == 0 || lines() % associativity != 0) {
    err << "associativity " << associativity << " does not divide the " << lines() << " lines";
  } else if (!is_pow2(sets())) {
    err << "associativity " << associativity << " gives " << sets()
        << " sets; the number of sets must be a power of two";
  } else if (index == index_function::HASHED && (hash_space_bits > 32 || hash_shift > 31)) {
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
