/*
 * view-bytes.c - the detail panel's bytes: what the last operation read,
 * wrote, zeroed or freed, in hex and as text, as hexdump -C prints it,
 * until the next operation (touch.h keeps it through sleeps, captions
 * and the pause that follow).
 *
 *     +0 53 45 43 52 45 54 2d 4b 45 59 2d 53 45 43 52 45 |SECRET-KEY-SECRE|
 *
 * Bytes of the range are bright, their neighbours in the same row dim;
 * a zero byte is drawn in the zeroed colour, so a kzalloc's memset reads
 * as a block of 00 at once.  The allocators' own fields are marked where
 * they live: SLUB's free pointer inside a free object (mm/slub.c
 * set_freepointer() at s->offset), and a malloc chunk's prev_size and
 * size words in front of the pointer malloc returns, with tcache's next
 * and key or a bin's fd and bk in a free chunk (glibc malloc/malloc.c,
 * struct malloc_chunk and tcache_entry).
 *
 * While the operation is animated, the bytes its events have not reached
 * yet are drawn as dots: a vzalloc clears its pages one by one (one row
 * a page when they do not all fit), so the zeroes sweep down the panel.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/user/process.h"
#include "sim/kernel/slab.h"
#include "sim/user/umalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Offset column: "+4096 ". */
#define BYTES_OFF_W 6

/* An allocator field inside the bytes shown. */
struct bytes_field {
	uint64_t    addr, len;
	const char *name;
};

struct bytes_ctx {
	const struct ui	   *ui;
	const struct touch *t;
	uint64_t	    base;   /* first byte of row 0 */
	uint64_t	    stride; /* bytes between rows */
	int		    bpr;    /* bytes per row */
	int		    offw;   /* the offset column, its blank included */
	struct bytes_field  f[4];
	size_t		    nf;
};

int
view_bytes_due(const struct ui *ui)
{
	return ui->touch.kind != TOUCH_NONE;
}

static void
bytes_add_field(struct bytes_ctx *c, uint64_t addr, uint64_t len,
    const char *name)
{
	if (c->nf < sizeof c->f / sizeof c->f[0]) {
		c->f[c->nf].addr = addr;
		c->f[c->nf].len = len;
		c->f[c->nf++].name = name;
	}
}

/* SLUB's free pointer, when the bytes are in a free object. */
static void
bytes_slab_fields(struct bytes_ctx *c, const struct machine *m)
{
	struct slab_cache_info ci;
	struct slab_obj_info   oi;
	size_t		       cache, si;
	uint32_t	       obj;

	if (slab_find(m, c->t->addr, &cache, &si, &obj) != 0 ||
	    slab_obj_info(m, cache, si, obj, &oi) != 0 ||
	    slab_cache_info(m, cache, &ci) != 0)
		return;
	if (oi.state == SLAB_OBJ_FREE || oi.state == SLAB_OBJ_STALE)
		bytes_add_field(c, oi.addr + ci.offset, 8, "free pointer");
}

/* The chunk's header, and the links glibc keeps in a free chunk. */
static void
bytes_chunk_fields(struct bytes_ctx *c, const struct machine *m)
{
	struct umalloc_chunk ch;

	if (umalloc_chunk_at(m, c->t->addr, &ch) != 0)
		return;
	bytes_add_field(c, ch.addr, 8, "prev_size");
	bytes_add_field(c, ch.addr + 8, 8, "size");
	if (ch.state == UCHUNK_TCACHE) {
		bytes_add_field(c, ch.mem, 8, "next");
		bytes_add_field(c, ch.mem + 8, 8, "key");
	} else if (ch.state == UCHUNK_FASTBIN) {
		bytes_add_field(c, ch.mem, 8, "fd");
	} else if (ch.state != UCHUNK_INUSE && ch.state != UCHUNK_TOP &&
	    ch.state != UCHUNK_TCACHE_STRUCT && ch.state != UCHUNK_FENCEPOST) {
		bytes_add_field(c, ch.mem, 8, "fd");
		bytes_add_field(c, ch.mem + 8, 8, "bk");
	}
	/* Show the header row too when the range starts at the pointer. */
	if (c->t->addr >= ch.mem && c->t->addr < ch.mem + 16)
		c->base = ch.addr;
}

static const struct bytes_field *
bytes_field_at(const struct bytes_ctx *c, uint64_t va)
{
	size_t i;

	for (i = 0; i < c->nf; i++)
		if (va >= c->f[i].addr && va < c->f[i].addr + c->f[i].len)
			return &c->f[i];
	return NULL;
}

