/*
 * import-ftrace.c - the kernel's kmem trace events, as the kernel prints
 * them in /sys/kernel/tracing/trace and as `trace-cmd report` does.
 *
 * Real lines (Linux 6.18, kept under tests/import/):
 *   kwork-21053 [000] .....  1549.787204: kmalloc: call_site=alloc_bprm
 *     +0x45/0x220 ptr=000000008d1f2c0e bytes_req=408 bytes_alloc=512
 *     gfp_flags=GFP_KERNEL|__GFP_ZERO node=-1 accounted=false
 *   kwork-26129 [000]  1642.223971: kmalloc:   (alloc_bprm+0x45)
 *     call_site=alloc_bprm+0x45 ptr=0xffff888109b1ba00 bytes_req=408 ...
 * The task name may hold spaces and dashes, so the line is read from the
 * "[CPU]" on: optional irq flags, the timestamp, the event name, then
 * key=value fields (trace-cmd adds the call site in parentheses first).
 * The fields are found by name, so the node= and accounted= of newer
 * kernels, or their absence in older ones, change nothing.  The kernel
 * hashes %p pointers in the trace file, but the same pointer always
 * hashes the same way in one boot, which is all the names need.
 *
 * The events and what they become (include/trace/events/kmem.h):
 *   kmalloc, kmalloc_node         NAME = kmalloc(bytes_req, gfp_flags)
 *   kmem_cache_alloc[_node]       the same: memviz has only the kmalloc
 *                                 caches, so the object goes to the
 *                                 kmalloc cache of its size
 *   kfree, kmem_cache_free        kfree(NAME)
 *   mm_page_alloc                 NAME = alloc_pages(gfp_flags, order)
 *   mm_page_free                  __free_pages(NAME, order), by pfn
 * Any other event is counted as skipped.  The page events include the
 * pages slab and kmalloc_large take for themselves, which memviz's own
 * kmalloc takes again: a replay holds those pages twice.
 */
#include "import/import-priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "sim/page/gfp.h"

#define FTRACE_MAXFIELDS 16
#define FTRACE_PAGE_SIZE 4096ull

/* The key=value fields of one event line. */
struct ftrace_event {
	const char *name;
	const char *key[FTRACE_MAXFIELDS];
	const char *value[FTRACE_MAXFIELDS];
	size_t	    n;
};

static void ftrace_kmalloc(struct import *, const struct ftrace_event *);
static void ftrace_kfree(struct import *, const struct ftrace_event *);
static void ftrace_page_alloc(struct import *, const struct ftrace_event *);
static void ftrace_page_free(struct import *, const struct ftrace_event *);

static const struct {
	const char *event;
	const char *what; /* the tally of the statement */
	void (*import)(struct import *, const struct ftrace_event *);
} ftrace_events[] = {
	{ "kmalloc", "kmalloc", ftrace_kmalloc },
	{ "kmalloc_node", "kmalloc", ftrace_kmalloc },
	{ "kmem_cache_alloc", "kmem_cache_alloc as kmalloc", ftrace_kmalloc },
	{ "kmem_cache_alloc_node", "kmem_cache_alloc as kmalloc",
	    ftrace_kmalloc },
	{ "kfree", "kfree", ftrace_kfree },
	{ "kmem_cache_free", "kmem_cache_free as kfree", ftrace_kfree },
	{ "mm_page_alloc", "alloc_pages", ftrace_page_alloc },
	{ "mm_page_free", "__free_pages", ftrace_page_free },
};
#define FTRACE_NEVENTS (sizeof ftrace_events / sizeof ftrace_events[0])

static const char *
ftrace_field(const struct ftrace_event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->n; i++) {
		if (strcmp(ev->key[i], key) == 0)
			return ev->value[i];
	}
	return NULL;
}

/* The tally name of the event being imported. */
static const char *
ftrace_what(const struct ftrace_event *ev)
{
	size_t i;

	for (i = 0; i < FTRACE_NEVENTS; i++) {
		if (strcmp(ftrace_events[i].event, ev->name) == 0)
			return ftrace_events[i].what;
	}
	return ev->name;
}

