/*
 * report-pagetypeinfo.c - /proc/pagetypeinfo, as mm/vmstat.c's
 * pagetypeinfo_show() prints it: the pageblock size, the free blocks per
 * order of each migratetype's lists (pagetypeinfo_showfree_print()) and
 * the pageblocks of each type (pagetypeinfo_showblockcount_print()).
 * The mixed-block counts follow only with page_owner enabled at boot,
 * which Debian's kernels are not, so they are never printed.
 */
#include "sim/report.h"
#include "sim/machine-priv.h"
#include "sim/page/pageblock.h"

/* "the number of blocks is capped at 100000 to bound the time spent with
 * the zone lock held" (freecount >= 100000 prints ">100000"). */
#define PAGETYPEINFO_FREE_CAP 100000

static void
report_free_counts(const struct machine *m, int z, struct sbuf *out)
{
	const struct zone *zone = &m->zones[z];
	int		   mt;
	unsigned	   o;

	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		sbuf_printf(out, "Node %4d, zone %8s, type %12s ", 0,
		    zone->name, pageblock_type_name(mt));
		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			uint64_t n = zone->free_area[o].free_list[mt].nr;

			if (n >= PAGETYPEINFO_FREE_CAP)
				sbuf_printf(out, ">%6d ",
				    PAGETYPEINFO_FREE_CAP);
			else
				sbuf_printf(out, "%6llu ",
				    (unsigned long long)n);
		}
		sbuf_putc(out, '\n');
	}
}

static void
report_block_counts(const struct machine *m, int z, struct sbuf *out)
{
	uint64_t counts[MIGRATE_TYPES];
	int	 mt;

	pageblock_count(m, z, counts);
	sbuf_printf(out, "Node %d, zone %8s ", 0, m->zones[z].name);
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		sbuf_printf(out, "%12llu ", (unsigned long long)counts[mt]);
	sbuf_putc(out, '\n');
}

void
report_pagetypeinfo(const struct machine *m, struct sbuf *out)
{
	int	 z, mt;
	unsigned o;

	sbuf_printf(out, "Page block order: %d\n", PAGEBLOCK_ORDER);
	sbuf_printf(out, "Pages per block:  %u\n\n", PAGEBLOCK_NR_PAGES);
	sbuf_printf(out, "%-43s ",
	    "Free pages count per migrate type at order");
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		sbuf_printf(out, "%6u ", o);
	sbuf_putc(out, '\n');
	for (z = 0; z < m->nr_zones; z++)
		report_free_counts(m, z, out);
	sbuf_printf(out, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		sbuf_printf(out, "%12s ", pageblock_type_name(mt));
	sbuf_putc(out, '\n');
	for (z = 0; z < m->nr_zones; z++)
		report_block_counts(m, z, out);
}
