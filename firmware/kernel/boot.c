/*
 * pavp kernel: the board (boot parameter block or qemu-system-hppa
 * defaults), the console, sim-control access, printing and start-up.
 *
 * Two boards share one image. With the boot parameter block present
 * (PAVP_BP_MAGIC at PAVP_BOOT_PARAMS_ADDR, firmware_contract.h) every setting comes
 * from it; a console base there may be pavp's console or qemu's LASI 16550
 * (both print a byte stored at offset 0). Without it (qemu-system-hppa -bios,
 * reference parisc-isa.md §7) the kernel uses the LASI UART at 0xFFD05800,
 * a PA7300LC-like cache geometry (64 KB 2-way D and I caches, 32-byte lines:
 * fork-cache-bug.md §5), fix `none`, the built-in `seed` schedule, and powers
 * off with qemu's halt word.
 */
#include "kernel.h"

struct board board;
struct kstats kstats;

#define QEMU_LASI_UART 0xFFD05800u
#define DEFAULT_RAM (64u << 20)
#define MAX_RAM (256u << 20)

#define FIX_NAME_(code_name, id, change, where) id,
static const char *const fix_names[PAVP_FIX_COUNT] = {PAVP_KERNEL_FIXES(FIX_NAME_)};
#undef FIX_NAME_

const char *fix_name(u32 fix) { return fix < PAVP_FIX_COUNT ? fix_names[fix] : "?"; }

static u32 bp_word(u32 off) { return mmio_read32(PAVP_BOOT_PARAMS_ADDR + off); }

/* A field of the block if present and covered by its size, else 0. */
static u32 bp_field(u32 off)
{
  if (!board.have_bp || bp_word(PAVP_BP_SIZE) < off + 4) return 0;
  return bp_word(off);
}

static u32 or_default(u32 v, u32 dflt) { return v ? v : dflt; }

static void board_init(u32 qemu_ram_size)
{
  board.have_bp = bp_word(PAVP_BP_MAGIC) == PAVP_BP_MAGIC_VALUE;
  board.fix = bp_field(PAVP_BP_FIX);
  board.schedule = bp_field(PAVP_BP_SCHEDULE);
  board.seed_hi = bp_field(PAVP_BP_SEED_HI);
  board.seed_lo = bp_field(PAVP_BP_SEED_LO);
  board.step_limit = or_default(bp_field(PAVP_BP_STEP_LIMIT), 1000);
  board.tick_cycles = bp_field(PAVP_BP_TICK_CYCLES);
  board.preempt_every = bp_field(PAVP_BP_PREEMPT_EVERY);
  board.ram_size = bp_field(PAVP_BP_RAM_SIZE);
  if (!board.ram_size) board.ram_size = board.have_bp ? DEFAULT_RAM : qemu_ram_size;
  if (board.ram_size < (8u << 20) || board.ram_size > MAX_RAM) board.ram_size = DEFAULT_RAM;
  board.dcache_size = or_default(bp_field(PAVP_BP_DCACHE_SIZE), 64u << 10);
  board.dcache_line = or_default(bp_field(PAVP_BP_DCACHE_LINE), 32);
  board.icache_size = or_default(bp_field(PAVP_BP_ICACHE_SIZE), 64u << 10);
  board.icache_line = or_default(bp_field(PAVP_BP_ICACHE_LINE), 32);
  board.alias_bytes = or_default(bp_field(PAVP_BP_ALIAS_BYTES), 32u << 10);
  board.ncolours = board.alias_bytes > PAGE_SIZE ? board.alias_bytes / PAGE_SIZE : 1;
  board.console_base = or_default(bp_field(PAVP_BP_CONSOLE_BASE), board.have_bp ? PAVP_CONSOLE_BASE : QEMU_LASI_UART);
  /* Without the block there is no sim-control device; with it, a base of
   * 0 in the block also means none (qemu runs with a block from the test). */
  board.simctl_base = board.have_bp ? bp_field(PAVP_BP_SIMCTL_BASE) : 0;
  /* With sim-control the fix is asked when a hook first needs it
   * (kernel_fix); the allocator's colour policy is needed from boot on. */
  board_fix_known = !board.simctl_base;
  board_colour_alloc = board.simctl_base ? (bp_field(PAVP_BP_FLAGS) & PAVP_BPF_COLOUR_ALLOC) != 0
                                         : board.fix == PAVP_FIX_COLOUR_ALLOC;
  board.verbose = (bp_field(PAVP_BP_FLAGS) & PAVP_BPF_VERBOSE) || !board.have_bp;
  board.elements = or_default(bp_field(PAVP_BP_ELEMENTS), 4);
  board.elem_stride = or_default(bp_field(PAVP_BP_ELEM_STRIDE), PAGE_SIZE);
  board.extra_threads = bp_field(PAVP_BP_EXTRA_THREADS);
  board.touch_pages = bp_field(PAVP_BP_TOUCH_PAGES);
  /* The heap keeps to its own 4 MB page-table slot (pavp_fw.h layout). */
  board.heap_size = or_default(bp_field(PAVP_BP_HEAP_SIZE), USER_HEAP_SIZE) & ~(PAGE_SIZE - 1);
  if (!board.heap_size || board.heap_size > USER_STACK_BASE - USER_HEAP_BASE) board.heap_size = USER_HEAP_SIZE;
  board.dtlb_entries = or_default(bp_field(PAVP_BP_DTLB_ENTRIES), 256);
  board.itlb_entries = or_default(bp_field(PAVP_BP_ITLB_ENTRIES), 256);
  board.placement = bp_field(PAVP_BP_PLACEMENT);
  board.placement_seed_hi = bp_field(PAVP_BP_PLACEMENT_SEED_HI);
  board.placement_seed_lo = bp_field(PAVP_BP_PLACEMENT_SEED_LO);
}

