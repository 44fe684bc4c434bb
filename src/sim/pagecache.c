/*
 * pagecache.c - clean file pages on one LRU ring, oldest first.
 *
 * The ring may hold stale entries (a pfn freed or reused since it was
 * added); reclaim skips any entry whose frame is no longer page cache or
 * whose tag no longer matches the generation stored with it.
 */
#include "sim/pagecache.h"
#include "sim/buddy.h"
#include "sim/machine-priv.h"
#include "common/xmalloc.h"

#include <stdlib.h>

void
pagecache_init(struct machine *m)
{
	m->pagecache.ring = NULL;
	m->pagecache.head = m->pagecache.len = m->pagecache.cap = 0;
}

void
pagecache_destroy(struct machine *m)
{
	free(m->pagecache.ring);
	pagecache_init(m);
}

static void
pagecache_grow(struct pagecache *pc)
{
	size_t newcap = pc->cap ? pc->cap * 2 : 1024, i;
	uint32_t *ring = xreallocarray(NULL, newcap, sizeof *ring);

	for (i = 0; i < pc->len; i++)
		ring[i] = pc->ring[(pc->head + i) % pc->cap];
	free(pc->ring);
	pc->ring = ring;
	pc->cap = newcap;
	pc->head = 0;
}

void
pagecache_add(struct machine *m, uint64_t pfn)
{
	struct pagecache *pc = &m->pagecache;

	if (pc->len == pc->cap)
		pagecache_grow(pc);
	pc->ring[(pc->head + pc->len) % pc->cap] = (uint32_t)pfn;
	pc->len++;
}

uint64_t
pagecache_reclaim(struct machine *m, uint64_t nr, int max_zone)
{
	struct pagecache *pc = &m->pagecache;
	uint64_t got = 0;
	size_t scan = pc->len;

	/* shrink_inactive_list(): oldest first; pages of higher zones than
	 * the request can use are rotated to the tail, not dropped. */
	while (got < nr && scan-- > 0 && pc->len > 0) {
		uint32_t pfn = pc->ring[pc->head];
		const struct frame *f = &m->frames[pfn];

		pc->head = (pc->head + 1) % pc->cap;
		pc->len--;
		if (f->owner != FO_PAGECACHE || !(f->flags & FF_HEAD))
			continue;	/* stale */
		if (f->zone > max_zone) {
			pagecache_add(m, pfn);
			continue;
		}
		step_emit(m->st, EV_RECLAIM)->pfn = pfn;
		buddy_free(m, pfn, 0);
		got++;
	}
	return got;
}

uint64_t
pagecache_pages(const struct machine *m)
{
	return m->owner_count[FO_PAGECACHE];
}
