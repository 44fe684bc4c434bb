/*
 * import.c - reads a trace line by line through its format's row and
 * assembles the script: a comment header with every count, a machine
 * line big enough for what the trace held at its peak, the statements.
 *
 * The header is written last (the counts are known only at the end) and
 * put in front of the statements.  Every message for stderr names the
 * file and line, as a compiler does, so a teacher can find the line in
 * the trace; the summary is the last message.
 */
#include "import/import-priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"

static const struct import_format *const import_formats[] = { &import_ltrace,
	&import_ftrace };

/* Room the sim needs besides what the trace holds (kernel, page tables). */
#define IMPORT_RAM_BASE	  (32ull << 20)
#define IMPORT_RAM_MIN	  (64ull << 20)
#define IMPORT_RAM_MAX	  (16ull << 30) /* machine_options' ram */
#define IMPORT_HOLD	  (4u << 20)	/* script held back for the header */
#define IMPORT_STREAM_RAM (4ull << 30)	/* a streamed script's least RAM */

/*
 * Appends the formatted line and a newline to the script: formatted
 * once, on the stack unless it is long (a trace is millions of lines).
 */
static void
import_line(struct import *im, const char *fmt, va_list ap)
{
	char	buf[512], *s;
	va_list ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(buf, sizeof buf, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && (size_t)n < sizeof buf) {
		buf[n] = '\n';
		sbuf_add(&im->body, buf, (size_t)n + 1);
		return;
	}
	s = xvasprintf(fmt, ap);
	sbuf_puts(&im->body, s);
	sbuf_putc(&im->body, '\n');
	free(s);
}

/* One statement line of the script, counted under what. */
static void
import_vemit(struct import *im, const char *what, const char *fmt, va_list ap)
{
	import_line(im, fmt, ap);
	import_tally(im, TALLY_OP, what);
	im->res->ops++;
}

void
import_emit(struct import *im, const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	import_vemit(im, what, fmt, ap);
	va_end(ap);
}

/*
 * A failed call is replayed, not dropped: glibc's malloc is not a no-op
 * when it fails (a large request first consolidates the fastbins and
 * sorts the unsorted chunks, malloc.c _int_malloc), and memviz must fail
 * it too, which `expect` makes the replay check.  Under the heuristic
 * overcommit a single mapping larger than RAM plus swap is refused
 * (mm/util.c __vm_enough_memory), so the traced machine had less than
 * the refused size: the replay's machine gets no more.
 */
void
import_emit_failed(struct import *im, const char *what, const char *err,
    uint64_t refused, const char *fmt, ...)
{
	va_list ap;

	sbuf_printf(&im->body, "expect %s\n", err);
	va_start(ap, fmt);
	import_vemit(im, what, fmt, ap);
	va_end(ap);
	if (refused != 0 && (im->refused == 0 || refused < im->refused))
		im->refused = refused;
}

/* A "# ..." line among the statements. */
void
import_comment(struct import *im, const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_printf(&im->body, "# %s\n", s);
	free(s);
}

/* A message for stderr about the current line, as a compiler says it. */
void
import_warn(struct import *im, const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_printf(im->diag, "%s:%lu: %s\n", im->file, im->lineno, s);
	free(s);
}

/* The current line, quoted whole: never dropped silently. */
void
import_not_understood(struct import *im)
{
	import_warn(im, "not understood: %s", im->line);
	im->res->not_understood++;
}

/* Counts by name, in order of first appearance, with the first line. */
unsigned long
import_tally(struct import *im, enum import_tally_kind kind, const char *what)
{
	struct import_tally *t;
	size_t		     i;

	for (i = 0; i < im->ntallies; i++) {
		t = &im->tallies[i];
		if (t->kind == kind && strcmp(t->what, what) == 0)
			return ++t->n;
	}
	im->tallies = xreallocarray(im->tallies, im->ntallies + 1,
	    sizeof *im->tallies);
	t = &im->tallies[im->ntallies++];
	t->what = xstrdup(what);
	t->kind = kind;
	t->n = 1;
	t->first = im->lineno;
	return 1;
}

/* Reported on stderr, noted in the script, counted in the summary. */
void
import_unknown_free(struct import *im, const char *call, const char *addr)
{
	import_warn(im, "%s(%s): never handed out in this trace", call, addr);
	import_comment(im, "line %lu: %s(%s): never handed out in this trace",
	    im->lineno, call, addr);
	import_tally(im, TALLY_NOTE, "releases of pointers never seen");
	im->res->unknown_frees++;
}

