/*
 * pagemap.c - laying out the mapping picture (see pagemap.h).
 *
 *   virtual  0 1 2 3 4 5 6 7 8 9 a b c d e f x
 *   physical ..2.......9....0..f.....4.....7...
 *            ....1...c.........5...3......8....
 *   16 pages on 16 frames in 14 runs
 *
 * Row 0 holds the virtual pages, the strip the rows below, the summary
 * the last row when the box has four rows or more.  Strip cell c stands
 * for pfns [c * nframes / cells, (c + 1) * nframes / cells): a frame's
 * mark goes where the frame is.  Two marks never share a cell: a mark
 * whose cell is taken moves to the nearest free one after it (before
 * it at the end of the strip), and a run of consecutive frames is
 * placed whole, so physically contiguous memory reads as one word
 * ("0123") and scattered memory as scattered letters.  When the area
 * has more pages than labels fit, a label stands for a group of pages
 * and its frames' cells are marked without moving (first group wins):
 * the strip then shows where each part of the area lives.
 *
 * When the frames lie in a small part of RAM the caller may zoom the
 * strip on it (first, nframes) and say so in the summary: a strip cell
 * then stands for a few frames, and marks need not push each other into
 * false runs.
 */
#include "ui/pagemap.h"
#include "common/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Row labels are shown from this box width up. */
#define PAGEMAP_LABEL_W	   40
#define PAGEMAP_LABEL_COLS 9 /* "physical " */
/* Labels available: 0-9, a-z, A-Z. */
#define PAGEMAP_NLABELS 62
/* A summarised area gets at most this many labels. */
#define PAGEMAP_GROUPS 16
/* More strip rows than this only spread the marks apart. */
#define PAGEMAP_STRIP_ROWS 8

static const char pagemap_labels
    [] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* The layout being built: the input, the output, the strip's cells. */
struct pm_ctx {
	const struct pagemap_in *in;
	struct pagemap		*out;
	unsigned char		*used; /* one per strip cell */
	size_t			 ncells;
	int			 step; /* columns per virtual label */
	int			 lw;   /* row label columns */
	size_t			 ngroups;
};

char
pagemap_label(size_t g)
{
	return g < PAGEMAP_NLABELS ? pagemap_labels[g] : '+';
}

void
pagemap_free(struct pagemap *pm)
{
	free(pm->items);
	memset(pm, 0, sizeof *pm);
}

static struct pagemap_item *
pm_add(struct pagemap *pm, int x, int y, int w, enum pagemap_kind kind,
    const char *text)
{
	struct pagemap_item *it;

	if (pm->n == pm->cap) {
		pm->cap = pm->cap ? pm->cap * 2 : 64;
		pm->items = xreallocarray(pm->items, pm->cap, sizeof *it);
	}
	it = &pm->items[pm->n++];
	memset(it, 0, sizeof *it);
	it->x = x;
	it->y = y;
	it->kind = kind;
	snprintf(it->text, sizeof it->text, "%s", text);
	it->w = w < (int)strlen(it->text) ? w : (int)strlen(it->text);
	return it;
}

/* Runs of consecutive frames behind consecutive pages. */
static size_t
pm_runs(const struct pagemap_in *in)
{
	size_t			   i, runs = 0;
	const struct pagemap_page *p, *q;

	for (i = 0; i < in->npages; i++) {
		p = &in->pages[i];
		if (p->state != PMS_FRAME)
			continue;
		q = i > 0 ? &in->pages[i - 1] : NULL;
		if (q == NULL || q->state != PMS_FRAME || q->pfn + 1 != p->pfn)
			runs++;
	}
	return runs;
}

/* Chooses columns per label and pages per label for the width. */
static void
pm_columns(struct pm_ctx *c)
{
	const struct pagemap_in *in = c->in;
	int    extra = (in->guard ? 1 : 0) + (in->run ? 2 : 0);
	int    avail = in->w - c->lw;
	size_t n = in->npages, maxg;

	c->step = 1;
	if (n <= PAGEMAP_NLABELS && (int)n * 2 + extra * 2 <= avail)
		c->step = 2;
	if (n <= PAGEMAP_NLABELS && (int)n + extra <= avail) {
		c->out->per = 1;
		c->ngroups = n;
		return;
	}
	if ((avail - extra) / 2 >= PAGEMAP_GROUPS)
		c->step = 2;
	maxg = (size_t)((avail - extra * c->step) / c->step);
	if (maxg > PAGEMAP_GROUPS)
		maxg = PAGEMAP_GROUPS;
	if (maxg < 1)
		maxg = 1;
	c->out->per = (n + maxg - 1) / maxg;
	c->ngroups = (n + c->out->per - 1) / c->out->per;
}

