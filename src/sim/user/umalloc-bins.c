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
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

static uint64_t
umalloc_av(struct machine *m)
{
	return m->proc->um->av;
}
static uint64_t
umalloc_fastbin(struct machine *m, int idx)
{
	return umalloc_av(m) + AV_FASTBINS + (uint64_t)idx * 8;
}

int
umalloc_have_fastchunks(struct machine *m)
{
	return umalloc_rd32(m, umalloc_av(m) + AV_HAVE_FAST) != 0;
}

void
umalloc_set_have_fastchunks(struct machine *m, int v)
{
	umalloc_wr32(m, umalloc_av(m) + AV_HAVE_FAST, (uint32_t)v);
}

static void
umalloc_mark_bin(struct machine *m, int i)
{
	uint64_t a = umalloc_av(m) + AV_BINMAP + (uint64_t)(i >> 5) * 4;

	umalloc_wr32(m, a, umalloc_rd32(m, a) | (1u << (i & 31)));
}

/* unlink_chunk(): with glibc's consistency checks. */
void
umalloc_unlink_chunk(struct machine *m, uint64_t p)
{
	uint64_t size = umalloc_size(m, p), fd, bk, fdn, bkn;

	if (size != umalloc_prev_size(m, p + size))
		umalloc_printerr(m, "corrupted size vs. prev_size");
	fd = umalloc_fd(m, p);
	bk = umalloc_bk(m, p);
	if (umalloc_bk(m, fd) != p || umalloc_fd(m, bk) != p)
		umalloc_printerr(m, "corrupted double-linked list");
	umalloc_set_bk(m, fd, bk);
	umalloc_set_fd(m, bk, fd);
	umalloc_event(m, EV_BIN, p, size, "unlinked from its bin");
	if (umalloc_in_smallbin_range(umalloc_size_nomask(m, p)) ||
	    (fdn = umalloc_rd(m, p + 32)) == 0)
		return;
	bkn = umalloc_rd(m, p + 40);
	if (umalloc_rd(m, fdn + 40) != p || umalloc_rd(m, bkn + 32) != p)
		umalloc_printerr(m, "corrupted double-linked list (not small)");
	if (umalloc_rd(m, fd + 32) == 0) {
		if (fdn == p) {
			umalloc_wr(m, fd + 32, fd);
			umalloc_wr(m, fd + 40, fd);
		} else {
			umalloc_wr(m, fd + 32, fdn);
			umalloc_wr(m, fd + 40, bkn);
			umalloc_wr(m, fdn + 40, fd);
			umalloc_wr(m, bkn + 32, fd);
		}
	} else {
		umalloc_wr(m, fdn + 40, bkn);
		umalloc_wr(m, bkn + 32, fdn);
	}
}

/* Pops a fastbin head (single-threaded: *fb = REVEAL_PTR(victim->fd)). */
static void
umalloc_fastbin_pop(struct machine *m, uint64_t fb, uint64_t victim)
{
	umalloc_wr(m, fb,
	    umalloc_protect_ptr(victim + 16, umalloc_fd(m, victim)));
}

static int
umalloc_malloc_fast(struct machine *m, uint64_t nb, uint64_t *mem)
{
	int	 idx = umalloc_fastbin_index(nb);
	uint64_t fb = umalloc_fastbin(m, idx), victim = umalloc_rd(m, fb),
		 tc_idx, tv;

	if (victim == 0)
		return 0;
	if (victim & UM_ALIGN_MASK)
		umalloc_printerr(m,
		    "malloc(): unaligned fastbin chunk detected 2");
	umalloc_fastbin_pop(m, fb, victim);
	if (umalloc_fastbin_index(umalloc_size(m, victim)) != idx)
		umalloc_printerr(m, "malloc(): memory corruption (fast)");
	umalloc_event(m, EV_BIN, victim, nb, "taken from fastbin[%d]", idx);
	tc_idx = umalloc_csize2tidx(nb);
	while (m->proc->um->tcache != 0 && tc_idx < m->proc->um->tcache_bins &&
	    (uint64_t)umalloc_tcache_count(m, tc_idx) <
		m->proc->um->tcache_count &&
	    (tv = umalloc_rd(m, fb)) != 0) {
		if (tv & UM_ALIGN_MASK)
			umalloc_printerr(m,
			    "malloc(): unaligned fastbin chunk "
			    "detected 3");
		umalloc_fastbin_pop(m, fb, tv);
		umalloc_tcache_put(m, tv, tc_idx);
	}
	step_set_tag(m->st, "fastbin");
	*mem = umalloc_chunk2mem(victim);
	return 1;
}

