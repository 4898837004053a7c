#include "platform/sweep/sweep_run.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "pavp/common/file_io.h"
#include "platform/study/kernel_study.h"

namespace fs = std::filesystem;

namespace pavp {

namespace {

// The study settings every point shares.
nlohmann::ordered_json study_settings(const sweep_spec& spec) {
  nlohmann::ordered_json s;
  s["preset"] = spec.preset;
  s["fixes"] = spec.fixes;
  s["schedules"] = spec.schedules;
  s["placements"] = spec.placements;
  s["explore"] = spec.explore ? nlohmann::ordered_json(*spec.explore) : nlohmann::ordered_json();
  s["preempt_every"] = spec.preempt_every;
  return s;
}

// What a point's results depend on besides its number, as text.
std::string point_key(const sweep_spec& spec, const sweep_point& point) {
  nlohmann::ordered_json k = study_settings(spec);
  k["overrides"] = point_overrides(spec, point);
  return k.dump();
}

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

void make_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw sweep_error(fmt::format("cannot create the folder {} ({})", dir.string(),
                                  ec ? ec.message() : "a file of that name is in the way"));
  }
}

// The point file's content when it is complete and of this point.
bool read_point_file(const std::string& path, const std::string& key, nlohmann::ordered_json& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  try {
    out = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  return out.is_object() && out.contains("key") && out["key"] == key && out.contains("summary");
}

std::string csv_field(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  if (text.find_first_of(",\"\n") != std::string::npos) {
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  }
  return text;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string sweep_point_file(const sweep_spec& spec, const sweep_point& point,
                             const std::string& out_dir) {
  return (fs::path(out_dir) / "points" /
          fmt::format("point-{:06d}-{:016x}.json", point.index, fnv1a(point_key(spec, point))))
      .string();
}

sweep_run_result run_sweep(const sweep_spec& spec, const sweep_run_options& options) {
  make_dir(fs::path(options.out_dir) / "points");
  sweep_run_result result;
  const std::size_t count = sweep_point_count(spec);
  std::vector<sweep_point> todo;
  for (std::size_t i = 0; i < count; ++i) {
    if (options.shard && !options.shard->holds(i)) continue;
    ++result.points;
    const sweep_point point = sweep_point_at(spec, i);
    nlohmann::ordered_json existing;
    if (read_point_file(sweep_point_file(spec, point, options.out_dir), point_key(spec, point),
                        existing)) {
      ++result.skipped;
    } else {
      todo.push_back(point);
    }
  }
  if (options.progress) options.progress(result.skipped, result.points, result.skipped);
  for (const sweep_point& point : todo) {
    kernel_study_options opt;
    opt.presets = {spec.preset};
    opt.fixes = spec.fixes;
    opt.random_schedules = spec.schedules;
    opt.random_placements = spec.placements;
    opt.explore_bound = spec.explore;
    opt.preempt_every = spec.preempt_every;
    opt.overrides = point_overrides(spec, point);
    opt.jobs = options.jobs;
    const kernel_study_result r = run_kernel_study(opt);
    nlohmann::ordered_json file;
    file["point"] = point.index;
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < spec.params.size(); ++k)
      values[spec.params[k].key] = point.values[k];
    file["values"] = values;
    file["key"] = point_key(spec, point);
    file["summary"] = r.summary;
    // Under a temporary name and renamed (write_text_file): a killed run
    // leaves the whole file or none.
    write_text_file(sweep_point_file(spec, point, options.out_dir), file.dump(1) + "\n");
    ++result.ran;
    if (options.progress) {
      options.progress(result.skipped + result.ran, result.points, result.skipped);
    }
  }
  return result;
}

nlohmann::ordered_json sweep_table(const sweep_spec& spec, const std::string& out_dir) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::vector<std::size_t> missing;
  const std::size_t count = sweep_point_count(spec);
  for (std::size_t i = 0; i < count; ++i) {
    const sweep_point point = sweep_point_at(spec, i);
    nlohmann::ordered_json file;
    if (!read_point_file(sweep_point_file(spec, point, out_dir), point_key(spec, point), file)) {
      missing.push_back(i);
      continue;
    }
    for (const auto& s : file["summary"]) {
      nlohmann::ordered_json row;
      row["point"] = i;
      for (std::size_t k = 0; k < spec.params.size(); ++k) {
        row[spec.params[k].key] = point.values[k];
      }
      for (const auto& [key, value] : s.items()) row[key] = value;
      rows.push_back(std::move(row));
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t j = 0; j < missing.size() && j < 10; ++j) {
      list += fmt::format("{}{}", j ? ", " : "", missing[j]);
    }
    if (missing.size() > 10) list += ", ...";
    throw sweep_error(fmt::format(
        "{}: {} of {} points have no results yet (points {}); run the missing shards or "
        "`pavp sweep {}` without --merge",
        out_dir, missing.size(), count, list, spec.path));
  }
  return rows;
}

