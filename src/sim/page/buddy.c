/*
 * buddy.c - the buddy page allocator, after mm/page_alloc.c.
 *
 * Free blocks are linked through their head frame's lru (next, prev) on
 * zone->free_area[order]; FF_BUDDY marks a head that is on a list, as
 * PageBuddy does.  buddy.h states the policy; this file
 * cites the kernel function each piece follows.
 */
#include "sim/page/buddy.h"
#include "sim/page/highatomic.h"
#include "sim/page/init-on.h"
#include "sim/page/thp.h"
#include "sim/machine-priv.h"
#include "sim/page/pageblock.h"
#include "sim/page/pagecache.h"
#include "sim/page/pcp.h"
#include "common/sbuf.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* alloc_flags, as in mm/internal.h (the subset that matters here). */
#define ALLOC_WMARK_MIN	    WMARK_MIN
#define ALLOC_WMARK_LOW	    WMARK_LOW
#define ALLOC_WMARK_MASK    0x03
#define ALLOC_NO_WATERMARKS 0x04 /* __GFP_MEMALLOC: ignore them all */
#define ALLOC_MIN_RESERVE   0x08 /* __GFP_HIGH: half the min reserve */
#define ALLOC_NON_BLOCK	    0x10 /* cannot sleep: a further quarter */
/* ALLOC_NOFRAGMENT and ALLOC_KSWAPD: pageblock.h */

/* Orders above this are "costly" (PAGE_ALLOC_COSTLY_ORDER). */
#define PAGE_ALLOC_COSTLY_ORDER 3

/* Direct reclaim frees SWAP_CLUSTER_MAX pages per attempt (mm/vmscan.c). */
#define SWAP_CLUSTER_MAX 32
/* should_reclaim_retry() gives up after this many fruitless rounds. */
#define MAX_RECLAIM_RETRIES 16

/* The migratetype whose list a free head is on. */
static int
free_list_mt(const struct frame *f)
{
	return (f->flags & FF_MT_MASK) >> FF_MT_SHIFT;
}

/* add_to_free_list(): on free_area[order].free_list[mt]. */
static void
free_list_add(struct machine *m, uint64_t pfn, unsigned order, int mt, int tail)
{
	struct frame *f = &m->frames[pfn];
	struct free_list
	    *fa = &m->zones[f->zone].free_area[order].free_list[mt];

	f->flags = (uint8_t)((f->flags & ~FF_MT_MASK) | FF_BUDDY | FF_HEAD |
	    (mt << FF_MT_SHIFT));
	f->order = (uint8_t)order;
	if (fa->head == PFN_NONE) {
		f->lru.next = f->lru.prev = PFN_NONE;
		fa->head = fa->tail = (uint32_t)pfn;
	} else if (tail) {
		f->lru.next = PFN_NONE;
		f->lru.prev = fa->tail;
		m->frames[fa->tail].lru.next = (uint32_t)pfn;
		fa->tail = (uint32_t)pfn;
	} else {
		f->lru.prev = PFN_NONE;
		f->lru.next = fa->head;
		m->frames[fa->head].lru.prev = (uint32_t)pfn;
		fa->head = (uint32_t)pfn;
	}
	fa->nr++;
	m->zones[f->zone].free_area[order].nr_free++;
	m->zones[f->zone].free_pages += 1ull << order;
}

static void
free_list_del(struct machine *m, uint64_t pfn, unsigned order)
{
	struct frame *f = &m->frames[pfn];
	struct free_list *
	    fa = &m->zones[f->zone].free_area[order].free_list[free_list_mt(f)];

	if (f->lru.prev != PFN_NONE)
		m->frames[f->lru.prev].lru.next = f->lru.next;
	else
		fa->head = f->lru.next;
	if (f->lru.next != PFN_NONE)
		m->frames[f->lru.next].lru.prev = f->lru.prev;
	else
		fa->tail = f->lru.prev;
	f->lru.next = f->lru.prev = 0;
	f->flags &= (uint8_t) ~(FF_BUDDY | FF_MT_MASK);
	fa->nr--;
	m->zones[f->zone].free_area[order].nr_free--;
	m->zones[f->zone].free_pages -= 1ull << order;
}

/* move_to_free_list(): to the tail of another type's list. */
void
buddy_move_to_free_list(struct machine *m, uint64_t pfn, unsigned order, int mt)
{
	free_list_del(m, pfn, order);
	free_list_add(m, pfn, order, mt, 1);
}

/* Marks a whole block free (owner and counters), head not yet listed. */
static void
buddy_mark_free(struct machine *m, uint64_t pfn, unsigned order)
{
	uint64_t i, n = 1ull << order;

	for (i = 0; i < n; i++) {
		struct frame *f = &m->frames[pfn + i];

		m->owner_count[f->owner]--;
		m->owner_count[FO_FREE]++;
		f->owner = FO_FREE;
		f->flags &= (uint8_t) ~(FF_HEAD | FF_BUDDY);
		f->order = 0;
		f->lru.next = f->lru.prev = 0;
	}
}

