/* The user programs, embedded in the kernel image (exec.c loads the one the
 * boot block's scenario names): workload.elf, the seed's (first, so that its
 * address does not depend on the others), pair.elf and nptl_fork.elf (the
 * static glibc program; empty when the build has no hppa glibc).
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
	.align	8
	.export nptl_elf_start, data
	.export nptl_elf_end, data
nptl_elf_start:
#ifdef PAVP_HAVE_NPTL
	.incbin	"nptl_fork.elf"
#endif
nptl_elf_end:
