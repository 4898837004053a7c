/*
 * The contract between pavp's platform (platform/, C++) and its firmware
 * (firmware/, C, gcc -std=gnu11 for hppa): where the firmware lives, the boot
 * parameter block the platform writes before the CPU starts, the kernel's
 * fixes, the workload's parameters, the schedule points and the `seed`
 * schedule, and what the firmware reports through the sim-control device
 * (exit codes, marker ids, result keys). The device registers themselves are
 * the models' (pavp/devices/simctl_regs.h, included here); this header is the
 * study's and is not installed with pavp::models.
 */
#ifndef PAVP_FIRMWARE_CONTRACT_H
#define PAVP_FIRMWARE_CONTRACT_H

#include "models/devices/simctl_regs.h"

/* ------------------------------------------------------------------------
 * Boot parameter block
 *
 * The platform writes this block into RAM before the CPU starts; the
 * firmware reads it at boot and must not place anything there. Every field
 * is a 32-bit big-endian word at the offset given, from
 * PAVP_BOOT_PARAMS_ADDR. A 64-bit value is two words, high word first.
 * ------------------------------------------------------------------------ */
#define PAVP_BOOT_PARAMS_ADDR 0x00001000u  /* physical address */
#define PAVP_BOOT_PARAMS_SPACE 0x00000100u /* bytes reserved for the block */

#define PAVP_BP_MAGIC 0x00u    /* PAVP_BP_MAGIC_VALUE ("PAVB") */
#define PAVP_BP_VERSION 0x04u  /* PAVP_BP_VERSION_VALUE */
#define PAVP_BP_SIZE 0x08u     /* bytes of the block that are valid (PAVP_BP_SIZE_VALUE) */
#define PAVP_BP_FIX 0x0Cu      /* PAVP_FIX_*: the kernel policy to run */
#define PAVP_BP_SCENARIO 0x10u /* PAVP_SCENARIO_* */
/* PAVP_SCHEDULE_*: the kind of schedule, for the kernel's built-in oracle;
 * with sim-control the decisions come from the SCHED_* registers. */
#define PAVP_BP_SCHEDULE 0x14u
#define PAVP_BP_SEED_HI 0x18u     /* random:N schedule: N, high word */
#define PAVP_BP_SEED_LO 0x1Cu     /* random:N schedule: N, low word */
#define PAVP_BP_STEP_LIMIT 0x20u  /* list-walk steps after which the workload reports a hang */
#define PAVP_BP_TICK_CYCLES 0x24u /* CPU cycles between timer ticks; 0 = no timer ticks */
#define PAVP_BP_RAM_SIZE 0x28u    /* bytes of RAM from physical address 0 */
#define PAVP_BP_CPU_HZ 0x2Cu      /* CPU clock in Hz */
#define PAVP_BP_DCACHE_SIZE 0x30u /* data cache: bytes */
#define PAVP_BP_DCACHE_LINE 0x34u /* data cache: line bytes (FDC stride) */
#define PAVP_BP_DCACHE_WAYS 0x38u /* data cache: associativity */
#define PAVP_BP_ICACHE_SIZE 0x3Cu /* instruction cache: bytes */
#define PAVP_BP_ICACHE_LINE 0x40u /* instruction cache: line bytes (FIC stride) */
#define PAVP_BP_ICACHE_WAYS 0x44u /* instruction cache: associativity */
/* Cache colour span: virtual addresses congruent modulo this many bytes share
 * a data-cache set (1 = no aliasing, as on a PIPT cache). */
#define PAVP_BP_ALIAS_BYTES 0x48u
#define PAVP_BP_CONSOLE_BASE 0x4Cu /* physical base of the console */
#define PAVP_BP_SIMCTL_BASE 0x50u  /* physical base of the sim-control device */
#define PAVP_BP_FLAGS 0x54u        /* PAVP_BPF_* bits */

#define PAVP_BP_MAGIC_VALUE 0x50415642u
#define PAVP_BP_VERSION_VALUE 1u
#define PAVP_BP_SIZE_VALUE 0x58u

/* PAVP_BP_FLAGS bits. */
#define PAVP_BPF_VERBOSE 0x00000001u /* the kernel may print progress on the console */
/* The page allocator gives user pages the colour of their user address (the
 * colour-alloc fix's allocator, from boot on). On a board with sim-control
 * the kernel learns the rest of its fix when a hook first needs it
 * (PAVP_QUERY_FIX) and PAVP_BP_FIX is 0; without one PAVP_BP_FIX says it
 * all, this flag included. */
#define PAVP_BPF_COLOUR_ALLOC 0x00000002u