/* The script name of a binding: prefix and number. */
const char *
import_name(const struct import_binding *b, char *buf, size_t len)
{
	char	      digits[24];
	size_t	      i = sizeof digits, p = strlen(b->prefix);
	unsigned long n = b->num;

	do /* not snprintf: it was an eighth of an import's time */
		digits[--i] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	if (p + sizeof digits - i + 1 > len) {
		snprintf(buf, len, "%s%lu", b->prefix, b->num); /* cut */
		return buf;
	}
	memcpy(buf, b->prefix, p);
	memcpy(buf + p, digits + i, sizeof digits - i);
	buf[p + sizeof digits - i] = '\0';
	return buf;
}

/* The next number for prefix: names are never reused. */
static unsigned long
import_next_num(struct import *im, const char *prefix)
{
	size_t i, n = sizeof im->names / sizeof im->names[0];

	for (i = 0; i < n && im->names[i].prefix != NULL; i++) {
		if (strcmp(im->names[i].prefix, prefix) == 0)
			return ++im->names[i].next;
	}
	if (i == n)
		fatal("import: too many name prefixes");
	im->names[i].prefix = prefix;
	return im->names[i].next = 1;
}

/* The live name bound under key in one address space. */
struct import_binding *
import_find(struct import *im, enum import_space sp, uint64_t key)
{
	return import_map_find(&im->maps[sp], key);
}

/*
 * Live bytes rise by add and fall by sub.  A trace may name sizes near
 * 2^64 (bytes_req=9223372036854775808), so both saturate instead of
 * wrapping: the peak only chooses the machine's RAM.
 */
static void
import_count_live(struct import *im, uint64_t add, uint64_t sub)
{
	im->live = add > UINT64_MAX - im->live ? UINT64_MAX : im->live + add;
	im->live = sub > im->live ? 0 : im->live - sub;
	if (im->live > im->peak)
		im->peak = im->live;
}

/* A fresh name for an address the trace hands out. */
struct import_binding *
import_bind(struct import *im, enum import_space sp, uint64_t key,
    const char *prefix, uint64_t bytes, unsigned order)
{
	struct import_binding b, *old;
	char		      name[32];

	if ((old = import_find(im, sp, key)) != NULL) {
		if (!old->pending) {
			import_warn(im,
			    "0x%llx handed out again while %s "
			    "still holds it; %s is left allocated",
			    (unsigned long long)key,
			    import_name(old, name, sizeof name), name);
			import_tally(im, TALLY_NOTE,
			    "addresses handed out twice");
		}
		import_release(im, sp, key);
	}
	memset(&b, 0, sizeof b);
	b.prefix = prefix;
	b.num = import_next_num(im, prefix);
	b.bytes = bytes;
	b.order = order;
	import_count_live(im, bytes, 0);
	return import_map_put(&im->maps[sp], key, &b);
}

/* realloc: the same name, a new address and size. */
struct import_binding *
import_rebind(struct import *im, enum import_space sp, uint64_t key,
    uint64_t newkey, uint64_t bytes)
{
	struct import_binding b, *old;

	if ((old = import_find(im, sp, key)) == NULL)
		return NULL;
	b = *old;
	import_map_del(&im->maps[sp], key);
	import_count_live(im, bytes, b.bytes);
	b.bytes = bytes;
	b.pending = 0;
	if ((old = import_find(im, sp, newkey)) != NULL && !old->pending)
		import_release(im, sp, newkey);
	return import_map_put(&im->maps[sp], newkey, &b);
}

/* Puts a displaced binding back under key, counting its bytes again. */
struct import_binding *
import_restore(struct import *im, enum import_space sp, uint64_t key,
    const struct import_binding *b)
{
	struct import_binding copy = *b;

	copy.pending = 0;
	import_release(im, sp, key);
	import_count_live(im, copy.bytes, 0);
	return import_map_put(&im->maps[sp], key, &copy);
}

/* The trace gave the memory back: the name is no longer live. */
void
import_release(struct import *im, enum import_space sp, uint64_t key)
{
	struct import_binding *b;

	if ((b = import_find(im, sp, key)) == NULL)
		return;
	import_count_live(im, 0, b->bytes);
	import_map_del(&im->maps[sp], key);
}

