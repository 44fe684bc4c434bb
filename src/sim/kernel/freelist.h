/*
 * freelist.h - SLUB's freelist hardening: the random order a new slab
 * hands its objects out in (CONFIG_SLAB_FREELIST_RANDOM) and the
 * obfuscated free pointers stored in free objects
 * (CONFIG_SLAB_FREELIST_HARDENED).
 *
 * Each cache has one random permutation of its object indices, made when
 * the cache is created (mm/slab_common.c cache_random_seq_create()); each
 * new slab starts at a random position in it and walks it round
 * (mm/slub.c shuffle_freelist()), so every slab of a cache hands its
 * objects out in a rotation of the same sequence.  A free pointer is
 * stored as ptr ^ s->random ^ swab(address of the pointer) (mm/slub.c
 * freelist_ptr_encode()), s->random drawn once per cache.
 */
#ifndef MEMVIZ_SIM_FREELIST_H
#define MEMVIZ_SIM_FREELIST_H

#include <stdint.h>

#include "sim/rng.h"

/*
 * cache_random_seq_create(): a Fisher-Yates shuffle of 0..count-1 drawn
 * from r (freelist_randomize()).  NULL when count < 2 (nothing to
 * shuffle); the caller frees.
 */
uint32_t *freelist_random_seq(struct rng *r, uint32_t count);
/*
 * shuffle_freelist(): the order of a new slab of nobjs objects, starting
 * at position pos of seq (count entries) and skipping indices past the
 * slab's end (a fallback-order slab holds fewer).  Fills order[nobjs].
 */
void freelist_shuffle(const uint32_t *seq, uint32_t count, uint32_t pos,
    uint32_t nobjs, uint32_t *order);
/* freelist_ptr_encode(): what is stored at ptr_addr for ptr. */
uint64_t freelist_ptr_encode(uint64_t random, uint64_t ptr, uint64_t ptr_addr);
/* freelist_ptr_decode(): the pointer the stored value at ptr_addr means. */
uint64_t freelist_ptr_decode(uint64_t random, uint64_t stored,
    uint64_t ptr_addr);

#endif
