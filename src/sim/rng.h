/*
 * rng.h - the machine's one source of randomness.
 *
 * Everything random in the simulated machine (ASLR offsets, page-cache
 * ageing, the tcache key, the ageing workload) draws from one splitmix64
 * generator seeded by `machine seed=N`, so the same script and seed give
 * the same machine byte for byte.  It sits below every module that draws
 * from it, so none of them has to call up into machine.c.
 */
#ifndef MEMVIZ_SIM_RNG_H
#define MEMVIZ_SIM_RNG_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

/* Seeds the generator; the same seed gives the same sequence. */
void rng_seed(struct rng *r, uint64_t seed);
/* A uniformly distributed 64-bit number. */
uint64_t rng_next(struct rng *r);
/* A number in [0, n); 0 when n is 0. */
uint64_t rng_below(struct rng *r, uint64_t n);

#endif
