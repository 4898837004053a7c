/*
 * pavp kernel: boot entry, interruption vectors, the software TLB-miss
 * handlers, the system-call gateway page, the trap save/restore paths and the
 * context switch.
 *
 * The kernel runs in absolute mode (PSW C=D=0, PSW = Q, privilege 0): its
 * "mapping" of physical memory is the identity, which has the cache colour of
 * Linux's linear map (__PAGE_OFFSET 0x10000000 is a multiple of the 4 MB
 * alias boundary, so a linear-map address has the colour of its physical
 * address). User processes run translated at privilege 3.
 *
 * Facts from shared/reference/parisc-isa.md: vectors at IVA + 32n (§4); on an
 * interruption PSW <- 0 and, with Q=1, the shadow registers r1,r8,r9,r16,r17,
 * r24,r25 are saved and RFIR restores them (§1.1, §4); IIA queue writes shift
 * the queue (§1.3); TLB insert formats and Linux's dtlb_miss_11 (§5); the
 * gateway page at offset 0x100 of space 0 (§3, Linux syscall.S).
 *
 * Control registers the kernel keeps: cr24 (tr0) = space id of the current
 * process, cr25 (tr1) = physical address of its pgd (as Linux's cr25),
 * cr30 (tr6) = physical address of the current thread's struct pt_regs,
 * cr28/cr29 (tr4/tr5) = scratch in the trap paths.
 */
#include "pavp_fw.h"

	.level 1.1

/* ---------------------------------------------------------------- boot */
	.section .text.start, "ax"
	.export _start, entry
_start:
	/* qemu-system-hppa -bios: r26 = RAM size (reference §7); pavp: the
	 * boot parameter block gives it. */
	copy	%r26, %r3
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	/* clear .bss */
	ldil	L%__bss_start, %r1
	ldo	R%__bss_start(%r1), %r1
	ldil	L%__bss_end, %r19
	ldo	R%__bss_end(%r19), %r19
bss_loop:
	cmpb,<<=,n %r19, %r1, bss_done
	stw	%r0, 0(%r1)
	b	bss_loop
	ldo	4(%r1), %r1
bss_done:
	ldil	L%boot_stack, %r30
	ldo	R%boot_stack(%r30), %r30
	ldo	128(%r30), %r30		/* the stack grows up; room for a frame marker */
	/* FPU on (CCR = 0xC0, Linux processor.c init_per_cpu); the kernel and
	 * the workload are built with -msoft-float and issue no FP instruction. */
	ldi	0xC0, %r1
	mtctl	%r1, %cr10
	ldil	L%fault_vector, %r1
	ldo	R%fault_vector(%r1), %r1
	mtctl	%r1, %cr14		/* IVA */
	mtctl	%r0, %cr15		/* EIEM = 0: no external interrupts yet */
	bl	start_kernel, %r2
	copy	%r3, %r26
halt_loop:
	b	halt_loop
	nop

/* Powers qemu-system-hppa off (its invented halt word, reference §3). */
	.text
	.export qemu_poweroff, entry
qemu_poweroff:
	.word	0xfffdead0
	b	qemu_poweroff
	nop

/* ------------------------------------------------------------- vectors */
	.macro	full_vector n
	.align	32
	mtctl	%r1, %cr28
	b	intr_save
	ldi	\n, %r1
	.endm

/* Vector n for an interruption that means something only in user mode: from
 * privilege 0 (only possible on the gateway page) it goes to \at_kernel. */
	.macro	user_vector n, at_kernel
	.align	32
	mtctl	%r1, %cr28
	mfctl	%cr18, %r1
	extru	%r1, 31, 2, %r1
	cmpib,=,n 0, %r1, \at_kernel
	b	intr_save
	ldi	\n, %r1
	.endm

	.macro	dtlb_vector n
	.align	32
	mfctl	%cr20, %r24		/* ISR: space */
	ldi	\n, %r25
	b	dtlb_miss
	mfctl	%cr21, %r8		/* IOR: offset */
	.endm

	.align	2048
	.export fault_vector, data
