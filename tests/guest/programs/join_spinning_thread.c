/* The main thread waits for a thread that never ends: the process runs
 * past its instruction budget and the kernel kills it. Expect: outcome
 * hang, status SIGKILL (9).
 * guest-expect: outcome=hang exit_status=9 */
#include <pthread.h>
#include <stdio.h>

#include "spinning_thread.h"

int main(void)
{
  pthread_t t;
  if (start_spinning_thread(&t) != 0) return 2;
  puts("main: joining a thread that never ends");
  fflush(stdout);
  pthread_join(t, NULL);
  return 1;
}
