/*
 * sync: NPTL's synchronisation objects, all resting on futex(2) (WAIT,
 * WAKE, their PRIVATE forms and the BITSET ones), and futex(2) called
 * directly.
 *
 * Checks: a condition-variable ping-pong between two threads with a fixed
 * order of turns; semaphores stepping two threads in alternation, and
 * sem_trywait's EAGAIN; a barrier over several rounds (every thread
 * arrives before any leaves, one serial thread per wait); pthread_once
 * from several threads; trylock of a mutex another thread holds (EBUSY),
 * recursive and error-checking mutexes (EDEADLK, EPERM); a reader-writer
 * lock that readers never see mid-update; raw futex calls: EAGAIN when the
 * value differs, EINVAL for an unaligned word or a zero bitset, 0 woken
 * with no waiter, and FUTEX_WAKE_BITSET waking only the waiter whose
 * bitset it meets, then FUTEX_WAKE the other.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "checks.h"

/* ------------------------------------------------------- ping-pong */

#define TURNS 25
static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_turn; /* 0: ping's turn, 1: pong's */
static char pp_log[2 * TURNS + 1];
static int pp_len;

static void *ping_pong(void *arg)
{
  const int me = (int)(intptr_t)arg;
  for (int i = 0; i < TURNS; i++) {
    pthread_mutex_lock(&pp_lock);
    while (pp_turn != me) pthread_cond_wait(&pp_cond, &pp_lock);
    pp_log[pp_len++] = me ? 'o' : 'i';
    pp_turn = !me;
    pthread_cond_signal(&pp_cond);
    pthread_mutex_unlock(&pp_lock);
  }
  return NULL;
}

static void condvar_ping_pong(void)
{
  pthread_t a, b;
  int ok = pthread_create(&a, NULL, ping_pong, (void *)0) == 0;
  ok &= pthread_create(&b, NULL, ping_pong, (void *)1) == 0;
  ok &= pthread_join(a, NULL) == 0 && pthread_join(b, NULL) == 0;
  int alternate = pp_len == 2 * TURNS;
  for (int i = 0; i < pp_len; i++) alternate &= pp_log[i] == (i % 2 ? 'o' : 'i');
  char line[100];
  snprintf(line, sizeof line, "condition ping-pong: %d turns, starts \"%.8s\"", pp_len, pp_log);
  check(ok && alternate, line);
}

/* ------------------------------------------------------- semaphores */

static sem_t sem_a, sem_b;
#define SEM_STEPS 12
static int sem_seq[2 * SEM_STEPS], sem_n;

static void *sem_partner(void *arg)
{
  (void)arg;
  for (int i = 0; i < SEM_STEPS; i++) {
    sem_wait(&sem_a);
    sem_seq[sem_n++] = 2 * i + 1;
    sem_post(&sem_b);
  }
  return NULL;
}

static void semaphores(void)
{
  sem_init(&sem_a, 0, 0);
  sem_init(&sem_b, 0, 0);
  pthread_t t;
  int ok = pthread_create(&t, NULL, sem_partner, NULL) == 0;
  for (int i = 0; ok && i < SEM_STEPS; i++) {
    sem_seq[sem_n++] = 2 * i;
    sem_post(&sem_a);
    sem_wait(&sem_b);
  }
  ok &= pthread_join(t, NULL) == 0 && sem_n == 2 * SEM_STEPS;
  for (int i = 0; i < sem_n; i++) ok &= sem_seq[i] == i;
  int value = -1;
  ok &= sem_trywait(&sem_a) == -1 && errno == EAGAIN && sem_getvalue(&sem_b, &value) == 0 && value == 0;
  char line[100];
  snprintf(line, sizeof line, "semaphores: %d alternating steps, trywait EAGAIN", sem_n);
  check(ok, line);
}

/* ------------------------------------------------------- barrier, once */