fault_vector:
	.ascii	"pavp vectors"		/* vector 0 is unused (Linux puts a marker there) */
	full_vector 1
	full_vector 2
	user_vector 3, rctr_kernel	/* recovery counter: a preemption point */
	user_vector 4, ext_intr_kernel	/* external interrupt (timer) */
	full_vector 5
	.align	32			/* 6: instruction TLB miss */
	mfctl	%cr17, %r24		/* IIASQ front */
	b	itlb_miss
	mfctl	%cr18, %r8		/* IIAOQ front */
	full_vector 7
	full_vector 8
	full_vector 9
	full_vector 10
	full_vector 11
	full_vector 12
	full_vector 13
	full_vector 14
	dtlb_vector 15			/* data TLB miss */
	full_vector 16
	dtlb_vector 17			/* non-access data TLB miss (fdc, probe...) */
	full_vector 18			/* data memory protection (early 1.1) */
	full_vector 19
	full_vector 20
	full_vector 21
	full_vector 22
	full_vector 23
	full_vector 24
	full_vector 25
	full_vector 26			/* data memory access rights: COW */
	full_vector 27
	full_vector 28
	full_vector 29
	full_vector 30
	full_vector 31

/* ------------------------------------------------------- TLB handlers */

/* Two-level walk of the current process's page table (Linux L2_ptep):
 * va in r8 -> pte in r16; r1, r9 scratch; branches to \fault when absent. */
	.macro	walk_pte fault
	mfctl	%cr25, %r1
	extru	%r8, 9, 10, %r9		/* pgd index = va >> 22 */
	ldwx,s	%r9(%r1), %r1
	bb,>=,n	%r1, 31, \fault		/* _PXD_PRESENT */
	depi	0, 31, 12, %r1
	extru	%r8, 19, 10, %r9	/* pte index = (va >> 12) & 0x3ff */
	ldwx,s	%r9(%r1), %r16
	bb,>=,n	%r16, 22, \fault	/* _PAGE_PRESENT (0x200) */
	nop
	.endm

/* pte in r16 -> protection word in r17 and page register in r16 (the
 * effect of Linux make_insert_tlb_11, written plainly): PL1 = 3 (user may
 * read and execute); a writable page gets type 1 (or 3 with execute),
 * PL2 = 3 and D = 1 (the kernel keeps no dirty-bit accounting, so no
 * dirty-bit traps); access id 0. r9 scratch. */
	.macro	make_prot
	ldil	L%0x00C00000, %r17
	bb,>=	%r16, 30, 1f		/* _PAGE_WRITE (0x002) */
	nop
	ldil	L%0x11300000, %r9	/* D | type 1 | PL2 = 3 */
	or	%r9, %r17, %r17
1:	bb,>=	%r16, 29, 2f		/* _PAGE_EXEC (0x004) */
	nop
	ldil	L%0x02000000, %r9	/* type += 2 (execute) */
	or	%r9, %r17, %r17
2:	depi	0, 31, 12, %r16
	extru	%r16, 24, 25, %r16	/* physical address >> 7 (reference §5) */
	.endm

itlb_miss:				/* r24 = space, r8 = offset */
	cmpib,<>,n 0, %r24, itlb_user
	extru	%r8, 19, 20, %r9	/* space 0: only the gateway page (page 0) */
	cmpib,<>,n 0, %r9, itlb_fault
	ldil	L%gateway_page, %r16
	ldo	R%gateway_page(%r16), %r16
	extru	%r16, 24, 25, %r16
	ldil	L%0x04C00000, %r17	/* gateway type 4 (promote to PL0), PL1 = 3 */
	b	itlb_insert
	nop
itlb_user:
	mfctl	%cr24, %r9		/* only the current process's space */
	cmpb,<>,n %r9, %r24, itlb_fault
	walk_pte itlb_fault
	bb,>=,n	%r16, 29, itlb_fault	/* not executable */
	make_prot
itlb_insert:
	mtsp	%r24, %sr1
	depi	0, 31, 12, %r8
	iitlba	%r16, (%sr1, %r8)
	iitlbp	%r17, (%sr1, %r8)
	rfir
	nop
itlb_fault:
	b	tlb_fault
	ldi	6, %r25

dtlb_miss:				/* r24 = space, r8 = offset, r25 = vector */
	mfctl	%cr24, %r9		/* only the current process's space */
	cmpb,<>,n %r9, %r24, tlb_fault
	walk_pte tlb_fault
	make_prot
	mtsp	%r24, %sr1
	idtlba	%r16, (%sr1, %r8)
	idtlbp	%r17, (%sr1, %r8)
	rfir
	nop

