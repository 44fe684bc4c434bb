/*
 * view-ram.c - the physical RAM grid: one cell per frame, or per run of
 * 2^density frames on a machine too big for the window.
 *
 * Runs are powers of two and aligned, like buddy blocks, so a free block
 * of order >= density fills whole cells.  A cell shows the most
 * important of its frames (cell.h): what the event shown and the last
 * steps changed, the selection, then the rarer owners over the common
 * ones, so a scattered vmalloc area or a heap's few touched frames show
 * at any zoom.  It is drawn with the owner's glyph and colour (for slab
 * and vmalloc frames the cache's or area's palette colour); a cell whose
 * frames are not all alike is underlined (in presentation mode its
 * second column names the owner of most of the rest), and the inspector
 * lists its mix.  The cells the last step changed stay in reverse until
 * the next step.  Free frames are grouped by block: the head of a free
 * block shows its order as a digit, the rest of the block a dot, the
 * colour saying low, middle or high order; free frames held on a CPU's
 * per-CPU list (mm/page_alloc.c struct per_cpu_pages) are off the buddy
 * lists, and a cell holding any shows them in a look of their own.
 * Under the grid: one buddyinfo line per zone (where the kernel groups
 * by mobility, then its pageblocks per migratetype as pagetypeinfo
 * counts them, "blk U2 M118 R0", last so that a narrow view clips them
 * first) and the largest zone's free pages against its watermarks (the
 * reserve below `min` is what only GFP_ATOMIC and other __GFP_HIGH
 * callers may dip into, mm/page_alloc.c __zone_watermark_ok()), and,
 * where the kernel profile has per-CPU lists, each zone's list on this
 * CPU (ram_draw_pcp()).
 *
 * Frames are read through the player (player_shadow()), so while a step
 * is animated the grid shows the frames as they were at that event.
 *
 * In presentation mode a cell is two columns wide, so it reads from the
 * back of a room; a predict question's guessed cell is drawn as "??"
 * (or "?") until the statement after the verdict.
 */
#include "ui/view.h"
#include "ui/cell.h"
#include "ui/colour.h"
#include "common/xmalloc.h"
#include "sim/page/frame-state.h"
#include "sim/page/pageblock.h"
#include "sim/page/pcp.h"
#include "sim/machine.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const char ram_order_digits[] = "0123456789A";

struct ram_geom {
	int	 lw;	     /* row label width */
	int	 cw;	     /* columns per cell */
	int	 cols, rows; /* cells */
	unsigned shift;	     /* log2 frames per cell */
	uint64_t ncells;
	int	 extra; /* lines under the grid */
	int	 pcp;	/* of which per-CPU list lines */
};

/* What a cell holds of the selection and the last steps (cell.h bits). */
struct ram_hold {
	unsigned holds;
	uint64_t pfn; /* a frame of the highest bit */
};

/* The holds of the cells on screen, worked out once per redraw. */
struct ram_holds {
	struct ram_hold *h;
	uint64_t	 first, n; /* cells [first, first + n) */
	unsigned	 shift;
};

struct ram_cell {
	struct frame_census census;
	struct cell_look    look;
	int		    guess;
};

static int
ram_zones(const struct machine *m)
{
	int z, n = 0;

	for (z = 0; z < MAX_NR_ZONES; z++)
		n += phys_zone(m, z)->present;
	return n;
}

/* Grid rows kept when the per-CPU lines would leave fewer. */
#define RAM_PCP_MIN_GRID 10

/*
 * The per-CPU list lines under the grid (ram_draw_pcp()): one per zone
 * that has pagesets when the grid keeps RAM_PCP_MIN_GRID rows, else one
 * for the largest zone; none when the kernel profile has no per-CPU
 * lists (pcp.h: 2.6 and 2.0).
 */
