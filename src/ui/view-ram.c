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

static void
ram_gather(const struct ui *ui, uint64_t pfn, uint64_t end,
    struct ram_walk *w, struct ram_cell *c)
{
	const struct machine *m = ui_machine(ui);
	const struct frame *f;
	unsigned best = 0;
	int o;

	memset(c, 0, sizeof *c);
	c->head_order = -1;
	for (; pfn < end; pfn++) {
		f = player_frame(&ui->player, m, pfn);
		if (f->flags & FF_BUDDY) {
			w->free_end = pfn + (1ull << f->order);
			w->free_order = f->order;
			if ((int)f->order > c->head_order)
				c->head_order = f->order;
		}
		o = f->owner < FO__COUNT ? f->owner : FO_RESERVED;
		if (o == FO_FREE && pfn < w->free_end)
			c->block_order = w->free_order;
		c->counts[o]++;
		if (o != FO_FREE && c->counts[o] > best) {
			best = c->counts[o];
			c->owner = o;
			c->tag = f->a;
		}
		if (!c->sel && sel_has_pfn(&ui->sel, pfn))
			c->sel = 1;
	}
	if (best == 0)
		c->owner = FO_FREE;
}

static attr_t
ram_owner_attr(int owner, uint32_t tag)
{
	int role = colour_owner_role((enum frame_owner)owner);

	if (role < 0)
		return colour_palette_attr(tag);
	return colour_attr((enum colour_role)role);
}

static void
ram_draw_cell(struct view *v, const struct ui *ui, int y, int x, int cw,
    const struct ram_cell *c, int cursor)
{
	char glyph[8];
	const char *g = glyph;
	attr_t a;
	uint64_t total = 0;
	int i;

	for (i = 0; i < FO__COUNT; i++)
		total += c->counts[i];
	if (c->owner == FO_FREE) {
		a = colour_attr(colour_free_role(c->block_order));
		if (c->head_order >= 0) {
			glyph[0] = ram_order_digits[c->head_order];
			glyph[1] = '\0';
		} else {
			g = ui_glyph(ui, G_FREE);
		}
	} else {
		a = ram_owner_attr(c->owner, c->tag);
		glyph[0] = frame_owner_glyph((enum frame_owner)c->owner);
		glyph[1] = '\0';
		if (c->counts[c->owner] != total)
			a |= A_UNDERLINE;
	}
	if (c->sel)
		a = colour_attr(CR_SELECT);
	if (c->anim)
		a = colour_attr(CR_ANIM);
	if (c->guess) {
		a = colour_attr(CR_KEY) | A_BOLD;
		g = "?";
	}
	if (cursor)
		a |= A_REVERSE | A_BOLD;
	wattrset(v->win, a);
	mvwaddstr(v->win, y + 1, x + 1, g);
	if (cw > 1)	/* the second column: the owner again, or blank */
		waddstr(v->win, c->owner == FO_FREE && !c->guess ? " " : g);
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

static void
ram_draw_grid(struct view *v, const struct ui *ui, const struct ram_geom *g)
{
	uint64_t n = phys_nframes(ui_machine(ui)), cell, pfn, end, alo, ahi;
	struct ram_walk w;
	struct ram_cell c;
	int row, col;

	ram_anim_range(ui, &alo, &ahi);
	cell = (uint64_t)v->scroll * g->cols;
	ram_walk_init(ui, cell << g->shift, &w);
	for (row = 0; row < g->rows; row++) {
		if (g->lw > 0 && cell < g->ncells)
			view_printf(v, row, 0, g->lw, colour_attr(CR_DIM),
			    "%6llx", (unsigned long long)(cell << g->shift));
		for (col = 0; col < g->cols && cell < g->ncells; col++) {
			pfn = cell << g->shift;
			end = (cell + 1) << g->shift;
			if (end > n)
				end = n;
			ram_gather(ui, pfn, end, &w, &c);
			c.anim = alo < end && pfn < ahi;
			c.guess = guess_marked(ui, pfn, end);
			ram_draw_cell(v, ui, row, g->lw + col * g->cw, g->cw,
			    &c, ui->focus == v->id && (int)cell == v->cursor);
			cell++;
		}
	}
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
