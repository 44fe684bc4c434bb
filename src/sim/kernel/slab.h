/*
 * slab.h - kmem caches: slabs of equal objects carved from buddy blocks.
 *
 * SLUB keeps per CPU (struct kmem_cache_cpu) a CPU slab, whose free
 * objects sit on the CPU's lockless freelist while other CPUs free into
 * the slab's own freelist, and a CPU partial list (CONFIG_SLUB_CPU_PARTIAL);
 * operations use the machine's running CPU (machine_set_cpu()).
 *
 * slab_init builds the general kmalloc caches of the machine's kernel
 * profile (kprofile.h): SLUB's kmalloc-8..kmalloc-8k (6.x), SLAB's
 * size-32..size-131072 (2.6) or the buckets of Linux 2.0's mm/kmalloc.c.
 * Each slab is one physically contiguous block from buddy_alloc, owned by
 * FO_SLAB with the cache index as frame tag and the slab index as aux.
 * slab_destroy frees the host memory (not the simulated frames).
 *
 * The freelist lives in the simulated bytes, where the modelled kernel
 * keeps it: SLUB's free pointer inside each free object at
 * ALIGN_DOWN(object_size / 2, 8); SLAB's kmem_bufctl_t array behind
 * struct slab at the front of an on-slab slab; 2.0's 8-byte block header
 * (flags, next) in front of every block and the 16-byte page descriptor at
 * the front of every area.  Allocation follows those bytes, so a write
 * into a freed object changes what kmalloc hands out next.
 *
 * Views use the const accessors below; they never see the structures.
 */
#ifndef MEMVIZ_SIM_SLAB_H
#define MEMVIZ_SIM_SLAB_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/page/gfp.h"
#include "sim/status.h"

struct machine;

void slab_init(struct machine *m);
void slab_destroy(struct machine *m);
/* One line about a slab frame for machine_describe_frame(). */
void slab_describe_frame(const struct machine *m, uint64_t pfn,
    struct sbuf *out);
/* Consistency of caches, slabs and freelists: 0 or -1 with *cause. */
int slab_check(const struct machine *m, char **cause);

/* ---- for kmalloc.c ---- */

/*
 * Takes one object from cache ci for a request of req bytes: a partial
 * slab first, else a new slab from buddy_alloc with gfp (SLUB: the
 * preferred order with __GFP_NORETRY|__GFP_NOWARN and no reclaim, then
 * the minimum order with the caller's flags).  SIM_OK with *addr (the
 * pointer kmalloc returns); emits EV_SLAB_NEW, EV_OBJ_ALLOC.  On failure
 * the status of the page allocator, or SIM_BUG when the freelist bytes
 * are corrupt (the report is in st->reason and an EV_REPORT).
 */
enum sim_status slab_cache_alloc(struct machine *m, int ci, gfp_t gfp,
    uint64_t req, uint64_t *addr);
/* Marks the object at addr zeroed (after kmalloc.c cleared it). */
void slab_mark_zeroed(struct machine *m, uint64_t addr);
/*
 * kfree of an address on an FO_SLAB frame: checks it as the profile's
 * kernel does (SLUB with slub_debug's messages, SLAB's
 * CONFIG_DEBUG_SLAB ones, 2.0's block-header magic) and frees it; an
 * empty slab goes back to buddy under the allocator's policy
 * (EV_SLAB_FREE).  SIM_BAD_FREE / SIM_DOUBLE_FREE with EV_REPORT.
 */
enum sim_status slab_free_addr(struct machine *m, uint64_t addr);

/* ---- for slab-common.c: caches created at run time (SLUB only) ---- */

struct kmem_own;

/* calculate_sizes()' layout of a new cache; slab.c adds the order. */
struct slab_geom {
	uint32_t object_size, size, align, offset;
};
/* Appends a cache with own's name and flags; returns its index. */
int slab_cache_add(struct machine *m, const struct kmem_own *own,
    const struct slab_geom *g);
