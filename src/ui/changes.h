/*
 * changes.h - what the last step changed, kept until the next step, so
 * every view can mark it and one glance shows the effect of one
 * statement.
 *
 * The step is the last operation the player showed (a say or a pause
 * after it keeps its marks); while it is animated, only the events shown
 * so far count.  Its changes are the frames its events name (a buddy
 * block's 2^order frames; splits and merges, which only regroup free
 * frames, and reads are left out), once it is all shown the frames its
 * result lives on (a write's event names none), and the virtual ranges
 * its events name.  The frames of the few operations before it are kept
 * too: the RAM grid ranks them above a cell's other frames.  Stepping
 * back or jumping forgets the older ones.
 *
 * No curses here; ui.c updates it once before each redraw.
 */
#ifndef MEMVIZ_UI_CHANGES_H
#define MEMVIZ_UI_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "ui/player.h"

/* Operations before the last whose frames still count as recent. */
#define CHANGES_PAST 3

/* Sorted, disjoint, non-adjacent half-open ranges [lo, hi). */
struct changes_spans {
	struct changes_span {
		uint64_t lo, hi;
	} * s;
	size_t n, cap;
	int    sorted;
};

struct changes {
	int		     have;		 /* an operation is held */
	size_t		     hist;		 /* its player position */
	size_t		     shown;		 /* its events counted */
	struct changes_spans frames;		 /* pfns it changed */
	struct changes_spans va;		 /* virtual ranges it touched */
	struct changes_spans past[CHANGES_PAST]; /* newest first */
	size_t		     npast;
};

/* Follows the player: call before every redraw. */
void changes_update(struct changes *c, const struct player *p);
void changes_free(struct changes *c);
/* The last step changed a frame of [lo, hi); *pfn gets the first. */
int changes_frames(const struct changes *c, uint64_t lo, uint64_t hi,
    uint64_t *pfn);
/* The last step touched a byte of [addr, addr + len). */
int changes_va(const struct changes *c, uint64_t addr, uint64_t len);

/*
 * The spans themselves (the grid walks them once per redraw): 0 the
 * last step's frames, 1..npast the operations before it.
 */
const struct changes_spans *changes_frames_of(const struct changes *c,
    size_t							    age);
/* The first span of sp ending after lo (sp->n when none). */
size_t changes_spans_find(const struct changes_spans *sp, uint64_t lo);

#endif
