/*
 * pavp kernel: cache and TLB maintenance, after Linux arch/parisc/kernel/
 * pacache.S (flush_data_cache_local, flush_instruction_cache_local,
 * flush_tlb_all_local, flush_kernel_dcache_page_asm, flush_dcache_page_asm,
 * copy_user_page_asm) and the tmpalias scheme of Linux's fixmap.h.
 * The kernel runs in absolute mode (entry.S), so a plain FDC/LDW/STW is an
 * access through the kernel mapping (cache colour = physical address). A
 * tmpalias access turns data translation on (PSW.D) for the loop only and
 * goes through sr1 = 0 (kernel space) at an address congruent with the user
 * address modulo 4 MB, Linux's SHM_COLOUR (reference fork-cache-bug.md §3).
 * Routines are called with interrupts off (the kernel always runs so).
 */
#include "pavp_fw.h"

	.level 1.1
	.text

#define TMPALIAS_FROM 0x0F800000 /* Linux: TMPALIAS_MAP_START = __PAGE_OFFSET - (2 << 22) */
#define TMPALIAS_TO 0x0FC00000
#define TMPALIAS_PROT 0x11000000 /* D | type 1 (read/write), PL1 = PL2 = 0, access id 0 */

/* flush_data_cache_local(stride, count): the architected whole-cache loop
 * of FDCE from base 0 (PDC cache info; models/cache fdce_loop()). */
	.export flush_data_cache_local, entry
flush_data_cache_local:
	mtsp	%r0, %sr1
	cmpib,=	0, %r25, 2f
	copy	%r0, %r1
1:	addib,<> -1, %r25, 1b
	fdce,m	%r26(%sr1, %r1)
2:	sync
	bv	%r0(%r2)
	nop

/* flush_instruction_cache_local(stride, count): the same with FICE. */
	.export flush_instruction_cache_local, entry
flush_instruction_cache_local:
	mtsp	%r0, %sr1
	cmpib,=	0, %r25, 2f
	copy	%r0, %r1
1:	addib,<> -1, %r25, 1b
	fice,m	%r26(%sr1, %r1)
2:	sync
	bv	%r0(%r2)
	nop

/* flush_tlb_all_local(dtlb_entries, itlb_entries): PDTLBE / PITLBE over
 * every entry (Linux flush_tlb_all_local walks PDC's base/stride/count). */
	.export flush_tlb_all_local, entry
flush_tlb_all_local:
	mtsp	%r0, %sr1
	ldil	L%0x1000, %r19
	cmpib,=	0, %r26, 2f
	copy	%r0, %r1
1:	addib,<> -1, %r26, 1b
	pdtlbe,m %r19(%sr1, %r1)
2:	cmpib,=	0, %r25, 4f
	copy	%r0, %r1
3:	addib,<> -1, %r25, 3b
	pitlbe,m %r19(%sr1, %r1)
4:	sync
	bv	%r0(%r2)
	nop

/* purge_tlb_entries(space, va): drop the data and instruction translations
 * of one user page (Linux purge_tlb_entries / flush_tlb_page). */
	.export purge_tlb_entries, entry
purge_tlb_entries:
	mtsp	%r26, %sr1
	pdtlb	%r0(%sr1, %r25)
	pitlb	%r0(%sr1, %r25)
	sync
	bv	%r0(%r2)
	nop

/* flush_kernel_dcache_page_asm(pa, stride, count): FDC over a page through
 * the kernel mapping. */
	.export flush_kernel_dcache_page_asm, entry
flush_kernel_dcache_page_asm:
	cmpib,=	0, %r24, 2f
	nop
1:	addib,<> -1, %r24, 1b
	fdc,m	%r25(%r26)
2:	sync
	bv	%r0(%r2)
	nop

/* flush_user_dcache_range_asm(uva, stride, count): FDC at the user's own
 * address in the current process (space in sr3), data translation on; a
 * missing translation is filled by dtlb_miss or, if the page is absent,
 * nullified (vector 17). */
	.export flush_user_dcache_range_asm, entry
flush_user_dcache_range_asm:
	cmpib,=	0, %r24, 2f
	nop
	ssm	PSW_D, %r0
1:	addib,<> -1, %r24, 1b
	fdc,m	%r25(%sr3, %r26)
	rsm	PSW_D, %r0
2:	sync
	bv	%r0(%r2)
	nop

/* flush_dcache_page_asm(pa, uva, stride, count): FDC over the physical
 * page through a temporary kernel translation congruent with the user
 * address (Linux flush_dcache_page_asm, "parisc: flush pages through
 * tmpalias space", f311847c): reaches the lines the user's colour holds. */
	.export flush_dcache_page_asm, entry