/* Takes the bin's last chunk off (bin->bk = bck; bck->fd = bin). */
static void
umalloc_bin_take_last(struct machine *m, uint64_t bin, uint64_t victim,
    uint64_t nb)
{
	uint64_t bck = umalloc_bk(m, victim);

	umalloc_set_inuse_at(m, victim, nb);
	umalloc_set_bk(m, bin, bck);
	umalloc_set_fd(m, bck, bin);
}

static int
umalloc_malloc_small(struct machine *m, uint64_t nb, uint64_t *mem)
{
	int	 idx = umalloc_smallbin_index(nb);
	uint64_t bin = umalloc_bin_at(m, idx), victim = umalloc_bk(m, bin),
		 tc_idx, tv;

	if (victim == bin)
		return 0;
	if (umalloc_fd(m, umalloc_bk(m, victim)) != victim)
		umalloc_printerr(m,
		    "malloc(): smallbin double linked list "
		    "corrupted");
	umalloc_bin_take_last(m, bin, victim, nb);
	umalloc_event(m, EV_BIN, victim, nb, "taken from smallbin %d", idx);
	tc_idx = umalloc_csize2tidx(nb);
	while (m->proc->um->tcache != 0 && tc_idx < m->proc->um->tcache_bins &&
	    (uint64_t)umalloc_tcache_count(m, tc_idx) <
		m->proc->um->tcache_count &&
	    (tv = umalloc_bk(m, bin)) != bin) {
		umalloc_bin_take_last(m, bin, tv, nb);
		umalloc_set_non_main_arena(m, tv);
		umalloc_tcache_put(m, tv, tc_idx);
	}
	step_set_tag(m->st, "smallbin");
	*mem = umalloc_chunk2mem(victim);
	return 1;
}

/* The checks _int_malloc makes on each unsorted chunk it looks at. */
static void
umalloc_unsorted_check(struct machine *m, uint64_t victim, uint64_t bck,
    uint64_t size)
{
	uint64_t next = victim + size, sysmem = umalloc_system_mem(m);
	uint64_t unsorted = umalloc_bin_at(m, 1);

	if (size <= UM_HDR || size > sysmem)
		umalloc_printerr(m, "malloc(): invalid size (unsorted)");
	if (umalloc_size_nomask(m, next) < UM_HDR ||
	    umalloc_size_nomask(m, next) > sysmem)
		umalloc_printerr(m, "malloc(): invalid next size (unsorted)");
	if ((umalloc_prev_size(m, next) & ~UM_SIZE_BITS) != size)
		umalloc_printerr(m,
		    "malloc(): mismatching next->prev_size "
		    "(unsorted)");
	if (umalloc_fd(m, bck) != victim || umalloc_fd(m, victim) != unsorted)
		umalloc_printerr(m,
		    "malloc(): unsorted double linked list "
		    "corrupted");
	if (umalloc_size_nomask(m, next) & UM_PREV_INUSE)
		umalloc_printerr(m,
		    "malloc(): invalid next->prev_inuse "
		    "(unsorted)");
}

/* Links victim into the unsorted bin's head (remainders of splits). */
static void
umalloc_remainder_insert(struct machine *m, uint64_t rem, uint64_t remsize,
    const char *err)
{
	uint64_t bck = umalloc_bin_at(m, 1), fwd = umalloc_fd(m, bck);

	if (umalloc_bk(m, fwd) != bck)
		umalloc_printerr(m, err);
	umalloc_set_bk(m, rem, bck);
	umalloc_set_fd(m, rem, fwd);
	umalloc_set_fd(m, bck, rem);
	umalloc_set_bk(m, fwd, rem);
	if (!umalloc_in_smallbin_range(remsize)) {
		umalloc_wr(m, rem + 32, 0);
		umalloc_wr(m, rem + 40, 0);
	}
}

/* Splits nb off victim (size bytes); the rest becomes a free chunk. */
static void
umalloc_split(struct machine *m, uint64_t victim, uint64_t size, uint64_t nb)
{
	umalloc_set_head(m, victim, nb | UM_PREV_INUSE);
	umalloc_set_head(m, victim + nb, (size - nb) | UM_PREV_INUSE);
	umalloc_set_foot(m, victim + nb, size - nb);
	umalloc_event(m, EV_CHUNK, victim + nb, size - nb,
	    "remainder of a split, "
	    "to the unsorted bin");
}

/* Puts victim in its large bin, keeping it sorted (descending size). */
static void
umalloc_largebin_place(struct machine *m, uint64_t victim, uint64_t size,
    uint64_t *bckp, uint64_t *fwdp)
{
	uint64_t bck = *bckp, fwd = *fwdp, first;

	if (fwd == bck) {
		umalloc_wr(m, victim + 32, victim);
		umalloc_wr(m, victim + 40, victim);
		return;
	}
	size |= UM_PREV_INUSE;
	if (size < umalloc_size_nomask(m, umalloc_bk(m, bck))) {
		fwd = bck;
		bck = umalloc_bk(m, bck);
		first = umalloc_fd(m, fwd);
		umalloc_wr(m, victim + 32, first);
		umalloc_wr(m, victim + 40, umalloc_rd(m, first + 40));
		umalloc_wr(m, umalloc_rd(m, victim + 40) + 32, victim);
		umalloc_wr(m, first + 40, victim);
	} else {
		while (size < umalloc_size_nomask(m, fwd))
			fwd = umalloc_rd(m, fwd + 32);
		if (size == umalloc_size_nomask(m, fwd))
			fwd = umalloc_fd(m, fwd);
		else {
			umalloc_wr(m, victim + 32, fwd);
			umalloc_wr(m, victim + 40, umalloc_rd(m, fwd + 40));
			if (umalloc_rd(m, umalloc_rd(m, fwd + 40) + 32) != fwd)
				umalloc_printerr(m,
				    "malloc(): largebin double "
				    "linked list corrupted (nextsize)");
			umalloc_wr(m, fwd + 40, victim);
			umalloc_wr(m, umalloc_rd(m, victim + 40) + 32, victim);
		}
		bck = umalloc_bk(m, fwd);
		if (umalloc_fd(m, bck) != fwd)
			umalloc_printerr(m,
			    "malloc(): largebin double linked list "
			    "corrupted (bk)");
	}
	*bckp = bck;
	*fwdp = fwd;
}

/* Sorts an unsorted chunk into its small or large bin. */
static void
umalloc_bin_place(struct machine *m, uint64_t victim, uint64_t size)
{
	int	 vi = umalloc_bin_index(size);
	uint64_t bck = umalloc_bin_at(m, vi), fwd = umalloc_fd(m, bck);

	if (!umalloc_in_smallbin_range(size))
		umalloc_largebin_place(m, victim, size, &bck, &fwd);
	umalloc_mark_bin(m, vi);
	umalloc_set_bk(m, victim, bck);
	umalloc_set_fd(m, victim, fwd);
	umalloc_set_bk(m, fwd, victim);
	umalloc_set_fd(m, bck, victim);
	umalloc_event(m, EV_BIN, victim, size, "sorted into %s bin %d",
	    umalloc_in_smallbin_range(size) ? "small" : "large", vi);
}

