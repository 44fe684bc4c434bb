/*
 * umalloc.c - the public side of the user process's malloc: malloc,
 * calloc, realloc and free as glibc 2.36's __libc_malloc, __libc_calloc,
 * __libc_realloc, __libc_free and _int_realloc do them (malloc/malloc.c),
 * plus the accessors every umalloc file uses to reach malloc's state in
 * the process's memory.
 *
 * Invariant: between operations every chunk header, link and the arena
 * are in simulated bytes only; struct umalloc holds what glibc keeps
 * outside the process's data (mp_ and the TLS tcache pointer).
 */
#include "sim/user/umalloc.h"
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"
#include "sim/user/process-priv.h"
#include "sim/page/unaligned.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
umalloc_fault(struct machine *m, uint64_t addr, int r)
{
	if (r == -2) {
		step_emitf(m->st, EV_REPORT,
		    "Out of memory: Killed process "
		    "(prog) while faulting in %#" PRIx64,
		    addr);
		step_fail(m->st, SIM_ABORT, "Killed (out of memory)");
		process_kill(m, "SIGKILL");
	} else {
		step_emitf(m->st, EV_REPORT,
		    "prog: segfault at %" PRIx64 " in libc.so.6", addr);
		step_fail(m->st, SIM_ABORT, "Segmentation fault");
		process_kill(m, "SIGSEGV");
	}
	UM_LONGJMP(m->proc->um->jb);
}

/*
 * The accessors' long way, for len 2, 4 or 8 little-endian bytes:
 * process_peek/poke fault the page in; a fault that fails kills.  Out
 * of line so that a TLB hit in the accessors needs no stack frame.
 */
__attribute__((noinline)) uint64_t
umalloc_rd_slow(struct machine *m, uint64_t addr, size_t len)
{
	uint8_t	       b[8] = { 0 };
	const uint8_t *p = process_tlb_refill(m, addr, len);
	int	       r;

	if (p != NULL) {
		memcpy(b, p, len);
		return get_unaligned_le64(b);
	}
	if ((r = process_peek(m, addr, b, len)) != 0)
		umalloc_fault(m, addr, r);
	return get_unaligned_le64(b);
}

__attribute__((noinline)) void
umalloc_wr_slow(struct machine *m, uint64_t addr, uint64_t v, size_t len)
{
	uint8_t	 b[8];
	uint8_t *p = process_tlb_refill(m, addr, len);
	int	 r;

	put_unaligned_le64(v, b);
	if (p != NULL) {
		memcpy(p, b, len);
		return;
	}
	if ((r = process_poke(m, addr, b, len)) != 0)
		umalloc_fault(m, addr, r);
}

void
umalloc_printerr(struct machine *m, const char *msg)
{
	step_emitf(m->st, EV_REPORT, "%s", msg);
	step_fail(m->st, SIM_ABORT, "%s", msg);
	process_kill(m, "SIGABRT");
	UM_LONGJMP(m->proc->um->jb);
}

void
umalloc_event_emit(struct machine *m, int kind, uint64_t p, uint64_t size,
    const char *fmt, ...)
{
	struct event *ev;
	va_list	      ap;
	char	      buf[160];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ev = step_emitf(m->st, (enum event_kind)kind, "%s", buf);
	ev->addr = p;
	ev->size = size;
}

static void
umalloc_set_head_size(struct machine *m, uint64_t p, uint64_t s)
{
	umalloc_wr(m, p + 8, (umalloc_rd(m, p + 8) & UM_SIZE_BITS) | s);
}

/* ptmalloc_init() -> malloc_init_state(&main_arena): circular bins,
 * initial_top pointing at the unsorted bin, the random tcache_key. */
void
umalloc_ptmalloc_init(struct machine *m, struct umalloc *um)
{
	int i;

	um->initialized = 1;
	for (i = 1; i < UM_NBINS; i++) {
		uint64_t bin = umalloc_bin_at(m, i);

		umalloc_set_fd(m, bin, bin);
		umalloc_set_bk(m, bin, bin);
	}
	umalloc_wr32(m, um->av + AV_HAVE_FAST, 0);
	umalloc_wr(m, um->av + AV_ATTACHED, 1); /* main_arena's initializer */
	umalloc_set_top(m, umalloc_bin_at(m, 1));
	um->tcache_key = rng_next(&m->rng);
	umalloc_tunables_apply(m, um);
}

