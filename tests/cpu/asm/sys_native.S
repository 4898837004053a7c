// System test program for what qemu-system-hppa 7.2 does not model
// (parisc-isa.md §7), checked on the ISS only: protection-ID checks with
// write disable, PROBE under PID checking, the non-access DTLB miss of FDC,
// LCI, the page-reference (T) and data-memory-break (B) traps, the
// non-access ITLB miss of FIC, DIAG at privilege 0, an illegal
// memory-management encoding, and the instruction protection trap.
#include "sys_common.inc"
	.text
	.globl _start
_start:
	START
	ldil L%VARS,%r1
	LI %r3,0x110000AA	// D, type 1, PL1 = PL2 = 0, access ID 0x55
	stw %r3,R%VARS+VAR_DPROT(%r1)
	ldi 0xAB,%r3		// PID1 = 0x55 with write disable
	mtctl %r3,%cr8
	mtctl %r0,%cr9
	mtctl %r0,%cr12
	mtctl %r0,%cr13
	ssm 6,%r0		// PSW.P | PSW.D
	LI %r4,0x00400000
	ldi 0,%r5
	ldw 0(%r4),%r5		// DTLB miss, then allowed by PID1
	stw %r5,0(%r4)		// PID trap 27: write disabled
	mtctl %r0,%cr8
	ldw 0(%r4),%r6		// PID trap 27: no matching PID
	prober (%r4),%r0,%r7	// 0
	ldi 0xAA,%r3
	mtctl %r3,%cr9		// PID2 = 0x55, writes allowed
	ldi 42,%r3
	stw %r3,0(%r4)
	ldw 0(%r4),%r11
	probew (%r4),%r0,%r12	// 1
	rsm 4,%r0
	LI %r13,0x00403000
	fdc %r0(%r13)		// non-access DTLB miss 17
	fdc %r0(%r4)
	ldi 5,%r14
	lci %r0(%r4),%r14	// 0
	rsm 2,%r0
	ldil L%VARS,%r1
	LI %r3,0x31000000	// T | D | type 1
	stw %r3,R%VARS+VAR_DPROT(%r1)
	ssm 2,%r0
	LI %r13,0x00404000
	ldw 0(%r13),%r15	// DTLB miss, then page-reference trap 21
	rsm 2,%r0
	LI %r3,0x19000000	// D | B | type 1
	stw %r3,R%VARS+VAR_DPROT(%r1)
	ssm 2,%r0
	LI %r13,0x00405000
	stw %r0,0(%r13)		// DTLB miss, then data-memory-break trap 19
	ldw 0(%r13),%r18	// reads are fine
	rsm 2,%r0
	.irp r,5,6,7,11,12,14,15,18
	PRINT %r\r
	.endr
	PUTC 10

	// Translated code at privilege 0.
	ldil L%VARS,%r1
	LI %r3,0x03C00000	// type 3, PL1 = 3, PL2 = 0
	stw %r3,R%VARS+VAR_IPROT(%r1)
	LI %r3,0x01000000	// gate_page: type 1, not executable
	stw %r3,R%VARS+VAR_GPROT(%r1)
	LI %r3,kret
	stw %r3,R%VARS+VAR_KCONT(%r1)
	rsm 8,%r0
	mtctl %r0,%cr17
	mtctl %r0,%cr17
	LI %r3,kcode
	mtctl %r3,%cr18
	ldo 4(%r3),%r3
	mtctl %r3,%cr18
	LI %r3,0x00040008	// C | Q
	mtctl %r3,%cr22
	rfi
kret:
	.irp r,19,20,21
	PRINT %r\r
	.endr
	PUTC 10
	HALT

	VECTORS

	.align 4096
kcode:
	ldi 1,%r19
	LI %r17,0x00406000
	fic %r0(%sr0,%r17)	// non-access ITLB miss 16
	diag 0x123		// no-op at privilege 0
	ldi 2,%r20
	.word 0x04000080	// reserved memory-management encoding: illegal
	ldi 3,%r21
	LI %r3,gate_page
	bv,n %r0(%r3)		// instruction protection trap 7 at gate_page

	.align 4096
	.globl gate_page
gate_page:
	nop
	.align 4096
