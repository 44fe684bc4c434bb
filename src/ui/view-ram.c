/*
 * view-ram.c - the physical RAM grid: one cell per frame, or per run of
 * 2^density frames on a machine too big for the window.
 *
 * Runs are powers of two and aligned, like buddy blocks, so a free block
 * of order >= density fills whole cells.  A cell shows the owner most of
 * its frames have (the glyph of enum frame_owner, the owner's colour or,
 * for slab and vmalloc frames, the cache's or area's palette colour); a
 * cell whose frames are not all alike is underlined, and the inspector
 * lists its mix.  Free frames are grouped by block: the head of a free
 * block shows its order as a digit, the rest of the block a dot, the
 * colour saying low, middle or high order.  Under the grid: one
 * buddyinfo line per zone and the zone's free pages against its
 * watermarks (the reserve below `min` is what only GFP_ATOMIC and
 * other __GFP_HIGH callers may dip into, mm/page_alloc.c
 * __zone_watermark_ok()).
 *
 * Frames are read through player_frame(), so while a step is animated
 * the grid shows the frames as they were at that event.
 *
 * In presentation mode a cell is two columns wide, so it reads from the
 * back of a room; a predict question's guessed cell is drawn as "??"
 * (or "?") until the statement after the verdict.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "sim/machine.h"
#include "sim/phys.h"

#include <string.h>
#include <wchar.h>

static const char ram_order_digits[] = "0123456789A";

struct ram_geom {
	int		 lw;		/* row label width */
	int		 cw;		/* columns per cell */
	int		 cols, rows;	/* cells */
	unsigned	 shift;		/* log2 frames per cell */
	uint64_t	 ncells;
	int		 extra;		/* lines under the grid */
};

/* What the walk over frames knows about the free block it is in. */
struct ram_walk {
	uint64_t	 free_end;
	unsigned	 free_order;
};

struct ram_cell {
	unsigned	 counts[FO__COUNT];
	int		 owner;		/* most common owner, used before free */
	uint32_t	 tag;		/* its cache or area */
	int		 head_order;	/* highest free head in the cell, or -1 */
	unsigned	 block_order;	/* order of the free block it lies in */
	int		 sel, anim, guess;
};

static int
ram_zones(const struct machine *m)
{
	int z, n = 0;

	for (z = 0; z < MAX_NR_ZONES; z++)
		n += phys_zone(m, z)->present;
	return n;
}

static void
ram_geometry(const struct view *v, const struct ui *ui, struct ram_geom *g)
{
	const struct machine *m = ui_machine(ui);
	uint64_t n = phys_nframes(m), cap;
	int w = view_inner_w(v), h = view_inner_h(v);

	g->extra = ram_zones(m) + 1;
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
		    ((n + (1ull << g->shift) - 1) >> g->shift) > cap; g->shift++)
			continue;
	}
	g->ncells = (n + (1ull << g->shift) - 1) >> g->shift;
}

/* Finds the free block holding pfn before a walk starts mid-grid. */
static void
ram_walk_init(const struct ui *ui, uint64_t pfn, struct ram_walk *w)
{
	const struct machine *m = ui_machine(ui);
	const struct frame *f;
	uint64_t h;
	unsigned k;

	w->free_end = 0;
	w->free_order = 0;
	for (k = 0; k <= MAX_PAGE_ORDER; k++) {
		h = pfn & ~((1ull << k) - 1);
		f = player_frame(&ui->player, m, h);
		if ((f->flags & FF_BUDDY) && h + (1ull << f->order) > pfn) {
			w->free_end = h + (1ull << f->order);
			w->free_order = f->order;
			return;
		}
	}
}

static void
ram_anim_range(const struct ui *ui, uint64_t *lo, uint64_t *hi)
{
	const struct event *ev = player_current_event(&ui->player);

	*lo = *hi = 0;
	if (ev == NULL || ev->pfn == EVENT_NONE || !ui->player.animating)
		return;
	*lo = ev->pfn;
	*hi = ev->pfn + 1;
	if (ev->kind == EV_SPLIT || ev->kind == EV_PAGES_ALLOC ||
	    ev->kind == EV_PAGES_FREE || ev->kind == EV_MERGE ||
	    ev->kind == EV_SLAB_NEW || ev->kind == EV_SLAB_FREE ||
	    ev->kind == EV_LARGE_ALLOC || ev->kind == EV_LARGE_FREE)
		*hi = ev->pfn + (1ull << ev->order);
}

