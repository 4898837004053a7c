#include "platform/study/explore.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "pavp/common/file_io.h"
#include "pavp/devices/schedule.h"

namespace pavp {

namespace {

std::string context_of(const explore_summary& s) {
  return fmt::format("{}, {}, placement {}", s.preset, s.scenario, s.placement);
}

}  // namespace

explore_summary summarise_exploration(const explore_result& result, const run_spec& spec,
                                      unsigned bound) {
  explore_summary s;
  s.fix = spec.fix.id;
  s.preset = spec.config.preset;
  s.scenario = spec.config.workload.scenario;
  s.placement = spec.config.kernel.placement.text;
  s.bound = bound;
  s.schedules = result.leaves.size();
  s.exhausted = result.exhausted;
  for (const nlohmann::ordered_json& leaf : result.leaves) {
    const std::string outcome = leaf.value("outcome", "");
    if (outcome == "error") {
      if (s.error++ == 0) {
        s.first_error = leaf.contains("error") && leaf["error"].is_string()
                            ? leaf["error"].get<std::string>()
                            : leaf.value("end", "");
      }
      continue;
    }
    s.ok += outcome == "ok";
    s.corrupted += outcome == "corrupted";
    s.hang += outcome == "hang";
    s.crash += outcome == "crash";
    const std::uint64_t stale = leaf.value("stale_reads", std::uint64_t{0});
    s.stale_schedules += stale > 0;
    s.stale_loads += stale;
    if (outcome == "ok") continue;
    ++s.failing;  // every leaf is a distinct choice sequence
    auto key = [](const nlohmann::ordered_json& l) {
      return std::make_pair(l.value("preemptions", 0u), l["decisions"].size());
    };
    if (!s.minimal || key(leaf) < key(*s.minimal)) s.minimal = leaf;
  }
  const std::string space =
      fmt::format("{} schedules with <= {} preemptions ({})", s.schedules, bound, context_of(s));
  // The study's words: fails, stale data, clean; "for all" only when the
  // space was exhausted.
  const std::string cut = s.exhausted ? "" : " (not every schedule run: --max-schedules)";
  if (s.failing > 0) {
    s.verdict = fmt::format("fails: {} of {}{}", s.failing, space, cut);
  } else if (s.stale_schedules > 0) {
    s.verdict = fmt::format("stale data: no failure in {}{}, but {} of them read stale data", space,
                            cut, s.stale_schedules);
  } else if (s.exhausted) {
    s.verdict = fmt::format("clean for all {}", space);
  } else {
    s.verdict = fmt::format("clean in {}{}", space, cut);
  }
  return s;
}

std::string explore_text(const explore_summary& s) {
  std::string out = fmt::format(
      "pavp explore: fix {}, preset {}, scenario {}, placement {}, bound {} preemptions\n", s.fix,
      s.preset, s.scenario, s.placement, s.bound);
  out += fmt::format("  schedules           {} ({})\n", s.schedules,
                     s.exhausted ? "every schedule within the bound" : "cut by --max-schedules");
  out += fmt::format(
      "  outcomes            ok {}, corrupted {}, hang {}{}{}\n", s.ok, s.corrupted, s.hang,
      s.crash ? fmt::format(", crash {}", s.crash) : "",
      s.error ? fmt::format(", error {} (not counted: {})", s.error, s.first_error) : "");
  out += fmt::format("  stale reads         in {} schedules, {} loads in all\n", s.stale_schedules,
                     s.stale_loads);
  out += fmt::format("  failing schedules   {}\n", s.failing);
  if (s.minimal) {
    const nlohmann::ordered_json& m = *s.minimal;
    out += fmt::format(
        "  minimal failing     {} preemptions, {} decisions (point/choices:choice) {}; outcome "
        "{}, {} stale reads\n",
        m.value("preemptions", 0u), m["decisions"].size(), decisions_text(m),
        m.value("outcome", ""), m.value("stale_reads", std::uint64_t{0}));
  }
  out += "verdict: " + s.verdict + "\n";
  return out;
}

nlohmann::ordered_json explore_json(const explore_summary& s) {
  nlohmann::ordered_json j;
  j["fix"] = s.fix;
  j["preset"] = s.preset;
  j["scenario"] = s.scenario;
  j["placement"] = s.placement;
  j["bound"] = s.bound;
  j["schedules"] = s.schedules;
  j["exhausted"] = s.exhausted;
  j["ok"] = s.ok;
  j["corrupted"] = s.corrupted;
  j["hang"] = s.hang;
  j["crash"] = s.crash;
  j["error"] = s.error;
  j["stale_schedules"] = s.stale_schedules;
  j["stale_loads"] = s.stale_loads;
  j["failing"] = s.failing;
  j["verdict"] = s.verdict;
  j["minimal"] = s.minimal ? *s.minimal : nlohmann::ordered_json();
  return j;
}

void write_counterexample(const explore_summary& s, const std::string& path) {
  if (!s.minimal) throw std::runtime_error("no failing schedule to write");
  write_decisions(
      *s.minimal,
      fmt::format("pavp explore --fix {} --preset {} --bound {}: minimal counterexample", s.fix,
                  s.preset, s.bound),
      path);
}

std::string decisions_text(const nlohmann::ordered_json& run) {
  std::string text;
  for (const auto& d : run["decisions"]) {
    text += fmt::format("{}{}/{}:{}", text.empty() ? "" : " ", d[0].get<unsigned>(),
                        d[1].get<unsigned>(), d[2].get<unsigned>());
  }
  return text;
}

void write_decisions(const nlohmann::ordered_json& run, const std::string& origin,
                     const std::string& path) {
  std::vector<schedule_step> steps;
  for (const auto& d : run["decisions"]) {
    steps.push_back(
        {d[0].get<std::uint32_t>(), d[1].get<std::uint32_t>(), d[2].get<std::uint32_t>()});
  }
  std::ostringstream out;
  write_replay(out, origin, steps,
               {{"placement", run.value("placement", "linear"), ""},
                {"preempt_every", run.value("preempt_every", "off"), ""}});
  write_text_file(path, out.str());
}

}  // namespace pavp
