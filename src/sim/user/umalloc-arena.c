/*
 * umalloc-arena.c - threads and their arenas, as glibc 2.36's
 * malloc/arena.c gives them out: arena_get2() (a new arena while there
 * are fewer than the limit, 8 per core on 64-bit or M_ARENA_MAX, else
 * reused_arena() round-robin), _int_new_arena(), new_heap() (a 64 MiB
 * aligned PROT_NONE reservation made read-write by mprotect as it
 * grows: grow_heap()), shrink_heap() and heap_trim().
 *
 * A non-main heap starts with its heap_info (ar_ptr, prev, size,
 * mprotect_size, pagesize: 48 bytes); the first heap of an arena holds
 * the arena's malloc_state right after it, so its top starts at +0x8d0.
 * A chunk of such an arena has NON_MAIN_ARENA set; free() finds its
 * arena in the heap_info at the chunk's address rounded down to 64 MiB
 * (heap_for_ptr()).  An exited thread's arena goes on arena.c's free
 * list, which arena_get2() looks at first (umalloc-thread.c).
 */
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

/* heap_info and the malloc_state fields past AV_BINMAP (arena.c). */
#define HI_AR_PTR	  0
#define HI_PREV		  8
#define HI_SIZE		  16
#define HI_MPROTECT	  24
#define HI_PAGESIZE	  32
#define UM_HEAP_INFO	  48ull
#define UM_HEAP_MIN_SIZE  (32ull * 1024)
#define UM_ARENA_TEST_DEF 8 /* NARENAS_FROM_NCORES (1) */

static uint64_t
umalloc_main_av(struct machine *m)
{
	return process_libc_base(m) + UM_MAIN_ARENA_OFF;
}

int
umalloc_is_main(struct machine *m)
{
	return m->proc->um->av == umalloc_main_av(m);
}

uint64_t
umalloc_arena_bit(struct machine *m)
{
	return umalloc_is_main(m) ? 0 : UM_NON_MAIN_ARENA;
}

void
umalloc_set_non_main_arena(struct machine *m, uint64_t p)
{
	if (!umalloc_is_main(m))
		umalloc_wr(m, p + 8, umalloc_rd(m, p + 8) | UM_NON_MAIN_ARENA);
}

uint64_t
umalloc_thread_arena(struct machine *m)
{
	struct umalloc *um = m->proc->um;
	uint64_t	a = um->threads[um->cur_thread].arena;

	return a != 0 ? a : umalloc_main_av(m);
}

static uint64_t
umalloc_heap_for_ptr(uint64_t p)
{
	return p & ~(UM_HEAP_MAX_SIZE - 1);
}

uint64_t
umalloc_arena_for_chunk(struct machine *m, uint64_t p)
{
	if (!(umalloc_size_nomask(m, p) & UM_NON_MAIN_ARENA))
		return umalloc_main_av(m);
	return umalloc_rd(m, umalloc_heap_for_ptr(p) + HI_AR_PTR);
}

/* The PROT_NONE reservation: 2 * HEAP_MAX_SIZE, the misaligned parts
 * unmapped (the hint left by the last such cut is tried first). */
static uint64_t
umalloc_heap_reserve(struct machine *m)
{
	struct umalloc *um = m->proc->um;
	uint64_t	max = UM_HEAP_MAX_SIZE, p1, p2, ul;

	if (um->aligned_heap_area != 0) {
		uint64_t hint = um->aligned_heap_area;

		um->aligned_heap_area = 0;
		if (process_mmap_none(m, hint, max, 0, &p2) == SIM_OK) {
			if ((p2 & (max - 1)) == 0)
				return p2;
			process_munmap(m, p2, max);
		}
	}
	if (process_mmap_none(m, 0, max << 1, 0, &p1) != SIM_OK)
		return 0;
	p2 = (p1 + max - 1) & ~(max - 1);
	ul = p2 - p1;
	if (ul != 0)
		process_munmap(m, p1, ul);
	else
		um->aligned_heap_area = p2 + max;
	process_munmap(m, p2 + max, max - ul);
	return p2;
}

