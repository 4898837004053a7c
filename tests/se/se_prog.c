/* The test program of pavp se (tests/se): one static glibc program whose
 * first argument picks what it does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static int do_malloc(void) {
  /* Small blocks (brk heap), large blocks (mmap), realloc and free. */
  enum { COUNT = 200 };
  unsigned char* blocks[COUNT];
  for (int i = 0; i < COUNT; ++i) {
    size_t size = (size_t)(i * 37 % 500 + 1);
    if (i % 50 == 0) size = 300000 + (size_t)i; /* above the mmap threshold */
    blocks[i] = malloc(size);
    if (!blocks[i]) return 1;
    memset(blocks[i], i & 0xff, size);
  }
  for (int i = 0; i < COUNT; i += 2) {
    free(blocks[i]);
    blocks[i] = NULL;
  }
  for (int i = 1; i < COUNT; i += 2) {
    size_t size = (size_t)(i * 37 % 500 + 1);
    if (blocks[i][size - 1] != (i & 0xff)) return 2;
    blocks[i] = realloc(blocks[i], size * 3);
    if (!blocks[i] || blocks[i][0] != (i & 0xff)) return 3;
    free(blocks[i]);
  }
  char* big = calloc(1 << 20, 1);
  if (!big || big[12345] != 0) return 4;
  free(big);
  printf("malloc ok\n");
  return 0;
}

static int do_atomic(void) {
  int word = 5;
  short half = 7;
  long long wide = 9;
  int ok = __sync_val_compare_and_swap(&word, 5, 6) == 5 && word == 6 &&
           __sync_val_compare_and_swap(&word, 5, 8) == 6 && word == 6 &&
           __sync_fetch_and_add(&word, 10) == 6 && word == 16 &&
           __sync_bool_compare_and_swap(&half, 7, 3) && half == 3 &&
           __sync_bool_compare_and_swap(&wide, 9, 1ll << 40) && wide == 1ll << 40;
  printf("atomic %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "hello";
  if (!strcmp(mode, "hello")) {
    printf("hello, world\n");
    fprintf(stderr, "to stderr\n");
    return 0;
  }
  if (!strcmp(mode, "exit")) exit(argc > 2 ? atoi(argv[2]) : 0);
  if (!strcmp(mode, "args")) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; ++i) printf("argv[%d]=%s\n", i, argv[i]);
    printf("env=%s\n", getenv("PAVP_SE_TEST") ? getenv("PAVP_SE_TEST") : "(unset)");
    return 0;
  }
  if (!strcmp(mode, "malloc")) return do_malloc();
  if (!strcmp(mode, "atomic")) return do_atomic();
  if (!strcmp(mode, "abort")) {
    printf("before abort\n");
    fflush(stdout);
    abort();
  }
  if (!strcmp(mode, "enosys")) {
    long r = syscall(SYS_acct, NULL);
    printf("acct: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : "other");
    return 0;
  }
  if (!strcmp(mode, "spin")) {
    for (volatile unsigned i = 0;; ++i) {
    }
  }
  if (!strcmp(mode, "stdin")) {
    char line[256];
    while (fgets(line, sizeof line, stdin)) fputs(line, stdout);
    return 0;
  }
  /* Memory protection as Linux gives it: each of these ends in SIGSEGV. */
  if (!strcmp(mode, "write-rodata")) {
    static const char constant[] = "constant";
    ((volatile char*)constant)[0] = 'X';
  }
  if (!strcmp(mode, "write-text")) *(volatile int*)(void*)main = 0;
  if (!strcmp(mode, "write-null")) *(volatile int*)0 = 1;
  if (!strcmp(mode, "read-null")) return *(volatile int*)0;
  if (!strcmp(mode, "mprotect")) {
    /* A page made read-only, then written. */
    char* p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    if (mprotect(p, 4096, PROT_READ) != 0) return 2;
    printf("read %d\n", p[0]);
    fflush(stdout);
    p[1] = 1;
  }
  if (!strncmp(mode, "write-", 6) || !strcmp(mode, "read-null") || !strcmp(mode, "mprotect")) {
    puts("survived");
    return 0;
  }
  fprintf(stderr, "unknown mode %s\n", mode);
  return 99;
}