static int
buddy_is_free_block(const struct machine *m, uint64_t pfn, unsigned order,
    int zone)
{
	const struct frame *f;

	if (pfn >= m->nframes)
		return 0;
	f = &m->frames[pfn];
	return (f->flags & FF_BUDDY) && f->order == order && f->zone == zone;
}

/*
 * buddy_merge_likely(): when the block one order up could merge soon, the
 * freed block goes to the tail so that it is not handed out first.
 */
static int
buddy_merge_likely(const struct machine *m, uint64_t pfn, unsigned order)
{
	uint64_t higher, higher_buddy;

	if (order >= MAX_PAGE_ORDER - 1)
		return 0;
	higher = pfn & ~(1ull << order);
	higher_buddy = higher ^ (1ull << (order + 1));
	return buddy_is_free_block(m, higher_buddy, order + 1,
	    m->frames[pfn].zone);
}

/*
 * __free_one_page(): merge upwards while the buddy is free, then list on
 * mt.  6.10+ makes a buddy pageblock of another type match ("so that an
 * expand() down the line puts the sub-blocks on the right freelists").
 */
static void
buddy_free_one(struct machine *m, uint64_t pfn, unsigned order, int mt,
    int to_tail)
{
	int	      zone = m->frames[pfn].zone;
	struct event *ev;

	while (order < MAX_PAGE_ORDER) {
		uint64_t buddy = pfn ^ (1ull << order);

		if (!buddy_is_free_block(m, buddy, order, zone))
			break;
		if (m->prof->mobility == PAGEBLOCK_612 &&
		    !m->mobility_disabled && order >= PAGEBLOCK_ORDER)
			pageblock_set_migratetype(m, buddy, mt);
		free_list_del(m, buddy, order);
		m->frames[buddy].flags &= (uint8_t)~FF_HEAD;
		m->frames[pfn].flags &= (uint8_t)~FF_HEAD;
		pfn &= buddy;
		order++;
		ev = step_emit(m->st, EV_MERGE);
		ev->pfn = pfn;
		ev->order = order;
		ev->zone = zone;
	}
	if (!to_tail)
		to_tail = buddy_merge_likely(m, pfn, order);
	free_list_add(m, pfn, order, mt, to_tail);
	ev = step_emit(m->st, EV_PAGES_FREE);
	ev->pfn = pfn;
	ev->order = order;
	ev->zone = zone;
	ev->aux = (uint64_t)to_tail;
}

/* Clears 2^order frames for the reason why (an EV_ZERO naming it). */
static void
buddy_zero(struct machine *m, uint64_t pfn, unsigned order, const char *why)
{
	struct event *ev = why != NULL ? step_emitf(m->st, EV_ZERO, "%s", why) :
					 step_emit(m->st, EV_ZERO);

	phys_zero_frames(m, pfn, 1ull << order);
	ev->pfn = pfn;
	ev->size = PAGE_SIZE << order;
	m->st->zeroed += PAGE_SIZE << order;
}

/* free_pages_prepare(): with init_on_free the block is cleared first. */
static void
buddy_free_prepare(struct machine *m, uint64_t pfn, unsigned order)
{
	if (init_on_free_wanted(m))
		buddy_zero(m, pfn, order, "init_on_free");
	buddy_mark_free(m, pfn, order);
}

void
buddy_free_one_page(struct machine *m, uint64_t pfn, unsigned order, int mt)
{
	buddy_free_one(m, pfn, order, mt, 0);
}

/* __free_pages(): free_unref_page() for the orders the per-CPU lists
 * take, else __free_pages_ok() straight to the buddy lists. */
void
buddy_free(struct machine *m, uint64_t pfn, unsigned order)
{
	int mt = pageblock_migratetype(m, pfn);

	buddy_free_prepare(m, pfn, order);
	if (pcp_allowed_order(m, order))
		pcp_free(m, pfn, order, mt);
	else
		buddy_free_one(m, pfn, order, mt, 0);
}

void
buddy_release_range(struct machine *m, uint64_t start, uint64_t end)
{
	/* __free_pages_memory(): largest naturally aligned blocks. */
	while (start < end) {
		unsigned order = MAX_PAGE_ORDER;

		while (order > 0 &&
		    ((start & ((1ull << order) - 1)) != 0 ||
			start + (1ull << order) > end))
			order--;
		buddy_free_prepare(m, start, order);
		buddy_free_one(m, start, order, pageblock_migratetype(m, start),
		    1); /* FPI_TO_TAIL */
		start += 1ull << order;
	}
}

/* The rights that reach the reserves (ALLOC_RESERVES, mm/internal.h). */
#define ALLOC_RESERVES (ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK | ALLOC_HIGHATOMIC)

/* A block of at least order on a list the request may take: the three
 * ordinary types, and the high-atomic reserve with ALLOC_HIGHATOMIC. */
