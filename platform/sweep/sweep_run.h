// Running a sweep (sweep_spec.h): each point is a study (run_kernel_study)
// with the point's overrides, and its summary rows (one per fix) are kept in
// a file of its own under DIR/points, written atomically (a temporary file
// renamed into place). A run skips the points whose file is there, so an
// interrupted sweep loses no finished point and resumes where it stopped;
// shards of the points (sweep_shard) can run on different machines into the
// same DIR. The table (sweep.csv, sweep.json) is made from the point files
// alone, the same for a local run and for merged shards.
#ifndef PAVP_PLATFORM_SWEEP_SWEEP_RUN_H
#define PAVP_PLATFORM_SWEEP_SWEEP_RUN_H

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/sweep/sweep_spec.h"

namespace pavp {

struct sweep_run_options {
  std::string out_dir = "out";
  unsigned jobs = 2;                 // simulations at once within a point
  std::optional<sweep_shard> shard;  // none: every point
  // Called before the first point and after each: points finished (run or
  // found in DIR) and the points of this shard.
  std::function<void(std::size_t done, std::size_t total, std::size_t skipped)> progress;
};

struct sweep_run_result {
  std::size_t points = 0;   // of this shard
  std::size_t ran = 0;      // run now
  std::size_t skipped = 0;  // found in DIR
};

// Runs the points of the shard (or every point) that DIR does not hold yet.
// Throws sweep_error when DIR cannot be written.
sweep_run_result run_sweep(const sweep_spec& spec, const sweep_run_options& options);

// The file a point's results are kept in: DIR/points/point-NNNNNN-HASH.json,
// HASH naming the point's study settings and overrides (a changed spec does
// not take an older file for its own).
std::string sweep_point_file(const sweep_spec& spec, const sweep_point& point,
                             const std::string& out_dir);

// The table of every point from DIR's point files: one row per point and fix,
// the point's number and values, then the study's summary (preset, fix,
// verdict, runs, failed, ... as in study.json). sweep_error naming the
// missing points when DIR does not hold them all.
nlohmann::ordered_json sweep_table(const sweep_spec& spec, const std::string& out_dir);

// Writes DIR/sweep.json ({"sweep": settings, "parameters": [...], "rows":
// [...]}) and DIR/sweep.csv (one line per row), each atomically.
void write_sweep_table(const sweep_spec& spec, const nlohmann::ordered_json& rows,
                       const std::string& out_dir);

// A Slurm batch script that runs the sweep as a job array of `tasks` tasks,
// task I running shard I/tasks with `jobs` simulations at once. Paths are
// made absolute.
struct slurm_options {
  std::string pavp;  // the pavp binary
  std::string partition;
  unsigned tasks = 4;
  unsigned jobs = 1;
};
std::string slurm_script(const sweep_spec& spec, const std::string& out_dir,
                         const slurm_options& options);

}  // namespace pavp

#endif  // PAVP_PLATFORM_SWEEP_SWEEP_RUN_H
