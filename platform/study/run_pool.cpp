#include "platform/study/run_pool.h"

#include "platform/study/branch_heap.h"
#include "platform/study/process_snapshot.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace pavp {

namespace {

// catch_interrupts(): the signal noted, and whether this process is the one
// that catches (its pool children then lead process groups of their own).
volatile std::sig_atomic_t g_interrupt = 0;
bool g_catching = false;
// Branches spawn_branches started in the catching process, not yet collected.
std::vector<pid_t> g_spawned;

void note_interrupt(int signal_number) {
  g_interrupt = signal_number;
}

struct child {
  pid_t pid = -1;
  int fd = -1;
  std::size_t job = 0;
  std::string data;
};

void write_all(int fd, const std::string& s) {
  const char* p = s.data();
  std::size_t left = s.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// First byte: 'R' result or 'E' error, then the text.
[[noreturn]] void deliver(int fd, bool ok, const std::string& output) {
  process_snapshot::release();  // any holder goes before this process is reaped
  write_all(fd, (ok ? "R" : "E") + output);
  std::fflush(stdout);
  std::fflush(stderr);
  ::close(fd);
  ::_exit(ok ? 0 : 1);
}

[[noreturn]] void child_main(const std::function<std::string()>& job, int fd) {
  std::string result;
  try {
    result = job();
  } catch (const std::exception& e) {
    deliver(fd, false, e.what());
  } catch (...) {
    deliver(fd, false, "unknown exception");
  }
  deliver(fd, true, result);
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // A child that did not end through deliver() or finish_branch() may have
  // left a holder (process_snapshot::take_after_fork) sharing pages with this
  // process for a moment longer.
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) process_snapshot::distrust_shared_pages();
  return status;
}

// Why a child that gave no result ended, from its wait status.
std::string no_result(int status) {
  if (WIFSIGNALED(status)) {
    return std::string("run died with signal ") + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  }
  return "run ended without a result (exit status " +
         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
}

run_outcome finish(child& c) {
  const int status = reap(c.pid);
  run_outcome r;
  if (!c.data.empty() && c.data[0] == 'R' && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    r.ok = true;
    r.output = c.data.substr(1);
  } else if (!c.data.empty() && c.data[0] == 'E') {
    r.output = c.data.substr(1);
  } else {
    r.output = no_result(status);
  }
  return r;
}

// Forks with a pipe from the child to the parent. Returns the child's pid in
// the parent, with fd its read end; 0 in the child, with fd its write end.
pid_t fork_with_pipe(int& fd) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  ::close(fds[pid == 0 ? 0 : 1]);
  fd = fds[pid == 0 ? 1 : 0];
  if (g_catching) {
    // The child leads a process group of its own (set on both sides: no race),
    // so that stopping it stops its own children too; and it does not catch.
    ::setpgid(pid == 0 ? 0 : pid, pid == 0 ? 0 : pid);
    if (pid == 0) {
      g_catching = false;
      std::signal(SIGINT, SIG_DFL);
      std::signal(SIGTERM, SIG_DFL);
    }
  }
  if (pid == 0) {
    process_snapshot::forget();
    branch_heap::enter();
  }
  return pid;
}

// The write end of the pipe to the parent, in a child of fork_branches.
int g_branch_fd = -1;

// Reads whichever of `running` (each with fd and data) have written, into
// their data, calling on_data(c) after each read; a child whose pipe is at
// its end has ended: its fd is closed and on_end(i) called, from the last
// index down, so that on_end may erase it.
// Throws `interrupted` for the signal caught: "interrupted by SIGINT <how far>".
[[noreturn]] void throw_interrupted(const std::string& how_far) {
  const int sig = g_interrupt;
  const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
  throw interrupted(sig, "interrupted by " + name + " " + how_far);
}

