/*
 * export.h - a screen as plain text or as a self-contained HTML page,
 * for slides and handouts (--export-text, --export-html).
 *
 * The screen is first captured into a grid of cells (capture.c reads
 * curses' own picture of the terminal); rendering the grid is pure and
 * tested without a terminal.  HTML uses inline styles only and the
 * xterm colours the theme's curses colour numbers stand for, so the
 * page looks like the terminal it came from.
 */
#ifndef MEMVIZ_UI_EXPORT_H
#define MEMVIZ_UI_EXPORT_H

#include <stdint.h>

#include "common/sbuf.h"

#define EXPORT_BOLD	 0x1
#define EXPORT_UNDERLINE 0x2
#define EXPORT_REVERSE	 0x4
#define EXPORT_DIM	 0x8
/* The right half of a wide glyph (the cell before holds it): no text. */
#define EXPORT_WIDE_RIGHT 0x10

/* Colour -1 is the terminal's default (the theme's fg or bg). */
struct export_cell {
	uint32_t ch; /* a Unicode code point; 0 = blank */
	short	 fg, bg;
	unsigned attr; /* EXPORT_* bits */
};

struct export_grid {
	int		    w, h;
	struct export_cell *cells; /* h rows of w */
};

/* What the terminal's default colours are taken to be (0xRRGGBB). */
struct export_theme {
	uint32_t fg, bg;
};

/* A blank w x h grid; export_grid_free releases it. */
void		    export_grid_init(struct export_grid *g, int w, int h);
void		    export_grid_free(struct export_grid *g);
struct export_cell *export_cell_at(struct export_grid *g, int x, int y);

/* 0xRRGGBB of an xterm colour number (0..255); -1 gives dflt. */
uint32_t export_rgb(short colour, uint32_t dflt);

/*
 * The colours a cell is seen in (0xRRGGBB): reverse swapped, dim
 * blended halfway to the background, defaults from t.
 */
void export_cell_rgb(const struct export_cell *c, const struct export_theme *t,
    uint32_t *fg, uint32_t *bg);

/* A code point as UTF-8, with &, <, >, " and ' as XML's entities. */
void export_escape(uint32_t c, struct sbuf *out);
/* A cell's character as UTF-8 (a blank for none or a control). */
void export_cell_utf8(const struct export_cell *c, struct sbuf *out);
/* The grid as UTF-8 lines, trailing blanks dropped, one \n each. */
void export_text(const struct export_grid *g, struct sbuf *out);
/*
 * HTML: export_html_begin once, export_html_frame per screen (title,
 * e.g. "pause 3 of 9", may be NULL), export_html_end once.
 */
void export_html_begin(const struct export_theme *t, const char *title,
    struct sbuf *out);
void export_html_frame(const struct export_grid *g,
    const struct export_theme *t, const char *title, struct sbuf *out);
void export_html_end(struct sbuf *out);

#endif