/* The last-remainder split for a small request (locality of runs). */
static uint64_t
umalloc_last_remainder_split(struct machine *m, uint64_t victim, uint64_t size,
    uint64_t nb)
{
	uint64_t unsorted = umalloc_bin_at(m, 1), rem = victim + nb;

	umalloc_set_bk(m, unsorted, rem);
	umalloc_set_fd(m, unsorted, rem);
	umalloc_wr(m, umalloc_av(m) + AV_LAST_REMAINDER, rem);
	umalloc_set_bk(m, rem, unsorted);
	umalloc_set_fd(m, rem, unsorted);
	if (!umalloc_in_smallbin_range(size - nb)) {
		umalloc_wr(m, rem + 32, 0);
		umalloc_wr(m, rem + 40, 0);
	}
	umalloc_split(m, victim, size, nb);
	step_set_tag(m->st, "unsorted");
	return umalloc_chunk2mem(victim);
}

/*
 * One pass over the unsorted bin.  Returns the chunk to hand out (user
 * pointer) or 0; *cached says exact fits went to the tcache.
 */
static uint64_t
umalloc_unsorted_scan(struct machine *m, uint64_t nb, int *cached)
{
	uint64_t	unsorted = umalloc_bin_at(m, 1), victim, bck, size;
	uint64_t	tc_idx = umalloc_csize2tidx(nb);
	struct umalloc *um = m->proc->um;
	int		tcache_nb = um->tcache != 0 && tc_idx < um->tcache_bins;
	int		iters = 0;
	uint64_t	placed = 0; /* tcache_unsorted_count */

	while ((victim = umalloc_bk(m, unsorted)) != unsorted) {
		bck = umalloc_bk(m, victim);
		size = umalloc_size(m, victim);
		umalloc_unsorted_check(m, victim, bck, size);
		if (umalloc_in_smallbin_range(nb) && bck == unsorted &&
		    victim ==
			umalloc_rd(m, umalloc_av(m) + AV_LAST_REMAINDER) &&
		    size > nb + UM_MINSIZE)
			return umalloc_last_remainder_split(m, victim, size,
			    nb);
		if (umalloc_fd(m, bck) != victim)
			umalloc_printerr(m,
			    "malloc(): corrupted unsorted chunks 3");
		umalloc_set_bk(m, unsorted, bck);
		umalloc_set_fd(m, bck, unsorted);
		if (size == nb) {
			umalloc_set_inuse_at(m, victim, size);
			umalloc_set_non_main_arena(m, victim);
			if (tcache_nb &&
			    (uint64_t)umalloc_tcache_count(m, tc_idx) <
				um->tcache_count) {
				umalloc_tcache_put(m, victim, tc_idx);
				*cached = 1;
				continue;
			}
			umalloc_event(m, EV_BIN, victim, size,
			    "exact fit taken "
			    "from the unsorted bin");
			step_set_tag(m->st, "unsorted");
			return umalloc_chunk2mem(victim);
		}
		umalloc_bin_place(m, victim, size);
		/* glibc.malloc.tcache_unsorted_limit: enough chunks sorted
		 * while filling the tcache, hand out a cached one. */
		if (++placed > um->tcache_unsorted_limit && *cached &&
		    um->tcache_unsorted_limit > 0) {
			step_set_tag(m->st, "unsorted");
			return umalloc_tcache_get(m, tc_idx);
		}
		if (++iters >= UM_MAX_ITERS)
			break;
	}
	return 0;
}

/* Hands out victim (already unlinked), splitting when worth it. */
static uint64_t
umalloc_take_split(struct machine *m, uint64_t victim, uint64_t size,
    uint64_t nb, const char *err, int remember)
{
	if (size - nb < UM_MINSIZE) {
		umalloc_set_inuse_at(m, victim, size);
		return umalloc_chunk2mem(victim);
	}
	umalloc_remainder_insert(m, victim + nb, size - nb, err);
	if (remember)
		umalloc_wr(m, umalloc_av(m) + AV_LAST_REMAINDER, victim + nb);
	umalloc_split(m, victim, size, nb);
	return umalloc_chunk2mem(victim);
}