static int
zone_has_block(const struct zone *z, unsigned order, int alloc_flags)
{
	unsigned o;
	int	 mt;

	for (o = order; o < NR_PAGE_ORDERS; o++) {
		const struct free_area *a = &z->free_area[o];

		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (a->free_list[mt].nr > 0)
				return 1;
		if ((alloc_flags & ALLOC_HIGHATOMIC) &&
		    a->free_list[MIGRATE_HIGHATOMIC].nr > 0)
			return 1;
	}
	return 0;
}

/* __zone_watermark_ok() with the 6.3+ reserve reductions; the
 * high-atomic reserve is no free memory to a request without a right to
 * the reserves (__zone_watermark_unusable_free()). */
static int
zone_watermark_ok(const struct machine *m, int zone, unsigned order,
    uint64_t mark, int highest_zone, int alloc_flags)
{
	const struct zone *z = &m->zones[zone];
	int64_t		   min = (int64_t)mark, free_pages;

	free_pages = (int64_t)z->free_pages - (int64_t)(1ull << order) + 1;
	if (!(alloc_flags & ALLOC_RESERVES))
		free_pages -= (int64_t)z->nr_reserved_highatomic;
	if (alloc_flags & ALLOC_MIN_RESERVE) {
		min -= min / 2;
		if (alloc_flags & ALLOC_NON_BLOCK)
			min -= min / 4;
	}
	if (free_pages <= min + (int64_t)z->lowmem_reserve[highest_zone])
		return 0;
	/* For order > 0, a block of at least that order must exist. */
	return order == 0 || zone_has_block(z, order, alloc_flags);
}

int
buddy_watermark_ok(const struct machine *m, int zone, unsigned order,
    uint64_t mark, int highest_zone)
{
	return zone_watermark_ok(m, zone, order, mark, highest_zone, 0);
}

/* page_del_and_expand(): off its list, split down to order, each upper
 * half onto mt's list; then took. */
uint64_t
buddy_del_and_expand(struct machine *m, uint64_t pfn, unsigned o,
    unsigned order, int mt, int took)
{
	int	      zone = m->frames[pfn].zone;
	struct event *ev;

	free_list_del(m, pfn, o);
	while (o > order) {
		ev = step_emit(m->st, EV_SPLIT);
		ev->pfn = pfn;
		ev->order = o;
		ev->zone = zone;
		o--;
		free_list_add(m, pfn + (1ull << o), o, mt, 0);
	}
	ev = step_emit(m->st, (enum event_kind)took);
	ev->pfn = pfn;
	ev->order = order;
	ev->zone = zone;
	return pfn;
}

/* __rmqueue_smallest(): the head of mt's first non-empty list at or
 * above order, split down (expand(): the lower half is kept). */
uint64_t
buddy_rmqueue_smallest(struct machine *m, int zone, unsigned order, int mt,
    int took)
{
	struct zone *z = &m->zones[zone];
	unsigned     o;

	for (o = order; o < NR_PAGE_ORDERS; o++) {
		if (z->free_area[o].free_list[mt].head != PFN_NONE)
			return buddy_del_and_expand(m,
			    z->free_area[o].free_list[mt].head, o, order, mt,
			    took);
	}
	return UINT64_MAX;
}

uint64_t
buddy_rmqueue(struct machine *m, int zone, unsigned order, int mt,
    int alloc_flags, int took)
{
	uint64_t pfn = buddy_rmqueue_smallest(m, zone, order, mt, took);

	if (pfn == UINT64_MAX)
		pfn = pageblock_rmqueue_fallback(m, zone, order, mt,
		    alloc_flags, took);
	return pfn;
}

static void buddy_kswapd(struct machine *m, int highest);

/*
 * rmqueue_buddy(): a high-atomic request tries the reserve first; 6.10+
 * lets any request that cannot sleep fall back on it ("If the
 * allocation fails, allow OOM handling and order-0 access to
 * high-atomic reserves").  After a per-CPU miss only the reserve is new.
 */
static uint64_t
rmqueue_buddy(struct machine *m, int zone, unsigned order, int mt,
    int alloc_flags)
{
	uint64_t pfn = UINT64_MAX;
	int	 pcp = pcp_allowed_order(m, order);

	if (alloc_flags & ALLOC_HIGHATOMIC)
		pfn = buddy_rmqueue_smallest(m, zone, order, MIGRATE_HIGHATOMIC,
		    EV_PAGES_ALLOC);
	if (pfn == UINT64_MAX && !pcp)
		pfn = buddy_rmqueue(m, zone, order, mt, alloc_flags,
		    EV_PAGES_ALLOC);
	if (pfn == UINT64_MAX && (alloc_flags & ALLOC_NON_BLOCK) &&
	    m->prof->mobility == PAGEBLOCK_612)
		pfn = buddy_rmqueue_smallest(m, zone, order, MIGRATE_HIGHATOMIC,
		    EV_PAGES_ALLOC);
	return pfn;
}

