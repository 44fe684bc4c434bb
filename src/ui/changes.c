/*
 * changes.c - the frames and virtual ranges the last step changed.
 *
 * Spans are collected unsorted while events are added and sorted and
 * merged once, before the next read: a vmalloc of 256 MiB names 65536
 * scattered frames, and every cell drawn asks about them.
 */
#include "ui/changes.h"
#include "common/xmalloc.h"
#include "sim/page/frame-state.h"

#include <stdlib.h>
#include <string.h>

/* What an event's fields say changed. */
#define CH_FRAMES 0x1 /* the frames frame_event_range() names */
#define CH_VA	  0x2 /* addr, size */

static const unsigned char changes_kinds[EV__COUNT] = {
	[EV_PAGES_ALLOC] = CH_FRAMES,
	[EV_PAGES_FREE] = CH_FRAMES,
	[EV_RECLAIM] = CH_FRAMES,
	[EV_ZERO] = CH_FRAMES | CH_VA,
	[EV_WRITE] = CH_FRAMES | CH_VA,
	[EV_SLAB_NEW] = CH_FRAMES,
	[EV_SLAB_FREE] = CH_FRAMES,
	[EV_OBJ_ALLOC] = CH_FRAMES | CH_VA,
	[EV_OBJ_FREE] = CH_FRAMES | CH_VA,
	[EV_LARGE_ALLOC] = CH_FRAMES | CH_VA,
	[EV_LARGE_FREE] = CH_FRAMES | CH_VA,
	[EV_VMAP_AREA] = CH_VA,
	[EV_VUNMAP_AREA] = CH_VA,
	[EV_PTE_SET] = CH_FRAMES | CH_VA,
	[EV_PTE_CLEAR] = CH_FRAMES | CH_VA,
	[EV_PGTABLE] = CH_FRAMES,
	[EV_BRK] = CH_VA,
	[EV_MMAP] = CH_VA,
	[EV_MUNMAP] = CH_VA,
	[EV_FAULT] = CH_FRAMES | CH_VA,
	[EV_CHUNK] = CH_VA,
	[EV_BIN] = CH_VA,
};

static void
spans_add(struct changes_spans *sp, uint64_t lo, uint64_t hi)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 32;
		sp->s = xreallocarray(sp->s, sp->cap, sizeof *sp->s);
	}
	sp->s[sp->n].lo = lo;
	sp->s[sp->n++].hi = hi;
	sp->sorted = 0;
}

