/*
 * check_layout.c - layout arithmetic for every terminal size from 20x5
 * to 400x120, every zoom and with the inspector open or closed.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "check-run.h"

static int
shown(const struct rect *r)
{
	return r->w > 0 && r->h > 0;
}

/* Cheap checks in the hot loop: ck_assert costs a pipe write each. */
#define REQUIRE(c) \
	do { \
		if (!(c)) \
			ck_abort_msg("%dx%d zoom %d insp %d: %s", cols, rows, \
			    zoom, insp, #c); \
	} while (0)

static int
overlap(const struct rect *a, const struct rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	    b->y < a->y + a->h;
}

/* Pairwise disjoint and areas summing to the screen: an exact tiling. */
static int
tiles(const struct layout *l, int cols, int rows)
{
	const struct rect *r[LV__COUNT + 5]; /* 4 bands and the inspector */
	long		   area = 0;
	int		   n = 0, i, j;

	for (i = 0; i < LV__COUNT; i++)
		if (shown(&l->view[i]))
			r[n++] = &l->view[i];
	r[n++] = &l->narration;
	r[n++] = &l->status;
	r[n++] = &l->caption;
	r[n++] = &l->detail;
	if (!l->inspect_overlay && shown(&l->inspect))
		r[n++] = &l->inspect;
	for (i = 0; i < n; i++) {
		area += (long)r[i]->w * r[i]->h;
		for (j = i + 1; j < n; j++)
			if (overlap(r[i], r[j]))
				return 0;
	}
	return area == (long)cols * rows;
}

static int
inside(const struct rect *r, int cols, int rows)
{
	return !shown(r) ||
	    (r->x >= 0 && r->y >= 0 && r->x + r->w <= cols &&
		r->y + r->h <= rows);
}

static void
check_one(int cols, int rows, int zoom, int insp)
{
	struct layout l;
	int	      v, nshown = 0;

	layout_compute(cols, rows, zoom, insp, &l);
	if (cols < LAYOUT_MIN_W || rows < LAYOUT_MIN_H) {
		REQUIRE(l.ok == 0 && l.need_w == 30 && l.need_h == 8);
		return;
	}
	REQUIRE(l.ok == 1);
	for (v = 0; v < LV__COUNT; v++) {
		REQUIRE(inside(&l.view[v], cols, rows));
		nshown += shown(&l.view[v]);
	}
	REQUIRE(inside(&l.inspect, cols, rows));
	REQUIRE(shown(&l.inspect) == insp);
	REQUIRE(l.status.y == rows - 1 && l.status.w == cols);
	REQUIRE(l.narration.y == rows - 2 && l.narration.w == cols);
	REQUIRE(tiles(&l, cols, rows));
	if (zoom < 0 && cols >= 80 && rows >= 24) {
		/* All four views, each with room for a border and content. */
		REQUIRE(l.full == 1 && nshown == 4);
		for (v = 0; v < LV__COUNT; v++)
			REQUIRE(l.view[v].w >= 20 && l.view[v].h >= 5);
		REQUIRE(l.view[LV_RAM].w >= l.view[LV_SLAB].w);
		/* The detail panel under the stacked views, as wide as
		 * they are; the grid keeps the whole height. */
		REQUIRE(l.detail.h >= 6 && l.detail.x == l.view[LV_RAM].w &&
		    l.detail.y == rows - 2 - l.detail.h);
		REQUIRE(l.detail.w == l.view[LV_SLAB].w && l.detail.w >= 20);
		REQUIRE(l.view[LV_RAM].h == rows - 2);
		REQUIRE(l.inspect_overlay == (insp && cols < 160));
	} else {
		v = zoom >= 0 ? zoom : LV_RAM;
		REQUIRE(l.full == 0 && nshown == 1 && !shown(&l.detail));
		REQUIRE(l.view[v].w == cols && l.view[v].h == rows - 2);
	}
}

/*
 * Presentation mode: a caption band on top and the status line hidden
 * or shown.  The panes still tile the screen, the narration sits just
 * above the status line (or last when it is hidden), the band starts
 * at the top and the views below it keep the minimum size.
 */
static void
check_band(int cols, int rows, int zoom, int insp, int status)
{
	struct layout l;
	int band = layout_band_rows(cols, rows), lines = status ? 2 : 1, v;

	layout_compute_band(cols, rows, zoom, insp, band, status, &l);
	if (cols < LAYOUT_MIN_W || rows < LAYOUT_MIN_H) {
		REQUIRE(l.ok == 0);
		return;
	}
	REQUIRE(l.ok == 1);
	REQUIRE(tiles(&l, cols, rows));
	REQUIRE(l.narration.y == rows - lines && l.narration.h == 1);
	REQUIRE(shown(&l.status) == status);
	REQUIRE(!shown(&l.caption) ||
	    (l.caption.y == 0 && l.caption.x == 0 && l.caption.w == cols &&
		l.caption.h <= band));
	for (v = 0; v < LV__COUNT; v++) {
		REQUIRE(inside(&l.view[v], cols, rows));
		REQUIRE(!shown(&l.view[v]) ||
		    (l.view[v].y >= l.caption.h && l.view[v].h >= 3));
	}
	if (zoom < 0 && cols >= 80 && rows >= 24)
		REQUIRE(l.full == 1 &&
		    l.view[LV_RAM].h == rows - l.caption.h - lines &&
		    (l.detail.h >= 6) == (rows - l.caption.h - lines >= 14));
	/* A question: the stack takes the detail's rows back; the grid
	 * keeps its rectangle. */
	{
		struct rect ram = l.view[LV_RAM];

		layout_drop_detail(&l);
		REQUIRE(tiles(&l, cols, rows));
		REQUIRE(l.view[LV_RAM].h == ram.h && l.view[LV_RAM].w == ram.w);
		REQUIRE(!shown(&l.detail));
	}
}

/*
 * A lesson that fills only some stacked views: the others keep a box
 * of LAYOUT_IDLE_H rows, the filled ones share the rest, the panes
 * still tile the screen and the grid keeps its rectangle; with all or
 * none filled nothing moves.
 */
static void
check_weigh(int cols, int rows, unsigned used)
{
	struct layout l, before;
	int	      v, n = 0, room, zoom = -1, insp = 0;

	layout_compute(cols, rows, zoom, insp, &l);
	before = l;
	layout_weigh(&l, used);
	REQUIRE(tiles(&l, cols, rows));
	REQUIRE(memcmp(&l.view[LV_RAM], &before.view[LV_RAM],
		    sizeof l.view[LV_RAM]) == 0);
	if (!l.full)
		return;
	for (v = LV_SLAB; v < LV__COUNT; v++)
		n += (used >> v) & 1;
	room = before.view[LV_SLAB].h + before.view[LV_VMALLOC].h +
	    before.view[LV_USER].h;
	if (n == 0 || n == 3 || room - (3 - n) * LAYOUT_IDLE_H < n * 6) {
		REQUIRE(memcmp(&l, &before, sizeof l) == 0);
		return;
	}
	for (v = LV_SLAB; v < LV__COUNT; v++)
		if (!((used >> v) & 1))
			REQUIRE(l.view[v].h == LAYOUT_IDLE_H);
		else
			REQUIRE(l.view[v].h >=
			    (room - (3 - n) * LAYOUT_IDLE_H) / n);
}

START_TEST(test_weigh)
{
	int	 cols, rows;
	unsigned used;

	for (cols = 80; cols <= 300; cols += 7)
		for (rows = 24; rows <= 90; rows++)
			for (used = 0; used < 16; used += 2)
				check_weigh(cols, rows, used);
}
END_TEST

/* 128x40, a user-space lesson: the user view gets what slab and vmalloc
 * do not use. */
START_TEST(test_weigh_user_lesson)
{
	struct layout l;

	layout_compute(128, 40, -1, 0, &l);
	layout_weigh(&l, 1u << LV_USER);
	ck_assert_int_eq(l.view[LV_SLAB].h, 3);
	ck_assert_int_eq(l.view[LV_VMALLOC].h, 3);
	ck_assert_int_eq(l.view[LV_USER].y, l.view[LV_VMALLOC].y + 3);
	ck_assert_int_ge(l.view[LV_USER].h, 20);
}
END_TEST

START_TEST(test_every_size_presenting)
{
	int cols, rows, zoom, insp, status;

	for (cols = 20; cols <= 400; cols += 3)
		for (rows = 5; rows <= 120; rows++)
			for (zoom = -1; zoom < 1; zoom++)
				for (insp = 0; insp < 2; insp++)
					for (status = 0; status < 2; status++)
						check_band(cols, rows, zoom,
						    insp, status);
}
END_TEST

/* 80x24 and a 1024x768 projector's usual 128x48: the band's height. */
START_TEST(test_band_rows)
{
	struct layout l;

	ck_assert_int_eq(layout_band_rows(80, 24), 7);
	ck_assert_int_eq(layout_band_rows(128, 48), 8);
	ck_assert_int_eq(layout_band_rows(200, 60), 12);
	layout_compute_band(80, 24, -1, 0, 7, 0, &l);
	ck_assert_int_eq(l.caption.h, 7);
	ck_assert_int_eq(l.view[LV_RAM].y, 7);
	ck_assert_int_eq(l.view[LV_RAM].h, 16);
	ck_assert_int_eq(l.detail.x, l.view[LV_RAM].w);
	ck_assert_int_eq(l.detail.y, 17);
	ck_assert_int_eq(l.detail.h, 6);
	ck_assert_int_eq(l.narration.y, 23);
	ck_assert_int_eq(l.status.h, 0);
	/* Too little room for the band: it goes, the views stay. */
	layout_compute_band(40, 10, -1, 0, 7, 1, &l);
	ck_assert_int_eq(l.caption.h, 0);
	ck_assert_int_eq(l.view[LV_RAM].h, 8);
}
END_TEST

START_TEST(test_every_size)
{
	int cols, rows, zoom, insp;

	for (cols = 20; cols <= 400; cols++)
		for (rows = 5; rows <= 120; rows++)
			for (zoom = -1; zoom < LV__COUNT; zoom++)
				for (insp = 0; insp < 2; insp++)
					check_one(cols, rows, zoom, insp);
}
END_TEST

START_TEST(test_80x24)
{
	struct layout l;

	layout_compute(80, 24, -1, 0, &l);
	/* RAM on the left half, all 22 rows; beside it three views of 16
	 * rows stacked 6/5/5 and the detail panel's 6 rows under them. */
	ck_assert_int_eq(l.view[LV_RAM].w, 40);
	ck_assert_int_eq(l.view[LV_RAM].h, 22);
	ck_assert_int_eq(l.view[LV_SLAB].x, 40);
	ck_assert_int_eq(l.view[LV_SLAB].h, 6);
	ck_assert_int_eq(l.view[LV_VMALLOC].y, 6);
	ck_assert_int_eq(l.view[LV_USER].y, 11);
	ck_assert_int_eq(l.view[LV_USER].h, 5);
	ck_assert_int_eq(l.detail.y, 16);
	ck_assert_int_eq(l.detail.x, 40);
	ck_assert_int_eq(l.detail.w, 40);
	ck_assert_int_eq(l.detail.h, 6);
	ck_assert_int_eq(layout_view_at(&l, 0, 0), LV_RAM);
	ck_assert_int_eq(layout_view_at(&l, 79, 15), LV_USER);
	ck_assert_int_eq(layout_view_at(&l, 0, 16), LV_RAM);
	ck_assert_int_eq(layout_view_at(&l, 60, 18), -1);
	ck_assert_int_eq(layout_view_at(&l, 0, 22), -1);
}
END_TEST

START_TEST(test_extremes)
{
	struct layout l;

	layout_compute(1, 1, -1, 1, &l);
	ck_assert_int_eq(l.ok, 0);
	layout_compute(0, 0, -1, 0, &l);
	ck_assert_int_eq(l.ok, 0);
	layout_compute(1000, 300, -1, 1, &l);
	ck_assert_int_eq(l.ok, 1);
	ck_assert_int_eq(l.inspect.w, 64);
	ck_assert_int_eq(l.inspect.x + l.inspect.w, 1000);
	ck_assert_str_eq(layout_view_name(LV_VMALLOC), "vmalloc");
	ck_assert_str_eq(layout_view_name(9), "?");
}
END_TEST

/*
 * The band a lesson reserves: a title row and its lines, double-spaced
 * when presenting and that fits, never above the terminal's band; the
 * same input gives the same band (it is computed once per lesson).
 */
START_TEST(test_caption_band)
{
	int cols, rows, present, lines, b, max;

	ck_assert_int_eq(layout_caption_band(80, 24, 1, 3), 7);
	ck_assert_int_eq(layout_caption_band(80, 24, 1, 6), 7);
	ck_assert_int_eq(layout_caption_band(80, 24, 0, 6), 5);
	ck_assert_int_eq(layout_caption_band(80, 24, 0, 1), 2);
	ck_assert_int_eq(layout_caption_band(80, 24, 0, 0), 0);
	ck_assert_int_eq(layout_caption_band(80, 24, 1, 0), 3);
	ck_assert_int_eq(layout_caption_band(128, 40, 1, 3), 7);
	ck_assert_int_eq(layout_caption_band(128, 40, 1, 5), 6);
	for (cols = 20; cols <= 300; cols += 7)
		for (rows = 5; rows <= 90; rows++)
			for (present = 0; present < 2; present++)
				for (lines = 0; lines < 40; lines++) {
					b = layout_caption_band(cols, rows,
					    present, lines);
					max = layout_band_rows(cols, rows);
					if (!present)
						max = max / 2 + 2;
					ck_assert_int_ge(b, 0);
					ck_assert_int_le(b, max);
					ck_assert_int_ge(b,
					    lines > 0 && lines + 1 <= max ?
						lines + 1 :
						0);
				}
}
END_TEST

/*
 * The /proc panel: in the full layout it and the kept view tile the
 * stacked column exactly, the others are hidden, and the RAM grid's
 * rectangle (so its frames per cell) is what it was without the panel.
 */
static void
check_panel(int cols, int rows, int keep, int insp)
{
	struct layout l, before;
	struct rect   p, col;
	int	      zoom = -1, v;
	long	      area;

	layout_compute_band(cols, rows, -1, insp, 5, 1, &before);
	l = before;
	p = layout_show_panel(&l, keep);
	if (!l.ok) {
		REQUIRE(!shown(&p));
		return;
	}
	REQUIRE(memcmp(&l.view[LV_RAM], &before.view[LV_RAM],
		    sizeof l.view[LV_RAM]) == 0);
	REQUIRE(inside(&p, cols, rows) && shown(&p));
	if (!l.full) {
		REQUIRE(overlap(&p, &l.view[LV_RAM]) && p.h >= 1);
		return;
	}
	col = before.view[LV_SLAB];
	col.h = before.view[LV_USER].y + before.view[LV_USER].h - col.y;
	area = (long)p.w * p.h;
	for (v = LV_SLAB; v < LV__COUNT; v++) {
		REQUIRE(shown(&l.view[v]) == (v == keep));
		if (v != keep)
			continue;
		REQUIRE(!overlap(&p, &l.view[v]) && l.view[v].h >= col.h / 2);
		area += (long)l.view[v].w * l.view[v].h;
	}
	REQUIRE(area == (long)col.w * col.h && p.x == col.x && p.w == col.w);
	REQUIRE(p.y >= col.y && p.y + p.h <= col.y + col.h);
	if (keep == LV_USER)
		REQUIRE(l.view[LV_USER].y + l.view[LV_USER].h == col.y + col.h);
	REQUIRE(layout_view_at(&l, p.x, p.y) == -1);
	REQUIRE(layout_rect_has(&p, p.x + p.w - 1, p.y + p.h - 1));
}

START_TEST(test_show_panel)
{
	int cols, rows, keep, insp;

	for (cols = 20; cols <= 260; cols += 3)
		for (rows = 5; rows <= 80; rows++)
			for (keep = -1; keep < LV__COUNT; keep++)
				for (insp = 0; insp < 2; insp++)
					check_panel(cols, rows, keep, insp);
}
END_TEST

/* 80x24 in a lesson: maps beside the user view, meminfo under vmalloc,
 * the detail panel under both. */
START_TEST(test_show_panel_80x24)
{
	struct layout l;
	struct rect   p;

	layout_compute_band(80, 24, -1, 0, 5, 1, &l);
	p = layout_show_panel(&l, LV_USER);
	ck_assert_int_eq(p.x, 40);
	ck_assert_int_eq(p.y, 5);
	ck_assert_int_eq(p.h, 6);
	ck_assert_int_eq(l.view[LV_USER].y, 11);
	ck_assert_int_eq(l.view[LV_USER].h, 5);
	/* The detail panel stays under them, beside the grid. */
	ck_assert_int_eq(l.detail.x, 40);
	ck_assert_int_eq(l.detail.y, 16);
	ck_assert_int_eq(l.detail.h, 6);
	ck_assert_int_eq(l.view[LV_SLAB].w, 0);
	layout_compute_band(80, 24, -1, 0, 5, 1, &l);
	p = layout_show_panel(&l, LV_VMALLOC);
	ck_assert_int_eq(l.view[LV_VMALLOC].y, 5);
	ck_assert_int_eq(p.y, 5 + l.view[LV_VMALLOC].h);
	ck_assert_int_eq(p.y + p.h, l.detail.y);
	layout_compute_band(80, 24, -1, 0, 5, 1, &l);
	p = layout_show_panel(&l, LV_RAM);
	ck_assert_int_eq(p.h, 17 - l.detail.h);
	ck_assert_int_eq(layout_view_at(&l, 60, 10), -1);
	ck_assert_int_eq(layout_view_at(&l, 10, 10), LV_RAM);
}
END_TEST

/* Opening the inspector never resizes the grid, docked or not. */
START_TEST(test_inspector_keeps_grid)
{
	struct layout a, b;
	int	      cols, rows;

	for (cols = 80; cols <= 400; cols++)
		for (rows = 24; rows <= 80; rows += 7) {
			layout_compute(cols, rows, -1, 0, &a);
			layout_compute(cols, rows, -1, 1, &b);
			ck_assert_int_eq(a.view[LV_RAM].w, b.view[LV_RAM].w);
			ck_assert_int_eq(a.view[LV_RAM].h, b.view[LV_RAM].h);
		}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_size);
	tcase_add_test(tc, test_80x24);
	tcase_add_test(tc, test_extremes);
	tcase_add_test(tc, test_every_size_presenting);
	tcase_add_test(tc, test_weigh);
	tcase_add_test(tc, test_weigh_user_lesson);
	tcase_add_test(tc, test_band_rows);
	tcase_add_test(tc, test_caption_band);
	tcase_add_test(tc, test_show_panel);
	tcase_add_test(tc, test_show_panel_80x24);
	tcase_add_test(tc, test_inspector_keeps_grid);
	suite_add_tcase(s, tc);
	return check_run(s);
}
