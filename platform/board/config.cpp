// The configuration schema, the layered loader and the checks.
#include "platform/board/config.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "pavp/common/param_helpers.h"
#include "pavp/devices/simctl_regs.h"
#include "platform/board/embedded_files.h"

namespace pavp {

namespace {

constexpr std::uint64_t k_kib = 1024;
constexpr std::uint64_t k_mib = k_kib * 1024;
constexpr std::uint64_t k_gib = k_mib * 1024;
constexpr std::uint64_t k_u64_max = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t k_address_limit = std::uint64_t{1} << 32;  // PA-RISC 1.1 physical space
constexpr std::uint64_t k_page = 4096;

std::string shown(const std::string& value) {
  return value.empty() ? "\"\"" : value;
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
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
                         const std::string& accepted, const std::string& origin = "") {
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
  if (text.empty()) return false;
  unsigned base = 10;
  std::size_t i = 0;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    i = 2;
  }
  std::uint64_t v = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return false;
    }
    if (v > (k_u64_max - d) / base) return false;
    v = v * base + d;
  }
  out = v;
  return true;
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

// ------------------------------------------------------------------ schema

key_spec integer(const std::string& key, std::uint64_t min, std::uint64_t max,
                 const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::INTEGER;
  s.min = min;
  s.max = max;
  s.default_value = def;
  s.description = description;
  return s;
}

key_spec size(const std::string& key, std::uint64_t min, std::uint64_t max, bool pow2,
              std::uint64_t multiple, const std::string& def, const std::string& description) {
  key_spec s = integer(key, min, max, def, description);
  s.kind = value_kind::SIZE;
  s.power_of_two = pow2;
  s.multiple_of = multiple;
  return s;
}

key_spec address(const std::string& key, const std::string& def, const std::string& description) {
  key_spec s = integer(key, 0, k_address_limit - k_page, def, description);
  s.kind = value_kind::ADDRESS;
  s.multiple_of = k_page;
  return s;
}

key_spec boolean(const std::string& key, const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::BOOL;
  s.default_value = def;
  s.description = description;
  return s;
}

key_spec enumeration(const std::string& key, std::vector<std::string> choices,
                     const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::ENUM;
  s.choices = std::move(choices);
  s.default_value = def;
  s.description = description;
  return s;
}

key_spec text(const std::string& key, const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::STRING;
  s.default_value = def;
  s.description = description;
  return s;
}

// The keys of a cache, GROUP.NAME for each settable field of cache_params
// (cache_param_fields()): bounds, choices and descriptions from the model's
// table, defaults from a default-constructed cache_params (the pa7300lc
// values; platform/board/presets.cpp says where they come from).
void add_cache_keys(std::vector<key_spec>& keys, const std::string& group, const char* what) {
  const cache_params defaults;
  for (const cache_param_field& f : cache_param_fields()) {
    const std::string key = group + "." + f.name;
    const std::uint64_t def = f.get(defaults);
    switch (f.kind) {
      case cache_param_field::kind_t::SIZE:
        keys.push_back(size(key, f.min, f.max, f.power_of_two, f.multiple_of, format_size(def),
                            fmt::format("{} {}", what, f.description)));
        break;
      case cache_param_field::kind_t::INTEGER:
        keys.push_back(integer(key, f.min, f.max, std::to_string(def), f.description));
        keys.back().power_of_two = f.power_of_two;
        keys.back().multiple_of = f.multiple_of;
        break;
      case cache_param_field::kind_t::FLAG:
        keys.push_back(boolean(key, def ? "true" : "false", f.description));
        break;
      case cache_param_field::kind_t::CHOICE:
        keys.push_back(enumeration(key,
                                   std::vector<std::string>(f.choices.begin(), f.choices.end()),
                                   f.choices.at(def), f.description));
        break;
    }
  }
}

