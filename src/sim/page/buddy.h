/*
 * buddy.h - the buddy page allocator, as mm/page_alloc.c does it.
 *
 * Per zone, free_area[order] lists for orders 0..MAX_PAGE_ORDER.  An
 * allocation takes the head of the first non-empty list at or above the
 * order and splits it (expand()): the lower half is kept, each upper half
 * goes on the next lower list.  A free merges with the buddy at
 * pfn ^ (1 << order) while it is free at the same order.  Freed blocks go
 * to the head of their list (LIFO), except where __free_one_page() puts
 * them at the tail (buddy_merge_likely()).  Orders the per-CPU lists
 * serve go through them first (pcp.h).  Each order has a list per
 * migratetype, and a request short of its type falls back to another
 * (pageblock.h); the marks it is checked against include the zone's
 * watermark boost.
 *
 * GFP rules: zones are tried from the highest the flags allow downwards
 * (Normal, DMA32, DMA), each against its low watermark plus
 * lowmem_reserve; then the slow path retries at min (halved for
 * __GFP_HIGH, a further quarter off when the caller cannot sleep:
 * GFP_ATOMIC reaches 3/8 of min, GFP_NOWAIT gets none of it;
 * __GFP_MEMALLOC ignores the watermarks); a caller that may sleep
 * (__GFP_DIRECT_RECLAIM) then reclaims clean page cache, 32 pages a
 * round, and retries (once only for __GFP_NORETRY and costly orders).
 * So between min and low GFP_KERNEL does not sleep: it only wakes
 * kswapd, as in the kernel; it sleeps below min.  kswapd (when
 * __GFP_KSWAPD_RECLAIM) runs at the end of the step and reclaims each
 * zone back to high.  Compaction and the OOM killer are not modelled: a
 * request reclaim cannot satisfy fails.
 */
#ifndef MEMVIZ_SIM_BUDDY_H
#define MEMVIZ_SIM_BUDDY_H

#include <stdint.h>

#include "sim/event.h"
#include "sim/page/gfp.h"
#include "sim/page/phys.h"
#include "sim/status.h"

struct machine;

/*
 * Allocates 2^order frames for owner o (tag/aux 0; the caller re-tags).
 * On success stores the head pfn and returns SIM_OK; __GFP_ZERO zeroes
 * the frames.  On failure returns SIM_ENOMEM with warn_alloc()'s text,
 * "memviz: page allocation failure: order:0, mode:0x820(GFP_ATOMIC),
 * nodemask=(null)" (with __GFP_NOWARN a quieter reason), or SIM_EINVAL
 * for an order above MAX_PAGE_ORDER: "WARNING: at mm/page_alloc.c
 * __alloc_pages(): order 11 > MAX_PAGE_ORDER (10), NULL returned".
 * Emits EV_WMARK, EV_KSWAPD, EV_SLEEP, EV_RECLAIM, EV_SPLIT, EV_PAGES_ALLOC,
 * EV_ZERO, EV_FAIL as they happen.
 */
enum sim_status buddy_alloc(struct machine *m, gfp_t gfp, unsigned order,
    enum frame_owner o, uint64_t *pfn);

/*
 * alloc_pages_bulk(): up to nr single pages for owner o into pfns, from
 * the CPU's per-CPU list after one watermark check; returns how many.
 * Fewer than nr means the caller falls back to buddy_alloc() page by page.
 */
unsigned buddy_alloc_bulk(struct machine *m, gfp_t gfp, unsigned nr,
    enum frame_owner o, uint64_t *pfns);

/*
 * Returns a block to the free lists, merging with free buddies.  The block
 * must be allocated and its head must carry that order.  Emits
 * EV_PAGES_FREE and EV_MERGE.
 */
void buddy_free(struct machine *m, uint64_t pfn, unsigned order);

/* __free_one_page(): a block straight onto the buddy lists of
 * migratetype mt, merging (the per-CPU lists' drain). */
void buddy_free_one_page(struct machine *m, uint64_t pfn, unsigned order,
    int mt);

/*
 * __rmqueue(): __rmqueue_smallest() for migratetype mt, else the
 * fallback to another type (pageblock.h); emits EV_SPLIT and then took
 * (EV_PAGES_ALLOC, or EV_PCP_REFILL for the per-CPU lists' refill).
 * UINT64_MAX when empty.
 */
uint64_t buddy_rmqueue(struct machine *m, int zone, unsigned order, int mt,
    int alloc_flags, int took);

/* The free-list steps the fallback (pageblock.c) is made of:
 * __rmqueue_smallest() on mt's lists only; page_del_and_expand() of the
 * free block at pfn of order high down to order, the halves onto mt;
 * move_to_free_list(), to the tail of mt's list. */
uint64_t buddy_rmqueue_smallest(struct machine *m, int zone, unsigned order,
    int mt, int took);
uint64_t buddy_del_and_expand(struct machine *m, uint64_t pfn, unsigned high,
    unsigned order, int mt, int took);
void buddy_move_to_free_list(struct machine *m, uint64_t pfn, unsigned order,
    int mt);

/* __zone_watermark_ok() for a plain request (no reserve reductions). */
int buddy_watermark_ok(const struct machine *m, int zone, unsigned order,
    uint64_t mark, int highest_zone);

/*
 * Releases frames [start, end) to the free lists at boot, in the largest
 * aligned blocks, to the tail, as memblock_free_all() does.
 */
void buddy_release_range(struct machine *m, uint64_t start, uint64_t end);

/* Walks the free lists against the frame array; 0 when consistent, else
 * -1 with a description in *cause (caller frees). */
int buddy_check(const struct machine *m, char **cause);

#endif
