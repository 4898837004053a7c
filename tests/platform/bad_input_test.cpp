// The `pavp` command on hostile input and lost output: a clear line and a
// non-zero exit status, never a crash, a hang or a success with the output
// gone.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "platform/study/firmware_run.h"
#include "run_command.h"

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
  const fs::path p = fs::temp_directory_path() / "pavp_deep.json";
  {
    std::ofstream out(p);
    for (int i = 0; i < 10000; ++i) out << "{\"a\":";
    out << "1";
    for (int i = 0; i < 10000; ++i) out << "}";
  }
  expect_one_line(pavp_cmd({"config", "--config", p.string()}), 2, "nested more than 32 levels");
  fs::remove(p);
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
  }
}

}  // namespace
