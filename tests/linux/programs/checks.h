/* The checks the Linux ABI test programs print: one line per check, "ok" or
 * "FAILED", and a count of failures the program exits with. Plain C; each
 * program is one translation unit. */
#ifndef LINUX_ABI_CHECKS_H
#define LINUX_ABI_CHECKS_H

#include <stdio.h>
#include <sys/wait.h>

static int failures;

static inline void check(int ok, const char *what)
{
  printf("%-66s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok) failures++;
}

/* A check of a call that must fail with errno `expected` (ret: -1 if it failed). */
static inline void check_errno(long ret, int err, int expected, const char *what)
{
  char line[120];
  if (ret == -1 && err == expected) snprintf(line, sizeof line, "%s", what);
  else snprintf(line, sizeof line, "%s (got %ld, errno %d)", what, ret, err);
  check(ret == -1 && err == expected, line);
}

/* How a child ended, from its wait status. */
static inline const char *how(int status)
{
  static char text[32];
  if (WIFEXITED(status)) snprintf(text, sizeof text, "exit %d", WEXITSTATUS(status));
  else if (WIFSIGNALED(status)) snprintf(text, sizeof text, "signal %d", WTERMSIG(status));
  else snprintf(text, sizeof text, "status 0x%x", (unsigned)status);
  return text;
}

#endif
