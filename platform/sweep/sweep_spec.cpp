#include "platform/sweep/sweep_spec.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>

#include <toml++/toml.h>

#include "platform/board/config.h"
#include "platform/study/fixes.h"

namespace pavp {

namespace {

constexpr const char* k_top_keys =
    "preset, fixes, scenario, schedules, placements, explore, preempt_every, set, vary";
constexpr const char* k_vary_keys = "key, values, range";
constexpr std::size_t k_max_points = 1000000;

// "FILE:LINE: message" for a node of the spec.
[[noreturn]] void fail(const sweep_spec& spec, const toml::node* at, const std::string& message) {
  if (at != nullptr && at->source().begin.line > 0) {
    throw sweep_error(fmt::format("{}:{}: {}", spec.path, at->source().begin.line, message));
  }
  throw sweep_error(fmt::format("{}: {}", spec.path, message));
}

const char* type_name(const toml::node& n) {
  if (n.is_string()) return "a string";
  if (n.is_integer()) return "an integer";
  if (n.is_floating_point()) return "a number with a fraction";
  if (n.is_boolean()) return "a boolean";
  if (n.is_array()) return "an array";
  if (n.is_table()) return "a table";
  return "a date or time";
}

std::string need_string(const sweep_spec& spec, const toml::node& n, const std::string& key) {
  if (!n.is_string())
    fail(spec, &n, fmt::format("{}: {} is not accepted (a string)", key, type_name(n)));
  return n.as_string()->get();
}

unsigned need_count(const sweep_spec& spec, const toml::node& n, const std::string& key,
                    std::int64_t max) {
  if (!n.is_integer() || n.as_integer()->get() < 0 || n.as_integer()->get() > max) {
    fail(spec, &n,
         fmt::format("{}: {} is not accepted (an integer from 0 to {})", key,
                     n.is_integer() ? std::to_string(n.as_integer()->get()) : type_name(n), max));
  }
  return static_cast<unsigned>(n.as_integer()->get());
}

// A value of a varied key as --set text.
std::string value_text(const sweep_spec& spec, const toml::node& n, const std::string& key) {
  if (n.is_string()) return n.as_string()->get();
  if (n.is_integer()) return std::to_string(n.as_integer()->get());
  if (n.is_boolean()) return n.as_boolean()->get() ? "true" : "false";
  if (n.is_floating_point()) return fmt::format("{}", n.as_floating_point()->get());
  fail(
      spec, &n,
      fmt::format("{}: {} is not accepted as a value (a string, an integer, a number or a boolean)",
                  key, type_name(n)));
}

std::int64_t range_field(const sweep_spec& spec, const toml::table& range, const char* field,
                         const std::string& key) {
  const toml::node* n = range.get(field);
  if (n == nullptr || !n->is_integer()) {
    fail(spec, n != nullptr ? n : &range,
         fmt::format("{}: range.{} must be an integer (range = {{ from = A, to = B, step = N }} "
                     "or {{ from = A, to = B, factor = N }})",
                     key, field));
  }
  return n->as_integer()->get();
}

std::vector<std::string> range_values(const sweep_spec& spec, const toml::table& range,
                                      const std::string& key) {
  for (auto&& [k, v] : range) {
    const std::string name(k.str());
    if (name != "from" && name != "to" && name != "step" && name != "factor") {
      fail(spec, &v,
           fmt::format("{}: range.{} is not a range key (accepted: from, to, step, factor)", key,
                       name));
    }
  }
  const std::int64_t from = range_field(spec, range, "from", key);
  const std::int64_t to = range_field(spec, range, "to", key);
  const bool has_step = range.contains("step");
  const bool has_factor = range.contains("factor");
  if (has_step && has_factor) {
    fail(spec, &range, fmt::format("{}: a range has a step or a factor, not both", key));
  }
  std::vector<std::string> out;
  if (has_factor) {
    const std::int64_t factor = range_field(spec, range, "factor", key);
    if (factor < 2 || from < 1) {
      fail(spec, &range,
           fmt::format("{}: range with factor {} from {} is not accepted (factor >= 2, from >= 1)",
                       key, factor, from));
    }
    for (std::int64_t v = from; v <= to; v *= factor) {
      out.push_back(std::to_string(v));
      if (v > std::numeric_limits<std::int64_t>::max() / factor) break;
    }
  } else {
    const std::int64_t step = has_step ? range_field(spec, range, "step", key) : 1;
    if (step < 1)
      fail(spec, &range, fmt::format("{}: range step {} is not accepted (>= 1)", key, step));
    for (std::int64_t v = from; v <= to; v += step) {
      out.push_back(std::to_string(v));
      if (out.size() > k_max_points) break;
    }
  }
  if (out.empty()) {
    fail(spec, &range,
         fmt::format("{}: the range from {} to {} is empty (from must not be above to)", key, from,
                     to));
  }
  return out;
}

void read_vary(sweep_spec& spec, const toml::node& node) {
  const toml::array* blocks = node.as_array();
  if (blocks == nullptr) {
    fail(
        spec, &node,
        "vary: " + std::string(type_name(node)) +
            " is not accepted (an array of tables: [[vary]] key = \"dcache.size\" values = [...])");
  }
  std::set<std::string> seen;
  for (const toml::node& b : *blocks) {
    const toml::table* t = b.as_table();
    if (t == nullptr) fail(spec, &b, "vary: each entry is a table with key and values or range");
    for (auto&& [k, v] : *t) {
      const std::string name(k.str());
      if (name != "key" && name != "values" && name != "range") {
        fail(spec, &v,
             fmt::format("vary: '{}' is not a key of a [[vary]] table (accepted: {})", name,
                         k_vary_keys));
      }
    }
    const toml::node* key_node = t->get("key");
    if (key_node == nullptr) fail(spec, t, "vary: a [[vary]] table needs key = \"config.key\"");
    sweep_param p;
    p.key = need_string(spec, *key_node, "vary.key");
    if (!seen.insert(p.key).second) {
      fail(spec, key_node, fmt::format("vary: {} is varied twice", p.key));
    }
    const toml::node* values = t->get("values");
    const toml::node* range = t->get("range");
    if ((values == nullptr) == (range == nullptr)) {
      fail(spec, t, fmt::format("{}: give values = [...] or range = {{...}}, one of them", p.key));
    }
    if (values != nullptr) {
      const toml::array* list = values->as_array();
      if (list == nullptr) {
        fail(spec, values,
             fmt::format("{}: values: {} is not accepted (an array)", p.key, type_name(*values)));
      }
      if (list->empty()) fail(spec, values, fmt::format("{}: values is empty", p.key));
      for (const toml::node& v : *list) p.values.push_back(value_text(spec, v, p.key));
    } else {
      const toml::table* r = range->as_table();
      if (r == nullptr) {
        fail(
            spec, range,
            fmt::format("{}: range: {} is not accepted (a table: {{ from = A, to = B, step = N }})",
                        p.key, type_name(*range)));
      }
      p.values = range_values(spec, *r, p.key);
    }
    // Each value against the schema, alone on the base preset.
    for (std::size_t i = 0; i < p.values.size(); ++i) {
      try {
        config_builder builder(spec.preset);
        builder.set(p.key, p.values[i], "sweep");
      } catch (const config_error& e) {
        fail(spec, values != nullptr ? values->as_array()->get(i) : range, e.what());
      }
    }
    spec.params.push_back(std::move(p));
  }
  if (spec.params.empty()) fail(spec, &node, "vary: no parameter to vary");
}

}  // namespace

sweep_spec read_sweep_spec(const std::string& path) {
  sweep_spec spec;
  spec.path = path;
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto line = e.source().begin.line;
    if (line == 0) {
      throw sweep_error(fmt::format("{}: cannot read it ({})", path, std::string(e.description())));
    }
    throw sweep_error(
        fmt::format("{}:{}: {} (the spec is TOML)", path, line, std::string(e.description())));
  }
  for (auto&& [k, v] : doc) {
    const std::string name(k.str());
    if (std::string(", ").append(k_top_keys).append(", ").find(", " + name + ",") ==
        std::string::npos) {
      fail(spec, &v, fmt::format("'{}' is not a sweep key (accepted: {})", name, k_top_keys));
    }
  }
  if (const toml::node* n = doc.get("preset")) {
    spec.preset = need_string(spec, *n, "preset");
    try {
      config_builder b(spec.preset);
    } catch (const config_error& e) {
      fail(spec, n, e.what());
    }
  }
  if (const toml::node* n = doc.get("fixes")) {
    const toml::array* list = n->as_array();
    if (list == nullptr || list->empty()) {
      fail(spec, n, "fixes: a non-empty array of fix ids is accepted (or leave it out: every fix)");
    }
    for (const toml::node& f : *list) {
      const std::string id = need_string(spec, f, "fixes");
      try {
        find_fix(id);
      } catch (const std::exception& e) {
        fail(spec, &f, e.what());
      }
      spec.fixes.push_back(id);
    }
  }
  if (const toml::node* n = doc.get("scenario")) spec.scenario = need_string(spec, *n, "scenario");
  if (const toml::node* n = doc.get("schedules"))
    spec.schedules = need_count(spec, *n, "schedules", 100000);
  if (const toml::node* n = doc.get("placements")) {
    spec.placements = need_count(spec, *n, "placements", 10000);
  }
  if (const toml::node* n = doc.get("explore")) spec.explore = need_count(spec, *n, "explore", 8);
  if (const toml::node* n = doc.get("preempt_every")) {
    spec.preempt_every = n->is_integer() ? std::to_string(n->as_integer()->get())
                                         : need_string(spec, *n, "preempt_every");
    std::uint32_t every = 0;
    if (!parse_preempt_every(spec.preempt_every, every)) {
      fail(spec, n,
           fmt::format("preempt_every: {} is not accepted ({})", spec.preempt_every,
                       preempt_every_accepted()));
    }
  }
  if (const toml::node* n = doc.get("set")) {
    const toml::array* list = n->as_array();
    if (list == nullptr) fail(spec, n, "set: an array of \"key=value\" strings is accepted");
    for (const toml::node& a : *list) {
      const std::string text = need_string(spec, a, "set");
      try {
        config_builder b(spec.preset);
        b.set_assignment(text, "sweep");
      } catch (const config_error& e) {
        fail(spec, &a, e.what());
      }
      spec.overrides.push_back(text);
    }
  }
  if (!spec.scenario.empty()) {
    try {
      config_builder b(spec.preset);
      b.set("workload.scenario", spec.scenario, "sweep");
    } catch (const config_error& e) {
      fail(spec, doc.get("scenario"), e.what());
    }
  }
  const toml::node* vary = doc.get("vary");
  if (vary == nullptr) fail(spec, nullptr, "no [[vary]] table: a sweep varies at least one key");
  read_vary(spec, *vary);

