/*
 * pavp thread-pair scenario (PAVP_SCENARIO_THREAD_PAIR): thread A-1 starts
 * thread A-2, then each runs a loop of its own length and exits. No fork,
 * no system call inside the loops, no shared data: a thread's user
 * instructions, and so its preemption points (PAVP_BP_PREEMPT_EVERY), are the
 * same in every schedule. With a points in A-1 after A-2 starts and b in
 * A-2, the schedules with exactly p preemptions number
 * C(a, ceil(p/2)) x C(b, floor(p/2)) (docs/decisions.md), which
 * tests/platform/explore_test.cpp holds pavp explore to.
 *
 * It keeps to the data layout of workload.c's program (no data of its own):
 * it is a separate program, embedded beside it in the kernel image.
 */
#include "firmware_contract.h"
#include "user_syscalls.h"

int workload_main(u32 nthreads);

/* Exactly 2 x n user instructions for n >= 1 (the branch and its delay
 * slot, which always executes). */
static void spin(u32 n)
{
  if (!n) return;
  __asm__ volatile("1:\taddib,<> -1, %0, 1b\n\tnop" : "+r"(n));
}

static long thread_a2(long loops)
{
  spin((u32)loops);
  return 0;
}

int workload_main(u32 nthreads)
{
  (void)nthreads;
  u32 loops_a1 = pavp_param(PAVP_BP_PAIR_LOOPS_A1);
  u32 loops_a2 = pavp_param(PAVP_BP_PAIR_LOOPS_A2);
  thread_create(thread_a2, (long)loops_a2, USER_STACK_BASE + USER_STACK_STRIDE + 128);
  spin(loops_a1);
  return 0;
}