/* A miss the page table cannot satisfy. A non-access miss (17: fdc, pdc,
 * probe on an unmapped page) is nullified, as Linux nadtlb_emulate does.
 * Otherwise the special registers are saved into the current thread's frame,
 * and RFIR (restoring the shadowed registers) continues at tlb_fault_resume
 * in absolute mode, which saves the general registers. */
tlb_fault:
	ldi	17, %r9
	cmpb,=,n %r9, %r25, nadtlb_nullify
	mfctl	%cr18, %r9
	extru	%r9, 31, 2, %r9
	cmpib,=,n 0, %r9, tlb_fault_kernel
	mfctl	%cr30, %r1
	stw	%r25, PT_GR0(%r1)
	mfctl	%cr17, %r9
	stw	%r9, PT_IASQ0(%r1)
	mtctl	%r0, %cr17
	mfctl	%cr17, %r9
	stw	%r9, PT_IASQ1(%r1)
	mfctl	%cr18, %r9
	stw	%r9, PT_IAOQ0(%r1)
	mtctl	%r0, %cr18
	mfctl	%cr18, %r9
	stw	%r9, PT_IAOQ1(%r1)
	mfctl	%cr22, %r9
	stw	%r9, PT_IPSW(%r1)
	mfctl	%cr20, %r9
	stw	%r9, PT_ISR(%r1)
	mfctl	%cr21, %r9
	stw	%r9, PT_IOR(%r1)
	mfctl	%cr19, %r9
	stw	%r9, PT_IIR(%r1)
	ldil	L%tlb_fault_resume, %r8
	ldo	R%tlb_fault_resume(%r8), %r8
	mtctl	%r0, %cr17
	mtctl	%r0, %cr17
	mtctl	%r8, %cr18
	ldo	4(%r8), %r8
	mtctl	%r8, %cr18
	mtctl	%r0, %cr22		/* PSW 0: absolute, Q = 0 */
	rfir
	nop
#ifdef PAVP_LINUX_PERSONALITY
/* A fault in kernel mode, from tlb_fault or intr_save_kernel: r25 = vector;
 * r1, r9, r16 and r25 are shadowed. */
tlb_fault_kernel:
	mfctl	%cr18, %r9
	ldil	L%uaccess_start, %r16
	ldo	R%uaccess_start(%r16), %r16
	cmpb,<<,n %r9, %r16, 1f
	ldil	L%uaccess_end, %r16
	ldo	R%uaccess_end(%r16), %r16
	cmpb,<<=,n %r16, %r9, 1f
/* A fault at one of the user-access instructions (uaccess_start..end) in
 * kernel mode: resume at uaccess_fault, which returns 1 to the caller, who
 * serves the fault as the user's own access would (linux_mm.c) and tries
 * again -- Linux's exception-table fixup. The access went through the TLB,
 * so a stale writable entry lets a store through as it would a user's. */
	ldil	L%uaccess_fault, %r16
	ldo	R%uaccess_fault(%r16), %r16
	mtctl	%r0, %cr17
	mtctl	%r0, %cr17
	mtctl	%r16, %cr18
	ldo	4(%r16), %r16
	mtctl	%r16, %cr18
	rfir
	nop
1:	b	intr_from_kernel		/* anything else: a panic */
	copy	%r25, %r1
#else
tlb_fault_kernel:
	b	intr_from_kernel
	copy	%r25, %r1
#endif
nadtlb_nullify:
	mfctl	%cr22, %r9
	depi	1, 10, 1, %r9		/* IPSW.N: skip the instruction */
	mtctl	%r9, %cr22
	rfir
	nop

/* An external interrupt at privilege 0 can only hit the gateway page
 * between `gate` and its `rsm PSW_I`: return with IPSW.I clear, so the
 * interrupt stays pending in EIRR until the return to user mode. */
ext_intr_kernel:
	mfctl	%cr22, %r1
	depi	0, 31, 1, %r1
	mtctl	%r1, %cr22
	rfir
	nop

/* The recovery counter can run out at privilege 0 only on the gateway page,
 * between `gate` and its `rsm PSW_R`: return with IPSW.R clear. CR0 stays
 * negative, is saved with the caller's registers, and the preemption point
 * is taken at the first user instruction after the system call. */
rctr_kernel:
	mfctl	%cr22, %r1
	depi	0, 27, 1, %r1
	mtctl	%r1, %cr22
	rfir
	nop

/* ------------------------------------------------- trap save / restore */

