/*
 * slab.h - kmem caches: slabs of equal objects carved from buddy blocks.
 *
 * slab_init builds the kmalloc caches of the machine's kernel profile;
 * slab_destroy frees the host memory (not the simulated frames).
 */
#ifndef MEMVIZ_SIM_SLAB_H
#define MEMVIZ_SIM_SLAB_H

#include <stdint.h>

#include "common/sbuf.h"

struct machine;

void	 slab_init(struct machine *m);
void	 slab_destroy(struct machine *m);
/* One line about a slab frame for machine_describe_frame(). */
void	 slab_describe_frame(const struct machine *m, uint64_t pfn,
	    struct sbuf *out);
/* Consistency of caches, slabs and freelists: 0 or -1 with *cause. */
int	 slab_check(const struct machine *m, char **cause);

#endif
