/*
 * lws_cas: compare-and-swap and the other __sync builtins on 8, 16, 32 and
 * 64-bit objects. On hppa-linux-gnu gcc has no atomic instructions: libgcc
 * (config/pa/linux-atomic.c) calls the kernel's light-weight syscalls on
 * the gateway page (0xb0): 0 for 32-bit CAS, 2 for 8, 16 and 64-bit CAS.
 *
 * Checks, printed one per line:
 *   - val and bool CAS that succeed and that fail, at every byte offset an
 *     object of each size can have in a 64-bit word;
 *   - fetch-and-add, -sub, -or, -and, -xor and lock_test_and_set on each size;
 *   - CAS on a page never touched before (the kernel faults it in);
 *   - CAS in a forked child on a page the parent also maps (copy on write:
 *     the parent's copy keeps its value);
 *   - CAS on a read-only page: a failing compare returns the value without
 *     a fault; a matching one makes the kernel answer -EFAULT, on which
 *     libgcc executes a privileged instruction (iitlbp): SIGILL, for 32, 8
 *     and 64-bit objects (each in a child, the parent checking its end);
 *     CAS through a NULL pointer: SIGSEGV;
 *   - two threads (three with main) incrementing shared 8, 16, 32 and
 *     64-bit counters with CAS loops (the 8 and 16-bit ones wrap around)
 *     and fetch-and-add.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

/* One 8-byte aligned word, each object size placed at each of its offsets. */
static union {
  uint64_t u64[1];
  uint32_t u32[2];
  uint16_t u16[4];
  uint8_t u8[8];
} word __attribute__((aligned(8)));

#define CAS_CASES(T, ARR, N)                                                                     \
  static int cas_cases_##T(void)                                                               \
  {                                                                                            \
    int ok = 1;                                                                                \
    for (int i = 0; i < (N); i++) {                                                            \
      memset(&word, 0xa5, sizeof word);                                                        \
      T init = (T)(0x1122334455667788ull >> (8 * (8 - sizeof(T)))), other = (T)~init;          \
      word.ARR[i] = init;                                                                      \
      /* failure: the old value does not match; nothing is stored */                          \
      T r = __sync_val_compare_and_swap(&word.ARR[i], (T)(init + 1), other);                  \
      ok &= r == init && word.ARR[i] == init;                                                  \
      ok &= !__sync_bool_compare_and_swap(&word.ARR[i], (T)(init - 1), other);               \
      ok &= word.ARR[i] == init;                                                               \
      /* success: the old value is returned, the new one stored */                            \
      r = __sync_val_compare_and_swap(&word.ARR[i], init, other);                             \
      ok &= r == init && word.ARR[i] == other;                                                 \
      ok &= __sync_bool_compare_and_swap(&word.ARR[i], other, init);                          \
      ok &= word.ARR[i] == init;                                                               \
      /* the neighbours are untouched */                                                       \
      for (unsigned b = 0; b < 8; b++)                                                         \
        if (b / sizeof(T) != (unsigned)i) ok &= word.u8[b] == 0xa5;                            \
    }                                                                                          \
    return ok;                                                                                 \
  }

CAS_CASES(uint8_t, u8, 8)
CAS_CASES(uint16_t, u16, 4)
CAS_CASES(uint32_t, u32, 2)
CAS_CASES(uint64_t, u64, 1)

#define RMW_CASES(T, ARR)                                                                        \
  static int rmw_cases_##T(void)                                                               \
  {                                                                                            \
    int ok = 1;                                                                                \
    memset(&word, 0, sizeof word);                                                             \
    volatile T *p = &word.ARR[0];                                                              \
    *p = (T)100;                                                                               \
    ok &= __sync_fetch_and_add(p, (T)5) == 100 && *p == 105;                                   \
    ok &= __sync_add_and_fetch(p, (T)5) == 110 && *p == 110;                                   \
    ok &= __sync_fetch_and_sub(p, (T)10) == 110 && *p == 100;                                  \
    ok &= __sync_sub_and_fetch(p, (T)101) == (T)-1 && *p == (T)-1;                             \
    ok &= __sync_fetch_and_and(p, (T)0x0f) == (T)-1 && *p == 0x0f;                             \
    ok &= __sync_fetch_and_or(p, (T)0x30) == 0x0f && *p == 0x3f;                               \
    ok &= __sync_fetch_and_xor(p, (T)0x11) == 0x3f && *p == 0x2e;                              \
    ok &= __sync_lock_test_and_set(p, (T)1) == 0x2e && *p == 1;                                \
    __sync_lock_release(p);                                                                    \
    ok &= *p == 0;                                                                             \
    return ok;                                                                                 \
  }

