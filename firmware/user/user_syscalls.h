/*
 * pavp user programs (workload.c, pair.c): system calls through the gateway
 * page, `ble 0x100(%sr2,%r0)` with the number in r20 and the arguments in
 * r26, r25, r24, as Linux parisc (reference parisc-isa.md §3).
 */
#ifndef PAVP_USER_SYSCALLS_H
#define PAVP_USER_SYSCALLS_H

#include "pavp_fw.h"

typedef unsigned int u32;

#define SYSCALL_CLOBBERS "r1", "r19", "r21", "r22", "r23", "r29", "r31", "memory"
static long syscall3(long nr, long a0, long a1, long a2)
{
  register long r20 __asm__("r20") = nr;
  register long r26 __asm__("r26") = a0;
  register long r25 __asm__("r25") = a1;
  register long r24 __asm__("r24") = a2;
  register long r28 __asm__("r28");
  __asm__ volatile("ble 0x100(%%sr2, %%r0)\n\tnop"
                   : "=r"(r28)
                   : "r"(r20), "r"(r26), "r"(r25), "r"(r24)
                   : SYSCALL_CLOBBERS);
  return r28;
}
#define sys_write(b, n) syscall3(NR_write, 1, (long)(b), (long)(n))
#define sys_fork() syscall3(NR_fork, 0, 0, 0)
#define sys_waitpid(p, s) syscall3(NR_waitpid, (long)(p), (long)(s), 0)
#define sys_yield() syscall3(NR_sched_yield, 0, 0, 0)
#define sys_getpid() syscall3(NR_getpid, 0, 0, 0)
#define sys_gettid() syscall3(NR_gettid, 0, 0, 0)
#define sys_exit(c) syscall3(NR_exit, (c), 0, 0)
#define pavp_result(k, v) syscall3(NR_pavp_result, (long)(k), (long)(v), 0)
#define pavp_param(o) ((u32)syscall3(NR_pavp_param, (long)(o), 0, 0))
#define pavp_mark(b, id) syscall3(NR_pavp_mark, (b), (long)(id), 0)
long thread_create(long (*fn)(long), long arg, u32 sp); /* crt0.S */

#endif
