/*
 * umalloc-view.c - the heap as a view sees it: chunks in address order
 * with the state glibc would find them in, read from the process's bytes
 * without touching anything (no faults, no events).
 *
 * A chunk's state comes from walking the lists the way malloc does: the
 * tcache bins (REVEAL_PTR on each next), the fastbins, the unsorted bin
 * and the 126 regular bins; a chunk on none of them is in use (or is
 * top, or is the tcache_perthread_struct).  Walks are bounded so that a
 * corrupted list (a heap exploit in progress) cannot loop forever.
 */
#include "sim/user/umalloc.h"
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"
#include "sim/user/process-priv.h"
#include "sim/page/unaligned.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdlib.h>

#define UMV_MAX_LIST 4096 /* entries followed per list */

static const char *const umalloc_state_names[] = {
#define UCHUNK_NAME(e, name) name,
	UMALLOC_CHUNK_STATES(UCHUNK_NAME)
#undef UCHUNK_NAME
};

const char *
umalloc_chunk_state_name(enum umalloc_chunk_state s)
{
	return s < UCHUNK__COUNT ? umalloc_state_names[s] : "?";
}

struct umv_mark {
	uint64_t chunk;
	int	 state, bin;
};

struct umv_marks {
	struct umv_mark *v;
	size_t		 n, cap;
};

static uint64_t
umv_rd(const struct machine *m, uint64_t va, int *ok)
{
	uint8_t b[8];

	if (process_peek_const(m, va, b, sizeof b) != 0) {
		*ok = 0;
		return 0;
	}
	return get_unaligned_le64(b);
}

static void
umv_mark(struct umv_marks *mk, uint64_t chunk, int state, int bin)
{
	if (mk->n == mk->cap) {
		mk->cap = mk->cap ? mk->cap * 2 : 64;
		mk->v = xreallocarray(mk->v, mk->cap, sizeof *mk->v);
	}
	mk->v[mk->n].chunk = chunk;
	mk->v[mk->n].state = state;
	mk->v[mk->n].bin = bin;
	mk->n++;
}

static int
umv_cmp(const void *a, const void *b)
{
	uint64_t x = ((const struct umv_mark *)a)->chunk;
	uint64_t y = ((const struct umv_mark *)b)->chunk;

	return x < y ? -1 : x > y;
}

/* The tcache and fastbin lists (singly linked, safe-linked). */
static void
umv_collect_single(const struct machine *m, const struct umalloc *um,
    struct umv_marks *mk)
{
	int	 i, n, ok = 1;
	uint64_t e;

	for (i = 0; um->tcache != 0 && i < UM_TCACHE_BINS; i++) {
		e = umv_rd(m, um->tcache + 128 + (uint64_t)i * 8, &ok);
		for (n = 0; ok && e != 0 && n < UMV_MAX_LIST; n++) {
			umv_mark(mk, e - UM_HDR, UCHUNK_TCACHE, i);
			e = umalloc_protect_ptr(e, umv_rd(m, e, &ok));
		}
		ok = 1;
	}
	for (i = 0; i < UM_NFASTBINS; i++) {
		e = umv_rd(m,
		    umalloc_main_arena(m) + AV_FASTBINS + (uint64_t)i * 8, &ok);
		for (n = 0; ok && e != 0 && n < UMV_MAX_LIST; n++) {
			umv_mark(mk, e, UCHUNK_FASTBIN, i);
			e = umalloc_protect_ptr(e + 16, umv_rd(m, e + 16, &ok));
		}
		ok = 1;
	}
}

/* The unsorted, small and large bins (doubly linked through fd). */
static void
umv_collect_bins(const struct machine *m, const struct umalloc *um,
    struct umv_marks *mk)
{
	int i, n, ok = 1;

	(void)um; /* the bins shown are main_arena's */

	for (i = 1; i < UM_NBINS; i++) {
		uint64_t bin = umalloc_main_arena(m) + AV_BINS +
		    (uint64_t)(i - 1) * 16 - 16;
		uint64_t c = umv_rd(m, bin + 16, &ok);
		int	 st = i == 1 ? UCHUNK_UNSORTED :
			 i < 64	     ? UCHUNK_SMALL :
				       UCHUNK_LARGE;

		for (n = 0; ok && c != bin && c != 0 && n < UMV_MAX_LIST; n++) {
			umv_mark(mk, c, st, i);
			c = umv_rd(m, c + 16, &ok);
		}
		ok = 1;
	}
}

