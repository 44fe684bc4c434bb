/*
 * umalloc-free.c - glibc 2.36's _int_free() (malloc/malloc.c).
 *
 * A freed chunk goes to its tcache bin while that holds fewer than 7
 * (after the key check that catches a double free), else to its fastbin
 * (chunks up to 128 bytes; safe-linked, only the bin's head is checked
 * for a double free, the chunk stays "in use" for its neighbours), else
 * it is merged with free neighbours and put at the head of the unsorted
 * bin, or into top when it borders top.  A merged chunk of 64 KiB or
 * more consolidates the fastbins and may trim the heap (systrim).
 */
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

/* The tcache part: 1 when the chunk was cached. */
static int
umalloc_free_tcache(struct machine *m, uint64_t p, uint64_t size)
{
	struct umalloc *um = m->proc->um;
	uint64_t tc_idx = umalloc_csize2tidx(size), e = umalloc_chunk2mem(p),
		 tmp;
	unsigned cnt = 0;

	if (um->tcache == 0 || tc_idx >= um->tcache_bins)
		return 0;
	if (umalloc_rd(m, e + 8) == um->tcache_key) {
		/* Possibly a double free: walk the bin to be sure. */
		for (tmp = umalloc_rd(m, um->tcache + 128 + tc_idx * 8);
		     tmp != 0;
		     tmp = umalloc_protect_ptr(tmp, umalloc_rd(m, tmp)),
		    cnt++) {
			if (cnt >= um->tcache_count)
				umalloc_printerr(m,
				    "free(): too many chunks "
				    "detected in tcache");
			if (tmp & UM_ALIGN_MASK)
				umalloc_printerr(m,
				    "free(): unaligned chunk "
				    "detected in tcache 2");
			if (tmp == e)
				umalloc_printerr(m,
				    "free(): double free detected "
				    "in tcache 2");
		}
	}
	if ((uint64_t)umalloc_tcache_count(m, tc_idx) >= um->tcache_count)
		return 0;
	umalloc_tcache_put(m, p, tc_idx);
	return 1;
}

static void
umalloc_free_fast(struct machine *m, uint64_t p, uint64_t size, int have_lock)
{
	uint64_t next = p + size, fb, old;
	int	 idx = umalloc_fastbin_index(size);

	if (umalloc_size_nomask(m, next) <= UM_HDR ||
	    umalloc_size(m, next) >= umalloc_system_mem(m))
		umalloc_printerr(m, "free(): invalid next size (fast)");
	umalloc_free_perturb(m, umalloc_chunk2mem(p), size - UM_HDR);
	umalloc_set_have_fastchunks(m, 1);
	fb = m->proc->um->av + AV_FASTBINS + (uint64_t)idx * 8;
	old = umalloc_rd(m, fb);
	if (old == p)
		umalloc_printerr(m, "double free or corruption (fasttop)");
	umalloc_set_fd(m, p, umalloc_protect_ptr(p + 16, old));
	umalloc_wr(m, fb, p);
	umalloc_event(m, EV_BIN, p, size, "put on fastbin[%d]", idx);
	if (have_lock && old != 0 &&
	    umalloc_fastbin_index(umalloc_size(m, old)) != idx)
		umalloc_printerr(m, "invalid fastbin entry (free)");
}

static void
umalloc_unsorted_insert(struct machine *m, uint64_t p, uint64_t size,
    const char *err)
{
	uint64_t bck = umalloc_bin_at(m, 1), fwd = umalloc_fd(m, bck);

	if (umalloc_bk(m, fwd) != bck)
		umalloc_printerr(m, err);
	umalloc_set_fd(m, p, fwd);
	umalloc_set_bk(m, p, bck);
	if (!umalloc_in_smallbin_range(size)) {
		umalloc_wr(m, p + 32, 0);
		umalloc_wr(m, p + 40, 0);
	}
	umalloc_set_fd(m, bck, p);
	umalloc_set_bk(m, fwd, p);
}

