/*
 * pavp kernel: the fixes of DESIGN.md "The fixes", one hook per place a fix
 * changes, chosen by PAVP_BP_FIX or, with sim-control, asked when a hook
 * first needs it (kernel_fix, PAVP_QUERY_FIX; firmware_contract.h). Sources:
 * shared/reference/fork-cache-bug.md §1-§3. With PAVP_FIX_NONE every hook
 * does what Linux 2.6.32 did on a uniprocessor parisc. The hardware row
 * `pipt` is this `none` kernel on a physically indexed cache preset.
 */
#include "kernel.h"

/* Every hook below runs in a fork or in a COW fault after one, and do_fork
 * learns the fix (kernel_fix) before anything else: board.fix holds it. */
static int fix_is(u32 f) { return board.fix == f; }

/* dup_mmap -> flush_cache_dup_mm(oldmm).
 * 2.6.32: `#define flush_cache_dup_mm(mm) flush_cache_mm(mm)`, which on UP
 * is flush_cache_all_local(): the whole I and D caches (§1).
 * linux-6.10: flush_cache_mm() on an aliasing (non-PA8800) CPU does
 * flush_tlb_all(); flush_cache_all() -- "The TLB is the engine of coherence
 * on parisc", the TLB goes first (§3, commit 72d95924). */
void fix_flush_cache_dup_mm(struct mm_struct *mm)
{
  (void)mm;
  if (fix_is(PAVP_FIX_LINUX_6_10)) flush_tlb_all();
  flush_cache_all_local();
}

/* dup_mmap, after copy_page_range and before flush_tlb_mm.
 * fork-flush-late (a strawman for comparison, DESIGN.md): purge the TLB so
 * no thread of the parent keeps a writable translation of a page just made
 * COW, then flush the whole cache again, writing back whatever sibling
 * threads dirtied while copy_page_range slept. */
void fix_after_copy_page_range(struct mm_struct *oldmm)
{
  (void)oldmm;
  if (fix_is(PAVP_FIX_FORK_FLUSH_LATE)) {
    flush_tlb_all();
    flush_cache_all_local();
  }
}

/* copy_one_pte -> ptep_set_wrprotect(src_mm, addr, ptep), after the PTE
 * lost _PAGE_WRITE.
 * 2.6.32: set_pte_at(pte_wrprotect()); no cache flush, no TLB purge (§1).
 * wrprotect-flush: NIIBE Yutaka's proposal (linux-parisc, April 2010, CC
 * Debian #561203; §2 row 1, not merged): flush the user page when it is
 * write-protected for COW, so memory is up to date when parent and child
 * start sharing it. Done as FDC over the page at its user address in the
 * parent (current, space in sr3). No TLB purge: sibling threads keep their
 * writable TLB entries until flush_tlb_mm, as in the proposal. */
void fix_ptep_set_wrprotect(struct mm_struct *mm, u32 addr, u32 pa)
{
  (void)mm;
  (void)pa;
  if (fix_is(PAVP_FIX_WRPROTECT_FLUSH)) flush_user_dcache_page(addr);
}

/* do_wp_page -> cow_user_page -> copy_user_page(vto, vfrom, vaddr).
 * 2.6.32 (cache.c copy_user_page): copy_user_page_asm(vto, vfrom) through the
 * kernel mapping, then flush_kernel_dcache_page_asm(vto); the source's
 * user-colour lines are not flushed (§1).
 * cow-flush: JDA + Helge Deller, "parisc: fixes and cleanups in page cache
 * flushing (1/4)" (about v3.9): "The new copy_user_page implementation calls
 * flush_dcache_page_asm to flush the user dcache page ... via a kernel
 * TMPALIAS mapping" before the copy; today's copy_user_highpage (§2 row 2).
 * congruent-copy: copy through temporary kernel mappings at the user's
 * colour and flush nothing: ARMv6 v6_copy_user_highpage_aliasing, MIPS/SH
 * kmap_coherent, and the `#if 0` tmpalias copy_user_page_asm of 2.6.32
 * pacache.S (§1, §4).
 * linux-6.10: copy_user_highpage: __flush_cache_page(vma, vaddr, from) --
 * purge the TLB entry of vaddr first, then flush through a congruent
 * tmpalias mapping -- then copy_page_asm through the kernel mapping
 * (commit 72d95924, §2 row 9, §3). kunmap flushes the kernel page
 * (f8dae006). */
void fix_copy_user_page(u32 to, u32 from, u32 vaddr, struct mm_struct *mm)
{
  switch (board.fix) {
  case PAVP_FIX_CONGRUENT_COPY:
    copy_user_page_tmpalias(to, from, vaddr);
    return;
  case PAVP_FIX_COW_FLUSH:
    flush_dcache_page_tmpalias(from, vaddr);
    break;
  case PAVP_FIX_LINUX_6_10:
    flush_tlb_page(mm, vaddr);
    flush_dcache_page_tmpalias(from, vaddr);
    break;
  default:
    break;
  }
  copy_page(to, from);
  flush_kernel_dcache_page(to);
  if (fix_is(PAVP_FIX_LINUX_6_10)) flush_kernel_dcache_page(from); /* kunmap of the source (f8dae006) */
}

/* do_wp_page -> ptep_clear_flush(vma, address, ptep), before the new PTE.
 * 2.6.32: ptep_get_and_clear + flush_tlb_page.
 * linux-6.10: a parisc ptep_clear_flush that also flushes the cache page of
 * the old pfn ("Once a PTE is cleared, there is no way to find the physical
 * address", commit 72d95924, §2 row 9): TLB purge, then tmpalias flush. */
void fix_ptep_clear_flush(struct mm_struct *mm, u32 addr, u32 pa)
{
  flush_tlb_page(mm, addr);
  if (fix_is(PAVP_FIX_LINUX_6_10)) flush_dcache_page_tmpalias(pa, addr);
}

/* Page allocator (mm.c alloc_user_page): colour-alloc gives every user page,
 * and each COW copy, a physical colour equal to its virtual colour, so the
 * kernel mapping of a page is congruent with its user mapping (page
 * colouring; the invariant Linux keeps for shared mappings with SHM_COLOUR,
 * §3 "Shared mappings"). */
int fix_colour_alloc(void) { return board_colour_alloc; }