/* From a full vector: r1 = vector number, cr28 = the interrupted r1. */
intr_save:
	mtctl	%r29, %cr29
	mfctl	%cr18, %r29
	extru	%r29, 31, 2, %r29
#ifdef PAVP_LINUX_PERSONALITY
	cmpib,=,n 0, %r29, intr_save_kernel
#else
	cmpib,=,n 0, %r29, intr_from_kernel
#endif
	mfctl	%cr30, %r29
	stw	%r1, PT_GR0(%r29)
	mfctl	%cr17, %r1
	stw	%r1, PT_IASQ0(%r29)
	mtctl	%r0, %cr17
	mfctl	%cr17, %r1
	stw	%r1, PT_IASQ1(%r29)
	mfctl	%cr18, %r1
	stw	%r1, PT_IAOQ0(%r29)
	mtctl	%r0, %cr18
	mfctl	%cr18, %r1
	stw	%r1, PT_IAOQ1(%r29)
	mfctl	%cr22, %r1
	stw	%r1, PT_IPSW(%r29)
	mfctl	%cr20, %r1
	stw	%r1, PT_ISR(%r29)
	mfctl	%cr21, %r1
	stw	%r1, PT_IOR(%r29)
	mfctl	%cr19, %r1
	b	intr_save_common
	stw	%r1, PT_IIR(%r29)

#ifdef PAVP_LINUX_PERSONALITY
/* An interruption in kernel mode: r1 = vector, cr28 = r1, cr29 = r29. With
 * r29 back, it takes tlb_fault_kernel's test (vector in r25): r1 and r25 are
 * among the shadowed registers, which the fixup's rfir restores. */
intr_save_kernel:
	mfctl	%cr29, %r29
	b	tlb_fault_kernel
	copy	%r1, %r25
#endif

/* From the gateway page (absolute mode, Q = 0): cr28 = the caller's r1. The
 * return point (r31, sr0) is filled in by do_syscall. */
	.macro	trampoline name, vec
\name:
	mtctl	%r29, %cr29
	mfctl	%cr30, %r29
	ldi	\vec, %r1
	b	intr_save_common
	stw	%r1, PT_GR0(%r29)
	.endm
#ifdef PAVP_LINUX_PERSONALITY
	trampoline lws_trampoline, VEC_LWS
	trampoline settp_trampoline, VEC_SET_TP
#endif
	trampoline syscall_trampoline, VEC_SYSCALL

/* From tlb_fault: every general register holds the user's value again. */
tlb_fault_resume:
	mtctl	%r1, %cr28
	mtctl	%r29, %cr29
	b	intr_save_common
	mfctl	%cr30, %r29

intr_save_common:			/* r29 = frame, cr28 = r1, cr29 = r29 */
	mfctl	%cr28, %r1
	stw	%r1, PT_GR(1)(%r29)
	stw	%r2, PT_GR(2)(%r29)
	stw	%r3, PT_GR(3)(%r29)
	stw	%r4, PT_GR(4)(%r29)
	stw	%r5, PT_GR(5)(%r29)
	stw	%r6, PT_GR(6)(%r29)
	stw	%r7, PT_GR(7)(%r29)
	stw	%r8, PT_GR(8)(%r29)
	stw	%r9, PT_GR(9)(%r29)
	stw	%r10, PT_GR(10)(%r29)
	stw	%r11, PT_GR(11)(%r29)
	stw	%r12, PT_GR(12)(%r29)
	stw	%r13, PT_GR(13)(%r29)
	stw	%r14, PT_GR(14)(%r29)
	stw	%r15, PT_GR(15)(%r29)
	stw	%r16, PT_GR(16)(%r29)
	stw	%r17, PT_GR(17)(%r29)
	stw	%r18, PT_GR(18)(%r29)
	stw	%r19, PT_GR(19)(%r29)
	stw	%r20, PT_GR(20)(%r29)
	stw	%r21, PT_GR(21)(%r29)
	stw	%r22, PT_GR(22)(%r29)
	stw	%r23, PT_GR(23)(%r29)
	stw	%r24, PT_GR(24)(%r29)
	stw	%r25, PT_GR(25)(%r29)
	stw	%r26, PT_GR(26)(%r29)
	stw	%r27, PT_GR(27)(%r29)
	stw	%r28, PT_GR(28)(%r29)
	mfctl	%cr29, %r1
	stw	%r1, PT_GR(29)(%r29)
	stw	%r30, PT_GR(30)(%r29)
	stw	%r31, PT_GR(31)(%r29)
	mfsp	%sr0, %r1
	stw	%r1, PT_SR(0)(%r29)
	mfsp	%sr1, %r1
	stw	%r1, PT_SR(1)(%r29)
	mfsp	%sr2, %r1
	stw	%r1, PT_SR(2)(%r29)
	mfsp	%sr3, %r1
	stw	%r1, PT_SR(3)(%r29)
	mfsp	%sr4, %r1
	stw	%r1, PT_SR(4)(%r29)
	mfsp	%sr5, %r1
	stw	%r1, PT_SR(5)(%r29)
	mfsp	%sr6, %r1
	stw	%r1, PT_SR(6)(%r29)
	mfsp	%sr7, %r1
	stw	%r1, PT_SR(7)(%r29)
	mfctl	%cr11, %r1
	stw	%r1, PT_SAR(%r29)
	mfctl	%cr0, %r1
	stw	%r1, PT_RCTR(%r29)
	ldw	PT_KSP(%r29), %r30
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	/* Into KERNEL_PSW (Q on) through RFI, Linux's idiom (reference §4). */
	ldil	L%intr_call, %r1
	ldo	R%intr_call(%r1), %r1
	mtctl	%r0, %cr17
	mtctl	%r0, %cr17
	mtctl	%r1, %cr18
	ldo	4(%r1), %r1
	mtctl	%r1, %cr18
	ldi	KERNEL_PSW, %r1
	mtctl	%r1, %cr22
	rfi
	nop