std::vector<key_spec> make_schema() {
  std::vector<key_spec> keys;
  keys.push_back(
      integer("cpu.clock_mhz", 1, 10000, "160", "CPU clock in MHz; the caches run on it"));
  keys.push_back(integer("cpu.quantum_ns", 1, 1000000000, "1000",
                         "temporal decoupling quantum in ns (tlm_quantumkeeper)"));
  keys.push_back(boolean("cpu.skip_idle_syncs", "true",
                         "at the end of a quantum, go on without a wait when no other process has "
                         "anything to do by the CPU's local time (same results)"));
  add_cache_keys(keys, "icache", "instruction cache");
  add_cache_keys(keys, "dcache", "data cache");
  keys.push_back(text("dram.spec", "sdr-pc100-micron-mt48lc16m8a2",
                      "DRAM timing: a shipped spec name or the path of a spec .json file"));
  keys.push_back(enumeration("dram.page_policy",
                             {"spec", to_string(page_policy::OPEN), to_string(page_policy::CLOSED)},
                             "spec", "row buffer policy; spec: the DRAM spec's own"));
  keys.push_back(size("dram.size", k_mib, 3840 * k_mib, false, k_page, "64M",
                      "DRAM capacity in bytes (the map.dram region's size)"));
  keys.push_back(
      integer("bus.latency_ns", 0, 1000000, "10", "interconnect latency per transaction in ns"));
  keys.push_back(address("map.dram.base", "0x00000000", "physical base address of DRAM"));
  keys.push_back(address("map.console.base", fmt::format("{:#010x}", PAVP_CONSOLE_BASE),
                         "physical base of the console device"));
  keys.push_back(size("map.console.size", 256, 256 * k_mib, true, 1, "4K",
                      "bytes the console device decodes"));
  keys.push_back(address("map.simctl.base", fmt::format("{:#010x}", PAVP_SIMCTL_BASE),
                         "physical base of the sim-control device"));
  keys.push_back(size("map.simctl.size", 256, 256 * k_mib, true, 1, "4K",
                      "bytes the sim-control device decodes"));
  keys.push_back(integer("limits.instructions", 0, k_u64_max, "0",
                         "stop after this many instructions; 0: no limit"));
  keys.push_back(integer("limits.sim_time_ms", 0, k_u64_max, "0",
                         "stop after this much simulated time in ms; 0: no limit"));
  // The firmware workload (pavp run, pavp study); its layout is firmware/include/pavp_fw.h.
  keys.push_back(integer("workload.elements", 2, 60, "4",
                         "list elements, `used` and `cache` together (the seed's picture has 4)"));
  keys.push_back(size("workload.elem_stride", 16, 4 * k_mib, false, 4, "4K",
                      "heap bytes between list elements (4K: one page each)"));
  keys.push_back(integer("workload.extra_threads", 0, 6, "0",
                         "threads of process A besides A-1 and A-2 (each brings a 64 KB stack)"));
  keys.push_back(integer("workload.touch_pages", 0, 1024, "0",
                         "heap pages thread A-2 also dirties after its move"));
  keys.push_back(size("workload.heap_size", 64 * 1024, 4 * k_mib, false, k_page, "1M",
                      "the heap region, mapped writable at exec: COW pages at fork"));
  keys.push_back(integer("workload.step_limit", 1, 1000000, "1000",
                         "list-walk steps after which child B reports a hang"));
  return keys;
}

std::size_t key_index(const std::string& key) {
  const auto& schema = config_schema();
  for (std::size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].key == key) return i;
  }
  return schema.size();
}

std::string group_of(const std::string& key) {
  return key.substr(0, key.find('.'));
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

[[noreturn]] void reject_unknown_key(const std::string& key, const std::string& value,
                                     const std::string& origin) {
  const auto& schema = config_schema();
  const std::string last = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
  // Close matches: the keys at the smallest edit distance (if small), else keys
  // with the same last part in another group ("cache.size" -> dcache.size).
  std::vector<std::string> close;
  std::size_t best = std::max<std::size_t>(2, key.size() / 6) + 1;
  for (const key_spec& s : schema) {
    const std::size_t d = edit_distance(lower(key), s.key);
    if (d < best) {
      best = d;
      close.clear();
    }
    if (d == best) close.push_back(s.key);
  }
  if (close.empty()) {
    for (const key_spec& s : schema) {
      if (s.key.substr(s.key.rfind('.') + 1) == lower(last)) close.push_back(s.key);
    }
  }
  std::string hint;
  if (!close.empty()) {
    if (close.size() > 4) close.resize(4);
    hint = "did you mean " + join(close, " or ") + "?";
  } else {
    const std::string group = group_of(key);
    std::vector<std::string> in_group;
    std::vector<std::string> groups;
    for (const key_spec& s : schema) {
      if (group_of(s.key) == group) in_group.push_back(s.key.substr(group.size() + 1));
      if (std::find(groups.begin(), groups.end(), group_of(s.key)) == groups.end()) {
        groups.push_back(group_of(s.key));
      }
    }
    hint = in_group.empty() ? "known groups: " + join(groups) : group + " keys: " + join(in_group);
  }
  throw config_error(
      fmt::format("{}{}={}: unknown key ({})", origin_prefix(origin), key, value, hint));
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
      if (value.empty()) reject(spec.key, raw, spec.accepted(), origin);
      return value;
  }
  return value;
}

