/*
 * processes: fork, exit, wait4/waitpid, and process ids.
 *
 * Checks: getpid() == gettid() in the main thread, a thread's tid differs
 * and its getpid() does not; children's exit codes as waitpid and wait4
 * report them (WIFEXITED, WEXITSTATUS, only the low 8 bits of exit's
 * argument), reaped in the reverse order of their creation; wait() for any
 * child collecting every child once; ECHILD when nothing is left to wait
 * for, with and without WNOHANG, and for a child already reaped;
 * waitpid(WNOHANG) while a child is still running returns 0 (the child
 * first calls sched_yield a thousand times); copy-on-write memory after
 * fork, static and heap, writes in both processes; a child that leaves an
 * orphaned grandchild. (signals.c: children ended by signals; fork_threads.c:
 * processes with threads.)
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

/* ------------------------------------------------------------ ids */

static pid_t main_pid;
static void *ids_thread(void *arg)
{
  (void)arg;
  return (void *)(intptr_t)(getpid() == main_pid && tid() != main_pid && tid() > 0);
}

static void ids(void)
{
  main_pid = getpid();
  check(main_pid > 0 && tid() == main_pid, "main thread: gettid() == getpid()");
  pthread_t t;
  void *r = NULL;
  int ok = pthread_create(&t, NULL, ids_thread, NULL) == 0 && pthread_join(t, &r) == 0;
  check(ok && r == (void *)1, "second thread: same getpid(), a gettid() of its own");
}

/* ------------------------------------------------------- exit codes */

static void exit_codes(void)
{
  static const int codes[] = {0, 42, 256 + 7};
  enum { N = sizeof codes / sizeof codes[0] };
  pid_t pids[N];
  for (int i = 0; i < N; i++) {
    pids[i] = fork();
    if (pids[i] == 0) exit(codes[i]);
  }
  char line[100];
  for (int i = N - 1; i >= 0; i--) {
    int status = -1, ok;
    if (i == 1) { /* wait4, with a struct rusage to fill */
      struct rusage ru;
      ok = pids[i] > 0 && wait4(pids[i], &status, 0, &ru) == pids[i];
      snprintf(line, sizeof line, "child exit(%d): wait4 with rusage says %s", codes[i], how(status));
    } else {
      ok = pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i];
      snprintf(line, sizeof line, "child exit(%d): waitpid says %s", codes[i], how(status));
    }
    check(ok && WIFEXITED(status) && WEXITSTATUS(status) == (codes[i] & 0xff), line);
  }

  /* wait() for any child: each one exactly once */
  int status = -1, ok, seen = 0;
  for (int i = 0; i < 2; i++)
    if (fork() == 0) _exit(10 + i);
  for (int i = 0; i < 2; i++) {
    status = -1;
    pid_t w = wait(&status);
    if (w > 0 && WIFEXITED(status) && WEXITSTATUS(status) >= 10 && WEXITSTATUS(status) < 12)
      seen |= 1 << (WEXITSTATUS(status) - 10);
  }
  errno = 0;
  ok = wait(&status) == -1 && errno == ECHILD;
  check(seen == 3, "wait() collects two children, each once");
  check(ok, "wait() with no child left: ECHILD");
  errno = 0;
  ok = waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
  check(ok, "waitpid(-1, WNOHANG) with no child: ECHILD");
  errno = 0;
  ok = waitpid(pids[0], &status, 0) == -1 && errno == ECHILD;
  check(ok, "waitpid of a child already reaped: ECHILD");
}

/* ----------------------------------------------------------- WNOHANG */

static void nohang(void)
{
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < 1000; i++) sched_yield();
    _exit(3);
  }
  int status = -1;
  pid_t early = waitpid(pid, &status, WNOHANG);
  check(early == 0, "waitpid(WNOHANG) while the child still runs: 0");
  pid_t late = waitpid(pid, &status, 0);
  check(late == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3, "then waitpid: the child's exit 3");
}

/* ------------------------------------------------------ copy on write */

static volatile int shared_value = 1000;
static int heap_check(void)
{
  int *p = malloc(64 * sizeof *p);
  for (int i = 0; i < 64; i++) p[i] = i;
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int ok = shared_value == 1000 && p[10] == 10;
    shared_value = 2000;
    p[10] = -1;
    for (int i = 0; i < 200; i++) sched_yield(); /* give the parent time to write too */
    ok &= shared_value == 2000 && p[10] == -1 && p[11] == 11;
    _exit(ok ? 0 : 1);
  }
  shared_value = 3000;
  p[11] = -2;
  int status = -1;
  int ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  ok &= shared_value == 3000 && p[10] == 10 && p[11] == -2;
  free(p);
  return ok;
}

/* ------------------------------------------------------------ orphans */

static void orphan(void)
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    pid_t grandchild = fork();
    if (grandchild == 0) {
      for (int i = 0; i < 50; i++) sched_yield();
      _exit(0); /* reparented by now or soon; nobody here waits for it */
    }
    _exit(grandchild > 0 ? 5 : 6);
  }
  int status = -1;
  int ok = pid > 0 && waitpid(pid, &status, 0) == pid;
  check(ok && WIFEXITED(status) && WEXITSTATUS(status) == 5, "child that leaves an orphaned grandchild: exit 5");
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0); /* nothing buffered to be duplicated by fork */
  ids();
  exit_codes();
  nohang();
  check(heap_check(), "after fork, each process's writes stay its own");
  orphan();
  printf("processes: %d failed\n", failures);
  return failures;
}