void write_sweep_table(const sweep_spec& spec, const nlohmann::ordered_json& rows,
                       const std::string& out_dir) {
  make_dir(out_dir);
  nlohmann::ordered_json doc;
  nlohmann::ordered_json settings;
  settings["spec"] = spec.path;
  settings.update(study_settings(spec));
  settings["scenario"] = spec.scenario;
  settings["set"] = spec.overrides;
  doc["sweep"] = settings;
  nlohmann::ordered_json params = nlohmann::ordered_json::array();
  for (const sweep_param& p : spec.params) {
    params.push_back(nlohmann::ordered_json{{"key", p.key}, {"values", p.values}});
  }
  doc["parameters"] = params;
  doc["rows"] = rows;
  write_text_file((fs::path(out_dir) / "sweep.json").string(), doc.dump(1) + "\n");

  std::ostringstream csv;
  if (!rows.empty()) {
    bool first = true;
    for (const auto& [key, value] : rows.front().items()) {
      csv << (first ? "" : ",") << csv_field(key);
      first = false;
    }
    csv << "\n";
    for (const auto& row : rows) {
      first = true;
      for (const auto& [key, value] : rows.front().items()) {
        csv << (first ? "" : ",") << (row.contains(key) ? csv_field(row[key]) : "");
        first = false;
      }
      csv << "\n";
    }
  }
  write_text_file((fs::path(out_dir) / "sweep.csv").string(), csv.str());
}

std::string slurm_script(const sweep_spec& spec, const std::string& out_dir,
                         const slurm_options& options) {
  const std::string out = fs::absolute(out_dir).lexically_normal().string();
  const std::string spec_path = fs::absolute(spec.path).lexically_normal().string();
  std::string s;
  s += "#!/bin/bash\n";
  s +=
      fmt::format("# pavp sweep {} as a Slurm job array: task I runs shard I/{} of its {} points\n",
                  spec_path, options.tasks, sweep_point_count(spec));
  s += fmt::format("# into {}. When every task has ended: pavp sweep {} --merge --out {}\n", out,
                   shell_quote(spec_path), shell_quote(out));
  s += "#SBATCH --job-name=pavp-sweep\n";
  s += fmt::format("#SBATCH --array=0-{}\n", options.tasks - 1);
  s += "#SBATCH --ntasks=1\n";
  s += fmt::format("#SBATCH --cpus-per-task={}\n", options.jobs);
  s += fmt::format("#SBATCH --output={}/slurm-%A_%a.out\n", out);
  if (!options.partition.empty()) s += fmt::format("#SBATCH --partition={}\n", options.partition);
  s += "set -euo pipefail\n";
  s += fmt::format("exec {} sweep {} --shard \"${{SLURM_ARRAY_TASK_ID}}/{}\" --out {} -j {}\n",
                   shell_quote(options.pavp), shell_quote(spec_path), options.tasks,
                   shell_quote(out), options.jobs);
  return s;
}

}  // namespace pavp
