/*
 * pavp kernel: common declarations.
 */
#ifndef PAVP_KERNEL_H
#define PAVP_KERNEL_H

#include "firmware_contract.h"
#include "pavp_fw.h"

typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long size_t;

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12
#define PGDIR_SHIFT 22 /* one pgd entry covers 4 MB */
#define PTRS_PER_PTE 1024u
#define NULL ((void*)0)

/* ---- the board (boot.c) */
struct board {
  int have_bp;  /* the boot parameter block was present */
  u32 fix;      /* PAVP_FIX_*: holds the fix once kernel_fix() has run (do_fork runs it first) */
  u32 schedule; /* PAVP_SCHEDULE_* */
  u32 seed_hi, seed_lo;
  u32 step_limit;
  u32 tick_cycles;
  u32 preempt_every; /* user instructions between preemption points; 0 = none */
  u32 ram_size;
  u32 dcache_size, dcache_line, icache_size, icache_line;
  u32 alias_bytes; /* cache colour span */
  u32 ncolours;    /* alias_bytes / PAGE_SIZE, at least 1 */
  u32 console_base, simctl_base;
  u32 verbose;
  u32 elements, elem_stride, extra_threads, touch_pages, heap_size;
  u32 dtlb_entries, itlb_entries;
  u32 placement; /* PAVP_PLACEMENT_* */
  u32 placement_seed_hi, placement_seed_lo;
  int tlb_spaces; /* the TLB tells spaces apart (no purge at a switch of mm) */
};
extern struct board board;
/* Kept out of struct board, in .data.late (kernel.ld): see there. */
extern int board_fix_known;    /* board.fix holds the fix (from the block, or asked of sim-control) */
extern int board_colour_alloc; /* user pages get the colour of their user address */
#define LATE_DATA __attribute__((section(".data.late")))

void console_putc(int c);
void kputs(const char* s);
void kprintf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void machine_halt(u32 exit_code) __attribute__((noreturn));
u32 board_param(u32 offset);
const char* fix_name(u32 fix);
u32 kernel_fix(void); /* PAVP_FIX_*; asks sim-control the first time if the block did not say */

/* sim-control (no-ops without the device) */
void simctl_mark(int begin, u32 id);
void simctl_result(u32 key, u32 value);
void simctl_set_current(u32 pid, u32 tid);
u32 simctl_sched_decide(u32 point, u32 n);

/* statistics the kernel reports */
struct kstats {
  u32 forks, cow_faults, cow_copies, sched_points, flush_all, flush_pages, tlb_purges, wrprotected;
};
extern struct kstats kstats;

/* ---- memory (mm.c) */
struct vm_area_struct {
  u32 vm_start, vm_end; /* [start, end) */
  u32 vm_flags;
};
#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_SHARED 0x8
#define MAX_VMAS (4 + USER_MAX_THREADS)

struct mm_struct {
  u32 pgd; /* physical address of the pgd page */
  u32 sid; /* space id (Linux mm->context) */
  int users;
  int mmap_sem_writer; /* mmap_sem held for writing (dup_mmap) */
  int nr_vmas;
  struct vm_area_struct vmas[MAX_VMAS];
};

void mm_init(u32 ram_start, u32 ram_end);
u32 alloc_page_colour(int colour); /* physical address; colour -1 = any */
u32 alloc_page(void);
u32 alloc_kernel_stack(void); /* KSTACK_SIZE contiguous bytes, physical */
u32 alloc_user_page(u32 uaddr); /* policy-aware (colour-alloc) */
void get_page(u32 pa);
void put_page(u32 pa);
u32 page_mapcount(u32 pa);
u32 page_colour(u32 addr);
u32 alloc_sid(void);
struct mm_struct* mm_alloc(void);
u32 pgd_alloc(void);
u32* pte_offset(struct mm_struct* mm, u32 addr); /* NULL if no page table */
u32* pte_alloc(struct mm_struct* mm, u32 addr);  /* allocates the table if needed */
struct vm_area_struct* find_vma(struct mm_struct* mm, u32 addr);
void clear_page(u32 pa);
void copy_page(u32 to, u32 from);
void exit_mmap(struct mm_struct* mm);

