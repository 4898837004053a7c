// Every PA 1.1 FP operation form once or more: the 0C (full register) and 0E
// (L/R half) formats, conversions under each rounding mode, FCMP + FTEST,
// FMPYADD/FMPYSUB, and FP loads/stores with every addressing form. Values go
// to `res` (r20 walks it, 8 bytes a value), status words (fr0L) to `sts` (r19). At the BREAK
// r28 = hash of res and r26 = hash of sts, so that qemu-hppa can check them.
#include "common.inc"

	// Stores the double fr\r at res and the status at sts.
	.macro SD r
	fstds,ma %fr\r,8(%r20)
	fstws,ma %fr0,4(%r19)
	.endm
	// Stores the word fr\r (L or R, e.g. 6R) in an 8-byte slot of res and
	// the status.
	.macro SW r
	fstws,ma %fr\r,8(%r20)
	fstws,ma %fr0,4(%r19)
	.endm
	// Sets the status register to \v (loads fr0L from memory).
	.macro STATUS v
	LI %r1,\v
	stw %r1,0(%r18)
	fldws 0(%r18),%fr0
	.endm
	// r5 = 1 if the compare left C clear (FTEST nullifies when C = 1).
	.macro CTEST cmp
	ldi 0,%r5
	\cmp
	ftest
	ldi 1,%r5
	stws,ma %r5,8(%r20)
	.endm

	.text
	.globl _start
_start:
	LI %r20,res
	LI %r19,sts
	LI %r18,scratch
	LI %r21,din
	LI %r22,fin
	STATUS 0
	copy %r21,%r2
	fldds,ma 8(%r2),%fr4		// 1.5
	fldds,ma 8(%r2),%fr5		// -2.25
	fldds,ma 8(%r2),%fr6		// 1e308
	fldds,ma 8(%r2),%fr7		// 2.0
	fldds,ma 8(%r2),%fr8		// 2.5
	fldds,ma 8(%r2),%fr9		// 0.1

	.globl t_dbl
t_dbl:	fadd,dbl %fr4,%fr5,%fr10
	SD 10
	fsub,dbl %fr4,%fr5,%fr10
	SD 10
	fmpy,dbl %fr4,%fr9,%fr10		// inexact
	SD 10
	fdiv,dbl %fr4,%fr7,%fr10
	SD 10
#ifndef QEMU_SUBSET	// qemu-hppa 7.2 has no FREM: its copy of the program omits it
	frem,dbl %fr8,%fr7,%fr10		// 2.5 rem 2 = 0.5
	SD 10
#endif
	fsqrt,dbl %fr7,%fr10
	SD 10
	frnd,dbl %fr8,%fr10		// 2.5 -> 2 (nearest even)
	SD 10
	fabs,dbl %fr5,%fr10
	SD 10
	fcpy,dbl %fr6,%fr10
	SD 10
	fcpy,dbl %fr0,%fr10		// fr0 reads as +0
	SD 10
	fmpy,dbl %fr6,%fr6,%fr10		// overflow -> +inf, O and I flags
	SD 10
	STATUS 0
	fdiv,dbl %fr4,%fr0,%fr10		// 1.5 / 0 -> +inf, Z
	SD 10
	STATUS 0
	fdiv,dbl %fr0,%fr0,%fr10		// 0 / 0 -> default NaN, V
	SD 10
	fsqrt,dbl %fr5,%fr10		// sqrt(-2.25) -> default NaN
	SD 10
	STATUS 0

	.globl t_sgl
t_sgl:	fldws 0(%r22),%fr11		// L: 1.5f
	fldws 4(%r22),%fr11R		// R: -0.75f
	fldws 8(%r22),%fr12		// L: 3.0f
	fldws 12(%r22),%fr12R		// R: 0.1f
	fadd,sgl %fr11,%fr12,%fr13	// 0C: L halves
	SW 13
	fsub,sgl %fr11,%fr12,%fr13
	SW 13
	fmpy,sgl %fr12,%fr12,%fr13
	SW 13
	fdiv,sgl %fr11,%fr12,%fr13
	SW 13
	fadd,sgl %fr11R,%fr12,%fr13R	// 0E: halves
	SW 13R
	fsub,sgl %fr11,%fr12R,%fr14
	SW 14
	fmpy,sgl %fr11R,%fr12R,%fr14R
	SW 14R
	fdiv,sgl %fr12R,%fr11R,%fr14
	SW 14
	fabs,sgl %fr11R,%fr15R
	SW 15R
	fcpy,sgl %fr12R,%fr15
	SW 15
	fsqrt,sgl %fr12,%fr15
	SW 15
	frnd,sgl %fr11R,%fr15R		// -0.75 -> -1
	SW 15R
