// Loads and stores: every size, long and short displacements, indexed and
// scaled indexed, the ,MA ,MB ,M modifiers, LDWM/STWM, STBY and LDCW.
// Results are folded into registers (r21 hash of loaded values).
#include "common.inc"
	.text
	.globl _start
_start:
	ZERO_REGS
	LI %r1,buf
	LI %r3,0x11223344
	LI %r4,0xa5b6c7d8
	// long displacement stores/loads
	stw %r3,0(%r1)
	stw %r4,4(%r1)
	sth %r4,8(%r1)
	sth %r3,10(%r1)
	stb %r3,12(%r1)
	stb %r4,13(%r1)
	stb %r3,14(%r1)
	stb %r4,15(%r1)
	ldw 0(%r1),%r5
	ldw 4(%r1),%r6
	ldh 8(%r1),%r7
	ldh 10(%r1),%r8
	ldb 12(%r1),%r9
	ldb 13(%r1),%r10
	ldw 12(%r1),%r11
	ldh 2(%r1),%r12
	ldb 7(%r1),%r13
	// large and negative displacements
	LI %r2,buf+4096
	stw %r3,-4096(%r2)
	ldw -4092(%r2),%r14
	ldo 8000(%r1),%r15
	stw %r4,-8000(%r15)
	ldw -8000(%r15),%r16
	// short displacement forms (0x03)
	stws %r3,-16(%r2)
	ldws -16(%r2),%r17
	sths %r4,6(%r1)
	ldhs 6(%r1),%r18
	stbs %r4,3(%r1)
	ldbs 3(%r1),%r19
	ldw 0(%r1),%r20
	HASH %r21,%r5
	HASH %r21,%r6
	HASH %r21,%r7
	HASH %r21,%r8
	HASH %r21,%r9
	HASH %r21,%r10
	HASH %r21,%r11
	HASH %r21,%r12
	HASH %r21,%r13
	HASH %r21,%r14
	HASH %r21,%r16
	HASH %r21,%r17
	HASH %r21,%r18
	HASH %r21,%r19
	HASH %r21,%r20
	// indexed and scaled indexed
	ldi 4,%r5
	ldwx %r5(%r1),%r6
	ldi 1,%r5
	ldwx,s %r5(%r1),%r7
	ldhx,s %r5(%r1),%r8
	ldi 3,%r5
	ldbx %r5(%r1),%r9
	HASH %r21,%r6
	HASH %r21,%r7
	HASH %r21,%r8
	HASH %r21,%r9
	// modify forms: post (,ma / ,m indexed) and pre (,mb)
	LI %r22,buf+64
	ldi 0,%r23
	.irp v,1,2,3,4
	ldi \v,%r5
	stws,ma %r5,4(%r22)
	.endr
	.irp i,1,2,3,4
	ldws,mb -4(%r22),%r5
	HASH %r23,%r5
	.endr
	HASH %r23,%r22
	ldi 8,%r5
	ldwx,m %r5(%r22),%r6
	HASH %r23,%r6
	HASH %r23,%r22
	ldi 1,%r5
	ldwx,sm %r5(%r22),%r6
	HASH %r23,%r6
	HASH %r23,%r22
	ldhs,ma 2(%r22),%r6
	HASH %r23,%r6
	HASH %r23,%r22
	ldbs,mb 1(%r22),%r6
	HASH %r23,%r6
	HASH %r23,%r22
	// stack-style stwm / ldwm (prologue and epilogue)
	LI %r30,stack
	ldi 77,%r3
	stwm %r3,64(%r30)
	ldi 88,%r3
	stwm %r3,64(%r30)
	copy %r30,%r24
	ldwm -64(%r30),%r25
	ldwm -64(%r30),%r26
	HASH %r23,%r24
	HASH %r23,%r25
	HASH %r23,%r26
	HASH %r23,%r30
	// load into the base register with modification: the load wins
	LI %r27,buf
	ldws,ma 4(%r27),%r27
	HASH %r23,%r27
	// store bytes
	LI %r1,buf+128
	LI %r3,0x01020304
	LI %r4,-1
	.irp o,0,4,8,12,16,20,24,28
	stw %r4,\o(%r1)
	.endr
	ldo 0(%r1),%r5
	stbys,b %r3,0(%r5)
	ldo 5(%r1),%r5
	stbys,b %r3,0(%r5)
	ldo 10(%r1),%r5
	stbys,b %r3,0(%r5)
	ldo 15(%r1),%r5
	stbys,b %r3,0(%r5)
	ldo 16(%r1),%r5
	stbys,e %r3,0(%r5)
	ldo 21(%r1),%r5
	stbys,e %r3,0(%r5)
	ldo 26(%r1),%r5
	stbys,e %r3,0(%r5)
	ldo 31(%r1),%r5
	stbys,e %r3,0(%r5)
	ldo 1(%r1),%r5
	stbys,b,m %r0,4(%r5)
	HASH %r23,%r5
	.irp o,0,4,8,12,16,20,24,28
	ldw \o(%r1),%r6
	HASH %r24,%r6
	.endr
	// load and clear
	LI %r1,lock
	ldi 1,%r3
	stw %r3,0(%r1)
	ldcws 0(%r1),%r28
	ldcws 0(%r1),%r29
	ldw 0(%r1),%r31
	ldi 0,%r5
	ldcwx %r5(%r1),%r20
	break 0,0

	.data
	.align 16
lock:	.word 0, 0, 0, 0
buf:	.fill 9000, 1, 0
	.align 64
stack:	.fill 256, 1, 0
