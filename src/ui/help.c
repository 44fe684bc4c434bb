/*
 * help.c - overlays: the key list (generated from the keymap), the
 * legend (generated from the owner and colour tables), and the /proc
 * panel with the text of `show` and `help` statements.
 *
 * The key list and the legend are what the user asked for: a box in the
 * middle, on top of everything, that any key closes.  A show's text is
 * what the lesson shows, often at a pause where the caption talks about
 * a view: it goes in a panel beside that view (layout_show_panel), the
 * keys keep working, Esc closes it and J, K scroll it.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"
#include "ui/keymap.h"
#include "common/xmalloc.h"
#include "sim/page/phys.h"

#include <stdlib.h>
#include <string.h>

/* The keys that go on at a pause, from the keymap. */
static void
help_going_on(struct sbuf *b)
{
	size_t i, start = b->len;

	for (i = 0; i < keymap_len; i++) {
		if (!keymap_goes_on(&keymap[i]) ||
		    strstr(sbuf_str(b) + start, keymap[i].keyname) != NULL)
			continue;
		sbuf_printf(b, "%s%s", b->len > start ? ", " : "",
		    keymap[i].keyname);
	}
}

/* Rows of the keymap that share a help text are listed on one line. */
char *
help_keys_text(void)
{
	struct sbuf b = SBUF_INIT, keys = SBUF_INIT;
	size_t	    i, j;

	sbuf_puts(&b, "memviz keys (any key closes)\n\n");
	for (i = 0; i < keymap_len; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(keymap[j].help, keymap[i].help) == 0)
				break;
		if (j < i)
			continue;
		sbuf_reset(&keys);
		for (j = i; j < keymap_len; j++) {
			if (strcmp(keymap[j].help, keymap[i].help) != 0 ||
			    strstr(sbuf_str(&keys), keymap[j].keyname) != NULL)
				continue;
			if (keys.len > 0)
				sbuf_puts(&keys, ", ");
			sbuf_puts(&keys, keymap[j].keyname);
		}
		sbuf_printf(&b, "  %-16s %s\n", sbuf_str(&keys),
		    keymap[i].help);
	}
	sbuf_puts(&b, "\n  at a pause: ");
	help_going_on(&b);
	sbuf_puts(&b,
	    " go on; every other key looks around\n"
	    "  and the lesson stays where it is\n");
	sbuf_puts(&b,
	    "  mouse: click selects a cell, the wheel scrolls; a click on the\n"
	    "  status line's progress bar seeks there\n");
	sbuf_free(&keys);
	return b.s;
}

/*
 * The legend's samples are drawn in the looks the views use: a sample
 * is "\x01<attr in hex>;" before its text and "\x02" after it, markers
 * that take no column (help_draw_line reads them).
 */
#define HELP_MARK   '\x01'
#define HELP_UNMARK '\x02'

static void
help_mark(struct sbuf *b, attr_t a, const char *text)
{
	sbuf_printf(b, "%c%lx;%s%c", HELP_MARK, (unsigned long)a, text,
	    HELP_UNMARK);
}

static void
help_mark_char(struct sbuf *b, attr_t a, char c)
{
	char s[2] = { c, '\0' };

	help_mark(b, a, s);
}

/* Free blocks: the head's order digit, in the colour of its group. */
static void
help_legend_free(const struct ui *ui, struct sbuf *b)
{
	static const char digits[] = "0123456789A";
	unsigned	  o;

	sbuf_puts(b, "  ");
	for (o = 0; o <= MAX_PAGE_ORDER && o < sizeof digits - 1; o++)
		help_mark_char(b, colour_attr(colour_free_role(o)), digits[o]);
	sbuf_puts(b,
	    "  head of a free block of that order (low, middle, "
	    "high orders);\n  ");
	for (o = 0; o <= MAX_PAGE_ORDER; o += 4)
		help_mark(b, colour_attr(colour_free_role(o)),
		    ui_glyph(ui, G_FREE));
	sbuf_puts(b, "  the rest of a free block\n");
}

