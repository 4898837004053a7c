/*
 * pavp kernel: the first process. The workload ELF (firmware/user, linked at
 * the user addresses of pavp_fw.h) is embedded in the kernel image; its
 * PT_LOAD segments, a heap and one stack per thread are populated up front
 * (no demand paging), and the process starts at the ELF entry.
 */
#include "kernel.h"

void timer_start(void); /* syscalls.c */

static u32 be32(const u8 *p) { return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3]; }
static u32 be16(const u8 *p) { return (u32)p[0] << 8 | p[1]; }

#define PF_X 1
#define PF_W 2

/* A vma [start, end) populated with fresh pages; the first filesz bytes come
 * from src. The kernel writes through its own mapping and flushes each page,
 * so the user sees the data at any colour. */
static void map_region(struct mm_struct *mm, u32 start, u32 end, u32 vm_flags, const u8 *src, u32 filesz)
{
  if (mm->nr_vmas == MAX_VMAS) panic("too many regions");
  start &= ~(PAGE_SIZE - 1);
  end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  struct vm_area_struct *vma = &mm->vmas[mm->nr_vmas++];
  vma->vm_start = start;
  vma->vm_end = end;
  vma->vm_flags = vm_flags;
  for (u32 va = start; va < end; va += PAGE_SIZE) {
    u32 pa = alloc_user_page(va);
    u32 off = va - start;
    if (off < filesz) memcpy((void *)pa, src + off, filesz - off < PAGE_SIZE ? filesz - off : PAGE_SIZE);
    flush_kernel_dcache_page(pa);
    u32 *pte = pte_alloc(mm, va);
    *pte = pa | _PAGE_PRESENT | _PAGE_READ | _PAGE_USER | _PAGE_ACCESSED |
           (vm_flags & VM_WRITE ? _PAGE_WRITE | _PAGE_DIRTY : 0) | (vm_flags & VM_EXEC ? _PAGE_EXEC : 0);
    get_page(pa);
  }
}

void exec_init(const u8 *elf, u32 size)
{
  if (size < 52 || be32(elf) != 0x7f454c46u) panic("no workload ELF");
  struct task_struct *p = exec_new_process();
  struct mm_struct *mm = p->mm;

  u32 phoff = be32(elf + 28), phentsize = be16(elf + 42), phnum = be16(elf + 44);
  for (u32 i = 0; i < phnum; i++) {
    const u8 *ph = elf + phoff + i * phentsize;
    if (be32(ph) != 1 /* PT_LOAD */ || be32(ph + 20) == 0) continue;
    u32 vaddr = be32(ph + 8), offset = be32(ph + 4), filesz = be32(ph + 16), memsz = be32(ph + 20);
    u32 flags = be32(ph + 24);
    u32 lead = vaddr & (PAGE_SIZE - 1); /* the segment may start inside a page */
    u32 vm = VM_READ | (flags & PF_W ? VM_WRITE : 0) | (flags & PF_X ? VM_EXEC : 0);
    if (offset < lead) panic("workload segment layout");
    map_region(mm, vaddr, vaddr + memsz, vm, elf + offset - lead, filesz + lead);
  }
  map_region(mm, USER_HEAP_BASE, USER_HEAP_BASE + board.heap_size, VM_READ | VM_WRITE, NULL, 0);
  u32 nthreads = 2 + board.extra_threads;
  if (nthreads > USER_MAX_THREADS) nthreads = USER_MAX_THREADS;
  for (u32 t = 0; t < nthreads; t++) {
    u32 base = USER_STACK_BASE + t * USER_STACK_STRIDE;
    map_region(mm, base, base + USER_STACK_SIZE, VM_READ | VM_WRITE, NULL, 0);
  }

  struct pt_regs *r = &p->regs;
  for (int i = 0; i < 8; i++) r->sr[i] = mm->sid;
  r->sr[2] = 0; /* the gateway page lives in space 0 */
  r->iasq[0] = r->iasq[1] = mm->sid;
  r->iaoq[0] = be32(elf + 24) | 3; /* privilege 3 */
  r->iaoq[1] = r->iaoq[0] + 4;
  r->ipsw = user_psw();
  r->rctr = fresh_rctr();
  r->gr[30] = USER_STACK_BASE + 128;
  r->gr[26] = nthreads;

  flush_cache_all_local(); /* the new image is in memory, every cache clean */
  flush_tlb_all();
  kprintf("pavp: init: pid %u, space %u, %u regions\n", p->pid, mm->sid, (u32)mm->nr_vmas);
  timer_start();
  start_first_task(p);
}