/* Best fit in the request's own large bin, via the nextsize list. */
static uint64_t
umalloc_largebin_fit(struct machine *m, uint64_t nb, int idx)
{
	uint64_t bin = umalloc_bin_at(m, idx), victim = umalloc_fd(m, bin),
		 size;

	if (victim == bin || umalloc_size_nomask(m, victim) < nb)
		return 0;
	victim = umalloc_rd(m, victim + 40);
	while ((size = umalloc_size(m, victim)) < nb)
		victim = umalloc_rd(m, victim + 40);
	if (victim != umalloc_bk(m, bin) &&
	    umalloc_size_nomask(m, victim) ==
		umalloc_size_nomask(m, umalloc_fd(m, victim)))
		victim = umalloc_fd(m, victim);
	umalloc_unlink_chunk(m, victim);
	step_set_tag(m->st, "largebin");
	return umalloc_take_split(m, victim, size, nb,
	    "malloc(): corrupted "
	    "unsorted chunks",
	    0);
}

/* The binmap scan: the first non-empty bin above idx. */
static uint64_t
umalloc_binmap_scan(struct machine *m, uint64_t nb, int idx)
{
	uint64_t av = umalloc_av(m), victim, size;
	int	 i;

	for (i = idx + 1; i < UM_NBINS; i++) {
		uint64_t mapa = av + AV_BINMAP + (uint64_t)(i >> 5) * 4;
		uint32_t map = umalloc_rd32(m, mapa), bit = 1u << (i & 31);
		uint64_t bin;

		if (map == 0) {
			i |= 31; /* skip the rest of this block */
			continue;
		}
		if (!(map & bit))
			continue;
		bin = umalloc_bin_at(m, i);
		if ((victim = umalloc_bk(m, bin)) == bin) {
			umalloc_wr32(m, mapa, map & ~bit); /* false alarm */
			continue;
		}
		size = umalloc_size(m, victim);
		umalloc_unlink_chunk(m, victim);
		step_set_tag(m->st, i < 64 ? "smallbin" : "largebin");
		return umalloc_take_split(m, victim, size, nb,
		    "malloc(): corrupted "
		    "unsorted chunks 2",
		    umalloc_in_smallbin_range(nb));
	}
	return 0;
}

/* use_top: split the request off the top chunk. */
static uint64_t
umalloc_use_top(struct machine *m, uint64_t nb)
{
	uint64_t victim = umalloc_top(m), size = umalloc_size(m, victim);

	if (size > umalloc_system_mem(m))
		umalloc_printerr(m, "malloc(): corrupted top size");
	if (size < nb + UM_MINSIZE)
		return 0;
	umalloc_set_top(m, victim + nb);
	umalloc_set_head(m, victim, nb | UM_PREV_INUSE);
	umalloc_set_head(m, victim + nb, (size - nb) | UM_PREV_INUSE);
	umalloc_event(m, EV_CHUNK, victim, nb,
	    "split from top (%#" PRIx64 " left)", size - nb);
	step_set_tag(m->st, "top");
	return umalloc_chunk2mem(victim);
}

/* The part of _int_malloc after the exact-size bins. */
static uint64_t
umalloc_malloc_rest(struct machine *m, uint64_t nb, int *cached)
{
	int	 idx = umalloc_bin_index(nb);
	uint64_t mem;

	for (;;) {
		*cached = 0;
		if ((mem = umalloc_unsorted_scan(m, nb, cached)) != 0)
			return mem;
		if (*cached) {
			step_set_tag(m->st, "unsorted");
			return umalloc_tcache_get(m, umalloc_csize2tidx(nb));
		}
		if (!umalloc_in_smallbin_range(nb) &&
		    (mem = umalloc_largebin_fit(m, nb, idx)) != 0)
			return mem;
		if ((mem = umalloc_binmap_scan(m, nb, idx)) != 0)
			return mem;
		if ((mem = umalloc_use_top(m, nb)) != 0)
			return mem;
		if (!umalloc_have_fastchunks(m))
			return umalloc_sysmalloc(m, nb);
		umalloc_malloc_consolidate(m);
	}
}

