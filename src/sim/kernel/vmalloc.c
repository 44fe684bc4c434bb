/*
 * vmalloc.c - vmap areas, their frames and their page-table entries,
 * after mm/vmalloc.c.
 *
 * Areas are kept sorted by address; a new one goes at the lowest address
 * where it fits (find_vmap_lowest_match()), its size counting one guard
 * page that is never mapped (__get_vm_area_node()).  The per-node reuse
 * pools of 6.9+ are not modelled, so reuse is strictly lowest-first.
 * Frames are order-0 blocks taken one at a time (vm_area_alloc_pages()
 * without the bulk path, which takes the same frames in the same order
 * here), so on an aged machine they scatter.  The page array of struct
 * page pointers is kzalloc'ed when it fits in a page and vmalloc'ed
 * otherwise (__vmalloc_area_node()), and holds real vmemmap addresses
 * in its bytes.  The kernel page table is created on the first vmalloc;
 * x86-64's boot-time preallocation of the vmalloc PUD pages (5.9+) is not
 * modelled, so table pages appear as they are first needed.
 *
 * Freed ranges wait on the lazy list until more than lazy_max_pages() =
 * fls(cpus) * 32 MiB worth of pages are waiting, or a search fails; then
 * every waiting range is purged with one TLB flush.  The 2.0 profile
 * (i386) uses the same 4-level tables, with vmalloc space starting 8 MiB
 * above the end of RAM as 2.0's VMALLOC_OFFSET rule puts it.
 */
#include "sim/kernel/vmalloc.h"
#include "sim/page/buddy.h"
#include "sim/kernel/kmalloc.h"
#include "sim/kernel/directmap.h"
#include "sim/machine-priv.h"
#include "sim/kernel/pgtable.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* mm/internal.h GFP_RECLAIM_MASK, as nested allocations inherit it. */
#define VM_RECLAIM_MASK \
	(__GFP_RECLAIM | ___GFP_HIGH | ___GFP_IO | ___GFP_FS | ___GFP_NOWARN | \
	    ___GFP_RETRY_MAYFAIL | ___GFP_NOFAIL | ___GFP_NORETRY | \
	    ___GFP_MEMALLOC | ___GFP_NOMEMALLOC)
#define VMALLOC_OFFSET (8ull << 20) /* i386 (2.0) */
#define STRUCT_PAGE    64	    /* sizeof (struct page) on x86-64 */

struct vm_area {
	uint64_t	id;
	uint64_t	addr;
	uint64_t	size; /* guard page included */
	uint64_t	nr_pages;
	uint64_t	npfns; /* frames taken so far */
	uint64_t       *pfns;
	uint64_t	array_va;   /* the page array */
	struct vm_area *array_area; /* when it was vmalloc'ed */
	int		lazy;
	int		nested;
};

/*
 * The free space before areas[i] (from the end of areas[i - 1], or from
 * vmalloc_start) is its gap.  gapmax[b] is the largest gap of the block
 * of VM_BLOCK areas from b * VM_BLOCK, valid for blocks below clean: a
 * search skips whole blocks that cannot fit, as the kernel's augmented
 * tree skips subtrees by subtree_max_size.  Inserting or removing at
 * index i shifts every area after it, so clean drops to i's block.
 */
#define VM_BLOCK 64

struct vmalloc_state {
	struct vm_area **areas; /* sorted by addr, disjoint */
	size_t		 n, cap;
	uint64_t	*gapmax; /* cap / VM_BLOCK + 1 entries */
	size_t		 clean;	 /* blocks whose gapmax is valid */
	uint64_t	 next_id;
	uint64_t	 lazy_pages;
};

uint64_t
vmalloc_start(const struct machine *m)
{
	uint64_t top = directmap_end(m);

	if (m->prof->vmalloc_start >= top)
		return m->prof->vmalloc_start;
	return (top + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1);
}

uint64_t
vmalloc_end(const struct machine *m)
{
	return m->prof->vmalloc_end;
}

void
vmalloc_init(struct machine *m)
{
	m->vmalloc = xcalloc(1, sizeof *m->vmalloc);
}

void
vmalloc_destroy(struct machine *m)
{
	struct vmalloc_state *vs = m->vmalloc;
	size_t		      i;

	if (vs == NULL)
		return;
	for (i = 0; i < vs->n; i++) {
		free(vs->areas[i]->pfns);
		free(vs->areas[i]);
	}
	free(vs->areas);
	free(vs->gapmax);
	free(vs);
	m->vmalloc = NULL;
	if (m->kpgt != NULL)
		pgtable_destroy(m, m->kpgt);
	m->kpgt = NULL;
}