/* Trailing blanks off, in place. */
void
import_trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* ltrace prints sizes in decimal and pointers in 0x hex. */
int
import_number(const char *s, uint64_t *v)
{
	char		  *end;
	unsigned long long n;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = n;
	return 0;
}

/* The kernel prints hashed pointers as bare hex, trace-cmd with 0x. */
int
import_hex(const char *s, uint64_t *v)
{
	char		  *end;
	unsigned long long n;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (*s == '\0' || strspn(s, "0123456789abcdefABCDEF") != strlen(s))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 16);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = n;
	return 0;
}

/* Smallest power-of-two RAM that holds twice the peak, as "64M", but
 * less than any request the traced kernel refused. */
static void
import_ram(const struct import *im, struct sbuf *out)
{
	uint64_t ram = IMPORT_RAM_MIN, need = IMPORT_RAM_MAX;

	if (im->peak < (IMPORT_RAM_MAX - IMPORT_RAM_BASE) / 2)
		need = 2 * im->peak + IMPORT_RAM_BASE;

	while (ram < need && ram < IMPORT_RAM_MAX)
		ram *= 2;
	/* Whole MiB below the least refused request: it fails here too. */
	if (im->refused != 0 && ram >= im->refused) {
		ram = (im->refused - 1) & ~((1ull << 20) - 1);
		ram = ram < (1ull << 20) ? 1ull << 20 : ram;
	}
	if (ram >= (1ull << 30) && ram % (1ull << 30) == 0)
		sbuf_printf(out, "%lluG", (unsigned long long)(ram >> 30));
	else
		sbuf_printf(out, "%lluM", (unsigned long long)(ram >> 20));
}

/* "# replayed: 4 malloc, 2 free" for the tallies of one kind. */
static void
import_header_counts(const struct import *im, enum import_tally_kind kind,
    const char *label, struct sbuf *out)
{
	size_t i;
	int    any = 0;

	for (i = 0; i < im->ntallies; i++) {
		if (im->tallies[i].kind != kind)
			continue;
		sbuf_printf(out, "%s %lu %s", any ? "," : label,
		    im->tallies[i].n, im->tallies[i].what);
		any = 1;
	}
	if (!any)
		sbuf_printf(out, "%s none", label);
	sbuf_putc(out, '\n');
}

static void
import_counts(const struct import *im, struct sbuf *out)
{
	import_header_counts(im, TALLY_OP, "# replayed:", out);
	import_header_counts(im, TALLY_NOTE, "# noted:", out);
	import_header_counts(im, TALLY_SKIP, "# skipped:", out);
	sbuf_printf(out, "# not understood: %lu line%s\n",
	    im->res->not_understood, im->res->not_understood == 1 ? "" : "s");
}

static void
import_header(const struct import *im, struct sbuf *out)
{
	const char *base = strrchr(im->file, '/');

	base = base != NULL ? base + 1 : im->file;
	sbuf_printf(out,
	    "# Imported from %s (%s, %lu lines) by memviz "
	    "--import\n",
	    base, im->fmt->name, im->res->lines);
	import_counts(im, out);
	sbuf_puts(out, "machine ram=");
	import_ram(im, out);
	if (*im->fmt->machine != '\0')
		sbuf_printf(out, " %s", im->fmt->machine);
	sbuf_putc(out, '\n');
}

/* One message per skipped call or event name, then the summary. */
static void
import_summary(const struct import *im)
{
	const struct import_tally *t;
	size_t			   i;
	unsigned long		   skipped = 0;

	for (i = 0; i < im->ntallies; i++) {
		t = &im->tallies[i];
		if (t->kind != TALLY_SKIP)
			continue;
		sbuf_printf(im->diag, "%s:%lu: skipped %lu %s (first here)\n",
		    im->file, t->first, t->n, t->what);
		skipped += t->n;
	}
	sbuf_printf(im->diag,
	    "%s: %lu statement%s from %lu lines; %lu "
	    "not understood, %lu release%s of pointers never seen, %lu "
	    "skipped\n",
	    im->file, im->res->ops, im->res->ops == 1 ? "" : "s",
	    im->res->lines, im->res->not_understood, im->res->unknown_frees,
	    im->res->unknown_frees == 1 ? "" : "s", skipped);
}

