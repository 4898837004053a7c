// Start-up of the FP workload: a stack, the global data pointer, CCR, a call
// to fp_workload(seed); r28 = its result, r3 = fp_raw_hash() at the BREAK.
	.level 1.1
	.import $global$,data
	.text
	.globl _start
_start:
	ldil L%fp_stack+128,%r30
	ldo R%fp_stack+128(%r30),%r30
	ldil L%$global$,%r27
	ldo R%$global$(%r27),%r27
	ldil L%0x1234567,%r26
	bl fp_workload,%r2
	ldo R%0x1234567(%r26),%r26
	copy %r28,%r4
	bl fp_raw_hash,%r2
	nop
	copy %r28,%r3
	copy %r4,%r28
	break 0,0

	.data
	.align 64
fp_stack:	.fill 16384, 1, 0