bool looks_like_path(const std::string& value) {
  return value.find('/') != std::string::npos ||
         (value.size() >= 5 && value.compare(value.size() - 5, 5, ".json") == 0);
}

std::string read_text_file(const std::string& path, bool& ok, std::string& reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ok = false;
    reason = std::strerror(errno);
    return {};
  }
  if (std::filesystem::is_directory(path)) {
    ok = false;
    reason = "it is a directory";
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  ok = true;
  return text.str();
}

// A JSON scalar as the text a --set would give; false for objects, arrays, null.
bool scalar_text(const nlohmann::json& v, std::string& out) {
  switch (v.type()) {
    case nlohmann::json::value_t::string:
      out = v.get<std::string>();
      return true;
    case nlohmann::json::value_t::boolean:
      out = v.get<bool>() ? "true" : "false";
      return true;
    case nlohmann::json::value_t::number_unsigned:
      out = std::to_string(v.get<std::uint64_t>());
      return true;
    case nlohmann::json::value_t::number_integer:
      out = std::to_string(v.get<std::int64_t>());
      return true;
    case nlohmann::json::value_t::number_float: {
      const double d = v.get<double>();
      // 65536.0 is the integer 65536; 1.5 stays "1.5" and is rejected by the key.
      if (d >= 0 && d < 1.8e19 && d == static_cast<double>(static_cast<std::uint64_t>(d))) {
        out = std::to_string(static_cast<std::uint64_t>(d));
      } else {
        out = v.dump();
      }
      return true;
    }
    default:
      out = v.dump();
      return false;
  }
}

}  // namespace

// ------------------------------------------------------------------ messages

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

// ------------------------------------------------------------------ key_spec

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

const std::vector<key_spec>& config_schema() {
  static const std::vector<key_spec> schema = make_schema();
  return schema;
}

const key_spec* find_key(const std::string& key) {
  const std::size_t i = key_index(key);
  return i < config_schema().size() ? &config_schema()[i] : nullptr;
}

// ------------------------------------------------------------------ sizes

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

// ------------------------------------------------------------------ DRAM specs

std::vector<std::string> shipped_dram_specs() {
  std::vector<std::string> names;
  for (const embedded_file& f : embedded_dram_specs()) names.emplace_back(f.name);
  return names;
}

dram_spec resolve_dram_spec(const std::string& value, std::string* origin) {
  const std::string key = "dram.spec";
  if (looks_like_path(value)) {
    bool ok = false;
    std::string reason;
    const std::string json_text = read_text_file(value, ok, reason);
    if (!ok) reject(key, value, "cannot read the file: " + reason);
    try {
      dram_spec spec = parse_dram_spec(json_text, value);
      if (origin) *origin = value;
      return spec;
    } catch (const std::invalid_argument& e) {
      reject(key, value, e.what());
    }
  }
  for (const embedded_file& f : embedded_dram_specs()) {
    if (f.name == value) {
      const std::string where = fmt::format("models/dram/specs/{}.json", value);
      try {
        dram_spec spec = parse_dram_spec(std::string(f.text), where);
        if (origin) *origin = "shipped spec " + value;
        return spec;
      } catch (const std::invalid_argument& e) {
        reject(key, value, e.what());
      }
    }
  }
  const std::vector<std::string> names = shipped_dram_specs();
  reject(key, value,
         (names.empty() ? std::string("no spec is shipped in this build")
                        : "a shipped spec: " + join(names)) +
             "; or the path of a spec file, containing '/' or ending in .json");
}

// ------------------------------------------------------------------ JSON files