/* Sim-control query keys (PAVP_SIMCTL_QUERY_KEY). */
/* The fix the kernel runs (PAVP_FIX_*), asked the first time one of its hooks
 * needs it: in the seed's workload at the fork, so every fix whose boot is
 * alike (the same block, the same caches) runs the same instructions until
 * then, and a study boots them once (run_firmware_branches). */
#define PAVP_QUERY_FIX 1u

/* PAVP_BP_FIX values: the kernel's fixes (DESIGN "The fixes"), the one list
 * from which the kernel's codes and names, the platform's fix ids and help
 * text and the traffic study's fix actions all come. Each entry is
 *   X(CODE_NAME, "id", "what the kernel changes", "where in Linux")
 * and its PAVP_BP_FIX value is its position: PAVP_FIX_<CODE_NAME>. The
 * hardware fix "pipt" (platform/study/fixes.h) runs the PAVP_FIX_NONE kernel
 * on physically indexed caches. */
#define PAVP_KERNEL_FIXES(X)                                                                     \
  X(NONE, "none", "Linux 2.6.32 as the seed describes", "-")                                     \
  X(WRPROTECT_FLUSH, "wrprotect-flush", "FDC over the user page when write-protecting it",       \
    "ptep_set_wrprotect")                                                                        \
  X(COW_FLUSH, "cow-flush", "flush the source page at the user's colour before the copy",        \
    "copy_user_page")                                                                            \
  X(CONGRUENT_COPY, "congruent-copy",                                                            \
    "copy through kernel mappings congruent with the user address", "copy_user_page")            \
  X(FORK_FLUSH_LATE, "fork-flush-late",                                                          \
    "purge the TLB and flush the whole cache again after copy_page_range", "dup_mmap")           \
  X(COLOUR_ALLOC, "colour-alloc",                                                                \
    "user pages and COW copies get the colour of their user address", "page allocator")          \
  X(LINUX_6_10, "linux-6.10", "tmpalias flush with TLB purge before, flush in ptep_clear_flush", \
    "several")

#define PAVP_FIX_CODE_(code_name, id, change, where) PAVP_FIX_##code_name,
enum pavp_fix_code { PAVP_KERNEL_FIXES(PAVP_FIX_CODE_) PAVP_FIX_COUNT };
#undef PAVP_FIX_CODE_

/* PAVP_BP_SCENARIO values: which user program the kernel runs. */
#define PAVP_SCENARIO_FORK_THREADS 0u /* the seed's scenario: fork with a second thread live */
/* Two threads of one process, each running a loop of its own length and
 * exiting (firmware/user/pair.c): no fork, no shared data. Its only
 * decisions are the user-mode preemption points, so its schedule space can
 * be counted by hand (docs/decisions.md). */
#define PAVP_SCENARIO_THREAD_PAIR 1u
/* An unmodified static glibc program (firmware/user/nptl_fork.c, or the ELF
 * the platform places at PAVP_BP_PROGRAM_ADDR) under the kernel's Linux
 * personality: Linux's system calls, gateway services, demand paging and
 * process semantics (firmware/README.md "The Linux personality"). */
#define PAVP_SCENARIO_NPTL 2u
#define PAVP_SCENARIO_LAST PAVP_SCENARIO_NPTL

/* PAVP_BP_SCHEDULE values (the platform's --schedule). */
#define PAVP_SCHEDULE_SEED 0u   /* "seed": the seed document's steps */
#define PAVP_SCHEDULE_RANDOM 1u /* "random:N", N in SEED_HI:SEED_LO */
#define PAVP_SCHEDULE_REPLAY 2u /* "replay:FILE": a recorded decision list */
/* Sim-control answers every decision, whatever the platform's schedule: what
 * pavp writes, so that the boot does not depend on the schedule and runs of
 * different schedules can branch from one boot. 0..2 serve the kernel's
 * built-in oracle on boards without sim-control (qemu-system-hppa). */
#define PAVP_SCHEDULE_PLATFORM 3u

/* Firmware image placement. The kernel ELF is linked inside this window, as
 * qemu-system-hppa -bios requires (its FIRMWARE_START..FIRMWARE_END), and
 * runs there in absolute mode (PSW C=D=0) from its ELF entry, with PSW = Q
 * and privilege 0. The platform backs the window with memory (read/write:
 * the kernel's .data and .bss are there too) and loads the ELF's PT_LOAD
 * segments at their addresses before starting the CPU. */
#define PAVP_FIRMWARE_BASE 0xF0000000u
#define PAVP_FIRMWARE_SIZE 0x00800000u

/* Boot parameter block, version 1 extension. A field is used only when
 * PAVP_BP_SIZE covers it (SIZE >= offset + 4); a missing field or a value of
 * 0 means the firmware's default, given in brackets. */