static int
ram_pcp_rows(const struct machine *m, int h)
{
	int z, n = 0;

	for (z = 0; z < MAX_NR_ZONES; z++)
		n += pcp_pageset(m, z, 0) != NULL;
	if (n > 1 && h - ram_zones(m) - 1 - n < RAM_PCP_MIN_GRID)
		return 1;
	return n;
}

static void
ram_geometry(const struct view *v, const struct ui *ui, struct ram_geom *g)
{
	const struct machine *m = ui_machine(ui);
	uint64_t	      n = phys_nframes(m), cap;
	int		      w = view_inner_w(v), h = view_inner_h(v);

	g->pcp = ram_pcp_rows(m, h);
	g->extra = ram_zones(m) + 1 + g->pcp;
	if (h - g->extra < 3)
		g->extra = 0;
	g->lw = w >= 56 ? 7 : 0;
	g->cw = ui->present ? 2 : 1;
	g->cols = (w - g->lw) / g->cw > 1 ? (w - g->lw) / g->cw : 1;
	g->rows = h - g->extra > 1 ? h - g->extra : 1;
	cap = (uint64_t)g->cols * (uint64_t)g->rows;
	if (v->density >= 0) {
		g->shift = (unsigned)v->density;
	} else {
		for (g->shift = 0; g->shift < 40 &&
		     ((n + (1ull << g->shift) - 1) >> g->shift) > cap;
		     g->shift++)
			continue;
	}
	g->ncells = (n + (1ull << g->shift) - 1) >> g->shift;
}

/* Marks the cells on screen that [lo, hi) meets with bit. */
static void
ram_hold_range(struct ram_holds *rh, uint64_t lo, uint64_t hi, unsigned bit)
{
	uint64_t	 cell, last, vlo = rh->first << rh->shift;
	uint64_t	 vhi = (rh->first + rh->n) << rh->shift;
	struct ram_hold *h;

	if (lo < vlo)
		lo = vlo;
	if (hi > vhi)
		hi = vhi;
	if (lo >= hi)
		return;
	last = (hi - 1) >> rh->shift;
	for (cell = lo >> rh->shift; cell <= last; cell++) {
		h = &rh->h[cell - rh->first];
		if (!(h->holds & bit)) /* bits come least important first */
			h->pfn = cell << rh->shift > lo ? cell << rh->shift :
							  lo;
		h->holds |= bit;
	}
}

static void
ram_hold_spans(struct ram_holds *rh, const struct changes_spans *sp,
    unsigned bit)
{
	size_t i;

	if (sp == NULL)
		return;
	for (i = changes_spans_find(sp, rh->first << rh->shift);
	     i < sp->n && sp->s[i].lo < (rh->first + rh->n) << rh->shift; i++)
		ram_hold_range(rh, sp->s[i].lo, sp->s[i].hi, bit);
}

/*
 * What the cells on screen hold, in one pass over each list rather than
 * a search per cell: a selected vmalloc area of 256 MiB is 65536 runs.
 */
static void
ram_holds_make(const struct ui *ui, struct ram_holds *rh, uint64_t first,
    uint64_t n, unsigned shift)
{
	const struct event     *ev = player_current_event(&ui->player);
	const struct selection *sel = &ui->sel;
	uint64_t		pfn, count;
	size_t			i;

	rh->h = xcalloc(n > 0 ? n : 1, sizeof *rh->h);
	rh->first = first;
	rh->n = n;
	rh->shift = shift;
	for (i = 0; i < sel->nframes; i++)
		ram_hold_range(rh, sel->frames[i].pfn,
		    sel->frames[i].pfn + sel->frames[i].count, CELL_SELECTED);
	for (i = 1; i <= ui->changes.npast; i++) /* the newest's frame */
		ram_hold_spans(rh, changes_frames_of(&ui->changes, i),
		    CELL_RECENT);
	ram_hold_spans(rh, changes_frames_of(&ui->changes, 0), CELL_CHANGED);
	if (ev != NULL && ui->player.animating &&
	    frame_event_range(ev, &pfn, &count) == 0)
		ram_hold_range(rh, pfn, pfn + count, CELL_EVENT);
}

