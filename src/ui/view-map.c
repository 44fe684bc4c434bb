/*
 * view-map.c - the detail panel's mapping picture: the virtual pages of
 * one range in a row, each linked by its label to where its frame lies
 * in a compressed line of physical memory (pagemap.h lays it out).
 *
 * The range is the selection (the result of the last allocation is
 * selected, so it is usually that), else the latest allocation still
 * live, else the newest vmalloc area.  A vmalloc area shows its guard
 * page and frames from anywhere; a kmalloc object (the direct map: the
 * virtual address is the physical one plus PAGE_OFFSET) shows one run
 * over one run, bracketed; a user range shows each page backed by a
 * frame, by the shared zero page, or by nothing yet (mm/memory.c
 * do_anonymous_page()).  While a vmalloc or a fault is animated, pages
 * whose PTE is not set yet have no frame, so the marks arrive one by one.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "ui/pagemap.h"
#include "common/xmalloc.h"
#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/user/process.h"
#include "sim/kernel/slab.h"
#include "sim/kernel/vmalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A user range is drawn page by page up to this many pages. */
#define MAP_MAX_PAGES 65536
/* Columns between the border and the picture. */
#define MAP_MARGIN 1

enum map_kind {
	MAP_VMALLOC,
	MAP_DIRECT,
	MAP_USER
};

static const char *const map_kind_names[] = { [MAP_VMALLOC] = "vmalloc",
	[MAP_DIRECT] = "direct map",
	[MAP_USER] = "user" };

/* The range drawn, with its pages' backing. */
struct map_src {
	enum map_kind	     kind;
	uint64_t	     addr, len;
	struct pagemap_page *pages;
	size_t		     npages;
	int		     guard;
};

static enum map_kind
map_kind_of(const struct machine *m, uint64_t addr)
{
	if (addr >= vmalloc_start(m) && addr < vmalloc_end(m))
		return MAP_VMALLOC;
	return addr < PROCESS_TASK_SIZE ? MAP_USER : MAP_DIRECT;
}

/* The live vmalloc area holding addr: its index, or -1. */
static int
map_area(const struct machine *m, uint64_t addr, struct vmalloc_area_info *ai)
{
	size_t i, n = vmalloc_area_count(m);

	for (i = 0; i < n; i++)
		if (vmalloc_area_info(m, i, ai) == 0 && !ai->lazy &&
		    addr >= ai->addr && addr < ai->addr + ai->size)
			return (int)i;
	return -1;
}

/* The backing of the page at va, as the animation has got so far. */
static void
map_page(const struct ui *ui, enum map_kind kind, uint64_t va,
    struct pagemap_page *pg)
{
	const struct machine   *m = ui_machine(ui);
	enum process_page_state ps;

	pg->state = PMS_NONE;
	if (ui_va_pending(ui, va))
		return;
	if (kind != MAP_USER) {
		if (machine_virt_to_pfn(m, va, &pg->pfn) == 0)
			pg->state = PMS_FRAME;
		return;
	}
	ps = process_page(m, va, &pg->pfn);
	pg->state = ps == PPAGE_FRAME ? PMS_FRAME :
	    ps == PPAGE_ZERO	      ? PMS_ZERO :
					PMS_NONE;
}