/* new_heap(): size + top_pad read-write, in pages, at least 32 KiB. */
static uint64_t
umalloc_new_heap(struct machine *m, uint64_t size, uint64_t top_pad)
{
	uint64_t max = UM_HEAP_MAX_SIZE, h;

	if (size + top_pad < UM_HEAP_MIN_SIZE)
		size = UM_HEAP_MIN_SIZE;
	else if (size + top_pad <= max)
		size += top_pad;
	else if (size > max)
		return 0;
	else
		size = max;
	size = (size + UM_PAGE - 1) & ~(UM_PAGE - 1);
	if ((h = umalloc_heap_reserve(m)) == 0)
		return 0;
	if (process_mprotect(m, h, size, 1) != SIM_OK) {
		process_munmap(m, h, max);
		return 0;
	}
	umalloc_wr(m, h + HI_SIZE, size);
	umalloc_wr(m, h + HI_MPROTECT, size);
	umalloc_wr(m, h + HI_PAGESIZE, UM_PAGE);
	umalloc_event(m, EV_CHUNK, h, size,
	    "new_heap: 64 MiB reserved, %#" PRIx64 " read-write", size);
	return h;
}

/* grow_heap(): 0, or -1 past HEAP_MAX_SIZE, -2 when mprotect fails. */
static int
umalloc_grow_heap_info(struct machine *m, uint64_t h, uint64_t diff)
{
	uint64_t size = umalloc_rd(m, h + HI_SIZE);
	uint64_t mprot = umalloc_rd(m, h + HI_MPROTECT);
	uint64_t new_size = size + ((diff + UM_PAGE - 1) & ~(UM_PAGE - 1));

	if (new_size > UM_HEAP_MAX_SIZE)
		return -1;
	if (new_size > mprot) {
		if (process_mprotect(m, h + mprot, new_size - mprot, 1) !=
		    SIM_OK)
			return -2;
		umalloc_wr(m, h + HI_MPROTECT, new_size);
	}
	umalloc_wr(m, h + HI_SIZE, new_size);
	return 0;
}

static void
umalloc_add_sysmem(struct machine *m, int64_t d)
{
	uint64_t a = m->proc->um->av + AV_SYSTEM_MEM;

	umalloc_wr(m, a, umalloc_rd(m, a) + (uint64_t)d);
}

/* sysmalloc()'s new heap: top moves there, the old top ends in
 * fenceposts and is freed. */
static void
umalloc_arena_new_top(struct machine *m, uint64_t heap, uint64_t old_heap,
    uint64_t old_top, uint64_t old_size)
{
	uint64_t hsize = umalloc_rd(m, heap + HI_SIZE);

	umalloc_wr(m, heap + HI_AR_PTR, m->proc->um->av);
	umalloc_wr(m, heap + HI_PREV, old_heap);
	umalloc_add_sysmem(m, (int64_t)hsize);
	umalloc_set_top(m, heap + UM_HEAP_INFO);
	umalloc_set_head(m, heap + UM_HEAP_INFO,
	    (hsize - UM_HEAP_INFO) | UM_PREV_INUSE);
	old_size = (old_size - UM_MINSIZE) & ~UM_ALIGN_MASK;
	umalloc_set_head(m, old_top + old_size + UM_HDR, 0 | UM_PREV_INUSE);
	if (old_size >= UM_MINSIZE) {
		umalloc_set_head(m, old_top + old_size, UM_HDR | UM_PREV_INUSE);
		umalloc_set_foot(m, old_top + old_size, UM_HDR);
		umalloc_set_head(m, old_top,
		    old_size | UM_PREV_INUSE | UM_NON_MAIN_ARENA);
		umalloc_int_free(m, old_top, 1);
	} else {
		umalloc_set_head(m, old_top,
		    (old_size + UM_HDR) | UM_PREV_INUSE);
		umalloc_set_foot(m, old_top, old_size + UM_HDR);
	}
}

void
umalloc_arena_grow(struct machine *m, uint64_t nb)
{
	uint64_t old_top = umalloc_top(m), old_size = umalloc_size(m, old_top);
	uint64_t old_heap = umalloc_heap_for_ptr(old_top), heap;
	uint64_t old_hsize = umalloc_rd(m, old_heap + HI_SIZE);

	if ((int64_t)(UM_MINSIZE + nb - old_size) > 0 &&
	    umalloc_grow_heap_info(m, old_heap, UM_MINSIZE + nb - old_size) ==
		0) {
		uint64_t hsize = umalloc_rd(m, old_heap + HI_SIZE);

		umalloc_add_sysmem(m, (int64_t)(hsize - old_hsize));
		umalloc_set_head(m, old_top,
		    (old_heap + hsize - old_top) | UM_PREV_INUSE);
		umalloc_event(m, EV_CHUNK, old_top, old_heap + hsize - old_top,
		    "grow_heap: mprotect made the heap %#" PRIx64, hsize);
	} else if ((heap = umalloc_new_heap(m, nb + UM_MINSIZE + UM_HEAP_INFO,
			m->proc->um->top_pad)) != 0)
		umalloc_arena_new_top(m, heap, old_heap, old_top, old_size);
}

/* heap_trim()'s first part: a heap whose top is all of it goes away,
 * the previous heap's last chunk (before its fenceposts) is top again. */
static uint64_t
umalloc_heap_delete(struct machine *m, uint64_t heap, uint64_t pad)
{
	struct umalloc *um = m->proc->um;
	uint64_t prev = umalloc_rd(m, heap + HI_PREV), psize, p, new_size;

	psize = umalloc_rd(m, prev + HI_SIZE) - (UM_MINSIZE - 2 * UM_SIZE_SZ);
	p = prev + psize;
	p -= p & UM_ALIGN_MASK;
	if (umalloc_size_nomask(m, p) != UM_PREV_INUSE)
		umalloc_printerr(m, "heap_trim: fencepost expected");
	p -= umalloc_prev_size(m, p);
	new_size = umalloc_size(m, p) + (UM_MINSIZE - 2 * UM_SIZE_SZ) +
	    ((prev + psize) & UM_ALIGN_MASK);
	if (!(umalloc_size_nomask(m, p) & UM_PREV_INUSE))
		new_size += umalloc_prev_size(m, p);
	if (new_size + (UM_HEAP_MAX_SIZE - umalloc_rd(m, prev + HI_SIZE)) <
	    pad + UM_MINSIZE + UM_PAGE)
		return 0;
	umalloc_add_sysmem(m, -(int64_t)umalloc_rd(m, heap + HI_SIZE));
	if (heap + UM_HEAP_MAX_SIZE == um->aligned_heap_area)
		um->aligned_heap_area = 0;
	process_munmap(m, heap, UM_HEAP_MAX_SIZE);
	if (!(umalloc_size_nomask(m, p) & UM_PREV_INUSE)) {
		p -= umalloc_prev_size(m, p);
		umalloc_unlink_chunk(m, p);
	}
	umalloc_set_top(m, p);
	umalloc_set_head(m, p, new_size | UM_PREV_INUSE);
	return prev;
}

/* shrink_heap(): MADV_DONTNEED on the tail (PROT_NONE again when
 * overcommit_memory is 2, check_may_shrink_heap()). */
static void
umalloc_shrink_heap(struct machine *m, uint64_t heap, uint64_t diff)
{
	uint64_t new_size = umalloc_rd(m, heap + HI_SIZE) - diff;

	if (m->cfg.overcommit_memory == 2) {
		process_drop_range(m, heap + new_size, heap + new_size + diff);
		process_mprotect(m, heap + new_size, diff, 0);
		umalloc_wr(m, heap + HI_MPROTECT, new_size);
	} else
		process_madvise_dontneed(m, heap + new_size, diff);
	umalloc_wr(m, heap + HI_SIZE, new_size);
}

void
umalloc_arena_trim(struct machine *m)
{
	uint64_t pad = m->proc->um->top_pad, top = umalloc_top(m);
	uint64_t heap = umalloc_heap_for_ptr(top), top_size, extra;
	int64_t	 top_area;

	while (top == heap + UM_HEAP_INFO &&
	    (heap = umalloc_heap_delete(m, heap, pad)) != 0)
		top = umalloc_top(m);
	heap = umalloc_heap_for_ptr(top);
	top_size = umalloc_size(m, top);
	if (top_size < m->proc->um->trim_threshold)
		return;
	top_area = (int64_t)(top_size - UM_MINSIZE - 1);
	if (top_area < 0 || (uint64_t)top_area <= pad)
		return;
	extra = ((uint64_t)top_area - pad) & ~(UM_PAGE - 1);
	if (extra == 0)
		return;
	umalloc_shrink_heap(m, heap, extra);
	umalloc_add_sysmem(m, -(int64_t)extra);
	umalloc_set_head(m, top, (top_size - extra) | UM_PREV_INUSE);
	umalloc_event(m, EV_CHUNK, top, top_size - extra,
	    "heap_trim: %#" PRIx64 " given back (MADV_DONTNEED)", extra);
}

/* malloc_init_state() of a non-main arena: circular bins, no fast
 * chunks, non-contiguous, top the initial one. */
static void
umalloc_init_state(struct machine *m)
{
	uint64_t av = m->proc->um->av;
	int	 i;

	for (i = 1; i < UM_NBINS; i++) {
		uint64_t bin = umalloc_bin_at(m, i);

		umalloc_set_fd(m, bin, bin);
		umalloc_set_bk(m, bin, bin);
	}
	umalloc_wr32(m, av + AV_FLAGS, UM_NONCONTIGUOUS_BIT);
	umalloc_wr32(m, av + AV_HAVE_FAST, 0);
	umalloc_set_top(m, umalloc_bin_at(m, 1));
}

