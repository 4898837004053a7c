// Parameter sweeps: the sweep file's expansion and shards (the plain C++
// core), and `pavp sweep` run as a process: a local sweep equals the studies
// of its points, a killed sweep resumes without recomputing, and bad input is
// one line with DIR's content kept.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/sweep/sweep_run.h"
#include "platform/sweep/sweep_spec.h"
#include "run_command.h"
#include "temp_dir.h"

extern char** environ;

namespace fs = std::filesystem;
using pavp::test::run_command;
using pavp::test::temp_dir;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The message read_sweep_spec gives for a file with this text ("" if none).
std::string spec_error(const std::string& text) {
  const temp_dir dir("pavp-sweep-test-error");
  const fs::path path = dir.write("bad.toml", text);
  try {
    pavp::read_sweep_spec(path.string());
  } catch (const pavp::sweep_error& e) {
    return e.what();
  }
  return "";
}

const char* const k_two_by_three =
    "fixes = [\"none\"]\n"
    "schedules = 0\n"
    "placements = 0\n"
    "[[vary]]\n"
    "key = \"dcache.size\"\n"
    "values = [\"8K\", \"16K\"]\n"
    "[[vary]]\n"
    "key = \"dcache.associativity\"\n"
    "range = { from = 1, to = 4, factor = 2 }\n";

}  // namespace

TEST(sweep_spec, two_by_three_values_give_six_points_last_parameter_fastest) {
  const temp_dir dir("pavp-sweep-test-expand");
  const pavp::sweep_spec spec = pavp::read_sweep_spec(dir.write("s.toml", k_two_by_three).string());
  ASSERT_EQ(spec.params.size(), 2u);
  EXPECT_EQ(spec.params[1].values, (std::vector<std::string>{"1", "2", "4"}));
  const std::vector<pavp::sweep_point> points = pavp::expand_sweep(spec);
  ASSERT_EQ(points.size(), 6u);
  const std::vector<std::vector<std::string>> expected = {{"8K", "1"},  {"8K", "2"},  {"8K", "4"},
                                                          {"16K", "1"}, {"16K", "2"}, {"16K", "4"}};
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i].index, i);
    EXPECT_EQ(points[i].values, expected[i]) << "point " << i;
  }
  EXPECT_EQ(pavp::point_overrides(spec, points[4]),
            (std::vector<std::string>{"dcache.size=16K", "dcache.associativity=2"}));
}

TEST(sweep_spec, the_shards_of_a_partition_hold_every_point_once) {
  for (std::size_t n = 1; n <= 7; ++n) {
    std::map<std::size_t, int> held;
    for (std::size_t i = 0; i < n; ++i) {
      const pavp::sweep_shard shard =
          pavp::parse_sweep_shard(std::to_string(i) + "/" + std::to_string(n));
      for (std::size_t p = 0; p < 20; ++p) held[p] += shard.holds(p) ? 1 : 0;
    }
    for (const auto& [point, count] : held) EXPECT_EQ(count, 1) << "point " << point << " of " << n;
  }
}

TEST(sweep_spec, a_range_with_a_step) {
  const temp_dir dir("pavp-sweep-test-step");
  const pavp::sweep_spec spec = pavp::read_sweep_spec(
      dir.write("s.toml",
                "[[vary]]\nkey = \"cpu.clock_mhz\"\nrange = { from = 60, to = 120, step = 30 }\n")
          .string());
  EXPECT_EQ(spec.params[0].values, (std::vector<std::string>{"60", "90", "120"}));
  EXPECT_TRUE(spec.fixes.empty());  // every fix
}

