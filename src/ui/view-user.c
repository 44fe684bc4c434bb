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
#define USER_HEAP_MAX	(64ull << 20) /* arena.c HEAP_MAX_SIZE */

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
	int		      threads; /* name the thread of a tcache */
	size_t		      inuse, free;
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

static attr_t
user_chunk_attr(enum umalloc_chunk_state st)
{
	return colour_attr(st == UCHUNK_INUSE		   ? CR_TEXT :
		st == UCHUNK_TOP || st == UCHUNK_FENCEPOST ? CR_DIM :
							     CR_FREE_MID);
}

static int
user_chunk(const struct umalloc_chunk *c, void *arg)
{
	struct user_walk *w = arg;
	struct vline	 *ln;
	char		  who[16] = "";

	if (w->n++ >= USER_MAX_CHUNKS)
		return 1;
	/* whose tcache: each thread has its own (malloc.c tcache) */
	if (w->threads && c->thread >= 0)
		snprintf(who, sizeof who, " t%d", c->thread);
	ln = vlist_add(w->l, SEL_CHUNK, c->mem,
	    c->size > 16 ? c->size - 8 : c->size,
	    "  %" PRIx64 " %6" PRIx64 " %s%s%s", c->addr, c->size,
	    umalloc_chunk_state_name(c->state), who,
	    (c->flags & 0x4) ? "  A" : "");
	ln->attr = user_chunk_attr(c->state);
	if (changes_va(w->changes, c->addr, c->size))
		ln->attr = view_changed_attr();
	if (w->ask)
		user_chunk_answer(ln, c);
	return 0;
}

/* Counts instead of listing: an arena whose chunks are not shown. */
static int
user_chunk_count(const struct umalloc_chunk *c, void *arg)
{
	struct user_walk *w = arg;

	if (c->state == UCHUNK_INUSE)
		w->inuse++;
	else if (c->state != UCHUNK_TOP && c->state != UCHUNK_FENCEPOST &&
	    c->state != UCHUNK_TCACHE_STRUCT)
		w->free++;
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

/* The arena's number: main_arena 0, the others as umalloc_heap_at()
 * numbers them (the malloc_state lives in the arena's first heap). */
static int
user_arena_number(const struct machine *m, uint64_t ar)
{
	struct umalloc_heap_view h;

	if (ar == umalloc_main_arena(m))
		return 0;
	return umalloc_heap_at(m, ar & ~(USER_HEAP_MAX - 1), &h) == 0 ?
	    (int)h.number :
	    -1;
}

/* Arena n's chunks are listed (v->arena: 0 the running thread's
 * arena, and one whose heap [lo, hi) the last step changed or the
 * selection lies in; k arena k - 1; past the last arena all of them). */
static int
user_arena_shown(const struct view *v, const struct ui *ui, int n, uint64_t lo,
    uint64_t hi)
{
	const struct machine *m = ui_machine(ui);
	int		      count = (int)umalloc_arena_count(m);

	if (umalloc_thread_count(m) == 1 || v->arena > count)
		return 1;
	if (v->arena == 0)
		return n ==
		    user_arena_number(m,
			umalloc_arena_of_thread(m,
			    umalloc_current_thread(m))) ||
		    changes_va(&ui->changes, lo, hi - lo) ||
		    (ui->sel.kind != SEL_NONE && sel_hits(ui, lo, hi - lo));
	return n == v->arena - 1;
}

/* The arena's line: its number, its threads, what follows; the
 * running thread's arena marked. */
static void
user_arena_line(const struct machine *m, struct vlist *l, uint64_t ar,
    const char *what)
{
	char	      thr[24], name[24] = "main_arena", run[24] = "";
	unsigned      t = umalloc_current_thread(m);
	int	      n = user_arena_number(m, ar);
	struct vline *ln;

	user_threads(umalloc_arena_threads(m, ar), thr, sizeof thr);
	if (n > 0)
		snprintf(name, sizeof name, "arena %d", n);
	if (umalloc_arena_of_thread(m, t) == ar)
		snprintf(run, sizeof run, "  <- t%u runs", t);
	ln = vlist_add(l, SEL_NONE, 0, 0, "%s%s %s%s%s",
	    run[0] != '\0' ? "> " : "  ", name, thr, what, run);
	ln->attr = colour_attr(run[0] != '\0' ? CR_TITLE : CR_NARRATION);
	ln->head = 1;
}

/* An arena whose chunks are hidden: how many, and the key that shows
 * them. */
static void
user_arena_summary(struct user_walk *w)
{
	vlist_add(w->l, SEL_NONE, 0, 0, "  %zu in use, %zu free (a: list them)",
	    w->inuse, w->free)
	    ->attr = colour_attr(CR_DIM);
}

/* main_arena's heap: the brk area (malloc.c sysmalloc(), sbrk). */
static void
user_main_heap(const struct view *v, const struct ui *ui,
    const struct process_vma_info *vi, struct user_walk *w)
{
	const struct machine *m = ui_machine(ui);

	if (w->threads)
		user_arena_line(m, w->l, umalloc_main_arena(m), "  brk heap");
	vlist_add(w->l, SEL_NONE, 0, 0, "  brk %" PRIx64, process_brk(m))
	    ->attr = colour_attr(CR_NARRATION);
	if (user_arena_shown(v, ui, 0, vi->start, vi->end)) {
		umalloc_walk(m, user_chunk, w);
		return;
	}
	umalloc_walk(m, user_chunk_count, w);
	user_arena_summary(w);
}

/* The heap's place among its arena's: 1 for the first (prev 0). */
static unsigned
user_heap_index(const struct machine *m, const struct umalloc_heap_layout *lay)
{
	struct umalloc_heap_layout p = *lay;
	unsigned		   i = 1;

	while (p.prev != 0 && i < 64 && umalloc_heap_layout(m, p.prev, &p) == 0)
		i++;
	return i;
}

/* What the heap holds before its chunks (arena.c heap_info, and the
 * malloc_state in an arena's first heap: _int_new_arena()). */
static void
user_heap_header(struct vlist *l, uint64_t heap,
    const struct umalloc_heap_view *h, const struct umalloc_heap_layout *lay)
{
	vlist_add(l, SEL_NONE, 0, 0,
	    "  %" PRIx64 " %6" PRIx64 " heap_info  size %" PRIx64
	    " mprotect_size %" PRIx64 " prev %" PRIx64,
	    heap, (lay->state != 0 ? lay->state : lay->first) - heap, h->size,
	    h->mprotect_size, lay->prev)
	    ->attr = colour_attr(CR_DIM);
	if (lay->state != 0)
		vlist_add(l, SEL_NONE, 0, 0,
		    "  %" PRIx64 " %6" PRIx64
		    " malloc_state  system_mem %" PRIx64,
		    lay->state, lay->first - lay->state, h->system_mem)
		    ->attr = colour_attr(CR_DIM);
}

/* A thread arena's heap, its read-write part (arena.c new_heap()):
 * the arena's line, the header, the chunks with NON_MAIN_ARENA (A). */
static void
user_thread_heap(const struct view *v, const struct ui *ui, uint64_t heap,
    const struct umalloc_heap_view *h, struct user_walk *w)
{
	const struct machine	  *m = ui_machine(ui);
	struct umalloc_heap_layout lay;
	char			   what[64];

	if (umalloc_heap_layout(m, heap, &lay) != 0)
		return;
	snprintf(what, sizeof what,
	    "  heap %u: %" PRIu64 "K of 64M rw, top %" PRIu64 "K",
	    user_heap_index(m, &lay), h->size >> 10, h->top_size >> 10);
	user_arena_line(m, w->l, h->arena, what);
	if (!user_arena_shown(v, ui, (int)h->number, heap, heap + h->size)) {
		umalloc_walk_heap(m, heap, user_chunk_count, w);
		user_arena_summary(w);
		return;
	}
	user_heap_header(w->l, heap, h, &lay);
	umalloc_walk_heap(m, heap, user_chunk, w);
}

/* The VMA's line: a thread arena's heap is named, its PROT_NONE
 * reserve (what grow_heap() will mprotect) said as such. */
static struct vline *
user_vma_line(const struct machine *m, const struct process_vma_info *vi,
    struct vlist *l, const char *name)
{
	struct umalloc_heap_view h;
	uint64_t		 heap = vi->start & ~(USER_HEAP_MAX - 1);
	uint64_t		 kb = (vi->end - vi->start) >> 10;

	if (vi->kind != PVMA_ANON || umalloc_heap_at(m, heap, &h) != 0)
		return vlist_add(l, SEL_VMA, vi->start, vi->end - vi->start,
		    "%" PRIx64 " %s %.20s %" PRIu64 "K ", vi->start, vi->perms,
		    name, kb);
	if (vi->start == heap)
		return vlist_add(l, SEL_VMA, vi->start, vi->end - vi->start,
		    "%" PRIx64 " %s arena %u heap %" PRIu64 "K ", vi->start,
		    vi->perms, h.number, kb);
	return vlist_add(l, SEL_VMA, vi->start, vi->end - vi->start,
	    "%" PRIx64 " %s arena %u heap %" PRIu64 "K %s", vi->start,
	    vi->perms, h.number, kb,
	    vi->perms[0] == '-' ? "PROT_NONE, mprotect'd as it grows" : "");
}

static void
user_vma(const struct view *v, const struct ui *ui,
    const struct process_vma_info *vi, struct vlist *l)
{
	const struct machine *m = ui_machine(ui);
	struct vline	     *ln;
	struct user_walk w = { l, 0, guess_rows_on(ui, LV_USER), &ui->changes,
		umalloc_thread_count(m) > 1, 0, 0 };
	const char	*name = vi->name[0] != '\0' ? vi->name : "[anon]";
	struct umalloc_heap_view h;

	if (strrchr(name, '/') != NULL)
		name = strrchr(name, '/') + 1;
	ln = user_vma_line(m, vi, l, name);
	ln->attr = colour_attr(vi->kind == PVMA_FILE || vi->perms[0] == '-' ?
		CR_DIM :
		CR_TEXT);
	if ((vi->kind == PVMA_ANON || vi->kind == PVMA_HEAP ||
		vi->kind == PVMA_STACK) &&
	    vi->perms[0] != '-')
		ln->strip = USER_STRIP;
	if (vi->kind == PVMA_HEAP)
		user_main_heap(v, ui, vi, &w);
	else if (vi->kind == PVMA_ANON &&
	    umalloc_heap_at(m, vi->start, &h) == 0)
		user_thread_heap(v, ui, vi->start, &h, &w);
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
user_build(const struct view *v, const struct ui *ui, struct vlist *l)
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
		user_vma(v, ui, &vi, l);
		below = vi.start;
	}
	if (ask)
		user_new_lines(l);
}

