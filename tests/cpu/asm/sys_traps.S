// System test program, run on the ISS and as qemu-system-hppa firmware (the
// serial transcripts and interruption sequences are compared): BREAK and
// RFIR past it, unaligned access, shadow registers, DTLB miss and insert,
// dirty-bit trap, access-rights trap, PROBE, LPA and its non-access miss,
// PDTLB, ITLB miss, user mode with privileged instructions, the gateway page
// promotion with GATE, and an interval-timer interrupt.
#include "sys_common.inc"
	.text
	.globl _start
_start:
	START

	// ---- BREAK, unaligned, shadow registers (physical mode) -----------------
	break 1,2
	LI %r5,0x00400002
	ldw 0(%r5),%r6
	ldi 0x11,%r1
	ldi 0x88,%r8
	ldi 0x99,%r9
	ldi 0x16,%r16
	ldi 0x17,%r17
	ldi 0x24,%r24
	ldi 0x25,%r25
	break 2,3
	copy %r1,%r3
	copy %r8,%r4
	copy %r9,%r5
	copy %r16,%r6
	copy %r17,%r7
	copy %r24,%r10
	copy %r25,%r11
	.irp r,3,4,5,6,7,10,11
	PRINT %r\r
	.endr
	PUTC 10

	// ---- data translation ---------------------------------------------------
	LI %r3,0x12345678
	LI %r4,0x00400000
	stw %r3,0(%r4)
	LI %r3,0x0badcafe
	LI %r10,0x00401000
	stw %r3,0(%r10)
	LI %r3,0x01000000	// type 1 (read/write), PL1 = PL2 = 0, D = 0
	ldil L%VARS,%r1
	stw %r3,R%VARS+VAR_DPROT(%r1)
	ssm 2,%r0		// PSW.D
	ldw 0(%r4),%r5		// DTLB miss, insert, retry
	ldi 77,%r6
	stw %r6,4(%r4)		// dirty trap, insert with D, retry
	ldw 4(%r4),%r7
	rsm 2,%r0
	ldil L%VARS,%r1
	stw %r0,R%VARS+VAR_DPROT(%r1)	// type 0: read-only
	ssm 2,%r0
	ldw 0(%r10),%r11	// DTLB miss, read-only page
	stw %r6,0(%r10)		// access-rights trap 26, skipped
	prober (%r4),%r0,%r12	// 1
	ldi 3,%r13
	probew (%r4),%r13,%r14	// 0: PL2 = 0
	proberi (%r10),0,%r15	// 1
	probewi (%r10),0,%r18	// 0: read-only
	ldi 0x10,%r20
	lpa %r20(%r4),%r19	// 0x00400010
	LI %r21,0x00402000
	ldi 0,%r22
	lpa %r0(%r21),%r22	// non-access DTLB miss 17, skipped
	pdtlb %r0(%r4)
	ssm 2,%r0		// ends QEMU's translation block: the purge takes effect
	ldw 0(%r4),%r23		// DTLB miss again after the purge
	rsm 2,%r0
	.irp r,5,7,11,12,14,15,18,19,22,23
	PRINT %r\r
	.endr
	PUTC 10

	// ---- code translation, user mode, gateway -------------------------------
	LI %r3,0x02C00000	// type 2 (read/execute), PL1 = 3, PL2 = 0
	ldil L%VARS,%r1
	stw %r3,R%VARS+VAR_IPROT(%r1)
	LI %r3,0x04C00000	// type 4: gateway promoting to 0, PL1 = 3, PL2 = 0
	stw %r3,R%VARS+VAR_GPROT(%r1)
	LI %r3,kret
	stw %r3,R%VARS+VAR_KCONT(%r1)
	rsm 8,%r0		// Q off to load the interruption queue
	mtctl %r0,%cr17
	mtctl %r0,%cr17
	LI %r3,user_code+3
	mtctl %r3,%cr18
	ldo 4(%r3),%r3
	mtctl %r3,%cr18
	LI %r3,0x00040008	// C | Q
	mtctl %r3,%cr22
	rfi
kret:
	.irp r,3,4,6,7,10
	PRINT %r\r
	.endr
	PUTC 10

	// ---- interval timer -------------------------------------------------------
	ldil L%VARS,%r1
	stw %r0,R%VARS+VAR_FLAG(%r1)
	LI %r3,0x80000000
	mtctl %r3,%cr15		// EIEM: the timer only
	mfctl %cr16,%r4
	ldo 2000(%r4),%r4
	mtctl %r4,%cr16		// match in 2000 ticks
	ssm 1,%r0		// PSW.I
	LI %r5,20000000
1:	ldw R%VARS+VAR_FLAG(%r1),%r6
	comib,= 0,%r6,2f
	nop
	b,n 3f
2:	addib,<> -1,%r5,1b
	nop
3:	rsm 1,%r0
	PRINT %r6
	PUTC 10
	HALT

	VECTORS

	// ---- user code (own page) -------------------------------------------------
	.align 4096
user_code:
	bl 1f,%r3
	nop
1:	extru %r3,31,2,%r3	// 3: running at user level
	mtctl %r0,%cr14		// privileged register trap 11
	ssm 1,%r0		// privileged operation trap 10
	rfi			// 10
	ldi 0,%r6
	ldi 0,%r10
	LI %r5,gate_page
	ble 0(%sr0,%r5)		// into the gateway page
	nop
	bl 1f,%r7
	nop
1:	extru %r7,31,2,%r7	// back at 3
	copy %r31,%r4
	extru %r4,31,2,%r4	// the link BLE wrote carried privilege 3
	break 7,99		// back to the kernel

	.align 4096
	.globl gate_page
gate_page:
	gate 1f,%r0
	nop
1:	bl 2f,%r6
	nop
2:	extru %r6,31,2,%r6	// 0: promoted
	mfctl %cr14,%r10	// privileged: works at 0
	depi 3,31,2,%r31
	be,n 0(%sr0,%r31)	// back to user level
	.align 4096
