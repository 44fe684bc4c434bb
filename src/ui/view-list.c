/*
 * view-list.c - the scrolling list the slab, vmalloc and user views are
 * made of.
 *
 * Lines are rebuilt from the machine on every draw (the machine is the
 * truth; a list kept between draws could disagree with it after a step
 * back).  When the selection changes, the list scrolls to the first line
 * that is part of it, so a kmalloc typed at the prompt shows its object
 * wherever its cache is.
 *
 * While a predict question is asked on a list view, some lines are
 * answers (vlist_answer): the cursor starts on the first one, Enter
 * takes the one under it (vlist_guess), and the chosen line stays
 * marked "?" until the verdict is over, as the RAM grid marks its cell.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "common/xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vline *
vlist_add(struct vlist *l, enum sel_kind kind, uint64_t addr, uint64_t len,
    const char *fmt, ...)
{
	struct vline *ln;
	va_list	      ap;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	ln = &l->v[l->n++];
	memset(ln, 0, sizeof *ln);
	ln->kind = kind;
	ln->addr = addr;
	ln->len = len;
	ln->pfn = EVENT_NONE;
	ln->selectable = kind != SEL_NONE;
	va_start(ap, fmt);
	vsnprintf(ln->text, sizeof ln->text, fmt, ap);
	va_end(ap);
	return ln;
}

static void vlist_clamp(struct view *v, const struct vlist *l);

void
vlist_answer(struct vline *ln, enum predict_where where, uint64_t lo,
    uint64_t hi, enum event_kind ev, const char *fmt, ...)
{
	va_list ap;

	ln->answer = 1;
	ln->selectable = 1;
	ln->g.where = where;
	ln->g.lo = lo;
	ln->g.hi = hi;
	ln->g.ev = ev;
	va_start(ap, fmt);
	vsnprintf(ln->g.label, sizeof ln->g.label, fmt, ap);
	va_end(ap);
}

int
vlist_guess(struct view *v, const struct vlist *l, struct predict_guess *g)
{
	vlist_clamp(v, l);
	if (v->cursor < 0 || v->cursor >= (int)l->n || !l->v[v->cursor].answer)
		return -1;
	*g = l->v[v->cursor].g;
	return 0;
}

void
vlist_free(struct vlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int
vlist_hit(const struct ui *ui, const struct vline *ln)
{
	if (ui->sel.kind == SEL_NONE || !ln->selectable)
		return 0;
	if (ln->kind == SEL_FRAME || ui->sel.kind == SEL_FRAME) {
		if (ln->pfn != EVENT_NONE && sel_has_pfn(&ui->sel, ln->pfn))
			return 1;
	}
	return ln->kind != SEL_FRAME && sel_hits(ui, ln->addr, ln->len);
}

/*
 * Brings line i into view, with the line heading it (its cache, its
 * arena) when both fit: a chunk "in use A" means little without the
 * arena line above it.
 */
static void
vlist_scroll_to(struct view *v, const struct vlist *l, int i, int h)
{
	int hd = i, seen, head_seen;

	if (i < 0)
		return;
	while (hd >= 0 && !l->v[hd].head)
		hd--;
	seen = i >= v->scroll && i < v->scroll + h;
	head_seen = hd >= v->scroll && hd < v->scroll + h;
	if (hd >= 0 && !(seen && head_seen) && i - hd < h - 1)
		v->scroll = hd;
	else if (!seen)
		v->scroll = i > 0 ? i - 1 : 0;
}

/*
 * Scrolls to the selection when it changed since the last draw: to the
 * narrowest line that is part of it (a malloc's chunk rather than the
 * heap it lies in), unless this view's cursor made it.
 */
static void
vlist_follow(struct view *v, const struct ui *ui, const struct vlist *l)
{
	int h = view_inner_h(v), best = -1;
	/* A new height (a panel opened or closed) follows again too. */
	uint64_t key = ui->sel.kind * 0x9e3779b97f4a7c15ull ^ ui->sel.addr ^
	    (ui->sel.pfn << 20) ^ ui->sel.len ^ ((uint64_t)h << 48);
	size_t i;

	if (key == v->selkey)
		return;
	v->selkey = key;
	if (v->cursor >= 0 && v->cursor < (int)l->n &&
	    vlist_hit(ui, &l->v[v->cursor]))
		best = v->cursor;
	else
		for (i = 0; i < l->n; i++)
			if (vlist_hit(ui, &l->v[i]) &&
			    (best < 0 || l->v[i].len < l->v[best].len))
				best = (int)i;
	vlist_scroll_to(v, l, best, h);
}

/* A cursor of -1 (a question was just asked) goes to the first answer. */
static void
vlist_first_answer(struct view *v, const struct vlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].answer) {
			v->cursor = (int)i;
			v->scroll = (int)i > 0 ? (int)i - 1 : 0;
			return;
		}
	}
}

