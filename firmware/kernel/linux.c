/*
 * pavp kernel, Linux personality: the system calls, gateway services,
 * traps and process life of an unmodified static glibc program, with
 * Linux's semantics and parisc's numbers (asm/unistd_32.h, asm/errno.h,
 * asm/signal.h). What is left out is said where it would be.
 *
 * Threads and processes: a thread group is the tasks sharing a pid and an
 * mm. A thread that exits wakes its CLONE_CHILD_CLEARTID futex and goes;
 * the group leader stays a zombie until the last thread has gone, and only
 * then does its parent's wait4 see the process end (Linux's
 * delay_group_leader). exit_group and fatal signals end every thread of the
 * group: each sleeping one is woken and ends at its next return to user
 * mode. Signals are never delivered to handlers: a signal a process sends
 * itself (abort's tgkill) or takes (a fault) ends it with that signal, as
 * the default action would.
 */
#include "kernel.h"

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EBADF 9
#define ECHILD 10
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 251

#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGFPE 8
#define SIGKILL 9
#define SIGBUS 10
#define SIGSEGV 11
#define SIGCHLD 18
#define SIGWINCH 23
#define SIGCONT 26
#define SIGURG 29

#define WNOHANG 1

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_CMD_MASK 0x7f /* without FUTEX_PRIVATE_FLAG (128), FUTEX_CLOCK_REALTIME (256) */

#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY 0xffffffffu

u32 linux_budget LATE_DATA = LINUX_DEFAULT_BUDGET;
static u32 enosys_count LATE_DATA;
static u32 futex_seq LATE_DATA;
static unsigned long long random_state LATE_DATA = 0x243F6A8885A308D3ull;

/* What the first process's children came to (linux_all_done). */
static struct {
  u32 children, failed;
  u32 first_outcome, first_status; /* of the first child that did not exit 0 */
  int init_done, init_hung;
  u32 init_status;
} ends LATE_DATA;

static struct task_struct *task_at(int i) { return task_slot(i); }

static int alive(struct task_struct *t) { return t->state == TASK_RUNNING || t->state == TASK_SLEEPING; }

/* ------------------------------------------------------------ futexes */

/* Wake up to n threads of mm sleeping on uaddr whose bitset meets bitset,
 * longest waiting first. Keyed by (mm, address): every futex here is in
 * private anonymous memory, which Linux keys the same way. */
static long futex_wake(struct mm_struct *mm, u32 uaddr, u32 n, u32 bitset)
{
  long woken = 0;
  while ((u32)woken < n) {
    struct task_struct *best = NULL;
    for (int i = 0; i < MAX_TASKS; i++) {
      struct task_struct *t = task_at(i);
      struct linux_task *lt = linux_task_of(t);
      if (t->state != TASK_SLEEPING || t->mm != mm || lt->futex_uaddr != uaddr || !(lt->futex_bitset & bitset))
        continue;
      if (!best || lt->futex_seq < linux_task_of(best)->futex_seq) best = t;
    }
    if (!best) break;
    linux_task_of(best)->futex_uaddr = 0;
    linux_task_of(best)->woken = 1;
    wake_up_process(best);
    woken++;
  }
  return woken;
}

/* FUTEX_WAIT: sleep if *uaddr still holds val. A schedule point (the
 * thread blocks). Timeouts are not kept: a timed wait sleeps until woken. */
static long futex_wait(u32 uaddr, u32 val, u32 bitset)
{
  u32 cur;
  if (uaddr & 3) return -EINVAL;
  if (get_user_u32(uaddr, &cur)) return -EFAULT;
  if (cur != val) return -11; /* EAGAIN */
  struct linux_task *lt = linux_task_of(current);
  lt->futex_uaddr = uaddr;
  lt->futex_bitset = bitset;
  lt->futex_seq = ++futex_seq;
  lt->woken = 0;
  current->state = TASK_SLEEPING;
  schedule_block();
  lt->futex_uaddr = 0;
  return lt->woken ? 0 : -EINTR;
}

static long sys_futex(u32 uaddr, u32 op, u32 val, u32 val3)
{
  switch (op & FUTEX_CMD_MASK) {
  case FUTEX_WAIT: return futex_wait(uaddr, val, ~0u);
  case FUTEX_WAIT_BITSET: return val3 ? futex_wait(uaddr, val, val3) : -EINVAL;
  case FUTEX_WAKE: return futex_wake(current->mm, uaddr, val, ~0u);
  case FUTEX_WAKE_BITSET: return val3 ? futex_wake(current->mm, uaddr, val, val3) : -EINVAL;
  default: enosys_count++; return -ENOSYS;
  }
}

/* ---------------------------------------------------- exit and wait */

static int group_live_threads(u32 pid, struct task_struct *except)
{
  int n = 0;
  for (int i = 0; i < MAX_TASKS; i++) {
    struct task_struct *t = task_at(i);
    if (t != except && t->pid == pid && alive(t)) n++;
  }
  return n;
}

static u32 outcome_of(u32 status, int hung)
{
  if (hung) return PAVP_OUTCOME_HANG;
  u32 sig = status & 0x7f;
  if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) return PAVP_OUTCOME_CRASH;
  return status ? PAVP_OUTCOME_CORRUPTED : PAVP_OUTCOME_OK;
}

/* The last thread of the process led by leader has gone. */
static void process_ended(struct task_struct *leader, struct linux_mm *lm)
{
  u32 status = leader->exit_status;
  if (board.verbose) kprintf("pavp: pid %u ended, status 0x%x%s\n", leader->pid, status, lm->hung ? " (budget)" : "");
  u32 ppid = linux_task_of(leader)->ppid;
  if (leader->pid == 1) {
    ends.init_done = 1;
    ends.init_status = status;
    ends.init_hung = lm->hung;
  } else if (ppid == 1) {
    ends.children++;
    if (status || lm->hung) {
      if (!ends.failed) {
        ends.first_outcome = outcome_of(status, lm->hung);
        ends.first_status = status;
      }
      ends.failed++;
    }
  }
  int init_alive = group_live_threads(1, NULL) > 0;
  for (int i = 0; i < MAX_TASKS; i++) {
    struct task_struct *t = task_at(i);
    struct linux_task *lt = linux_task_of(t);
    if (t->state == TASK_UNUSED) continue;
    /* orphans go to init, as Linux reparents them */
    if (lt->ppid == leader->pid && t->pid != leader->pid) lt->ppid = init_alive ? 1 : 0;
    /* the parent's threads sleeping in wait4 look again */
    if (ppid && t->pid == ppid && t->state == TASK_SLEEPING && t->wait_pid) wake_up_process(t);
  }
}

/* Linux do_exit for the current thread; status as wait4 reports it. */
static void linux_do_exit(u32 status) __attribute__((noreturn));
static void linux_do_exit(u32 status)
{
  struct task_struct *me = current;
  struct mm_struct *mm = me->mm;
  struct linux_mm *lm = linux_mm_of(mm);
  struct linux_task *lt = linux_task_of(me);
  /* mm_release: CLONE_CHILD_CLEARTID (glibc's pthread_join waits on it) */
  if (lt->clear_child_tid && mm->users > 1) {
    put_user_u32_checked(lt->clear_child_tid, 0);
    futex_wake(mm, lt->clear_child_tid, 1, ~0u);
  }
  me->exit_status = lm->group_exit ? lm->group_exit_code : status;
  int last = group_live_threads(me->pid, me) == 0;
  struct task_struct *leader = find_task(me->pid);
  if (last && leader && leader != me && !lm->group_exit) me->exit_status = leader->exit_status;
  if (last && leader) leader->exit_status = me->exit_status;
  me->state = me->tid == me->pid ? TASK_ZOMBIE : TASK_UNUSED;
  if (last) process_ended(leader ? leader : me, lm);
  if (--mm->users == 0) exit_mmap(mm);
  schedule_block();
  panic("exited task %u ran again", me->tid);
}

/* The process of mm ends with status (the first reason given stands):
 * each of its threads ends at its next return to user mode; those in an
 * interruptible sleep (futex, wait4) are woken for it, mmap_sem sleepers
 * wake at up_write. */
static void end_process(struct mm_struct *mm, u32 status)
{
  struct linux_mm *lm = linux_mm_of(mm);
  if (!lm->group_exit) {
    lm->group_exit = 1;
    lm->group_exit_code = status;
  }
  for (int i = 0; i < MAX_TASKS; i++) {
    struct task_struct *t = task_at(i);
    if (t != current && t->mm == mm && t->state == TASK_SLEEPING && !t->wait_mm) {
      linux_task_of(t)->futex_uaddr = 0;
      wake_up_process(t);
    }
  }
}

/* exit_group, or a signal that ends the process: every thread goes. */
static void group_exit(u32 status) __attribute__((noreturn));
static void group_exit(u32 status)
{
  end_process(current->mm, status);
  linux_do_exit(status);
}

/* A process with only zombie threads left has ended: can it be reaped? */
static int group_dead(struct task_struct *leader) { return group_live_threads(leader->pid, NULL) == 0; }

static long sys_wait4(int pid, u32 status_ptr, u32 options, u32 rusage)
{
  for (;;) {
    int children = 0;
    for (int i = 0; i < MAX_TASKS; i++) {
      struct task_struct *p = task_at(i);
      if (p->state == TASK_UNUSED || p->tid != p->pid || linux_task_of(p)->ppid != current->pid) continue;
      if (pid > 0 && (u32)pid != p->pid) continue;
      children++;
      if (p->state != TASK_ZOMBIE || !group_dead(p)) continue;
      if (status_ptr && put_user_u32_checked(status_ptr, p->exit_status)) return -EFAULT;
      if (rusage && clear_user(rusage, 72)) return -EFAULT; /* struct rusage: no accounting */
      p->state = TASK_UNUSED;
      return (long)p->pid;
    }
    if (!children) return -ECHILD;
    if (options & WNOHANG) return 0;
    if (linux_mm_of(current->mm)->group_exit) return -EINTR;
    current->state = TASK_SLEEPING;
    current->wait_pid = pid ? pid : -1;
    schedule_block();
    current->wait_pid = 0;
  }
}

static int ignored_by_default(u32 sig) { return sig == SIGCHLD || sig == SIGWINCH || sig == SIGCONT || sig == SIGURG; }

/* A signal the process sends itself: ignored if its default action is to
 * ignore, else the end of the process with it. */
static long signal_self(u32 sig)
{
  if (sig >= 65) return -EINVAL;
  if (sig == 0 || ignored_by_default(sig)) return 0;
  group_exit(sig);
}

/* kill(pid, sig) to another process: 0 only checks that it exists (a
 * zombie not yet reaped does); a signal whose default action ends it ends
 * it (end_process) with that signal as its status. */
static long signal_process(u32 pid, u32 sig)
{
  if (sig >= 65) return -EINVAL;
  struct task_struct *leader = find_task(pid);
  if (!leader || leader->pid != pid) return -ESRCH;
  if (sig == 0 || ignored_by_default(sig) || leader->state == TASK_ZOMBIE) return 0;
  end_process(leader->mm, sig);
  return 0;
}

/* sched_getaffinity: one CPU, a mask of one unsigned long (Linux copies
 * cpumask_size() bytes and returns that count). */
static long sys_sched_getaffinity(u32 pid, u32 len, u32 mask)
{
  if (pid && !find_task(pid)) return -ESRCH;
  if (len < 4 || (len & 3)) return -EINVAL;
  return put_user_u32_checked(mask, 1) ? -EFAULT : 4;
}

/* ---------------------------------------------------------- clone */

static struct {
  u32 ptid, tls, ctid;
} clone_args LATE_DATA;

/* hppa's clone(flags, newsp, parent_tidptr, tls, child_tidptr). */
static long sys_clone(struct pt_regs *regs)
{
  u32 flags = regs->gr[26];
  clone_args.ptid = regs->gr[24];
  clone_args.tls = regs->gr[23];
  clone_args.ctid = regs->gr[22];
  return do_fork(flags, regs->gr[25], regs);
}

/* do_fork's hook, after the child's frame is set and before it can run
 * (Linux copy_thread and the clone flags of copy_process / do_fork). */
void linux_copy_thread(struct task_struct *p, u32 clone_flags)
{
  struct linux_task *lt = linux_task_of(p);
  memset(lt, 0, sizeof *lt);
  save_fp(lt->fpregs); /* the parent's live registers */
  lt->tp = clone_flags & CLONE_SETTLS ? clone_args.tls : get_thread_pointer();
  lt->ppid = current->pid;
  if (clone_flags & CLONE_CHILD_SETTID) lt->set_child_tid = clone_args.ctid;
  if (clone_flags & CLONE_CHILD_CLEARTID) lt->clear_child_tid = clone_args.ctid;
  if (clone_flags & CLONE_PARENT_SETTID) put_user_u32_checked(clone_args.ptid, p->tid);
  p->ctx.rp = (u32)ret_from_fork_linux;
}

