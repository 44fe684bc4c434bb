/*
 * export.c - rendering a captured screen as text or HTML.
 *
 * HTML: one <pre> per screen; runs of cells with the same look become
 * one <span style="..."> so a page stays small.  Reverse video swaps
 * the resolved colours, as a terminal does; bold and underline map to
 * font-weight and text-decoration; dim to the colour halfway to the
 * background.  Text is
 * escaped (&, <, >) and written as UTF-8.
 */
#include "ui/export.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* xterm's first 16 colours (its default resources). */
static const uint32_t export_base16[16] = { 0x000000, 0xcd0000, 0x00cd00,
	0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000,
	0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff };

void
export_grid_init(struct export_grid *g, int w, int h)
{
	int i;

	g->w = w > 0 ? w : 0;
	g->h = h > 0 ? h : 0;
	g->cells = xcalloc((size_t)g->w * (size_t)g->h + 1, sizeof *g->cells);
	for (i = 0; i < g->w * g->h; i++) {
		g->cells[i].fg = -1;
		g->cells[i].bg = -1;
	}
}

void
export_grid_free(struct export_grid *g)
{
	free(g->cells);
	memset(g, 0, sizeof *g);
}

struct export_cell *
export_cell_at(struct export_grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->w || y >= g->h)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}

/* The 6x6x6 cube steps and the grey ramp, as xterm's 256colres.pl. */
uint32_t
export_rgb(short c, uint32_t dflt)
{
	static const unsigned steps[6] = { 0, 95, 135, 175, 215, 255 };
	unsigned	      v, r, g, b;

	if (c < 0 || c > 255)
		return dflt;
	if (c < 16)
		return export_base16[c];
	if (c >= 232) {
		v = 8 + 10 * (unsigned)(c - 232);
		return v << 16 | v << 8 | v;
	}
	v = (unsigned)c - 16;
	r = steps[v / 36];
	g = steps[(v / 6) % 6];
	b = steps[v % 6];
	return r << 16 | g << 8 | b;
}

static void
export_utf8(uint32_t c, struct sbuf *out)
{
	char b[4];

	if (c < 0x80) {
		sbuf_putc(out, (char)c);
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | c >> 6);
		b[1] = (char)(0x80 | (c & 0x3f));
		sbuf_add(out, b, 2);
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | c >> 12);
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		sbuf_add(out, b, 3);
	} else {
		b[0] = (char)(0xf0 | c >> 18);
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		sbuf_add(out, b, 4);
	}
}

static uint32_t
export_char(const struct export_cell *c)
{
	return c->ch == 0 || c->ch < 0x20 ? ' ' : c->ch;
}

void
export_cell_utf8(const struct export_cell *c, struct sbuf *out)
{
	export_utf8(export_char(c), out);
}

void
export_text(const struct export_grid *g, struct sbuf *out)
{
	const struct export_cell *row;
	int			  x, y, end;

	for (y = 0; y < g->h; y++) {
		row = &g->cells[(size_t)y * (size_t)g->w];
		for (end = g->w; end > 0 && export_char(&row[end - 1]) == ' ';)
			end--;
		for (x = 0; x < end; x++)
			if (!(row[x].attr & EXPORT_WIDE_RIGHT))
				export_utf8(export_char(&row[x]), out);
		sbuf_putc(out, '\n');
	}
}

/* Quotes too, so the text may go in an attribute (SVG, XML). */
void
export_escape(uint32_t c, struct sbuf *out)
{
	static const char *const named[] = { ['&'] = "&amp;",
		['<'] = "&lt;",
		['>'] = "&gt;",
		['"'] = "&quot;",
		['\''] = "&apos;" };

	if (c < sizeof named / sizeof named[0] && named[c] != NULL)
		sbuf_puts(out, named[c]);
	else
		export_utf8(c, out);
}

/* A byte string (UTF-8 passes through), with &, < and > escaped. */
static void
export_escape_str(const char *s, struct sbuf *out)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '&' || *s == '<' || *s == '>')
			export_escape((unsigned char)*s, out);
		else
			sbuf_putc(out, *s);
	}
}

static int
export_same_look(const struct export_cell *a, const struct export_cell *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attr == b->attr;
}

/*
 * Faint text as the eye gets it: halfway to the background, about what
 * terminals draw for A_DIM, so the page states the colour a reader
 * compares with the background (memviz's own looks use no A_DIM).
 */
static uint32_t
export_blend(uint32_t fg, uint32_t bg)
{
	uint32_t out = 0;
	int	 shift;

	for (shift = 0; shift <= 16; shift += 8)
		out |= ((((fg >> shift) & 0xff) + ((bg >> shift) & 0xff)) / 2)
		    << shift;
	return out;
}

void
export_cell_rgb(const struct export_cell *c, const struct export_theme *t,
    uint32_t *fg, uint32_t *bg)
{
	uint32_t swap;

	*fg = export_rgb(c->fg, t->fg);
	*bg = export_rgb(c->bg, t->bg);
	if (c->attr & EXPORT_REVERSE) {
		swap = *fg;
		*fg = *bg;
		*bg = swap;
	}
	if (c->attr & EXPORT_DIM)
		*fg = export_blend(*fg, *bg);
}

static void
export_span_open(const struct export_cell *c, const struct export_theme *t,
    struct sbuf *out)
{
	uint32_t fg, bg;

	export_cell_rgb(c, t, &fg, &bg);
	sbuf_printf(out, "<span style=\"color:#%06x;background:#%06x", fg, bg);
	if (c->attr & EXPORT_BOLD)
		sbuf_puts(out, ";font-weight:bold");
	if (c->attr & EXPORT_UNDERLINE)
		sbuf_puts(out, ";text-decoration:underline");
	sbuf_puts(out, "\">");
}

void
export_html_begin(const struct export_theme *t, const char *title,
    struct sbuf *out)
{
	sbuf_puts(out,
	    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "\n<title>");
	export_escape_str(title, out);
	sbuf_printf(out,
	    "</title>\n</head>\n<body style=\"background:#%06x;"
	    "color:#%06x;font-family:monospace\">\n",
	    t->bg, t->fg);
}

void
export_html_frame(const struct export_grid *g, const struct export_theme *t,
    const char *title, struct sbuf *out)
{
	const struct export_cell *row;
	int			  x, y;

	if (title != NULL) {
		sbuf_puts(out, "<h2 style=\"font-size:1em\">");
		export_escape_str(title, out);
		sbuf_puts(out, "</h2>\n");
	}
	sbuf_printf(out,
	    "<pre style=\"background:#%06x;color:#%06x;"
	    "line-height:1.15;margin:0 0 1em 0\">",
	    t->bg, t->fg);
	for (y = 0; y < g->h; y++) {
		row = &g->cells[(size_t)y * (size_t)g->w];
		for (x = 0; x < g->w; x++) {
			if (x == 0 || !export_same_look(&row[x - 1], &row[x])) {
				if (x > 0)
					sbuf_puts(out, "</span>");
				export_span_open(&row[x], t, out);
			}
			if (!(row[x].attr & EXPORT_WIDE_RIGHT))
				export_escape(export_char(&row[x]), out);
		}
		if (g->w > 0)
			sbuf_puts(out, "</span>");
		sbuf_putc(out, '\n');
	}
	sbuf_puts(out, "</pre>\n");
}

void
export_html_end(struct sbuf *out)
{
	sbuf_puts(out, "</body></html>\n");
}