nlohmann::json read_json_file(const std::string& path) {
  bool ok = false;
  std::string reason;
  const std::string text = read_text_file(path, ok, reason);
  if (!ok) reject("--config", path, "a readable JSON file; " + reason);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line L,
    // column C: DETAIL"; keep L, C and DETAIL.
    std::string what = e.what();
    std::smatch m;
    static const std::regex where(R"(at line (\d+), column (\d+): (.*))");
    if (std::regex_search(what, m, where)) {
      throw config_error(one_line(
          fmt::format("{}:{}:{}: invalid JSON ({})", path, m[1].str(), m[2].str(), m[3].str())));
    }
    // No position in the message: derive it from the byte offset.
    const std::size_t byte = std::min<std::size_t>(e.byte, text.size());
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + byte, '\n'));
    const std::size_t nl = byte == 0 ? std::string::npos : text.rfind('\n', byte - 1);
    const std::size_t column = nl == std::string::npos ? byte : byte - nl - 1;
    throw config_error(
        one_line(fmt::format("{}:{}:{}: invalid JSON ({})", path, line, column, what)));
  }
  if (!j.is_object()) {
    throw config_error(
        fmt::format("{}: a JSON {} is not accepted at the top level (an object of keys, e.g. "
                    "{{\"dcache\": {{\"size\": \"64K\"}}}})",
                    path, j.type_name()));
  }
  return j;
}

// ------------------------------------------------------------------ builder

config_builder::config_builder(const std::string& preset_name) : m_preset(preset_name) {
  const preset* p = find_preset(preset_name);
  if (!p) {
    std::vector<std::string> names;
    for (const preset& q : presets()) names.push_back(q.name);
    reject("preset", preset_name, "one of " + join(names));
  }
  const auto& schema = config_schema();
  m_slots.resize(schema.size());
  for (std::size_t i = 0; i < schema.size(); ++i) {
    m_slots[i].value = canonical_value(schema[i], schema[i].default_value, "default");
    m_slots[i].origin = "default";
  }
  for (const preset_value& v : p->values) set(v.key, v.value, "preset " + p->name);
}

void config_builder::set(const std::string& key_text, const std::string& value,
                         const std::string& origin) {
  const std::string key = trim(key_text);
  if (key == "preset") {
    if (trim(value) == m_preset) return;
    reject("preset", value,
           fmt::format("the preset is chosen first, with --preset (here {}); "
                       "other keys then override its values",
                       m_preset),
           origin);
  }
  const std::size_t i = key_index(key);
  if (i >= m_slots.size()) reject_unknown_key(key, value, origin);
  m_slots[i].value = canonical_value(config_schema()[i], value, origin);
  m_slots[i].origin = origin;
  m_slots[i].sequence = ++m_sequence;
}

void config_builder::set_assignment(const std::string& assignment, const std::string& origin) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || trim(assignment.substr(0, eq)).empty()) {
    throw config_error(fmt::format("--set: {} is not accepted (key=value, e.g. dcache.size=32K)",
                                   shown(assignment)));
  }
  set(assignment.substr(0, eq), assignment.substr(eq + 1), origin);
}

void config_builder::apply_json(const nlohmann::json& object, const std::string& origin,
                                const std::string& base_dir) {
  if (!object.is_object()) {
    throw config_error(fmt::format("{}: a JSON {} is not accepted at the top level (an object)",
                                   origin, object.type_name()));
  }
  // Depth first, in the file's order of keys within each object.
  struct walker {
    config_builder& builder;
    const std::string& origin;
    const std::string& base_dir;
    void walk(const nlohmann::json& obj, const std::string& prefix) {
      for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        const nlohmann::json& v = it.value();
        if (v.is_object()) {
          walk(v, key);
          continue;
        }
        std::string text;
        const bool scalar = scalar_text(v, text);
        if (prefix.empty() && key == "source") continue;  // informational (to_json writes it)
        if (prefix.empty() && key == "preset") {
          if (!v.is_string() || !find_preset(text)) {
            std::vector<std::string> names;
            for (const preset& q : presets()) names.push_back(q.name);
            reject("preset", text, "one of " + join(names), origin);
          }
          continue;  // chosen before the layers (load_config)
        }
        const key_spec* spec = find_key(key);
        if (!spec) reject_unknown_key(key, text, origin);
        if (!scalar) reject(key, text, spec->accepted(), origin);
        if (key == "dram.spec" && !base_dir.empty() && looks_like_path(text) &&
            std::filesystem::path(text).is_relative()) {
          text = (std::filesystem::path(base_dir) / text).lexically_normal().string();
        }
        builder.set(key, text, origin);
      }
    }
  };
  walker{*this, origin, base_dir}.walk(object, "");
}