/* main_arena.next, statically &main_arena in glibc's .data. */
uint64_t
umalloc_arena_ring_next(struct machine *m, uint64_t a)
{
	uint64_t n = umalloc_rd(m, a + AV_NEXT);

	return n != 0 ? n : umalloc_main_av(m);
}

/* _int_new_arena(): the first heap holds heap_info, malloc_state, top. */
static uint64_t
umalloc_int_new_arena(struct machine *m, uint64_t size)
{
	uint64_t h, a, top, main = umalloc_main_av(m);

	h = umalloc_new_heap(m, size + UM_HEAP_INFO + AV_SIZE + UM_ALIGN,
	    m->proc->um->top_pad);
	if (h == 0 &&
	    (h = umalloc_new_heap(m, UM_HEAP_INFO + AV_SIZE + UM_ALIGN, 0)) ==
		0)
		return 0;
	a = h + UM_HEAP_INFO;
	umalloc_wr(m, h + HI_AR_PTR, a);
	m->proc->um->av = a;
	umalloc_init_state(m);
	umalloc_wr(m, a + AV_ATTACHED, 1);
	umalloc_wr(m, a + AV_SYSTEM_MEM, umalloc_rd(m, h + HI_SIZE));
	umalloc_wr(m, a + AV_MAX_SYSTEM_MEM, umalloc_rd(m, h + HI_SIZE));
	top = a + AV_SIZE;
	if (umalloc_chunk2mem(top) & UM_ALIGN_MASK)
		top += UM_ALIGN - (umalloc_chunk2mem(top) & UM_ALIGN_MASK);
	umalloc_set_top(m, top);
	umalloc_set_head(m, top,
	    (h + umalloc_rd(m, h + HI_SIZE) - top) | UM_PREV_INUSE);
	umalloc_wr(m, a + AV_NEXT, umalloc_arena_ring_next(m, main));
	umalloc_wr(m, main + AV_NEXT, a);
	umalloc_event(m, EV_CHUNK, top, umalloc_size(m, top),
	    "_int_new_arena: arena at %#" PRIx64 ", top after it", a);
	return a;
}

/* reused_arena(): the next in the ring after the last one handed out
 * (every lock is free: the process's threads run one at a time). */
static uint64_t
umalloc_reused_arena(struct machine *m)
{
	struct umalloc *um = m->proc->um;
	uint64_t	a = um->next_to_use != 0 ? um->next_to_use :
						   umalloc_main_av(m);

	umalloc_remove_from_free_list(m, a);
	umalloc_wr(m, a + AV_ATTACHED, umalloc_rd(m, a + AV_ATTACHED) + 1);
	um->next_to_use = umalloc_arena_ring_next(m, a);
	umalloc_event(m, EV_NOTE, a, 0,
	    "reused_arena: %" PRIu64 " arenas is the limit, thread %u shares "
	    "the arena at %#" PRIx64,
	    um->narenas_limit, um->cur_thread, a);
	return a;
}

/* arena_get2(): narenas_limit is worked out once there are more
 * arenas than arena_test (or at once with M_ARENA_MAX); until then it
 * is 0 and n <= limit - 1 always holds. */
static uint64_t
umalloc_arena_get2(struct machine *m, uint64_t size)
{
	struct umalloc *um = m->proc->um;
	uint64_t	n = 1 + um->narenas, a;
	uint64_t	test = um->arena_test > 0 ? (uint64_t)um->arena_test :
						    UM_ARENA_TEST_DEF;

	if ((a = umalloc_get_free_list(m)) != 0)
		return a;
	if (um->narenas_limit == 0) {
		if (um->arena_max != 0)
			um->narenas_limit = (uint64_t)um->arena_max;
		else if (n > test)
			um->narenas_limit = 8ull * m->cfg.cpus;
	}
	if (n <= um->narenas_limit - 1) {
		if ((a = umalloc_int_new_arena(m, size)) != 0)
			um->narenas++;
		return a;
	}
	return umalloc_reused_arena(m);
}

void
umalloc_arena_get(struct machine *m, uint64_t size)
{
	struct umalloc	      *um = m->proc->um;
	struct umalloc_thread *t = &um->threads[um->cur_thread];

	if (um->cur_thread != 0 && t->arena == 0)
		t->arena = umalloc_arena_get2(m, size);
	um->av = umalloc_thread_arena(m);
}

/* pthread_create(): the stack and DTV (umalloc-thread.c). */
static void
umalloc_pthread_create(struct machine *m, unsigned n)
{
	umalloc_stack_allocate(m, n);
}