intr_call:
	bl	do_trap, %r2
	copy	%r29, %r26
	/* fall through */

	.export intr_return, entry
intr_return:				/* back to user mode with cr30's frame */
	rsm	PSW_Q, %r0
	mfctl	%cr30, %r29
	ldw	PT_SAR(%r29), %r1
	mtctl	%r1, %cr11
	ldw	PT_RCTR(%r29), %r1
	mtctl	%r1, %cr0
	ldw	PT_SR(0)(%r29), %r1
	mtsp	%r1, %sr0
	ldw	PT_SR(1)(%r29), %r1
	mtsp	%r1, %sr1
	ldw	PT_SR(2)(%r29), %r1
	mtsp	%r1, %sr2
	ldw	PT_SR(3)(%r29), %r1
	mtsp	%r1, %sr3
	ldw	PT_SR(4)(%r29), %r1
	mtsp	%r1, %sr4
	ldw	PT_SR(5)(%r29), %r1
	mtsp	%r1, %sr5
	ldw	PT_SR(6)(%r29), %r1
	mtsp	%r1, %sr6
	ldw	PT_SR(7)(%r29), %r1
	mtsp	%r1, %sr7
	ldw	PT_IPSW(%r29), %r1
	mtctl	%r1, %cr22
	ldw	PT_IASQ0(%r29), %r1
	mtctl	%r1, %cr17
	ldw	PT_IASQ1(%r29), %r1
	mtctl	%r1, %cr17
	ldw	PT_IAOQ0(%r29), %r1
	mtctl	%r1, %cr18
	ldw	PT_IAOQ1(%r29), %r1
	mtctl	%r1, %cr18
	ldw	PT_GR(1)(%r29), %r1
	ldw	PT_GR(2)(%r29), %r2
	ldw	PT_GR(3)(%r29), %r3
	ldw	PT_GR(4)(%r29), %r4
	ldw	PT_GR(5)(%r29), %r5
	ldw	PT_GR(6)(%r29), %r6
	ldw	PT_GR(7)(%r29), %r7
	ldw	PT_GR(8)(%r29), %r8
	ldw	PT_GR(9)(%r29), %r9
	ldw	PT_GR(10)(%r29), %r10
	ldw	PT_GR(11)(%r29), %r11
	ldw	PT_GR(12)(%r29), %r12
	ldw	PT_GR(13)(%r29), %r13
	ldw	PT_GR(14)(%r29), %r14
	ldw	PT_GR(15)(%r29), %r15
	ldw	PT_GR(16)(%r29), %r16
	ldw	PT_GR(17)(%r29), %r17
	ldw	PT_GR(18)(%r29), %r18
	ldw	PT_GR(19)(%r29), %r19
	ldw	PT_GR(20)(%r29), %r20
	ldw	PT_GR(21)(%r29), %r21
	ldw	PT_GR(22)(%r29), %r22
	ldw	PT_GR(23)(%r29), %r23
	ldw	PT_GR(24)(%r29), %r24
	ldw	PT_GR(25)(%r29), %r25
	ldw	PT_GR(26)(%r29), %r26
	ldw	PT_GR(27)(%r29), %r27
	ldw	PT_GR(28)(%r29), %r28
	ldw	PT_GR(30)(%r29), %r30
	ldw	PT_GR(31)(%r29), %r31
	ldw	PT_GR(29)(%r29), %r29
	rfi
	nop

