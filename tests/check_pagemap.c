/*
 * check_pagemap.c - the mapping picture's layout for every box from
 * 20x5 to 400x120: items inside the box, no two on one cell, every page
 * of an area of up to 16 pages labelled on the virtual row and, with
 * the same label, in the physical strip; a contiguous run drawn as one
 * word; a large area summarised.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pagemap.h"
#include "check-run.h"

#define NFRAMES 4096

/* Cheap checks in the hot loop: ck_assert costs a pipe write each. */
#define REQUIRE(c) \
	do { \
		if (!(c)) \
			ck_abort_msg("%dx%d %s: %s", in->w, in->h, what, #c); \
	} while (0)

enum scenario {
	SC_SCATTER,
	SC_RUN,
	SC_KMALLOC,
	SC_USER,
	SC_ONE,
	SC_BIG,
	SC__COUNT
};
static const char *const sc_names[] = { "16 scattered", "16 in one run",
	"kmalloc 4 pages", "user 16", "one page", "1024 pages" };

static struct pagemap_page pages[1024];

/* The pages of a scenario, with pfns from a fixed LCG (no two equal). */
static void
scenario(enum scenario sc, struct pagemap_in *in)
{
	uint64_t x = 12345;
	size_t	 i;

	memset(in, 0, sizeof *in);
	in->nframes = NFRAMES;
	in->pages = pages;
	in->npages = sc == SC_BIG ? 1024 :
	    sc == SC_KMALLOC	  ? 4 :
	    sc == SC_ONE	  ? 1 :
				    16;
	in->guard = sc == SC_SCATTER || sc == SC_BIG;
	in->run = sc == SC_KMALLOC;
	for (i = 0; i < in->npages; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		pages[i].state = PMS_FRAME;
		pages[i].pfn = sc == SC_RUN || sc == SC_KMALLOC ?
		    0x800 + i :
		    (x >> 33) % (NFRAMES / 16) * 16 + i % 16;
	}
	if (sc == SC_USER)
		for (i = 0; i < 16; i++)
			pages[i].state = i % 3 == 0 ? PMS_NONE :
			    i % 3 == 1		    ? PMS_ZERO :
						      PMS_FRAME;
	if (sc == SC_USER)
		for (i = 0; i < 16; i++)
			if (pages[i].state == PMS_ZERO)
				pages[i].pfn = 7;
}

/* Every item in the box, and no cell covered twice. */
static void
check_geometry(const struct pagemap_in *in, const struct pagemap *pm,
    unsigned char *grid, const char *what)
{
	const struct pagemap_item *it;
	size_t			   i;
	int			   x;

	memset(grid, 0, (size_t)in->w * (size_t)in->h);
	for (i = 0; i < pm->n; i++) {
		it = &pm->items[i];
		REQUIRE(it->w >= 1 && it->x >= 0 && it->y >= 0);
		REQUIRE(it->x + it->w <= in->w && it->y < in->h);
		for (x = it->x; x < it->x + it->w; x++) {
			REQUIRE(!grid[it->y * in->w + x]);
			grid[it->y * in->w + x] = 1;
		}
	}
	REQUIRE(pm->sx >= 0 && pm->sy >= 1 && pm->sh >= 1);
	REQUIRE(pm->sx + pm->sw <= in->w && pm->sy + pm->sh <= in->h);
}

/* Page i's label on the virtual row and, if it has a frame, the strip. */
static void
check_labels(const struct pagemap_in *in, const struct pagemap *pm,
    const char *what)
{
	const struct pagemap_item *it;
	size_t			   i, k;
	int			   virt, phys;

	for (i = 0; i < in->npages; i++) {
		virt = phys = 0;
		for (k = 0; k < pm->n; k++) {
			it = &pm->items[k];
			if (it->group != i || it->text[0] != pagemap_label(i))
				continue;
			virt += it->kind == PMI_VPAGE && it->y == 0;
			phys += it->kind == PMI_FRAME && it->y >= pm->sy;
		}
		REQUIRE(virt == 1);
		REQUIRE(phys == (in->pages[i].state == PMS_FRAME));
	}
}

/* A kmalloc's frames: "[0123]" side by side in the strip. */
static void
check_word(const struct pagemap_in *in, const struct pagemap *pm,
    const char *what)
{
	const struct pagemap_item *it, *first = NULL;
	size_t			   k;
	int			   pos0 = 0, pos;

	for (k = 0; k < pm->n; k++) {
		it = &pm->items[k];
		if (it->kind != PMI_FRAME)
			continue;
		pos = (it->y - pm->sy) * pm->sw + (it->x - pm->sx);
		if (first == NULL) {
			first = it;
			pos0 = pos - (int)it->group;
		}
		REQUIRE(pos == pos0 + (int)it->group);
	}
	REQUIRE(first != NULL);
}

static void
check_box(int w, int h, unsigned char *grid)
{
	struct pagemap_in in0, *in = &in0;
	struct pagemap	  pm;
	const char	 *what;
	int		  sc;

	for (sc = 0; sc < SC__COUNT; sc++) {
		scenario(sc, in);
		in->w = w;
		in->h = h;
		what = sc_names[sc];
		REQUIRE(pagemap_compute(in, &pm) == 0);
		check_geometry(in, &pm, grid, what);
		if (in->npages <= 16)
			check_labels(in, &pm, what);
		if (sc == SC_RUN || sc == SC_KMALLOC)
			check_word(in, &pm, what);
		if (sc == SC_BIG)
			REQUIRE(pm.per > 1 && pm.per * 62 >= in->npages);
		pagemap_free(&pm);
	}
}

START_TEST(test_every_box)
{
	unsigned char *grid = malloc(400 * 120);
	int	       w, h;

	ck_assert_ptr_nonnull(grid);
	for (w = 20; w <= 400; w++)
		for (h = 5; h <= 120; h++)
			check_box(w, h, grid);
	free(grid);
}
END_TEST

/* Down to two rows: the virtual row and one strip row still fit 16. */
START_TEST(test_small_boxes)
{
	unsigned char *grid = malloc(400 * 120);
	int	       w, h;

	ck_assert_ptr_nonnull(grid);
	for (w = 20; w <= 60; w++)
		for (h = 2; h <= 4; h++)
			check_box(w, h, grid);
	free(grid);
}
END_TEST

START_TEST(test_too_small)
{
	struct pagemap_in in;
	struct pagemap	  pm;

	scenario(SC_SCATTER, &in);
	in.w = 7;
	in.h = 5;
	ck_assert_int_eq(pagemap_compute(&in, &pm), -1);
	ck_assert_uint_eq(pm.n, 0);
	in.w = 80;
	in.h = 1;
	ck_assert_int_eq(pagemap_compute(&in, &pm), -1);
	in.h = 5;
	in.npages = 0;
	ck_assert_int_eq(pagemap_compute(&in, &pm), -1);
}
END_TEST

/* The slide at 80x24's panel: labels, two columns per page, a summary. */
START_TEST(test_slide)
{
	struct pagemap_in in;
	struct pagemap	  pm;
	size_t		  k;
	int		  summary = 0;

	scenario(SC_SCATTER, &in);
	in.w = 78;
	in.h = 4;
	ck_assert_int_eq(pagemap_compute(&in, &pm), 0);
	ck_assert_uint_eq(pm.per, 1);
	ck_assert_str_eq(pm.items[0].text, "virtual");
	ck_assert_int_eq(pm.items[2].x - pm.items[1].x, 2);
	for (k = 0; k < pm.n; k++)
		if (pm.items[k].y == 3) {
			ck_assert_str_eq(pm.items[k].text,
			    "16 pages, 16 frames in 16 runs");
			summary = 1;
		}
	ck_assert(summary);
	pagemap_free(&pm);
	scenario(SC_KMALLOC, &in);
	in.w = 78;
	in.h = 4;
	ck_assert_int_eq(pagemap_compute(&in, &pm), 0);
	ck_assert_str_eq(pm.items[pm.n - 1].text,
	    "4 pages, 4 frames in one run");
	pagemap_free(&pm);
}
END_TEST

/*
 * A zoomed strip (the frames lie in pfns 0x4..0x9b of a 16M machine):
 * page 0 at 0x4, pages 1-3 at 0x99-0x9b, pages 4-b at 0x8-0xf.  Each
 * mark lands where its frame is, so 4-b come before 1-3 in the strip
 * (in a strip of all RAM they would crowd one cell and be pushed after
 * 1-3, a false run), and the summary names the stretch shown.
 */
START_TEST(test_zoomed_strip)
{
	static struct pagemap_page pages[12];
	struct pagemap_in	   in;
	struct pagemap		   pm;
	size_t			   k;
	int			   x1 = -1, x4 = -1, y1 = 0, y4 = 0;
	const char		  *sum = NULL;

	pages[0].pfn = 0x4;
	for (k = 1; k < 4; k++)
		pages[k].pfn = 0x98 + k;
	for (k = 4; k < 12; k++)
		pages[k].pfn = 0x4 + k;
	for (k = 0; k < 12; k++)
		pages[k].state = PMS_FRAME;
	memset(&in, 0, sizeof in);
	in.w = 38;
	in.h = 4;
	in.pages = pages;
	in.npages = 12;
	in.ram = 4096;
	in.first = 0;
	in.nframes = 0xb2;
	ck_assert_int_eq(pagemap_compute(&in, &pm), 0);
	for (k = 0; k < pm.n; k++) {
		if (pm.items[k].kind == PMI_FRAME && pm.items[k].group == 1) {
			x1 = pm.items[k].x;
			y1 = pm.items[k].y;
		}
		if (pm.items[k].kind == PMI_FRAME && pm.items[k].group == 4) {
			x4 = pm.items[k].x;
			y4 = pm.items[k].y;
		}
		if (pm.items[k].kind == PMI_TEXT && pm.items[k].y == 3)
			sum = pm.items[k].text;
	}
	ck_assert(x1 >= 0 && x4 >= 0);
	ck_assert_msg(y4 * 1000 + x4 < y1 * 1000 + x1,
	    "page 4 (pfn 0x8) is drawn after page 1 (pfn 0x99)");
	ck_assert_ptr_nonnull(sum);
	ck_assert_ptr_nonnull(strstr(sum, "pfns 0-0xb1"));
	pagemap_free(&pm);
}
END_TEST

START_TEST(test_labels)
{
	ck_assert_int_eq(pagemap_label(0), '0');
	ck_assert_int_eq(pagemap_label(15), 'f');
	ck_assert_int_eq(pagemap_label(61), 'Z');
	ck_assert_int_eq(pagemap_label(62), '+');
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("pagemap");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_box);
	tcase_add_test(tc, test_small_boxes);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_slide);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_zoomed_strip);
	suite_add_tcase(s, tc);
	return check_run(s);
}
