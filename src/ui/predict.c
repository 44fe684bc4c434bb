/*
 * predict.c - judging a guess and saying why the allocation landed
 * where it did.
 *
 * The reason is read off the step's events, in the order the
 * allocators take their decisions: a failure first; vmalloc (its area
 * and page-by-page frames, mm/vmalloc.c __vmalloc_area_node()); malloc
 * (brk, mmap, the chunk glibc carved and what its bins did,
 * malloc/malloc.c _int_malloc(); a realloc that had room, nothing);
 * kmalloc above the caches (mm/slub.c __kmalloc_large_node()); a slab
 * cache with or without a partial slab (mm/slub.c ___slab_alloc()); and
 * plain buddy blocks, taken whole or split (mm/page_alloc.c
 * __rmqueue_smallest() and expand()).  vmalloc and malloc steps contain
 * slab and page events of their own (the vmap_area object, page-table
 * pages), so they are recognised before the kinds they contain.
 */
#include "ui/predict.h"

#include <inttypes.h>
#include <string.h>

static const struct event *
predict_find(const struct step *st, enum event_kind kind)
{
	size_t i;

	for (i = 0; i < st->nev; i++)
		if (st->ev[i].kind == kind)
			return &st->ev[i];
	return NULL;
}

static const struct event *
predict_find_last(const struct step *st, enum event_kind kind)
{
	size_t i;

	for (i = st->nev; i-- > 0;)
		if (st->ev[i].kind == kind)
			return &st->ev[i];
	return NULL;
}

int
predict_is_question(const struct stmt_entry *e)
{
	return e != NULL && (e->flags & STMT_ASSIGN) &&
	    (e->flags & STMT_OPERATION);
}

/* Any of the result's frames meets the pfns [lo, hi). */
static int
predict_frames_meet(const struct step *st, uint64_t lo, uint64_t hi)
{
	size_t	 i;
	uint64_t flo, fhi;

	for (i = 0; i < st->nframes; i++) {
		flo = st->frames[i].pfn;
		fhi = flo + st->frames[i].count;
		if (flo < hi && lo < fhi)
			return 1;
	}
	return 0;
}

/*
 * The new thing e holds the result: the mapping holds the address, the
 * grown heap lies below the new break (a mapping of its own lies far
 * above it), a new slab or block holds the result's first frame.
 */
static int
predict_holds(const struct step *st, const struct event *e)
{
	uint64_t pfn;

	switch (e->kind) {
	case EV_BRK:
		return st->addr < e->aux;
	case EV_MMAP:
		return st->addr >= e->addr && st->addr - e->addr < e->size;
	default:
		if (st->nframes == 0 || e->pfn == EVENT_NONE)
			return 1;
		pfn = st->frames[0].pfn;
		return pfn >= e->pfn && pfn - e->pfn < (1ull << e->order);
	}
}

/* The step made a new thing of the guessed kind, and the result is in it. */
static int
predict_made(const struct step *st, enum event_kind kind)
{
	size_t i;

	for (i = 0; i < st->nev; i++)
		if (st->ev[i].kind == kind && predict_holds(st, &st->ev[i]))
			return 1;
	return 0;
}

int
predict_judge(const struct step *st, const struct predict_guess *g)
{
	if (st->status != SIM_OK)
		return g->fails;
	if (g->fails)
		return 0;
	switch (g->where) {
	case PW_FRAMES:
		return predict_frames_meet(st, g->lo, g->hi);
	case PW_VIRT: /* the pointer returned: object, area, user memory */
		return st->addr != EVENT_NONE && st->addr >= g->lo &&
		    st->addr < g->hi;
	case PW_EVENT:
		return predict_made(st, g->ev);
	}
	return 0;
}