/*
 * Sums up the frames of one cell in one pass: how many of each owner,
 * the most common owner that is not free (and its cache or area), the
 * highest free block head, and the order of the free block it lies in.
 * The cell's frames are one array (the machine's or the player's
 * shadow) when its first and last frame are that far apart, so they
 * are walked by pointer instead of a player_frame() call each: on a
 * 16 GiB machine that walk is most of a redraw.  Reading the machine's
 * own frames, the rest of a free block is counted without a look: the
 * frames after a free block's head are free and no head (buddy_check()
 * verifies it after every step in the tests); a shadow is walked whole.
 */
static void
ram_gather(const struct ui *ui, const struct machine *m, uint64_t pfn,
    uint64_t end, struct ram_walk *w, struct ram_cell *c)
{
	const struct frame *f = player_frame(&ui->player, m, pfn);
	int contiguous = end - pfn == 1 ||
	    player_frame(&ui->player, m, end - 1) == f + (end - 1 - pfn);
	int skip = contiguous && f == phys_frame(m, pfn);
	unsigned best = 0;
	uint64_t n;
	int o;

	memset(c, 0, sizeof *c);
	c->head_order = -1;
	while (pfn < end) {
		if (!contiguous)
			f = player_frame(&ui->player, m, pfn);
		if (f->flags & FF_BUDDY) {
			w->free_end = pfn + (1ull << f->order);
			w->free_order = f->order;
			if ((int)f->order > c->head_order)
				c->head_order = f->order;
		}
		o = f->owner < FO__COUNT ? f->owner : FO_RESERVED;
		if (o == FO_FREE && pfn < w->free_end) {
			c->block_order = w->free_order;
			if (skip) {
				n = (end < w->free_end ? end : w->free_end) -
				    pfn;
				c->counts[FO_FREE] += (unsigned)n;
				pfn += n;
				f += n;
				continue;
			}
		}
		if (++c->counts[o] > best && o != FO_FREE) {
			best = c->counts[o];
			c->owner = o;
			c->tag = f->a;
		}
		pfn++;
		f++;
	}
	if (best == 0)
		c->owner = FO_FREE;
}

/* Does the selection hold any frame of [lo, hi)?  (sel_has_pfn per cell) */
static int
ram_sel_hits(const struct selection *s, uint64_t lo, uint64_t hi)
{
	size_t i;

	for (i = 0; i < s->nframes; i++) {
		if (lo < s->frames[i].pfn + s->frames[i].count &&
		    s->frames[i].pfn < hi)
			return 1;
	}
	return 0;
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
	wchar_t wc;
	size_t n;

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
#define RAM_ROW_MAX	256

struct ram_row {
	cchar_t		 cell[RAM_ROW_MAX];
	int		 n;		/* cells held */
	int		 y, x;		/* window position of cell[0] */
	cchar_t		 last;		/* the last cell made ... */
	attr_t		 last_a;	/* ... from this look */
	wchar_t		 last_wc;
	int		 made;
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
	wchar_t		 free;		/* a free frame that is no block head */
	attr_t		 free_attr[MAX_PAGE_ORDER + 1];
	attr_t		 select, anim, guess;
};

static void
ram_look_init(const struct ui *ui, struct ram_look *k)
{
	unsigned o;

	k->free = ram_wglyph(ui_glyph(ui, G_FREE));
	for (o = 0; o <= MAX_PAGE_ORDER; o++)
		k->free_attr[o] = colour_attr(colour_free_role(o));
	k->select = colour_attr(CR_SELECT);
	k->anim = colour_attr(CR_ANIM);
	k->guess = colour_attr(CR_KEY) | A_BOLD;
}

static void
ram_draw_cell(struct view *v, struct ram_row *r, const struct ram_look *k,
    int cw, const struct ram_cell *c, unsigned nframes, int cursor)
{
	wchar_t wc;
	attr_t a;

	if (c->owner == FO_FREE) {
		a = k->free_attr[c->block_order <= MAX_PAGE_ORDER ?
		    c->block_order : MAX_PAGE_ORDER];
		wc = c->head_order >= 0 ?
		    (wchar_t)ram_order_digits[c->head_order] : k->free;
	} else {
		a = ram_owner_attr(c->owner, c->tag);
		wc = (wchar_t)frame_owner_glyph((enum frame_owner)c->owner);
		if (c->counts[c->owner] != nframes)
			a |= A_UNDERLINE;
	}
	if (c->sel)
		a = k->select;
	if (c->anim)
		a = k->anim;
	if (c->guess) {
		a = k->guess;
		wc = L'?';
	}
	if (cursor)
		a |= A_REVERSE | A_BOLD;
	ram_row_add(v, r, a, wc);
	if (cw > 1)	/* the second column: the owner again, or blank */
		ram_row_add(v, r, a,
		    c->owner == FO_FREE && !c->guess ? L' ' : wc);
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
	char buf[24];
	int n = 0, i;
	attr_t a = colour_attr(CR_DIM);

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
	uint64_t n = phys_nframes(m), cell, pfn, end, alo, ahi;
	struct ram_walk w;
	struct ram_cell c;
	struct ram_look k;
	struct ram_row r;
	int row, col, focused = ui->focus == v->id, guessing;

	ram_look_init(ui, &k);
	r.made = 0;
	ram_anim_range(ui, &alo, &ahi);
	guessing = guess_marked(ui, 0, n);	/* else no cell can be */
	cell = (uint64_t)v->scroll * g->cols;
	ram_walk_init(ui, cell << g->shift, &w);
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
			ram_gather(ui, m, pfn, end, &w, &c);
			c.sel = ram_sel_hits(&ui->sel, pfn, end);
			c.anim = alo < end && pfn < ahi;
			c.guess = guessing && guess_marked(ui, pfn, end);
			ram_draw_cell(v, &r, &k, g->cw, &c,
			    (unsigned)(end - pfn), focused &&
			    (int)cell == v->cursor);
			cell++;
		}
		ram_row_flush(v, &r);
	}
	if (row > 0)	/* the cursor where waddstr() would leave it */
		wmove(v->win, r.y, r.x);
}