/* A pointer field: hex, hashed or raw; NULL prints as (nil) or zeros. */
static int
ftrace_pointer(const char *s, uint64_t *v)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "(nil)") == 0 || strcmp(s, "(null)") == 0) {
		*v = 0;
		return 0;
	}
	return import_hex(s, v);
}

/*
 * The event's gfp_flags as script text: each name memviz knows, joined
 * with '|' in the trace's order; a name or bits it does not model are
 * dropped and reported the first time.  "none" (no flag) is 0.
 */
static int
ftrace_gfp(struct import *im, const char *flags, struct sbuf *out)
{
	char *copy, *name, *save = NULL, what[96];
	int   any = 0;

	if (flags == NULL)
		return -1;
	copy = xstrdup(flags);
	for (name = strtok_r(copy, "|", &save); name != NULL;
	     name = strtok_r(NULL, "|", &save)) {
		if (strcmp(name, "none") == 0)
			continue;
		if (gfp_lookup(name) != NULL) {
			sbuf_printf(out, "%s%s", any ? "|" : "", name);
			any = 1;
			continue;
		}
		snprintf(what, sizeof what, "%s dropped", name);
		if (import_tally(im, TALLY_NOTE, what) == 1)
			import_warn(im,
			    "%s is not a flag memviz models; "
			    "dropped here and after",
			    name);
	}
	if (!any)
		sbuf_putc(out, '0');
	free(copy);
	return 0;
}

/* "  # filp, alloc_empty_file+0x3c/0x110": where the trace says. */
static void
ftrace_site(const struct ftrace_event *ev, struct sbuf *out)
{
	const char *cache = ftrace_field(ev, "name");
	const char *site = ftrace_field(ev, "call_site");

	if (cache == NULL && site == NULL)
		return;
	sbuf_puts(out, "  #");
	if (cache != NULL)
		sbuf_printf(out, " %s%s", cache, site != NULL ? "," : "");
	if (site != NULL)
		sbuf_printf(out, " %s", site);
}

static void
ftrace_kmalloc(struct import *im, const struct ftrace_event *ev)
{
	struct sbuf	       gfp = SBUF_INIT, site = SBUF_INIT;
	struct import_binding *b;
	uint64_t	       ptr, req, alloc;
	const char	      *s;
	char		       name[32];

	if (ftrace_pointer(ftrace_field(ev, "ptr"), &ptr) != 0 ||
	    (s = ftrace_field(ev, "bytes_req")) == NULL ||
	    import_number(s, &req) != 0 ||
	    ftrace_gfp(im, ftrace_field(ev, "gfp_flags"), &gfp) != 0) {
		sbuf_free(&gfp);
		import_not_understood(im);
		return;
	}
	if ((s = ftrace_field(ev, "bytes_alloc")) == NULL ||
	    import_number(s, &alloc) != 0)
		alloc = req;
	ftrace_site(ev, &site);
	if (ptr == 0) {
		import_comment(im, "line %lu: kmalloc(%llu, %s) failed%s",
		    im->lineno, (unsigned long long)req, sbuf_str(&gfp),
		    sbuf_str(&site));
		import_tally(im, TALLY_NOTE, "failed allocations");
	} else {
		b = import_bind(im, IMPORT_PTR, ptr, "k", alloc, 0);
		import_emit(im, ftrace_what(ev), "%s = kmalloc(%llu, %s)%s",
		    import_name(b, name, sizeof name), (unsigned long long)req,
		    sbuf_str(&gfp), sbuf_str(&site));
	}
	sbuf_free(&gfp);
	sbuf_free(&site);
}

