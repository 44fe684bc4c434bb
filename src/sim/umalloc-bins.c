/*
 * umalloc-bins.c - glibc 2.36's _int_malloc(), unlink_chunk() and
 * malloc_consolidate() (malloc/malloc.c), over the arena in process
 * memory.
 *
 * _int_malloc tries, in this order: the exact fastbin (moving further
 * chunks of that size into the tcache), the exact smallbin (likewise),
 * then - after consolidating the fastbins for a large request - the
 * unsorted bin from its tail: the last remainder is split for a small
 * request when it is the only unsorted chunk, exact fits are stashed in
 * the tcache (one is returned at the end) or returned, everything else is
 * sorted into its small or large bin (large bins descending by size, with
 * the fd_nextsize/bk_nextsize skip list).  Then best fit in the request's
 * own large bin, then the binmap scan of larger bins, then top, then one
 * consolidation and another round, then sysmalloc.
 */
#include "sim/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/process-priv.h"

#include <inttypes.h>

static uint64_t um_av(struct machine *m) { return m->proc->um->av; }
static uint64_t um_fastbin(struct machine *m, int idx) { return um_av(m) + AV_FASTBINS + (uint64_t)idx * 8; }

int
um_have_fastchunks(struct machine *m)
{
	return um_rd32(m, um_av(m) + AV_HAVE_FAST) != 0;
}

void
um_set_have_fastchunks(struct machine *m, int v)
{
	um_wr32(m, um_av(m) + AV_HAVE_FAST, (uint32_t)v);
}

static void
um_mark_bin(struct machine *m, int i)
{
	uint64_t a = um_av(m) + AV_BINMAP + (uint64_t)(i >> 5) * 4;

	um_wr32(m, a, um_rd32(m, a) | (1u << (i & 31)));
}

/* unlink_chunk(): with glibc's consistency checks. */
void
um_unlink_chunk(struct machine *m, uint64_t p)
{
	uint64_t size = um_size(m, p), fd, bk, fdn, bkn;

	if (size != um_prev_size(m, p + size))
		um_printerr(m, "corrupted size vs. prev_size");
	fd = um_fd(m, p);
	bk = um_bk(m, p);
	if (um_bk(m, fd) != p || um_fd(m, bk) != p)
		um_printerr(m, "corrupted double-linked list");
	um_set_bk(m, fd, bk);
	um_set_fd(m, bk, fd);
	um_event(m, EV_BIN, p, size, "unlinked from its bin");
	if (um_in_smallbin_range(um_size_nomask(m, p)) ||
	    (fdn = um_rd(m, p + 32)) == 0)
		return;
	bkn = um_rd(m, p + 40);
	if (um_rd(m, fdn + 40) != p || um_rd(m, bkn + 32) != p)
		um_printerr(m, "corrupted double-linked list (not small)");
	if (um_rd(m, fd + 32) == 0) {
		if (fdn == p) {
			um_wr(m, fd + 32, fd);
			um_wr(m, fd + 40, fd);
		} else {
			um_wr(m, fd + 32, fdn);
			um_wr(m, fd + 40, bkn);
			um_wr(m, fdn + 40, fd);
			um_wr(m, bkn + 32, fd);
		}
	} else {
		um_wr(m, fdn + 40, bkn);
		um_wr(m, bkn + 32, fdn);
	}
}

/* Pops a fastbin head (single-threaded: *fb = REVEAL_PTR(victim->fd)). */
static void
um_fastbin_pop(struct machine *m, uint64_t fb, uint64_t victim)
{
	um_wr(m, fb, um_protect_ptr(victim + 16, um_fd(m, victim)));
}

