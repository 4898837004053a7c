// Branches: every compare/add/move-and-branch condition, forward and backward,
// with and without ,N; BL, BLR, BV, BE, BLE with delay slots; a branch in a
// delay slot; nullified branches; counted loops.
#include "common.inc"

	// Forward conditional branch "insn 1f" on r3, r4.
	.macro TBF insn, a, b
	LI %r3,\a
	LI %r4,\b
	ldi 0,%r6
	ldi 0,%r9
	\insn 1f
	ldi 1,%r6
	ldi 2,%r9
1:	HASH %r21,%r6
	HASH %r21,%r9
	HASH %r22,%r3
	HASH %r22,%r4
	.endm

	// Backward conditional branch.
	.macro TBB insn, a, b
	LI %r3,\a
	LI %r4,\b
	ldi 0,%r6
	ldi 0,%r9
	b 2f
	nop
1:	ldi 3,%r9
	b 3f
	nop
2:	\insn 1b
	ldi 1,%r6
	ldi 2,%r9
3:	HASH %r21,%r6
	HASH %r21,%r9
	HASH %r22,%r3
	HASH %r22,%r4
	.endm

	.macro TB insn, a, b
	TBF "\insn", \a, \b
	TBB "\insn", \a, \b
	.endm

	.macro TBPAIRS insn
	TB "\insn", 0, 0
	TB "\insn", 1, 2
	TB "\insn", 2, 1
	TB "\insn", -1, 1
	TB "\insn", 0x7fffffff, 1
	TB "\insn", 0x80000000, -1
	.endm

	.text
	.globl _start
_start:
	ZERO_REGS
	.irp c,=,<,<=,<<,<<=,sv,od,<>,>=,>,>>=,>>,nsv,ev
	TBPAIRS "comb,\c %r3,%r4,"
	TBPAIRS "comb,\c,n %r3,%r4,"
	TBPAIRS "comib,\c 5,%r4,"
	TBPAIRS "comib,\c,n -16,%r4,"
	.endr
	.irp c,=,<,<=,nuv,znv,sv,od,<>,>=,>,uv,vnz,nsv,ev
	TBPAIRS "addb,\c %r3,%r4,"
	TBPAIRS "addb,\c,n %r3,%r4,"
	TBPAIRS "addib,\c -1,%r4,"
	TBPAIRS "addib,\c,n 15,%r4,"
	.endr
	.irp c,=,<,od,tr,<>,>=,ev
	TBPAIRS "movb,\c %r3,%r4,"
	TBPAIRS "movb,\c,n %r3,%r4,"
	TBPAIRS "movib,\c -7,%r4,"
	TBPAIRS "movib,\c,n 0,%r4,"
	.endr
	.irp p,0,1,15,31
	TBPAIRS "bb,< %r3,\p,"
	TBPAIRS "bb,>=,n %r3,\p,"
	.endr
	.irp s,0,1,31
	ldi \s,%r5
	mtsar %r5
	TBPAIRS "bvb,< %r3,"
	TBPAIRS "bvb,>=,n %r3,"
	.endr

	// Counted loop: sum 1..100 with ADDIB and a useful delay slot.
	ldi 100,%r5
	ldi 0,%r10
4:	addib,> -1,%r5,4b
	add %r10,%r5,%r10
	// Backward ,N loop: the delay slot runs only when the branch is taken.
	ldi 10,%r5
	ldi 0,%r11
	ldi 0,%r12
5:	addi 1,%r12,%r12
	addib,>,n -1,%r5,5b
	addi 1,%r11,%r11

	// BL and BV: call and return.
	ldi 0,%r13
	bl func,%r2
	ldi 5,%r13
	copy %r2,%r14
	// BL,N: the delay slot is skipped.
	ldi 0,%r15
	bl,n func2,%r2
	ldi 99,%r15
	copy %r2,%r16

	// BLR jump table of two-instruction entries.
	ldi 2,%r5
	blr %r5,%r17
	nop
	b 6f
	ldi 10,%r18
	b 6f
	ldi 11,%r18
	b 6f
	ldi 12,%r18
	b 6f
	ldi 13,%r18
6:
	// BV with an index: target = base + (x << 3)
	LI %r7,table
	ldi 3,%r5
	bv %r5(%r7)
	nop
7:
	// BLE and BE through sr4
	LI %r7,far
	ble 0(%sr4,%r7)
	ldi 1,%r20
	copy %r31,%r24

	// A branch in a delay slot: one instruction at the BV target, then the
	// target of the second branch.
	LI %r7,dtarget
	ldi 0,%r25
	ldi 0,%r26
	bv %r0(%r7)
	b 8f
	nop
	ldi 66,%r26
dtarget:
	ldi 1,%r25
	ldi 2,%r26
	ldi 3,%r26
8:
	// A nullified branch does not branch.
	ldi 0,%r27
	add,tr %r0,%r0,%r0
	b 9f
	ldi 1,%r27
9:	ldi 0,%r28
	or,<> %r0,%r0,%r0
	b,n 10f
	ldi 1,%r28
10:	break 0,0

func:
	bv %r0(%r2)
	addi 1,%r13,%r13
func2:
	bv,n %r0(%r2)
	ldi 55,%r15

	.align 8
table:
	b 7b
	ldi 20,%r19
	b 7b
	ldi 21,%r19
	b 7b
	ldi 22,%r19
	b 7b
	ldi 23,%r19

far:
	ldi 2,%r29
	be 0(%sr4,%r31)
	ldi 3,%r30
