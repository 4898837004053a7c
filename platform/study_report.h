// The study's outputs: a table for people on stdout, and study.json,
// study.csv and study.md for tools, from the list of run results.
#ifndef PAVP_PLATFORM_STUDY_REPORT_H
#define PAVP_PLATFORM_STUDY_REPORT_H

#include <string>

#include <nlohmann/json.hpp>

namespace pavp {

// The table printed on stdout (and, as Markdown, in study.md).
std::string study_table(const nlohmann::ordered_json& runs, bool markdown = false);

// Writes DIR/study.json ({"runs": [...]}), DIR/study.csv and DIR/study.md,
// creating DIR. Throws std::runtime_error naming the file it cannot write.
void write_study_report(const nlohmann::ordered_json& runs, const std::string& dir);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_REPORT_H
