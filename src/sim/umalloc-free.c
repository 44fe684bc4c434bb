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
#include "sim/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/process-priv.h"

#include <inttypes.h>

/* The tcache part: 1 when the chunk was cached. */
static int
um_free_tcache(struct machine *m, uint64_t p, uint64_t size)
{
	struct umalloc *um = m->proc->um;
	uint64_t tc_idx = um_csize2tidx(size), e = um_chunk2mem(p), tmp;
	unsigned cnt = 0;

	if (um->tcache == 0 || tc_idx >= UM_TCACHE_BINS)
		return 0;
	if (um_rd(m, e + 8) == um->tcache_key) {
		/* Possibly a double free: walk the bin to be sure. */
		for (tmp = um_rd(m, um->tcache + 128 + tc_idx * 8); tmp != 0;
		    tmp = um_protect_ptr(tmp, um_rd(m, tmp)), cnt++) {
			if (cnt >= UM_TCACHE_COUNT)
				um_printerr(m, "free(): too many chunks "
				    "detected in tcache");
			if (tmp & UM_ALIGN_MASK)
				um_printerr(m, "free(): unaligned chunk "
				    "detected in tcache 2");
			if (tmp == e)
				um_printerr(m, "free(): double free detected "
				    "in tcache 2");
		}
	}
	if (um_tcache_count(m, tc_idx) >= UM_TCACHE_COUNT)
		return 0;
	um_tcache_put(m, p, tc_idx);
	return 1;
}

static void
um_free_fast(struct machine *m, uint64_t p, uint64_t size, int have_lock)
{
	uint64_t next = p + size, fb, old;
	int idx = um_fastbin_index(size);

	if (um_size_nomask(m, next) <= UM_HDR ||
	    um_size(m, next) >= um_system_mem(m))
		um_printerr(m, "free(): invalid next size (fast)");
	um_set_have_fastchunks(m, 1);
	fb = m->proc->um->av + AV_FASTBINS + (uint64_t)idx * 8;
	old = um_rd(m, fb);
	if (old == p)
		um_printerr(m, "double free or corruption (fasttop)");
	um_set_fd(m, p, um_protect_ptr(p + 16, old));
	um_wr(m, fb, p);
	um_event(m, EV_BIN, p, size, "put on fastbin[%d]", idx);
	if (have_lock && old != 0 && um_fastbin_index(um_size(m, old)) != idx)
		um_printerr(m, "invalid fastbin entry (free)");
}

void
um_unsorted_insert(struct machine *m, uint64_t p, uint64_t size,
    const char *err)
{
	uint64_t bck = um_bin_at(m, 1), fwd = um_fd(m, bck);

	if (um_bk(m, fwd) != bck)
		um_printerr(m, err);
	um_set_fd(m, p, fwd);
	um_set_bk(m, p, bck);
	if (!um_in_smallbin_range(size)) {
		um_wr(m, p + 32, 0);
		um_wr(m, p + 40, 0);
	}
	um_set_fd(m, bck, p);
	um_set_bk(m, fwd, p);
}

/* The checks free() makes before merging a normal chunk. */
static void
um_free_checks(struct machine *m, uint64_t p, uint64_t size)
{
	uint64_t top = um_top(m), next = p + size;
	uint64_t flags = um_rd32(m, m->proc->um->av + AV_FLAGS);

	if (p == top)
		um_printerr(m, "double free or corruption (top)");
	if (!(flags & UM_NONCONTIGUOUS_BIT) && next >= top + um_size(m, top))
		um_printerr(m, "double free or corruption (out)");
	if (!(um_size_nomask(m, next) & UM_PREV_INUSE))
		um_printerr(m, "double free or corruption (!prev)");
	if (um_size_nomask(m, next) <= UM_HDR ||
	    um_size(m, next) >= um_system_mem(m))
		um_printerr(m, "free(): invalid next size (normal)");
}

/* Merges with the neighbours, then the unsorted bin or top. */
static uint64_t
um_free_merge(struct machine *m, uint64_t p, uint64_t size)
{
	uint64_t next = p + size, nextsize = um_size(m, next), prevsize;

	if (!(um_size_nomask(m, p) & UM_PREV_INUSE)) {
		prevsize = um_prev_size(m, p);
		size += prevsize;
		p -= prevsize;
		if (um_size(m, p) != prevsize)
			um_printerr(m, "corrupted size vs. prev_size while "
			    "consolidating");
		um_unlink_chunk(m, p);
		um_event(m, EV_CHUNK, p, size, "merged with the free chunk "
		    "before it");
	}
	if (next == um_top(m)) {
		size += nextsize;
		um_set_head(m, p, size | UM_PREV_INUSE);
		um_set_top(m, p);
		um_event(m, EV_CHUNK, p, size, "merged into top");
		return size;
	}
	if (!um_inuse_at(m, next, nextsize)) {
		um_unlink_chunk(m, next);
		size += nextsize;
		um_event(m, EV_CHUNK, p, size, "merged with the free chunk "
		    "after it");
	} else
		um_clear_inuse_at(m, next, 0);
	um_unsorted_insert(m, p, size, "free(): corrupted unsorted "
	    "chunks");
	um_set_head(m, p, size | UM_PREV_INUSE);
	um_set_foot(m, p, size);
	um_event(m, EV_BIN, p, size, "put on the unsorted bin");
	return size;
}

void
um_int_free(struct machine *m, uint64_t p, int have_lock)
{
	struct umalloc *um = m->proc->um;
	uint64_t size = um_size(m, p);

	if (p > (uint64_t)0 - size || (p & UM_ALIGN_MASK) != 0)
		um_printerr(m, "free(): invalid pointer");
	if (size < UM_MINSIZE || (size & UM_ALIGN_MASK) != 0)
		um_printerr(m, "free(): invalid size");
	if (um_free_tcache(m, p, size))
		return;
	if (size <= UM_MAX_FAST) {
		um_free_fast(m, p, size, have_lock);
		return;
	}
	if (um_size_nomask(m, p) & UM_IS_MMAPPED) {
		um_munmap_chunk(m, p);
		return;
	}
	um_free_checks(m, p, size);
	size = um_free_merge(m, p, size);
	if (size >= UM_FASTBIN_CONSOLIDATION_THRESHOLD) {
		if (um_have_fastchunks(m))
			um_malloc_consolidate(m);
		if (um_size(m, um_top(m)) >= um->trim_threshold)
			um_systrim(m, um->top_pad);
	}
}
