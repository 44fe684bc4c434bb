/*
 * gfp.c - the table of GFP flag names and their values.
 *
 * Composite names come first so that gfp_format() describes a mask the
 * way a kernel developer writes it (GFP_KERNEL|__GFP_ZERO), as the
 * kernel's own show_gfp_flags() in include/trace/events/mmflags.h does.
 */
#include "sim/page/gfp.h"
#include "common/strdist.h"

#include <string.h>

const struct gfp_name gfp_table[] = {
	{ "GFP_TRANSHUGE", GFP_TRANSHUGE, 1, "transparent huge page, may compact" },
	{ "GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT, 1, "transparent huge page, no reclaim" },
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE, 1, "user pages the kernel may migrate (page faults)" },
	{ "GFP_HIGHUSER", GFP_HIGHUSER, 1, "user pages, highmem allowed" },
	{ "GFP_USER", GFP_USER, 1, "for user space; may sleep" },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT, 1, "GFP_KERNEL charged to the memory cgroup" },
	{ "GFP_KERNEL", GFP_KERNEL, 1, "normal kernel allocation; may sleep and reclaim" },
	{ "GFP_NOFS", GFP_NOFS, 1, "may sleep, but not call into filesystems" },
	{ "GFP_NOIO", GFP_NOIO, 1, "may sleep, but not start I/O" },
	{ "GFP_ATOMIC", GFP_ATOMIC, 1, "never sleeps; may use part of the reserve (interrupts)" },
	{ "GFP_NOWAIT", GFP_NOWAIT, 1, "never sleeps; no reserve access" },
	{ "GFP_DMA32", GFP_DMA32, 1, "memory below 4 GiB" },
	{ "GFP_DMA", GFP_DMA, 1, "memory below 16 MiB (ZONE_DMA)" },
	{ "__GFP_RECLAIM", __GFP_RECLAIM, 1, "direct and kswapd reclaim" },
	{ "__GFP_DMA", ___GFP_DMA, 0, "only ZONE_DMA" },
	{ "__GFP_HIGHMEM", ___GFP_HIGHMEM, 0, "highmem allowed (no-op on x86-64)" },
	{ "__GFP_DMA32", ___GFP_DMA32, 0, "only ZONE_DMA32 and below" },
	{ "__GFP_MOVABLE", ___GFP_MOVABLE, 0, "page can be migrated" },
	{ "__GFP_RECLAIMABLE", ___GFP_RECLAIMABLE, 0, "reclaimable slab" },
	{ "__GFP_HIGH", ___GFP_HIGH, 0, "high priority: may use half the min reserve" },
	{ "__GFP_IO", ___GFP_IO, 0, "may start physical I/O" },
	{ "__GFP_FS", ___GFP_FS, 0, "may call into the filesystem" },
	{ "__GFP_ZERO", ___GFP_ZERO, 0, "return zeroed memory" },
	{ "__GFP_DIRECT_RECLAIM", ___GFP_DIRECT_RECLAIM, 0, "may enter direct reclaim: may sleep" },
	{ "__GFP_KSWAPD_RECLAIM", ___GFP_KSWAPD_RECLAIM, 0, "wake kswapd when low" },
	{ "__GFP_WRITE", ___GFP_WRITE, 0, "page will be dirtied" },
	{ "__GFP_NOWARN", ___GFP_NOWARN, 0, "no allocation-failure warning" },
	{ "__GFP_RETRY_MAYFAIL", ___GFP_RETRY_MAYFAIL, 0, "retry hard, may still fail" },
	{ "__GFP_NOFAIL", ___GFP_NOFAIL, 0, "retry forever" },
	{ "__GFP_NORETRY", ___GFP_NORETRY, 0, "give up after one reclaim attempt" },
	{ "__GFP_MEMALLOC", ___GFP_MEMALLOC, 0, "may use all reserves" },
	{ "__GFP_COMP", ___GFP_COMP, 0, "compound page" },
	{ "__GFP_NOMEMALLOC", ___GFP_NOMEMALLOC, 0, "never use the emergency reserves" },
	{ "__GFP_HARDWALL", ___GFP_HARDWALL, 0, "enforce the cpuset memory policy" },
	{ "__GFP_THISNODE", ___GFP_THISNODE, 0, "only this NUMA node" },
	{ "__GFP_ACCOUNT", ___GFP_ACCOUNT, 0, "charge to the memory cgroup" },
	{ "__GFP_ZEROTAGS", ___GFP_ZEROTAGS, 0, "zero memory tags (arm64 MTE)" },
	{ "__GFP_SKIP_ZERO", ___GFP_SKIP_ZERO, 0, "skip zeroing (KASAN HW tags)" },
	{ "__GFP_SKIP_KASAN", ___GFP_SKIP_KASAN, 0, "skip KASAN poisoning" },
};
const size_t gfp_table_len = sizeof gfp_table / sizeof gfp_table[0];

const struct gfp_name *
gfp_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < gfp_table_len; i++) {
		if (strcmp(gfp_table[i].name, name) == 0)
			return &gfp_table[i];
	}
	return NULL;
}

const char *
gfp_suggest(const char *name)
{
	size_t i, d, best = 4;
	const char *found = NULL;

	for (i = 0; i < gfp_table_len; i++) {
		d = str_distance(name, gfp_table[i].name);
		if (d < best) {
			best = d;
			found = gfp_table[i].name;
		}
	}
	return found;
}

void
gfp_format(gfp_t gfp, struct sbuf *out)
{
	size_t i;
	int first = 1;

	if (gfp == 0) {
		sbuf_puts(out, "0");
		return;
	}
	/* Composites that are wholly contained, largest first, then bits. */
	for (i = 0; i < gfp_table_len && gfp != 0; i++) {
		const struct gfp_name *g = &gfp_table[i];

		if (g->value == 0 || (gfp & g->value) != g->value)
			continue;
		if (g->composite && g->value != gfp &&
		    strcmp(g->name, "__GFP_RECLAIM") != 0 &&
		    (g->value & ~gfp) != 0)
			continue;
		sbuf_printf(out, "%s%s", first ? "" : "|", g->name);
		first = 0;
		gfp &= ~g->value;
	}
	if (gfp != 0)
		sbuf_printf(out, "%s%#x", first ? "" : "|", gfp);
}
