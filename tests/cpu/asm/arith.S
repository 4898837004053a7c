// Register-register and immediate arithmetic/logical instructions with every
// condition: the next instruction's nullification, the result and the carry
// are hashed into r21, r22, r23.
#include "common.inc"
	.text
	.globl _start
_start:
	ZERO_REGS
	// Add conditions
	T3ALL "add"
	.irp c,=,<,<=,nuv,znv,sv,od,tr,<>,>=,>,uv,vnz,nsv,ev
	T3ALL "add,\c"
	T3ALL "addl,\c"
	T3ALL "addc,\c", 1
	.endr
	.irp c,=,od,tr,<>,ev
	T3ALL "sh1add,\c"
	T3ALL "sh2addl,\c"
	T3ALL "sh3add,\c"
	.endr
	// Compare/subtract conditions
	T3ALL "sub"
	T3ALL "subb", 1
	.irp c,=,<,<=,<<,<<=,sv,od,tr,<>,>=,>,>>=,>>,nsv,ev
	T3ALL "sub,\c"
	T3ALL "subb,\c"
	T3ALL "subb,\c", 1
	T3ALL "comclr,\c"
	.endr
	// Logical conditions
	.irp op,and,or,xor,andcm
	T3ALL "\op"
	.irp c,=,<,<=,od,tr,<>,>=,>,ev
	T3ALL "\op,\c"
	.endr
	.endr
	// Unit conditions
	.irp c,sbz,shz,sdc,sbc,shc,tr,nbz,nhz,ndc,nbc,nhc
	T3ALL "uaddcm,\c"
	.endr
	.irp c,sbz,shz,tr,nbz,nhz
	T3ALL "uxor,\c"
	.endr
	// Immediates
	.irp c,=,<,<=,nuv,znv,sv,od,tr,<>,>=,>,uv,vnz,nsv,ev
	TIALL "addi,\c"
	.endr
	.irp c,=,<,<=,<<,<<=,sv,od,tr,<>,>=,>,>>=,>>,nsv,ev
	TIALL "subi,\c"
	TIALL "comiclr,\c"
	.endr
	// Conditional traps that do not trap
	LI %r4,5
	addit,= 0,%r4,%r10
	subt,= %r4,%r0,%r11
	uaddcmt,sbz %r4,%r4,%r12
	// Overflow forms that do not overflow
	addo %r4,%r4,%r13
	addio 7,%r4,%r14
	subo %r4,%r0,%r15
	subio 100,%r4,%r16
	addco %r4,%r4,%r17
	subbo %r4,%r0,%r18
	sh2addo %r4,%r4,%r19
	break 0,0