/* rmqueue(): the per-CPU list for the orders it serves, else the buddy
 * lists; a zone a fallback boosted wakes kswapd ("Separate test+clear to
 * avoid unnecessary atomics"). */
static uint64_t
rmqueue(struct machine *m, int zone, unsigned order, int mt, int alloc_flags)
{
	uint64_t pfn = UINT64_MAX;

	if (pcp_allowed_order(m, order))
		pfn = pcp_rmqueue(m, zone, order, mt, alloc_flags);
	if (pfn == UINT64_MAX)
		pfn = rmqueue_buddy(m, zone, order, mt, alloc_flags);
	if (m->zones[zone].boosted_wmark) {
		m->zones[zone].boosted_wmark = 0;
		buddy_kswapd(m, zone);
	}
	return pfn;
}

/*
 * 6.7+ get_page_from_freelist(): a zone found below its high watermark
 * gets ZONE_BELOW_HIGH, so that frees shrink its pcp->high.
 */
static void
buddy_check_below_high(struct machine *m, int z, unsigned order, int highest,
    int alloc_flags)
{
	struct zone *zone = &m->zones[z];

	if (m->prof->pcp != PCP_AUTOTUNE || (zone->pcp_flags & PCP_BELOW_HIGH))
		return;
	if (!zone_watermark_ok(m, z, order,
		zone->wmark[WMARK_HIGH] + zone->watermark_boost, highest,
		alloc_flags)) /* high_wmark_pages() */
		zone->pcp_flags |= PCP_BELOW_HIGH;
}

/* gfp_zone(): the highest zone the flags allow on this machine. */
static int
gfp_highest_zone(const struct machine *m, gfp_t gfp)
{
	int z = ZONE_NORMAL;

	if (gfp & ___GFP_DMA)
		z = ZONE_DMA;
	else if (gfp & ___GFP_DMA32)
		z = ZONE_DMA32;
	return z < m->nr_zones ? z : m->nr_zones - 1;
}

/*
 * zone_watermark_fast(): against the boosted mark, except that an order-0
 * __GFP_HIGH request checking min ignores the boost ("the min watermark
 * is the point where boosting is ignored"): GFP_ATOMIC gets through where
 * GFP_NOWAIT fails.
 */
static int
zone_watermark_fast(const struct machine *m, int z, unsigned order,
    uint64_t mark, int highest, int alloc_flags)
{
	const struct zone *zone = &m->zones[z];

	if (zone_watermark_ok(m, z, order, mark, highest, alloc_flags))
		return 1;
	if (order == 0 && (alloc_flags & ALLOC_MIN_RESERVE) &&
	    zone->watermark_boost &&
	    (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)
		return zone_watermark_ok(m, z, 0, zone->wmark[WMARK_MIN],
		    highest, alloc_flags);
	return 0;
}

/* get_page_from_freelist(): zonelist order, highest zone first; with
 * ALLOC_NOFRAGMENT failing everywhere, once more without it ("It's
 * possible on a UMA machine to get through all zones that are
 * fragmented"). */
static uint64_t
get_page_from_freelist(struct machine *m, unsigned order, int highest, int mt,
    int alloc_flags)
{
	int z;

	for (z = highest; z >= 0; z--) {
		const struct zone *zone = &m->zones[z];
		uint64_t mark = zone->wmark[alloc_flags & ALLOC_WMARK_MASK] +
		    zone->watermark_boost; /* wmark_pages() */

		if (zone->managed == 0)
			continue;
		buddy_check_below_high(m, z, order, highest, alloc_flags);
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(m, z, order, mark, highest,
			alloc_flags)) {
			struct event *ev = step_emit(m->st, EV_WMARK);

			ev->zone = z;
			ev->aux = (uint64_t)(alloc_flags & ALLOC_WMARK_MASK);
			continue;
		}
		if (zone->free_pages >= (1ull << order) ||
		    pcp_allowed_order(m, order)) {
			uint64_t pfn = rmqueue(m, z, order, mt, alloc_flags);

			/* "If this is a high-order atomic allocation then
			 * check if the pageblock should be reserved" */
			if (pfn != UINT64_MAX &&
			    (alloc_flags & ALLOC_HIGHATOMIC))
				highatomic_reserve(m, pfn, order);
			if (pfn != UINT64_MAX)
				return pfn;
		}
	}
	if (alloc_flags & ALLOC_NOFRAGMENT)
		return get_page_from_freelist(m, order, highest, mt,
		    alloc_flags & ~ALLOC_NOFRAGMENT);
	return UINT64_MAX;
}

/*
 * alloc_flags_nofragment(): ALLOC_KSWAPD from the flags, and on a node
 * whose preferred zone is Normal with DMA32 below it, ALLOC_NOFRAGMENT,
 * so that the fast path steals only whole pageblocks from other types.
 */
static int
alloc_flags_nofragment(const struct machine *m, int highest, gfp_t gfp)
{
	int flags = (gfp & ___GFP_KSWAPD_RECLAIM) ? ALLOC_KSWAPD : 0;

	if (highest == ZONE_NORMAL && m->zones[ZONE_DMA32].managed > 0)
		flags |= ALLOC_NOFRAGMENT;
	return flags;
}

