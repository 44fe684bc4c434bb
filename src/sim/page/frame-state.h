/*
 * frame-state.h - a frame as the views read it, and the shadow copy of
 * the frame table the player animates.
 *
 * struct frame (phys.h) is the machine's packed record: its two words
 * mean different things by owner and flags (free-list links on a free
 * block's head, the slab's cache and index, a vmalloc area and page, a
 * page-table level, a user page's vpn).  Views must not decode that
 * themselves; they ask for a struct frame_state, whose fields are named
 * by what they mean, or for a census of a run of frames (the RAM grid
 * cell).
 *
 * A frame_shadow is the frame table as it was before a step, with the
 * step's events applied one at a time, so that a view can show the
 * frames as they were at any event of the step while the machine itself
 * already holds the step's end.  Every read below takes an optional
 * shadow: NULL reads the machine.
 */
#ifndef MEMVIZ_SIM_FRAME_STATE_H
#define MEMVIZ_SIM_FRAME_STATE_H

#include <stdint.h>

#include "sim/event.h"
#include "sim/page/phys.h"

/* A tag or aux the frame's owner gives no meaning. */
#define FRAME_NO_ID UINT32_MAX
/* FO_SLAB under the 2.0 profile: an area parked in kmalloc_cache[]. */
#define FRAME_PARKED 0xffffffffu

struct frame_state {
	enum frame_owner owner;
	int		 zone;	    /* ZONE_DMA ... */
	int		 head;	    /* first frame of a block: order valid */
	unsigned	 order;	    /* the block's order, on a head */
	int		 free_head; /* head of a free block (PageBuddy) */
	int		 pcp;	    /* head of a free block on a per-CPU
				       list (pcp.h), not on free_area */
	int		 zero;	    /* contents known to be all zero */
	int		 data;	    /* contents written (held in a buffer) */

	/* The owner's words, by meaning; FRAME_NO_ID where none. */
	uint32_t cache;	      /* FO_SLAB: kmem_cache index, or
					   FRAME_PARKED */
	uint32_t slab;	      /* FO_SLAB: the slab in its cache */
	uint32_t area;	      /* FO_VMALLOC: the vmap area's id */
	uint32_t area_page;   /* FO_VMALLOC: page index in the area */
	uint32_t pt_level;    /* FO_PGTABLE: 4 pgd .. 1 pte */
	uint32_t large_bytes; /* FO_KMALLOC_LARGE head: bytes asked;
					   0 on the other frames */
	uint64_t vpn;	      /* FO_ANON: the user page it backs;
					   UINT64_MAX when none */
	uint32_t next, prev;  /* a free head's free_area list, or
					   the page cache's LRU (newer,
					   older); PFN_NONE at the ends */
};

struct frame_shadow;

/* The frame at pfn (below frame_nframes()), from sh or the machine. */
struct frame_state frame_state(const struct machine *m,
    const struct frame_shadow *sh, uint64_t pfn);
/* Frames in the table read: the shadow's when sh is not NULL. */
uint64_t frame_nframes(const struct machine *m, const struct frame_shadow *sh);
/* 1 when a and b say the same in every field. */
int frame_state_equal(const struct frame_state *a, const struct frame_state *b);
/*
 * What tells frames of one owner apart by colour: the slab's cache, the
 * vmalloc area; 0 for every other owner.
 */
uint32_t frame_state_palette(const struct frame_state *fs);

/*
 * The frames [*pfn, *pfn + *count) an event changes: a block event its
 * 2^order frames, any other event the one frame it names.  Returns 0,
 * or -1 when the event names no frame.
 */
int frame_event_range(const struct event *ev, uint64_t *pfn, uint64_t *count);

/*
 * A census of a run of frames, for a grid cell standing for many.
 * Walking cells in pfn order, a frame_walk carries the free block the
 * walk is in from one cell to the next; start it once with
 * frame_walk_start() at the first pfn.
 */
struct frame_walk {
	uint64_t free_end; /* end of the free block walked into */
	unsigned free_order;
	int	 free_pcp; /* that block is on a per-CPU list */
};

struct frame_census {
	uint32_t count[FO__COUNT];   /* frames of each owner */
	uint32_t palette[FO__COUNT]; /* first such frame's palette */
	int	 head_order;	     /* highest free head among them, -1 */
	unsigned block_order;	     /* order of the free block they lie in */
	uint32_t pcp;		     /* free frames held on per-CPU lists */
};

void frame_walk_start(const struct machine *m, const struct frame_shadow *sh,
    uint64_t pfn, struct frame_walk *w);
/*
 * Counts [lo, hi) into *c (cleared first).  On the machine's own table
 * the rest of a free block is counted without reading it: the frames
 * after a free head are free and no head (buddy_check() verifies it).
 */
void frame_census(const struct machine *m, const struct frame_shadow *sh,
    uint64_t lo, uint64_t hi, struct frame_walk *w, struct frame_census *c);

/*
 * The shadow.  create/destroy own it; snapshot copies the machine's
 * frames as "before" (any size); rewind makes the shadow "before" again;
 * apply shows one more event of the step that followed the snapshot, as
 * mm/page_alloc.c left the frames at that moment: a split frees the
 * upper half (expand()), a free or merge puts a free block back
 * (__free_one_page()), a per-CPU free or refill puts it on a per-CPU
 * list (free_unref_page_commit(), rmqueue_bulk()), and any other event that names frames gives them
 * the state they have in m, the machine after the whole step.
 */
struct frame_shadow *frame_shadow_create(void);
void		     frame_shadow_destroy(struct frame_shadow *sh);
void frame_shadow_snapshot(struct frame_shadow *sh, const struct machine *m);
void frame_shadow_rewind(struct frame_shadow *sh);
void frame_shadow_apply(struct frame_shadow *sh, const struct machine *m,
    const struct event *ev);

#endif
