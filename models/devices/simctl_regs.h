/*
 * The platform-firmware contract of pavp (DESIGN decision 6): the register
 * maps of the sim-control device and the console, and the boot parameter
 * block. This one header is included by the platform (C++) and by the
 * firmware (C, gcc -std=gnu11 for hppa), so it holds only #defines.
 *
 * Conventions for every register below:
 * - Registers are 32 bits wide, at 4-byte aligned offsets from the device's
 *   base, and are accessed with 32-bit loads and stores (LDW/STW) only, except
 *   where a register says otherwise.
 * - Values are big-endian as the guest sees them: the guest's STW of 0x12345678
 *   puts the bytes 12 34 56 78 in the TLM payload, and the device decodes them
 *   as the number 0x12345678.
 * - "R" registers may be read, "W" registers written, "R/W" both. Reading a
 *   W-only register returns 0; writing an R-only register is an error
 *   (TLM_COMMAND_ERROR_RESPONSE). An offset not listed is an address error
 *   (TLM_ADDRESS_ERROR_RESPONSE); a wrong size or an unaligned access is a
 *   burst or generic error.
 * - Reads have no side effects, so a debugger may read any register.
 */
#ifndef PAVP_DEVICES_SIMCTL_REGS_H
#define PAVP_DEVICES_SIMCTL_REGS_H

/* ------------------------------------------------------------------------
 * Physical addresses on the pavp board. Each device has one 4 KB page in the
 * I/O range at the top of the 32-bit physical address space.
 * ------------------------------------------------------------------------ */
#define PAVP_CONSOLE_BASE 0xFFE00000u
#define PAVP_CONSOLE_SIZE 0x00001000u
#define PAVP_SIMCTL_BASE 0xFFE01000u
#define PAVP_SIMCTL_SIZE 0x00001000u

/* ------------------------------------------------------------------------
 * Console
 * ------------------------------------------------------------------------ */
/* 0x00 DATA (W): a write prints one character. Either a byte store (STB) to
 * any of the four bytes of the word, or a word store (STW) whose least
 * significant byte (the last byte in guest order) is the character. Reads 0. */
#define PAVP_CONSOLE_DATA 0x00u
/* 0x04 STATUS (R): PAVP_CONSOLE_STATUS_READY is always set (the console never
 * back-pressures). */
#define PAVP_CONSOLE_STATUS 0x04u
#define PAVP_CONSOLE_STATUS_READY 0x00000001u

/* ------------------------------------------------------------------------
 * Sim-control device
 * ------------------------------------------------------------------------ */
/* 0x00 ID (R): PAVP_SIMCTL_ID_VALUE ("PAVS"). */
#define PAVP_SIMCTL_ID 0x00u
#define PAVP_SIMCTL_ID_VALUE 0x50415653u
/* 0x04 VERSION (R): version of this register map. */
#define PAVP_SIMCTL_VERSION 0x04u
#define PAVP_SIMCTL_VERSION_VALUE 1u

/* 0x08 EXIT (R/W): writing an exit code ends the simulation with that code
 * (the platform stops at the end of the current time step; the firmware
 * should halt after the store). Reading returns the code last written. */
#define PAVP_SIMCTL_EXIT 0x08u
#define PAVP_EXIT_OK 0u         /* the workload ran to its end */
#define PAVP_EXIT_FAILURE 1u    /* the workload detected a failure */
#define PAVP_EXIT_PANIC 2u      /* the kernel panicked */
#define PAVP_EXIT_BAD_PARAMS 3u /* the boot parameter block was not usable */

/* 0x0C MARK_BEGIN (W): writing a marker id opens a measurement interval.
 * 0x10 MARK_END   (W): writing a marker id closes it.
 * The platform records (marker id, simulated time, current pid/tid) and
 * snapshots its statistics at each marker. Intervals of the same id may
 * repeat (one per COW fault, for instance) and may nest with other ids. */
#define PAVP_SIMCTL_MARK_BEGIN 0x0Cu
#define PAVP_SIMCTL_MARK_END 0x10u
#define PAVP_MARK_RUN 1u           /* the measured part of the workload */
#define PAVP_MARK_FORK 2u          /* fork entry to return in the parent */
#define PAVP_MARK_COW_FAULT 3u     /* a COW fault, entry to return */
#define PAVP_MARK_USER_BASE 0x100u /* ids from here on are free for the firmware */

/* 0x14 CUR_PID (R/W): the kernel writes the pid it switches to.
 * 0x18 CUR_TID (R/W): the kernel writes the tid it switches to.
 * Reads return the value last written (0 at reset). The platform uses them to
 * attribute accesses (coherence-checker reports, statistics). */
