/*
 * view.c - what every view shares: the box, text output, the selection.
 *
 * The selection is stored once, in the UI state, with the frames behind
 * it worked out when it is made (machine_virt_to_pfn for each page of a
 * virtual range), so that every view can ask "is this frame or this
 * address part of what is selected" cheaply while drawing.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "common/xmalloc.h"
#include "sim/machine.h"
#include "sim/page/frame-state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A selection's range is walked page by page up to this many pages. */
#define SEL_MAX_PAGES 65536

static const char *const ui_glyphs_utf8[] = {
#define UI_GLYPH_UTF8(e, utf8, ascii) utf8,
	UI_GLYPHS(UI_GLYPH_UTF8)
#undef UI_GLYPH_UTF8
};
static const char *const ui_glyphs_ascii[] = {
#define UI_GLYPH_ASCII(e, utf8, ascii) ascii,
	UI_GLYPHS(UI_GLYPH_ASCII)
#undef UI_GLYPH_ASCII
};
static const char *const sel_names[] = {
#define SEL_NAME(e, name) name,
	SEL_KINDS(SEL_NAME)
#undef SEL_NAME
};

const struct machine *
ui_machine(const struct ui *ui)
{
	return script_interp_machine(ui->ip);
}

const char *
ui_glyph(const struct ui *ui, enum ui_glyph g)
{
	if ((unsigned)g >= G__COUNT)
		return "?";
	return ui->utf8 ? ui_glyphs_utf8[g] : ui_glyphs_ascii[g];
}

const char *
sel_kind_name(enum sel_kind k)
{
	return (unsigned)k < SEL__COUNT ? sel_names[k] : "?";
}

attr_t
view_changed_attr(void)
{
	attr_t a = colour_attr(CR_ANIM);

	if (a & A_COLOR) /* the event's colour turned around */
		return (a ^ A_REVERSE) | A_BOLD;
	return A_REVERSE | A_BOLD;
}

int
view_inner_w(const struct view *v)
{
	return v->r.w > 2 ? v->r.w - 2 : 0;
}

int
view_inner_h(const struct view *v)
{
	return v->r.h > 2 ? v->r.h - 2 : 0;
}

/* The title on the top border; a title too long is cut with the cut mark,
 * so a reader knows there is more. */
static void
view_title(struct view *v, const struct ui *ui, const char *title, int room)
{
	wchar_t wt[256];
	char	cut[512];
	size_t	n = mbstowcs(wt, title, sizeof wt / sizeof wt[0] - 1);

	if (n == (size_t)-1 || (int)n + 2 <= room) {
		view_printf(v, -1, 1, room, colour_attr(CR_TITLE), " %s ",
		    title);
		return;
	}
	wt[room > 3 ? room - 3 : 0] = L'\0';
	if (wcstombs(cut, wt, sizeof cut) == (size_t)-1)
		cut[0] = '\0';
	view_printf(v, -1, 1, room, colour_attr(CR_TITLE), " %s%s ", cut,
	    ui_glyph(ui, G_ELLIPSIS));
}

void
view_box(struct view *v, const struct ui *ui, const char *title)
{
	attr_t a = colour_attr(ui->focus == v->id ? CR_TITLE : CR_BORDER);

	werase(v->win);
	wattrset(v->win, a);
	if (ui->utf8)
		box_set(v->win, WACS_VLINE, WACS_HLINE);
	else
		wborder(v->win, '|', '|', '-', '-', '+', '+', '+', '+');
	wattrset(v->win, colour_attr(CR_TITLE));
	if (v->r.w > 6)
		view_title(v, ui, title, v->r.w - 4);
	wattrset(v->win, A_NORMAL);
}

/* Inner coordinates: (0, 0) is the first cell inside the border. */
void
view_puts(struct view *v, int y, int x, int w, const char *s, attr_t attr)
{
	wchar_t wbuf[512];
	size_t	n;
	int	maxw = view_inner_w(v) - x;

	if (w > maxw)
		w = maxw;
	if (w <= 0 || y >= view_inner_h(v) || y < -1)
		return;
	n = mbstowcs(wbuf, s, sizeof wbuf / sizeof wbuf[0] - 1);
	if (n == (size_t)-1) {
		wattrset(v->win, attr);
		mvwaddnstr(v->win, y + 1, x + 1, s, w);
		return;
	}
	wbuf[n] = L'\0';
	wattrset(v->win, attr);
	mvwaddnwstr(v->win, y + 1, x + 1, wbuf, w);
	wattrset(v->win, A_NORMAL);
}