struct umalloc *
umalloc_get_new(struct machine *m)
{
	struct umalloc *um;

	if (m->proc->dead)
		process_restart(m);
	process_pidx_prepare(&m->proc->idx);
	if (m->proc->um != NULL)
		return m->proc->um;
	um = xcalloc(1, sizeof *um);
	um->av = process_libc_base(m) + UM_MAIN_ARENA_OFF;
	um->trim_threshold = UM_DEFAULT_TRIM_THRESHOLD;
	um->top_pad = UM_DEFAULT_TOP_PAD;
	um->mmap_threshold = UM_DEFAULT_MMAP_THRESHOLD;
	um->n_mmaps_max = UM_DEFAULT_MMAP_MAX;
	um->tcache_bins = UM_TCACHE_BINS;
	um->tcache_count = UM_TCACHE_COUNT;
	um->max_fast = UM_MAX_FAST;
	m->proc->um = um;
	return um;
}

struct umalloc *
umalloc_clone(const struct umalloc *um)
{
	return xmemdup(um, um != NULL ? sizeof *um : 0);
}

/* __libc_malloc(): the tcache first, then _int_malloc. */
uint64_t
umalloc_libc_malloc(struct machine *m, uint64_t bytes)
{
	struct umalloc *um = m->proc->um;
	uint64_t tbytes = umalloc_checked_request2size(bytes), tc_idx, mem;

	umalloc_init_once(m);
	if (tbytes == 0)
		return 0;
	tc_idx = umalloc_csize2tidx(tbytes);
	if (um->tcache == 0)
		umalloc_tcache_init(m);
	if (tc_idx < um->tcache_bins && um->tcache != 0 &&
	    umalloc_tcache_count(m, tc_idx) > 0) {
		step_set_tag(m->st, "tcache");
		return umalloc_tcache_get(m, tc_idx);
	}
	mem = umalloc_int_malloc(m, bytes);
	if (mem == 0 && umalloc_arena_retry(m, bytes)) {
		mem = umalloc_int_malloc(m, bytes);
		um->av = umalloc_thread_arena(m);
	}
	return mem;
}

/* __libc_free(). */
static void
umalloc_libc_free(struct machine *m, uint64_t mem)
{
	struct umalloc *um = m->proc->um;
	uint64_t	p, sz;

	umalloc_init_once(m);
	if (mem == 0)
		return;
	p = umalloc_mem2chunk(mem);
	sz = umalloc_size_nomask(m, p);
	if (sz & UM_IS_MMAPPED) {
		/* The dynamic threshold: a freed mmapped chunk larger than
		 * the threshold (flag bits included) raises it. */
		if (!um->no_dyn_threshold && sz > um->mmap_threshold &&
		    sz <= UM_DEFAULT_MMAP_THRESHOLD_MAX) {
			um->mmap_threshold = sz & ~UM_SIZE_BITS;
			um->trim_threshold = 2 * um->mmap_threshold;
			umalloc_event(m, EV_NOTE, EVENT_NONE,
			    um->mmap_threshold,
			    "mmap threshold raised to %" PRIu64 ", trim "
			    "threshold to %" PRIu64,
			    um->mmap_threshold, um->trim_threshold);
		}
		umalloc_munmap_chunk(m, p);
		return;
	}
	if (um->tcache == 0)
		umalloc_tcache_init(m);
	um->av = umalloc_arena_for_chunk(m, p);
	umalloc_int_free(m, p, 0);
	um->av = umalloc_thread_arena(m);
}

/*
 * The frames the block at mem already has, for the step.  Its size is
 * read from the chunk header, which a program may have overwritten (the
 * tcache hands a chunk out without looking at it), so the range stops
 * at the end of the mapping holding mem, and only touched pages are
 * visited (process_step_frames): a huge or garbage size costs nothing.
 */
static void
umalloc_result_frames(struct machine *m, uint64_t mem, uint64_t size)
{
	const struct pvma *v = process_vma_at(m->proc, mem);

	if (v != NULL)
		process_step_frames(m, mem & ~(UM_PAGE - 1),
		    size > v->end - mem ? v->end : mem + size);
}

