/*
 * pavp kernel: physical pages (an allocator that knows cache colours, with a
 * map count per page as Linux's page->_mapcount), space ids and two-level
 * page tables (pgd of 1024 entries of 4 MB, page tables of 1024 PTEs of
 * 4 KB: Linux parisc 32-bit with 4 KB pages, reference parisc-isa.md §5).
 * The kernel reaches every physical page through its absolute-mode identity
 * mapping (entry.S): the colour of a page there is its physical colour.
 */
#include "kernel.h"

#define MAX_FRAMES ((256u << 20) / PAGE_SIZE)

static u8 frame_free[MAX_FRAMES];
static u16 frame_mapcount[MAX_FRAMES];
static u32 first_frame, last_frame;

/* Random placement: a 64-bit LCG (Knuth's MMIX constants) on the placement
 * seed, its own state so that placement and schedule stay independent. */
static unsigned long long placement_state;

static u32 placement_draw(u32 range)
{
  placement_state = placement_state * 6364136223846793005ull + 1442695040888963407ull;
  return (u32)(placement_state >> 32) % range; /* range <= 2^20: bias below 2^-12 */
}

void mm_init(u32 ram_start, u32 ram_end)
{
  first_frame = ram_start / PAGE_SIZE;
  last_frame = ram_end / PAGE_SIZE;
  for (u32 f = first_frame; f < last_frame; f++) frame_free[f] = 1;
  placement_state = ((unsigned long long)board.placement_seed_hi << 32 | board.placement_seed_lo) ^ 0x9E3779B97F4A7C15ull;
}

u32 page_colour(u32 addr) { return (addr / PAGE_SIZE) % board.ncolours; }

static int frame_fits(u32 f, int colour)
{
  return frame_free[f] && (colour < 0 || f % board.ncolours == (u32)colour);
}

/* The frame to hand out next, of the given colour unless colour < 0.
 * Linear placement: the lowest free frame, as after a fresh boot.
 * Random placement: a frame drawn uniformly from those of the colour, drawn
 * again while it is taken (a run allocates a few hundred of the thousands of
 * frames, so a draw almost always succeeds); after 64 misses, the first free
 * one from a drawn start. Either way the order depends only on the seed and
 * on the kernel's calls, so a run is repeatable.
 * The colour-aware fixes stay correct under any placement by construction:
 * colour-alloc asks for the colour of the user address, which this function
 * honours whatever the order; congruent-copy copies through kernel mappings
 * congruent with the user address, whatever frame backs it. */
static u32 pick_frame(int colour)
{
  if (board.placement == PAVP_PLACEMENT_RANDOM) {
    u32 stride = colour < 0 ? 1 : board.ncolours;
    u32 base = first_frame;
    if (colour >= 0) base += ((u32)colour + board.ncolours - first_frame % board.ncolours) % board.ncolours;
    if (base < last_frame) {
      u32 count = (last_frame - base + stride - 1) / stride;
      for (int tries = 0; tries < 64; tries++) {
        u32 f = base + placement_draw(count) * stride;
        if (frame_fits(f, colour)) return f;
      }
      u32 start = placement_draw(count);
      for (u32 i = 0; i < count; i++) {
        u32 f = base + ((start + i) % count) * stride;
        if (frame_fits(f, colour)) return f;
      }
    }
    return 0;
  }
  for (u32 f = first_frame; f < last_frame; f++)
    if (frame_fits(f, colour)) return f;
  return 0;
}

/* A kernel stack: KSTACK_SIZE bytes of contiguous frames, aligned to their
 * size, from the same free frames as every other page (Linux parisc's
 * alloc_thread_info: __get_free_pages(GFP_KERNEL, THREAD_ORDER), not
 * cleared), so that the placement decides where the kernel's stacks lie in
 * the cache as it decides for user pages and page tables. Linear: the lowest
 * free block; random: a block drawn from the placement seed (64 draws, then
 * the first free one from a drawn start). */
static int block_free(u32 f, u32 n)
{
  if (f < first_frame || f + n > last_frame) return 0;
  for (u32 i = 0; i < n; i++)
    if (!frame_free[f + i]) return 0;
  return 1;
}

u32 alloc_kernel_stack(void)
{
  u32 n = KSTACK_SIZE / PAGE_SIZE;
  u32 first_block = (first_frame + n - 1) / n, blocks = last_frame / n - first_block;
  u32 f = 0;
  if (board.placement == PAVP_PLACEMENT_RANDOM) {
    for (int tries = 0; tries < 64 && !f; tries++) {
      u32 b = (first_block + placement_draw(blocks)) * n;
      if (block_free(b, n)) f = b;
    }
    for (u32 start = f ? 0 : placement_draw(blocks), i = 0; !f && i < blocks; i++) {
      u32 b = (first_block + (start + i) % blocks) * n;
      if (block_free(b, n)) f = b;
    }
  } else {
    for (u32 b = first_block; !f && b < first_block + blocks; b++)
      if (block_free(b * n, n)) f = b * n;
  }
  if (!f) panic("out of memory (kernel stack)");
  for (u32 i = 0; i < n; i++) {
    frame_free[f + i] = 0;
    frame_mapcount[f + i] = 0;
  }
  return f * PAGE_SIZE;
}

/* A cleared page of the given colour unless colour < 0 (pick_frame). */
u32 alloc_page_colour(int colour)
{
  u32 f = pick_frame(colour);
  if (!f) panic("out of memory (colour %d)", colour);
  frame_free[f] = 0;
  frame_mapcount[f] = 0;
  u32 pa = f * PAGE_SIZE;
  clear_page(pa);
  return pa;
}

