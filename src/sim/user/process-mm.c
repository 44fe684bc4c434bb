/*
 * process-mm.c - demand paging for the user process, as mm/memory.c's
 * handle_mm_fault() does it for private anonymous memory.
 *
 * A page has no frame until it is touched.  do_anonymous_page(): a read
 * maps the shared zero page read-only, a write takes a zeroed order-0
 * frame (GFP_HIGHUSER_MOVABLE) and maps it writable.  A write to a page
 * that maps the zero page is a write-protect fault (do_wp_page()): it
 * gets a private zeroed frame in its place.  An address outside every
 * VMA, or a write to a read-only VMA, is SIGSEGV.
 *
 * The page table (pgtable.c) holds the mappings; pidx, a hash from
 * virtual page number to pfn, mirrors it so malloc's many small reads do
 * not walk four levels each (process_check() compares the two).
 */
#include "sim/user/process.h"
#include "sim/user/process-priv.h"
#include "sim/page/buddy.h"
#include "sim/page/contents.h"
#include "sim/machine-priv.h"
#include "sim/kernel/pgtable.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define PROCESS_GFP_PGTABLE (GFP_KERNEL | ___GFP_ZERO | ___GFP_ACCOUNT)

static uint64_t
process_pidx_hash(uint64_t vpn)
{
	vpn *= 0x9e3779b97f4a7c15ull;
	return vpn ^ (vpn >> 29);
}

/* The table alone, without the tlb. */
static int
process_pidx_find(const struct pidx *x, uint64_t vpn, uint64_t *val)
{
	uint64_t i;

	if (x->cap == 0)
		return -1;
	for (i = process_pidx_hash(vpn) & (x->cap - 1); x->slot[i].key != 0;
	     i = (i + 1) & (x->cap - 1)) {
		if (x->slot[i].key == vpn + 1) {
			*val = x->slot[i].val;
			return 0;
		}
	}
	return -1;
}

int
process_pidx_get(const struct pidx *x, uint64_t vpn, uint64_t *val)
{
	const struct pidx_tlb *t;

	if (x->tlb != NULL &&
	    (t = &x->tlb[vpn % PIDX_TLB])->tag == (vpn + 1) << PAGE_SHIFT) {
		*val = t->val;
		return 0;
	}
	return process_pidx_find(x, vpn, val);
}

/* process_pidx_get that also caches what it finds in the tlb. */
static int
process_pidx_lookup(struct pidx *x, uint64_t vpn, uint64_t *val)
{
	struct pidx_tlb *t;

	if (process_pidx_get(x, vpn, val) != 0)
		return -1;
	if (x->tlb == NULL)
		return 0;
	t = &x->tlb[vpn % PIDX_TLB];
	t->tag = (vpn + 1) << PAGE_SHIFT;
	t->val = *val;
	t->host = 0;
	t->wtag = 0;
	return 0;
}

/* Sets vpn's value in the table; the caller has made room. */
static void
process_pidx_set(struct pidx *x, uint64_t vpn, uint64_t val)
{
	uint64_t i;

	for (i = process_pidx_hash(vpn) & (x->cap - 1); x->slot[i].key != 0;
	     i = (i + 1) & (x->cap - 1)) {
		if (x->slot[i].key == vpn + 1) {
			x->slot[i].val = val;
			return;
		}
	}
	x->slot[i].key = vpn + 1;
	x->slot[i].val = val;
	x->used++;
	if (x->near != NULL)
		x->near[process_pidx_near_at(vpn)]++;
}

/* Rehashes into twice the room; the mapping, and so the tlb, stay. */
static void
process_pidx_grow(struct pidx *x)
{
	struct pidx_slot *old = x->slot;
	uint64_t	  cap = x->cap, i;

	x->cap = cap ? cap * 2 : 256;
	x->slot = xcalloc(x->cap, sizeof *x->slot);
	x->used = 0;
	if (x->near != NULL)
		memset(x->near, 0, PIDX_NEAR * sizeof *x->near);
	for (i = 0; i < cap; i++) {
		if (old[i].key != 0)
			process_pidx_set(x, old[i].key - 1, old[i].val);
	}
	free(old);
}

static void
process_pidx_put(struct pidx *x, uint64_t vpn, uint64_t val)
{
	struct pidx_tlb *t;

	if ((x->used + 1) * 2 > x->cap)
		process_pidx_grow(x);
	process_pidx_set(x, vpn, val);
	if (x->tlb == NULL)
		return;
	t = &x->tlb[vpn % PIDX_TLB];
	t->tag = (vpn + 1) << PAGE_SHIFT;
	t->val = val;
	t->host = 0;
	t->wtag = 0;
}

