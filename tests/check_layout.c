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
#define REQUIRE(c) do {						\
	if (!(c))							\
		ck_abort_msg("%dx%d zoom %d insp %d: %s", cols, rows,	\
		    zoom, insp, #c);					\
} while (0)

static int
overlap(const struct rect *a, const struct rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Pairwise disjoint and areas summing to the screen: an exact tiling. */
static int
tiles(const struct layout *l, int cols, int rows)
{
	const struct rect *r[LV__COUNT + 4];
	long area = 0;
	int n = 0, i, j;

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
	return !shown(r) || (r->x >= 0 && r->y >= 0 &&
	    r->x + r->w <= cols && r->y + r->h <= rows);
}

static void
check_one(int cols, int rows, int zoom, int insp)
{
	struct layout l;
	int v, nshown = 0;

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
		/* The detail panel under the views, its 4 lines of content
		 * as wide as the views together (80 columns at least). */
		REQUIRE(l.detail.h >= 6 && l.detail.x == 0 &&
		    l.detail.y == rows - 2 - l.detail.h);
		REQUIRE(l.detail.w == cols - (l.inspect_overlay ? 0 :
		    l.inspect.w) && l.detail.w >= 80);
		REQUIRE(l.view[LV_RAM].h == rows - 2 - l.detail.h);
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
	REQUIRE(!shown(&l.caption) || (l.caption.y == 0 && l.caption.x == 0 &&
	    l.caption.w == cols && l.caption.h <= band));
	for (v = 0; v < LV__COUNT; v++) {
		REQUIRE(inside(&l.view[v], cols, rows));
		REQUIRE(!shown(&l.view[v]) ||
		    (l.view[v].y >= l.caption.h && l.view[v].h >= 3));
	}
	if (zoom < 0 && cols >= 80 && rows >= 24)
		REQUIRE(l.full == 1 && l.view[LV_RAM].h == rows -
		    l.caption.h - lines - l.detail.h &&
		    (l.detail.h >= 6) == (rows - l.caption.h - lines >= 14));
	/* A question: the detail's rows go back to the views. */
	layout_drop_detail(&l);
	REQUIRE(tiles(&l, cols, rows) && !shown(&l.detail));
	if (zoom < 0 && cols >= 80 && rows >= 24)
		REQUIRE(l.view[LV_RAM].h == rows - l.caption.h - lines);
}

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
	ck_assert_int_eq(l.view[LV_RAM].h, 10);
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
	/* RAM on the left half, three views of 16 rows stacked 6/5/5,
	 * the detail panel's 6 rows across the bottom. */
	ck_assert_int_eq(l.view[LV_RAM].w, 40);
	ck_assert_int_eq(l.view[LV_RAM].h, 16);
	ck_assert_int_eq(l.view[LV_SLAB].x, 40);
	ck_assert_int_eq(l.view[LV_SLAB].h, 6);
	ck_assert_int_eq(l.view[LV_VMALLOC].y, 6);
	ck_assert_int_eq(l.view[LV_USER].y, 11);
	ck_assert_int_eq(l.view[LV_USER].h, 5);
	ck_assert_int_eq(l.detail.y, 16);
	ck_assert_int_eq(l.detail.w, 80);
	ck_assert_int_eq(l.detail.h, 6);
	ck_assert_int_eq(layout_view_at(&l, 0, 0), LV_RAM);
	ck_assert_int_eq(layout_view_at(&l, 79, 15), LV_USER);
	ck_assert_int_eq(layout_view_at(&l, 0, 16), -1);
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
	tcase_add_test(tc, test_band_rows);
	suite_add_tcase(s, tc);
	return check_run(s);
}