  std::size_t count = 1;
  for (const sweep_param& p : spec.params) {
    if (count > k_max_points / p.values.size()) {
      fail(spec, vary, fmt::format("more than {} points: vary fewer values", k_max_points));
    }
    count *= p.values.size();
  }
  // Every point's whole configuration, so that a combination the cross
  // checks refuse (a cache geometry, say) is reported before anything runs.
  for (std::size_t i = 0; i < count; ++i) {
    const sweep_point point = sweep_point_at(spec, i);
    try {
      config_sources src;
      src.preset = spec.preset;
      src.overrides = point_overrides(spec, point);
      load_config(src);
    } catch (const config_error& e) {
      std::string where;
      for (std::size_t k = 0; k < spec.params.size(); ++k) {
        where += fmt::format("{}{}={}", k ? " " : "", spec.params[k].key, point.values[k]);
      }
      fail(spec, vary, fmt::format("point {} ({}): {}", i, where, e.what()));
    }
  }
  return spec;
}

std::size_t sweep_point_count(const sweep_spec& spec) {
  std::size_t count = 1;
  for (const sweep_param& p : spec.params) count *= p.values.size();
  return count;
}

sweep_point sweep_point_at(const sweep_spec& spec, std::size_t index) {
  sweep_point point;
  point.index = index;
  point.values.resize(spec.params.size());
  std::size_t rest = index;
  for (std::size_t k = spec.params.size(); k-- > 0;) {
    const std::size_t n = spec.params[k].values.size();
    point.values[k] = spec.params[k].values[rest % n];
    rest /= n;
  }
  return point;
}