/*
 * Pages on a per-CPU list are few and the next to be handed out: in a
 * cell they win over the common owners (kernel image, memmap, page
 * cache, reserved: rank 1 in cell.c), as the rare owners do, so a list
 * beside the kernel image still shows.  The cell is then mixed.
 */
static void
ram_pcp_promote(struct ram_cell *c, unsigned holds)
{
	if (c->census.pcp == 0 || holds != 0 || c->look.owner == FO_FREE ||
	    cell_owner_rank(c->look.owner) > 1)
		return;
	c->look.rest = c->look.owner;
	c->look.owner = FO_FREE;
	c->look.mixed = 1;
}

/* Sums up one cell and chooses its look. */
static void
ram_gather(const struct ui *ui, uint64_t pfn, uint64_t end,
    struct frame_walk *w, const struct ram_hold *h, struct ram_cell *c)
{
	const struct machine	  *m = ui_machine(ui);
	const struct frame_shadow *sh = player_shadow(&ui->player);
	struct cell_facts	   f;

	frame_census(m, sh, pfn, end, w, &c->census);
	f.count = c->census.count;
	f.holds = h->holds;
	f.top_owner = h->holds != 0 ? (int)frame_state(m, sh, h->pfn).owner :
				      -1;
	c->look = cell_choose(&f);
	ram_pcp_promote(c, h->holds);
}

static attr_t
ram_owner_attr(int owner, uint32_t tag)
{
	return colour_owner_attr((enum frame_owner)owner, tag);
}

/* The first character of a glyph string (UTF-8 or ASCII) as a wchar_t. */
static wchar_t
ram_wglyph(const char *s)
{
	mbstate_t st;
	wchar_t	  wc;
	size_t	  n;

	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, strlen(s), &st);
	if (n > 0 && n < (size_t)-2)
		return wc;
	return (wchar_t)(unsigned char)s[0];
}

/*
 * A row of cells made in memory and put on the window with one
 * wadd_wchnstr(): a waddstr() per cell (multibyte decoding, wrapping
 * and rendering inside ncurses for every one) was most of a full
 * redraw's cost on a big terminal.  Neighbouring cells mostly look
 * alike, so the last cell made is copied while its look repeats.
 */
#define RAM_ROW_MAX 256

struct ram_row {
	cchar_t cell[RAM_ROW_MAX];
	int	n;	/* cells held */
	int	y, x;	/* window position of cell[0] */
	cchar_t last;	/* the last cell made ... */
	attr_t	last_a; /* ... from this look */
	wchar_t last_wc;
	int	made;
};

static void
ram_row_flush(struct view *v, struct ram_row *r)
{
	if (r->n > 0)
		mvwadd_wchnstr(v->win, r->y, r->x, r->cell, r->n);
	r->x += r->n;
	r->n = 0;
}

static void
ram_row_start(struct ram_row *r, int y, int x)
{
	r->y = y;
	r->x = x;
	r->n = 0;
}

/* One column drawn as waddstr() would after wattrset(a). */
static inline void
ram_row_add(struct view *v, struct ram_row *r, attr_t a, wchar_t wc)
{
	wchar_t s[2];

	if (r->n == RAM_ROW_MAX)
		ram_row_flush(v, r);
	if (!r->made || a != r->last_a || wc != r->last_wc) {
		s[0] = wc;
		s[1] = L'\0';
		setcchar(&r->last, s, a, (short)PAIR_NUMBER(a), NULL);
		r->last_a = a;
		r->last_wc = wc;
		r->made = 1;
	}
	r->cell[r->n++] = r->last;
}

/* What the glyphs of a frame cell are drawn with, worked out once. */
struct ram_look {
	wchar_t free; /* a free frame that is no block head */
	attr_t	free_attr[MAX_PAGE_ORDER + 1];
	wchar_t pcp; /* a free frame held on a per-CPU list */
	attr_t	pcp_attr;
	attr_t	select, anim, changed, guess;
};

