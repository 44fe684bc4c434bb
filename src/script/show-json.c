/*
 * show-json.c - the "data" of a --batch --json "show" object: the
 * tabular /proc files as arrays and objects.
 *
 * The report builders (src/sim) write the kernel's own text, whose
 * layout the kernel keeps stable for its parsers (procps, slabtop);
 * this reads that layout back, one parser per file, with the columns
 * named as the file's own header or labels name them.  Numbers become
 * JSON numbers, addresses "0x..." strings.  A line a parser does not
 * know is skipped, so data never holds a guess.
 */
#include "script/script-priv.h"
#include "common/json.h"
#include "common/xmalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SHOW_JSON_TOKS 64

/* Where a parser is in the file: files with blocks keep them open. */
struct show_json_state {
	int  first;	/* nothing written in the current list yet */
	int  zone;	/* zoneinfo: a zone's object is open */
	int  pset;	/* zoneinfo: its "pagesets" array is open */
	int  list;	/* pagetypeinfo: a "free" or "blocks" array is open */
	char cols[256]; /* pagetypeinfo: the block counts' type names */
};

/* One line split at blanks (and, with seps, at those characters too). */
struct show_line {
	char  *tok[SHOW_JSON_TOKS];
	size_t n;
};

static void
show_json_split(char *line, const char *seps, struct show_line *l)
{
	char *p = line;

	l->n = 0;
	for (;;) {
		while (*p == ' ' || (*p != '\0' && strchr(seps, *p) != NULL))
			*p++ = '\0';
		if (*p == '\0' || l->n == SHOW_JSON_TOKS)
			return;
		l->tok[l->n++] = p;
		while (*p != '\0' && *p != ' ' && strchr(seps, *p) == NULL)
			p++;
	}
}

