/*
 * pavp workload: start-up and the system-call stubs that need assembly.
 * Syscalls: `ble 0x100(%sr2,%r0)`, number in r20 (set in the delay slot),
 * as Linux parisc (reference parisc-isa.md §3).
 */
#include "pavp_fw.h"

	.level 1.1
	.section .text.start, "ax"
	.export _start, entry
_start:					/* sp and r26 (thread count) from the kernel */
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	bl	workload_main, %r2
	nop
	copy	%r28, %r26
	ble	0x100(%sr2, %r0)
	ldi	NR_exit, %r20
	b	.
	nop

/* long thread_create(fn, arg, sp): clone(CLONE_VM, sp); the child calls
 * fn(arg) on the new stack and exits with its result. fn and arg travel
 * just below the new stack pointer (the stack grows up). */
	.text
	.export thread_create, entry
thread_create:
	stw	%r26, -8(%r24)
	stw	%r25, -4(%r24)
	copy	%r24, %r25
	ldi	CLONE_VM, %r26
	ble	0x100(%sr2, %r0)
	ldi	NR_clone, %r20
	cmpib,<>,n 0, %r28, 1f
	ldw	-8(%r30), %r22
	ldw	-4(%r30), %r26
	ble	0(%sr4, %r22)		/* as gcc's $$dyncall: link in r31 */
	copy	%r31, %r2
	copy	%r28, %r26
	ble	0x100(%sr2, %r0)
	ldi	NR_exit, %r20
	b	.
	nop
1:	bv	%r0(%r2)
	nop
