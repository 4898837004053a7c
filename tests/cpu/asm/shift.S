// Shift, extract and deposit instructions, fixed and SAR-based, with every
// shift/extract condition. Hashes: r21 nullification, r22 results.
#include "common.inc"

	// "insn" operates on r3 (and r4 for shd) into r7; r7 starts as r5 so
	// that merging deposits are visible.
	.macro TS insn, src
	LI %r3,\src
	LI %r4,0x5a5a0ff0
	LI %r7,0xdeadbeef
	ldi 0,%r6
	\insn
	ldi 1,%r6
	HASH %r21,%r6
	HASH %r22,%r7
	.endm

	.macro TSV insn, src
	TS "\insn", \src
	TS "\insn", 0x80000001
	TS "\insn", 0
	TS "\insn", -1
	TS "\insn", 0x12345678
	TS "\insn", 0x00008000
	.endm

	.text
	.globl _start
_start:
	ZERO_REGS
	.irp c,=,<,od,tr,<>,>=,ev
	// fixed position / length
	.irp pl,"31,1","31,8","31,32","15,16","0,1","7,8","23,5","30,3","20,21"
	TSV "extru,\c %r3,\pl,%r7", 0x87654321
	TSV "extrs,\c %r3,\pl,%r7", 0x87654321
	TSV "zdep,\c %r3,\pl,%r7", 0x87654321
	TSV "dep,\c %r3,\pl,%r7", 0x87654321
	TSV "zdepi,\c -3,\pl,%r7", 0
	TSV "depi,\c 5,\pl,%r7", 0
	.endr
	.irp sa,0,1,4,16,31
	TSV "shd,\c %r3,%r4,\sa,%r7", 0x87654321
	TSV "shd,\c %r4,%r3,\sa,%r7", 0x87654321
	.endr
	// SAR forms
	.irp sar,0,1,7,16,31
	ldi \sar,%r8
	mtsar %r8
	.irp len,1,5,16,32
	TSV "vextru,\c %r3,\len,%r7", 0x87654321
	TSV "vextrs,\c %r3,\len,%r7", 0x87654321
	TSV "zvdep,\c %r3,\len,%r7", 0x87654321
	TSV "vdep,\c %r3,\len,%r7", 0x87654321
	TSV "zvdepi,\c 7,\len,%r7", 0
	TSV "vdepi,\c -8,\len,%r7", 0
	.endr
	TSV "vshd,\c %r3,%r4,%r7", 0x87654321
	TSV "vshd,\c %r0,%r3,%r7", 0x87654321
	TSV "vshd,\c %r3,%r3,%r7", 0x87654321
	.endr
	.endr
	// Unconditional forms and the gcc idioms
	LI %r3,0x87654321
	extru %r3,31,8,%r10
	extrs %r3,3,4,%r11
	zdep %r3,23,8,%r12
	ldi 31-5,%r8
	mtsar %r8
	zvdep %r3,32,%r13
	vextrs %r3,32,%r14
	ldi 5,%r8
	mtsar %r8
	vshd %r0,%r3,%r15
	vshd %r3,%r3,%r16
	mfctl %sar,%r17
	break 0,0
