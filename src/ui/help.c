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
	size_t i, j;

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
		sbuf_printf(&b, "  %-16s %s\n", sbuf_str(&keys), keymap[i].help);
	}
	sbuf_puts(&b, "\n  at a pause: ");
	help_going_on(&b);
	sbuf_puts(&b, " go on; every other key looks around\n"
	    "  and the lesson stays where it is\n");
	sbuf_puts(&b, "  mouse: click selects a cell, the wheel scrolls\n");
	sbuf_free(&keys);
	return b.s;
}

char *
help_legend_text(const struct ui *ui)
{
	struct sbuf b = SBUF_INIT;
	int o;

	sbuf_puts(&b, "legend (any key closes)\n\nRAM grid cells:\n");
	for (o = 0; o < FO__COUNT; o++) {
		if (o == FO_FREE)
			continue;
		sbuf_printf(&b, "  %c  %s%s\n", frame_owner_glyph(o),
		    frame_owner_name(o), colour_owner_role(o) < 0 ?
		    " (one colour per cache / area)" : "");
	}
	sbuf_printf(&b, "  0..9,A  head of a free block of that order; "
	    "%s the rest of the block\n", ui_glyph(ui, G_FREE));
	sbuf_puts(&b, "  a cell of many frames shows the most important: what "
	    "the last steps\n  changed, the selection, then rare owners (v s L "
	    "u t p) over common ones\n");
	sbuf_puts(&b, "  underlined: a mixed cell, its frames are not all alike; "
	    "with --present its\n  second column names another owner there "
	    "(zoom in with > to see each frame)\n");
	sbuf_puts(&b, "  reverse: selected, and its counterparts in every "
	    "view\n  yellow / bold underline: the event being shown\n"
	    "  yellow glyph / bold reverse: what the last step changed, in "
	    "every view,\n  until the next step\n\n");
	sbuf_puts(&b, "slab objects: . free (never used)  # used  "
	    "~ stale (freed, old bytes)  0 zeroed (kzalloc)\n");
	sbuf_printf(&b, "vmalloc pages: %s mapped  %s guard page\n",
	    ui_glyph(ui, G_BAR), ui_glyph(ui, G_GUARD));
	sbuf_printf(&b, "user pages: %s own frame  %s zero page  . not "
	    "touched\n", ui_glyph(ui, G_BAR), ui_glyph(ui, G_LIGHT));
	sbuf_printf(&b, "%s at the end of a line or title: cut here, there "
	    "is more\n", ui_glyph(ui, G_ELLIPSIS));
	sbuf_puts(&b, "\nunder the grid: /proc/buddyinfo (free blocks per "
	    "order) and the\nlargest zone's free pages against its "
	    "watermarks; below min is the\nreserve only GFP_ATOMIC may "
	    "use.\n");
	return b.s;
}

static int
help_count_lines(const char *s, int *width)
{
	int n = 0, w = 0;

	*width = 0;
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			n++;
			if (w > *width)
				*width = w;
			w = 0;
		} else if (((unsigned char)*s & 0xc0) != 0x80) {
			w++;
		}
	}
	if (w > 0) {
		n++;
		if (w > *width)
			*width = w;
	}
	return n;
}

/* Skips n characters of the line s..end (UTF-8 aware); where it lands. */
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

/* Clamps the overlay's scroll to its text; 1 when it is wider. */
static int
help_clamp_scroll(struct ui *ui, int lines, int textw, int h, int w)
{
	if (ui->overlay_scroll > lines - (h - 2))
		ui->overlay_scroll = lines - (h - 2) > 0 ? lines - (h - 2) : 0;
	if (ui->overlay_xscroll > textw - (w - 4))
		ui->overlay_xscroll = textw - (w - 4) > 0 ? textw - (w - 4) :
		    0;
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
	WINDOW *w;
	const char *s = ui->overlay, *e, *from;
	int lines, textw, width, h, x, y, top, room, wide;

	if (s == NULL || !ui->lay.ok)
		return;
	/* Between the caption band (presentation) and the narration line. */
	top = ui->lay.caption.h;
	room = ui->lay.narration.y - top;
	lines = help_count_lines(s, &textw);
	h = lines + 2 < room ? lines + 2 : room;
	width = textw + 4 < ui->cols ? textw + 4 : ui->cols;
	if (h < 3 || (w = newwin(h, width, top + (room - h) / 2,
	    (ui->cols - width) / 2)) == NULL)
		return;
	wide = help_clamp_scroll(ui, lines, textw, h, width);
	wattrset(w, colour_attr(CR_BORDER));
	if (ui->utf8)
		box_set(w, WACS_VLINE, WACS_HLINE);
	else
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	if (wide && width > 24)
		mvwaddstr(w, h - 1, width - 22, ui->utf8 ?
		    " \u2190 \u2192 more columns " : " <- -> more columns ");
	wattrset(w, A_NORMAL);
	for (y = 0; *s != '\0' && y < ui->overlay_scroll + h - 2; y++) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		from = help_skip_chars(s, e, ui->overlay_xscroll);
		x = (int)(e - from);
		if (y >= ui->overlay_scroll)
			mvwaddnstr(w, 1 + y - ui->overlay_scroll, 2, from,
			    x < width - 4 ? x : width - 4);
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
help_put_cut(WINDOW *w, int y, int x, const char *s, const char *e,
    int width, const char *mark)
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
	static const char *const hints[] = { "", " J K scroll ",
	    " O widens ", " J K scroll  O widens " };
	const char *hint = hints[more & 3];	/* bit 0 taller, 1 wider */
	char head[96];
	int width = getmaxx(w);

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
		int indent = 0;

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
	const char *s;
	int lines, textw;
	WINDOW *w;

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
	help_show_box(ui, w, ui->show, (lines > r->h - 2) +
	    2 * (textw > r->w - 2));
	help_fold(w, s, r->w - 2, ui->show_scroll, r->h - 2);
	wnoutrefresh(w);
	delwin(w);
}
