/*
 * pavp kernel: threads, the run queue, schedule points and sleeping.
 *
 * Uniprocessor and non-preemptive in the kernel: a thread leaves the CPU only
 * at a schedule point (DESIGN decision 8; the point ids and the meaning of
 * the choices are in firmware_contract.h, PAVP_SCHED_POINT_*), where the schedule
 * oracle decides. The run queue holds the runnable threads other than
 * current, oldest first.
 */
#include "kernel.h"

static struct task_struct tasks[MAX_TASKS];
struct task_struct *current;
static struct task_struct *rq_head, *rq_tail;
static u32 next_tid = 1;

void sched_init(void) {}

struct task_struct *alloc_task(void)
{
  for (int i = 0; i < MAX_TASKS; i++) {
    struct task_struct *p = &tasks[i];
    if (p->state != TASK_UNUSED) continue;
    /* A slot keeps the stack it was first given (alloc_kernel_stack). */
    u8 *kstack = p->kstack;
    memset(p, 0, sizeof *p);
    p->kstack = kstack ? kstack : (u8 *)alloc_kernel_stack();
    p->state = TASK_SLEEPING;
    p->tid = next_tid++;
    p->regs.ksp = (u32)p->kstack + 128; /* the stack grows up */
    p->wait_pid = 0;
    return p;
  }
  return NULL;
}

static void enqueue(struct task_struct *p)
{
  p->rq_next = NULL;
  if (rq_tail)
    rq_tail->rq_next = p;
  else
    rq_head = p;
  rq_tail = p;
}

/* Removes and returns the k-th thread of the run queue (0 = head). */
static struct task_struct *dequeue_nth(u32 k)
{
  struct task_struct *prev = NULL, *p = rq_head;
  while (k--) prev = p, p = p->rq_next;
  if (prev)
    prev->rq_next = p->rq_next;
  else
    rq_head = p->rq_next;
  if (rq_tail == p) rq_tail = prev;
  p->rq_next = NULL;
  return p;
}

u32 nr_running_others(void)
{
  u32 n = 0;
  for (struct task_struct *p = rq_head; p; p = p->rq_next) n++;
  return n;
}

void wake_up_process(struct task_struct *p)
{
  if (p->state == TASK_RUNNING) return;
  p->state = TASK_RUNNING;
  enqueue(p);
}

void switch_mm_to(struct task_struct *p)
{
  set_user_context(p->mm->sid, p->mm->pgd);
  set_current_frame(&p->regs);
  simctl_set_current(p->pid, p->tid);
}

static void switch_to(struct task_struct *next)
{
  struct task_struct *prev = current;
  if (!board.tlb_spaces && prev->mm != next->mm) flush_tlb_all_local(board.dtlb_entries, board.itlb_entries);
  if (board_linux) linux_switch_to(prev, next);
  current = next;
  switch_mm_to(next);
  switch_to_asm(&prev->ctx, &next->ctx);
}

/* A point where the kernel may switch threads: choice 0 keeps current,
 * choice k runs the k-th other runnable thread and queues current. */
int sched_point(u32 point)
{
  u32 n = 1 + nr_running_others();
  if (n == 1) return 0;
  kstats.sched_points++;
  u32 d = simctl_sched_decide(point, n);
  if (d == 0) return 0;
  struct task_struct *next = dequeue_nth(d - 1);
  enqueue(current);
  switch_to(next);
  return 1;
}

static void all_done(void)
{
  if (board_linux) linux_all_done();
  for (int i = 0; i < MAX_TASKS; i++)
    if (tasks[i].state == TASK_SLEEPING) panic("deadlock: tid %u sleeps and nothing can run", tasks[i].tid);
  /* the exit status of the first process decides the exit code */
  u32 st = tasks[0].exit_status;
  kprintf("pavp: all tasks exited (init status %u)\n", st);
  report_kstats();
  machine_halt(st == 0 ? PAVP_EXIT_OK : PAVP_EXIT_FAILURE);
}

/* current has gone to sleep or exited: run another thread (a schedule point
 * when more than one can run). */
void schedule_block(void)
{
  u32 n = nr_running_others();
  if (n == 0) all_done();
  u32 d = 0;
  if (n > 1) {
    kstats.sched_points++;
    d = simctl_sched_decide(PAVP_SCHED_POINT_BLOCK, n);
  }
  switch_to(dequeue_nth(d));
}

void start_first_task(struct task_struct *p)
{
  current = p;
  p->state = TASK_RUNNING;
  switch_mm_to(p);
  intr_return();
  for (;;) {
  }
}

/* mm->mmap_sem: dup_mmap (and, under the Linux personality, mmap, munmap,
 * mprotect, brk, madvise) hold it for writing; a page fault takes it for reading (Linux do_page_fault's
 * down_read), so a sibling thread that faults while its process forks
 * sleeps until dup_mmap is done -- after flush_tlb_mm. Readers never block
 * each other and the writer never waits (uniprocessor, one fork at a time). */
void down_write_mmap_sem(struct mm_struct *mm)
{
  /* Another writer (under the Linux personality a sibling's fork, mmap or
   * munmap; the seed's workload forks from one thread and maps nothing)
   * holds it: sleep until its up_write. No reader ever sleeps while holding
   * it (a fault does not sleep once it has the semaphore), so a writer never
   * waits for one. */
  while (board_linux && mm->mmap_sem_writer) {
    current->state = TASK_SLEEPING;
    current->wait_mm = mm;
    schedule_block();
  }
  mm->mmap_sem_writer = 1;
}

void up_write_mmap_sem(struct mm_struct *mm)
{
  mm->mmap_sem_writer = 0;
  for (int i = 0; i < MAX_TASKS; i++)
    if (tasks[i].state == TASK_SLEEPING && tasks[i].wait_mm == mm) {
      tasks[i].wait_mm = NULL;
      wake_up_process(&tasks[i]);
    }
}

void down_read_mmap_sem(struct mm_struct *mm)
{
  while (mm->mmap_sem_writer) {
    current->state = TASK_SLEEPING;
    current->wait_mm = mm;
    schedule_block();
  }
}

/* Helpers for syscalls.c. */
struct task_struct *find_task(u32 tid)
{
  for (int i = 0; i < MAX_TASKS; i++)
    if (tasks[i].state != TASK_UNUSED && tasks[i].tid == tid) return &tasks[i];
  return NULL;
}

struct task_struct *task_slot(int i) { return &tasks[i]; }

#ifdef PAVP_LINUX_PERSONALITY
int task_index(struct task_struct *p) { return (int)(p - tasks); }
#endif
