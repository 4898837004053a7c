// Loops that the ISS runs as host code (run_translator::loop_plan) when the
// caches offer their hit paths: byte, halfword and word loads and stores
// (indexed, scaled, with displacements), stores in a branch's delay slot,
// ALU-only loops, ,N branches, FP loads and stores and XMPYU, a way out,
// each crossing fetch lines, a store missing on a word a store hit before,
// a loop closed by B. Buffers of 64 KB give a small data cache misses and
// dirty evictions. Results are folded into registers; the program ends in
// BREAK 0,0.
#include "common.inc"
	.text
	.globl _start
_start:
	ZERO_REGS
	LI %r1,buf
	ldi 5,%r24            // rounds
	ldi 1,%r7
round:
	// A: byte stores of r7 at stride r5 over r6 bytes, the store in the
	// branch's delay slot (the sieve's loop).
	ldi 3,%r3
	ldo 2(%r24),%r5
	ldil L%0x10000,%r6
	b A
	nop
	.align 32
	.rept 6
	nop
	.endr
A:	add,l %r1,%r3,%r4
	add,l %r3,%r5,%r3
	cmpb,>>= %r6,%r3,A
	stb %r7,0(%r4)
	ldo 1(%r7),%r7

	// B: words loaded and stored, halfwords too, counted by ADDIB.
	copy %r1,%r8
	LI %r9,buf+0x8000
	ldi 0x1800,%r13
	b B
	nop
	.align 32
	.rept 5
	nop
	.endr
B:	ldo 4(%r8),%r8
	ldo 4(%r9),%r9
	ldw -4(%r8),%r10
	xor %r10,%r11,%r11
	stw %r11,-4(%r9)
	ldh -2(%r8),%r12
	sth %r12,-4(%r9)
	ldb -3(%r9),%r2
	add,l %r2,%r11,%r11
	addib,<> -1,%r13,B
	add,l %r11,%r12,%r11

	// C: ALU only, a bitwise CRC step per iteration.
	LI %r17,0xedb88320
	copy %r11,%r14
	ldi 0x300,%r16
	b C
	nop
	.align 32
	.rept 5
	nop
	.endr
C:	extrw,s %r14,31,1,%r15
	ldo -1(%r16),%r16
	extrw,u %r14,30,31,%r14
	and %r15,%r17,%r15
	cmpib,<> 0,%r16,C
	xor %r14,%r15,%r14

	// D: scaled indexed loads, a store in a ,N branch's delay slot
	// (nullified when the loop ends).
	ldi 0,%r18
	ldi 0,%r22
	ldil L%0x3000,%r23
	b D
	nop
	.align 32
	.rept 6
	nop
	.endr
D:	ldo 1(%r18),%r18
	sh2addl %r18,%r1,%r19
	ldwx,s %r18(%r1),%r21
	add,l %r21,%r22,%r22
	cmpb,<>,n %r18,%r23,D
	stw %r22,0(%r19)

	// E: indexed byte loads (unscaled), a load in the delay slot.
	ldi 0,%r25
	ldi 0,%r26
	ldil L%0x8000,%r27
	b E
	nop
	.align 32
	.rept 6
	nop
	.endr
E:	ldo 7(%r25),%r25
	add,l %r26,%r28,%r26
	ldbx %r25(%r1),%r28
	cmpb,>> %r27,%r25,E
	ldhx,s %r0(%r1),%r29

	// F: one line loaded twice, then a line of the same set that changes
	// each iteration and misses: with LRU the first line stays, as its
	// hits' stamps make it the most recently used.
	copy %r1,%r20
	LI %r21,buf+0x8000
	ldi 0,%r2
	ldil L%0x2000,%r19
	ldi 400,%r31
	b F
	nop
	.align 32
	.rept 4
	nop
	.endr
F:	add,l %r2,%r19,%r2
	extrw,u %r2,31,15,%r2
	ldw 0(%r20),%r3
	ldw 4(%r20),%r5
	ldwx %r2(%r21),%r4
	add,l %r3,%r4,%r3
	addib,<> -1,%r31,F
	add,l %r5,%r3,%r11

	// G: matmul's inner loop: integer products through XMPYU, a word
	// loaded, stored, loaded into an FP register and a double stored and
	// read back in words. Its first instruction is a load: its code is
	// entered at the first run in it (the two LDOs).
	copy %r1,%r21
	LI %r28,buf+0x4000
	LI %r29,buf+0xff00
	LI %r23,buf+0x8000
	ldi 0,%r22
	b G
	nop
	.align 32
	.rept 4
	nop
	.endr
G:	ldw 0(%r21),%r19
	fldw 0(%r28),%fr22
	ldo 4(%r21),%r21
	ldo 0x40(%r28),%r28
	stw %r19,0(%r29)
	fldw 0(%r29),%fr23R
	xmpyu %fr23R,%fr22,%fr23
	fstd %fr23,0(%r29)
	ldw 0(%r29),%r19
	ldw 4(%r29),%r20
	cmpb,<> %r23,%r28,G
	add,l %r22,%r20,%r22

	// H: a way out of a loop (the sieve's outer loop): bytes scanned while
	// they are not zero, a zero leaving by the branch back not taken (its
	// delay slot nullified), the buffer's half (byte 0x8000, read in the way
	// out's delay slot) by a forward branch taken.
	ldi 0,%r6
	ldi 0,%r9
	ldil L%0x8000,%r7
	b Hl
	nop
	.align 32
	.rept 5
	nop
	.endr
Hl:	cmpb,= %r7,%r6,Hx
	ldbx %r6(%r1),%r8
	ldo 1(%r6),%r6
	cmpib,<>,n 0,%r8,Hl
	ldo 3(%r9),%r9
	b Hl
	ldo 5(%r9),%r9
Hx:	HASH %r11,%r9

	// I: a word stored twice, then a word 512 bytes on, which takes its
	// line in a direct-mapped cache of 512 bytes: the next iteration's
	// first store misses on the word the second one stored (a hit).
	copy %r1,%r3
	ldo 0x200(%r1),%r6
	ldi 0x100,%r5
	b I
	nop
	.align 32
	.rept 2
	nop
	.endr
I:	ldo 1(%r4),%r4
	stw %r4,0(%r3)
	stw %r4,0(%r3)
	stw %r4,0(%r6)
	addib,<> -1,%r5,I
	nop
	HASH %r11,%r4

	// J: the boot's .bss clearing: entered at a way out (,N: its store
	// nullified as it leaves), closed by B, taken always, with the
	// pointer's step in its delay slot. No run starts before B.
	copy %r1,%r3
	ldil L%0x4000,%r19
	add,l %r1,%r19,%r19
	b J
	nop
	.align 32
	.rept 6
	nop
	.endr
J:	cmpb,<<=,n %r19,%r3,Jx
	stw %r24,0(%r3)
	b J
	ldo 4(%r3),%r3
Jx:	HASH %r11,%r3
	ldw -4(%r19),%r4
	HASH %r11,%r4

	addib,<> -1,%r24,round
	nop
	HASH %r11,%r22
	HASH %r11,%r26
	HASH %r11,%r14
	HASH %r11,%r7
	HASH %r11,%r22
	break 0,0

	.bss
	.align 64
buf:
	.space 0x10000
