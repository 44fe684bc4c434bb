/*
 * capture.c - the screen as curses last sent it, cell by cell, for the
 * exports.
 *
 * curscr is curses' own picture of the terminal after doupdate(), so
 * capturing it right after a redraw gives exactly what the audience
 * saw.  Reading a cell moves curscr's cursor, which curses takes for
 * the terminal's, so the cursor is put back afterwards.  curses gives
 * the right half of a wide glyph the glyph again; it is marked instead
 * (EXPORT_WIDE_RIGHT), so the exports show the glyph once, in two
 * columns, as the terminal did.
 */
#include "config.h"

#include "ui/uiloop.h"
#include "ui/export.h"

#include <wchar.h>

static unsigned
capture_attr(attr_t a)
{
	unsigned bits = 0;

	if (a & A_BOLD)
		bits |= EXPORT_BOLD;
	if (a & A_UNDERLINE)
		bits |= EXPORT_UNDERLINE;
	if (a & A_REVERSE)
		bits |= EXPORT_REVERSE;
	if (a & A_DIM)
		bits |= EXPORT_DIM;
	return bits;
}

/* Reads the cell at x, y into c; returns the columns its glyph takes. */
static int
capture_cell(int x, int y, struct export_cell *c)
{
	wchar_t wch[CCHARW_MAX + 1];
	cchar_t cc;
	attr_t	a;
	short	pair, fg, bg;

	if (mvwin_wch(curscr, y, x, &cc) == ERR ||
	    getcchar(&cc, wch, &a, &pair, NULL) == ERR)
		return 1;
	c->ch = (uint32_t)wch[0];
	c->attr = capture_attr(a);
	if (pair > 0 && pair_content(pair, &fg, &bg) == OK) {
		c->fg = fg;
		c->bg = bg;
	}
	return wch[0] != 0 && wcwidth(wch[0]) == 2 ? 2 : 1;
}

void
capture_screen(struct export_grid *g)
{
	struct export_cell *c, *right;
	int		    x, y, oy, ox;

	getyx(curscr, oy, ox);
	export_grid_init(g, getmaxx(curscr), getmaxy(curscr));
	for (y = 0; y < g->h; y++) {
		for (x = 0; x < g->w; x++) {
			c = export_cell_at(g, x, y);
			if (capture_cell(x, y, c) == 2 &&
			    (right = export_cell_at(g, x + 1, y)) != NULL) {
				*right = *c;
				right->attr |= EXPORT_WIDE_RIGHT;
				x++;
			}
		}
	}
	wmove(curscr, oy, ox);
}
