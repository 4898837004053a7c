// The `pavp` command on hostile input and lost output: a clear line and a
// non-zero exit status, never a crash, a hang or a success with the output
// gone.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "platform/study/firmware_run.h"
#include "run_command.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using pavp::test::command_result;

namespace {

command_result pavp_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), PAVP_BINARY);
  return pavp::test::run_command(args);
}

// Through the shell, for standard output redirected to a file or device.
command_result shell(const std::string& line) {
  return pavp::test::run_command({"/bin/sh", "-c", line});
}

void expect_one_line(const command_result& r, int status, const std::string& needle) {
  EXPECT_EQ(r.exit_code, status) << r.out << r.err;
  EXPECT_EQ(r.err.rfind("pavp: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(bad_input, a_configuration_nested_ten_thousand_deep_is_refused_not_a_crash) {
  const pavp::test::temp_dir tmp("pavp_bad_input");
  const fs::path p = tmp / "deep.json";
  {
    std::ofstream out(p);
    for (int i = 0; i < 10000; ++i) out << "{\"a\":";
    out << "1";
    for (int i = 0; i < 10000; ++i) out << "}";
  }
  expect_one_line(pavp_cmd({"config", "--config", p.string()}), 2, "nested more than 32 levels");
}

TEST(bad_input, endless_files_are_refused_as_not_regular) {
  expect_one_line(pavp_cmd({"config", "--config", "/dev/zero"}), 2,
                  "'/dev/zero' is not a regular file");
  expect_one_line(pavp_cmd({"config", "--set", "dram.spec=/dev/zero"}), 2,
                  "'/dev/zero' is not a regular file");
  expect_one_line(pavp_cmd({"run", "--fix", "none", "--schedule", "replay:/dev/zero"}), 2,
                  "'/dev/zero' is not a regular file");
}

TEST(bad_input, standard_output_that_cannot_be_written_is_an_error) {
  const std::string pavp = PAVP_BINARY;
  expect_one_line(shell(pavp + " config --json > /dev/full"), 1, "cannot write standard output");
  expect_one_line(shell(pavp + " presets > /dev/full"), 1, "cannot write standard output");
}

TEST(bad_input, output_files_are_checked_before_the_run_and_written_checked) {
  const command_result rec = pavp_cmd({"run", "--fix", "none", "--record", "/nonexistent/x.sched"});
  expect_one_line(rec, 2, "cannot write /nonexistent/x.sched: No such file or directory");
  EXPECT_EQ(rec.out, "") << "the run did not start";
  const command_result dir =
      pavp_cmd({"run", "--fix", "none", "--json", fs::temp_directory_path().string()});
  expect_one_line(dir, 2, "Is a directory");
  EXPECT_EQ(dir.out, "");
  const command_result trace = pavp_cmd({"run", "--fix", "none", "--trace", "/nonexistent/t"});
  expect_one_line(trace, 2, "cannot write /nonexistent/t");
  // A device that refuses the bytes: the run happens, its file is lost, and
  // the exit status says so.
  if (fs::exists(pavp::default_kernel_path())) {
    const command_result full = pavp_cmd({"run", "--fix", "none", "--json", "/dev/full"});
    EXPECT_EQ(full.exit_code, 1) << full.err;
    EXPECT_NE(full.err.find("pavp: cannot write /dev/full: No space left on device"),
              std::string::npos)
        << full.err;
    for (const char* option : {"--trace", "--perfetto"}) {
      const command_result lost = pavp_cmd({"run", "--fix", "none", option, "/dev/full"});
      EXPECT_EQ(lost.exit_code, 1) << option << lost.err;
      EXPECT_NE(lost.err.find("pavp: cannot write /dev/full"), std::string::npos) << lost.err;
    }
  }
}

}  // namespace

namespace {

// A run the tool or its input ended is outcome `error`, with its cause, and
// a failure of the command; never `hang` or `corrupted`.
TEST(error_outcome, a_run_that_cannot_boot_a_limit_or_a_short_replay_is_an_error) {
  if (!fs::exists(pavp::default_kernel_path())) GTEST_SKIP() << "no firmware kernel";
  const pavp::test::temp_dir tmp("pavp_error_outcome");
  const fs::path replay = tmp / "short.sched";
  std::ofstream(replay) << "1 2 1\n";
  const struct {
    std::vector<std::string> args;
    std::string cause;
  } cases[] = {
      {{"--set", "dram.size=1M"}, "a bus error in the kernel (is dram.size large enough?)"},
      {{"--set", "limits.instructions=100000"}, "instruction limit (100000 instructions)"},
      {{"--schedule", "replay:" + replay.string()}, "decision(s) and ran out"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"run", "--fix", "none"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    SCOPED_TRACE(c.args.back());
    const command_result r = pavp_cmd(args);
    expect_one_line(r, 1, "pavp: the run ended in error: ");
    EXPECT_NE(r.err.find(c.cause), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("  outcome             error\n"), std::string::npos) << r.out;
  }
}

TEST(error_outcome, a_study_counts_errors_apart_and_fails_naming_the_first) {
  if (!fs::exists(pavp::default_kernel_path())) GTEST_SKIP() << "no firmware kernel";
  const pavp::test::temp_dir tmp("pavp_error_study");
  const fs::path out = tmp / "study";
  const command_result r =
      pavp_cmd({"study", "--preset", "pa8500", "--fix", "none", "--schedules", "1", "--placements",
                "1", "--set", "limits.instructions=1000000", "--out", out.string()});
  expect_one_line(r, 1, "4 of 4 runs ended in error");
  EXPECT_NE(r.err.find("the first: preset pa8500, fix none, schedule seed"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("errors"), std::string::npos) << r.out;
  std::ifstream in(out / "study.json");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"error\": 4"), std::string::npos) << "the summary counts them";
  EXPECT_NE(text.str().find("\"verdict\": \"error\""), std::string::npos);
}

}  // namespace

namespace {

// SystemC's reports go to standard error as one line, not into the results.
TEST(bad_input, model_warnings_are_one_line_on_standard_error) {
  if (!fs::exists(pavp::default_kernel_path())) GTEST_SKIP() << "no firmware kernel";
  const command_result r = pavp_cmd({"run", "--fix", "none", "--set", "dram.size=3840M"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("Warning"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.rfind("pavp run: fix none", 0), 0u) << r.out;
  expect_one_line(r, 0, "pavp: warning: pavp/dram: board.dram: size 4026531840 exceeds");
}

}  // namespace
