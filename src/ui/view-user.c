/*
 * view-user.c - the user process's address space, top to bottom as
 * /proc/PID/maps reads it upside down: stack, mmap regions and
 * libraries, the gap, the heap up to brk with its malloc chunks in
 * address order, data and text.
 *
 * Each anonymous region has a strip of its pages: a private frame, the
 * shared zero page (read, never written), or not touched (no frame:
 * demand paging).  The heap strip shows where brk is; chunk lines show
 * glibc's view of each chunk (in use, tcache, fastbin, bins, top).
 *
 * A predict question about a malloc, calloc or realloc is answered
 * here: each chunk is an answer (the pointer returned lies in it: a
 * binned chunk reused, the top split, a realloc grown in place), and
 * two lines on top stand for what is not there yet: brk growing the
 * heap (malloc/malloc.c sysmalloc()) and a mapping of its own for a
 * request at or above the mmap threshold.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/user/process.h"
#include "sim/user/umalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define USER_STRIP	1
#define USER_MAX_CHUNKS 512

static void
user_strip(struct view *v, const struct ui *ui, const struct vline *ln, int y,
    int x)
{
	const struct machine   *m = ui_machine(ui);
	uint64_t		va, pfn, end = ln->addr + ln->len;
	int			w = view_inner_w(v);
	enum process_page_state st;
	attr_t			a;

	for (va = ln->addr; va < end && x < w; va += PAGE_SIZE, x++) {
		if (x == w - 1 && va + PAGE_SIZE < end) {
			view_puts(v, y, x, 1, ui_glyph(ui, G_ELLIPSIS),
			    colour_attr(CR_DIM));
			break;
		}
		st = process_page(m, va, &pfn);
		if (ui_va_pending(ui, va))
			st = PPAGE_NONE;
		a = colour_bar_attr(st == PPAGE_FRAME ? CR_ANON : CR_DIM);
		if (changes_va(&ui->changes, va, PAGE_SIZE))
			a = view_changed_attr();
		if (st == PPAGE_FRAME && sel_has_pfn(&ui->sel, pfn))
			a = colour_bar_attr(CR_SELECT);
		if (ui_va_anim(ui, va, PAGE_SIZE))
			a = colour_bar_attr(CR_ANIM);
		view_puts(v, y, x, 1,
		    st == PPAGE_FRAME	 ? ui_glyph(ui, G_BAR) :
			st == PPAGE_ZERO ? ui_glyph(ui, G_LIGHT) :
					   ".",
		    a);
	}
}

struct user_walk {
	struct vlist	     *l;
	size_t		      n;
	int		      ask;     /* a question is asked on this view */
	const struct changes *changes; /* the last step's, to mark */
};

/* A chunk as an answer: malloc's pointer lies in [addr, addr + size). */
static void
user_chunk_answer(struct vline *ln, const struct umalloc_chunk *c)
{
	uint64_t hi = c->addr + c->size;

	if (c->state == UCHUNK_TOP)
		vlist_answer(ln, PW_VIRT, c->addr, hi, EV_CHUNK,
		    "the top chunk at %#" PRIx64, c->addr);
	else if (c->state == UCHUNK_INUSE)
		vlist_answer(ln, PW_VIRT, c->addr, hi, EV_CHUNK,
		    "the chunk in use at %#" PRIx64, c->addr);
	else
		vlist_answer(ln, PW_VIRT, c->addr, hi, EV_CHUNK,
		    "the %s chunk at %#" PRIx64,
		    umalloc_chunk_state_name(c->state), c->addr);
}

static int
user_chunk(const struct umalloc_chunk *c, void *arg)
{
	struct user_walk *w = arg;
	struct vline	 *ln;

	if (w->n++ >= USER_MAX_CHUNKS)
		return 1;
	ln = vlist_add(w->l, SEL_CHUNK, c->mem,
	    c->size > 16 ? c->size - 8 : c->size,
	    "  %" PRIx64 " %6" PRIx64 " %s", c->addr, c->size,
	    umalloc_chunk_state_name(c->state));
	ln->attr = colour_attr(c->state == UCHUNK_INUSE ? CR_TEXT :
		c->state == UCHUNK_TOP			? CR_DIM :
							  CR_FREE_MID);
	if (changes_va(w->changes, c->addr, c->size))
		ln->attr = view_changed_attr();
	if (w->ask)
		user_chunk_answer(ln, c);
	return 0;
}

/* "t0,2,5": the threads in bits, as many as fit in len. */
static void
user_threads(uint64_t bits, char *buf, size_t len)
{
	size_t n = 0;
	int    t;

	buf[0] = '\0';
	for (t = 0; t < 64 && n + 4 < len; t++) {
		if (bits & (1ull << t))
			n += (size_t)snprintf(buf + n, len - n, "%s%d",
			    n == 0 ? "t" : ",", t);
	}
}

/* A thread arena's heap (arena.c heap_info): how much of the 64 MiB
 * reservation is read-write, its top, the threads on the arena. */
