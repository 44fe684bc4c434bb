/*
 * slab-common.c - caches of one's own, as mm/slab_common.c creates,
 * merges and destroys them and mm/slub.c lays them out.
 *
 * kmem_cache_create() first looks for a cache to merge with
 * (__kmem_cache_alias() -> find_mergeable()): none under slab_nomerge
 * (CONFIG_SLAB_MERGE_DEFAULT off, or the slab_nomerge / slub_nomerge
 * boot option) or for a SLAB_NEVER_MERGE flag; else the newest cache on
 * slab_caches that is itself mergeable, has the same SLAB_MERGE_SAME
 * flags, a size no smaller, a multiple of the new alignment and less than
 * a pointer larger.  The kmalloc caches are never candidates in Debian's
 * kernels: CONFIG_HARDENED_USERCOPY gives them a usersize
 * (slab_unmergeable()).  A merged cache is the same struct kmem_cache:
 * its refcount goes up and /proc/slabinfo shows it once.
 *
 * Otherwise a new cache gets calculate_alignment()'s alignment (the cache
 * line, halved while the object fits twice, for SLAB_HWCACHE_ALIGN; at
 * least 8) and calculate_sizes()' layout: the free pointer in the middle
 * of the object, or after it for SLAB_TYPESAFE_BY_RCU, whose objects
 * stay readable after a free; slab.c picks the order (calc_slab_order()).
 *
 * Misuse is reported as the kernel reports it: cache_from_obj()'s "Wrong
 * slab cache" warning, kmem_cache_destroy()'s slab_err report of the
 * objects left; a handle used after its cache was destroyed is a use
 * after free of the struct kmem_cache, which memviz refuses.
 */
#include "sim/kernel/slab-common.h"
#include "sim/kernel/directmap.h"
#include "sim/kernel/kmalloc.h"
#include "sim/kernel/slab.h"
#include "sim/machine-priv.h"
#include "sim/page/init-on.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define KMEM_PTR	 8u	    /* sizeof(void *) */
#define KMEM_CACHE_LINE	 64u	    /* cache_line_size() on x86-64 */
#define KMEM_SIZE_MAX	 (4u << 20) /* above: no order fits */
#define KMEM_ERR_EINVAL	 (-22)
#define KMEM_ERR_REPORT	 1024
#define KMEM_CALLER	 "memviz_script+0x0/0x0"
#define KMEM_NEVER_MERGE (SLAB_TYPESAFE_BY_RCU | SLAB_NO_MERGE)
#define KMEM_MERGE_SAME	 (SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT)

/* clang-format off */
const struct kmem_flag kmem_flags[] = {
	{ "SLAB_HWCACHE_ALIGN", SLAB_HWCACHE_ALIGN, KMEM_MERGE_ANY,
	    "align objects to a cache line (halved for small objects)" },
	{ "SLAB_PANIC", SLAB_PANIC, KMEM_MERGE_ANY,
	    "panic instead of returning NULL when creation fails" },
	{ "SLAB_TYPESAFE_BY_RCU", SLAB_TYPESAFE_BY_RCU, KMEM_MERGE_NEVER,
	    "slabs freed after an RCU grace period; free pointer after the "
	    "object" },
	{ "SLAB_RECLAIM_ACCOUNT", SLAB_RECLAIM_ACCOUNT, KMEM_MERGE_SAME,
	    "objects are reclaimable (counted as SReclaimable)" },
	{ "SLAB_ACCOUNT", SLAB_ACCOUNT, KMEM_MERGE_SAME,
	    "charge objects to the allocating memory cgroup" },
	{ "SLAB_NO_MERGE", SLAB_NO_MERGE, KMEM_MERGE_NEVER,
	    "never merge with another cache (6.5+)" },
};
/* clang-format on */
const size_t kmem_flags_len = sizeof kmem_flags / sizeof kmem_flags[0];

const struct kmem_flag *
kmem_flag_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < kmem_flags_len; i++) {
		if (strcmp(kmem_flags[i].name, name) == 0)
			return &kmem_flags[i];
	}
	return NULL;
}

