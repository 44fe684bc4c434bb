/*
 * frame-state.c - frames as the views read them, and the player's
 * shadow of the frame table.
 *
 * The machine's frames are one array (phys_frame(m, 0) onwards), as the
 * kernel's mem_map; a shadow is a second array of the same records, so
 * every read here works on a base pointer and never on the machine's
 * internals.
 */
#include "sim/page/frame-state.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

struct frame_shadow {
	struct frame *before; /* the frames when snapshot was taken */
	struct frame *now;    /* before, with events applied */
	uint64_t      nframes;
};

static const struct frame *
frame_table(const struct machine *m, const struct frame_shadow *sh)
{
	return sh != NULL ? sh->now : phys_frame(m, 0);
}

uint64_t
frame_nframes(const struct machine *m, const struct frame_shadow *sh)
{
	return sh != NULL ? sh->nframes : phys_nframes(m);
}

/* Names the owner's two words (phys_set_owner()'s tag and aux). */
static void
frame_state_words(const struct frame *f, struct frame_state *fs)
{
	switch (f->owner) {
	case FO_FREE:
	case FO_PAGECACHE: /* linked as mm/workingset's LRU list */
		if (f->owner == FO_PAGECACHE || (f->flags & FF_BUDDY)) {
			fs->next = f->lru.next;
			fs->prev = f->lru.prev;
		}
		break;
	case FO_SLAB:
		fs->cache = f->own.tag;
		fs->slab = f->own.aux;
		break;
	case FO_VMALLOC:
		fs->area = f->own.tag;
		fs->area_page = f->own.aux;
		break;
	case FO_PGTABLE:
		fs->pt_level = f->own.tag;
		break;
	case FO_KMALLOC_LARGE:
		fs->large_bytes = f->own.tag;
		break;
	case FO_ANON:
		fs->vpn = (uint64_t)f->own.aux << 32 | f->own.tag;
		break;
	default:
		break;
	}
}

static struct frame_state
frame_state_of(const struct frame *f)
{
	struct frame_state fs;

	memset(&fs, 0, sizeof fs);
	fs.owner = f->owner < FO__COUNT ? (enum frame_owner)f->owner :
					  FO_RESERVED;
	fs.zone = f->zone;
	fs.head = (f->flags & FF_HEAD) != 0;
	fs.order = f->order;
	fs.free_head = (f->flags & FF_BUDDY) != 0;
	fs.pcp = (f->flags & FF_PCP) != 0;
	fs.zero = (f->flags & FF_ZERO) != 0;
	fs.data = (f->flags & FF_DATA) != 0;
	fs.cache = fs.slab = fs.area = fs.area_page = FRAME_NO_ID;
	fs.pt_level = FRAME_NO_ID;
	fs.large_bytes = 0;
	fs.vpn = UINT64_MAX;
	fs.next = fs.prev = PFN_NONE;
	frame_state_words(f, &fs);
	return fs;
}

struct frame_state
frame_state(const struct machine *m, const struct frame_shadow *sh,
    uint64_t pfn)
{
	return frame_state_of(&frame_table(m, sh)[pfn]);
}

int
frame_state_equal(const struct frame_state *a, const struct frame_state *b)
{
	return a->owner == b->owner && a->zone == b->zone &&
	    a->head == b->head && a->order == b->order &&
	    a->free_head == b->free_head && a->pcp == b->pcp &&
	    a->zero == b->zero && a->data == b->data && a->cache == b->cache &&
	    a->slab == b->slab && a->area == b->area &&
	    a->area_page == b->area_page && a->pt_level == b->pt_level &&
	    a->large_bytes == b->large_bytes && a->vpn == b->vpn &&
	    a->next == b->next && a->prev == b->prev;
}

uint32_t
frame_state_palette(const struct frame_state *fs)
{
	if (fs->owner == FO_SLAB)
		return fs->cache;
	return fs->owner == FO_VMALLOC ? fs->area : 0;
}

/* The palette of a raw frame, as frame_state_palette() says it. */
static uint32_t
frame_palette(const struct frame *f)
{
	return f->owner == FO_SLAB || f->owner == FO_VMALLOC ? f->own.tag : 0;
}

/* Events about a whole buddy block rather than one frame. */
static int
frame_event_is_block(enum event_kind k)
{
	static const unsigned char block[EV__COUNT] = {
		[EV_SPLIT] = 1,
		[EV_PAGES_ALLOC] = 1,
		[EV_PAGES_FREE] = 1,
		[EV_MERGE] = 1,
		[EV_PCP_ALLOC] = 1,
		[EV_PCP_FREE] = 1,
		[EV_PCP_REFILL] = 1,
		[EV_PCP_DRAIN] = 1,
		[EV_SLAB_NEW] = 1,
		[EV_SLAB_FREE] = 1,
		[EV_LARGE_ALLOC] = 1,
		[EV_LARGE_FREE] = 1,
	};

	return (unsigned)k < EV__COUNT && block[k];
}

int
frame_event_range(const struct event *ev, uint64_t *pfn, uint64_t *count)
{
	if (ev->pfn == EVENT_NONE)
		return -1;
	*pfn = ev->pfn;
	*count = frame_event_is_block(ev->kind) ? 1ull << ev->order : 1;
	return 0;
}