TEST(sweep_spec, bad_input_is_one_line_naming_the_line_and_the_key) {
  const std::string unknown = spec_error("colour = 3\n" + std::string(k_two_by_three));
  EXPECT_NE(unknown.find(":1: 'colour' is not a sweep key"), std::string::npos) << unknown;
  // After a [[vary]] header a key belongs to that table.
  const std::string unknown_in_vary = spec_error(std::string(k_two_by_three) + "colour = 3\n");
  EXPECT_NE(unknown_in_vary.find(":10: vary: 'colour' is not a key of a [[vary]] table"),
            std::string::npos)
      << unknown_in_vary;

  const std::string wrong_type = spec_error(
      "schedules = \"two\"\n[[vary]]\nkey = "
      "\"dcache.size\"\nvalues = [\"8K\"]\n");
  EXPECT_NE(wrong_type.find(":1: schedules: a string is not accepted"), std::string::npos)
      << wrong_type;

  const std::string bad_value =
      spec_error("[[vary]]\nkey = \"dcache.size\"\nvalues = [\"8K\", \"48K\"]\n");
  EXPECT_NE(bad_value.find(":3: "), std::string::npos) << bad_value;
  EXPECT_NE(bad_value.find("dcache.size"), std::string::npos) << bad_value;
  EXPECT_NE(bad_value.find("48K"), std::string::npos) << bad_value;

  const std::string unknown_key = spec_error("[[vary]]\nkey = \"dcache.ways\"\nvalues = [1, 2]\n");
  EXPECT_NE(unknown_key.find("dcache.ways"), std::string::npos) << unknown_key;
  EXPECT_NE(unknown_key.find("unknown key"), std::string::npos) << unknown_key;

  const std::string empty_range =
      spec_error("[[vary]]\nkey = \"cpu.clock_mhz\"\nrange = { from = 90, to = 60 }\n");
  EXPECT_NE(empty_range.find(":3: cpu.clock_mhz: the range from 90 to 60 is empty"),
            std::string::npos)
      << empty_range;

  const std::string empty_values = spec_error("[[vary]]\nkey = \"cpu.clock_mhz\"\nvalues = []\n");
  EXPECT_NE(empty_values.find("values is empty"), std::string::npos) << empty_values;

  const std::string malformed = spec_error("fixes = [\"none\"\n[[vary]]\n");
  EXPECT_NE(malformed.find("bad.toml:2:"), std::string::npos) << malformed;
  EXPECT_NE(malformed.find("TOML"), std::string::npos) << malformed;

  const std::string no_vary = spec_error("fixes = [\"none\"]\n");
  EXPECT_NE(no_vary.find("no [[vary]] table"), std::string::npos) << no_vary;

  const std::string bad_fix =
      spec_error("fixes = [\"nonsense\"]\n[[vary]]\nkey = \"cpu.clock_mhz\"\nvalues = [60]\n");
  EXPECT_NE(bad_fix.find(":1: "), std::string::npos) << bad_fix;
  EXPECT_NE(bad_fix.find("nonsense"), std::string::npos) << bad_fix;

  for (const std::string& s : {unknown, wrong_type, bad_value, unknown_key, empty_range,
                               empty_values, malformed, no_vary, bad_fix}) {
    EXPECT_EQ(s.find('\n'), std::string::npos) << s;
  }
  for (const char* shard : {"3/2", "2/2", "0/0", "1", "a/b", "-1/2", "1/2/3"}) {
    EXPECT_THROW(pavp::parse_sweep_shard(shard), pavp::sweep_error) << shard;
  }
}

// ---------------------------------------------------------------- pavp sweep

