/*
 * freelist.c - SLUB's freelist randomisation and pointer hardening.
 *
 * The kernel seeds its per-cache sequence from get_random_long() and its
 * per-slab start from get_random_u32_below(); memviz draws both from a
 * generator seeded by the machine's seed, so a script replays exactly.
 */
#include "sim/kernel/freelist.h"

#include "common/xmalloc.h"

uint32_t *
freelist_random_seq(struct rng *r, uint32_t count)
{
	uint32_t *seq, i, j, t;

	if (count < 2)
		return NULL;
	seq = xcalloc(count, sizeof *seq);
	for (i = 0; i < count; i++)
		seq[i] = i;
	for (i = count - 1; i > 0; i--) { /* freelist_randomize() */
		j = (uint32_t)rng_below(r, (uint64_t)i + 1);
		t = seq[i];
		seq[i] = seq[j];
		seq[j] = t;
	}
	return seq;
}

/* next_freelist_entry(): the next index inside the slab, wrapping. */
static uint32_t
freelist_next_entry(const uint32_t *seq, uint32_t count, uint32_t *pos,
    uint32_t nobjs)
{
	uint32_t idx;

	do {
		idx = seq[*pos];
		if (++*pos >= count)
			*pos = 0;
	} while (idx >= nobjs);
	return idx;
}

void
freelist_shuffle(const uint32_t *seq, uint32_t count, uint32_t pos,
    uint32_t nobjs, uint32_t *order)
{
	uint32_t i;

	for (i = 0; i < nobjs; i++)
		order[i] = freelist_next_entry(seq, count, &pos, nobjs);
}

/* swab(): the bytes of a 64-bit word reversed. */
static uint64_t
freelist_swab(uint64_t x)
{
	uint64_t r = 0;
	int	 i;

	for (i = 0; i < 8; i++, x >>= 8)
		r = r << 8 | (x & 0xff);
	return r;
}

uint64_t
freelist_ptr_encode(uint64_t random, uint64_t ptr, uint64_t ptr_addr)
{
	return ptr ^ random ^ freelist_swab(ptr_addr);
}

uint64_t
freelist_ptr_decode(uint64_t random, uint64_t stored, uint64_t ptr_addr)
{
	return stored ^ random ^ freelist_swab(ptr_addr);
}