/* Linux schedule_tail, in the new thread's own context before its first
 * return to user mode: CLONE_CHILD_SETTID. */
void linux_schedule_tail(void)
{
  struct linux_task *lt = linux_task_of(current);
  if (lt->set_child_tid) put_user_u32_checked(lt->set_child_tid, current->tid);
  if (linux_mm_of(current->mm)->group_exit) linux_do_exit(0);
}

/* switch_to: the thread pointer and FP registers follow the thread. */
void linux_switch_to(struct task_struct *prev, struct task_struct *next)
{
  struct linux_task *p = linux_task_of(prev), *n = linux_task_of(next);
  save_fp(p->fpregs);
  p->tp = get_thread_pointer();
  restore_fp(n->fpregs);
  set_thread_pointer(n->tp);
}

/* ---------------------------------------------- gateway services */

/* The light-weight syscalls (Linux syscall.S lws_entry): 0 = 32-bit
 * compare and swap (r26 address, r25 old, r24 new; r28 = the value read,
 * r21 = 0 or -EFAULT); 2 = sized compare and swap (r26 address, r25 and
 * r24 addresses of old and new, r23 = log2 of the size; r28 = 0 when it
 * swapped, 1 when not). The load and the store go through the MMU as the
 * user's own would (a page made COW takes the COW path); a fault is served
 * and the whole operation done again, so nothing runs between its load and
 * its store. Linux's -EAGAIN (lock contention between CPUs) cannot happen
 * on one CPU. */
static void linux_lws(struct pt_regs *regs)
{
  u32 *gr = regs->gr;
  struct mm_struct *mm = current->mm;
  if (gr[20] == 0) {
    for (int tries = 0; tries < 4; tries++) {
      u32 cur;
      if (get_user_u32(gr[26], &cur)) break;
      if (cur != gr[25] || !uaccess_store_u32(gr[26], gr[24])) {
        gr[28] = cur;
        gr[21] = 0;
        return;
      }
      if (linux_handle_fault(mm, gr[26], 1, 0)) break;
    }
    gr[21] = (u32)-EFAULT;
    return;
  }
  if (gr[20] == 2) {
    u32 size = 1u << (gr[23] & 3), addr = gr[26];
    u8 old[8], neu[8], mem[8];
    if (gr[23] > 3 || (addr & (size - 1)) || copy_from_user(old, gr[25], size) || copy_from_user(neu, gr[24], size)) {
      gr[21] = (u32)(gr[23] > 3 ? -EINVAL : -EFAULT);
      return;
    }
    for (int tries = 0; tries < 4; tries++) {
      /* the page writable first (an aligned operand lies in one page),
       * then compare and store with nothing that can fault between */
      if (copy_from_user(mem, addr, size) || copy_to_user(addr, mem, 1)) break;
      u32 i = 0, equal = 1, faulted = 0;
      for (; i < size; i++) equal &= uaccess_load_u8(addr + i, &mem[i]) == 0 && mem[i] == old[i];
      for (i = 0; equal && i < size; i++) faulted |= (u32)uaccess_store_u8(addr + i, neu[i]);
      if (faulted) continue;
      gr[28] = equal ? 0 : 1;
      gr[21] = 0;
      return;
    }
    gr[21] = (u32)-EFAULT;
    return;
  }
  gr[21] = (u32)-ENOSYS;
}

/* ------------------------------------------------------ system calls */

static long sys_write(u32 fd, u32 buf, u32 count)
{
  if (fd != 1 && fd != 2) return -EBADF;
  for (u32 i = 0; i < count; i++) {
    u8 c;
    if (copy_from_user(&c, buf + i, 1)) return i ? (long)i : -EFAULT;
    console_putc_raw(c);
  }
  return (long)count;
}

static long sys_writev(u32 fd, u32 iov, u32 n)
{
  if (n > 1024) return -EINVAL;
  long total = 0;
  for (u32 i = 0; i < n; i++) {
    u32 base, len;
    if (get_user_u32(iov + 8 * i, &base) || get_user_u32(iov + 8 * i + 4, &len)) return total ? total : -EFAULT;
    long r = sys_write(fd, base, len);
    if (r < 0) return total ? total : r;
    total += r;
  }
  return total;
}

