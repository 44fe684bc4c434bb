/*
 * umalloc-trim.c - malloc_trim() and malloc_usable_size() as glibc 2.36
 * does them (malloc/malloc.c __malloc_trim, mtrim, __malloc_usable_size,
 * musable).
 *
 * mtrim consolidates the fastbins, then walks the unsorted bin and the
 * bins from bin_index(pagesize) (99) up: every free chunk holding a
 * whole page past its malloc_chunk header (48 bytes) has those pages
 * given back with madvise(MADV_DONTNEED), their frames going back to
 * the buddy allocator while the mapping stays (the next touch faults a
 * zero page in).  Then systrim(pad) shrinks the top with sbrk.  The
 * tcache and smaller bins are left alone.  It returns 1 when anything
 * went back.
 */
#include "sim/user/umalloc.h"
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

#define UM_MALLOC_CHUNK 48ull /* sizeof (struct malloc_chunk) */

/* The pages of one free chunk that can go; 1 when some did. */
static int
umalloc_trim_chunk(struct machine *m, uint64_t p)
{
	uint64_t size = umalloc_size(m, p), psm1 = UM_PAGE - 1, pal;

	if (size <= psm1 + UM_MALLOC_CHUNK)
		return 0;
	pal = (p + UM_MALLOC_CHUNK + psm1) & ~psm1;
	size -= pal - p;
	if (size <= psm1)
		return 0;
	umalloc_event(m, EV_NOTE, pal, size & ~psm1,
	    "madvise(%#" PRIx64 ", %#" PRIx64 ", MADV_DONTNEED): the free "
	    "chunk's whole pages go back to the kernel",
	    pal, size & ~psm1);
	process_madvise_dontneed(m, pal, size & ~psm1);
	return 1;
}

/* mtrim(). */
static int
umalloc_mtrim(struct machine *m, uint64_t pad)
{
	int i, result = 0, psindex = umalloc_bin_index(UM_PAGE);

	umalloc_malloc_consolidate(m);
	for (i = 1; i < UM_NBINS; i++) {
		uint64_t bin = umalloc_bin_at(m, i), p;

		if (i != 1 && i < psindex)
			continue;
		for (p = umalloc_bk(m, bin); p != bin; p = umalloc_bk(m, p))
			result |= umalloc_trim_chunk(m, p);
	}
	return result | (umalloc_is_main(m) ? umalloc_systrim(m, pad) : 0);
}

enum sim_status
umalloc_trim(struct machine *m, uint64_t pad)
{
	struct umalloc *um = umalloc_get(m);
	uint64_t	main = umalloc_main_arena(m), a = main;
	int		r = 0;

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_init_once(m);
	do { /* __malloc_trim(): every arena, main_arena first */
		um->av = a;
		r |= umalloc_mtrim(m, pad);
		a = umalloc_arena_ring_next(m, a);
	} while (a != main);
	um->av = umalloc_thread_arena(m);
	m->st->addr = (uint64_t)r;
	step_set_what(m->st, m->st->addr ? "trimmed" : "nothing to give back");
	return m->st->status;
}

/* musable(): the bytes a block may use, 0 when its chunk is free. */
static uint64_t
umalloc_musable(struct machine *m, uint64_t mem)
{
	uint64_t p, size;

	if (mem == 0) /* malloc_usable_size(NULL) is 0 */
		return 0;
	p = umalloc_mem2chunk(mem);
	size = umalloc_size(m, p);
	if (umalloc_size_nomask(m, p) & UM_IS_MMAPPED)
		return size - UM_HDR;
	if (umalloc_inuse_at(m, p, size))
		return size - UM_SIZE_SZ;
	return 0;
}

enum sim_status
umalloc_usable_size(struct machine *m, uint64_t addr)
{
	struct umalloc	 *um = umalloc_get(m);
	volatile uint64_t mem = addr; /* read after setjmp (C11 7.13.2.1) */

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	m->st->addr = umalloc_musable(m, mem);
	return m->st->status;
}