#define BARRIER_THREADS 4
#define BARRIER_ROUNDS 3
static pthread_barrier_t barrier;
static int round_arrivals[BARRIER_ROUNDS];
static int round_seen[BARRIER_THREADS][BARRIER_ROUNDS];
static int serial_count;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_init(void) { once_runs++; }

static void *barrier_worker(void *arg)
{
  const int id = (int)(intptr_t)arg;
  pthread_once(&once, once_init);
  for (int r = 0; r < BARRIER_ROUNDS; r++) {
    __sync_fetch_and_add(&round_arrivals[r], 1);
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) __sync_fetch_and_add(&serial_count, 1);
    round_seen[id][r] = round_arrivals[r]; /* everyone arrived before anyone left */
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) __sync_fetch_and_add(&serial_count, 1);
  }
  return NULL;
}

static void barrier_and_once(void)
{
  pthread_barrier_init(&barrier, NULL, BARRIER_THREADS);
  pthread_t t[BARRIER_THREADS - 1];
  int ok = 1;
  for (int i = 1; i < BARRIER_THREADS; i++)
    ok &= pthread_create(&t[i - 1], NULL, barrier_worker, (void *)(intptr_t)i) == 0;
  barrier_worker((void *)0);
  for (int i = 1; i < BARRIER_THREADS; i++) ok &= pthread_join(t[i - 1], NULL) == 0;
  for (int i = 0; i < BARRIER_THREADS; i++)
    for (int r = 0; r < BARRIER_ROUNDS; r++) ok &= round_seen[i][r] == BARRIER_THREADS;
  pthread_barrier_destroy(&barrier);
  char line[100];
  snprintf(line, sizeof line, "barrier: %d rounds of %d threads, %d serial threads", BARRIER_ROUNDS,
           BARRIER_THREADS, serial_count);
  check(ok && serial_count == 2 * BARRIER_ROUNDS, line);
  snprintf(line, sizeof line, "pthread_once ran %d time(s)", once_runs);
  check(once_runs == 1, line);
}

/* ------------------------------------------------------- mutex kinds */

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static void *try_held(void *arg)
{
  (void)arg;
  return (void *)(intptr_t)pthread_mutex_trylock(&held);
}

#define RW_ROUNDS 12
static int rw_value;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static void *rw_writer(void *arg)
{
  for (int i = 0; i < RW_ROUNDS; i++) {
    pthread_rwlock_wrlock(&rw);
    rw_value++; /* odd while the lock is held */
    if (i % 10 == 0) sched_yield();
    rw_value += (int)(intptr_t)arg - 1;
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}
static void *rw_reader(void *arg)
{
  (void)arg;
  intptr_t odd = 0; /* the value is odd only inside a writer's critical section */
  for (int i = 0; i < RW_ROUNDS; i++) {
    pthread_rwlock_rdlock(&rw);
    odd |= rw_value & 1;
    pthread_rwlock_unlock(&rw);
  }
  return (void *)odd;
}

static void mutex_kinds(void)
{
  pthread_mutex_lock(&held);
  pthread_t t;
  void *r = NULL;
  int ok = pthread_create(&t, NULL, try_held, NULL) == 0 && pthread_join(t, &r) == 0;
  pthread_mutex_unlock(&held);
  check(ok && r == (void *)(intptr_t)EBUSY, "trylock of a mutex another thread holds: EBUSY");

  pthread_mutexattr_t a;
  pthread_mutex_t m;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&m, &a);
  ok = pthread_mutex_lock(&m) == 0 && pthread_mutex_lock(&m) == 0 && pthread_mutex_trylock(&m) == 0;
  ok &= pthread_mutex_unlock(&m) == 0 && pthread_mutex_unlock(&m) == 0 && pthread_mutex_unlock(&m) == 0;
  ok &= pthread_mutex_unlock(&m) == EPERM;
  pthread_mutex_destroy(&m);
  check(ok, "recursive mutex: locked three times, unlocked three times, EPERM");

  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&m, &a);
  ok = pthread_mutex_lock(&m) == 0 && pthread_mutex_lock(&m) == EDEADLK && pthread_mutex_unlock(&m) == 0;
  ok &= pthread_mutex_unlock(&m) == EPERM;
  pthread_mutex_destroy(&m);
  pthread_mutexattr_destroy(&a);
  check(ok, "error-checking mutex: EDEADLK, EPERM");

  pthread_t w[2], rd[2];
  ok = 1;
  for (int i = 0; i < 2; i++) {
    ok &= pthread_create(&w[i], NULL, rw_writer, (void *)2) == 0;
    ok &= pthread_create(&rd[i], NULL, rw_reader, NULL) == 0;
  }
  int odd = 0;
  for (int i = 0; i < 2; i++) {
    void *o = NULL;
    ok &= pthread_join(w[i], NULL) == 0 && pthread_join(rd[i], &o) == 0;
    odd |= o != NULL;
  }
  char line[100];
  snprintf(line, sizeof line, "rwlock: two writers, two readers: value %d", rw_value);
  check(ok && !odd && rw_value == 2 * 2 * RW_ROUNDS, line);
}

