#include "pavp/dram/dram_spec.h"
#include "pavp/common/file_io.h"
#include "pavp/common/param_helpers.h"

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace pavp {

const char* to_string(page_policy p) {
  switch (p) {
    case page_policy::OPEN:
      return "open";
    case page_policy::CLOSED:
      return "closed";
  }
  return "?";
}

const char* to_string(address_field f) {
  switch (f) {
    case address_field::ROW:
      return "row";
    case address_field::BANK:
      return "bank";
    case address_field::COLUMN:
      return "column";
  }
  return "?";
}

namespace {

// One integer key of the JSON form: where it lives, its range and how it is
// stored in dram_spec.
struct uint_rule {
  const char* section;  // "architecture" or "timing"
  const char* key;
  std::uint64_t min;
  std::uint64_t max;
  bool power_of_two;
  const char* accepted;  // the phrase for messages
  std::uint64_t (*get)(const dram_spec&);
  void (*set)(dram_spec&, std::uint64_t);
};

constexpr const char* k_cycles = "a positive integer number of clock cycles, at most 10000";

const uint_rule k_rules[] = {
    {"architecture", "data_rate", 1, 2, false, "1 (SDR) or 2 (DDR)",
     [](const dram_spec& s) -> std::uint64_t { return s.data_rate; },
     [](dram_spec& s, std::uint64_t v) { s.data_rate = static_cast<unsigned>(v); }},
    {"architecture", "bus_width_bits", 8, 1024, true, "a power of two from 8 to 1024",
     [](const dram_spec& s) -> std::uint64_t { return s.bus_width_bits; },
     [](dram_spec& s, std::uint64_t v) { s.bus_width_bits = static_cast<unsigned>(v); }},
    {"architecture", "banks", 1, 256, true, "a power of two from 1 to 256",
     [](const dram_spec& s) -> std::uint64_t { return s.banks; },
     [](dram_spec& s, std::uint64_t v) { s.banks = static_cast<unsigned>(v); }},
    {"architecture", "rows", 1, 1u << 24, true, "a power of two from 1 to 16777216",
     [](const dram_spec& s) -> std::uint64_t { return s.rows; },
     [](dram_spec& s, std::uint64_t v) { s.rows = v; }},
    {"architecture", "columns", 1, 1u << 16, true,
     "a power of two from 1 to 65536, at least architecture.burst_length",
     [](const dram_spec& s) -> std::uint64_t { return s.columns; },
     [](dram_spec& s, std::uint64_t v) { s.columns = v; }},
    {"architecture", "burst_length", 1, 256, true,
     "a power of two from 1 to 256, at least architecture.data_rate",
     [](const dram_spec& s) -> std::uint64_t { return s.burst_length; },
     [](dram_spec& s, std::uint64_t v) { s.burst_length = static_cast<unsigned>(v); }},
    {"timing", "tCK_ps", 1, 1000000, false,
     "a positive integer number of picoseconds, at most 1000000",
     [](const dram_spec& s) -> std::uint64_t { return s.tck_ps; },
     [](dram_spec& s, std::uint64_t v) { s.tck_ps = v; }},
    {"timing", "CL", 1, 10000, false, k_cycles,
     [](const dram_spec& s) -> std::uint64_t { return s.cl; },
     [](dram_spec& s, std::uint64_t v) { s.cl = static_cast<unsigned>(v); }},
    {"timing", "CWL", 0, 10000, false,
     "a non-negative integer number of clock cycles, at most 10000",
     [](const dram_spec& s) -> std::uint64_t { return s.cwl; },
     [](dram_spec& s, std::uint64_t v) { s.cwl = static_cast<unsigned>(v); }},
    {"timing", "tRCD", 1, 10000, false, k_cycles,
     [](const dram_spec& s) -> std::uint64_t { return s.rcd; },
     [](dram_spec& s, std::uint64_t v) { s.rcd = static_cast<unsigned>(v); }},
    {"timing", "tRP", 1, 10000, false, k_cycles,
     [](const dram_spec& s) -> std::uint64_t { return s.rp; },
     [](dram_spec& s, std::uint64_t v) { s.rp = static_cast<unsigned>(v); }},
    {"timing", "tRAS", 1, 10000, false, k_cycles,
     [](const dram_spec& s) -> std::uint64_t { return s.ras; },
     [](dram_spec& s, std::uint64_t v) { s.ras = static_cast<unsigned>(v); }},
    {"timing", "tWR", 1, 10000, false, k_cycles,
     [](const dram_spec& s) -> std::uint64_t { return s.wr; },
     [](dram_spec& s, std::uint64_t v) { s.wr = static_cast<unsigned>(v); }},
};

std::string path_of(const uint_rule& r) {
  return std::string(r.section) + "." + r.key;
}

std::string rejection(const std::string& key, const std::string& value, const char* accepted) {
  return key + ": " + value + " is not accepted (" + accepted + ")";
}

// Empty when v satisfies the rule's own range.
std::string check(const uint_rule& r, std::uint64_t v) {
  if (v < r.min || v > r.max || (r.power_of_two && !is_pow2(v))) {
    return rejection(path_of(r), std::to_string(v), r.accepted);
  }
  return {};
}

constexpr const char* k_mapping_accepted =
    "an array naming \"row\", \"bank\" and \"column\" once each, most significant first";

bool is_permutation(const std::array<address_field, 3>& m) {
  bool seen[3] = {false, false, false};
  for (address_field f : m) {
    auto i = static_cast<unsigned>(f);
    if (i > 2 || seen[i]) return false;
    seen[i] = true;
  }
  return true;
}

// ---------------------------------------------------------------- JSON parsing

using nlohmann::json;

// A JSON value as a message shows it: one line, at most 60 characters.
std::string shown(const json& v) {
  std::string text = v.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

class spec_parser {
 public:
  explicit spec_parser(const std::string& origin) : m_origin(origin) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw std::invalid_argument(m_origin + ": " + message);
  }

  // Rejects any key of obj not in allowed.
  void only_keys(const json& obj, const std::string& where,
                 std::initializer_list<const char*> allowed) const {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool known = false;
      for (const char* k : allowed) known = known || it.key() == k;
      if (!known) {
        std::string list;
        for (const char* k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
        fail((where.empty() ? "" : where + ".") + it.key() +
             ": unknown key (accepted here: " + list + ")");
      }
    }
  }

  const json& member(const json& obj, const std::string& where, const char* key,
                     const char* accepted) const {
    auto it = obj.find(key);
    if (it == obj.end()) {
      fail((where.empty() ? "" : where + ".") + key + ": missing (" + accepted + ")");
    }
    return *it;
  }

  const json& section(const json& top, const char* key, const char* accepted) const {
    const json& s = member(top, "", key, accepted);
    if (!s.is_object()) fail(rejection(key, shown(s), accepted));
    return s;
  }

  std::string text(const json& obj, const char* key, bool required) const {
    constexpr const char* accepted = "a non-empty string";
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(std::string(key) + ": missing (" + accepted + ")");
      return {};
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
      fail(rejection(key, shown(*it), accepted));
    }
    return it->get<std::string>();
  }

  void read_uint(const json& sec, const uint_rule& r, dram_spec& out) const {
    const json& v = member(sec, r.section, r.key, r.accepted);
    if (!v.is_number_unsigned()) fail(rejection(path_of(r), shown(v), r.accepted));
    const std::string err = check(r, v.get<std::uint64_t>());
    if (!err.empty()) fail(err);
    r.set(out, v.get<std::uint64_t>());
  }

  std::array<address_field, 3> mapping(const json& top) const {
    const json& m = member(top, "", "address_mapping", k_mapping_accepted);
    std::array<address_field, 3> out{};
    bool ok = m.is_array() && m.size() == 3;
    for (std::size_t i = 0; ok && i < 3; ++i) {
      ok = m[i].is_string() && parse(m[i].get<std::string>(), out[i]);
    }
    if (!ok || !is_permutation(out)) {
      fail(rejection("address_mapping", shown(m), k_mapping_accepted));
    }
    return out;
  }

 private:
  std::string m_origin;
};

}  // namespace

