/*
 * fork_threads: processes with threads. A thread other than the main one
 * ending the process with exit(); a main thread leaving with pthread_exit
 * while another thread finishes the process (the leader stays until the
 * last thread has gone); fork while a second thread is running, the child
 * (which has only the forking thread) creating and joining threads of its
 * own from the thread lists its fork copied.
 *
 * args: 1
 *   The argument is the number of threads the child of the threaded fork
 *   creates and joins.
 * qemu-args: 0
 *   Debian 12's qemu-hppa 7.2 fails an assertion (plugins/core.c,
 *   qemu_plugin_vcpu_init_hook) when the child of a process whose other
 *   threads were running creates a thread, so under it the child creates
 *   none. The program prints the same either way.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

/* --------------------------------------------- processes with threads */

static volatile int spin_go;

static void *exit_from_thread(void *arg)
{
  for (int i = 0; i < 20; i++) sched_yield();
  exit((int)(intptr_t)arg);
}

static void *finish_later(void *arg)
{
  for (int i = 0; i < 20; i++) sched_yield();
  spin_go = (int)(intptr_t)arg; /* in the child's own memory */
  return NULL;
}

static void *leaf(void *arg) { return arg; }

static void *spinner(void *arg)
{
  (void)arg;
  intptr_t turns = 0;
  while (!spin_go) {
    sched_yield();
    turns++;
  }
  return (void *)(intptr_t)(turns >= 0);
}

static void threaded_processes(int child_threads)
{
  char line[120];
  /* a child's second thread calls exit(9) while main waits in pthread_join */
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t t;
    if (pthread_create(&t, NULL, exit_from_thread, (void *)9) != 0) _exit(1);
    pthread_join(t, NULL);
    _exit(2);
  }
  int status = -1;
  int ok = pid > 0 && waitpid(pid, &status, 0) == pid;
  snprintf(line, sizeof line, "child whose second thread calls exit(9): %s", how(status));
  check(ok && WIFEXITED(status) && WEXITSTATUS(status) == 9, line);

  /* the child's main thread leaves with pthread_exit; the other thread
   * finishes, and with it the process (exit status 0) */
  pid = fork();
  if (pid == 0) {
    pthread_t t;
    if (pthread_create(&t, NULL, finish_later, (void *)1) != 0) _exit(1);
    pthread_exit(NULL);
  }
  status = -1;
  ok = pid > 0 && waitpid(pid, &status, 0) == pid;
  snprintf(line, sizeof line, "child whose main thread calls pthread_exit first: %s", how(status));
  check(ok && WIFEXITED(status) && WEXITSTATUS(status) == 0, line);

  /* fork while a second thread runs; the child makes threads of its own */
  pthread_t spin;
  spin_go = 0;
  if (pthread_create(&spin, NULL, spinner, NULL) != 0) {
    check(0, "pthread_create of the spinning thread");
    return;
  }
  for (int i = 0; i < 5; i++) sched_yield();
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    int bad = 0;
    for (int i = 0; i < child_threads; i++) {
      pthread_t t;
      void *r = NULL;
      if (pthread_create(&t, NULL, leaf, (void *)(intptr_t)(50 + i)) != 0 || pthread_join(t, &r) != 0 ||
          r != (void *)(intptr_t)(50 + i))
        bad++;
    }
    _exit(bad == 0 && spin_go == 0 ? 0 : 10 + bad);
  }
  status = -1;
  ok = pid > 0 && waitpid(pid, &status, 0) == pid;
  spin_go = 1;
  void *r = NULL;
  ok &= pthread_join(spin, &r) == 0 && r == (void *)1;
  snprintf(line, sizeof line, "fork beside a running thread, the child's threads: %s", how(status));
  check(ok && WIFEXITED(status) && WEXITSTATUS(status) == 0, line);
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0); /* nothing buffered to be duplicated by fork */
  const int child_threads = argc > 1 ? atoi(argv[1]) : 1;
  threaded_processes(child_threads);
  printf("fork_threads: %d failed\n", failures);
  return failures;
}
