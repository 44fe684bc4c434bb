/*
 * pagecache.h - clean page-cache pages: what reclaim can drop.
 *
 * The machine keeps some frames as clean file pages (a busy system's
 * cache).  They are kept on one LRU list, oldest first, as the kernel's
 * inactive file list; reclaim drops the oldest ones and hands the frames
 * back to the buddy allocator.  Dirty pages, swap and the active/inactive
 * split are not modelled.
 *
 * The list is intrusive, like the kernel's page->lru: a cached frame's
 * a/b fields (its tag and aux) hold the next and previous pfn, so the
 * cache costs no memory of its own however large RAM is.
 */
#ifndef MEMVIZ_SIM_PAGECACHE_H
#define MEMVIZ_SIM_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

struct machine;

struct pagecache {
	uint32_t head; /* oldest page, PFN_NONE when empty */
	uint32_t tail; /* newest page */
	uint64_t len;
};

void pagecache_init(struct machine *m);
void pagecache_destroy(struct machine *m);
/*
 * Reads a "file page" into pfn, an order-0 frame the caller just took
 * from buddy_alloc() with owner FO_PAGECACHE; it joins the LRU tail.
 */
void pagecache_add(struct machine *m, uint64_t pfn);
/*
 * Drops up to nr of the oldest clean pages whose zone is at most
 * max_zone, freeing their frames; pages of higher zones are rotated to
 * the tail, as shrink_inactive_list() skips them.  Emits EV_RECLAIM per
 * page.  Returns the number reclaimed.
 */
uint64_t pagecache_reclaim(struct machine *m, uint64_t nr, int max_zone);
/*
 * Drops cached pages in runs, as truncating and evicting files does:
 * walking the LRU oldest first, alternately keeps a run of 1..keep_run
 * pages and drops a run of 1..drop_run (lengths from rng_next()).
 * Returns pages dropped.
 */
uint64_t pagecache_thin(struct machine *m, unsigned keep_run,
    unsigned drop_run);
/* Pages currently cached. */
uint64_t pagecache_pages(const struct machine *m);
/* Walks the list against the frames; 0, or -1 with *cause (caller frees). */
int pagecache_check(const struct machine *m, char **cause);

#endif
