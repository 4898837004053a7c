// Helpers of the models' parameter code: the power-of-two test of sizes and
// geometries, and the text-to-enum lookup of named choices.
#ifndef PAVP_COMMON_PARAM_HELPERS_H
#define PAVP_COMMON_PARAM_HELPERS_H

#include <cstdint>
#include <initializer_list>
#include <string>

namespace pavp {

inline bool is_pow2(std::uint64_t v) {
  return v != 0 && (v & (v - 1)) == 0;
}

// Sets out to the value among `values` whose to_string() is text.
template <typename E>
bool parse_enum(const std::string& text, E& out, std::initializer_list<E> values) {
  for (E v : values) {
    if (text == to_string(v)) {
      out = v;
      return true;
    }
  }
  return false;
}

}  // namespace pavp

#endif  // PAVP_COMMON_PARAM_HELPERS_H
