/*
 * pavp kernel, Linux personality: a process's memory. VMAs that mprotect
 * and munmap split, demand paging (anonymous pages demand-zero, an ELF
 * segment's pages filled from the image on first touch), the kernel's
 * accesses to user memory, and mmap2, munmap, mprotect, brk and madvise
 * with Linux 2.6.32's cache and TLB maintenance on parisc (mm/mmap.c,
 * mm/mprotect.c, mm/memory.c, arch/parisc/kernel/cache.c and
 * include/asm/tlbflush.h).
 *
 * Layout of a process (parisc's stack grows up):
 *   ELF segments        where the ELF puts them (0x00010000 for Debian's)
 *   brk heap            from the end of the last segment, upwards
 *   mmap area           top-down from LINUX_MMAP_BASE
 *   stack               LINUX_STACK_BASE, LINUX_STACK_SIZE (RLIMIT_STACK)
 */
#include "kernel.h"

#define EINVAL 22
#define ENOMEM 12
#define EFAULT 14
#define ENODEV 19
#define EBADF 9

/* parisc asm/mman.h and the generic mman-common.h */
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_TYPE 0x03
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x04
#define MAP_ANONYMOUS 0x10
#define MADV_DONTNEED 4

static struct linux_mm linux_mms[MAX_TASKS] LATE_DATA;
static struct linux_task linux_tasks[MAX_TASKS] LATE_DATA;

struct linux_mm *linux_mm_of(struct mm_struct *mm) { return &linux_mms[mm - mm_slot(0)]; }
struct linux_task *linux_task_of(struct task_struct *p) { return &linux_tasks[task_index(p)]; }

static u32 page_up(u32 v) { return (v + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1); }

/* ---------------------------------------------------------------- VMAs */

/* Index of the first VMA that ends above addr (nr_vmas if none). */
static int vma_index(struct linux_mm *lm, u32 addr)
{
  int i = 0;
  while (i < lm->nr_vmas && lm->vmas[i].vma.vm_end <= addr) i++;
  return i;
}

int linux_vma_insert(struct linux_mm *lm, u32 start, u32 end, u32 flags, const u8 *file, u32 file_bytes)
{
  if (lm->nr_vmas == LINUX_MAX_VMAS) return -ENOMEM;
  int i = vma_index(lm, start);
  for (int j = lm->nr_vmas; j > i; j--) lm->vmas[j] = lm->vmas[j - 1];
  lm->nr_vmas++;
  struct linux_vma *v = &lm->vmas[i];
  v->vma.vm_start = start;
  v->vma.vm_end = end;
  v->vma.vm_flags = flags;
  v->file = file;
  v->file_bytes = file_bytes;
  return 0;
}

static void vma_remove(struct linux_mm *lm, int i)
{
  for (int j = i; j + 1 < lm->nr_vmas; j++) lm->vmas[j] = lm->vmas[j + 1];
  lm->nr_vmas--;
}

/* Linux split_vma: make addr a VMA boundary if a VMA spans it. */
static int vma_split(struct linux_mm *lm, u32 addr)
{
  int i = vma_index(lm, addr);
  if (i == lm->nr_vmas || lm->vmas[i].vma.vm_start >= addr) return 0;
  if (lm->nr_vmas == LINUX_MAX_VMAS) return -ENOMEM;
  struct linux_vma v = lm->vmas[i];
  u32 head = addr - v.vma.vm_start;
  lm->vmas[i].vma.vm_end = addr; /* the head first, so that the tail goes after it */
  if (lm->vmas[i].file_bytes > head) lm->vmas[i].file_bytes = head;
  return linux_vma_insert(lm, addr, v.vma.vm_end, v.vma.vm_flags, v.file ? v.file + head : NULL,
                          v.file_bytes > head ? v.file_bytes - head : 0);
}

/* Is [start, end) covered by VMAs without a hole? */
static int range_mapped(struct linux_mm *lm, u32 start, u32 end)
{
  for (int i = vma_index(lm, start); start < end; i++) {
    if (i == lm->nr_vmas || lm->vmas[i].vma.vm_start > start) return 0;
    start = lm->vmas[i].vma.vm_end;
  }
  return 1;
}

