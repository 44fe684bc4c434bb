/*
 * export-svg.h - a screen as an SVG picture (--export-svg), vector text
 * that stays sharp on a projector and in a PDF handout.
 *
 * Every cell keeps its column: each run of cells that look alike is one
 * <text> whose characters are placed at their cells' x positions, so a
 * fallback font's wider glyph (an arrow, a block) cannot push the rest
 * of the row, and a wide glyph takes its two columns.  Backgrounds that
 * differ from the theme's are rectangles, one per run of a colour.  The
 * colours are the ones the HTML export uses (export_cell_rgb).  One row
 * is one line of the file, so the text of the picture, tags stripped,
 * is the screen's text line by line.  Pure and tested without a terminal.
 */
#ifndef MEMVIZ_UI_EXPORT_SVG_H
#define MEMVIZ_UI_EXPORT_SVG_H

#include <stddef.h>

#include "common/sbuf.h"
#include "ui/export.h"

/* A cell's size in SVG user units (pixels at 100%); the font is 20. */
#define EXPORT_SVG_CELL_W 12
#define EXPORT_SVG_CELL_H 24

/* The whole document for grid g; title (may be NULL) is its <title>. */
void export_svg(const struct export_grid *g, const struct export_theme *t,
    const char *title, struct sbuf *out);

/*
 * The file for the k-th of n pauses with --export-every: path with
 * "-K" before its extension (K zero-padded to n's digits, at least 2),
 * so "tour.svg" gives "tour-01.svg".  The caller frees.
 */
char *export_svg_pause_path(const char *path, size_t k, size_t n);

#endif