/* The state a group of pages shows: a frame if any page has one. */
static enum pagemap_state
pm_group_state(const struct pm_ctx *c, size_t g)
{
	const struct pagemap_in *in = c->in;
	size_t			 i, end = (g + 1) * c->out->per;
	enum pagemap_state	 s = PMS_NONE;

	for (i = g * c->out->per; i < end && i < in->npages; i++) {
		if (in->pages[i].state == PMS_FRAME)
			return PMS_FRAME;
		if (in->pages[i].state == PMS_ZERO)
			s = PMS_ZERO;
	}
	return s;
}

/* Row 0: the labels, the virtual pages, brackets and the guard page. */
static void
pm_virtual(struct pm_ctx *c)
{
	struct pagemap_item *it;
	char		     label[2] = { 0, 0 };
	int		     x = c->lw;
	size_t		     g;

	if (c->lw > 0)
		pm_add(c->out, 0, 0, c->lw - 1, PMI_TEXT, "virtual");
	if (c->in->run)
		pm_add(c->out, x++, 0, 1, PMI_BRACKET, "[");
	for (g = 0; g < c->ngroups; g++, x += c->step) {
		label[0] = pagemap_label(g);
		it = pm_add(c->out, x, 0, 1, PMI_VPAGE, label);
		it->group = g;
		it->state = pm_group_state(c, g);
	}
	if (c->in->run) {
		x -= c->step - 1;
		pm_add(c->out, x++, 0, 1, PMI_BRACKET, "]");
		x += c->step - 1;
	}
	if (c->in->guard)
		pm_add(c->out, x, 0, 1, PMI_GUARD, "x");
}

static size_t
pm_cell_of(const struct pm_ctx *c, uint64_t pfn)
{
	uint64_t nf = c->in->nframes > 0 ? c->in->nframes : 1;

	pfn = pfn > c->in->first ? pfn - c->in->first : 0;
	if (pfn >= nf)
		pfn = nf - 1;
	return (size_t)(pfn * c->ncells / nf);
}

static int
pm_free_at(const struct pm_ctx *c, size_t s, size_t len)
{
	size_t i;

	if (s + len > c->ncells)
		return 0;
	for (i = 0; i < len; i++)
		if (c->used[s + i])
			return 0;
	return 1;
}

/* The free stretch of len cells nearest after cell (else before it). */
static int
pm_find(const struct pm_ctx *c, size_t cell, size_t len, size_t *at)
{
	size_t s;

	if (len > c->ncells)
		return -1;
	if (cell + len > c->ncells)
		cell = c->ncells - len;
	for (s = cell; s + len <= c->ncells; s++)
		if (pm_free_at(c, s, len))
			break;
	if (s + len > c->ncells) {
		for (s = cell; s > 0; s--)
			if (pm_free_at(c, s - 1, len))
				break;
		if (s == 0)
			return -1;
		s--;
	}
	*at = s;
	return 0;
}

/* One mark in strip cell s. */
static void
pm_mark(struct pm_ctx *c, size_t s, enum pagemap_kind kind, size_t group,
    char ch)
{
	char		     text[2] = { ch, 0 };
	struct pagemap_item *it;

	c->used[s] = 1;
	it = pm_add(c->out, c->out->sx + (int)(s % (size_t)c->out->sw),
	    c->out->sy + (int)(s / (size_t)c->out->sw), 1, kind, text);
	it->group = group;
}

/* Length of the run of consecutive frames starting at page i. */
static size_t
pm_run_len(const struct pagemap_in *in, size_t i)
{
	size_t n = 1;

	while (i + n < in->npages && in->pages[i + n].state == PMS_FRAME &&
	    in->pages[i + n].pfn == in->pages[i].pfn + n)
		n++;
	return n;
}

/* Places pages [i, i + len) as one word, or one by one if no room. */
static void
pm_place_run(struct pm_ctx *c, size_t i, size_t len)
{
	size_t at, k, b = c->in->run ? 1 : 0;

	if (pm_find(c, pm_cell_of(c, c->in->pages[i].pfn), len + 2 * b, &at) ==
	    0) {
		if (b)
			pm_mark(c, at, PMI_BRACKET, 0, '[');
		for (k = 0; k < len; k++)
			pm_mark(c, at + b + k, PMI_FRAME, i + k,
			    pagemap_label(i + k));
		if (b)
			pm_mark(c, at + b + len, PMI_BRACKET, 0, ']');
		return;
	}
	for (k = 0; k < len; k++)
		if (pm_find(c, pm_cell_of(c, c->in->pages[i + k].pfn), 1,
			&at) == 0)
			pm_mark(c, at, PMI_FRAME, i + k, pagemap_label(i + k));
}

/* The free stretch of len cells nearest at or before cell (else after). */
static int
pm_find_before(const struct pm_ctx *c, size_t cell, size_t len, size_t *at)
{
	size_t s;

	if (len > c->ncells)
		return -1;
	if (cell + len > c->ncells)
		cell = c->ncells - len;
	for (s = cell + 1; s > 0; s--)
		if (pm_free_at(c, s - 1, len)) {
			*at = s - 1;
			return 0;
		}
	return pm_find(c, cell, len, at);
}

/* A page and its frame, sorted by pfn. */
struct pm_by_pfn {
	uint64_t pfn;
	size_t	 page;
};