static void
umv_classify(const struct umv_marks *mk, const struct umalloc *um, uint64_t top,
    struct umalloc_chunk *c)
{
	struct umv_mark key, *hit;

	key.chunk = c->addr;
	c->state = UCHUNK_INUSE;
	c->bin = -1;
	if (c->addr == top)
		c->state = UCHUNK_TOP;
	else if (um->tcache != 0 && c->addr == um->tcache - UM_HDR)
		c->state = UCHUNK_TCACHE_STRUCT;
	else if (mk->n > 0 &&
	    (hit = bsearch(&key, mk->v, mk->n, sizeof *mk->v, umv_cmp)) !=
		NULL) { /* no bins yet: v is NULL */
		c->state = (enum umalloc_chunk_state)hit->state;
		c->bin = hit->bin;
	}
}

/* Walks the sbrk heap from its start to the end of top. */
static size_t
umv_walk_heap(const struct machine *m, const struct umalloc *um,
    const struct umv_marks *mk, int (*fn)(const struct umalloc_chunk *, void *),
    void *arg, int *stop)
{
	int	 ok = 1;
	uint64_t top = umv_rd(m, umalloc_main_arena(m) + AV_TOP, &ok),
		 p = um->sbrk_base;
	uint64_t end = m->proc->brk;
	size_t	 n = 0;

	while (ok && !*stop && p != 0 && p + UM_HDR <= end) {
		struct umalloc_chunk c;
		uint64_t	     sz = umv_rd(m, p + 8, &ok);

		c.addr = p;
		c.mem = p + UM_HDR;
		c.size = sz & ~UM_SIZE_BITS;
		c.flags = (unsigned)(sz & UM_SIZE_BITS);
		c.mmapped = 0;
		umv_classify(mk, um, top, &c);
		n++;
		*stop = fn(&c, arg);
		if (c.size < UM_HDR || (c.size & UM_ALIGN_MASK) || p == top)
			break;
		p += c.size;
	}
	return n;
}

/*
 * Mmapped chunks: an anonymous VMA is walked header by header.  A header
 * is the first word pair of a page malloc wrote, so only touched pages
 * are tried (process_pages_in_const): a huge mapping costs its pages
 * touched, not its length.
 */
/*
 * memalign of an mmapped chunk (_int_memalign) leaves the mapping's own
 * header where it was and starts the chunk further in, its prev_size
 * the offset back to the mapping (what munmap_chunk reads).  The new
 * header is on the mapping's first page or on the next page touched
 * (the leader's pages are never written): a slot whose prev_size is its
 * offset and whose size, IS_MMAPPED, ends the mapping is that chunk.
 */
static uint64_t
umv_memaligned(const struct machine *m, uint64_t start, uint64_t size,
    uint64_t page)
{
	uint64_t x, off, sz;
	int	 ok = 1;

	for (x = page + (page == start ? UM_HDR : 0); x < page + UM_PAGE;
	     x += UM_HDR) {
		off = x - start;
		if (off >= size || umv_rd(m, x, &ok) != off || !ok)
			continue;
		sz = umv_rd(m, x + 8, &ok);
		if (ok && (sz & UM_IS_MMAPPED) &&
		    (sz & ~UM_SIZE_BITS) == size - off)
			return x;
	}
	return 0;
}

/* The chunk a mapping holds: at its start, or moved in by memalign. */
static uint64_t
umv_mmapped_chunk(const struct machine *m, uint64_t start, uint64_t size,
    const uint64_t *pages, size_t npages, size_t k)
{
	uint64_t x = umv_memaligned(m, start, size, start);

	if (x == 0 && k + 1 < npages && pages[k + 1] < start + size)
		x = umv_memaligned(m, start, size, pages[k + 1]);
	return x != 0 ? x : start;
}

