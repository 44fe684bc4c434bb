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
 *
 * Every thread has its tcache (malloc.c: the TLS variable `tcache`), and
 * a chunk of any arena may sit in any thread's: free() puts a chunk in
 * the calling thread's tcache before it looks at the chunk's arena.  A
 * thread arena's heaps (arena.c) are walked as the main heap is, against
 * that arena's fastbins and bins.
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
/* heap_info (malloc/arena.c): ar_ptr, prev, size, mprotect_size,
 * pagesize, padded to MALLOC_ALIGNMENT: 48 bytes. */
#define UMV_HI_PREV   8
#define UMV_HEAP_INFO 48ull

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
	int	 state, bin, thread;
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
umv_mark(struct umv_marks *mk, uint64_t chunk, int state, int bin, int thread)
{
	if (mk->n == mk->cap) {
		mk->cap = mk->cap ? mk->cap * 2 : 64;
		mk->v = xreallocarray(mk->v, mk->cap, sizeof *mk->v);
	}
	mk->v[mk->n].chunk = chunk;
	mk->v[mk->n].state = state;
	mk->v[mk->n].bin = bin;
	mk->v[mk->n].thread = thread;
	mk->n++;
}

static int
umv_cmp(const void *a, const void *b)
{
	uint64_t x = ((const struct umv_mark *)a)->chunk;
	uint64_t y = ((const struct umv_mark *)b)->chunk;

	return x < y ? -1 : x > y;
}

/* Thread t's tcache: the running thread's is in um, the others' are
 * kept in their thread slots (umalloc-arena.c). */
static uint64_t
umv_tcache_of(const struct umalloc *um, unsigned t)
{
	return t == um->cur_thread ? um->tcache : um->threads[t].tcache;
}

/* Every thread's tcache_perthread_struct and tcache bins (singly
 * linked, safe-linked). */
static void
umv_collect_tcaches(const struct machine *m, const struct umalloc *um,
    struct umv_marks *mk)
{
	unsigned t;
	int	 i, n, ok = 1;
	uint64_t e, tc;

	for (t = 0; t < UM_MAX_THREADS; t++) {
		if ((tc = umv_tcache_of(um, t)) == 0)
			continue;
		umv_mark(mk, tc - UM_HDR, UCHUNK_TCACHE_STRUCT, -1, (int)t);
		for (i = 0; i < UM_TCACHE_BINS; i++) {
			e = umv_rd(m, tc + 128 + (uint64_t)i * 8, &ok);
			for (n = 0; ok && e != 0 && n < UMV_MAX_LIST; n++) {
				umv_mark(mk, e - UM_HDR, UCHUNK_TCACHE, i,
				    (int)t);
				e = umalloc_protect_ptr(e, umv_rd(m, e, &ok));
			}
			ok = 1;
		}
	}
}

/* Arena av's fastbins (singly linked, safe-linked). */
static void
umv_collect_fast(const struct machine *m, uint64_t av, struct umv_marks *mk)
{
	int	 i, n, ok = 1;
	uint64_t e;

	for (i = 0; i < UM_NFASTBINS; i++) {
		e = umv_rd(m, av + AV_FASTBINS + (uint64_t)i * 8, &ok);
		for (n = 0; ok && e != 0 && n < UMV_MAX_LIST; n++) {
			umv_mark(mk, e, UCHUNK_FASTBIN, i, -1);
			e = umalloc_protect_ptr(e + 16, umv_rd(m, e + 16, &ok));
		}
		ok = 1;
	}
}

/* Arena av's unsorted, small and large bins (doubly linked through fd). */
static void
umv_collect_bins(const struct machine *m, uint64_t av, struct umv_marks *mk)
{
	int i, n, ok = 1;

	for (i = 1; i < UM_NBINS; i++) {
		uint64_t bin = av + AV_BINS + (uint64_t)(i - 1) * 16 - 16;
		uint64_t c = umv_rd(m, bin + 16, &ok);
		int	 st = i == 1 ? UCHUNK_UNSORTED :
			 i < 64	     ? UCHUNK_SMALL :
				       UCHUNK_LARGE;

		for (n = 0; ok && c != bin && c != 0 && n < UMV_MAX_LIST; n++) {
			umv_mark(mk, c, st, i, -1);
			c = umv_rd(m, c + 16, &ok);
		}
		ok = 1;
	}
}

/* What a walk of arena av's chunks classifies them against, sorted. */
static void
umv_collect(const struct machine *m, const struct umalloc *um, uint64_t av,
    struct umv_marks *mk)
{
	umv_collect_tcaches(m, um, mk);
	umv_collect_fast(m, av, mk);
	umv_collect_bins(m, av, mk);
	if (mk->n > 0)
		qsort(mk->v, mk->n, sizeof *mk->v, umv_cmp);
}

