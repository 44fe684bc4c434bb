/*
 * phys.h - physical page frames, zones, and what is in them.
 *
 * The machine's RAM is an array of 4 KiB frames indexed by pfn, like the
 * kernel's mem_map of struct page.  Each frame records who owns it; the
 * first frame of a block (free or allocated) records the block's order.
 *
 * Zones follow x86-64: ZONE_DMA below 16 MiB, ZONE_DMA32 below 4 GiB,
 * ZONE_NORMAL above (arch/x86/include/asm/dma.h); a small machine simply
 * has fewer zones.
 *
 * Contents are modelled: every frame has 4096 bytes.  Until written they
 * hold a deterministic garbage pattern derived from the seed and the pfn,
 * standing for whatever the previous user left; a frame can be marked all
 * zero in O(1); only frames written byte-wise get a real buffer (kept in a
 * hash table), so a 16 GiB machine stays small.  Freeing a frame does not
 * clear it, exactly as in Linux: that is why kmalloc memory is stale.
 *
 * A frame is 12 bytes, so 16 GiB (4 Mi frames) costs 48 MiB.
 */
#ifndef MEMVIZ_SIM_PHYS_H
#define MEMVIZ_SIM_PHYS_H

#include <stddef.h>
#include <stdint.h>

#include "sim/page/pageblock.h"

#define PAGE_SHIFT     12
#define PAGE_SIZE      4096ull
#define MAX_PAGE_ORDER 10 /* largest block: 4 MiB */
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)
#define PFN_NONE       UINT32_MAX

/* X(enum, name shown in views and reports, one glyph for monochrome) */
/* clang-format off */
#define FRAME_OWNERS(X)						\
	X(FO_FREE,	 "free",	  '.')			\
	X(FO_RESERVED,	 "reserved",	  '#')	/* firmware, holes */	\
	X(FO_KERNEL,	 "kernel",	  'K')	/* image and early allocations */ \
	X(FO_MEMMAP,	 "memmap",	  'M')	/* struct page array */	\
	X(FO_PAGECACHE,	 "pagecache",	  'c')	/* clean, reclaimable */ \
	X(FO_PAGES,	 "pages",	  'p')	/* __get_free_pages, other kernel use */ \
	X(FO_SLAB,	 "slab",	  's')			\
	X(FO_KMALLOC_LARGE, "kmalloc_large", 'L')		\
	X(FO_VMALLOC,	 "vmalloc",	  'v')			\
	X(FO_PGTABLE,	 "pgtable",	  't')			\
	X(FO_ANON,	 "anon",	  'u')	/* user anonymous memory */ \
	X(FO_HOLE,	 "hole",	  '-')	/* no RAM: the PCI hole */
/* clang-format on */

enum frame_owner {
#define FRAME_OWNER_ENUM(e, name, glyph) e,
	FRAME_OWNERS(FRAME_OWNER_ENUM)
#undef FRAME_OWNER_ENUM
	FO__COUNT
};

/* Frame flags. */
#define FF_HEAD	 0x01 /* first frame of a block; order is valid */
#define FF_BUDDY 0x02 /* head of a block on a free list (PageBuddy) */
#define FF_ZERO	 0x04 /* contents known to be all zero */
#define FF_DATA	 0x08 /* contents live in a buffer (written) */
#define FF_PCP	 0x10 /* head of a free block on a per-CPU list */
/* A free head's list: the migratetype whose free_list it is on. */
#define FF_MT_SHIFT 5
#define FF_MT_MASK  0xe0

/*
 * Like struct page, a frame's two words mean one thing while it is on a
 * list and another while it is owned (include/linux/mm_types.h overlays
 * page->lru with the slab's and the page cache's fields the same way).
 */
struct frame {
	union {
		/*
		 * The head of a free block on free_area[order], or a page on
		 * the page-cache LRU: its neighbours, PFN_NONE at the ends.
		 */
		struct {
			uint32_t next, prev;
		} lru;
		/*
		 * An owned frame, as set by phys_set_owner(): slab: cache
		 * and slab index; vmalloc: area id and page index;
		 * kmalloc_large: the requested size; pgtable: the level;
		 * anon: the virtual page number, low and high halves.
		 */
		struct {
			uint32_t tag, aux;
		} own;
	};
	uint8_t owner; /* enum frame_owner */
	uint8_t order; /* valid on FF_HEAD frames */
	uint8_t flags;
	uint8_t zone;
};

#define ZONE_DMA     0
#define ZONE_DMA32   1
#define ZONE_NORMAL  2
#define MAX_NR_ZONES 3

/* Watermarks, named as in include/linux/mmzone.h. */
#define WMARK_MIN  0
#define WMARK_LOW  1
#define WMARK_HIGH 2
#define NR_WMARK   3

