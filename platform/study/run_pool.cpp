#include "platform/study/run_pool.h"

#include "platform/study/branch_heap.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace pavp {

namespace {

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

run_outcome finish(child& c) {
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  run_outcome r;
  if (!c.data.empty() && c.data[0] == 'R' && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    r.ok = true;
    r.output = c.data.substr(1);
  } else if (!c.data.empty() && c.data[0] == 'E') {
    r.output = c.data.substr(1);
  } else if (WIFSIGNALED(status)) {
    r.output = std::string("run died with signal ") + std::to_string(WTERMSIG(status)) + " (" +
               ::strsignal(WTERMSIG(status)) + ")";
  } else {
    r.output = "run ended without a result (exit status " +
               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
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
  if (pid == 0) branch_heap::enter();
  return pid;
}

// The write end of the pipe to the parent, in a child of fork_branches.
int g_branch_fd = -1;

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
    // Read whichever children have written; a child whose pipe is at its end
    // has ended.
    std::vector<pollfd> polled;
    for (const child& c : running) polled.push_back({c.fd, POLLIN, 0});
    if (::poll(polled.data(), polled.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t i = polled.size(); i-- > 0;) {
      if (polled[i].revents == 0) continue;
      child& c = running[i];
      char buf[65536];
      const ssize_t n = ::read(c.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        c.data.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      ::close(c.fd);
      results[c.job] = finish(c);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      ++done;
      if (progress) progress(done, count);
    }
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

int fork_branches(std::size_t count, unsigned parallel, std::vector<run_outcome>& outcomes) {
  return pool(count, parallel, outcomes, [](std::size_t, int fd) {
    if (g_branch_fd >= 0) ::close(g_branch_fd);  // a branch of a branch answers its own parent
    g_branch_fd = fd;
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
      return static_cast<int>(i);
    }
    pending.push_back({pid, fd});
  }
  return -1;
}

run_outcome collect_branch(pending_branch& b) {
  child c{b.pid, b.fd, 0, {}};
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(c.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    c.data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(c.fd);
  b.fd = -1;
  return finish(c);
}

void finish_branch(bool ok, const std::string& output) {
  if (g_branch_fd < 0) throw std::logic_error("finish_branch outside a branch child");
  deliver(g_branch_fd, ok, output);
}

bool in_branch() {
  return g_branch_fd >= 0;
}

}  // namespace pavp
