/*
 * cast.c - asciicast v2 (asciinema's doc/asciicast-v2.md): the header,
 * output events made by comparing captured screens, markers.
 *
 * An output event moves the cursor only where the next changed cell is
 * not where the last one left it (CUP, ESC [ row ; col H), and sets the
 * pen only when it differs (SGR: 0 reset, 1 bold, 2 faint, 4
 * underline, 7 reverse; 30-37/90-97 and 38;5;N for the foreground,
 * 40-47/100-107 and 48;5;N for the background, 39/49 the defaults), as
 * ncurses' own output does.  The first screen starts from a cleared one
 * with the cursor hidden, as memviz's curses screen has it.
 */
#include "ui/cast.h"
#include "common/json.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* The longest marker label, in bytes: a sentence, not a paragraph. */
#define CAST_LABEL_MAX 120

void
cast_header(const struct export_theme *t, int w, int h, const char *title,
    struct sbuf *out)
{
	int i;

	sbuf_printf(out, "{\"version\":2,\"width\":%d,\"height\":%d,", w, h);
	json_key(out, "title");
	json_str(out, title);
	sbuf_puts(out, ",\"env\":{\"TERM\":\"xterm-256color\"},");
	sbuf_printf(out,
	    "\"theme\":{\"fg\":\"#%06x\",\"bg\":\"#%06x\","
	    "\"palette\":\"",
	    t->fg, t->bg);
	for (i = 0; i < 16; i++)
		sbuf_printf(out, "%s#%06x", i > 0 ? ":" : "",
		    export_rgb((short)i, 0));
	sbuf_puts(out, "\"}}\n");
}

/* Seconds with millisecond precision, as asciinema writes them. */
static void
cast_time(uint64_t ms, struct sbuf *out)
{
	sbuf_printf(out, "[%llu.%03u,", (unsigned long long)(ms / 1000),
	    (unsigned)(ms % 1000));
}

static int
cast_same(const struct export_cell *a, const struct export_cell *b)
{
	uint32_t ca = a->ch < 0x20 ? ' ' : a->ch;
	uint32_t cb = b->ch < 0x20 ? ' ' : b->ch;

	return ca == cb && a->fg == b->fg && a->bg == b->bg &&
	    a->attr == b->attr;
}

static void
cast_sgr_colour(short c, int base, int bright, int dflt, struct sbuf *out)
{
	if (c < 0)
		sbuf_printf(out, ";%d", dflt);
	else if (c < 8)
		sbuf_printf(out, ";%d", base + c);
	else if (c < 16)
		sbuf_printf(out, ";%d", bright + c - 8);
	else
		sbuf_printf(out, ";%d;5;%d", base + 8, c);
}

static void
cast_sgr(const struct export_cell *c, struct sbuf *out)
{
	sbuf_puts(out, "\033[0");
	if (c->attr & EXPORT_BOLD)
		sbuf_puts(out, ";1");
	if (c->attr & EXPORT_DIM)
		sbuf_puts(out, ";2");
	if (c->attr & EXPORT_UNDERLINE)
		sbuf_puts(out, ";4");
	if (c->attr & EXPORT_REVERSE)
		sbuf_puts(out, ";7");
	cast_sgr_colour(c->fg, 30, 90, 39, out);
	cast_sgr_colour(c->bg, 40, 100, 49, out);
	sbuf_putc(out, 'm');
}

/* Where the terminal's cursor and pen are while a diff is written. */
struct cast_pen {
	int		   x, y;
	struct export_cell look;
	int		   have_look;
};

static void
cast_cell(struct cast_pen *p, const struct export_cell *c, int x, int y,
    struct sbuf *out)
{
	if (c->attr & EXPORT_WIDE_RIGHT)
		return; /* the glyph to its left covers it */
	if (p->x != x || p->y != y)
		sbuf_printf(out, "\033[%d;%dH", y + 1, x + 1);
	if (!p->have_look || p->look.fg != c->fg || p->look.bg != c->bg ||
	    p->look.attr != c->attr) {
		cast_sgr(c, out);
		p->look = *c;
		p->have_look = 1;
	}
	export_cell_utf8(c, out);
	p->x = x + 1;
	p->y = y;
}

/* The bytes that turn old (same size as now) into now. */
static void
cast_diff(const struct export_grid *old, const struct export_grid *now,
    struct sbuf *out)
{
	struct cast_pen p = { -1, -1, { 0, -1, -1, 0 }, 0 };
	size_t		i;
	int		x, y;

	for (y = 0; y < now->h; y++) {
		for (x = 0; x < now->w; x++) {
			i = (size_t)y * (size_t)now->w + (size_t)x;
			if (!cast_same(&old->cells[i], &now->cells[i]))
				cast_cell(&p, &now->cells[i], x, y, out);
		}
	}
}

static void
cast_copy(struct export_grid *dst, const struct export_grid *src)
{
	export_grid_free(dst);
	export_grid_init(dst, src->w, src->h);
	memcpy(dst->cells, src->cells,
	    (size_t)src->w * (size_t)src->h * sizeof *src->cells);
}

int
cast_frame(struct cast *c, const struct export_grid *g, uint64_t ms,
    struct sbuf *out)
{
	struct sbuf bytes = SBUF_INIT;
	int	    fresh = c->screen.w != g->w || c->screen.h != g->h;
	int	    wrote;

	if (fresh) {
		if (c->screen.w != 0) {
			cast_time(ms, out);
			sbuf_printf(out, "\"r\",\"%dx%d\"]\n", g->w, g->h);
		}
		export_grid_free(&c->screen);
		export_grid_init(&c->screen, g->w, g->h); /* blank */
		sbuf_puts(&bytes, "\033[?25l\033[0m\033[H\033[2J");
	}
	cast_diff(&c->screen, g, &bytes);
	if (bytes.len > 0) {
		cast_time(ms, out);
		sbuf_puts(out, "\"o\",");
		json_strn(out, bytes.s, bytes.len);
		sbuf_puts(out, "]\n");
	}
	wrote = bytes.len > 0;
	cast_copy(&c->screen, g);
	sbuf_free(&bytes);
	return wrote;
}

void
cast_marker(uint64_t ms, const char *label, struct sbuf *out)
{
	cast_time(ms, out);
	sbuf_puts(out, "\"m\",");
	json_str(out, label);
	sbuf_puts(out, "]\n");
}

/* Does a sentence end at s (punctuation, then a blank or the end)? */
static int
cast_sentence_end(const char *s)
{
	return *s != '\0' && strchr(".!?", *s) != NULL && /* strchr finds NUL */
	    (s[1] == '\0' || s[1] == ' ' || s[1] == '\n');
}

char *
cast_label(const char *caption)
{
	const char *s = caption != NULL ? caption : "", *e;
	size_t	    n;

	while (*s == ' ' || *s == '\n')
		s++;
	for (e = s; *e != '\0' && *e != '\n' && !cast_sentence_end(e); e++)
		continue;
	n = (size_t)(e - s) + (cast_sentence_end(e) ? 1 : 0);
	if (n > CAST_LABEL_MAX) {
		n = CAST_LABEL_MAX;
		while (n > 0 && (s[n] & 0xc0) == 0x80) /* a whole UTF-8 char */
			n--;
	}
	return xstrndup(s, n);
}

void
cast_free(struct cast *c)
{
	export_grid_free(&c->screen);
}