/* ------------------------------------------------------- raw futex */

static long futex(volatile uint32_t *uaddr, int op, uint32_t val, uint32_t val3)
{
  return syscall(SYS_futex, uaddr, op, val, NULL, NULL, val3);
}

static volatile uint32_t fword;
static volatile int announced[2], returned[2];
static volatile long wait_result[2];

static void *futex_waiter(void *arg)
{
  const int i = (int)(intptr_t)arg;
  announced[i] = 1;
  wait_result[i] = futex(&fword, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, i ? 2 : 1);
  returned[i] = 1;
  return NULL;
}

static void raw_futex(void)
{
  static uint32_t words[2] __attribute__((aligned(8)));
  words[0] = 5;
  long r = futex(&words[0], FUTEX_WAIT, 6, 0);
  check(r == -1 && errno == EAGAIN, "FUTEX_WAIT on a changed value: EAGAIN");
  r = futex((volatile uint32_t *)((char *)&words[0] + 2), FUTEX_WAIT_PRIVATE, 0, 0);
  check(r == -1 && errno == EINVAL, "FUTEX_WAIT on an unaligned word: EINVAL");
  r = futex(&words[1], FUTEX_WAKE, 1, 0);
  check(r == 0, "FUTEX_WAKE with no waiter: 0");
  r = futex(&words[1], FUTEX_WAIT_BITSET, 0, 0);
  check(r == -1 && errno == EINVAL, "FUTEX_WAIT_BITSET with bitset 0: EINVAL");

  /* two waiters with bitsets 1 and 2; wake bitset 2 until one is woken */
  pthread_t t[2];
  int ok = pthread_create(&t[0], NULL, futex_waiter, (void *)0) == 0;
  ok &= pthread_create(&t[1], NULL, futex_waiter, (void *)1) == 0;
  while (ok && !(announced[0] && announced[1])) sched_yield();
  long woken = 0;
  for (int i = 0; ok && woken == 0 && i < 100000; i++) {
    woken = futex(&fword, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, INT_MAX, 2);
    if (!woken) sched_yield();
  }
  check(woken == 1, "FUTEX_WAKE_BITSET 2 woke one waiter");
  ok &= pthread_join(t[1], NULL) == 0;
  check(ok && returned[1] && wait_result[1] == 0 && !returned[0], "it was the bitset-2 waiter; the other sleeps on");
  woken = 0;
  for (int i = 0; ok && woken == 0 && i < 100000; i++) {
    woken = futex(&fword, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0);
    if (!woken) sched_yield();
  }
  ok &= pthread_join(t[0], NULL) == 0;
  check(ok && woken == 1 && returned[0] && wait_result[0] == 0, "FUTEX_WAKE woke the bitset-1 waiter");
}

int main(void)
{
  condvar_ping_pong();
  semaphores();
  barrier_and_once();
  mutex_kinds();
  raw_futex();
  printf("sync: %d failed\n", failures);
  return failures;
}
