/*
 * highatomic.h - MIGRATE_HIGHATOMIC reserves, after mm/page_alloc.c
 * reserve_highatomic_pageblock() and unreserve_highatomic_pageblock().
 *
 * A high-order allocation that cannot sleep and succeeds only in the slow
 * path (ALLOC_HIGHATOMIC; 6.1's ALLOC_HARDER) turns the pageblock it was
 * served from into a MIGRATE_HIGHATOMIC block, whose free pages then only
 * such allocations take (rmqueue_buddy()), up to about 1% of the zone.
 * Ordinary allocations do not count those free pages towards their
 * watermark (__zone_watermark_unusable_free()).  When direct reclaim
 * fails, a reserve block goes back to the requester's type: before the
 * per-CPU drain unless the zone holds only one, and any block once the
 * retries run out (should_reclaim_retry()).
 */
#ifndef MEMVIZ_SIM_HIGHATOMIC_H
#define MEMVIZ_SIM_HIGHATOMIC_H

#include <stdint.h>

struct machine;

/* reserve_highatomic_pageblock(): the block holding pfn, just given to an
 * order-order ALLOC_HIGHATOMIC request, if the zone is under its limit. */
void highatomic_reserve(struct machine *m, uint64_t pfn, unsigned order);

/*
 * unreserve_highatomic_pageblock(): the first reserve block with a free
 * page, zones from highest down, becomes mt's again; without force a
 * zone's last reserve block is kept.  1 when a block moved.
 */
int highatomic_unreserve(struct machine *m, int highest, int mt, int force);

/* The reserve's limit in pages for a zone (0: it never reserves). */
uint64_t highatomic_max(const struct machine *m, int zone);

#endif