bool parse(const std::string& text, page_policy& out) {
  return parse_enum(text, out, {page_policy::OPEN, page_policy::CLOSED});
}

bool parse(const std::string& text, address_field& out) {
  return parse_enum(text, out, {address_field::ROW, address_field::BANK, address_field::COLUMN});
}

std::string dram_spec::validate() const {
  if (name.empty()) return "name: \"\" is not accepted (a non-empty string)";
  if (source.empty()) return "source: \"\" is not accepted (a non-empty string)";
  for (const uint_rule& r : k_rules) {
    std::string err = check(r, r.get(*this));
    if (!err.empty()) return err;
  }
  if (burst_length < data_rate) {
    return rejection("architecture.burst_length", std::to_string(burst_length),
                     "a power of two from 1 to 256, at least architecture.data_rate");
  }
  if (columns < burst_length) {
    return rejection("architecture.columns", std::to_string(columns),
                     "a power of two from 1 to 65536, at least architecture.burst_length");
  }
  if (!is_permutation(mapping)) {
    std::string shown_mapping;
    for (address_field f : mapping) {
      shown_mapping += (shown_mapping.empty() ? "" : ", ") + std::string(to_string(f));
    }
    return rejection("address_mapping", shown_mapping, k_mapping_accepted);
  }
  return {};
}

