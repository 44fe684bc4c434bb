/*
 * export-svg.c - rendering a captured screen as an SVG document.
 *
 * The document is SVG 1.1 with presentation attributes only (no CSS),
 * which browsers, Inkscape, rsvg-convert and PDF converters all read.
 * Text is escaped for XML (&, <, >, both quotes); a code point XML
 * cannot carry (a surrogate, U+FFFE, U+FFFF) and a title's invalid
 * UTF-8 become U+FFFD.
 */
#include "ui/export-svg.h"
#include "common/xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The baseline inside a cell: DejaVu Sans Mono's ascent at size 20. */
#define SVG_BASELINE 19

/* Monospace fonts a projector laptop or a PDF reader is likely to have. */
static const char
    svg_fonts[] = "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, "
		  "'Courier New', monospace";

static void
svg_char(uint32_t c, struct sbuf *out)
{
	if ((c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff ||
	    c > 0x10ffff)
		c = 0xfffd;
	export_escape(c < 0x20 ? ' ' : c, out); /* XML takes no controls */
}

/* Decodes one UTF-8 character of s; returns its length (1 if invalid). */
static size_t
svg_decode(const unsigned char *s, uint32_t *c)
{
	static const uint32_t least[4] = { 0, 0x80, 0x800, 0x10000 };
	size_t		      n, i;

	n = s[0] < 0x80	 ? 0 :
	    s[0] >= 0xf0 ? 3 :
	    s[0] >= 0xe0 ? 2 :
	    s[0] >= 0xc0 ? 1 :
			   4;
	if (n == 4 || s[0] > 0xf4) {
		*c = 0xfffd;
		return 1;
	}
	*c = n == 0 ? s[0] : s[0] & (0x3f >> n);
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*c = 0xfffd;
			return 1;
		}
		*c = *c << 6 | (s[i] & 0x3f);
	}
	if (*c < least[n])
		*c = 0xfffd; /* an overlong form */
	return n + 1;
}

static void
svg_string(const char *s, struct sbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t	     c;

	while (p != NULL && *p != '\0') {
		p += svg_decode(p, &c);
		svg_char(c, out);
	}
}

/* What a <text> run shares: the colour seen and the font's looks. */
struct svg_look {
	uint32_t fg, bg;
	unsigned attr; /* EXPORT_BOLD | EXPORT_UNDERLINE */
};

static struct svg_look
svg_look(const struct export_cell *c, const struct export_theme *t)
{
	struct svg_look k;

	export_cell_rgb(c, t, &k.fg, &k.bg);
	k.attr = c->attr & (EXPORT_BOLD | EXPORT_UNDERLINE);
	return k;
}

/* Background rectangles of row y, one per run of a non-theme colour. */
static void
svg_backgrounds(const struct export_grid *g, const struct export_theme *t,
    int y, struct sbuf *out)
{
	const struct export_cell *row = &g->cells[(size_t)y * (size_t)g->w];
	struct svg_look		  k;
	int			  x, end;

	for (x = 0; x < g->w; x = end) {
		k = svg_look(&row[x], t);
		for (end = x + 1;
		     end < g->w && svg_look(&row[end], t).bg == k.bg;)
			end++;
		if (k.bg == t->bg)
			continue;
		sbuf_printf(out,
		    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"#%06x\"/>\n",
		    x * EXPORT_SVG_CELL_W, y * EXPORT_SVG_CELL_H,
		    (end - x) * EXPORT_SVG_CELL_W, EXPORT_SVG_CELL_H, k.bg);
	}
}

static int
svg_same(const struct svg_look *a, const struct svg_look *b)
{
	return a->fg == b->fg && a->attr == b->attr;
}

/* One <text> for the cells [x, end) of row: each at its own column. */
static void
svg_run(const struct export_cell *row, int x, int end, int y,
    const struct svg_look *k, struct sbuf *out)
{
	const char *sep = "";
	int	    i;

	/* Chromium keeps blanks only where the <text> itself says so. */
	sbuf_puts(out, "<text xml:space=\"preserve\" x=\"");
	for (i = x; i < end; i++, sep = " ")
		if (!(row[i].attr & EXPORT_WIDE_RIGHT))
			sbuf_printf(out, "%s%d", sep, i * EXPORT_SVG_CELL_W);
	sbuf_printf(out, "\" y=\"%d\" fill=\"#%06x\"",
	    y * EXPORT_SVG_CELL_H + SVG_BASELINE, k->fg);
	if (k->attr & EXPORT_BOLD)
		sbuf_puts(out, " font-weight=\"bold\"");
	if (k->attr & EXPORT_UNDERLINE)
		sbuf_puts(out, " text-decoration=\"underline\"");
	sbuf_putc(out, '>');
	for (i = x; i < end; i++)
		if (!(row[i].attr & EXPORT_WIDE_RIGHT))
			svg_char(row[i].ch, out);
	sbuf_puts(out, "</text>");
}

/* Row y's text, every cell included, as one line of the file. */
static void
svg_row(const struct export_grid *g, const struct export_theme *t, int y,
    struct sbuf *out)
{
	const struct export_cell *row = &g->cells[(size_t)y * (size_t)g->w];
	struct svg_look		  k, next;
	int			  x, end;

	for (x = 0; x < g->w; x = end) {
		k = svg_look(&row[x], t);
		for (end = x + 1; end < g->w; end++) {
			next = svg_look(&row[end], t);
			if (!svg_same(&k, &next))
				break;
		}
		svg_run(row, x, end, y, &k, out);
	}
	sbuf_putc(out, '\n');
}

void
export_svg(const struct export_grid *g, const struct export_theme *t,
    const char *title, struct sbuf *out)
{
	int w = g->w * EXPORT_SVG_CELL_W, h = g->h * EXPORT_SVG_CELL_H, y;

	sbuf_printf(out,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"%s\" font-size=\"20\" xml:space=\"preserve\">\n"
	    "<title>",
	    w, h, w, h, svg_fonts);
	svg_string(title, out);
	sbuf_printf(out,
	    "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n"
	    "<g shape-rendering=\"crispEdges\">\n",
	    w, h, t->bg);
	for (y = 0; y < g->h; y++)
		svg_backgrounds(g, t, y, out);
	sbuf_puts(out, "</g>\n<g>\n");
	for (y = 0; y < g->h; y++)
		svg_row(g, t, y, out);
	sbuf_puts(out, "</g>\n</svg>\n");
}

char *
export_svg_pause_path(const char *path, size_t k, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	int	    digits = 2;
	size_t	    m;

	for (m = n; m >= 100; m /= 10)
		digits++;
	if (dot == NULL || (slash != NULL && dot < slash) || dot == path ||
	    dot[-1] == '/')
		dot = path + strlen(path); /* no extension */
	return xasprintf("%.*s-%0*zu%s", (int)(dot - path), path, digits, k,
	    dot);
}
