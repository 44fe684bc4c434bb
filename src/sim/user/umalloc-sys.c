/*
 * umalloc-sys.c - where malloc gets memory from the kernel, as glibc
 * 2.36's sysmalloc(), sysmalloc_mmap(), systrim(), munmap_chunk() and
 * mremap_chunk() do it (malloc/malloc.c).
 *
 * A request of at least mmap_threshold (128 KiB, raised by free() of a
 * larger mmapped chunk) that top cannot serve gets its own mapping of
 * ALIGN_UP(nb + 8, 4096) bytes, flagged IS_MMAPPED.  Otherwise the heap
 * grows with sbrk by ALIGN_UP(nb + top_pad + MINSIZE - old top, 4096):
 * the first malloc grows it by 0x21000.  If sbrk fails, a mapping of
 * whole MiB stands in and the arena becomes non-contiguous.  Both the
 * kernel may refuse (overcommit): then malloc returns NULL.  free()
 * gives the top back with a negative sbrk once it passes trim_threshold,
 * keeping top_pad.
 */
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

#define UM_MMAP_AS_MORECORE_SIZE (1024ull * 1024)
#define UM_FAIL			 UINT64_MAX /* MORECORE_FAILURE */

static uint64_t
umalloc_align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* MORECORE: sbrk, returning the old break or UM_FAIL. */
static uint64_t
umalloc_morecore(struct machine *m, int64_t incr)
{
	uint64_t old;

	if (process_sbrk(m, incr, &old) != SIM_OK)
		return UM_FAIL;
	return old;
}

static uint64_t
umalloc_sysmalloc_mmap(struct machine *m, uint64_t nb)
{
	struct umalloc *um = m->proc->um;
	uint64_t	size = umalloc_align_up(nb + UM_SIZE_SZ, UM_PAGE), mm;

	if (size <= nb || process_mmap(m, size, &mm) != SIM_OK)
		return 0;
	umalloc_wr(m, mm, 0);
	umalloc_set_head(m, mm, size | UM_IS_MMAPPED);
	um->n_mmaps++;
	um->mmapped_mem += size;
	umalloc_event(m, EV_CHUNK, mm, size,
	    "mmapped chunk (request >= mmap "
	    "threshold %" PRIu64 ")",
	    um->mmap_threshold);
	step_set_tag(m->st, "mmap");
	return umalloc_chunk2mem(mm);
}

static int
umalloc_contiguous(struct machine *m)
{
	return !(umalloc_rd32(m, m->proc->um->av + AV_FLAGS) &
	    UM_NONCONTIGUOUS_BIT);
}

static void
umalloc_add_system_mem(struct machine *m, int64_t d)
{
	uint64_t a = m->proc->um->av + AV_SYSTEM_MEM;

	umalloc_wr(m, a, umalloc_rd(m, a) + (uint64_t)d);
}

/*
 * sbrk failed: a plain mapping stands in (sysmalloc_mmap_fallback()).
 * glibc 2.36 passes it MMAP_AS_MORECORE_SIZE as the unit to round to
 * and the page size as the minimum, so the mapping is a whole number of
 * MiB: strace shows mmap(NULL, 3145728, ...) after a failed
 * brk(+0x214000) with 0x7000 left in top.
 */
static uint64_t
umalloc_mmap_fallback(struct machine *m, uint64_t *size, uint64_t nb,
    uint64_t old_size)
{
	uint64_t s = *size, mbrk;

	if (umalloc_contiguous(m))
		s = umalloc_align_up(s + old_size, UM_MMAP_AS_MORECORE_SIZE);
	if (s < UM_PAGE)
		s = UM_PAGE;
	if (s <= nb || process_mmap(m, s, &mbrk) != SIM_OK)
		return UM_FAIL;
	umalloc_wr32(m, m->proc->um->av + AV_FLAGS,
	    umalloc_rd32(m, m->proc->um->av + AV_FLAGS) | UM_NONCONTIGUOUS_BIT);
	*size = s;
	return mbrk;
}

/* Fenceposts at the end of an old top we cannot merge with. */
static void
umalloc_fencepost(struct machine *m, uint64_t old_top, uint64_t old_size)
{
	old_size = (old_size - 2 * UM_HDR) & ~UM_ALIGN_MASK;
	umalloc_set_head(m, old_top, old_size | UM_PREV_INUSE);
	umalloc_set_head(m, old_top + old_size, UM_HDR | UM_PREV_INUSE);
	umalloc_set_head(m, old_top + old_size + UM_HDR,
	    UM_HDR | UM_PREV_INUSE);
	if (old_size >= UM_MINSIZE)
		umalloc_int_free(m, old_top, 1);
}

