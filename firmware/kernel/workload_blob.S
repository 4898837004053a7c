/* The user programs, embedded in the kernel image (exec.c loads the one the
 * boot block's scenario names): workload.elf, the seed's (first, so that its
 * address does not depend on the other), and pair.elf.
 * The assembler finds it through -I (firmware/CMakeLists.txt). */
	.section .rodata
	.align	8
	.export workload_elf_start, data
	.export workload_elf_end, data
workload_elf_start:
	.incbin	"workload.elf"
workload_elf_end:
	.align	8
	.export pair_elf_start, data
	.export pair_elf_end, data
pair_elf_start:
	.incbin	"pair.elf"
pair_elf_end:
