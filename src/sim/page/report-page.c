/*
 * report.c - /proc views of the page allocator: buddyinfo, zoneinfo,
 * meminfo.  slabinfo and vmallocinfo are in report-kernel.c, maps in
 * report-maps.c.
 *
 * Only lines the machine can fill truthfully are printed, each in the
 * kernel's exact layout, so a reader's habits and parsers carry over.
 * Counts come from the frame owners (phys_count()) and the zones.
 */
#include "sim/report.h"
#include "sim/machine-priv.h"
#include "sim/page/overcommit.h"
#include "sim/page/pcp.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* The kernel's zone list has Movable and Device after Normal. */
#define REPORT_NR_ZONES 5
static const char *const report_zone_names[REPORT_NR_ZONES] = { "DMA", "DMA32",
	"Normal", "Movable", "Device" };

/* mm/vmstat.c frag_show_print(): "Node 0, zone %8s" then %6lu per order;
 * populated zones only. */
void
report_buddyinfo(const struct machine *m, struct sbuf *out)
{
	int	 z;
	unsigned o;

	for (z = 0; z < m->nr_zones; z++) {
		sbuf_printf(out, "Node 0, zone %8s ", m->zones[z].name);
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			sbuf_printf(out, "%6llu ",
			    (unsigned long long)m->zones[z]
				.free_area[o]
				.nr_free);
		sbuf_putc(out, '\n');
	}
}

/* Frames of each owner per zone, counted by walking the frames. */
static void
report_zone_counts(const struct machine *m,
    uint64_t				 counts[MAX_NR_ZONES][FO__COUNT])
{
	uint64_t pfn;

	memset(counts, 0, sizeof(uint64_t) * MAX_NR_ZONES * FO__COUNT);
	for (pfn = 0; pfn < m->nframes; pfn++)
		counts[m->frames[pfn].zone][m->frames[pfn].owner]++;
}

/* "      %-12s %lu", as zoneinfo prints every vmstat item. */
static void
report_stat(struct sbuf *out, const char *name, uint64_t v)
{
	sbuf_printf(out, "\n      %-12s %llu", name, (unsigned long long)v);
}

/* The node's counters, printed once under the first populated zone. */
static void
report_node_stats(const struct machine *m, struct sbuf *out)
{
	sbuf_puts(out, "\n  per-node stats");
	report_stat(out, "nr_inactive_anon", phys_count(m, FO_ANON));
	report_stat(out, "nr_active_anon", 0);
	report_stat(out, "nr_inactive_file", phys_count(m, FO_PAGECACHE));
	report_stat(out, "nr_active_file", 0);
	report_stat(out, "nr_unevictable", 0);
	report_stat(out, "nr_slab_reclaimable", 0);
	report_stat(out, "nr_slab_unreclaimable",
	    phys_count(m, FO_SLAB) + phys_count(m, FO_KMALLOC_LARGE));
	report_stat(out, "nr_anon_pages", phys_count(m, FO_ANON));
	report_stat(out, "nr_file_pages", phys_count(m, FO_PAGECACHE));
	report_stat(out, "nr_page_table_pages", phys_count(m, FO_PGTABLE));
}

/*
 * The watermark block and protection line every zone prints; an empty
 * zone prints empty_wmark for min, low and high (the profile's figure
 * for Movable, 0 for the others).
 */
static void
report_zone_head(const struct zone *zone, int populated, uint32_t empty_wmark,
    struct sbuf *out)
{
	struct zone empty = { .wmark = { empty_wmark, empty_wmark,
				  empty_wmark } };
	int	    j;
	uint64_t    boost;

	if (!populated)
		zone = &empty;
	/* min_wmark_pages() and the others include watermark_boost. */
	boost = zone->watermark_boost;

	sbuf_printf(out, "\n  pages free     %llu",
	    (unsigned long long)zone->free_pages);
	sbuf_printf(out, "\n        boost    %llu", (unsigned long long)boost);
	sbuf_printf(out, "\n        min      %llu",
	    (unsigned long long)(zone->wmark[WMARK_MIN] + boost));
	sbuf_printf(out, "\n        low      %llu",
	    (unsigned long long)(zone->wmark[WMARK_LOW] + boost));
	sbuf_printf(out, "\n        high     %llu",
	    (unsigned long long)(zone->wmark[WMARK_HIGH] + boost));
	/* WMARK_PROMO: high plus the same delta again. */
	sbuf_printf(out, "\n        promo    %llu",
	    (unsigned long long)(2 * zone->wmark[WMARK_HIGH] -
		zone->wmark[WMARK_LOW] + boost));
	sbuf_printf(out, "\n        spanned  %llu",
	    (unsigned long long)zone->spanned);
	sbuf_printf(out, "\n        present  %llu",
	    (unsigned long long)zone->present_pages);
	sbuf_printf(out, "\n        managed  %llu",
	    (unsigned long long)zone->managed);
	sbuf_printf(out, "\n        cma      0");
	sbuf_puts(out, "\n        protection: (");
	for (j = 0; j < REPORT_NR_ZONES; j++)
		sbuf_printf(out, "%s%llu", j ? ", " : "",
		    (unsigned long long)zone
			->lowmem_reserve[j < MAX_NR_ZONES ? j :
							    MAX_NR_ZONES - 1]);
	sbuf_putc(out, ')');
}

static int
report_fls(uint64_t x)
{
	int n = 0;

	while (x != 0) {
		n++;
		x >>= 1;
	}
	return n;
}

/*
 * The "pagesets" part: each online CPU's count, high and batch (6.12
 * prints the tuned high), then calculate_normal_threshold()'s vm stats
 * threshold, 2 * fls(cpus) * (1 + fls(managed / 128 MiB)), at most 125.
 * Nothing when the profile does not model per-CPU lists.
 */
static void
report_pagesets(const struct machine *m, int z, struct sbuf *out)
{
	const struct per_cpu_pages *p;
	unsigned		    cpu;
	int			    t;

	if (pcp_pageset(m, z, 0) == NULL)
		return;
	sbuf_puts(out, "\n  pagesets");
	for (cpu = 0; (p = pcp_pageset(m, z, cpu)) != NULL; cpu++)
		sbuf_printf(out,
		    "\n    cpu: %u\n              count: %d"
		    "\n              high:  %d\n              batch: %d",
		    cpu, p->count, p->high, p->batch);
	t = 2 * report_fls(m->cfg.cpus) *
	    (1 + report_fls(m->zones[z].managed >> (27 - PAGE_SHIFT)));
	sbuf_printf(out, "\n  vm stats threshold: %d", t < 125 ? t : 125);
}

/*
 * mm/vmstat.c zoneinfo_show_print(): every zone of the node, populated or
 * not; an empty one stops after its protection line.
 */
void
report_zoneinfo(const struct machine *m, struct sbuf *out)
{
	uint64_t(*c)[FO__COUNT] = xcalloc(MAX_NR_ZONES, sizeof *c);
	int z;

	report_zone_counts(m, c);
	for (z = 0; z < REPORT_NR_ZONES; z++) {
		int populated = z < m->nr_zones && m->zones[z].present_pages;
		const struct zone *zone = &m->zones[z < MAX_NR_ZONES ? z : 0];

		sbuf_printf(out, "Node 0, zone %8s", report_zone_names[z]);
		if (z == 0)
			report_node_stats(m, out);
		report_zone_head(zone, populated,
		    z == 3 ? m->prof->movable_empty_wmark : 0, out);
		if (!populated) {
			sbuf_putc(out, '\n');
			continue;
		}
		report_stat(out, "nr_free_pages", zone->free_pages);
		report_stat(out, "nr_zone_inactive_anon", c[z][FO_ANON]);
		report_stat(out, "nr_zone_active_anon", 0);
		report_stat(out, "nr_zone_inactive_file", c[z][FO_PAGECACHE]);
		report_stat(out, "nr_zone_active_file", 0);
		report_pagesets(m, z, out);
		sbuf_printf(out, "\n  node_unreclaimable:  0");
		sbuf_printf(out, "\n  start_pfn:           %llu\n",
		    (unsigned long long)zone->start_pfn);
	}
	free(c);
}

/* fs/proc/meminfo.c show_val_kb(): the label padded to 16, "%8lu kB". */
static void
report_kb(struct sbuf *out, const char *label, uint64_t pages)
{
	sbuf_printf(out, "%-16s%8llu kB\n", label,
	    (unsigned long long)(pages << (PAGE_SHIFT - 10)));
}

/*
 * calculate_totalreserve_pages(): per zone the largest lowmem reserve
 * plus the high watermark, at most the zone's managed pages.
 */
static uint64_t
report_totalreserve(const struct machine *m)
{
	uint64_t total = 0, max;
	int	 z, j;

	for (z = 0; z < m->nr_zones; z++) {
		const struct zone *zone = &m->zones[z];

		max = 0;
		for (j = z; j < MAX_NR_ZONES; j++) {
			if (zone->lowmem_reserve[j] > max)
				max = zone->lowmem_reserve[j];
		}
		max += zone->wmark[WMARK_HIGH];
		total += max < zone->managed ? max : zone->managed;
	}
	return total;
}

/*
 * si_mem_available(): free pages above the reserves, plus the page cache
 * except what must stay (half of it, or the low watermarks' worth).
 * Reclaimable slab is zero here: kmalloc caches are unreclaimable.
 */
static uint64_t
report_mem_available(const struct machine *m)
{
	int64_t avail, cache, wmark_low = 0, keep;
	int	z;

	for (z = 0; z < m->nr_zones; z++)
		wmark_low += (int64_t)m->zones[z].wmark[WMARK_LOW];
	avail = (int64_t)phys_count(m, FO_FREE) -
	    (int64_t)report_totalreserve(m);
	cache = (int64_t)phys_count(m, FO_PAGECACHE);
	keep = cache / 2 < wmark_low ? cache / 2 : wmark_low;
	avail += cache - keep;
	return avail < 0 ? 0 : (uint64_t)avail;
}

/*
 * fs/proc/meminfo.c meminfo_proc_show(), the lines that apply: no swap,
 * no buffers, no dirty or shared pages, no huge pages.  Free frames the
 * sim reserved at boot are outside MemTotal, as in the kernel.
 */
void
report_meminfo(const struct machine *m, struct sbuf *out)
{
	uint64_t anon = phys_count(m, FO_ANON);
	uint64_t cache = phys_count(m, FO_PAGECACHE);
	uint64_t slab = phys_count(m, FO_SLAB) +
	    phys_count(m, FO_KMALLOC_LARGE);

	report_kb(out, "MemTotal:", m->totalram_pages);
	/* NR_FREE_PAGES: pages on the per-CPU lists are not counted */
	report_kb(out, "MemFree:", phys_count(m, FO_FREE) - pcp_total(m));
	report_kb(out, "MemAvailable:", report_mem_available(m));
	report_kb(out, "Buffers:", 0);
	report_kb(out, "Cached:", cache);
	report_kb(out, "SwapCached:", 0);
	report_kb(out, "Active:", 0);
	report_kb(out, "Inactive:", anon + cache);
	report_kb(out, "Active(anon):", 0);
	report_kb(out, "Inactive(anon):", anon);
	report_kb(out, "Active(file):", 0);
	report_kb(out, "Inactive(file):", cache);
	report_kb(out, "Unevictable:", 0);
	report_kb(out, "Mlocked:", 0);
	report_kb(out, "SwapTotal:", 0);
	report_kb(out, "SwapFree:", 0);
	report_kb(out, "Dirty:", 0);
	report_kb(out, "Writeback:", 0);
	report_kb(out, "AnonPages:", anon);
	report_kb(out, "Mapped:", 0);
	report_kb(out, "Shmem:", 0);
	report_kb(out, "KReclaimable:", 0);
	report_kb(out, "Slab:", slab);
	report_kb(out, "SReclaimable:", 0);
	report_kb(out, "SUnreclaim:", slab);
	report_kb(out, "PageTables:", phys_count(m, FO_PGTABLE));
	report_kb(out, "CommitLimit:", overcommit_commit_limit(m));
	report_kb(out, "Committed_AS:", overcommit_committed(m));
	sbuf_printf(out, "%-16s%8llu kB\n", "VmallocTotal:",
	    (unsigned long long)((m->prof->vmalloc_end -
				     m->prof->vmalloc_start) >>
		10));
	report_kb(out, "VmallocUsed:", phys_count(m, FO_VMALLOC));
	report_kb(out, "VmallocChunk:", 0);
}
