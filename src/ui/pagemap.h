/*
 * pagemap.h - where each mark of the mapping picture goes.
 *
 * The picture a teacher draws for vmalloc: a row of virtually
 * contiguous pages, each with a label, over a compressed line of
 * physical memory (the strip) whose marks carry the same labels where
 * the pages' frames lie.  It is /proc/PID/pagemap (virtual page -> pfn)
 * drawn instead of listed.  A kmalloc object is the same picture with
 * one run of frames, drawn bracketed; a user range may have pages
 * mapping the shared zero page or not backed at all.
 *
 * pagemap_compute() is a pure function of the box and the pages, so it
 * is tested for every size without a terminal: every item lies in the
 * box, no two items share a cell, and an area of up to 16 pages has
 * every page labelled in both rows from a 20x2 box up.  Larger areas
 * are summarised: a label stands for a group of pages, and the strip
 * shows where each group's frames are.
 */
#ifndef MEMVIZ_UI_PAGEMAP_H
#define MEMVIZ_UI_PAGEMAP_H

#include <stddef.h>
#include <stdint.h>

/* What backs a virtual page. */
enum pagemap_state {
	PMS_FRAME, /* a frame of its own */
	PMS_ZERO,  /* the shared zero page (read, never written) */
	PMS_NONE   /* nothing yet: not touched, or not mapped yet */
};

struct pagemap_page {
	uint64_t	   pfn; /* valid unless state is PMS_NONE */
	enum pagemap_state state;
};

struct pagemap_in {
	int	 w, h;	  /* the box, in cells */
	uint64_t nframes; /* the strip stands for pfns first..first+nframes */
	uint64_t first;	  /* 0 unless the strip is zoomed on the frames */
	uint64_t ram;	  /* all of RAM's frames; nframes when 0 */
	const struct pagemap_page *pages;
	size_t			   npages;
	int			   guard; /* a guard page follows (vmalloc) */
	int run; /* one physical run (kmalloc): brackets */
};

/* What an item is; the view picks glyph and colour by kind and group. */
enum pagemap_kind {
	PMI_TEXT,   /* a row label or the summary line */
	PMI_VPAGE,  /* a virtual page (or group): its label */
	PMI_GUARD,  /* the guard page after the area */
	PMI_FRAME,  /* a frame in the strip: its page's label */
	PMI_ZERO,   /* the shared zero page in the strip */
	PMI_BRACKET /* "[" or "]" around a kmalloc run */
};

struct pagemap_item {
	int		   x, y, w; /* w cells from (x, y) */
	enum pagemap_kind  kind;
	enum pagemap_state state; /* PMI_VPAGE: its page's backing */
	size_t		   group; /* label index: the colour to match */
	char		   text[96];
};

struct pagemap {
	struct pagemap_item *items;
	size_t		     n, cap;
	int		     sx, sy, sw, sh; /* the strip; sh == 0 when none */
	size_t		     per;	     /* pages per label (1: one each) */
	size_t		     runs;	     /* runs of consecutive frames */
};

/*
 * Lays the picture out in in->w x in->h.  Returns 0, or -1 when the box
 * is too small for any picture (under 8x2) or there are no pages; out is
 * then empty.  pagemap_free() releases out either way.
 */
int  pagemap_compute(const struct pagemap_in *in, struct pagemap *out);
void pagemap_free(struct pagemap *pm);
/* The label of group g: 0-9, a-z, A-Z, then '+'. */
char pagemap_label(size_t g);

#endif