static void
ftrace_kfree(struct import *im, const struct ftrace_event *ev)
{
	struct sbuf	       site = SBUF_INIT;
	struct import_binding *b;
	const char	      *s = ftrace_field(ev, "ptr");
	uint64_t	       ptr;
	char		       name[32];

	if (ftrace_pointer(s, &ptr) != 0) {
		import_not_understood(im);
		return;
	}
	if (ptr == 0) {
		/* mm/slub.c traces kfree before its NULL check. */
		import_tally(im, TALLY_NOTE, "kfree(NULL)");
		return;
	}
	if ((b = import_find(im, IMPORT_PTR, ptr)) == NULL) {
		import_unknown_free(im, "kfree", s);
		return;
	}
	ftrace_site(ev, &site);
	import_emit(im, ftrace_what(ev), "kfree(%s)%s",
	    import_name(b, name, sizeof name), sbuf_str(&site));
	import_release(im, IMPORT_PTR, ptr);
	sbuf_free(&site);
}

/* pfn= and order=, which both page events carry. */
static int
ftrace_page(const struct ftrace_event *ev, uint64_t *pfn, uint64_t *order)
{
	const char *s = ftrace_field(ev, "order");

	if (ftrace_pointer(ftrace_field(ev, "pfn"), pfn) != 0 || s == NULL ||
	    import_number(s, order) != 0 || *order > 10)
		return -1;
	return 0;
}

static void
ftrace_page_alloc(struct import *im, const struct ftrace_event *ev)
{
	struct sbuf	       gfp = SBUF_INIT;
	struct import_binding *b;
	uint64_t	       pfn, order, page;
	char		       name[32];

	if (ftrace_page(ev, &pfn, &order) != 0 ||
	    ftrace_pointer(ftrace_field(ev, "page"), &page) != 0 ||
	    ftrace_gfp(im, ftrace_field(ev, "gfp_flags"), &gfp) != 0) {
		sbuf_free(&gfp);
		import_not_understood(im);
		return;
	}
	if (page == 0) {
		import_comment(im, "line %lu: alloc_pages(%s, %llu) failed",
		    im->lineno, sbuf_str(&gfp), (unsigned long long)order);
		import_tally(im, TALLY_NOTE, "failed allocations");
	} else {
		b = import_bind(im, IMPORT_PFN, pfn, "pg",
		    FTRACE_PAGE_SIZE << order, (unsigned)order);
		import_emit(im, "alloc_pages",
		    "%s = alloc_pages(%s, %llu)  "
		    "# pfn 0x%llx",
		    import_name(b, name, sizeof name), sbuf_str(&gfp),
		    (unsigned long long)order, (unsigned long long)pfn);
	}
	sbuf_free(&gfp);
}

static void
ftrace_page_free(struct import *im, const struct ftrace_event *ev)
{
	struct import_binding *b;
	uint64_t	       pfn, order;
	char		       name[32], what[48];

	if (ftrace_page(ev, &pfn, &order) != 0) {
		import_not_understood(im);
		return;
	}
	snprintf(what, sizeof what, "pfn 0x%llx", (unsigned long long)pfn);
	if ((b = import_find(im, IMPORT_PFN, pfn)) == NULL) {
		import_unknown_free(im, "__free_pages", what);
		return;
	}
	import_name(b, name, sizeof name);
	if (b->order != order) {
		/* split_page() frees the parts of a block one by one. */
		import_warn(im,
		    "%s (%s) allocated as order %u, freed as "
		    "order %llu: left allocated",
		    what, name, b->order, (unsigned long long)order);
		import_tally(im, TALLY_NOTE, "page frees of another order");
		return;
	}
	import_emit(im, "__free_pages", "__free_pages(%s, %llu)  # %s", name,
	    (unsigned long long)order, what);
	import_release(im, IMPORT_PFN, pfn);
}

/* The fields after the event name; -1 on a token that is not one. */
static int
ftrace_fields(char *p, struct ftrace_event *ev)
{
	char *tok, *save = NULL, *eq;

	ev->n = 0;
	for (tok = strtok_r(p, " \t", &save); tok != NULL;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (*tok == '(' && tok[strlen(tok) - 1] == ')')
			continue; /* trace-cmd's call site */
		if ((eq = strchr(tok, '=')) == NULL || eq == tok ||
		    ev->n == FTRACE_MAXFIELDS)
			return -1;
		*eq = '\0';
		ev->key[ev->n] = tok;
		ev->value[ev->n++] = eq + 1;
	}
	return 0;
}

/* Is tok "1549.787204:", a timestamp? */
static int
ftrace_timestamp(const char *tok, size_t len)
{
	return len >= 2 && tok[len - 1] == ':' &&
	    isdigit((unsigned char)*tok) &&
	    strspn(tok, "0123456789.") == len - 1;
}

/*
 * Finds the event name after "TASK-PID [CPU] FLAGS TIME:" and returns
 * the text after it; NULL if the line is not shaped so.
 */
static char *
ftrace_event_start(char *line, const char **name)
{
	char  *p = line, *end;
	size_t n;

	while ((p = strchr(p, '[')) != NULL) {
		n = strspn(p + 1, "0123456789");
		if (n > 0 && p[n + 1] == ']' && p > line && p[-1] == ' ')
			break;
		p++;
	}
	if (p == NULL)
		return NULL;
	p += strspn(p, "[0123456789]");
	for (;;) {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == 0)
			return NULL;
		if (ftrace_timestamp(p, n))
			break;
		p += n;
	}
	p += n + strspn(p + n, " ");
	if ((end = strchr(p, ':')) == NULL || end == p)
		return NULL;
	*end = '\0';
	*name = p;
	return end + 1;
}

/* Lines that are no event: headers of both printers, lost events. */
static int
ftrace_other(struct import *im, const char *p)
{
	unsigned long in, written;
	unsigned      n;

	/* The ring buffer overwrote its oldest events (overwrite mode). */
	if (sscanf(p, "# entries-in-buffer/entries-written: %lu/%lu", &in,
		&written) == 2 &&
	    in < written) {
		import_warn(im,
		    "the trace buffer overflowed: %lu of %lu "
		    "events were lost before the first line",
		    written - in, written);
		import_comment(im,
		    "line %lu: %lu of %lu events lost: some "
		    "releases look unknown, some addresses come back twice",
		    im->lineno, written - in, written);
		import_tally(im, TALLY_NOTE, "buffer overflow notes");
		return 1;
	}
	if (*p == '#' || strncmp(p, "cpus=", 5) == 0 ||
	    (sscanf(p, "CPU %u is empty", &n) == 1 && strstr(p, "empty")))
		return 1;
	if (strstr(p, "[LOST ") != NULL && strstr(p, " EVENTS]") != NULL) {
		import_warn(im,
		    "events were lost here: releases of what "
		    "they allocated will look unknown");
		import_comment(im, "line %lu: %s", im->lineno, p);
		import_tally(im, TALLY_NOTE, "lost-event marks");
		return 1;
	}
	return 0;
}

static void
ftrace_line(struct import *im, char *line)
{
	struct ftrace_event ev;
	char		   *rest;
	size_t		    i;

	line += strspn(line, " \t");
	if (ftrace_other(im, line))
		return;
	if ((rest = ftrace_event_start(line, &ev.name)) == NULL) {
		import_not_understood(im);
		return;
	}
	for (i = 0; i < FTRACE_NEVENTS; i++) {
		if (strcmp(ftrace_events[i].event, ev.name) == 0)
			break;
	}
	if (i == FTRACE_NEVENTS) {
		import_tally(im, TALLY_SKIP, ev.name);
		return;
	}
	if (ftrace_fields(rest, &ev) != 0) {
		import_not_understood(im);
		return;
	}
	ftrace_events[i].import(im, &ev);
}

static void
ftrace_start(struct import *im)
{
	(void)im;
}

static void
ftrace_finish(struct import *im)
{
	(void)im;
}

const struct import_format import_ftrace = { "ftrace", "kernel=6.x",
	ftrace_start, ftrace_line, ftrace_finish };
