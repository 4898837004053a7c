// Helpers of the models' parameter code: the power-of-two test of sizes and
// geometries, the text-to-enum lookup of named choices, and unsigned numbers
// in text.
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

// An unsigned decimal or 0x-hex number, the whole text, at most max; false on
// anything else (empty text, a sign, blanks, other characters, overflow).
inline bool parse_unsigned(const std::string& text, std::uint64_t max, std::uint64_t& out) {
  std::size_t i = 0;
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    i = 2;
  }
  if (i >= text.size()) return false;
  std::uint64_t v = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    unsigned digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return false;
    }
    if (digit > max || v > (max - digit) / base) return false;
    v = v * base + digit;
  }
  out = v;
  return true;
}

}  // namespace pavp

#endif  // PAVP_COMMON_PARAM_HELPERS_H