#define PAVP_SIMCTL_CUR_PID 0x14u
#define PAVP_SIMCTL_CUR_TID 0x18u

/* Schedule oracle (DESIGN decision 8). At each point where the kernel may
 * switch threads it asks for a decision:
 *   1. write the point id to SCHED_POINT;
 *   2. write the number of choices n (n >= 1) to SCHED_NCHOICES: the device
 *      asks the platform's schedule and latches a decision;
 *   3. read SCHED_DECISION: a number in 0..n-1.
 * Choice 0 is the kernel's default at every point (keep running the current
 * thread), so a schedule that has nothing to say answers 0. SCHED_DECISION
 * reads PAVP_SCHED_NO_DECISION before the first query and after a failed one
 * (n = 0, a recorded schedule that ran out or does not match); the platform
 * reports the failure and the firmware should then exit with
 * PAVP_EXIT_FAILURE. Point ids are defined by the kernel. */
#define PAVP_SIMCTL_SCHED_POINT 0x20u    /* R/W: point id of the next query */
#define PAVP_SIMCTL_SCHED_NCHOICES 0x24u /* R/W: n; a write makes the decision */
#define PAVP_SIMCTL_SCHED_DECISION 0x28u /* R: latched decision, 0..n-1 */
#define PAVP_SIMCTL_SCHED_COUNT 0x2Cu    /* R: number of decisions made so far */
#define PAVP_SCHED_NO_DECISION 0xFFFFFFFFu

/* Result records: a list of (key, value) pairs, key 32 bits, value 64 bits,
 * that the platform writes out with the run's results. To append one:
 *   1. write the key to RESULT_KEY;
 *   2. write the high 32 bits of the value to RESULT_VALUE_HI (optional: it
 *      reads 0 after every append, so a 32-bit value needs only step 3);
 *   3. write the low 32 bits to RESULT_VALUE_LO: this appends the record.
 * The key stays, so several values for one key need only steps 2-3. */
#define PAVP_SIMCTL_RESULT_KEY 0x30u      /* R/W */
#define PAVP_SIMCTL_RESULT_VALUE_HI 0x34u /* R/W; cleared by each append */
#define PAVP_SIMCTL_RESULT_VALUE_LO 0x38u /* W: appends {key, HI:LO}; reads 0 */
#define PAVP_SIMCTL_RESULT_COUNT 0x3Cu    /* R: records appended so far */
/* Result keys. */
#define PAVP_RESULT_OUTCOME 1u        /* value: PAVP_OUTCOME_* */
#define PAVP_RESULT_STEPS 2u          /* list-walk steps the checking process took */
#define PAVP_RESULT_FORKS 3u          /* forks performed */
#define PAVP_RESULT_COW_FAULTS 4u     /* COW faults handled by the kernel */
#define PAVP_RESULT_SCHED_POINTS 5u   /* schedule points the kernel passed */
#define PAVP_RESULT_CHECK_ERRORS 6u   /* wrong values the workload itself found */
#define PAVP_RESULT_USER_BASE 0x1000u /* keys from here on are free for the firmware */
/* Outcome values (DESIGN "The scenario"). */
#define PAVP_OUTCOME_OK 0u
#define PAVP_OUTCOME_CORRUPTED 1u /* finished, but read wrong values */
#define PAVP_OUTCOME_HANG 2u      /* exceeded its step bound */

/* Last register offset + 4. */
#define PAVP_SIMCTL_REGS_END 0x40u

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
/* PAVP_SCHEDULE_*: the kind of schedule, for information; the decisions
 * themselves come from the SCHED_* registers. */
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

/* PAVP_BP_FIX values: the fixes of DESIGN "The fixes", by their ids there.
 *   none             Linux 2.6.32 as the seed describes
 *   wrprotect-flush  FDC the user page when ptep_set_wrprotect makes it COW
 *   cow-flush        flush the source page at its user address before the COW copy
 *   congruent-copy   copy through a kernel mapping congruent with the user address
 *   fork-flush-late  after copy_page_range, purge the TLB and flush the whole cache
 *   colour-alloc     allocate pages with physical colour = virtual colour
 *   linux-6.10       tmpalias flushes, TLB purge before flush, flush in ptep_clear_flush
 * The hardware fix "pipt" runs the PAVP_FIX_NONE kernel on a physically
 * indexed cache. */
