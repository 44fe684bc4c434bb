/*
 * pageblock.c - pageblock migratetypes and the buddy's fallback between
 * them, after mm/page_alloc.c: gfp_migratetype(), fallbacks[],
 * can_steal_fallback(), find_suitable_fallback(), __rmqueue_fallback(),
 * steal_suitable_fallback() (6.1) and its 6.10+ form, move_freepages_block()
 * and boost_watermark().  pageblock.h states the model.
 */
#include "sim/page/pageblock.h"
#include "sim/page/buddy.h"
#include "sim/machine-priv.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* vm.watermark_boost_factor's default: boost up to 150% of high. */
#define WATERMARK_BOOST_FACTOR 15000

static const char *const migratetype_names[MIGRATE_TYPES] = {
#define MIGRATETYPE_NAME(e, name) name,
	MIGRATETYPES(MIGRATETYPE_NAME)
#undef MIGRATETYPE_NAME
};

/* The order in which other types are raided (fallbacks[] since 4.x). */
/* clang-format off */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE },
};
/* clang-format on */

static enum pageblock_model
pageblock_model(const struct machine *m)
{
	if (m->mobility_disabled)
		return PAGEBLOCK_NONE;
	return (enum pageblock_model)m->prof->mobility;
}

int
pageblock_grouping(const struct machine *m)
{
	return pageblock_model(m) != PAGEBLOCK_NONE;
}

const char *
pageblock_type_name(int mt)
{
	return mt >= 0 && mt < MIGRATE_TYPES ? migratetype_names[mt] : "?";
}

/* gfp_migratetype(): __GFP_MOVABLE and __GFP_RECLAIMABLE are bits 3 and
 * 4, so that the pair read as a number is the type (GFP_MOVABLE_SHIFT). */
int
pageblock_gfp_migratetype(const struct machine *m, gfp_t gfp)
{
	if (pageblock_model(m) == PAGEBLOCK_NONE)
		return MIGRATE_UNMOVABLE;
	return (int)((gfp & (___GFP_MOVABLE | ___GFP_RECLAIMABLE)) >> 3);
}

int
pageblock_migratetype(const struct machine *m, uint64_t pfn)
{
	return m->pageblock_mt[pfn >> PAGEBLOCK_ORDER];
}

void
pageblock_set_migratetype(struct machine *m, uint64_t pfn, int mt)
{
	m->pageblock_mt[pfn >> PAGEBLOCK_ORDER] = (uint8_t)mt;
}

/*
 * build_all_zonelists(): "Group by mobility" only when there are enough
 * pages for every type to have a block or so (vm_total_pages, the
 * managed pages then, against pageblock_nr_pages * MIGRATE_TYPES: 10 MiB
 * here); a smaller machine puts everything on one type.
 */
void
pageblock_init(struct machine *m)
{
	uint64_t n = (m->nframes + PAGEBLOCK_NR_PAGES - 1) >> PAGEBLOCK_ORDER;

	m->mobility_disabled = m->totalram_pages <
	    (uint64_t)PAGEBLOCK_NR_PAGES * MIGRATE_TYPES;
	m->pageblock_mt = xmalloc(n ? n : 1);
	memset(m->pageblock_mt,
	    pageblock_model(m) == PAGEBLOCK_NONE ? MIGRATE_UNMOVABLE :
						   MIGRATE_MOVABLE,
	    n);
}

void
pageblock_clone(struct machine *dst, const struct machine *src)
{
	uint64_t n = (src->nframes + PAGEBLOCK_NR_PAGES - 1) >> PAGEBLOCK_ORDER;

	dst->pageblock_mt = xmemdup(src->pageblock_mt, n ? n : 1);
}

void
pageblock_destroy(struct machine *m)
{
	free(m->pageblock_mt);
	m->pageblock_mt = NULL;
}

/*
 * pagetypeinfo_showblockcount_print(): from the zone's first pfn in steps
 * of a pageblock, the type of the block each step lands in.
 */
void
pageblock_count(const struct machine *m, int zone,
    uint64_t counts[MIGRATE_TYPES])
{
	const struct zone *z = &m->zones[zone];
	uint64_t	   pfn, end = z->start_pfn + z->spanned;

	memset(counts, 0, sizeof(uint64_t) * MIGRATE_TYPES);
	for (pfn = z->start_pfn; pfn < end; pfn += PAGEBLOCK_NR_PAGES)
		counts[pageblock_migratetype(m, pfn)]++;
}