/* Records a returned pointer in the step: usable size, touched frames. */
void
umalloc_result(struct machine *m, uint64_t mem)
{
	uint64_t p, sz;

	m->st->addr = mem;
	if (mem == 0) {
		step_fail(m->st, SIM_ENOMEM,
		    "malloc: Cannot allocate memory "
		    "(ENOMEM)");
		return;
	}
	p = umalloc_mem2chunk(mem);
	sz = umalloc_size_nomask(m, p);
	m->st->size = (sz & ~UM_SIZE_BITS) -
	    ((sz & UM_IS_MMAPPED) ? UM_HDR : UM_SIZE_SZ);
	if (sz & UM_IS_MMAPPED)
		step_set_tag(m->st, "mmap");
	umalloc_result_frames(m, mem, m->st->size);
}

enum sim_status
umalloc_malloc(struct machine *m, uint64_t size)
{
	struct umalloc *um = umalloc_get(m);

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_result(m, umalloc_libc_malloc(m, size));
	return m->st->status;
}

enum sim_status
umalloc_free(struct machine *m, uint64_t addr)
{
	struct umalloc *um = umalloc_get(m);

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_libc_free(m, addr);
	return m->st->status;
}

/* calloc's clear: all but the last word, which is the next prev_size. */
static void
umalloc_calloc_clear(struct machine *m, uint64_t mem, uint64_t csz)
{
	struct event *ev;
	int	      r;

	if ((r = process_zero(m, mem, csz - UM_SIZE_SZ)) != 0)
		umalloc_fault(m, mem, r);
	ev = step_emit(m->st, EV_ZERO);
	ev->addr = mem;
	ev->size = csz - UM_SIZE_SZ;
	m->st->zeroed += csz - UM_SIZE_SZ;
}

/* __libc_calloc(): _int_malloc without the tcache; no memset for a
 * mmapped chunk or for the part of top that sbrk just gave (the kernel
 * hands out zero pages: MORECORE_CLEARS). */
static uint64_t
umalloc_libc_calloc(struct machine *m, uint64_t n, uint64_t size)
{
	struct umalloc *um = m->proc->um;
	uint64_t	bytes, oldtop, oldtopsize, fresh, mem, p, csz;

	if (size != 0 && n > (uint64_t)INT64_MAX / size)
		return 0;
	bytes = n * size;
	umalloc_init_once(m);
	if (um->tcache == 0)
		umalloc_tcache_init(m);
	oldtop = umalloc_top(m);
	oldtopsize = umalloc_size(m, oldtop);
	fresh = um->sbrk_base + umalloc_rd(m, um->av + AV_MAX_SYSTEM_MEM) -
	    oldtop;
	if ((int64_t)fresh < 0 || oldtopsize < fresh)
		oldtopsize = fresh;
	mem = umalloc_int_malloc(m, bytes);
	if (mem == 0 && umalloc_arena_retry(m, bytes)) {
		mem = umalloc_int_malloc(m, bytes);
		um->av = umalloc_thread_arena(m);
	}
	if (mem == 0)
		return 0;
	p = umalloc_mem2chunk(mem);
	csz = umalloc_size_nomask(m, p);
	if ((csz & UM_IS_MMAPPED) && um->perturb_byte != 0) {
		/* M_PERTURB filled it: clear the request. */
		umalloc_calloc_clear(m, mem, bytes + UM_SIZE_SZ);
		return mem;
	}
	if (csz & UM_IS_MMAPPED) {
		umalloc_event(m, EV_NOTE, mem, csz & ~UM_SIZE_BITS,
		    "no memset: "
		    "fresh mmap pages are zero");
		return mem;
	}
	csz &= ~UM_SIZE_BITS;
	if (um->perturb_byte == 0 && p == oldtop && csz > oldtopsize) {
		umalloc_event(m, EV_NOTE, mem, csz - oldtopsize,
		    "no memset for "
		    "the part fresh from sbrk");
		csz = oldtopsize;
	}
	if (csz > UM_SIZE_SZ)
		umalloc_calloc_clear(m, mem, csz);
	return mem;
}

enum sim_status
umalloc_calloc(struct machine *m, uint64_t n, uint64_t size)
{
	struct umalloc *um = umalloc_get(m);

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_result(m, umalloc_libc_calloc(m, n, size));
	return m->st->status;
}

/* Copies n bytes of user memory (memcpy in realloc). */
static void
umalloc_memcpy(struct machine *m, uint64_t dst, uint64_t src, uint64_t n)
{
	uint8_t buf[4096];

	while (n > 0) {
		uint64_t k = n < sizeof buf ? n : sizeof buf;
		int	 r;

		if ((r = process_peek(m, src, buf, (size_t)k)) != 0)
			umalloc_fault(m, src, r);
		if ((r = process_poke(m, dst, buf, (size_t)k)) != 0)
			umalloc_fault(m, dst, r);
		src += k;
		dst += k;
		n -= k;
	}
}

/* _int_realloc() when neither grow-in-place case applied. */
static uint64_t
umalloc_realloc_move(struct machine *m, uint64_t oldp, uint64_t oldsize,
    uint64_t nb, uint64_t next, uint64_t *newp, uint64_t *newsize)
{
	uint64_t newmem = umalloc_int_malloc(m, nb - UM_ALIGN_MASK);

	if (newmem == 0)
		return 0;
	*newp = umalloc_mem2chunk(newmem);
	*newsize = umalloc_size(m, *newp);
	if (*newp == next) {
		/* The new chunk is the next one: no copy, just merge. */
		*newsize += oldsize;
		*newp = oldp;
		return 1;
	}
	umalloc_memcpy(m, newmem, umalloc_chunk2mem(oldp),
	    oldsize - UM_SIZE_SZ);
	umalloc_event(m, EV_CHUNK, oldp, oldsize,
	    "realloc moved the data to %#" PRIx64, newmem);
	umalloc_int_free(m, oldp, 1);
	return newmem;
}

/* Splits the tail of a grown or shrunk chunk off and frees it. */
static void
umalloc_realloc_split(struct machine *m, uint64_t newp, uint64_t newsize,
    uint64_t nb)
{
	uint64_t rem, remsize = newsize - nb;

	if (remsize < UM_MINSIZE) {
		umalloc_set_head_size(m, newp, newsize);
		umalloc_set_inuse_at(m, newp, newsize);
		return;
	}
	rem = newp + nb;
	umalloc_set_head_size(m, newp, nb);
	umalloc_set_head(m, rem,
	    remsize | UM_PREV_INUSE | umalloc_arena_bit(m));
	umalloc_set_inuse_at(m, rem, remsize);
	umalloc_event(m, EV_CHUNK, rem, remsize, "realloc split off the tail");
	umalloc_int_free(m, rem, 1);
}

static uint64_t
umalloc_int_realloc(struct machine *m, uint64_t oldp, uint64_t oldsize,
    uint64_t nb)
{
	uint64_t next, nextsize, newp = oldp, newsize = oldsize, r;
	uint64_t sysmem = umalloc_system_mem(m);

	if (umalloc_size_nomask(m, oldp) <= UM_HDR || oldsize >= sysmem)
		umalloc_printerr(m, "realloc(): invalid old size");
	next = oldp + oldsize;
	nextsize = umalloc_size(m, next);
	if (umalloc_size_nomask(m, next) <= UM_HDR || nextsize >= sysmem)
		umalloc_printerr(m, "realloc(): invalid next size");
	if (oldsize < nb) {
		if (next == umalloc_top(m) &&
		    oldsize + nextsize >= nb + UM_MINSIZE) {
			umalloc_set_head_size(m, oldp, nb);
			umalloc_set_top(m, oldp + nb);
			umalloc_set_head(m, oldp + nb,
			    (oldsize + nextsize - nb) | UM_PREV_INUSE);
			umalloc_event(m, EV_CHUNK, oldp, nb,
			    "realloc grew into top");
			step_set_tag(m->st, "top");
			return umalloc_chunk2mem(oldp);
		} else if (next != umalloc_top(m) &&
		    !umalloc_inuse_at(m, next, nextsize) &&
		    oldsize + nextsize >= nb) {
			newsize = oldsize + nextsize;
			umalloc_unlink_chunk(m, next);
			umalloc_event(m, EV_CHUNK, oldp, newsize,
			    "realloc absorbed "
			    "the free chunk after it");
		} else {
			r = umalloc_realloc_move(m, oldp, oldsize, nb, next,
			    &newp, &newsize);
			if (r != 1)
				return r;
		}
	}
	umalloc_realloc_split(m, newp, newsize, nb);
	return umalloc_chunk2mem(newp);
}