/* First sbrk, foreign sbrk or non-contiguous space: find the new top. */
static void
umalloc_new_top(struct machine *m, uint64_t brk, uint64_t snd_brk,
    uint64_t size, uint64_t old_top, uint64_t old_size)
{
	uint64_t end = old_top + old_size, aligned = brk, correction = 0;
	uint64_t misalign, e;

	if (umalloc_contiguous(m)) {
		if (old_size != 0)
			umalloc_add_system_mem(m, (int64_t)(brk - end));
		misalign = umalloc_chunk2mem(brk) & UM_ALIGN_MASK;
		if (misalign > 0) {
			correction = UM_ALIGN - misalign;
			aligned += correction;
		}
		correction += old_size;
		e = brk + size + correction;
		correction += umalloc_align_up(e, UM_PAGE) - e;
		snd_brk = umalloc_morecore(m, (int64_t)correction);
		if (snd_brk == UM_FAIL) {
			correction = 0;
			snd_brk = umalloc_morecore(m, 0);
		}
	} else if (snd_brk == UM_FAIL)
		snd_brk = umalloc_morecore(m, 0);
	if (snd_brk == UM_FAIL)
		return;
	umalloc_set_top(m, aligned);
	umalloc_set_head(m, aligned,
	    (snd_brk - aligned + correction) | UM_PREV_INUSE);
	umalloc_add_system_mem(m, (int64_t)correction);
	if (old_size != 0)
		umalloc_fencepost(m, old_top, old_size);
}

/* The main arena's growth: sbrk (or the mmap fallback) into top. */
static void
umalloc_grow_heap(struct machine *m, uint64_t nb)
{
	struct umalloc *um = m->proc->um;
	uint64_t old_top = umalloc_top(m), old_size = umalloc_size(m, old_top);
	uint64_t size = nb + um->top_pad + UM_MINSIZE, brk = UM_FAIL;
	uint64_t snd_brk = UM_FAIL;

	if (umalloc_contiguous(m))
		size -= old_size;
	size = umalloc_align_up(size, UM_PAGE);
	if ((int64_t)size > 0)
		brk = umalloc_morecore(m, (int64_t)size);
	if (brk == UM_FAIL) {
		brk = umalloc_mmap_fallback(m, &size, nb, old_size);
		if (brk != UM_FAIL)
			snd_brk = brk + size;
	}
	if (brk == UM_FAIL)
		return;
	if (um->sbrk_base == 0)
		um->sbrk_base = brk;
	umalloc_add_system_mem(m, (int64_t)size);
	if (brk == old_top + old_size && snd_brk == UM_FAIL) {
		umalloc_set_head(m, old_top, (size + old_size) | UM_PREV_INUSE);
		umalloc_event(m, EV_CHUNK, old_top, size + old_size,
		    "top grew by "
		    "%#" PRIx64 " with sbrk",
		    size);
	} else if (umalloc_contiguous(m) && old_size != 0 &&
	    brk < old_top + old_size)
		umalloc_printerr(m, "break adjusted to free malloc space");
	else
		umalloc_new_top(m, brk, snd_brk, size, old_top, old_size);
}

/*
 * sysmalloc()'s assert on the old top, live in glibc's builds: the top
 * is the initial one (empty), or at least MINSIZE with PREV_INUSE and
 * ending on a page boundary.  Shrinking top's size by a write past a
 * block (House of Orange) trips it; glibc 2.36 prints this text.
 */
static void
umalloc_check_old_top(struct machine *m)
{
	uint64_t top = umalloc_top(m), size = umalloc_size(m, top);

	if ((top == umalloc_bin_at(m, 1) && size == 0) ||
	    (size >= UM_MINSIZE &&
		(umalloc_size_nomask(m, top) & UM_PREV_INUSE) &&
		((top + size) & (UM_PAGE - 1)) == 0))
		return;
	umalloc_printerr(m,
	    "Fatal glibc error: malloc assertion failure in "
	    "sysmalloc: (old_top == initial_top (av) && old_size == 0) || "
	    "((unsigned long) (old_size) >= MINSIZE && prev_inuse (old_top) "
	    "&& ((unsigned long) old_end & (pagesize - 1)) == 0)");
}