/*
 * gfp_to_alloc_flags(): the slow path's rights.  __GFP_HIGH halves the
 * min mark; a caller that cannot reclaim directly (and has no
 * __GFP_NOMEMALLOC) gets ALLOC_NON_BLOCK, which takes a further quarter
 * off only together with __GFP_HIGH.  So GFP_ATOMIC reaches 3/8 of min
 * and GFP_NOWAIT none of it.  Such a caller asking for more than a page
 * gets ALLOC_HIGHATOMIC (6.3+; 6.1's ALLOC_HARDER came from __GFP_ATOMIC,
 * which GFP_ATOMIC carried and GFP_NOWAIT did not).
 */
static int
gfp_to_alloc_flags(gfp_t gfp, unsigned order)
{
	int flags = ALLOC_WMARK_MIN;

	if (!gfp_may_sleep(gfp) && !(gfp & ___GFP_NOMEMALLOC) && order > 0)
		flags |= ALLOC_HIGHATOMIC;

	if (gfp & ___GFP_HIGH)
		flags |= ALLOC_MIN_RESERVE;
	if (gfp & ___GFP_KSWAPD_RECLAIM)
		flags |= ALLOC_KSWAPD;
	if (!gfp_may_sleep(gfp) && !(gfp & ___GFP_NOMEMALLOC))
		flags |= ALLOC_NON_BLOCK;
	return flags;
}

/* __gfp_pfmemalloc_flags(): __GFP_MEMALLOC ignores every watermark. */
static int
gfp_reserve_flags(gfp_t gfp, int flags)
{
	if ((gfp & ___GFP_MEMALLOC) && !(gfp & ___GFP_NOMEMALLOC))
		return flags | ALLOC_NO_WATERMARKS;
	return flags;
}

/*
 * kswapd: reclaim until every zone is back above its high watermark.  It
 * runs in the background in Linux; here it runs within the step that woke
 * it, after the waker has its answer, so it cannot help that request.
 */
static void
buddy_kswapd(struct machine *m, int highest)
{
	int	      z;
	uint64_t      got = 0;
	struct event *ev;

	for (z = highest; z >= 0; z--) {
		struct zone *zone = &m->zones[z];
		uint64_t high = zone->wmark[WMARK_HIGH] + zone->watermark_boost;

		/* balance_pgdat(): a boosted zone is reclaimed to its
		 * boosted high mark, then the boost is dropped. */
		zone->watermark_boost = 0;
		if (zone->managed == 0 || zone->free_pages >= high)
			continue;
		got += pagecache_reclaim(m, high - zone->free_pages, z);
	}
	ev = step_emit(m->st, EV_KSWAPD);
	ev->size = got;
	m->st->reclaimed += got;
}

/*
 * warn_alloc(): "<comm>: page allocation failure: order:N, mode:0x..(..),
 * nodemask=(null)"; __GFP_NOWARN keeps the kernel quiet, so the reason
 * then says only that NULL came back.
 */
static enum sim_status
buddy_fail(struct machine *m, gfp_t gfp, unsigned order, const char *why)
{
	struct sbuf	b = SBUF_INIT;
	enum sim_status s;

	gfp_format(gfp, &b);
	step_emitf(m->st, EV_FAIL, "%s", why);
	if (gfp & ___GFP_NOWARN)
		s = step_fail(m->st, SIM_ENOMEM,
		    "order:%u allocation "
		    "returned NULL without a warning (__GFP_NOWARN): %s",
		    order, why);
	else
		s = step_fail(m->st, SIM_ENOMEM,
		    "memviz: page allocation "
		    "failure: order:%u, mode:%#x(%s), nodemask=(null)",
		    order, gfp, sbuf_str(&b));
	sbuf_free(&b);
	return s;
}

/*
 * Direct reclaim (__alloc_pages_direct_reclaim()), SWAP_CLUSTER_MAX pages
 * a round, retried as should_reclaim_retry() allows: not for costly
 * orders without __GFP_RETRY_MAYFAIL, not after __GFP_NORETRY's first
 * round, never once a round frees nothing.
 */