/* ---- tasks and scheduling (sched.c) */
struct cpu_context {
  u32 r[16]; /* r3..r18 */
  u32 rp, sp, dp;
};
struct pt_regs {
  u32 gr[32]; /* gr[0]: interruption number */
  u32 sr[8];
  u32 iasq[2], iaoq[2];
  u32 sar, ipsw, isr, ior, iir;
  u32 ksp;
  u32 rctr; /* CR0 while the thread runs in user mode */
};
/* entry.S reaches the frame by the PT_* offsets of pavp_fw.h. */
_Static_assert(__builtin_offsetof(struct pt_regs, ksp) == PT_KSP, "PT_KSP");
_Static_assert(__builtin_offsetof(struct pt_regs, rctr) == PT_RCTR, "PT_RCTR");
_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "PT_SIZE");
enum task_state { TASK_UNUSED = 0, TASK_RUNNING, TASK_SLEEPING, TASK_ZOMBIE };
#define KSTACK_SIZE 16384
#ifdef PAVP_LINUX_PERSONALITY
#define MAX_TASKS 32 /* glibc programs keep more threads (and zombies) at once */
#else
#define MAX_TASKS 16
#endif
struct task_struct {
  struct pt_regs regs; /* first: cr30 points here */
  struct cpu_context ctx;
  enum task_state state;
  u32 pid, tid; /* tgid and thread id */
  struct task_struct* parent;
  struct mm_struct* mm;
  struct task_struct* rq_next;
  u32 exit_status;
  int wait_pid;              /* sleeping in waitpid for this pid (-1 any) */
  struct mm_struct* wait_mm; /* sleeping in down_read(&wait_mm->mmap_sem) */
  u8* kstack;
};
extern struct task_struct* current;
struct task_struct* alloc_task(void);
void sched_init(void);
void wake_up_process(struct task_struct* p);
int sched_point(u32 point); /* may switch; returns 1 if it switched */
void schedule_block(void);  /* current has left TASK_RUNNING: run another */
void switch_mm_to(struct task_struct* p);
u32 nr_running_others(void);
void start_first_task(struct task_struct* p) __attribute__((noreturn));
void down_write_mmap_sem(struct mm_struct* mm);
void up_write_mmap_sem(struct mm_struct* mm);
void down_read_mmap_sem(struct mm_struct* mm);

/* ---- fork, COW, syscalls */
long do_fork(u32 clone_flags, u32 newsp, struct pt_regs* regs);
int do_wp_page(struct mm_struct* mm, struct vm_area_struct* vma, u32 address, u32* page_table);
void do_trap(struct pt_regs* regs);
void do_syscall(struct pt_regs* regs);
u32 user_psw(void);
u32 fresh_rctr(void);
void do_exit(u32 status) __attribute__((noreturn));
long copy_to_user_u32(u32 uaddr, u32 value);

/* ---- policies (fixes.c) */
void fix_flush_cache_dup_mm(struct mm_struct* mm);
void fix_after_copy_page_range(struct mm_struct* oldmm);
void fix_ptep_set_wrprotect(struct mm_struct* mm, u32 addr, u32 pa);
void fix_copy_user_page(u32 to, u32 from, u32 vaddr, struct mm_struct* mm);
void fix_ptep_clear_flush(struct mm_struct* mm, u32 addr, u32 pa);
int fix_colour_alloc(void);

/* ---- cache and TLB primitives (cache.c / cache.S) */
void flush_cache_all_local(void);
void flush_tlb_all(void);
void flush_tlb_page(struct mm_struct* mm, u32 addr);
void flush_kernel_dcache_page(u32 pa);
void flush_dcache_page_tmpalias(u32 pa, u32 uaddr);
void flush_user_dcache_page(u32 uaddr);
void flush_cache_page(struct mm_struct* mm, u32 uaddr, u32 pa);

/* assembly */
void flush_data_cache_local(u32 stride, u32 count);
void flush_instruction_cache_local(u32 stride, u32 count);
void flush_tlb_all_local(u32 dcount, u32 icount);
void purge_tlb_entries(u32 space, u32 va);
void flush_kernel_dcache_page_asm(u32 pa, u32 stride, u32 count);
void flush_user_dcache_range_asm(u32 uva, u32 stride, u32 count);
void flush_dcache_page_asm(u32 pa, u32 uva, u32 stride, u32 count);
void copy_user_page_tmpalias(u32 to_pa, u32 from_pa, u32 uva);
u32 tlb_space_probe(u32 pa1, u32 pa2);
void switch_to_asm(struct cpu_context* prev, struct cpu_context* next);
void ret_from_fork(void);
void intr_return(void);
u32 get_user_u8(u32 uaddr);
void put_user_u32(u32 uaddr, u32 value);
void set_user_context(u32 sid, u32 pgd);
void set_current_frame(struct pt_regs* regs);
void qemu_poweroff(void) __attribute__((noreturn));
extern char gateway_page[];