#ifndef QEMU_SUBSET
	frem,sgl %fr12,%fr11,%fr15	// 3 rem 1.5 = 0
	SW 15
#endif

	.globl t_cnv
t_cnv:	fcnvff,sgl,dbl %fr11R,%fr16
	SD 16
	fcnvff,dbl,sgl %fr9,%fr16R		// 0.1 -> 0.1f, inexact
	SW 16R
	fcnvff,dbl,sgl %fr6,%fr16		// 1e308 -> inf, overflow
	SW 16
	STATUS 0
	LI %r2,fin+16
	fldws,ma 4(%r2),%fr17		// L: -7
	fldws,ma 4(%r2),%fr17R		// R: 16777217
	fldds 0(%r2),%fr18		// 64-bit: 2^53 + 1
	fcnvxf,sgl,sgl %fr17,%fr19
	SW 19
	fcnvxf,sgl,sgl %fr17R,%fr19R	// 16777217 -> 16777216, inexact
	SW 19R
	fcnvxf,sgl,dbl %fr17R,%fr20
	SD 20
	fcnvxf,dbl,dbl %fr18,%fr20		// 2^53+1 -> 2^53, inexact
	SD 20
	fcnvxf,dbl,sgl %fr18,%fr20R
	SW 20R
	STATUS 0
	.irp rm,0x000,0x200,0x400,0x600	// nearest, zero, +inf, -inf
	STATUS \rm
	fcnvfx,dbl,sgl %fr8,%fr21		// 2.5
	SW 21
	fcnvfx,dbl,sgl %fr5,%fr21R		// -2.25
	SW 21R
	fcnvfxt,dbl,sgl %fr5,%fr21R
	SW 21R
	fcnvfx,dbl,dbl %fr8,%fr22
	SD 22
	fcnvfx,sgl,sgl %fr11R,%fr23		// -0.75
	SW 23
	fcnvfxt,sgl,dbl %fr11R,%fr22
	SD 22
	fcnvff,dbl,sgl %fr9,%fr23R		// 0.1 rounded per RM
	SW 23R
	fdiv,dbl %fr4,%fr9,%fr22		// 1.5 / 0.1 rounded per RM
	SD 22
	fcnvxf,dbl,sgl %fr18,%fr23		// 2^53+1 rounded per RM
	SW 23
	.endr
	STATUS 0
	fcnvfx,dbl,sgl %fr6,%fr24		// 1e308 -> 0x7fffffff, invalid
	SW 24
	STATUS 0
	fcnvfxt,dbl,dbl %fr6,%fr24		// -> 0x7fff...f, invalid
	SD 24
	STATUS 0

	.globl t_cmp
t_cmp:	CTEST "fcmp,dbl,< %fr4,%fr5"	// 1.5 < -2.25: false -> C = 0 -> r5 = 1
	CTEST "fcmp,dbl,> %fr4,%fr5"
	CTEST "fcmp,dbl,= %fr4,%fr4"
	CTEST "fcmp,dbl,!= %fr4,%fr4"
	CTEST "fcmp,sgl,<= %fr11R,%fr11"
	CTEST "fcmp,sgl,!< %fr12,%fr11R"
	fstws,ma %fr0,4(%r19)		// the compare queue
	fdiv,dbl %fr0,%fr0,%fr25		// a NaN
	STATUS 0
	CTEST "fcmp,dbl,? %fr25,%fr4"	// unordered: true, no exception
	CTEST "fcmp,dbl,!? %fr25,%fr4"
	CTEST "fcmp,dbl,= %fr25,%fr25"
	CTEST "fcmp,dbl,!= %fr25,%fr25"
	fstws,ma %fr0,4(%r19)		// no V yet
	CTEST "fcmp,dbl,< %fr25,%fr4"	// signalling compare: V
	fstws,ma %fr0,4(%r19)
	STATUS 0

	// QEMU 7.2 decodes the FMPYADD/FMPYSUB format bit inverted (insns.decode
	// fmpyadd_f with bit 26 = 0), against binutils ('H' operand: 1 = sgl) and
	// Linux math-emu decode_06 (fpmultifmt 0 = DBL): its copy omits them.