static void
umv_classify(const struct umv_marks *mk, uint64_t top, struct umalloc_chunk *c)
{
	struct umv_mark key, *hit;

	key.chunk = c->addr;
	c->state = UCHUNK_INUSE;
	c->bin = -1;
	c->thread = -1;
	if (c->addr == top)
		c->state = UCHUNK_TOP;
	else if (mk->n > 0 &&
	    (hit = bsearch(&key, mk->v, mk->n, sizeof *mk->v, umv_cmp)) !=
		NULL) { /* no bins yet: v is NULL */
		c->state = (enum umalloc_chunk_state)hit->state;
		c->bin = hit->bin;
		c->thread = hit->thread;
	}
}

/* Walks chunks from p to the end of top (or to end): the sbrk heap, or
 * a thread arena's heap, whose last chunks may be the fenceposts
 * sysmalloc() leaves when top moves to a new heap (sizes 0x10 and 0). */
static size_t
umv_walk_chunks(const struct machine *m, const struct umv_marks *mk,
    uint64_t top, uint64_t p, uint64_t end, int arena,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg, int *stop)
{
	int    ok = 1;
	size_t n = 0;

	while (ok && !*stop && p != 0 && p + UM_HDR <= end) {
		struct umalloc_chunk c;
		uint64_t	     sz = umv_rd(m, p + 8, &ok);

		c.addr = p;
		c.mem = p + UM_HDR;
		c.size = sz & ~UM_SIZE_BITS;
		c.flags = (unsigned)(sz & UM_SIZE_BITS);
		c.mmapped = 0;
		umv_classify(mk, top, &c);
		if (arena && c.size < UM_MINSIZE && p != top)
			c.state = UCHUNK_FENCEPOST;
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
		c.thread = -1;
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

	struct umalloc_heap_view h;

	/* a thread arena's heap holds arena chunks, never mmapped ones */
	for (i = 0; !*stop && process_vma_get(m, i, &v) == 0; i++) {
		if (v.kind == PVMA_ANON &&
		    umalloc_heap_at(m, v.start & ~(UM_HEAP_MAX_SIZE - 1), &h) !=
			0)
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
	int		      stop = 0, ok = 1;
	uint64_t	      av = umalloc_main_arena(m);

	if (um == NULL || !um->initialized)
		return 0;
	umv_collect(m, um, av, &mk);
	n += umv_walk_chunks(m, &mk, umv_rd(m, av + AV_TOP, &ok), um->sbrk_base,
	    m->proc->brk, 0, fn, arg, &stop);
	n += umv_walk_mmapped(m, fn, arg, &stop);
	free(mk.v);
	return n;
}

int
umalloc_heap_layout(const struct machine *m, uint64_t heap,
    struct umalloc_heap_layout *out)
{
	struct umalloc_heap_view h;
	int			 ok = 1;

	if (umalloc_heap_at(m, heap, &h) != 0)
		return -1;
	out->prev = umv_rd(m, heap + UMV_HI_PREV, &ok);
	out->state = h.arena == heap + UMV_HEAP_INFO ? h.arena : 0;
	/* _int_new_arena(): top after the malloc_state, its user pointer
	 * aligned; a later heap's first chunk is right after heap_info */
	out->first = out->state != 0 ?
	    ((h.arena + AV_SIZE + UM_HDR + UM_ALIGN_MASK) & ~UM_ALIGN_MASK) -
		UM_HDR :
	    heap + UMV_HEAP_INFO;
	out->end = heap + h.size;
	return ok ? 0 : -1;
}

size_t
umalloc_walk_heap(const struct machine *m, uint64_t	   heap,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg)
{
	struct umalloc_heap_layout lay;
	struct umalloc_heap_view   h;
	struct umv_marks	   mk = { NULL, 0, 0 };
	size_t			   n;
	int			   stop = 0;

	if (umalloc_heap_layout(m, heap, &lay) != 0 ||
	    umalloc_heap_at(m, heap, &h) != 0)
		return 0;
	umv_collect(m, m->proc->um, h.arena, &mk);
	n = umv_walk_chunks(m, &mk, h.top, lay.first, lay.end, 1, fn, arg,
	    &stop);
	free(mk.v);
	return n;
}

unsigned
umalloc_arena_count(const struct machine *m)
{
	return m->proc->um != NULL ? 1 + (unsigned)m->proc->um->narenas : 1;
}

uint64_t
umalloc_arena_of_thread(const struct machine *m, unsigned t)
{
	const struct umalloc *um = m->proc->um;

	if (um == NULL || t >= UM_MAX_THREADS || um->threads[t].arena == 0)
		return umalloc_main_arena(m);
	return um->threads[t].arena;
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
	struct umv_find		 f = { va, out, 0 };
	struct umalloc_heap_view h;
	uint64_t		 heap = va & ~(UM_HEAP_MAX_SIZE - 1);

	if (umalloc_heap_at(m, heap, &h) == 0)
		umalloc_walk_heap(m, heap, umv_find_fn, &f);
	else
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
