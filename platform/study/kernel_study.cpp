#include "platform/study/kernel_study.h"

#include <fmt/format.h>

#include <functional>
#include <stdexcept>

#include "platform/study/firmware_run.h"
#include "platform/study/fixes.h"
#include "platform/study/run_pool.h"
#include "platform/study/study_report.h"

namespace pavp {

namespace {

// The measurements a summary averages.
const char* const k_measured[] = {
    "stale_reads",  "fork_cycles",    "cow_faults",      "cow_fault_cycles",   "flush_ops",
    "flush_cycles", "writebacks",     "dram_bytes_read", "dram_bytes_written", "total_cycles",
    "instructions", "fork_flush_ops", "cow_flush_ops",
};

nlohmann::ordered_json summarise(const nlohmann::ordered_json& runs, std::size_t first,
                                 std::size_t count) {
  const nlohmann::ordered_json& r0 = runs[first];
  nlohmann::ordered_json s;
  s["fix"] = r0["fix"];
  s["preset"] = r0["preset"];
  s["runs"] = count;
  unsigned ok = 0, corrupted = 0, hang = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    const std::string outcome = runs[i]["outcome"].get<std::string>();
    ok += outcome == "ok";
    corrupted += outcome == "corrupted";
    hang += outcome == "hang";
  }
  s["ok"] = ok;
  s["corrupted"] = corrupted;
  s["hang"] = hang;
  for (const char* key : k_measured) {
    double sum = 0;
    for (std::size_t i = first; i < first + count; ++i) {
      sum += runs[i][key].is_number() ? runs[i][key].get<double>() : 0.0;
    }
    // Means to a tenth, so the JSON does not carry host rounding noise.
    s[key] =
        static_cast<double>(static_cast<long long>(sum / static_cast<double>(count) * 10.0 + 0.5)) /
        10.0;
  }
  return s;
}

}  // namespace

std::string kernel_study_text(const kernel_study_result& r) {
  const std::vector<std::string>& s = r.schedules;
  const std::string per_fix =
      s.size() == 1 ? s.front() : s.front() + ", " + s[1] + (s.size() > 2 ? ".." + s.back() : "");
  return fmt::format("pavp study: {} runs ({} per fix)\n\n", r.runs.size(), per_fix) +
         study_table(r.summary, summary_columns(), false) +
         "\nmeans per run; outcome counts over the schedules\n";
}

kernel_study_result run_kernel_study(const kernel_study_options& options) {
  // Runs of one fix that share a schedule kind boot alike: each such group
  // boots once and branches at its first schedule decision
  // (run_firmware_branches). Groups run in parallel, each in a process.
  const std::vector<std::string> fixes = options.fixes.empty() ? fix_ids() : options.fixes;
  if (options.presets.empty() || fixes.empty()) throw config_error("pavp study: nothing to run");
  config_sources probe;
  probe.preset = options.presets.front();
  probe.overrides = options.overrides;
  const bool with_seed = seed_schedule_fits(firmware_config(probe, fixes.front()));
  std::vector<std::vector<schedule_spec>> groups;
  if (with_seed) groups.push_back({parse_schedule("seed")});
  groups.emplace_back();
  for (unsigned n = 1; n <= options.random_schedules; ++n) {
    groups.back().push_back(parse_schedule("random:" + std::to_string(n)));
  }
  if (groups.back().empty()) groups.pop_back();
  if (groups.empty()) {
    throw config_error(
        "--schedules 0 with workload.extra_threads > 0 leaves no schedule to run (accepted: "
        "--schedules 1 or more)");
  }
  kernel_study_result result;
  for (const auto& g : groups) {
    for (const schedule_spec& s : g) result.schedules.push_back(s.text);
  }
  const std::size_t per_fix = result.schedules.size();

  // Every configuration is built (and so checked) before the first run.
  std::vector<std::function<std::string()>> jobs;
  std::vector<std::string> names;
  for (const std::string& preset : options.presets) {
    for (const std::string& fix : fixes) {
      config_sources sources;
      sources.preset = preset;
      sources.overrides = options.overrides;
      const run_spec spec = make_run_spec(sources, fix, groups.front().front().text);
      for (const std::vector<schedule_spec>& group : groups) {
        jobs.push_back([spec, group] {
          nlohmann::ordered_json runs = nlohmann::ordered_json::array();
          for (nlohmann::ordered_json& r : run_firmware_branches(spec, {}, group, 1)) {
            r.erase("console");
            runs.push_back(std::move(r));
          }
          return runs.dump();
        });
        names.push_back(preset + " " + fix + " " + group.front().text +
                        (group.size() > 1 ? ".." + group.back().text : ""));
      }
    }
  }
  const std::vector<run_outcome> outcomes = run_isolated(jobs, options.jobs);

  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok) throw std::runtime_error(names[i] + ": " + outcomes[i].output);
    for (auto& r : nlohmann::ordered_json::parse(outcomes[i].output)) {
      result.runs.push_back(std::move(r));
    }
  }
  for (std::size_t first = 0; first < result.runs.size(); first += per_fix) {
    result.summary.push_back(summarise(result.runs, first, per_fix));
  }
  return result;
}

}  // namespace pavp
