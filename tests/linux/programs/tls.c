/*
 * tls: thread-local storage. glibc's static TLS sits at the thread pointer
 * (cr27 on hppa): the main thread's is set at start-up (the gateway's
 * set_thread_pointer), each new thread's by clone(CLONE_SETTLS), and the
 * kernel must keep each thread's across switches.
 *
 * Checks: initialised (.tdata) and zero (.tbss) __thread variables of
 * several sizes start from their initial image in every new thread, even
 * after main changed its own copies; four threads alive together, each
 * updating its copies across sched_yield, see only their own values; errno
 * is per thread; pthread_self() matches pthread_create's handle; a
 * pthread_key's values are per thread; a thread created by a thread has its
 * own TLS (the creating thread allocates the new one's DTV: with four such
 * threads at once glibc's malloc makes arenas for them, asking
 * sched_getaffinity first how many CPUs there are); a forked child starts with the parent's values; main's own
 * values survive all of it.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

#define THREADS 4
#define ROUNDS 300

__thread int tls_int = 7;
__thread long long tls_wide = 0x1122334455667788ll;
__thread char tls_name[24];
__thread unsigned tls_zero;
static __thread double tls_double = 2.5;
static __thread unsigned char tls_bytes[5] = {1, 2, 3, 4, 5};

static pthread_barrier_t all_alive;
static pthread_key_t key;

struct result {
  pthread_t handle;
  int id;
  int initial_ok;       /* the thread's copies started from the initial image */
  int final_int;        /* tls_int after the loop */
  long long final_wide; /* tls_wide after the loop */
  double final_double;
  unsigned final_zero;
  char name[24];
  int errno_ok;
  pthread_t self; /* pthread_self() in the thread, compared with handle after the join */
  int key_ok;
  int bytes_sum;
  uintptr_t int_addr; /* compared for distinctness only, never printed */
  int nested_ok;
};

static struct result results[THREADS];

static int initial_image(void)
{
  return tls_int == 7 && tls_wide == 0x1122334455667788ll && tls_name[0] == 0 && tls_zero == 0 &&
         tls_double == 2.5 && tls_bytes[0] == 1 && tls_bytes[4] == 5;
}

static void *nested(void *arg)
{
  (void)arg;
  int ok = initial_image();
  tls_int = -1;
  tls_zero = 99;
  sched_yield();
  ok &= tls_int == -1 && tls_zero == 99;
  return (void *)(intptr_t)ok;
}

static void *worker(void *arg)
{
  struct result *r = arg;
  const int id = r->id;
  r->initial_ok = initial_image();
  r->int_addr = (uintptr_t)&tls_int;
  snprintf(tls_name, sizeof tls_name, "thread-%d", id);
  errno = 1000 + id;
  pthread_setspecific(key, (void *)(intptr_t)(id * 11 + 1));
  pthread_barrier_wait(&all_alive);
  for (int i = 0; i < ROUNDS; i++) {
    tls_int += id;
    tls_wide -= id;
    tls_zero ^= (unsigned)(i * id);
    tls_double += 0.25 * id;
    tls_bytes[i % 5] += (unsigned char)id;
    if (i % 16 == 0) sched_yield();
  }
  pthread_barrier_wait(&all_alive);
  r->final_int = tls_int;
  r->final_wide = tls_wide;
  r->final_double = tls_double;
  r->final_zero = tls_zero;
  memcpy(r->name, tls_name, sizeof r->name);
  r->errno_ok = errno == 1000 + id;
  r->self = pthread_self();
  r->key_ok = pthread_getspecific(key) == (void *)(intptr_t)(id * 11 + 1);
  r->bytes_sum = 0;
  for (int i = 0; i < 5; i++) r->bytes_sum += tls_bytes[i];
  pthread_t t;
  void *ok = NULL;
  r->nested_ok = pthread_create(&t, NULL, nested, NULL) == 0 && pthread_join(t, &ok) == 0 && ok == (void *)1 &&
                 tls_int == r->final_int && tls_zero == r->final_zero;
  return NULL;
}

int main(void)
{
  char line[128];
  check(initial_image(), "main: initial TLS image");
  tls_int = 100;
  tls_wide = -5;
  tls_double = -1.0;
  tls_zero = 0xabcdef;
  tls_bytes[2] = 200;
  strcpy(tls_name, "main");
  errno = 0;
  pthread_key_create(&key, NULL);
  pthread_setspecific(key, (void *)(intptr_t)12345);

  pthread_barrier_init(&all_alive, NULL, THREADS);
  int created = 0;
  for (int i = 0; i < THREADS; i++) {
    results[i].id = i + 1;
    if (pthread_create(&results[i].handle, NULL, worker, &results[i]) == 0) created++;
  }
  check(created == THREADS, "four threads created");
  for (int i = 0; i < created; i++) pthread_join(results[i].handle, NULL);

  for (int i = 0; i < created; i++) {
    const struct result *r = &results[i];
    const int id = r->id;
    unsigned zero = 0;
    for (int k = 0; k < ROUNDS; k++) zero ^= (unsigned)(k * id);
    snprintf(line, sizeof line, "thread %d: started from the initial image", id);
    check(r->initial_ok, line);
    snprintf(line, sizeof line, "thread %d: int %d wide %lld double %.2f zero %u", id, r->final_int, r->final_wide,
             r->final_double, r->final_zero);
    check(r->final_int == 7 + ROUNDS * id && r->final_wide == 0x1122334455667788ll - (long long)ROUNDS * id &&
              r->final_double == 2.5 + 0.25 * id * ROUNDS && r->final_zero == zero,
          line);
    char expected_name[24];
    snprintf(expected_name, sizeof expected_name, "thread-%d", id);
    int bytes = 0;
    for (int b = 0; b < 5; b++) bytes += (unsigned char)((b + 1) + (ROUNDS / 5) * id);
    snprintf(line, sizeof line, "thread %d: name \"%s\", bytes sum %d", id, r->name, r->bytes_sum);
    check(strcmp(r->name, expected_name) == 0 && r->bytes_sum == bytes, line);
    snprintf(line, sizeof line, "thread %d: errno, pthread_self, pthread_key, nested thread", id);
    check(r->errno_ok && pthread_equal(r->self, r->handle) && r->key_ok && r->nested_ok, line);
  }
  int distinct = 1;
  for (int i = 0; i < created; i++)
    for (int j = i + 1; j < created; j++) distinct &= results[i].int_addr != results[j].int_addr;
  check(distinct && created > 0 && results[0].int_addr != (uintptr_t)&tls_int,
        "every thread's tls_int is its own object");

  check(tls_int == 100 && tls_wide == -5 && tls_double == -1.0 && tls_zero == 0xabcdef && tls_bytes[2] == 200 &&
            strcmp(tls_name, "main") == 0 && errno == 0 && pthread_getspecific(key) == (void *)(intptr_t)12345,
        "main: its own values kept");

  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int ok = tls_int == 100 && tls_wide == -5 && strcmp(tls_name, "main") == 0 && tls_double == -1.0;
    tls_int = 5;
    _exit(ok ? 0 : 1);
  }
  int status = -1;
  check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "forked child starts with the parent's TLS values");
  check(tls_int == 100, "main: the child's store stayed in the child");

  printf("tls: %d failed\n", failures);
  return failures;
}
