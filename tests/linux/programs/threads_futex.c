/*
 * threads_futex: the thread life cycle (clone with CLONE_SETTLS and the
 * TID flags, exit, the CLONE_CHILD_CLEARTID futex wake that pthread_join
 * waits for) and a mutex / condition variable pair, both resting on
 * futex(2). (sync.c has the rest of NPTL's synchronisation.)
 *
 * Checks: a bounded buffer (mutex, two condition variables) between two
 * producers and two consumers, items malloc'ed by one thread and freed by
 * another (four threads allocating at once: glibc's malloc gives each an
 * arena, and before it makes a third one it asks sched_getaffinity how
 * many CPUs there are); pthread_join's return values, four threads alive together joined
 * in reverse order; short threads created and joined one after another
 * (their stacks reused from glibc's cache); pthread_join of itself
 * (EDEADLK); detached threads (PTHREAD_CREATE_DETACHED and pthread_detach)
 * reporting through a condition variable.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"

/* ------------------------------------------------ producer / consumer */

#define SLOTS 4
#define ITEMS_PER_PRODUCER 20
#define PRODUCERS 2
#define CONSUMERS 2

struct item {
  int producer;
  int value;
};

static struct {
  pthread_mutex_t lock;
  pthread_cond_t not_full, not_empty;
  struct item *slot[SLOTS];
  int head, count;
} buf = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0};

static void put(struct item *it)
{
  pthread_mutex_lock(&buf.lock);
  while (buf.count == SLOTS) pthread_cond_wait(&buf.not_full, &buf.lock);
  buf.slot[(buf.head + buf.count) % SLOTS] = it;
  buf.count++;
  pthread_cond_signal(&buf.not_empty);
  pthread_mutex_unlock(&buf.lock);
}

static struct item *get(void)
{
  pthread_mutex_lock(&buf.lock);
  while (buf.count == 0) pthread_cond_wait(&buf.not_empty, &buf.lock);
  struct item *it = buf.slot[buf.head];
  buf.head = (buf.head + 1) % SLOTS;
  buf.count--;
  pthread_cond_signal(&buf.not_full);
  pthread_mutex_unlock(&buf.lock);
  return it;
}

static void *producer(void *arg)
{
  const int id = (int)(intptr_t)arg;
  for (int i = 1; i <= ITEMS_PER_PRODUCER; i++) {
    struct item *it = malloc(sizeof *it);
    if (!it) return (void *)-1;
    it->producer = id;
    it->value = id * 1000 + i;
    put(it);
  }
  return (void *)(intptr_t)(100 + id);
}

struct tally {
  long sum;
  int count;
  int in_order; /* each producer's items arrive in the order it made them */
};

static void *consumer(void *arg)
{
  struct tally *t = arg;
  int last[PRODUCERS + 1] = {0};
  t->in_order = 1;
  for (;;) {
    struct item *it = get();
    if (it->producer == 0) { /* the end marker */
      free(it);
      break;
    }
    t->sum += it->value;
    t->count++;
    const int seq = it->value - it->producer * 1000;
    if (seq <= last[it->producer]) t->in_order = 0;
    last[it->producer] = seq;
    free(it);
  }
  return NULL;
}

