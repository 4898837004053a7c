/*
 * The register maps of pavp's sim-control device and console, and their
 * default addresses on the board. Included by the models (C++) and by guest
 * code (C, gcc -std=gnu11 for hppa), so it holds only #defines. What the
 * registers carry in pavp's own study (marker ids, result keys, exit codes,
 * the boot parameter block, the fixes) is the firmware contract,
 * firmware/include/firmware_contract.h, which is not part of the models.
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
#define PAVP_SIMCTL_VERSION_VALUE 2u /* 2: QUERY_KEY/QUERY_VALUE */

/* 0x08 EXIT (R/W): writing an exit code ends the simulation with that code
 * (the platform stops at the end of the current time step; the firmware
 * should halt after the store). Reading returns the code last written. */
#define PAVP_SIMCTL_EXIT 0x08u
#define PAVP_EXIT_OK 0u      /* the guest ran to its end */
#define PAVP_EXIT_FAILURE 1u /* the guest detected a failure; other codes are the guest's */

/* 0x0C MARK_BEGIN (W): writing a marker id opens a measurement interval.
 * 0x10 MARK_END   (W): writing a marker id closes it.
 * The platform records (marker id, simulated time, current pid/tid) and
 * snapshots its statistics at each marker. Intervals of the same id may
 * repeat (one per COW fault, for instance) and may nest with other ids. The
 * ids are the guest's to define. */
#define PAVP_SIMCTL_MARK_BEGIN 0x0Cu
#define PAVP_SIMCTL_MARK_END 0x10u

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
 * reports the failure and the guest should then exit with PAVP_EXIT_FAILURE.
 * Point ids are the guest's to define. */
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
 * The key stays, so several values for one key need only steps 2-3. The keys
 * are the guest's to define. */
#define PAVP_SIMCTL_RESULT_KEY 0x30u      /* R/W */
#define PAVP_SIMCTL_RESULT_VALUE_HI 0x34u /* R/W; cleared by each append */
#define PAVP_SIMCTL_RESULT_VALUE_LO 0x38u /* W: appends {key, HI:LO}; reads 0 */
#define PAVP_SIMCTL_RESULT_COUNT 0x3Cu    /* R: records appended so far */

/* Queries: a value the platform supplies when the guest first needs it,
 * rather than in a boot parameter block read at boot:
 *   1. write the key to QUERY_KEY: the device asks the platform and latches
 *      its answer;
 *   2. read QUERY_VALUE: the answer, or PAVP_QUERY_UNKNOWN if the platform
 *      has none for that key (or before the first query).
 * Keys are the guest's to define. */
#define PAVP_SIMCTL_QUERY_KEY 0x40u   /* R/W: key of the last query; a write asks */
#define PAVP_SIMCTL_QUERY_VALUE 0x44u /* R: its latched answer */
#define PAVP_QUERY_UNKNOWN 0xFFFFFFFFu

/* Last register offset + 4. */
#define PAVP_SIMCTL_REGS_END 0x48u

#endif /* PAVP_DEVICES_SIMCTL_REGS_H */
