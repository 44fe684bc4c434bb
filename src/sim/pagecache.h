/*
 * pagecache.h - clean page-cache pages: what reclaim can drop.
 *
 * The machine keeps some frames as clean file pages (a busy system's
 * cache).  They are kept on one LRU list, oldest first, as the kernel's
 * inactive file list; reclaim drops the oldest ones and hands the frames
 * back to the buddy allocator.  Dirty pages, swap and the active/inactive
 * split are not modelled.
 */
#ifndef MEMVIZ_SIM_PAGECACHE_H
#define MEMVIZ_SIM_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

struct machine;

struct pagecache {
	uint32_t	*ring;		/* pfns, oldest at head */
	size_t		 head, len, cap;
};

void	 pagecache_init(struct machine *m);
void	 pagecache_destroy(struct machine *m);
/* Reads a "file page" into a newly allocated order-0 frame (LRU tail). */
void	 pagecache_add(struct machine *m, uint64_t pfn);
/*
 * Drops up to nr of the oldest clean pages whose zone is at most
 * max_zone, freeing their frames; emits EV_RECLAIM per page.  Returns
 * the number reclaimed.
 */
uint64_t pagecache_reclaim(struct machine *m, uint64_t nr, int max_zone);
/* Pages currently cached. */
uint64_t pagecache_pages(const struct machine *m);

#endif
