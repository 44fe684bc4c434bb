/*
 * contrast.c - reads the pages memviz --export-html wrote and fails
 * when a glyph on them is hard to see: text under 4.5:1 against its
 * background, a line or block graphic under 3:1 (WCAG 2.1, 1.4.3 and
 * 1.4.11).  A full block (U+2588) covers its cell, so its colour is
 * compared with the screen's background around it instead.
 *
 *	contrast FILE.html...
 *
 * Exit status 0 when every glyph passes, 1 when one fails (the first
 * ones are listed), 2 when a file cannot be read or holds no screen.
 * It reads the markup export.c writes: an <h2> title per screen, a
 * <pre style="background:#rrggbb;..."> per screen, and one
 * <span style="color:#rrggbb;background:#rrggbb;..."> per run of cells.
 */
#include "contrast-lib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTRAST_SHOWN 20 /* failures listed before the count */

struct contrast_pos {
	const char   *file;
	char	      title[128];
	uint32_t      screen_bg; /* the <pre>'s background */
	uint32_t      fg, bg;	 /* the current span's */
	int	      row, col;
	unsigned long screens, cells, failures;
};

/* Reads a whole file; NULL when it cannot. */
static char *
contrast_slurp(const char *path)
{
	FILE  *f = fopen(path, "rb");
	char  *buf = NULL;
	size_t len = 0, n;

	if (f == NULL)
		return NULL;
	for (;;) {
		buf = realloc(buf, len + 65536 + 1);
		if (buf == NULL)
			break;
		n = fread(buf + len, 1, 65536, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	if (buf != NULL)
		buf[len] = '\0';
	return buf;
}

/* The #rrggbb after key in the tag s..end; 0 with *ok cleared if none. */
static uint32_t
contrast_colour(const char *s, const char *end, const char *key, int *ok)
{
	const char *p = strstr(s, key);

	if (p == NULL || p > end || p[strlen(key)] != '#') {
		*ok = 0;
		return 0;
	}
	return (uint32_t)strtoul(p + strlen(key) + 1, NULL, 16);
}

/* Graphics need 3:1; a full block is compared with the screen. */
static int
contrast_is_graphic(uint32_t c)
{
	return c == 0xb7 || c == 0x2026 || (c >= 0x2190 && c <= 0x21ff) ||
	    (c >= 0x2500 && c <= 0x25ff);
}

static void
contrast_cell(struct contrast_pos *p, uint32_t c)
{
	uint32_t bg = c == 0x2588 ? p->screen_bg : p->bg;
	double min = contrast_is_graphic(c) ? CONTRAST_GRAPHIC : CONTRAST_TEXT;
	double r;

	p->col++;
	if (c == ' ' || c == 0xa0)
		return;
	p->cells++;
	r = contrast_ratio(p->fg, bg);
	if (r >= min)
		return;
	if (++p->failures <= CONTRAST_SHOWN)
		printf("%s: %s: row %d col %d: U+%04X #%06x on #%06x is "
		       "%.2f:1, under %.1f:1\n",
		    p->file, p->title, p->row, p->col, (unsigned)c, p->fg, bg,
		    r, min);
}

/* One UTF-8 character or entity at *s, as a code point; advances *s. */
static uint32_t
contrast_char(const char **s)
{
	static const struct {
		const char *name;
		uint32_t    c;
	} ents[] = {
		{ "&amp;", '&' },
		{ "&lt;", '<' },
		{ "&gt;", '>' },
		{ "&quot;", '"' },
		{ "&nbsp;", 0xa0 },
	};
	const unsigned char *u = (const unsigned char *)*s;
	uint32_t	     c;
	size_t		     i, n;

	for (i = 0; *u == '&' && i < sizeof ents / sizeof ents[0]; i++) {
		if (strncmp(*s, ents[i].name, strlen(ents[i].name)) == 0) {
			*s += strlen(ents[i].name);
			return ents[i].c;
		}
	}
	n = *u < 0x80 ? 1 : *u < 0xe0 ? 2 : *u < 0xf0 ? 3 : 4;
	c = n == 1 ? *u : *u & (0x3f >> (n - 1));
	for (i = 1; i < n && (u[i] & 0xc0) == 0x80; i++)
		c = c << 6 | (u[i] & 0x3f);
	*s += i;
	return c;
}

/* A tag at s (just past '<'); returns where it ends. */
static const char *
contrast_tag(struct contrast_pos *p, const char *s)
{
	const char *end = strchr(s, '>'), *t;
	int	    ok = 1;
	size_t	    n;

	if (end == NULL)
		return s + strlen(s);
	if (strncmp(s, "h2", 2) == 0 && (t = strchr(end, '<')) != NULL) {
		n = (size_t)(t - end - 1);
		n = n < sizeof p->title ? n : sizeof p->title - 1;
		memcpy(p->title, end + 1, n);
		p->title[n] = '\0';
	} else if (strncmp(s, "pre", 3) == 0) {
		p->screen_bg = contrast_colour(s, end, "background:", &ok);
		p->screens++;
		p->row = 1;
		p->col = 0;
	} else if (strncmp(s, "span", 4) == 0) {
		p->fg = contrast_colour(s, end, "color:", &ok);
		p->bg = contrast_colour(s, end, "background:", &ok);
	}
	if (!ok)
		fprintf(stderr, "%s: a tag without its colours\n", p->file);
	return end + 1;
}

/* Walks a page: tags set the colours, text inside <pre> is checked. */
static void
contrast_page(struct contrast_pos *p, const char *s)
{
	int in_pre = 0;

	while (*s != '\0') {
		if (*s == '<') {
			in_pre = strncmp(s + 1, "pre", 3) == 0 ? 1 :
			    strncmp(s + 1, "/pre", 4) == 0     ? 0 :
								 in_pre;
			s = contrast_tag(p, s + 1);
		} else if (!in_pre) {
			s++;
		} else if (*s == '\n') {
			p->row++;
			p->col = 0;
			s++;
		} else {
			contrast_cell(p, contrast_char(&s));
		}
	}
}

int
main(int argc, char **argv)
{
	struct contrast_pos p;
	unsigned long	    failures = 0;
	char		   *page;
	int		    i;

	if (argc < 2) {
		fprintf(stderr, "usage: contrast FILE.html...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		memset(&p, 0, sizeof p);
		p.file = argv[i];
		snprintf(p.title, sizeof p.title, "the screen");
		if ((page = contrast_slurp(argv[i])) == NULL) {
			fprintf(stderr, "contrast: cannot read %s\n", argv[i]);
			return 2;
		}
		contrast_page(&p, page);
		free(page);
		printf("%s: %lu screens, %lu glyphs, %lu under the minimum\n",
		    p.file, p.screens, p.cells, p.failures);
		if (p.screens == 0 || p.cells == 0)
			return 2;
		failures += p.failures;
	}
	return failures > 0 ? 1 : 0;
}