static int
show_json_isnum(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

/* A token as a number when it is all digits, else as a string. */
static void
show_json_value(struct sbuf *out, const char *s)
{
	if (show_json_isnum(s))
		sbuf_puts(out, s);
	else
		json_str(out, s);
}

static void
show_json_pair(struct sbuf *out, int *first, const char *key, const char *v)
{
	if (!*first)
		sbuf_putc(out, ',');
	*first = 0;
	json_key(out, key);
	show_json_value(out, v);
}

/* "0x" + the hex digits of s, the way an address is written. */
static void
show_json_hex(struct sbuf *out, const char *s, size_t n)
{
	while (n > 1 && *s == '0') {
		s++;
		n--;
	}
	sbuf_puts(out, "\"0x");
	sbuf_add(out, s, n);
	sbuf_putc(out, '"');
}

/* The numbers tok[from..] as a JSON array. */
static void
show_json_numbers(struct sbuf *out, const struct show_line *l, size_t from)
{
	size_t i;

	sbuf_putc(out, '[');
	for (i = from; i < l->n; i++) {
		if (i > from)
			sbuf_putc(out, ',');
		show_json_value(out, l->tok[i]);
	}
	sbuf_putc(out, ']');
}

/* mm/vmstat.c frag_show_print(): "Node 0, zone DMA n0 n1 ... n10". */
static void
show_json_buddyinfo(char *line, struct show_json_state *st, struct sbuf *out)
{
	int *first = &st->first;

	struct show_line l;

	show_json_split(line, ",", &l);
	if (l.n < 5 || strcmp(l.tok[0], "Node") != 0)
		return;
	sbuf_puts(out, *first ? "{" : ",{");
	*first = 0;
	sbuf_printf(out, "\"node\":%s,\"zone\":", l.tok[1]);
	json_str(out, l.tok[3]);
	sbuf_puts(out, ",\"free\":");
	show_json_numbers(out, &l, 4);
	sbuf_putc(out, '}');
}

/* fs/proc/meminfo.c: "Name:   N kB", one member per line. */
static void
show_json_meminfo(char *line, struct show_json_state *st, struct sbuf *out)
{
	int *first = &st->first;

	struct show_line l;

	show_json_split(line, ":", &l);
	if (l.n >= 2)
		show_json_pair(out, first, l.tok[0], l.tok[1]);
}

/*
 * slabinfo 2.1: the "# name <active_objs> ..." header names the columns;
 * a row's tokens, less ':' and the section words, fill them in order.
 */
static void
show_json_slabinfo(char *line, struct show_json_state *st, struct sbuf *out)
{
	int *first = &st->first;

	static const char *const cols[] = { "name", "active_objs", "num_objs",
		"objsize", "objperslab", "pagesperslab", "limit", "batchcount",
		"sharedfactor", "active_slabs", "num_slabs", "sharedavail" };
	struct show_line	 l;
	size_t			 i, c = 0;
	int			 f = 1;

	show_json_split(line, ":", &l);
	if (l.n < 2 || line[0] == '#' || strcmp(l.tok[0], "slabinfo") == 0)
		return;
	sbuf_puts(out, *first ? "{" : ",{");
	*first = 0;
	for (i = 0; i < l.n && c < sizeof cols / sizeof cols[0]; i++) {
		if (strcmp(l.tok[i], "tunables") == 0 ||
		    strcmp(l.tok[i], "slabdata") == 0)
			continue;
		show_json_pair(out, &f, cols[c++], l.tok[i]);
	}
	sbuf_putc(out, '}');
}

/* "start-end" as two address members. */
static void
show_json_range(struct sbuf *out, const char *tok)
{
	const char *dash = strchr(tok, '-');

	if (dash == NULL)
		return;
	sbuf_puts(out, "\"start\":");
	show_json_hex(out, tok + (strncmp(tok, "0x", 2) == 0 ? 2 : 0),
	    (size_t)(dash - tok) - (strncmp(tok, "0x", 2) == 0 ? 2 : 0));
	sbuf_puts(out, ",\"end\":");
	show_json_hex(out, dash + 1 + (strncmp(dash + 1, "0x", 2) == 0 ? 2 : 0),
	    strlen(dash + 1) - (strncmp(dash + 1, "0x", 2) == 0 ? 2 : 0));
}

/*
 * mm/vmalloc.c s_show(): "start-end size caller [pages=N] [phys=..]
 * kind... N0=n": KEY=VALUE tokens as members, the bare words in "flags".
 */
static void
show_json_vmallocinfo(char *line, struct show_json_state *st, struct sbuf *out)
{
	int *first = &st->first;

	struct show_line l;
	size_t		 i, nflags = 0;
	char		*eq;

	show_json_split(line, "", &l);
	if (l.n < 3 || strchr(l.tok[0], '-') == NULL)
		return;
	sbuf_puts(out, *first ? "{" : ",{");
	*first = 0;
	show_json_range(out, l.tok[0]);
	sbuf_printf(out, ",\"size\":%s,\"caller\":", l.tok[1]);
	json_str(out, l.tok[2]);
	for (i = 3; i < l.n; i++) {
		if ((eq = strchr(l.tok[i], '=')) == NULL)
			continue;
		*eq = '\0';
		sbuf_putc(out, ',');
		json_key(out, l.tok[i]);
		show_json_value(out, eq + 1);
		l.tok[i] = NULL;
	}
	sbuf_puts(out, ",\"flags\":[");
	for (i = 3; i < l.n; i++) {
		if (l.tok[i] == NULL)
			continue;
		sbuf_puts(out, nflags++ > 0 ? "," : "");
		json_str(out, l.tok[i]);
	}
	sbuf_puts(out, "]}");
}

/* fs/proc/task_mmu.c show_map_vma(): start-end perms offset dev inode path */
static void
show_json_maps(char *line, struct show_json_state *st, struct sbuf *out)
{
	int *first = &st->first;

	struct show_line l;

	show_json_split(line, "", &l);
	if (l.n < 5 || strchr(l.tok[0], '-') == NULL)
		return;
	sbuf_puts(out, *first ? "{" : ",{");
	*first = 0;
	show_json_range(out, l.tok[0]);
	sbuf_puts(out, ",\"perms\":");
	json_str(out, l.tok[1]);
	sbuf_puts(out, ",\"offset\":");
	show_json_hex(out, l.tok[2], strlen(l.tok[2]));
	sbuf_puts(out, ",\"dev\":");
	json_str(out, l.tok[3]);
	sbuf_printf(out, ",\"inode\":%s,\"path\":", l.tok[4]);
	json_str(out, l.n > 5 ? l.tok[5] : NULL);
	sbuf_putc(out, '}');
}

/* Closes what zoneinfo has open down to depth: 1 the zone, 0 nothing. */
static void
show_json_zone_close(struct show_json_state *st, int depth, struct sbuf *out)
{
	if (st->pset) {
		sbuf_puts(out, "}]");
		st->pset = 0;
	}
	if (depth == 0 && st->zone) {
		sbuf_putc(out, '}');
		st->zone = 0;
	}
}

/* A pageset's "cpu: N" opens it; count, high and batch fill it. */
static int
show_json_pageset(const struct show_line *l, struct show_json_state *st,
    struct sbuf *out)
{
	if (strcmp(l->tok[0], "cpu") == 0) {
		sbuf_puts(out, st->pset ? "},{" : ",\"pagesets\":[{");
		st->pset = 1;
		sbuf_printf(out, "\"cpu\":%s", l->tok[1]);
		return 1;
	}
	if (!st->pset ||
	    (strcmp(l->tok[0], "count") != 0 &&
		strcmp(l->tok[0], "high") != 0 &&
		strcmp(l->tok[0], "batch") != 0))
		return 0;
	sbuf_putc(out, ',');
	json_key(out, l->tok[0]);
	show_json_value(out, l->tok[1]);
	return 1;
}

/*
 * mm/vmstat.c zoneinfo_show_print(): a block per zone, "Node 0, zone
 * DMA" then "name value" lines, each a member named by the word before
 * its number ("pages free 158" is "free"); protection an array; the
 * per-CPU pagesets an array of {cpu, count, high, batch}.
 */
static void
show_json_zoneinfo(char *line, struct show_json_state *st, struct sbuf *out)
{
	struct show_line l;

	show_json_split(line, ":(),", &l);
	if (l.n >= 4 && strcmp(l.tok[0], "Node") == 0) {
		show_json_zone_close(st, 0, out);
		sbuf_puts(out, st->first ? "{" : ",{");
		st->first = 0;
		st->zone = 1;
		sbuf_printf(out, "\"node\":%s,\"zone\":", l.tok[1]);
		json_str(out, l.tok[3]);
		return;
	}
	if (!st->zone || l.n < 2 || show_json_pageset(&l, st, out))
		return;
	show_json_zone_close(st, 1, out);
	if (strcmp(l.tok[0], "protection") == 0) {
		sbuf_puts(out, ",\"protection\":");
		show_json_numbers(out, &l, 1);
	} else if (show_json_isnum(l.tok[l.n - 1])) {
		sbuf_putc(out, ',');
		json_key(out, l.tok[l.n - 2]);
		sbuf_puts(out, l.tok[l.n - 1]);
	}
}

/* pagetypeinfo: opens the "free" or "blocks" array, closing the other. */
static void
show_json_list(struct show_json_state *st, const char *key, struct sbuf *out)
{
	sbuf_puts(out, st->list ? "]," : ",");
	json_key(out, key);
	sbuf_putc(out, '[');
	st->list = 1;
	st->first = 1;
}

/* "Node 0, zone DMA, type Movable n0 .. n10" or "Node 0, zone DMA b..". */
static void
show_json_pagetype_row(const struct show_line *l, struct show_json_state *st,
    struct sbuf *out)
{
	struct show_line c;
	char		 cols[sizeof st->cols];
	size_t		 i;

	sbuf_puts(out, st->first ? "{" : ",{");
	st->first = 0;
	sbuf_printf(out, "\"node\":%s,\"zone\":", l->tok[1]);
	json_str(out, l->tok[3]);
	if (strcmp(l->tok[4], "type") == 0 && l->n >= 6) {
		sbuf_puts(out, ",\"type\":");
		json_str(out, l->tok[5]);
		sbuf_puts(out, ",\"free\":");
		show_json_numbers(out, l, 6);
	} else {
		memcpy(cols, st->cols, sizeof cols);
		show_json_split(cols, "", &c);
		for (i = 0; i < c.n && 4 + i < l->n; i++) {
			sbuf_putc(out, ',');
			json_key(out, c.tok[i]);
			show_json_value(out, l->tok[4 + i]);
		}
	}
	sbuf_putc(out, '}');
}

/*
 * mm/vmstat.c pagetypeinfo_show(): the pageblock size, then free blocks
 * per zone, migratetype and order ("free"), then pageblocks per zone and
 * migratetype ("blocks", keyed by the header's type names).
 */
static void
show_json_pagetypeinfo(char *line, struct show_json_state *st, struct sbuf *out)
{
	struct show_line l;
	const char	*hdr = "Number of blocks type";

	if (strncmp(line, hdr, strlen(hdr)) == 0) {
		snprintf(st->cols, sizeof st->cols, "%s", line + strlen(hdr));
		show_json_list(st, "blocks", out);
		return;
	}
	if (strncmp(line, "Free pages count", 16) == 0) {
		show_json_list(st, "free", out);
		return;
	}
	show_json_split(line, ":,", &l);
	if (l.n >= 5 && strcmp(l.tok[0], "Node") == 0 && st->list)
		show_json_pagetype_row(&l, st, out);
	else if (l.n == 4 && strcmp(l.tok[0], "Page") == 0)
		sbuf_printf(out, "\"page_block_order\":%s", l.tok[3]);
	else if (l.n == 4 && strcmp(l.tok[0], "Pages") == 0)
		sbuf_printf(out, ",\"pages_per_block\":%s", l.tok[3]);
}

/* clang-format off */
static const struct {
	const char *view;
	const char *open, *close; /* the data's brackets */
	void (*line)(char *, struct show_json_state *, struct sbuf *);
} show_json_views[] = {
	{ "buddyinfo",	  "[",		     "]", show_json_buddyinfo },
	{ "meminfo",	  "{",		     "}", show_json_meminfo },
	{ "slabinfo",	  "[",		     "]", show_json_slabinfo },
	{ "vmallocinfo",  "[",		     "]", show_json_vmallocinfo },
	{ "maps",	  "[",		     "]", show_json_maps },
	{ "zoneinfo",	  "[",		     "]", show_json_zoneinfo },
	{ "pagetypeinfo", "{", "}", show_json_pagetypeinfo },
};
/* clang-format on */

void
show_json(const char *view, const char *text, struct sbuf *out)
{
	struct show_json_state st = { .first = 1 };
	char		      *copy, *line, *next;
	size_t		       v;

	for (v = 0; v < sizeof show_json_views / sizeof show_json_views[0]; v++)
		if (strcmp(show_json_views[v].view, view) == 0)
			break;
	if (v == sizeof show_json_views / sizeof show_json_views[0])
		return;
	sbuf_printf(out, ",\"data\":%s", show_json_views[v].open);
	copy = xstrdup(text);
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		show_json_views[v].line(line, &st, out);
	}
	free(copy);
	show_json_zone_close(&st, 0, out);
	sbuf_puts(out, st.list ? "]" : "");
	sbuf_puts(out, show_json_views[v].close);
}
