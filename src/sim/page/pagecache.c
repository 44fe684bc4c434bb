/*
 * pagecache.c - clean file pages on one intrusive LRU list, oldest first.
 *
 * Invariant: every FO_PAGECACHE frame is on the list exactly once, and
 * every frame on the list is FO_PAGECACHE; a frame's lru.next links to
 * the newer neighbour, lru.prev to the older.  Pages leave the list only
 * through reclaim and thinning, which free them to the buddy allocator.
 */
#include "sim/page/pagecache.h"
#include "sim/page/buddy.h"
#include "sim/machine-priv.h"
#include "common/xmalloc.h"

#include <inttypes.h>

void
pagecache_init(struct machine *m)
{
	m->pagecache.head = m->pagecache.tail = PFN_NONE;
	m->pagecache.len = 0;
}

void
pagecache_destroy(struct machine *m)
{
	pagecache_init(m);
}

/* list_add_tail() onto the LRU. */
static void
pagecache_link(struct machine *m, uint64_t pfn)
{
	struct pagecache *pc = &m->pagecache;
	struct frame	 *f = &m->frames[pfn];

	f->lru.next = PFN_NONE;
	f->lru.prev = pc->tail;
	if (pc->tail != PFN_NONE)
		m->frames[pc->tail].lru.next = (uint32_t)pfn;
	else
		pc->head = (uint32_t)pfn;
	pc->tail = (uint32_t)pfn;
	pc->len++;
}

static void
pagecache_unlink(struct machine *m, uint64_t pfn)
{
	struct pagecache *pc = &m->pagecache;
	struct frame	 *f = &m->frames[pfn];

	if (f->lru.prev != PFN_NONE)
		m->frames[f->lru.prev].lru.next = f->lru.next;
	else
		pc->head = f->lru.next;
	if (f->lru.next != PFN_NONE)
		m->frames[f->lru.next].lru.prev = f->lru.prev;
	else
		pc->tail = f->lru.prev;
	f->lru.next = f->lru.prev = 0;
	pc->len--;
}

void
pagecache_add(struct machine *m, uint64_t pfn)
{
	pagecache_link(m, pfn);
	phys_scribble_frame(m, pfn, m->pagecache.len);
}

uint64_t
pagecache_reclaim(struct machine *m, uint64_t nr, int max_zone)
{
	struct pagecache *pc = &m->pagecache;
	uint64_t	  got = 0, scan = pc->len;
	struct event	 *ev;

	while (got < nr && scan-- > 0 && pc->head != PFN_NONE) {
		uint32_t pfn = pc->head;

		pagecache_unlink(m, pfn);
		if (m->frames[pfn].zone > max_zone) {
			pagecache_link(m, pfn);
			continue;
		}
		ev = step_emit(m->st, EV_RECLAIM);
		ev->pfn = pfn;
		ev->zone = m->frames[pfn].zone;
		buddy_free(m, pfn, 0);
		got++;
	}
	return got;
}

uint64_t
pagecache_thin(struct machine *m, unsigned keep_run, unsigned drop_run)
{
	uint32_t pfn = m->pagecache.head, next;
	uint64_t run = 0, dropped = 0;
	int	 dropping = 1;

	for (; pfn != PFN_NONE; pfn = next) {
		next = m->frames[pfn].lru.next;
		if (run == 0) {
			dropping = !dropping;
			run = 1 +
			    rng_below(&m->rng, dropping ? drop_run : keep_run);
		}
		run--;
		if (dropping) {
			pagecache_unlink(m, pfn);
			buddy_free(m, pfn, 0);
			dropped++;
		}
	}
	return dropped;
}

uint64_t
pagecache_pages(const struct machine *m)
{
	return m->pagecache.len;
}

int
pagecache_check(const struct machine *m, char **cause)
{
	uint64_t n = 0;
	uint32_t pfn, prev = PFN_NONE;

	for (pfn = m->pagecache.head; pfn != PFN_NONE;
	     prev = pfn, pfn = m->frames[pfn].lru.next) {
		if (pfn >= m->nframes || m->frames[pfn].owner != FO_PAGECACHE ||
		    m->frames[pfn].lru.prev != prev || ++n > m->pagecache.len) {
			*cause = xasprintf(
			    "page cache list broken at pfn %#" PRIx32, pfn);
			return -1;
		}
	}
	if (n != m->pagecache.len || prev != m->pagecache.tail ||
	    n != m->owner_count[FO_PAGECACHE]) {
		*cause = xasprintf("page cache: %" PRIu64
				   " listed, length %" PRIu64 ", %" PRIu64
				   " frames owned",
		    n, m->pagecache.len, m->owner_count[FO_PAGECACHE]);
		return -1;
	}
	return 0;
}