#define PAVP_BP_ELEMENTS 0x58u       /* list elements in all [4: 3 on `used`, 1 on `cache`] */
#define PAVP_BP_ELEM_STRIDE 0x5Cu    /* heap bytes between elements [4096: one page each] */
#define PAVP_BP_EXTRA_THREADS 0x60u  /* threads of process A besides A-1 and A-2 [0] */
#define PAVP_BP_TOUCH_PAGES 0x64u    /* heap pages A-2 also dirties after the move [0] */
#define PAVP_BP_DTLB_ENTRIES 0x68u   /* PDTLBE count in flush_tlb_all [256] */
#define PAVP_BP_ITLB_ENTRIES 0x6Cu   /* PITLBE count in flush_tlb_all [256] */
#define PAVP_BP_HEAP_SIZE 0x70u      /* bytes of the heap region, whole pages [1 MB] */
/* Physical placement: the order in which the page allocator hands out frames
 * (every frame the kernel allocates: user pages, page tables, page
 * directories, COW copies). PAVP_PLACEMENT_LINEAR: lowest free frame first,
 * as after a fresh boot. PAVP_PLACEMENT_RANDOM: a free frame drawn from the
 * placement seed, as from a real kernel's free lists after some uptime. */
#define PAVP_BP_PLACEMENT 0x74u         /* PAVP_PLACEMENT_* [linear] */
#define PAVP_BP_PLACEMENT_SEED_HI 0x78u /* random:N placement: N, high word */
#define PAVP_BP_PLACEMENT_SEED_LO 0x7Cu /* random:N placement: N, low word */
/* User-mode preemption points: a thread that has run this many instructions
 * in user mode since it last reached one (or was created) is stopped by the
 * recovery counter (CR0, PSW.R; trap 3) at a schedule point,
 * PAVP_SCHED_POINT_PREEMPT. The count is the thread's own: the kernel saves
 * and restores CR0 with the thread's registers. 0 = no such points. */
#define PAVP_BP_PREEMPT_EVERY 0x80u
/* PAVP_SCENARIO_THREAD_PAIR: iterations of each thread's loop, two user
 * instructions per iteration [0]. */
#define PAVP_BP_PAIR_LOOPS_A1 0x84u
#define PAVP_BP_PAIR_LOOPS_A2 0x88u
/* PAVP_SCENARIO_NPTL: a static ELF the platform placed in RAM instead of the
 * embedded nptl_fork.elf (physical address and bytes; the kernel keeps the
 * frames from ADDR to the end of RAM out of its allocator), its arguments
 * (argv[0], argv[1], ... as consecutive NUL-terminated strings at ARGS_ADDR,
 * also in that reserved range), and the user instructions a process may run
 * before the kernel kills it as hung [20,000,000]. */
#define PAVP_BP_PROGRAM_ADDR 0x8Cu
#define PAVP_BP_PROGRAM_SIZE 0x90u
#define PAVP_BP_ARGS_ADDR 0x94u
#define PAVP_BP_ARGS_SIZE 0x98u
#define PAVP_BP_PROCESS_BUDGET 0x9Cu
#define PAVP_BP_SIZE_VALUE_EXT 0xA0u /* PAVP_BP_SIZE of a block with every field above */

/* PAVP_BP_PLACEMENT values (the platform's --placement). */
#define PAVP_PLACEMENT_LINEAR 0u /* "linear" */
#define PAVP_PLACEMENT_RANDOM 1u /* "random:N", N in PLACEMENT_SEED_HI:LO */

/* Whole-cache flush loops (Linux's flush_data_cache_local and
 * flush_instruction_cache_local, pacache.S): the kernel issues FDCE (FICE)
 * in absolute mode at base 0, stride = PAVP_BP_DCACHE_LINE
 * (PAVP_BP_ICACHE_LINE), count = size / line, loop = 1 -- the parameters
 * models/cache's fdce_loop() defines. */

/* Schedule points (the point ids written to SCHED_POINT). At points 1..4
 * and 6, choice 0 keeps the current thread running and choice k (1..n-1) switches
 * to the k-th other runnable thread in run-queue order (oldest first); the
 * current thread then goes to the tail of the run queue. At point 5 the
 * current thread cannot continue and choice k runs the k-th runnable thread
 * (0 = the run-queue head). A point with only one choice (n = 1) is not
 * asked. */
#define PAVP_SCHED_POINT_PTE_ALLOC 1u /* copy_page_range: pte_alloc may sleep */
#define PAVP_SCHED_POINT_FORK_WAKE 2u /* do_fork: after wake_up_new_task(child) */
#define PAVP_SCHED_POINT_YIELD 3u     /* sched_yield system call */
#define PAVP_SCHED_POINT_TICK 4u      /* timer tick taken in user mode */
#define PAVP_SCHED_POINT_BLOCK 5u     /* the current thread sleeps or exits */
#define PAVP_SCHED_POINT_PREEMPT 6u   /* user-mode preemption point (PAVP_BP_PREEMPT_EVERY) */

