/*
 * misc: the smaller system calls of a static glibc program, and argv/auxv.
 *
 * expect-enosys: 1
 *   syscall(9999) is unknown to every kernel: counted once as such.
 * args: alpha beta gamma
 *
 * Checks: the arguments arrive as given (argc, argv[], argv[argc] NULL);
 * the auxiliary vector's AT_PAGESZ, AT_PHENT, AT_PHDR, AT_ENTRY and AT_RANDOM;
 * getrlimit(RLIMIT_STACK) gives a limit (its value is the host's under
 * qemu-hppa, so only checked to be there), EINVAL for a resource that does
 * not exist, EFAULT for a NULL pointer; getrandom returns the length asked
 * for (up to 256 bytes), with and without GRND_NONBLOCK, EFAULT for a bad
 * buffer and EINVAL for an unknown flag, and getentropy succeeds;
 * sched_yield returns 0; write of 0 bytes; writev of several buffers (one
 * of them empty) as one write, of no buffers, of more than 1024 buffers
 * (EINVAL), of a bad iovec array (EFAULT), and with a bad buffer after a
 * good one (the good one written, its length returned);
 * write from address 1 fails with EFAULT, to fd 100 and -1 with EBADF;
 * read of the empty standard input returns 0 (the test runs the program
 * with standard input at /dev/null); an unknown system call fails with
 * ENOSYS; kill(getpid(), 0) is 0 and raise(SIGCHLD) is ignored.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "checks.h"

#define IOVECS_MAX 1024 /* Linux's UIO_MAXIOV, glibc's IOV_MAX */

extern char _start[];

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0); /* each printf one write, in order with the raw writes below */
  char line[160];

  /* arguments */
  snprintf(line, sizeof line, "argc %d: \"%s\" \"%s\" \"%s\"", argc, argc > 1 ? argv[1] : "", argc > 2 ? argv[2] : "",
           argc > 3 ? argv[3] : "");
  check(argc == 4 && strcmp(argv[1], "alpha") == 0 && strcmp(argv[2], "beta") == 0 &&
            strcmp(argv[3], "gamma") == 0 && argv[argc] == NULL,
        line);

  /* auxiliary vector */
  check(getauxval(AT_PAGESZ) == 4096 && sysconf(_SC_PAGESIZE) == 4096, "AT_PAGESZ 4096");
  check(getauxval(AT_PHENT) == 32 && getauxval(AT_PHDR) != 0, "AT_PHENT 32 (Elf32_Phdr), AT_PHDR given");
  check(getauxval(AT_ENTRY) == (unsigned long)(uintptr_t)_start, "AT_ENTRY is _start");
  check(getauxval(AT_RANDOM) != 0, "AT_RANDOM given");

  /* limits */
  struct rlimit rl;
  int ok = getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur > 0 && rl.rlim_max >= rl.rlim_cur;
  check(ok, "getrlimit(RLIMIT_STACK): a limit");
  errno = 0;
  long r = getrlimit(100, &rl);
  check_errno(r, errno, EINVAL, "getrlimit(100): EINVAL");
  errno = 0;
  r = syscall(SYS_getrlimit, RLIMIT_STACK, NULL);
  check_errno(r, errno, EFAULT, "getrlimit into NULL: EFAULT");

  /* randomness */
  unsigned char buf[256];
  ssize_t n = getrandom(buf, 16, 0);
  snprintf(line, sizeof line, "getrandom(16): %zd", n);
  check(n == 16, line);
  memset(buf, 0, sizeof buf);
  n = getrandom(buf, sizeof buf, GRND_NONBLOCK);
  int nonzero = 0;
  for (size_t i = 0; i < sizeof buf; i++) nonzero |= buf[i];
  snprintf(line, sizeof line, "getrandom(256, GRND_NONBLOCK): %zd, not all zero", n);
  check(n == 256 && nonzero, line);
  check(getentropy(buf, 32) == 0, "getentropy(32): 0");
  void *volatile nowhere = (void *)1; /* volatile: gcc would warn of a known bad pointer */
  errno = 0;
  r = getrandom(nowhere, 8, 0);
  check_errno(r, errno, EFAULT, "getrandom into address 1: EFAULT");
  errno = 0;
  r = getrandom(buf, 8, 0x100);
  check_errno(r, errno, EINVAL, "getrandom with an unknown flag (0x100): EINVAL");

  check(sched_yield() == 0, "sched_yield: 0");

  /* write and writev */
  check(write(1, "", 0) == 0, "write of 0 bytes: 0");
  char a[] = "writev: one", b[] = ", two", c[] = ", three\n";
  struct iovec iov[4] = {{a, strlen(a)}, {b, strlen(b)}, {NULL, 0}, {c, strlen(c)}};
  n = writev(1, iov, 4);
  snprintf(line, sizeof line, "writev of 4 buffers (one empty): %zd", n);
  check(n == (ssize_t)(strlen(a) + strlen(b) + strlen(c)), line);
  check(writev(1, iov, 0) == 0, "writev of no buffers: 0");
  static struct iovec many[IOVECS_MAX + 1];
  for (int i = 0; i <= IOVECS_MAX; i++) many[i] = (struct iovec){b, 0};
  errno = 0;
  r = writev(1, many, IOVECS_MAX + 1);
  check_errno(r, errno, EINVAL, "writev of 1025 buffers: EINVAL");
  errno = 0;
  r = writev(1, nowhere, 2);
  check_errno(r, errno, EFAULT, "writev of an iovec array at address 1: EFAULT");
  char good[] = "writev: the good buffer\n";
  struct iovec partial[2] = {{good, strlen(good)}, {(void *)1, 5}};
  n = writev(1, partial, 2);
  snprintf(line, sizeof line, "writev with a bad second buffer: %zd", n);
  check(n == (ssize_t)strlen(good), line);
  errno = 0;
  r = write(1, nowhere, 10);
  check_errno(r, errno, EFAULT, "write from address 1: EFAULT");
  errno = 0;
  r = write(100, "x", 1);
  check_errno(r, errno, EBADF, "write to fd 100: EBADF");
  errno = 0;
  r = write(-1, "x", 1);
  check_errno(r, errno, EBADF, "write to fd -1: EBADF");
  n = read(0, buf, sizeof buf);
  snprintf(line, sizeof line, "read of the empty standard input: %zd", n);
  check(n == 0, line);

  /* an unknown system call */
  errno = 0;
  r = syscall(9999, 1, 2, 3);
  check_errno(r, errno, ENOSYS, "syscall(9999): ENOSYS");

  /* signals to itself that change nothing */
  check(kill(getpid(), 0) == 0, "kill(getpid(), 0): 0");
  check(raise(SIGCHLD) == 0, "raise(SIGCHLD): ignored");

  printf("misc: %d failed\n", failures);
  return failures;
}