static uint64_t
buddy_direct_reclaim(struct machine *m, gfp_t gfp, unsigned order, int highest,
    int alloc_flags)
{
	int	 mt = pageblock_gfp_migratetype(m, gfp);
	uint64_t pfn = UINT64_MAX, got;
	int	 round, retry, drained = 0;

	retry = !(gfp & ___GFP_NORETRY) &&
	    (order <= PAGE_ALLOC_COSTLY_ORDER || (gfp & ___GFP_RETRY_MAYFAIL));
	for (round = 0; round < MAX_RECLAIM_RETRIES; round++) {
		if (!m->st->slept) {
			step_emit(m->st, EV_SLEEP);
			m->st->slept = 1;
		}
		got = pagecache_reclaim(m, SWAP_CLUSTER_MAX, highest);
		m->st->reclaimed += got;
		pfn = get_page_from_freelist(m, order, highest, mt,
		    alloc_flags);
		if (pfn == UINT64_MAX && !drained) {
			/* "pages are pinned on the per-cpu lists": drain
			 * them all and try again (__alloc_pages_direct_reclaim),
			 * a spare high-atomic block given back first when
			 * reclaim made progress (it returns before otherwise) */
			if (got > 0)
				highatomic_unreserve(m, highest, mt, 0);
			pcp_drain_all(m);
			drained = 1;
			pfn = get_page_from_freelist(m, order, highest, mt,
			    alloc_flags);
		}
		if (pfn != UINT64_MAX || got == 0 || !retry)
			break;
	}
	/* should_reclaim_retry() out of progress: any reserve block goes
	 * back, and the allocation tries once more. */
	if (pfn == UINT64_MAX && retry &&
	    highatomic_unreserve(m, highest, mt, 1))
		pfn = get_page_from_freelist(m, order, highest, mt,
		    alloc_flags);
	return pfn;
}

/* __alloc_pages_slowpath(), without compaction and the OOM killer. */
static uint64_t
buddy_slowpath(struct machine *m, gfp_t gfp, unsigned order, int highest)
{
	int	 flags = gfp_to_alloc_flags(gfp, order);
	int	 mt = pageblock_gfp_migratetype(m, gfp);
	uint64_t pfn;

	pfn = get_page_from_freelist(m, order, highest, mt, flags);
	if (pfn == UINT64_MAX && gfp_reserve_flags(gfp, flags) != flags)
		pfn = get_page_from_freelist(m, order, highest, mt,
		    gfp_reserve_flags(gfp, flags));
	if (pfn == UINT64_MAX && gfp_may_sleep(gfp))
		pfn = buddy_direct_reclaim(m, gfp, order, highest, flags);
	if (flags & ALLOC_KSWAPD)
		buddy_kswapd(m, highest);
	return pfn;
}

/* prep_new_page(): the new owner, and zeroed for __GFP_ZERO or
 * init_on_alloc. */
static void
buddy_prep_new_page(struct machine *m, gfp_t gfp, uint64_t pfn, unsigned order,
    enum frame_owner o)
{
	phys_set_owner(m, pfn, order, o, 0, 0);
	if (init_on_page_alloc(m, gfp))
		buddy_zero(m, pfn, order,
		    (gfp & ___GFP_ZERO) ? NULL : "init_on_alloc");
}

enum sim_status
buddy_alloc(struct machine *m, gfp_t gfp, unsigned order, enum frame_owner o,
    uint64_t *pfnp)
{
	int	 highest = gfp_highest_zone(m, gfp);
	uint64_t pfn;

	/* WARN_ON_ONCE_GFP(): silent under __GFP_NOWARN */
	if (order > MAX_PAGE_ORDER && (gfp & ___GFP_NOWARN))
		return step_fail(m->st, SIM_EINVAL,
		    "order %u > MAX_PAGE_ORDER (%d): NULL returned without a "
		    "warning (__GFP_NOWARN)",
		    order, MAX_PAGE_ORDER);
	if (order > MAX_PAGE_ORDER)
		return step_fail(m->st, SIM_EINVAL,
		    "WARNING: at "
		    "mm/page_alloc.c __alloc_pages(): order %u > "
		    "MAX_PAGE_ORDER (%d), NULL returned",
		    order, MAX_PAGE_ORDER);
	pfn = get_page_from_freelist(m, order, highest,
	    pageblock_gfp_migratetype(m, gfp),
	    ALLOC_WMARK_LOW | alloc_flags_nofragment(m, highest, gfp));
	if (pfn == UINT64_MAX)
		pfn = buddy_slowpath(m, gfp, order, highest);
	if (pfn == UINT64_MAX)
		return buddy_fail(m, gfp, order,
		    gfp_may_sleep(gfp) ?
			"reclaim found nothing more to free" :
			(gfp & ___GFP_HIGH) ?
			"cannot sleep, and the part of the reserve it may use "
			"is "
			"gone" :
			"cannot sleep, and has no right to the reserve");
	buddy_prep_new_page(m, gfp, pfn, order, o);
	*pfnp = pfn;
	return SIM_OK;
}

/*
 * __alloc_pages_bulk(): one watermark check for the whole request (the
 * low mark plus the pages asked for), then single pages from the CPU's
 * list, refilled as it empties.  For one page, without per-CPU lists or
 * with no zone above the mark it takes none: the caller's page-by-page
 * fallback then makes the single allocation the kernel's "failed:" path
 * would.
 */