namespace {

// Two D-cache sizes, one fix, the seed schedule under the linear placement:
// a sweep of a few seconds.
const char* const k_small =
    "fixes = [\"none\"]\n"
    "schedules = 0\n"
    "placements = 0\n"
    "[[vary]]\n"
    "key = \"dcache.size\"\n"
    "values = [\"8K\", \"16K\", \"32K\"]\n";

std::vector<fs::path> point_files(const fs::path& out) {
  std::vector<fs::path> files;
  if (!fs::exists(out / "points")) return files;
  for (const auto& e : fs::directory_iterator(out / "points")) {
    // A killed run may leave a temporary file beside them (NAME.tmp-PID).
    const std::string name = e.path().filename().string();
    if (name.rfind("point-", 0) == 0 && e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST(sweep_command, a_local_sweep_equals_the_studies_of_its_points_row_for_row) {
  const temp_dir dir("pavp-sweep-test-local");
  const fs::path spec = dir.write("s.toml", k_small);
  const auto r = run_command(
      {PAVP_BINARY, "sweep", spec.string(), "--out", (dir / "out").string(), "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json table = nlohmann::json::parse(read_file(dir / "out" / "sweep.json"));
  ASSERT_EQ(table["rows"].size(), 3u);
  const char* const sizes[] = {"8K", "16K", "32K"};
  for (int i = 0; i < 3; ++i) {
    const fs::path study_dir = dir / ("study" + std::to_string(i));
    const auto s =
        run_command({PAVP_BINARY, "study", "--preset", "pa7300lc", "--fix", "none", "--schedules",
                     "0", "--placements", "0", "--set", std::string("dcache.size=") + sizes[i],
                     "--out", study_dir.string(), "-j", "2"});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    const nlohmann::json study = nlohmann::json::parse(read_file(study_dir / "study.json"));
    ASSERT_EQ(study["summary"].size(), 1u);
    nlohmann::json row = table["rows"][i];
    EXPECT_EQ(row["point"], i);
    EXPECT_EQ(row["dcache.size"], sizes[i]);
    row.erase("point");
    row.erase("dcache.size");
    EXPECT_EQ(row, study["summary"][0]) << "point " << i;
  }
  // sweep.csv: a header and one line per row.
  const std::string csv = read_file(dir / "out" / "sweep.csv");
  EXPECT_EQ(csv.rfind("point,dcache.size,preset,fix,verdict,", 0), 0u) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
}

TEST(sweep_command, a_killed_sweep_resumes_without_recomputing_its_finished_points) {
  const temp_dir dir("pavp-sweep-test-resume");
  const fs::path spec = dir.write(
      "s.toml",
      "fixes = [\"none\", \"cow-flush\"]\nschedules = 1\nplacements = 0\n[[vary]]\nkey = "
      "\"dcache.size\"\nvalues = [\"4K\", \"8K\", \"16K\", \"32K\", \"64K\", \"128K\"]\n");
  const std::string out = (dir / "out").string();
  // Started as a child and killed (SIGKILL: nothing of it runs after) once
  // two points are done.
  const std::string binary = PAVP_BINARY;
  std::vector<std::string> words = {binary, "sweep", spec.string(), "--out", out, "-j", "1"};
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(::posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (point_files(out).size() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::vector<fs::path> before = point_files(out);
  ASSERT_GE(before.size(), 2u);
  ASSERT_LT(before.size(), 6u) << "the sweep ended before it was killed: make the points larger";
  std::map<fs::path, fs::file_time_type> stamps;
  for (const fs::path& p : before) stamps[p] = fs::last_write_time(p);

  const auto resumed = run_command({PAVP_BINARY, "sweep", spec.string(), "--out", out});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find(std::to_string(6 - before.size()) + " run, " +
                             std::to_string(before.size()) + " already in"),
            std::string::npos)
      << resumed.out;
  for (const auto& [p, t] : stamps) EXPECT_EQ(fs::last_write_time(p), t) << p;
  EXPECT_EQ(point_files(out).size(), 6u);

  // The same table as a sweep that ran through.
  const auto whole =
      run_command({PAVP_BINARY, "sweep", spec.string(), "--out", (dir / "whole").string()});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  const nlohmann::json a = nlohmann::json::parse(read_file(dir / "out" / "sweep.json"));
  const nlohmann::json b = nlohmann::json::parse(read_file(dir / "whole" / "sweep.json"));
  EXPECT_EQ(a["rows"], b["rows"]);
  EXPECT_EQ(read_file(dir / "out" / "sweep.csv"), read_file(dir / "whole" / "sweep.csv"));
}

TEST(sweep_command, shards_merge_into_the_table_of_a_local_run) {
  const temp_dir dir("pavp-sweep-test-shards");
  const fs::path spec = dir.write("s.toml", k_small);
  const std::string out = (dir / "sharded").string();
  const auto early = run_command({PAVP_BINARY, "sweep", spec.string(), "--merge", "--out", out});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("3 of 3 points have no results yet"), std::string::npos) << early.err;
  for (const char* shard : {"1/2", "0/2"}) {
    const auto r =
        run_command({PAVP_BINARY, "sweep", spec.string(), "--shard", shard, "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const auto merged = run_command({PAVP_BINARY, "sweep", spec.string(), "--merge", "--out", out});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  const auto local =
      run_command({PAVP_BINARY, "sweep", spec.string(), "--out", (dir / "local").string()});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(read_file(fs::path(out) / "sweep.csv"), read_file(dir / "local" / "sweep.csv"));
  EXPECT_EQ(read_file(fs::path(out) / "sweep.json"), read_file(dir / "local" / "sweep.json"));
}

TEST(sweep_command, bad_input_is_one_line_and_keeps_what_dir_holds) {
  const temp_dir dir("pavp-sweep-test-bad");
  const fs::path out = dir / "out";
  fs::create_directories(out / "points");
  dir.write("out/sweep.csv", "kept\n");
  dir.write("out/points/point-000000-0000000000000000.json", "{}\n");
  const fs::path good = dir.write("good.toml", k_small);
  const std::vector<std::vector<std::string>> cases = {
      {"sweep", dir.write("a.toml", "[[vary]]\nkey = \"dcache.ways\"\nvalues = [1]\n")},
      {"sweep", dir.write("b.toml", "[[vary]\n")},
      {"sweep", good.string(), "--shard", "3/2"},
      {"sweep", (dir / "missing.toml").string()},
      {"sweep"},
      {"sweep", good.string(), "--merge", "--slurm"},
      {"sweep", good.string(), "--tasks", "3"},
  };
  for (const std::vector<std::string>& c : cases) {
    std::vector<std::string> argv = {PAVP_BINARY};
    argv.insert(argv.end(), c.begin(), c.end());
    argv.push_back("--out");
    argv.push_back(out.string());
    const auto r = run_command(argv);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("pavp: ", 0), 0u) << r.err;
  }
  EXPECT_EQ(read_file(out / "sweep.csv"), "kept\n");
  EXPECT_EQ(read_file(out / "points" / "point-000000-0000000000000000.json"), "{}\n");
}

TEST(sweep_command, dry_run_prints_the_job_array_script) {
  const temp_dir dir("pavp-sweep-test-dry");
  const fs::path spec = dir.write("s.toml", k_small);
  const auto r =
      run_command({PAVP_BINARY, "sweep", spec.string(), "--slurm", "--tasks", "3", "--partition",
                   "debug", "--dry-run", "--out", (dir / "out").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("#SBATCH --array=0-2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("#SBATCH --partition=debug\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--shard \"${SLURM_ARRAY_TASK_ID}/3\""), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "out")) << "--dry-run writes nothing";
}