// After an interrupt (catch_interrupts): stops the children and throws.
template <typename Child>
void stop_if_interrupted(std::vector<Child>& running, std::size_t done, std::size_t total) {
  if (g_interrupt == 0 || !g_catching) return;
  for (const Child& c : running) ::kill(-c.pid, SIGKILL);
  for (Child& c : running) {
    ::close(c.fd);
    reap(c.pid);
  }
  running.clear();
  if (total == 1) throw_interrupted("before the run ended; nothing is written");
  throw_interrupted("after " + std::to_string(done) + " of " + std::to_string(total) +
                    " simulation groups; their results are not written");
}

template <typename Child, typename OnData, typename OnEnd>
void read_children(std::vector<Child>& running, OnData on_data, OnEnd on_end) {
  std::vector<pollfd> polled;
  for (const Child& c : running) polled.push_back({c.fd, POLLIN, 0});
  if (::poll(polled.data(), polled.size(), -1) < 0) {
    if (errno == EINTR) return;
    throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
  }
  for (std::size_t i = polled.size(); i-- > 0;) {
    if (polled[i].revents == 0) continue;
    Child& c = running[i];
    char buf[65536];
    const ssize_t n = ::read(c.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) {
      c.data.append(buf, static_cast<std::size_t>(n));
      on_data(c);
      continue;
    }
    ::close(c.fd);
    on_end(i);
  }
}

// Forks children 0..count-1, up to `parallel` at once, and collects their
// outputs in index order; a new child starts as soon as any running one has
// ended. In a child, `enter(index, fd)` runs; if it returns, so does pool()
// (with the index): the child goes on from the fork point.
template <typename Enter>
int pool(std::size_t count, unsigned parallel, std::vector<run_outcome>& results, Enter enter,
         const progress_fn& progress = nullptr) {
  if (parallel == 0) parallel = 1;
  results.assign(count, run_outcome{});
  std::vector<child> running;
  std::size_t next = 0, done = 0;
  std::fflush(stdout);
  std::fflush(stderr);
  while (next < count || !running.empty()) {
    while (next < count && running.size() < parallel) {
      int fd = -1;
      const pid_t pid = fork_with_pipe(fd);
      if (pid == 0) {
        for (const child& sibling : running) ::close(sibling.fd);
        enter(next, fd);
        return static_cast<int>(next);
      }
      running.push_back({pid, fd, next, {}});
      ++next;
    }
    stop_if_interrupted(running, done, count);
    read_children(
        running, [](child&) {},
        [&](std::size_t i) {
          child& c = running[i];
          results[c.job] = finish(c);
          running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
          ++done;
          if (progress) progress(done, count);
        });
    stop_if_interrupted(running, done, count);
  }
  return -1;
}

}  // namespace

std::vector<run_outcome> run_isolated(const std::vector<std::function<std::string()>>& jobs,
                                      unsigned parallel, const progress_fn& progress) {
  std::vector<run_outcome> results;
  pool(
      jobs.size(), parallel, results,
      [&](std::size_t index, int fd) { child_main(jobs[index], fd); }, progress);
  return results;
}