uint64_t
vmalloc_lazy_max_pages(const struct machine *m)
{
	unsigned cpus = m->cfg.cpus, fls = 0;

	while (cpus != 0) {
		fls++;
		cpus >>= 1;
	}
	return fls * ((32ull << 20) >> PAGE_SHIFT);
}

uint64_t
vmalloc_lazy_pages(const struct machine *m)
{
	return m->vmalloc->lazy_pages;
}

/* ---- the address space ---- */

/* Index of the first area starting above addr (binary search). */
static size_t
vmalloc_upper(const struct vmalloc_state *vs, uint64_t addr)
{
	size_t lo = 0, hi = vs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (vs->areas[mid]->addr > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The area starting at addr, or NULL. */
static struct vm_area *
vmalloc_at_start(const struct vmalloc_state *vs, uint64_t addr)
{
	size_t i = vmalloc_upper(vs, addr);

	return i > 0 && vs->areas[i - 1]->addr == addr ? vs->areas[i - 1] :
							 NULL;
}

/* Areas from index i moved: the blocks holding them must be rescanned. */
static void
vmalloc_dirty(struct vmalloc_state *vs, size_t i)
{
	if (vs->clean > i / VM_BLOCK)
		vs->clean = i / VM_BLOCK;
}

/*
 * Scans block b from *cur as the first-fit loop does; its largest gap
 * goes to *max.  The address where size fits, or 0.
 */
static uint64_t
vmalloc_find_block(const struct vmalloc_state *vs, size_t b, uint64_t size,
    uint64_t *cur, uint64_t *max)
{
	size_t i, end = (b + 1) * VM_BLOCK < vs->n ? (b + 1) * VM_BLOCK : vs->n;

	*max = 0;
	for (i = b * VM_BLOCK; i < end; i++) {
		const struct vm_area *a = vs->areas[i];

		if (a->addr >= *cur) {
			if (a->addr - *cur >= size)
				return *cur;
			if (a->addr - *cur > *max)
				*max = a->addr - *cur;
		}
		if (a->addr + a->size > *cur)
			*cur = a->addr + a->size;
	}
	return 0;
}

/* Lowest address with size free bytes, or 0 (find_vmap_lowest_match()). */
static uint64_t
vmalloc_find(const struct machine *m, uint64_t size)
{
	struct vmalloc_state *vs = m->vmalloc;
	uint64_t cur = vmalloc_start(m), end = vmalloc_end(m), max, at;
	size_t	 b;

	for (b = 0; b * VM_BLOCK < vs->n; b++) {
		if (b < vs->clean && vs->gapmax[b] < size) {
			const struct vm_area
			    *last = vs->areas[(b + 1) * VM_BLOCK < vs->n ?
				    (b + 1) * VM_BLOCK - 1 :
				    vs->n - 1];

			/* Sorted and disjoint: the block ends at its last. */
			if (last->addr + last->size > cur)
				cur = last->addr + last->size;
			continue;
		}
		if ((at = vmalloc_find_block(vs, b, size, &cur, &max)) != 0)
			return at;
		if (b == vs->clean) {
			vs->gapmax[b] = max;
			vs->clean = b + 1;
		}
	}
	return cur <= end && end - cur + 1 >= size ? cur : 0;
}

/* The areas copied; a page array's area found again by its address. */
void
vmalloc_clone(struct machine *dst, const struct machine *src)
{
	const struct vmalloc_state *s = src->vmalloc;
	struct vmalloc_state	   *vs = xmemdup(s, sizeof *s);
	const struct vm_area	   *arr;
	size_t			    i;

	vs->areas = s->cap ? xreallocarray(NULL, s->cap, sizeof *vs->areas) :
			     NULL;
	vs->gapmax = xmemdup(s->gapmax,
	    s->gapmax ? (s->cap / VM_BLOCK + 1) * sizeof *vs->gapmax : 0);
	for (i = 0; i < s->n; i++) {
		vs->areas[i] = xmemdup(s->areas[i], sizeof *s->areas[i]);
		vs->areas[i]->pfns = xmemdup(s->areas[i]->pfns,
		    s->areas[i]->nr_pages * sizeof *s->areas[i]->pfns);
	}
	for (i = 0; i < s->n; i++) {
		if ((arr = s->areas[i]->array_area) != NULL)
			vs->areas[i]->array_area = vs->areas[vmalloc_upper(s,
								 arr->addr) -
			    1];
	}
	dst->vmalloc = vs;
	dst->kpgt = pgtable_clone(src->kpgt);
}

static void
vmalloc_insert(struct vmalloc_state *vs, struct vm_area *a)
{
	size_t i;

	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? vs->cap * 2 : 16;
		vs->areas = xreallocarray(vs->areas, vs->cap,
		    sizeof *vs->areas);
		vs->gapmax = xreallocarray(vs->gapmax, vs->cap / VM_BLOCK + 1,
		    sizeof *vs->gapmax);
	}
	i = vmalloc_upper(vs, a->addr);
	memmove(&vs->areas[i + 1], &vs->areas[i],
	    (vs->n - i) * sizeof *vs->areas);
	vs->areas[i] = a;
	vs->n++;
	vmalloc_dirty(vs, i);
}

static void
vmalloc_remove(struct vmalloc_state *vs, struct vm_area *a)
{
	size_t i = vmalloc_upper(vs, a->addr);

	if (i == 0 || vs->areas[--i] != a)
		return;
	memmove(&vs->areas[i], &vs->areas[i + 1],
	    (vs->n - i - 1) * sizeof *vs->areas);
	vs->n--;
	vmalloc_dirty(vs, i);
	free(a->pfns);
	free(a);
}

/* __purge_vmap_area_lazy(): every waiting range, one TLB flush. */
static void
vmalloc_purge(struct machine *m)
{
	struct vmalloc_state *vs = m->vmalloc;
	size_t		      i, kept = 0;
	struct event	     *ev;

	if (vs->lazy_pages == 0)
		return;
	step_emitf(m->st, EV_NOTE,
	    "purging %" PRIu64 " lazily freed "
	    "vmalloc pages: one TLB flush",
	    vs->lazy_pages);
	for (i = 0; i < vs->n; i++) {
		struct vm_area *a = vs->areas[i];

		if (!a->lazy) {
			vs->areas[kept++] = a;
			continue;
		}
		vmalloc_dirty(vs, kept);
		ev = step_emit(m->st, EV_VUNMAP_AREA);
		ev->addr = a->addr;
		ev->size = a->size;
		free(a->pfns);
		free(a);
	}
	vs->n = kept;
	vs->lazy_pages = 0;
}

/* ---- pages ---- */

static const struct vm_area *
vmalloc_area_at(const struct machine *m, uint64_t va)
{
	const struct vmalloc_state *vs = m->vmalloc;
	size_t i = vmalloc_upper(vs, va); /* areas are disjoint */

	if (i > 0 && va < vs->areas[i - 1]->addr + vs->areas[i - 1]->size)
		return vs->areas[i - 1];
	return NULL;
}

int
vmalloc_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn)
{
	const struct vm_area *a = vmalloc_area_at(m, va);

	if (a == NULL || a->lazy || va >= a->addr + a->nr_pages * PAGE_SIZE)
		return -1;
	return pgtable_lookup(m, m->kpgt, va, pfn);
}

