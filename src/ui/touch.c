/*
 * touch.c - the bytes the last operation touched, and the latest
 * allocation (see touch.h).
 *
 * An operation's events say what it did to bytes: EV_READ and EV_WRITE
 * carry the range; EV_ZERO is the memset of __GFP_ZERO (mm/slub.c
 * slab_post_alloc_hook() for kzalloc, clear_page() per frame for a
 * vzalloc or a zeroed kmalloc_large) when it covers the result, and of
 * glibc's calloc when it starts at the returned pointer.  The page
 * allocator also clears frames it hands to page tables and to a user
 * page fault; those are not the caller's bytes and do not count.
 * EV_OBJ_FREE (SLUB writes its free pointer into the object) and EV_BIN
 * (glibc writes fd/next and key into the chunk) as a free's first event
 * mark a free.
 */
#include "ui/touch.h"
#include "sim/page/phys.h"
#include "sim/user/process.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The kernel half of x86-64's address space starts here. */
#define TOUCH_KERNEL_VA 0xffff800000000000ull

static const char *const touch_names[] = {
#define TOUCH_NAME(e, name) name,
	TOUCH_KINDS(TOUCH_NAME)
#undef TOUCH_NAME
};

const char *
touch_kind_name(enum touch_kind k)
{
	return (unsigned)k < TOUCH__COUNT ? touch_names[k] : "?";
}

void
touch_reset(struct touch *t)
{
	memset(t, 0, sizeof *t);
}

static int
touch_in_frames(const struct step *st, uint64_t pfn)
{
	size_t i;

	for (i = 0; i < st->nframes; i++)
		if (pfn >= st->frames[i].pfn &&
		    pfn < st->frames[i].pfn + st->frames[i].count)
			return 1;
	return 0;
}

/* "NAME = call(...)": the statement binds a name to its result. */
static size_t
touch_assigned(const char *src)
{
	size_t n = 0;

	while (isalnum((unsigned char)src[n]) || src[n] == '_')
		n++;
	return n > 0 && strncmp(src + n, " = ", 3) == 0 ? n : 0;
}

/* The memset over the result: kzalloc, calloc, vzalloc. */
static int
touch_zeroes_result(const struct step *st, const struct event *ev)
{
	if (st->addr == 0 || ev->kind != EV_ZERO)
		return 0;
	/* init_on_alloc's clearing of a vmalloc area or of whole pages is
	 * the kernel's, not the caller's memset: the mapping says more. */
	if (ev->text != NULL && st->addr >= TOUCH_KERNEL_VA &&
	    (st->size > PAGE_SIZE || ev->addr == EVENT_NONE))
		return 0;
	if (ev->addr == st->addr)
		return 1;
	return ev->addr == EVENT_NONE && st->addr >= TOUCH_KERNEL_VA &&
	    ev->pfn != EVENT_NONE && touch_in_frames(st, ev->pfn);
}

/* The event at i, if it touches bytes: sets kind, range and event. */
static int
touch_event(struct touch *t, const struct step *st, size_t i, int frees)
{
	const struct event	    *ev = &st->ev[i];
	static const enum touch_kind kinds[EV__COUNT] = {
		[EV_READ] = TOUCH_READ,
		[EV_WRITE] = TOUCH_WRITE,
		[EV_OBJ_FREE] = TOUCH_FREE,
		[EV_BIN] = TOUCH_FREE,
	};

	/* Not malloc taking a chunk off a bin, nor vfree's kfree of its
	 * page array: a free's own object or chunk comes first. */
	if (kinds[ev->kind] == TOUCH_FREE && (!frees || i > 0))
		return 0;
	if (touch_zeroes_result(st, ev)) {
		t->kind = TOUCH_ZERO;
		t->addr = st->addr;
		t->len = ev->addr == st->addr || st->size == 0 ? ev->size :
								 st->size;
	} else if (kinds[ev->kind] != TOUCH_NONE && ev->addr != EVENT_NONE &&
	    ev->size > 0) {
		t->kind = kinds[ev->kind];
		t->addr = ev->addr;
		t->len = ev->size;
	} else {
		return 0;
	}
	t->ev = i;
	return 1;
}

int
touch_fetch(const struct machine *m, uint64_t va, uint8_t *b)
{
	uint64_t pfn;

	if (va < PROCESS_TASK_SIZE)
		return process_peek_const(m, va, b, 1);
	if (machine_virt_to_pfn(m, va & ~(PAGE_SIZE - 1), &pfn) != 0)
		return -1;
	phys_read(m, pfn_to_phys(pfn) + (va & (PAGE_SIZE - 1)), b, 1);
	return 0;
}

int
touch_before(const struct touch *t, uint64_t va, uint8_t *b)
{
	size_t i;

	if (va < t->prev_addr || va - t->prev_addr >= t->prev_len)
		return -1;
	i = (size_t)(va - t->prev_addr);
	*b = t->prev[i];
	return t->prev_ok[i] ? 0 : -1;
}

/* Keeps the last range's bytes as before, and reads the new range's. */
static void
touch_shoot(struct touch *t, const struct machine *m)
{
	size_t i;

	memcpy(t->prev, t->shot, sizeof t->prev);
	memcpy(t->prev_ok, t->shot_ok, sizeof t->prev_ok);
	t->prev_addr = t->shot_addr;
	t->prev_len = t->shot_len;
	t->shot_addr = t->addr;
	t->shot_len = t->kind == TOUCH_NONE ? 0 :
	    t->len < TOUCH_SHOT		    ? (size_t)t->len :
					      TOUCH_SHOT;
	for (i = 0; i < t->shot_len; i++)
		t->shot_ok[i] = touch_fetch(m, t->addr + i, &t->shot[i]) == 0;
}

static void
touch_operation(struct touch *t, const struct player_item *item, size_t hist,
    const struct machine *m)
{
	const struct step *st = &item->step;
	size_t i, n = item->source != NULL ? touch_assigned(item->source) : 0;

	t->kind = TOUCH_NONE;
	t->hist = hist;
	if (t->alloc_hist >= hist) /* jumped back before it */
		t->alloc_len = 0;
	snprintf(t->source, sizeof t->source, "%s",
	    item->source != NULL ? item->source : "");
	/* A free's first bin event is the chunk it freed. */
	for (i = 0; i < st->nev; i++)
		if (touch_event(t, st, i, n == 0))
			break;
	touch_shoot(t, m);
	if (st->status != SIM_OK || st->addr == 0 || n == 0)
		return;
	t->alloc_addr = st->addr;
	t->alloc_len = st->size > 0 ? st->size : 1;
	t->alloc_hist = hist;
	snprintf(t->alloc_name, sizeof t->alloc_name, "%.*s", (int)n,
	    item->source);
}

void
touch_note(struct touch *t, const struct player_item *item, size_t hist,
    const struct machine *m)
{
	if (item->kind == SCRIPT_MACHINE) {
		touch_reset(t);
		return;
	}
	if (item->kind == SCRIPT_OP) {
		touch_operation(t, item, hist, m);
		return;
	}
	if (t->hist >= hist) { /* stepped back before it */
		t->kind = TOUCH_NONE;
		t->shot_len = t->prev_len = 0;
	}
	if (t->alloc_hist >= hist)
		t->alloc_len = 0;
}
