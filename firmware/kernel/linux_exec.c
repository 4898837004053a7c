/*
 * pavp kernel, Linux personality: exec of the first process from a static
 * ELF (Linux fs/binfmt_elf.c load_elf_binary and create_elf_tables, for
 * parisc's upward-growing stack). Each PT_LOAD segment becomes a private
 * VMA whose pages are filled from the image on first touch; the stack is a
 * demand-zero VMA of RLIMIT_STACK bytes whose first pages hold the argument
 * strings, 16 random bytes (AT_RANDOM) and then argc, argv, envp and the
 * auxiliary vector; sp starts above them. Registers as Linux's
 * start_thread leaves them for glibc's _start: r25 = argc, r24 = argv,
 * r23 = 0 (no rtld_fini).
 */
#include "kernel.h"

void linux_random_bytes(u8 *dst, u32 n); /* linux.c */

static u32 be32(const u8 *p) { return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3]; }
static u32 be16(const u8 *p) { return (u32)p[0] << 8 | p[1]; }
static void put_be32(u8 *p, u32 v)
{
  p[0] = (u8)(v >> 24);
  p[1] = (u8)(v >> 16);
  p[2] = (u8)(v >> 8);
  p[3] = (u8)v;
}

#define PT_LOAD 1
#define PT_INTERP 3
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define EM_PARISC 15
#define ET_EXEC 2

/* The initial stack is built here, then copied to the user's pages. */
#define STACK_IMAGE 8192u
static u8 stack_image[STACK_IMAGE] LATE_DATA;

static void bad_elf(const char *why) __attribute__((noreturn));
static void bad_elf(const char *why)
{
  kprintf("pavp: exec: the program is not a static 32-bit big-endian PA-RISC executable: %s\n", why);
  machine_halt(PAVP_EXIT_BAD_PARAMS);
}

/* Copies n bytes to the user's stack at uaddr through the kernel mapping of
 * each page (faulted in as demand-zero pages), flushing what it wrote. */
static void put_stack(struct mm_struct *mm, u32 uaddr, const u8 *src, u32 n)
{
  while (n) {
    u32 pa = linux_user_page(mm, uaddr);
    if (!pa) panic("exec: no stack page at %08x", uaddr);
    u32 off = uaddr & (PAGE_SIZE - 1), k = PAGE_SIZE - off < n ? PAGE_SIZE - off : n;
    memcpy((void *)(pa + off), src, k);
    flush_kernel_dcache_page(pa);
    uaddr += k;
    src += k;
    n -= k;
  }
}

