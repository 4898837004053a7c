/* A thread that never ends, for the guest programs that leave or wait for
 * one: it counts forever. */
#ifndef PAVP_TESTS_GUEST_SPINNING_THREAD_H
#define PAVP_TESTS_GUEST_SPINNING_THREAD_H

#include <pthread.h>

static void *spin(void *arg)
{
  volatile unsigned long *n = arg;
  for (;;) ++*n;
  return NULL;
}

/* Starts it in *t; 0, or pthread_create's error. */
static int start_spinning_thread(pthread_t *t)
{
  static volatile unsigned long count;
  return pthread_create(t, NULL, spin, (void *)&count);
}

#endif
