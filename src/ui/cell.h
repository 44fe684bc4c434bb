/*
 * cell.h - what a RAM grid cell standing for many frames shows: the most
 * important of its frames, not the most common.
 *
 * Importance, highest first: the frames of the event being shown and of
 * the last step, then those of the few steps before it, then the
 * selection and its counterparts; then the rarer owners (vmalloc, slab,
 * kmalloc_large, user anon, page tables, other kernel pages) over the
 * common ones (page cache, kernel image, memmap, reserved: the largest
 * of those), and free frames last.  So a frame that just changed, or
 * that belongs to a scattered vmalloc area, is never drowned by the
 * page cache around it.  A cell whose frames are not all of the owner
 * shown is mixed, and says which owner fills most of the rest.
 *
 * Pure: no curses, tested in tests/check_cell.c.
 */
#ifndef MEMVIZ_UI_CELL_H
#define MEMVIZ_UI_CELL_H

#include <stdint.h>

#include "sim/page/phys.h"

/* What a cell holds, least important first; one bit each. */
#define CELL_SELECTED 0x1 /* the selection or a counterpart */
#define CELL_RECENT   0x2 /* changed by one of the steps before */
#define CELL_CHANGED  0x4 /* changed by the last step */
#define CELL_EVENT    0x8 /* changed by the event being shown */

/* How the cell is highlighted, by the same ranks. */
enum cell_mark {
	CELL_MARK_NONE,
	CELL_MARK_CHANGED, /* the last step's effect, until the next */
	CELL_MARK_SELECTED,
	CELL_MARK_EVENT
};

struct cell_facts {
	const uint32_t *count;	   /* frames of each owner, FO__COUNT */
	unsigned	holds;	   /* CELL_* bits */
	int		top_owner; /* owner of a frame of the highest
					   bit in holds, or -1 */
};

struct cell_look {
	enum frame_owner owner; /* whose glyph and colour */
	int		 mixed; /* not all frames are owner's */
	enum frame_owner rest;	/* the most frames besides owner */
	enum cell_mark	 mark;
};

/* How important an owner's frames are; higher wins (rank table). */
int cell_owner_rank(enum frame_owner o);
/* Chooses a cell's look from what it holds. */
struct cell_look cell_choose(const struct cell_facts *f);

#endif