static int
pm_pfn_cmp(const void *a, const void *b)
{
	const struct pm_by_pfn *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

/*
 * One label a page, placed in the order of the frames' pfns: the strip
 * is physical memory, so where marks crowd a cell and push each other
 * on, they keep physical order ("fedc" for frames handed out in reverse)
 * instead of reading as the virtual order, a false ascending run.
 */
static void
pm_strip_by_pfn(struct pm_ctx *c)
{
	const struct pagemap_in *in = c->in;
	struct pm_by_pfn	*o = xcalloc(in->npages, sizeof *o);
	size_t			 i, j, k, n = 0, len, at;

	for (i = 0; i < in->npages; i++)
		if (in->pages[i].state == PMS_FRAME) {
			o[n].pfn = in->pages[i].pfn;
			o[n++].page = i;
		}
	if (n > 1)
		qsort(o, n, sizeof *o, pm_pfn_cmp);
	/* The left half pushes crowded marks on to the right, in ascending
	 * order; the right half pushes them back to the left, in
	 * descending order, so a cluster at either end keeps its order
	 * instead of spilling round the end of the strip. */
	for (i = 0; i < n && pm_cell_of(c, o[i].pfn) < c->ncells / 2;
	     i += len) {
		/* an ascending run of pages on ascending frames stays whole */
		for (len = 1; i + len < n && o[i + len].pfn == o[i].pfn + len &&
		     o[i + len].page == o[i].page + len;
		     len++)
			;
		pm_place_run(c, o[i].page, len);
	}
	for (j = n; j > i; j -= len) {
		for (len = 1;
		     j - len > i && o[j - 1 - len].pfn + len == o[j - 1].pfn &&
		     o[j - 1 - len].page + len == o[j - 1].page;
		     len++)
			;
		if (pm_find_before(c, pm_cell_of(c, o[j - len].pfn), len,
			&at) != 0)
			continue;
		for (k = 0; k < len; k++)
			pm_mark(c, at + k, PMI_FRAME, o[j - len + k].page,
			    pagemap_label(o[j - len + k].page));
	}
	free(o);
}

/* One label per page: every frame gets its own cell. */
static void
pm_strip_pages(struct pm_ctx *c)
{
	const struct pagemap_in *in = c->in;
	size_t			 i = 0, len, at, zero = SIZE_MAX;

	if (!in->run) {
		pm_strip_by_pfn(c);
		i = in->npages;
	}
	while (i < in->npages) {
		if (in->pages[i].state == PMS_ZERO && zero == SIZE_MAX)
			zero = i;
		if (in->pages[i].state != PMS_FRAME) {
			i++;
			continue;
		}
		len = pm_run_len(in, i);
		pm_place_run(c, i, len);
		i += len;
	}
	for (i = 0; i < in->npages && zero == SIZE_MAX; i++)
		if (in->pages[i].state == PMS_ZERO)
			zero = i;
	if (zero != SIZE_MAX &&
	    pm_find(c, pm_cell_of(c, in->pages[zero].pfn), 1, &at) == 0)
		pm_mark(c, at, PMI_ZERO, 0, 'Z');
}

/* A label per group: each group's frames mark their own cells. */
static void
pm_strip_groups(struct pm_ctx *c)
{
	const struct pagemap_in *in = c->in;
	size_t			 i, s, zero = SIZE_MAX;

	for (i = 0; i < in->npages; i++) {
		if (in->pages[i].state == PMS_ZERO && zero == SIZE_MAX)
			zero = i;
		if (in->pages[i].state != PMS_FRAME)
			continue;
		s = pm_cell_of(c, in->pages[i].pfn);
		if (!c->used[s])
			pm_mark(c, s, PMI_FRAME, i / c->out->per,
			    pagemap_label(i / c->out->per));
	}
	if (zero != SIZE_MAX) {
		s = pm_cell_of(c, in->pages[zero].pfn);
		if (!c->used[s])
			pm_mark(c, s, PMI_ZERO, 0, 'Z');
	}
}

/* The last row: how many pages, frames and runs; what a label means. */
static void
pm_summary(struct pm_ctx *c, int y)
{
	const struct pagemap_in *in = c->in;
	size_t			 i, frames = 0, zero = 0, none = 0;
	char			 buf[160];
	int			 len;

	for (i = 0; i < in->npages; i++) {
		frames += in->pages[i].state == PMS_FRAME;
		zero += in->pages[i].state == PMS_ZERO;
	}
	none = in->npages - frames - zero;
	len = snprintf(buf, sizeof buf, "%zu page%s", in->npages,
	    in->npages == 1 ? "" : "s");
	if (frames == 1)
		len += snprintf(buf + len, sizeof buf - (size_t)len,
		    ", 1 frame");
	else if (frames > 0 && c->out->runs == 1)
		len += snprintf(buf + len, sizeof buf - (size_t)len,
		    ", %zu frames in one run", frames);
	else if (frames > 0)
		len += snprintf(buf + len, sizeof buf - (size_t)len,
		    ", %zu frames in %zu runs", frames, c->out->runs);
	if (zero > 0)
		len += snprintf(buf + len, sizeof buf - (size_t)len,
		    ", %zu on the zero page Z", zero);
	if (none > 0)
		len += snprintf(buf + len, sizeof buf - (size_t)len,
		    ", %zu not backed", none);
	if (in->ram > in->nframes && len < (int)sizeof buf)
		len += snprintf(buf + len, sizeof buf - (size_t)len,
		    "; pfns %#llx-%#llx", (unsigned long long)in->first,
		    (unsigned long long)(in->first + in->nframes - 1));
	if (c->out->per > 1 && len < (int)sizeof buf)
		snprintf(buf + len, sizeof buf - (size_t)len,
		    "; a label = %zu pages", c->out->per);
	len = (int)strlen(buf);
	pm_add(c->out, 0, y, len < in->w ? len : in->w, PMI_TEXT, buf);
}

int
pagemap_compute(const struct pagemap_in *in, struct pagemap *out)
{
	struct pm_ctx c;
	int	      summary;

	memset(out, 0, sizeof *out);
	if (in->w < 8 || in->h < 2 || in->npages == 0)
		return -1;
	memset(&c, 0, sizeof c);
	c.in = in;
	c.out = out;
	c.lw = in->w >= PAGEMAP_LABEL_W ? PAGEMAP_LABEL_COLS : 0;
	pm_columns(&c);
	summary = in->h >= 4;
	out->sx = c.lw;
	out->sy = 1;
	out->sw = in->w - c.lw;
	out->sh = in->h - 1 - summary;
	if (out->sh > PAGEMAP_STRIP_ROWS)
		out->sh = PAGEMAP_STRIP_ROWS;
	out->runs = pm_runs(in);
	pm_virtual(&c);
	if (c.lw > 0)
		pm_add(out, 0, 1, c.lw - 1, PMI_TEXT, "physical");
	c.ncells = (size_t)out->sw * (size_t)out->sh;
	c.used = xcalloc(c.ncells, 1);
	if (out->per == 1)
		pm_strip_pages(&c);
	else
		pm_strip_groups(&c);
	free(c.used);
	if (summary)
		pm_summary(&c, in->h - 1);
	return 0;
}