/* The value a user program gets for a boot parameter (NR_pavp_param):
 * the board's, defaults applied. */
u32 board_param(u32 offset)
{
  switch (offset) {
  case PAVP_BP_FIX: return kernel_fix();
  case PAVP_BP_SCHEDULE: return board.schedule;
  case PAVP_BP_STEP_LIMIT: return board.step_limit;
  case PAVP_BP_ELEMENTS: return board.elements;
  case PAVP_BP_ELEM_STRIDE: return board.elem_stride;
  case PAVP_BP_EXTRA_THREADS: return board.extra_threads;
  case PAVP_BP_TOUCH_PAGES: return board.touch_pages;
  case PAVP_BP_HEAP_SIZE: return board.heap_size;
  case PAVP_BP_ALIAS_BYTES: return board.alias_bytes;
  case PAVP_BP_FLAGS: return board.verbose ? PAVP_BPF_VERBOSE : 0;
  case PAVP_BP_PAIR_LOOPS_A1: return bp_field(PAVP_BP_PAIR_LOOPS_A1);
  case PAVP_BP_PAIR_LOOPS_A2: return bp_field(PAVP_BP_PAIR_LOOPS_A2);
  default: return bp_field(offset);
  }
}

/* ---- console: a byte store at offset 0 prints on both boards */
void console_putc(int c)
{
  if (c == '\n') console_putc('\r');
  *(volatile u8 *)board.console_base = (u8)c;
}

#ifdef PAVP_LINUX_PERSONALITY
/* A user program's byte, as it wrote it (no '\r' before '\n'). */
void console_putc_raw(int c) { *(volatile u8 *)board.console_base = (u8)c; }
#endif

void kputs(const char *s)
{
  while (*s) console_putc(*s++);
}

