/*
 * check_colour.c - colour assignment: owners, free orders, the palettes
 * of caches and areas, and their legibility: every look's contrast in
 * every theme and colour depth, and the owners' colours kept apart for
 * viewers with deuteranopia or protanopia; no terminal needed.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/colour.h"
#include "ui/export.h"
#include "sim/page/phys.h"
#include "check-run.h"
#include "contrast-lib.h"

START_TEST(test_owner_roles_distinct)
{
	int a, b, ra, rb;

	/* Every owner drawn by role has its own role; slab and vmalloc go
	 * to the palette so each cache and area can differ. */
	ck_assert_int_eq(colour_owner_role(FO_SLAB), -1);
	ck_assert_int_eq(colour_owner_role(FO_VMALLOC), -1);
	for (a = 0; a < FO__COUNT; a++) {
		ra = colour_owner_role(a);
		for (b = a + 1; b < FO__COUNT; b++) {
			rb = colour_owner_role(b);
			if (ra >= 0 && rb >= 0)
				ck_assert_msg(ra != rb,
				    "%s and %s share a role",
				    frame_owner_name(a), frame_owner_name(b));
		}
	}
	/* Monochrome: the glyphs alone tell owners apart. */
	for (a = 0; a < FO__COUNT; a++)
		for (b = a + 1; b < FO__COUNT; b++)
			ck_assert(frame_owner_glyph(a) != frame_owner_glyph(b));
}
END_TEST

START_TEST(test_free_orders_grouped)
{
	ck_assert_int_eq(colour_free_role(0), CR_FREE_LOW);
	ck_assert_int_eq(colour_free_role(2), CR_FREE_LOW);
	ck_assert_int_eq(colour_free_role(3), CR_FREE_MID);
	ck_assert_int_eq(colour_free_role(6), CR_FREE_MID);
	ck_assert_int_eq(colour_free_role(7), CR_FREE_HIGH);
	ck_assert_int_eq(colour_free_role(MAX_PAGE_ORDER), CR_FREE_HIGH);
}
END_TEST

/* Any len consecutive indices get len different slots. */
static void
assert_palette(unsigned len)
{
	unsigned      start, i, slot;
	unsigned char seen[64];

	for (start = 0; start < 200; start++) {
		memset(seen, 0, sizeof seen);
		for (i = 0; i < len; i++) {
			slot = colour_palette_slot(start + i, len);
			ck_assert_uint_lt(slot, len);
			ck_assert_msg(!seen[slot],
			    "len %u: index %u repeats slot "
			    "%u",
			    len, start + i, slot);
			seen[slot] = 1;
		}
		ck_assert(len < 2 ||
		    colour_palette_slot(start, len) !=
			colour_palette_slot(start + 1, len));
	}
}

START_TEST(test_palette_neighbours_differ)
{
	assert_palette(2);
	assert_palette(COLOUR_PALETTE_8);
	assert_palette(COLOUR_PALETTE_256);
	assert_palette(COLOUR_AREAS_8);
	assert_palette(COLOUR_AREAS_256);
	ck_assert_uint_eq(colour_palette_len(0, 256), 2);
	ck_assert_uint_eq(colour_palette_len(1, 8), COLOUR_PALETTE_8);
	ck_assert_uint_eq(colour_palette_len(1, 256), COLOUR_PALETTE_256);
	ck_assert_uint_eq(colour_area_len(1, 8), COLOUR_AREAS_8);
	ck_assert_uint_eq(colour_area_len(1, 256), COLOUR_AREAS_256);
}
END_TEST

/* The colour depths and themes every look is checked in. */
static const struct {
	int ncolours, present;
} looks_in[] = { { 8, 0 }, { 8, 1 }, { 256, 0 }, { 256, 1 } };
#define NLOOKS_IN (sizeof looks_in / sizeof looks_in[0])

/*
 * A look's contrast, with the RGB the HTML export gives its colours.
 * On 8 colours a bold glyph may be shown bright (xterm's boldColors):
 * that must pass too.
 */
static void
assert_contrast(const char *what, const struct colour_look *k, int ncolours,
    double min)
{
	uint32_t fg = export_rgb(k->fg, 0), bg = export_rgb(k->bg, 0);
	double	 r = contrast_ratio(fg, bg);

	ck_assert_msg(k->fg >= 0 && k->bg >= 0 && k->fg < ncolours &&
		k->bg < ncolours,
	    "%s (%d colours): colour %d on %d", what, ncolours, k->fg, k->bg);
	ck_assert_msg(!(k->attr & A_DIM), "%s is dim", what);
	ck_assert_msg(r >= min,
	    "%s (%d colours): #%06x on #%06x is %.2f:1, "
	    "under %.1f:1",
	    what, ncolours, fg, bg, r, min);
	if (ncolours == 8 && (k->attr & A_BOLD) && k->fg < 8) {
		r = contrast_ratio(export_rgb(k->fg + 8, 0), bg);
		ck_assert_msg(r >= min, "%s bold as bright: %.2f:1", what, r);
	}
}

/* The roles the views draw as bars (view-user.c, view-vmalloc.c). */
static const int bar_roles[] = { CR_ANON, CR_DIM, CR_SELECT, CR_ANIM };

START_TEST(test_roles_contrast)
{
	struct colour_look k;
	unsigned	   i, b;
	int		   r, nc, pr;

	for (i = 0; i < NLOOKS_IN; i++) {
		nc = looks_in[i].ncolours;
		pr = looks_in[i].present;
		for (r = 0; r < CR__COUNT; r++) {
			colour_look(r, nc, pr, &k);
			assert_contrast(colour_role_name(r), &k, nc,
			    CONTRAST_TEXT);
		}
		for (b = 0; b < sizeof bar_roles / sizeof bar_roles[0]; b++) {
			colour_bar_look(bar_roles[b], nc, pr, &k);
			assert_contrast(colour_role_name(bar_roles[b]), &k, nc,
			    CONTRAST_GRAPHIC);
		}
	}
}
END_TEST

/* A cache's glyph on its cell, an area's glyph on the background. */
START_TEST(test_palettes_contrast)
{
	struct colour_look k;
	unsigned	   i, s;
	int		   nc;

	for (i = 0; i < NLOOKS_IN; i++) {
		nc = looks_in[i].ncolours;
		for (s = 0; s < colour_palette_len(1, nc); s++) {
			colour_palette_look(s, nc, &k);
			assert_contrast("slab palette", &k, nc, CONTRAST_TEXT);
		}
		for (s = 0; s < colour_area_len(1, nc); s++) {
			colour_area_look(s, nc, looks_in[i].present, &k);
			assert_contrast("vmalloc area", &k, nc, CONTRAST_TEXT);
		}
	}
}
END_TEST

/*
 * On 8 colours a vmalloc area and a slab cache must not look alike:
 * areas are coloured glyphs on the background, caches coloured cells.
 */
START_TEST(test_vmalloc_slab_differ_8)
{
	struct colour_look text, area, cache;
	unsigned	   a, c;

	colour_look(CR_TEXT, 8, 0, &text);
	for (a = 0; a < COLOUR_AREAS_8; a++) {
		colour_area_look(a, 8, 0, &area);
		ck_assert_int_eq(area.bg, text.bg);
		for (c = 0; c < COLOUR_PALETTE_8; c++) {
			colour_palette_look(c, 8, &cache);
			ck_assert_int_ne(cache.bg, text.bg);
		}
	}
}
END_TEST

/*
 * The colours that tell owners apart on 256 colours: a cell's colour
 * (an owner drawn as a coloured cell) or a glyph's (drawn on the
 * background); cells are compared with cells, glyphs with glyphs.
 */
#define OWNER_COLOURS 8
struct owner_colours {
	const char *name;
	int	    cell; /* 1: cell colours, 0: glyph colours */
	unsigned    n;
	short	    c[OWNER_COLOURS];
};

static void
owner_from_look(struct owner_colours *o, const struct colour_look *k,
    const struct colour_look *text)
{
	o->cell = k->bg != text->bg;
	o->c[o->n++] = o->cell ? k->bg : k->fg;
}

/* One owner's colours: its palette, its free orders, or its role. */
static void
owner_gather(struct owner_colours *o, int f, int present,
    const struct colour_look *text)
{
	struct colour_look k;
	unsigned	   s;

	*o = (struct owner_colours){ frame_owner_name(f), 0, 0, { 0 } };
	for (s = 0; f == FO_SLAB && s < COLOUR_PALETTE_256; s++) {
		colour_palette_look(s, 256, &k);
		owner_from_look(o, &k, text);
	}
	for (s = 0; f == FO_VMALLOC && s < COLOUR_AREAS_256; s++) {
		colour_area_look(s, 256, present, &k);
		owner_from_look(o, &k, text);
	}
	for (s = 0; f == FO_FREE && s <= MAX_PAGE_ORDER; s += 4) {
		colour_look(colour_free_role(s), 256, present, &k);
		owner_from_look(o, &k, text);
	}
	if (colour_owner_role(f) >= 0 && f != FO_FREE) {
		colour_look(colour_owner_role(f), 256, present, &k);
		owner_from_look(o, &k, text);
	}
}

/*
 * The owners, the background, the selection and event marks, and the
 * free frames held on a per-CPU list (a cell look of their own).
 */
