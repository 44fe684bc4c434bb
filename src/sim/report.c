/*
 * report.c - /proc views of the page allocator: buddyinfo, zoneinfo,
 * meminfo.  slabinfo and vmallocinfo are in report-kernel.c, maps in
 * report-maps.c.
 */
#include "sim/report.h"
#include "sim/machine-priv.h"

/* mm/vmstat.c frag_show_print(): "Node 0, zone %8s" then %6lu per order. */
void
report_buddyinfo(const struct machine *m, struct sbuf *out)
{
	int z;
	unsigned o;

	for (z = 0; z < m->nr_zones; z++) {
		sbuf_printf(out, "Node 0, zone %8s ", m->zones[z].name);
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			sbuf_printf(out, "%6llu ", (unsigned long long)
			    m->zones[z].free_area[o].nr_free);
		sbuf_putc(out, '\n');
	}
}

void report_zoneinfo(const struct machine *m, struct sbuf *out) { (void)m; (void)out; }
void report_meminfo(const struct machine *m, struct sbuf *out) { (void)m; (void)out; }
