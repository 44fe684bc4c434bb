/*
 * colour.c - colour roles and the palette of caches and areas.
 *
 * Pair numbers: 1..CR__COUNT are the roles in table order, then the
 * palette.  A palette slot is chosen by a stride coprime with the
 * palette length, so caches with neighbouring indices (kmalloc-64,
 * kmalloc-96, kmalloc-128) never share a look, and the whole palette is
 * used before any look repeats.
 *
 * The projector theme overrides every role with an explicit background
 * (a projector shows the terminal's "default" as a washed-out grey) and
 * drops A_DIM, which is unreadable from the back of a room.
 */
#include "ui/colour.h"

struct colour_row {
	const char	*name;
	short		 fg, bg;
	attr_t		 attr, mono;
};

static const struct colour_row colour_rows[] = {
#define COLOUR_ROW(e, name, fg, bg, a, mono) { name, fg, bg, a, mono },
	COLOUR_ROLES(COLOUR_ROW)
#undef COLOUR_ROW
};

/* The projector theme: { fg, bg, attributes } per role. */
static const struct { short fg, bg; attr_t attr; } colour_present[CR__COUNT] = {
	[CR_TEXT] =	  { COLOR_WHITE,   COLOR_BLACK,	  A_BOLD },
	[CR_BORDER] =	  { COLOR_WHITE,   COLOR_BLACK,	  0 },
	[CR_TITLE] =	  { COLOR_YELLOW,  COLOR_BLACK,	  A_BOLD },
	[CR_DIM] =	  { COLOR_WHITE,   COLOR_BLACK,	  0 },
	[CR_STATUS] =	  { COLOR_BLACK,   COLOR_WHITE,	  0 },
	[CR_KEY] =	  { COLOR_BLACK,   COLOR_YELLOW,  A_BOLD },
	[CR_NARRATION] =  { COLOR_YELLOW,  COLOR_BLACK,	  A_BOLD },
	[CR_ERROR] =	  { COLOR_WHITE,   COLOR_RED,	  A_BOLD },
	[CR_SELECT] =	  { COLOR_BLACK,   COLOR_WHITE,	  A_BOLD },
	[CR_ANIM] =	  { COLOR_BLACK,   COLOR_YELLOW,  A_BOLD },
	[CR_FREE_LOW] =	  { COLOR_GREEN,   COLOR_BLACK,	  0 },
	[CR_FREE_MID] =	  { COLOR_GREEN,   COLOR_BLACK,	  A_BOLD },
	[CR_FREE_HIGH] =  { COLOR_BLACK,   COLOR_GREEN,	  0 },
	[CR_RESERVE] =	  { COLOR_WHITE,   COLOR_RED,	  0 },
	[CR_RESERVED] =	  { COLOR_WHITE,   COLOR_BLACK,	  0 },
	[CR_KERNEL] =	  { COLOR_WHITE,   COLOR_BLUE,	  A_BOLD },
	[CR_MEMMAP] =	  { COLOR_BLACK,   COLOR_WHITE,	  0 },
	[CR_PAGECACHE] =  { COLOR_BLACK,   COLOR_CYAN,	  0 },
	[CR_PAGES] =	  { COLOR_BLACK,   COLOR_YELLOW,  0 },
	[CR_LARGE] =	  { COLOR_WHITE,   COLOR_MAGENTA, A_BOLD },
	[CR_PGTABLE] =	  { COLOR_WHITE,   COLOR_RED,	  A_BOLD },
	[CR_ANON] =	  { COLOR_BLACK,   COLOR_GREEN,	  0 },
	[CR_STALE] =	  { COLOR_RED,	   COLOR_BLACK,	  A_BOLD },
	[CR_ZEROED] =	  { COLOR_CYAN,	   COLOR_BLACK,	  A_BOLD },
};

/* Backgrounds of the palette: 8-colour first, then 256-colour extras. */
static const short colour_palette_bg[COLOUR_PALETTE_256] = {
	COLOR_MAGENTA, COLOR_CYAN, COLOR_YELLOW, COLOR_RED, COLOR_GREEN,
	COLOR_BLUE, 208, 33, 141, 106, 167, 37, 214, 99, 161, 71, 179, 67
};

/* Owner -> role; -1 for owners drawn from the palette. */
static const int colour_owner_roles[FO__COUNT] = {
	[FO_FREE] = CR_FREE_MID,	[FO_RESERVED] = CR_RESERVED,
	[FO_KERNEL] = CR_KERNEL,	[FO_MEMMAP] = CR_MEMMAP,
	[FO_PAGECACHE] = CR_PAGECACHE,	[FO_PAGES] = CR_PAGES,
	[FO_SLAB] = -1,			[FO_KMALLOC_LARGE] = CR_LARGE,
	[FO_VMALLOC] = -1,		[FO_PGTABLE] = CR_PGTABLE,
	[FO_ANON] = CR_ANON,
};

/* Screen state: which look is in use. */
static int	 colour_on;
static int	 colour_present_on;
static unsigned	 colour_plen = COLOUR_PALETTE_8;

unsigned
colour_palette_len(int colour, int ncolours)
{
	if (!colour)
		return 2;	/* plain and bold */
	return ncolours >= 256 ? COLOUR_PALETTE_256 : COLOUR_PALETTE_8;
}

void
colour_role_colours(enum colour_role role, int present, short *fg,
    short *bg, attr_t *attr)
{
	if ((unsigned)role >= CR__COUNT)
		role = CR_TEXT;
	*fg = present ? colour_present[role].fg : colour_rows[role].fg;
	*bg = present ? colour_present[role].bg : colour_rows[role].bg;
	*attr = present ? colour_present[role].attr : colour_rows[role].attr;
}

static void
colour_pairs(void)
{
	attr_t a;
	short fg, bg;
	unsigned i;

	if (!colour_on)
		return;
	for (i = 0; i < CR__COUNT; i++) {
		colour_role_colours(i, colour_present_on, &fg, &bg, &a);
		init_pair((short)(i + 1), fg, bg);
	}
	for (i = 0; i < colour_plen; i++)
		init_pair((short)(CR__COUNT + 1 + i), COLOR_BLACK,
		    colour_palette_bg[i]);
}

void
colour_init(int colour, int ncolours)
{
	colour_on = colour;
	colour_plen = colour_palette_len(colour, ncolours);
	colour_pairs();
}

void
colour_set_theme(int present)
{
	colour_present_on = present;
	colour_pairs();
}

int
colour_theme(void)
{
	return colour_present_on;
}

attr_t
colour_attr(enum colour_role role)
{
	short fg, bg;
	attr_t a;

	if ((unsigned)role >= CR__COUNT)
		role = CR_TEXT;
	if (!colour_on)
		return colour_present_on ? colour_rows[role].mono & ~A_DIM :
		    colour_rows[role].mono;
	colour_role_colours(role, colour_present_on, &fg, &bg, &a);
	return COLOR_PAIR(role + 1) | a;
}

unsigned
colour_palette_slot(unsigned index, unsigned len)
{
	static const unsigned strides[] = { 5, 7, 11, 13 };
	unsigned i;

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
	unsigned slot = colour_palette_slot(index, colour_plen);

	if (!colour_on)
		return slot ? A_BOLD : A_NORMAL;
	return COLOR_PAIR(CR__COUNT + 1 + slot);
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