#define PAVP_FIX_NONE 0u
#define PAVP_FIX_WRPROTECT_FLUSH 1u
#define PAVP_FIX_COW_FLUSH 2u
#define PAVP_FIX_CONGRUENT_COPY 3u
#define PAVP_FIX_FORK_FLUSH_LATE 4u
#define PAVP_FIX_COLOUR_ALLOC 5u
#define PAVP_FIX_LINUX_6_10 6u
#define PAVP_FIX_COUNT 7u

/* PAVP_BP_SCENARIO values. */
#define PAVP_SCENARIO_FORK_THREADS 0u /* the seed's scenario: fork with a second thread live */

/* PAVP_BP_SCHEDULE values (the platform's --schedule). */
#define PAVP_SCHEDULE_SEED 0u   /* "seed": the seed document's steps */
#define PAVP_SCHEDULE_RANDOM 1u /* "random:N", N in SEED_HI:SEED_LO */
#define PAVP_SCHEDULE_REPLAY 2u /* "replay:FILE": a recorded decision list */

/* ------------------------------------------------------------------------
 * Additions for the firmware kernel (firmware/). Existing values above are
 * unchanged; everything below extends the contract.
 * ------------------------------------------------------------------------ */

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
#define PAVP_BP_ELEMENTS 0x58u      /* list elements in all [4: 3 on `used`, 1 on `cache`] */
#define PAVP_BP_ELEM_STRIDE 0x5Cu   /* heap bytes between elements [4096: one page each] */
#define PAVP_BP_EXTRA_THREADS 0x60u /* threads of process A besides A-1 and A-2 [0] */
#define PAVP_BP_TOUCH_PAGES 0x64u   /* heap pages A-2 also dirties after the move [0] */
#define PAVP_BP_DTLB_ENTRIES 0x68u  /* PDTLBE count in flush_tlb_all [256] */
#define PAVP_BP_ITLB_ENTRIES 0x6Cu  /* PITLBE count in flush_tlb_all [256] */
#define PAVP_BP_HEAP_SIZE 0x70u     /* bytes of the heap region, whole pages [1 MB] */
#define PAVP_BP_SIZE_VALUE_EXT 0x74u /* PAVP_BP_SIZE of a block with every field above */

/* Whole-cache flush loops (Linux's flush_data_cache_local and
 * flush_instruction_cache_local, pacache.S): the kernel issues FDCE (FICE)
 * in absolute mode at base 0, stride = PAVP_BP_DCACHE_LINE
 * (PAVP_BP_ICACHE_LINE), count = size / line, loop = 1 -- the parameters
 * models/cache's fdce_loop() defines. */

/* Schedule points (the point ids written to SCHED_POINT). At points 1..4,
 * choice 0 keeps the current thread running and choice k (1..n-1) switches
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
#define PAVP_SEED_SCHEDULE_STEPS                                                   \
  {                                                                                \
    {1u, 2u, 1u}, {3u, 2u, 1u}, {1u, 2u, 0u}, {1u, 2u, 0u}, {1u, 2u, 0u},          \
        {1u, 2u, 0u}, { 2u, 3u, 2u }                                               \
  }
#define PAVP_SEED_SCHEDULE_LEN 7u

/* Result keys the firmware adds (PAVP_RESULT_USER_BASE and up). */
#define PAVP_RESULT_FIX (PAVP_RESULT_USER_BASE + 0u)        /* PAVP_FIX_* the kernel ran */
#define PAVP_RESULT_EXIT_STATUS (PAVP_RESULT_USER_BASE + 1u) /* child's waitpid status */
#define PAVP_RESULT_MOVED (PAVP_RESULT_USER_BASE + 2u)      /* move state B read: 0 before, 1 inside, 2 done */
#define PAVP_RESULT_FLUSH_ALL (PAVP_RESULT_USER_BASE + 3u)  /* whole-cache flushes by the kernel */
#define PAVP_RESULT_FLUSH_PAGES (PAVP_RESULT_USER_BASE + 4u) /* page flushes (FDC loops) by the kernel */
#define PAVP_RESULT_TLB_PURGES (PAVP_RESULT_USER_BASE + 5u) /* flush_tlb_all calls */
#define PAVP_RESULT_COW_COPIES (PAVP_RESULT_USER_BASE + 6u) /* COW faults that copied (others reused) */
#define PAVP_RESULT_WRPROTECTED (PAVP_RESULT_USER_BASE + 7u) /* pages ptep_set_wrprotect made COW at forks */

#endif /* PAVP_DEVICES_SIMCTL_REGS_H */