int
pageblock_boost_watermark(struct machine *m, int zone)
{
	struct zone *z = &m->zones[zone];
	uint64_t     max_boost;

	/* "Don't bother in zones that are unlikely to produce results" */
	if (PAGEBLOCK_NR_PAGES * 4ull > z->managed)
		return 0;
	max_boost = z->wmark[WMARK_HIGH] * WATERMARK_BOOST_FACTOR / 10000;
	if (max_boost == 0)
		return 0;
	if (max_boost < PAGEBLOCK_NR_PAGES)
		max_boost = PAGEBLOCK_NR_PAGES;
	z->watermark_boost += PAGEBLOCK_NR_PAGES;
	if (z->watermark_boost > max_boost)
		z->watermark_boost = max_boost;
	return 1;
}

/* can_steal_fallback(): unmovable and reclaimable requests always try to
 * take the block over; movable ones only from order 4 (half a block's
 * order) up, so that user pages do not pollute kernel blocks for long. */
static int
can_steal_fallback(unsigned order, int start_mt)
{
	return order >= PAGEBLOCK_ORDER / 2 ||
	    start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE;
}

/* find_suitable_fallback(): the first type in fallbacks[] with a block of
 * this order. */
static int
find_suitable_fallback(const struct free_area *area, unsigned order, int mt,
    int *can_steal)
{
	int i;

	*can_steal = 0;
	if (area->nr_free == 0)
		return -1;
	for (i = 0; i < MIGRATE_PCPTYPES - 1; i++) {
		int fmt = fallbacks[mt][i];

		if (area->free_list[fmt].head == PFN_NONE)
			continue;
		*can_steal = can_steal_fallback(order, mt);
		return fmt;
	}
	return -1;
}

/* change_pageblock_range(): a free block of pageblock order or more
 * becomes the new type whole. */
static void
change_pageblock_range(struct machine *m, uint64_t pfn, unsigned order, int mt)
{
	uint64_t i;

	for (i = 0; i < (1ull << order); i += PAGEBLOCK_NR_PAGES)
		pageblock_set_migratetype(m, pfn + i, mt);
}

/* A frame on the LRU (PageLRU) or otherwise movable: user and page
 * cache pages. */
static int
frame_movable(const struct frame *f)
{
	return f->owner == FO_ANON || f->owner == FO_PAGECACHE;
}

/*
 * move_freepages_block() / prep_move_freepages_block(): the free and
 * movable pages of the block holding pfn; moves the free blocks to
 * new_mt's lists when move is set.  0 when the block crosses its zone's
 * edge ("moving whole block can fail due to zone boundary conditions").
 */
static int
move_freepages_block(struct machine *m, uint64_t pfn, int new_mt, int move,
    uint64_t *nfree, uint64_t *nmovable)
{
	uint64_t	   start = pfn & ~(uint64_t)(PAGEBLOCK_NR_PAGES - 1), p;
	uint64_t	   end = start + PAGEBLOCK_NR_PAGES;
	const struct zone *z = &m->zones[m->frames[pfn].zone];

	*nfree = *nmovable = 0;
	if (end > z->start_pfn + z->spanned)
		return 0;
	/* 6.1 starts at pfn when the block begins before the zone (DMA's
	 * first block: pfn 0 is in no zone); 6.10+ gives up. */
	if (start < z->start_pfn && pageblock_model(m) != PAGEBLOCK_61)
		return 0;
	if (start < z->start_pfn)
		start = pfn;
	for (p = start; p < end;) {
		const struct frame *f = &m->frames[p];

		if (f->flags & FF_BUDDY) {
			unsigned o = f->order;

			if (move)
				buddy_move_to_free_list(m, p, o, new_mt);
			*nfree += 1ull << o;
			p += 1ull << o;
			continue;
		}
		*nmovable += (uint64_t)frame_movable(f);
		p++;
	}
	return 1;
}

void
pageblock_change_range(struct machine *m, uint64_t pfn, unsigned order, int mt)
{
	change_pageblock_range(m, pfn, order, mt);
}

int
pageblock_move_free(struct machine *m, uint64_t pfn, int new_mt)
{
	uint64_t nfree, nmovable;

	return move_freepages_block(m, pfn, new_mt, 1, &nfree, &nmovable);
}

/* The pages of a MOVABLE block in use that are not movable count as
 * alike for an unmovable or reclaimable thief (steal_suitable_fallback). */
static int
enough_to_claim(int start_mt, int block_mt, uint64_t nfree, uint64_t nmovable)
{
	uint64_t alike = 0;

	if (start_mt == MIGRATE_MOVABLE)
		alike = nmovable;
	else if (block_mt == MIGRATE_MOVABLE)
		alike = PAGEBLOCK_NR_PAGES - (nfree + nmovable);
	return nfree + alike >= PAGEBLOCK_NR_PAGES / 2;
}

/* boost_watermark() on a fragmenting fallback, and ZONE_BOOSTED_WATERMARK
 * so that rmqueue() wakes kswapd "as the node may be balanced overall". */
