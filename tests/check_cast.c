/*
 * check_cast.c - asciicast v2 recordings without a terminal: the header,
 * output events that redraw only what changed, resizes, markers and
 * their labels, and JSON escaping.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "ui/cast.h"
#include "check-run.h"

START_TEST(test_json)
{
	struct sbuf b = SBUF_INIT;

	json_str(&b, "a\"b\\c\n\x1b\x7f\xe2\x95\xb3");
	ck_assert_str_eq(sbuf_str(&b),
	    "\"a\\\"b\\\\c\\n\\u001b\\u007f\xe2\x95\xb3\"");
	sbuf_reset(&b);
	json_str(&b, NULL);
	ck_assert_str_eq(sbuf_str(&b), "null");
	sbuf_free(&b);
}
END_TEST

START_TEST(test_header)
{
	struct export_theme t = { 0xd0d0d0, 0x000000 };
	struct sbuf	    b = SBUF_INIT;

	cast_header(&t, 100, 30, "a \"title\"", &b);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
	    "{\"version\":2,\"width\":100,\"height\":30,"
	    "\"title\":\"a \\\"title\\\"\""));
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
	    "\"fg\":\"#d0d0d0\",\"bg\":\"#000000\","
	    "\"palette\":\"#000000:#cd0000:"));
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b), ":#ffffff\"}}\n"));
	sbuf_free(&b);
}
END_TEST

START_TEST(test_frames)
{
	struct cast	   c = { { 0, 0, NULL } };
	struct export_grid g;
	struct sbuf	   b = SBUF_INIT;

	export_grid_init(&g, 4, 2);
	export_cell_at(&g, 1, 0)->ch = 'x';
	export_cell_at(&g, 1, 0)->fg = 1;
	ck_assert_int_eq(cast_frame(&c, &g, 1500, &b), 1);
	/* A clear screen, then only the one cell that is not blank. */
	ck_assert_str_eq(sbuf_str(&b),
	    "[1.500,\"o\",\"\\u001b[?25l\\u001b[0m\\u001b[H\\u001b[2J"
	    "\\u001b[1;2H\\u001b[0;31;49mx\"]\n");
	sbuf_reset(&b);
	ck_assert_int_eq(cast_frame(&c, &g, 1600, &b), 0);
	ck_assert_uint_eq(b.len, 0);
	/* Two neighbours change: one move, one pen for both. */
	export_cell_at(&g, 2, 1)->ch = 'y';
	export_cell_at(&g, 3, 1)->ch = 'z';
	export_cell_at(&g, 2, 1)->bg = export_cell_at(&g, 3, 1)->bg = 200;
	export_cell_at(&g, 2, 1)->attr = export_cell_at(&g, 3, 1)
					     ->attr = EXPORT_BOLD |
	    EXPORT_REVERSE;
	cast_frame(&c, &g, 2000, &b);
	ck_assert_str_eq(sbuf_str(&b),
	    "[2.000,\"o\",\"\\u001b[2;3H\\u001b[0;1;7;39;48;5;200myz\"]\n");
	export_grid_free(&g);
	sbuf_reset(&b);
	/* A new size: a resize event, then the screen drawn afresh. */
	export_grid_init(&g, 3, 3);
	cast_frame(&c, &g, 2500, &b);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
	    "[2.500,\"r\",\"3x3\"]\n"
	    "[2.500,\"o\",\"\\u001b[?25l"));
	export_grid_free(&g);
	cast_free(&c);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_marker)
{
	struct sbuf b = SBUF_INIT;
	char	   *s;

	cast_marker(12345, "kmalloc \"rounds\" up.", &b);
	ck_assert_str_eq(sbuf_str(&b),
	    "[12.345,\"m\",\"kmalloc \\\"rounds\\\" up.\"]\n");
	sbuf_free(&b);
	s = cast_label("  kmalloc(100) rounds up to 128. Then more.");
	ck_assert_str_eq(s, "kmalloc(100) rounds up to 128.");
	free(s);
	/* A dot inside a word or a number does not end the sentence. */
	s = cast_label("glibc 2.36 keeps e.g.tcache\nsecond line");
	ck_assert_str_eq(s, "glibc 2.36 keeps e.g.tcache");
	free(s);
	s = cast_label(NULL);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

static Suite *
cast_suite(void)
{
	Suite *s = suite_create("cast");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_header);
	tcase_add_test(tc, test_frames);
	tcase_add_test(tc, test_marker);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(cast_suite());
}