/* Free frames held on a per-CPU list, and the line under the grid. */
static void
help_legend_pcp(const struct ui *ui, struct sbuf *b)
{
	sbuf_puts(b, "  ");
	help_mark(b, colour_attr(CR_PCP), ui_glyph(ui, G_PCP));
	sbuf_puts(b,
	    "  per-CPU list: free, but held for one CPU (not on the buddy "
	    "lists,\n     not in buddyinfo); the next small allocation "
	    "there takes one\n");
}

/* Every owner's glyph in its look; caches and areas in all of theirs. */
static void
help_legend_owners(struct sbuf *b)
{
	unsigned i, n;
	int	 o;

	for (o = 0; o < FO__COUNT; o++) {
		if (o == FO_FREE)
			continue;
		n = o == FO_SLAB    ? COLOUR_PALETTE_256 :
		    o == FO_VMALLOC ? COLOUR_AREAS_256 :
				      1;
		sbuf_puts(b, "  ");
		for (i = 0; i < n; i++)
			help_mark_char(b, colour_owner_attr(o, i),
			    frame_owner_glyph(o));
		sbuf_printf(b, "%*s%s%s\n", (int)(COLOUR_PALETTE_256 - n + 2),
		    "", frame_owner_name(o),
		    o == FO_SLAB	? " (a colour per "
					  "cache)" :
			o == FO_VMALLOC ? " (a colour per area)" :
					  "");
	}
}

/* How a legend sample is drawn: as a view draws that thing. */
enum help_look {
	HL_ROLE,       /* colour_attr(arg) */
	HL_BOLD,       /* ... in bold, as a guess is drawn */
	HL_BAR,	       /* colour_bar_attr(arg) */
	HL_AREA,       /* colour_area_attr(arg) */
	HL_UNDERLINED, /* the owner arg's look, underlined */
	HL_CHANGED,    /* what the last step changed */
};

/*
 * One sample and what it means.  head starts a line; a NULL meaning
 * puts the next sample right after this one.  glyph: an enum ui_glyph,
 * or -1 for text.
 */
struct help_sample {
	const char    *head;
	enum help_look look;
	int	       arg, glyph;
	const char    *text, *meaning;
};

static const struct help_sample help_samples[] = {
	{ "  a cell of many frames shows the most important: what the last "
	  "steps\n  changed, the selection, then rare owners (v s L u t p) "
	  "over common ones\n  ",
	    HL_UNDERLINED, FO_PAGECACHE, -1, "c",
	    "underlined: the cell's frames are not all alike; with --present "
	    "its\n  second column names another owner there (zoom in with > "
	    "to see each frame)" },
	{ "  ", HL_ROLE, CR_SELECT, -1, "s",
	    "selected, and its "
	    "counterparts in every view" },
	{ "  ", HL_ROLE, CR_ANIM, -1, "s", "the event being shown" },
	{ NULL, HL_BOLD, CR_KEY, -1, "?", "your guess" },
	{ "  ", HL_CHANGED, 0, -1, "v",
	    "what the last step changed, in every "
	    "view, until the next step" },
	{ "\nslab objects: ", HL_ROLE, CR_DIM, -1, ".", "free (never used)" },
	{ NULL, HL_ROLE, CR_TEXT, -1, "#", "used" },
	{ NULL, HL_ROLE, CR_STALE, -1, "~", "stale (freed, old bytes)" },
	{ NULL, HL_ROLE, CR_ZEROED, -1, "0", "zeroed (kzalloc)" },
	{ "vmalloc pages: ", HL_AREA, 0, G_BAR, NULL, NULL },
	{ NULL, HL_AREA, 1, G_BAR, NULL, NULL },
	{ NULL, HL_AREA, 2, G_BAR, NULL, NULL },
	{ NULL, HL_AREA, 3, G_BAR, NULL, "mapped (the area's colour)" },
	{ NULL, HL_ROLE, CR_DIM, G_FREE, NULL, "not mapped yet" },
	{ NULL, HL_ROLE, CR_DIM, G_GUARD, NULL, "guard page" },
	{ "user pages: ", HL_BAR, CR_ANON, G_BAR, NULL, "own frame" },
	{ NULL, HL_BAR, CR_DIM, G_LIGHT, NULL, "zero page" },
	{ NULL, HL_BAR, CR_DIM, -1, ".", "not touched" },
	{ "pages: ", HL_BAR, CR_SELECT, G_BAR, NULL, "selected" },
	{ NULL, HL_BAR, CR_ANIM, G_BAR, NULL, "the event being shown" },
	{ "\nunder the grid: /proc/buddyinfo (free blocks per order), "
	  "then\npageblocks by type (blk U M R: Unmovable, Movable, "
	  "Reclaimable,\n/proc/pagetypeinfo), and the largest zone's free "
	  "pages against\nits watermarks:\n  ",
	    HL_ROLE, CR_ERROR, -1, "free", "below min" },
	{ NULL, HL_ROLE, CR_RESERVE, -1, "reserve",
	    "what only GFP_ATOMIC "
	    "may use" },
	{ "  ", HL_ROLE, CR_PCP, -1, "pcp 5/256/15 next 0x4831",
	    "a zone's per-CPU list: count/high/batch\n  and the "
	    "frame the next order-0 allocation takes" },
	{ "", HL_ROLE, CR_TEXT, G_ELLIPSIS, NULL,
	    "at the end of a line or "
	    "title: cut here, there is more" },
	{ "\ntext: ", HL_ROLE, CR_TITLE, -1, "title", "" },
	{ NULL, HL_ROLE, CR_NARRATION, -1, "narration", "" },
	{ NULL, HL_ROLE, CR_ERROR, -1, "error", "" },
	{ NULL, HL_ROLE, CR_DIM, -1, "secondary", "" },
	{ NULL, HL_ROLE, CR_KEY, -1, "question", "" },
	{ NULL, HL_ROLE, CR_STATUS, -1, "status line", "" },
	{ NULL, HL_ROLE, CR_BORDER, -1, "border", "" },
};