std::vector<sweep_point> expand_sweep(const sweep_spec& spec) {
  std::vector<sweep_point> points;
  const std::size_t count = sweep_point_count(spec);
  points.reserve(count);
  for (std::size_t i = 0; i < count; ++i) points.push_back(sweep_point_at(spec, i));
  return points;
}

std::vector<std::string> point_overrides(const sweep_spec& spec, const sweep_point& point) {
  std::vector<std::string> out = spec.overrides;
  if (!spec.scenario.empty()) out.push_back("workload.scenario=" + spec.scenario);
  for (std::size_t k = 0; k < spec.params.size(); ++k) {
    out.push_back(spec.params[k].key + "=" + point.values[k]);
  }
  return out;
}

sweep_shard parse_sweep_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  auto number = [&](const std::string& s, std::size_t& out) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    out = std::stoul(s);
    return true;
  };
  sweep_shard shard;
  if (slash == std::string::npos || !number(text.substr(0, slash), shard.index) ||
      !number(text.substr(slash + 1), shard.count) || shard.count == 0 ||
      shard.index >= shard.count) {
    throw sweep_error(fmt::format(
        "--shard {}: accepted: I/N with 0 <= I < N, e.g. 0/4 (the first of four shards)", text));
  }
  return shard;
}

}  // namespace pavp
