/*
 * colour.c - colour roles and the palettes of caches and areas.
 *
 * Two colour depths.  With 256 colours every look takes its colours
 * from xterm's 6x6x6 cube and grey ramp (16..255), whose RGB values
 * every terminal keeps (xterm's 256colres.pl), while users and themes
 * restyle the first 16: so the contrast tests/check_colour.c computes
 * is the contrast shown, and the HTML export shows the same RGB.  With
 * 8 colours (TERM=xterm, a Linux console) the looks are those of the 8
 * standard colours at xterm's default values, where blue text and
 * magenta anything fail 4.5:1 on black, so they carry only white text.
 * None of them sets A_BOLD on a black, red or blue glyph: terminals
 * that show bold as bright (xterm's boldColors) would turn black into
 * grey and lose the contrast.
 *
 * The owner colours (the RAM grid's cells) were chosen by their
 * distance (CIEDE2000) under simulated deuteranopia and protanopia;
 * tests/check_colour.c keeps every pair of owners apart.  Slab caches
 * are cells of colour with a black or white glyph; vmalloc areas are
 * coloured glyphs and bars on the background, so the two never look
 * alike even where 8 colours must repeat one.
 *
 * Pair numbers: 1..CR__COUNT the roles in table order, then the roles'
 * bars, then the slab palette, then the areas.  A palette slot is
 * chosen by a stride coprime with the palette length, so caches with
 * neighbouring indices (kmalloc-64, kmalloc-96, kmalloc-128) never
 * share a look, and the whole palette is used before a look repeats.
 */
#include "ui/colour.h"

struct colour_row {
	const char	  *name;
	struct colour_look look8;
	attr_t		   mono;
};

static const struct colour_row colour_rows[] = {
#define COLOUR_ROW(e, name, fg, bg, a, mono) { name, { fg, bg, a }, mono },
	COLOUR_ROLES(COLOUR_ROW)
#undef COLOUR_ROW
};

/* The screen's background and black glyphs: the cube's, not colour 0. */
#define C_BLACK 16
#define C_WHITE 231

/* 256 colours, the ordinary theme. */
static const struct colour_look colour_256[CR__COUNT] = {
	[CR_TEXT] = { 252, C_BLACK, 0 },
	[CR_BORDER] = { 67, C_BLACK, 0 },
	[CR_TITLE] = { 81, C_BLACK, A_BOLD },
	[CR_DIM] = { 245, C_BLACK, 0 },
	[CR_STATUS] = { C_BLACK, 80, 0 },
	[CR_KEY] = { C_WHITE, 25, A_BOLD },
	[CR_NARRATION] = { 227, C_BLACK, A_BOLD },
	[CR_ERROR] = { 203, C_BLACK, A_BOLD },
	[CR_SELECT] = { C_BLACK, 255, A_BOLD },
	[CR_ANIM] = { C_BLACK, 226, A_BOLD },
	[CR_FREE_LOW] = { 34, C_BLACK, 0 },
	[CR_FREE_MID] = { 40, C_BLACK, 0 },
	[CR_FREE_HIGH] = { 46, C_BLACK, A_BOLD },
	[CR_RESERVE] = { 210, C_BLACK, 0 },
	[CR_RESERVED] = { 245, C_BLACK, 0 },
	[CR_KERNEL] = { C_WHITE, 19, 0 },
	[CR_MEMMAP] = { C_BLACK, 153, 0 },
	[CR_PAGECACHE] = { 250, 237, 0 },
	[CR_PAGES] = { C_BLACK, 140, 0 },
	[CR_LARGE] = { C_BLACK, 121, 0 },
	[CR_PGTABLE] = { C_WHITE, 124, 0 },
	[CR_ANON] = { C_WHITE, 93, 0 },
	[CR_STALE] = { 210, C_BLACK, 0 },
	[CR_ZEROED] = { 87, C_BLACK, A_BOLD },
	/* Free frames parked on a per-CPU list: a cell of their own,
	 * where free frames are glyphs on the background. */
	[CR_PCP] = { C_WHITE, 95, A_BOLD },
	[CR_HOLE] = { 250, 53, 0 }, /* no RAM: a dark cell of its own */
};

/*
 * 256 colours, the projector theme: brighter text, borders and dim
 * text, and a status line and errors on a background of their own.
 */
static const struct colour_look colour_256_present[CR__COUNT] = {
	[CR_TEXT] = { C_WHITE, C_BLACK, A_BOLD },
	[CR_BORDER] = { 110, C_BLACK, 0 },
	[CR_TITLE] = { 227, C_BLACK, A_BOLD },
	[CR_DIM] = { 250, C_BLACK, 0 },
	[CR_STATUS] = { C_BLACK, 255, 0 },
	[CR_KEY] = { C_WHITE, 25, A_BOLD },
	[CR_NARRATION] = { 227, C_BLACK, A_BOLD },
	[CR_ERROR] = { C_WHITE, 124, A_BOLD },
	[CR_SELECT] = { C_BLACK, 255, A_BOLD },
	[CR_ANIM] = { C_BLACK, 226, A_BOLD },
	[CR_FREE_LOW] = { 34, C_BLACK, 0 },
	[CR_FREE_MID] = { 40, C_BLACK, A_BOLD },
	[CR_FREE_HIGH] = { 46, C_BLACK, A_BOLD },
	[CR_RESERVE] = { 210, C_BLACK, A_BOLD },
	[CR_RESERVED] = { 245, C_BLACK, 0 },
	[CR_KERNEL] = { C_WHITE, 19, A_BOLD },
	[CR_MEMMAP] = { C_BLACK, 153, 0 },
	[CR_PAGECACHE] = { 250, 237, 0 },
	[CR_PAGES] = { C_BLACK, 140, 0 },
	[CR_LARGE] = { C_BLACK, 121, 0 },
	[CR_PGTABLE] = { C_WHITE, 124, A_BOLD },
	[CR_ANON] = { C_WHITE, 93, A_BOLD },
	[CR_STALE] = { 210, C_BLACK, A_BOLD },
	[CR_ZEROED] = { 87, C_BLACK, A_BOLD },
	[CR_PCP] = { C_WHITE, 95, A_BOLD },
	[CR_HOLE] = { 250, 53, 0 }, /* no RAM: a dark cell of its own */
};

/* Slab caches: a glyph on a coloured cell. */
static const struct colour_look colour_palette_8[COLOUR_PALETTE_8] = {
	{ COLOR_BLACK, COLOR_CYAN, 0 },
	{ COLOR_WHITE, COLOR_RED, 0 },
	{ COLOR_BLACK, COLOR_YELLOW, 0 },
	{ COLOR_WHITE, COLOR_BLUE, 0 },
	{ COLOR_BLACK, COLOR_GREEN, 0 },
	{ COLOR_BLACK, COLOR_WHITE, 0 },
};
static const struct colour_look colour_palette_256[COLOUR_PALETTE_256] = {
	{ C_BLACK, 202, 0 },
	{ C_WHITE, 60, 0 },
	{ C_BLACK, 136, 0 },
	{ C_BLACK, 70, 0 },
	{ C_BLACK, 246, 0 },
	{ C_BLACK, 198, 0 },
};

/* vmalloc areas: the glyph's colour, on the screen's background. */
static const short colour_areas_8[COLOUR_AREAS_8] = { COLOR_YELLOW,
	COLOR_WHITE };
static const short colour_areas_256[COLOUR_AREAS_256] = { 176, 110, 229, 86 };

/* Owner -> role; -1 for owners drawn from a palette. */
static const int colour_owner_roles[FO__COUNT] = {
	[FO_FREE] = CR_FREE_MID,
	[FO_RESERVED] = CR_RESERVED,
	[FO_KERNEL] = CR_KERNEL,
	[FO_MEMMAP] = CR_MEMMAP,
	[FO_PAGECACHE] = CR_PAGECACHE,
	[FO_PAGES] = CR_PAGES,
	[FO_SLAB] = -1,
	[FO_KMALLOC_LARGE] = CR_LARGE,
	[FO_VMALLOC] = -1,
	[FO_PGTABLE] = CR_PGTABLE,
	[FO_ANON] = CR_ANON,
	[FO_HOLE] = CR_HOLE,
};

/* Screen state: which look is in use. */
static int colour_on;
static int colour_ncolours = 8;
static int colour_present_on;

#define PAIR_BAR(role)	((short)(CR__COUNT + 1 + (role)))
#define PAIR_PALETTE(i) ((short)(2 * CR__COUNT + 1 + (i)))
#define PAIR_AREA(i)	((short)(2 * CR__COUNT + 1 + COLOUR_PALETTE_256 + (i)))

unsigned
colour_palette_len(int colour, int ncolours)
{
	if (!colour)
		return 2; /* plain and bold */
	return ncolours >= 256 ? COLOUR_PALETTE_256 : COLOUR_PALETTE_8;
}

unsigned
colour_area_len(int colour, int ncolours)
{
	if (!colour)
		return 2;
	return ncolours >= 256 ? COLOUR_AREAS_256 : COLOUR_AREAS_8;
}

void
colour_look(enum colour_role role, int ncolours, int present,
    struct colour_look *look)
{
	if ((unsigned)role >= CR__COUNT)
		role = CR_TEXT;
	if (ncolours < 256)
		*look = colour_rows[role].look8;
	else
		*look = present ? colour_256_present[role] : colour_256[role];
}

void
colour_bar_look(enum colour_role role, int ncolours, int present,
    struct colour_look *look)
{
	struct colour_look text;

	colour_look(CR_TEXT, ncolours, present, &text);
	colour_look(role, ncolours, present, look);
	if (look->bg != text.bg)
		look->fg = look->bg;
	look->bg = text.bg;
	look->attr = 0;
}

void
colour_palette_look(unsigned slot, int ncolours, struct colour_look *look)
{
	if (ncolours < 256)
		*look = colour_palette_8[slot % COLOUR_PALETTE_8];
	else
		*look = colour_palette_256[slot % COLOUR_PALETTE_256];
}

void
colour_area_look(unsigned slot, int ncolours, int present,
    struct colour_look *look)
{
	colour_look(CR_TEXT, ncolours, present, look);
	look->fg = ncolours < 256 ? colour_areas_8[slot % COLOUR_AREAS_8] :
				    colour_areas_256[slot % COLOUR_AREAS_256];
	look->attr = 0;
}

/* Pairs past what the terminal has stay unset: their looks fall back. */
static void
colour_pair(short pair, const struct colour_look *look)
{
	if (pair < COLOR_PAIRS)
		init_pair(pair, look->fg, look->bg);
}

static void
colour_pairs(void)
{
	struct colour_look k;
	unsigned	   i, n = (unsigned)colour_ncolours;

	if (!colour_on)
		return;
	/* Pair 0, what windows are cleared with, is the theme's text too. */
	colour_look(CR_TEXT, colour_ncolours, colour_present_on, &k);
	assume_default_colors(k.fg, k.bg);
	for (i = 0; i < CR__COUNT; i++) {
		colour_look(i, colour_ncolours, colour_present_on, &k);
		colour_pair((short)(i + 1), &k);
		colour_bar_look(i, colour_ncolours, colour_present_on, &k);
		colour_pair(PAIR_BAR(i), &k);
	}
	for (i = 0; i < colour_palette_len(1, (int)n); i++) {
		colour_palette_look(i, colour_ncolours, &k);
		colour_pair(PAIR_PALETTE(i), &k);
	}
	for (i = 0; i < colour_area_len(1, (int)n); i++) {
		colour_area_look(i, colour_ncolours, colour_present_on, &k);
		colour_pair(PAIR_AREA(i), &k);
	}
}

void
colour_init(int colour, int ncolours)
{
	colour_on = colour;
	colour_ncolours = ncolours >= 256 ? 256 : 8;
	colour_pairs();
}

void
colour_set_theme(int present)
{
	colour_present_on = present;
	colour_pairs();
}

/* Monochrome: the projector theme has no A_DIM (the tables have none). */
attr_t
colour_attr(enum colour_role role)
{
	struct colour_look k;

	if ((unsigned)role >= CR__COUNT)
		role = CR_TEXT;
	if (!colour_on)
		return colour_rows[role].mono;
	colour_look(role, colour_ncolours, colour_present_on, &k);
	return COLOR_PAIR(role + 1) | k.attr;
}

/* Monochrome: reverse video would fill a block with the background. */
attr_t
colour_bar_attr(enum colour_role role)
{
	if ((unsigned)role >= CR__COUNT)
		role = CR_TEXT;
	if (!colour_on)
		return colour_rows[role].mono & ~A_REVERSE;
	return COLOR_PAIR(PAIR_BAR(role));
}

unsigned
colour_palette_slot(unsigned index, unsigned len)
{
	static const unsigned strides[] = { 5, 7, 11, 13 };
	unsigned	      i;

	if (len <= 1)
		return 0;
	for (i = 0; i < sizeof strides / sizeof strides[0]; i++) {
		if (len % strides[i] != 0 && strides[i] < len)
			return (index * strides[i]) % len;
	}
	return index % len;
}

attr_t
colour_palette_attr(unsigned index)
{
	unsigned	   slot = colour_palette_slot(index,
		      colour_palette_len(colour_on, colour_ncolours));
	struct colour_look k;

	if (!colour_on)
		return slot ? A_BOLD : A_NORMAL;
	colour_palette_look(slot, colour_ncolours, &k);
	return COLOR_PAIR(PAIR_PALETTE(slot)) | k.attr;
}

attr_t
colour_area_attr(unsigned index)
{
	unsigned slot = colour_palette_slot(index,
	    colour_area_len(colour_on, colour_ncolours));

	if (!colour_on)
		return slot ? A_BOLD : A_NORMAL;
	return COLOR_PAIR(PAIR_AREA(slot));
}

attr_t
colour_owner_attr(enum frame_owner o, unsigned tag)
{
	if (o == FO_SLAB)
		return colour_palette_attr(tag);
	if (o == FO_VMALLOC)
		return colour_area_attr(tag);
	return colour_attr((enum colour_role)colour_owner_role(o));
}

const char *
colour_role_name(enum colour_role role)
{
	return (unsigned)role < CR__COUNT ? colour_rows[role].name : "?";
}

int
colour_owner_role(enum frame_owner o)
{
	return (unsigned)o < FO__COUNT ? colour_owner_roles[o] : CR_TEXT;
}

enum colour_role
colour_free_role(unsigned order)
{
	if (order <= 2)
		return CR_FREE_LOW;
	return order <= 6 ? CR_FREE_MID : CR_FREE_HIGH;
}
