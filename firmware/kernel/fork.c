/*
 * pavp kernel: fork and thread creation, after Linux 2.6.32 kernel/fork.c
 * (do_fork, copy_process, dup_mm, dup_mmap) and mm/memory.c
 * (copy_page_range, copy_pte_range, copy_one_pte) with parisc's
 * ptep_set_wrprotect and flush_tlb_mm (fork-cache-bug.md §1). The policy
 * hooks of fixes.c sit where the fixes change this path.
 */
#include "kernel.h"

/* asm/pgtable.h: clear _PAGE_WRITE. 2.6.32 UP: set_pte_at(mm, addr, ptep,
 * pte_wrprotect(*ptep)) -- no cache flush, no TLB purge. */
static void ptep_set_wrprotect(struct mm_struct *mm, u32 addr, u32 *ptep)
{
  *ptep &= ~(u32)_PAGE_WRITE;
  kstats.wrprotected++;
  fix_ptep_set_wrprotect(mm, addr, *ptep & ~(PAGE_SIZE - 1));
}

static int is_cow_mapping(u32 flags) { return (flags & (VM_SHARED | VM_WRITE)) == VM_WRITE; }

/* mm/memory.c copy_one_pte: share the page; a private writable page becomes
 * read-only in both parent and child ("If it's a COW mapping, write protect
 * it both in the parent and the child"). */
static void copy_one_pte(struct mm_struct *dst_mm, struct mm_struct *src_mm, u32 *dst_pte, u32 *src_pte,
                         struct vm_area_struct *vma, u32 addr)
{
  u32 pte = *src_pte;
  if (is_cow_mapping(vma->vm_flags) && (pte & _PAGE_WRITE)) {
    ptep_set_wrprotect(src_mm, addr, src_pte);
    pte &= ~(u32)_PAGE_WRITE;
  }
  get_page(pte & ~(PAGE_SIZE - 1));
  (void)dst_mm;
  *dst_pte = pte;
}

/* mm/memory.c copy_pte_range: pte_alloc_map_lock() for the child's table --
 * an allocation that may sleep (seed step 4), so a schedule point -- then
 * copy_one_pte for every present PTE of this 4 MB slot.
 *
 * The schedule point comes before the page is taken and zeroed, as in 2.6.32:
 * parisc pte_alloc_one() is alloc_page(GFP_KERNEL | __GFP_REPEAT | __GFP_ZERO);
 * __alloc_pages_nodemask() may sleep first (might_sleep_if, and the slow path's
 * reclaim and cond_resched()), and only then get_page_from_freelist() takes a
 * page and prep_new_page() zeroes it for __GFP_ZERO (mm/page_alloc.c). So
 * while A-1 sleeps here, the new page table's zeroing has not yet touched
 * the cache. */
static void copy_pte_range(struct mm_struct *dst_mm, struct mm_struct *src_mm, struct vm_area_struct *vma,
                           u32 addr, u32 end)
{
  u32 *dst_pte = pte_offset(dst_mm, addr);
  if (!dst_pte) {
    sched_point(PAVP_SCHED_POINT_PTE_ALLOC);
    dst_pte = pte_alloc(dst_mm, addr);
  }
  u32 *src_pte = pte_offset(src_mm, addr);
  for (; addr < end; addr += PAGE_SIZE, src_pte++, dst_pte++) {
    if (!src_pte || !(*src_pte & (_PAGE_PRESENT | _PAGE_PROTNONE))) continue;
    copy_one_pte(dst_mm, src_mm, dst_pte, src_pte, vma, addr);
  }
}

/* mm/memory.c copy_page_range: walk the vma one page table (4 MB) at a time. */
static void copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm, struct vm_area_struct *vma)
{
  u32 addr = vma->vm_start, end = vma->vm_end;
  while (addr < end) {
    u32 next = (addr + (1u << PGDIR_SHIFT)) & ~((1u << PGDIR_SHIFT) - 1);
    if (next > end || next == 0) next = end;
    /* copy_pmd_range: a slot without a page table has nothing to copy (the
     * seed's workload populates every slot of every region) */
    if (!board_linux || pte_offset(src_mm, addr)) copy_pte_range(dst_mm, src_mm, vma, addr, next);
    addr = next;
  }
}