/* An interruption the kernel does not expect in kernel mode: r1 = vector.
 * Runs kernel_trap (C) on its own stack; it does not return. */
intr_from_kernel:
	copy	%r1, %r26
	ldil	L%panic_stack, %r30
	ldo	R%panic_stack(%r30), %r30
	ldo	128(%r30), %r30
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	mfctl	%cr18, %r25
	mfctl	%cr21, %r24
	bl	kernel_trap, %r2
	mfctl	%cr19, %r23
	b	halt_loop
	nop

/* ------------------------------------------------------ context switch */

/* switch_to_asm(prev_ctx, next_ctx): saves the callee-saved registers, rp,
 * sp and dp of the running kernel thread and resumes the next one
 * (Linux's _switch_to keeps the same split). */
	.export switch_to_asm, entry
switch_to_asm:
	stw	%r3, 0(%r26)
	stw	%r4, 4(%r26)
	stw	%r5, 8(%r26)
	stw	%r6, 12(%r26)
	stw	%r7, 16(%r26)
	stw	%r8, 20(%r26)
	stw	%r9, 24(%r26)
	stw	%r10, 28(%r26)
	stw	%r11, 32(%r26)
	stw	%r12, 36(%r26)
	stw	%r13, 40(%r26)
	stw	%r14, 44(%r26)
	stw	%r15, 48(%r26)
	stw	%r16, 52(%r26)
	stw	%r17, 56(%r26)
	stw	%r18, 60(%r26)
	stw	%r2, 64(%r26)
	stw	%r30, 68(%r26)
	stw	%r27, 72(%r26)
	ldw	0(%r25), %r3
	ldw	4(%r25), %r4
	ldw	8(%r25), %r5
	ldw	12(%r25), %r6
	ldw	16(%r25), %r7
	ldw	20(%r25), %r8
	ldw	24(%r25), %r9
	ldw	28(%r25), %r10
	ldw	32(%r25), %r11
	ldw	36(%r25), %r12
	ldw	40(%r25), %r13
	ldw	44(%r25), %r14
	ldw	48(%r25), %r15
	ldw	52(%r25), %r16
	ldw	56(%r25), %r17
	ldw	60(%r25), %r18
	ldw	64(%r25), %r2
	ldw	68(%r25), %r30
	bv	%r0(%r2)
	ldw	72(%r25), %r27

/* A new thread's first kernel context returns here: straight to user mode
 * through its frame (Linux's ret_from_fork without the bookkeeping). */
	.export ret_from_fork, entry
ret_from_fork:
	b	intr_return
	nop

#ifdef PAVP_LINUX_PERSONALITY
/* The Linux personality's first kernel context of a new thread: Linux's
 * schedule_tail (CLONE_CHILD_SETTID, linux.c) in the child's own context,
 * then user mode. */
	.export ret_from_fork_linux, entry
ret_from_fork_linux:
	bl	linux_schedule_tail, %r2
	nop
	b	intr_return
	nop

/* Floating-point registers of a thread (Linux save_fp / rest_fp): fr0-fr31,
 * 64-bit each, fr0 holding the status register. The kernel itself is built
 * -msoft-float, so the user's values stay live across a kernel entry and
 * the switch of threads saves and restores them. */
	.export save_fp, entry
