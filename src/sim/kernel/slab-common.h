/*
 * slab-common.h - slab caches of one's own: kmem_cache_create() and its
 * siblings, as mm/slab_common.c and mm/slub.c do them for the SLUB
 * profiles (6.1, 6.12).
 *
 * A cache is named by a handle (the value kmem_cache_create returns, as
 * a struct kmem_cache pointer would be): KMEM_CACHE_HANDLE(ci) for the
 * cache it resolves to.  A merged cache (__kmem_cache_alias) returns the
 * handle of the cache it joined, so the two are one cache, counted once
 * in /proc/slabinfo under the first one's name.  memviz does not model
 * struct kmem_cache's own memory; handles lie in a range no frame uses.
 *
 * Contract (events and text go to m->st):
 *  kmem_cache_create: SIM_OK with st->addr the handle and st->what the
 *    cache's name (merged: "alias of NAME"); SIM_EINVAL for a flag the
 *    profile's kernel refuses or a bad size/align, with the kernel's
 *    "kmem_cache_create(NAME) failed with error -22"; SIM_UNSUPPORTED
 *    outside the SLUB profiles.
 *  kmem_cache_alloc: as kmalloc (slab.h's slab_cache_alloc); __GFP_ZERO
 *    clears object_size bytes.  SIM_BUG when the handle names a
 *    destroyed cache (a use after free of the struct kmem_cache).
 *  kmem_cache_free: the object goes back to the slab it lives on; on
 *    another cache's object cache_from_obj() warns "Wrong slab cache"
 *    (EV_REPORT) and frees it to its own cache, as the hardened kernel
 *    does; a double free is reported as kfree reports it.
 *  kmem_cache_destroy: drops a reference; the last one frees the empty
 *    slabs and removes the cache.  With live objects: the slab_err report
 *    and "Slab cache still has objects" (EV_REPORT, SIM_BUG); the cache
 *    stays listed (6.1) or is unlinked from /proc/slabinfo and leaked
 *    (6.12); either way it still works.
 *  kmem_ksize: st->addr = ksize(addr): the cache's s->size (s->inuse
 *    with SLAB_TYPESAFE_BY_RCU), the page size of a large kmalloc, 0 for
 *    NULL or ZERO_SIZE_PTR; SIM_BAD_FREE for a pointer no slab holds.
 */
#ifndef MEMVIZ_SIM_SLAB_COMMON_H
#define MEMVIZ_SIM_SLAB_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/kernel/kprofile.h"
#include "sim/page/gfp.h"
#include "sim/status.h"

struct machine;

typedef uint32_t slab_flags_t;

/*
 * The SLAB_ flags the model honours, by include/linux/slab.h's names.
 * The values are memviz's own (the kernel's bits moved between 6.1 and
 * 6.12); merge says how mm/slab_common.c's merge sets treat the flag.
 */
enum kmem_merge_rule {
	KMEM_MERGE_ANY,	  /* no say in merging */
	KMEM_MERGE_SAME,  /* SLAB_MERGE_SAME: only with the same setting */
	KMEM_MERGE_NEVER, /* SLAB_NEVER_MERGE */
};

struct kmem_flag {
	const char	    *name;
	slab_flags_t	     value;
	enum kmem_merge_rule merge;
	const char	    *help;
};

#define SLAB_HWCACHE_ALIGN   0x01u
#define SLAB_PANIC	     0x02u
#define SLAB_TYPESAFE_BY_RCU 0x04u
#define SLAB_RECLAIM_ACCOUNT 0x08u
#define SLAB_ACCOUNT	     0x10u
#define SLAB_NO_MERGE	     0x20u
/* The ones both SLUB profiles know (SLAB_NO_MERGE came with 6.5). */
#define KMEM_FLAGS_6_1 \
	(SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_TYPESAFE_BY_RCU | \
	    SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT)

extern const struct kmem_flag kmem_flags[];
extern const size_t	      kmem_flags_len;
/* A flag by name; NULL when the model has no such flag. */
const struct kmem_flag *kmem_flag_lookup(const char *name);

/* The handles: a range of addresses no frame or mapping ever uses. */
#define KMEM_CACHE_HANDLE_BASE 0xffffffffff000000ull
#define KMEM_CACHE_HANDLE(ci)  (KMEM_CACHE_HANDLE_BASE + ((uint64_t)(ci) << 8))

#define KMEM_NAME_MAX 32

/*
 * What a cache created at run time keeps beside slab.c's geometry (a
 * part of struct kmem_cache): plain data, copied with the cache.
 */
struct kmem_own {
	char		  name[KMEM_NAME_MAX];
	struct kcache_def def; /* def.name points at name (slab.c) */
	slab_flags_t	  flags;
	uint32_t inuse; /* s->inuse: ksize under SLAB_TYPESAFE_BY_RCU */
	int	 refcount;
	int	 created;  /* 1: made by kmem_cache_create */
	int	 dead;	   /* destroyed: the struct is freed memory */
	int	 unlinked; /* off slab_caches, leaked (6.12's busy destroy) */
};

enum sim_status kmem_cache_create(struct machine *m, const char *name,
    uint64_t size, uint64_t align, slab_flags_t flags);
enum sim_status kmem_cache_alloc(struct machine *m, uint64_t cache, gfp_t gfp);
enum sim_status kmem_cache_free(struct machine *m, uint64_t cache,
    uint64_t addr);
enum sim_status kmem_cache_destroy(struct machine *m, uint64_t cache);
enum sim_status kmem_ksize(struct machine *m, uint64_t addr);
/* One line about the cache a handle names; -1 when it names none. */
int kmem_cache_describe(const struct machine *m, uint64_t cache,
    struct sbuf *out);

#endif