static void put_num(u32 v, u32 base, int width, int zero, int neg)
{
  char buf[12];
  int i = 0;
  do {
    u32 d = v % base;
    buf[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    v /= base;
  } while (v);
  if (neg) buf[i++] = '-';
  while (i < width) {
    console_putc(zero ? '0' : ' ');
    width--;
  }
  while (i) console_putc(buf[--i]);
}

static void kvprintf(const char *fmt, __builtin_va_list ap)
{
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      console_putc(*fmt);
      continue;
    }
    fmt++;
    int zero = 0, width = 0;
    if (*fmt == '0') zero = 1, fmt++;
    while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    switch (*fmt) {
    case 'd': {
      int v = __builtin_va_arg(ap, int);
      put_num(v < 0 ? (u32)-v : (u32)v, 10, width, zero, v < 0);
      break;
    }
    case 'u': put_num(__builtin_va_arg(ap, u32), 10, width, zero, 0); break;
    case 'x': put_num(__builtin_va_arg(ap, u32), 16, width, zero, 0); break;
    case 's': kputs(__builtin_va_arg(ap, const char *)); break;
    case 'c': console_putc(__builtin_va_arg(ap, int)); break;
    case '%': console_putc('%'); break;
    default: console_putc('?'); break;
    }
  }
}

void kprintf(const char *fmt, ...)
{
  __builtin_va_list ap;
  __builtin_va_start(ap, fmt);
  kvprintf(fmt, ap);
  __builtin_va_end(ap);
}

void machine_halt(u32 exit_code)
{
  static int halting;
  if (!halting) kprintf("pavp: halt, exit code %u\n", exit_code);
  if (board.simctl_base) {
    /* The platform stops at the end of its time step; spin until then
     * (a second halt, e.g. a panic while halting, keeps the first code). */
    if (!halting) mmio_write32(board.simctl_base + PAVP_SIMCTL_EXIT, exit_code);
    halting = 1;
    for (;;) {
    }
  }
  halting = 1;
  qemu_poweroff();
}

void panic(const char *fmt, ...)
{
  __builtin_va_list ap;
  __builtin_va_start(ap, fmt);
  kputs("pavp: kernel panic: ");
  kvprintf(fmt, ap);
  __builtin_va_end(ap);
  kputs("\n");
  machine_halt(PAVP_EXIT_PANIC);
}

/* Called by entry.S for an interruption in kernel mode. */
void kernel_trap(u32 vector, u32 iaoq, u32 ior, u32 iir)
{
  panic("interruption %u in kernel mode at %08x (ior %08x, iir %08x)", vector, iaoq, ior, iir);
}

/* ---- sim-control */
void simctl_mark(int begin, u32 id)
{
  if (board.simctl_base)
    mmio_write32(board.simctl_base + (begin ? PAVP_SIMCTL_MARK_BEGIN : PAVP_SIMCTL_MARK_END), id);
}

void simctl_result(u32 key, u32 value)
{
  if (board.simctl_base) {
    mmio_write32(board.simctl_base + PAVP_SIMCTL_RESULT_KEY, key);
    mmio_write32(board.simctl_base + PAVP_SIMCTL_RESULT_VALUE_LO, value);
  }
  if (board.verbose) kprintf("pavp: result %u = %u\n", key, value);
}

void simctl_set_current(u32 pid, u32 tid)
{
  if (board.simctl_base) {
    mmio_write32(board.simctl_base + PAVP_SIMCTL_CUR_PID, pid);
    mmio_write32(board.simctl_base + PAVP_SIMCTL_CUR_TID, tid);
  }
}

int board_fix_known LATE_DATA = 0;
int board_colour_alloc LATE_DATA = 0;
#ifdef PAVP_LINUX_PERSONALITY
int board_linux LATE_DATA = 0;
#endif

/* The fix, from the block or, on a board with sim-control, asked of it the
 * first time a hook needs it (PAVP_QUERY_FIX): until then the kernel runs
 * alike under every fix whose boot is alike. */
u32 kernel_fix(void)
{
  if (!board_fix_known) {
    mmio_write32(board.simctl_base + PAVP_SIMCTL_QUERY_KEY, PAVP_QUERY_FIX);
    board.fix = mmio_read32(board.simctl_base + PAVP_SIMCTL_QUERY_VALUE);
    if (board.fix >= PAVP_FIX_COUNT) {
      kprintf("pavp: sim-control: bad fix %u (accepted: 0..%u)\n", board.fix, (u32)PAVP_FIX_COUNT - 1);
      machine_halt(PAVP_EXIT_BAD_PARAMS);
    }
    board_fix_known = 1;
    kprintf("pavp kernel: fix %s, asked at the first fork\n", fix_name(board.fix));
    simctl_result(PAVP_RESULT_FIX, board.fix);
  }
  return board.fix;
}

