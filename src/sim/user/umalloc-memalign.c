/*
 * umalloc-memalign.c - memalign, aligned_alloc, posix_memalign, valloc
 * and pvalloc as glibc 2.36 does them (malloc/malloc.c __libc_memalign,
 * __posix_memalign, __libc_valloc, __libc_pvalloc, _mid_memalign and
 * _int_memalign).
 *
 * An alignment of 16 or less is plain malloc (the tcache included).
 * Otherwise _int_malloc is asked for the worst case, nb + alignment +
 * MINSIZE, without looking at the tcache (2.36's memalign never takes
 * from it nor sets it up); the first aligned spot at least MINSIZE into
 * the chunk is returned, and the leading and trailing remainders are
 * freed with _int_free (to the tcache, a fastbin, the unsorted bin or
 * top, like any free).  An mmapped chunk keeps its leader: the offset
 * goes into the prev_size field, which munmap_chunk() reads back.
 * aligned_alloc is an alias of memalign in 2.36 (the EINVAL for a
 * non-power of two came in 2.38): both round such an alignment up.
 */
#include "sim/user/umalloc.h"
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

/* The names the calls have in messages. */
static const char *const umalloc_align_names[] = {
	[UMALLOC_MEMALIGN] = "memalign",
	[UMALLOC_ALIGNED_ALLOC] = "aligned_alloc",
	[UMALLOC_POSIX_MEMALIGN] = "posix_memalign",
	[UMALLOC_VALLOC] = "valloc",
	[UMALLOC_PVALLOC] = "pvalloc",
};

/* Gives the leading part of the chunk at p back, keeping newp on. */
static void
umalloc_memalign_lead(struct machine *m, uint64_t p, uint64_t newp)
{
	uint64_t leadsize = newp - p, newsize = umalloc_size(m, p) - leadsize;

	if (umalloc_size_nomask(m, p) & UM_IS_MMAPPED) {
		/* For mmapped chunks, just adjust the offset. */
		umalloc_wr(m, newp, umalloc_prev_size(m, p) + leadsize);
		umalloc_set_head(m, newp, newsize | UM_IS_MMAPPED);
		return;
	}
	umalloc_set_head(m, newp,
	    newsize | UM_PREV_INUSE | umalloc_arena_bit(m));
	umalloc_set_inuse_at(m, newp, newsize);
	umalloc_wr(m, p + 8,
	    (umalloc_size_nomask(m, p) & UM_SIZE_BITS) | leadsize);
	umalloc_event(m, EV_CHUNK, p, leadsize,
	    "memalign gives back the %#" PRIx64 " bytes before the aligned "
	    "spot",
	    leadsize);
	umalloc_int_free(m, p, 1);
}

/* Gives the spare room after nb back. */
static void
umalloc_memalign_tail(struct machine *m, uint64_t p, uint64_t nb)
{
	uint64_t size = umalloc_size(m, p), rem = p + nb;

	if (umalloc_size_nomask(m, p) & UM_IS_MMAPPED ||
	    size <= nb + UM_MINSIZE)
		return;
	umalloc_set_head(m, rem,
	    (size - nb) | UM_PREV_INUSE | umalloc_arena_bit(m));
	umalloc_wr(m, p + 8, (umalloc_size_nomask(m, p) & UM_SIZE_BITS) | nb);
	umalloc_event(m, EV_CHUNK, rem, size - nb,
	    "memalign gives back the "
	    "spare room after the block");
	umalloc_int_free(m, rem, 1);
}

/* _int_memalign(). */
static uint64_t
umalloc_int_memalign(struct machine *m, uint64_t alignment, uint64_t bytes)
{
	uint64_t nb = umalloc_checked_request2size(bytes), mem, p, brk, req;

	if (nb == 0)
		return 0;
	req = nb + alignment + UM_MINSIZE;
	umalloc_event(m, EV_NOTE, EVENT_NONE, req,
	    "memalign asks _int_malloc for %" PRIu64 " bytes (nb + alignment "
	    "+ MINSIZE)",
	    req);
	if ((mem = umalloc_int_malloc(m, req)) == 0)
		return 0;
	p = umalloc_mem2chunk(mem);
	if (mem % alignment != 0) {
		brk = umalloc_mem2chunk((mem + alignment - 1) &
		    ~(alignment - 1));
		if (brk - p < UM_MINSIZE)
			brk += alignment;
		umalloc_memalign_lead(m, p, brk);
		p = brk;
	}
	umalloc_memalign_tail(m, p, nb);
	return umalloc_chunk2mem(p);
}

/* _mid_memalign(): small alignments are malloc; others are made a
 * power of two of at least MINSIZE. */
static uint64_t
umalloc_mid_memalign(struct machine *m, uint64_t alignment, uint64_t bytes)
{
	uint64_t a, p;

	if (alignment <= UM_ALIGN)
		return umalloc_libc_malloc(m, bytes);
	if (alignment < UM_MINSIZE)
		alignment = UM_MINSIZE;
	if (alignment > UINT64_MAX / 2 + 1) {
		step_fail(m->st, SIM_EINVAL, "%s: Invalid argument (EINVAL)",
		    "memalign");
		return 0;
	}
	if (alignment & (alignment - 1)) {
		for (a = UM_ALIGN * 2; a < alignment; a <<= 1)
			;
		alignment = a;
	}
	umalloc_arena_get(m, bytes + alignment + UM_MINSIZE);
	if ((p = umalloc_int_memalign(m, alignment, bytes)) == 0 &&
	    umalloc_arena_retry(m, bytes)) {
		p = umalloc_int_memalign(m, alignment, bytes);
		m->proc->um->av = umalloc_thread_arena(m);
	}
	return p;
}

/* posix_memalign's test: a power-of-two multiple of sizeof (void *). */
static int
umalloc_posix_align_ok(uint64_t align)
{
	uint64_t w = align / UM_SIZE_SZ;

	return align != 0 && align % UM_SIZE_SZ == 0 && (w & (w - 1)) == 0;
}

static uint64_t
umalloc_align_dispatch(struct machine *m, enum umalloc_align_call call,
    uint64_t align, uint64_t size)
{
	uint64_t rounded;

	switch (call) {
	case UMALLOC_POSIX_MEMALIGN:
		if (!umalloc_posix_align_ok(align)) {
			step_fail(m->st, SIM_EINVAL,
			    "posix_memalign: returned "
			    "EINVAL (alignment %" PRIu64
			    " is not a power-of-two "
			    "multiple of sizeof (void *))",
			    align);
			return 0;
		}
		return umalloc_mid_memalign(m, align, size);
	case UMALLOC_VALLOC:
		return umalloc_mid_memalign(m, UM_PAGE, size);
	case UMALLOC_PVALLOC:
		/* ALIGN_UP with 2.36's mask, -(pagesize - 1): it keeps bit
		 * 0, so pvalloc(4096) asks for 4097 bytes. */
		if (size > UINT64_MAX - (UM_PAGE - 1))
			return 0;
		rounded = (size + UM_PAGE - 1) & (0 - (UM_PAGE - 1));
		return umalloc_mid_memalign(m, UM_PAGE, rounded);
	default:
		return umalloc_mid_memalign(m, align, size);
	}
}

enum sim_status
umalloc_memalign(struct machine *m, enum umalloc_align_call call,
    uint64_t align, uint64_t size)
{
	struct umalloc *um = umalloc_get(m);
	uint64_t	mem;

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_init_once(m);
	mem = umalloc_align_dispatch(m, call, align, size);
	if (m->st->status != SIM_OK)
		return m->st->status;
	if (mem == 0) {
		m->st->addr = 0;
		return step_fail(m->st, SIM_ENOMEM,
		    "%s: Cannot allocate memory (ENOMEM)",
		    umalloc_align_names[call]);
	}
	umalloc_result(m, mem);
	return m->st->status;
}
