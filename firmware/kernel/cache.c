/*
 * pavp kernel: the C side of cache and TLB maintenance (Linux
 * arch/parisc/kernel/cache.c and include/asm/tlbflush.h), counting what the
 * kernel does for the results.
 */
#include "kernel.h"

/* Linux flush_cache_all_local: the whole data and instruction caches by
 * the FDCE/FICE loop (pacache.S flush_data_cache_local). */
void flush_cache_all_local(void)
{
  kstats.flush_all++;
  flush_instruction_cache_local(board.icache_line, board.icache_size / board.icache_line);
  flush_data_cache_local(board.dcache_line, board.dcache_size / board.dcache_line);
}

/* Linux 2.6.32 flush_tlb_mm is flush_tlb_all() ("#if 1 || defined(CONFIG_SMP)"
 * in asm/tlbflush.h): the whole TLB. */
void flush_tlb_all(void)
{
  kstats.tlb_purges++;
  flush_tlb_all_local(board.dtlb_entries, board.itlb_entries);
}

void flush_tlb_page(struct mm_struct *mm, u32 addr) { purge_tlb_entries(mm->sid, addr & ~(PAGE_SIZE - 1)); }

void flush_kernel_dcache_page(u32 pa)
{
  flush_kernel_dcache_page_asm(pa, board.dcache_line, PAGE_SIZE / board.dcache_line);
}

/* Flush a physical page at the user's colour through the tmpalias window
 * (Linux flush_dcache_page_asm(physaddr, vaddr)). */
void flush_dcache_page_tmpalias(u32 pa, u32 uaddr)
{
  kstats.flush_pages++;
  flush_dcache_page_asm(pa, uaddr & ~(PAGE_SIZE - 1), board.dcache_line, PAGE_SIZE / board.dcache_line);
}

/* FDC over a page at its user address in the current process (sr3). */
void flush_user_dcache_page(u32 uaddr)
{
  kstats.flush_pages++;
  flush_user_dcache_range_asm(uaddr & ~(PAGE_SIZE - 1), board.dcache_line, PAGE_SIZE / board.dcache_line);
}

/* Linux 2.6.32 flush_cache_page(vma, vmaddr, pfn): flush the user page
 * through the user's address when a translation exists (cache.c). pavp does
 * it through the congruent tmpalias address, which reaches the same lines
 * (same index, same physical tag) whichever mm is current. */
void flush_cache_page(struct mm_struct *mm, u32 uaddr, u32 pa)
{
  (void)mm;
  flush_dcache_page_tmpalias(pa, uaddr);
}
