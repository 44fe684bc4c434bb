/*
 * cast.h - a session as an asciicast v2 recording (--export-cast), the
 * format asciinema records and its players replay.
 *
 * A recording is JSON lines: a header object (terminal size, title, the
 * theme's colours), then one [time, code, data] array per event: "o"
 * output (the bytes a terminal needs to turn the previous screen into
 * this one), "m" a marker (one per pause, labelled with the caption's
 * first sentence, where asciinema's player stops with pauseOnMarkers),
 * "r" a resize ("WxH").  Times are seconds since the start.
 *
 * The output is made from captured screens (export.h), not from the
 * bytes curses wrote: a screen is compared with the one before and the
 * changed cells are written with plain ECMA-48 cursor moves and SGR
 * colours, which any terminal and asciinema's player understand, so
 * the recording does not depend on the terminal memviz ran in, or on
 * having one.  Pure and tested without a terminal.
 */
#ifndef MEMVIZ_UI_CAST_H
#define MEMVIZ_UI_CAST_H

#include <stdint.h>

#include "common/sbuf.h"
#include "ui/export.h"

/* The screen the recording has shown so far. */
struct cast {
	struct export_grid screen; /* w == 0 before the first frame */
};

/* Writes the header line for a w x h terminal. */
void cast_header(const struct export_theme *t, int w, int h, const char *title,
    struct sbuf *out);
/*
 * Appends the "o" event (after an "r" event when the size changed) that
 * turns the recorded screen into g at ms milliseconds, and remembers g.
 * Returns 1 when something was written, 0 when g is what was shown.
 */
int cast_frame(struct cast *c, const struct export_grid *g, uint64_t ms,
    struct sbuf *out);
/* Appends a marker event labelled label. */
void cast_marker(uint64_t ms, const char *label, struct sbuf *out);
/* The first sentence of a caption, for a marker (caller frees). */
char *cast_label(const char *caption);
void  cast_free(struct cast *c);

#endif
