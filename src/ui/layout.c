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

const char *
layout_view_name(int view)
{
	return view >= 0 && view < LV__COUNT ? layout_names[view] : "?";
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
layout_detail(struct layout *l, int x, int width, int top, int body)
{
	int h = body >= 40 ? 12 : body >= 30 ? 8 : body >= 14 ? 6 : 0;

	l->detail = layout_rect(x, top + body - h, h > 0 ? width : 0, h);
	return body - h;
}

/*
 * Re-stacks the three virtual views when a lesson fills only some of
 * them (used: bit 1 << LV_x): each view it never fills keeps a box of
 * LAYOUT_IDLE_H rows, still there to say "(empty)", and the views it
 * fills share the rest.  Left as it is when all or none are used, or
 * when the room is too small to be worth sharing.
 */
void
layout_weigh(struct layout *l, unsigned used)
{
	struct rect r = l->view[LV_SLAB];
	int	    v, n = 0, idle = 0, share, extra, y;

	if (!l->full || r.h == 0)
		return;
	for (v = LV_SLAB; v < LV__COUNT; v++)
		n += (used >> v) & 1;
	if (n == 0 || n == LV__COUNT - LV_SLAB)
		return;
	idle = (LV__COUNT - LV_SLAB - n) * LAYOUT_IDLE_H;
	r.h = l->view[LV_USER].y + l->view[LV_USER].h - r.y;
	if (r.h - idle < n * 2 * LAYOUT_IDLE_H)
		return;
	share = (r.h - idle) / n;
	extra = (r.h - idle) - share * n;
	for (v = LV_SLAB, y = r.y; v < LV__COUNT; v++) {
		int h = (used >> v) & 1 ? share + extra : LAYOUT_IDLE_H;

		if ((used >> v) & 1)
			extra = 0;
		l->view[v] = layout_rect(r.x, y, r.w, h);
		y += h;
	}
}

void
layout_drop_detail(struct layout *l)
{
	struct rect *ram = &l->view[LV_RAM], *slab = &l->view[LV_SLAB];

	if (!l->full || l->detail.h == 0)
		return;
	layout_stack(l, layout_rect(slab->x, slab->y, slab->w, ram->h));
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
	/* The dock and the detail panel take from the stack, never from
	 * the grid: neither may change the grid's scale. */
	rest = cols - dock;
	ramw = (cols + 1) / 2 + (cols >= 200 ? cols / 10 : 0);
	l->view[LV_RAM] = layout_rect(0, top, ramw, body);
	layout_stack(l,
	    layout_rect(ramw, top, rest - ramw,
		layout_detail(l, ramw, rest - ramw, top, body)));
	if (inspector && dock == 0) {
		l->inspect = layout_rect(ramw, top, rest - ramw, body);
		l->inspect_overlay = 1;
	}
}

void
layout_compute(int cols, int rows, int zoom, int inspector, struct layout *l)
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

int
layout_caption_band(int cols, int rows, int present, int lines)
{
	int max = layout_band_rows(cols, rows), n;

	if (!present)
		max = max / 2 + 2;
	if (lines <= 0)
		return present ? (max < 3 ? max : 3) : 0;
	n = present && lines * 2 + 1 <= max ? lines * 2 + 1 : lines + 1;
	if (n < (present ? 3 : 2))
		n = present ? 3 : 2;
	return n < max ? n : max;
}

/* The one view shown when not all four fit. */
static int
layout_only_view(const struct layout *l)
{
	int v;

	for (v = 0; v < LV__COUNT; v++)
		if (l->view[v].w > 0 && l->view[v].h > 0)
			return v;
	return LV_RAM;
}

struct rect
layout_show_panel(struct layout *l, int keep)
{
	struct rect col, *one;
	int	    v, h;

	if (!l->ok)
		return layout_rect(0, 0, 0, 0);
	if (!l->full) {
		one = &l->view[layout_only_view(l)];
		return layout_rect(one->x, one->y + one->h / 2, one->w,
		    one->h - one->h / 2);
	}
	col = l->view[LV_SLAB];
	col.h = l->view[LV_USER].y + l->view[LV_USER].h - col.y;
	if (keep < LV_SLAB || keep >= LV__COUNT)
		keep = -1;
	/* The view the lesson talks about gets half the column, at least. */
	h = keep < 0			? 0 :
	    l->view[keep].h > col.h / 2 ? l->view[keep].h :
					  col.h / 2;
	for (v = LV_SLAB; v < LV__COUNT; v++)
		if (v != keep)
			l->view[v] = layout_rect(0, 0, 0, 0);
	if (keep == LV_USER) {
		l->view[keep] = layout_rect(col.x, col.y + col.h - h, col.w, h);
		return layout_rect(col.x, col.y, col.w, col.h - h);
	}
	if (keep >= 0)
		l->view[keep] = layout_rect(col.x, col.y, col.w, h);
	return layout_rect(col.x, col.y + h, col.w, col.h - h);
}

int
layout_rect_has(const struct rect *r, int x, int y)
{
	return r->w > 0 && r->h > 0 && x >= r->x && x < r->x + r->w &&
	    y >= r->y && y < r->y + r->h;
}

int
layout_view_at(const struct layout *l, int x, int y)
{
	int v;

	for (v = 0; v < LV__COUNT; v++) {
		if (layout_rect_has(&l->view[v], x, y))
			return v;
	}
	return -1;
}
