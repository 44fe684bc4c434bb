/*
 * kmalloc.c - kmalloc/kzalloc/kfree: the size-to-cache map, the page
 * allocator path above the caches, zeroing, and the checks kfree makes.
 *
 * 6.x (mm/slab_common.c, mm/slub.c): the kind of cache from the GFP
 * flags (kmalloc_type(): GFP_DMA, then __GFP_RECLAIMABLE, then
 * __GFP_ACCOUNT, else kmalloc-N), the size up to 192 through
 * kmalloc_size_index[], larger ones through fls(size - 1); above
 * KMALLOC_MAX_CACHE_SIZE (8 KiB) a compound page of get_order(size)
 * (___kmalloc_large_node()); above 4 MiB the page allocator refuses the
 * order.  kmalloc(0) is ZERO_SIZE_PTR.  __GFP_ZERO clears the whole
 * object_size (slab_post_alloc_hook()).
 * 2.6 (mm/slab.c): the first general cache at least as large, its
 * size-N(DMA) twin for GFP_DMA; nothing above size-131072.  kzalloc
 * clears the requested bytes.
 * 2.0 (mm/kmalloc.c): the first bucket whose block holds the request plus
 * its 8-byte header; "kmalloc of too large a block" above 131048 bytes.
 *
 * Invariant: every failure and every rejected kfree is a step status with
 * the modelled kernel's message; nothing here can crash memviz.
 */
#include "sim/kernel/kmalloc.h"
#include "sim/page/buddy.h"
#include "sim/kernel/directmap.h"
#include "sim/machine-priv.h"
#include "sim/kernel/slab.h"
#include "sim/page/init-on.h"

#include <inttypes.h>
#include <stdio.h>

/* mm/slab_common.c: kernel cache index for (size - 1) / 8, sizes 1..192. */
static const uint8_t kmalloc_size_index[24] = { 3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1,
	1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2 };

static unsigned
kmalloc_fls(uint64_t x)
{
	unsigned r = 0;

	while (x != 0) {
		r++;
		x >>= 1;
	}
	return r;
}

/* Position in prof->caches of the cache of that type and object size. */
static int
kmalloc_by_size(const struct kprofile *prof, int type, uint64_t size)
{
	size_t i;

	for (i = 0; i < prof->ncaches; i++) {
		if (prof->caches[i].size == size &&
		    (int)prof->caches[i].type == type)
			return (int)i;
	}
	return -1;
}

/*
 * include/linux/slab.h kmalloc_type(): the first rule whose bits the
 * request has; KMALLOC_NORMAL when none (the common case, one test of
 * KMALLOC_NOT_NORMAL_BITS in the kernel).
 */
int
kmalloc_type(const struct kprofile *prof, gfp_t gfp)
{
	const struct kmalloc_type_rule *r;

	for (r = prof->type_rules; r != NULL && r->gfp != 0; r++) {
		if (gfp & r->gfp)
			return (int)r->type;
	}
	return KMALLOC_NORMAL;
}

/*
 * GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK (mm/internal.h): what
 * allocate_slab() keeps of the caller's flags; the zone, mobility and
 * __GFP_ACCOUNT bits come from the cache instead.
 */
#define SLAB_GFP_KEPT \
	(__GFP_RECLAIM | ___GFP_HIGH | ___GFP_IO | ___GFP_FS | ___GFP_NOWARN | \
	    ___GFP_RETRY_MAYFAIL | ___GFP_NOFAIL | ___GFP_NORETRY | \
	    ___GFP_MEMALLOC | ___GFP_NOMEMALLOC | ___GFP_HARDWALL | \
	    ___GFP_THISNODE)

/* The cache's allocflags by type (SLAB_CACHE_DMA, SLAB_RECLAIM_ACCOUNT). */
static const gfp_t kmalloc_type_allocflags[KMALLOC_NR_TYPES] = {
	[KMALLOC_DMA] = ___GFP_DMA,
	[KMALLOC_RECLAIM] = ___GFP_RECLAIMABLE,
};

gfp_t
kmalloc_slab_gfp(const struct kprofile *prof, const struct kcache_def *def,
    gfp_t gfp)
{
	if (prof->kmalloc == KMALLOC_BUCKETS)
		return gfp & ~(gfp_t)___GFP_ZERO;
	return (gfp & SLAB_GFP_KEPT) | kmalloc_type_allocflags[def->type];
}

int
kmalloc_index(const struct kprofile *prof, uint64_t size)
{
	return kmalloc_slab_index(prof, size, GFP_KERNEL);
}