// ---- branch workers --------------------------------------------------------
namespace {

// fork_branches runs its branches in worker processes, each of which runs a
// list of them one after another from the fork point (process_snapshot.h)
// and sends each result as a frame: 'F', the branch index (4 bytes), ok (1
// byte), the length (8 bytes), the text.

// In a worker: its branches, and which of them runs now.
std::vector<std::size_t> g_worker_jobs;
std::size_t g_worker_at = 0;
bool g_worker = false;

struct worker {
  pid_t pid = -1;
  int fd = -1;
  std::vector<std::size_t> jobs;
  std::string data;
  std::size_t delivered = 0;
};

// Workers pay for their snapshot (a copy of the heap, the stacks and the
// libraries' data: about 5 MB in a firmware run) what forks pay for about
// one branch, so a fork with few branches (an exploration's decision where
// no snapshot of its own could be taken: two or three) forks a process for
// each. PAVP_BRANCHES=fork forks for every branch, as pavp did before
// workers (for comparison, and as a way out).
constexpr std::size_t MIN_WORKER_BRANCHES = 4;

bool branches_in_workers(std::size_t count) {
  return count >= MIN_WORKER_BRANCHES && branches_in_process();
}

void write_frame(int fd, std::size_t index, bool ok, const std::string& output) {
  std::string frame(1 + 4 + 1 + 8, 'F');
  const auto index32 = static_cast<std::uint32_t>(index);
  const std::uint64_t len = output.size();
  std::memcpy(&frame[1], &index32, 4);
  frame[5] = ok ? 1 : 0;
  std::memcpy(&frame[6], &len, 8);
  write_all(fd, frame);
  write_all(fd, output);
}

// Takes the complete frames off the front of w.data.
void read_frames(worker& w, std::vector<run_outcome>& results, std::vector<bool>& have) {
  std::size_t at = 0;
  while (w.data.size() - at >= 14) {
    std::uint32_t index = 0;
    std::uint64_t len = 0;
    std::memcpy(&index, &w.data[at + 1], 4);
    std::memcpy(&len, &w.data[at + 6], 8);
    if (w.data[at] != 'F' || index >= results.size()) {
      throw std::logic_error("fork_branches: a worker sent a malformed frame");
    }
    if (w.data.size() - at - 14 < len) break;
    results[index].ok = w.data[at + 5] != 0;
    results[index].output = w.data.substr(at + 14, len);
    have[index] = true;
    ++w.delivered;
    at += 14 + len;
  }
  w.data.erase(0, at);
}

// The worker's side of a fork: records the state, and returns the branch to
// run first (then, after each resume, the next one).
std::size_t start_worker(const std::vector<std::size_t>& jobs, int fd) {
  if (g_branch_fd >= 0) ::close(g_branch_fd);  // a branch of a branch answers its own parent
  g_branch_fd = fd;
  g_worker = true;
  g_worker_jobs = jobs;
  const int at = process_snapshot::take_after_fork();
  g_worker_at = at > 0 ? static_cast<std::size_t>(at) : 0;
  return g_worker_jobs[g_worker_at];
}

int branch_workers(std::size_t count, unsigned parallel, std::vector<run_outcome>& results) {
  results.assign(count, run_outcome{});
  std::vector<bool> have(count, false);
  const std::size_t n = std::max<std::size_t>(1, std::min<std::size_t>(parallel, count));
  std::vector<std::vector<std::size_t>> waiting;  // job lists without a worker yet
  for (std::size_t w = 0; w < n; ++w) {
    std::vector<std::size_t> jobs;
    for (std::size_t i = w; i < count; i += n) jobs.push_back(i);
    if (!jobs.empty()) waiting.push_back(std::move(jobs));
  }
  std::vector<worker> running;
  std::fflush(stdout);
  std::fflush(stderr);
  while (!waiting.empty() || !running.empty()) {
    while (!waiting.empty() && running.size() < n) {
      std::vector<std::size_t> jobs = std::move(waiting.front());
      waiting.erase(waiting.begin());
      int fd = -1;
      const pid_t pid = fork_with_pipe(fd);
      if (pid == 0) {
        for (const worker& sibling : running) ::close(sibling.fd);
        return static_cast<int>(start_worker(jobs, fd));
      }
      running.push_back({pid, fd, std::move(jobs), {}, 0});
    }
    stop_if_interrupted(
        running, static_cast<std::size_t>(std::count(have.begin(), have.end(), true)), count);
    read_children(
        running, [&](worker& w) { read_frames(w, results, have); },
        [&](std::size_t i) {
          worker& w = running[i];
          const int status = reap(w.pid);
          // Branches the worker did not answer: the one it was running when it
          // died fails with the reason; the others go to a new worker. A worker
          // that could not go on (no snapshot, a mapping gone) ends normally
          // after its answers, and its remaining branches go to a new one.
          std::vector<std::size_t> left;
          for (const std::size_t job : w.jobs) {
            if (!have[job]) left.push_back(job);
          }
          const bool died = !WIFEXITED(status) || WEXITSTATUS(status) != 0 || w.delivered == 0;
          if (!left.empty() && died) {
            results[left.front()].output = no_result(status);
            have[left.front()] = true;
            left.erase(left.begin());
          }
          if (!left.empty()) waiting.insert(waiting.begin(), std::move(left));
          running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        });
  }
  return -1;
}

}  // namespace