/* A store into kernel memory: the direct map or a mapped vmalloc page. */
static void
vmalloc_store_u64(struct machine *m, uint64_t va, uint64_t v)
{
	uint64_t pfn;

	if (directmap_contains(m, va, 1))
		phys_write_u64(m, directmap_pa(m, va), v);
	else if (vmalloc_virt_to_pfn(m, va, &pfn) == 0)
		phys_write_u64(m, pfn_to_phys(pfn) + (va & (PAGE_SIZE - 1)), v);
}

static struct vm_area *vmalloc_area_new(struct machine *m, uint64_t size,
    gfp_t gfp, int nested);
static void vmalloc_area_release(struct machine *m, struct vm_area *a);

/* The struct page array: kzalloc'ed up to a page, else vmalloc'ed. */
static enum sim_status
vmalloc_page_array(struct machine *m, struct vm_area *a, gfp_t gfp)
{
	uint64_t bytes = a->nr_pages * 8;
	gfp_t	 nested = (gfp & VM_RECLAIM_MASK) | ___GFP_ZERO;

	if (bytes > PAGE_SIZE) {
		a->array_area = vmalloc_area_new(m, bytes, nested, 1);
		if (a->array_area == NULL)
			return m->st->status;
		a->array_va = a->array_area->addr;
		return SIM_OK;
	}
	if (kmalloc_alloc(m, bytes, nested) != SIM_OK)
		return m->st->status;
	a->array_va = m->st->addr;
	return SIM_OK;
}