static uint32_t
align_up(uint32_t x, uint32_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* calculate_alignment() */
static uint32_t
kmem_alignment(slab_flags_t flags, uint32_t align, uint32_t size)
{
	uint32_t ralign = KMEM_CACHE_LINE;

	if (flags & SLAB_HWCACHE_ALIGN) {
		while (size <= ralign / 2)
			ralign /= 2;
		if (ralign > align)
			align = ralign;
	}
	if (align < KMEM_PTR) /* arch_slab_minalign() */
		align = KMEM_PTR;
	return align_up(align, KMEM_PTR);
}

/* slab_nomerge: the boot option, else !CONFIG_SLAB_MERGE_DEFAULT. */
static int
kmem_nomerge(const struct machine *m)
{
	if (m->cfg.slub_nomerge >= 0)
		return m->cfg.slub_nomerge;
	return !m->prof->slab_common.merge_default;
}

/* slab_unmergeable() */
static int
kmem_unmergeable(const struct machine *m, size_t ci)
{
	const struct kmem_own *o = slab_cache_own_const(m, ci);

	if (!o->created) /* a kmalloc cache: usersize, or a boot cache */
		return m->prof->slab_common.hardened_usercopy;
	/* refcount < 0: destroyed again after a busy destroy (6.1) */
	return o->dead || o->unlinked || o->refcount < 0 ||
	    (o->flags & KMEM_NEVER_MERGE) != 0;
}

/* find_mergeable(): the newest compatible cache, or -1. */
static int
kmem_find_mergeable(const struct machine *m, uint32_t size, uint32_t align,
    slab_flags_t flags)
{
	struct slab_cache_info c;
	size_t		       ci = slab_cache_count(m);

	if (kmem_nomerge(m) || (flags & KMEM_NEVER_MERGE))
		return -1;
	size = align_up(size, KMEM_PTR);
	align = kmem_alignment(flags, align, size);
	size = align_up(size, align);
	while (ci-- > 0) {
		if (kmem_unmergeable(m, ci) || slab_cache_info(m, ci, &c) != 0)
			continue;
		if (size > c.size ||
		    (flags & KMEM_MERGE_SAME) !=
			(slab_cache_own_const(m, ci)->flags & KMEM_MERGE_SAME))
			continue;
		if ((c.size & ~(align - 1)) != c.size ||
		    c.size - size >= KMEM_PTR)
			continue;
		return (int)ci;
	}
	return -1;
}

/* __kmem_cache_alias(): one more user of cache ci. */
static enum sim_status
kmem_alias(struct machine *m, int ci, const char *name, uint32_t size)
{
	struct kmem_own	      *o = slab_cache_own(m, (size_t)ci);
	struct slab_cache_info c;

	o->refcount++;
	slab_cache_info(m, (size_t)ci, &c);
	if (size > c.object_size)
		slab_cache_set_object_size(m, (size_t)ci, size);
	if (align_up(size, KMEM_PTR) > o->inuse)
		o->inuse = align_up(size, KMEM_PTR);
	m->st->addr = KMEM_CACHE_HANDLE(ci);
	m->st->size = c.size;
	step_set_what(m->st, "merged into %s", o->name);
	step_emitf(m->st, EV_NOTE,
	    "__kmem_cache_alias: %s joins %s (size %u, refcount %d): one "
	    "cache under %s in /proc/slabinfo",
	    name, o->name, c.size, o->refcount, o->name);
	return SIM_OK;
}

/* The kernel's failure: a warning and NULL, or SLAB_PANIC's panic. */
static enum sim_status
kmem_create_fail(struct machine *m, const char *name, slab_flags_t flags,
    const char *why)
{
	if (flags & SLAB_PANIC)
		return step_fail(m->st, SIM_BUG,
		    "Kernel panic - not syncing: %s: Failed to create slab "
		    "'%s'. Error %d (%s)",
		    m->prof->slab_common.create_fn, name, KMEM_ERR_EINVAL, why);
	return step_fail(m->st, SIM_EINVAL, "%s(%s) failed with error %d (%s)",
	    m->prof->slab_common.create_fn, name, KMEM_ERR_EINVAL, why);
}

/* calculate_sizes() for a new cache, and the cache itself. */
static enum sim_status
kmem_create_cache(struct machine *m, const char *name, uint32_t size,
    uint32_t align, slab_flags_t flags)
{
	struct kmem_own	 own = { .flags = flags, .refcount = 1 };
	struct slab_geom g = { .object_size = size };
	int		 ci;

	snprintf(own.name, sizeof own.name, "%s", name);
	g.align = kmem_alignment(flags, align, size);
	g.size = own.inuse = align_up(size, KMEM_PTR);
	if (flags & SLAB_TYPESAFE_BY_RCU) {
		g.offset = g.size; /* objects stay valid: pointer after it */
		g.size += KMEM_PTR;
	} else
		g.offset = (size / 2) & ~(KMEM_PTR - 1);
	g.size = align_up(g.size, g.align);
	ci = slab_cache_add(m, &own, &g);
	m->st->addr = KMEM_CACHE_HANDLE(ci);
	m->st->size = g.size;
	step_set_what(m->st, "%s", own.name);
	step_emitf(m->st, EV_NOTE,
	    "calculate_sizes: %s object_size %u, size %u, align %u, free "
	    "pointer at %u",
	    own.name, size, g.size, g.align, g.offset);
	return SIM_OK;
}

enum sim_status
kmem_cache_create(struct machine *m, const char *name, uint64_t size,
    uint64_t align, slab_flags_t flags)
{
	const struct kslab_common *k = &m->prof->slab_common;
	int			   ci;

	if (m->prof->kmalloc != KMALLOC_SLUB)
		return step_fail(m->st, SIM_UNSUPPORTED,
		    "kmem_cache_create: memviz models caches of one's own "
		    "for the SLUB profiles (6.1, 6.12) only");
	if (flags & ~k->flags_known)
		return kmem_create_fail(m, name, flags,
		    "a flag this kernel does not know");
	if (size == 0 || size > KMEM_SIZE_MAX)
		return kmem_create_fail(m, name, flags,
		    "no slab order fits the size");
	if (align > PAGE_SIZE || (align & (align - 1)) != 0)
		return kmem_create_fail(m, name, flags,
		    "memviz takes a power-of-two ALIGN up to 4096");
	if (strlen(name) >= KMEM_NAME_MAX || name[0] == '\0')
		return kmem_create_fail(m, name, flags,
		    "memviz keeps names of 1 to 31 characters");
	ci = kmem_find_mergeable(m, (uint32_t)size, (uint32_t)align, flags);
	if (ci >= 0)
		return kmem_alias(m, ci, name, (uint32_t)size);
	return kmem_create_cache(m, name, (uint32_t)size, (uint32_t)align,
	    flags);
}

/* The cache a handle names; -1 with the failure set when none. */
static int
kmem_resolve(struct machine *m, uint64_t cache, const char *fn)
{
	uint64_t	       ci = (cache - KMEM_CACHE_HANDLE_BASE) >> 8;
	const struct kmem_own *o;

	if (cache < KMEM_CACHE_HANDLE_BASE || ci >= slab_cache_count(m) ||
	    cache != KMEM_CACHE_HANDLE(ci) ||
	    !(o = slab_cache_own_const(m, ci))->created) {
		step_fail(m->st, SIM_BUG,
		    "BUG: unable to handle page fault for address: %016" PRIx64
		    " (%s: not a struct kmem_cache from kmem_cache_create)",
		    cache, fn);
		return -1;
	}
	if (o->dead) {
		step_emitf(m->st, EV_REPORT,
		    "%s(%s): use after free of the struct kmem_cache", fn,
		    o->name);
		step_fail(m->st, SIM_BUG,
		    "%s: cache '%s' was destroyed: its struct kmem_cache "
		    "is freed memory (a use after free; KASAN reports "
		    "slab-use-after-free)",
		    fn, o->name);
		return -1;
	}
	return (int)ci;
}

/* slab_want_init_on_alloc(): RCU caches zero only on __GFP_ZERO. */
static int
kmem_want_zero(const struct machine *m, const struct kmem_own *o, gfp_t gfp)
{
	if (o->flags & SLAB_TYPESAFE_BY_RCU)
		return (gfp & ___GFP_ZERO) != 0;
	return init_on_alloc_wanted(m, gfp);
}

enum sim_status
kmem_cache_alloc(struct machine *m, uint64_t cache, gfp_t gfp)
{
	int		       ci = kmem_resolve(m, cache, "kmem_cache_alloc");
	struct slab_cache_info c;
	uint64_t	       addr, pfn;
	struct event	      *ev;

	if (ci < 0)
		return m->st->status;
	slab_cache_info(m, (size_t)ci, &c);
	if (slab_cache_alloc(m, ci, gfp, c.object_size, &addr) != SIM_OK)
		return m->st->status;
	m->st->addr = addr;
	m->st->size = c.object_size;
	step_set_what(m->st, "%s", c.name);
	pfn = directmap_virt_to_pfn(m, addr);
	step_add_frames(m->st, pfn,
	    directmap_virt_to_pfn(m, addr + c.object_size - 1) - pfn + 1);
	if (!kmem_want_zero(m, slab_cache_own_const(m, (size_t)ci), gfp))
		return SIM_OK;
	/* slab_post_alloc_hook(): memset(p, 0, s->object_size) */
	ev = (gfp & ___GFP_ZERO) ? step_emit(m->st, EV_ZERO) :
				   step_emitf(m->st, EV_ZERO, "init_on_alloc");
	phys_zero(m, directmap_pa(m, addr), c.object_size);
	ev->addr = addr;
	ev->size = c.object_size;
	ev->pfn = pfn;
	m->st->zeroed += c.object_size;
	slab_mark_zeroed(m, addr);
	return SIM_OK;
}

enum sim_status
kmem_cache_free(struct machine *m, uint64_t cache, uint64_t addr)
{
	int		       ci = kmem_resolve(m, cache, "kmem_cache_free");
	size_t		       oci, si;
	uint32_t	       obj;
	struct slab_cache_info c;

	if (ci < 0)
		return m->st->status;
	if (addr == 0) {
		step_set_what(m->st, "no-op");
		return SIM_OK;
	}
	if (slab_find(m, addr, &oci, &si, &obj) != 0) {
		/* virt_to_cache() finds no slab: the free is dropped */
		step_emitf(m->st, EV_REPORT,
		    "virt_to_cache: Object is not a Slab page!");
		return step_fail(m->st, SIM_BAD_FREE,
		    "virt_to_cache: Object is not a Slab page! (%#" PRIx64
		    " is not a slab object; nothing freed)",
		    addr);
	}
	if ((int)oci == ci)
		return slab_free_addr(m, addr);
	/* cache_from_obj(): warn, then free to the object's own cache */
	slab_cache_info(m, oci, &c);
	step_emitf(m->st, EV_REPORT,
	    "cache_from_obj: Wrong slab cache. %s but object is from %s",
	    slab_cache_own_const(m, (size_t)ci)->name, c.name);
	if (slab_free_addr(m, addr) == SIM_OK)
		step_set_what(m->st,
		    "%s (cache_from_obj: Wrong slab cache. %s but object is "
		    "from %s)",
		    c.name, slab_cache_own_const(m, (size_t)ci)->name, c.name);
	return m->st->status;
}

/* list_slab_objects(): slab_err's report for one slab with objects. */
static void
kmem_list_objects(struct machine *m, size_t ci, size_t si, struct sbuf *out)
{
	const struct kslab_common *k = &m->prof->slab_common;
	struct slab_slab_info	   s;
	struct slab_obj_info	   o;
	struct sbuf		   objs = { 0 };
	uint64_t		   base;
	uint32_t		   i;

	slab_slab_info(m, ci, si, &s);
	base = directmap_pfn_to_virt(m, s.pfn);
	for (i = 0; i < s.objects; i++) {
		slab_obj_info(m, ci, si, i, &o);
		if (o.state == SLAB_OBJ_USED || o.state == SLAB_OBJ_ZEROED)
			sbuf_printf(&objs,
			    "Object 0x%016" PRIx64 " @offset=%" PRIu64 "\n",
			    o.addr, o.addr - base);
	}
	sbuf_puts(out,
	    "=========================================================="
	    "===================\nBUG ");
	sbuf_printf(out,
	    "%s (Not tainted): ", slab_cache_own_const(m, ci)->name);
	sbuf_printf(out, k->remaining, slab_cache_own_const(m, ci)->name);
	sbuf_puts(out,
	    "\n----------------------------------------------------------"
	    "-------------------\n\n");
	if (k->objects_first)
		sbuf_puts(out, sbuf_str(&objs));
	sbuf_printf(out,
	    "Slab 0x%016" PRIx64 " objects=%u used=%u flags=0x200(slab)\n",
	    m->prof->vmemmap_base + s.pfn * 64, s.objects, s.inuse);
	if (!k->objects_first)
		sbuf_puts(out, sbuf_str(&objs));
	sbuf_free(&objs);
}

/* The kernel's report, one EV_REPORT a line as printk prints it. */
static void
kmem_report_lines(struct machine *m, const char *text)
{
	const char *nl;

	for (; *text != '\0'; text = nl + 1) {
		nl = strchr(text, '\n');
		if (nl == NULL)
			nl = text + strlen(text) - 1;
		if (nl > text)
			step_emitf(m->st, EV_REPORT, "%.*s", (int)(nl - text),
			    text);
	}
}

/* __kmem_cache_shutdown(): 0, or the number of slabs still in use. */
static size_t
kmem_shutdown(struct machine *m, size_t ci, struct sbuf *out)
{
	size_t		      si, busy = 0;
	uint64_t	      objs = 0;
	struct slab_slab_info s;

	slab_cache_shrink(m, ci);
	for (si = 0; si < slab_cache_nslabs(m, ci); si++) {
		slab_slab_info(m, ci, si, &s);
		if (s.inuse == 0)
			continue;
		busy++;
		objs += s.inuse;
		if (s.partial) /* free_partial() walks the partial list */
			kmem_list_objects(m, ci, si, out);
	}
	if (busy)
		step_set_what(m->st, "%" PRIu64 " object%s in %zu slab%s", objs,
		    objs == 1 ? "" : "s", busy, busy == 1 ? "" : "s");
	return busy;
}

enum sim_status
kmem_cache_destroy(struct machine *m, uint64_t cache)
{
	int		 ci = kmem_resolve(m, cache, "kmem_cache_destroy");
	struct kmem_own *o;
	struct sbuf	 rep = { 0 };

	if (ci < 0)
		return m->st->status;
	o = slab_cache_own(m, (size_t)ci);
	step_set_what(m->st, "%s", o->name);
	if (--o->refcount != 0) { /* still shared, or destroyed twice */
		step_emitf(m->st, EV_NOTE,
		    "kmem_cache_destroy: %s refcount now %d: %s", o->name,
		    o->refcount,
		    o->refcount > 0 ? "merged caches still use it" :
				      "nothing happens (and it never merges "
				      "again)");
		return SIM_OK;
	}
	if (kmem_shutdown(m, (size_t)ci, &rep) == 0) {
		o->dead = 1;
		sbuf_free(&rep);
		return SIM_OK;
	}
	o->unlinked = m->prof->slab_common.destroy_unlinks;
	kmem_report_lines(m, sbuf_str(&rep));
	sbuf_free(&rep);
	step_emitf(m->st, EV_REPORT,
	    "kmem_cache_destroy %s: Slab cache still has objects when called "
	    "from " KMEM_CALLER,
	    o->name);
	return step_fail(m->st, SIM_BUG,
	    "kmem_cache_destroy %s: Slab cache still has objects when called "
	    "from " KMEM_CALLER " (%s; the cache is %s)",
	    o->name, m->st->what, o->unlinked ? "unlinked and leaked" : "kept");
}

enum sim_status
kmem_ksize(struct machine *m, uint64_t addr)
{
	size_t		       ci, si;
	uint32_t	       obj;
	struct slab_cache_info c;
	const struct kmem_own *o;
	uint64_t	       pfn;

	if (addr <= ZERO_SIZE_PTR) { /* ZERO_OR_NULL_PTR() */
		m->st->addr = 0;
		return SIM_OK;
	}
	if (slab_find(m, addr, &ci, &si, &obj) == 0) {
		slab_cache_info(m, ci, &c);
		o = slab_cache_own_const(m, ci);
		/* slab_ksize(): s->inuse for SLAB_TYPESAFE_BY_RCU */
		m->st->addr = (o->flags & SLAB_TYPESAFE_BY_RCU) ? o->inuse :
								  c.size;
		step_set_what(m->st, "%s", c.name);
		return SIM_OK;
	}
	if (directmap_contains(m, addr, 1)) {
		pfn = directmap_virt_to_pfn(m, addr);
		while (pfn > 0 && m->frames[pfn].owner == FO_KMALLOC_LARGE &&
		    !(m->frames[pfn].flags & FF_HEAD))
			pfn--;
		if (m->frames[pfn].owner == FO_KMALLOC_LARGE) {
			m->st->addr = PAGE_SIZE << m->frames[pfn].order;
			step_set_what(m->st, "kmalloc_large");
			return SIM_OK;
		}
	}
	return step_fail(m->st, SIM_EINVAL,
	    "WARNING: at mm/slab_common.c __ksize(): %#" PRIx64
	    " is neither a slab object nor a kmalloc_large block",
	    addr);
}

int
kmem_cache_describe(const struct machine *m, uint64_t cache, struct sbuf *out)
{
	uint64_t	       ci = (cache - KMEM_CACHE_HANDLE_BASE) >> 8;
	const struct kmem_own *o;
	struct slab_cache_info c;

	if (cache < KMEM_CACHE_HANDLE_BASE || ci >= slab_cache_count(m) ||
	    !(o = slab_cache_own_const(m, ci))->created)
		return -1;
	if (slab_cache_info(m, ci, &c) != 0) {
		sbuf_printf(out, "struct kmem_cache %s: destroyed", o->name);
		return 0;
	}
	sbuf_printf(out,
	    "struct kmem_cache %s: object_size %u, size %u, align %u, free "
	    "pointer at %u, %u per order-%u slab, refcount %d",
	    o->name, c.object_size, c.size, c.align, c.offset, c.objects,
	    c.order, o->refcount);
	return 0;
}