#ifndef QEMU_SUBSET
	.globl t_mpyadd
t_mpyadd:
	fcpy,dbl %fr4,%fr26		// ta = 1.5
	fcpy,dbl %fr7,%fr27		// ra = 2.0
	fmpyadd,dbl %fr8,%fr7,%fr28,%fr27,%fr26	// fr28 = 2.5*2; fr26 += fr27
	SD 28
	SD 26
	fmpysub,dbl %fr8,%fr8,%fr28,%fr27,%fr26	// fr28 = 6.25; fr26 -= 2
	SD 28
	SD 26
	fldws 0(%r22),%fr16		// 1.5f
	fldws 8(%r22),%fr17R		// 3.0f
	fldws 12(%r22),%fr18		// 0.1f
	fldws 4(%r22),%fr19R		// -0.75f
	fmpyadd,sgl %fr16,%fr17R,%fr20,%fr18,%fr19R	// fr20L = 4.5; fr19R += 0.1
	SW 20
	SW 19R
	fmpysub,sgl %fr17R,%fr17R,%fr21R,%fr16,%fr18	// fr21R = 9; fr18L -= 1.5
	SW 21R
	SW 18
#endif

	.globl t_mem
t_mem:	LI %r23,memarea
	ldi 2,%r24
	fldwx,s %r24(%r23),%fr29		// memarea + 8 -> fr29L
	ldi 12,%r24
	fldwx %r24(%r23),%fr29R		// memarea + 12 -> fr29R
	SD 29
	ldi 1,%r24
	flddx,s %r24(%r23),%fr30		// memarea + 8
	SD 30
	copy %r23,%r25
	flddx,m %r24(%r25),%fr30		// memarea, then r25 += 1
	SD 30
	stws,ma %r25,8(%r20)
	copy %r23,%r25
	fldws,mb 4(%r25),%fr31R		// memarea + 4, r25 = memarea + 4
	fldws,ma 8(%r25),%fr31		// memarea + 4, r25 = memarea + 12
	SD 31
	stws,ma %r25,8(%r20)
	LI %r25,memout
	fstws,ma %fr31R,4(%r25)		// memout + 0
	fstws,mb %fr31,4(%r25)		// memout + 8
	fstds,ma %fr29,8(%r25)		// memout + 8 (overwrites), r25 = memout + 16
	ldi 3,%r24
	fstwx,s %fr30R,%r24(%r25)		// memout + 28
	ldi 8,%r24
	fstdx %fr30,%r24(%r25)		// memout + 24 (before: the word at 28 goes)
	fstdx,m %fr31,%r24(%r25)		// memout + 16, r25 = memout + 24
	stws,ma %r25,8(%r20)
	LI %r25,memout
	.rept 4
	fldds,ma 8(%r25),%fr10
	SD 10
	.endr

	// Hash res into r28 and sts into r26.
	LI %r5,res
	ldi 0,%r28
1:	ldws,ma 4(%r5),%r6
	HASH %r28,%r6
	cmpb,<< %r5,%r20,1b
	nop
	LI %r5,sts
	ldi 0,%r26
2:	ldws,ma 4(%r5),%r6
	HASH %r26,%r6
	cmpb,<< %r5,%r19,2b
	nop
	break 0,0

	.data
	.align 8
din:	.double 1.5, -2.25, 1e308, 2.0, 2.5, 0.1
fin:	.float 1.5, -0.75, 3.0, 0.1
	.word -7, 16777217
	.word 0x00200000, 0x00000001	// 2^53 + 1
	.align 8
memarea:
	.word 0x11111111, 0x22222222, 0x33333333, 0x44444444
memout:	.fill 32, 1, 0
scratch: .word 0, 0
	.align 8
res:	.fill 2048, 1, 0
sts:	.fill 1024, 1, 0