void
view_printf(struct view *v, int y, int x, int w, attr_t attr, const char *fmt,
    ...)
{
	char	buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	view_puts(v, y, x, w, buf, attr);
}

static void
sel_add_frames(struct selection *s, uint64_t pfn, uint64_t count)
{
	struct pfn_range *last;

	if (s->nframes > 0) {
		last = &s->frames[s->nframes - 1];
		if (last->pfn + last->count == pfn) {
			last->count += count;
			return;
		}
	}
	if (s->nframes == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->frames = xreallocarray(s->frames, s->cap, sizeof *s->frames);
	}
	s->frames[s->nframes].pfn = pfn;
	s->frames[s->nframes++].count = count;
}

/* The block (head and order) holding pfn, as the buddy allocator sees it. */
static void
sel_block(const struct machine *m, uint64_t pfn, uint64_t *head,
    uint64_t *count)
{
	struct frame_state f;
	uint64_t	   h;
	unsigned	   k;

	for (k = 0; k <= MAX_PAGE_ORDER; k++) {
		h = pfn & ~((1ull << k) - 1);
		f = frame_state(m, NULL, h);
		if (f.head && h + (1ull << f.order) > pfn) {
			*head = h;
			*count = 1ull << f.order;
			return;
		}
	}
	*head = pfn;
	*count = 1;
}

void
ui_select(struct ui *ui, enum sel_kind kind, uint64_t pfn, uint64_t addr,
    uint64_t len)
{
	const struct machine *m = ui_machine(ui);
	struct selection     *s = &ui->sel;
	uint64_t	      va, p, head, count, end;

	s->kind = kind;
	s->pfn = pfn;
	s->addr = addr;
	s->len = len;
	s->nframes = 0;
	if (kind == SEL_FRAME && pfn < phys_nframes(m)) {
		sel_block(m, pfn, &head, &count);
		sel_add_frames(s, head, count);
		return;
	}
	if (kind == SEL_NONE || len == 0)
		return;
	end = addr + len;
	va = addr & ~(PAGE_SIZE - 1);
	for (p = 0; va < end && p < SEL_MAX_PAGES; va += PAGE_SIZE, p++) {
		if (machine_virt_to_pfn(m, va, &pfn) == 0)
			sel_add_frames(s, pfn, 1);
	}
}

int
sel_has_pfn(const struct selection *s, uint64_t pfn)
{
	size_t i;

	for (i = 0; i < s->nframes; i++) {
		if (pfn >= s->frames[i].pfn &&
		    pfn < s->frames[i].pfn + s->frames[i].count)
			return 1;
	}
	return 0;
}

/*
 * A virtual range is highlighted when it overlaps the selected range, or,
 * for a selected frame, when one of its pages lives on that frame.
 */
int
sel_hits(const struct ui *ui, uint64_t addr, uint64_t len)
{
	const struct selection *s = &ui->sel;
	uint64_t		va, pfn, n;

	if (s->kind == SEL_NONE || len == 0)
		return 0;
	if (s->kind != SEL_FRAME)
		return s->len > 0 && addr < s->addr + s->len &&
		    s->addr < addr + len;
	va = addr & ~(PAGE_SIZE - 1);
	for (n = 0; va < addr + len && n < 1024; va += PAGE_SIZE, n++) {
		if (machine_virt_to_pfn(ui_machine(ui), va, &pfn) == 0 &&
		    sel_has_pfn(s, pfn))
			return 1;
	}
	return 0;
}

void
ui_narrate(struct ui *ui, int role, const char *fmt, ...)
{
	char	buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sbuf_reset(&ui->narration);
	sbuf_puts(&ui->narration, buf);
	ui->narration_role = role;
}

/* A panel that only shows: keys and clicks pass it by, as the detail
 * panel's two faces (view-map.c, view-bytes.c) do. */
int
view_passive_key(struct view *v, struct ui *ui, int key)
{
	(void)v;
	(void)ui;
	(void)key;
	return 0;
}

int
view_passive_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	(void)v;
	(void)ui;
	(void)x;
	(void)y;
	(void)button;
	return 0;
}

void
view_passive_resize(struct view *v, const struct rect *r)
{
	v->r = *r;
}
