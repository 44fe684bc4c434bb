/*
 * kmalloc.h - kmalloc/kfree on top of the slab caches (or, in the 2.0
 * profile, the bucket allocator of mm/kmalloc.c).
 *
 * Contract (events go to m->st):
 *  kmalloc_alloc: SIM_OK with st->addr (direct-map address, or
 *    ZERO_SIZE_PTR = 16 for size 0), st->size = bytes reserved,
 *    st->what = the cache ("kmalloc-128") and st->frames; gfp travels down
 *    to the buddy allocator.  __GFP_ZERO zeroes the object (EV_ZERO).
 *    Failure: SIM_E2BIG above the profile's limit, SIM_ENOMEM.
 *  kmalloc_free: SIM_OK, or SIM_BAD_FREE / SIM_DOUBLE_FREE with the
 *    kernel's report text in st->reason and an EV_REPORT event.
 */
#ifndef MEMVIZ_SIM_KMALLOC_H
#define MEMVIZ_SIM_KMALLOC_H

#include <stdint.h>

#include "sim/gfp.h"
#include "sim/status.h"

#define ZERO_SIZE_PTR	16ull

struct machine;

enum sim_status kmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp);
enum sim_status kmalloc_free(struct machine *m, uint64_t addr);

#endif
