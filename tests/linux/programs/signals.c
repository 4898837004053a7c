/*
 * signals: what the kernel does with signals a process sends itself or
 * takes from a fault (the default actions: no handler is installed).
 *
 * Checks: children ended by abort() (SIGABRT), a store through NULL
 * (SIGSEGV), an integer division by zero (SIGFPE: the millicode's
 * conditional trap), raise(SIGUSR1), kill(getpid(), SIGTERM) and
 * raise(SIGKILL), each seen by the parent as WIFSIGNALED with that signal;
 * signals whose default action is to ignore (SIGCHLD, SIGWINCH, SIGURG,
 * SIGCONT) raised by the process itself change nothing; kill(getpid(), 0),
 * tgkill and tkill of itself with signal 0 are 0; tgkill of a tid not in
 * the process is ESRCH; signal 65 is EINVAL; kill(pid, 0) of a child that has ended but is not yet reaped is 0
 * (it exists, as a zombie); sigaction and sigprocmask calls succeed.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

/* ----------------------------------------------------------- signals */

enum ending { ABORT, NULL_STORE, DIVIDE, USR1, TERM, KILL, CHLD };

static int end_child(enum ending e)
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    volatile int zero = 0, x = 5;
    volatile int *volatile nowhere = NULL;
    switch (e) {
    case ABORT: abort();
    case NULL_STORE: *nowhere = 1; break;
    case DIVIDE: x = x / zero; break;
    case USR1: raise(SIGUSR1); break;
    case TERM: kill(getpid(), SIGTERM); break;
    case KILL: raise(SIGKILL); break;
    case CHLD:
      if (raise(SIGCHLD) != 0) _exit(1);
      _exit(4);
    }
    _exit(100 + x);
  }
  int status = -1;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  return status;
}

static void signals(void)
{
  static const struct {
    enum ending e;
    const char *what;
    int signal;
  } cases[] = {
      {ABORT, "abort()", SIGABRT},
      {NULL_STORE, "a store through NULL", SIGSEGV},
      {DIVIDE, "an integer division by zero", SIGFPE},
      {USR1, "raise(SIGUSR1)", SIGUSR1},
      {TERM, "kill(getpid(), SIGTERM)", SIGTERM},
      {KILL, "raise(SIGKILL)", SIGKILL},
  };
  char line[120];
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int status = end_child(cases[i].e);
    snprintf(line, sizeof line, "child ended by %s: %s", cases[i].what, how(status));
    check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == cases[i].signal, line);
  }
  int status = end_child(CHLD);
  snprintf(line, sizeof line, "child's raise(SIGCHLD) is ignored: %s", how(status));
  check(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 4, line);

  /* a child that never ends on its own, ended by its parent's kill */
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    for (;;) sched_yield();
  }
  status = -1;
  int sent = pid > 0 ? kill(pid, SIGTERM) : -1;
  if (pid > 0 && waitpid(pid, &status, 0) != pid) status = -1;
  snprintf(line, sizeof line, "child ended by its parent's kill(pid, SIGTERM): %s", how(status));
  check(sent == 0 && status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, line);
}

/* signals with an ignoring default action, sent to the process itself */
static void ignored(void)
{
  check(kill(getpid(), 0) == 0, "kill(getpid(), 0): 0");
  const pid_t me = getpid(), my_tid = (pid_t)syscall(SYS_gettid);
  check(syscall(SYS_tgkill, me, my_tid, 0) == 0 && syscall(SYS_tkill, my_tid, 0) == 0,
        "tgkill and tkill of itself with signal 0: 0");
  errno = 0;
  int ok = syscall(SYS_tgkill, me, my_tid + 100000, 0) == -1 && errno == ESRCH;
  check(ok, "tgkill of a thread not in the process: ESRCH");
  errno = 0;
  ok = kill(me, 65) == -1 && errno == EINVAL;
  check(ok, "kill(getpid(), 65): EINVAL");
  check(syscall(SYS_tgkill, me, my_tid, SIGCHLD) == 0, "tgkill of itself with SIGCHLD: ignored");
  ok = raise(SIGCHLD) == 0 && kill(getpid(), SIGWINCH) == 0 && kill(getpid(), SIGURG) == 0 &&
           kill(getpid(), SIGCONT) == 0;
  check(ok, "SIGCHLD, SIGWINCH, SIGURG, SIGCONT to itself: ignored");

  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_IGN;
  sigemptyset(&sa.sa_mask);
  ok = sigaction(SIGUSR2, &sa, &old) == 0 && old.sa_handler == SIG_DFL;
  check(ok, "sigaction(SIGUSR2, SIG_IGN): 0, the old action SIG_DFL");
  sigset_t set, before;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  ok = sigprocmask(SIG_BLOCK, &set, &before) == 0 && !sigismember(&before, SIGUSR1);
  ok &= sigprocmask(SIG_SETMASK, &before, NULL) == 0;
  check(ok, "sigprocmask: 0, SIGUSR1 not blocked before");

  /* a child that has ended but is not reaped still exists */
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  int status = -1;
  for (int i = 0; i < 200; i++) sched_yield(); /* it has probably ended; it exists either way */
  errno = 0;
  ok = pid > 0 && kill(pid, 0) == 0;
  char line[100];
  snprintf(line, sizeof line, "kill(child, 0) before it is reaped: %s", ok ? "0" : strerror(errno));
  check(ok, line);
  ok = waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  check(ok, "the child: exit 0");
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0); /* nothing buffered to be duplicated by fork */
  signals();
  ignored();
  printf("signals: %d failed\n", failures);
  return failures;
}
