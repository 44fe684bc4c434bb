/*
 * colour.h - colour roles: what each colour means, its look in every
 * theme, and its monochrome stand-in.
 *
 * Every role is one X-macro row (as ncdu's UI_COLORS): its name, its
 * look on an 8-colour terminal, and the attributes that carry the same
 * meaning without colour (NO_COLOR, a monochrome terminal).  colour.c
 * holds the 256-colour looks of the ordinary and the projector theme.
 * Glyphs carry meaning too (frame_owner_glyph), so nothing is told by
 * colour alone.
 *
 * Contract of every look, in every theme and colour depth: both
 * colours explicit (never the terminal's default, which can be light
 * or dark), text at least 4.5:1 against its background and graphics
 * at least 3:1 (WCAG 2.1 contrast, with the RGB values export_rgb
 * gives the colour numbers), and no A_DIM (its strength is the
 * terminal's guess).  tests/check_colour.c proves it.
 */
#ifndef MEMVIZ_UI_COLOUR_H
#define MEMVIZ_UI_COLOUR_H

#include <curses.h>

#include "sim/page/phys.h"

/* X(enum, name, fg, bg, attributes on 8 colours, attributes without) */
/* clang-format off */
#define COLOUR_ROLES(X)							\
	X(CR_TEXT,	"text",	     COLOR_WHITE,  COLOR_BLACK, 0,	 0) \
	X(CR_BORDER,	"border",    COLOR_WHITE,  COLOR_BLACK, 0,	 0) \
	X(CR_TITLE,	"title",     COLOR_CYAN,   COLOR_BLACK, A_BOLD,	 A_BOLD) \
	X(CR_DIM,	"dim",	     COLOR_WHITE,  COLOR_BLACK, 0,	 0) \
	X(CR_STATUS,	"status",    COLOR_BLACK,  COLOR_CYAN,	0,	 A_REVERSE) \
	X(CR_KEY,	"key",	     COLOR_WHITE,  COLOR_BLUE,	A_BOLD,	 A_BOLD) \
	X(CR_NARRATION,	"narration", COLOR_YELLOW, COLOR_BLACK, A_BOLD,	 A_BOLD) \
	X(CR_ERROR,	"error",     COLOR_WHITE,  COLOR_RED,	A_BOLD,	 A_BOLD | A_UNDERLINE) \
	X(CR_SELECT,	"select",    COLOR_BLACK,  COLOR_WHITE, 0,	 A_REVERSE) \
	X(CR_ANIM,	"anim",	     COLOR_BLACK,  COLOR_YELLOW, A_UNDERLINE, A_REVERSE | A_BOLD | A_UNDERLINE) \
	X(CR_FREE_LOW,	"free-low",  COLOR_GREEN,  COLOR_BLACK, 0,	 0) \
	X(CR_FREE_MID,	"free-mid",  COLOR_GREEN,  COLOR_BLACK, 0,	 0) \
	X(CR_FREE_HIGH,	"free-high", COLOR_GREEN,  COLOR_BLACK, A_BOLD,	 A_BOLD) \
	X(CR_RESERVE,	"reserve",   COLOR_WHITE,  COLOR_RED,	0,	 A_UNDERLINE) \
	X(CR_RESERVED,	"reserved",  COLOR_WHITE,  COLOR_BLACK, 0,	 0) \
	X(CR_KERNEL,	"kernel",    COLOR_WHITE,  COLOR_BLUE,	0,	 A_BOLD) \
	X(CR_MEMMAP,	"memmap",    COLOR_BLUE,   COLOR_WHITE, 0,	 0) \
	X(CR_PAGECACHE,	"pagecache", COLOR_CYAN,   COLOR_BLACK, 0,	 0) \
	X(CR_PAGES,	"pages",     COLOR_BLACK,  COLOR_YELLOW, 0,	 A_BOLD) \
	X(CR_LARGE,	"kmalloc-large", COLOR_RED, COLOR_WHITE, 0,	 A_BOLD) \
	X(CR_PGTABLE,	"pgtable",   COLOR_WHITE,  COLOR_RED,	0,	 0) \
	X(CR_ANON,	"anon",	     COLOR_BLACK,  COLOR_GREEN, 0,	 A_BOLD) \
	X(CR_STALE,	"stale",     COLOR_WHITE,  COLOR_RED,	0,	 A_UNDERLINE) \
	X(CR_ZEROED,	"zeroed",    COLOR_CYAN,   COLOR_BLACK, A_BOLD,	 A_BOLD) \
	X(CR_PCP,	"per-cpu",   COLOR_YELLOW, COLOR_BLUE,	0,	 A_BOLD) \
	X(CR_HOLE,	"hole",	     COLOR_WHITE,  COLOR_BLACK, 0,	 0)
