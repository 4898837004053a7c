// libgcc's millicode ($$divU, $$divI, $$remU, $$remI, $$mulI: DS steps, BLR
// tables, SHnADD, MOVB) called over a table of operand pairs. Results are
// hashed into r3 (divU), r4 (divI), r5 (remU), r6 (remI), r7 (mulI).
#include "common.inc"
	.import $$divU,millicode
	.import $$divI,millicode
	.import $$remU,millicode
	.import $$remI,millicode
	.import $$mulI,millicode

	.macro CALL fn, h
	ldw 0(%r8),%r26
	ldw 4(%r8),%r25
	bl \fn,%r31
	nop
	HASH \h,%r29
	.endm

	.text
	.globl _start
_start:
	ZERO_REGS
	LI %r8,pairs
	LI %r9,pairs_end
1:	CALL $$divU,%r3
	CALL $$divI,%r4
	CALL $$remU,%r5
	CALL $$remI,%r6
	CALL $$mulI,%r7
	ldo 8(%r8),%r8
	comb,<> %r8,%r9,1b
	nop
	break 0,0

	.data
	.align 4
pairs:
	.word 100, 7
	.word 7, 100
	.word 0, 1
	.word 1, 1
	.word -1, 1
	.word -1, 2
	.word -1, -1
	.word 0x80000000, -1
	.word 0x80000000, 1
	.word 0x80000000, 3
	.word 123456789, 10
	.word 123456789, 3
	.word 123456789, 5
	.word 123456789, 9
	.word 123456789, 15
	.word 123456789, 16
	.word 123456789, 17
	.word -123456789, 10
	.word -123456789, -7
	.word 0x7fffffff, 0x7fffffff
	.word 0xfffffffe, 0xffffffff
	.word 65535, 65535
	.word 1000000, 999
	.word 12, 13
	.word 0xdeadbeef, 0x10001
	.word 0x12345678, 0x00ff00ff
pairs_end:
