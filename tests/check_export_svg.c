/*
 * check_export_svg.c - the SVG picture of a captured screen: XML
 * escaping, runs of alike cells, each character at its column (a wide
 * glyph's two included), the theme's colours, backgrounds, and the
 * per-pause file names; no terminal.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/export-svg.h"
#include "check-run.h"

static const struct export_theme theme = { 0xe5e5e5, 0x000000 };

/* Puts s (ASCII) at x, y with the given look. */
static void
put(struct export_grid *g, int x, int y, const char *s, short fg, short bg,
    unsigned attr)
{
	struct export_cell *c;

	for (; *s != '\0'; s++, x++) {
		c = export_cell_at(g, x, y);
		c->ch = (unsigned char)*s;
		c->fg = fg;
		c->bg = bg;
		c->attr = attr;
	}
}

/* The document for g, as a string the caller frees. */
static char *
render(const struct export_grid *g, const char *title)
{
	struct sbuf b = SBUF_INIT;
	char	   *s;

	export_svg(g, &theme, title, &b);
	s = strdup(sbuf_str(&b));
	sbuf_free(&b);
	return s;
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

START_TEST(test_escape)
{
	struct export_grid g;
	char		  *s;

	export_grid_init(&g, 8, 1);
	put(&g, 0, 0, "<&\"'>", -1, -1, 0);
	export_cell_at(&g, 5, 0)->ch = 0x07;   /* a control */
	export_cell_at(&g, 6, 0)->ch = 0xd800; /* a lone surrogate */
	/* A stray byte, then an overlong "/": each one U+FFFD. */
	s = render(&g, "a & <b> \"q\" 'x' \xff\xc0\xaf \xe2\x86\x92");
	ck_assert(strstr(s,
		      "<title>a &amp; &lt;b&gt; &quot;q&quot; &apos;x&apos; "
		      "\xef\xbf\xbd\xef\xbf\xbd "
		      "\xe2\x86\x92</title>") != NULL);
	ck_assert(strstr(s,
		      ">&lt;&amp;&quot;&apos;&gt; \xef\xbf\xbd "
		      "</text>") != NULL);
	ck_assert(strstr(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") ==
	    s);
	free(s);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_runs)
{
	struct export_grid g;
	char		  *s, *row2;

	export_grid_init(&g, 6, 2);
	put(&g, 0, 0, "ab", 1, -1, EXPORT_BOLD);
	put(&g, 2, 0, "cd", -1, -1, 0);
	put(&g, 0, 1, "xy", -1, -1, EXPORT_UNDERLINE);
	s = render(&g, NULL);
	/* Row 1: the bold red pair, then the rest of the row. */
	ck_assert(strstr(s,
		      "<text xml:space=\"preserve\" x=\"0 12\" y=\"19\" "
		      "fill=\"#cd0000\" "
		      "font-weight=\"bold\">ab</text>"
		      "<text xml:space=\"preserve\" x=\"24 36 48 60\" y=\"19\" "
		      "fill=\"#e5e5e5\">cd  </text>\n") != NULL);
	row2 = strstr(s, "y=\"43\"");
	ck_assert_ptr_nonnull(row2);
	ck_assert(strstr(row2, "text-decoration=\"underline\">xy</text>") !=
	    NULL);
	ck_assert_int_eq(count(s, "<text "), 4);
	ck_assert(strstr(s,
		      "width=\"72\" height=\"48\" viewBox=\"0 0 72 48\"") !=
	    NULL);
	ck_assert(strstr(s, "<title></title>") != NULL);
	free(s);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_colours)
{
	struct export_grid g;
	char		  *s;

	export_grid_init(&g, 4, 1);
	put(&g, 0, 0, "r", 196, 21, 0);		  /* cube red on cube blue */
	put(&g, 1, 0, "v", 2, 0, EXPORT_REVERSE); /* green on black, swapped */
	s = render(&g, "t");
	ck_assert(strstr(s, "fill=\"#ff0000\">r</text>") != NULL);
	ck_assert(strstr(s,
		      "<rect x=\"0\" y=\"0\" width=\"12\" height=\"24\" "
		      "fill=\"#0000ff\"/>") != NULL);
	ck_assert(strstr(s, "fill=\"#000000\">v</text>") != NULL);
	ck_assert(strstr(s,
		      "<rect x=\"12\" y=\"0\" width=\"12\" height=\"24\" "
		      "fill=\"#00cd00\"/>") != NULL);
	/* The theme's background is the page, not a rectangle per cell. */
	ck_assert(strstr(s,
		      "<rect width=\"48\" height=\"24\" "
		      "fill=\"#000000\"/>") != NULL);
	ck_assert_int_eq(count(s, "<rect "), 3);
	free(s);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_background_runs)
{
	struct export_grid g;
	char		  *s;

	export_grid_init(&g, 5, 1);
	put(&g, 0, 0, "abc", 1, 4, 0);
	put(&g, 3, 0, "d", 3, 4, EXPORT_BOLD); /* other text, same fill */
	s = render(&g, NULL);
	ck_assert(strstr(s,
		      "<rect x=\"0\" y=\"0\" width=\"48\" height=\"24\" "
		      "fill=\"#0000ee\"/>") != NULL);
	ck_assert_int_eq(count(s, "<rect "), 2);
	ck_assert_int_eq(count(s, "<text "), 3);
	free(s);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_wide)
{
	struct export_grid  g;
	struct export_cell *c;
	char		   *s;

	export_grid_init(&g, 4, 1);
	c = export_cell_at(&g, 0, 0);
	c[0].ch = c[1].ch = 0x6f22; /* 漢, two columns */
	c[1].attr = EXPORT_WIDE_RIGHT;
	c[2].ch = 'x';
	s = render(&g, NULL);
	/* The next character keeps its column: x at 24, not 12. */
	ck_assert(strstr(s,
		      "<text xml:space=\"preserve\" x=\"0 24 36\" y=\"19\" "
		      "fill=\"#e5e5e5\">\xe6\xbc\xa2x </text>") != NULL);
	free(s);
	export_grid_free(&g);
}
END_TEST

START_TEST(test_pause_path)
{
	static const struct {
		const char *path;
		size_t	    k, n;
		const char *want;
	} cases[] = {
		{ "tour.svg", 3, 15, "tour-03.svg" },
		{ "out/tour.svg", 12, 12, "out/tour-12.svg" },
		{ "a.svg", 7, 150, "a-007.svg" },
		{ "dir.d/pic", 1, 2, "dir.d/pic-01" },
		{ ".svg", 1, 1, ".svg-01" },
		{ "x.y.svg", 2, 9, "x.y-02.svg" },
	};
	size_t i;
	char  *s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = export_svg_pause_path(cases[i].path, cases[i].k,
		    cases[i].n);
		ck_assert_str_eq(s, cases[i].want);
		free(s);
	}
}
END_TEST

static Suite *
export_svg_suite(void)
{
	Suite *s = suite_create("export-svg");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_escape);
	tcase_add_test(tc, test_runs);
	tcase_add_test(tc, test_colours);
	tcase_add_test(tc, test_background_runs);
	tcase_add_test(tc, test_wide);
	tcase_add_test(tc, test_pause_path);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(export_svg_suite());
}
