// Runs independent simulations in parallel, each in a process of its own.
//
// SystemC allows one elaboration and one simulation per process, so a study
// that runs many configurations forks a child for each run: the child builds
// its board, simulates, and sends back one string (JSON, typically) through
// a pipe. Up to `parallel` children run at once; results come back in job
// order, so the output does not depend on which child finished first.
//
// The parent must not have elaborated anything (no SystemC module built).
#ifndef PAVP_PLATFORM_STUDY_RUN_POOL_H
#define PAVP_PLATFORM_STUDY_RUN_POOL_H

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pavp {

struct run_outcome {
  bool ok = false;     // the child returned normally
  std::string output;  // what the job returned (ok) or why it failed (!ok)
};

// Called in the parent each time a job has ended: how many have, of how many.
using progress_fn = std::function<void(std::size_t done, std::size_t total)>;

// Each job runs in a forked child; a job that throws, crashes or exits early
// gives ok = false with a one-line reason. A new child starts as soon as any
// running one ends.
std::vector<run_outcome> run_isolated(const std::vector<std::function<std::string()>>& jobs,
                                      unsigned parallel, const progress_fn& progress = nullptr);

// Branches the running program at this point: forks `count` children, up to
// `parallel` at once. In a child, returns its branch index (0..count-1); the
// child goes on from here (in a simulation: with the state the parent had at
// the call) and must end with finish_branch(). In the parent, returns -1
// once every child has ended, with their outcomes in index order in
// `outcomes` (a child that crashes or exits otherwise gives ok = false).
// This is how a study runs many simulations that share a prefix: it
// simulates the prefix once and branches where they start to differ.
int fork_branches(std::size_t count, unsigned parallel, std::vector<run_outcome>& outcomes);

// A child of spawn_branches, to be collected later.
struct pending_branch {
  int pid = -1;
  int fd = -1;
};

// Like fork_branches, but the parent does not wait: it gets the children
// back in `pending` (index order) and goes on; collect_branch() reads one's
// result and reaps it. A child writes into its pipe and may block there until
// its parent collects it. In a child, returns its index, as fork_branches.
int spawn_branches(std::size_t count, std::vector<pending_branch>& pending);
run_outcome collect_branch(pending_branch& b);

// Ends a branch child (fork_branches, spawn_branches) with its result (ok)
// or the reason it failed (!ok). Outside a branch child it throws
// std::logic_error.
[[noreturn]] void finish_branch(bool ok, const std::string& output);

// True in a child of fork_branches.
bool in_branch();

// Ctrl-C (SIGINT) and SIGTERM during a command's simulations: after
// catch_interrupts(), the signal is noted instead of ending the process; the
// pools above then stop every child they started (each leads a process group
// of its own, so its own children go with it), reap them and throw
// `interrupted`, naming how many of their jobs had ended. Nothing half
// written is left: the commands write their files only at the end, each
// whole or not at all. Children do not inherit the handlers.
struct interrupted : std::runtime_error {
  interrupted(int signal_number, const std::string& what)
      : std::runtime_error(what), signal(signal_number) {}
  int signal;
};
void catch_interrupts();
// The signal caught (SIGINT, SIGTERM), or 0.
int interrupt_signal();

// Whether branches may run one after another in one process, each from the
// fork point's state put back (process_snapshot.h): yes unless the
// environment says PAVP_BRANCHES=fork (a process for every branch).
bool branches_in_process();

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_RUN_POOL_H