dram_spec parse_dram_spec(const std::string& json_text, const std::string& origin) {
  spec_parser p(origin);
  // A spec is a few levels deep; bounding the depth keeps the parser's and
  // the walk's recursion bounded on hostile input.
  constexpr std::size_t k_max_depth = 16;
  if (json_nesting_depth(json_text) > k_max_depth) {
    p.fail("nested more than " + std::to_string(k_max_depth) +
           " levels deep (a DRAM spec is an object of a few levels)");
  }
  json top;
  try {
    top = json::parse(json_text);
  } catch (const json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string what = e.what();
    const std::size_t bracket = what.find("] ");
    if (what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    p.fail("not valid JSON (" + what + ")");
  }
  if (!top.is_object()) {
    p.fail(rejection("top level", shown(top),
                     "a JSON object with name, source, architecture, address_mapping, timing"));
  }
  p.only_keys(
      top, "",
      {"name", "source", "notes", "architecture", "address_mapping", "timing", "page_policy"});

  dram_spec s;
  s.name = p.text(top, "name", true);
  s.source = p.text(top, "source", true);
  s.notes = p.text(top, "notes", false);

  const json& arch = p.section(top, "architecture",
                               "an object with data_rate, bus_width_bits, banks, rows, "
                               "columns, burst_length");
  p.only_keys(arch, "architecture",
              {"data_rate", "bus_width_bits", "banks", "rows", "columns", "burst_length"});
  const json& timing =
      p.section(top, "timing", "an object with tCK_ps, CL, CWL, tRCD, tRP, tRAS, tWR");
  p.only_keys(timing, "timing", {"tCK_ps", "CL", "CWL", "tRCD", "tRP", "tRAS", "tWR"});
  for (const uint_rule& r : k_rules) {
    p.read_uint(std::string(r.section) == "timing" ? timing : arch, r, s);
  }

  s.mapping = p.mapping(top);

  auto policy = top.find("page_policy");
  if (policy != top.end()) {
    if (!policy->is_string() || !parse(policy->get<std::string>(), s.policy)) {
      p.fail(rejection("page_policy", shown(*policy), "\"open\" or \"closed\""));
    }
  }

  const std::string err = s.validate();
  if (!err.empty()) p.fail(err);
  return s;
}

dram_spec load_dram_spec_file(const std::string& path) {
  std::string text, error;
  if (!read_regular_file(path, k_max_spec_bytes, text, error)) {
    throw std::invalid_argument(error + " (a readable JSON DRAM spec file is accepted)");
  }
  return parse_dram_spec(text, path);
}

}  // namespace pavp