static int
um_malloc_fast(struct machine *m, uint64_t nb, uint64_t *mem)
{
	int idx = um_fastbin_index(nb);
	uint64_t fb = um_fastbin(m, idx), victim = um_rd(m, fb), tc_idx, tv;

	if (victim == 0)
		return 0;
	if (victim & UM_ALIGN_MASK)
		um_printerr(m, "malloc(): unaligned fastbin chunk detected 2");
	um_fastbin_pop(m, fb, victim);
	if (um_fastbin_index(um_size(m, victim)) != idx)
		um_printerr(m, "malloc(): memory corruption (fast)");
	um_event(m, EV_BIN, victim, nb, "taken from fastbin[%d]", idx);
	tc_idx = um_csize2tidx(nb);
	while (m->proc->um->tcache != 0 && um_tcache_count(m, tc_idx) <
	    UM_TCACHE_COUNT && (tv = um_rd(m, fb)) != 0) {
		if (tv & UM_ALIGN_MASK)
			um_printerr(m, "malloc(): unaligned fastbin chunk "
			    "detected 3");
		um_fastbin_pop(m, fb, tv);
		um_tcache_put(m, tv, tc_idx);
	}
	step_set_what(m->st, "fastbin");
	*mem = um_chunk2mem(victim);
	return 1;
}

/* Takes the bin's last chunk off (bin->bk = bck; bck->fd = bin). */
static void
um_bin_take_last(struct machine *m, uint64_t bin, uint64_t victim,
    uint64_t nb)
{
	uint64_t bck = um_bk(m, victim);

	um_set_inuse_at(m, victim, nb);
	um_set_bk(m, bin, bck);
	um_set_fd(m, bck, bin);
}

static int
um_malloc_small(struct machine *m, uint64_t nb, uint64_t *mem)
{
	int idx = um_smallbin_index(nb);
	uint64_t bin = um_bin_at(m, idx), victim = um_bk(m, bin), tc_idx, tv;

	if (victim == bin)
		return 0;
	if (um_fd(m, um_bk(m, victim)) != victim)
		um_printerr(m, "malloc(): smallbin double linked list "
		    "corrupted");
	um_bin_take_last(m, bin, victim, nb);
	um_event(m, EV_BIN, victim, nb, "taken from smallbin %d", idx);
	tc_idx = um_csize2tidx(nb);
	while (m->proc->um->tcache != 0 && um_tcache_count(m, tc_idx) <
	    UM_TCACHE_COUNT && (tv = um_bk(m, bin)) != bin) {
		um_bin_take_last(m, bin, tv, nb);
		um_tcache_put(m, tv, tc_idx);
	}
	step_set_what(m->st, "smallbin");
	*mem = um_chunk2mem(victim);
	return 1;
}

/* The checks _int_malloc makes on each unsorted chunk it looks at. */
static void
um_unsorted_check(struct machine *m, uint64_t victim, uint64_t bck,
    uint64_t size)
{
	uint64_t next = victim + size, sysmem = um_system_mem(m);
	uint64_t unsorted = um_bin_at(m, 1);

	if (size <= UM_HDR || size > sysmem)
		um_printerr(m, "malloc(): invalid size (unsorted)");
	if (um_size_nomask(m, next) < UM_HDR ||
	    um_size_nomask(m, next) > sysmem)
		um_printerr(m, "malloc(): invalid next size (unsorted)");
	if ((um_prev_size(m, next) & ~UM_SIZE_BITS) != size)
		um_printerr(m, "malloc(): mismatching next->prev_size "
		    "(unsorted)");
	if (um_fd(m, bck) != victim || um_fd(m, victim) != unsorted)
		um_printerr(m, "malloc(): unsorted double linked list "
		    "corrupted");
	if (um_size_nomask(m, next) & UM_PREV_INUSE)
		um_printerr(m, "malloc(): invalid next->prev_inuse "
		    "(unsorted)");
}

/* Links victim into the unsorted bin's head (remainders of splits). */
static void
um_remainder_insert(struct machine *m, uint64_t rem, uint64_t remsize,
    const char *err)
{
	uint64_t bck = um_bin_at(m, 1), fwd = um_fd(m, bck);

	if (um_bk(m, fwd) != bck)
		um_printerr(m, err);
	um_set_bk(m, rem, bck);
	um_set_fd(m, rem, fwd);
	um_set_fd(m, bck, rem);
	um_set_bk(m, fwd, rem);
	if (!um_in_smallbin_range(remsize)) {
		um_wr(m, rem + 32, 0);
		um_wr(m, rem + 40, 0);
	}
}

/* Splits nb off victim (size bytes); the rest becomes a free chunk. */
static void
um_split(struct machine *m, uint64_t victim, uint64_t size, uint64_t nb)
{
	um_set_head(m, victim, nb | UM_PREV_INUSE);
	um_set_head(m, victim + nb, (size - nb) | UM_PREV_INUSE);
	um_set_foot(m, victim + nb, size - nb);
	um_event(m, EV_CHUNK, victim + nb, size - nb, "remainder of a split, "
	    "to the unsorted bin");
}