void linux_exec(const u8 *elf, u32 size, const char *args, u32 args_size)
{
  if (size < 52 || be32(elf) != 0x7f454c46u) bad_elf("no ELF header");
  if (elf[4] != 1 || elf[5] != 2) bad_elf("not ELFCLASS32 big-endian");
  if (be16(elf + 18) != EM_PARISC || be16(elf + 16) != ET_EXEC) bad_elf("not an EM_PARISC ET_EXEC file");
  u32 entry = be32(elf + 24), phoff = be32(elf + 28), phentsize = be16(elf + 42), phnum = be16(elf + 44);
  if (phentsize != 32 || !phnum || phoff > size || phnum * 32 > size - phoff) bad_elf("program headers");

  struct task_struct *p = exec_new_process();
  struct mm_struct *mm = p->mm;
  struct linux_mm *lm = linux_mm_of(mm);
  memset(lm, 0, sizeof *lm);
  memset(linux_task_of(p), 0, sizeof *linux_task_of(p));

  u32 end = 0, phdr = 0, nload = 0;
  for (u32 i = 0; i < phnum; i++) {
    const u8 *ph = elf + phoff + i * 32;
    if (be32(ph) == PT_INTERP) bad_elf("dynamically linked (PT_INTERP)");
    if (be32(ph) != PT_LOAD || be32(ph + 20) == 0) continue;
    u32 offset = be32(ph + 4), vaddr = be32(ph + 8), filesz = be32(ph + 16), memsz = be32(ph + 20);
    u32 flags = be32(ph + 24), lead = vaddr & (PAGE_SIZE - 1);
    u32 start = vaddr - lead, stop = (vaddr + memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    if (filesz > memsz || offset < lead || offset > size || filesz > size - offset) bad_elf("segment outside the file");
    if (vaddr < PAGE_SIZE || vaddr + memsz < vaddr || stop > LINUX_MMAP_BASE - (16u << 20))
      bad_elf("segment outside 0x1000..0x9f000000");
    if (start < end) bad_elf("segments share a page or are out of order");
    u32 vm = (flags & PF_R ? VM_READ : 0) | (flags & PF_W ? VM_WRITE : 0) | (flags & PF_X ? VM_EXEC : 0);
    if (linux_vma_insert(lm, start, stop, vm, elf + offset - lead, filesz + lead)) bad_elf("too many segments");
    if (phoff >= offset && phoff - offset < filesz) phdr = vaddr + (phoff - offset);
    end = stop;
    nload++;
  }
  if (!nload) bad_elf("no PT_LOAD segment");
  lm->start_brk = lm->brk = end;
  linux_vma_insert(lm, LINUX_STACK_BASE, LINUX_STACK_BASE + LINUX_STACK_SIZE, VM_READ | VM_WRITE, NULL, 0);

  /* Arguments: argv strings as the boot block gives them; no environment. */
  static const char default_arg0[] = "nptl_fork";
  if (!args || !args_size) {
    args = default_arg0;
    args_size = sizeof default_arg0;
  }
  if (args_size > STACK_IMAGE / 2 || args[args_size - 1] != 0) panic("exec: arguments too long or not terminated");
  u8 *img = stack_image;
  u32 base = LINUX_STACK_BASE, at = 0;
  memcpy(img, args, args_size);
  u32 argc = 0;
  for (u32 i = 0; i < args_size; i++)
    if (!args[i]) argc++;
  at = (args_size + 15) & ~15u;
  u32 random = base + at;
  linux_random_bytes(img + at, 16);
  at = (at + 16 + 63) & ~63u;
  u32 table = base + at, argv = table + 4;
  u32 words = 1 + argc + 1 + 1 + 2 * 14;
  if (at + 4 * words > STACK_IMAGE) panic("exec: arguments too long");
  u8 *w = img + at;
  put_be32(w, argc);
  w += 4;
  u32 s = base;
  for (u32 i = 0; i < argc; i++) {
    put_be32(w, s);
    w += 4;
    while (img[s - base]) s++;
    s++;
  }
  put_be32(w, 0); /* argv end */
  w += 4;
  put_be32(w, 0); /* envp end: no environment */
  w += 4;
  const u32 aux[][2] = {{3, phdr},  {4, 32}, {5, phnum}, {6, PAGE_SIZE}, {7, 0},       {8, 0},  {9, entry},
                        {11, 0},    {12, 0}, {13, 0},    {14, 0},        {17, 100},    {23, 0}, {25, random},
                        {31, base}, {0, 0}};
  for (u32 i = 0; i < sizeof aux / sizeof aux[0]; i++) {
    put_be32(w, aux[i][0]);
    put_be32(w + 4, aux[i][1]);
    w += 8;
  }
  u32 used = (u32)(w - img);
  put_stack(mm, base, img, used);
  u32 sp = ((base + used + 63) & ~63u) + 64;

  struct pt_regs *r = &p->regs;
  for (int i = 0; i < 8; i++) r->sr[i] = mm->sid;
  r->sr[2] = 0; /* the gateway page lives in space 0 */
  r->iasq[0] = r->iasq[1] = mm->sid;
  r->iaoq[0] = entry | 3; /* privilege 3 */
  r->iaoq[1] = r->iaoq[0] + 4;
  r->ipsw = user_psw();
  r->rctr = fresh_rctr();
  r->gr[25] = argc;
  r->gr[24] = argv;
  r->gr[23] = 0;
  r->gr[30] = sp;
  r->gr[31] = entry;

  flush_cache_all_local(); /* the new image is in memory, every cache clean */
  flush_tlb_all();
  kprintf("pavp: exec: pid %u, space %u, %u segments, entry %08x, %u argument(s), budget %u instructions\n", p->pid,
          mm->sid, nload, entry, argc, linux_budget);
  timer_start();
  start_first_task(p);
}