static void
steal_boost(struct machine *m, int zone, int alloc_flags)
{
	if (pageblock_boost_watermark(m, zone) && (alloc_flags & ALLOC_KSWAPD))
		m->zones[zone].boosted_wmark = 1;
}

/*
 * 6.1 steal_suitable_fallback(): the stolen block (and with whole_block
 * every free block of its pageblock) moves to start_mt's lists, the
 * pageblock changes type only when claimed; __rmqueue() then retries
 * __rmqueue_smallest() for start_mt.
 */
static uint64_t
steal_61(struct machine *m, int zone, uint64_t pfn, unsigned cur,
    unsigned order, int start_mt, int alloc_flags, int whole, int took)
{
	int	 block_mt = pageblock_migratetype(m, pfn);
	uint64_t nfree, nmovable;

	if (cur >= PAGEBLOCK_ORDER) {
		change_pageblock_range(m, pfn, cur, start_mt);
		whole = 0;
	} else
		steal_boost(m, zone, alloc_flags);
	if (whole &&
	    move_freepages_block(m, pfn, start_mt, 1, &nfree, &nmovable)) {
		if (enough_to_claim(start_mt, block_mt, nfree, nmovable))
			pageblock_set_migratetype(m, pfn, start_mt);
	} else
		buddy_move_to_free_list(m, pfn, cur, start_mt);
	return buddy_rmqueue_smallest(m, zone, order, start_mt, took);
}

/*
 * 6.10+ steal_suitable_fallback(): a claimed pageblock's free blocks move
 * with it and the request is served from start_mt's lists; otherwise the
 * block is split where it is, its remainders staying on the pageblock's
 * own type (page_del_and_expand()).
 */
static uint64_t
steal_612(struct machine *m, int zone, uint64_t pfn, unsigned cur,
    unsigned order, int start_mt, int alloc_flags, int whole, int took)
{
	int	 block_mt = pageblock_migratetype(m, pfn);
	uint64_t nfree, nmovable;

	if (cur >= PAGEBLOCK_ORDER) {
		change_pageblock_range(m, pfn, cur, start_mt);
		return buddy_del_and_expand(m, pfn, cur, order, start_mt, took);
	}
	steal_boost(m, zone, alloc_flags);
	if (whole &&
	    move_freepages_block(m, pfn, start_mt, 0, &nfree, &nmovable) &&
	    enough_to_claim(start_mt, block_mt, nfree, nmovable)) {
		move_freepages_block(m, pfn, start_mt, 1, &nfree, &nmovable);
		pageblock_set_migratetype(m, pfn, start_mt);
		return buddy_rmqueue_smallest(m, zone, order, start_mt, took);
	}
	return buddy_del_and_expand(m, pfn, cur, order, block_mt, took);
}

/* The smallest block any fallback type has at or above order (the
 * find_smallest: path, for movable requests that may not steal). */
static int
fallback_smallest(const struct zone *z, unsigned *order, int start_mt,
    int *can_steal)
{
	int fmt = -1;

	for (; *order < NR_PAGE_ORDERS; (*order)++) {
		fmt = find_suitable_fallback(&z->free_area[*order], *order,
		    start_mt, can_steal);
		if (fmt != -1)
			break;
	}
	return fmt;
}

uint64_t
pageblock_rmqueue_fallback(struct machine *m, int zone, unsigned order,
    int start_mt, int alloc_flags, int took)
{
	const struct zone *z = &m->zones[zone];
	unsigned	   min_order = order, cur;
	int		   fmt = -1, can_steal = 0;

	if (pageblock_model(m) == PAGEBLOCK_NONE ||
	    start_mt >= MIGRATE_PCPTYPES)
		return UINT64_MAX;
	/* ALLOC_NOFRAGMENT: only whole pageblocks may change hands. */
	if (order < PAGEBLOCK_ORDER && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = PAGEBLOCK_ORDER;
	/* The largest block first: it is the most likely to claim a
	 * pageblock, so that unlike pages do not mix in many blocks. */
	for (cur = NR_PAGE_ORDERS; cur-- > min_order;) {
		fmt = find_suitable_fallback(&z->free_area[cur], cur, start_mt,
		    &can_steal);
		if (fmt != -1)
			break;
	}
	if (fmt == -1)
		return UINT64_MAX;
	if (!can_steal && start_mt == MIGRATE_MOVABLE && cur > order) {
		cur = order;
		fmt = fallback_smallest(z, &cur, start_mt, &can_steal);
	}
	if (pageblock_model(m) == PAGEBLOCK_61)
		return steal_61(m, zone, z->free_area[cur].free_list[fmt].head,
		    cur, order, start_mt, alloc_flags, can_steal, took);
	return steal_612(m, zone, z->free_area[cur].free_list[fmt].head, cur,
	    order, start_mt, alloc_flags, can_steal, took);
}