static void
vlist_clamp(struct view *v, const struct vlist *l)
{
	int h = view_inner_h(v);

	if (v->cursor < 0)
		vlist_first_answer(v, l);

	if (v->cursor >= (int)l->n)
		v->cursor = (int)l->n - 1;
	if (v->cursor < 0)
		v->cursor = 0;
	if (v->scroll > (int)l->n - h)
		v->scroll = (int)l->n - h;
	if (v->scroll < 0)
		v->scroll = 0;
}

void
vlist_draw(struct view *v, const struct ui *ui, struct vlist *l,
    const char *title)
{
	const struct vline *ln;
	int		    h = view_inner_h(v), w = view_inner_w(v), y, len;
	attr_t		    a;

	view_box(v, ui, title);
	vlist_follow(v, ui, l);
	vlist_clamp(v, l);
	for (y = 0; y < h && v->scroll + y < (int)l->n; y++) {
		ln = &l->v[v->scroll + y];
		a = ln->attr;
		if (vlist_hit(ui, ln))
			a = colour_attr(CR_SELECT);
		if (ln->answer && guess_row_marked(ui, &ln->g))
			a = colour_attr(CR_KEY) | A_BOLD;
		if (ui->focus == v->id && v->scroll + y == v->cursor)
			a |= A_REVERSE;
		view_puts(v, y, 0, w, ln->text, a);
		if (ln->answer && ln->text[0] == ' ' &&
		    guess_row_marked(ui, &ln->g))
			view_puts(v, y, 0, 1, "?", a);
		len = (int)strlen(ln->text);
		if (ln->strip && l->strip != NULL && len < w)
			l->strip(v, ui, ln, y, len);
	}
	if (l->n == 0)
		view_puts(v, 0, 0, w, "(empty)", colour_attr(CR_DIM));
	wnoutrefresh(v->win);
}

static int
vlist_select(struct view *v, struct ui *ui, const struct vlist *l)
{
	const struct vline *ln;

	vlist_clamp(v, l);
	if (l->n == 0)
		return VIEW_HANDLED;
	ln = &l->v[v->cursor];
	if (ln->selectable)
		ui_select(ui, ln->kind, ln->pfn, ln->addr, ln->len);
	v->selkey = 0;
	return VIEW_HANDLED | VIEW_DIRTY;
}

int
vlist_key(struct view *v, struct ui *ui, struct vlist *l, int key)
{
	int dir = key == KEY_UP ? -1 : key == KEY_DOWN ? 1 : 0, i;
	/* While a question is asked here, the cursor goes answer to answer. */
	int answers = ui->guess.state == GUESS_ASKING &&
	    guess_rows_on(ui, v->id);

	if (dir == 0)
		return 0;
	vlist_clamp(v, l);
	for (i = v->cursor + dir; i >= 0 && i < (int)l->n; i += dir) {
		if (answers ? l->v[i].answer : l->v[i].selectable) {
			v->cursor = i;
			break;
		}
	}
	if (v->cursor < v->scroll)
		v->scroll = v->cursor;
	if (v->cursor >= v->scroll + view_inner_h(v))
		v->scroll = v->cursor - view_inner_h(v) + 1;
	return vlist_select(v, ui, l);
}

int
vlist_mouse(struct view *v, struct ui *ui, struct vlist *l, int x, int y,
    int button)
{
	const struct vline *ln;
	int		    line = v->scroll + y - 1, len;

	if (button == 4 || button == 5) {
		v->scroll += button == 4 ? -3 : 3;
		vlist_clamp(v, l);
		return VIEW_HANDLED | VIEW_DIRTY;
	}
	if (y < 1 || line >= (int)l->n)
		return VIEW_HANDLED;
	v->cursor = line;
	ln = &l->v[line];
	len = (int)strlen(ln->text);
	if (ln->strip && l->strip_click != NULL && x - 1 >= len &&
	    l->strip_click(ui, ln, x - 1 - len, view_inner_w(v) - len)) {
		v->selkey = 0;
		return VIEW_HANDLED | VIEW_DIRTY;
	}
	return vlist_select(v, ui, l);
}

int
ui_va_pending(const struct ui *ui, uint64_t va)
{
	const struct player *p = &ui->player;
	size_t		     i;

	if (!p->animating)
		return 0;
	for (i = p->shown; i < p->item.step.nev; i++) {
		if ((p->item.step.ev[i].kind == EV_PTE_SET ||
			p->item.step.ev[i].kind == EV_FAULT) &&
		    p->item.step.ev[i].addr == va)
			return 1;
	}
	return 0;
}

int
ui_va_anim(const struct ui *ui, uint64_t addr, uint64_t len)
{
	const struct event *ev = player_current_event(&ui->player);
	uint64_t	    elen;

	if (ev == NULL || ev->addr == EVENT_NONE || !ui->player.animating)
		return 0;
	elen = ev->size > 0 && ev->kind != EV_PTE_SET ? ev->size : 1;
	return ev->addr < addr + len && addr < ev->addr + elen;
}