int fork_branches(std::size_t count, unsigned parallel, std::vector<run_outcome>& outcomes) {
  if (branches_in_workers(count)) return branch_workers(count, parallel, outcomes);
  return pool(count, parallel, outcomes, [](std::size_t, int fd) {
    if (g_branch_fd >= 0) ::close(g_branch_fd);  // a branch of a branch answers its own parent
    g_branch_fd = fd;
    g_worker = false;
  });
}

int spawn_branches(std::size_t count, std::vector<pending_branch>& pending) {
  pending.clear();
  std::fflush(stdout);
  std::fflush(stderr);
  for (std::size_t i = 0; i < count; ++i) {
    int fd = -1;
    const pid_t pid = fork_with_pipe(fd);
    if (pid == 0) {
      for (const pending_branch& sibling : pending) ::close(sibling.fd);
      g_branch_fd = fd;
      g_worker = false;
      return static_cast<int>(i);
    }
    pending.push_back({pid, fd});
    if (g_catching) g_spawned.push_back(pid);
  }
  return -1;
}

run_outcome collect_branch(pending_branch& b) {
  child c{b.pid, b.fd, 0, {}};
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(c.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) {
      if (g_interrupt != 0 && g_catching) {
        // Every branch spawned and not yet collected stops with this one.
        for (const pid_t pid : g_spawned) ::kill(-pid, SIGKILL);
        for (const pid_t pid : g_spawned) reap(pid);
        g_spawned.clear();
        throw_interrupted("before the branches ended; the schedules run so far are not written");
      }
      continue;
    }
    if (n <= 0) break;
    c.data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(c.fd);
  b.fd = -1;
  g_spawned.erase(std::remove(g_spawned.begin(), g_spawned.end(), b.pid), g_spawned.end());
  return finish(c);
}

void finish_branch(bool ok, const std::string& output) {
  if (g_branch_fd < 0) throw std::logic_error("finish_branch outside a branch child");
  if (!g_worker) deliver(g_branch_fd, ok, output);
  write_frame(g_branch_fd, g_worker_jobs[g_worker_at], ok, output);
  // The next branch from the fork point, in this process; when there is
  // none, or the state cannot be put back (or was never recorded: resume()
  // says so), the worker ends here and its parent hands what is left to
  // another.
  if (g_worker_at + 1 < g_worker_jobs.size()) {
    process_snapshot::resume(static_cast<int>(g_worker_at + 1));
  }
  process_snapshot::release();  // the holder goes before this process is reaped
  std::fflush(stdout);
  std::fflush(stderr);
  ::close(g_branch_fd);
  ::_exit(0);
}

bool in_branch() {
  return g_branch_fd >= 0;
}

void catch_interrupts() {
  struct sigaction sa {};
  sa.sa_handler = note_interrupt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a waiting poll() returns to look at the flag
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  g_catching = true;
}

int interrupt_signal() {
  return g_interrupt;
}

bool branches_in_process() {
#ifdef PAVP_SANITIZE
  // A snapshot puts memory back behind AddressSanitizer's shadow: a process
  // for every branch instead.
  return false;
#endif
  const char* mode = std::getenv("PAVP_BRANCHES");
  return mode == nullptr || std::strcmp(mode, "fork") != 0;
}

}  // namespace pavp
