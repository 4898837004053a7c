#include "platform/study/study_report.h"

#include "pavp/common/file_io.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace pavp {

namespace {

// The measurements both a run row and a summary row (their means) show.
const study_column k_measured[] = {
    {"stale_reads", "stale reads", 1},  {"fork_cycles", "fork cycles"},
    {"cow_fault_cycles", "COW cycles"}, {"flush_ops", "flush ops"},
    {"flush_cycles", "flush cycles"},   {"writebacks", "write-backs"},
    {"dram_bytes_read", "DRAM read B"}, {"dram_bytes_written", "DRAM written B"},
};

std::vector<study_column> with_measured(std::vector<study_column> head,
                                        std::vector<study_column> tail) {
  head.insert(head.end(), std::begin(k_measured), std::end(k_measured));
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

const std::vector<study_column>& run_columns() {
  static const std::vector<study_column> c =
      with_measured({{"preset", "preset"}, {"fix", "fix"}, {"outcome", "outcome"}},
                    {{"total_cycles", "total cycles"}});
  return c;
}

const std::vector<study_column>& summary_columns() {
  static const std::vector<study_column> c =
      with_measured({{"preset", "preset"},
                     {"fix", "fix"},
                     {"verdict", "verdict"},
                     {"failed_of_runs", "failed"},
                     {"error", "errors"},
                     {"failing_placements_of", "placements failing"}},
                    {});
  return c;
}

namespace {

// A value as data (study.csv): exact.
std::string raw_cell(const nlohmann::ordered_json& run, const char* key) {
  const auto it = run.find(key);
  if (it == run.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// A value for people (the tables): a mean with the column's decimals.
std::string cell(const nlohmann::ordered_json& run, const study_column& column) {
  const auto it = run.find(column.key);
  if (it != run.end() && it->is_number_float()) {
    return fmt::format("{:.{}f}", it->get<double>(), column.decimals);
  }
  return raw_cell(run, column.key);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  write_text_file(path.string(), text);
}

}  // namespace

std::string study_table(const nlohmann::ordered_json& rows, bool markdown) {
  return study_table(rows, run_columns(), markdown);
}

std::string study_table(const nlohmann::ordered_json& rows,
                        const std::vector<study_column>& columns, bool markdown) {
  std::vector<std::size_t> width;
  for (const study_column& c : columns) {
    std::size_t w = std::string(c.title).size();
    for (const auto& run : rows) w = std::max(w, cell(run, c).size());
    width.push_back(w);
  }
  std::string out;
  auto row = [&](auto&& text_of) {
    std::string line = markdown ? "|" : "";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string t = text_of(i);
      const bool left = i < 3;
      line += markdown ? fmt::format(" {} |", t)
                       : (left ? fmt::format("{:<{}}", t, width[i])
                               : fmt::format("{:>{}}", t, width[i]));
      if (!markdown && i + 1 < columns.size()) line += "  ";
    }
    out += line + "\n";
  };
  row([&](std::size_t i) { return std::string(columns[i].title); });
  if (markdown) {
    row([&](std::size_t i) { return std::string(i < 3 ? "---" : "---:"); });
  } else {
    row([&](std::size_t i) { return std::string(width[i], '-'); });
  }
  for (const auto& run : rows) row([&](std::size_t i) { return cell(run, columns[i]); });
  return out;
}

void write_study_report(const nlohmann::ordered_json& runs, const std::string& dir) {
  write_study_report(runs, nullptr, dir);
}

void write_study_report(const nlohmann::ordered_json& runs, const nlohmann::ordered_json& summary,
                        const std::string& dir, const std::string& more_markdown) {
  // The CSV names each run: its schedule and placement (a kernel study's
  // runs have them), then the run columns.
  std::vector<study_column> columns = run_columns();
  if (!runs.empty() && runs[0].contains("placement")) {
    columns.insert(columns.begin() + 2, {{"schedule", "schedule"}, {"placement", "placement"}});
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  const std::filesystem::path base(dir);

  nlohmann::ordered_json doc;
  doc["runs"] = runs;
  if (!summary.is_null()) doc["summary"] = summary;
  write_file(base / "study.json", doc.dump(2) + "\n");

  std::string csv;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    csv += std::string(i ? "," : "") + columns[i].key;
  }
  csv += "\n";
  for (const auto& run : runs) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      csv += std::string(i ? "," : "") + raw_cell(run, columns[i].key);
    }
    csv += "\n";
  }
  write_file(base / "study.csv", csv);
  write_file(base / "study.md",
             "# pavp study\n\n" +
                 (summary.is_null() ? study_table(runs, true)
                                    : study_table(summary, summary_columns(), true)) +
                 more_markdown);
}

}  // namespace pavp
