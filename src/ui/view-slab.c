/*
 * view-slab.c - kmalloc caches, their slabs and the objects in them.
 *
 * One header line per cache that holds any slab (name in the cache's
 * palette colour, the same colour its frames have in the RAM grid;
 * active/total objects; requested against allocated bytes, the waste
 * kmalloc's size classes cost), then one line per slab: its pfn and its
 * objects, each a cell: free (never handed out), used, stale (freed but
 * still holding the old bytes, as SLUB leaves them) or zeroed (kzalloc).
 *
 * A predict question about a kmalloc is answered here: each slab is an
 * answer (the object lands in it), or one object of it, clicked in its
 * strip or chosen with h and l (which one SLUB hands out next: the
 * freelist's head, the most recently freed object of the CPU slab); two
 * lines on top stand for what
 * does not exist yet: a new slab (mm/slub.c ___slab_alloc() found no
 * partial one) and whole pages (a size above the largest cache goes to
 * the page allocator, mm/slub.c __kmalloc_large_node()).
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/kernel/slab.h"

#include <inttypes.h>
#include <stdio.h>

#define SLAB_STRIP 1

/* The object states, and a predict question's guessed object. */
#define SLAB_OBJ_GUESS 4
static const char view_slab_obj_glyphs[] = { '.', '#', '~', '0', '?' };
static const enum colour_role view_slab_obj_roles[] = { CR_DIM, CR_TEXT,
	CR_STALE, CR_ZEROED };

/* The object at addr is a predict question's guess. */
static int
view_slab_guessed(const struct ui *ui, uint64_t addr, uint32_t size)
{
	struct predict_guess g = { .lo = addr,
		.hi = addr + size,
		.where = PW_VIRT,
		.ev = EV_OBJ_ALLOC };

	return guess_rows_on(ui, LV_SLAB) && guess_row_marked(ui, &g);
}

/*
 * The object a slab's strip must show: the selected one, else the one
 * being animated, else one the last step changed; -1 for none.  With a
 * randomised freelist (CONFIG_SLAB_FREELIST_RANDOM, mm/slub.c
 * shuffle_freelist()) it can lie anywhere in the slab.
 */
static int64_t
view_slab_focus(const struct ui *ui, const struct vline *ln,
    const struct slab_slab_info *si, const struct slab_cache_info *ci)
{
	const struct machine *m = ui_machine(ui);
	struct slab_obj_info  oi;
	int64_t		      changed = -1;
	uint32_t	      i;

	if (ui->sel.kind == SEL_OBJECT && ui->sel.addr >= ln->addr &&
	    ui->sel.addr < ln->addr + ln->len && ci->size > 0)
		return (int64_t)((ui->sel.addr - ln->addr - si->first) /
		    ci->size);
	for (i = 0; i < si->objects; i++) {
		if (slab_obj_info(m, ln->s1, ln->s2, i, &oi) != 0)
			break;
		if (ui_va_anim(ui, oi.addr, ci->object_size))
			return i;
		if (changed < 0 &&
		    changes_va(&ui->changes, oi.addr, ci->object_size))
			changed = i;
	}
	return changed;
}

/*
 * The first object a strip of width cells shows.  A slab wider than
 * the strip is shown a window at a time: the first window from object
 * 0 with "…" at its end, the others with "…" at both ends, so that the
 * focus object is always in view and a window never shifts by one.
 */
static uint32_t
view_slab_first(uint32_t objects, int64_t focus, int width)
{
	uint32_t head, step, k;

	if (width < 3 || objects <= (uint32_t)width || focus < 0)
		return 0;
	head = (uint32_t)width - 1; /* window 0: objects, then "…" */
	step = (uint32_t)width - 2; /* later ones: "…", objects, "…" */
	if ((uint64_t)focus < head)
		return 0;
	k = ((uint32_t)focus - head) / step;
	return head + k * step;
}

/* The first object shown, the focus looked for only when the slab is
 * wider than the strip. */
static uint32_t
view_slab_window(const struct ui *ui, const struct vline *ln,
    const struct slab_slab_info *si, const struct slab_cache_info *ci,
    int width)
{
	if (si->objects <= (uint32_t)(width < 0 ? 0 : width))
		return 0;
	return view_slab_first(si->objects, view_slab_focus(ui, ln, si, ci),
	    width);
}

/* The strip's cells: -1 "…", else the object shown there. */
static int64_t
view_slab_cell(uint32_t objects, uint32_t first, int width, int col)
{
	int64_t i = (int64_t)first + col - (first > 0);

	if (first > 0 && col == 0)
		return -1;
	if (col == width - 1 && i + 1 < (int64_t)objects)
		return -1;
	return i < (int64_t)objects ? i : -2;
}

