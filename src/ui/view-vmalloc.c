/*
 * view-vmalloc.c - the vmalloc range: each area as its run of virtually
 * contiguous pages followed by its guard page (mm/vmalloc.c
 * __get_vm_area_node adds one unless VM_NO_GUARD).
 *
 * Pages are drawn in the colour the area's frames have in the RAM grid.
 * While a vmalloc is animated, pages whose PTE is not set yet are drawn
 * as empty, so the frames appear one by one.  The selected area lists
 * the pfns of its scattered frames under its line.
 *
 * A predict question about a vmalloc is answered here: the free holes
 * between the areas (and the rest of the range after the last) are
 * listed in address order and are the answers, as are lazily freed
 * areas, whose range a purge gives back (mm/vmalloc.c alloc_vmap_area()
 * takes the lowest free range that fits, purging when none does).
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "sim/machine.h"
#include "sim/page/frame-state.h"
#include "sim/kernel/vmalloc.h"

#include <inttypes.h>
#include <stdio.h>

#define VM_STRIP 1

static void
vm_strip(struct view *v, const struct ui *ui, const struct vline *ln, int y,
    int x)
{
	const struct machine *m = ui_machine(ui);
	uint64_t	      pg, pfn;
	int		      w = view_inner_w(v);
	attr_t		      a;

	for (pg = 0; pg < ln->s2 && x < w - 1; pg++, x++) {
		if (vmalloc_area_pfn(m, ln->s1, pg, &pfn) != 0 ||
		    ui_va_pending(ui, ln->addr + pg * PAGE_SIZE)) {
			view_puts(v, y, x, 1, ui_glyph(ui, G_FREE),
			    colour_attr(CR_DIM));
			continue;
		}
		a = colour_area_attr(frame_state(m, NULL, pfn).area);
		if (changes_va(&ui->changes, ln->addr + pg * PAGE_SIZE, 1))
			a = view_changed_attr();
		if (sel_has_pfn(&ui->sel, pfn))
			a = colour_bar_attr(CR_SELECT);
		if (ui_va_anim(ui, ln->addr + pg * PAGE_SIZE, 1))
			a = colour_bar_attr(CR_ANIM);
		view_puts(v, y, x, 1, ui_glyph(ui, G_BAR), a);
	}
	if (pg < ln->s2)
		view_puts(v, y, x++, 1, ui_glyph(ui, G_ELLIPSIS),
		    colour_attr(CR_DIM));
	view_puts(v, y, x, 1, ui_glyph(ui, G_GUARD), colour_attr(CR_DIM));
}

/* The pfns of the selected area, as many as fit two lines. */
static void
vm_pfn_lines(const struct ui *ui, size_t i, uint64_t pages, struct vlist *l)
{
	const struct machine *m = ui_machine(ui);
	char		      buf[320];
	uint64_t	      pg, pfn;
	int		      len = 0;

	len = snprintf(buf, sizeof buf, "   pfns:");
	for (pg = 0; pg < pages && len < (int)sizeof buf - 12; pg++) {
		if (vmalloc_area_pfn(m, i, pg, &pfn) == 0)
			len += snprintf(buf + len, sizeof buf - len,
			    " %" PRIx64, pfn);
	}
	vlist_add(l, SEL_NONE, 0, 0, "%.150s", buf)->attr = colour_attr(CR_DIM);
	if (len > 150)
		vlist_add(l, SEL_NONE, 0, 0, "   %.150s", buf + 150)
		    ->attr = colour_attr(CR_DIM);
}

/* "12K", "3M", "32T": a hole's size, rounded to its largest unit. */
static void
vm_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGTP";
	size_t		  u = 0;

	bytes >>= 10;
	while (u + 2 < sizeof units && bytes >= 1024) {
		bytes = (bytes + 512) >> 10;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 "%c", bytes, units[u]);
}

/* A question's answer: the free range [lo, hi) before an area or after all. */
static void
vm_hole(struct vlist *l, uint64_t lo, uint64_t hi, int last)
{
	struct vline *ln;
	char	      sz[24];

	if (hi <= lo)
		return;
	vm_size(hi - lo, sz, sizeof sz);
	ln = vlist_add(l, SEL_NONE, 0, 0, "  hole %" PRIx64 " %s%s", lo, sz,
	    last ? " (the rest)" : "");
	if (last)
		vlist_answer(ln, PW_VIRT, lo, hi, EV_VMAP_AREA,
		    "after the last area, at %#" PRIx64, lo);
	else
		vlist_answer(ln, PW_VIRT, lo, hi, EV_VMAP_AREA,
		    "the %s hole at %#" PRIx64, sz, lo);
}

static void
vm_build(const struct ui *ui, struct vlist *l)
{
	const struct machine	*m = ui_machine(ui);
	struct vmalloc_area_info ai;
	struct vline		*ln;
	size_t			 i, n = vmalloc_area_count(m);
	int			 ask = guess_rows_on(ui, LV_VMALLOC);
	uint64_t		 end = vmalloc_start(m);

	l->strip = vm_strip;
	for (i = 0; i < n; i++) {
		if (vmalloc_area_info(m, i, &ai) != 0)
			continue;
		if (ask)
			vm_hole(l, end, ai.addr, 0);
		end = ai.addr + ai.size;
		ln = vlist_add(l, SEL_VAREA, ai.addr, ai.size - PAGE_SIZE,
		    "%" PRIx64 " %4" PRIu64 "K%s ", ai.addr, ai.size >> 10,
		    ai.lazy ? " lazy" : "");
		ln->attr = colour_attr(ai.lazy ? CR_DIM : CR_TEXT);
		ln->strip = VM_STRIP;
		ln->s1 = i;
		ln->s2 = ai.nr_pages;
		if (ask && ai.lazy)
			vlist_answer(ln, PW_VIRT, ai.addr, end, EV_VMAP_AREA,
			    "the lazily freed area at %#" PRIx64, ai.addr);
		if (ui->sel.kind == SEL_VAREA && ui->sel.addr == ai.addr)
			vm_pfn_lines(ui, i, ai.nr_pages, l);
	}
	if (ask)
		vm_hole(l, end, vmalloc_end(m), 1);
}

int
view_vmalloc_guess(struct view *v, const struct ui *ui, struct predict_guess *g)
{
	struct vlist l = { 0 };
	int	     r;

	vm_build(ui, &l);
	r = vlist_guess(v, &l, g);
	vlist_free(&l);
	return r;
}

static void
vm_draw(struct view *v, const struct ui *ui)
{
	struct vlist l = { 0 };
	char	     title[96];

	vm_build(ui, &l);
	snprintf(title, sizeof title,
	    "vmalloc  %zu areas, lazy %" PRIu64 "/%" PRIu64 " pages",
	    vmalloc_area_count(ui_machine(ui)),
	    vmalloc_lazy_pages(ui_machine(ui)),
	    vmalloc_lazy_max_pages(ui_machine(ui)));
	vlist_draw(v, ui, &l, title);
	vlist_free(&l);
}

static int
vm_key(struct view *v, struct ui *ui, int key)
{
	struct vlist l = { 0 };
	int	     r;

	vm_build(ui, &l);
	r = vlist_key(v, ui, &l, key);
	vlist_free(&l);
	return r;
}

static int
vm_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	struct vlist l = { 0 };
	int	     r;

	vm_build(ui, &l);
	r = vlist_mouse(v, ui, &l, x, y, button);
	vlist_free(&l);
	return r;
}

static void
vm_resize(struct view *v, const struct rect *r)
{
	v->r = *r;
}

const struct view_ops view_vmalloc_ops = { "vmalloc", vm_draw, vm_key, vm_mouse,
	vm_resize };