static int
spans_cmp(const void *a, const void *b)
{
	const struct changes_span *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static void
spans_sort(struct changes_spans *sp)
{
	size_t i, k = 0;

	if (sp->sorted)
		return;
	if (sp->n > 1) /* none: s may be NULL, which qsort must not get */
		qsort(sp->s, sp->n, sizeof *sp->s, spans_cmp);
	for (i = 0; i < sp->n; i++) {
		if (k > 0 && sp->s[i].lo <= sp->s[k - 1].hi) {
			if (sp->s[i].hi > sp->s[k - 1].hi)
				sp->s[k - 1].hi = sp->s[i].hi;
			continue;
		}
		sp->s[k++] = sp->s[i];
	}
	sp->n = k;
	sp->sorted = 1;
}

size_t
changes_spans_find(const struct changes_spans *sp, uint64_t lo)
{
	size_t a = 0, b = sp->n, mid;

	while (a < b) {
		mid = a + (b - a) / 2;
		if (sp->s[mid].hi <= lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/* Does sp meet [lo, hi)?  *first gets the first such point. */
static int
spans_meet(const struct changes_spans *sp, uint64_t lo, uint64_t hi,
    uint64_t *first)
{
	size_t i = changes_spans_find(sp, lo);

	if (i == sp->n || sp->s[i].lo >= hi)
		return 0;
	if (first != NULL)
		*first = sp->s[i].lo > lo ? sp->s[i].lo : lo;
	return 1;
}

static void
changes_add_event(struct changes *c, const struct event *ev)
{
	unsigned k = (unsigned)ev->kind < EV__COUNT ? changes_kinds[ev->kind] :
						      0;
	uint64_t pfn, n, lo, hi;

	if ((k & CH_FRAMES) && frame_event_range(ev, &pfn, &n) == 0)
		spans_add(&c->frames, pfn, pfn + n);
	if (!(k & CH_VA) || ev->addr == EVENT_NONE)
		return;
	lo = ev->addr;
	hi = ev->addr + (ev->size > 0 && ev->kind != EV_PTE_SET ? ev->size : 1);
	if (ev->kind == EV_BRK) { /* addr the old break, aux the new */
		lo = ev->addr < ev->aux ? ev->addr : ev->aux;
		hi = ev->addr < ev->aux ? ev->aux : ev->addr;
	}
	if (hi > lo)
		spans_add(&c->va, lo, hi);
}

/* The held operation becomes the newest past one. */
static void
changes_push_past(struct changes *c)
{
	struct changes_spans last = c->past[CHANGES_PAST - 1];

	memmove(&c->past[1], &c->past[0],
	    (CHANGES_PAST - 1) * sizeof c->past[0]);
	c->past[0] = c->frames;
	c->frames = last;
	c->frames.n = 0;
	c->frames.sorted = 1;
	if (c->npast < CHANGES_PAST)
		c->npast++;
}

static void
changes_forget(struct changes *c)
{
	c->have = 0;
	c->npast = 0;
	c->shown = 0;
	c->frames.n = c->va.n = 0;
}

/* Counts the item's events [c->shown, shown), from 0 when it went back. */
static void
changes_count(struct changes *c, const struct player *p, size_t shown)
{
	size_t i;

	if (shown < c->shown) {
		c->frames.n = c->va.n = 0;
		c->shown = 0;
	}
	for (i = c->shown; i < shown; i++)
		changes_add_event(c, &p->item.step.ev[i]);
	/* A write names no frame: the result's frames say where it went. */
	if (shown == p->item.step.nev && c->shown < shown)
		for (i = 0; i < p->item.step.nframes; i++)
			spans_add(&c->frames, p->item.step.frames[i].pfn,
			    p->item.step.frames[i].pfn +
				p->item.step.frames[i].count);
	c->shown = shown;
	spans_sort(&c->frames);
	spans_sort(&c->va);
}

void
changes_update(struct changes *c, const struct player *p)
{
	size_t hist = player_position(p), shown;

	if (!p->has_item || (c->have && hist < c->hist))
		changes_forget(c); /* back before the held operation */
	if (!p->has_item || p->item.kind != SCRIPT_OP)
		return; /* a say or pause keeps the marks */
	shown = p->shown < p->item.step.nev ? p->shown : p->item.step.nev;
	if (c->have && hist != c->hist) {
		changes_push_past(c);
		c->va.n = 0;
		c->shown = 0;
	}
	c->have = 1;
	c->hist = hist;
	changes_count(c, p, shown);
}

void
changes_free(struct changes *c)
{
	size_t i;

	free(c->frames.s);
	free(c->va.s);
	for (i = 0; i < CHANGES_PAST; i++)
		free(c->past[i].s);
	memset(c, 0, sizeof *c);
}

int
changes_frames(const struct changes *c, uint64_t lo, uint64_t hi, uint64_t *pfn)
{
	return c->have && spans_meet(&c->frames, lo, hi, pfn);
}

int
changes_va(const struct changes *c, uint64_t addr, uint64_t len)
{
	return c->have && len > 0 && spans_meet(&c->va, addr, addr + len, NULL);
}

const struct changes_spans *
changes_frames_of(const struct changes *c, size_t age)
{
	if (!c->have || age > c->npast)
		return NULL;
	return age == 0 ? &c->frames : &c->past[age - 1];
}