/* clang-format on */

enum colour_role {
#define COLOUR_ROLE_ENUM(e, name, fg, bg, a, mono) e,
	COLOUR_ROLES(COLOUR_ROLE_ENUM)
#undef COLOUR_ROLE_ENUM
	CR__COUNT
};

/* One look: colour numbers (xterm's 0..255) and attributes. */
struct colour_look {
	short  fg, bg;
	attr_t attr;
};

/* Looks of slab caches: black or white glyphs on a coloured cell. */
#define COLOUR_PALETTE_8   6
#define COLOUR_PALETTE_256 6
/* Looks of vmalloc areas: coloured glyphs and bars on the background. */
#define COLOUR_AREAS_8	 2
#define COLOUR_AREAS_256 4

/* Sets up the pairs; colour: the terminal has colour; ncolours: COLORS. */
void colour_init(int colour, int ncolours);
/*
 * Switches between the ordinary theme (0) and the projector theme (1):
 * brighter text and borders, bold titles, since a projector washes out
 * dim text.  Re-initialises the pairs when colour is in use.
 */
void colour_set_theme(int present);
/* Attributes to draw a role with (colour pair or monochrome stand-in). */
attr_t colour_attr(enum colour_role role);
/*
 * A role's colour as a solid block (a bar glyph, U+2588) on the screen's
 * background: the role's background colour when it has one of its own,
 * else its foreground.  A block drawn with colour_attr would show its
 * foreground, often black: a hole, not a bar.
 */
attr_t colour_bar_attr(enum colour_role role);
/* Attributes for the index-th slab cache: neighbours always differ. */
attr_t colour_palette_attr(unsigned index);
/* ... for the index-th vmalloc area, as glyphs and bars. */
attr_t colour_area_attr(unsigned index);
/* What a frame of this owner is drawn with; tag: its cache or area. */
attr_t	    colour_owner_attr(enum frame_owner o, unsigned tag);
const char *colour_role_name(enum colour_role role);

/* Pure helpers, tested without a terminal. */
/*
 * A role's look on a terminal of ncolours colours (8 or 256; more
 * counts as 256) in a theme (0 ordinary, 1 projector).
 */
void colour_look(enum colour_role role, int ncolours, int present,
    struct colour_look *look);
/* ... of a role's bar (see colour_bar_attr). */
void colour_bar_look(enum colour_role role, int ncolours, int present,
    struct colour_look *look);
/* ... of the slot-th slab palette and vmalloc area look. */
void colour_palette_look(unsigned slot, int ncolours, struct colour_look *look);
void colour_area_look(unsigned slot, int ncolours, int present,
    struct colour_look *look);
/* The role a frame owner is drawn with; -1 for owners drawn by palette. */
int colour_owner_role(enum frame_owner o);
/* The role of a free block of this order (grouped low/mid/high). */
enum colour_role colour_free_role(unsigned order);
/* The palette slot (0..len-1) of the index-th cache or area. */
unsigned colour_palette_slot(unsigned index, unsigned len);
/* Palette lengths in use for a terminal with ncolours colours. */
unsigned colour_palette_len(int colour, int ncolours);
unsigned colour_area_len(int colour, int ncolours);

#endif