/* Linear-probing delete: shift later entries of the run back. */
static void
process_pidx_del(struct pidx *x, uint64_t vpn)
{
	uint64_t i, j, mask = x->cap - 1;

	if (x->tlb != NULL &&
	    x->tlb[vpn % PIDX_TLB].tag == (vpn + 1) << PAGE_SHIFT)
		x->tlb[vpn % PIDX_TLB].tag = x->tlb[vpn % PIDX_TLB].wtag = 0;
	if (x->cap == 0)
		return;
	for (i = process_pidx_hash(vpn) & mask; x->slot[i].key != vpn + 1;
	     i = (i + 1) & mask) {
		if (x->slot[i].key == 0)
			return;
	}
	x->slot[i].key = 0;
	x->used--;
	if (x->near != NULL)
		x->near[process_pidx_near_at(vpn)]--;
	for (j = (i + 1) & mask; x->slot[j].key != 0; j = (j + 1) & mask) {
		uint64_t h = process_pidx_hash(x->slot[j].key - 1) & mask;

		/* Move j back to i unless its home lies in (i, j]. */
		if ((i < j) ? (h <= i || h > j) : (h <= i && h > j)) {
			x->slot[i].key = x->slot[j].key;
			x->slot[i].val = x->slot[j].val;
			x->slot[j].key = 0;
			i = j;
		}
	}
}

/* near[] counted from the table, in a new array. */
static uint32_t *
process_near_count(const struct pidx *x)
{
	uint32_t *count = xcalloc(PIDX_NEAR, sizeof *count);
	uint64_t  i;

	for (i = 0; i < x->cap; i++)
		if (x->slot[i].key != 0)
			count[process_pidx_near_at(x->slot[i].key - 1)]++;
	return count;
}

/* near[] recounted from the table; 0 when it agrees (or has none). */
static int
process_near_check(const struct pidx *x, char **cause)
{
	uint32_t *count;
	int	  r;

	if (x->near == NULL)
		return 0;
	count = process_near_count(x);
	r = memcmp(count, x->near, PIDX_NEAR * sizeof *count) != 0 ? -1 : 0;
	free(count);
	if (r != 0)
		*cause = xasprintf("process: the page index's counts by "
				   "page number disagree with its pages");
	return r;
}

int
process_tlb_check(const struct machine *m, char **cause)
{
	const struct pidx *x = &m->proc->idx;
	uint64_t	   i, val, vpn;

	for (i = 0; x->tlb != NULL && i < PIDX_TLB; i++) {
		const struct pidx_tlb *t = &x->tlb[i];

		if (t->tag == 0)
			continue;
		vpn = (t->tag >> PAGE_SHIFT) - 1;
		if ((t->tag & (PAGE_SIZE - 1)) != 0 || vpn % PIDX_TLB != i ||
		    process_pidx_find(x, vpn, &val) != 0 || val != t->val ||
		    (t->wtag == 0 && t->host != 0) ||
		    (t->wtag != 0 &&
			(t->wtag != t->tag || (t->val & PIDX_ZERO) ||
			    !(m->frames[t->val].flags & FF_DATA) ||
			    process_tlb_host(t, vpn << PAGE_SHIFT) !=
				phys_frame_data(m, t->val) ||
			    contents_shared(phys_frame_data(m, t->val))))) {
			*cause = xasprintf("process: TLB entry for page "
					   "%#" PRIx64
					   " disagrees with the page index",
			    vpn << PAGE_SHIFT);
			return -1;
		}
	}
	return process_near_check(x, cause);
}

void
process_pidx_clone(struct pidx *x, const struct pidx *src)
{
	*x = *src;
	x->slot = xmemdup(src->slot, src->cap * sizeof *src->slot);
	x->tlb = NULL; /* until it runs: process_pidx_prepare */
	x->near = NULL;
}

void
process_tlb_unbuffer(struct pidx *x)
{
	size_t i;

	for (i = 0; x->tlb != NULL && i < PIDX_TLB; i++) {
		x->tlb[i].host = 0;
		x->tlb[i].wtag = 0;
	}
}

void
process_pidx_prepare(struct pidx *x)
{
	if (x->tlb == NULL)
		x->tlb = xcalloc(PIDX_TLB, sizeof *x->tlb);
	if (x->near == NULL)
		x->near = process_near_count(x);
}