enum sim_status
umalloc_thread(struct machine *m, unsigned n)
{
	struct umalloc *um = umalloc_get(m);

	if (n >= UM_MAX_THREADS)
		return step_fail(m->st, SIM_EINVAL,
		    "thread %u: threads are numbered 0 to %d", n,
		    UM_MAX_THREADS - 1);
	if (um->threads[n].ended)
		return step_fail(m->st, SIM_EINVAL,
		    "thread %u: it has ended and is not joined yet", n);
	if (n != 0 && !um->threads[n].live) {
		umalloc_pthread_create(m, n);
		if (m->st->status != SIM_OK || um != m->proc->um)
			return m->st->status;
	}
	um->threads[um->cur_thread].tcache = um->tcache;
	um->cur_thread = n;
	um->tcache = um->threads[n].tcache;
	um->av = umalloc_thread_arena(m);
	m->st->addr = 0;
	return SIM_OK;
}

unsigned
umalloc_current_thread(const struct machine *m)
{
	return m->proc->um != NULL ? m->proc->um->cur_thread : 0;
}

/* Reads a word of the process for a view; 0 when it cannot. */
static uint64_t
umalloc_view_rd(const struct machine *m, uint64_t addr)
{
	uint64_t v = 0;

	if (process_peek_const(m, addr, &v, sizeof v) != 0)
		return 0;
	return v;
}

/* The arena's number: main_arena 0, then 1, 2, ... in the order
 * _int_new_arena() made them (the ring has the newest first). */
static int
umalloc_arena_number(const struct machine *m, uint64_t ar)
{
	uint64_t main = umalloc_main_arena(m), a = main, ring[UM_MAX_THREADS];
	int	 n = 0, i;

	while ((a = umalloc_view_rd(m, a + AV_NEXT)) != 0 && a != main &&
	    n < UM_MAX_THREADS)
		ring[n++] = a;
	for (i = 0; i < n; i++) {
		if (ring[i] == ar)
			return n - i;
	}
	return ar == main ? 0 : -1;
}

uint64_t
umalloc_arena_threads(const struct machine *m, uint64_t ar)
{
	const struct umalloc *um = m->proc->um;
	uint64_t	      bits = 0;
	unsigned	      t;

	if (um == NULL)
		return ar == umalloc_main_arena(m) ? 1 : 0;
	for (t = 0; t < UM_MAX_THREADS; t++) {
		uint64_t a = um->threads[t].arena;

		/* a thread with no arena yet has thread_arena NULL */
		if ((t == 0 || a != 0) &&
		    (a != 0 ? a : umalloc_main_arena(m)) == ar)
			bits |= 1ull << t;
	}
	return bits;
}

int
umalloc_heap_at(const struct machine *m, uint64_t va,
    struct umalloc_heap_view *out)
{
	uint64_t ar;
	int	 n;

	if (m->proc->um == NULL || m->proc->um->narenas == 0 ||
	    (va & (UM_HEAP_MAX_SIZE - 1)) != 0)
		return -1;
	ar = umalloc_view_rd(m, va + HI_AR_PTR);
	if (ar == 0 || (n = umalloc_arena_number(m, ar)) <= 0)
		return -1;
	out->arena = ar;
	out->number = (unsigned)n;
	out->size = umalloc_view_rd(m, va + HI_SIZE);
	out->mprotect_size = umalloc_view_rd(m, va + HI_MPROTECT);
	out->top = umalloc_view_rd(m, ar + AV_TOP);
	out->top_size = umalloc_heap_for_ptr(out->top) == va ?
	    umalloc_view_rd(m, out->top + 8) & ~UM_SIZE_BITS :
	    0;
	out->system_mem = umalloc_view_rd(m, ar + AV_SYSTEM_MEM);
	out->threads = umalloc_arena_threads(m, ar);
	return 0;
}

unsigned
umalloc_thread_count(const struct machine *m)
{
	const struct umalloc *um = m->proc->um;
	unsigned	      t, n = 1;

	for (t = 1; um != NULL && t < UM_MAX_THREADS; t++)
		n += um->threads[t].live != 0;
	return n;
}

int
umalloc_arena_retry(struct machine *m, uint64_t size)
{
	struct umalloc *um = m->proc->um;
	uint64_t	a;

	if (umalloc_thread_count(m) == 1)
		return 0;
	if (!umalloc_is_main(m)) {
		um->av = umalloc_main_av(m);
		return 1;
	}
	if ((a = umalloc_arena_get2(m, size)) == 0)
		return 0;
	um->threads[um->cur_thread].arena = a;
	um->av = a;
	return 1;
}
