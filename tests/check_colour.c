/*
 * check_colour.c - colour assignment: owners, free orders, the palette
 * of caches and areas; no terminal needed.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/colour.h"
#include "sim/page/phys.h"
#include "check-run.h"

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
				ck_assert_msg(ra != rb, "%s and %s share a role",
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
	unsigned start, i, slot;
	unsigned char seen[64];

	for (start = 0; start < 200; start++) {
		memset(seen, 0, sizeof seen);
		for (i = 0; i < len; i++) {
			slot = colour_palette_slot(start + i, len);
			ck_assert_uint_lt(slot, len);
			ck_assert_msg(!seen[slot], "len %u: index %u repeats slot "
			    "%u", len, start + i, slot);
			seen[slot] = 1;
		}
		ck_assert(len < 2 || colour_palette_slot(start, len) !=
		    colour_palette_slot(start + 1, len));
	}
}

START_TEST(test_palette_neighbours_differ)
{
	assert_palette(2);
	assert_palette(COLOUR_PALETTE_8);
	assert_palette(COLOUR_PALETTE_256);
	ck_assert_uint_eq(colour_palette_len(0, 256), 2);
	ck_assert_uint_eq(colour_palette_len(1, 8), COLOUR_PALETTE_8);
	ck_assert_uint_eq(colour_palette_len(1, 256), COLOUR_PALETTE_256);
}
END_TEST

/*
 * The projector theme: every role on an explicit background (never the
 * terminal's default), a foreground that differs from it, and no
 * A_DIM, which a projector washes out.
 */
START_TEST(test_present_theme_contrast)
{
	short fg, bg;
	attr_t a;
	int r;

	for (r = 0; r < CR__COUNT; r++) {
		colour_role_colours(r, 1, &fg, &bg, &a);
		ck_assert_msg(bg >= 0 && fg >= 0, "%s has a default colour",
		    colour_role_name(r));
		ck_assert_msg(fg != bg, "%s: fg == bg", colour_role_name(r));
		ck_assert_msg(!(a & A_DIM), "%s is dim", colour_role_name(r));
	}
	colour_role_colours(CR_TEXT, 1, &fg, &bg, &a);
	ck_assert_int_eq(bg, COLOR_BLACK);
	ck_assert_int_eq(fg, COLOR_WHITE);
	/* The ordinary theme is the table's. */
	colour_role_colours(CR_TEXT, 0, &fg, &bg, &a);
	ck_assert_int_eq(bg, -1);
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
	tcase_add_test(tc, test_present_theme_contrast);
	suite_add_tcase(s, tc);
	return check_run(s);
}
