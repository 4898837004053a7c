/*
 * pavp kernel: page faults and copy-on-write, after Linux 2.6.32
 * mm/memory.c do_wp_page / cow_user_page and arch/parisc/kernel/cache.c
 * copy_user_page (fork-cache-bug.md §1). All user pages are populated when a
 * process is set up, so the only fault the kernel serves is a write to a
 * write-protected private page.
 */
#include "kernel.h"

/* mm/memory.c cow_user_page -> copy_user_highpage -> copy_user_page
 * (the policy decides how; fixes.c). */
static void cow_user_page(u32 dst, u32 src, u32 va, struct mm_struct *mm)
{
  fix_copy_user_page(dst, src, va, mm);
}

/* mm/memory.c do_wp_page. Reuse the page when this mm is its only user
 * (Linux's reuse_swap_page / page_mapcount test); otherwise allocate a page,
 * copy, then -- as 2.6.32 orders it -- flush_cache_page() of the old page,
 * ptep_clear_flush(), and install the writable copy. */
int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, u32 address, u32 *page_table)
{
  u32 orig_pte = *page_table;
  u32 old_page = orig_pte & ~(PAGE_SIZE - 1);
  u32 va = address & ~(PAGE_SIZE - 1);
  (void)vma;
  simctl_mark(1, PAVP_MARK_COW_FAULT);
  kstats.cow_faults++;
  if (page_mapcount(old_page) == 1) {
    /* reuse: maybe_mkwrite(pte_mkdirty(pte)); update_mmu_cache */
    *page_table = orig_pte | _PAGE_WRITE | _PAGE_DIRTY;
    flush_tlb_page(mm, va);
  } else {
    u32 new_page = alloc_user_page(va);
    kstats.cow_copies++;
    if (board.verbose)
      kprintf("pavp: COW pid %u va %08x: page %08x -> %08x, colours user %u kernel %u\n", current->pid, va,
              old_page, new_page, page_colour(va), page_colour(old_page));
    cow_user_page(new_page, old_page, va, mm);
    flush_cache_page(mm, va, old_page);
    fix_ptep_clear_flush(mm, va, old_page);
    *page_table = new_page | (orig_pte & (PAGE_SIZE - 1)) | _PAGE_WRITE | _PAGE_DIRTY;
    get_page(new_page);
    put_page(old_page);
  }
  simctl_mark(0, PAVP_MARK_COW_FAULT);
  return 0;
}

/* A write to a present, write-protected page of a writable vma is COW;
 * anything else is an error for the process. Returns 0 when handled. */
static int handle_write_fault(struct mm_struct *mm, u32 address)
{
  down_read_mmap_sem(mm);
  struct vm_area_struct *vma = find_vma(mm, address);
  if (!vma || !(vma->vm_flags & VM_WRITE)) return -1;
  u32 *pte = pte_offset(mm, address);
  if (!pte || !(*pte & _PAGE_PRESENT)) return -1;
  if (*pte & _PAGE_WRITE) { /* a stale read-only TLB entry */
    flush_tlb_page(mm, address);
    return 0;
  }
  return do_wp_page(mm, vma, address, pte);
}

/* Interruptions 18 and 26 (data memory protection / access rights) from
 * user mode: ISR/IOR give the address. Loads never fault on a present page
 * (every page is readable), so this is a write. */
int do_page_fault(struct pt_regs *regs)
{
  return handle_write_fault(current->mm, regs->ior);
}

/* Kernel stores into user memory (waitpid's status) take the same COW path
 * first, then store through the user's translation. */
long copy_to_user_u32(u32 uaddr, u32 value)
{
  if (uaddr & 3) return -14; /* EFAULT */
  u32 *pte = pte_offset(current->mm, uaddr);
  if (!pte || !(*pte & _PAGE_PRESENT)) return -14;
  if (!(*pte & _PAGE_WRITE) && handle_write_fault(current->mm, uaddr)) return -14;
  put_user_u32(uaddr, value);
  return 0;
}