static attr_t
help_sample_attr(const struct help_sample *s)
{
	switch (s->look) {
	case HL_BOLD:
		return colour_attr(s->arg) | A_BOLD;
	case HL_BAR:
		return colour_bar_attr(s->arg);
	case HL_AREA:
		return colour_area_attr((unsigned)s->arg);
	case HL_UNDERLINED:
		return colour_owner_attr(s->arg, 0) | A_UNDERLINE;
	case HL_CHANGED:
		return view_changed_attr();
	default:
		return colour_attr(s->arg);
	}
}

/* The samples of the slab, vmalloc and user views, and of text. */
static void
help_legend_samples(const struct ui *ui, struct sbuf *b)
{
	const struct help_sample *s;
	size_t i, n = sizeof help_samples / sizeof help_samples[0];

	for (i = 0; i < n; i++) {
		s = &help_samples[i];
		if (s->head != NULL)
			sbuf_puts(b, s->head);
		help_mark(b, help_sample_attr(s),
		    s->glyph >= 0 ? ui_glyph(ui, s->glyph) : s->text);
		if (s->meaning != NULL && *s->meaning != '\0')
			sbuf_printf(b, " %s", s->meaning);
		if (i + 1 == n || help_samples[i + 1].head != NULL)
			sbuf_putc(b, '\n');
		else if (s->meaning != NULL)
			sbuf_puts(b, "  ");
	}
}

char *
help_legend_text(const struct ui *ui)
{
	struct sbuf b = SBUF_INIT;

	sbuf_puts(&b, "legend (any key closes)\n\nRAM grid cells:\n");
	help_legend_owners(&b);
	help_legend_free(ui, &b);
	help_legend_pcp(ui, &b);
	help_legend_samples(ui, &b);
	return b.s;
}

/* Bytes of a legend marker at s (0 if none): they take no column. */
static size_t
help_marker_len(const char *s, attr_t *a)
{
	char *end;

	if (*s == HELP_UNMARK) {
		*a = colour_attr(CR_TEXT);
		return 1;
	}
	if (*s != HELP_MARK)
		return 0;
	*a = (attr_t)strtoul(s + 1, &end, 16);
	return (size_t)(end - s) + (*end == ';');
}