/* Puts victim in its large bin, keeping it sorted (descending size). */
static void
um_largebin_place(struct machine *m, uint64_t victim, uint64_t size,
    uint64_t *bckp, uint64_t *fwdp)
{
	uint64_t bck = *bckp, fwd = *fwdp, first;

	if (fwd == bck) {
		um_wr(m, victim + 32, victim);
		um_wr(m, victim + 40, victim);
		return;
	}
	size |= UM_PREV_INUSE;
	if (size < um_size_nomask(m, um_bk(m, bck))) {
		fwd = bck;
		bck = um_bk(m, bck);
		first = um_fd(m, fwd);
		um_wr(m, victim + 32, first);
		um_wr(m, victim + 40, um_rd(m, first + 40));
		um_wr(m, um_rd(m, victim + 40) + 32, victim);
		um_wr(m, first + 40, victim);
	} else {
		while (size < um_size_nomask(m, fwd))
			fwd = um_rd(m, fwd + 32);
		if (size == um_size_nomask(m, fwd))
			fwd = um_fd(m, fwd);
		else {
			um_wr(m, victim + 32, fwd);
			um_wr(m, victim + 40, um_rd(m, fwd + 40));
			if (um_rd(m, um_rd(m, fwd + 40) + 32) != fwd)
				um_printerr(m, "malloc(): largebin double "
				    "linked list corrupted (nextsize)");
			um_wr(m, fwd + 40, victim);
			um_wr(m, um_rd(m, victim + 40) + 32, victim);
		}
		bck = um_bk(m, fwd);
		if (um_fd(m, bck) != fwd)
			um_printerr(m, "malloc(): largebin double linked list "
			    "corrupted (bk)");
	}
	*bckp = bck;
	*fwdp = fwd;
}

/* Sorts an unsorted chunk into its small or large bin. */
static void
um_bin_place(struct machine *m, uint64_t victim, uint64_t size)
{
	int vi = um_bin_index(size);
	uint64_t bck = um_bin_at(m, vi), fwd = um_fd(m, bck);

	if (!um_in_smallbin_range(size))
		um_largebin_place(m, victim, size, &bck, &fwd);
	um_mark_bin(m, vi);
	um_set_bk(m, victim, bck);
	um_set_fd(m, victim, fwd);
	um_set_bk(m, fwd, victim);
	um_set_fd(m, bck, victim);
	um_event(m, EV_BIN, victim, size, "sorted into %s bin %d",
	    um_in_smallbin_range(size) ? "small" : "large", vi);
}

/* The last-remainder split for a small request (locality of runs). */
static uint64_t
um_last_remainder_split(struct machine *m, uint64_t victim, uint64_t size,
    uint64_t nb)
{
	uint64_t unsorted = um_bin_at(m, 1), rem = victim + nb;

	um_set_bk(m, unsorted, rem);
	um_set_fd(m, unsorted, rem);
	um_wr(m, um_av(m) + AV_LAST_REMAINDER, rem);
	um_set_bk(m, rem, unsorted);
	um_set_fd(m, rem, unsorted);
	if (!um_in_smallbin_range(size - nb)) {
		um_wr(m, rem + 32, 0);
		um_wr(m, rem + 40, 0);
	}
	um_split(m, victim, size, nb);
	step_set_what(m->st, "unsorted");
	return um_chunk2mem(victim);
}

/*
 * One pass over the unsorted bin.  Returns the chunk to hand out (user
 * pointer) or 0; *cached says exact fits went to the tcache.
 */
