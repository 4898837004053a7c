// Configuration values: parsing and formatting (sizes, addresses, booleans),
// canonical forms, what a key accepts, and the rejection messages.
#include <algorithm>

#include <fmt/format.h>

#include "pavp/common/param_helpers.h"
#include "platform/board/config.h"
#include "platform/board/config_detail.h"

namespace pavp {

namespace config_detail {

std::string shown(const std::string& value) {
  return value.empty() ? "\"\"" : value;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// "file: " for values from a file; nothing for --set, presets and defaults.
std::string origin_prefix(const std::string& origin) {
  if (origin.empty() || origin == "--set" || origin == "default" ||
      origin.rfind("preset ", 0) == 0) {
    return "";
  }
  return origin + ": ";
}

[[noreturn]] void reject(const std::string& key, const std::string& value,
                         const std::string& accepted, const std::string& origin) {
  throw config_error(fmt::format("{}{}: {} is not accepted ({})", origin_prefix(origin), key,
                                 shown(value), accepted));
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Unsigned decimal or 0x-hex, the whole text; false on anything else or overflow.
bool parse_u64(const std::string& text, std::uint64_t& out) {
  return parse_unsigned(text, k_u64_max, out);
}

// A size: an integer with an optional K, M or G suffix (binary), optionally
// followed by B or iB: 64K, 64KB, 64KiB, 1M, 65536.
bool parse_size_text(const std::string& text, std::uint64_t& out) {
  std::string t = trim(text);
  std::size_t end = t.size();
  std::uint64_t unit = 1;
  const std::string l = lower(t);
  auto strip = [&](const char* suffix) {
    const std::size_t n = std::strlen(suffix);
    if (l.size() > n && l.compare(l.size() - n, n, suffix) == 0) {
      end = l.size() - n;
      return true;
    }
    return false;
  };
  if (strip("kib") || strip("kb") || strip("k")) {
    unit = k_kib;
  } else if (strip("mib") || strip("mb") || strip("m")) {
    unit = k_mib;
  } else if (strip("gib") || strip("gb") || strip("g")) {
    unit = k_gib;
  } else if (strip("b")) {
    unit = 1;
  }
  std::uint64_t n = 0;
  if (!parse_u64(t.substr(0, end), n)) return false;
  if (n > k_u64_max / unit) return false;
  out = n * unit;
  return true;
}

bool parse_bool_text(const std::string& text, bool& out) {
  const std::string l = lower(trim(text));
  if (l == "true" || l == "1" || l == "yes" || l == "on") {
    out = true;
    return true;
  }
  if (l == "false" || l == "0" || l == "no" || l == "off") {
    out = false;
    return true;
  }
  return false;
}

std::string format_address(std::uint64_t a) {
  return fmt::format("{:#010x}", a);
}

std::string format_integer_bound(const key_spec& spec, std::uint64_t v) {
  if (spec.kind == value_kind::SIZE) return format_size(v);
  return std::to_string(v);
}

// Checks text against a key and returns its canonical form.
std::string canonical_value(const key_spec& spec, const std::string& raw,
                            const std::string& origin) {
  const std::string value = trim(raw);
  switch (spec.kind) {
    case value_kind::INTEGER:
    case value_kind::SIZE:
    case value_kind::ADDRESS: {
      std::uint64_t v = 0;
      const bool ok =
          spec.kind == value_kind::SIZE ? parse_size_text(value, v) : parse_u64(value, v);
      if (!ok || v < spec.min || v > spec.max || (spec.power_of_two && !is_pow2(v)) ||
          v % spec.multiple_of != 0) {
        reject(spec.key, raw, spec.accepted(), origin);
      }
      if (spec.kind == value_kind::SIZE) return format_size(v);
      if (spec.kind == value_kind::ADDRESS) return format_address(v);
      return std::to_string(v);
    }
    case value_kind::BOOL: {
      bool b = false;
      if (!parse_bool_text(value, b)) reject(spec.key, raw, spec.accepted(), origin);
      return b ? "true" : "false";
    }
    case value_kind::ENUM: {
      const std::string l = lower(value);
      if (std::find(spec.choices.begin(), spec.choices.end(), l) == spec.choices.end()) {
        reject(spec.key, raw, spec.accepted(), origin);
      }
      return l;
    }
    case value_kind::STRING:
      if (value.empty() && !spec.may_be_empty) reject(spec.key, raw, spec.accepted(), origin);
      return value;
  }
  return value;
}

}  // namespace config_detail

using namespace config_detail;

const std::vector<std::string>& scenario_names() {
  // firmware_contract.h: PAVP_SCENARIO_FORK_THREADS, PAVP_SCENARIO_THREAD_PAIR.
  static const std::vector<std::string> names = {"lists", "thread-pair", "nptl"};
  return names;
}

bool parse_preempt_every(const std::string& text, std::uint32_t& out) {
  std::uint64_t v = 0;
  if (text == "off") {
    out = 0;
    return true;
  }
  if (!parse_unsigned(text, k_preempt_every_max, v) || v == 0) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

std::string preempt_every_accepted() {
  return fmt::format("off, or a whole number of user instructions from 1 to {}",
                     k_preempt_every_max);
}

std::string preempt_every_text(std::uint32_t every) {
  return every ? std::to_string(every) : std::string("off");
}

placement_spec placement_spec::parse(const std::string& text) {
  static const char* const accepted =
      "accepted: linear, random:N (N a 64-bit decimal or 0x-hex number)";
  placement_spec p;
  p.text = text;
  if (text == "linear") return p;
  const std::string prefix = "random:";
  if (text.compare(0, prefix.size(), prefix) == 0) {
    if (!parse_unsigned(text.substr(prefix.size()), k_u64_max, p.seed)) {
      throw std::invalid_argument("placement '" + text + "': N is not a 64-bit number; " +
                                  accepted);
    }
    p.kind = kind_t::RANDOM;
    return p;
  }
  throw std::invalid_argument("unknown placement '" + text + "'; " + accepted);
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

std::string key_spec::accepted() const {
  switch (kind) {
    case value_kind::INTEGER:
    case value_kind::SIZE: {
      std::string what;
      if (power_of_two && multiple_of > 1) {
        what = fmt::format("a power of two and a multiple of {}", multiple_of);
      } else if (power_of_two) {
        what = "a power of two";
      } else if (multiple_of > 1) {
        what = fmt::format("a multiple of {}", format_integer_bound(*this, multiple_of));
      } else {
        what = kind == value_kind::SIZE ? "a size" : "an integer";
      }
      if (max == k_u64_max && min == 0) {
        what = kind == value_kind::SIZE ? "a size" : "an unsigned integer (decimal or 0x-hex)";
      } else if (max == k_u64_max) {
        what += fmt::format(", at least {}", format_integer_bound(*this, min));
      } else {
        what += fmt::format(" from {} to {}", format_integer_bound(*this, min),
                            format_integer_bound(*this, max));
      }
      if (kind == value_kind::SIZE) what += " bytes; a K, M or G suffix is allowed, e.g. 64K";
      return what;
    }
    case value_kind::ADDRESS:
      return fmt::format("an address from 0x0 to {}, a multiple of 0x1000 (hex 0x... or decimal)",
                         format_address(max));
    case value_kind::BOOL:
      return "true or false";
    case value_kind::ENUM:
      return "one of " + join(choices);
    case value_kind::STRING:
      return description;
  }
  return {};
}

std::uint64_t parse_size(const std::string& key, const std::string& text) {
  std::uint64_t v = 0;
  if (!parse_size_text(text, v)) {
    reject(key, text, "a size in bytes, or with a K, M or G suffix, e.g. 64K");
  }
  return v;
}

std::string format_size(std::uint64_t bytes) {
  if (bytes != 0 && bytes % k_gib == 0) return fmt::format("{}G", bytes / k_gib);
  if (bytes != 0 && bytes % k_mib == 0) return fmt::format("{}M", bytes / k_mib);
  if (bytes != 0 && bytes % k_kib == 0) return fmt::format("{}K", bytes / k_kib);
  return std::to_string(bytes);
}

}  // namespace pavp
