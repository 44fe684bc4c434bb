/*
 * layout.h - where each pane goes for a terminal of a given size.
 *
 * layout_compute() is a pure function of the terminal size and two
 * toggles, so it is tested for every size without a terminal.  The loop
 * calls it on start and on every resize: a resize takes no other path.
 */
#ifndef MEMVIZ_UI_LAYOUT_H
#define MEMVIZ_UI_LAYOUT_H

/* Below this nothing useful fits: the screen says "need WxH". */
#define LAYOUT_MIN_W 30
#define LAYOUT_MIN_H 8
/* From this size up all four views are on screen at once. */
#define LAYOUT_FULL_W 80
#define LAYOUT_FULL_H 24
/* From this width up the inspector gets its own column. */
#define LAYOUT_DOCK_W 160
/* Rows of a stacked view a lesson never fills: its box and one line. */
#define LAYOUT_IDLE_H 3

/* The four views, in the order they are stacked and cycled with tab. */
/* clang-format off */
#define LAYOUT_VIEWS(X)					\
	X(LV_RAM,	"ram",		"physical RAM")	\
	X(LV_SLAB,	"slab",		"kmalloc / slab")	\
	X(LV_VMALLOC,	"vmalloc",	"vmalloc")		\
	X(LV_USER,	"user",		"user process")
/* clang-format on */

enum layout_view {
#define LAYOUT_VIEW_ENUM(e, name, title) e,
	LAYOUT_VIEWS(LAYOUT_VIEW_ENUM)
#undef LAYOUT_VIEW_ENUM
	LV__COUNT
};

struct rect {
	int x, y, w, h; /* w == 0 or h == 0: not shown */
};

struct layout {
	int	    ok; /* 0: too small, need_w x need_h */
	int	    need_w, need_h;
	int	    full; /* all four views shown */
	struct rect view[LV__COUNT];
	struct rect inspect;	     /* w == 0 when hidden */
	int	    inspect_overlay; /* drawn over the stacked views */
	struct rect narration;	     /* one line: captions and results */
	struct rect status;	     /* one line: keys, prompt; h == 0 when
					   hidden (presentation mode) */
	struct rect caption;	     /* presentation: the caption band on
					   top; h == 0 when there is none */
	struct rect detail;	     /* the mapping or the bytes, across
					   the bottom of the full layout;
					   h == 0 when not shown */
};

/* Gives the stacked views a lesson fills (bit 1 << LV_x) the rows of
 * those it never fills; after layout_compute and layout_drop_detail. */
void layout_weigh(struct layout *l, unsigned used);
/*
 * Computes the panes for a cols x rows terminal.  zoom: a view shown
 * alone on the whole screen, or -1.  inspector: the inspector is open.
 * Every shown rectangle lies inside the screen; the shown panes (but an
 * overlay inspector) tile it without overlap.
 */
void layout_compute(int cols, int rows, int zoom, int inspector,
    struct layout *out);
/*
 * The same with presentation mode's extras: a caption band of band rows
 * across the top (0: none) and the status line shown or not.  The band
 * shrinks, then goes, before the views would drop below the minimum.
 */
void layout_compute_band(int cols, int rows, int zoom, int inspector, int band,
    int status, struct layout *out);
/*
 * Gives the detail panel's rows (under the stacked views) back to them:
 * a question is answered on the rows of a stacked view, which need them
 * more.  The grid never changes.
 */
void layout_drop_detail(struct layout *l);
/* The caption band's height for a terminal in presentation mode. */
int layout_band_rows(int cols, int rows);
/*
 * The band a lesson reserves once, so the views (and the RAM grid's
 * frames per cell) keep one size from the first pause to the last:
 * room for lines of caption, the lesson's longest part, double-spaced
 * when presenting and that fits, at most layout_band_rows (half of it
 * and two in an ordinary replay).  lines <= 0: a title row only when
 * presenting, else no band.
 */
int layout_caption_band(int cols, int rows, int present, int lines);
/*
 * Room for the text of a `show` (a /proc file) beside what the lesson
 * talks about.  In the full layout it takes the stacked views' column
 * but the view keep (the one with the keyboard), which gets half the
 * column (or its own height, when more) at the column's top (the user
 * view at the bottom, where it always is); with
 * keep the RAM grid, the whole column.  The views it replaces get
 * w == h == 0.  With one view on screen, it lies over that view's lower
 * half.  The RAM grid's rectangle never changes, nor does its scale.
 */
struct rect layout_show_panel(struct layout *l, int keep);
/* (x, y) lies in the shown rectangle r. */
int layout_rect_has(const struct rect *r, int x, int y);
/* The view (enum layout_view) whose rectangle holds (x, y), or -1. */
int	    layout_view_at(const struct layout *l, int x, int y);
const char *layout_view_name(int view);

#endif
