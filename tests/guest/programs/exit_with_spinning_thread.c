/* A thread that never ends: the process exits from main while it spins.
 * exit_group ends every thread. Expect: outcome ok, exit status 0.
 * guest-expect: outcome=ok exit_status=0 */
#include <pthread.h>
#include <stdio.h>

#include "spinning_thread.h"

int main(void)
{
  pthread_t t;
  if (start_spinning_thread(&t) != 0) return 2;
  puts("main: leaving a spinning thread behind");
  return 0;
}
