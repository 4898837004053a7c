/* The main thread waits for a thread that never ends: the process runs
 * past its instruction budget and the kernel kills it. Expect: outcome
 * hang, status SIGKILL (9).
 * guest-expect: outcome=hang exit_status=9 */
#include <pthread.h>
#include <stdio.h>

static void *spin(void *arg)
{
  volatile unsigned long *n = arg;
  for (;;) ++*n;
  return NULL;
}

int main(void)
{
  static volatile unsigned long count;
  pthread_t t;
  if (pthread_create(&t, NULL, spin, (void *)&count) != 0) return 2;
  puts("main: joining a thread that never ends");
  fflush(stdout);
  pthread_join(t, NULL);
  return 1;
}