/* 2.6.32 flush_tlb_mm(mm) on parisc is flush_tlb_all() (tlbflush.h). */
static void flush_tlb_mm(struct mm_struct *mm)
{
  (void)mm;
  flush_tlb_all();
}

/* kernel/fork.c dup_mmap: down_write(&oldmm->mmap_sem),
 * flush_cache_dup_mm(oldmm), then for each vma copy_page_range, then
 * flush_tlb_mm(oldmm) and up_write at the end. */
static void dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
  down_write_mmap_sem(oldmm);
  fix_flush_cache_dup_mm(oldmm);
  for (int i = 0; i < mm_nr_vmas(oldmm); i++) {
    mm_copy_vma(mm, oldmm, i);
    copy_page_range(mm, oldmm, mm_vma(oldmm, i));
  }
  fix_after_copy_page_range(oldmm);
  flush_tlb_mm(oldmm);
  up_write_mmap_sem(oldmm);
}

/* kernel/fork.c dup_mm: a new mm (pgd_alloc, a new space id) and dup_mmap. */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
  struct mm_struct *mm = mm_alloc();
  mm->pgd = pgd_alloc();
  mm->sid = alloc_sid();
  dup_mmap(mm, oldmm);
  return mm;
}

/* Replace the parent's space id by the child's in a copied frame. */
static void frame_set_space(struct pt_regs *regs, u32 old_sid, u32 sid)
{
  for (int i = 0; i < 8; i++)
    if (regs->sr[i] == old_sid) regs->sr[i] = sid;
  regs->iasq[0] = regs->iasq[1] = sid;
}

/* kernel/fork.c do_fork / copy_process. clone_flags & CLONE_VM: a thread
 * sharing current's mm (and space id); otherwise a process with a copy of
 * the address space (fork). The child returns 0 from the system call;
 * newsp, if non-zero, is its stack pointer. */
long do_fork(u32 clone_flags, u32 newsp, struct pt_regs *regs)
{
  /* CLONE_VM makes a thread of current's process: Linux needs CLONE_THREAD
   * as well for that, which glibc always passes with CLONE_VM, and the
   * seed's workload (crt0.S) passes CLONE_VM alone. */
  int is_fork = !(clone_flags & CLONE_VM);
  if (is_fork) {
    /* The fork's hooks need the fix: asked now (the first time), so that
     * asking is not part of the fork's measured cost. */
    kernel_fix();
    simctl_mark(1, PAVP_MARK_FORK);
    kstats.forks++;
  }
  struct task_struct *p = alloc_task();
  if (!p) return -11; /* EAGAIN */
  p->parent = current;
  if (is_fork) {
    p->mm = dup_mm(current->mm);
    p->pid = p->tid;
  } else {
    p->mm = current->mm;
    p->mm->users++;
    p->pid = current->pid;
  }
  /* copy_thread: the child's frame is the parent's at the system call */
  u32 ksp = p->regs.ksp;
  p->regs = *regs;
  p->regs.ksp = ksp;
  p->regs.gr[28] = 0;
  p->regs.rctr = fresh_rctr(); /* a new thread starts a full count */
  if (newsp) p->regs.gr[30] = newsp;
  if (is_fork) frame_set_space(&p->regs, current->mm->sid, p->mm->sid);
  p->ctx.rp = (u32)ret_from_fork;
  p->ctx.sp = (u32)p->kstack + 128;
  __asm__ volatile("copy %%r27, %0" : "=r"(p->ctx.dp));
  if (board_linux) linux_copy_thread(p, clone_flags);
  long ret = is_fork ? (long)p->pid : (long)p->tid;
  if (is_fork) {
    if (board.verbose) kprintf("pavp: fork: pid %u -> pid %u (space %u)\n", current->pid, p->pid, p->mm->sid);
    simctl_mark(0, PAVP_MARK_FORK);
  }
  /* wake_up_new_task: the child joins the run queue; after a fork the
   * schedule may run it at once (seed steps 8-9). */
  wake_up_process(p);
  if (is_fork) sched_point(PAVP_SCHED_POINT_FORK_WAKE);
  return ret;
}
