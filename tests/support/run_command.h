// Runs a program as a child process and captures what it writes: the test
// benches that run the `pavp` binary, qemu-hppa or qemu-system-hppa.
//
//   const pavp::test::command_result r = pavp::test::run_command({PAVP_BINARY, "--version"});
//   EXPECT_EQ(r.exit_code, 0) << r.err;
#ifndef PAVP_TESTS_RUN_COMMAND_H
#define PAVP_TESTS_RUN_COMMAND_H

#include <string>
#include <vector>

namespace pavp::test {

// How a command ended and what it wrote.
struct command_result {
  int exit_code = -1;  // its exit status; -1 when a signal ended it or it could not run
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs argv (argv[0] is looked up in PATH) through the shell, every word
// quoted, with stdout and stderr captured; stdin and the environment are the
// caller's. Prefix "env", "-u", "NAME" to run without a variable.
command_result run_command(const std::vector<std::string>& argv);

}  // namespace pavp::test

#endif  // PAVP_TESTS_RUN_COMMAND_H