unsigned
buddy_alloc_bulk(struct machine *m, gfp_t gfp, unsigned nr, enum frame_owner o,
    uint64_t *pfns)
{
	int	 highest = gfp_highest_zone(m, gfp), z;
	unsigned n = 0;

	for (z = highest; nr > 1 && pcp_allowed_order(m, 0) && z >= 0; z--) {
		const struct zone *zone = &m->zones[z];

		if (zone->managed != 0 &&
		    zone_watermark_ok(m, z, 0, zone->wmark[WMARK_LOW] + nr,
			highest, 0))
			break;
	}
	if (nr <= 1 || !pcp_allowed_order(m, 0) || z < 0)
		return 0;
	while (n < nr) {
		uint64_t pfn = pcp_rmqueue(m, z, 0,
		    pageblock_gfp_migratetype(m, gfp), ALLOC_WMARK_LOW);

		if (pfn == UINT64_MAX)
			break;
		buddy_prep_new_page(m, gfp, pfn, 0, o);
		pfns[n++] = pfn;
	}
	return n;
}

static uint64_t
int_sqrt(uint64_t x)
{
	uint64_t r = 0, bit = 1ull << 62;

	while (bit > x)
		bit >>= 2;
	while (bit != 0) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else
			r >>= 1;
		bit >>= 2;
	}
	return r;
}

/*
 * nr_free_buffer_pages(): managed pages above the high watermark in the
 * zones GFP_USER may use (all of them on x86-64).
 */
static uint64_t
buddy_nr_free_buffer_pages(const struct machine *m)
{
	uint64_t sum = 0;
	int	 z;

	for (z = 0; z < m->nr_zones; z++) {
		const struct zone *zone = &m->zones[z];

		if (zone->managed > zone->wmark[WMARK_HIGH])
			sum += zone->managed - zone->wmark[WMARK_HIGH];
	}
	return sum;
}

/* __setup_per_zone_wmarks(): min shared out by managed pages, then low and
 * high a delta above (max(min/4, managed * scale / 10000) since 4.6). */
static void
buddy_setup_per_zone_wmarks(struct machine *m)
{
	uint64_t pages_min = m->min_free_kbytes >> (PAGE_SHIFT - 10);
	uint64_t lowmem = 0, min, delta;
	int	 z;

	for (z = 0; z < m->nr_zones; z++)
		lowmem += m->zones[z].managed;
	for (z = 0; z < m->nr_zones; z++) {
		struct zone *zone = &m->zones[z];

		min = lowmem ? pages_min * zone->managed / lowmem : 0;
		if (m->prof->wmark_scale_factor > 0) {
			delta = zone->managed *
			    (uint64_t)m->prof->wmark_scale_factor / 10000;
			if (delta < min / 4)
				delta = min / 4;
			zone->wmark[WMARK_MIN] = min;
			zone->wmark[WMARK_LOW] = min + delta;
			zone->wmark[WMARK_HIGH] = min + 2 * delta;
		} else { /* before 4.6: min, min*5/4, min*3/2 */
			zone->wmark[WMARK_MIN] = min;
			zone->wmark[WMARK_LOW] = min + min / 4;
			zone->wmark[WMARK_HIGH] = min + min / 2;
		}
	}
	/* setup_per_zone_wmarks(): "The watermark size have changed so
	 * update the pcpu batch and high limits" (zone_pcp_update()). */
	pcp_update(m);
}

/* setup_per_zone_lowmem_reserve(): what a lower zone keeps back from
 * requests that could have used a higher one (ratios 256, 256, 32). */
static void
buddy_setup_lowmem_reserve(struct machine *m)
{
	static const unsigned ratio[MAX_NR_ZONES] = { 256, 256, 32 };
	int		      z, j;

	for (z = 0; z < m->nr_zones; z++) {
		uint64_t managed = 0;

		for (j = z + 1; j < MAX_NR_ZONES; j++) {
			if (j < m->nr_zones)
				managed += m->zones[j].managed;
			m->zones[z].lowmem_reserve[j] = m->zones[z].managed ?
			    managed / ratio[z] :
			    0;
		}
	}
}

/*
 * init_per_zone_wmark_min(): calculate_min_free_kbytes() (int_sqrt of 16
 * times lowmem in KiB, clamped to [128, the profile's cap]), then the
 * watermarks and the lowmem reserves.  Runs before the late boot memory
 * is freed, as in the kernel.
 */
void
buddy_setup_watermarks(struct machine *m)
{
	m->min_free_kbytes = int_sqrt(buddy_nr_free_buffer_pages(m) * 4 * 16);
	if (m->min_free_kbytes < 128)
		m->min_free_kbytes = 128;
	if (m->min_free_kbytes > m->prof->min_free_kbytes_max)
		m->min_free_kbytes = m->prof->min_free_kbytes_max;
	buddy_setup_per_zone_wmarks(m);
	buddy_setup_lowmem_reserve(m);
}

/*
 * khugepaged's set_recommended_min_free_kbytes(): with THP enabled
 * (always or madvise, on 512 MiB or more: thp.c), room for 2 + 3*3
 * pageblocks (512 pages) per zone, at most 5% of lowmem.
 */
