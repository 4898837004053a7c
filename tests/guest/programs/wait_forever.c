/* The only thread waits on a condition nobody signals: every thread
 * sleeps and none can wake it. Expect: outcome hang (a deadlock).
 * guest-expect: outcome=hang */
#include <pthread.h>
#include <stdio.h>

int main(void)
{
  static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
  puts("main: waiting for a signal that never comes");
  fflush(stdout);
  pthread_mutex_lock(&m);
  pthread_cond_wait(&c, &m);
  return 1;
}