/* The built-in oracle when there is no sim-control device: `seed` = the
 * contract's list (PAVP_SEED_SCHEDULE_STEPS) then 0; `random` = choices from
 * a 64-bit LCG seeded with SEED_HI:SEED_LO (not the platform's generator). */
static const struct {
  u32 point, n, choice;
} seed_steps[] = PAVP_SEED_SCHEDULE_STEPS;
static u32 builtin_index;
static u32 rng_hi, rng_lo;

static u32 builtin_decide(u32 point, u32 n)
{
  u32 i = builtin_index++;
  if (board.schedule == PAVP_SCHEDULE_RANDOM) {
    /* x = x * 6364136223846793005 + 1442695040888963407 (Knuth MMIX), on
     * 32-bit halves */
    unsigned long long x = ((unsigned long long)rng_hi << 32) | rng_lo;
    if (i == 0) x ^= 0x9E3779B97F4A7C15ull;
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    rng_hi = (u32)(x >> 32);
    rng_lo = (u32)x;
    return rng_hi % n;
  }
  if (i < PAVP_SEED_SCHEDULE_LEN) {
    if (seed_steps[i].point != point || seed_steps[i].n != n) {
      kprintf("pavp: seed schedule step %u expects point %u n %u, got point %u n %u\n", i + 1,
              seed_steps[i].point, seed_steps[i].n, point, n);
      return 0;
    }
    return seed_steps[i].choice < n ? seed_steps[i].choice : 0;
  }
  return 0;
}

u32 simctl_sched_decide(u32 point, u32 n)
{
  u32 d;
  if (!board.simctl_base) {
    d = builtin_decide(point, n);
  } else {
    mmio_write32(board.simctl_base + PAVP_SIMCTL_SCHED_POINT, point);
    mmio_write32(board.simctl_base + PAVP_SIMCTL_SCHED_NCHOICES, n);
    d = mmio_read32(board.simctl_base + PAVP_SIMCTL_SCHED_DECISION);
    if (d == PAVP_SCHED_NO_DECISION || d >= n) panic("schedule oracle gave no decision at point %u", point);
  }
  if (board.verbose) kprintf("pavp: sched point %u n %u -> %u\n", point, n, d);
  return d;
}

/* ---- start-up */

/* Does the TLB key its entries by space? PA-RISC's does (and so does
 * qemu-system-hppa 7.2's); on a model whose TLB ignores the space the kernel
 * purges the TLB whenever it switches to another address space (sched.c). */
static void probe_tlb_spaces(void)
{
  u32 pa1 = alloc_page(), pa2 = alloc_page();
  *(volatile u32 *)pa1 = 0x11111111u;
  *(volatile u32 *)pa2 = 0x22222222u;
  flush_kernel_dcache_page(pa1);
  flush_kernel_dcache_page(pa2);
  board.tlb_spaces = tlb_space_probe(pa1, pa2) == 0x11111111u;
  kprintf("pavp: TLB %s spaces\n", board.tlb_spaces ? "tells" : "does not tell");
}

extern char workload_elf_start[], workload_elf_end[]; /* workload_blob.S */
extern char pair_elf_start[], pair_elf_end[];
extern char nptl_elf_start[], nptl_elf_end[];
void exec_init(const u8 *elf, u32 size); /* exec.c */