/*
 * vm_area_alloc_pages(): the bulk allocator, at most 100 pages a call,
 * while it delivers all it was asked for; what is left comes one page at
 * a time (vmalloc_populate()).
 */
static void
vmalloc_bulk(struct machine *m, struct vm_area *a, gfp_t gfp)
{
	while (a->npfns < a->nr_pages) {
		uint64_t want = a->nr_pages - a->npfns, i, got;

		if (want > 100)
			want = 100;
		got = buddy_alloc_bulk(m, gfp | ___GFP_HIGHMEM, (unsigned)want,
		    FO_VMALLOC, &a->pfns[a->npfns]);
		for (i = 0; i < got; i++, a->npfns++)
			phys_set_tag(m, a->pfns[a->npfns], (uint32_t)a->id,
			    (uint32_t)a->npfns);
		if (got != want)
			break;
	}
}

/* warn_alloc()'s "vmalloc error", which __GFP_NOWARN silences. */
static enum sim_status
vmalloc_pages_failed(struct machine *m, const struct vm_area *a, gfp_t gfp)
{
	if (gfp & ___GFP_NOWARN)
		return m->st->status;
	return step_fail(m->st, SIM_ENOMEM,
	    "vmalloc error: size %" PRIu64 ", page order 0, failed to "
	    "allocate pages (%s)",
	    (uint64_t)(a->nr_pages * PAGE_SIZE),
	    m->st->reason ? m->st->reason : "");
}

/* Frames in bulk, then their PTEs, as __vmalloc_area_node() does. */
static enum sim_status
vmalloc_populate(struct machine *m, struct vm_area *a, gfp_t gfp)
{
	uint64_t i;

	if (m->kpgt == NULL &&
	    (m->kpgt = pgtable_create(m, GFP_KERNEL)) == NULL)
		return m->st->status;
	a->pfns = xcalloc(a->nr_pages, sizeof *a->pfns);
	vmalloc_bulk(m, a, gfp);
	for (i = a->npfns; i < a->nr_pages; i++) {
		if (buddy_alloc(m, gfp | ___GFP_HIGHMEM, 0, FO_VMALLOC,
			&a->pfns[i]) != SIM_OK)
			return vmalloc_pages_failed(m, a, gfp);
		a->npfns++;
		phys_set_tag(m, a->pfns[i], (uint32_t)a->id, (uint32_t)i);
	}
	for (i = 0; i < a->nr_pages; i++) {
		if (pgtable_map(m, m->kpgt, a->addr + i * PAGE_SIZE, a->pfns[i],
			gfp & VM_RECLAIM_MASK) != SIM_OK)
			return m->st->status;
		vmalloc_store_u64(m, a->array_va + i * 8,
		    m->prof->vmemmap_base + a->pfns[i] * STRUCT_PAGE);
	}
	return SIM_OK;
}

