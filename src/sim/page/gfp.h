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

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_MOVABLE		0x08u
#define ___GFP_RECLAIMABLE	0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
/* 0x200 was ___GFP_ATOMIC until 6.3; unused here. */
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_WRITE		0x1000u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_RETRY_MAYFAIL	0x4000u
#define ___GFP_NOFAIL		0x8000u
#define ___GFP_NORETRY		0x10000u
#define ___GFP_MEMALLOC		0x20000u
#define ___GFP_COMP		0x40000u
#define ___GFP_NOMEMALLOC	0x80000u
#define ___GFP_HARDWALL		0x100000u
#define ___GFP_THISNODE		0x200000u
#define ___GFP_ACCOUNT		0x400000u
#define ___GFP_ZEROTAGS		0x800000u
#define ___GFP_SKIP_ZERO	0x1000000u
#define ___GFP_SKIP_KASAN	0x2000000u

#define __GFP_RECLAIM	(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC	(___GFP_HIGH | ___GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | ___GFP_IO | ___GFP_FS)
#define GFP_NOWAIT	(___GFP_KSWAPD_RECLAIM | ___GFP_NOWARN)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | ___GFP_IO)
#define GFP_USER	(GFP_KERNEL | ___GFP_HARDWALL)
#define GFP_DMA		(___GFP_DMA)
#define GFP_DMA32	(___GFP_DMA32)
#define GFP_HIGHUSER	(GFP_USER | ___GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | ___GFP_MOVABLE | ___GFP_SKIP_KASAN)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | ___GFP_ACCOUNT)
#define GFP_TRANSHUGE_LIGHT ((GFP_HIGHUSER_MOVABLE | ___GFP_COMP | \
	    ___GFP_NOMEMALLOC | ___GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | ___GFP_DIRECT_RECLAIM)

struct gfp_name {
	const char	*name;
	gfp_t		 value;
	int		 composite;	/* a GFP_ combination, not one bit */
	const char	*help;		/* one line for help and completion */
};

extern const struct gfp_name gfp_table[];
extern const size_t gfp_table_len;

/* Looks a flag up by its exact name; NULL when unknown. */
const struct gfp_name *gfp_lookup(const char *name);
/*
 * The known name nearest to an unknown one (edit distance at most 3), for
 * "did you mean" messages; NULL when none is close.
 */
const char *gfp_suggest(const char *name);
/* Writes flags as the kernel prints them: "GFP_KERNEL|__GFP_ZERO". */
void	 gfp_format(gfp_t gfp, struct sbuf *out);

/* __GFP_DIRECT_RECLAIM: the caller may sleep (gfpflags_allow_blocking). */
static inline int
gfp_may_sleep(gfp_t gfp)
{
	return (gfp & ___GFP_DIRECT_RECLAIM) != 0;
}

#endif