static int range_free(struct linux_mm *lm, u32 start, u32 end)
{
  int i = vma_index(lm, start);
  return i == lm->nr_vmas || lm->vmas[i].vma.vm_start >= end;
}

static u32 vm_flags_of(u32 prot)
{
  return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) | (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* ------------------------------------------------- cache and TLB upkeep */

/* 2.6.32 flush_cache_range(vma, start, end) with the current mm (sr3):
 * flush_user_dcache_range -- FDC over the range below the threshold, else
 * the whole data cache -- and the same on the instruction side. The
 * threshold is the D-cache size, the ceiling 2.6.32's boot-time timing
 * (parisc_setup_cache_timing) puts on parisc_cache_flush_threshold. The
 * instruction side of a small range is the whole-I-cache loop here: FIC by
 * user address needs instruction translation, which this kernel's
 * absolute-mode code does not turn on; only executable mappings need it. */
static void flush_cache_range(struct vm_area_struct *vma, u32 start, u32 end)
{
  if (end - start >= board.dcache_size) {
    flush_cache_all_local();
    return;
  }
  kstats.flush_pages++;
  flush_user_dcache_range_asm(start, board.dcache_line, (end - start) / board.dcache_line);
  if (vma->vm_flags & VM_EXEC) flush_instruction_cache_local(board.icache_line, board.icache_size / board.icache_line);
}

/* 2.6.32 parisc flush_tlb_range: page by page below 512 pages, else
 * flush_tlb_all. */
static void flush_tlb_range(struct mm_struct *mm, u32 start, u32 end)
{
  if ((end - start) / PAGE_SIZE >= 512) {
    flush_tlb_all();
    return;
  }
  for (u32 va = start; va < end; va += PAGE_SIZE) purge_tlb_entries(mm->sid, va);
}

/* zap_pte_range: drop the pages of [start, end) (PROTNONE ones too). */
static void zap_range(struct mm_struct *mm, u32 start, u32 end)
{
  u32 va = start;
  while (va < end) {
    u32 *pte = pte_offset(mm, va);
    if (!pte) {
      va = ((va >> PGDIR_SHIFT) + 1) << PGDIR_SHIFT;
      if (!va) break;
      continue;
    }
    if (*pte & (_PAGE_PRESENT | _PAGE_PROTNONE)) {
      put_page(*pte & ~(PAGE_SIZE - 1));
      *pte = 0;
    }
    va += PAGE_SIZE;
  }
}

/* unmap_vmas for one VMA's part [start, end): tlb_start_vma flushes the
 * whole VMA from the cache, the pages go, tlb_end_vma purges the TLB over
 * the VMA (asm/tlb.h). */
static void unmap_vma_range(struct mm_struct *mm, struct vm_area_struct *vma, u32 start, u32 end)
{
  flush_cache_range(vma, vma->vm_start, vma->vm_end);
  zap_range(mm, start, end);
  flush_tlb_range(mm, vma->vm_start, vma->vm_end);
}

/* ------------------------------------------------------------- faults */

static u32 pte_bits(u32 vm_flags, u32 pa)
{
  if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) return _PAGE_PROTNONE | _PAGE_USER | _PAGE_ACCESSED;
  /* A private page is writable only while this mm is its only user;
   * otherwise the write takes the COW fault (Linux maps private writable
   * VMAs with a read-only vm_page_prot and lets the fault add write). */
  int writable = (vm_flags & VM_WRITE) && page_mapcount(pa) <= 1;
  return _PAGE_PRESENT | _PAGE_READ | _PAGE_USER | _PAGE_ACCESSED | (writable ? _PAGE_WRITE | _PAGE_DIRTY : 0) |
         (vm_flags & VM_EXEC ? _PAGE_EXEC : 0);
}

/* do_anonymous_page / a file page's first touch: a fresh page of the
 * policy's colour (zeroed and flushed by alloc_user_page), filled from the
 * ELF image when the VMA is backed by it. */