RMW_CASES(uint8_t, u8)
RMW_CASES(uint16_t, u16)
RMW_CASES(uint32_t, u32)
RMW_CASES(uint64_t, u64)

/* ------------------------------------------------- faults in the gateway */

enum cas_fault { RO_32, RO_8, RO_64, NULL_32 };

/* How a child doing the CAS ended: the signal number, or 100 + exit code. */
static int cas_fault_child(enum cas_fault f, void *ro_page)
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    uint32_t *volatile nowhere = NULL;
    switch (f) {
    case RO_32: __sync_val_compare_and_swap((uint32_t *)ro_page, 0u, 1u); break;
    case RO_8: __sync_val_compare_and_swap((uint8_t *)ro_page + 3, 0, 1); break;
    case RO_64: __sync_val_compare_and_swap((uint64_t *)ro_page, 0ull, 1ull); break;
    case NULL_32: __sync_val_compare_and_swap(nowhere, 0u, 1u); break;
    }
    _exit(7);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  return WIFSIGNALED(status) ? WTERMSIG(status) : 100 + WEXITSTATUS(status);
}

static void gateway_faults(void)
{
  char line[96];
  uint32_t *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (ro == MAP_FAILED) {
    check(0, "mmap of a read-only page");
    return;
  }
  int ok = __sync_val_compare_and_swap(ro, 5u, 1u) == 0 && !__sync_bool_compare_and_swap((uint16_t *)ro, 9, 1) &&
           !__sync_bool_compare_and_swap((uint64_t *)ro, 9ull, 1ull) && ro[0] == 0 && ro[1] == 0;
  check(ok, "failing CAS on a read-only page: no fault");
  static const struct {
    enum cas_fault f;
    const char *what;
    int signal;
  } cases[] = {
      {RO_32, "32-bit CAS on a read-only page", SIGILL},
      {RO_8, "8-bit CAS on a read-only page", SIGILL},
      {RO_64, "64-bit CAS on a read-only page", SIGILL},
      {NULL_32, "32-bit CAS through NULL", SIGSEGV},
  };
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int end = cas_fault_child(cases[i].f, ro);
    if (end >= 100) snprintf(line, sizeof line, "%s: child ends by exit %d", cases[i].what, end - 100);
    else snprintf(line, sizeof line, "%s: child ends by signal %d", cases[i].what, end);
    check(end == cases[i].signal, line);
  }
  munmap(ro, 4096);
}

/* ------------------------------------------------------------ threads */

#define THREADS 2
#define ROUNDS 64

static volatile uint8_t c8;
static volatile uint16_t c16;
static volatile uint32_t c32, f32;
static volatile uint64_t c64;

static void *incrementer(void *arg)
{
  (void)arg;
  for (int i = 0; i < ROUNDS; i++) {
    uint8_t o8;
    do o8 = c8;
    while (!__sync_bool_compare_and_swap(&c8, o8, (uint8_t)(o8 + 3))); /* wraps */
    uint16_t o16;
    do o16 = c16;
    while (__sync_val_compare_and_swap(&c16, o16, (uint16_t)(o16 + 0x201)) != o16); /* wraps */
    uint32_t o32;
    do o32 = c32;
    while (!__sync_bool_compare_and_swap(&c32, o32, o32 + 1));
    uint64_t o64;
    do o64 = c64;
    while (__sync_val_compare_and_swap(&c64, o64, o64 + 0x100000001ull) != o64);
    __sync_fetch_and_add(&f32, 3);
    if (i % 64 == 0) sched_yield();
  }
  return NULL;
}

