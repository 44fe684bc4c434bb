// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_kmalloctypes - which kmalloc cache serves a request, by GFP flags
 * and size, and which zone its slab's pages lie in.
 *
 * For every kind of flags (GFP_KERNEL, GFP_KERNEL_ACCOUNT, __GFP_RECLAIMABLE,
 * GFP_DMA and the combinations that test kmalloc_type()'s priorities) and
 * every size below, the module kmallocs COUNT objects and keeps them, then
 * prints one line:
 *
 *   result type KIND SIZE zone ZONE slab NAME start ... size N
 *
 * where "slab NAME ..." is what kmem_dump_obj() appends for the first
 * object (mm/slab_common.c: the name of the cache that served it) and ZONE
 * is the name of the zone of its page (page_zonenum()).  The objects stay
 * allocated, so /proc/slabinfo after the module (DUMPS="slabinfo") shows
 * at least COUNT more active objects for each (kind, size) in the cache
 * named.  Addresses differ from boot to boot; only names are compared.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>

#define TAG "memviz-probe: "
#define COUNT 40

struct kind {
	const char *name;
	gfp_t gfp;
};

static const struct kind kinds[] = {
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT },
	{ "GFP_KERNEL|__GFP_RECLAIMABLE", GFP_KERNEL | __GFP_RECLAIMABLE },
	{ "GFP_KERNEL|GFP_DMA", GFP_KERNEL | GFP_DMA },
	{ "GFP_KERNEL_ACCOUNT|__GFP_RECLAIMABLE",
	  GFP_KERNEL_ACCOUNT | __GFP_RECLAIMABLE },
	{ "GFP_KERNEL_ACCOUNT|GFP_DMA", GFP_KERNEL_ACCOUNT | GFP_DMA },
	{ "GFP_KERNEL|__GFP_RECLAIMABLE|GFP_DMA",
	  GFP_KERNEL | __GFP_RECLAIMABLE | GFP_DMA },
};

/* 100 and 150 land in kmalloc-128 and kmalloc-192 (kmalloc_size_index[]). */
static const size_t sizes[] = { 8, 16, 32, 64, 96, 100, 128, 150, 192,
				256, 512, 1024, 2048, 4096, 8192 };

/* The objects of one (kind, size); kept on purpose, never freed. */
static void *objs[COUNT];

static void probe_one(const struct kind *k, size_t size)
{
	volatile size_t n = size; /* a run-time size: __kmalloc's path */
	int i, got = 0;

	for (i = 0; i < COUNT; i++) {
		objs[i] = kmalloc(n, k->gfp | __GFP_NOWARN);
		if (objs[i])
			got++;
	}
	if (!objs[0]) {
		pr_info(TAG "result type %s %zu failed got=%d\n", k->name,
			size, got);
		return;
	}
	pr_info(TAG "result type %s %zu count %d zone %s", k->name, size, got,
		page_zone(virt_to_page(objs[0]))->name);
	kmem_dump_obj(objs[0]);
	pr_cont("\n");
}

static int __init memviz_kmalloctypes_init(void)
{
	size_t k, s;

	pr_info(TAG "info ZONE_DMA=%d MEMCG=%d count=%d\n",
		IS_ENABLED(CONFIG_ZONE_DMA), IS_ENABLED(CONFIG_MEMCG), COUNT);
	for (k = 0; k < ARRAY_SIZE(kinds); k++)
		for (s = 0; s < ARRAY_SIZE(sizes); s++)
			probe_one(&kinds[k], sizes[s]);
	pr_info(TAG "info done\n");
	return 0;
}
module_init(memviz_kmalloctypes_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: which kmalloc cache each GFP type uses");