save_fp:				/* (u32 area[64]) */
	fstd,ma	%fr0, 8(%r26)
	fstd,ma	%fr1, 8(%r26)
	fstd,ma	%fr2, 8(%r26)
	fstd,ma	%fr3, 8(%r26)
	fstd,ma	%fr4, 8(%r26)
	fstd,ma	%fr5, 8(%r26)
	fstd,ma	%fr6, 8(%r26)
	fstd,ma	%fr7, 8(%r26)
	fstd,ma	%fr8, 8(%r26)
	fstd,ma	%fr9, 8(%r26)
	fstd,ma	%fr10, 8(%r26)
	fstd,ma	%fr11, 8(%r26)
	fstd,ma	%fr12, 8(%r26)
	fstd,ma	%fr13, 8(%r26)
	fstd,ma	%fr14, 8(%r26)
	fstd,ma	%fr15, 8(%r26)
	fstd,ma	%fr16, 8(%r26)
	fstd,ma	%fr17, 8(%r26)
	fstd,ma	%fr18, 8(%r26)
	fstd,ma	%fr19, 8(%r26)
	fstd,ma	%fr20, 8(%r26)
	fstd,ma	%fr21, 8(%r26)
	fstd,ma	%fr22, 8(%r26)
	fstd,ma	%fr23, 8(%r26)
	fstd,ma	%fr24, 8(%r26)
	fstd,ma	%fr25, 8(%r26)
	fstd,ma	%fr26, 8(%r26)
	fstd,ma	%fr27, 8(%r26)
	fstd,ma	%fr28, 8(%r26)
	fstd,ma	%fr29, 8(%r26)
	fstd,ma	%fr30, 8(%r26)
	bv	%r0(%r2)
	fstd,ma	%fr31, 8(%r26)

	.export restore_fp, entry
restore_fp:				/* (const u32 area[64]); fr0 last */
	ldo	8(%r26), %r26
	fldd,ma	8(%r26), %fr1
	fldd,ma	8(%r26), %fr2
	fldd,ma	8(%r26), %fr3
	fldd,ma	8(%r26), %fr4
	fldd,ma	8(%r26), %fr5
	fldd,ma	8(%r26), %fr6
	fldd,ma	8(%r26), %fr7
	fldd,ma	8(%r26), %fr8
	fldd,ma	8(%r26), %fr9
	fldd,ma	8(%r26), %fr10
	fldd,ma	8(%r26), %fr11
	fldd,ma	8(%r26), %fr12
	fldd,ma	8(%r26), %fr13
	fldd,ma	8(%r26), %fr14
	fldd,ma	8(%r26), %fr15
	fldd,ma	8(%r26), %fr16
	fldd,ma	8(%r26), %fr17
	fldd,ma	8(%r26), %fr18
	fldd,ma	8(%r26), %fr19
	fldd,ma	8(%r26), %fr20
	fldd,ma	8(%r26), %fr21
	fldd,ma	8(%r26), %fr22
	fldd,ma	8(%r26), %fr23
	fldd,ma	8(%r26), %fr24
	fldd,ma	8(%r26), %fr25
	fldd,ma	8(%r26), %fr26
	fldd,ma	8(%r26), %fr27
	fldd,ma	8(%r26), %fr28
	fldd,ma	8(%r26), %fr29
	fldd,ma	8(%r26), %fr30
	fldd	0(%r26), %fr31
	ldo	-248(%r26), %r26
	bv	%r0(%r2)
	fldd	0(%r26), %fr0

	.export get_thread_pointer, entry
get_thread_pointer:			/* () -> cr27 */
	bv	%r0(%r2)
	mfctl	%cr27, %r28

	.export set_thread_pointer, entry
set_thread_pointer:			/* (tp) */
	bv	%r0(%r2)
	mtctl	%r26, %cr27

#endif
/* ------------------------------------------- kernel access to user space
 * The kernel reaches a user address through the user's own translation
 * (space in sr3, as Linux keeps it), with data translation turned on for the
 * one access: same cache colour as the user. A miss is served by dtlb_miss
 * from cr25. */
	.export get_user_u8, entry
get_user_u8:				/* (uaddr) -> byte */
	ssm	PSW_D, %r0
	ldb	0(%sr3, %r26), %r28
	rsm	PSW_D, %r0
	bv	%r0(%r2)
	nop

	.export put_user_u32, entry
put_user_u32:				/* (uaddr, value); the page must be writable */
	ssm	PSW_D, %r0
	stw	%r25, 0(%sr3, %r26)
	rsm	PSW_D, %r0
	bv	%r0(%r2)
	nop

#ifdef PAVP_LINUX_PERSONALITY
/* The Linux personality's user accesses: one load or store through the
 * user's translation (sr3, data translation on for the one instruction).
 * Each returns 0, or 1 when the access faulted (tlb_fault_kernel fixes it up): absent
 * page, write to a read-only page, no translation. */
	.export uaccess_start, entry