int main(void)
{
  char line[96];
  check(cas_cases_uint8_t(), "8-bit CAS at offsets 0-7, success and failure");
  check(cas_cases_uint16_t(), "16-bit CAS at offsets 0,2,4,6, success and failure");
  check(cas_cases_uint32_t(), "32-bit CAS at offsets 0,4, success and failure");
  check(cas_cases_uint64_t(), "64-bit CAS, success and failure");
  check(rmw_cases_uint8_t(), "8-bit fetch-and-op, lock_test_and_set");
  check(rmw_cases_uint16_t(), "16-bit fetch-and-op, lock_test_and_set");
  check(rmw_cases_uint32_t(), "32-bit fetch-and-op, lock_test_and_set");
  check(rmw_cases_uint64_t(), "64-bit fetch-and-op, lock_test_and_set");

  /* CAS as the first touch of fresh anonymous pages, one per size */
  uint8_t *fresh = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (fresh == MAP_FAILED) {
    check(0, "mmap for untouched pages");
  } else {
    int ok = __sync_val_compare_and_swap((uint32_t *)(fresh + 8), 0u, 0xdeadbeefu) == 0;
    ok &= __sync_bool_compare_and_swap((uint8_t *)(fresh + 4096 + 3), 0, 0x7f);
    ok &= __sync_bool_compare_and_swap((uint16_t *)(fresh + 2 * 4096 + 6), 0, 0x1234);
    ok &= __sync_val_compare_and_swap((uint64_t *)(fresh + 3 * 4096 + 16), 0ull, 0x0102030405060708ull) == 0;
    ok &= *(uint32_t *)(fresh + 8) == 0xdeadbeefu && fresh[4096 + 3] == 0x7f &&
          *(uint16_t *)(fresh + 2 * 4096 + 6) == 0x1234 &&
          *(uint64_t *)(fresh + 3 * 4096 + 16) == 0x0102030405060708ull;
    ok &= fresh[0] == 0 && fresh[4096] == 0 && fresh[2 * 4096 + 4] == 0;
    check(ok, "CAS on untouched anonymous pages");
  }

  /* CAS in a child on pages shared copy-on-write with the parent */
  static volatile uint32_t shared32 = 5;
  static volatile uint64_t shared64 = 50;
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int ok = __sync_val_compare_and_swap(&shared32, 5u, 6u) == 5 && shared32 == 6;
    ok &= __sync_bool_compare_and_swap(&shared64, 50ull, 60ull) && shared64 == 60;
    if (fresh != MAP_FAILED) ok &= __sync_bool_compare_and_swap((uint32_t *)(fresh + 8), 0xdeadbeefu, 1u);
    _exit(ok ? 0 : 1);
  }
  int status = -1;
  int waited = waitpid(pid, &status, 0) == pid;
  check(waited && WIFEXITED(status) && WEXITSTATUS(status) == 0, "CAS in a forked child (copy on write)");
  check(shared32 == 5 && shared64 == 50 && (fresh == MAP_FAILED || *(uint32_t *)(fresh + 8) == 0xdeadbeefu),
        "the parent's copies keep their values");

  gateway_faults();

  /* threads */
  pthread_t t[THREADS];
  int created = 0;
  for (int i = 0; i < THREADS; i++)
    if (pthread_create(&t[i], NULL, incrementer, NULL) == 0) created++;
  incrementer(NULL);
  for (int i = 0; i < created; i++) pthread_join(t[i], NULL);
  const unsigned n = (unsigned)(created + 1) * ROUNDS;
  printf("threads: %d, rounds each: %d\n", created + 1, ROUNDS);
  snprintf(line, sizeof line, "8-bit CAS counter = %u", (unsigned)c8);
  check(c8 == (uint8_t)(3 * n), line);
  snprintf(line, sizeof line, "16-bit CAS counter = %u", (unsigned)c16);
  check(c16 == (uint16_t)(0x201 * n), line);
  snprintf(line, sizeof line, "32-bit CAS counter = %u", (unsigned)c32);
  check(c32 == n, line);
  snprintf(line, sizeof line, "64-bit CAS counter = 0x%llx", (unsigned long long)c64);
  check(c64 == (uint64_t)n * 0x100000001ull, line);
  snprintf(line, sizeof line, "32-bit fetch_and_add counter = %u", (unsigned)f32);
  check(f32 == 3 * n, line);

  printf("lws_cas: %d failed\n", failures);
  return failures;
}
