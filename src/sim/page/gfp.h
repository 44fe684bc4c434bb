/*
 * gfp.h - GFP ("get free pages") flags: what an allocation may do.
 *
 * Bit values are those of Linux 6.1's include/linux/gfp_types.h (the
 * kernel Debian 12 ships); the composite flags are built from them the way
 * 6.12 builds them (GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM, no
 * __GFP_ATOMIC since 6.3).  Every name the kernel uses for the calls memviz
 * models is in gfp_table, so the parser, completion and help read one list.
 */
#ifndef MEMVIZ_SIM_GFP_H
#define MEMVIZ_SIM_GFP_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"

typedef uint32_t gfp_t;

/*
 * X(name, bit, help): each bit of include/linux/gfp_types.h once.  The
 * enum below makes ___GFP_<name> of it and gfp_table "__GFP_<name>", in
 * this order, after the composites.
 */
/* clang-format off */
#define GFP_BITS(X)							\
	X(DMA, 0x01, "only ZONE_DMA") \
	X(HIGHMEM, 0x02, "highmem allowed (no-op on x86-64)") \
	X(DMA32, 0x04, "only ZONE_DMA32 and below") \
	X(MOVABLE, 0x08, "page can be migrated") \
	X(RECLAIMABLE, 0x10, "reclaimable slab") \
	X(HIGH, 0x20, "high priority: may use half the min reserve") \
	X(IO, 0x40, "may start physical I/O") \
	X(FS, 0x80, "may call into the filesystem") \
	X(ZERO, 0x100, "return zeroed memory") \
	X(DIRECT_RECLAIM, 0x400, "may enter direct reclaim: may sleep") \
	X(KSWAPD_RECLAIM, 0x800, "wake kswapd when low") \
	X(WRITE, 0x1000, "page will be dirtied") \
	X(NOWARN, 0x2000, "no allocation-failure warning") \
	X(RETRY_MAYFAIL, 0x4000, "retry hard, may still fail") \
	X(NOFAIL, 0x8000, "retry forever") \
	X(NORETRY, 0x10000, "give up after one reclaim attempt") \
	X(MEMALLOC, 0x20000, "may use all reserves") \
	X(COMP, 0x40000, "compound page") \
	X(NOMEMALLOC, 0x80000, "never use the emergency reserves") \
	X(HARDWALL, 0x100000, "enforce the cpuset memory policy") \
	X(THISNODE, 0x200000, "only this NUMA node") \
	X(ACCOUNT, 0x400000, "charge to the memory cgroup") \
	X(ZEROTAGS, 0x800000, "zero memory tags (arm64 MTE)") \
	X(SKIP_ZERO, 0x1000000, "skip zeroing (KASAN HW tags)") \
	X(SKIP_KASAN, 0x2000000, "skip KASAN poisoning")
/* clang-format on */

/* Enum constants are ints; gfp_t arithmetic casts them (see __GFP_RECLAIM). */
enum {
#define GFP_BIT_ENUM(name, bit, help) ___GFP_##name = bit,
	GFP_BITS(GFP_BIT_ENUM)
#undef GFP_BIT_ENUM
};
/* 0x200 was ___GFP_ATOMIC until 6.3; unused here. */

#define __GFP_RECLAIM	     ((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define GFP_ATOMIC	     (___GFP_HIGH | ___GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	     (__GFP_RECLAIM | ___GFP_IO | ___GFP_FS)
#define GFP_NOWAIT	     (___GFP_KSWAPD_RECLAIM | ___GFP_NOWARN)
#define GFP_NOIO	     (__GFP_RECLAIM)
#define GFP_NOFS	     (__GFP_RECLAIM | ___GFP_IO)
#define GFP_USER	     (GFP_KERNEL | ___GFP_HARDWALL)
#define GFP_DMA		     (___GFP_DMA)
#define GFP_DMA32	     (___GFP_DMA32)
#define GFP_HIGHUSER	     (GFP_USER | ___GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | ___GFP_MOVABLE | ___GFP_SKIP_KASAN)
#define GFP_KERNEL_ACCOUNT   (GFP_KERNEL | ___GFP_ACCOUNT)
#define GFP_TRANSHUGE_LIGHT \
	((GFP_HIGHUSER_MOVABLE | ___GFP_COMP | ___GFP_NOMEMALLOC | \
	     ___GFP_NOWARN) & \
	    ~__GFP_RECLAIM)
#define GFP_TRANSHUGE (GFP_TRANSHUGE_LIGHT | ___GFP_DIRECT_RECLAIM)

/*
 * X(name, help): the composite flags defined above, in the order
 * gfp_format() tries them: a composite before any composite it contains,
 * so GFP_KERNEL|__GFP_NOWARN is not printed as GFP_NOWAIT plus bits.
 */
/* clang-format off */
#define GFP_COMPOSITES(X)						\
	X(GFP_TRANSHUGE, "transparent huge page, may compact") \
	X(GFP_TRANSHUGE_LIGHT, "transparent huge page, no reclaim") \
	X(GFP_HIGHUSER_MOVABLE, "user pages the kernel may migrate (page faults)") \
	X(GFP_HIGHUSER, "user pages, highmem allowed") \
	X(GFP_USER, "for user space; may sleep") \
	X(GFP_KERNEL_ACCOUNT, "GFP_KERNEL charged to the memory cgroup") \
	X(GFP_KERNEL, "normal kernel allocation; may sleep and reclaim") \
	X(GFP_NOFS, "may sleep, but not call into filesystems") \
	X(GFP_NOIO, "may sleep, but not start I/O") \
	X(GFP_ATOMIC, "never sleeps; may use part of the reserve (interrupts)") \
	X(GFP_NOWAIT, "never sleeps; no reserve access") \
	X(GFP_DMA32, "memory below 4 GiB") \
	X(GFP_DMA, "memory below 16 MiB (ZONE_DMA)") \
	X(__GFP_RECLAIM, "direct and kswapd reclaim")
/* clang-format on */

struct gfp_name {
	const char *name;
	gfp_t	    value;
	int	    composite; /* a GFP_ combination, not one bit */
	const char *help;      /* one line for help and completion */
};

extern const struct gfp_name gfp_table[];
extern const size_t	     gfp_table_len;

/* Looks a flag up by its exact name; NULL when unknown. */
const struct gfp_name *gfp_lookup(const char *name);
/*
 * The known name nearest to an unknown one (edit distance at most 3), for
 * "did you mean" messages; NULL when none is close.
 */
const char *gfp_suggest(const char *name);
/* Writes flags as the kernel prints them: "GFP_KERNEL|__GFP_ZERO". */
void gfp_format(gfp_t gfp, struct sbuf *out);

/* __GFP_DIRECT_RECLAIM: the caller may sleep (gfpflags_allow_blocking). */
static inline int
gfp_may_sleep(gfp_t gfp)
{
	return (gfp & ___GFP_DIRECT_RECLAIM) != 0;
}

#endif
