/*
 * check_export.c - rendering a captured screen: text lines, HTML runs,
 * escaping, reverse video and the xterm colour numbers; no terminal.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/export.h"
#include "check-run.h"

/* A 6x2 grid: "a<b" in red on default, bold; "╳" reversed; row 2 blank. */
static void
sample(struct export_grid *g)
{
	struct export_cell *c;

	export_grid_init(g, 6, 2);
	c = export_cell_at(g, 0, 0);
	c[0].ch = 'a';
	c[1].ch = '<';
	c[2].ch = 'b';
	c[0].fg = c[1].fg = c[2].fg = 1;
	c[0].attr = c[1].attr = c[2].attr = EXPORT_BOLD;
	c[3].ch = 0x2573;
	c[3].attr = EXPORT_REVERSE;
	c[3].fg = 2;
	c[3].bg = 0;
}

START_TEST(test_text)
{
	struct export_grid g;
	struct sbuf	   b = SBUF_INIT;

	sample(&g);
	export_text(&g, &b);
	/* Trailing blanks dropped, the box character as UTF-8. */
	ck_assert_str_eq(sbuf_str(&b), "a<b\xe2\x95\xb3\n\n");
	sbuf_free(&b);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_html)
{
	struct export_grid  g;
	struct export_theme t = { 0xe5e5e5, 0x000000 };
	struct sbuf	    b = SBUF_INIT;
	const char	   *s;

	sample(&g);
	export_html_begin(&t, "a & b", &b);
	export_html_frame(&g, &t, "pause 1 of 2", &b);
	export_html_end(&b);
	s = sbuf_str(&b);
	ck_assert(strncmp(s, "<!DOCTYPE html>", 15) == 0);
	ck_assert(strstr(s, "<title>a &amp; b</title>") != NULL);
	ck_assert(strstr(s, "pause 1 of 2") != NULL);
	/* One run for the three bold red cells: xterm red is #cd0000. */
	ck_assert_msg(strstr(s,
			  "<span style=\"color:#cd0000;background:"
			  "#000000;font-weight:bold\">a&lt;b</span>") != NULL,
	    "%s", s);
	/* Reverse: green (#00cd00) on black becomes black on green. */
	ck_assert(strstr(s,
		      "<span style=\"color:#000000;background:#00cd00"
		      "\">\xe2\x95\xb3</span>") != NULL);
	/* Default colours are the theme's. */
	ck_assert(strstr(s, "color:#e5e5e5;background:#000000\">  </span>") !=
	    NULL);
	ck_assert(strstr(s, "</body></html>\n") != NULL);
	ck_assert(strstr(s, "<script") == NULL && strstr(s, "<link") == NULL);
	sbuf_free(&b);
	export_grid_free(&g);
}
END_TEST

/* xterm's 256-colour table: the cube and the grey ramp. */
START_TEST(test_rgb)
{
	ck_assert_uint_eq(export_rgb(-1, 0x123456), 0x123456);
	ck_assert_uint_eq(export_rgb(7, 0), 0xe5e5e5);
	ck_assert_uint_eq(export_rgb(16, 0), 0x000000);
	ck_assert_uint_eq(export_rgb(196, 0), 0xff0000);
	ck_assert_uint_eq(export_rgb(208, 0), 0xff8700);
	ck_assert_uint_eq(export_rgb(231, 0), 0xffffff);
	ck_assert_uint_eq(export_rgb(232, 0), 0x080808);
	ck_assert_uint_eq(export_rgb(255, 0), 0xeeeeee);
}
END_TEST

/*
 * Dim is written as the colour the eye gets, halfway to the
 * background, not as an opacity a contrast checker cannot read.
 */
START_TEST(test_dim)
{
	struct export_grid  g;
	struct export_theme t = { 0xe5e5e5, 0x000000 };
	struct sbuf	    b = SBUF_INIT;
	const char	   *s;

	export_grid_init(&g, 1, 1);
	g.cells[0].ch = 'x';
	g.cells[0].fg = 15;
	g.cells[0].bg = 4;
	g.cells[0].attr = EXPORT_DIM;
	export_html_frame(&g, &t, NULL, &b);
	s = sbuf_str(&b);
	/* White (#ffffff) on xterm blue (#0000ee): the mean is #7f7ff6. */
	ck_assert_msg(strstr(s,
			  "<span style=\"color:#7f7ff6;background:"
			  "#0000ee\">x</span>") != NULL,
	    "%s", s);
	ck_assert(strstr(s, "opacity") == NULL);
	sbuf_free(&b);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_bounds)
{
	struct export_grid g;

	export_grid_init(&g, 3, 2);
	ck_assert_ptr_nonnull(export_cell_at(&g, 2, 1));
	ck_assert_ptr_null(export_cell_at(&g, 3, 0));
	ck_assert_ptr_null(export_cell_at(&g, 0, 2));
	ck_assert_ptr_null(export_cell_at(&g, -1, 0));
	export_grid_free(&g);
}
END_TEST

/* A wide glyph's right half (capture.c marks it) is not written again. */
START_TEST(test_wide)
{
	struct export_grid  g;
	struct export_cell *c;
	struct sbuf	    b = SBUF_INIT;

	export_grid_init(&g, 3, 1);
	c = export_cell_at(&g, 0, 0);
	c[0].ch = c[1].ch = 0x6f22;
	c[1].attr = EXPORT_WIDE_RIGHT;
	c[2].ch = 'x';
	export_text(&g, &b);
	ck_assert_str_eq(sbuf_str(&b), "\xe6\xbc\xa2x\n");
	sbuf_free(&b);
	export_grid_free(&g);
}
END_TEST

static Suite *
export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_rgb);
	tcase_add_test(tc, test_bounds);
	tcase_add_test(tc, test_dim);
	tcase_add_test(tc, test_wide);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(export_suite());
}
