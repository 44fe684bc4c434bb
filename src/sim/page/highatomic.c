/*
 * highatomic.c - the pageblocks kept for high-order atomic allocations.
 */
#include "sim/page/highatomic.h"
#include "sim/machine-priv.h"
#include "sim/page/pageblock.h"

/*
 * 6.1 allows 1% of the zone plus a pageblock; 6.8+ (the 6.10+ mobility
 * model here) rounds 1% up to whole pageblocks and reserves nothing in a
 * zone whose 1% is less than one ("mm: page_alloc: correct
 * high-atomic reserve calculations").
 */
uint64_t
highatomic_max(const struct machine *m, int zone)
{
	uint64_t pct = m->zones[zone].managed / 100;

	if (m->prof->mobility == PAGEBLOCK_61)
		return pct + PAGEBLOCK_NR_PAGES;
	if (pct < PAGEBLOCK_NR_PAGES)
		return 0;
	return (pct + PAGEBLOCK_NR_PAGES - 1) &
	    ~(uint64_t)(PAGEBLOCK_NR_PAGES - 1);
}

void
highatomic_reserve(struct machine *m, uint64_t pfn, unsigned order)
{
	int	     zone = m->frames[pfn].zone;
	struct zone *z = &m->zones[zone];
	int	     mt = pageblock_migratetype(m, pfn);

	if (!pageblock_grouping(m) ||
	    z->nr_reserved_highatomic >= highatomic_max(m, zone))
		return;
	/* "Only reserve normal pageblocks (i.e., they can merge with
	 * others)" */
	if (mt >= MIGRATE_PCPTYPES)
		return;
	if (order >= PAGEBLOCK_ORDER) {
		pageblock_change_range(m, pfn, order, MIGRATE_HIGHATOMIC);
		z->nr_reserved_highatomic += 1ull << order;
		return;
	}
	if (!pageblock_move_free(m, pfn, MIGRATE_HIGHATOMIC))
		return;
	pageblock_set_migratetype(m, pfn, MIGRATE_HIGHATOMIC);
	z->nr_reserved_highatomic += PAGEBLOCK_NR_PAGES;
}

/* The head of the first non-empty HIGHATOMIC list of the zone, or
 * PFN_NONE (get_page_from_free_area() from order 0 up). */
static uint64_t
highatomic_free_block(const struct zone *z)
{
	unsigned o;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		uint32_t
		    head = z->free_area[o].free_list[MIGRATE_HIGHATOMIC].head;

		if (head != PFN_NONE)
			return head;
	}
	return PFN_NONE;
}

int
highatomic_unreserve(struct machine *m, int highest, int mt, int force)
{
	int z;

	for (z = highest; z >= 0; z--) {
		struct zone *zone = &m->zones[z];
		uint64_t     pfn;

		if (zone->managed == 0 ||
		    (!force &&
			zone->nr_reserved_highatomic <= PAGEBLOCK_NR_PAGES))
			continue;
		pfn = highatomic_free_block(zone);
		if (pfn == PFN_NONE)
			continue;
		if (pageblock_migratetype(m, pfn) == MIGRATE_HIGHATOMIC)
			zone->nr_reserved_highatomic -=
			    zone->nr_reserved_highatomic < PAGEBLOCK_NR_PAGES ?
			    zone->nr_reserved_highatomic :
			    PAGEBLOCK_NR_PAGES;
		pageblock_set_migratetype(m, pfn, mt);
		if (pageblock_move_free(m, pfn, mt))
			return 1;
	}
	return 0;
}