/* Where the rows start, how far apart, and the fields among them. */
/*
 * A labelled field (a free pointer at byte 32 of a 64-byte object) below
 * the rows that fit is what the reader is asked to look at: the rows
 * start further down, so it is the last row shown.
 */
static void
bytes_show_field(struct bytes_ctx *c, int rows)
{
	uint64_t end, row;
	size_t	 i;

	if (rows <= 0 || c->stride != (uint64_t)c->bpr)
		return;
	end = c->base + (uint64_t)rows * c->stride;
	for (i = 0; i < c->nf; i++) {
		if (c->f[i].addr < end)
			continue;
		row = (c->f[i].addr - c->base) / c->stride;
		c->base += (row - (uint64_t)(rows - 1)) * c->stride;
		return;
	}
}

/* Decimal digits of v, at least one. */
static int
bytes_digits(uint64_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/*
 * Rows of bpr bytes from an aligned base, or for a memset of many pages
 * the start of each page, one a row; then the narrowest offset column
 * ("+4096 ") that holds the last row's offset, and fewer bytes a row
 * while a row is wider than the panel (38 columns at 80x24).
 */
static void
bytes_fit(struct bytes_ctx *c, int w, int rows)
{
	const struct touch *t = c->t;
	uint64_t	    need, last;

	for (;;) {
		c->base = t->addr & ~(uint64_t)(c->bpr - 1);
		c->stride = (uint64_t)c->bpr;
		need = (t->addr + t->len - c->base + c->stride - 1) / c->stride;
		if (t->kind == TOUCH_ZERO && need > (uint64_t)rows &&
		    t->len > PAGE_SIZE) {
			c->base = t->addr;
			c->stride = PAGE_SIZE;
		}
		last = c->base +
		    (uint64_t)(rows > 0 ? rows - 1 : 0) * c->stride - t->addr;
		c->offw = bytes_digits(last) + 2;
		if (c->offw < BYTES_OFF_W && BYTES_OFF_W + c->bpr * 4 + 2 <= w)
			c->offw = BYTES_OFF_W; /* room for the padding */
		if (c->offw + c->bpr * 4 + 2 <= w || c->bpr <= 4)
			break;
		c->bpr /= 2;
	}
	bytes_show_field(c, rows);
}

static void
bytes_setup(struct bytes_ctx *c, const struct ui *ui, int w, int rows)
{
	const struct machine *m = ui_machine(ui);
	const struct touch   *t = &ui->touch;

	memset(c, 0, sizeof *c);
	c->ui = ui;
	c->t = t;
	c->bpr = w >= BYTES_OFF_W + 16 * 4 + 3 ? 16 : 8;
	c->offw = BYTES_OFF_W;
	c->stride = (uint64_t)c->bpr;
	if (t->addr < PROCESS_TASK_SIZE)
		bytes_chunk_fields(c, m);
	else
		bytes_slab_fields(c, m);
	bytes_fit(c, w, rows);
}

/* The step's event over va: -1 none, else 0 not shown yet, 1 current, 2 done. */
static int
bytes_anim(const struct bytes_ctx *c, uint64_t va)
{
	const struct player *p = &c->ui->player;
	const struct event  *ev;
	uint64_t	     pfn = EVENT_NONE;
	size_t		     i;

	if (!p->animating || p->item.kind != SCRIPT_OP ||
	    player_position(p) != c->t->hist)
		return -1;
	machine_virt_to_pfn(ui_machine(c->ui), va & ~(PAGE_SIZE - 1), &pfn);
	for (i = c->t->ev; i < p->item.step.nev; i++) {
		ev = &p->item.step.ev[i];
		if (ev->kind != p->item.step.ev[c->t->ev].kind)
			continue;
		if ((ev->addr != EVENT_NONE && va >= ev->addr &&
			va < ev->addr + ev->size) ||
		    (ev->addr == EVENT_NONE && ev->pfn == pfn))
			return i >= p->shown ? 0 : i + 1 == p->shown ? 1 : 2;
	}
	return -1;
}

/* The colour of the byte b at va, inside the range or not. */
static attr_t
bytes_attr(const struct bytes_ctx *c, uint64_t va, uint8_t b, int anim)
{
	static const enum colour_role roles[TOUCH__COUNT] = {
		[TOUCH_READ] = CR_TEXT,
		[TOUCH_WRITE] = CR_NARRATION,
		[TOUCH_ZERO] = CR_ZEROED,
		[TOUCH_FREE] = CR_TEXT,
	};
	const struct touch *t = c->t;

	if (bytes_field_at(c, va) != NULL)
		return colour_attr(CR_STALE) | A_UNDERLINE | A_BOLD;
	if (va < t->addr || va >= t->addr + t->len)
		return colour_attr(CR_DIM);
	if (anim == 1)
		return colour_attr(CR_ANIM);
	if (b == 0)
		return colour_attr(CR_ZEROED);
	return colour_attr(roles[t->kind]) | A_BOLD;
}

/* Row r: offset, hex, text, and the names of fields starting in it. */
static void
bytes_row(struct view *v, const struct bytes_ctx *c, int r)
{
	const struct machine *m = ui_machine(c->ui);
	uint64_t	      va0 = c->base + (uint64_t)r * c->stride, va;
	int		      i, xa = c->offw + c->bpr * 3, anim, len = 0, got;
	const struct bytes_field *f;
	char			  hex[4], txt[2] = { 0, 0 }, note[64] = "";
	uint8_t			  b = 0;
	attr_t			  a;

	view_printf(v, r, 0, c->offw, colour_attr(CR_DIM), "%+*" PRId64,
	    c->offw - 1, (int64_t)(va0 - c->t->addr));
	view_puts(v, r, xa, 1, "|", colour_attr(CR_DIM));
	for (i = 0; i < c->bpr; i++) {
		va = va0 + (uint64_t)i;
		got = touch_fetch(m, va, &b) == 0;
		anim = bytes_anim(c, va);
		a = bytes_attr(c, va, b, anim);
		snprintf(hex, sizeof hex, "%02x", b);
		txt[0] = b >= 0x20 && b < 0x7f ? (char)b : '.';
		if (anim == 0 && touch_before(c->t, va, &b) == 0) {
			/* not reached yet: what was there before */
			a = colour_attr(CR_STALE);
			snprintf(hex, sizeof hex, "%02x", b);
			txt[0] = b >= 0x20 && b < 0x7f ? (char)b : '.';
		} else if (!got || anim == 0) {
			a = colour_attr(CR_DIM);
			strcpy(hex, !got ? "??" : "..");
			txt[0] = ' ';
		}
		view_puts(v, r, c->offw + i * 3, 2, hex, a);
		view_puts(v, r, xa + 1 + i, 1, txt, a);
		if ((f = bytes_field_at(c, va)) != NULL && f->addr == va &&
		    len < (int)sizeof note - 16)
			len += snprintf(note + len, sizeof note - (size_t)len,
			    "%s%s", len ? ", " : "", f->name);
	}
	view_puts(v, r, xa + 1 + c->bpr, 1, "|", colour_attr(CR_DIM));
	/* Only whole: the title names the fields when this does not fit. */
	if (len > 0 && xa + c->bpr + 3 + len + 2 <= view_inner_w(v))
		view_printf(v, r, xa + c->bpr + 3,
		    view_inner_w(v) - xa - c->bpr - 3, colour_attr(CR_STALE),
		    "%s %s", ui_glyph(c->ui, G_ARROW), note);
}

/* "read(key, 0, 32): 32 bytes read at ffff8880..., free pointer at +32" */
static void
bytes_title(const struct bytes_ctx *c, char *buf, size_t len)
{
	const struct touch *t = c->t;
	int		    n;
	size_t		    i;

	n = snprintf(buf, len, "%s: %" PRIu64 " bytes %s at %" PRIx64,
	    t->source, t->len, touch_kind_name(t->kind), t->addr);
	for (i = 0; i < c->nf && n > 0 && (size_t)n < len; i++)
		n += snprintf(buf + n, len - (size_t)n, "%s %s +%" PRId64,
		    i ? "," : ";", c->f[i].name,
		    (int64_t)(c->f[i].addr - t->addr));
}

static void
bytes_draw(struct view *v, const struct ui *ui)
{
	struct bytes_ctx c;
	char		 title[256];
	int		 r, rows = view_inner_h(v);

	bytes_setup(&c, ui, view_inner_w(v), rows);
	bytes_title(&c, title, sizeof title);
	view_box(v, ui, title);
	for (r = 0; r < rows; r++) {
		if (c.base + (uint64_t)r * c.stride >=
		    ui->touch.addr + ui->touch.len)
			break;
		bytes_row(v, &c, r);
	}
	wnoutrefresh(v->win);
}

const struct view_ops view_bytes_ops = { "bytes", bytes_draw, view_passive_key,
	view_passive_mouse, view_passive_resize };