static void
ram_look_init(const struct ui *ui, struct ram_look *k)
{
	unsigned o;

	k->free = ram_wglyph(ui_glyph(ui, G_FREE));
	k->pcp = ram_wglyph(ui_glyph(ui, G_PCP));
	k->pcp_attr = colour_attr(CR_PCP);
	for (o = 0; o <= MAX_PAGE_ORDER; o++)
		k->free_attr[o] = colour_attr(colour_free_role(o));
	k->select = colour_attr(CR_SELECT);
	k->anim = colour_attr(CR_ANIM);
	k->changed = view_changed_attr();
	k->guess = colour_attr(CR_KEY) | A_BOLD;
}

/*
 * Free frames parked on a per-CPU list (pcp.h) are not on free_area:
 * the next order-0 allocation on this CPU takes one without touching
 * the buddy lists.  A free cell holding any of them shows them, the
 * rarer and more telling state, in a look of their own.
 */
static int
ram_pcp_look(const struct ram_look *k, const struct ram_cell *c, attr_t *a,
    wchar_t *wc)
{
	if (c->look.owner != FO_FREE || c->census.pcp == 0)
		return 0;
	*a = k->pcp_attr;
	*wc = k->pcp;
	return 1;
}

/* The glyph and colour of the owner a cell shows, before its marks. */
static void
ram_owner_look(const struct ram_look *k, const struct ram_cell *c, attr_t *a,
    wchar_t *wc)
{
	const struct frame_census *cs = &c->census;

	if (ram_pcp_look(k, c, a, wc))
		return;
	if (c->look.owner == FO_FREE) {
		*a = k->free_attr[cs->block_order <= MAX_PAGE_ORDER ?
			cs->block_order :
			MAX_PAGE_ORDER];
		*wc = cs->head_order >= 0 ?
		    (wchar_t)ram_order_digits[cs->head_order] :
		    k->free;
		return;
	}
	*a = ram_owner_attr(c->look.owner, cs->palette[c->look.owner]);
	*wc = (wchar_t)frame_owner_glyph(c->look.owner);
}

/*
 * The second column: the owner of most of the rest when that is another
 * owner (free frames among them are told by the underline alone, or a
 * projector's grid would be all dots).
 */
static wchar_t
ram_second(const struct ram_cell *c, wchar_t wc)
{
	if (c->guess)
		return wc;
	if (c->look.mixed && c->look.rest != FO_FREE)
		return (wchar_t)frame_owner_glyph(c->look.rest);
	return c->look.owner == FO_FREE && c->census.pcp == 0 ? L' ' : wc;
}

static void
ram_draw_cell(struct view *v, struct ram_row *r, const struct ram_look *k,
    int cw, const struct ram_cell *c, int cursor)
{
	wchar_t wc;
	attr_t	a;

	ram_owner_look(k, c, &a, &wc);
	if (c->look.mixed)
		a |= A_UNDERLINE;
	if (c->look.mark == CELL_MARK_CHANGED)
		a = k->changed | (a & A_UNDERLINE);
	else if (c->look.mark == CELL_MARK_SELECTED)
		a = k->select;
	else if (c->look.mark == CELL_MARK_EVENT)
		a = k->anim;
	if (c->guess) {
		a = k->guess;
		wc = L'?';
	}
	if (cursor)
		a |= A_REVERSE | A_BOLD;
	ram_row_add(v, r, a, wc);
	if (cw > 1)
		ram_row_add(v, r, a, ram_second(c, wc));
}

static void
ram_clamp(struct view *v, const struct ram_geom *g)
{
	int maxrow = (int)((g->ncells + (uint64_t)g->cols - 1) / g->cols);

	if (v->cursor >= (int)g->ncells)
		v->cursor = (int)g->ncells - 1;
	if (v->cursor < 0)
		v->cursor = 0;
	if (v->scroll > maxrow - g->rows)
		v->scroll = maxrow - g->rows;
	if (v->scroll < 0)
		v->scroll = 0;
	if (v->cursor / g->cols < v->scroll)
		v->scroll = v->cursor / g->cols;
	if (v->cursor / g->cols >= v->scroll + g->rows)
		v->scroll = v->cursor / g->cols - g->rows + 1;
}