static uint64_t
um_unsorted_scan(struct machine *m, uint64_t nb, int *cached)
{
	uint64_t unsorted = um_bin_at(m, 1), victim, bck, size;
	uint64_t tc_idx = um_csize2tidx(nb);
	int tcache_nb = m->proc->um->tcache != 0 && tc_idx < UM_TCACHE_BINS;
	int iters = 0;

	while ((victim = um_bk(m, unsorted)) != unsorted) {
		bck = um_bk(m, victim);
		size = um_size(m, victim);
		um_unsorted_check(m, victim, bck, size);
		if (um_in_smallbin_range(nb) && bck == unsorted && victim ==
		    um_rd(m, um_av(m) + AV_LAST_REMAINDER) && size > nb +
		    UM_MINSIZE)
			return um_last_remainder_split(m, victim, size, nb);
		if (um_fd(m, bck) != victim)
			um_printerr(m, "malloc(): corrupted unsorted chunks 3");
		um_set_bk(m, unsorted, bck);
		um_set_fd(m, bck, unsorted);
		if (size == nb) {
			um_set_inuse_at(m, victim, size);
			if (tcache_nb && um_tcache_count(m, tc_idx) <
			    UM_TCACHE_COUNT) {
				um_tcache_put(m, victim, tc_idx);
				*cached = 1;
				continue;
			}
			um_event(m, EV_BIN, victim, size, "exact fit taken "
			    "from the unsorted bin");
			step_set_what(m->st, "unsorted");
			return um_chunk2mem(victim);
		}
		um_bin_place(m, victim, size);
		if (++iters >= UM_MAX_ITERS)
			break;
	}
	return 0;
}

/* Hands out victim (already unlinked), splitting when worth it. */
static uint64_t
um_take_split(struct machine *m, uint64_t victim, uint64_t size, uint64_t nb,
    const char *err, int remember)
{
	if (size - nb < UM_MINSIZE) {
		um_set_inuse_at(m, victim, size);
		return um_chunk2mem(victim);
	}
	um_remainder_insert(m, victim + nb, size - nb, err);
	if (remember)
		um_wr(m, um_av(m) + AV_LAST_REMAINDER, victim + nb);
	um_split(m, victim, size, nb);
	return um_chunk2mem(victim);
}

/* Best fit in the request's own large bin, via the nextsize list. */
static uint64_t
um_largebin_fit(struct machine *m, uint64_t nb, int idx)
{
	uint64_t bin = um_bin_at(m, idx), victim = um_fd(m, bin), size;

	if (victim == bin || um_size_nomask(m, victim) < nb)
		return 0;
	victim = um_rd(m, victim + 40);
	while ((size = um_size(m, victim)) < nb)
		victim = um_rd(m, victim + 40);
	if (victim != um_bk(m, bin) && um_size_nomask(m, victim) ==
	    um_size_nomask(m, um_fd(m, victim)))
		victim = um_fd(m, victim);
	um_unlink_chunk(m, victim);
	step_set_what(m->st, "largebin");
	return um_take_split(m, victim, size, nb, "malloc(): corrupted "
	    "unsorted chunks", 0);
}

/* The binmap scan: the first non-empty bin above idx. */
static uint64_t
um_binmap_scan(struct machine *m, uint64_t nb, int idx)
{
	uint64_t av = um_av(m), victim, size;
	int i;

	for (i = idx + 1; i < UM_NBINS; i++) {
		uint64_t mapa = av + AV_BINMAP + (uint64_t)(i >> 5) * 4;
		uint32_t map = um_rd32(m, mapa), bit = 1u << (i & 31);
		uint64_t bin;

		if (map == 0) {
			i |= 31;	/* skip the rest of this block */
			continue;
		}
		if (!(map & bit))
			continue;
		bin = um_bin_at(m, i);
		if ((victim = um_bk(m, bin)) == bin) {
			um_wr32(m, mapa, map & ~bit);	/* false alarm */
			continue;
		}
		size = um_size(m, victim);
		um_unlink_chunk(m, victim);
		step_set_what(m->st, i < 64 ? "smallbin" : "largebin");
		return um_take_split(m, victim, size, nb, "malloc(): corrupted "
		    "unsorted chunks 2", um_in_smallbin_range(nb));
	}
	return 0;
}

/* use_top: split the request off the top chunk. */
static uint64_t
um_use_top(struct machine *m, uint64_t nb)
{
	uint64_t victim = um_top(m), size = um_size(m, victim);

	if (size > um_system_mem(m))
		um_printerr(m, "malloc(): corrupted top size");
	if (size < nb + UM_MINSIZE)
		return 0;
	um_set_top(m, victim + nb);
	um_set_head(m, victim, nb | UM_PREV_INUSE);
	um_set_head(m, victim + nb, (size - nb) | UM_PREV_INUSE);
	um_event(m, EV_CHUNK, victim, nb, "split from top (%#" PRIx64
	    " left)", size - nb);
	step_set_what(m->st, "top");
	return um_chunk2mem(victim);
}

