/* Unknown system calls and bad pointers: each fails with its errno and the
 * program goes on. Expect: outcome ok, exit 0, unknown_syscalls 2.
 * guest-expect: outcome=ok exit_status=0 unknown_syscalls=2 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failures;

static void expect(const char *what, long ret, int err, int want)
{
  int ok = ret == -1 && err == want;
  printf("%s: %s\n", what, ok ? "ok" : "WRONG");
  if (!ok) failures++;
}

int main(void)
{
  long r;
  errno = 0;
  r = syscall(5000);
  expect("syscall 5000 -> ENOSYS", r, errno, ENOSYS);
  errno = 0;
  r = syscall(9999, 1, 2, 3);
  expect("syscall 9999 -> ENOSYS", r, errno, ENOSYS);
  errno = 0;
  r = syscall(SYS_write, 1, (const void *)16, 8);
  expect("write from address 16 -> EFAULT", r, errno, EFAULT);
  errno = 0;
  r = syscall(SYS_futex, (void *)8, 0 /* FUTEX_WAIT */, 0, NULL, NULL, 0);
  expect("futex at address 8 -> EFAULT", r, errno, EFAULT);
  errno = 0;
  r = syscall(SYS_getrandom, (void *)0xb8000000u, 16, 0);
  expect("getrandom into an unmapped page -> EFAULT", r, errno, EFAULT);
  return failures;
}