/* One order's free blocks: a list per migratetype (pageblock.h). */
struct free_list {
	uint32_t head; /* PFN_NONE when empty */
	uint32_t tail;
	uint64_t nr;
};

struct free_area {
	struct free_list free_list[MIGRATE_TYPES];
	uint64_t	 nr_free; /* blocks on all its lists */
};

struct zone {
	const char *name;    /* "DMA", "DMA32", "Normal" */
	int	    present; /* the machine has this zone */
	uint64_t    start_pfn;
	uint64_t    spanned;	     /* pfns from start to end */
	uint64_t    present_pages;   /* spanned minus holes */
	uint64_t    managed;	     /* pages the buddy allocator was given */
	uint64_t    free_pages;	     /* NR_FREE_PAGES */
	uint64_t    wmark[NR_WMARK]; /* _watermark: without the boost */
	/* pageblock.c: watermark_boost and ZONE_BOOSTED_WATERMARK */
	uint64_t watermark_boost;
	int	 boosted_wmark;
	/* highatomic.c: pages in MIGRATE_HIGHATOMIC pageblocks */
	uint64_t	 nr_reserved_highatomic;
	uint64_t	 lowmem_reserve[MAX_NR_ZONES];
	struct free_area free_area[NR_PAGE_ORDERS];
	/* pcp.c: one pageset per CPU (NULL when unmodelled), and
	 * ZONE_BELOW_HIGH */
	struct per_cpu_pages *pageset;
	unsigned	      pcp_flags;
};

struct machine;
struct per_cpu_pages;

const char *frame_owner_name(enum frame_owner o);
/* "DMA", "DMA32", "Normal" by zone index; "?" for anything else. */
const char *phys_zone_name(int zone);
char	    frame_owner_glyph(enum frame_owner o);

uint64_t phys_nframes(const struct machine *m);
/* The frame at pfn; pfn must be below phys_nframes(). */
const struct frame *phys_frame(const struct machine *m, uint64_t pfn);
const struct zone  *phys_zone(const struct machine *m, int zone);
/* Frames currently owned by o (free counts every free frame). */
uint64_t phys_count(const struct machine *m, enum frame_owner o);

/*
 * Gives count frames from pfn to owner o, with the module's tag and aux
 * (e.g. the slab cache index).  The head frame gets FF_HEAD and order.
 * Used by buddy and by the modules that take frames from it.
 */
void phys_set_owner(struct machine *m, uint64_t pfn, unsigned order,
    enum frame_owner o, uint32_t tag, uint32_t aux);
/* Sets tag/aux on one frame without changing its owner. */
void phys_set_tag(struct machine *m, uint64_t pfn, uint32_t tag, uint32_t aux);

/* Physical address helpers. */
static inline uint64_t
pfn_to_phys(uint64_t pfn)
{
	return pfn << PAGE_SHIFT;
}
static inline uint64_t
phys_to_pfn(uint64_t pa)
{
	return pa >> PAGE_SHIFT;
}

/*
 * Contents.  Ranges may cross frame boundaries; every byte must lie in
 * RAM (callers check).  Writes never emit events: the operation that
 * writes emits one EV_WRITE/EV_ZERO for the whole range.
 */
void phys_read(const struct machine *m, uint64_t pa, void *buf, size_t len);
void phys_write(struct machine *m, uint64_t pa, const void *buf, size_t len);
void phys_zero(struct machine *m, uint64_t pa, size_t len);
/*
 * Writes len bytes at pa from data repeated cyclically, starting at
 * data[phase % datalen]; data NULL (or datalen 0) stands for the test
 * pattern 0xa5 ^ (byte index).  A whole frame at a time, as memset and
 * memcpy fill a page, rather than byte by byte.
 */
void	 phys_write_cyclic(struct machine *m, uint64_t pa, size_t len,
	const void *data, size_t datalen, uint64_t phase);
uint64_t phys_read_u64(const struct machine *m, uint64_t pa);
void	 phys_write_u64(struct machine *m, uint64_t pa, uint64_t v);
/*
 * The host buffer holding a written frame's bytes, or NULL when the
 * frame is zero or garbage; valid while contents_generation() stays.
 */
uint8_t *phys_frame_data(const struct machine *m, uint64_t pfn);
/* The same, made the machine's own to write (checkpoints share them). */
uint8_t *phys_frame_data_mut(struct machine *m, uint64_t pfn);
/* Marks whole frames zero in O(1) each (clear_page). */
void phys_zero_frames(struct machine *m, uint64_t pfn, uint64_t count);
/* Fills a frame with fresh garbage (a page-cache read from "disk"). */
void phys_scribble_frame(struct machine *m, uint64_t pfn, uint64_t salt);
/* Bytes of host memory the contents model holds (for benchmarks). */
size_t phys_contents_bytes(const struct machine *m);

#endif