/* Reserves the range and fills it; NULL with the reason in the step. */
static struct vm_area *
vmalloc_area_new(struct machine *m, uint64_t size, gfp_t gfp, int nested)
{
	struct vmalloc_state *vs = m->vmalloc;
	uint64_t	      nr = (size + PAGE_SIZE - 1) >> PAGE_SHIFT, addr;
	struct vm_area	     *a;
	struct event	     *ev;

	if (nr > m->totalram_pages) {
		step_fail(m->st, SIM_EINVAL,
		    "vmalloc error: size %" PRIu64 ", exceeds total pages",
		    size);
		return NULL;
	}
	addr = vmalloc_find(m, (nr + 1) * PAGE_SIZE);
	if (addr == 0) {
		vmalloc_purge(m);
		addr = vmalloc_find(m, (nr + 1) * PAGE_SIZE);
	}
	if (addr == 0) {
		step_fail(m->st, SIM_ENOMEM,
		    "vmalloc error: size %" PRIu64
		    ", vm_struct allocation failed",
		    size);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->id = ++vs->next_id;
	a->addr = addr;
	a->size = (nr + 1) * PAGE_SIZE;
	a->nr_pages = nr;
	a->nested = nested;
	vmalloc_insert(vs, a);
	ev = step_emit(m->st, EV_VMAP_AREA);
	ev->addr = a->addr;
	ev->size = a->size;
	if (vmalloc_page_array(m, a, gfp) != SIM_OK ||
	    vmalloc_populate(m, a, gfp) != SIM_OK) {
		vmalloc_area_release(m, a);
		vmalloc_remove(vs, a);
		return NULL;
	}
	return a;
}

/* Unmaps and frees the frames and the page array (the range stays). */
static void
vmalloc_area_release(struct machine *m, struct vm_area *a)
{
	enum sim_status keep = m->st->status;
	char	       *reason = m->st->reason;
	uint64_t	i, pfn;

	m->st->reason = NULL;
	for (i = 0; i < a->npfns; i++)
		pgtable_unmap(m, m->kpgt, a->addr + i * PAGE_SIZE, &pfn);
	for (i = 0; i < a->npfns; i++)
		buddy_free(m, a->pfns[i], 0);
	a->npfns = 0;
	if (a->array_area != NULL) {
		vmalloc_area_release(m, a->array_area);
		vmalloc_remove(m->vmalloc, a->array_area);
	} else if (a->array_va != 0)
		kmalloc_free(m, a->array_va);
	a->array_area = NULL;
	a->array_va = 0;
	free(m->st->reason);
	m->st->reason = reason;
	m->st->status = keep;
}

/* The step's tag pre, n in decimal, post: without printf, on every call. */
static void
vmalloc_set_what(struct machine *m, const char *pre, uint64_t n,
    const char *post)
{
	char   buf[64], digits[24];
	size_t k = 0, len = strlen(pre);

	do {
		digits[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	memcpy(buf, pre, len);
	while (k > 0)
		buf[len++] = digits[--k];
	memcpy(buf + len, post, strlen(post) + 1);
	step_set_what(m->st, "%s", buf);
}

enum sim_status
vmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp)
{
	struct vm_area *a;
	uint64_t	i;

	if (size == 0) {
		step_emitf(m->st, EV_FAIL, "size 0");
		return step_fail(m->st, SIM_EINVAL,
		    "WARNING: at mm/vmalloc.c "
		    "__vmalloc_node_range_noprof(): vmalloc(0) returns NULL");
	}
	a = vmalloc_area_new(m, size, gfp, 0);
	if (a == NULL) {
		step_emitf(m->st, EV_FAIL, "%s", m->st->reason);
		return m->st->status;
	}
	m->st->nframes = 0; /* the page array's frames are not the result */
	for (i = 0; i < a->nr_pages; i++)
		step_add_frames(m->st, a->pfns[i], 1);
	m->st->addr = a->addr;
	m->st->size = a->nr_pages * PAGE_SIZE;
	vmalloc_set_what(m, "vmalloc ", a->nr_pages, " pages + guard");
	return SIM_OK;
}

/* The live area that starts at addr, or NULL. */
static struct vm_area *
vmalloc_lookup(const struct machine *m, uint64_t addr, int lazy)
{
	struct vm_area *a = vmalloc_at_start(m->vmalloc, addr);

	return a != NULL && a->lazy == lazy && !a->nested ? a : NULL;
}

enum sim_status
vmalloc_free(struct machine *m, uint64_t addr)
{
	struct vmalloc_state *vs = m->vmalloc;
	struct vm_area	     *a;
	uint64_t	      nr, i;

	if (addr == 0) {
		step_set_what(m->st, "no-op");
		return SIM_OK;
	}
	if ((a = vmalloc_lookup(m, addr, 0)) == NULL) {
		enum sim_status s = vmalloc_lookup(m, addr, 1) != NULL ?
		    SIM_DOUBLE_FREE :
		    SIM_BAD_FREE;

		step_emitf(m->st, EV_REPORT,
		    "Trying to vfree() nonexistent "
		    "vm area (0x%016" PRIx64 ")",
		    addr);
		return step_fail(m->st, s,
		    "Trying to vfree() nonexistent vm "
		    "area (0x%016" PRIx64 ")",
		    addr);
	}
	nr = a->nr_pages;
	for (i = 0; i < nr; i++)
		step_add_frames(m->st, a->pfns[i], 1);
	vmalloc_area_release(m, a);
	a->lazy = 1;
	a->nr_pages = 0;
	vs->lazy_pages += a->size >> PAGE_SHIFT;
	step_emitf(m->st, EV_NOTE,
	    "range %#" PRIx64 "-%#" PRIx64 " waits for "
	    "the lazy purge (%" PRIu64 " of %" PRIu64 " pages)",
	    a->addr, a->addr + a->size, vs->lazy_pages,
	    vmalloc_lazy_max_pages(m));
	if (vs->lazy_pages > vmalloc_lazy_max_pages(m))
		vmalloc_purge(m);
	m->st->status = SIM_OK;
	m->st->addr = 0;
	m->st->size = nr * PAGE_SIZE;
	vmalloc_set_what(m, "vfree ", nr, " pages");
	return SIM_OK;
}

/* ---- views ---- */

size_t
vmalloc_area_count(const struct machine *m)
{
	return m->vmalloc->n;
}

int
vmalloc_area_info(const struct machine *m, size_t i,
    struct vmalloc_area_info *info)
{
	const struct vm_area *a;

	if (i >= m->vmalloc->n)
		return -1;
	a = m->vmalloc->areas[i];
	info->addr = a->addr;
	info->size = a->size;
	info->nr_pages = a->nr_pages;
	info->lazy = a->lazy;
	info->nested = a->nested;
	return 0;
}

int
vmalloc_area_pfn(const struct machine *m, size_t i, uint64_t pg, uint64_t *pfn)
{
	if (i >= m->vmalloc->n || pg >= m->vmalloc->areas[i]->nr_pages)
		return -1;
	*pfn = m->vmalloc->areas[i]->pfns[pg];
	return 0;
}

void
vmalloc_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	const struct frame *f = &m->frames[pfn];
	size_t		    i;

	for (i = 0; i < m->vmalloc->n; i++) {
		const struct vm_area *a = m->vmalloc->areas[i];

		if (a->id != f->own.tag || f->own.aux >= a->nr_pages)
			continue;
		sbuf_printf(out,
		    "vmalloc page %u of %" PRIu64 ", mapped at "
		    "%#" PRIx64 " (area %#" PRIx64 "-%#" PRIx64 ", guard page "
		    "at its end)%s",
		    f->own.aux, a->nr_pages,
		    (uint64_t)(a->addr + f->own.aux * PAGE_SIZE), a->addr,
		    a->addr + a->size, a->nested ? "; holds a page array" : "");
		return;
	}
	sbuf_printf(out, "vmalloc frame %#" PRIx64, pfn);
}

/* Every clean block's gapmax is what a fresh scan of it finds. */
static int
vmalloc_check_gaps(const struct machine *m, char **cause)
{
	const struct vmalloc_state *vs = m->vmalloc;
	uint64_t		    cur = vmalloc_start(m), max;
	size_t			    b;

	for (b = 0; b * VM_BLOCK < vs->n; b++) {
		if (vmalloc_find_block(vs, b, UINT64_MAX, &cur, &max) != 0 ||
		    (b < vs->clean && max != vs->gapmax[b])) {
			*cause = xasprintf("vmalloc: block %zu's largest gap "
					   "is "
					   "%#" PRIx64 ", not the %#" PRIx64
					   " recorded",
			    b, max, vs->gapmax[b]);
			return -1;
		}
	}
	return 0;
}

int
vmalloc_check(const struct machine *m, char **cause)
{
	const struct vmalloc_state *vs = m->vmalloc;
	size_t			    i;
	uint64_t		    pg, pfn;

	if (vmalloc_check_gaps(m, cause) != 0)
		return -1;
	for (i = 0; i < vs->n; i++) {
		const struct vm_area *a = vs->areas[i];

		if (i + 1 < vs->n &&
		    a->addr + a->size > vs->areas[i + 1]->addr) {
			*cause = xasprintf("vmalloc: areas at %#" PRIx64
					   " and %#" PRIx64 " overlap",
			    a->addr, vs->areas[i + 1]->addr);
			return -1;
		}
		for (pg = 0; pg < a->nr_pages; pg++) {
			if (pgtable_lookup(m, m->kpgt, a->addr + pg * PAGE_SIZE,
				&pfn) != 0 ||
			    pfn != a->pfns[pg] ||
			    m->frames[pfn].owner != FO_VMALLOC) {
				*cause = xasprintf("vmalloc: page %" PRIu64
						   " of %#" PRIx64
						   " is not mapped to its "
						   "frame",
				    pg, a->addr);
				return -1;
			}
		}
		if (pgtable_lookup(m, m->kpgt,
			a->addr + a->nr_pages * PAGE_SIZE, &pfn) == 0) {
			*cause = xasprintf("vmalloc: guard page of %#" PRIx64
					   " is mapped",
			    a->addr);
			return -1;
		}
	}
	return 0;
}
