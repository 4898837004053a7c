/*
 * nptl_fork: the seed's race in glibc's own code. Plain POSIX C, built with
 * hppa-linux-gnu-gcc-12 -O2 -static -pthread; it knows nothing of pavp.
 *
 * Churner threads create short-lived threads and join them in a loop, so
 * thread descriptors keep moving between NPTL's lists (nptl/nptl-stack.c:
 * a joined thread's stack goes from stack_used to stack_cache, a new
 * thread's from stack_cache back to stack_used, each move announced in
 * in_flight_stack). Meanwhile the main thread forks. Each child creates a
 * thread of its own -- which takes a descriptor from the lists its fork
 * copied and __reclaim_stacks repaired (sysdeps/nptl/fork.h) -- joins it and
 * exits 0 if everything went as POSIX says, non-zero otherwise. The parent
 * checks every child and its own threads and exits 0 only if all is well.
 *
 *   nptl_fork [forks [child-threads]]
 *     forks          children to fork, one after another (default 3)
 *     child-threads  threads each child creates and joins (default 1; 0 to
 *                    skip, for emulators that cannot create a thread in the
 *                    child of a process whose other threads were running)
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHURNERS 2
#define ROUNDS 6

static volatile int stop_churning;

/* A thread that ends at once: joining it sends its stack to stack_cache. */
static void *leaf(void *arg) { return arg; }

/* Creates and joins leaf threads until told to stop (at least ROUNDS
 * times). Returns 0, or the round that went wrong plus one. */
static void *churner(void *arg)
{
  (void)arg;
  for (uintptr_t round = 0; round < ROUNDS || !stop_churning; round++) {
    pthread_t t;
    void *r = NULL;
    if (pthread_create(&t, NULL, leaf, (void *)(round + 100)) != 0) return (void *)(round + 1);
    if (pthread_join(t, &r) != 0 || r != (void *)(round + 100)) return (void *)(round + 1);
    if (round > 1000) break; /* a bound, should the main thread never get to run */
  }
  return NULL;
}

/* In the child: create and join `threads` threads. 0 if all went well. */
static int child_main(int threads)
{
  for (int i = 0; i < threads; i++) {
    pthread_t t;
    void *r = NULL;
    if (pthread_create(&t, NULL, leaf, (void *)(uintptr_t)(7 + i)) != 0) return 2;
    if (pthread_join(t, &r) != 0 || r != (void *)(uintptr_t)(7 + i)) return 3;
  }
  return 0;
}

int main(int argc, char **argv)
{
  const int forks = argc > 1 ? atoi(argv[1]) : 3;
  const int child_threads = argc > 2 ? atoi(argv[2]) : 1;
  pthread_t churners[CHURNERS];
  int failures = 0;

  for (int i = 0; i < CHURNERS; i++) {
    if (pthread_create(&churners[i], NULL, churner, NULL) != 0) {
      printf("nptl_fork: pthread_create: %s\n", strerror(errno));
      return 1;
    }
  }
  for (int f = 0; f < forks; f++) {
    fflush(stdout);
    const pid_t pid = fork();
    if (pid < 0) {
      printf("nptl_fork: fork: %s\n", strerror(errno));
      failures++;
      continue;
    }
    if (pid == 0) _exit(child_main(child_threads));
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) {
      printf("nptl_fork: waitpid: %s\n", strerror(errno));
      failures++;
    } else if (WIFSIGNALED(status)) {
      printf("nptl_fork: child %d killed by signal %d\n", f, WTERMSIG(status));
      failures++;
    } else if (WEXITSTATUS(status) != 0) {
      printf("nptl_fork: child %d exited with status %d\n", f, WEXITSTATUS(status));
      failures++;
    }
  }
  stop_churning = 1;
  for (int i = 0; i < CHURNERS; i++) {
    void *r = NULL;
    if (pthread_join(churners[i], &r) != 0 || r != NULL) {
      printf("nptl_fork: churner %d failed in round %d\n", i, (int)(uintptr_t)r - 1);
      failures++;
    }
  }
  printf("nptl_fork: %d forks with %d churning threads, %d child threads each: %s\n", forks,
         CHURNERS, child_threads, failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