void
buddy_setup_thp(struct machine *m)
{
	uint64_t rec;

	if (!thp_khugepaged_runs(m))
		return;
	rec = 512ull * (uint64_t)m->nr_zones * (2 + 3 * 3);
	if (rec > buddy_nr_free_buffer_pages(m) / 20)
		rec = buddy_nr_free_buffer_pages(m) / 20;
	if ((rec << (PAGE_SHIFT - 10)) > m->min_free_kbytes)
		m->min_free_kbytes = rec << (PAGE_SHIFT - 10);
	buddy_setup_per_zone_wmarks(m);
}

/*
 * The frames after a free block's head are free and heads of nothing:
 * a merge must have cleared the buddy it absorbed (as __free_one_page()
 * clears PageBuddy on it), or a walk would see two blocks in one.
 */
static int
buddy_check_block(const struct machine *m, uint64_t pfn, unsigned o,
    struct sbuf *why)
{
	uint64_t i;

	for (i = 1; i < (1ull << o) && pfn + i < m->nframes; i++) {
		const struct frame *f = &m->frames[pfn + i];

		if (f->owner != FO_FREE || (f->flags & FF_BUDDY)) {
			sbuf_printf(why,
			    "order-%u block at pfn %#llx: frame "
			    "%#llx inside it is %s",
			    o, (unsigned long long)pfn,
			    (unsigned long long)(pfn + i),
			    f->owner != FO_FREE ? "not free" :
						  "a free block's head");
			return -1;
		}
	}
	return 0;
}

/* One free list: each block well formed, its head marked with the
 * list's type, and as many as the list counts; adds up its pages. */
static int
buddy_check_list(const struct machine *m, int z, unsigned o, int mt,
    uint64_t *pages, struct sbuf *why)
{
	const struct zone      *zone = &m->zones[z];
	const struct free_list *l = &zone->free_area[o].free_list[mt];
	uint64_t		pfn = l->head, n = 0, prev = PFN_NONE;

	for (; pfn != PFN_NONE; prev = pfn, pfn = m->frames[pfn].lru.next) {
		const struct frame *f = &m->frames[pfn];

		if (!(f->flags & FF_BUDDY) || f->order != o || f->zone != z ||
		    f->owner != FO_FREE || f->lru.prev != prev ||
		    free_list_mt(f) != mt || (pfn & ((1ull << o) - 1)) != 0) {
			sbuf_printf(why,
			    "zone %s order %u %s: bad block at pfn %#llx",
			    zone->name, o, pageblock_type_name(mt),
			    (unsigned long long)pfn);
			return -1;
		}
		if (++n > l->nr)
			break;
		if (buddy_check_block(m, pfn, o, why) != 0)
			return -1;
		*pages += 1ull << o;
	}
	if (n != l->nr) {
		sbuf_printf(why, "zone %s order %u %s: nr %llu but %llu listed",
		    zone->name, o, pageblock_type_name(mt),
		    (unsigned long long)l->nr, (unsigned long long)n);
		return -1;
	}
	return 0;
}

static int
buddy_check_zone(const struct machine *m, int z, uint64_t *listed,
    struct sbuf *why)
{
	const struct zone *zone = &m->zones[z];
	unsigned	   o;
	uint64_t	   pages = 0;
	int		   mt;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		uint64_t n = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			if (buddy_check_list(m, z, o, mt, &pages, why) != 0)
				return -1;
			n += zone->free_area[o].free_list[mt].nr;
		}
		if (n != zone->free_area[o].nr_free) {
			sbuf_printf(why,
			    "zone %s order %u: nr_free %llu but "
			    "%llu listed",
			    zone->name, o,
			    (unsigned long long)zone->free_area[o].nr_free,
			    (unsigned long long)n);
			return -1;
		}
	}
	if (pages != zone->free_pages) {
		sbuf_printf(why,
		    "zone %s: free_pages %llu but lists hold "
		    "%llu",
		    zone->name, (unsigned long long)zone->free_pages,
		    (unsigned long long)pages);
		return -1;
	}
	*listed += pages;
	return 0;
}

int
buddy_check(const struct machine *m, char **cause)
{
	struct sbuf why = SBUF_INIT;
	uint64_t    listed = 0, counted = 0, pfn;
	int	    z;

	for (z = 0; z < m->nr_zones; z++) {
		if (buddy_check_zone(m, z, &listed, &why) != 0)
			goto bad;
	}
	for (pfn = 0; pfn < m->nframes; pfn++) {
		if (m->frames[pfn].owner == FO_FREE)
			counted++;
	}
	listed += pcp_total(m);
	if (counted != listed || counted != m->owner_count[FO_FREE]) {
		sbuf_printf(&why,
		    "%llu frames owned by nobody, %llu on free "
		    "and per-CPU lists, counter says %llu",
		    (unsigned long long)counted, (unsigned long long)listed,
		    (unsigned long long)m->owner_count[FO_FREE]);
		goto bad;
	}
	return 0;
bad:
	*cause = xstrdup(sbuf_str(&why));
	sbuf_free(&why);
	return -1;
}
