// Start-up for the C workload: a stack, the global data pointer, a call to
// workload(seed) and the result in r28 at the final BREAK.
#include "common.inc"
	.import $global$,data
	.text
	.globl _start
_start:
	ZERO_REGS
	LI %r30,stack
	ldil L%$global$,%r27
	ldo R%$global$(%r27),%r27
	LI %r26,0x1234567
	bl workload,%r2
	ldo 64(%r30),%r30
	break 0,0

	.data
	.align 64
stack:	.fill 8192, 1, 0