int
kmalloc_slab_index(const struct kprofile *prof, uint64_t size, gfp_t gfp)
{
	uint64_t need = size;
	size_t	 i;
	unsigned k;
	int	 type = kmalloc_type(prof, gfp);

	if (prof->kmalloc == KMALLOC_SLUB) {
		/* kmalloc_slab(): the table, then fls(size - 1) */
		if (size == 0 || size > prof->kmalloc_max_cache)
			return -1;
		k = size <= 192 ? kmalloc_size_index[(size - 1) / 8] :
				  kmalloc_fls(size - 1);
		return kmalloc_by_size(prof, type,
		    k == 1     ? 96 :
			k == 2 ? 192 :
				 1ull << k);
	}
	if (prof->kmalloc == KMALLOC_BUCKETS)
		need += 8; /* sizeof (struct block_header) */
	for (i = 0; i < prof->ncaches; i++) {
		if ((int)prof->caches[i].type == type &&
		    need <= prof->caches[i].size)
			return (int)i;
	}
	return -1;
}

/* The refusal above the profile's largest cache, in its kernel's words. */
static enum sim_status
kmalloc_too_big(struct machine *m, uint64_t size)
{
	step_emitf(m->st, EV_FAIL, "larger than the largest kmalloc");
	if (m->prof->kmalloc == KMALLOC_BUCKETS)
		return step_fail(m->st, SIM_E2BIG,
		    "kmalloc of too large a "
		    "block (%d bytes).",
		    (int)size);
	return step_fail(m->st, SIM_E2BIG,
	    "kmalloc(%" PRIu64 "): above the "
	    "largest general cache (size-131072); __find_general_cachep() "
	    "finds none and kmalloc returns NULL",
	    size);
}

/* ___kmalloc_large_node(): a compound page straight from buddy. */
static enum sim_status
kmalloc_large(struct machine *m, uint64_t size, gfp_t gfp)
{
	unsigned      order = 0;
	uint64_t      pfn;
	struct event *ev;

	while ((PAGE_SIZE << order) < size && order <= MAX_PAGE_ORDER)
		order++;
	if (order > MAX_PAGE_ORDER) {
		step_emitf(m->st, EV_FAIL, "order > MAX_PAGE_ORDER");
		/* WARN_ON_ONCE_GFP(): silent under __GFP_NOWARN */
		if (gfp & ___GFP_NOWARN)
			return step_fail(m->st, SIM_E2BIG,
			    "kmalloc(%" PRIu64 ") needs an order above "
			    "MAX_PAGE_ORDER (10): NULL returned without a "
			    "warning (__GFP_NOWARN)",
			    size);
		return step_fail(m->st, SIM_E2BIG,
		    "WARNING: at "
		    "mm/page_alloc.c __alloc_pages_noprof(): kmalloc(%" PRIu64
		    ") needs an order above MAX_PAGE_ORDER (10); the largest "
		    "kmalloc is KMALLOC_MAX_SIZE, 4 MiB; returns NULL",
		    size);
	}
	if (buddy_alloc(m, gfp | ___GFP_COMP, order, FO_KMALLOC_LARGE, &pfn) !=
	    SIM_OK)
		return m->st->status;
	phys_set_tag(m, pfn, (uint32_t)size, 0);
	ev = step_emit(m->st, EV_LARGE_ALLOC);
	ev->addr = directmap_pfn_to_virt(m, pfn);
	ev->pfn = pfn;
	ev->order = order;
	ev->size = size;
	m->st->addr = ev->addr;
	m->st->size = PAGE_SIZE << order;
	step_add_frames(m->st, pfn, 1ull << order);
	step_set_what(m->st, "kmalloc_large order-%u", order);
	return SIM_OK;
}

/*
 * kzalloc's memset: the whole object (6.x) or the request (2.x).  Under
 * init_on_alloc SLUB does the same memset for every kmalloc
 * (slab_want_init_on_alloc(); the kmalloc caches have no constructor),
 * so the event names init_on_alloc when __GFP_ZERO was not asked.
 */
static void
kmalloc_zero(struct machine *m, uint64_t addr, uint64_t size,
    uint32_t object_size, gfp_t gfp)
{
	uint64_t      n = m->prof->zero_whole_object ? object_size : size;
	struct event *ev = (gfp & ___GFP_ZERO) ?
	    step_emit(m->st, EV_ZERO) :
	    step_emitf(m->st, EV_ZERO, "init_on_alloc");

	phys_zero(m, directmap_pa(m, addr), n);
	ev->addr = addr;
	ev->size = n;
	ev->pfn = directmap_virt_to_pfn(m, addr);
	m->st->zeroed += n;
	slab_mark_zeroed(m, addr);
}

/* 2.0: say where the 16-byte descriptor and the 8-byte header went. */
static void
kmalloc_note_bucket(struct machine *m, uint64_t addr, uint32_t block)
{
	uint64_t area = (addr - 8) & ~(PAGE_SIZE - 1);

	step_emitf(m->st, EV_NOTE,
	    "block header (8 bytes: MF_USED, length) at "
	    "%#" PRIx64 ", page descriptor (16 bytes) at %#" PRIx64 "; "
	    "%u-byte block, %u usable",
	    addr - 8, area, block, block - 8);
}

enum sim_status
kmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp)
{
	struct slab_cache_info ci;
	uint64_t	       addr, first, last;
	int		       idx;

	if (size == 0 && m->prof->zero_size_ptr) {
		m->st->addr = ZERO_SIZE_PTR;
		step_set_what(m->st, "ZERO_SIZE_PTR");
		step_emitf(m->st, EV_NOTE,
		    "kmalloc(0) returns ZERO_SIZE_PTR "
		    "(16): not an object; dereferencing it faults");
		return SIM_OK;
	}
	if (size > m->prof->kmalloc_max_cache) {
		if (m->prof->kmalloc_large)
			return kmalloc_large(m, size, gfp);
		return kmalloc_too_big(m, size);
	}
	idx = kmalloc_slab_index(m->prof, size, gfp);
	if (idx < 0)
		return kmalloc_too_big(m, size);
	if (slab_cache_alloc(m, idx, gfp, size, &addr) != SIM_OK)
		return m->st->status;
	slab_cache_info(m, (size_t)idx, &ci);
	m->st->addr = addr;
	m->st->size = ci.object_size;
	step_set_what(m->st, "%s", ci.name);
	first = directmap_virt_to_pfn(m, addr);
	last = directmap_virt_to_pfn(m, addr + ci.object_size - 1);
	step_add_frames(m->st, first, last - first + 1);
	if (m->prof->kmalloc == KMALLOC_BUCKETS)
		kmalloc_note_bucket(m, addr, ci.size);
	if (init_on_alloc_wanted(m, gfp))
		kmalloc_zero(m, addr, size, ci.object_size, gfp);
	return SIM_OK;
}

static enum sim_status
kmalloc_report(struct machine *m, enum sim_status s, const char *text)
{
	step_emitf(m->st, EV_REPORT, "%s", text);
	return step_fail(m->st, s, "%s", text);
}

/* kfree of a page-allocator block: only a kmalloc_large head is right. */
static enum sim_status
kmalloc_free_pages(struct machine *m, uint64_t addr, uint64_t pfn)
{
	const struct frame *f = &m->frames[pfn];
	uint64_t	    head = pfn;
	struct event	   *ev;
	char		    buf[256];

	if (f->owner != FO_KMALLOC_LARGE) {
		snprintf(buf, sizeof buf,
		    m->prof->kmalloc == KMALLOC_SLUB ?
			"WARNING: at mm/slub.c free_large_kmalloc(): object "
			"pointer: 0x%016" PRIx64 " (pfn %#" PRIx64
			" is %s, neither "
			"slab nor kmalloc_large)" :
			"kernel BUG at mm/slab.c: "
			"page_get_cache(): kfree(%#" PRIx64 "): pfn %#" PRIx64
			" is %s, not a slab page",
		    addr, pfn, frame_owner_name((enum frame_owner)f->owner));
		return kmalloc_report(m, SIM_BAD_FREE, buf);
	}
	while (!(m->frames[head].flags & FF_HEAD))
		head--;
	if (addr != directmap_pfn_to_virt(m, head)) {
		snprintf(buf, sizeof buf,
		    "kfree(0x%016" PRIx64 "): %" PRIu64
		    " bytes into a kmalloc_large block; free_large_kmalloc() "
		    "would free the whole compound page unchecked (refused "
		    "here)",
		    addr, addr - directmap_pfn_to_virt(m, head));
		return kmalloc_report(m, SIM_BAD_FREE, buf);
	}
	ev = step_emit(m->st, EV_LARGE_FREE);
	ev->addr = addr;
	ev->pfn = head;
	ev->order = m->frames[head].order;
	ev->size = m->frames[head].own.tag;
	m->st->size = PAGE_SIZE << ev->order;
	step_set_what(m->st, "kmalloc_large order-%u", ev->order);
	buddy_free(m, head, ev->order);
	return SIM_OK;
}

enum sim_status
kmalloc_free(struct machine *m, uint64_t addr)
{
	uint64_t pfn;
	char	 buf[200];

	if (addr == 0 || (m->prof->zero_size_ptr && addr <= ZERO_SIZE_PTR)) {
		step_set_what(m->st, "no-op");
		return SIM_OK; /* ZERO_OR_NULL_PTR() */
	}
	if (!directmap_contains(m, addr, 1)) {
		snprintf(buf, sizeof buf,
		    "BUG: unable to handle page fault "
		    "for address: %016" PRIx64 " (kfree() of an address "
		    "outside the direct map; vmalloc memory goes back with "
		    "vfree())",
		    addr);
		return kmalloc_report(m, SIM_BAD_FREE, buf);
	}
	pfn = directmap_virt_to_pfn(m, addr);
	if (m->frames[pfn].owner == FO_SLAB ||
	    m->prof->kmalloc == KMALLOC_BUCKETS)
		return slab_free_addr(m, addr);
	return kmalloc_free_pages(m, addr, pfn);
}