void config_builder::apply_json_file(const std::string& path) {
  const nlohmann::json j = read_json_file(path);
  apply_json(j, path, std::filesystem::path(path).parent_path().string());
}

const config_builder::slot& config_builder::at(const std::string& key) const {
  const std::size_t i = key_index(key);
  if (i >= m_slots.size()) throw config_error("internal: no key " + key);
  return m_slots[i];
}

platform_config config_builder::build() const {
  auto text_of = [this](const std::string& key) -> const std::string& { return at(key).value; };
  auto u64_of = [this](const std::string& key) {
    const std::string& v = at(key).value;
    std::uint64_t n = 0;
    const key_spec* spec = find_key(key);
    if (spec->kind == value_kind::SIZE) {
      parse_size_text(v, n);
    } else {
      parse_u64(v, n);
    }
    return n;
  };
  auto uint_of = [&](const std::string& key) { return static_cast<unsigned>(u64_of(key)); };
  auto bool_of = [this](const std::string& key) { return at(key).value == "true"; };
  // Of several keys that together break a rule, the one set last is blamed.
  auto latest = [this](std::initializer_list<const char*> keys) {
    std::string best;
    std::uint64_t seq = 0;
    for (const char* k : keys) {
      if (best.empty() || at(k).sequence >= seq) {
        best = k;
        seq = at(k).sequence;
      }
    }
    return best;
  };
  auto fail = [this](const std::string& key, const std::string& accepted) {
    reject(key, at(key).value, accepted, at(key).origin);
  };

  platform_config cfg;
  const preset* p = find_preset(m_preset);
  cfg.preset = m_preset;
  cfg.preset_source = p ? p->source : "";

  cfg.cpu.clock_mhz = uint_of("cpu.clock_mhz");
  cfg.cpu.quantum_ns = u64_of("cpu.quantum_ns");
  cfg.cpu.skip_idle_syncs = bool_of("cpu.skip_idle_syncs");

  for (const char* group : {"icache", "dcache"}) {
    const std::string g = group;
    auto k = [&](const char* name) { return g + "." + name; };
    cache_params& c = g == "icache" ? cfg.icache : cfg.dcache;
    c.role = g == "icache" ? cache_role::INSTRUCTION : cache_role::DATA;
    c.clock_period_ps = cfg.cpu.clock_period_ps();
    for (const cache_param_field& f : cache_param_fields()) {
      const std::string key = k(f.name);
      std::uint64_t v = 0;
      switch (f.kind) {
        case cache_param_field::kind_t::SIZE:
        case cache_param_field::kind_t::INTEGER:
          v = u64_of(key);
          break;
        case cache_param_field::kind_t::FLAG:
          v = bool_of(key);
          break;
        case cache_param_field::kind_t::CHOICE:
          // The schema accepted only these names.
          while (v < f.choices.size() && text_of(key) != f.choices[v]) ++v;
          break;
      }
      f.set(c, v);
    }

    // Geometry across keys: size and line are powers of two already.
    const std::string size_k = k("size"), line_k = k("line"), assoc_k = k("associativity");
    if (c.line_bytes > c.size_bytes) {
      const std::string blame = latest({size_k.c_str(), line_k.c_str()});
      if (blame == line_k) {
        fail(line_k, fmt::format("at most {} = {}", size_k, text_of(size_k)));
      }
      fail(size_k, fmt::format("at least {} = {}", line_k, text_of(line_k)));
    }
    const std::uint64_t lines = c.lines();
    if (lines % c.associativity != 0) {
      // Lines are a power of two, so the ways must be a power of two up to the lines.
      const std::string blame = !is_pow2(c.associativity)
                                    ? assoc_k
                                    : latest({size_k.c_str(), line_k.c_str(), assoc_k.c_str()});
      if (blame == assoc_k) {
        fail(assoc_k, fmt::format("a divisor of the {} lines that {} {} / {} {} gives: a power "
                                  "of two from 1 to {}",
                                  lines, size_k, text_of(size_k), line_k, text_of(line_k), lines));
      }
      if (blame == size_k) {
        fail(size_k,
             fmt::format("at least {} x {} = {} bytes, so that the {} ways divide the lines",
                         assoc_k, line_k, std::uint64_t{c.associativity} * c.line_bytes,
                         c.associativity));
      }
      fail(line_k, fmt::format("at most {} / {} = {} bytes, so that the {} ways divide the lines",
                               size_k, assoc_k, c.size_bytes / c.associativity, c.associativity));
    }
    const std::string problem = c.validate();
    if (!problem.empty()) throw config_error(one_line(g + ": " + problem));
  }

  // DRAM.
  cfg.dram.spec_name = text_of("dram.spec");
  try {
    cfg.dram.spec = resolve_dram_spec(cfg.dram.spec_name, &cfg.dram.origin);
  } catch (const config_error& e) {
    throw config_error(one_line(origin_prefix(at("dram.spec").origin) + e.what()));
  }
  const std::string& policy = text_of("dram.page_policy");
  cfg.dram.policy = cfg.dram.spec.policy;
  if (policy != "spec") parse(policy, cfg.dram.policy);
  cfg.dram.size_bytes = u64_of("dram.size");

  cfg.bus.latency_ns = u64_of("bus.latency_ns");

  // Address map.
  cfg.map.dram = {"dram", u64_of("map.dram.base"), cfg.dram.size_bytes};
  cfg.map.console = {"console", u64_of("map.console.base"), u64_of("map.console.size")};
  cfg.map.simctl = {"simctl", u64_of("map.simctl.base"), u64_of("map.simctl.size")};
  auto size_key = [](const map_region& r) {
    return r.name == "dram" ? std::string("dram.size") : "map." + r.name + ".size";
  };
  auto base_key = [](const map_region& r) { return "map." + r.name + ".base"; };
  auto range = [](const map_region& r) {
    return fmt::format("{} [{}..{}]", r.name, format_address(r.base), format_address(r.last()));
  };
  const auto regions = cfg.map.regions();
  for (const map_region* r : regions) {
    if (r->base + r->size > k_address_limit) {
      const std::string b = base_key(*r), s = size_key(*r);
      const std::string blame = latest({b.c_str(), s.c_str()});
      fail(blame, fmt::format("{} ends at {:#x}, past the 32-bit physical address space", r->name,
                              r->base + r->size - 1));
    }
  }
  for (std::size_t i = 0; i < regions.size(); ++i) {
    for (std::size_t j = i + 1; j < regions.size(); ++j) {
      const map_region* a = regions[i];
      const map_region* b = regions[j];
      if (a->base > b->base) std::swap(a, b);
      if (b->base > a->last()) continue;
      // a starts first and reaches into b: a's size or b's base moved last.
      const std::string as = size_key(*a), bb = base_key(*b);
      const std::string blame = latest({as.c_str(), bb.c_str()});
      fail(blame, fmt::format("{} overlaps {}; regions must not overlap", range(*b), range(*a)));
    }
  }

  cfg.limits.instructions = u64_of("limits.instructions");
  cfg.limits.sim_time_ms = u64_of("limits.sim_time_ms");

  // Workload: the elements and the pages A-2 touches lie in the heap
  // (workload.c: element i at heap + 64 + i x stride, touched page j at
  // heap + (elements + j) x stride + 128).
  workload_config& w = cfg.workload;
  w.elements = static_cast<std::uint32_t>(u64_of("workload.elements"));
  w.elem_stride = static_cast<std::uint32_t>(u64_of("workload.elem_stride"));
  w.extra_threads = static_cast<std::uint32_t>(u64_of("workload.extra_threads"));
  w.touch_pages = static_cast<std::uint32_t>(u64_of("workload.touch_pages"));
  w.heap_size = static_cast<std::uint32_t>(u64_of("workload.heap_size"));
  w.step_limit = static_cast<std::uint32_t>(u64_of("workload.step_limit"));
  const std::uint64_t heap_needed =
      (std::uint64_t{w.elements} + w.touch_pages) * w.elem_stride + 256;
  if (heap_needed > w.heap_size) {
    const std::string blame = latest({"workload.elements", "workload.elem_stride",
                                      "workload.touch_pages", "workload.heap_size"});
    fail(blame, fmt::format("values for which (workload.elements {} + workload.touch_pages {}) x "
                            "workload.elem_stride {} + 256 = {} bytes fit workload.heap_size {}",
                            w.elements, w.touch_pages, w.elem_stride, heap_needed, w.heap_size));
  }

  const auto& schema = config_schema();
  for (std::size_t i = 0; i < schema.size(); ++i) {
    cfg.entries.push_back({schema[i].key, m_slots[i].value, m_slots[i].origin});
  }
  return cfg;
}