void
process_pidx_free(struct pidx *x)
{
	free(x->slot);
	free(x->tlb);
	free(x->near);
	memset(x, 0, sizeof *x);
}

/*
 * The pages of vpn range [s, e) the index holds.  A range is walked page
 * by page only while it has fewer pages than the index has slots; a
 * larger one (a 60000 GiB mapping with three pages touched) is found by
 * scanning the slots instead, as the kernel's page-table walkers skip
 * an empty table whole (mm/pagewalk.c).  So the work is the smaller of
 * the two, never the size of the range alone; *cost, when not NULL,
 * grows by it.  fn sees each page once, in no particular order.
 */
static void
process_pidx_range(const struct pidx *x, uint64_t s, uint64_t e, uint64_t *cost,
    void (*fn)(uint64_t vpn, uint64_t val, void *), void *arg)
{
	uint64_t vpn, i, val;

	if (e <= s)
		return;
	if (e - s <= x->cap) {
		for (vpn = s; vpn < e; vpn++) {
			if ((x->near == NULL ||
				x->near[process_pidx_near_at(vpn)] != 0) &&
			    process_pidx_find(x, vpn, &val) == 0)
				fn(vpn, val, arg);
		}
		if (cost != NULL)
			*cost += e - s;
		return;
	}
	for (i = 0; i < x->cap; i++) {
		if (x->slot[i].key != 0 && x->slot[i].key - 1 >= s &&
		    x->slot[i].key - 1 < e)
			fn(x->slot[i].key - 1, x->slot[i].val, arg);
	}
	if (cost != NULL)
		*cost += x->cap;
}

struct pidx_list {
	uint64_t *va;
	size_t	  n, cap;
};

static void
process_pidx_list_add(uint64_t vpn, uint64_t val, void *arg)
{
	struct pidx_list *l = arg;

	(void)val;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->va = xreallocarray(l->va, l->cap, sizeof *l->va);
	}
	l->va[l->n++] = vpn << PAGE_SHIFT;
}

static int
process_va_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Page numbers of [start, end), rounded out to whole pages. */
static void
process_vpn_bounds(uint64_t start, uint64_t end, uint64_t *s, uint64_t *e)
{
	*s = start >> PAGE_SHIFT;
	*e = (end >> PAGE_SHIFT) + ((end & (PAGE_SIZE - 1)) != 0);
}

static size_t
process_pages_sorted(const struct process *p, uint64_t start, uint64_t end,
    uint64_t *cost, uint64_t **out)
{
	struct pidx_list l = { NULL, 0, 0 };
	uint64_t	 s, e;

	process_vpn_bounds(start, end, &s, &e);
	process_pidx_range(&p->idx, s, e, cost, process_pidx_list_add, &l);
	if (l.n > 1)
		qsort(l.va, l.n, sizeof *l.va, process_va_cmp);
	if (cost != NULL)
		*cost += l.n;
	*out = l.va;
	return l.n;
}

size_t
process_pages_in(struct machine *m, uint64_t start, uint64_t end,
    uint64_t **out)
{
	return process_pages_sorted(m->proc, start, end, &m->proc->walked, out);
}

size_t
process_pages_in_const(const struct machine *m, uint64_t start, uint64_t end,
    uint64_t **out)
{
	return process_pages_sorted(m->proc, start, end, NULL, out);
}

/*
 * process_pages_in's walk for the frames a result lives on, added to the
 * step in address order, with the same cost to process_pages_walked().
 * A range walked page by page is already in order, so it needs neither
 * the list nor the sort; the tlb answers first, as it agrees with the
 * table.  A range larger than the index takes the sorted list.
 */
void
process_step_frames(struct machine *m, uint64_t start, uint64_t end)
{
	struct process *p = m->proc;
	uint64_t	s, e, vpn, val, *va;
	size_t		n = 0, i;

	process_vpn_bounds(start, end, &s, &e);
	if (e <= s || e - s > p->idx.cap) {
		n = process_pages_in(m, start, end, &va);
		for (i = 0; i < n; i++) {
			if (process_pidx_get(&p->idx, va[i] >> PAGE_SHIFT,
				&val) == 0 &&
			    !(val & PIDX_ZERO))
				step_add_frames(m->st, val, 1);
		}
		free(va);
		return;
	}
	for (vpn = s; vpn < e; vpn++) {
		if ((p->idx.near != NULL &&
			p->idx.near[process_pidx_near_at(vpn)] == 0) ||
		    process_pidx_get(&p->idx, vpn, &val) != 0)
			continue;
		n++;
		if (!(val & PIDX_ZERO))
			step_add_frames(m->st, val, 1);
	}
	p->walked += (e - s) + n;
}