static unsigned
owners_gather(struct owner_colours *o, int present)
{
	static const int   marks[] = { CR_SELECT, CR_ANIM, CR_PCP };
	struct colour_look text, k;
	unsigned	   n = 0, i;
	int		   f;

	colour_look(CR_TEXT, 256, present, &text);
	o[n++] = (struct owner_colours){ "the background", 1, 1, { text.bg } };
	for (f = 0; f < FO__COUNT; f++)
		owner_gather(&o[n++], f, present, &text);
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++, n++) {
		o[n] = (struct owner_colours){ colour_role_name(marks[i]), 0, 0,
			{ 0 } };
		colour_look(marks[i], 256, present, &k);
		owner_from_look(&o[n], &k, &text);
	}
	return n;
}

/* The least CIEDE2000 distance of two owners' colours, for vision v. */
static double
owners_distance(const struct owner_colours *a, const struct owner_colours *b,
    enum contrast_vision v, short *ca, short *cb)
{
	double	 la[3], lb[3], d, min = 1e9;
	unsigned i, j;

	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++) {
			contrast_lab(export_rgb(a->c[i], 0), v, la);
			contrast_lab(export_rgb(b->c[j], 0), v, lb);
			if ((d = contrast_de2000(la, lb)) < min) {
				min = d;
				*ca = a->c[i];
				*cb = b->c[j];
			}
		}
	}
	return min;
}

/*
 * Owners side by side in the RAM grid stay this far apart (CIEDE2000)
 * for normal vision, deuteranopia and protanopia; a search over the
 * 240 fixed colours found at best about 14.7 for this many colours.
 */
#define OWNERS_MIN_DE2000 12.0

static void
assert_owners_apart(int present)
{
	struct owner_colours o[FO__COUNT + 5];
	unsigned	     n = owners_gather(o, present), i, j;
	double		     d;
	short		     ca = 0, cb = 0;
	int		     v;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (o[i].cell != o[j].cell)
				continue; /* a cell and a glyph differ */
			for (v = 0; v < CV__COUNT; v++) {
				d = owners_distance(&o[i], &o[j], v, &ca, &cb);
				ck_assert_msg(d >= OWNERS_MIN_DE2000,
				    "%s %d and "
				    "%s %d: dE2000 %.1f with %s",
				    o[i].name, ca, o[j].name, cb, d,
				    contrast_vision_name(v));
			}
		}
	}
}

START_TEST(test_owners_apart_cvd)
{
	assert_owners_apart(0);
	assert_owners_apart(1);
}
END_TEST

/* Sharma, Wu and Dalal's test data, pairs 1 and 17. */
START_TEST(test_de2000)
{
	static const double a1[3] = { 50, 2.6772, -79.7751 },
			    b1[3] = { 50, 0, -82.7485 },
			    a17[3] = { 50, 2.5, 0 }, b17[3] = { 73, 25, -18 };
	double lab[3];

	ck_assert(fabs(contrast_de2000(a1, b1) - 2.0425) < 1e-3);
	ck_assert(fabs(contrast_de2000(a17, b17) - 27.1492) < 1e-3);
	ck_assert(fabs(contrast_ratio(0x000000, 0xffffff) - 21) < 1e-9);
	contrast_lab(0xffffff, CV_NORMAL, lab);
	ck_assert(fabs(lab[0] - 100) < 0.01);
	/* Red and green collapse for a deuteranope, not for others. */
	contrast_lab(0xcd0000, CV_DEUTERANOPIA, lab);
	ck_assert(fabs(lab[1]) < 10);
	contrast_lab(0xcd0000, CV_NORMAL, lab);
	ck_assert(lab[1] > 50);
}
END_TEST

START_TEST(test_role_names)
{
	int r;

	for (r = 0; r < CR__COUNT; r++)
		ck_assert(colour_role_name(r)[0] != '\0');
	ck_assert_str_eq(colour_role_name(CR_STALE), "stale");
	ck_assert_str_eq(colour_role_name(CR__COUNT), "?");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("colour");
	TCase *tc = tcase_create("colour");

	tcase_add_test(tc, test_owner_roles_distinct);
	tcase_add_test(tc, test_free_orders_grouped);
	tcase_add_test(tc, test_palette_neighbours_differ);
	tcase_add_test(tc, test_role_names);
	tcase_add_test(tc, test_roles_contrast);
	tcase_add_test(tc, test_palettes_contrast);
	tcase_add_test(tc, test_vmalloc_slab_differ_8);
	tcase_add_test(tc, test_owners_apart_cvd);
	tcase_add_test(tc, test_de2000);
	suite_add_tcase(s, tc);
	return check_run(s);
}