uint64_t
umalloc_sysmalloc(struct machine *m, uint64_t nb)
{
	struct umalloc *um = m->proc->um;
	uint64_t	p, size, mem, sysmem;

	if (nb >= um->mmap_threshold && um->n_mmaps < um->n_mmaps_max &&
	    (mem = umalloc_sysmalloc_mmap(m, nb)) != 0)
		return mem;
	umalloc_check_old_top(m);
	if (umalloc_is_main(m))
		umalloc_grow_heap(m, nb);
	else
		umalloc_arena_grow(m, nb);
	sysmem = umalloc_system_mem(m);
	if (sysmem > umalloc_rd(m, um->av + AV_MAX_SYSTEM_MEM))
		umalloc_wr(m, um->av + AV_MAX_SYSTEM_MEM, sysmem);
	p = umalloc_top(m);
	size = umalloc_size(m, p);
	if (size < nb + UM_MINSIZE)
		return 0;
	umalloc_set_top(m, p + nb);
	umalloc_set_head(m, p, nb | UM_PREV_INUSE);
	umalloc_set_head(m, p + nb, (size - nb) | UM_PREV_INUSE);
	umalloc_event(m, EV_CHUNK, p, nb, "split from the grown top");
	step_set_tag(m->st, "top");
	return umalloc_chunk2mem(p);
}

/*
 * systrim(): gives the top back with a negative sbrk, keeping pad.  As
 * in glibc, top_area is a long compared with the size_t pad, so a top
 * of exactly MINSIZE (top_area -1) passes the test as a huge number and
 * extra = ALIGN_DOWN(-1 - pad, pagesize) is negative: sbrk(-extra)
 * grows the heap instead (malloc_trim(0) with a 32-byte top adds a
 * page and returns 1; this machine's 2.36 does it).
 */
int
umalloc_systrim(struct machine *m, uint64_t pad)
{
	uint64_t top = umalloc_top(m), top_size = umalloc_size(m, top), cur,
		 nbrk;
	int64_t top_area = (int64_t)top_size - (int64_t)UM_MINSIZE - 1;
	int64_t extra;

	if ((uint64_t)top_area <= pad)
		return 0;
	extra = ((int64_t)((uint64_t)top_area - pad)) & -(int64_t)UM_PAGE;
	if (extra == 0)
		return 0;
	cur = umalloc_morecore(m, 0);
	if (cur != top + top_size)
		return 0;
	umalloc_morecore(m, -extra);
	nbrk = umalloc_morecore(m, 0);
	if (nbrk == UM_FAIL || cur == nbrk)
		return 0;
	umalloc_add_system_mem(m, -(int64_t)(cur - nbrk));
	umalloc_set_head(m, top, (top_size - (cur - nbrk)) | UM_PREV_INUSE);
	if (nbrk > cur)
		umalloc_event(m, EV_CHUNK, top, top_size + (nbrk - cur),
		    "systrim grew top by %#" PRIx64 " (a %" PRIu64 "-byte top "
		    "makes its size test pass)",
		    nbrk - cur, top_size);
	else
		umalloc_event(m, EV_CHUNK, top, top_size - (cur - nbrk),
		    "top trimmed by %#" PRIx64 " (systrim)", cur - nbrk);
	return 1;
}

/* The checks munmap_chunk() and mremap_chunk() share. */
static void
umalloc_mmapped_check(struct machine *m, uint64_t p, const char *msg,
    uint64_t *block, uint64_t *total)
{
	uint64_t off = umalloc_prev_size(m, p),
		 low = (p + UM_HDR) & (UM_PAGE - 1);

	*block = p - off;
	*total = off + umalloc_size(m, p);
	if (((*block | *total) & (UM_PAGE - 1)) != 0 || (low & (low - 1)) != 0)
		umalloc_printerr(m, msg);
}

void
umalloc_munmap_chunk(struct machine *m, uint64_t p)
{
	struct umalloc *um = m->proc->um;
	uint64_t	block, total;

	umalloc_mmapped_check(m, p, "munmap_chunk(): invalid pointer", &block,
	    &total);
	um->n_mmaps--;
	um->mmapped_mem -= total;
	umalloc_event(m, EV_CHUNK, p, total, "mmapped chunk unmapped");
	process_munmap(m, block, total);
}

uint64_t
umalloc_mremap_chunk(struct machine *m, uint64_t p, uint64_t new_size)
{
	struct umalloc *um = m->proc->um;
	uint64_t	block, total, off = umalloc_prev_size(m, p), cp;

	umalloc_mmapped_check(m, p, "mremap_chunk(): invalid pointer", &block,
	    &total);
	new_size = umalloc_align_up(new_size + off + UM_SIZE_SZ, UM_PAGE);
	if (total == new_size)
		return p;
	if (process_mremap(m, block, total, new_size, &cp) != SIM_OK)
		return 0;
	p = cp + off;
	umalloc_set_head(m, p, (new_size - off) | UM_IS_MMAPPED);
	um->mmapped_mem += new_size - total;
	step_set_tag(m->st, "mremap");
	return p;
}
