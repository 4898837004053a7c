/* A thread stores through a null pointer: the whole process dies of
 * SIGSEGV. Expect: outcome crash, status 11.
 * guest-expect: outcome=crash exit_status=11 */
#include <pthread.h>
#include <stdio.h>

static void *bad(void *arg)
{
  *(volatile int *)arg = 1;
  return NULL;
}

int main(void)
{
  pthread_t t;
  puts("main: a thread will store through a null pointer");
  fflush(stdout);
  if (pthread_create(&t, NULL, bad, NULL) != 0) return 2;
  pthread_join(t, NULL);
  return 0;
}
