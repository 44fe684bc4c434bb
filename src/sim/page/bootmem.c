/*
 * bootmem.c - the kernel's own boot-time allocations.
 */
#include "sim/page/bootmem.h"
#include "sim/machine-priv.h"
#include "sim/page/buddy.h"

/* Machines smaller than this boot bare (bootmem.h). */
#define BOOTMEM_MIN_RAM (128ull << 20)

/*
 * The orders the slab pages come in, in turn: SLUB gives most caches
 * order-0 to order-3 slabs (calculate_order()), kernel stacks are order
 * 2 (THREAD_SIZE_ORDER on x86-64).
 */
static const unsigned bootmem_orders[8] = { 0, 1, 3, 0, 2, 1, 0, 3 };

/* One block of the next order in turn; the pages it took, 0 on failure. */
static uint64_t
bootmem_take(struct machine *m, gfp_t gfp, unsigned *turn, uint64_t left)
{
	unsigned order = bootmem_orders[(*turn)++ % 8];
	uint64_t pfn;

	while (order > 0 && (1ull << order) > left)
		order--;
	if (buddy_alloc(m, gfp | ___GFP_NOWARN, order, FO_PAGES, &pfn) !=
	    SIM_OK)
		return 0;
	return 1ull << order;
}

void
bootmem_kernel(struct machine *m)
{
	uint64_t unmov = m->prof->boot_unmovable;
	uint64_t recl = m->prof->boot_reclaimable;
	unsigned tu = 0, tr = 0;

	if (m->cfg.ram < BOOTMEM_MIN_RAM)
		return;
	/* Both kinds by turns, as the boot's caches grow side by side. */
	while (unmov > 0 || recl > 0) {
		uint64_t got = 0;

		if (unmov > 0) {
			got = bootmem_take(m, GFP_KERNEL, &tu, unmov);
			unmov = got ? unmov - got : 0;
		}
		if (recl > 0) {
			got = bootmem_take(m, GFP_KERNEL | ___GFP_RECLAIMABLE,
			    &tr, recl);
			recl = got ? recl - got : 0;
		}
	}
}
