// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_highatomic - when the kernel sets pageblocks aside for high-order
 * atomic allocations (MIGRATE_HIGHATOMIC) and when it gives them back.
 * Boot with the default 256M and one CPU; one "result KEY VALUE" line per
 * figure.
 *
 *  fill.*     order-0 GFP_NOWAIT pages until the first failure: they may
 *             not dip below the min watermark, so the zones end below
 *             their low mark, where the fast path of any request fails
 *             and the slow path runs with the caller's rights.
 *  atomic.*   then up to ATOMIC_TRIES order-2 GFP_ATOMIC requests: each one
 *             that succeeds in the slow path may turn its pageblock into a
 *             HIGHATOMIC one (reserve_highatomic_pageblock()), up to the
 *             zone's limit; reserved.ZONE is nr_reserved_highatomic in
 *             pages afterwards, managed.ZONE the zone's size.
 *  noretry.*  then order-0 GFP_KERNEL | __GFP_NORETRY requests until the
 *             first failure: direct reclaim finds nothing, and before
 *             draining the per-CPU lists the kernel gives one reserve block
 *             back unless it is the zone's last
 *             (unreserve_highatomic_pageblock(ac, false)); reserved.ZONE
 *             again afterwards.
 * Everything taken is freed before the module returns, so that the
 * pagetypeinfo dump after it runs on a machine with memory to spare.
 */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/list.h>

#define TAG "memviz-probe: "
#define RESULT(key, fmt, ...) pr_info(TAG "result " key " " fmt "\n", ##__VA_ARGS__)

#define ATOMIC_TRIES 256

static LIST_HEAD(held0);
static LIST_HEAD(held2);

/* Takes order-n pages with gfp onto list until one fails or max is hit. */
static unsigned long take(gfp_t gfp, unsigned int n, struct list_head *list,
			  unsigned long max)
{
	unsigned long got = 0;
	struct page *p;

	while (got < max) {
		p = alloc_pages(gfp | __GFP_NOWARN, n);
		if (!p)
			break;
		list_add(&p->lru, list);
		got++;
	}
	return got;
}

static void give_back(struct list_head *list, unsigned int n)
{
	struct page *p, *t;

	list_for_each_entry_safe(p, t, list, lru) {
		list_del(&p->lru);
		__free_pages(p, n);
	}
}

/* The node's zones through NODE_DATA (node_data is exported; the
 * iterators' first_online_pgdat and next_zone are not). */
#define for_each_zone_of_node0(z) \
	for (z = NODE_DATA(0)->node_zones; \
	     z < NODE_DATA(0)->node_zones + MAX_NR_ZONES; z++) \
		if (populated_zone(z))

static void print_zones(const char *phase)
{
	struct zone *z;

	for_each_zone_of_node0(z) {
		pr_info(TAG "result %s.reserved.%s %lu\n", phase, z->name,
			z->nr_reserved_highatomic);
		pr_info(TAG "result %s.free.%s %lu\n", phase, z->name,
			zone_page_state(z, NR_FREE_PAGES));
	}
}

static int __init memviz_highatomic_init(void)
{
	struct zone *z;
	unsigned long n;

	for_each_zone_of_node0(z)
		pr_info(TAG "result managed.%s %lu\n", z->name,
			zone_managed_pages(z));
	print_zones("boot");
	n = take(GFP_NOWAIT, 0, &held0, ULONG_MAX);
	RESULT("fill.pages", "%lu", n);
	print_zones("fill");
	n = take(GFP_ATOMIC, 2, &held2, ATOMIC_TRIES);
	RESULT("atomic.order2_ok", "%lu", n);
	print_zones("atomic");
	n = take(GFP_KERNEL | __GFP_NORETRY, 0, &held0, ULONG_MAX);
	RESULT("noretry.pages", "%lu", n);
	print_zones("noretry");
	give_back(&held2, 2);
	give_back(&held0, 0);
	print_zones("end");
	return 0;
}
module_init(memviz_highatomic_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: MIGRATE_HIGHATOMIC reserves on a real kernel");