/* The "seed" schedule for PAVP_SCENARIO_FORK_THREADS with the default
 * parameters (0 extra threads: A-1 = pid 1 tid 1, A-2 = pid 1 tid 2, B =
 * pid 3 tid 3 -- a process's pid is its first thread's tid, as in Linux;
 * five regions: code, data, heap, two stacks). Each step is
 * {point, n_choices, choice}; after the list every decision is 0.
 *   1 PTE_ALLOC (code region's table): A-1 sleeps, A-2 runs   seed (4)-(5)
 *     A-2 moves ELEM from `used` to `cache`, then sched_yield
 *   2 YIELD: A-2 sleeps, A-1 runs                              seed (6)
 *   3-6 PTE_ALLOC (data, heap, stack 0, stack 1): A-1 goes on;
 *     copy_one_pte -> ptep_set_wrprotect                       seed (7)
 *     flush_tlb_mm, wake_up_new_task(B)
 *   7 FORK_WAKE: run queue [A-2, B]: choice 2 runs B           seed (8)-(11)
 *     B walks `cache`, COW faults, reports and exits.
 * A platform passes this list to make_schedule() for "seed". */
#define PAVP_SEED_SCHEDULE_STEPS                                                          \
  {                                                                                       \
    {1u, 2u, 1u}, {3u, 2u, 1u}, {1u, 2u, 0u}, {1u, 2u, 0u}, {1u, 2u, 0u}, {1u, 2u, 0u}, { \
      2u, 3u, 2u                                                                          \
    }                                                                                     \
  }
#define PAVP_SEED_SCHEDULE_LEN 7u

/* ------------------------------------------------------------------------
 * What the firmware reports through the sim-control device
 * ------------------------------------------------------------------------ */
/* Exit codes (SIMCTL EXIT) besides PAVP_EXIT_OK and PAVP_EXIT_FAILURE. */
#define PAVP_EXIT_PANIC 2u      /* the kernel panicked */
#define PAVP_EXIT_BAD_PARAMS 3u /* the boot parameter block was not usable */

/* Marker ids (SIMCTL MARK_BEGIN / MARK_END). */
#define PAVP_MARK_RUN 1u       /* the measured part of the workload */
#define PAVP_MARK_FORK 2u      /* fork entry to return in the parent */
#define PAVP_MARK_COW_FAULT 3u /* a COW fault, entry to return */

/* Result keys (SIMCTL RESULT_*). */
#define PAVP_RESULT_OUTCOME 1u          /* value: PAVP_OUTCOME_* */
#define PAVP_RESULT_STEPS 2u            /* list-walk steps the checking process took */
#define PAVP_RESULT_FORKS 3u            /* forks performed */
#define PAVP_RESULT_COW_FAULTS 4u       /* COW faults handled by the kernel */
#define PAVP_RESULT_SCHED_POINTS 5u     /* schedule points the kernel passed */
#define PAVP_RESULT_CHECK_ERRORS 6u     /* wrong values the workload itself found */
#define PAVP_RESULT_FIX 0x1000u         /* PAVP_FIX_* the kernel ran */
#define PAVP_RESULT_EXIT_STATUS 0x1001u /* child's waitpid status */
#define PAVP_RESULT_MOVED 0x1002u       /* move state B read: 0 before, 1 inside, 2 done */
#define PAVP_RESULT_FLUSH_ALL 0x1003u   /* whole-cache flushes by the kernel */
#define PAVP_RESULT_FLUSH_PAGES 0x1004u /* page flushes (FDC loops) by the kernel */
#define PAVP_RESULT_TLB_PURGES 0x1005u  /* flush_tlb_all calls */
#define PAVP_RESULT_COW_COPIES 0x1006u  /* COW faults that copied (others reused) */
#define PAVP_RESULT_WRPROTECTED 0x1007u /* pages ptep_set_wrprotect made COW at forks */
/* PAVP_SCENARIO_NPTL: system calls the Linux personality does not know
 * (answered -ENOSYS), the first process's children that ended and how many
 * of them did not exit 0. */
#define PAVP_RESULT_ENOSYS 0x1008u
#define PAVP_RESULT_CHILDREN 0x1009u
#define PAVP_RESULT_CHILDREN_FAILED 0x100Au

/* Outcome values (DESIGN "The scenario"). */
#define PAVP_OUTCOME_OK 0u
#define PAVP_OUTCOME_CORRUPTED 1u /* finished, but read wrong values */
#define PAVP_OUTCOME_HANG 2u      /* exceeded its step bound (nptl: its instruction budget, or deadlock) */
#define PAVP_OUTCOME_CRASH 3u     /* nptl: a process died of a fault signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE) */

#endif /* PAVP_FIRMWARE_CONTRACT_H */
