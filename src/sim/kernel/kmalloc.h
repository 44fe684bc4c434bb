/*
 * kmalloc.h - kmalloc/kfree on top of the slab caches (or, in the 2.0
 * profile, the bucket allocator of mm/kmalloc.c).
 *
 * Contract (events go to m->st):
 *  kmalloc_alloc: SIM_OK with st->addr (direct-map address, or
 *    ZERO_SIZE_PTR = 16 for size 0 in 6.x), st->size = usable bytes
 *    reserved (the object size, or PAGE_SIZE << order for kmalloc_large),
 *    st->what = the cache ("kmalloc-128") and st->frames; gfp travels down
 *    to the buddy allocator.  __GFP_ZERO zeroes the object (EV_ZERO):
 *    all of it in 6.x, the requested bytes in 2.x.  Emits EV_SLAB_NEW,
 *    EV_OBJ_ALLOC or EV_LARGE_ALLOC, and in 2.0 an EV_NOTE saying where
 *    the 8-byte block header and the 16-byte page descriptor are.
 *    Failure: SIM_E2BIG above the profile's limit, SIM_ENOMEM.
 *  kmalloc_free: SIM_OK, or SIM_BAD_FREE / SIM_DOUBLE_FREE with the
 *    kernel's report text in st->reason and an EV_REPORT event; a
 *    rejected pointer is left alone (the real kernel would corrupt its
 *    lists or free a whole compound page).  Emits EV_OBJ_FREE,
 *    EV_SLAB_FREE or EV_LARGE_FREE and buddy's events.
 */
#ifndef MEMVIZ_SIM_KMALLOC_H
#define MEMVIZ_SIM_KMALLOC_H

#include <stdint.h>

#include "sim/page/gfp.h"
#include "sim/status.h"

#define ZERO_SIZE_PTR 16ull

struct machine;

struct kprofile;
struct kcache_def;

enum sim_status kmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp);
/*
 * The general cache a request of size bytes with flags gfp goes to, as a
 * position in prof->caches (the type kmalloc_type() picks, then the
 * size); -1 when none does (size 0 under SLUB, or above the largest
 * cache).  kmalloc_index() is the same for a GFP_KERNEL request.
 */
int kmalloc_slab_index(const struct kprofile *prof, uint64_t size, gfp_t gfp);
int kmalloc_index(const struct kprofile *prof, uint64_t size);
/* kmalloc_type(): the kind of cache gfp selects in that profile. */
int kmalloc_type(const struct kprofile *prof, gfp_t gfp);
/*
 * The flags a new slab of cache def takes its pages with, for a request
 * with gfp: the caller's reclaim behaviour plus the cache's own zone and
 * mobility (mm/slub.c allocate_slab(): s->allocflags, GFP_DMA for a
 * dma-kmalloc cache, __GFP_RECLAIMABLE for kmalloc-rcl).  2.0 passes the
 * caller's flags on as they are.
 */
gfp_t		kmalloc_slab_gfp(const struct kprofile *prof,
	      const struct kcache_def *def, gfp_t gfp);
enum sim_status kmalloc_free(struct machine *m, uint64_t addr);

#endif
