/*
 * memory: a process's address space -- brk, mmap2, munmap, mprotect,
 * madvise, demand-zero pages, VMA splits -- and glibc's malloc on top.
 *
 * Checks: brk/sbrk growth (zero-filled), shrink and regrowth (the pages
 * given back read as zeros again), a break below the start refused; malloc
 * of many small blocks (the brk heap) and of large ones (mmap), calloc
 * zeroed, realloc keeping contents; anonymous mmap reading zeros; munmap of
 * the middle page of a mapping (the neighbours keep their contents, the
 * hole faults); mprotect read-only (writes fault, contents kept) and back
 * to read-write; PROT_NONE (reads fault) and back; mprotect of one page of
 * three; madvise(MADV_DONTNEED) making a private anonymous page read as
 * zeros, its neighbours untouched; mmap MAP_FIXED over part of an existing
 * mapping; the stack growing over several pages; the errors Linux gives
 * for bad arguments (EINVAL, EBADF); the fd of a MAP_ANONYMOUS mapping
 * ignored. Accesses that must fault are made in a forked child, whose end
 * by SIGSEGV the parent checks.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

static long page;

/* A block's pattern: byte i of a block filled with seed holds value(seed, i).
 * Only every STRIDE-th byte is filled and checked (512 bytes a page), to keep
 * the run short. */
#define STRIDE 8
static unsigned char value(unsigned seed, size_t i) { return (unsigned char)(seed + i * 7 + (i >> 8)); }

static void fill(void *p, size_t n, unsigned seed)
{
  unsigned char *c = p;
  for (size_t i = 0; i < n; i += STRIDE) c[i] = value(seed, i);
}

/* bytes [off, off + n) of a block filled with seed still hold their values
 * (off a multiple of STRIDE) */
static int intact(const unsigned char *block, size_t off, size_t n, unsigned seed)
{
  for (size_t i = off; i < off + n; i += STRIDE)
    if (block[i] != value(seed, i)) return 0;
  return 1;
}

static int filled(const void *p, size_t n, unsigned seed) { return intact(p, 0, n, seed); }

static int zeros(const void *p, size_t n)
{
  const uint32_t *w = p;
  for (size_t i = 0; i < n / 4; i++)
    if (w[i]) return 0;
  return 1;
}

