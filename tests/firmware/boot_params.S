/* A boot parameter block (firmware_contract.h) for running pavp-kernel.elf on
 * qemu-system-hppa: assembled with -DFIX=.. [-DSCHEDULE=.. -DSEED=..
 * -DTICK=.. -DEXTRA=.. -DSCENARIO=..], made raw with objcopy and loaded at
 * PAVP_BOOT_PARAMS_ADDR by qemu's generic loader. The console is qemu's LASI
 * UART; there is no sim-control device (base 0). The values are plain
 * numbers (the header's 0x..u constants are C); offsets as firmware_contract.h. */
#ifndef SCHEDULE
#define SCHEDULE 0 /* PAVP_SCHEDULE_SEED */
#endif
#ifndef SEED
#define SEED 0
#endif
#ifndef TICK
#define TICK 0
#endif
#ifndef EXTRA
#define EXTRA 0
#endif
#ifndef SCENARIO
#define SCENARIO 0 /* PAVP_SCENARIO_FORK_THREADS (lists) */
#endif
	.data
	.word	0x50415642		/* 0x00 PAVP_BP_MAGIC_VALUE */
	.word	1			/* PAVP_BP_VERSION_VALUE */
	.word	0x70			/* PAVP_BP_SIZE_VALUE_EXT */
	.word	FIX
	.word	SCENARIO		/* 0x10 PAVP_SCENARIO_* */
	.word	SCHEDULE
	.word	0			/* seed hi */
	.word	SEED
	.word	1000			/* 0x20 step limit */
	.word	TICK
	.word	0x04000000		/* RAM 64 MB */
	.word	250000000
	.word	65536			/* 0x30 D-cache */
	.word	32
	.word	2
	.word	65536			/* I-cache */
	.word	32			/* 0x40 */
	.word	2
	.word	32768			/* alias span */
	.word	0xFFD05800		/* console: qemu LASI 16550 */
	.word	0			/* 0x50 no sim-control */
	.word	1			/* PAVP_BPF_VERBOSE */
	.word	4			/* elements */
	.word	4096			/* stride */
	.word	EXTRA			/* 0x60 */
	.word	1			/* touch pages */
	.word	256
	.word	256
