/*
 * workload.c - the background life of the machine before the user arrives.
 *
 * A seeded mix of what a running system does to its page allocator:
 * files are read into the page cache one order-0 page at a time
 * (GFP_HIGHUSER_MOVABLE, as filemap_alloc_folio() for a small folio), and
 * between the reads the kernel takes short-lived blocks of orders 0..3
 * (GFP_KERNEL: skbs, task structures, pipe buffers) that it frees again a
 * little later.  Then files are truncated and evicted in runs, leaving
 * holes of many sizes between the pages that stay cached.
 *
 * fragment (0..100) is the share of the free memory above the zones'
 * high watermarks that the reads go through: 0 is a fresh boot, 100 walks
 * all of it.  Ageing never lets a zone it takes from fall to its high
 * watermark, so it wakes kswapd only where a kernel block had to split a
 * movable pageblock (the watermark boost, pageblock.h), and the machine a
 * user starts with has all its free memory above the high watermarks.
 * Everything is silent (the boot step records nothing) and deterministic
 * (rng_next()).
 */
#include "sim/page/workload.h"
#include "sim/page/buddy.h"
#include "sim/machine-priv.h"
#include "sim/page/pagecache.h"

#define WORKLOAD_POOL	  256 /* kernel blocks alive at once */
#define WORKLOAD_KEEP_RUN 48  /* cached pages kept together, at most */
#define WORKLOAD_DROP_RUN 96  /* pages truncated together, at most */

struct workload_block {
	uint64_t pfn;
	unsigned order;
};

/* Orders of the short-lived kernel blocks, most of them single pages. */
static const unsigned workload_orders[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1,
	1, 2, 2, 3, 3 };

/* Can an order-`order` request be served above the high watermark? */
static int
workload_room(const struct machine *m, unsigned order)
{
	int z, top = m->nr_zones - 1;

	for (z = top; z >= 0; z--) {
		const struct zone *zone = &m->zones[z];

		if (zone->managed > 0 &&
		    zone->free_pages > zone->wmark[WMARK_HIGH] +
			    zone->lowmem_reserve[top] + (1ull << order) &&
		    buddy_watermark_ok(m, z, order, zone->wmark[WMARK_HIGH],
			top))
			return 1;
	}
	return 0;
}

/* Free pages above the high watermarks, in the zones ageing may use. */
static uint64_t
workload_headroom(const struct machine *m)
{
	uint64_t sum = 0, floor;
	int	 z, top = m->nr_zones - 1;

	for (z = 0; z < m->nr_zones; z++) {
		const struct zone *zone = &m->zones[z];

		floor = zone->wmark[WMARK_HIGH] + zone->lowmem_reserve[top];
		if (zone->free_pages > floor)
			sum += zone->free_pages - floor;
	}
	return sum;
}

/* A kernel block comes or goes; the pool replaces a random old one. */
static void
workload_kernel(struct machine *m, struct workload_block *pool, size_t *n)
{
	unsigned	       order = workload_orders[rng_below(&m->rng, 16)];
	struct workload_block *b;
	uint64_t	       pfn;

	if (*n == WORKLOAD_POOL) {
		b = &pool[rng_below(&m->rng, *n)];
		buddy_free(m, b->pfn, b->order);
		*b = pool[--*n];
	}
	if (!workload_room(m, order) ||
	    buddy_alloc(m, GFP_KERNEL | ___GFP_NOWARN, order, FO_PAGES, &pfn) !=
		SIM_OK)
		return;
	pool[*n].pfn = pfn;
	pool[*n].order = order;
	(*n)++;
}

/* One page read into the page cache; 0 when there is no room left. */
static int
workload_read(struct machine *m)
{
	uint64_t pfn;

	if (!workload_room(m, 0) ||
	    buddy_alloc(m, GFP_HIGHUSER_MOVABLE | ___GFP_NOWARN, 0,
		FO_PAGECACHE, &pfn) != SIM_OK)
		return 0;
	pagecache_add(m, pfn);
	return 1;
}

void
workload_age(struct machine *m, unsigned fragment)
{
	struct workload_block pool[WORKLOAD_POOL];
	size_t		      n = 0;
	uint64_t	      reads;

	if (fragment == 0)
		return;
	reads = workload_headroom(m) * fragment / 100;
	while (reads > 0) {
		if (rng_below(&m->rng, 8) == 0)
			workload_kernel(m, pool, &n);
		else if (workload_read(m))
			reads--;
		else
			break;
	}
	/* Half the kernel's blocks stay: a running system's slab pages,
	 * page tables and task structures live on among the freed ones, so
	 * the kernel's own pageblocks end riddled with single free pages,
	 * which is where its next order-0 pages (and vmalloc's) come from. */
	while (n > 0) {
		n--;
		if (n % 2 == 0)
			buddy_free(m, pool[n].pfn, pool[n].order);
	}
	pagecache_thin(m, WORKLOAD_KEEP_RUN, WORKLOAD_DROP_RUN);
}
