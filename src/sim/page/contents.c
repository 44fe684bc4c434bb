/*
 * contents.c - open-addressing hash table of written frames.
 *
 * Linear probing with backward-shift deletion keeps lookups short without
 * tombstones; the table doubles at 50% load.  hot[] caches the buffers of
 * recently used frames (slot pfn % CONTENTS_HOT) in front of the table:
 * an entry there always names a live buffer, because contents_drop, the
 * only place a buffer is freed, clears its entry (growing the table moves
 * slots, never buffers).
 */
#include "sim/page/contents.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define CONTENTS_EMPTY UINT64_MAX

static struct contents_buf_head *
contents_head(uint8_t *buf)
{
	return (struct contents_buf_head *)(void *)buf - 1;
}

static uint8_t *
contents_buf_new(void)
{
	struct contents_buf_head *h = xmalloc(sizeof *h + 4096);

	h->refs = 1;
	return (uint8_t *)(h + 1);
}

/* Drops one holder of buf; the last frees it. */
static void
contents_buf_put(uint8_t *buf)
{
	if (buf != NULL && --contents_head(buf)->refs == 0)
		free(contents_head(buf));
}

static size_t
contents_hash(uint64_t pfn, size_t cap)
{
	pfn *= 0x9e3779b97f4a7c15ull;
	return (size_t)(pfn >> 17) & (cap - 1);
}

static void
contents_alloc_table(struct contents *c, size_t cap)
{
	size_t i;

	c->slot = xreallocarray(NULL, cap, sizeof *c->slot);
	for (i = 0; i < cap; i++) {
		c->slot[i].pfn = CONTENTS_EMPTY;
		c->slot[i].buf = NULL;
	}
	c->cap = cap;
}

struct contents *
contents_create(void)
{
	struct contents *c = xcalloc(1, sizeof *c);
	size_t		 i;

	contents_alloc_table(c, 256);
	for (i = 0; i < CONTENTS_HOT; i++)
		c->hot[i].pfn = CONTENTS_EMPTY;
	return c;
}

void
contents_destroy(struct contents *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		contents_buf_put(c->slot[i].buf);
	free(c->slot);
	free(c);
}

static size_t
contents_find(const struct contents *c, uint64_t pfn)
{
	size_t i = contents_hash(pfn, c->cap);

	while (c->slot[i].pfn != CONTENTS_EMPTY && c->slot[i].pfn != pfn)
		i = (i + 1) & (c->cap - 1);
	return i;
}

uint8_t *
contents_lookup(struct contents *c, uint64_t pfn)
{
	struct contents_slot *h = &c->hot[pfn % CONTENTS_HOT];
	uint8_t		     *buf;

	if ((buf = c->slot[contents_find(c, pfn)].buf) != NULL) {
		h->pfn = pfn;
		h->buf = buf;
	}
	return buf;
}

static void
contents_grow(struct contents *c)
{
	struct contents_slot *old = c->slot;
	size_t		      oldcap = c->cap, i, j;

	contents_alloc_table(c, oldcap * 2);
	for (i = 0; i < oldcap; i++) {
		if (old[i].pfn == CONTENTS_EMPTY)
			continue;
		j = contents_find(c, old[i].pfn);
		c->slot[j] = old[i];
	}
	free(old);
}

uint8_t *
contents_add(struct contents *c, uint64_t pfn)
{
	size_t i;

	if ((c->used + 1) * 2 > c->cap)
		contents_grow(c);
	i = contents_find(c, pfn);
	if (c->slot[i].pfn == CONTENTS_EMPTY) {
		c->slot[i].pfn = pfn;
		c->slot[i].buf = contents_buf_new();
		c->used++;
	} else if (contents_shared(c->slot[i].buf))
		return contents_unshare(c, pfn);
	c->hot[pfn % CONTENTS_HOT] = c->slot[i];
	return c->slot[i].buf;
}

uint8_t *
contents_unshare(struct contents *c, uint64_t pfn)
{
	struct contents_slot *s = &c->slot[contents_find(c, pfn)];
	uint8_t		     *old = s->buf;

	s->buf = contents_buf_new();
	memcpy(s->buf, old, 4096);
	contents_buf_put(old);
	/* a pointer to the shared copy (a tlb's) must not be written */
	c->generation++;
	c->hot[pfn % CONTENTS_HOT] = *s;
	return s->buf;
}

void
contents_drop(struct contents *c, uint64_t pfn)
{
	size_t i = contents_find(c, pfn), j, home;

	if (c->hot[pfn % CONTENTS_HOT].pfn == pfn) {
		c->hot[pfn % CONTENTS_HOT].pfn = CONTENTS_EMPTY;
		c->hot[pfn % CONTENTS_HOT].buf = NULL;
	}
	if (c->slot[i].pfn == CONTENTS_EMPTY)
		return;
	contents_buf_put(c->slot[i].buf);
	c->generation++;
	c->used--;
	/* Backward-shift: pull later members of the cluster into the hole. */
	j = i;
	for (;;) {
		c->slot[i].pfn = CONTENTS_EMPTY;
		c->slot[i].buf = NULL;
		for (;;) {
			j = (j + 1) & (c->cap - 1);
			if (c->slot[j].pfn == CONTENTS_EMPTY)
				return;
			home = contents_hash(c->slot[j].pfn, c->cap);
			/* Stay if home lies cyclically in (i, j]. */
			if (i <= j ? (i < home && home <= j) :
				     (i < home || home <= j))
				continue;
			break;
		}
		c->slot[i] = c->slot[j];
		i = j;
	}
}

size_t
contents_bytes(const struct contents *c)
{
	size_t i, n = c->cap * sizeof *c->slot;

	for (i = 0; i < c->cap; i++)
		if (c->slot[i].buf != NULL)
			n += (sizeof(struct contents_buf_head) + 4096) /
			    contents_head(c->slot[i].buf)->refs;
	return n;
}

struct contents *
contents_clone(struct contents *src)
{
	struct contents *c;
	size_t		 i;

	src->generation++;
	c = xmemdup(src, sizeof *src);
	c->slot = xmemdup(src->slot, src->cap * sizeof *c->slot);
	for (i = 0; i < src->cap; i++)
		if (c->slot[i].buf != NULL)
			contents_head(c->slot[i].buf)->refs++;
	for (i = 0; i < CONTENTS_HOT; i++) {
		c->hot[i].pfn = CONTENTS_EMPTY;
		c->hot[i].buf = NULL;
	}
	return c;
}
