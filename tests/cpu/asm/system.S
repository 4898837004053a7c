// Space and control register moves, LDSID, decimal correction: instructions
// whose user-mode QEMU behaviour differs from the architecture (spaces are 0
// there), so the test checks them by hand.
#include "common.inc"
	.text
	.globl _start
_start:
	ZERO_REGS
	// MTSP/MFSP sr0..sr4 (unprivileged)
	ldi 11,%r3
	mtsp %r3,%sr1
	ldi 12,%r3
	mtsp %r3,%sr3
	LI %r3,0x4444
	mtsp %r3,%sr4
	mfsp %sr1,%r4
	mfsp %sr3,%r5
	// LDSID: explicit space, then implicit from the base's top bits
	ldsid (%sr3,%r0),%r6
	ldsid (%r0),%r7
	// MTSAR / MFCTL SAR, CR16 (interval timer) twice
	ldi 45,%r3
	mtsar %r3
	mfctl %sar,%r8
	mfctl %cr16,%r9
	nop
	nop
	mfctl %cr16,%r10
	// BCD add 19 + 01 and 99999999 + 1 with DCOR; IDCOR after a plain add
	LI %r11,0x66666666
	ldi 0x19,%r3
	add %r3,%r11,%r12
	ldi 0x01,%r3
	add %r12,%r3,%r12
	dcor %r12,%r12
	LI %r3,0x99999999
	add %r3,%r11,%r13
	ldi 1,%r3
	add %r13,%r3,%r13
	dcor %r13,%r14
	addc %r0,%r0,%r15
	ldi 0x28,%r3
	ldi 0x39,%r16
	add %r3,%r16,%r16
	idcor %r16,%r17
	break 0,0

	.globl priv0
priv0:
	// Privileged moves at privilege 0: the interruption queue shifts.
	ldi 0x100,%r3
	mtctl %r3,%cr18
	ldi 0x104,%r3
	mtctl %r3,%cr18
	mfctl %cr18,%r18
	LI %r3,0x80000001
	mtctl %r3,%cr23
	mfctl %cr23,%r19
	ldi 7,%r3
	mtsp %r3,%sr7
	mfsp %sr7,%r20
	ldi 99,%r3
	mtctl %r3,%cr27
	mfctl %cr27,%r21
	break 0,0
