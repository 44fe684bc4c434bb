// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_pageblock.c - grouping by mobility, measured on a real kernel.
 *
 * Runs once at load, keeps what it allocated (the pagetypeinfo, zoneinfo
 * and buddyinfo dumps after it see the state it leaves), and prints
 * "result KEY VALUE" relations that hold from boot to boot:
 *
 *  unmov.pages, unmov.blocks   8192 order-0 GFP_KERNEL pages and the
 *                              number of pageblocks they landed in (about
 *                              one per 512 pages when whole blocks are
 *                              claimed by the fallback)
 *  boost.max, boost.high       the largest zone->watermark_boost seen
 *                              while allocating, and that zone's high
 *                              mark without boost
 *  holes                       the pages of odd pfn freed again, so that
 *                              no two buddies are free together
 *  order.K.reuse               yes when a GFP_KERNEL order-K page came
 *                              from one of those pageblocks, no when it
 *                              came from elsewhere (a fallback)
 *  movable9.count, .in_unmov   order-9 GFP_HIGHUSER_MOVABLE pages taken
 *                              (up to 32) and how many lie in those blocks
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define TAG "memviz-probe: "
#define RESULT(key, fmt, ...) \
	pr_info(TAG "result " key " " fmt "\n", ##__VA_ARGS__)

#define NR_UNMOV 8192
#define NR_MOV9 32
#define NR_BLOCKS 8192 /* pageblocks of 16 GiB, more than any boot here */

static unsigned long *bitmap;
static const unsigned long nblocks = NR_BLOCKS;

static void note_block(unsigned long pfn)
{
	unsigned long b = pfn >> pageblock_order;

	if (b < nblocks)
		__set_bit(b, bitmap);
}

static int in_blocks(unsigned long pfn)
{
	unsigned long b = pfn >> pageblock_order;

	return b < nblocks && test_bit(b, bitmap);
}

static void probe_unmovable(struct page **pages, unsigned long *boost,
			    unsigned long *high)
{
	unsigned int i, n = 0;

	for (i = 0; i < NR_UNMOV; i++) {
		struct page *p = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		struct zone *z;

		pages[i] = p;
		if (!p)
			continue;
		n++;
		note_block(page_to_pfn(p));
		z = page_zone(p);
		if (z->watermark_boost > *boost) {
			*boost = z->watermark_boost;
			*high = z->_watermark[WMARK_HIGH];
		}
	}
	RESULT("unmov.pages", "%u", n);
	RESULT("unmov.blocks", "%lu",
	       (unsigned long)bitmap_weight(bitmap, nblocks));
}

static void probe_holes(struct page **pages)
{
	unsigned int i, n = 0;

	for (i = 0; i < NR_UNMOV; i++) {
		if (pages[i] && (page_to_pfn(pages[i]) & 1)) {
			__free_page(pages[i]);
			pages[i] = NULL;
			n++;
		}
	}
	RESULT("holes", "%u", n);
}

static void probe_orders(void)
{
	unsigned int k;

	for (k = 0; k <= 10; k++) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN |
					     __GFP_NORETRY, k);

		if (!p) {
			pr_info(TAG "result order.%u.reuse none\n", k);
			continue;
		}
		pr_info(TAG "result order.%u.reuse %s\n", k,
			in_blocks(page_to_pfn(p)) ? "yes" : "no");
	}
}

static void probe_movable9(void)
{
	unsigned int i, n = 0, in = 0;

	for (i = 0; i < NR_MOV9; i++) {
		struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN |
					     __GFP_NORETRY, 9);

		if (!p)
			break;
		n++;
		in += in_blocks(page_to_pfn(p));
	}
	RESULT("movable9.count", "%u", n);
	RESULT("movable9.in_unmov", "%u", in);
}

static int __init memviz_pageblock_init(void)
{
	struct page **pages = vzalloc(sizeof(*pages) * NR_UNMOV);
	unsigned long boost = 0, high = 0;

	bitmap = bitmap_zalloc(nblocks, GFP_KERNEL);
	if (!pages || !bitmap)
		return -ENOMEM;
	pr_info(TAG "begin\n");
	RESULT("pageblock_order", "%u", (unsigned int)pageblock_order);
	probe_unmovable(pages, &boost, &high);
	RESULT("boost.max", "%lu", boost);
	RESULT("boost.high", "%lu", high);
	probe_holes(pages);
	probe_orders();
	probe_movable9();
	pr_info(TAG "end\n");
	return 0;
}

module_init(memviz_pageblock_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: pageblock migratetype probes");