/* __libc_realloc()'s "try harder to allocate memory in other arenas"
 * once the process has threads: malloc (whose own retry may move the
 * thread to another arena), copy, free the old chunk in its arena. */
static uint64_t
umalloc_realloc_retry(struct machine *m, uint64_t oldp, uint64_t oldsize,
    uint64_t ar, uint64_t bytes)
{
	struct umalloc *um = m->proc->um;
	uint64_t	newmem = umalloc_libc_malloc(m, bytes);

	if (newmem == 0)
		return 0;
	umalloc_memcpy(m, newmem, umalloc_chunk2mem(oldp),
	    oldsize - UM_SIZE_SZ);
	um->av = ar;
	umalloc_int_free(m, oldp, 0);
	um->av = umalloc_thread_arena(m);
	return newmem;
}

/* __libc_realloc(). */
uint64_t
umalloc_libc_realloc(struct machine *m, uint64_t oldmem, uint64_t bytes)
{
	struct umalloc *um = m->proc->um;
	uint64_t	oldp, oldsize, nb, newp, newmem, ar = um->av;

	umalloc_init_once(m);
	if (bytes == 0 && oldmem != 0) {
		umalloc_libc_free(m, oldmem);
		return 0;
	}
	if (oldmem == 0)
		return umalloc_libc_malloc(m, bytes);
	oldp = umalloc_mem2chunk(oldmem);
	oldsize = umalloc_size(m, oldp);
	if (!(umalloc_size_nomask(m, oldp) & UM_IS_MMAPPED)) {
		if (um->tcache == 0)
			umalloc_tcache_init(m);
		ar = umalloc_arena_for_chunk(m, oldp);
	}
	if (oldp > (uint64_t)0 - oldsize || (oldp & UM_ALIGN_MASK) != 0)
		umalloc_printerr(m, "realloc(): invalid pointer");
	if ((nb = umalloc_checked_request2size(bytes)) == 0)
		return 0;
	if (!(umalloc_size_nomask(m, oldp) & UM_IS_MMAPPED)) {
		um->av = ar; /* the chunk's arena, not the thread's */
		newmem = umalloc_int_realloc(m, oldp, oldsize, nb);
		um->av = umalloc_thread_arena(m);
		if (newmem == 0 && umalloc_thread_count(m) > 1)
			newmem = umalloc_realloc_retry(m, oldp, oldsize, ar,
			    bytes);
		return newmem;
	}
	if ((newp = umalloc_mremap_chunk(m, oldp, nb)) != 0)
		return umalloc_chunk2mem(newp);
	if (oldsize - UM_SIZE_SZ >= nb)
		return oldmem;
	if ((newmem = umalloc_libc_malloc(m, bytes)) == 0)
		return 0;
	umalloc_memcpy(m, newmem, oldmem, oldsize - UM_HDR);
	umalloc_munmap_chunk(m, oldp);
	return newmem;
}

enum sim_status
umalloc_realloc(struct machine *m, uint64_t addr, uint64_t size)
{
	struct umalloc *um = umalloc_get(m);

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	if (size == 0 && addr != 0) {
		/* realloc(p, 0) frees p and returns NULL: not a failure. */
		umalloc_libc_realloc(m, addr, size);
		step_set_tag(m->st, "freed");
		return m->st->status;
	}
	umalloc_result(m, umalloc_libc_realloc(m, addr, size));
	return m->st->status;
}

/* reallocarray() (malloc/reallocarray.c): realloc of n * size, or
 * ENOMEM, p untouched, when the product overflows size_t. */
enum sim_status
umalloc_reallocarray(struct machine *m, uint64_t addr, uint64_t n,
    uint64_t size)
{
	if (size != 0 && n > UINT64_MAX / size) {
		m->st->addr = 0;
		return step_fail(m->st, SIM_ENOMEM,
		    "reallocarray: Cannot "
		    "allocate memory (ENOMEM: %" PRIu64 " * %" PRIu64
		    " overflows)",
		    n, size);
	}
	return umalloc_realloc(m, addr, n * size);
}