static void
ram_draw_zones(struct view *v, const struct ui *ui, const struct ram_geom *g)
{
	const struct machine *m = ui_machine(ui);
	const struct zone *z, *big = NULL;
	char line[256];
	int y = view_inner_h(v) - g->extra, zi, o, len;

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
		view_puts(v, y++, 0, view_inner_w(v), line, A_NORMAL);
	}
	if (big == NULL)
		return;
	view_printf(v, y, 0, view_inner_w(v),
	    colour_attr(big->free_pages < big->wmark[WMARK_MIN] ? CR_ERROR :
	    CR_TEXT), "%s free %llu ", big->name,
	    (unsigned long long)big->free_pages);
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

static void
ram_draw(struct view *v, const struct ui *ui)
{
	const struct machine *m = ui_machine(ui);
	struct ram_geom g;
	char title[128];

	ram_geometry(v, ui, &g);
	ram_clamp(v, &g);
	snprintf(title, sizeof title, "RAM %lluM %llu frames %llu/cell",
	    (unsigned long long)(machine_config(m)->ram >> 20),
	    (unsigned long long)phys_nframes(m), 1ull << g.shift);
	view_box(v, ui, title);
	ram_draw_grid(v, ui, &g);
	if (g.extra > 0)
		ram_draw_zones(v, ui, &g);
	wnoutrefresh(v->win);
}

static int
ram_select_cursor(struct view *v, struct ui *ui)
{
	struct ram_geom g;
	uint64_t pfn;

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
	case KEY_UP:	v->cursor -= g.cols; break;
	case KEY_DOWN:	v->cursor += g.cols; break;
	case 'h':	v->cursor--; break;
	case 'l':	v->cursor++; break;
	case KEY_HOME:	v->cursor = 0; break;
	case KEY_END:	v->cursor = (int)g.ncells - 1; break;
	case '<':	/* more frames per cell */
		v->density = g.shift < 20 ? (int)g.shift + 1 : (int)g.shift;
		v->cursor >>= 1;
		return VIEW_HANDLED | VIEW_DIRTY;
	case '>':	/* fewer frames per cell: zoom in */
		v->density = g.shift > 0 ? (int)g.shift - 1 : 0;
		v->cursor <<= 1;
		return VIEW_HANDLED | VIEW_DIRTY;
	case '=':	/* fit the machine again */
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
	int col, row;

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
	uint64_t n = phys_nframes(ui_machine(ui));

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

const struct view_ops view_ram_ops = {
	"ram", ram_draw, ram_key, ram_mouse, ram_resize
};