static long sys_getrlimit(u32 resource, u32 rlim)
{
  u32 v[2] = {RLIM_INFINITY, RLIM_INFINITY};
  if (resource > 15) return -EINVAL;
  if (resource == RLIMIT_STACK) v[0] = LINUX_STACK_SIZE;
  if (resource == RLIMIT_NOFILE) v[0] = 1024, v[1] = 4096;
  return copy_to_user(rlim, v, sizeof v) ? -EFAULT : 0;
}

/* getrandom: the same bytes on every run (a 64-bit LCG, Knuth's MMIX). */
static u8 random_byte(void)
{
  random_state = random_state * 6364136223846793005ull + 1442695040888963407ull;
  return (u8)(random_state >> 56);
}

void linux_random_bytes(u8 *dst, u32 n)
{
  for (u32 i = 0; i < n; i++) dst[i] = random_byte();
}

static long sys_getrandom(u32 buf, u32 len, u32 flags)
{
  if (flags & ~7u) return -EINVAL; /* GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE */
  if (len > 256) len = 256; /* a short read, as Linux may give */
  for (u32 i = 0; i < len; i++) {
    u8 b = random_byte();
    if (copy_to_user(buf + i, &b, 1)) return -EFAULT;
  }
  return (long)len;
}

static void linux_syscall(struct pt_regs *regs)
{
  set_syscall_return(regs);
  u32 a0 = regs->gr[26], a1 = regs->gr[25], a2 = regs->gr[24], a3 = regs->gr[23], a4 = regs->gr[22],
      a5 = regs->gr[21];
  u32 nr = regs->gr[20];
  long ret;
  switch (nr) {
  case NR_exit: linux_do_exit((a0 & 0xff) << 8);
  case NR_exit_group: group_exit((a0 & 0xff) << 8);
  case NR_fork: ret = do_fork(SIGCHLD, 0, regs); break;
  case NR_clone: ret = sys_clone(regs); break;
  case NR_read: ret = a0 == 0 ? 0 : -EBADF; break; /* standard input is empty */
  case NR_write: ret = sys_write(a0, a1, a2); break;
  case NR_writev: ret = sys_writev(a0, a1, a2); break;
  case NR_waitpid: ret = sys_wait4((int)a0, a1, a2, 0); break;
  case NR_wait4: ret = sys_wait4((int)a0, a1, a2, a3); break;
  case NR_getpid: ret = (long)current->pid; break;
  case NR_gettid: ret = (long)current->tid; break;
  case NR_sched_yield:
    sched_point(PAVP_SCHED_POINT_YIELD);
    ret = 0;
    break;
  case NR_brk: ret = sys_brk(a0); break;
  case NR_mmap2: ret = sys_mmap2(a0, a1, a2, a3, a4, a5); break;
  case NR_munmap: ret = sys_munmap(a0, a1); break;
  case NR_mprotect: ret = sys_mprotect(a0, a1, a2); break;
  case NR_madvise: ret = sys_madvise(a0, a1, a2); break;
  case NR_futex:
  case NR_futex_time64: ret = sys_futex(a0, a1, a2, a5); break;
  case NR_set_tid_address:
    linux_task_of(current)->clear_child_tid = a0;
    ret = (long)current->tid;
    break;
  case NR_set_robust_list: ret = -ENOSYS; break; /* glibc goes on without robust mutexes */
  case NR_rt_sigaction:                          /* accepted, never delivered; the old action reads as SIG_DFL */
    ret = a2 && clear_user(a2, 16) ? -EFAULT : 0;
    break;
  case NR_rt_sigprocmask: ret = a2 && clear_user(a2, 8) ? -EFAULT : 0; break;
  case NR_getrlimit: ret = sys_getrlimit(a0, a1); break;
  case NR_getrandom: ret = sys_getrandom(a0, a1, a2); break;
  case NR_readlink: ret = -ENOENT; break; /* no file system */
  case NR_statx:
  case NR_fstat64:
  case NR_fstatat64: ret = -ENOSYS; break; /* no file system: glibc then sizes stdio buffers itself */
  case NR_kill:
    ret = a0 == current->pid || a0 == 0 ? signal_self(a1) : (int)a0 > 0 ? signal_process(a0, a1) : -EPERM;
    break;
  case NR_sched_getaffinity: ret = sys_sched_getaffinity(a0, a1, a2); break;
  case NR_tkill: ret = a0 == current->tid ? signal_self(a1) : find_task(a0) ? -EPERM : -ESRCH; break;
  case NR_tgkill: ret = a0 == current->pid && a1 == current->tid ? signal_self(a2) : -ESRCH; break;
  default:
    enosys_count++;
    if (board.verbose) kprintf("pavp: pid %u: unknown system call %u: ENOSYS\n", current->pid, nr);
    ret = -ENOSYS;
    break;
  }
  if (board.verbose && nr != NR_write && nr != NR_writev)
    kprintf("pavp: tid %u: syscall %u (%x, %x, %x, %x) = %d\n", current->tid, nr, a0, a1, a2, a3, (int)ret);
  regs->gr[28] = (u32)ret;
}