struct pidx_counts {
	uint64_t frame, zero;
};

static void
process_pidx_count_one(uint64_t vpn, uint64_t val, void *arg)
{
	struct pidx_counts *c = arg;

	(void)vpn;
	if (val & PIDX_ZERO)
		c->zero++;
	else
		c->frame++;
}

void
process_pages_count(const struct machine *m, uint64_t start, uint64_t end,
    uint64_t *frame, uint64_t *zero)
{
	struct pidx_counts c = { 0, 0 };
	uint64_t	   s, e;

	process_vpn_bounds(start, end, &s, &e);
	process_pidx_range(&m->proc->idx, s, e, NULL, process_pidx_count_one,
	    &c);
	*frame = c.frame;
	*zero = c.zero;
}

void
process_drop_range(struct machine *m, uint64_t start, uint64_t end)
{
	uint64_t *va;
	size_t	  n = process_pages_in(m, start, end, &va), i;

	for (i = 0; i < n; i++)
		process_drop_page(m, va[i]);
	free(va);
}

uint64_t
process_pages_walked(const struct machine *m)
{
	return m->proc->walked;
}

/* Maps pfn at va in the page table (when there is one) and the index. */
static int
process_map(struct machine *m, uint64_t va, uint64_t pfn, int zero)
{
	struct process *p = m->proc;
	uint64_t	old;

	if (p->pgt != NULL) {
		pgtable_unmap(m, p->pgt, va, &old);
		if (pgtable_map(m, p->pgt, va, pfn, PROCESS_GFP_PGTABLE) !=
		    SIM_OK)
			return -1;
	}
	process_pidx_put(&p->idx, va >> PAGE_SHIFT,
	    pfn | (zero ? PIDX_ZERO : 0));
	return 0;
}

/* A private zeroed frame for the page at va (do_anonymous_page()). */
static int
process_fault_frame(struct machine *m, uint64_t va, uint64_t *pfn)
{
	uint64_t      vpn = va >> PAGE_SHIFT;
	struct event *ev;

	if (buddy_alloc(m, GFP_HIGHUSER_MOVABLE | ___GFP_ZERO, 0, FO_ANON,
		pfn) != SIM_OK)
		return -2;
	phys_set_tag(m, *pfn, (uint32_t)vpn, (uint32_t)(vpn >> 32));
	if (process_map(m, va, *pfn, 0) != 0) {
		buddy_free(m, *pfn, 0);
		return -2;
	}
	m->proc->rss++;
	ev = step_emit(m->st, EV_FAULT);
	ev->addr = va;
	ev->pfn = *pfn;
	m->st->faults++;
	return 0;
}

/*
 * Makes the page holding va usable for a read or a write; *pfn is its
 * frame.  0, or -1 for SIGSEGV, -2 when no frame could be had.
 */
static int
process_fault(struct machine *m, uint64_t va, int write, uint64_t *pfn)
{
	struct process	  *p = m->proc;
	const struct pvma *v;
	uint64_t	   val;
	struct event	  *ev;

	va &= ~(PAGE_SIZE - 1);
	if (process_pidx_lookup(&p->idx, va >> PAGE_SHIFT, &val) == 0 &&
	    (!write || !(val & PIDX_ZERO))) {
		*pfn = val & ~PIDX_ZERO;
		return 0;
	}
	v = process_vma_at(p, va);
	if (v == NULL || !(v->flags & (write ? PVM_WRITE : PVM_READ)))
		return -1;
	if (write)
		return process_fault_frame(m, va, pfn);
	*pfn = m->zero_pfn;
	if (process_map(m, va, *pfn, 1) != 0)
		return -2;
	ev = step_emit(m->st, EV_FAULT);
	ev->addr = va;
	ev->pfn = *pfn;
	ev->aux = 1;
	m->st->faults++;
	return 0;
}

/* The tlb no longer holds the buffer of va's page. */
static void
process_tlb_forget(struct machine *m, uint64_t va)
{
	struct pidx_tlb *t = m->proc->idx.tlb;

	if (t != NULL) {
		t[(va >> PAGE_SHIFT) % PIDX_TLB].host = 0;
		t[(va >> PAGE_SHIFT) % PIDX_TLB].wtag = 0;
	}
}