/*
 * The row label: the first pfn of the row in hex, as "%6llx" (cut at
 * the label width) in the dim colour.
 */
static void
ram_draw_label(struct view *v, struct ram_row *r, int lw, uint64_t pfn)
{
	static const char hex[] = "0123456789abcdef";
	char		  buf[24];
	int		  n = 0, i;
	attr_t		  a = colour_attr(CR_DIM);

	do {
		buf[n++] = hex[pfn & 15];
		pfn >>= 4;
	} while (pfn != 0);
	while (n < 6)
		buf[n++] = ' ';
	for (i = n - 1; i >= 0 && n - 1 - i < lw; i--)
		ram_row_add(v, r, a, (wchar_t)buf[i]);
	ram_row_flush(v, r);
}

static void
ram_draw_grid(struct view *v, const struct ui *ui, const struct ram_geom *g)
{
	const struct machine *m = ui_machine(ui);
	uint64_t	      n = phys_nframes(m), cell, pfn, end;
	struct frame_walk     w;
	struct ram_holds      rh;
	struct ram_cell	      c;
	struct ram_look	      k;
	struct ram_row	      r;
	int		      row, col, focused = ui->focus == v->id, guessing;

	ram_look_init(ui, &k);
	r.made = 0;
	guessing = guess_marked(ui, 0, n); /* else no cell can be */
	cell = (uint64_t)v->scroll * g->cols;
	ram_holds_make(ui, &rh, cell, (uint64_t)g->rows * g->cols, g->shift);
	frame_walk_start(m, player_shadow(&ui->player), cell << g->shift, &w);
	for (row = 0; row < g->rows && cell < g->ncells; row++) {
		ram_row_start(&r, row + 1, 1);
		if (g->lw > 0)
			ram_draw_label(v, &r, g->lw, cell << g->shift);
		ram_row_start(&r, row + 1, 1 + g->lw);
		for (col = 0; col < g->cols && cell < g->ncells; col++) {
			pfn = cell << g->shift;
			end = (cell + 1) << g->shift;
			if (end > n)
				end = n;
			ram_gather(ui, pfn, end, &w, &rh.h[cell - rh.first],
			    &c);
			c.guess = guessing && guess_marked(ui, pfn, end);
			ram_draw_cell(v, &r, &k, g->cw, &c,
			    focused && (int)cell == v->cursor);
			cell++;
		}
		ram_row_flush(v, &r);
	}
	if (row > 0) /* the cursor where waddstr() would leave it */
		wmove(v->win, r.y, r.x);
	free(rh.h);
}

/* The zone's pageblocks by type (pagetypeinfo's "Number of blocks"):
 * Unmovable, Movable, Reclaimable. */
static void
ram_zone_blocks(const struct machine *m, int zone, char *buf, size_t size)
{
	uint64_t counts[MIGRATE_TYPES];

	if (size == 0)
		return;
	pageblock_count(m, zone, counts);
	snprintf(buf, size, "  blk U%llu M%llu R%llu",
	    (unsigned long long)counts[MIGRATE_UNMOVABLE],
	    (unsigned long long)counts[MIGRATE_MOVABLE],
	    (unsigned long long)counts[MIGRATE_RECLAIMABLE]);
}

