/* The workload ELF, embedded in the kernel image (exec.c loads it).
 * The assembler finds it through -I (firmware/CMakeLists.txt). */
	.section .rodata
	.align	8
	.export workload_elf_start, data
	.export workload_elf_end, data
workload_elf_start:
	.incbin	"workload.elf"
workload_elf_end:
