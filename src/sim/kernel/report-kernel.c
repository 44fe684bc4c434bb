/*
 * report-kernel.c - /proc/slabinfo and /proc/vmallocinfo of the machine.
 *
 * slabinfo: version 2.1 as mm/slab_common.c prints it (print_slabinfo_
 * header(), cache_show()), for the general kmalloc caches of the profile,
 * newest first as the slab_caches list holds them: the power-of-two
 * caches from the largest down, then the others (6.x creates kmalloc-96
 * and kmalloc-192 first).  Linux 2.0 had no /proc/slabinfo; for that
 * profile the buckets are shown in the same format under a comment line.
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
#include "sim/kernel/vmalloc.h"

#include <inttypes.h>

static void
report_slabinfo_cache(const struct machine *m, size_t ci, struct sbuf *out)
{
	struct slab_cache_info c;
	uint64_t	       pages = 1ull << 0;

	slab_cache_info(m, ci, &c);
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

void
report_slabinfo(const struct machine *m, struct sbuf *out)
{
	size_t n = slab_cache_count(m), i;
	int    pass;

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
	/* 6.x: powers of two first (pass 0), then 192 and 96 (pass 1). */
	for (pass = 0; pass < 2; pass++) {
		for (i = n; i-- > 0;) {
			uint32_t sz = m->prof->caches[i].size;
			int	 late = m->prof->kmalloc == KMALLOC_SLUB &&
			    (sz & (sz - 1)) != 0;

			if (late == (pass == 1))
				report_slabinfo_cache(m, i, out);
		}
	}
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
