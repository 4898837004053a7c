// Runs independent simulations in parallel, each in a process of its own.
//
// SystemC allows one elaboration and one simulation per process, so a study
// that runs many configurations forks a child for each run: the child builds
// its board, simulates, and sends back one string (JSON, typically) through
// a pipe. Up to `parallel` children run at once; results come back in job
// order, so the output does not depend on which child finished first.
//
// The parent must not have elaborated anything (no SystemC module built).
#ifndef PAVP_PLATFORM_RUN_POOL_H
#define PAVP_PLATFORM_RUN_POOL_H

#include <functional>
#include <string>
#include <vector>

namespace pavp {

struct run_outcome {
  bool ok = false;     // the child returned normally
  std::string output;  // what the job returned (ok) or why it failed (!ok)
};

// Each job runs in a forked child; a job that throws, crashes or exits early
// gives ok = false with a one-line reason.
std::vector<run_outcome> run_isolated(const std::vector<std::function<std::string()>>& jobs,
                                      unsigned parallel);

}  // namespace pavp

#endif  // PAVP_PLATFORM_RUN_POOL_H