/* After an access at va: caches its private frame's buffer, if any. */
static void
process_tlb_fill(struct machine *m, uint64_t va)
{
	uint64_t	 vpn = va >> PAGE_SHIFT;
	struct pidx_tlb *t;
	uint8_t		*buf;

	if (m->proc->idx.tlb == NULL)
		return;
	t = &m->proc->idx.tlb[vpn % PIDX_TLB];
	if (t->tag != process_tlb_tag(va) || (t->val & PIDX_ZERO))
		return;
	buf = phys_frame_data_mut(m, t->val); /* pokes write through it */
	t->host = buf != NULL ?
	    (uintptr_t)buf - (uintptr_t)(vpn << PAGE_SHIFT) :
	    0;
	t->wtag = buf != NULL ? t->tag : 0;
}

uint8_t *
process_tlb_refill(struct machine *m, uint64_t va, size_t len)
{
	uint64_t val;

	process_pidx_prepare(&m->proc->idx);
	if (len > PAGE_SIZE - (va & (PAGE_SIZE - 1)) ||
	    process_pidx_lookup(&m->proc->idx, va >> PAGE_SHIFT, &val) != 0 ||
	    (val & PIDX_ZERO) || !(m->frames[val].flags & FF_DATA))
		return NULL;
	process_tlb_fill(m, va);
	return process_tlb_bytes(m, va, len);
}

/* Zeroes n bytes at va, in one page, mapped to pfn. */
static void
process_zero_in(struct machine *m, uint64_t va, uint64_t pfn, uint64_t n)
{
	static const uint8_t zeroes[256];
	uint64_t	     k, pa = pfn_to_phys(pfn) + (va & (PAGE_SIZE - 1));

	if (n == PAGE_SIZE) {
		/* the buffer goes: so does the tlb's pointer */
		process_tlb_forget(m, va);
		phys_zero_frames(m, pfn, 1);
		return;
	}
	for (k = 0; k < n; k += sizeof zeroes)
		phys_write(m, pa + k, zeroes,
		    (size_t)(n - k < sizeof zeroes ? n - k : sizeof zeroes));
}

/*
 * Page-by-page copy in or out of user memory; data NULL writes zeroes.
 * The first page's buffer goes to the tlb for the next access.
 */
static int
process_copy(struct machine *m, uint64_t va, uint8_t *buf, const uint8_t *data,
    uint64_t len, int write)
{
	uint64_t start = va;

	while (len > 0) {
		uint64_t pfn, off = va & (PAGE_SIZE - 1), n = PAGE_SIZE - off;
		int	 r;

		if (n > len)
			n = len;
		if ((r = process_fault(m, va, write, &pfn)) != 0)
			return r;
		if (!write)
			phys_read(m, pfn_to_phys(pfn) + off, buf, (size_t)n);
		else if (data != NULL)
			phys_write(m, pfn_to_phys(pfn) + off, data, (size_t)n);
		else
			process_zero_in(m, va, pfn, n);
		if (buf != NULL)
			buf += n;
		if (data != NULL)
			data += n;
		va += n;
		len -= n;
	}
	process_tlb_fill(m, start);
	return 0;
}

int
process_peek(struct machine *m, uint64_t va, void *buf, size_t len)
{
	const uint8_t *p;

	process_pidx_prepare(&m->proc->idx);
	p = process_tlb_bytes(m, va, len);
	if (p == NULL)
		return process_copy(m, va, buf, NULL, len, 0);
	if (len == 8) /* malloc's words: an inline copy */
		memcpy(buf, p, 8);
	else
		memcpy(buf, p, len);
	return 0;
}

int
process_poke(struct machine *m, uint64_t va, const void *buf, size_t len)
{
	uint8_t *p;

	process_pidx_prepare(&m->proc->idx);
	p = process_tlb_bytes(m, va, len);
	if (p == NULL)
		return process_copy(m, va, NULL, buf, len, 1);
	if (len == 8)
		memcpy(p, buf, 8);
	else
		memcpy(p, buf, len);
	return 0;
}

int
process_zero(struct machine *m, uint64_t va, uint64_t len)
{
	return process_copy(m, va, NULL, NULL, len, 1);
}