/* ---- the Linux personality (linux.c, linux_mm.c, linux_exec.c;
 * PAVP_SCENARIO_NPTL). Its state lives in .data.late (LATE_DATA), beside
 * the structures above rather than in them, so that the kernel's other
 * variables keep their addresses and cache sets. */
/* The personality is built into pavp-kernel-linux.elf only
 * (PAVP_LINUX_PERSONALITY, firmware/CMakeLists.txt). In pavp-kernel.elf
 * board_linux is the constant 0 and every hook below compiles away, so that
 * image runs the lists and thread-pair scenarios with exactly the memory
 * accesses it made before the personality existed: the D-cache state those
 * scenarios' results depend on includes the kernel's own lines. */
#ifdef PAVP_LINUX_PERSONALITY
extern int board_linux; /* the scenario runs under the Linux personality */
#define KERNEL_SCENARIO_LAST PAVP_SCENARIO_NPTL
#define KERNEL_SCENARIO_LAST_TEXT "2"
#else
#define board_linux 0
#define KERNEL_SCENARIO_LAST PAVP_SCENARIO_THREAD_PAIR /* nptl needs pavp-kernel-linux.elf */
#define KERNEL_SCENARIO_LAST_TEXT "1"
#endif
#define LINUX_RCTR_SLICE 100000u /* user instructions between budget checks */
#define LINUX_DEFAULT_BUDGET 20000000u /* user instructions a process may run (PAVP_BP_PROCESS_BUDGET) */
extern u32 linux_budget;
/* A process's layout (linux_mm.c): user addresses below LINUX_TASK_SIZE;
 * the stack (RLIMIT_STACK, grows up) at LINUX_STACK_BASE; mmap top-down
 * from LINUX_MMAP_BASE; at least LINUX_BRK_GAP between the break and the
 * lowest mapping. */
#define LINUX_TASK_SIZE 0xC0000000u
#define LINUX_STACK_BASE 0xB0000000u
#define LINUX_STACK_SIZE 0x00800000u
#define LINUX_MMAP_BASE 0xA0000000u
#define LINUX_BRK_GAP PAGE_SIZE

/* A VMA of a Linux process: the common part first (fork.c and memory.c take
 * it as a struct vm_area_struct), then its backing: private pages filled
 * from `file` (the ELF image in kernel memory; file_bytes of it from
 * vm_start, zeros after) or demand-zero when file is NULL. */
struct linux_vma {
  struct vm_area_struct vma;
  const u8* file;
  u32 file_bytes;
};
#define LINUX_MAX_VMAS 64
/* Per process (per mm: a thread group shares its mm). */
struct linux_mm {
  int nr_vmas;
  struct linux_vma vmas[LINUX_MAX_VMAS]; /* sorted by address, disjoint */
  u32 start_brk, brk;
  u32 insns;          /* user instructions charged to the process (budget) */
  int group_exit;     /* exit_group or a fatal signal: every thread ends */
  u32 group_exit_code;
  int hung;           /* killed for exceeding the instruction budget */
};
/* Per thread. */
struct linux_task {
  u32 tp; /* cr27 */
  u32 fpregs[64] __attribute__((aligned(8))); /* fstd/fldd need 8-byte alignment */
  u32 set_child_tid, clear_child_tid;
  u32 futex_uaddr; /* sleeping in futex_wait on this address of its mm */
  u32 futex_bitset;
  u32 futex_seq;   /* FIFO order among waiters */
  int woken;       /* futex_wake chose this waiter */
  u32 ppid;        /* the parent process (its pid), who reaps this one */
};
struct linux_mm* linux_mm_of(struct mm_struct* mm);
struct linux_task* linux_task_of(struct task_struct* p);
int task_index(struct task_struct* p);
struct task_struct* task_slot(int i);
struct task_struct* find_task(u32 tid);
struct mm_struct* mm_slot(int i);

/* VMAs of any mm, whichever personality (mm.c; without the personality
 * the mm's own array, inline as the code was before it). */