static uint64_t
umalloc_int_malloc_nb(struct machine *m, uint64_t nb, int *cached)
{
	uint64_t mem;

	if (nb <= m->proc->um->max_fast && umalloc_malloc_fast(m, nb, &mem))
		return mem;
	if (umalloc_in_smallbin_range(nb)) {
		if (umalloc_malloc_small(m, nb, &mem))
			return mem;
	} else if (umalloc_have_fastchunks(m))
		umalloc_malloc_consolidate(m);
	return umalloc_malloc_rest(m, nb, cached);
}

/* _int_malloc(): every way out but the tcache one (return_cached)
 * perturbs the block when M_PERTURB is set (alloc_perturb). */
uint64_t
umalloc_int_malloc(struct machine *m, uint64_t bytes)
{
	uint64_t nb = umalloc_checked_request2size(bytes), mem;
	int	 cached = 0;

	if (nb == 0)
		return 0;
	mem = umalloc_int_malloc_nb(m, nb, &cached);
	/* set_non_main_arena() on the victim, or its set_head's bit */
	if (mem != 0 &&
	    !(umalloc_size_nomask(m, umalloc_mem2chunk(mem)) & UM_IS_MMAPPED))
		umalloc_set_non_main_arena(m, umalloc_mem2chunk(mem));
	if (!cached)
		umalloc_alloc_perturb(m, mem, bytes);
	return mem;
}

/* One fastbin chunk merged with its free neighbours (as _int_free). */
static void
umalloc_consolidate_one(struct machine *m, uint64_t p)
{
	uint64_t size = umalloc_size(m, p), next = p + size, nextsize, prevsize;
	uint64_t unsorted = umalloc_bin_at(m, 1), first;

	nextsize = umalloc_size(m, next);
	if (!(umalloc_size_nomask(m, p) & UM_PREV_INUSE)) {
		prevsize = umalloc_prev_size(m, p);
		size += prevsize;
		p -= prevsize;
		if (umalloc_size(m, p) != prevsize)
			umalloc_printerr(m,
			    "corrupted size vs. prev_size in "
			    "fastbins");
		umalloc_unlink_chunk(m, p);
	}
	if (next == umalloc_top(m)) {
		size += nextsize;
		umalloc_set_head(m, p, size | UM_PREV_INUSE);
		umalloc_set_top(m, p);
		umalloc_event(m, EV_CHUNK, p, size, "consolidated into top");
		return;
	}
	if (!umalloc_inuse_at(m, next, nextsize)) {
		size += nextsize;
		umalloc_unlink_chunk(m, next);
	} else
		umalloc_clear_inuse_at(m, next, 0);
	first = umalloc_fd(m, unsorted);
	umalloc_set_fd(m, unsorted, p);
	umalloc_set_bk(m, first, p);
	if (!umalloc_in_smallbin_range(size)) {
		umalloc_wr(m, p + 32, 0);
		umalloc_wr(m, p + 40, 0);
	}
	umalloc_set_head(m, p, size | UM_PREV_INUSE);
	umalloc_set_bk(m, p, unsorted);
	umalloc_set_fd(m, p, first);
	umalloc_set_foot(m, p, size);
	umalloc_event(m, EV_BIN, p, size, "consolidated, to the unsorted bin");
}

void
umalloc_malloc_consolidate(struct machine *m)
{
	int i;

	umalloc_set_have_fastchunks(m, 0);
	umalloc_event(m, EV_NOTE, EVENT_NONE, 0,
	    "malloc_consolidate: emptying "
	    "the fastbins");
	for (i = 0; i < UM_NFASTBINS; i++) {
		uint64_t fb = umalloc_fastbin(m, i), p = umalloc_rd(m, fb),
			 nextp;

		umalloc_wr(m, fb, 0);
		while (p != 0) {
			if (p & UM_ALIGN_MASK)
				umalloc_printerr(m,
				    "malloc_consolidate(): "
				    "unaligned fastbin chunk detected");
			if (umalloc_fastbin_index(umalloc_size(m, p)) != i)
				umalloc_printerr(m,
				    "malloc_consolidate(): invalid "
				    "chunk size");
			nextp = umalloc_protect_ptr(p + 16, umalloc_fd(m, p));
			umalloc_consolidate_one(m, p);
			p = nextp;
		}
	}
}