static attr_t
view_slab_obj_attr(const struct ui *ui, const struct slab_obj_info *oi,
    const struct slab_cache_info *ci, int *glyph)
{
	attr_t a = colour_attr(view_slab_obj_roles[oi->state & 3]);

	*glyph = oi->state & 3;
	if (changes_va(&ui->changes, oi->addr, ci->object_size))
		a = view_changed_attr();
	if (sel_hits(ui, oi->addr, ci->object_size) &&
	    ui->sel.kind == SEL_OBJECT)
		a = colour_attr(CR_SELECT);
	if (ui_va_anim(ui, oi->addr, ci->object_size))
		a = colour_attr(CR_ANIM);
	if (view_slab_guessed(ui, oi->addr, ci->object_size)) {
		a = colour_attr(CR_KEY) | A_BOLD;
		*glyph = SLAB_OBJ_GUESS;
	}
	return a;
}

static void
view_slab_strip(struct view *v, const struct ui *ui, const struct vline *ln,
    int y, int x)
{
	const struct machine  *m = ui_machine(ui);
	struct slab_slab_info  si;
	struct slab_cache_info ci;
	struct slab_obj_info   oi;
	int		       width = view_inner_w(v) - x, col, glyph;
	uint32_t	       first;
	int64_t		       i;
	attr_t		       a;

	if (slab_slab_info(m, ln->s1, ln->s2, &si) != 0 ||
	    slab_cache_info(m, ln->s1, &ci) != 0)
		return;
	first = view_slab_window(ui, ln, &si, &ci, width);
	for (col = 0; col < width; col++) {
		i = view_slab_cell(si.objects, first, width, col);
		if (i == -2)
			break;
		if (i == -1) {
			view_puts(v, y, x + col, 1, ui_glyph(ui, G_ELLIPSIS),
			    colour_attr(CR_DIM));
			continue;
		}
		if (slab_obj_info(m, ln->s1, ln->s2, (uint32_t)i, &oi) != 0)
			break;
		a = view_slab_obj_attr(ui, &oi, &ci, &glyph);
		wattrset(v->win, a);
		mvwaddch(v->win, y + 1, x + col + 1,
		    (chtype)(unsigned char)view_slab_obj_glyphs[glyph]);
	}
}

static int
view_slab_strip_click(struct ui *ui, const struct vline *ln, int col, int width)
{
	const struct machine  *m = ui_machine(ui);
	struct slab_cache_info ci;
	struct slab_slab_info  si;
	struct slab_obj_info   oi;
	int64_t		       i;

	if (col < 0 || slab_cache_info(m, ln->s1, &ci) != 0 ||
	    slab_slab_info(m, ln->s1, ln->s2, &si) != 0)
		return 0;
	i = view_slab_cell(si.objects,
	    view_slab_window(ui, ln, &si, &ci, width), width, col);
	if (i < 0 || slab_obj_info(m, ln->s1, ln->s2, (uint32_t)i, &oi) != 0)
		return 0;
	ui_select(ui, SEL_OBJECT, 0, oi.addr, ci.object_size);
	return 1;
}

static void
view_slab_cache_lines(const struct ui *ui, size_t c, struct vlist *l)
{
	const struct machine  *m = ui_machine(ui);
	struct slab_cache_info ci;
	struct slab_slab_info  si;
	struct vline	      *ln;
	size_t		       s, n;

	if (slab_cache_info(m, c, &ci) != 0 || ci.slabs == 0)
		return;
	ln = vlist_add(l, SEL_NONE, 0, 0,
	    "%s %" PRIu64 "/%" PRIu64 " obj, req %" PRIu64 "/%" PRIu64 "B",
	    ci.name, ci.active_objs, ci.total_objs, ci.requested,
	    ci.active_objs * ci.object_size);
	ln->attr = colour_palette_attr((unsigned)c) | A_BOLD;
	ln->head = 1;
	n = slab_cache_nslabs(m, c);
	for (s = 0; s < n; s++) {
		if (slab_slab_info(m, c, s, &si) != 0)
			continue;
		ln = vlist_add(l, SEL_FRAME, machine_pfn_to_virt(m, si.pfn),
		    PAGE_SIZE << si.order, " %6" PRIx64 "%c", si.pfn,
		    si.cpu ? '*' : ' ');
		ln->pfn = si.pfn;
		ln->strip = SLAB_STRIP;
		ln->s1 = c;
		ln->s2 = s;
		if (guess_rows_on(ui, LV_SLAB))
			vlist_answer(ln, PW_VIRT, ln->addr, ln->addr + ln->len,
			    EV_OBJ_ALLOC, "the %s slab at pfn %#" PRIx64,
			    ci.name, si.pfn);
	}
}

