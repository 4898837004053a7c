// Entry points that each stop the ISS with one trap (the test starts the CPU
// at the label it wants).
#include "common.inc"
	.text
	.globl _start
_start:
	break 0,0

	.globl t_break
t_break:
	nop
	break 5,123

	.globl t_illegal_pa20
t_illegal_pa20:
	.word 0x50000000	; major 0x14 (PA 2.0 LDD)

	.globl t_illegal_d
t_illegal_d:
	.word 0x08000260	; OR with the PA 2.0 "d" bit

	.globl t_illegal_major
t_illegal_major:
	.word 0xfffdead0

	.globl t_unaligned_load
t_unaligned_load:
	ldi 0x1002,%r5
	ldw 0(%r5),%r6

	.globl t_unaligned_store
t_unaligned_store:
	ldi 0x1001,%r5
	sth %r6,0(%r5)

	.globl t_unaligned_ldcw
t_unaligned_ldcw:
	ldi 0x1008,%r5
	ldcws 2(%r5),%r6

	.globl t_overflow
t_overflow:
	LI %r3,0x7fffffff
	addo %r3,%r3,%r4

	.globl t_overflow_imm
t_overflow_imm:
	LI %r3,0x80000000
	subio 1,%r3,%r4

	.globl t_builtin_trap
t_builtin_trap:
	addi,tc,<> 1,%r0,%r0

	.globl t_divzero
t_divzero:
	ldi 0,%r25
	addit,= 0,%r25,%r0	; what $$divU does for a zero divisor

	.globl t_priv_mtctl
t_priv_mtctl:
	mtctl %r0,%cr14

	.globl t_priv_ssm
t_priv_ssm:
	ssm 1,%r0

	.globl t_mtsp_sr5
t_mtsp_sr5:
	mtsp %r0,%sr5

	.globl t_nullified_break
t_nullified_break:
	add,tr %r0,%r0,%r0
	break 1,1
	break 2,2

	.globl t_gate
t_gate:
	gate 1f,%r2
	nop
1:	ldi 1,%r3
	break 0,0

	.globl t_gate_in_delay_slot
t_gate_in_delay_slot:
	b 1f
	gate 1f,%r0
1:	break 0,0

	.globl t_fp
t_fp:
	fadd,dbl %fr4,%fr5,%fr6

	.globl t_fpu_disabled
t_fpu_disabled:
	fldws 0(%r0),%fr4

	.globl t_fp_unaligned
t_fp_unaligned:
	ldi 0x1004,%r5
	fldds 0(%r5),%fr4

	.globl t_bus_error
t_bus_error:
	ldil L%0x40000000,%r5
	ldw 0(%r5),%r6

	.globl t_shadd_overflow
t_shadd_overflow:
	LI %r3,0x20000000
	sh2addo %r3,%r0,%r4	; 0x20000000 << 2 loses a significant bit

	.globl t_ble_space
t_ble_space:
	ble 0(%sr5,%r7)
	ldi 9,%r8
	.globl t_ble_return
t_ble_return:
	break 0,0

	.globl t_ble_target
t_ble_target:
	break 0,0

	.align 32
	.globl t_self_loop
t_self_loop:
	b t_self_loop
	nop