/* The title says whose chunks are listed once there are threads. */
static void
user_title(const struct view *v, const struct machine *m, char *buf, size_t len)
{
	int n = snprintf(buf, len, "user process  rss %" PRIu64 " pages",
	    process_rss(m));
	int count = (int)umalloc_arena_count(m);

	if (n < 0 || (size_t)n >= len || umalloc_thread_count(m) == 1)
		return;
	if (v->arena == 0)
		snprintf(buf + n, len - (size_t)n, "  chunks: t%u's arena [a]",
		    umalloc_current_thread(m));
	else if (v->arena > count)
		snprintf(buf + n, len - (size_t)n, "  chunks: all arenas [a]");
	else if (v->arena == 1)
		snprintf(buf + n, len - (size_t)n, "  chunks: main_arena [a]");
	else
		snprintf(buf + n, len - (size_t)n, "  chunks: arena %d [a]",
		    v->arena - 1);
}

static void
user_draw(struct view *v, const struct ui *ui)
{
	struct vlist l = { 0 };
	char	     title[96];

	user_build(v, ui, &l);
	user_title(v, ui_machine(ui), title, sizeof title);
	vlist_draw(v, ui, &l, title);
	vlist_free(&l);
}

/* a: the running thread's arena, then each arena, then all of them. */
static int
user_key(struct view *v, struct ui *ui, int key)
{
	struct vlist l = { 0 };
	int	     r;

	if (key == 'a') {
		if (umalloc_thread_count(ui_machine(ui)) == 1)
			return 0;
		v->arena = (v->arena + 1) %
		    ((int)umalloc_arena_count(ui_machine(ui)) + 2);
		return VIEW_DIRTY;
	}
	user_build(v, ui, &l);
	r = vlist_key(v, ui, &l, key);
	vlist_free(&l);
	return r;
}

static int
user_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	struct vlist l = { 0 };
	int	     r;

	user_build(v, ui, &l);
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

	user_build(v, ui, &l);
	r = vlist_guess(v, &l, g);
	vlist_free(&l);
	return r;
}

const struct view_ops view_user_ops = { "user", user_draw, user_key, user_mouse,
	user_resize };