/* The signal a trap sends (Linux handle_interruption). */
static u32 trap_signal(u32 vec)
{
  switch (vec) {
  case 8: /* illegal instruction */
  case 10: /* privileged operation */
  case 11: return SIGILL; /* privileged register */
  case 9: return SIGTRAP; /* break */
  case 12: /* overflow */
  case 13: /* conditional */
  case 14: return SIGFPE; /* assist exception */
  case 28: return SIGBUS; /* unaligned data reference */
  default: return SIGSEGV;
  }
}

void linux_do_trap(struct pt_regs *regs)
{
  u32 vec = regs->gr[0];
  struct linux_mm *lm = linux_mm_of(current->mm);
  int fault = 0;
  switch (vec) {
  case VEC_SYSCALL: linux_syscall(regs); break;
  case VEC_LWS:
    set_syscall_return(regs);
    linux_lws(regs);
    break;
  case VEC_SET_TP:
    set_syscall_return(regs);
    set_thread_pointer(regs->gr[26]);
    break;
  case 4: timer_interrupt(); break;
  case 3: /* the recovery counter: charge the process, then a preemption point */
    lm->insns += board.preempt_every ? board.preempt_every : LINUX_RCTR_SLICE;
    regs->rctr = fresh_rctr();
    if (lm->insns > linux_budget) {
      kprintf("pavp: pid %u ran %u user instructions, over its budget: killed\n", current->pid, lm->insns);
      lm->hung = 1;
      group_exit(SIGKILL);
    }
    if (board.preempt_every) sched_point(PAVP_SCHED_POINT_PREEMPT);
    break;
  case 6: fault = linux_handle_fault(current->mm, regs->iaoq[0] & ~3u, 0, 1); break;
  case 15: fault = linux_handle_fault(current->mm, regs->ior, 0, 0); break;
  case 18:
  case 26: fault = linux_handle_fault(current->mm, regs->ior, 1, 0); break;
  default: fault = -1; break;
  }
  if (fault) {
    kprintf("pavp: pid %u tid %u: interruption %u at %08x, ior %08x: signal %u\n", current->pid, current->tid, vec,
            regs->iaoq[0], regs->ior, trap_signal(vec));
    group_exit(trap_signal(vec));
  }
  /* back to user mode: a thread of a process that is ending ends here */
  if (lm->group_exit) linux_do_exit(0);
}

/* Nothing can run any more (sched.c all_done): the outcome of the run. */
void linux_all_done(void)
{
  int sleeping = 0;
  for (int i = 0; i < MAX_TASKS; i++)
    if (task_at(i)->state == TASK_SLEEPING) sleeping++;
  u32 outcome, status;
  if (ends.failed) {
    outcome = ends.first_outcome;
    status = ends.first_status;
  } else if (sleeping || !ends.init_done) {
    outcome = PAVP_OUTCOME_HANG; /* a deadlock: threads sleep and none can wake them */
    status = 0;
  } else {
    outcome = outcome_of(ends.init_status, ends.init_hung);
    status = ends.init_status;
  }
  kprintf("pavp: all tasks done: %u children, %u failed, %u sleeping, init status 0x%x, %u unknown system calls\n",
          ends.children, ends.failed, (u32)sleeping, ends.init_status, enosys_count);
  simctl_result(PAVP_RESULT_OUTCOME, outcome);
  simctl_result(PAVP_RESULT_EXIT_STATUS, status);
  simctl_result(PAVP_RESULT_CHILDREN, ends.children);
  simctl_result(PAVP_RESULT_CHILDREN_FAILED, ends.failed);
  simctl_result(PAVP_RESULT_ENOSYS, enosys_count);
  report_kstats();
  machine_halt(outcome == PAVP_OUTCOME_OK ? PAVP_EXIT_OK : PAVP_EXIT_FAILURE);
}