static void
ram_draw_zones(struct view *v, const struct ui *ui, const struct ram_geom *g)
{
	const struct machine *m = ui_machine(ui);
	const struct zone    *z, *big = NULL;
	char		      line[256];
	int		      y = view_inner_h(v) - g->extra, zi, o, len;

	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		z = phys_zone(m, zi);
		if (!z->present)
			continue;
		if (big == NULL || z->managed > big->managed)
			big = z;
		len = snprintf(line, sizeof line, "%-6s", z->name);
		for (o = 0; o < NR_PAGE_ORDERS && len < (int)sizeof line; o++)
			len += snprintf(line + len, sizeof line - len, " %llu",
			    (unsigned long long)z->free_area[o].nr_free);
		if (pageblock_grouping(m) && len < (int)sizeof line)
			ram_zone_blocks(m, zi, line + len, sizeof line - len);
		view_puts(v, y++, 0, view_inner_w(v), line, A_NORMAL);
	}
	if (big == NULL)
		return;
	view_printf(v, y, 0, view_inner_w(v),
	    colour_attr(big->free_pages < big->wmark[WMARK_MIN] ? CR_ERROR :
								  CR_TEXT),
	    "%s free %llu ", big->name, (unsigned long long)big->free_pages);
	len = snprintf(line, sizeof line, "%s free %llu ", big->name,
	    (unsigned long long)big->free_pages);
	view_printf(v, y, len, view_inner_w(v) - len, colour_attr(CR_RESERVE),
	    "reserve<min %llu", (unsigned long long)big->wmark[WMARK_MIN]);
	len += snprintf(line, sizeof line, "reserve<min %llu",
	    (unsigned long long)big->wmark[WMARK_MIN]);
	view_printf(v, y, len, view_inner_w(v) - len, colour_attr(CR_DIM),
	    " low %llu high %llu", (unsigned long long)big->wmark[WMARK_LOW],
	    (unsigned long long)big->wmark[WMARK_HIGH]);
}

/* The zone with the most pages: the one the watermark line shows. */
static int
ram_big_zone(const struct machine *m)
{
	int z, big = -1;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (phys_zone(m, z)->present &&
		    (big < 0 ||
			phys_zone(m, z)->managed > phys_zone(m, big)->managed))
			big = z;
	return big;
}

/*
 * A zone's per-CPU list on this CPU, on line y: its count, high and
 * batch as /proc/zoneinfo's pagesets print them, and the frame the next
 * order-0 allocation takes (the list's head: LIFO, so the page freed
 * last), or "refill" when the list is empty and rmqueue_bulk() must
 * refill it.  The longest form that fits.
 */
static void
ram_draw_pcp_zone(struct view *v, const struct machine *m, int z, int y)
{
	static const char *const forms[] = {
		"%-6s per-CPU list %d high %d batch %d next %s",
		"%-6s pcp %d/%d/%d next %s",
		"%.0spcp %d/%d/%d next %s",
		"%.0spcp %d/%d/%d",
	};
	const struct per_cpu_pages *p = pcp_pageset(m, z, pcp_this_cpu(m));
	char			    next[24], line[96];
	int			    len = 0, w = view_inner_w(v);
	size_t			    i;

	if (p == NULL)
		return;
	if (p->lists[0].head != PFN_NONE)
		snprintf(next, sizeof next, "%#x", (unsigned)p->lists[0].head);
	else
		snprintf(next, sizeof next, "refill");
	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		len = snprintf(line, sizeof line, forms[i],
		    phys_zone(m, z)->name, p->count, p->high, p->batch, next);
		if (len <= w)
			break;
	}
	view_puts(v, y, 0, w, line, colour_attr(CR_PCP));
}

/*
 * The last rows lines under the grid: every zone's list, or the
 * largest zone's (the one the watermark line shows) when one row.
 */
static void
ram_draw_pcp(struct view *v, const struct machine *m, int rows)
{
	int z, y = view_inner_h(v) - rows;

	if (rows == 1) {
		ram_draw_pcp_zone(v, m, ram_big_zone(m), y);
		return;
	}
	for (z = 0; z < MAX_NR_ZONES; z++)
		if (pcp_pageset(m, z, 0) != NULL)
			ram_draw_pcp_zone(v, m, z, y++);
}