#ifdef PAVP_LINUX_PERSONALITY
int mm_nr_vmas(struct mm_struct* mm);
struct vm_area_struct* mm_vma(struct mm_struct* mm, int i);
void mm_copy_vma(struct mm_struct* dst, struct mm_struct* src, int i);
#else
static inline int mm_nr_vmas(struct mm_struct* mm) { return mm->nr_vmas; }
static inline struct vm_area_struct* mm_vma(struct mm_struct* mm, int i) { return &mm->vmas[i]; }
static inline void mm_copy_vma(struct mm_struct* dst, struct mm_struct* src, int i)
{
  dst->vmas[i] = src->vmas[i];
  dst->nr_vmas = i + 1;
}
#endif

void linux_exec(const u8* elf, u32 size, const char* args, u32 args_size) __attribute__((noreturn));
void linux_do_trap(struct pt_regs* regs);
void linux_copy_thread(struct task_struct* p, u32 clone_flags);
void linux_switch_to(struct task_struct* prev, struct task_struct* next);
void linux_all_done(void) __attribute__((noreturn));
void linux_schedule_tail(void);
int linux_handle_fault(struct mm_struct* mm, u32 address, int write, int exec);
int linux_vma_insert(struct linux_mm* lm, u32 start, u32 end, u32 flags, const u8* file, u32 file_bytes);
u32 linux_user_page(struct mm_struct* mm, u32 uaddr);
long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff);
long sys_munmap(u32 addr, u32 len);
long sys_mprotect(u32 addr, u32 len, u32 prot);
long sys_brk(u32 brk);
long sys_madvise(u32 addr, u32 len, u32 advice);
#ifdef PAVP_LINUX_PERSONALITY
void timer_interrupt(void);
#endif
void timer_start(void);
/* The kernel's counts, as result records (sched.c all_done, linux.c). */
static inline void report_kstats(void)
{
  simctl_result(PAVP_RESULT_FORKS, kstats.forks);
  simctl_result(PAVP_RESULT_COW_FAULTS, kstats.cow_faults);
  simctl_result(PAVP_RESULT_SCHED_POINTS, kstats.sched_points);
  simctl_result(PAVP_RESULT_COW_COPIES, kstats.cow_copies);
  simctl_result(PAVP_RESULT_FLUSH_ALL, kstats.flush_all);
  simctl_result(PAVP_RESULT_FLUSH_PAGES, kstats.flush_pages);
  simctl_result(PAVP_RESULT_TLB_PURGES, kstats.tlb_purges);
  simctl_result(PAVP_RESULT_WRPROTECTED, kstats.wrprotected);
}
/* Return point of a system call or gateway service: the caller's BLE left
 * it in r31 (with privilege 3) and its space in sr0. Set before anything
 * copies the frame (fork). */
static inline void set_syscall_return(struct pt_regs* regs)
{
  regs->iaoq[0] = regs->gr[31];
  regs->iaoq[1] = regs->gr[31] + 4;
  regs->iasq[0] = regs->iasq[1] = regs->sr[0];
  regs->ipsw = user_psw();
}
void console_putc_raw(int c);
int get_user_u32(u32 uaddr, u32* value);
int put_user_u32_checked(u32 uaddr, u32 value);
int copy_from_user(void* dst, u32 uaddr, u32 n);
int copy_to_user(u32 uaddr, const void* src, u32 n);
int clear_user(u32 uaddr, u32 n);

/* assembly (entry.S) */
void ret_from_fork_linux(void);
void save_fp(u32* area);
void restore_fp(const u32* area);
u32 get_thread_pointer(void);
void set_thread_pointer(u32 tp);
int uaccess_load_u32(u32 uaddr, u32* out);
int uaccess_store_u32(u32 uaddr, u32 value);
int uaccess_load_u8(u32 uaddr, u8* out);
int uaccess_store_u8(u32 uaddr, u32 value);

/* exec: the first process's task and address space (a new pgd and space
 * id); inline, so that exec_init's code stays as it was. */
static inline struct task_struct* exec_new_process(void)
{
  struct task_struct* p = alloc_task();
  struct mm_struct* mm = mm_alloc();
  mm->pgd = pgd_alloc();
  mm->sid = alloc_sid();
  p->mm = mm;
  p->pid = p->tid;
  return p;
}

/* lib.c */
void* memset(void* s, int c, size_t n);
void* memcpy(void* d, const void* s, size_t n);

static inline u32 mmio_read32(u32 addr) {
  return *(volatile u32*)addr;
}
static inline void mmio_write32(u32 addr, u32 v) {
  *(volatile u32*)addr = v;
}

#endif /* PAVP_KERNEL_H */