void
predict_truth(const struct step *st, struct sbuf *out)
{
	const struct pfn_range *r;
	size_t			i;

	if (st->status != SIM_OK || st->nframes == 0) {
		sbuf_puts(out, "nowhere");
		return;
	}
	r = &st->frames[0];
	if (st->nframes == 1) {
		sbuf_printf(out,
		    r->count == 1 ? "pfn %#" PRIx64 :
				    "pfns %#" PRIx64 "-%#" PRIx64,
		    r->pfn, r->pfn + r->count - 1);
		return;
	}
	sbuf_puts(out, "pfns");
	for (i = 0; i < st->nframes && i < 4; i++)
		sbuf_printf(out, " %#" PRIx64, st->frames[i].pfn);
	if (st->nframes > 4)
		sbuf_puts(out, " ...");
}

void
predict_landed(const struct step *st, const struct predict_guess *g,
    struct sbuf *out)
{
	if (g->where == PW_FRAMES || st->status != SIM_OK ||
	    st->addr == EVENT_NONE) {
		predict_truth(st, out);
		return;
	}
	sbuf_printf(out, "at %#" PRIx64, st->addr);
	if (st->nframes > 0) {
		sbuf_puts(out, ", ");
		predict_truth(st, out);
	}
}

/* ", no free block of order N: split an order-M block at pfn P". */
static void
predict_split(const struct step *st, unsigned want, struct sbuf *out)
{
	const struct event *s = predict_find(st, EV_SPLIT);

	if (s == NULL)
		return;
	if (s->order == want + 1)
		sbuf_printf(out, "no free block of order %u: ", want);
	else
		sbuf_printf(out, "no free block of orders %u-%u: ", want,
		    s->order - 1);
	sbuf_printf(out, "split an order-%u block at pfn %#" PRIx64, s->order,
	    s->pfn);
}

static void
predict_failed(const struct step *st, struct sbuf *out)
{
	const struct event *f = predict_find(st, EV_FAIL);
	const char *why = f != NULL && f->text != NULL ? f->text : st->reason;

	sbuf_printf(out, "it failed (%s)", sim_status_name(st->status));
	if (why != NULL && *why != '\0')
		sbuf_printf(out, ": %s", why);
}

static void
predict_vmalloc(const struct step *st, const struct event *area,
    struct sbuf *out)
{
	size_t i, n = 0;

	for (i = 0; i < st->nev; i++)
		n += st->ev[i].kind == EV_PTE_SET;
	sbuf_printf(out,
	    "vmalloc took %zu page%s one at a time wherever a "
	    "frame was free (",
	    n, n == 1 ? "" : "s");
	predict_truth(st, out);
	sbuf_printf(out, ") and mapped them side by side at %#" PRIx64,
	    area->addr);
}

/*
 * What the bins did (malloc/malloc.c _int_malloc(): tcache, fastbins,
 * the unsorted bin sorted, a binned chunk unlinked), at most three
 * steps: "the 112-byte chunk at 0x...290: taken from tcache[5]".
 */
static const char *
predict_bins(const struct step *st, const char *sep, struct sbuf *out)
{
	const struct event *e, *prev = NULL;
	size_t		    i, n = 0;

	for (i = 0; i < st->nev && n < 3; i++) {
		e = &st->ev[i];
		if (e->kind != EV_BIN || e->text == NULL)
			continue;
		if (prev != NULL && prev->addr == e->addr)
			sbuf_printf(out, ", then %s", e->text);
		else
			sbuf_printf(out,
			    "%sthe %" PRIu64 "-byte chunk at %#" PRIx64 ": %s",
			    sep, e->size, e->addr, e->text);
		sep = "; ";
		prev = e;
		n++;
	}
	return sep;
}

static void
predict_malloc(const struct step *st, struct sbuf *out)
{
	const struct event *brk = predict_find(st, EV_BRK);
	const struct event *map = predict_find(st, EV_MMAP);
	const struct event *chunk = predict_find_last(st, EV_CHUNK);
	const char	   *sep = "";

	if (brk != NULL) {
		sbuf_printf(out, "the heap grew with brk by %" PRIu64 " KiB",
		    (brk->aux - brk->addr) >> 10);
		sep = "; ";
	}
	if (map != NULL) {
		sbuf_printf(out, "%sa mapping of its own (%" PRIu64 " KiB)",
		    sep, map->size >> 10);
		sep = "; ";
	}
	if (chunk != NULL && chunk->text != NULL) {
		sbuf_printf(out, "%schunk %s", sep, chunk->text);
		sep = "; ";
	}
	sep = predict_bins(st, sep, out);
	if (st->faults > 0)
		sbuf_printf(out, "%s%" PRIu64 " page fault%s brought frames in",
		    sep, st->faults, st->faults == 1 ? "" : "s");
}

static void
predict_slab(const struct step *st, const struct event *obj, struct sbuf *out)
{
	const struct event *slab = predict_find(st, EV_SLAB_NEW);
	const char	   *cache = obj->text != NULL ? obj->text :
		    st->what != NULL		      ? st->what :
							"the cache";

	if (obj->aux != 0 && obj->aux != obj->size)
		sbuf_printf(out, "%" PRIu64 " bytes round up to %s; ", obj->aux,
		    cache);
	if (slab == NULL) {
		sbuf_printf(out,
		    "%s had a partial slab at pfn %#" PRIx64
		    ", so no new slab was needed",
		    cache, obj->pfn);
		return;
	}
	sbuf_printf(out,
	    "%s had no free object, so a new order-%u slab was "
	    "made at pfn %#" PRIx64,
	    cache, slab->order, slab->pfn);
	if (predict_find(st, EV_SPLIT) != NULL) {
		sbuf_puts(out, " (");
		predict_split(st, slab->order, out);
		sbuf_puts(out, ")");
	}
}

static void
predict_pages(const struct step *st, const struct event *pa, const char *what,
    struct sbuf *out)
{
	if (predict_find(st, EV_SPLIT) != NULL) {
		if (what != NULL)
			sbuf_printf(out, "%s: ", what);
		predict_split(st, pa->order, out);
		if (pa->order == 0)
			sbuf_puts(out, " and kept its first frame");
		else
			sbuf_printf(out, " and kept its first %u frames",
			    1u << pa->order);
		return;
	}
	if (what != NULL)
		sbuf_printf(out, "%s: ", what);
	sbuf_printf(out,
	    "free_area[%u] had a block, so the one at its head, "
	    "pfn %#" PRIx64 ", was taken whole",
	    pa->order, pa->pfn);
}

void
predict_reason(const struct step *st, struct sbuf *out)
{
	const struct event *e;

	if (st->status != SIM_OK)
		predict_failed(st, out);
	else if ((e = predict_find(st, EV_VMAP_AREA)) != NULL)
		predict_vmalloc(st, e, out);
	else if (predict_find(st, EV_CHUNK) != NULL ||
	    predict_find(st, EV_BRK) != NULL ||
	    predict_find(st, EV_MMAP) != NULL ||
	    predict_find(st, EV_BIN) != NULL)
		predict_malloc(st, out);
	else if ((e = predict_find(st, EV_LARGE_ALLOC)) != NULL)
		predict_pages(st, e,
		    "above the largest kmalloc cache, the "
		    "page allocator served it",
		    out);
	else if ((e = predict_find(st, EV_OBJ_ALLOC)) != NULL)
		predict_slab(st, e, out);
	else if ((e = predict_find(st, EV_PAGES_ALLOC)) != NULL ||
	    (e = predict_find(st, EV_PCP_ALLOC)) != NULL)
		predict_pages(st, e, NULL, out);
	else if (st->nev == 0 && st->addr != EVENT_NONE) /* realloc */
		sbuf_puts(out, "the chunk already had room, so nothing moved");
	else
		sbuf_puts(out, "no frame was needed");
	if (st->slept)
		sbuf_puts(out, ", after sleeping in direct reclaim");
}

void
quiz_record(struct quiz_score *q, int right)
{
	q->asked++;
	if (right)
		q->right++;
}

void
quiz_format(const struct quiz_score *q, struct sbuf *out)
{
	if (q->asked == 0) {
		sbuf_puts(out, "no questions");
		return;
	}
	sbuf_printf(out, "%u of %u right (%u%%)", q->right, q->asked,
	    q->right * 100 / q->asked);
}