/* The part of _int_malloc after the exact-size bins. */
static uint64_t
um_malloc_rest(struct machine *m, uint64_t nb)
{
	int idx = um_bin_index(nb), cached;
	uint64_t mem;

	for (;;) {
		cached = 0;
		if ((mem = um_unsorted_scan(m, nb, &cached)) != 0)
			return mem;
		if (cached) {
			step_set_what(m->st, "unsorted");
			return um_tcache_get(m, um_csize2tidx(nb));
		}
		if (!um_in_smallbin_range(nb) &&
		    (mem = um_largebin_fit(m, nb, idx)) != 0)
			return mem;
		if ((mem = um_binmap_scan(m, nb, idx)) != 0)
			return mem;
		if ((mem = um_use_top(m, nb)) != 0)
			return mem;
		if (!um_have_fastchunks(m))
			return um_sysmalloc(m, nb);
		um_malloc_consolidate(m);
	}
}

uint64_t
um_int_malloc(struct machine *m, uint64_t bytes)
{
	uint64_t nb = um_checked_request2size(bytes), mem;

	if (nb == 0)
		return 0;
	if (nb <= UM_MAX_FAST && um_malloc_fast(m, nb, &mem))
		return mem;
	if (um_in_smallbin_range(nb)) {
		if (um_malloc_small(m, nb, &mem))
			return mem;
	} else if (um_have_fastchunks(m))
		um_malloc_consolidate(m);
	return um_malloc_rest(m, nb);
}

/* One fastbin chunk merged with its free neighbours (as _int_free). */
static void
um_consolidate_one(struct machine *m, uint64_t p)
{
	uint64_t size = um_size(m, p), next = p + size, nextsize, prevsize;
	uint64_t unsorted = um_bin_at(m, 1), first;

	nextsize = um_size(m, next);
	if (!(um_size_nomask(m, p) & UM_PREV_INUSE)) {
		prevsize = um_prev_size(m, p);
		size += prevsize;
		p -= prevsize;
		if (um_size(m, p) != prevsize)
			um_printerr(m, "corrupted size vs. prev_size in "
			    "fastbins");
		um_unlink_chunk(m, p);
	}
	if (next == um_top(m)) {
		size += nextsize;
		um_set_head(m, p, size | UM_PREV_INUSE);
		um_set_top(m, p);
		um_event(m, EV_CHUNK, p, size, "consolidated into top");
		return;
	}
	if (!um_inuse_at(m, next, nextsize)) {
		size += nextsize;
		um_unlink_chunk(m, next);
	} else
		um_clear_inuse_at(m, next, 0);
	first = um_fd(m, unsorted);
	um_set_fd(m, unsorted, p);
	um_set_bk(m, first, p);
	if (!um_in_smallbin_range(size)) {
		um_wr(m, p + 32, 0);
		um_wr(m, p + 40, 0);
	}
	um_set_head(m, p, size | UM_PREV_INUSE);
	um_set_bk(m, p, unsorted);
	um_set_fd(m, p, first);
	um_set_foot(m, p, size);
	um_event(m, EV_BIN, p, size, "consolidated, to the unsorted bin");
}

void
um_malloc_consolidate(struct machine *m)
{
	int i;

	um_set_have_fastchunks(m, 0);
	um_event(m, EV_NOTE, EVENT_NONE, 0, "malloc_consolidate: emptying "
	    "the fastbins");
	for (i = 0; i < UM_NFASTBINS; i++) {
		uint64_t fb = um_fastbin(m, i), p = um_rd(m, fb), nextp;

		um_wr(m, fb, 0);
		while (p != 0) {
			if (p & UM_ALIGN_MASK)
				um_printerr(m, "malloc_consolidate(): "
				    "unaligned fastbin chunk detected");
			if (um_fastbin_index(um_size(m, p)) != i)
				um_printerr(m, "malloc_consolidate(): invalid "
				    "chunk size");
			nextp = um_protect_ptr(p + 16, um_fd(m, p));
			um_consolidate_one(m, p);
			p = nextp;
		}
	}
}