static void populate_page(struct mm_struct *mm, struct linux_vma *lv, u32 va, u32 *pte)
{
  u32 pa = alloc_user_page(va);
  u32 off = va - lv->vma.vm_start;
  if (lv->file && off < lv->file_bytes) {
    u32 n = lv->file_bytes - off < PAGE_SIZE ? lv->file_bytes - off : PAGE_SIZE;
    memcpy((void *)pa, lv->file + off, n);
    flush_kernel_dcache_page(pa);
  }
  get_page(pa);
  *pte = pa | pte_bits(lv->vma.vm_flags, pa);
  (void)mm;
}

/* Linux handle_mm_fault for a user access (or the kernel's on the user's
 * behalf) at address: 0 when served, -1 when the access is not allowed
 * (SIGSEGV for the user, -EFAULT for the kernel). Faults take mmap_sem for
 * reading: a sibling's fork, mmap or munmap in progress makes them wait. */
int linux_handle_fault(struct mm_struct *mm, u32 address, int write, int exec)
{
  down_read_mmap_sem(mm);
  struct vm_area_struct *vma = find_vma(mm, address);
  if (!vma || !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) return -1;
  if ((write && !(vma->vm_flags & VM_WRITE)) || (exec && !(vma->vm_flags & VM_EXEC))) return -1;
  u32 *pte = pte_offset(mm, address);
  if (!pte || !(*pte & (_PAGE_PRESENT | _PAGE_PROTNONE))) {
    if (!pte) pte = pte_alloc(mm, address);
    populate_page(mm, (struct linux_vma *)vma, address & ~(PAGE_SIZE - 1), pte);
    return 0;
  }
  if (!(*pte & _PAGE_PRESENT)) return -1;
  if (write && !(*pte & _PAGE_WRITE)) return do_wp_page(mm, vma, address, pte);
  flush_tlb_page(mm, address); /* a stale TLB entry: the next access reloads it */
  return 0;
}

/* ------------------------------------------------- access to user memory */

/* Each access goes through the user's translation (uaccess_* in entry.S);
 * when it faults, the fault is served as the user's would be and the
 * access tried again. */
int get_user_u32(u32 uaddr, u32 *value)
{
  if (uaddr & 3) return -EFAULT;
  for (int tries = 0; tries < 3; tries++) {
    if (!uaccess_load_u32(uaddr, value)) return 0;
    if (linux_handle_fault(current->mm, uaddr, 0, 0)) return -EFAULT;
  }
  return -EFAULT;
}

int put_user_u32_checked(u32 uaddr, u32 value)
{
  if (uaddr & 3) return -EFAULT;
  for (int tries = 0; tries < 3; tries++) {
    if (!uaccess_store_u32(uaddr, value)) return 0;
    if (linux_handle_fault(current->mm, uaddr, 1, 0)) return -EFAULT;
  }
  return -EFAULT;
}

int copy_from_user(void *dst, u32 uaddr, u32 n)
{
  u8 *d = dst;
  for (u32 i = 0; i < n; i++) {
    int tries = 0;
    while (uaccess_load_u8(uaddr + i, d + i))
      if (++tries == 3 || linux_handle_fault(current->mm, uaddr + i, 0, 0)) return -EFAULT;
  }
  return 0;
}

static int store_user_bytes(u32 uaddr, const u8 *src, u32 n)
{
  for (u32 i = 0; i < n; i++) {
    int tries = 0;
    while (uaccess_store_u8(uaddr + i, src ? src[i] : 0))
      if (++tries == 3 || linux_handle_fault(current->mm, uaddr + i, 1, 0)) return -EFAULT;
  }
  return 0;
}

int copy_to_user(u32 uaddr, const void *src, u32 n) { return store_user_bytes(uaddr, src, n); }

int clear_user(u32 uaddr, u32 n) { return store_user_bytes(uaddr, NULL, n); }

/* ---------------------------------------------------- system calls */