/* Run an access in a child; describe how the child ended. */
enum access { READ, WRITE };
static const char *child_access(volatile unsigned char *p, enum access how)
{
  static char text[40];
  pid_t pid = fork();
  if (pid == 0) {
    if (how == READ) {
      volatile unsigned char c = *p;
      (void)c;
    } else {
      *p = 1;
    }
    _exit(0);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return "no child";
  if (WIFSIGNALED(status)) snprintf(text, sizeof text, "signal %d", WTERMSIG(status));
  else snprintf(text, sizeof text, "exit %d", WEXITSTATUS(status));
  return text;
}

static void check_fault(volatile unsigned char *p, enum access how, const char *what)
{
  char line[120];
  const char *end = child_access(p, how);
  snprintf(line, sizeof line, "%s: child ends by %s", what, end);
  check(strcmp(end, "signal 11") == 0, line);
}

static unsigned char *map(size_t pages)
{
  void *p = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

static void brk_checks(void)
{
  char *cur = sbrk(0);
  const long pad = (page - (long)((uintptr_t)cur % page)) % page;
  if (sbrk(pad) == (void *)-1) {
    check(0, "sbrk to a page boundary");
    return;
  }
  char *base = sbrk(0);
  int ok = (uintptr_t)base % page == 0 && (char *)syscall(SYS_brk, 0) == base;
  check(ok, "brk(0) and sbrk(0) give the break");
  char *old = sbrk(4 * page);
  ok = old == base && sbrk(0) == base + 4 * page && zeros(base, 4 * page);
  check(ok, "sbrk grows the heap by 4 pages, zero-filled");
  fill(base, 4 * page, 3);
  old = sbrk(-2 * page);
  ok = old == base + 4 * page && sbrk(0) == base + 2 * page && intact((unsigned char *)base, 0, 2 * page, 3);
  check(ok, "sbrk shrinks it by 2 pages, the rest kept");
  old = sbrk(2 * page);
  ok = old == base + 2 * page && intact((unsigned char *)base, 0, 2 * page, 3) && zeros(base + 2 * page, 2 * page);
  check(ok, "grown again: the pages given back read as zeros");
  ok = (char *)syscall(SYS_brk, (long)page) == base + 4 * page && sbrk(0) == base + 4 * page;
  check(ok, "brk below the heap's start is refused (the break stays)");
  ok = brk(base) == 0 && sbrk(0) == base;
  check(ok, "brk back to the start");
}

static void malloc_checks(void)
{
  enum { N = 60 };
  static unsigned char *blocks[N];
  int ok = 1;
  for (int i = 0; i < N; i++) {
    blocks[i] = malloc(i * 5 + 1);
    ok &= blocks[i] != NULL;
    if (blocks[i]) fill(blocks[i], i * 5 + 1, i);
  }
  for (int i = 0; i < N; i += 2) {
    ok &= blocks[i] && filled(blocks[i], i * 5 + 1, i);
    free(blocks[i]);
  }
  for (int i = 0; i < N; i += 2) {
    blocks[i] = malloc(i * 3 + 8);
    ok &= blocks[i] != NULL;
    if (blocks[i]) fill(blocks[i], i * 3 + 8, i + 1);
  }
  for (int i = 0; i < N; i++) {
    ok &= blocks[i] && (i % 2 ? filled(blocks[i], i * 5 + 1, i) : filled(blocks[i], i * 3 + 8, i + 1));
    free(blocks[i]);
  }
  check(ok, "malloc and free of 90 small blocks, contents kept");

  const size_t big = 132 * 1024; /* above glibc's mmap threshold (128 KB) */
  unsigned char *p = malloc(big);
  ok = p != NULL;
  if (p) {
    for (size_t off = 0; off < big; off += page) p[off] = (unsigned char)(off / page + 1);
    for (size_t off = 0; off < big; off += page) ok &= p[off] == (unsigned char)(off / page + 1);
  }
  free(p);
  check(ok, "malloc of 132 KB (mmap), every page written and read");

  unsigned *z = calloc(132 * 1024 / sizeof(unsigned), sizeof(unsigned));
  ok = z && zeros(z, 132 * 1024);
  free(z);
  check(ok, "calloc of 132 KB reads as zeros");

  unsigned char *r = malloc(100);
  ok = r != NULL;
  if (r) {
    fill(r, 100, 9);
    r = realloc(r, 6000);
    ok = r && filled(r, 100, 9);
  }
  if (r) {
    fill(r, 6000, 11);
    r = realloc(r, 132 * 1024); /* from the heap to an mmap'ed block */
    ok &= r && filled(r, 6000, 11);
  }
  if (r) {
    fill(r, 132 * 1024, 13);
    r = realloc(r, 160 * 1024); /* an mmap'ed block grows */
    ok &= r && filled(r, 132 * 1024, 13);
  }
  free(r);
  check(ok, "realloc from 100 bytes to 160 KB keeps the contents");
}

static void mmap_checks(void)
{
  /* four pages; unmap the second */
  unsigned char *m = map(4);
  int ok = m && zeros(m, 4 * page);
  check(ok, "anonymous mmap of 4 pages reads as zeros");
  if (!m) return;
  fill(m, 4 * page, 21);
  ok = munmap(m + page, page) == 0 && intact(m, 0, page, 21) && intact(m, 2 * page, 2 * page, 21);
  check(ok, "munmap of the 2nd page: the 1st, 3rd and 4th keep their contents");
  check_fault(m + page + 100, READ, "read of the unmapped page");
  ok = munmap(m, 4 * page) == 0; /* a range with a hole in it */
  check(ok, "munmap of the whole range, hole and all");

  /* read-only and back */
  m = map(2);
  if (!m) return;
  fill(m, 2 * page, 31);
  ok = mprotect(m, 2 * page, PROT_READ) == 0 && filled(m, 2 * page, 31);
  check(ok, "mprotect PROT_READ: contents readable");
  check_fault(m + page + 5, WRITE, "write to the read-only page");
  ok = mprotect(m, 2 * page, PROT_READ | PROT_WRITE) == 0 && filled(m, 2 * page, 31);
  m[page + 5] = 0x5a;
  ok &= m[page + 5] == 0x5a;
  check(ok, "mprotect back to read-write: contents kept, writable");

  /* PROT_NONE and back */
  ok = mprotect(m, 2 * page, PROT_NONE) == 0;
  check(ok, "mprotect PROT_NONE");
  check_fault(m + 17, READ, "read of the PROT_NONE page");
  ok = mprotect(m, 2 * page, PROT_READ | PROT_WRITE) == 0 && m[page + 5] == 0x5a;
  m[page + 5] = value(31, page + 5); /* the fill value again */
  ok &= filled(m, 2 * page, 31);
  check(ok, "back to read-write: contents kept");
  munmap(m, 2 * page);

  /* one page of three read-only: the VMA splits in three */
  m = map(3);
  if (!m) return;
  fill(m, 3 * page, 41);
  ok = mprotect(m + page, page, PROT_READ) == 0;
  m[0] = 1;
  m[3 * page - 1] = 2;
  ok &= m[0] == 1 && m[3 * page - 1] == 2 && intact(m, page, page, 41);
  check(ok, "mprotect of the middle page: its neighbours stay writable");
  check_fault(m + page, WRITE, "write to the middle page");
  munmap(m, 3 * page);

  /* madvise(MADV_DONTNEED) */
  m = map(3);
  if (!m) return;
  fill(m, 3 * page, 51);
  ok = madvise(m + page, page, MADV_DONTNEED) == 0 && zeros(m + page, page) && intact(m, 0, page, 51) &&
       intact(m, 2 * page, page, 51);
  check(ok, "madvise(MADV_DONTNEED) of the middle page: zeros, neighbours kept");
  m[page + 1] = 9;
  ok = m[page + 1] == 9 && madvise(m, 3 * page, MADV_WILLNEED) == 0 && m[page + 1] == 9;
  check(ok, "the page is usable again; MADV_WILLNEED changes nothing");

  /* MAP_FIXED over part of the mapping */
  fill(m, 3 * page, 61);
  void *f = mmap(m + page, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  ok = f == m + page && zeros(m + page, page) && intact(m, 0, page, 61) &&
       intact(m, 2 * page, page, 61);
  check(ok, "mmap MAP_FIXED over the middle page: zeros, neighbours kept");
  munmap(m, 3 * page);

  /* errors */
  errno = 0;
  long r = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0;
  check_errno(r, errno, EINVAL, "mmap of length 0: EINVAL");
  m = map(2);
  if (!m) return;
  errno = 0;
  r = mmap(m + 1, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ? -1 : 0;
  check_errno(r, errno, EINVAL, "mmap MAP_FIXED at an unaligned address: EINVAL");
  errno = 0;
  r = munmap(m + 1, page);
  check_errno(r, errno, EINVAL, "munmap of an unaligned address: EINVAL");
  errno = 0;
  r = mprotect(m + 1, page, PROT_READ);
  check_errno(r, errno, EINVAL, "mprotect of an unaligned address: EINVAL");
  errno = 0;
  r = madvise(m + 1, page, MADV_DONTNEED);
  check_errno(r, errno, EINVAL, "madvise of an unaligned address: EINVAL");
  /* (mprotect over a hole is ENOMEM on Linux; qemu-hppa 7.2 gives 0, so it is
   * left out) */
  ok = munmap(m + page, page) == 0 && munmap(m + page, page) == 0;
  check(ok, "munmap of a range with nothing mapped: 0");
  munmap(m, page);
  errno = 0;
  r = mmap(NULL, page, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED ? -1 : 0;
  check_errno(r, errno, EBADF, "mmap of fd -1 without MAP_ANONYMOUS: EBADF");
  /* Linux ignores fd with MAP_ANONYMOUS (mmap(2): "The fd argument is ignored") */
  errno = 0;
  m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, 0);
  char line[100];
  if (m == MAP_FAILED) snprintf(line, sizeof line, "mmap MAP_ANONYMOUS with fd 0: mapped (got errno %d)", errno);
  else snprintf(line, sizeof line, "mmap MAP_ANONYMOUS with fd 0: mapped");
  ok = m != MAP_FAILED && zeros(m, page);
  if (ok) {
    m[7] = 7;
    ok = m[7] == 7 && munmap(m, page) == 0;
  }
  check(ok, line);
}

/* The stack: 64 KB of locals, touched a page at a time. */
static int __attribute__((noinline)) deep(int level)
{
  volatile unsigned char frame[16384];
  for (size_t i = 0; i < sizeof frame; i += 1024) frame[i] = (unsigned char)(level + i);
  int sum = level ? deep(level - 1) : 0;
  for (size_t i = 0; i < sizeof frame; i += 1024) sum += frame[i] == (unsigned char)(level + i);
  return sum;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdio buffer from malloc, nothing to duplicate at fork */
  page = sysconf(_SC_PAGESIZE);
  char line[80];
  snprintf(line, sizeof line, "page size %ld", page);
  check(page == 4096, line);
  brk_checks();
  malloc_checks();
  mmap_checks();
  check(deep(3) == 4 * 16, "64 KB of stack in 4 frames, contents kept");
  printf("memory: %d failed\n", failures);
  return failures;
}
