// Loading a configuration: the layers (schema defaults, preset, JSON file,
// --set overrides), the DRAM spec a value names, and build(): the typed
// platform_config with the checks across keys (cache geometry, address map,
// workload sizes).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "pavp/common/file_io.h"
#include "pavp/common/param_helpers.h"
#include "pavp/dram/dram_spec.h"
#include "platform/board/config.h"
#include "platform/board/config_detail.h"
#include "platform/board/embedded_files.h"

namespace pavp {

using namespace config_detail;

namespace {

bool looks_like_path(const std::string& value) {
  return value.find('/') != std::string::npos ||
         (value.size() >= 5 && value.compare(value.size() - 5, 5, ".json") == 0);
}

// A configuration or spec file: a regular file of at most 1 MB.
std::string read_text_file(const std::string& path, bool& ok, std::string& reason) {
  std::string text;
  ok = read_regular_file(path, k_max_spec_bytes, text, reason);
  return text;
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

nlohmann::json read_json_file(const std::string& path) {
  bool ok = false;
  std::string reason;
  const std::string text = read_text_file(path, ok, reason);
  if (!ok) reject("--config", path, "a readable JSON file; " + reason);
  // Every key is at most a few levels deep; the bound keeps the parse and
  // the walk (which recurse) safe on hostile input.
  constexpr std::size_t k_max_depth = 32;
  if (json_nesting_depth(text) > k_max_depth) {
    throw config_error(
        fmt::format("--config {}: nested more than {} levels deep (a configuration "
                    "is an object of sections, a few levels deep)",
                    path, k_max_depth));
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line L,
    // column C: DETAIL"; keep L, C and DETAIL.
    const std::string what = e.what();
    const std::size_t at = what.find("at line ");
    const std::size_t comma = what.find(", column ", at);
    const std::size_t colon = what.find(": ", comma);
    if (at != std::string::npos && comma != std::string::npos && colon != std::string::npos) {
      const std::string line = what.substr(at + 8, comma - at - 8);
      const std::string column = what.substr(comma + 9, colon - comma - 9);
      throw config_error(one_line(
          fmt::format("{}:{}:{}: invalid JSON ({})", path, line, column, what.substr(colon + 2))));
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

    // Geometry across keys (cache_params::check_geometry), each problem
    // blamed on the key set last: size and line are powers of two already.
    const std::string size_k = k("size"), line_k = k("line"), assoc_k = k("associativity");
    const cache_params::geometry geometry = c.check_geometry();
    if (geometry == cache_params::geometry::LINE_EXCEEDS_SIZE) {
      const std::string blame = latest({size_k.c_str(), line_k.c_str()});
      if (blame == line_k) {
        fail(line_k, fmt::format("at most {} = {}", size_k, text_of(size_k)));
      }
      fail(size_k, fmt::format("at least {} = {}", line_k, text_of(line_k)));
    }
    const std::uint64_t lines = c.lines();
    if (geometry == cache_params::geometry::WAYS_DO_NOT_DIVIDE_LINES) {
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
  w.scenario = text_of("workload.scenario");
  w.pair_loops_a1 = static_cast<std::uint32_t>(u64_of("workload.pair_loops_a1"));
  w.pair_loops_a2 = static_cast<std::uint32_t>(u64_of("workload.pair_loops_a2"));
  w.program = text_of("workload.program");
  w.args = text_of("workload.args");
  w.process_budget = static_cast<std::uint32_t>(u64_of("workload.process_budget"));
  const std::uint64_t heap_needed =
      (std::uint64_t{w.elements} + w.touch_pages) * w.elem_stride + 256;
  if (heap_needed > w.heap_size) {
    const std::string blame = latest({"workload.elements", "workload.elem_stride",
                                      "workload.touch_pages", "workload.heap_size"});
    fail(blame, fmt::format("values for which (workload.elements {} + workload.touch_pages {}) x "
                            "workload.elem_stride {} + 256 = {} bytes fit workload.heap_size {}",
                            w.elements, w.touch_pages, w.elem_stride, heap_needed, w.heap_size));
  }

  try {
    cfg.kernel.placement = placement_spec::parse(text_of("kernel.placement"));
  } catch (const std::invalid_argument&) {
    reject("kernel.placement", text_of("kernel.placement"),
           "linear, or random:N with N a 64-bit decimal or 0x-hex number",
           at("kernel.placement").origin);
  }

  if (!parse_preempt_every(text_of("kernel.preempt_every"), cfg.kernel.preempt_every)) {
    reject("kernel.preempt_every", text_of("kernel.preempt_every"), preempt_every_accepted(),
           at("kernel.preempt_every").origin);
  }

  const auto& schema = config_schema();
  for (std::size_t i = 0; i < schema.size(); ++i) {
    cfg.entries.push_back({schema[i].key, m_slots[i].value, m_slots[i].origin});
  }
  return cfg;
}

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