uaccess_start:
/* uaccess_load NAME, INSN: NAME(uaddr, T *out) loads with INSN (ldw/ldb);
 * uaccess_store NAME, INSN: NAME(uaddr, value) stores with INSN (stw/stb). */
	.macro	uaccess_load name, load, store
	.export	\name, entry
\name:
	ssm	PSW_D, %r0
	\load	0(%sr3, %r26), %r1
	rsm	PSW_D, %r0
	\store	%r1, 0(%r25)
	bv	%r0(%r2)
	ldi	0, %r28
	.endm
	.macro	uaccess_store name, store
	.export	\name, entry
\name:
	ssm	PSW_D, %r0
	\store	%r25, 0(%sr3, %r26)
	rsm	PSW_D, %r0
	bv	%r0(%r2)
	ldi	0, %r28
	.endm
	uaccess_load uaccess_load_u32, ldw, stw
	uaccess_store uaccess_store_u32, stw
	uaccess_load uaccess_load_u8, ldb, stb
	uaccess_store uaccess_store_u8, stb
	.export uaccess_end, entry
uaccess_end:
uaccess_fault:
	rsm	PSW_D, %r0
	bv	%r0(%r2)
	ldi	1, %r28

#endif
	.export set_user_context, entry
set_user_context:			/* (sid, pgd physical address) */
	mtctl	%r26, %cr24
	mtsp	%r26, %sr3
	bv	%r0(%r2)
	mtctl	%r25, %cr25

	.export set_current_frame, entry
set_current_frame:			/* (struct pt_regs *) */
	bv	%r0(%r2)
	mtctl	%r26, %cr30

/* ------------------------------------------------------ gateway page
 * Mapped at space 0, offset 0 for every process by itlb_miss, type 4
 * (gateway to privilege 0), PL1 = 3. User code calls
 * `ble 0x100(%sr2,%r0)` with sr2 = 0 (reference §3; Linux syscall.S). */
	.section .gateway, "ax"
	.align	4096
	.export gateway_page, entry
gateway_page:
#ifdef PAVP_LINUX_PERSONALITY
	.rept	44
	break	0, 0
	.endr
	.org	gateway_page + GATEWAY_LWS
/* Light-weight syscalls (Linux lws_entry): into the kernel as a system call
 * is, with VEC_LWS; linux.c does the compare and swap through the MMU. */
	gate	lws_entry, %r0
	nop
	.rept	10
	break	0, 0
	.endr
	.org	gateway_page + GATEWAY_SET_THREAD_POINTER
/* set_thread_pointer (Linux syscall.S: cr27 = r26): through the kernel
 * (VEC_SET_TP) rather than Linux's four instructions at privilege 0 with
 * interrupts on, because this kernel holds off an interrupt taken on the
 * gateway page until the next rfi to user mode, and a `be` back to the
 * caller would leave it off (ext_intr_kernel). */
	gate	settp_entry, %r0
	nop
	.rept	6
	break	0, 0
	.endr
#else
	.rept	64
	break	0, 0
	.endr
#endif
	.org	gateway_page + 0x100
gateway_entry:
	gate	.+8, %r0		/* become privileged */
	nop
	rsm	PSW_I | PSW_R, %r0	/* no interrupts, no instruction count in the kernel */
	mtctl	%r1, %cr28
	rsm	PSW_Q, %r0
	ldil	L%syscall_trampoline, %r1
	ldo	R%syscall_trampoline(%r1), %r1
gateway_to_kernel:			/* r1 = the kernel's trampoline */
	mtctl	%r0, %cr17
	mtctl	%r0, %cr17
	mtctl	%r1, %cr18
	ldo	4(%r1), %r1
	mtctl	%r1, %cr18
	mtctl	%r0, %cr22		/* absolute mode, Q = 0 */
	rfi
	nop
#ifdef PAVP_LINUX_PERSONALITY
settp_entry:
	rsm	PSW_I | PSW_R, %r0
	mtctl	%r1, %cr28
	rsm	PSW_Q, %r0
	ldil	L%settp_trampoline, %r1
	b	gateway_to_kernel
	ldo	R%settp_trampoline(%r1), %r1
lws_entry:
	rsm	PSW_I | PSW_R, %r0
	mtctl	%r1, %cr28
	rsm	PSW_Q, %r0
	ldil	L%lws_trampoline, %r1
	b	gateway_to_kernel
	ldo	R%lws_trampoline(%r1), %r1
#endif
	.align	4096
