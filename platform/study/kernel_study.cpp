#include "platform/study/kernel_study.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "platform/study/explore.h"
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
                                 std::size_t count, std::optional<unsigned> explore_bound) {
  const nlohmann::ordered_json& r0 = runs[first];
  nlohmann::ordered_json s;
  s["preset"] = r0["preset"];
  s["fix"] = r0["fix"];
  unsigned ok = 0, corrupted = 0, hang = 0, crash = 0, error = 0, stale_runs = 0;
  std::vector<std::string> placements, failing;  // in order of first appearance
  auto note = [](std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (std::size_t i = first; i < first + count; ++i) {
    const std::string outcome = runs[i]["outcome"].get<std::string>();
    // A run the tool or its input ended says nothing about the fix: counted
    // on its own, out of the verdict and the means.
    if (outcome == "error") {
      ++error;
      continue;
    }
    ok += outcome == "ok";
    corrupted += outcome == "corrupted";
    hang += outcome == "hang";
    crash += outcome == "crash";  // the nptl scenario's: a fault signal
    stale_runs += runs[i]["stale_reads"].get<std::uint64_t>() > 0;
    const std::string placement = runs[i].value("placement", "linear");
    note(placements, placement);
    if (outcome != "ok") note(failing, placement);
  }
  const unsigned failed = corrupted + hang + crash;
  const std::size_t measured = count - error;
  // fails: a run hung, crashed or was corrupted; stale data: none did, but some run
  // loaded a stale value (the checker saw it); clean: no stale load at all.
  // Explored: clean means every schedule within the bound was run clean.
  const std::string clean =
      explore_bound ? fmt::format("proven at bound {}", *explore_bound) : "clean";
  s["verdict"] = measured == 0    ? "error"
                 : failed > 0     ? "fails"
                 : stale_runs > 0 ? "stale data"
                                  : clean;
  s["runs"] = count;
  s["failed"] = failed;
  s["failed_fraction"] =
      measured == 0 ? 0.0 : static_cast<double>(failed) / static_cast<double>(measured);
  s["failed_of_runs"] = fmt::format("{}/{}", failed, measured);
  s["stale_runs"] = stale_runs;
  // Placements under which some run failed: whether the failure follows the
  // frames the allocator handed out or the schedule.
  s["placements"] = placements.size();
  s["failing_placements"] = failing.size();
  s["failing_placements_of"] = fmt::format("{}/{}", failing.size(), placements.size());
  s["ok"] = ok;
  s["corrupted"] = corrupted;
  s["hang"] = hang;
  s["crash"] = crash;
  s["error"] = error;
  for (const char* key : k_measured) {
    std::uint64_t sum = 0;
    for (std::size_t i = first; i < first + count; ++i) {
      if (runs[i]["outcome"] != "error") sum += runs[i][key].get<std::uint64_t>();
    }
    // The exact mean: a sum of integers over a count, the same on every host.
    s[key] = measured == 0 ? 0.0 : static_cast<double>(sum) / static_cast<double>(measured);
  }
  return s;
}

// One line per preset: which fixes are clean there, and what the cheapest
// clean kernel fix (by fork plus flush cycles over none) costs over none.
std::string preset_lines(const nlohmann::ordered_json& summary) {
  std::string out;
  std::vector<std::string> presets;
  for (const auto& row : summary) {
    const std::string p = row["preset"].get<std::string>();
    if (std::find(presets.begin(), presets.end(), p) == presets.end()) presets.push_back(p);
  }
  // "proven at bound K" is an explored study's clean.
  auto is_clean = [](const nlohmann::ordered_json& row) {
    const std::string v = row["verdict"].get<std::string>();
    return v == "clean" || v.compare(0, 16, "proven at bound ") == 0;
  };
  for (const std::string& p : presets) {
    const nlohmann::ordered_json* none = nullptr;
    std::vector<const nlohmann::ordered_json*> clean;
    for (const auto& row : summary) {
      if (row["preset"] != p) continue;
      if (row["fix"] == "none") none = &row;
      if (is_clean(row)) clean.push_back(&row);
    }
    std::string line = p + ":";
    if (none) {
      line +=
          fmt::format(" none {} ({} of {} runs failed);", none->at("verdict").get<std::string>(),
                      none->at("failed").get<unsigned>(), none->at("runs").get<unsigned>());
    }
    if (clean.empty()) {
      out += line + " no fix is clean\n";
      continue;
    }
    std::string ids;
    for (const auto* row : clean)
      ids += (ids.empty() ? "" : ", ") + row->at("fix").get<std::string>();
    line += " clean: " + ids;
    const nlohmann::ordered_json* cheapest = nullptr;
    auto cost = [](const nlohmann::ordered_json& r) {
      return r["fork_cycles"].get<double>() + r["flush_cycles"].get<double>();
    };
    for (const auto* row : clean) {
      if (row == none) continue;
      if (find_fix(row->at("fix").get<std::string>()).physical_caches) continue;  // hardware
      if (!cheapest || cost(*row) < cost(*cheapest)) cheapest = row;
    }
    if (none && is_clean(*none)) {
      line += "; the bug does not show here";
    } else if (cheapest && none) {
      line += fmt::format(
          "; cheapest kernel fix {}: {:+.0f} fork cycles, {:+.0f} flush cycles over none",
          cheapest->at("fix").get<std::string>(),
          cheapest->at("fork_cycles").get<double>() - none->at("fork_cycles").get<double>(),
          cheapest->at("flush_cycles").get<double>() - none->at("flush_cycles").get<double>());
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string kernel_study_text(const kernel_study_result& r) {
  const std::string per =
      r.plan.empty() ? "" : fmt::format(", {} per preset and fix", r.plan.size());
  return fmt::format("pavp study: {} runs{}: {}\n\n", r.runs.size(), per, r.plan_text) +
         study_table(r.summary, summary_columns(), false) +
         "\nverdict: fails = some run hung or was corrupted; stale data = none failed, but a load "
         "returned stale data; clean = no stale load (proven at bound K: in every schedule with "
         "at most K preemptions).\nerrors: runs the tool or its input ended (a limit, a kernel "
         "panic, a replay that ran out), out of the verdict and the means; error = every run "
         "did.\nplacements failing: placements (frame "
         "orders) under which some run failed. Means per run (stale reads: loads the coherence "
         "checker found stale)\n\n" +
         preset_lines(r.summary);
}

namespace {

std::string numbered(const std::string& kind, unsigned n) {
  return n == 0 ? "" : n == 1 ? kind + ":1" : kind + ":1.." + std::to_string(n);
}

std::string with_linear(unsigned random_placements) {
  return random_placements == 0 ? "linear" : "linear and " + numbered("random", random_placements);
}

// Placement p of a study: 0 is linear, p > 0 is random:p.
std::string placement_name(unsigned p) {
  return p == 0 ? "linear" : "random:" + std::to_string(p);
}

// The sources of one run of the study: the preset, the user's overrides and
// the placement the study chose.
config_sources study_sources(const kernel_study_options& options, const std::string& preset,
                             const std::string& placement) {
  config_sources sources;
  sources.preset = preset;
  sources.overrides = options.overrides;
  sources.overrides.push_back("kernel.placement=" + placement);
  sources.overrides.push_back("kernel.preempt_every=" + options.preempt_every);
  return sources;
}

// The rows of each preset and fix (consecutive runs), and the first failing
// run of each preset and fix that fails, run again and told as the race.
void summarise_and_explain(const kernel_study_options& options, kernel_study_result& result) {
  std::vector<std::pair<std::size_t, std::size_t>> rows;  // first run, count
  for (std::size_t i = 0; i < result.runs.size(); ++i) {
    const auto& r = result.runs[i];
    if (!rows.empty()) {
      const auto& first = result.runs[rows.back().first];
      if (first["preset"] == r["preset"] && first["fix"] == r["fix"]) {
        ++rows.back().second;
        continue;
      }
    }
    rows.push_back({i, 1});
  }
  for (const auto& [first, count] : rows) {
    result.summary.push_back(summarise(result.runs, first, count, options.explore_bound));
  }

  std::vector<std::function<std::string()>> explain_jobs;
  std::vector<std::string> replays;  // explored schedules, written as replay files
  for (const auto& [first, count] : rows) {
    for (std::size_t i = first; i < first + count; ++i) {
      const nlohmann::ordered_json& r = result.runs[i];
      if (r["outcome"] == "ok" || r["outcome"] == "error") continue;
      kernel_study_result::explained_run e;
      e.preset = r["preset"].get<std::string>();
      e.fix = r["fix"].get<std::string>();
      e.schedule = r["schedule"].get<std::string>();
      e.placement = r["placement"].get<std::string>();
      std::string schedule = e.schedule;
      if (e.schedule == "explore") {  // its decisions, as a replay file
        e.schedule = "explored (point/choices:choice) " + decisions_text(r);
        e.command = fmt::format("pavp explore --preset {} --fix {} --placement {} --bound {}",
                                e.preset, e.fix, e.placement, *options.explore_bound);
        const std::string path = (std::filesystem::temp_directory_path() /
                                  fmt::format("pavp-study-{}-{}.sched", ::getpid(), replays.size()))
                                     .string();
        write_decisions(r, "pavp study --explore", path);
        replays.push_back(path);
        schedule = "replay:" + path;
      }
      if (e.command.empty()) {
        e.command =
            fmt::format("pavp run --preset {} --fix {} --schedule {} --placement {} --explain",
                        e.preset, e.fix, e.schedule, e.placement);
      }
      const run_spec spec =
          make_run_spec(study_sources(options, e.preset, e.placement), e.fix, schedule);
      const std::string perfetto = explain_jobs.empty() ? options.perfetto_file : "";
      explain_jobs.push_back([spec, perfetto] { return explain_firmware(spec, perfetto); });
      result.explained.push_back(std::move(e));
      break;
    }
  }
  const std::vector<run_outcome> told = run_isolated(explain_jobs, options.jobs);
  for (const std::string& path : replays) std::filesystem::remove(path);
  for (std::size_t i = 0; i < told.size(); ++i) {
    const auto& e = result.explained[i];
    if (!told[i].ok) {
      throw std::runtime_error(fmt::format("{} {} {} placement {} (--explain): {}", e.preset, e.fix,
                                           e.schedule, e.placement, told[i].output));
    }
    result.explained[i].text = told[i].output;
  }
}

// Runs the study's jobs (each a JSON array of runs), a few processes at a
// time, and appends their runs in job order (the caller then makes the rows
// and tells the races: summarise_and_explain).
void run_study_jobs(const kernel_study_options& options,
                    const std::vector<std::function<std::string()>>& jobs,
                    const std::vector<std::string>& names, kernel_study_result& result) {
  const std::vector<run_outcome> outcomes = run_isolated(jobs, options.jobs, options.progress);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok) throw std::runtime_error(names[i] + ": " + outcomes[i].output);
    for (auto& r : nlohmann::ordered_json::parse(outcomes[i].output)) {
      result.runs.push_back(std::move(r));
    }
  }
}

// --explore K: every schedule with at most K preemptions, for each preset,
// fix and placement, each exploration in a process of its own.
kernel_study_result run_explored_study(const kernel_study_options& options,
                                       const std::vector<std::string>& presets,
                                       const std::vector<std::string>& fixes) {
  kernel_study_result result;
  const unsigned bound = *options.explore_bound;
  result.plan_text = fmt::format("every schedule with <= {} preemptions under each placement {}",
                                 bound, with_linear(options.random_placements));
  std::vector<std::function<std::string()>> jobs;
  std::vector<std::string> names;
  for (const std::string& preset : presets) {
    for (const std::string& fix : fixes) {
      for (unsigned p = 0; p <= options.random_placements; ++p) {
        const std::string placement = placement_name(p);
        const run_spec spec =
            make_run_spec(study_sources(options, preset, placement), fix, "random:0");
        jobs.push_back([spec, bound] {
          explore_options limits;
          limits.bound = bound;
          limits.jobs = 1;
          nlohmann::ordered_json runs = nlohmann::ordered_json::array();
          for (nlohmann::ordered_json& r : explore_firmware(spec, {}, limits).leaves) {
            runs.push_back(std::move(r));
          }
          return runs.dump();
        });
        names.push_back(preset + " " + fix + " placement " + placement + " explore");
      }
    }
  }
  run_study_jobs(options, jobs, names, result);
  summarise_and_explain(options, result);
  return result;
}

}  // namespace

kernel_study_result run_kernel_study(const kernel_study_options& options) {
  // The runs of one preset, fix and placement boot alike: each such group
  // boots once and branches at its first schedule decision
  // (run_firmware_branches). Groups run in parallel, each in a process.
  const std::vector<std::string> fixes = options.fixes.empty() ? fix_ids() : options.fixes;
  const std::vector<std::string> presets =
      options.presets.empty() ? cpu_preset_names() : options.presets;
  if (presets.empty() || fixes.empty()) throw config_error("pavp study: nothing to run");
  const std::string placement_key = "kernel.placement=";
  const std::string preempt_key = "kernel.preempt_every=";
  for (const std::string& o : options.overrides) {
    if (o.compare(0, placement_key.size(), placement_key) == 0) {
      throw config_error(
          "pavp study: --set " + o +
          ": the study chooses each run's placement (accepted: --placements N, the random "
          "placements besides linear; 0: linear only)");
    }
    if (o.compare(0, preempt_key.size(), preempt_key) == 0) {
      throw config_error("pavp study: --set " + o + ": use --preempt-every " +
                         o.substr(preempt_key.size()));
    }
  }
  if (options.explore_bound) return run_explored_study(options, presets, fixes);
  config_sources probe;
  probe.preset = presets.front();
  probe.overrides = options.overrides;
  const bool with_seed = seed_schedule_fits(firmware_config(probe, fixes.front()));

  struct group {
    std::string placement;
    std::vector<schedule_spec> schedules;
  };
  std::vector<group> groups;
  const unsigned seed_placements = std::min(options.seed_placements, options.random_placements);
  std::vector<schedule_spec> random;
  for (unsigned n = 1; n <= options.random_schedules; ++n) {
    random.push_back(parse_schedule("random:" + std::to_string(n)));
  }
  // One group per placement: the seed schedule (under the first few
  // placements) and the random ones boot once and branch.
  for (unsigned p = 0; p <= options.random_placements; ++p) {
    group g{placement_name(p), {}};
    if (with_seed && p <= seed_placements) g.schedules.push_back(parse_schedule("seed"));
    g.schedules.insert(g.schedules.end(), random.begin(), random.end());
    if (!g.schedules.empty()) groups.push_back(std::move(g));
  }
  if (groups.empty()) {
    throw config_error(
        "--schedules 0 with workload.extra_threads > 0 leaves no schedule to run (accepted: "
        "--schedules 1 or more)");
  }
  kernel_study_result result;
  for (const group& g : groups) {
    for (const schedule_spec& s : g.schedules) result.plan.push_back({s.text, g.placement});
  }
  std::vector<std::string> parts;
  if (with_seed)
    parts.push_back("the seed schedule under placement " + with_linear(seed_placements));
  if (options.random_schedules > 0) {
    parts.push_back(fmt::format("schedules {} under each placement {}",
                                numbered("random", options.random_schedules),
                                with_linear(options.random_placements)));
  }
  result.plan_text = parts.size() == 2 ? parts[0] + "; " + parts[1] : parts[0];

  // Every configuration is built (and so checked) before the first run. The
  // fixes of a preset and placement that boot alike (boots_alike: all but
  // colour-alloc and pipt) share one boot, and branch when the kernel asks
  // for its fix, at the fork (run_firmware_branches).
  std::vector<std::function<std::string()>> jobs;
  std::vector<std::string> names;
  std::vector<std::size_t> sizes;  // runs per job
  for (const std::string& preset : presets) {
    for (const group& g : groups) {
      std::vector<run_spec> specs;
      for (const std::string& fix : fixes) {
        specs.push_back(make_run_spec(study_sources(options, preset, g.placement), fix,
                                      g.schedules.front().text));
      }
      std::vector<bool> taken(specs.size(), false);
      for (std::size_t i = 0; i < specs.size(); ++i) {
        if (taken[i]) continue;
        std::vector<fix_spec> alike;
        std::string fix_names;
        for (std::size_t k = i; k < specs.size(); ++k) {
          if (taken[k] || !boots_alike(specs[i], specs[k])) continue;
          taken[k] = true;
          alike.push_back(specs[k].fix);
          fix_names += (fix_names.empty() ? "" : ",") + specs[k].fix.id;
        }
        const run_spec spec = specs[i];
        const std::vector<schedule_spec> schedules = g.schedules;
        jobs.push_back([spec, alike, schedules] {
          nlohmann::ordered_json runs = nlohmann::ordered_json::array();
          for (nlohmann::ordered_json& r : run_firmware_branches(spec, {}, alike, schedules, 1)) {
            r.erase("console");
            runs.push_back(std::move(r));
          }
          return runs.dump();
        });
        names.push_back(preset + " " + fix_names + " placement " + g.placement + " " +
                        schedules.front().text +
                        (schedules.size() > 1 ? ".." + schedules.back().text : ""));
        sizes.push_back(alike.size() * schedules.size());
      }
    }
  }
  // The largest jobs first (runs per job: a shared boot's six fixes against
  // one), so that the last ones to finish are short and no core waits long
  // at the end; the runs are put back in the table's order below.
  std::vector<std::size_t> largest_first(jobs.size());
  for (std::size_t i = 0; i < largest_first.size(); ++i) largest_first[i] = i;
  std::stable_sort(largest_first.begin(), largest_first.end(),
                   [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
  std::vector<std::function<std::string()>> ordered_jobs;
  std::vector<std::string> ordered_names;
  for (const std::size_t i : largest_first) {
    ordered_jobs.push_back(std::move(jobs[i]));
    ordered_names.push_back(std::move(names[i]));
  }
  run_study_jobs(options, ordered_jobs, ordered_names, result);
  // In the order of the study's table: preset, fix, placement, schedule.
  const auto rank = [](const std::vector<std::string>& order, const std::string& v) {
    return std::find(order.begin(), order.end(), v) - order.begin();
  };
  std::vector<std::string> placements;
  for (const group& g : groups) placements.push_back(g.placement);
  std::stable_sort(result.runs.begin(), result.runs.end(), [&](const auto& a, const auto& b) {
    const auto key = [&](const nlohmann::ordered_json& r) {
      return std::make_tuple(rank(presets, r["preset"].get<std::string>()),
                             rank(fixes, r["fix"].get<std::string>()),
                             rank(placements, r["placement"].get<std::string>()));
    };
    return key(a) < key(b);
  });
  summarise_and_explain(options, result);
  return result;
}

std::string kernel_study_markdown(const kernel_study_result& r) {
  std::string md;
  for (const auto& e : r.explained) {
    md += fmt::format(
        "\n## {} on {}: the first failing run\n\nSchedule `{}`, placement `{}`; repeat it with "
        "`{}`.\n\n```\n{}```\n",
        e.fix, e.preset, e.schedule, e.placement, e.command, e.text);
  }
  return md;
}

}  // namespace pavp