// ------------------------------------------------------------------ result

std::uint64_t cpu_config::clock_period_ps() const {
  return clock_mhz == 0 ? 0 : (1000000 + clock_mhz / 2) / clock_mhz;
}

const std::string& platform_config::value(const std::string& key) const {
  for (const config_entry& e : entries) {
    if (e.key == key) return e.value;
  }
  throw config_error(fmt::format("{}: unknown key", key));
}

nlohmann::ordered_json platform_config::to_json() const {
  nlohmann::ordered_json j;
  j["preset"] = preset;
  j["source"] = preset_source;
  for (const config_entry& e : entries) {
    const key_spec* spec = find_key(e.key);
    nlohmann::ordered_json* node = &j;
    std::string rest = e.key;
    for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
      node = &(*node)[rest.substr(0, dot)];
      rest = rest.substr(dot + 1);
    }
    std::uint64_t n = 0;
    if (spec && spec->kind == value_kind::INTEGER && parse_u64(e.value, n)) {
      (*node)[rest] = n;
    } else if (spec && spec->kind == value_kind::BOOL) {
      (*node)[rest] = e.value == "true";
    } else {
      (*node)[rest] = e.value;
    }
  }
  return j;
}

std::string platform_config::to_text() const {
  std::size_t width = 0;
  for (const config_entry& e : entries) width = std::max(width, e.key.size());
  std::size_t value_width = 0;
  for (const config_entry& e : entries) value_width = std::max(value_width, e.value.size());
  value_width = std::min<std::size_t>(value_width, 12);  // a long spec name does not widen all

  std::string out = fmt::format("# preset {}: {}\n", preset, preset_source);
  if (const pavp::preset* p = find_preset(preset)) out += "# " + p->choices + "\n";
  std::string group;
  const std::string from_preset = "preset " + preset;
  for (const config_entry& e : entries) {
    if (group_of(e.key) != group) {
      group = group_of(e.key);
      out += "\n";
    }
    std::string line = fmt::format("{:<{}} = {}", e.key, width, e.value);
    if (e.origin != from_preset && e.origin != "default") {
      line = fmt::format("{:<{}} = {:<{}}  # {}", e.key, width, e.value, value_width, e.origin);
    }
    out += line + "\n";
  }
  // What the values amount to.
  out += "\n";
  for (const cache_params* c : {&icache, &dcache}) {
    out += fmt::format("# {}: {} sets x {} ways x {} B lines, {} per way, {} index\n",
                       c == &icache ? "icache" : "dcache", c->sets(), c->associativity,
                       c->line_bytes, format_size(c->sets() * c->line_bytes), to_string(c->index));
  }
  out += fmt::format("# cpu: cycle {} ps\n", cpu.clock_period_ps());
  out += fmt::format("# dram: {} ({}), page policy {}\n", dram.spec.name, dram.origin,
                     to_string(dram.policy));
  return out;
}

