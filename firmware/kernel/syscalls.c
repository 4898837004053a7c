/*
 * pavp kernel: interruption dispatch, the system calls and exit/wait.
 * Numbers and calling convention: pavp_fw.h (Linux parisc's, reference
 * parisc-isa.md §3).
 */
#include "kernel.h"

#define ECHILD 10
#define EFAULT 14
#define ENOSYS 38
#define SIGSEGV 11

int do_page_fault(struct pt_regs *regs); /* memory.c */

static u32 mfctl_itmr(void)
{
  u32 v;
  __asm__ volatile("mfctl %%cr16, %0" : "=r"(v));
  return v;
}

void timer_start(void)
{
  if (!board.tick_cycles) return;
  u32 eiem = 0x80000000u; /* EIRR bit 0: the interval timer (reference §4) */
  u32 next = mfctl_itmr() + board.tick_cycles;
  __asm__ volatile("mtctl %0, %%cr15" ::"r"(eiem));
  __asm__ volatile("mtctl %0, %%cr16" ::"r"(next));
}

/* (linux.c calls it too; without the personality it stays static, inlined
 * in do_trap, so that the kernel's code keeps its addresses and its
 * I-cache sets.) */
#ifndef PAVP_LINUX_PERSONALITY
static
#endif
void timer_interrupt(void)
{
  u32 bit = 0x80000000u;
  __asm__ volatile("mtctl %0, %%cr23" ::"r"(bit)); /* writing 1 clears EIRR bits */
  u32 next = mfctl_itmr() + board.tick_cycles;
  __asm__ volatile("mtctl %0, %%cr16" ::"r"(next));
  sched_point(PAVP_SCHED_POINT_TICK);
}

void do_exit(u32 status)
{
  struct task_struct *me = current;
  me->exit_status = status;
  if (--me->mm->users == 0) exit_mmap(me->mm);
  if (me->tid != me->pid) {
    me->state = TASK_UNUSED; /* a thread: nobody waits for it */
  } else {
    me->state = TASK_ZOMBIE;
    struct task_struct *parent = me->parent;
    if (parent && parent->state == TASK_SLEEPING &&
        (parent->wait_pid == -1 || (u32)parent->wait_pid == me->pid))
      wake_up_process(parent);
  }
  schedule_block();
  panic("exited task %u ran again", me->tid);
}

static long sys_waitpid(int pid, u32 status_ptr)
{
  for (;;) {
    int children = 0;
    for (int i = 0; i < MAX_TASKS; i++) {
      struct task_struct *p = task_slot(i);
      if (p->state == TASK_UNUSED || p->parent != current || p->tid != p->pid) continue;
      if (pid != -1 && (u32)pid != p->pid) continue;
      children++;
      if (p->state != TASK_ZOMBIE) continue;
      u32 cpid = p->pid;
      if (status_ptr && copy_to_user_u32(status_ptr, p->exit_status)) return -EFAULT;
      p->state = TASK_UNUSED;
      return (long)cpid;
    }
    if (!children) return -ECHILD;
    current->state = TASK_SLEEPING;
    current->wait_pid = pid;
    schedule_block();
  }
}

static long sys_write(u32 fd, u32 buf, u32 count)
{
  if (fd != 1 && fd != 2) return -EFAULT;
  for (u32 i = 0; i < count; i++) console_putc((int)get_user_u8(buf + i));
  return (long)count;
}

/* The PSW a thread runs user mode with: PSW.R (the recovery counter counts
 * its instructions) when the board asks for preemption points. */
u32 user_psw(void) { return USER_PSW | (board.preempt_every || board_linux ? PSW_R : 0); }

/* A full count of user instructions to the next preemption point: CR0 = N-1
 * traps after N instructions (the trap comes once CR0's leftmost bit is 1).
 * Under the Linux personality the counter also charges each process's
 * instructions to its budget, LINUX_RCTR_SLICE at a time when there are no
 * preemption points. */
u32 fresh_rctr(void) { return (board.preempt_every ? board.preempt_every : board_linux ? LINUX_RCTR_SLICE : 0) - 1; }

void do_syscall(struct pt_regs *regs)
{
  set_syscall_return(regs);
  u32 a0 = regs->gr[26], a1 = regs->gr[25], a2 = regs->gr[24];
  long ret;
  switch (regs->gr[20]) {
  case NR_exit:
  case NR_exit_group: do_exit((a0 & 0xff) << 8);
  case NR_fork: ret = do_fork(0, 0, regs); break;
  case NR_clone: ret = do_fork(a0, a1, regs); break;
  case NR_write: ret = sys_write(a0, a1, a2); break;
  case NR_waitpid: ret = sys_waitpid((int)a0, a1); break;
  case NR_getpid: ret = (long)current->pid; break;
  case NR_gettid: ret = (long)current->tid; break;
  case NR_sched_yield:
    sched_point(PAVP_SCHED_POINT_YIELD);
    ret = 0;
    break;
  case NR_pavp_result:
    simctl_result(a0, a1);
    ret = 0;
    break;
  case NR_pavp_param: ret = (long)board_param(a0); break;
  case NR_pavp_mark:
    simctl_mark((int)a0, a1);
    ret = 0;
    break;
  default: ret = -ENOSYS; break;
  }
  regs->gr[28] = (u32)ret;
}

/* Every interruption from user mode that entry.S does not finish itself. */
void do_trap(struct pt_regs *regs)
{
  if (board_linux) {
    linux_do_trap(regs);
    return;
  }
  u32 vec = regs->gr[0];
  switch (vec) {
  case VEC_SYSCALL: do_syscall(regs); return;
  case 4: timer_interrupt(); return;
  case 3:
    if (!board.preempt_every) break;
    regs->rctr = fresh_rctr();
    sched_point(PAVP_SCHED_POINT_PREEMPT);
    return;
  case 18:
  case 26:
    if (do_page_fault(regs) == 0) return;
    break;
  default: break;
  }
  kprintf("pavp: pid %u tid %u: interruption %u at %08x, ior %08x: killed\n", current->pid, current->tid, vec,
          regs->iaoq[0], regs->ior);
  do_exit(SIGSEGV);
}
