/* A thread that never ends: the process exits from main while it spins.
 * exit_group ends every thread. Expect: outcome ok, exit status 0.
 * guest-expect: outcome=ok exit_status=0 */
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
  puts("main: leaving a spinning thread behind");
  return 0;
}