/* Bytes of the UTF-8 character at s. */
static size_t
help_char_len(const char *s)
{
	size_t n = 1;

	while (s[n] != '\0' && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

static int
help_count_lines(const char *s, int *width)
{
	int    n = 0, w = 0;
	attr_t a;
	size_t k;

	*width = 0;
	while (*s != '\0') {
		if ((k = help_marker_len(s, &a)) > 0) {
			s += k;
			continue;
		}
		if (*s == '\n') {
			n++;
			if (w > *width)
				*width = w;
			w = 0;
		} else {
			w++;
		}
		s += help_char_len(s);
	}
	if (w > 0) {
		n++;
		if (w > *width)
			*width = w;
	}
	return n;
}

/* The end of the first n characters of [s, end), UTF-8 aware. */
static const char *
help_skip_chars(const char *s, const char *end, int n)
{
	while (s < end && n > 0) {
		s++;
		while (s < end && ((unsigned char)*s & 0xc0) == 0x80)
			s++;
		n--;
	}
	return s;
}

/*
 * One line s..end in row y of w, from column xscroll on, at most cols
 * columns, each character in the look its markers give it.
 */
static void
help_draw_line(WINDOW *w, int y, const char *s, const char *end, int xscroll,
    int cols)
{
	attr_t a = colour_attr(CR_TEXT);
	size_t k;
	int    col = 0;

	while (s < end && col - xscroll < cols) {
		if ((k = help_marker_len(s, &a)) > 0) {
			s += k;
			continue;
		}
		k = help_char_len(s);
		if (col >= xscroll) {
			wattrset(w, a);
			mvwaddnstr(w, y, 2 + col - xscroll, s, (int)k);
		}
		col++;
		s += k;
	}
	wattrset(w, colour_attr(CR_TEXT));
}

/* Clamps the overlay's scroll to its text; 1 when it is wider. */
static int
help_clamp_scroll(struct ui *ui, int lines, int textw, int h, int w)
{
	if (ui->overlay_scroll > lines - (h - 2))
		ui->overlay_scroll = lines - (h - 2) > 0 ? lines - (h - 2) : 0;
	if (ui->overlay_xscroll > textw - (w - 4))
		ui->overlay_xscroll = textw - (w - 4) > 0 ? textw - (w - 4) : 0;
	return textw > w - 4;
}

/*
 * A show or help text in a box over the views.  Wider than the screen
 * (a zoneinfo or slabinfo line is 150 columns), it scrolls sideways
 * with the arrow keys, and the bottom border says so.
 */
void
uiloop_draw_overlay(struct ui *ui)
{
	WINDOW	   *w;
	const char *s = ui->overlay, *e;
	int	    lines, textw, width, h, y, top, room, wide;

	if (s == NULL || !ui->lay.ok)
		return;
	/* Between the caption band (presentation) and the narration line. */
	top = ui->lay.caption.h;
	room = ui->lay.narration.y - top;
	lines = help_count_lines(s, &textw);
	h = lines + 2 < room ? lines + 2 : room;
	width = textw + 4 < ui->cols ? textw + 4 : ui->cols;
	if (h < 3 ||
	    (w = newwin(h, width, top + (room - h) / 2,
		 (ui->cols - width) / 2)) == NULL)
		return;
	wide = help_clamp_scroll(ui, lines, textw, h, width);
	wattrset(w, colour_attr(CR_BORDER));
	if (ui->utf8)
		box_set(w, WACS_VLINE, WACS_HLINE);
	else
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	if (wide && width > 24)
		mvwaddstr(w, h - 1, width - 22,
		    ui->utf8 ? " \u2190 \u2192 more columns " :
			       " <- -> more columns ");
	wattrset(w, colour_attr(CR_TEXT));
	for (y = 0; *s != '\0' && y < ui->overlay_scroll + h - 2; y++) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		if (y >= ui->overlay_scroll)
			help_draw_line(w, 1 + y - ui->overlay_scroll, s, e,
			    ui->overlay_xscroll, width - 4);
		s = *e != '\0' ? e + 1 : e;
	}
	wnoutrefresh(w);
	delwin(w);
}

void
ui_show(struct ui *ui, const char *title, const char *text)
{
	struct sbuf b = SBUF_INIT;

	free(ui->show);
	ui->show = NULL;
	ui->show_scroll = 0;
	if (text == NULL)
		return;
	sbuf_printf(&b, "%s\n%s", title != NULL ? title : "show", text);
	ui->show = b.s;
}

void
help_put_cut(WINDOW *w, int y, int x, const char *s, const char *e, int width,
    const char *mark)
{
	const char *cut;

	if (width <= 0)
		return;
	if ((cut = help_skip_chars(s, e, width)) < e)
		cut = help_skip_chars(s, e, width - 1);
	mvwaddnstr(w, y, x, s, (int)(cut - s));
	if (cut < e)
		waddstr(w, mark);
}

/* The panel's box and title: what it shows, and how to get rid of it. */
static void
help_show_box(struct ui *ui, WINDOW *w, const char *title, int more)
{
	static const char *const hints[] = { "", " J K scroll ", " O widens ",
		" J K scroll  O widens " };
	const char *hint = hints[more & 3]; /* bit 0 taller, 1 wider */
	char	    head[96];
	int	    width = getmaxx(w);

	wattrset(w, colour_attr(CR_BORDER));
	if (ui->utf8)
		box_set(w, WACS_VLINE, WACS_HLINE);
	else
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	snprintf(head, sizeof head, " %.*s  esc closes ",
	    (int)strcspn(title, "\n"), title);
	wattrset(w, colour_attr(CR_TITLE));
	if ((int)strlen(head) <= width - 2)
		mvwaddstr(w, 0, 1, head);
	if ((int)strlen(hint) + 2 <= width)
		mvwaddstr(w, getmaxy(w) - 1, width - (int)strlen(hint) - 2,
		    hint);
	wattrset(w, A_NORMAL);
}

/* How far a row of at most width columns reaches into [s, e): at the last
 * blank that fits, or mid-word when a word is wider than the row. */
static const char *
help_wrap(const char *s, const char *e, int width)
{
	const char *cut = help_skip_chars(s, e, width), *p;

	if (cut >= e)
		return e;
	for (p = cut; p > s && p[0] != ' '; p--)
		;
	return p > s ? p : cut;
}

/*
 * The panel folds what does not fit instead of cutting it: /proc lines
 * keep their last columns (buddyinfo's high orders are the point), each
 * continuation indented by two.  Calls draw for every row when w is not
 * NULL; returns the number of rows.
 */
static int
help_fold(WINDOW *w, const char *s, int width, int first, int rows)
{
	int n = 0;

	while (*s != '\0') {
		const char *e = s + strcspn(s, "\n"), *cut;
		int	    indent = 0;

		do {
			cut = help_wrap(s, e, width - indent);
			if (w != NULL && n >= first && n < first + rows)
				mvwaddnstr(w, 1 + n - first, 1 + indent, s,
				    (int)(cut - s));
			n++;
			indent = width > 8 ? 2 : 0;
			for (s = cut; s < e && *s == ' '; s++)
				;
		} while (s < e);
		s = *e != '\0' ? e + 1 : e;
	}
	return n;
}

void
help_draw_show(struct ui *ui)
{
	const struct rect *r = &ui->show_rect;
	const char	  *s;
	int		   lines, textw;
	WINDOW		  *w;

	if (ui->show == NULL || !ui->show_laid || r->w < 8 || r->h < 3 ||
	    (w = newwin(r->h, r->w, r->y, r->x)) == NULL)
		return;
	s = ui->show + strcspn(ui->show, "\n");
	s += *s != '\0';
	help_count_lines(s, &textw);
	lines = help_fold(NULL, s, r->w - 2, 0, 0);
	if (ui->show_scroll > lines - (r->h - 2))
		ui->show_scroll = lines > r->h - 2 ? lines - (r->h - 2) : 0;
	wbkgdset(w, ' ' | colour_attr(CR_TEXT));
	werase(w);
	help_show_box(ui, w, ui->show,
	    (lines > r->h - 2) + 2 * (textw > r->w - 2));
	help_fold(w, s, r->w - 2, ui->show_scroll, r->h - 2);
	wnoutrefresh(w);
	delwin(w);
}