// ------------------------------------------------------------------ load_config

platform_config load_config(const config_sources& sources) {
  nlohmann::json file;
  if (!sources.config_file.empty()) file = read_json_file(sources.config_file);

  // The preset comes first: --set preset=X, else --preset, else the file's, else the default.
  std::string preset_name = k_default_preset;
  std::string preset_origin = "default";
  if (file.is_object() && file.contains("preset") && file["preset"].is_string()) {
    preset_name = file["preset"].get<std::string>();
    preset_origin = sources.config_file;
  }
  if (!sources.preset.empty()) {
    preset_name = sources.preset;
    preset_origin = "--preset";
  }
  for (const std::string& o : sources.overrides) {
    const auto eq = o.find('=');
    if (eq != std::string::npos && trim(o.substr(0, eq)) == "preset") {
      preset_name = trim(o.substr(eq + 1));
      preset_origin = "--set";
    }
  }
  if (!find_preset(preset_name)) {
    std::vector<std::string> names;
    for (const preset& q : presets()) names.push_back(q.name);
    reject("preset", preset_name, "one of " + join(names),
           preset_origin == "--preset" ? "" : preset_origin);
  }

  config_builder builder(preset_name);
  if (!sources.config_file.empty()) {
    builder.apply_json(file, sources.config_file,
                       std::filesystem::path(sources.config_file).parent_path().string());
  }
  for (const std::string& o : sources.overrides) builder.set_assignment(o, "--set");
  return builder.build();
}

}  // namespace pavp