/* The answers that are not a slab yet, on top where the cursor starts. */
static void
view_slab_new_lines(struct vlist *l)
{
	vlist_answer(vlist_add(l, SEL_NONE, 0, 0, " + a new slab"), PW_EVENT, 0,
	    0, EV_SLAB_NEW, "a new slab");
	vlist_answer(vlist_add(l, SEL_NONE, 0, 0,
			 " + whole pages (too big "
			 "for a cache)"),
	    PW_EVENT, 0, 0, EV_LARGE_ALLOC, "whole pages");
}

static void
view_slab_build(const struct ui *ui, struct vlist *l)
{
	size_t c, n = slab_cache_count(ui_machine(ui));

	l->strip = view_slab_strip;
	l->strip_click = view_slab_strip_click;
	if (guess_rows_on(ui, LV_SLAB))
		view_slab_new_lines(l);
	for (c = 0; c < n; c++)
		view_slab_cache_lines(ui, c, l);
}

int
view_slab_guess(struct view *v, const struct ui *ui, struct predict_guess *g)
{
	struct vlist l = { 0 };
	int	     r;

	view_slab_build(ui, &l);
	r = vlist_guess(v, &l, g);
	vlist_free(&l);
	/* An object clicked in the slab's strip: that object is the guess. */
	if (r == 0 && g->where == PW_VIRT && ui->sel.kind == SEL_OBJECT &&
	    ui->sel.addr >= g->lo && ui->sel.addr < g->hi) {
		g->lo = ui->sel.addr;
		g->hi = ui->sel.addr + ui->sel.len;
		snprintf(g->label, sizeof g->label, "the object at %#" PRIx64,
		    g->lo);
	}
	return r;
}

static void
view_slab_draw(struct view *v, const struct ui *ui)
{
	struct vlist l = { 0 };

	view_slab_build(ui, &l);
	vlist_draw(v, ui, &l, "slab  # used ~ stale 0 zeroed");
	vlist_free(&l);
}

/*
 * h and l on a slab's line select the object before or after the one
 * selected in it (the first when none is), so an object can be chosen,
 * and guessed, without a mouse.
 */
static int
view_slab_obj_key(struct ui *ui, const struct vline *ln, int dir)
{
	const struct machine  *m = ui_machine(ui);
	struct slab_slab_info  si;
	struct slab_cache_info ci;
	struct slab_obj_info   oi;
	int64_t		       i = -1;

	if (ln->strip != SLAB_STRIP ||
	    slab_slab_info(m, ln->s1, ln->s2, &si) != 0 ||
	    slab_cache_info(m, ln->s1, &ci) != 0 || si.objects == 0)
		return 0;
	if (ui->sel.kind == SEL_OBJECT && ui->sel.addr >= ln->addr &&
	    ui->sel.addr < ln->addr + ln->len)
		i = (int64_t)((ui->sel.addr - ln->addr - si.first) / ci.size);
	i = i < 0 ? 0 : i + dir;
	if (i < 0)
		i = 0;
	if (i >= (int64_t)si.objects)
		i = si.objects - 1;
	if (slab_obj_info(m, ln->s1, ln->s2, (uint32_t)i, &oi) != 0)
		return 0;
	ui_select(ui, SEL_OBJECT, 0, oi.addr, ci.object_size);
	return VIEW_HANDLED | VIEW_DIRTY;
}

static int
view_slab_key(struct view *v, struct ui *ui, int key)
{
	struct vlist l = { 0 };
	int	     r;

	view_slab_build(ui, &l);
	if ((key == 'h' || key == 'l') && v->cursor >= 0 &&
	    v->cursor < (int)l.n)
		r = view_slab_obj_key(ui, &l.v[v->cursor], key == 'l' ? 1 : -1);
	else
		r = vlist_key(v, ui, &l, key);
	vlist_free(&l);
	return r;
}

static int
view_slab_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	struct vlist l = { 0 };
	int	     r;

	view_slab_build(ui, &l);
	r = vlist_mouse(v, ui, &l, x, y, button);
	vlist_free(&l);
	return r;
}

static void
view_slab_resize(struct view *v, const struct rect *r)
{
	v->r = *r;
}

const struct view_ops view_slab_ops = { "slab", view_slab_draw, view_slab_key,
	view_slab_mouse, view_slab_resize };