/* Fills src for the range [addr, addr + len); -1 when nothing is there. */
static int
map_build(const struct ui *ui, uint64_t addr, uint64_t len, struct map_src *src)
{
	const struct machine	*m = ui_machine(ui);
	struct vmalloc_area_info ai;
	uint64_t		 first, end, i;

	memset(src, 0, sizeof *src);
	src->kind = map_kind_of(m, addr);
	if (src->kind == MAP_VMALLOC) {
		if (map_area(m, addr, &ai) < 0 || ai.nr_pages == 0)
			return -1;
		addr = ai.addr;
		len = ai.nr_pages * PAGE_SIZE;
		src->guard = 1;
	}
	if (src->kind == MAP_USER && process_vma_find(m, addr) < 0)
		return -1;
	first = addr & ~(PAGE_SIZE - 1);
	end = (addr + (len > 0 ? len : 1) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	src->npages = (size_t)((end - first) / PAGE_SIZE);
	if (src->npages > MAP_MAX_PAGES)
		src->npages = MAP_MAX_PAGES;
	src->addr = addr;
	src->len = len;
	src->pages = xcalloc(src->npages, sizeof *src->pages);
	for (i = 0; i < src->npages; i++)
		map_page(ui, src->kind, first + i * PAGE_SIZE, &src->pages[i]);
	if (src->kind == MAP_DIRECT && src->pages[0].state != PMS_FRAME) {
		free(src->pages);
		return -1;
	}
	return 0;
}

/* The newest live vmalloc area (areas are kept in address order). */
static int
map_newest_area(const struct machine *m, uint64_t *addr, uint64_t *len)
{
	struct vmalloc_area_info ai;
	size_t			 i = vmalloc_area_count(m);

	while (i-- > 0)
		if (vmalloc_area_info(m, i, &ai) == 0 && !ai.lazy &&
		    ai.nr_pages > 0) {
			*addr = ai.addr;
			*len = ai.nr_pages * PAGE_SIZE;
			return 0;
		}
	return -1;
}

/* A kmalloc object is drawn only while it is allocated. */
static int
map_live(const struct ui *ui, uint64_t addr)
{
	const struct machine *m = ui_machine(ui);
	struct slab_obj_info  oi;
	size_t		      ci, si;
	uint32_t	      obj;

	if (map_kind_of(m, addr) != MAP_DIRECT ||
	    slab_find(m, addr, &ci, &si, &obj) != 0)
		return 1;
	return slab_obj_info(m, ci, si, obj, &oi) == 0 &&
	    (oi.state == SLAB_OBJ_USED || oi.state == SLAB_OBJ_ZEROED);
}

/* The selection, the latest allocation, the newest area: the first there. */
static int
map_choose(const struct ui *ui, struct map_src *src)
{
	const struct touch *t = &ui->touch;
	uint64_t	    addr, len;

	if (ui->sel.kind != SEL_NONE && ui->sel.addr != 0 && ui->sel.len > 0 &&
	    map_live(ui, ui->sel.addr) &&
	    map_build(ui, ui->sel.addr, ui->sel.len, src) == 0)
		return 0;
	if (t->alloc_len > 0 && map_live(ui, t->alloc_addr) &&
	    map_build(ui, t->alloc_addr, t->alloc_len, src) == 0)
		return 0;
	if (map_newest_area(ui_machine(ui), &addr, &len) == 0)
		return map_build(ui, addr, len, src);
	return -1;
}

/* The name a range is bound to in the script, or "". */
static const char *
map_name(const struct ui *ui, uint64_t addr)
{
	const struct script_binding *b;
	size_t			     i, n = script_interp_nbindings(ui->ip);

	for (i = n; i-- > 0;) {
		b = script_interp_binding(ui->ip, i);
		if (b->live && b->addr == addr)
			return b->name;
	}
	return "";
}

static void
map_title(const struct ui *ui, const struct map_src *src, char *buf, size_t len)
{
	uint64_t bytes = src->len;

	snprintf(buf, len, "%s %s  %" PRIx64 " +%" PRIu64 "%s%s",
	    map_kind_names[src->kind], map_name(ui, src->addr), src->addr,
	    bytes >= 1024 && bytes % 1024 == 0 ? bytes >> 10 : bytes,
	    bytes >= 1024 && bytes % 1024 == 0 ? "K" : "",
	    src->kind == MAP_DIRECT ? "  virtual = physical + PAGE_OFFSET" :
		src->kind == MAP_VMALLOC ? "  virtually contiguous" :
					   "");
}

/*
 * A page and its frame share a look: light backgrounds in turn (black
 * digits stay legible on them, as they do not on blue or red), so
 * neighbouring labels differ and the eye finds a label's twin.
 */
static attr_t
map_label_attr(size_t group)
{
	static const enum colour_role cycle[] = { CR_TEXT, CR_NARRATION,
		CR_FREE_MID };

	return colour_attr(cycle[group % (sizeof cycle / sizeof cycle[0])]) |
	    A_REVERSE | A_BOLD;
}

static attr_t
map_item_attr(const struct pagemap_item *it)
{
	switch (it->kind) {
	case PMI_VPAGE:
		if (it->state == PMS_NONE)
			return colour_attr(CR_DIM);
		if (it->state == PMS_ZERO)
			return colour_attr(CR_ZEROED);
		return map_label_attr(it->group);
	case PMI_FRAME:
		return map_label_attr(it->group);
	case PMI_ZERO:
		return colour_attr(CR_ZEROED);
	case PMI_BRACKET:
		return colour_attr(CR_TITLE);
	case PMI_GUARD:
		return colour_attr(CR_DIM);
	default:
		return colour_attr(CR_TEXT);
	}
}

static void
map_draw_items(struct view *v, const struct ui *ui, const struct pagemap *pm)
{
	const struct pagemap_item *it;
	int			   x, y;
	size_t			   i;

	for (y = pm->sy; y < pm->sy + pm->sh; y++)
		for (x = pm->sx; x < pm->sx + pm->sw; x++)
			view_puts(v, y, x + MAP_MARGIN, 1, ui_glyph(ui, G_FREE),
			    colour_attr(CR_DIM));
	for (i = 0; i < pm->n; i++) {
		it = &pm->items[i];
		view_puts(v, it->y, it->x + MAP_MARGIN, it->w,
		    it->kind == PMI_GUARD ? ui_glyph(ui, G_GUARD) : it->text,
		    map_item_attr(it));
	}
}

/*
 * Frames that lie in an eighth of RAM or less (a heap's first pages,
 * often a few runs near the start) would crowd a few strip cells and
 * push each other into what looks like one run: the strip then stands
 * for just their stretch of RAM, with a margin, and the summary says so.
 */
static void
map_zoom(const struct map_src *src, struct pagemap_in *in)
{
	uint64_t lo = UINT64_MAX, hi = 0, span, window;
	size_t	 i;
	int	 ascending = 1;

	for (i = 0; i < src->npages; i++) {
		if (src->pages[i].state == PMS_NONE)
			continue; /* the zero page counts: it is drawn too */
		lo = src->pages[i].pfn < lo ? src->pages[i].pfn : lo;
		hi = src->pages[i].pfn > hi ? src->pages[i].pfn : hi;
		ascending &= src->pages[i].state == PMS_FRAME &&
		    src->pages[i].pfn == src->pages[0].pfn + i;
	}
	if (lo > hi)
		return;
	span = hi - lo + 1;
	/* One ascending run already reads as one word ("0123"). */
	if (span * 8 > in->nframes || ascending)
		return;
	/* A quarter more than the span, and at least 64 frames, so that
	 * neighbours land in neighbouring cells ("3210" for frames handed
	 * out in reverse order), not spread across the strip. */
	window = span + span / 4 < 64 ? 64 : span + span / 4;
	if (window > in->nframes)
		return;
	in->ram = in->nframes;
	/* A quarter of the room before them: a strip of two rows breaks
	 * at its middle, which would split a small cluster. */
	in->first = lo > (window - span) / 4 ? lo - (window - span) / 4 : 0;
	if (in->first + window > in->ram)
		in->first = in->ram - window;
	in->nframes = window;
}

static void
map_draw(struct view *v, const struct ui *ui)
{
	struct pagemap_in in;
	struct pagemap	  pm;
	struct map_src	  src;
	char		  title[160];

	if (map_choose(ui, &src) != 0) {
		view_box(v, ui, "mapping");
		view_puts(v, 0, 1, view_inner_w(v) - 1,
		    "No mapping to draw.  A vmalloc, kmalloc or malloc "
		    "draws its virtual pages here, each over its frame.",
		    colour_attr(CR_DIM));
		wnoutrefresh(v->win);
		return;
	}
	map_title(ui, &src, title, sizeof title);
	view_box(v, ui, title);
	memset(&in, 0, sizeof in);
	in.w = view_inner_w(v) - MAP_MARGIN;
	in.h = view_inner_h(v);
	in.nframes = phys_nframes(ui_machine(ui));
	map_zoom(&src, &in);
	in.pages = src.pages;
	in.npages = src.npages;
	in.guard = src.guard;
	in.run = src.kind == MAP_DIRECT;
	if (pagemap_compute(&in, &pm) == 0)
		map_draw_items(v, ui, &pm);
	pagemap_free(&pm);
	free(src.pages);
	wnoutrefresh(v->win);
}

const struct view_ops view_map_ops = { "map", map_draw, view_passive_key,
	view_passive_mouse, view_passive_resize };
