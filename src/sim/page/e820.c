/*
 * e820.c - the q35/SeaBIOS memory map (see e820.h).
 */
#include "sim/page/e820.h"

/* pc_q35_init(): lowmem is 0xb0000000, or 2 GiB once RAM reaches it. */
#define Q35_LOWMEM	  0xb0000000ull
#define Q35_LOWMEM_SPLIT  0x80000000ull
#define E820_4G_PFN	  0x100000ull
#define SEABIOS_TOP_PAGES 33	/* e820 reserved 0x...fdf000 - 0x...fffff */
#define LEGACY_HOLE_START 0x9f	/* EBDA at 0x9fc00, VGA, BIOS ROM */
#define LEGACY_HOLE_END	  0x100 /* 1 MiB */

void
e820_q35(uint64_t ram, struct e820_map *e)
{
	uint64_t n = ram >> 12, low = n;

	e->high_start = E820_4G_PFN;
	e->high_end = E820_4G_PFN;
	if (ram >= Q35_LOWMEM) {
		low = Q35_LOWMEM_SPLIT >> 12;
		e->high_end = E820_4G_PFN + (n - low);
	}
	e->low_ram_end = low;
	e->low_end = n >= E820_REAL_MIN_PFN ? low - SEABIOS_TOP_PAGES : low;
	e->max_pfn = e->high_end > E820_4G_PFN ? e->high_end : low;
}

int
e820_hole(const struct e820_map *e, uint64_t pfn)
{
	return pfn >= e->low_ram_end && pfn < e->high_start;
}

int
e820_present(const struct e820_map *e, uint64_t pfn)
{
	if (pfn == 0 || pfn >= e->max_pfn || e820_hole(e, pfn))
		return 0;
	if (pfn >= LEGACY_HOLE_START && pfn < LEGACY_HOLE_END)
		return e->low_ram_end <= LEGACY_HOLE_END;
	return pfn < e->low_end || pfn >= e->high_start;
}

uint64_t
e820_node_end(const struct e820_map *e)
{
	return e->high_end > e->high_start ? e->high_end : e->low_end;
}
