/*
 * colour.h - colour roles: what each colour means, and its monochrome
 * stand-in.
 *
 * Every role is one X-macro row (as ncdu's UI_COLORS): its name, its
 * foreground and background on a colour terminal, and the attributes
 * that carry the same meaning without colour (NO_COLOR, a monochrome
 * terminal).  Glyphs carry meaning too (frame_owner_glyph), so nothing
 * is told by colour alone.
 */
#ifndef MEMVIZ_UI_COLOUR_H
#define MEMVIZ_UI_COLOUR_H

#include <curses.h>

#include "sim/page/phys.h"

/* X(enum, name, fg, bg, attributes with colour, attributes without) */
#define COLOUR_ROLES(X)							\
	X(CR_TEXT,	"text",	     -1,	   -1,	       0,	 0) \
	X(CR_BORDER,	"border",    COLOR_BLUE,   -1,	       0,	 A_DIM) \
	X(CR_TITLE,	"title",     COLOR_CYAN,   -1,	       A_BOLD,	 A_BOLD) \
	X(CR_DIM,	"dim",	     COLOR_WHITE,  -1,	       A_DIM,	 A_DIM) \
	X(CR_STATUS,	"status",    COLOR_BLACK,  COLOR_CYAN, 0,	 A_REVERSE) \
	X(CR_KEY,	"key",	     COLOR_WHITE,  COLOR_BLUE, A_BOLD,	 A_BOLD) \
	X(CR_NARRATION,	"narration", COLOR_YELLOW, -1,	       A_BOLD,	 A_BOLD) \
	X(CR_ERROR,	"error",     COLOR_RED,	   -1,	       A_BOLD,	 A_BOLD | A_UNDERLINE) \
	X(CR_SELECT,	"select",    COLOR_BLACK,  COLOR_WHITE, A_BOLD,	 A_REVERSE) \
	X(CR_ANIM,	"anim",	     COLOR_BLACK,  COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD | A_UNDERLINE) \
	X(CR_FREE_LOW,	"free-low",  COLOR_GREEN,  -1,	       A_DIM,	 A_DIM) \
	X(CR_FREE_MID,	"free-mid",  COLOR_GREEN,  -1,	       0,	 0) \
	X(CR_FREE_HIGH,	"free-high", COLOR_GREEN,  -1,	       A_BOLD,	 A_BOLD) \
	X(CR_RESERVE,	"reserve",   COLOR_RED,	   -1,	       0,	 A_UNDERLINE) \
	X(CR_RESERVED,	"reserved",  COLOR_WHITE,  -1,	       A_DIM,	 A_DIM) \
	X(CR_KERNEL,	"kernel",    COLOR_WHITE,  COLOR_BLUE, 0,	 A_BOLD) \
	X(CR_MEMMAP,	"memmap",    COLOR_BLUE,   COLOR_WHITE, 0,	 0) \
	X(CR_PAGECACHE,	"pagecache", COLOR_CYAN,   -1,	       0,	 0) \
	X(CR_PAGES,	"pages",     COLOR_BLACK,  COLOR_YELLOW, 0,	 A_BOLD) \
	X(CR_LARGE,	"kmalloc-large", COLOR_WHITE, COLOR_MAGENTA, A_BOLD, A_BOLD) \
	X(CR_PGTABLE,	"pgtable",   COLOR_WHITE,  COLOR_RED,  0,	 0) \
	X(CR_ANON,	"anon",	     COLOR_BLACK,  COLOR_GREEN, 0,	 A_BOLD) \
	X(CR_STALE,	"stale",     COLOR_RED,	   -1,	       0,	 A_UNDERLINE) \
	X(CR_ZEROED,	"zeroed",    COLOR_CYAN,   -1,	       A_BOLD,	 A_BOLD)

enum colour_role {
#define COLOUR_ROLE_ENUM(e, name, fg, bg, a, mono) e,
	COLOUR_ROLES(COLOUR_ROLE_ENUM)
#undef COLOUR_ROLE_ENUM
	CR__COUNT
};

/* Distinct looks for kmalloc caches and vmalloc areas (8 colours). */
#define COLOUR_PALETTE_8	6
/* ... and on a 256-colour terminal. */
#define COLOUR_PALETTE_256	18

/* Sets up the pairs; colour: the terminal has colour; ncolours: COLORS. */
void	 colour_init(int colour, int ncolours);
/*
 * Switches between the ordinary theme (0) and the projector theme (1):
 * every role on an explicit black background with bright, bold
 * foregrounds, since a projector washes out dim text and the terminal's
 * default colours.  Re-initialises the pairs when colour is in use.
 */
void	 colour_set_theme(int present);
int	 colour_theme(void);
/* Attributes to draw a role with (colour pair or monochrome stand-in). */
attr_t	 colour_attr(enum colour_role role);
/* Attributes for the index-th cache or area: neighbours always differ. */
attr_t	 colour_palette_attr(unsigned index);
const char *colour_role_name(enum colour_role role);

/* Pure helpers, tested without a terminal. */
/* A role's colours and attributes in a theme (0 ordinary, 1 projector). */
void	 colour_role_colours(enum colour_role role, int present, short *fg,
	    short *bg, attr_t *attr);
/* The role a frame owner is drawn with; -1 for owners drawn by palette. */
int	 colour_owner_role(enum frame_owner o);
/* The role of a free block of this order (grouped low/mid/high). */
enum colour_role colour_free_role(unsigned order);
/* The palette slot (0..len-1) of the index-th cache or area. */
unsigned colour_palette_slot(unsigned index, unsigned len);
/* Palette length in use for a terminal with ncolours colours. */
unsigned colour_palette_len(int colour, int ncolours);

#endif