void
frame_walk_start(const struct machine *m, const struct frame_shadow *sh,
    uint64_t pfn, struct frame_walk *w)
{
	const struct frame *t = frame_table(m, sh), *f;
	uint64_t	    h;
	unsigned	    k;

	w->free_end = 0;
	w->free_order = 0;
	w->free_pcp = 0;
	for (k = 0; k <= MAX_PAGE_ORDER; k++) {
		h = pfn & ~((1ull << k) - 1);
		f = &t[h];
		if ((f->flags & (FF_BUDDY | FF_PCP)) &&
		    h + (1ull << f->order) > pfn) {
			w->free_end = h + (1ull << f->order);
			w->free_order = f->order;
			w->free_pcp = (f->flags & FF_PCP) != 0;
			return;
		}
	}
}

/*
 * A free block's head, on free_area or on a per-CPU list: the walk is in
 * it until its end.  Only free_area heads show their order.
 */
static void
frame_walk_head(const struct frame *f, uint64_t pfn, struct frame_walk *w,
    struct frame_census *c)
{
	w->free_end = pfn + (1ull << f->order);
	w->free_order = f->order;
	w->free_pcp = (f->flags & FF_PCP) != 0;
	if ((f->flags & FF_BUDDY) && (int)f->order > c->head_order)
		c->head_order = f->order;
}

/*
 * One pass over the frames; on a 16 GiB machine this walk is most of a
 * redraw, so it reads the records by pointer and skips the inside of
 * free blocks on the machine's own table (a shadow is walked whole: its
 * blocks change as events are applied).
 */
void
frame_census(const struct machine *m, const struct frame_shadow *sh,
    uint64_t lo, uint64_t hi, struct frame_walk *w, struct frame_census *c)
{
	const struct frame *f = &frame_table(m, sh)[lo];
	int		    skip = sh == NULL;
	uint64_t	    pfn = lo, n;
	unsigned	    o;

	memset(c, 0, sizeof *c);
	c->head_order = -1;
	while (pfn < hi) {
		if (f->flags & (FF_BUDDY | FF_PCP))
			frame_walk_head(f, pfn, w, c);
		o = f->owner < FO__COUNT ? f->owner : FO_RESERVED;
		if (o == FO_FREE && pfn < w->free_end) {
			c->block_order = w->free_order;
			n = skip ? (hi < w->free_end ? hi : w->free_end) - pfn :
				   1;
			c->pcp += w->free_pcp ? (uint32_t)n : 0;
			if (skip) {
				c->count[FO_FREE] += (uint32_t)n;
				pfn += n;
				f += n;
				continue;
			}
		}
		if (c->count[o]++ == 0)
			c->palette[o] = frame_palette(f);
		pfn++;
		f++;
	}
}

struct frame_shadow *
frame_shadow_create(void)
{
	return xcalloc(1, sizeof(struct frame_shadow));
}

void
frame_shadow_destroy(struct frame_shadow *sh)
{
	if (sh == NULL)
		return;
	free(sh->before);
	free(sh->now);
	free(sh);
}

void
frame_shadow_snapshot(struct frame_shadow *sh, const struct machine *m)
{
	uint64_t n = phys_nframes(m);

	if (n != sh->nframes) {
		sh->before = xreallocarray(sh->before, n, sizeof *sh->before);
		sh->now = xreallocarray(sh->now, n, sizeof *sh->now);
		sh->nframes = n;
	}
	memcpy(sh->before, phys_frame(m, 0), n * sizeof *sh->before);
}

void
frame_shadow_rewind(struct frame_shadow *sh)
{
	memcpy(sh->now, sh->before, sh->nframes * sizeof *sh->now);
}

/*
 * A block of the shadow becomes free (one free head of that order) or
 * takes the state it has in the machine; a frame free in the machine
 * was freed later in the step, so meanwhile it stands as "pages".
 */
static void
frame_shadow_block(struct frame_shadow *sh, const struct machine *m,
    uint64_t pfn, unsigned order, uint8_t free_block)
{
	uint64_t      i, n = 1ull << order;
	struct frame *f;

	for (i = 0; i < n && pfn + i < sh->nframes; i++) {
		f = &sh->now[pfn + i];
		if (!free_block) {
			*f = *phys_frame(m, pfn + i);
			if (f->owner == FO_FREE)
				f->owner = FO_PAGES;
			continue;
		}
		f->owner = FO_FREE;
		f->flags &= (uint8_t) ~(FF_HEAD | FF_BUDDY | FF_PCP);
		if (i == 0) {
			f->flags |= FF_HEAD | free_block;
			f->order = (uint8_t)order;
		}
	}
}

void
frame_shadow_apply(struct frame_shadow *sh, const struct machine *m,
    const struct event *ev)
{
	unsigned order = ev->order;

	if (ev->pfn == EVENT_NONE || ev->pfn >= sh->nframes)
		return;
	switch (ev->kind) {
	case EV_SPLIT: /* expand(): the upper half goes back free */
		if (order == 0)
			return;
		frame_shadow_block(sh, m, ev->pfn + (1ull << (order - 1)),
		    order - 1, FF_BUDDY);
		sh->now[ev->pfn].order = (uint8_t)(order - 1);
		return;
	case EV_PAGES_FREE:
	case EV_MERGE:
	case EV_PCP_DRAIN:
		frame_shadow_block(sh, m, ev->pfn, order, FF_BUDDY);
		return;
	case EV_PCP_FREE:
	case EV_PCP_REFILL: /* still free, only on another list */
		frame_shadow_block(sh, m, ev->pfn, order, FF_PCP);
		return;
	case EV_PAGES_ALLOC:
	case EV_PCP_ALLOC:
	case EV_SLAB_NEW:
	case EV_LARGE_ALLOC:
		frame_shadow_block(sh, m, ev->pfn, order, 0);
		return;
	default:
		frame_shadow_block(sh, m, ev->pfn, 0, 0);
		return;
	}
}