static void
user_arena_heap(const struct machine *m, const struct process_vma_info *vi,
    struct vlist *l)
{
	struct umalloc_heap_view h;
	char			 thr[24];

	if (vi->kind == PVMA_HEAP && umalloc_thread_count(m) > 1) {
		user_threads(umalloc_arena_threads(m, umalloc_main_arena(m)),
		    thr, sizeof thr);
		vlist_add(l, SEL_NONE, 0, 0, "  main_arena %s", thr)
		    ->attr = colour_attr(CR_NARRATION);
		return;
	}
	if (vi->kind != PVMA_ANON || umalloc_heap_at(m, vi->start, &h) != 0)
		return;
	user_threads(h.threads, thr, sizeof thr);
	vlist_add(l, SEL_NONE, 0, 0,
	    "  arena %u heap %" PRIu64 "K/64M top %" PRIu64 "K %s", h.number,
	    h.size >> 10, h.top_size >> 10, thr)
	    ->attr = colour_attr(CR_NARRATION);
}

static void
user_vma(const struct ui *ui, const struct process_vma_info *vi,
    struct vlist *l)
{
	struct vline	*ln;
	struct user_walk w = { l, 0, guess_rows_on(ui, LV_USER), &ui->changes };
	const char	*name = vi->name[0] != '\0' ? vi->name : "[anon]";

	if (strrchr(name, '/') != NULL)
		name = strrchr(name, '/') + 1;

	ln = vlist_add(l, SEL_VMA, vi->start, vi->end - vi->start,
	    "%" PRIx64 " %s %.20s %" PRIu64 "K ", vi->start, vi->perms, name,
	    (vi->end - vi->start) >> 10);
	ln->attr = colour_attr(vi->kind == PVMA_FILE ? CR_DIM : CR_TEXT);
	if (vi->kind == PVMA_ANON || vi->kind == PVMA_HEAP ||
	    vi->kind == PVMA_STACK)
		ln->strip = USER_STRIP;
	user_arena_heap(ui_machine(ui), vi, l);
	if (vi->kind == PVMA_HEAP) {
		vlist_add(l, SEL_NONE, 0, 0, "  brk %" PRIx64,
		    process_brk(ui_machine(ui)))
		    ->attr = colour_attr(CR_NARRATION);
		umalloc_walk(ui_machine(ui), user_chunk, &w);
	}
}

/* The answers that are not a chunk yet: more heap, or a mapping. */
static void
user_new_lines(struct vlist *l)
{
	vlist_answer(vlist_add(l, SEL_NONE, 0, 0, " + a new mmap region"),
	    PW_EVENT, 0, 0, EV_MMAP, "a new mmap region");
	vlist_answer(vlist_add(l, SEL_NONE, 0, 0, " + brk grows the heap"),
	    PW_EVENT, 0, 0, EV_BRK, "brk grows the heap");
}

static void
user_build(const struct ui *ui, struct vlist *l)
{
	const struct machine   *m = ui_machine(ui);
	struct process_vma_info vi;
	size_t			i = process_vma_count(m);
	uint64_t		below = 0, brk = process_brk(m);
	int			ask = guess_rows_on(ui, LV_USER);

	l->strip = user_strip;
	while (i-- > 0) {
		if (process_vma_get(m, i, &vi) != 0)
			continue;
		if (below != 0 && below - vi.end > (1ull << 30))
			vlist_add(l, SEL_NONE, 0, 0, "  ... gap %" PRIu64 "G",
			    (below - vi.end) >> 30)
			    ->attr = colour_attr(CR_DIM);
		/* Above the heap, or where it will be: the break. */
		if (ask && (vi.kind == PVMA_HEAP || vi.end <= brk)) {
			user_new_lines(l);
			ask = 0;
		}
		user_vma(ui, &vi, l);
		below = vi.start;
	}
	if (ask)
		user_new_lines(l);
}

static void
user_draw(struct view *v, const struct ui *ui)
{
	struct vlist l = { 0 };
	char	     title[96];

	user_build(ui, &l);
	snprintf(title, sizeof title, "user process  rss %" PRIu64 " pages",
	    process_rss(ui_machine(ui)));
	vlist_draw(v, ui, &l, title);
	vlist_free(&l);
}

static int
user_key(struct view *v, struct ui *ui, int key)
{
	struct vlist l = { 0 };
	int	     r;

	user_build(ui, &l);
	r = vlist_key(v, ui, &l, key);
	vlist_free(&l);
	return r;
}

static int
user_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	struct vlist l = { 0 };
	int	     r;

	user_build(ui, &l);
	r = vlist_mouse(v, ui, &l, x, y, button);
	vlist_free(&l);
	return r;
}

static void
user_resize(struct view *v, const struct rect *r)
{
	v->r = *r;
}

int
view_user_guess(struct view *v, const struct ui *ui, struct predict_guess *g)
{
	struct vlist l = { 0 };
	int	     r;

	user_build(ui, &l);
	r = vlist_guess(v, &l, g);
	vlist_free(&l);
	return r;
}

const struct view_ops view_user_ops = { "user", user_draw, user_key, user_mouse,
	user_resize };