void start_kernel(u32 qemu_ram_size)
{
  board_init(qemu_ram_size);
  rng_hi = board.seed_hi;
  rng_lo = board.seed_lo;
  if (board.have_bp) {
    const char *bad = NULL;
    if (bp_word(PAVP_BP_VERSION) != PAVP_BP_VERSION_VALUE)
      bad = "version";
    else if (bp_word(PAVP_BP_SIZE) < PAVP_BP_SIZE_VALUE || bp_word(PAVP_BP_SIZE) > PAVP_BOOT_PARAMS_SPACE)
      bad = "size";
    else if (board.fix >= PAVP_FIX_COUNT)
      bad = "fix";
    else if (bp_field(PAVP_BP_SCENARIO) > KERNEL_SCENARIO_LAST)
      bad = "scenario";
    else if (board.schedule > PAVP_SCHEDULE_PLATFORM)
      bad = "schedule";
    else if (board.placement > PAVP_PLACEMENT_RANDOM)
      bad = "placement";
    if (bad) {
      kprintf("pavp: boot parameter block: bad %s (accepted: version %u, size %u..%u, fix 0..%u, scenario 0.." KERNEL_SCENARIO_LAST_TEXT ", "
              "schedule 0..3, placement 0..1)\n",
              bad, PAVP_BP_VERSION_VALUE, PAVP_BP_SIZE_VALUE, PAVP_BOOT_PARAMS_SPACE, (u32)PAVP_FIX_COUNT - 1);
      machine_halt(PAVP_EXIT_BAD_PARAMS);
    }
  }
  kprintf("pavp kernel: board %s, fix %s, schedule %u, RAM %u MB, D-cache %u KB line %u, colours %u\n",
          board.have_bp ? "boot-params" : "qemu-default",
          board_fix_known ? fix_name(board.fix) : "asked at first use", board.schedule,
          board.ram_size >> 20, board.dcache_size >> 10, board.dcache_line, board.ncolours);
  if (board.placement == PAVP_PLACEMENT_RANDOM && board.placement_seed_hi)
    kprintf("pavp: placement random:0x%x%08x\n", board.placement_seed_hi, board.placement_seed_lo);
  else if (board.placement == PAVP_PLACEMENT_RANDOM)
    kprintf("pavp: placement random:%u\n", board.placement_seed_lo);
#ifdef PAVP_LINUX_PERSONALITY
  u32 scenario = bp_field(PAVP_BP_SCENARIO);
  u32 ram_end = board.ram_size;
  board_linux = scenario == PAVP_SCENARIO_NPTL;
  /* The nptl scenario's program and arguments, if the platform placed them
   * in RAM: the frames from the lower of the two to the end of RAM are not
   * the allocator's. */
  u32 prog = bp_field(PAVP_BP_PROGRAM_ADDR), prog_size = bp_field(PAVP_BP_PROGRAM_SIZE);
  u32 args = bp_field(PAVP_BP_ARGS_ADDR), args_size = bp_field(PAVP_BP_ARGS_SIZE);
  if (prog && prog_size && prog < ram_end) ram_end = prog;
  if (args && args_size && args < ram_end) ram_end = args;
  ram_end &= ~(PAGE_SIZE - 1);
  if (bp_field(PAVP_BP_PROCESS_BUDGET)) linux_budget = bp_field(PAVP_BP_PROCESS_BUDGET);
  mm_init(0x00100000u, ram_end);
#else
  mm_init(0x00100000u, board.ram_size);
#endif
  probe_tlb_spaces();
  sched_init();
  if (board_fix_known) simctl_result(PAVP_RESULT_FIX, board.fix);
#ifdef PAVP_LINUX_PERSONALITY
  if (scenario == PAVP_SCENARIO_NPTL) {
    if (prog && prog_size)
      linux_exec((const u8 *)prog, prog_size, (const char *)args, args_size);
    if ((u32)(nptl_elf_end - nptl_elf_start) == 0) panic("this kernel was built without hppa glibc: no nptl_fork program");
    linux_exec((const u8 *)nptl_elf_start, (u32)(nptl_elf_end - nptl_elf_start), (const char *)args, args_size);
  }
#endif
  if (bp_field(PAVP_BP_SCENARIO) == PAVP_SCENARIO_THREAD_PAIR)
    exec_init((const u8 *)pair_elf_start, (u32)(pair_elf_end - pair_elf_start));
  else
    exec_init((const u8 *)workload_elf_start, (u32)(workload_elf_end - workload_elf_start));
}