/* The own part of cache ci (never NULL for a valid ci). */
struct kmem_own	      *slab_cache_own(struct machine *m, size_t ci);
const struct kmem_own *slab_cache_own_const(const struct machine *m, size_t ci);
/* __kmem_cache_alias() raises a merged cache's object_size. */
void slab_cache_set_object_size(struct machine *m, size_t ci, uint32_t size);
/* __kmem_cache_shutdown()'s first half: the CPU slab flushed, every empty
 * slab given back (EV_SLAB_FREE); slabs with objects stay. */
void slab_cache_shrink(struct machine *m, size_t ci);

/* ---- const accessors for views ---- */

enum slab_obj_state {
	SLAB_OBJ_FREE,	/* never handed out since the slab was made */
	SLAB_OBJ_USED,	/* allocated, holds whatever was there */
	SLAB_OBJ_STALE, /* freed: still holds the last owner's bytes */
	SLAB_OBJ_ZEROED /* allocated and cleared (kzalloc) */
};

struct slab_cache_info {
	const char *name;	 /* "kmalloc-128", "size-32", "bucket-252" */
	uint32_t    object_size; /* usable bytes per object */
	uint32_t    size;	 /* stride: /proc/slabinfo's objsize */
	uint32_t    align;
	uint32_t    offset; /* free pointer / link offset in a slot */
	uint32_t    header; /* bytes before the pointer (2.0: 8) */
	/* SLUB s->random: free pointers are stored as ptr ^ random ^
	 * swab(their address) (freelist.h); 0 without hardening */
	uint64_t random;
	uint32_t objects;   /* objects per slab at the preferred order */
	unsigned order;	    /* preferred slab order */
	unsigned min_order; /* fallback order (SLUB s->min) */
	uint64_t active_objs;
	uint64_t total_objs;
	uint64_t slabs;
	uint64_t requested; /* bytes asked for by live objects */
	/* SLUB: free objects on the node's partial list, the only free ones
	 * /proc/slabinfo subtracts (get_slabinfo(): those on CPU slabs and
	 * CPU partial lists count as active); set_cpu_partial()'s limits */
	uint64_t node_free;
	uint32_t cpu_partial, cpu_partial_slabs;
	/* slabinfo's tunables (SLAB's array caches; 0 for SLUB) */
	unsigned limit, batchcount, shared;
};

struct slab_slab_info {
	uint64_t pfn;
	unsigned order;
	uint32_t inuse;
	uint32_t objects;
	uint32_t first;		 /* byte offset of object 0 in the slab */
	int	 cpu;		 /* SLUB's CPU slab (of any CPU) */
	int	 cpu_of;	 /* SLUB: the CPU whose slab it is, or -1 */
	int	 cpu_partial_of; /* SLUB: on this CPU's partial list, or -1 */
	int	 partial;	 /* on the partial list */
};

struct slab_obj_info {
	uint64_t	    addr; /* the pointer kmalloc returns */
	enum slab_obj_state state;
	uint32_t	    requested; /* bytes asked for (0 when free) */
};

size_t slab_cache_count(const struct machine *m);
/* 0 and *info for cache ci, -1 when out of range or destroyed. */
int slab_cache_info(const struct machine *m, size_t ci,
    struct slab_cache_info *info);
/* Slabs the cache holds now; they are numbered 0..n-1 in no set order. */
size_t slab_cache_nslabs(const struct machine *m, size_t ci);
int    slab_slab_info(const struct machine *m, size_t ci, size_t si,
       struct slab_slab_info *info);
int slab_obj_info(const struct machine *m, size_t ci, size_t si, uint32_t obj,
    struct slab_obj_info *info);
/* Finds the cache, slab and object holding addr; -1 when none does. */
int slab_find(const struct machine *m, uint64_t addr, size_t *ci, size_t *si,
    uint32_t *obj);

#endif
