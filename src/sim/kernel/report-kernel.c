/*
 * report-kernel.c - /proc/slabinfo and /proc/vmallocinfo of the machine.
 *
 * slabinfo: version 2.1 as mm/slab_common.c prints it (print_slabinfo_
 * header(), cache_show()), for the general kmalloc caches of the profile,
 * newest first as the slab_caches list holds them: the caches
 * kmem_cache_create made (a merged one is its target's line), then the
 * kmalloc caches in the reverse of their boot order (create_kmalloc_cache()
 * adds each at the head; struct kcache_def .boot, the table's order where
 * that ties).  Linux 2.0 had no /proc/slabinfo; for that profile the
 * buckets are shown in the same format under a comment line.
 *
 * vmallocinfo: mm/vmalloc.c vmalloc_info_show(): the range, its size with
 * the guard page, the caller, pages=N, "vmalloc", N0=N; freed ranges
 * waiting for the lazy purge print as "unpurged vm_area".  The kernel
 * hashes addresses with %pK; memviz prints them plainly.  The caller
 * symbol is memviz's own entry point, since no kernel function asked.
 */
#include "sim/report.h"
#include "sim/machine-priv.h"
#include "sim/kernel/slab.h"
#include "sim/kernel/slab-common.h"
#include "sim/kernel/vmalloc.h"

#include <inttypes.h>

static void
report_slabinfo_cache(const struct machine *m, size_t ci, struct sbuf *out)
{
	struct slab_cache_info c;
	uint64_t	       pages = 1ull << 0;

	if (slab_cache_info(m, ci, &c) != 0 ||
	    slab_cache_own_const(m, ci)->unlinked)
		return; /* destroyed, or leaked off the list (6.12) */
	pages <<= c.order;
	/* SLUB's get_slabinfo(): all objects but the node partial slabs'
	 * free ones, so free objects held per CPU count as active */
	if (m->prof->kmalloc == KMALLOC_SLUB)
		c.active_objs = c.total_objs - c.node_free;
	sbuf_printf(out, "%-17s %6" PRIu64 " %6" PRIu64 " %6u %4u %4d", c.name,
	    c.active_objs, c.total_objs, c.size, c.objects, (int)pages);
	sbuf_printf(out, " : tunables %4u %4u %4u", c.limit, c.batchcount,
	    c.shared);
	sbuf_printf(out, " : slabdata %6" PRIu64 " %6" PRIu64 " %6lu\n",
	    c.slabs, c.slabs, 0ul);
}

/* Is cache a created after cache b?  Boot place, then table order. */
static int
report_slabinfo_newer(const struct machine *m, size_t a, size_t b)
{
	const struct kcache_def *ca = &m->prof->caches[a];
	const struct kcache_def *cb = &m->prof->caches[b];

	return ca->boot != cb->boot ? ca->boot > cb->boot : a > b;
}

/* The cache at place nth of the slab_caches list (newest first). */
static size_t
report_slabinfo_nth_newest(const struct machine *m, size_t nth)
{
	size_t n = m->prof->ncaches, i, j, newer;

	for (i = 0; i < n; i++) {
		for (newer = 0, j = 0; j < n; j++)
			newer += report_slabinfo_newer(m, j, i);
		if (newer == nth)
			return i;
	}
	return 0;
}

void
report_slabinfo(const struct machine *m, struct sbuf *out)
{
	size_t n = slab_cache_count(m), i;

	if (m->prof->kmalloc == KMALLOC_BUCKETS)
		sbuf_puts(out,
		    "# Linux 2.0 has no /proc/slabinfo: the buckets "
		    "of mm/kmalloc.c in its format\n");
	sbuf_puts(out, "slabinfo - version: 2.1\n");
	sbuf_puts(out,
	    "# name            <active_objs> <num_objs> <objsize> "
	    "<objperslab> <pagesperslab>");
	sbuf_puts(out, " : tunables <limit> <batchcount> <sharedfactor>");
	sbuf_puts(out, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
	sbuf_putc(out, '\n');
	/* Caches made by kmem_cache_create (slab-common.c), newest first. */
	for (i = n; i-- > m->prof->ncaches;)
		report_slabinfo_cache(m, i, out);
	for (i = 0; i < m->prof->ncaches; i++)
		report_slabinfo_cache(m, report_slabinfo_nth_newest(m, i), out);
}

void
report_vmallocinfo(const struct machine *m, struct sbuf *out)
{
	size_t			 i, n = vmalloc_area_count(m);
	struct vmalloc_area_info a;

	for (i = 0; i < n; i++) {
		vmalloc_area_info(m, i, &a);
		sbuf_printf(out, "0x%016" PRIx64 "-0x%016" PRIx64 " %7" PRIu64,
		    a.addr, a.addr + a.size, a.size);
		if (a.lazy) {
			sbuf_puts(out, " unpurged vm_area\n");
			continue;
		}
		sbuf_printf(out,
		    " memviz_vmalloc+0x0/0x0 pages=%" PRIu64
		    " vmalloc N0=%" PRIu64 "\n",
		    a.nr_pages, a.nr_pages);
	}
}
