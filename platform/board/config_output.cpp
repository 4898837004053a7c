// A resolved configuration's output: each key's value, the JSON that loads
// back with --config, and the text of pavp config.
#include <fmt/format.h>

#include "platform/board/config.h"
#include "platform/board/config_detail.h"

namespace pavp {

using namespace config_detail;

std::uint64_t cpu_config::clock_period_ps() const {
  return clock_mhz == 0 ? 0 : (1000000 + clock_mhz / 2) / clock_mhz;
}

const config_entry& platform_config::entry(const std::string& key) const {
  for (const config_entry& e : entries) {
    if (e.key == key) return e;
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

}  // namespace pavp
