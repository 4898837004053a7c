/*
 * Definitions shared by the pavp kernel (C and assembly) and its user
 * programs: system call numbers, the user address-space layout, the PTE
 * bits and the trap-frame layout. Only #defines, so .S files include it.
 */
#ifndef PAVP_FW_H
#define PAVP_FW_H

/* ---- System calls: Linux parisc numbers (arch/parisc/include/asm/unistd.h)
 * where Linux has the call; pavp's own from 1000. Entered with
 * `ble 0x100(%sr2,%r0)`, number in r20, arguments r26,r25,r24,r23, result
 * in r28 (negative errno on error). */
#define NR_exit 1
#define NR_fork 2
#define NR_write 4
#define NR_waitpid 7
#define NR_getpid 20
#define NR_clone 120
#define NR_sched_yield 158
#define NR_gettid 206
#define NR_exit_group 222
#define NR_pavp_result 1000 /* (key, value): a result record */
#define NR_pavp_param 1001  /* (PAVP_BP_* offset): a boot parameter, defaults applied */
#define NR_pavp_mark 1002   /* (begin?, marker id): a measurement marker */

#define CLONE_VM 0x00000100 /* Linux's value */

/* The Linux personality (PAVP_SCENARIO_NPTL: an unmodified static glibc
 * program): further Linux parisc numbers (asm/unistd_32.h). */
#define NR_read 3
#define NR_kill 37
#define NR_brk 45
#define NR_getrlimit 76
#define NR_readlink 85
#define NR_mmap2 89
#define NR_munmap 91
#define NR_fstat64 112
#define NR_wait4 114
#define NR_madvise 119
#define NR_mprotect 125
#define NR_writev 146
#define NR_rt_sigaction 174
#define NR_rt_sigprocmask 175
#define NR_tkill 208
#define NR_sched_getaffinity 212
#define NR_futex 210
#define NR_set_tid_address 237
#define NR_tgkill 259
#define NR_fstatat64 280
#define NR_set_robust_list 289
#define NR_getrandom 339
#define NR_statx 349
#define NR_futex_time64 422

/* clone flags (include/uapi/linux/sched.h) */
#define CLONE_SIGNAL_MASK 0x000000ff
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_THREAD 0x00010000

/* Gateway-page services besides the system call at 0x100 (Linux parisc
 * syscall.S): the light-weight syscalls (r20 = 0: 32-bit compare and swap,
 * r20 = 2: sized compare and swap) and set_thread_pointer (r26 -> cr27). */
#define GATEWAY_LWS 0xb0
#define GATEWAY_SET_THREAD_POINTER 0xe0

/* ---- User virtual layout (every process; space id = the process's sid).
 * Each region lies in its own 4 MB pgd slot, so copy_page_range allocates
 * one page table per region and passes one schedule point per region. */
#define USER_CODE_BASE 0x00400000u  /* text, rodata: r-x */
#define USER_DATA_BASE 0x00800000u  /* data, bss: rw-; `used` and `cache` heads */
#define USER_HEAP_BASE 0x00C00000u  /* heap: rw-; list elements */
#define USER_HEAP_SIZE 0x00100000u  /* 1 MB */
/* The workload's objects (firmware/user/workload.c), which pavp run --explain
 * names: list element i at USER_HEAP_BASE + USER_ELEM_OFFSET + i x stride, a
 * struct elem {next, prev, id, tid} of 32-bit words, element 0 being the
 * seed's ELEM; the heads in the data symbol `heads`: {used.next, used.prev,
 * cache.next, cache.prev, in_flight_stack, state}. */
#define USER_ELEM_OFFSET 64u
#define USER_STACK_BASE 0x01000000u /* stack of thread i at BASE + i * STRIDE */
#define USER_STACK_STRIDE 0x00400000u
#define USER_STACK_SIZE 0x00010000u /* 64 KB each; grows up */
#define USER_MAX_THREADS 8

/* ---- PTE bits: Linux parisc pgtable.h values (reference §5). */
#define _PAGE_READ 0x001
#define _PAGE_WRITE 0x002
#define _PAGE_EXEC 0x004
#define _PAGE_GATEWAY 0x008
#define _PAGE_DIRTY 0x020
#define _PAGE_ACCESSED 0x100
#define _PAGE_PRESENT 0x200
#define _PAGE_USER 0x800
/* pavp's: a page kept under a PROT_NONE mapping. Not present to the TLB-miss
 * handlers (a touch faults and the fault is refused), but the page and its
 * contents stay, as Linux keeps them (its _PAGE_PROTNONE idea). */
#define _PAGE_PROTNONE 0x400
#define _PXD_PRESENT 0x001 /* pgd entry: page-table physical address | this */

/* ---- Trap frame (struct pt_regs in kernel.h), byte offsets. */
#define PT_GR0 0 /* slot of r0: holds the interruption number */
#define PT_GR(n) ((n) * 4)
#define PT_SR(n) (128 + (n) * 4)
#define PT_IASQ0 160
#define PT_IASQ1 164
#define PT_IAOQ0 168
#define PT_IAOQ1 172
#define PT_SAR 176
#define PT_IPSW 180
#define PT_ISR 184
#define PT_IOR 188
#define PT_IIR 192
#define PT_KSP 196  /* kernel stack of the thread that owns the frame */
#define PT_RCTR 200 /* the thread's recovery counter (CR0) */
#define PT_SIZE 204

/* Interruption number the gateway uses for a system call (not a vector). */
#define VEC_SYSCALL 32
/* ... and for a light-weight syscall (gateway offset GATEWAY_LWS). */
#define VEC_LWS 33
/* ... and for set_thread_pointer (gateway offset GATEWAY_SET_THREAD_POINTER). */
#define VEC_SET_TP 34

/* PSW values (reference §1.4). */
#define PSW_Q 0x00000008
#define PSW_R 0x00000010
#define PSW_I 0x00000001
#define PSW_D 0x00000002
#define PSW_C 0x00040000
#define PSW_N 0x00200000
#define KERNEL_PSW PSW_Q /* absolute mode, interruptions collected */
#define USER_PSW (PSW_C | PSW_D | PSW_Q | PSW_I)

#endif /* PAVP_FW_H */
