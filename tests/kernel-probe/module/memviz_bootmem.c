// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_bootmem - what the kernel itself holds right after boot, for
 * memviz's model of the boot-time allocations.  The module does nothing
 * but report the page counters that /proc/meminfo sums (captured with
 * DUMPS="meminfo pagetypeinfo", whose before-lines are the figures that
 * matter: Slab, SReclaimable, SUnreclaim, KernelStack, PageTables,
 * Percpu, and the pageblocks of each migratetype).  One "result KEY
 * VALUE" line per counter, in pages.
 */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>

#define TAG "memviz-probe: "
#define RESULT(key, fmt, ...) pr_info(TAG "result " key " " fmt "\n", ##__VA_ARGS__)

static int __init memviz_bootmem_init(void)
{
	RESULT("slab_reclaimable", "%lu",
	       global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B));
	RESULT("slab_unreclaimable", "%lu",
	       global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B));
	RESULT("free", "%lu", global_zone_page_state(NR_FREE_PAGES));
	return 0;
}
module_init(memviz_bootmem_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: the kernel's own memory after boot");