flush_dcache_page_asm:
	ldil	L%TMPALIAS_FROM, %r28
	extru	%r25, 31, 22, %r1	/* uva mod 4 MB */
	depi	0, 31, 12, %r1
	add	%r1, %r28, %r28		/* tmpalias address */
	depi	0, 31, 12, %r26
	extru	%r26, 24, 25, %r26	/* page register */
	ldil	L%TMPALIAS_PROT, %r19
	mtsp	%r0, %sr1
	pdtlb	%r0(%sr1, %r28)
	ssm	0, %r0			/* no-op; ends qemu 7.2's translation block, which runs its deferred purge before the insert */
	idtlba	%r26, (%sr1, %r28)
	idtlbp	%r19, (%sr1, %r28)
	copy	%r28, %r22
	cmpib,=	0, %r23, 2f
	nop
	ssm	PSW_D, %r0
1:	addib,<> -1, %r23, 1b
	fdc,m	%r24(%sr1, %r28)
	rsm	PSW_D, %r0
2:	sync
	pdtlb	%r0(%sr1, %r22)
	bv	%r0(%r2)
	nop

/* copy_user_page_tmpalias(to_pa, from_pa, uva): copies a page through two
 * temporary kernel translations congruent with the user address (the
 * `#if 0` copy_user_page_asm of Linux 2.6.32 pacache.S; ARMv6
 * v6_copy_user_highpage_aliasing; MIPS/SH kmap_coherent). */
	.export copy_user_page_tmpalias, entry
copy_user_page_tmpalias:
	extru	%r24, 31, 22, %r1
	depi	0, 31, 12, %r1
	ldil	L%TMPALIAS_FROM, %r28
	add	%r1, %r28, %r28		/* source alias */
	ldil	L%TMPALIAS_TO, %r29
	add	%r1, %r29, %r29		/* destination alias */
	depi	0, 31, 12, %r26
	extru	%r26, 24, 25, %r26
	depi	0, 31, 12, %r25
	extru	%r25, 24, 25, %r25
	ldil	L%TMPALIAS_PROT, %r19
	mtsp	%r0, %sr1
	pdtlb	%r0(%sr1, %r28)
	pdtlb	%r0(%sr1, %r29)
	ssm	0, %r0			/* no-op; ends qemu 7.2's translation block, which runs its deferred purge before the insert */
	idtlba	%r25, (%sr1, %r28)
	idtlbp	%r19, (%sr1, %r28)
	idtlba	%r26, (%sr1, %r29)
	idtlbp	%r19, (%sr1, %r29)
	copy	%r28, %r23
	copy	%r29, %r24
	ldi	256, %r1		/* 16 bytes per iteration */
	ssm	PSW_D, %r0
1:	ldw	0(%sr1, %r28), %r19
	ldw	4(%sr1, %r28), %r20
	ldw	8(%sr1, %r28), %r21
	ldw	12(%sr1, %r28), %r22
	stw	%r19, 0(%sr1, %r29)
	stw	%r20, 4(%sr1, %r29)
	stw	%r21, 8(%sr1, %r29)
	stw	%r22, 12(%sr1, %r29)
	ldo	16(%r28), %r28
	addib,<> -1, %r1, 1b
	ldo	16(%r29), %r29
	rsm	PSW_D, %r0
	sync
	pdtlb	%r0(%sr1, %r23)
	pdtlb	%r0(%sr1, %r24)
	bv	%r0(%r2)
	nop

/* tlb_space_probe(pa1, pa2): inserts translations of one offset in two
 * spaces, to pa1 and to pa2, and loads through the first. A TLB that tells
 * spaces apart (PA-RISC's, qemu's) returns pa1's word; one keyed by the
 * offset alone returns pa2's. */
#define PROBE_VA 0x0F400000
	.export tlb_space_probe, entry
tlb_space_probe:
	ldil	L%PROBE_VA, %r28
	ldi	0x1FF1, %r21
	ldi	0x1FF2, %r22
	ldil	L%TMPALIAS_PROT, %r19
	depi	0, 31, 12, %r26
	extru	%r26, 24, 25, %r26
	depi	0, 31, 12, %r25
	extru	%r25, 24, 25, %r25
	mtsp	%r21, %sr1
	pdtlb	%r0(%sr1, %r28)
	mtsp	%r22, %sr1
	pdtlb	%r0(%sr1, %r28)
	ssm	0, %r0			/* see flush_dcache_page_asm */
	mtsp	%r21, %sr1
	idtlba	%r26, (%sr1, %r28)
	idtlbp	%r19, (%sr1, %r28)
	mtsp	%r22, %sr1
	idtlba	%r25, (%sr1, %r28)
	idtlbp	%r19, (%sr1, %r28)
	mtsp	%r21, %sr1
	ssm	PSW_D, %r0
	ldw	0(%sr1, %r28), %r20
	rsm	PSW_D, %r0
	pdtlb	%r0(%sr1, %r28)
	mtsp	%r22, %sr1
	pdtlb	%r0(%sr1, %r28)
	sync
	bv	%r0(%r2)
	copy	%r20, %r28