u32 alloc_page(void) { return alloc_page_colour(-1); }

/* A page that will be mapped at user address uaddr. The colour-alloc policy
 * asks for the same colour as uaddr (fixes.c). */
u32 alloc_user_page(u32 uaddr)
{
  return alloc_page_colour(fix_colour_alloc() ? (int)page_colour(uaddr) : -1);
}

void get_page(u32 pa) { frame_mapcount[pa / PAGE_SIZE]++; }

void put_page(u32 pa)
{
  u32 f = pa / PAGE_SIZE;
  if (frame_mapcount[f] && --frame_mapcount[f] == 0) frame_free[f] = 1;
}

u32 page_mapcount(u32 pa) { return frame_mapcount[pa / PAGE_SIZE]; }

/* clear_page / copy_page go through the kernel mapping (physical colour);
 * clear_page leaves no dirty kernel-colour line behind, so a later access
 * at any colour sees zeros. */
void clear_page(u32 pa)
{
  volatile u32 *p = (volatile u32 *)pa;
  for (u32 i = 0; i < PAGE_SIZE / 4; i++) p[i] = 0;
  flush_kernel_dcache_page(pa);
}

void copy_page(u32 to, u32 from)
{
  volatile u32 *d = (volatile u32 *)to;
  const volatile u32 *s = (const volatile u32 *)from;
  for (u32 i = 0; i < PAGE_SIZE / 4; i += 4) {
    u32 a = s[i], b = s[i + 1], c = s[i + 2], e = s[i + 3];
    d[i] = a;
    d[i + 1] = b;
    d[i + 2] = c;
    d[i + 3] = e;
  }
}

/* Space ids: Linux alloc_sid() hands out small numbers; one per process,
 * threads share their process's. */
u32 alloc_sid(void)
{
  static u32 next_sid = 1;
  return next_sid++;
}

static struct mm_struct mm_pool[MAX_TASKS];

struct mm_struct *mm_alloc(void)
{
  for (int i = 0; i < MAX_TASKS; i++)
    if (!mm_pool[i].users) {
      memset(&mm_pool[i], 0, sizeof mm_pool[i]);
      mm_pool[i].users = 1;
      return &mm_pool[i];
    }
  panic("no free mm");
}

u32 pgd_alloc(void) { return alloc_page(); }

u32 *pte_offset(struct mm_struct *mm, u32 addr)
{
  u32 pmd = ((u32 *)mm->pgd)[addr >> PGDIR_SHIFT];
  if (!(pmd & _PXD_PRESENT)) return NULL;
  return (u32 *)(pmd & ~(PAGE_SIZE - 1)) + ((addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1));
}

/* Linux __pte_alloc: a page table for addr's 4 MB if there is none. */
u32 *pte_alloc(struct mm_struct *mm, u32 addr)
{
  u32 *pgd = (u32 *)mm->pgd;
  if (!(pgd[addr >> PGDIR_SHIFT] & _PXD_PRESENT)) pgd[addr >> PGDIR_SHIFT] = alloc_page() | _PXD_PRESENT;
  return pte_offset(mm, addr);
}

#ifdef PAVP_LINUX_PERSONALITY
struct mm_struct *mm_slot(int i) { return &mm_pool[i]; }

/* The VMAs of an mm: its own small array, or under the Linux personality
 * the larger list kept beside it (struct linux_mm). */
int mm_nr_vmas(struct mm_struct *mm) { return board_linux ? linux_mm_of(mm)->nr_vmas : mm->nr_vmas; }

struct vm_area_struct *mm_vma(struct mm_struct *mm, int i)
{
  return board_linux ? &linux_mm_of(mm)->vmas[i].vma : &mm->vmas[i];
}

/* dup_mmap's copy of VMA i (Linux: one vm_area_struct per vma, made just
 * before copy_page_range copies its pages). */
void mm_copy_vma(struct mm_struct *dst, struct mm_struct *src, int i)
{
  if (board_linux) {
    struct linux_mm *d = linux_mm_of(dst), *s = linux_mm_of(src);
    if (i == 0) {
      memset(d, 0, sizeof *d); /* a new process: no instructions charged, no exit under way */
      d->start_brk = s->start_brk;
      d->brk = s->brk;
    }
    d->vmas[i] = s->vmas[i];
    d->nr_vmas = i + 1;
    return;
  }
  dst->vmas[i] = src->vmas[i];
  dst->nr_vmas = i + 1;
}
#endif

struct vm_area_struct *find_vma(struct mm_struct *mm, u32 addr)
{
  for (int i = 0; i < mm_nr_vmas(mm); i++)
    if (addr >= mm_vma(mm, i)->vm_start && addr < mm_vma(mm, i)->vm_end) return mm_vma(mm, i);
  return NULL;
}

/* Linux exit_mmap: unmap every page, free page tables and the pgd. */
void exit_mmap(struct mm_struct *mm)
{
  flush_cache_all_local(); /* Linux exit_mmap: flush_cache_mm(mm) first */
  u32 *pgd = (u32 *)mm->pgd;
  for (u32 i = 0; i < PTRS_PER_PTE; i++) {
    if (!(pgd[i] & _PXD_PRESENT)) continue;
    u32 *pt = (u32 *)(pgd[i] & ~(PAGE_SIZE - 1));
    for (u32 j = 0; j < PTRS_PER_PTE; j++)
      if (pt[j] & (_PAGE_PRESENT | _PAGE_PROTNONE)) put_page(pt[j] & ~(PAGE_SIZE - 1));
    get_page((u32)pt);
    put_page((u32)pt);
  }
  get_page(mm->pgd);
  put_page(mm->pgd);
  flush_tlb_all();
}