/* The checks free() makes before merging a normal chunk. */
static void
umalloc_free_checks(struct machine *m, uint64_t p, uint64_t size)
{
	uint64_t top = umalloc_top(m), next = p + size;
	uint64_t flags = umalloc_rd32(m, m->proc->um->av + AV_FLAGS);

	if (p == top)
		umalloc_printerr(m, "double free or corruption (top)");
	if (!(flags & UM_NONCONTIGUOUS_BIT) &&
	    next >= top + umalloc_size(m, top))
		umalloc_printerr(m, "double free or corruption (out)");
	if (!(umalloc_size_nomask(m, next) & UM_PREV_INUSE))
		umalloc_printerr(m, "double free or corruption (!prev)");
	if (umalloc_size_nomask(m, next) <= UM_HDR ||
	    umalloc_size(m, next) >= umalloc_system_mem(m))
		umalloc_printerr(m, "free(): invalid next size (normal)");
}

/* Merges with the neighbours, then the unsorted bin or top. */
static uint64_t
umalloc_free_merge(struct machine *m, uint64_t p, uint64_t size)
{
	uint64_t next = p + size, nextsize = umalloc_size(m, next), prevsize;

	if (!(umalloc_size_nomask(m, p) & UM_PREV_INUSE)) {
		prevsize = umalloc_prev_size(m, p);
		size += prevsize;
		p -= prevsize;
		if (umalloc_size(m, p) != prevsize)
			umalloc_printerr(m,
			    "corrupted size vs. prev_size while "
			    "consolidating");
		umalloc_unlink_chunk(m, p);
		umalloc_event(m, EV_CHUNK, p, size,
		    "merged with the free chunk "
		    "before it");
	}
	if (next == umalloc_top(m)) {
		size += nextsize;
		umalloc_set_head(m, p, size | UM_PREV_INUSE);
		umalloc_set_top(m, p);
		umalloc_event(m, EV_CHUNK, p, size, "merged into top");
		return size;
	}
	if (!umalloc_inuse_at(m, next, nextsize)) {
		umalloc_unlink_chunk(m, next);
		size += nextsize;
		umalloc_event(m, EV_CHUNK, p, size,
		    "merged with the free chunk "
		    "after it");
	} else
		umalloc_clear_inuse_at(m, next, 0);
	umalloc_unsorted_insert(m, p, size,
	    "free(): corrupted unsorted "
	    "chunks");
	umalloc_set_head(m, p, size | UM_PREV_INUSE);
	umalloc_set_foot(m, p, size);
	umalloc_event(m, EV_BIN, p, size, "put on the unsorted bin");
	return size;
}

void
umalloc_int_free(struct machine *m, uint64_t p, int have_lock)
{
	struct umalloc *um = m->proc->um;
	uint64_t	size = umalloc_size(m, p);

	if (p > (uint64_t)0 - size || (p & UM_ALIGN_MASK) != 0)
		umalloc_printerr(m, "free(): invalid pointer");
	if (size < UM_MINSIZE || (size & UM_ALIGN_MASK) != 0)
		umalloc_printerr(m, "free(): invalid size");
	if (umalloc_free_tcache(m, p, size))
		return;
	if (size <= um->max_fast) {
		umalloc_free_fast(m, p, size, have_lock);
		return;
	}
	if (umalloc_size_nomask(m, p) & UM_IS_MMAPPED) {
		umalloc_munmap_chunk(m, p);
		return;
	}
	umalloc_free_checks(m, p, size);
	umalloc_free_perturb(m, umalloc_chunk2mem(p), size - UM_HDR);
	size = umalloc_free_merge(m, p, size);
	if (size >= UM_FASTBIN_CONSOLIDATION_THRESHOLD) {
		if (umalloc_have_fastchunks(m))
			umalloc_malloc_consolidate(m);
		if (!umalloc_is_main(m))
			umalloc_arena_trim(m);
		else if (umalloc_size(m, umalloc_top(m)) >= um->trim_threshold)
			umalloc_systrim(m, um->top_pad);
	}
}