int
process_peek_const(const struct machine *m, uint64_t va, void *buf, size_t len)
{
	uint8_t *out = buf;

	while (len > 0) {
		uint64_t off = va & (PAGE_SIZE - 1), n = PAGE_SIZE - off, val;

		if (n > len)
			n = len;
		if (process_vma_at(m->proc, va) == NULL)
			return -1;
		if (process_pidx_get(&m->proc->idx, va >> PAGE_SHIFT, &val) ==
		    0)
			phys_read(m, pfn_to_phys(val & ~PIDX_ZERO) + off, out,
			    (size_t)n);
		else
			memset(out, 0, (size_t)n);
		out += n;
		va += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Kills the process for a failed access r (-1 SIGSEGV, -2 OOM). */
static enum sim_status
process_access_fail(struct machine *m, uint64_t va, int r)
{
	if (r == -2) {
		step_emitf(m->st, EV_REPORT,
		    "Out of memory: Killed process "
		    "(prog) while faulting in %#" PRIx64,
		    va);
		process_kill(m, "SIGKILL");
		return step_fail(m->st, SIM_ABORT, "Killed (out of memory)");
	}
	step_emitf(m->st, EV_REPORT, "prog: segfault at %" PRIx64, va);
	process_kill(m, "SIGSEGV");
	return step_fail(m->st, SIM_ABORT, "Segmentation fault");
}

enum sim_status
process_access(struct machine *m, uint64_t va, uint64_t len, int write,
    const void *data, size_t datalen, void *buf, size_t bufsize)
{
	uint64_t      done = 0;
	struct event *ev;

	if (m->proc->dead)
		process_restart(m);
	while (done < len) {
		uint64_t pfn, off = (va + done) & (PAGE_SIZE - 1);
		uint64_t n = PAGE_SIZE - off;
		int	 r;

		if (n > len - done)
			n = len - done;
		if ((r = process_fault(m, va + done, write, &pfn)) != 0)
			return process_access_fail(m, va + done, r);
		if (write)
			phys_write_cyclic(m, pfn_to_phys(pfn) + off, (size_t)n,
			    data, datalen, done);
		if (!write && buf != NULL && done < bufsize)
			phys_read(m, pfn_to_phys(pfn) + off,
			    (uint8_t *)buf + done,
			    (size_t)(n < bufsize - done ? n : bufsize - done));
		step_add_frames(m->st, pfn, 1);
		done += n;
	}
	ev = step_emit(m->st, write ? EV_WRITE : EV_READ);
	ev->addr = va;
	ev->size = len;
	return SIM_OK;
}

void
process_drop_page(struct machine *m, uint64_t va)
{
	struct process *p = m->proc;
	uint64_t	val, pfn;

	if (process_pidx_get(&p->idx, va >> PAGE_SHIFT, &val) != 0)
		return;
	if (p->pgt != NULL)
		pgtable_unmap(m, p->pgt, va, &pfn);
	process_pidx_del(&p->idx, va >> PAGE_SHIFT);
	if (!(val & PIDX_ZERO)) {
		buddy_free(m, val, 0);
		p->rss--;
	}
}

void
process_move_page(struct machine *m, uint64_t from, uint64_t to)
{
	struct process *p = m->proc;
	uint64_t	val, pfn, vpn = to >> PAGE_SHIFT;

	if (process_pidx_get(&p->idx, from >> PAGE_SHIFT, &val) != 0)
		return;
	if (p->pgt != NULL)
		pgtable_unmap(m, p->pgt, from, &pfn);
	process_pidx_del(&p->idx, from >> PAGE_SHIFT);
	if (!(val & PIDX_ZERO))
		phys_set_tag(m, val, (uint32_t)vpn, (uint32_t)(vpn >> 32));
	process_map(m, to, val & ~PIDX_ZERO, (val & PIDX_ZERO) != 0);
}

int
process_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn)
{
	const struct process *p = m->proc;
	uint64_t	      val;

	if (p->pgt != NULL)
		return pgtable_lookup(m, p->pgt, va, pfn);
	if (process_pidx_get(&p->idx, va >> PAGE_SHIFT, &val) != 0)
		return -1;
	*pfn = val & ~PIDX_ZERO;
	return 0;
}

enum process_page_state
process_page(const struct machine *m, uint64_t va, uint64_t *pfn)
{
	uint64_t val;

	if (process_pidx_get(&m->proc->idx, va >> PAGE_SHIFT, &val) != 0)
		return PPAGE_NONE;
	*pfn = val & ~PIDX_ZERO;
	return (val & PIDX_ZERO) ? PPAGE_ZERO : PPAGE_FRAME;
}
