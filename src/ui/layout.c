/*
 * layout.c - splitting the terminal into panes.
 *
 *  +----------------------+---------------+
 *  | physical RAM grid    | slab          |
 *  |                      +---------------+   (inspector column on the
 *  |                      | vmalloc       |    right from 160 columns,
 *  |                      +---------------+    else over the stack)
 *  | buddyinfo            | user process  |
 *  +----------------------+---------------+
 *  | detail: the mapping, or the bytes     |
 *  +--------------------------------------+
 *  narration line
 *  status line
 *
 * Presentation mode puts a caption band above everything and may hide
 * the status line; the panes then tile what is left between them.
 *
 * Invariants: narration and status are the last two rows; the shown
 * panes tile the rest; the RAM grid keeps at least half the width, since
 * it is the view every other one points into.  Below LAYOUT_FULL_W x
 * LAYOUT_FULL_H only one view fits, so the zoomed (or RAM) view is shown
 * alone; below LAYOUT_MIN_W x LAYOUT_MIN_H the screen asks for more.
 */
#include "ui/layout.h"

#include <string.h>

static const char *const layout_names[] = {
#define LAYOUT_VIEW_NAME(e, name, title) name,
	LAYOUT_VIEWS(LAYOUT_VIEW_NAME)
#undef LAYOUT_VIEW_NAME
};

static const char *const layout_titles[] = {
#define LAYOUT_VIEW_TITLE(e, name, title) title,
	LAYOUT_VIEWS(LAYOUT_VIEW_TITLE)
#undef LAYOUT_VIEW_TITLE
};

const char *
layout_view_name(int view)
{
	return view >= 0 && view < LV__COUNT ? layout_names[view] : "?";
}

const char *
layout_view_title(int view)
{
	return view >= 0 && view < LV__COUNT ? layout_titles[view] : "?";
}

static struct rect
layout_rect(int x, int y, int w, int h)
{
	struct rect r = { x, y, w, h };

	return r;
}

/* Stacks the three virtual views in r, the slab view taking the rest. */
static void
layout_stack(struct layout *l, struct rect r)
{
	int each = r.h / 3, first = r.h - 2 * each;

	l->view[LV_SLAB] = layout_rect(r.x, r.y, r.w, first);
	l->view[LV_VMALLOC] = layout_rect(r.x, r.y + first, r.w, each);
	l->view[LV_USER] = layout_rect(r.x, r.y + first + each, r.w, each);
}

/*
 * The detail panel takes the bottom rows under the four views: a row of
 * virtual pages over a strip of RAM (pagemap.h), or 16 bytes a row, in
 * four lines of content from 80x24 up (with a caption band above, from
 * 14 rows of views); a little more room on larger screens.  Returns the
 * rows left.
 */
static int
layout_detail(struct layout *l, int width, int top, int body)
{
	int h = body >= 40 ? 12 : body >= 30 ? 8 : body >= 14 ? 6 : 0;

	l->detail = layout_rect(0, top + body - h, h > 0 ? width : 0, h);
	return body - h;
}

void
layout_drop_detail(struct layout *l)
{
	struct rect *ram = &l->view[LV_RAM], *slab = &l->view[LV_SLAB];

	if (!l->full || l->detail.h == 0)
		return;
	ram->h += l->detail.h;
	layout_stack(l, layout_rect(slab->x, slab->y, slab->w, ram->h));
	if (l->inspect_overlay)
		l->inspect.h = ram->h;
	l->detail = layout_rect(0, 0, 0, 0);
}

/* All four views; the inspector docked on the right when wide enough. */
static void
layout_full(struct layout *l, int cols, int top, int body, int inspector)
{
	int dock = 0, ramw, rest;

	if (inspector && cols >= LAYOUT_DOCK_W) {
		dock = cols / 4;
		if (dock > 64)
			dock = 64;
		l->inspect = layout_rect(cols - dock, top, dock, body);
	}
	body = layout_detail(l, cols - dock, top, body);
	rest = cols - dock;
	ramw = (rest + 1) / 2 + (rest >= 200 ? rest / 10 : 0);
	l->view[LV_RAM] = layout_rect(0, top, ramw, body);
	layout_stack(l, layout_rect(ramw, top, rest - ramw, body));
	if (inspector && dock == 0) {
		l->inspect = layout_rect(ramw, top, rest - ramw, body);
		l->inspect_overlay = 1;
	}
}

void
layout_compute(int cols, int rows, int zoom, int inspector,
    struct layout *l)
{
	layout_compute_band(cols, rows, zoom, inspector, 0, 1, l);
}

int
layout_band_rows(int cols, int rows)
{
	if (cols < LAYOUT_MIN_W || rows < LAYOUT_FULL_H)
		return rows >= LAYOUT_MIN_H + 2 ? 2 : 0;
	if (rows >= 50)
		return 12;
	return rows >= 32 ? 8 : 7;
}

void
layout_compute_band(int cols, int rows, int zoom, int inspector, int band,
    int status, struct layout *l)
{
	int body, one, lines = status ? 2 : 1;

	memset(l, 0, sizeof *l);
	l->need_w = LAYOUT_MIN_W;
	l->need_h = LAYOUT_MIN_H;
	if (cols < LAYOUT_MIN_W || rows < LAYOUT_MIN_H)
		return;
	l->ok = 1;
	if (band < 0 || rows - band - lines < LAYOUT_MIN_H - 2)
		band = 0;
	body = rows - band - lines;
	l->caption = layout_rect(0, 0, band > 0 ? cols : 0, band);
	l->narration = layout_rect(0, rows - lines, cols, 1);
	l->status = layout_rect(0, rows - 1, cols, status ? 1 : 0);
	if (zoom < 0 && cols >= LAYOUT_FULL_W && rows >= LAYOUT_FULL_H) {
		l->full = 1;
		layout_full(l, cols, band, body, inspector);
		return;
	}
	one = zoom >= 0 && zoom < LV__COUNT ? zoom : LV_RAM;
	l->view[one] = layout_rect(0, band, cols, body);
	if (inspector) {
		l->inspect = layout_rect(cols / 2, band, cols - cols / 2, body);
		l->inspect_overlay = 1;
	}
}

static int
layout_inside(const struct rect *r, int x, int y)
{
	return r->w > 0 && r->h > 0 && x >= r->x && x < r->x + r->w &&
	    y >= r->y && y < r->y + r->h;
}

int
layout_view_at(const struct layout *l, int x, int y)
{
	int v;

	for (v = 0; v < LV__COUNT; v++) {
		if (layout_inside(&l->view[v], x, y))
			return v;
	}
	return -1;
}