static void
ram_draw(struct view *v, const struct ui *ui)
{
	const struct machine *m = ui_machine(ui);
	struct ram_geom	      g;
	char		      title[128];

	ram_geometry(v, ui, &g);
	ram_clamp(v, &g);
	/* RAM's own frames: the PCI hole (FO_HOLE) is drawn, but no RAM. */
	snprintf(title, sizeof title, "RAM %lluM %llu frames %llu/cell",
	    (unsigned long long)(machine_config(m)->ram >> 20),
	    (unsigned long long)(machine_config(m)->ram >> PAGE_SHIFT),
	    1ull << g.shift);
	view_box(v, ui, title);
	ram_draw_grid(v, ui, &g);
	if (g.extra > 0)
		ram_draw_zones(v, ui, &g);
	if (g.extra > 0 && g.pcp > 0)
		ram_draw_pcp(v, m, g.pcp);
	wnoutrefresh(v->win);
}

static int
ram_select_cursor(struct view *v, struct ui *ui)
{
	struct ram_geom g;
	uint64_t	pfn;

	ram_geometry(v, ui, &g);
	ram_clamp(v, &g);
	pfn = (uint64_t)v->cursor << g.shift;
	if (pfn < phys_nframes(ui_machine(ui)))
		ui_select(ui, SEL_FRAME, pfn, 0, 0);
	return VIEW_HANDLED | VIEW_DIRTY;
}

static int
ram_key(struct view *v, struct ui *ui, int key)
{
	struct ram_geom g;

	ram_geometry(v, ui, &g);
	switch (key) {
	case KEY_UP:
		v->cursor -= g.cols;
		break;
	case KEY_DOWN:
		v->cursor += g.cols;
		break;
	case 'h':
		v->cursor--;
		break;
	case 'l':
		v->cursor++;
		break;
	case KEY_HOME:
		v->cursor = 0;
		break;
	case KEY_END:
		v->cursor = (int)g.ncells - 1;
		break;
	case '<': /* more frames per cell */
		v->density = g.shift < 20 ? (int)g.shift + 1 : (int)g.shift;
		v->cursor >>= 1;
		return VIEW_HANDLED | VIEW_DIRTY;
	case '>': /* fewer frames per cell: zoom in */
		v->density = g.shift > 0 ? (int)g.shift - 1 : 0;
		v->cursor <<= 1;
		return VIEW_HANDLED | VIEW_DIRTY;
	case '=': /* fit the machine again */
		v->density = -1;
		return VIEW_HANDLED | VIEW_DIRTY;
	default:
		return 0;
	}
	return ram_select_cursor(v, ui);
}

static int
ram_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	struct ram_geom g;
	int		col, row;

	ram_geometry(v, ui, &g);
	if (button == 4 || button == 5) {
		v->scroll += button == 4 ? -3 : 3;
		ram_clamp(v, &g);
		return VIEW_HANDLED | VIEW_DIRTY;
	}
	col = x - 1 - g.lw;
	col = col >= 0 ? col / g.cw : -1;
	row = y - 1;
	if (col < 0 || col >= g.cols || row < 0 || row >= g.rows)
		return VIEW_HANDLED;
	v->cursor = (v->scroll + row) * g.cols + col;
	if ((uint64_t)v->cursor >= g.ncells)
		return VIEW_HANDLED;
	return ram_select_cursor(v, ui);
}

void
view_ram_cursor_pfns(struct view *v, const struct ui *ui, uint64_t *lo,
    uint64_t *hi)
{
	struct ram_geom g;
	uint64_t	n = phys_nframes(ui_machine(ui));

	ram_geometry(v, ui, &g);
	ram_clamp(v, &g);
	*lo = (uint64_t)v->cursor << g.shift;
	*hi = *lo + (1ull << g.shift);
	if (*hi > n)
		*hi = n;
}

static void
ram_resize(struct view *v, const struct rect *r)
{
	v->r = *r;
}

const struct view_ops view_ram_ops = { "ram", ram_draw, ram_key, ram_mouse,
	ram_resize };