static size_t
umv_walk_vma(const struct machine *m, const struct process_vma_info *v,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg, int *stop)
{
	uint64_t *pages, p = v->start;
	size_t k, npages = process_pages_in_const(m, v->start, v->end, &pages);
	size_t n = 0;

	for (k = 0; k < npages && !*stop; k++) {
		int		     ok = 1;
		uint64_t	     sz;
		struct umalloc_chunk c;

		if (pages[k] < p)
			continue; /* inside the chunk just seen */
		p = pages[k];
		sz = umv_rd(m, p + 8, &ok);
		if (!ok || !(sz & UM_IS_MMAPPED) ||
		    (sz & (UM_PAGE - 1)) != UM_IS_MMAPPED || sz < UM_PAGE ||
		    (sz & ~UM_SIZE_BITS) > v->end - p)
			continue;
		c.addr = umv_mmapped_chunk(m, p, sz & ~UM_SIZE_BITS, pages,
		    npages, k);
		if (c.addr != p)
			sz = umv_rd(m, c.addr + 8, &ok);
		c.mem = c.addr + UM_HDR;
		c.size = sz & ~UM_SIZE_BITS;
		c.flags = (unsigned)(sz & UM_SIZE_BITS);
		c.state = UCHUNK_INUSE;
		c.bin = -1;
		c.mmapped = 1;
		n++;
		*stop = fn(&c, arg);
		p = c.addr + c.size;
	}
	free(pages);
	return n;
}

static size_t
umv_walk_mmapped(const struct machine *m,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg, int *stop)
{
	size_t			i, n = 0;
	struct process_vma_info v;

	for (i = 0; !*stop && process_vma_get(m, i, &v) == 0; i++) {
		if (v.kind == PVMA_ANON)
			n += umv_walk_vma(m, &v, fn, arg, stop);
	}
	return n;
}

size_t
umalloc_walk(const struct machine *m,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg)
{
	const struct umalloc *um = m->proc->um;
	struct umv_marks      mk = { NULL, 0, 0 };
	size_t		      n = 0;
	int		      stop = 0;

	if (um == NULL || !um->initialized)
		return 0;
	umv_collect_single(m, um, &mk);
	umv_collect_bins(m, um, &mk);
	if (mk.n > 0)
		qsort(mk.v, mk.n, sizeof *mk.v, umv_cmp);
	n += umv_walk_heap(m, um, &mk, fn, arg, &stop);
	n += umv_walk_mmapped(m, fn, arg, &stop);
	free(mk.v);
	return n;
}

struct umv_find {
	uint64_t	      va;
	struct umalloc_chunk *out;
	int		      found;
};

static int
umv_find_fn(const struct umalloc_chunk *c, void *arg)
{
	struct umv_find *f = arg;

	if (f->va >= c->addr && f->va < c->addr + c->size) {
		*f->out = *c;
		f->found = 1;
		return 1;
	}
	return 0;
}

int
umalloc_chunk_at(const struct machine *m, uint64_t va,
    struct umalloc_chunk *out)
{
	struct umv_find f = { va, out, 0 };

	umalloc_walk(m, umv_find_fn, &f);
	return f.found ? 0 : -1;
}

uint64_t
umalloc_mmap_threshold(const struct machine *m)
{
	return m->proc->um != NULL ? m->proc->um->mmap_threshold :
				     UM_DEFAULT_MMAP_THRESHOLD;
}

uint64_t
umalloc_trim_threshold(const struct machine *m)
{
	return m->proc->um != NULL ? m->proc->um->trim_threshold :
				     UM_DEFAULT_TRIM_THRESHOLD;
}

uint64_t
umalloc_main_arena(const struct machine *m)
{
	return process_libc_base(m) + UM_MAIN_ARENA_OFF;
}

void
umalloc_describe(const struct machine *m, uint64_t va, struct sbuf *out)
{
	struct umalloc_chunk c;

	if (umalloc_chunk_at(m, va, &c) != 0)
		return;
	sbuf_printf(out, "chunk %#" PRIx64 " size %#" PRIx64 "%s%s%s %s",
	    c.addr, c.size, (c.flags & UM_PREV_INUSE) ? " P" : "",
	    c.mmapped ? " M" : "", (c.flags & UM_NON_MAIN_ARENA) ? " A" : "",
	    umalloc_chunk_state_name(c.state));
	if (c.bin >= 0)
		sbuf_printf(out, "[%d]", c.bin);
}