void
import_feed(struct import *im, const char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\r')
		len--;
	sbuf_reset(&im->linebuf);
	sbuf_add(&im->linebuf, line, len);
	im->lineno++;
	im->line = sbuf_str(&im->linebuf);
	if (im->line[strspn(im->line, " \t")] != '\0') {
		sbuf_reset(&im->copy); /* the format cuts its copy up */
		sbuf_add(&im->copy, line, len);
		im->fmt->line(im, im->copy.s);
	}
	im->line = "";
	im->res->lines = im->lineno;
}

/* Feeds every line of text, without its newline, to the format. */
static void
import_lines(struct import *im, const char *text)
{
	const char *p = text, *nl;
	size_t	    len;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		import_feed(im, p, len);
		p += len + (nl != NULL);
	}
}

/*
 * A long trace streams: once the statements pass IMPORT_HOLD bytes the
 * header cannot wait for the counts any more.  It says so, the machine
 * gets the RAM the peak so far asks for but at least IMPORT_STREAM_RAM,
 * and the counts follow the statements as comments.
 */
static void
import_stream_header(struct import *im, struct sbuf *out)
{
	const char *base = strrchr(im->file, '/');
	uint64_t    peak = im->peak;

	base = base != NULL ? base + 1 : im->file;
	sbuf_printf(out,
	    "# Imported from %s (%s) by memviz --import, streamed: "
	    "the counts follow the statements\n",
	    base, im->fmt->name);
	if (im->peak < IMPORT_STREAM_RAM / 2)
		im->peak = (IMPORT_STREAM_RAM - IMPORT_RAM_BASE) / 2;
	sbuf_puts(out, "machine ram=");
	import_ram(im, out);
	im->peak = peak;
	if (*im->fmt->machine != '\0')
		sbuf_printf(out, " %s", im->fmt->machine);
	sbuf_putc(out, '\n');
}

void
import_drain(struct import *im, struct sbuf *out)
{
	if (!im->streaming && im->body.len < IMPORT_HOLD)
		return;
	if (!im->streaming)
		import_stream_header(im, out);
	im->streaming = 1;
	sbuf_add(out, im->body.s, im->body.len);
	sbuf_reset(&im->body);
}

void
import_end(struct import *im, struct sbuf *out)
{
	im->ended = 1;
	im->fmt->finish(im);
	if (im->streaming) {
		sbuf_add(out, im->body.s, im->body.len);
		sbuf_printf(out, "# %lu lines read\n", im->res->lines);
		import_counts(im, out);
	} else {
		import_header(im, out);
		sbuf_puts(out, sbuf_str(&im->body));
	}
	sbuf_reset(&im->body);
	import_summary(im);
}

static void
import_free(struct import *im)
{
	size_t i;

	for (i = 0; i < IMPORT__NSPACES; i++)
		import_map_free(&im->maps[i]);
	for (i = 0; i < im->ntallies; i++)
		free(im->tallies[i].what);
	free(im->tallies);
	sbuf_free(&im->body);
	sbuf_free(&im->linebuf);
	sbuf_free(&im->copy);
	free(im);
}

struct import *
import_open(const char *format, const char *file, struct sbuf *diag,
    struct import_result *res, char **cause)
{
	struct import *im = xcalloc(1, sizeof *im);
	size_t	       i, n = sizeof import_formats / sizeof import_formats[0];

	memset(res, 0, sizeof *res);
	for (i = 0; i < n; i++) {
		if (strcmp(import_formats[i]->name, format) == 0)
			im->fmt = import_formats[i];
	}
	if (im->fmt == NULL) {
		*cause = xasprintf("unknown trace format '%s': expected "
				   "ltrace or ftrace",
		    format);
		free(im);
		return NULL;
	}
	im->file = file;
	im->diag = diag;
	im->res = res;
	im->line = "";
	im->fmt->start(im);
	return im;
}

/* Reads the whole trace, then writes header, machine line, statements. */
int
import_run(const char *format, const char *file, const char *text,
    struct sbuf *script, struct sbuf *diag, struct import_result *res,
    char **cause)
{
	struct import *im = import_open(format, file, diag, res, cause);

	if (im == NULL)
		return -1;
	import_lines(im, text);
	import_end(im, script);
	import_free(im);
	return 0;
}

void
import_close(struct import *im)
{
	if (!im->ended) /* reading failed: the format still frees its own */
		im->fmt->finish(im);
	import_free(im);
}