/* Linux do_munmap, with mmap_sem held for writing. */
static long do_munmap(struct mm_struct *mm, u32 start, u32 len)
{
  struct linux_mm *lm = linux_mm_of(mm);
  u32 end = start + len;
  if (vma_split(lm, start) || vma_split(lm, end)) return -ENOMEM;
  int i = vma_index(lm, start);
  while (i < lm->nr_vmas && lm->vmas[i].vma.vm_start < end) {
    unmap_vma_range(mm, &lm->vmas[i].vma, lm->vmas[i].vma.vm_start, lm->vmas[i].vma.vm_end);
    vma_remove(lm, i);
  }
  return 0;
}

/* Top-down first fit below LINUX_MMAP_BASE, above the break. */
static u32 get_unmapped_area(struct linux_mm *lm, u32 len)
{
  u32 top = LINUX_MMAP_BASE, floor = page_up(lm->brk) + LINUX_BRK_GAP;
  for (int i = lm->nr_vmas - 1; i >= -1; i--) {
    if (i >= 0 && lm->vmas[i].vma.vm_start >= top) continue;
    u32 low = i >= 0 ? lm->vmas[i].vma.vm_end : floor;
    if (low < floor) low = floor;
    if (low > top) return 0;
    if (top >= len && top - len >= low) return top - len;
    if (i >= 0) top = lm->vmas[i].vma.vm_start;
  }
  return 0;
}

long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff)
{
  (void)pgoff;
  /* No files to map: fds 0-2 are the console (ENODEV, as for a tty),
   * others are not open (EBADF). An anonymous mapping ignores fd. */
  if (!(flags & MAP_ANONYMOUS)) return fd <= 2 ? -ENODEV : -EBADF;
  if ((flags & MAP_TYPE) != MAP_PRIVATE) return -EINVAL;          /* private anonymous memory only */
  if (!len) return -EINVAL;
  len = page_up(len);
  if (!len || len > LINUX_MMAP_BASE) return -ENOMEM;
  struct mm_struct *mm = current->mm;
  struct linux_mm *lm = linux_mm_of(mm);
  down_write_mmap_sem(mm);
  long ret;
  if (flags & MAP_FIXED) {
    if (addr & (PAGE_SIZE - 1)) {
      ret = -EINVAL;
    } else if (addr < PAGE_SIZE || addr > LINUX_TASK_SIZE - len) {
      ret = -ENOMEM;
    } else {
      ret = do_munmap(mm, addr, len);
      if (!ret) ret = linux_vma_insert(lm, addr, addr + len, vm_flags_of(prot), NULL, 0);
      if (!ret) ret = (long)addr;
    }
  } else {
    u32 at = get_unmapped_area(lm, len);
    ret = at ? linux_vma_insert(lm, at, at + len, vm_flags_of(prot), NULL, 0) : -ENOMEM;
    if (!ret) ret = (long)at;
  }
  up_write_mmap_sem(mm);
  return ret;
}

long sys_munmap(u32 addr, u32 len)
{
  if ((addr & (PAGE_SIZE - 1)) || !len || addr > LINUX_TASK_SIZE || page_up(len) > LINUX_TASK_SIZE - addr)
    return -EINVAL;
  struct mm_struct *mm = current->mm;
  down_write_mmap_sem(mm);
  long ret = do_munmap(mm, addr, page_up(len));
  up_write_mmap_sem(mm);
  return ret;
}

/* Linux mprotect_fixup -> change_protection: flush_cache_range, new PTE
 * rights for the pages present, flush_tlb_range. */
long sys_mprotect(u32 addr, u32 len, u32 prot)
{
  if (addr & (PAGE_SIZE - 1)) return -EINVAL;
  len = page_up(len);
  if (!len) return 0;
  if (addr > LINUX_TASK_SIZE || len > LINUX_TASK_SIZE - addr) return -ENOMEM;
  struct mm_struct *mm = current->mm;
  struct linux_mm *lm = linux_mm_of(mm);
  u32 end = addr + len;
  down_write_mmap_sem(mm);
  long ret = 0;
  if (!range_mapped(lm, addr, end)) ret = -ENOMEM;
  else if (vma_split(lm, addr) || vma_split(lm, end)) ret = -ENOMEM;
  for (int i = vma_index(lm, addr); !ret && i < lm->nr_vmas && lm->vmas[i].vma.vm_start < end; i++) {
    struct vm_area_struct *vma = &lm->vmas[i].vma;
    flush_cache_range(vma, vma->vm_start, vma->vm_end);
    vma->vm_flags = vm_flags_of(prot);
    for (u32 va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
      u32 *pte = pte_offset(mm, va);
      if (!pte || !(*pte & (_PAGE_PRESENT | _PAGE_PROTNONE))) continue;
      u32 pa = *pte & ~(PAGE_SIZE - 1);
      *pte = pa | pte_bits(vma->vm_flags, pa);
    }
    flush_tlb_range(mm, vma->vm_start, vma->vm_end);
  }
  up_write_mmap_sem(mm);
  return ret;
}

/* Linux sys_brk: the break moves within [start_brk, the mmap area); the
 * answer is the break after the call (the old one if it could not move). */
long sys_brk(u32 brk)
{
  struct mm_struct *mm = current->mm;
  struct linux_mm *lm = linux_mm_of(mm);
  if (brk < lm->start_brk) return (long)lm->brk;
  u32 old_end = page_up(lm->brk), new_end = page_up(brk);
  down_write_mmap_sem(mm);
  if (new_end > old_end) {
    if (new_end > LINUX_MMAP_BASE || !range_free(lm, old_end, new_end + LINUX_BRK_GAP)) goto out;
    int i = vma_index(lm, old_end - 1);
    if (old_end > lm->start_brk && i < lm->nr_vmas && lm->vmas[i].vma.vm_end == old_end &&
        lm->vmas[i].vma.vm_start >= lm->start_brk)
      lm->vmas[i].vma.vm_end = new_end; /* vma_merge with the heap so far */
    else if (linux_vma_insert(lm, old_end, new_end, VM_READ | VM_WRITE, NULL, 0))
      goto out;
  } else if (new_end < old_end) {
    do_munmap(mm, new_end, old_end - new_end);
  }
  lm->brk = brk;
out:
  up_write_mmap_sem(mm);
  return (long)lm->brk;
}

/* madvise(MADV_DONTNEED): zap_page_range over each VMA's part of the range
 * (mmap_sem for reading, as Linux's madvise_need_mmap_write says for it);
 * the pages go and the next touch brings zeros. Other advice changes
 * nothing here and is accepted. */
long sys_madvise(u32 addr, u32 len, u32 advice)
{
  if (addr & (PAGE_SIZE - 1)) return -EINVAL;
  if (advice != MADV_DONTNEED) return 0;
  len = page_up(len);
  if (addr > LINUX_TASK_SIZE || len > LINUX_TASK_SIZE - addr) return -EINVAL;
  struct mm_struct *mm = current->mm;
  struct linux_mm *lm = linux_mm_of(mm);
  u32 end = addr + len;
  down_read_mmap_sem(mm);
  if (!range_mapped(lm, addr, end)) return -ENOMEM;
  for (int i = vma_index(lm, addr); i < lm->nr_vmas && lm->vmas[i].vma.vm_start < end; i++) {
    struct vm_area_struct *vma = &lm->vmas[i].vma;
    u32 s = vma->vm_start > addr ? vma->vm_start : addr, e = vma->vm_end < end ? vma->vm_end : end;
    unmap_vma_range(mm, vma, s, e);
  }
  return 0;
}

/* The page backing uaddr in mm, faulted in for writing (exec's stack). */
u32 linux_user_page(struct mm_struct *mm, u32 uaddr)
{
  u32 *pte = pte_offset(mm, uaddr);
  if ((!pte || !(*pte & _PAGE_PRESENT)) && linux_handle_fault(mm, uaddr, 1, 0)) return 0;
  pte = pte_offset(mm, uaddr);
  return *pte & ~(PAGE_SIZE - 1);
}
