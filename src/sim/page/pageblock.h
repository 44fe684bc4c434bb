/*
 * pageblock.h - migratetypes and pageblocks, as mm/page_alloc.c groups
 * pages by mobility (include/linux/mmzone.h, include/linux/pageblock-flags.h).
 *
 * Physical memory is cut into pageblocks of 2^pageblock_order frames
 * (order 9, 2 MiB, on x86-64: HPAGE_PMD_ORDER).  Each pageblock has a
 * migratetype; memmap_init_range() makes every block MIGRATE_MOVABLE at
 * boot, so the blocks the early kernel allocations land in become
 * UNMOVABLE or RECLAIMABLE only by stealing.  The buddy keeps one free
 * list per order per migratetype; an allocation asks for the type its GFP
 * flags name (gfp_migratetype(): __GFP_MOVABLE, __GFP_RECLAIMABLE, else
 * UNMOVABLE) and, when that type has nothing at or above its order, falls
 * back to another type through fallbacks[] (__rmqueue_fallback()),
 * stealing the largest block it finds, and claiming the whole pageblock
 * when enough of it is free or already of a compatible kind
 * (steal_suitable_fallback()).  Each such fragmenting fallback raises the
 * zone's watermark boost (boost_watermark()) and wakes kswapd, which
 * reclaims to the boosted high mark and then drops the boost.
 *
 * 6.1 and 6.12 differ where a fallback takes a block without claiming
 * its pageblock: 6.1 moves the whole stolen block to the new type's list
 * and splits it there (the remainders follow the new type); 6.12 (the
 * 6.10 "freelist migratetype hygiene" rework) splits it in place, the
 * remainders staying on the pageblock's own type, and keeps every free
 * block on its pageblock's list.  The profile chooses (kprofile.h).
 * MIGRATE_HIGHATOMIC reserves: highatomic.h.  Left out: isolation (its
 * column prints zeros), and compaction.  The 2.6 and 2.0 profiles do not group
 * by mobility, nor does a machine under 10 MiB (as build_all_zonelists()
 * decides): one type, one list per order.
 */
#ifndef MEMVIZ_SIM_PAGEBLOCK_H
#define MEMVIZ_SIM_PAGEBLOCK_H

#include <stdint.h>

#include "sim/page/gfp.h"

#define PAGEBLOCK_ORDER	   9
#define PAGEBLOCK_NR_PAGES (1u << PAGEBLOCK_ORDER)

/* X(enum, the name /proc/pagetypeinfo prints), in enum migratetype order
 * as Debian's amd64 kernels build it: CONFIG_MEMORY_ISOLATION, no
 * CONFIG_CMA (their pagetypeinfo has five columns). */
/* clang-format off */
#define MIGRATETYPES(X)				\
	X(MIGRATE_UNMOVABLE,   "Unmovable")	\
	X(MIGRATE_MOVABLE,     "Movable")	\
	X(MIGRATE_RECLAIMABLE, "Reclaimable")	\
	X(MIGRATE_HIGHATOMIC,  "HighAtomic")	\
	X(MIGRATE_ISOLATE,     "Isolate")
/* clang-format on */

enum migratetype {
#define MIGRATETYPE_ENUM(e, name) e,
	MIGRATETYPES(MIGRATETYPE_ENUM)
#undef MIGRATETYPE_ENUM
	MIGRATE_TYPES
};

/* The types the per-CPU lists keep (MIGRATE_PCPTYPES). */
#define MIGRATE_PCPTYPES 3

/* How a profile groups by mobility (struct kprofile's mobility). */
enum pageblock_model {
	PAGEBLOCK_NONE, /* one type (page_group_by_mobility_disabled) */
	PAGEBLOCK_61,	/* 6.1: a stolen block moves to the new type */
	PAGEBLOCK_612,	/* 6.10+: split in place, free lists follow blocks */
};

/* The alloc_flags bits (mm/internal.h) the fallback reads; buddy.c
 * keeps the others. */
#define ALLOC_NOFRAGMENT 0x100 /* steal only whole pageblocks */
#define ALLOC_KSWAPD	 0x800 /* __GFP_KSWAPD_RECLAIM: may wake kswapd */
/* A high-order request that cannot sleep, in the slow path (6.1's
 * ALLOC_HARDER): may take and make MIGRATE_HIGHATOMIC blocks. */
#define ALLOC_HIGHATOMIC 0x200

struct machine;

/* Does this machine group by mobility (else every block is one type)? */
int pageblock_grouping(const struct machine *m);

/* "Unmovable" ... "Isolate"; "?" out of range. */
const char *pageblock_type_name(int mt);

/* gfp_migratetype(): the type an allocation with these flags wants. */
int pageblock_gfp_migratetype(const struct machine *m, gfp_t gfp);

/* get_pageblock_migratetype() of the block holding pfn. */
int pageblock_migratetype(const struct machine *m, uint64_t pfn);

/* set_pageblock_migratetype(). */
void pageblock_set_migratetype(struct machine *m, uint64_t pfn, int mt);

/* Pageblocks per type in a zone, as pagetypeinfo counts them. */
void pageblock_count(const struct machine *m, int zone,
    uint64_t counts[MIGRATE_TYPES]);

/* change_pageblock_range(): the pageblocks of a free block of pageblock
 * order or more all become mt. */
void pageblock_change_range(struct machine *m, uint64_t pfn, unsigned order,
    int mt);

/* move_freepages_block(): the free blocks of pfn's pageblock onto new_mt's
 * lists (the block's own type unchanged); 0 when the pageblock crosses
 * its zone's edge and nothing moved. */
int pageblock_move_free(struct machine *m, uint64_t pfn, int new_mt);

/* memmap_init_range(): every block MOVABLE (UNMOVABLE without grouping). */
void pageblock_init(struct machine *m);
void pageblock_clone(struct machine *dst, const struct machine *src);
void pageblock_destroy(struct machine *m);

/*
 * __rmqueue_fallback(): takes a block of the given order for start_mt
 * from another type's lists, stealing as the profile does; emits
 * EV_SPLIT and then took.  UINT64_MAX when no type has one.
 * alloc_flags are buddy.c's (ALLOC_NOFRAGMENT, ALLOC_KSWAPD).
 */
uint64_t pageblock_rmqueue_fallback(struct machine *m, int zone, unsigned order,
    int start_mt, int alloc_flags, int took);

/* boost_watermark(): raise the zone's boost by a pageblock, capped at
 * watermark_boost_factor (15000 = 150%) of its high mark; 0 if not. */
int pageblock_boost_watermark(struct machine *m, int zone);

#endif
