// The study's outputs: a table for people on stdout, and study.json,
// study.csv and study.md for tools, from the list of run results.
#ifndef PAVP_PLATFORM_STUDY_STUDY_REPORT_H
#define PAVP_PLATFORM_STUDY_STUDY_REPORT_H

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pavp {

// One column of a table: the key in each row object, its title, and the
// digits after the point a fractional value (a mean) is printed with: the
// tables are for people, study.json keeps the exact value.
struct study_column {
  const char* key;
  const char* title;
  int decimals = 0;
};

// The columns of a run row, and of a summary row (one per preset and fix).
const std::vector<study_column>& run_columns();
const std::vector<study_column>& summary_columns();

// The table printed on stdout (and, as Markdown, in study.md).
std::string study_table(const nlohmann::ordered_json& rows, bool markdown = false);
std::string study_table(const nlohmann::ordered_json& rows,
                        const std::vector<study_column>& columns, bool markdown);

// Writes DIR/study.json ({"runs": [...]}), DIR/study.csv and DIR/study.md,
// creating DIR. Throws std::runtime_error naming the file it cannot write.
void write_study_report(const nlohmann::ordered_json& runs, const std::string& dir);

// The same with a summary: study.json is {"runs": [...], "summary": [...]},
// study.csv has one line per run, study.md the summary table and then
// more_markdown.
void write_study_report(const nlohmann::ordered_json& runs, const nlohmann::ordered_json& summary,
                        const std::string& dir, const std::string& more_markdown = "");

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_STUDY_REPORT_H