static void producer_consumer(void)
{
  pthread_t p[PRODUCERS], c[CONSUMERS];
  struct tally tally[CONSUMERS];
  memset(tally, 0, sizeof tally);
  int ok = 1;
  for (int i = 0; i < CONSUMERS; i++) ok &= pthread_create(&c[i], NULL, consumer, &tally[i]) == 0;
  for (int i = 0; i < PRODUCERS; i++) ok &= pthread_create(&p[i], NULL, producer, (void *)(intptr_t)(i + 1)) == 0;
  if (!ok) {
    check(0, "producer/consumer: pthread_create");
    return;
  }
  int ret_ok = 1;
  for (int i = 0; i < PRODUCERS; i++) {
    void *r = NULL;
    ret_ok &= pthread_join(p[i], &r) == 0 && r == (void *)(intptr_t)(101 + i);
  }
  for (int i = 0; i < CONSUMERS; i++) {
    struct item *end = malloc(sizeof *end);
    end->producer = 0;
    end->value = 0;
    put(end);
  }
  long sum = 0;
  int count = 0, in_order = 1;
  for (int i = 0; i < CONSUMERS; i++) {
    ret_ok &= pthread_join(c[i], NULL) == 0;
    sum += tally[i].sum;
    count += tally[i].count;
    in_order &= tally[i].in_order;
  }
  long expected = 0;
  for (int id = 1; id <= PRODUCERS; id++)
    for (int i = 1; i <= ITEMS_PER_PRODUCER; i++) expected += id * 1000 + i;
  char line[100];
  snprintf(line, sizeof line, "producer/consumer: %d items, sum %ld", count, sum);
  check(count == PRODUCERS * ITEMS_PER_PRODUCER && sum == expected, line);
  check(in_order, "producer/consumer: each producer's items in order");
  check(ret_ok && buf.count == 0, "producer/consumer: joins and an empty buffer");
}

/* ------------------------------------------------------- thread life */

#define SHORT_THREADS 12

static void *square_plus_one(void *arg)
{
  const intptr_t v = (intptr_t)arg;
  return (void *)(v * v + 1);
}

static pthread_mutex_t detached_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t detached_cond = PTHREAD_COND_INITIALIZER;
static int detached_done, detached_sum;

static void *detached_worker(void *arg)
{
  pthread_mutex_lock(&detached_lock);
  detached_done++;
  detached_sum += (int)(intptr_t)arg;
  pthread_cond_signal(&detached_cond);
  pthread_mutex_unlock(&detached_lock);
  return NULL;
}

static void thread_life(void)
{
  char line[100];
  /* join return values */
  pthread_t t[4];
  int ok = 1;
  for (int i = 0; i < 4; i++) ok &= pthread_create(&t[i], NULL, square_plus_one, (void *)(intptr_t)(i + 2)) == 0;
  long sum = 0;
  for (int i = 3; i >= 0; i--) {
    void *r = NULL;
    ok &= pthread_join(t[i], &r) == 0;
    sum += (long)(intptr_t)r;
  }
  snprintf(line, sizeof line, "four threads joined in reverse order: sum of results %ld", sum);
  check(ok && sum == 4 + 9 + 16 + 25 + 4, line);

  /* many short threads, one at a time */
  ok = 1;
  sum = 0;
  for (int i = 0; i < SHORT_THREADS; i++) {
    pthread_t s;
    void *r = NULL;
    ok &= pthread_create(&s, NULL, square_plus_one, (void *)(intptr_t)i) == 0 && pthread_join(s, &r) == 0;
    sum += (long)(intptr_t)r;
  }
  long expected = 0;
  for (int i = 0; i < SHORT_THREADS; i++) expected += i * i + 1;
  snprintf(line, sizeof line, "%d short threads one after another: sum of results %ld", SHORT_THREADS, sum);
  check(ok && sum == expected, line);

  /* a joined thread cannot be joined again: ESRCH is not promised by POSIX,
   * so only a thread's own join of itself (EDEADLK) is checked */
  check(pthread_join(pthread_self(), NULL) == EDEADLK, "pthread_join(self) is EDEADLK");

  /* detached threads */
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  ok = 1;
  for (int i = 1; i <= 2; i++) {
    pthread_t d;
    ok &= pthread_create(&d, &attr, detached_worker, (void *)(intptr_t)i) == 0;
  }
  for (int i = 3; i <= 4; i++) {
    pthread_t d;
    ok &= pthread_create(&d, NULL, detached_worker, (void *)(intptr_t)i) == 0 && pthread_detach(d) == 0;
  }
  pthread_attr_destroy(&attr);
  pthread_mutex_lock(&detached_lock);
  while (detached_done < 4) pthread_cond_wait(&detached_cond, &detached_lock);
  pthread_mutex_unlock(&detached_lock);
  snprintf(line, sizeof line, "four detached threads reported: sum %d", detached_sum);
  check(ok && detached_sum == 10, line);
}

int main(void)
{
  producer_consumer();
  thread_life();
  printf("threads_futex: %d failed\n", failures);
  return failures;
}
