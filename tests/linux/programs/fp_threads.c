/*
 * fp_threads: floating point in several threads that run interleaved. The
 * kernel must keep every thread's FP registers -- fr4-fr31 and fr0-fr3, the
 * status register with its rounding mode and exception flags -- across
 * thread switches (system calls, sched_yield, preemption in the middle of a
 * loop).
 *
 * Three threads and main each run a loop that keeps many doubles live in
 * registers, calling sched_yield between chunks: a Leibniz series for pi,
 * a sum of square roots (the FPU's fsqrt through libm), a chaotic logistic
 * map in which any disturbed bit would grow, and a harmonic sum computed
 * with rounding towards +infinity in one thread and to nearest in another
 * (the results differ, as they must). One thread does only exact
 * operations and checks that its inexact flag stays clear while the others
 * raise theirs. Results are printed with fixed precision and compared with
 * the same computations done by main alone afterwards.
 * Exit status: the number of failed checks (0: all passed).
 */
#include <fenv.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"

#define CHUNKS 12
#define STEPS 400 /* per chunk */

static double leibniz(int yield)
{
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, d = 1.0;
  for (int c = 0; c < CHUNKS; c++) {
    for (int i = 0; i < STEPS; i++) {
      s0 += 1.0 / d;
      s1 -= 1.0 / (d + 2.0);
      s2 += 1.0 / (d + 4.0);
      s3 -= 1.0 / (d + 6.0);
      d += 8.0;
    }
    if (yield) sched_yield();
  }
  return 4.0 * (s0 + s1 + s2 + s3);
}

static double root_sum(int yield)
{
  double a = 0, b = 0, x = 1.0, y = 2.0;
  for (int c = 0; c < CHUNKS; c++) {
    for (int i = 0; i < STEPS; i++) {
      a += sqrt(x);
      b += sqrt(y) * 0.5;
      x += 2.0;
      y += 2.0;
    }
    if (yield) sched_yield();
  }
  return a + 2.0 * b;
}

static double logistic(int yield, double *min_out)
{
  double x = 0.123456789, y = 0.987654321 / 2, r = 3.99, lo = 1.0, sum = 0;
  for (int c = 0; c < CHUNKS; c++) {
    for (int i = 0; i < STEPS; i++) {
      x = r * x * (1.0 - x);
      y = r * y * (1.0 - y);
      sum += x - y;
      if (x < lo) lo = x;
    }
    if (yield) sched_yield();
  }
  *min_out = lo;
  return sum + x + y;
}

static double harmonic(int yield)
{
  double h = 0, k = 1.0;
  for (int c = 0; c < CHUNKS; c++) {
    for (int i = 0; i < STEPS; i++) {
      h += 1.0 / k;
      k += 1.0;
    }
    if (yield) sched_yield();
  }
  return h;
}

struct job {
  int kind;
  double result, extra;
  int mode_kept; /* the thread's rounding mode or flags as it set them */
};

static void *run(void *arg)
{
  struct job *j = arg;
  switch (j->kind) {
  case 0: j->result = leibniz(1); break;
  case 1: j->result = root_sum(1); break;
  case 2: j->result = logistic(1, &j->extra); break;
  case 3:
    fesetround(FE_UPWARD);
    j->result = harmonic(1);
    j->mode_kept = fegetround() == FE_UPWARD;
    break;
  case 4: { /* exact operations only: no flag may appear */
    feclearexcept(FE_ALL_EXCEPT);
    double a = 1.0, b = 0.5;
    for (int c = 0; c < CHUNKS; c++) {
      for (int i = 0; i < STEPS; i++) {
        a = a * 2.0 + b; /* exact while the values stay small integers and halves */
        a = (a - b) / 2.0;
      }
      sched_yield();
    }
    j->result = a + b;
    j->mode_kept = fetestexcept(FE_ALL_EXCEPT) == 0;
    break;
  }
  }
  return NULL;
}

int main(void)
{
  struct job jobs[5];
  pthread_t t[5];
  memset(jobs, 0, sizeof jobs);
  int created = 0;
  for (int i = 0; i < 5; i++) {
    jobs[i].kind = i;
    if (pthread_create(&t[i], NULL, run, &jobs[i]) == 0) created++;
  }
  check(created == 5, "five FP threads created");
  /* main works meanwhile, to nearest */
  double h_main = harmonic(1);
  double lo_main;
  double l_main = logistic(1, &lo_main);
  for (int i = 0; i < created; i++) pthread_join(t[i], NULL);
  check(fegetround() == FE_TONEAREST, "main still rounds to nearest");

  char line[120];
  snprintf(line, sizeof line, "leibniz pi %.15f", jobs[0].result);
  check(jobs[0].result == leibniz(0) && fabs(jobs[0].result - M_PI) < 1e-3, line);
  snprintf(line, sizeof line, "sum of square roots %.6f", jobs[1].result);
  check(jobs[1].result == root_sum(0), line);
  double lo;
  double l = logistic(0, &lo);
  snprintf(line, sizeof line, "logistic map %.12f min %.12f", jobs[2].result, jobs[2].extra);
  check(jobs[2].result == l && jobs[2].extra == lo && l_main == l && lo_main == lo, line);
  snprintf(line, sizeof line, "harmonic to nearest %.15f", h_main);
  check(h_main == harmonic(0), line);
  fesetround(FE_UPWARD);
  double h_up = harmonic(0);
  fesetround(FE_TONEAREST);
  snprintf(line, sizeof line, "harmonic upward     %.15f", jobs[3].result);
  check(jobs[3].result == h_up && jobs[3].result > h_main && jobs[3].mode_kept, line);
  snprintf(line, sizeof line, "exact-only thread: %.1f, no exception flag raised", jobs[4].result);
  check(jobs[4].mode_kept && jobs[4].result == 1.5, line);

  printf("fp_threads: %d failed\n", failures);
  return failures;
}
