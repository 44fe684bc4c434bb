/*
 * slab.c - the general kmalloc caches of the three kernel profiles.
 *
 * One machinery, three layouts, chosen by the profile's kmalloc model:
 *  - SLUB (6.x, mm/slub.c): geometry from calculate_order(); objects from
 *    offset 0 back to back; the free pointer inside a free object at
 *    s->offset; one CPU slab, then partial slabs; an empty slab is
 *    discarded when the node already holds min_partial partial slabs
 *    (__slab_free()), otherwise it stays on the partial list.
 *  - SLAB (2.6, mm/slab.c): geometry from calculate_slab_order() and
 *    cache_estimate(); struct slab and the kmem_bufctl_t array at the
 *    front of on-slab slabs, after a colour offset that cycles per slab;
 *    partial slabs before empty ones; an empty slab is destroyed only when
 *    the cache holds more than free_limit free objects (free_block()).
 *    Per-CPU array caches are not modelled: objects go straight back to
 *    their slab.  The off-slab management of size-512 and up (which the
 *    kernel kmallocs from a smaller general cache) is kept on the host.
 *  - buckets (2.0, mm/kmalloc.c): a 16-byte page descriptor at the front
 *    of each area and an 8-byte header before each block; an area is
 *    given back when all its blocks are free, except that one area per
 *    order 0..2 is parked in kmalloc_cache[] and used when
 *    __get_free_pages fails (free_kmalloc_pages()).
 *
 * SLUB's hardening, as the profile's config has it (freelist.h): a fresh
 * slab's freelist follows the cache's random sequence from a random
 * start (CONFIG_SLAB_FREELIST_RANDOM), else it is ascending; free
 * pointers are stored obfuscated (CONFIG_SLAB_FREELIST_HARDENED).  With
 * init_on_free a freed object is cleared before its free pointer is
 * written, and the pointer is wiped when the object is handed out again
 * (slab_free_hook(), maybe_wipe_obj_freeptr()).
 *
 * Invariants: frees push on the head (LIFO); the host
 * keeps per slab only what struct slab / struct page keep (head of the
 * freelist, inuse) plus a per-object state and requested size for views;
 * the links themselves are read from the simulated bytes.  Slabs of a
 * cache are kept dense: removing one moves the last into its slot and
 * re-tags that slab's frames.
 */
#include "sim/kernel/slab.h"
#include "sim/kernel/slab-common.h"
#include "sim/kernel/freelist.h"
#include "sim/kernel/kmalloc.h"
#include "sim/page/buddy.h"
#include "sim/page/init-on.h"
#include "sim/kernel/directmap.h"
#include "sim/page/unaligned.h"
#include "sim/machine-priv.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OBJ_NONE UINT32_MAX
#define OBJ_BAD	 (UINT32_MAX - 1)

/* mm/slub.c */
#define MIN_PARTIAL	  5
#define MAX_PARTIAL	  10
#define MAX_OBJS_PER_PAGE 32767
#define SLUB_MAX_ORDER	  3 /* PAGE_ALLOC_COSTLY_ORDER */
/* mm/slab.c (2.6) */
#define SLAB_STRUCT_SIZE    40 /* struct slab on x86-64, before nodeid */
#define BUFCTL_END	    0xffffffffu
#define SLAB_L1_CACHE_BYTES 64
/* mm/kmalloc.c (2.0) */
#define MF_USED		     0xffaa0055u
#define MF_FREE		     0x0055ffaau
#define BUCKET_PAGE_DESC     16
#define BUCKET_HEADER	     8
#define KMALLOC_CACHE_ORDERS 3 /* MAX_CACHE_ORDER */
#define KMALLOC_CACHE_TAG    0xffffffffu

struct kslab {
	uint64_t  pfn;
	unsigned  order;
	uint32_t  objects;
	uint32_t  inuse;
	uint32_t  free;	  /* head of the freelist, OBJ_NONE */
	uint32_t  first;  /* offset of object slot 0 */
	uint32_t  colour; /* SLAB colour offset */
	int	  partial;
	int	  cpu_of;	  /* SLUB: whose CPU slab (frozen), or -1 */
	int	  cpu_partial_of; /* SLUB: on this CPU's partial list, or -1 */
	uint8_t	 *state;	  /* enum slab_obj_state */
	uint32_t *req;
	uint32_t *bufctl; /* SLAB off-slab management, else NULL */
};

/*
 * SLUB's struct kmem_cache_cpu: the CPU slab with its lockless freelist
 * (objects freed on this CPU into its own slab; slab->freelist gets the
 * frees of other CPUs) and the CPU partial list, most recent last.
 */
struct kcache_cpu {
	int	  slab; /* index in slabs, or -1 */
	uint32_t  freelist;
	uint32_t *partial;
	size_t	  npartial;
};

struct kcache {
	const struct kcache_def *def;
	uint32_t		 object_size, size, align, offset, header;
	uint32_t		 objects, min_objects;
	unsigned		 order, min_order;
	uint32_t		 mgmt; /* SLAB on-slab struct slab + bufctl */
	int			 off_slab;
	uint32_t		 colour, colour_off, colour_next;
	uint32_t		 min_partial; /* SLUB */
	uint32_t		 free_limit;  /* SLAB */
	unsigned		 limit, batchcount, shared;
	struct kslab		*slabs;
	size_t			 nslabs, cap;
	uint32_t		*partial; /* slab indices, most recent last */
	size_t			 npartial;
	struct kcache_cpu	*cpus; /* one per CPU (SLUB's only use) */
	unsigned		 ncpus;
	/* set_cpu_partial(): s->cpu_partial objects, as slabs */
	uint32_t	cpu_partial, cpu_partial_slabs;
	uint64_t	active, requested;
	uint64_t	random;	    /* SLUB s->random (hardened), else 0 */
	uint32_t       *random_seq; /* SLUB s->random_seq, or NULL */
	struct kmem_own own;	    /* a cache of one's own (slab-common.c) */
};

struct slab_state {
	struct kcache *caches;
	size_t	       n;
	uint64_t       area_cache[KMALLOC_CACHE_ORDERS]; /* 2.0 */
	struct rng     rng; /* SLUB's get_random_*() for its hardening */
};

static int
slab_model(const struct machine *m)
{
	return m->prof->kmalloc;
}

static unsigned
get_order(uint64_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static unsigned
fls_u(uint64_t x)
{
	unsigned r = 0;

	while (x != 0) {
		r++;
		x >>= 1;
	}
	return r;
}

/* calc_slab_order(): the first order whose leftover is small enough. */
static unsigned
slub_calc_order(uint32_t size, unsigned min_order, unsigned max_order,
    unsigned fract)
{
	unsigned order;

	for (order = min_order; order <= max_order; order++) {
		uint64_t slab_size = PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract)
			break;
	}
	return order;
}

/* calculate_order() of 6.7+ with slub_min_order 0, slub_max_order 3. */
static unsigned
slub_calculate_order(uint32_t size, unsigned cpus)
{
	uint64_t min_objects = 4 * (fls_u(cpus) + 1), max_objects;
	unsigned min_order, order, fract;

	max_objects = (PAGE_SIZE << SLUB_MAX_ORDER) / size;
	if (min_objects > max_objects)
		min_objects = max_objects;
	if (min_objects < 1)
		min_objects = 1;
	min_order = get_order(min_objects * size);
	if ((PAGE_SIZE << min_order) / size > MAX_OBJS_PER_PAGE)
		return get_order((uint64_t)size * MAX_OBJS_PER_PAGE) - 1;
	for (fract = 16; fract > 1; fract /= 2) {
		order = slub_calc_order(size, min_order, SLUB_MAX_ORDER, fract);
		if (order <= SLUB_MAX_ORDER)
			return order;
	}
	return get_order(size);
}

static void slub_order_fields(struct kcache *c, unsigned cpus);

/* calculate_sizes() and set_min_partial() for a kmalloc cache. */
static void
slub_geometry(struct kcache *c, unsigned cpus)
{
	uint32_t sz = c->def->size;

	/* create_boot_cache(): the largest power of two dividing the size */
	c->align = sz & -sz;
	if (c->align < 8)
		c->align = 8;
	c->object_size = sz;
	c->size = (sz + c->align - 1) & ~(c->align - 1);
	c->offset = (sz / 2) & ~7u; /* ALIGN_DOWN(object_size / 2, 8) */
	slub_order_fields(c, cpus);
}

/* The rest of calculate_sizes() and set_min_partial(), once s->size is
 * known. */
static void
slub_order_fields(struct kcache *c, unsigned cpus)
{
	c->order = slub_calculate_order(c->size, cpus);
	c->objects = (uint32_t)((PAGE_SIZE << c->order) / c->size);
	c->min_order = get_order(c->size);
	c->min_objects = (uint32_t)((PAGE_SIZE << c->min_order) / c->size);
	c->min_partial = fls_u(c->size) - 1; /* ilog2 */
	c->min_partial /= 2;
	if (c->min_partial > MAX_PARTIAL)
		c->min_partial = MAX_PARTIAL;
	if (c->min_partial < MIN_PARTIAL)
		c->min_partial = MIN_PARTIAL;
}

/* cache_estimate(): objects and leftover at one order. */
static uint32_t
slab_estimate(const struct kcache *c, unsigned order, uint32_t *left,
    uint32_t *mgmt)
{
	uint64_t slab_size = PAGE_SIZE << order, n;

	*mgmt = 0;
	if (c->off_slab) {
		n = slab_size / c->size;
	} else {
		n = (slab_size - SLAB_STRUCT_SIZE) / (c->size + 4);
		while (n > 0 &&
		    ((SLAB_STRUCT_SIZE + n * 4 + c->align - 1) &
			~(uint64_t)(c->align - 1)) +
			    n * c->size >
			slab_size)
			n--;
		*mgmt = (uint32_t)((SLAB_STRUCT_SIZE + n * 4 + c->align - 1) &
		    ~(uint64_t)(c->align - 1));
	}
	*left = (uint32_t)(slab_size - n * c->size - *mgmt);
	return (uint32_t)n;
}

/*
 * 2.6 kmem_cache_create() for a general cache: SLAB_HWCACHE_ALIGN
 * (halved while the object fits twice), off-slab from PAGE_SIZE/8, then
 * calculate_slab_order() with slab_break_gfp_order (1 above 32 MiB of
 * RAM), the colour range and enable_cpucache()'s tunables.
 */
static void
slab_geometry(struct kcache *c, uint64_t ram, unsigned cpus)
{
	unsigned order, brk = ram > (32ull << 20) ? 1 : 0;
	uint32_t left = 0, mgmt = 0, n;

	c->align = SLAB_L1_CACHE_BYTES;
	while (c->def->size <= c->align / 2)
		c->align /= 2;
	c->object_size = c->size = c->def->size;
	c->off_slab = c->size >= PAGE_SIZE / 8;
	for (order = 0; order <= MAX_PAGE_ORDER; order++) {
		n = slab_estimate(c, order, &left, &mgmt);
		if (n == 0)
			continue;
		c->objects = n;
		c->order = order;
		c->mgmt = mgmt;
		if (order >= brk || (uint64_t)left * 8 <= PAGE_SIZE << order)
			break;
	}
	c->min_order = c->order;
	c->min_objects = c->objects;
	c->colour_off = SLAB_L1_CACHE_BYTES > c->align ? SLAB_L1_CACHE_BYTES :
							 c->align;
	slab_estimate(c, c->order, &left, &mgmt);
	c->colour = left / c->colour_off;
	c->limit = c->size > 131072 ? 1 :
	    c->size > PAGE_SIZE	    ? 8 :
	    c->size > 1024	    ? 24 :
	    c->size > 256	    ? 54 :
				      120;
	c->batchcount = (c->limit + 1) / 2;
	c->shared = c->size <= PAGE_SIZE && cpus > 1 ? 8 : 0;
	c->free_limit = (1 + cpus) * c->batchcount + c->objects;
}

/* 2.0's sizes[]: fixed block size, blocks per area and area order. */
static void
bucket_geometry(struct kcache *c)
{
	c->size = c->def->size;
	c->align = 4;
	c->header = BUCKET_HEADER;
	c->object_size = c->size - BUCKET_HEADER;
	c->order = c->min_order = c->def->order;
	c->objects = c->min_objects = c->def->objects;
}

/*
 * kmem_cache_open()'s s->random and init_cache_random_seq(), for the
 * options the profile's config has; the sequence covers the objects of
 * a slab at the preferred order (oo_objects(s->oo)).
 */
static void
slub_harden(const struct machine *m, struct rng *rng, struct kcache *c)
{
	if (m->prof->config.slab_freelist_hardened)
		c->random = rng_next(rng);
	if (m->prof->config.slab_freelist_random)
		c->random_seq = freelist_random_seq(rng, c->objects);
}

/*
 * set_cpu_partial() and slub_set_cpu_partial(): how many objects the CPU
 * partial lists should hold by object size, kept as a number of slabs
 * assumed half full (the same rule in 6.1 and 6.12).  0 without
 * CONFIG_SLUB_CPU_PARTIAL.
 */
static void
slub_set_cpu_partial(const struct machine *m, struct kcache *c)
{
	uint32_t n = c->size >= PAGE_SIZE ? 6 :
	    c->size >= 1024		  ? 24 :
	    c->size >= 256		  ? 52 :
					    120;

	if (!m->prof->config.slub_cpu_partial)
		n = 0;
	c->cpu_partial = n;
	c->cpu_partial_slabs = (n * 2 + c->objects - 1) / c->objects;
}

static void
kcache_cpus_init(struct kcache *c, unsigned ncpus)
{
	unsigned cpu;

	c->ncpus = ncpus;
	c->cpus = xcalloc(ncpus, sizeof *c->cpus);
	for (cpu = 0; cpu < ncpus; cpu++) {
		c->cpus[cpu].slab = -1;
		c->cpus[cpu].freelist = OBJ_NONE;
	}
}

void
slab_init(struct machine *m)
{
	struct slab_state *ss = xcalloc(1, sizeof *ss);
	struct rng	   typed;
	size_t		   i;

	/* "slub" in the low bytes: a generator of its own, so SLUB's draws
	 * leave the machine's other random choices as they were; the
	 * cg/rcl/dma caches ("ktyp") draw from another, so the plain
	 * caches' sequences stay what they were for a seed */
	rng_seed(&ss->rng, m->cfg.seed ^ 0x736c7562u);
	rng_seed(&typed, m->cfg.seed ^ 0x6b747970u);
	ss->n = m->prof->ncaches;
	ss->caches = xcalloc(ss->n, sizeof *ss->caches);
	for (i = 0; i < KMALLOC_CACHE_ORDERS; i++)
		ss->area_cache[i] = UINT64_MAX;
	for (i = 0; i < ss->n; i++) {
		struct kcache *c = &ss->caches[i];

		c->def = &m->prof->caches[i];
		kcache_cpus_init(c, m->cfg.cpus);
		if (slab_model(m) == KMALLOC_SLUB) {
			slub_geometry(c, m->cfg.cpus);
			slub_set_cpu_partial(m, c);
			slub_harden(m,
			    c->def->type == KMALLOC_NORMAL ? &ss->rng : &typed,
			    c);
		} else if (slab_model(m) == KMALLOC_SLAB)
			slab_geometry(c, m->cfg.ram, m->cfg.cpus);
		else
			bucket_geometry(c);
	}
	m->slab = ss;
}

void
slab_destroy(struct machine *m)
{
	struct slab_state *ss = m->slab;
	size_t		   i, j;

	if (ss == NULL)
		return;
	for (i = 0; i < ss->n; i++) {
		for (j = 0; j < ss->caches[i].nslabs; j++) {
			free(ss->caches[i].slabs[j].state);
			free(ss->caches[i].slabs[j].req);
			free(ss->caches[i].slabs[j].bufctl);
		}
		free(ss->caches[i].slabs);
		free(ss->caches[i].partial);
		free(ss->caches[i].random_seq);
		for (j = 0; j < ss->caches[i].ncpus; j++)
			free(ss->caches[i].cpus[j].partial);
		free(ss->caches[i].cpus);
	}
	free(ss->caches);
	free(ss);
	m->slab = NULL;
}

/* A cache of one's own names itself: its def lives inside it. */
static void
kcache_own_def(struct kcache *c)
{
	if (!c->own.created)
		return;
	c->own.def.name = c->own.name;
	c->def = &c->own.def;
}

/* A cache's slabs and lists, each array copied (slab_clone). */
static void
kcache_clone(struct kcache *c, const struct kcache *src)
{
	size_t j;

	c->slabs = src->cap ? xreallocarray(NULL, src->cap, sizeof *c->slabs) :
			      NULL;
	for (j = 0; j < src->nslabs; j++) {
		const struct kslab *s = &src->slabs[j];

		c->slabs[j] = *s;
		c->slabs[j].state = xmemdup(s->state, s->objects);
		c->slabs[j].req = xmemdup(s->req, s->objects * sizeof *s->req);
		c->slabs[j].bufctl = xmemdup(s->bufctl,
		    s->objects * sizeof *s->bufctl);
	}
	/* partial_add() grows the list before each addition */
	c->partial = xmemdup(src->partial, src->npartial * sizeof *c->partial);
	c->random_seq = xmemdup(src->random_seq,
	    src->objects * sizeof *c->random_seq);
	kcache_own_def(c);
	c->cpus = xmemdup(src->cpus, src->ncpus * sizeof *c->cpus);
	for (j = 0; j < src->ncpus; j++)
		c->cpus[j].partial = xmemdup(src->cpus[j].partial,
		    src->cpus[j].npartial * sizeof *c->cpus[j].partial);
}

void
slab_clone(struct machine *dst, const struct machine *src)
{
	const struct slab_state *s = src->slab;
	struct slab_state	*ss = xmemdup(s, sizeof *s);
	size_t			 i;

	ss->caches = xmemdup(s->caches, s->n * sizeof *s->caches);
	for (i = 0; i < s->n; i++)
		kcache_clone(&ss->caches[i], &s->caches[i]);
	dst->slab = ss;
}

/* ---- addresses ---- */

static uint64_t
slot_pa(const struct kcache *c, const struct kslab *s, uint32_t i)
{
	return pfn_to_phys(s->pfn) + s->first + (uint64_t)i * c->size;
}

/* The pointer kmalloc returns for object i. */
static uint64_t
obj_va(const struct machine *m, const struct kcache *c, const struct kslab *s,
    uint32_t i)
{
	return directmap_va(m, slot_pa(c, s, i)) + c->header;
}

/* Index of the slot whose kernel pointer (or 2.0 header) is va. */
static uint32_t
slot_of(const struct machine *m, const struct kcache *c, const struct kslab *s,
    uint64_t va)
{
	uint64_t base = directmap_va(m, slot_pa(c, s, 0)), off;

	if (va < base)
		return OBJ_BAD;
	off = va - base;
	if (off % c->size != 0 || off / c->size >= s->objects)
		return OBJ_BAD;
	return (uint32_t)(off / c->size);
}

/* ---- freelist links, in the bytes ---- */

static void
put_u32(struct machine *m, uint64_t pa, uint32_t v)
{
	uint8_t b[4];

	put_unaligned_le32(v, b);
	phys_write(m, pa, b, 4);
}

static uint32_t
get_u32(const struct machine *m, uint64_t pa)
{
	uint8_t b[4];

	phys_read(m, pa, b, 4);
	return get_unaligned_le32(b);
}

/* SLAB: where kmem_bufctl_t[i] of an on-slab slab sits. */
static uint64_t
bufctl_pa(const struct kslab *s, uint32_t i)
{
	return pfn_to_phys(s->pfn) + s->colour + SLAB_STRUCT_SIZE + 4ull * i;
}

/* SLUB: the address of object i's free pointer (ptr_addr). */
static uint64_t
slub_ptr_addr(const struct machine *m, const struct kcache *c,
    const struct kslab *s, uint32_t i)
{
	return obj_va(m, c, s, i) + c->offset;
}

/* Stores "after object i comes next" where the kernel stores it. */
static void
link_write(struct machine *m, const struct kcache *c, struct kslab *s,
    uint32_t i, uint32_t next)
{
	switch (slab_model(m)) {
	case KMALLOC_SLUB: /* set_freepointer() */
		phys_write_u64(m, slot_pa(c, s, i) + c->offset,
		    freelist_ptr_encode(c->random,
			next == OBJ_NONE ? 0 : obj_va(m, c, s, next),
			slub_ptr_addr(m, c, s, i)));
		break;
	case KMALLOC_SLAB:
		if (s->bufctl != NULL)
			s->bufctl[i] = next == OBJ_NONE ? BUFCTL_END : next;
		else
			put_u32(m, bufctl_pa(s, i),
			    next == OBJ_NONE ? BUFCTL_END : next);
		break;
	default:
		put_u32(m, slot_pa(c, s, i), MF_FREE);
		put_u32(m, slot_pa(c, s, i) + 4,
		    next == OBJ_NONE ?
			0 :
			(uint32_t)(obj_va(m, c, s, next) - BUCKET_HEADER));
		break;
	}
}

/* Reads the link after object i: an index, OBJ_NONE or OBJ_BAD. */
static uint32_t
link_read(const struct machine *m, const struct kcache *c,
    const struct kslab *s, uint32_t i)
{
	uint64_t v;

	switch (slab_model(m)) {
	case KMALLOC_SLUB: /* get_freepointer() */
		v = freelist_ptr_decode(c->random,
		    phys_read_u64(m, slot_pa(c, s, i) + c->offset),
		    slub_ptr_addr(m, c, s, i));
		return v == 0 ? OBJ_NONE : slot_of(m, c, s, v);
	case KMALLOC_SLAB:
		v = s->bufctl != NULL ? s->bufctl[i] :
					get_u32(m, bufctl_pa(s, i));
		return v == BUFCTL_END ? OBJ_NONE :
		    v < s->objects     ? (uint32_t)v :
					 OBJ_BAD;
	default:
		if (get_u32(m, slot_pa(c, s, i)) != MF_FREE)
			return OBJ_BAD;
		v = get_u32(m, slot_pa(c, s, i) + 4);
		return v == 0 ? OBJ_NONE : slot_of(m, c, s, v);
	}
}

/* The slab's own header in its bytes: SLAB's struct slab, 2.0's
 * struct page_descriptor (next is not kept: 0). */
static void
slab_sync_header(struct machine *m, const struct kcache *c,
    const struct kslab *s, int ci)
{
	uint64_t pa = pfn_to_phys(s->pfn);

	if (slab_model(m) == KMALLOC_SLAB && s->bufctl == NULL) {
		pa += s->colour;
		phys_write_u64(m, pa + 16, s->colour); /* colouroff */
		phys_write_u64(m, pa + 24,
		    directmap_va(m, pa + c->mgmt)); /* s_mem */
		put_u32(m, pa + 32, s->inuse);
		put_u32(m, pa + 36, s->free == OBJ_NONE ? BUFCTL_END : s->free);
	} else if (slab_model(m) == KMALLOC_BUCKETS) {
		put_u32(m, pa, 0);
		put_u32(m, pa + 4,
		    s->free == OBJ_NONE ?
			0 :
			(uint32_t)(obj_va(m, c, s, s->free) - BUCKET_HEADER));
		put_u32(m, pa + 8, (uint32_t)ci);
		put_u32(m, pa + 12, s->objects - s->inuse);
	}
}

/* ---- lists ---- */

static void
partial_add(struct kcache *c, uint32_t si)
{
	if (c->slabs[si].partial)
		return;
	c->partial = xreallocarray(c->partial, c->nslabs + 1,
	    sizeof *c->partial);
	c->partial[c->npartial++] = si;
	c->slabs[si].partial = 1;
}

static void
partial_del(struct kcache *c, uint32_t si)
{
	size_t i;

	if (!c->slabs[si].partial)
		return;
	for (i = 0; i < c->npartial; i++) {
		if (c->partial[i] == si)
			break;
	}
	memmove(&c->partial[i], &c->partial[i + 1],
	    (c->npartial - i - 1) * sizeof *c->partial);
	c->npartial--;
	c->slabs[si].partial = 0;
}

/* SLAB and 2.0: the slab the next object comes from, or -1 (a new one
 * is needed).  SLUB's choice is slub_cpu_slab(). */
static int
slab_pick(const struct machine *m, struct kcache *c)
{
	size_t i;

	if (c->npartial == 0)
		return -1;
	if (slab_model(m) == KMALLOC_SLAB) {
		/* slabs_partial before slabs_free */
		for (i = c->npartial; i-- > 0;) {
			if (c->slabs[c->partial[i]].inuse > 0)
				return (int)c->partial[i];
		}
	}
	return (int)c->partial[c->npartial - 1];
}

/* ---- new and discarded slabs ---- */

static uint32_t
slab_add(struct kcache *c, uint64_t pfn, unsigned order, uint32_t objects)
{
	struct kslab *s;

	if (c->nslabs == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->slabs = xreallocarray(c->slabs, c->cap, sizeof *c->slabs);
	}
	s = &c->slabs[c->nslabs];
	memset(s, 0, sizeof *s);
	s->pfn = pfn;
	s->order = order;
	s->objects = objects;
	s->cpu_of = s->cpu_partial_of = -1;
	s->state = xcalloc(objects, 1);
	s->req = xcalloc(objects, sizeof *s->req);
	return (uint32_t)c->nslabs++;
}

/*
 * The frames of a new slab.  SLUB's allocate_slab(): the preferred order
 * without reclaim and without warning, then s->min with the caller's
 * flags.  SLAB and 2.0: their one order.  2.0 falls back on the area
 * parked in kmalloc_cache[].
 */
static enum sim_status
slab_get_pages(struct machine *m, struct kcache *c, gfp_t gfp, uint64_t *pfn,
    unsigned *order)
{
	gfp_t	  g = kmalloc_slab_gfp(m->prof, c->def, gfp);
	uint64_t *parked;

	*order = c->order;
	if (slab_model(m) == KMALLOC_SLUB && c->order > c->min_order) {
		gfp_t first = (g | ___GFP_NOWARN | ___GFP_NORETRY) &
		    ~(gfp_t)___GFP_NOFAIL;

		if (first & ___GFP_DIRECT_RECLAIM)
			first = (first | ___GFP_NOMEMALLOC) & ~__GFP_RECLAIM;
		if (buddy_alloc(m, first | ___GFP_COMP, c->order, FO_SLAB,
			pfn) == SIM_OK)
			return SIM_OK;
		free(m->st->reason);
		m->st->reason = NULL;
		m->st->status = SIM_OK;
		step_emitf(m->st, EV_NOTE,
		    "%s: order-%u slab failed, falling "
		    "back to order %u",
		    c->def->name, c->order, c->min_order);
		*order = c->min_order;
	}
	if (buddy_alloc(m, *order ? g | ___GFP_COMP : g, *order, FO_SLAB,
		pfn) == SIM_OK)
		return SIM_OK;
	parked = c->order < KMALLOC_CACHE_ORDERS ?
	    &m->slab->area_cache[c->order] :
	    NULL;
	if (slab_model(m) == KMALLOC_BUCKETS && parked &&
	    *parked != UINT64_MAX) {
		*pfn = *parked;
		*parked = UINT64_MAX;
		free(m->st->reason);
		m->st->reason = NULL;
		m->st->status = SIM_OK;
		step_emitf(m->st, EV_NOTE,
		    "no free pages: using the area "
		    "parked in kmalloc_cache[%u]",
		    c->order);
		return SIM_OK;
	}
	return m->st->status;
}

/*
 * shuffle_freelist(): a SLUB slab's freelist in the cache's random
 * sequence from a random start.  0 when the cache has no sequence.
 */
static int
slub_shuffle(struct machine *m, struct kcache *c, struct kslab *s)
{
	uint32_t *order, i;

	if (c->random_seq == NULL || s->objects < 2)
		return 0;
	order = xcalloc(s->objects, sizeof *order);
	freelist_shuffle(c->random_seq, c->objects,
	    (uint32_t)rng_below(&m->slab->rng, c->objects), s->objects, order);
	for (i = 0; i < s->objects; i++)
		link_write(m, c, s, order[i],
		    i + 1 < s->objects ? order[i + 1] : OBJ_NONE);
	s->free = order[0];
	free(order);
	return 1;
}

/* Lays out a new slab: colour, header, freelist (ascending or shuffled). */
static void
slab_format(struct machine *m, struct kcache *c, int ci, struct kslab *s)
{
	uint32_t i;

	if (slab_model(m) == KMALLOC_SLAB) {
		s->colour = c->colour_next * c->colour_off;
		if (++c->colour_next >= c->colour)
			c->colour_next = 0;
		s->first = s->colour + c->mgmt;
		if (c->off_slab)
			s->bufctl = xcalloc(s->objects, sizeof *s->bufctl);
	} else if (slab_model(m) == KMALLOC_BUCKETS)
		s->first = BUCKET_PAGE_DESC;
	if (slab_model(m) != KMALLOC_SLUB || !slub_shuffle(m, c, s)) {
		for (i = 0; i < s->objects; i++)
			link_write(m, c, s, i,
			    i + 1 < s->objects ? i + 1 : OBJ_NONE);
		s->free = 0;
	}
	slab_sync_header(m, c, s, ci);
}

static int
slab_new(struct machine *m, int ci, gfp_t gfp)
{
	struct kcache *c = &m->slab->caches[ci];
	uint64_t       pfn;
	unsigned       order;
	uint32_t       si, objs;
	struct event  *ev;

	if (slab_get_pages(m, c, gfp, &pfn, &order) != SIM_OK)
		return -1;
	objs = order == c->order ? c->objects : c->min_objects;
	si = slab_add(c, pfn, order, objs);
	phys_set_owner(m, pfn, order, FO_SLAB, (uint32_t)ci, si);
	slab_format(m, c, ci, &c->slabs[si]);
	ev = step_emit(m->st, EV_SLAB_NEW);
	ev->cache = ci;
	ev->pfn = pfn;
	ev->order = order;
	ev->size = objs;
	if (slab_model(m) != KMALLOC_SLUB) /* SLUB: the caller freezes it */
		partial_add(c, si);
	return (int)si;
}

/* The CPU slabs and CPU partial lists name slab `from` as `to` now. */
static void
slab_renumber_cpus(struct kcache *c, uint32_t from, uint32_t to)
{
	unsigned cpu;
	size_t	 i;

	for (cpu = 0; cpu < c->ncpus; cpu++) {
		struct kcache_cpu *cc = &c->cpus[cpu];

		if (cc->slab == (int)from)
			cc->slab = (int)to;
		for (i = 0; i < cc->npartial; i++) {
			if (cc->partial[i] == from)
				cc->partial[i] = to;
		}
	}
}

/* Moves the last slab into slot si (dense array) and re-tags it.  Only
 * slabs on no CPU's list are removed (empty ones, discarded). */
static void
slab_remove(struct machine *m, int ci, uint32_t si)
{
	struct kcache *c = &m->slab->caches[ci];
	uint32_t       last = (uint32_t)c->nslabs - 1;
	uint64_t       k;
	size_t	       i;

	partial_del(c, si);
	free(c->slabs[si].state);
	free(c->slabs[si].req);
	free(c->slabs[si].bufctl);
	if (si != last) {
		c->slabs[si] = c->slabs[last];
		for (k = 0; k < (1ull << c->slabs[si].order); k++)
			phys_set_tag(m, c->slabs[si].pfn + k, (uint32_t)ci, si);
		for (i = 0; i < c->npartial; i++) {
			if (c->partial[i] == last)
				c->partial[i] = si;
		}
		slab_renumber_cpus(c, last, si);
	}
	c->nslabs--;
}

/* Gives an empty slab back: buddy, or 2.0's kmalloc_cache[] parking. */
static void
slab_discard(struct machine *m, int ci, uint32_t si)
{
	struct kcache *c = &m->slab->caches[ci];
	uint64_t       pfn = c->slabs[si].pfn, *parked;
	unsigned       order = c->slabs[si].order;
	struct event  *ev = step_emit(m->st, EV_SLAB_FREE);

	ev->cache = ci;
	ev->pfn = pfn;
	ev->order = order;
	slab_remove(m, ci, si);
	parked = order < KMALLOC_CACHE_ORDERS ? &m->slab->area_cache[order] :
						NULL;
	if (slab_model(m) == KMALLOC_BUCKETS && parked != NULL) {
		uint64_t old = *parked;

		*parked = pfn; /* xchg(kmalloc_cache + order, page) */
		phys_set_owner(m, pfn, order, FO_SLAB, KMALLOC_CACHE_TAG, 0);
		step_emitf(m->st, EV_NOTE, "area parked in kmalloc_cache[%u]",
		    order);
		if (old == UINT64_MAX)
			return;
		pfn = old;
	}
	buddy_free(m, pfn, order);
}

/* ---- SLUB's per-CPU slabs (struct kmem_cache_cpu) ---- */

/* The slab becomes the running CPU's slab: its whole freelist moves to
 * the CPU's lockless one and slab->freelist is left empty (frozen). */
static void
slub_freeze(struct machine *m, struct kcache *c, int si)
{
	struct kcache_cpu *cc = &c->cpus[m->cpu];
	struct kslab	  *s = &c->slabs[si];

	cc->slab = si;
	s->cpu_of = (int)m->cpu;
	cc->freelist = s->free;
	s->free = OBJ_NONE;
}

/*
 * get_freelist(): the CPU's freelist ran dry; take what other CPUs freed
 * into the slab meanwhile.  Nothing there: the slab is full and is
 * dropped (deactivated onto no list, until an object comes back).
 */
static int
slub_get_freelist(struct machine *m, struct kcache *c)
{
	struct kcache_cpu *cc = &c->cpus[m->cpu];
	struct kslab	  *s = &c->slabs[cc->slab];

	if (s->free != OBJ_NONE) {
		step_emitf(m->st, EV_NOTE,
		    "%s: CPU %u's freelist is empty: it takes the slab's "
		    "freelist, the objects other CPUs freed",
		    c->def->name, m->cpu);
		slub_freeze(m, c, cc->slab);
		return 0;
	}
	s->cpu_of = -1;
	cc->slab = -1;
	return -1;
}

/*
 * __put_partials() (6.1: __unfreeze_partials()): a CPU's partial list to
 * the node's partial list, in list order; an empty slab is discarded
 * instead while the node has min_partial slabs.  The discards are left
 * to the caller, as pfns (slab_discard() renumbers slabs).
 */
static size_t
slub_put_partials(struct kcache *c, unsigned cpu, uint64_t **gone)
{
	struct kcache_cpu *cc = &c->cpus[cpu];
	size_t		   n = 0;

	*gone = cc->npartial ? xcalloc(cc->npartial, sizeof **gone) : NULL;
	while (cc->npartial > 0) {
		uint32_t      si = cc->partial[--cc->npartial];
		struct kslab *s = &c->slabs[si];

		s->cpu_partial_of = -1;
		if (s->inuse == 0 && c->npartial >= c->min_partial)
			(*gone)[n++] = s->pfn;
		else
			partial_add(c, si);
	}
	return n;
}

static void
slub_discard_pfns(struct machine *m, int ci, uint64_t *gone, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		slab_discard(m, ci, m->frames[gone[i]].own.aux);
	free(gone);
}

/*
 * put_cpu_partial(): the slab goes to the head of the running CPU's
 * partial list; with drain, a list already holding cpu_partial_slabs
 * slabs is first moved to the node's list.
 */
static void
slub_put_cpu_partial(struct machine *m, int ci, uint32_t si, int drain)
{
	struct kcache	  *c = &m->slab->caches[ci];
	struct kcache_cpu *cc = &c->cpus[m->cpu];
	uint64_t	  *gone = NULL;
	size_t		   ngone = 0;

	if (drain && cc->npartial > 0 && cc->npartial >= c->cpu_partial_slabs)
		ngone = slub_put_partials(c, m->cpu, &gone);
	cc->partial = xreallocarray(cc->partial, cc->npartial + 1,
	    sizeof *cc->partial);
	cc->partial[cc->npartial++] = si;
	c->slabs[si].cpu_partial_of = (int)m->cpu;
	step_emitf(m->st, EV_NOTE,
	    "%s: slab at pfn %#" PRIx64 " to CPU %u's "
	    "partial list",
	    c->def->name, c->slabs[si].pfn, m->cpu);
	slub_discard_pfns(m, ci, gone, ngone);
}

/*
 * get_partial_node(): the node's first partial slab for the CPU, and
 * while CPU partial lists are on, more to the CPU's partial list until
 * it took more than half of cpu_partial_slabs.
 */
static int
slub_get_partial_node(struct machine *m, int ci)
{
	struct kcache *c = &m->slab->caches[ci];
	uint32_t       first, moved = 0;

	if (c->npartial == 0)
		return -1;
	first = c->partial[0];
	partial_del(c, first);
	while (c->cpu_partial_slabs > 0 && c->npartial > 0 &&
	    moved <= c->cpu_partial_slabs / 2) {
		uint32_t si = c->partial[0];

		partial_del(c, si);
		slub_put_cpu_partial(m, ci, si, 0);
		moved++;
	}
	return (int)first;
}

/*
 * ___slab_alloc(): the running CPU's slab, with objects on its lockless
 * freelist: its own, the slab's (remote frees), the head of the CPU
 * partial list, the node's partial list, or a new slab.  -1 when no slab
 * could be had (m->st says why).
 */
static int
slub_cpu_slab(struct machine *m, int ci, gfp_t gfp)
{
	struct kcache	  *c = &m->slab->caches[ci];
	struct kcache_cpu *cc = &c->cpus[m->cpu];
	int		   si;

	if (cc->slab >= 0 &&
	    (cc->freelist != OBJ_NONE || slub_get_freelist(m, c) == 0))
		return cc->slab;
	if (cc->npartial > 0) {
		si = (int)cc->partial[--cc->npartial];
		c->slabs[si].cpu_partial_of = -1;
	} else if ((si = slub_get_partial_node(m, ci)) < 0 &&
	    (si = slab_new(m, ci, gfp)) < 0)
		return -1;
	slub_freeze(m, c, si);
	return si;
}

/*
 * __slab_free() for a slab that is not the running CPU's: a frozen slab
 * (another CPU's) just keeps the object on slab->freelist; a slab on a
 * CPU partial list stays there, even empty; a full slab's first free
 * puts it on the running CPU's partial list; a slab on the node's list
 * empties into a discard when the node has min_partial slabs.
 */
static void
slub_after_free(struct machine *m, int ci, uint32_t si, int was_full)
{
	struct kcache *c = &m->slab->caches[ci];
	struct kslab  *s = &c->slabs[si];

	if (c->cpus[m->cpu].slab == (int)si || s->cpu_partial_of >= 0)
		return;
	if (s->cpu_of >= 0) {
		step_emitf(m->st, EV_NOTE,
		    "%s: freed on CPU %u into CPU %d's slab: onto the slab's "
		    "freelist, not CPU %d's",
		    c->def->name, m->cpu, s->cpu_of, s->cpu_of);
		return;
	}
	if (was_full && c->cpu_partial_slabs > 0) {
		slub_put_cpu_partial(m, ci, si, 1);
		return;
	}
	if (was_full)
		partial_add(c, si);
	if (s->inuse == 0 && c->npartial >= c->min_partial)
		slab_discard(m, ci, si);
}

/* ---- allocation ---- */

/* A memset SLUB's hardening does, as an EV_ZERO naming why. */
static void
slub_zero(struct machine *m, uint64_t va, uint64_t len, const char *why)
{
	struct event *ev = step_emitf(m->st, EV_ZERO, "%s", why);

	phys_zero(m, directmap_pa(m, va), len);
	ev->addr = va;
	ev->size = len;
	ev->pfn = directmap_virt_to_pfn(m, va);
	m->st->zeroed += len;
}

/* The freelist bytes point outside the slab: slub_debug's report. */
static enum sim_status
slab_corrupt(struct machine *m, const struct kcache *c, uint64_t va)
{
	const char *msg = slab_model(m) == KMALLOC_BUCKETS ?
	    "Problem: block on freelist at %08" PRIx64 " isn't free." :
	    "BUG %s (Not tainted): Freechain corrupt (next of %#" PRIx64 ")";

	if (slab_model(m) == KMALLOC_BUCKETS) {
		step_emitf(m->st, EV_REPORT, msg, va - BUCKET_HEADER);
		return step_fail(m->st, SIM_BUG, msg, va - BUCKET_HEADER);
	}
	step_emitf(m->st, EV_REPORT, msg, c->def->name, va);
	return step_fail(m->st, SIM_BUG, msg, c->def->name, va);
}

enum sim_status
slab_cache_alloc(struct machine *m, int ci, gfp_t gfp, uint64_t req,
    uint64_t *addr)
{
	struct kcache *c = &m->slab->caches[ci];
	struct kslab  *s;
	int	       si;
	uint32_t       i, next, *head;
	struct event  *ev;

	if (slab_model(m) == KMALLOC_SLUB) {
		if ((si = slub_cpu_slab(m, ci, gfp)) < 0)
			return m->st->status;
		head = &c->cpus[m->cpu].freelist;
	} else {
		si = slab_pick(m, c);
		if (si < 0 && (si = slab_new(m, ci, gfp)) < 0)
			return m->st->status;
		head = &c->slabs[si].free;
	}
	s = &c->slabs[si];
	i = *head;
	next = link_read(m, c, s, i);
	if (next == OBJ_BAD)
		return slab_corrupt(m, c, obj_va(m, c, s, i));
	*head = next;
	s->inuse++;
	s->state[i] = SLAB_OBJ_USED;
	s->req[i] = (uint32_t)req;
	c->active++;
	c->requested += req;
	if (s->free == OBJ_NONE)
		partial_del(c, (uint32_t)si);
	if (slab_model(m) == KMALLOC_BUCKETS) {
		put_u32(m, slot_pa(c, s, i), MF_USED);
		put_u32(m, slot_pa(c, s, i) + 4, (uint32_t)req);
	}
	slab_sync_header(m, c, s, ci);
	*addr = obj_va(m, c, s, i);
	if (slab_model(m) == KMALLOC_SLUB && init_on_free_wanted(m))
		slub_zero(m, *addr + c->offset, 8,
		    "init_on_free: the free pointer wiped");
	ev = step_emit(m->st, EV_OBJ_ALLOC);
	ev->cache = ci;
	ev->addr = *addr;
	ev->pfn = directmap_virt_to_pfn(m, *addr);
	ev->size = c->object_size;
	ev->aux = req;
	return SIM_OK;
}

int
slab_find(const struct machine *m, uint64_t addr, size_t *ci, size_t *si,
    uint32_t *obj)
{
	const struct frame  *f;
	const struct kcache *c;
	uint64_t	     pfn;
	uint32_t	     i;

	if (!directmap_contains(m, addr, 1))
		return -1;
	pfn = directmap_virt_to_pfn(m, addr);
	f = &m->frames[pfn];
	if (f->owner != FO_SLAB || f->own.tag >= m->slab->n)
		return -1;
	c = &m->slab->caches[f->own.tag];
	if (f->own.aux >= c->nslabs)
		return -1;
	i = slot_of(m, c, &c->slabs[f->own.aux], addr - c->header);
	if (i == OBJ_BAD) {
		uint64_t first = directmap_va(m,
		    slot_pa(c, &c->slabs[f->own.aux], 0));

		if (addr < first)
			return -1;
		i = (uint32_t)((addr - first) / c->size);
		if (i >= c->slabs[f->own.aux].objects)
			return -1;
	}
	*ci = f->own.tag;
	*si = f->own.aux;
	*obj = i;
	return 0;
}

void
slab_mark_zeroed(struct machine *m, uint64_t addr)
{
	size_t	 ci, si;
	uint32_t i;

	if (slab_find(m, addr, &ci, &si, &i) == 0)
		m->slab->caches[ci].slabs[si].state[i] = SLAB_OBJ_ZEROED;
}

/* ---- freeing ---- */

/*
 * SLUB's walk: link_read's SLUB case with the slab's link addresses
 * worked out once, since every kfree walks up to a slab's worth.  A
 * link inside one written frame is read from its buffer, which stays
 * put while the walk only reads (phys_frame_data).
 */
static int
slub_on_chain(const struct machine *m, const struct kcache *c,
    const struct kslab *s, uint32_t o, uint32_t i)
{
	uint64_t pa0 = slot_pa(c, s, 0) + c->offset, pa, v, pfn = UINT64_MAX;
	const uint8_t *buf = NULL;
	uint32_t       n;

	for (n = 0; o != OBJ_NONE && o != OBJ_BAD && n <= s->objects; n++) {
		if (o == i)
			return 1;
		pa = pa0 + (uint64_t)o * c->size;
		if (phys_to_pfn(pa) != pfn) {
			pfn = phys_to_pfn(pa);
			buf = phys_frame_data(m, pfn);
		}
		if (buf != NULL && (pa & (PAGE_SIZE - 1)) <= PAGE_SIZE - 8)
			v = get_unaligned_le64(buf + (pa & (PAGE_SIZE - 1)));
		else
			v = phys_read_u64(m, pa);
		v = freelist_ptr_decode(c->random, v,
		    slub_ptr_addr(m, c, s, o));
		o = v == 0 ? OBJ_NONE : slot_of(m, c, s, v);
	}
	return 0;
}

/* Is object i on the slab's freelist?  Walks the bytes (on_freelist()). */
static int
slab_on_freelist(const struct machine *m, const struct kcache *c,
    const struct kslab *s, uint32_t i)
{
	uint32_t o = s->free, n;

	if (slab_model(m) == KMALLOC_SLUB)
		return slub_on_chain(m, c, s, s->free, i) ||
		    (s->cpu_of >= 0 &&
			slub_on_chain(m, c, s, c->cpus[s->cpu_of].freelist, i));
	for (n = 0; o != OBJ_NONE && o != OBJ_BAD && n <= s->objects; n++) {
		if (o == i)
			return 1;
		o = link_read(m, c, s, o);
	}
	return 0;
}

static enum sim_status
slab_report(struct machine *m, enum sim_status st, const char *text)
{
	step_emitf(m->st, EV_REPORT, "%s", text);
	return step_fail(m->st, st, "%s", text);
}

/* 2.0's kfree() check: the page descriptor and the block header magic. */
static enum sim_status
bucket_check(struct machine *m, uint64_t addr, int found, int twice)
{
	uint64_t pa = directmap_pa(m, addr), desc = pa & ~(PAGE_SIZE - 1);
	uint32_t next = get_u32(m, desc), order = get_u32(m, desc + 8);
	char	 buf[160];

	if (found && (next & (PAGE_SIZE - 1)) == 0 && order < m->slab->n &&
	    pa >= BUCKET_HEADER && get_u32(m, pa - BUCKET_HEADER) == MF_USED)
		return SIM_OK;
	snprintf(buf, sizeof buf,
	    "kfree of non-kmalloced memory: %08" PRIx64 ", next= %08" PRIx32
	    ", order=%" PRId32,
	    addr, next, (int32_t)order);
	return slab_report(m, twice ? SIM_DOUBLE_FREE : SIM_BAD_FREE, buf);
}

/* SLUB (slub_debug) and SLAB (CONFIG_DEBUG_SLAB) free checks. */
static enum sim_status
slab_free_check(struct machine *m, const struct kcache *c,
    const struct kslab *s, uint64_t addr, uint32_t i)
{
	char buf[200];
	int  slub = slab_model(m) == KMALLOC_SLUB;

	if (slot_of(m, c, s, addr - c->header) == OBJ_BAD) {
		if (slub)
			snprintf(buf, sizeof buf,
			    "BUG %s (Not tainted): "
			    "Invalid object pointer 0x%016" PRIx64 " (%" PRIu64
			    " bytes into object %u)",
			    c->def->name, addr, addr - obj_va(m, c, s, i), i);
		else
			snprintf(buf, sizeof buf,
			    "kernel BUG at mm/slab.c: "
			    "cache_free_debugcheck(): %#" PRIx64 " is not the "
			    "start of an object of %s",
			    addr, c->def->name);
		return slab_report(m, SIM_BAD_FREE, buf);
	}
	if (slab_on_freelist(m, c, s, i)) {
		if (slub)
			snprintf(buf, sizeof buf,
			    "BUG %s (Not tainted): "
			    "Object already free (0x%016" PRIx64 ")",
			    c->def->name, addr);
		else
			snprintf(buf, sizeof buf,
			    "slab error in "
			    "cache_free_debugcheck(): cache `%s': double free, "
			    "or memory outside object was overwritten",
			    c->def->name);
		return slab_report(m, SIM_DOUBLE_FREE, buf);
	}
	return SIM_OK;
}

/* What happens to a slab after one of its objects came back. */
static void
slab_after_free(struct machine *m, int ci, uint32_t si, int was_full)
{
	struct kcache *c = &m->slab->caches[ci];
	struct kslab  *s = &c->slabs[si];
	uint64_t       free_objs;

	switch (slab_model(m)) {
	case KMALLOC_SLUB:
		slub_after_free(m, ci, si, was_full);
		break;
	case KMALLOC_SLAB:
		if (was_full)
			partial_add(c, si);
		free_objs = 0;
		for (size_t k = 0; k < c->nslabs; k++)
			free_objs += c->slabs[k].objects - c->slabs[k].inuse;
		if (s->inuse == 0 && free_objs > c->free_limit)
			slab_discard(m, ci, si);
		break;
	default:
		if (s->inuse == 0)
			slab_discard(m, ci, si);
		else if (was_full)
			partial_add(c, si);
		break;
	}
}

enum sim_status
slab_free_addr(struct machine *m, uint64_t addr)
{
	size_t		ci, si;
	uint32_t	i;
	int		found = slab_find(m, addr, &ci, &si, &i) == 0, was_full;
	uint32_t       *head;
	struct kcache  *c;
	struct kslab   *s;
	struct event   *ev;
	enum sim_status st;

	if (slab_model(m) == KMALLOC_BUCKETS) {
		uint8_t state = found ? m->slab->caches[ci].slabs[si].state[i] :
					SLAB_OBJ_USED;
		int twice = state == SLAB_OBJ_FREE || state == SLAB_OBJ_STALE;

		if ((st = bucket_check(m, addr, found, twice)) != SIM_OK)
			return st;
	} else if (!found)
		return slab_report(m, SIM_BAD_FREE, "kfree: not a slab object");
	c = &m->slab->caches[ci];
	s = &c->slabs[si];
	if ((st = slab_free_check(m, c, s, addr, i)) != SIM_OK)
		return st;
	was_full = s->free == OBJ_NONE;
	if (slab_model(m) == KMALLOC_SLUB && init_on_free_wanted(m))
		slub_zero(m, addr, c->object_size, "init_on_free");
	/* do_slab_free(): into the lockless freelist when the slab is the
	 * running CPU's, else slab->freelist (__slab_free()) */
	head = slab_model(m) == KMALLOC_SLUB &&
		c->cpus[m->cpu].slab == (int)si ?
	    &c->cpus[m->cpu].freelist :
	    &s->free;
	link_write(m, c, s, i, *head);
	*head = i;
	s->inuse--;
	s->state[i] = SLAB_OBJ_STALE;
	c->active--;
	c->requested -= s->req[i];
	s->req[i] = 0;
	slab_sync_header(m, c, s, (int)ci);
	ev = step_emit(m->st, EV_OBJ_FREE);
	ev->cache = (int)ci;
	ev->addr = addr;
	ev->pfn = directmap_virt_to_pfn(m, addr);
	ev->size = c->object_size;
	m->st->size = c->object_size;
	step_set_what(m->st, "%s", c->def->name);
	slab_after_free(m, (int)ci, (uint32_t)si, was_full);
	return SIM_OK;
}

/* ---- views ---- */

size_t
slab_cache_count(const struct machine *m)
{
	return m->slab->n;
}

int
slab_cache_info(const struct machine *m, size_t ci,
    struct slab_cache_info *info)
{
	const struct kcache *c;
	size_t		     k;

	if (ci >= m->slab->n || m->slab->caches[ci].own.dead)
		return -1;
	c = &m->slab->caches[ci];
	memset(info, 0, sizeof *info);
	info->name = c->def->name;
	info->object_size = c->object_size;
	info->size = c->size;
	info->align = c->align;
	info->offset = slab_model(m) == KMALLOC_SLUB ? c->offset : 0;
	info->random = c->random;
	info->header = c->header;
	info->objects = c->objects;
	info->order = c->order;
	info->min_order = c->min_order;
	info->active_objs = c->active;
	info->slabs = c->nslabs;
	for (k = 0; k < c->nslabs; k++)
		info->total_objs += c->slabs[k].objects;
	info->requested = c->requested;
	for (k = 0; k < c->npartial; k++)
		info->node_free += c->slabs[c->partial[k]].objects -
		    c->slabs[c->partial[k]].inuse;
	info->cpu_partial = c->cpu_partial;
	info->cpu_partial_slabs = c->cpu_partial_slabs;
	info->limit = c->limit;
	info->batchcount = c->batchcount;
	info->shared = c->shared;
	return 0;
}

size_t
slab_cache_nslabs(const struct machine *m, size_t ci)
{
	return ci < m->slab->n ? m->slab->caches[ci].nslabs : 0;
}

int
slab_slab_info(const struct machine *m, size_t ci, size_t si,
    struct slab_slab_info *info)
{
	const struct kcache *c;
	const struct kslab  *s;

	if (ci >= m->slab->n || si >= m->slab->caches[ci].nslabs)
		return -1;
	c = &m->slab->caches[ci];
	s = &c->slabs[si];
	info->pfn = s->pfn;
	info->order = s->order;
	info->inuse = s->inuse;
	info->objects = s->objects;
	info->first = s->first;
	info->cpu = s->cpu_of >= 0;
	info->cpu_of = s->cpu_of;
	info->cpu_partial_of = s->cpu_partial_of;
	info->partial = s->partial;
	return 0;
}

int
slab_obj_info(const struct machine *m, size_t ci, size_t si, uint32_t obj,
    struct slab_obj_info *info)
{
	const struct kcache *c;
	const struct kslab  *s;

	if (ci >= m->slab->n || si >= m->slab->caches[ci].nslabs)
		return -1;
	c = &m->slab->caches[ci];
	s = &c->slabs[si];
	if (obj >= s->objects)
		return -1;
	info->addr = obj_va(m, c, s, obj);
	info->state = (enum slab_obj_state)s->state[obj];
	info->requested = s->req[obj];
	return 0;
}

void
slab_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	const struct frame  *f = &m->frames[pfn];
	const struct kcache *c;
	const struct kslab  *s;

	if (f->owner == FO_KMALLOC_LARGE) {
		uint64_t head = pfn;

		while (!(m->frames[head].flags & FF_HEAD) && head > 0)
			head--;
		sbuf_printf(out,
		    "kmalloc_large, order-%u compound page at pfn "
		    "%#" PRIx64 ", %u bytes requested",
		    m->frames[head].order, head, m->frames[head].own.tag);
		return;
	}
	if (f->own.tag == KMALLOC_CACHE_TAG) {
		sbuf_puts(out, "kmalloc area parked in kmalloc_cache[] (2.0)");
		return;
	}
	if (f->own.tag >= m->slab->n ||
	    f->own.aux >= m->slab->caches[f->own.tag].nslabs) {
		sbuf_printf(out, "slab frame %#" PRIx64, pfn);
		return;
	}
	c = &m->slab->caches[f->own.tag];
	s = &c->slabs[f->own.aux];
	sbuf_printf(out,
	    "slab %s, order-%u slab at pfn %#" PRIx64 ", %u/%u "
	    "objects used",
	    c->def->name, s->order, s->pfn, s->inuse, s->objects);
	if (s->cpu_of >= 0)
		sbuf_printf(out, " (CPU %d's slab)", s->cpu_of);
	else if (s->cpu_partial_of >= 0)
		sbuf_printf(out, " (CPU %d's partial list)", s->cpu_partial_of);
	else if (s->partial)
		sbuf_puts(out, " (partial list)");
}

static int
slab_check_one(const struct machine *m, size_t ci, const struct kslab *s,
    struct sbuf *why)
{
	const struct kcache *c = &m->slab->caches[ci];
	uint32_t	     o = s->free, n = 0, used = 0, i, chain;

	/* a CPU slab's free objects: slab->freelist and the CPU's */
	for (chain = 0; chain < 2; chain++) {
		for (; o != OBJ_NONE && n <= s->objects; n++) {
			if (o == OBJ_BAD) {
				sbuf_printf(why,
				    "%s: freelist of slab at pfn %#" PRIx64
				    " leaves the slab",
				    c->def->name, s->pfn);
				return -1;
			}
			o = link_read(m, c, s, o);
		}
		o = s->cpu_of >= 0 ? c->cpus[s->cpu_of].freelist : OBJ_NONE;
	}
	for (i = 0; i < s->objects; i++)
		used += s->state[i] == SLAB_OBJ_USED ||
		    s->state[i] == SLAB_OBJ_ZEROED;
	if (n + s->inuse != s->objects || used != s->inuse ||
	    m->frames[s->pfn].owner != FO_SLAB ||
	    m->frames[s->pfn].order != s->order) {
		sbuf_printf(why,
		    "%s: slab at pfn %#" PRIx64 ": %u free "
		    "listed, %u in use, %u objects",
		    c->def->name, s->pfn, n, s->inuse, s->objects);
		return -1;
	}
	return 0;
}

int
slab_check(const struct machine *m, char **cause)
{
	struct sbuf why = SBUF_INIT;
	size_t	    ci, si;

	for (ci = 0; ci < m->slab->n; ci++) {
		const struct kcache *c = &m->slab->caches[ci];
		uint64_t	     active = 0;

		for (si = 0; si < c->nslabs; si++) {
			if (slab_check_one(m, ci, &c->slabs[si], &why) != 0)
				goto bad;
			active += c->slabs[si].inuse;
		}
		if (active != c->active) {
			sbuf_printf(&why,
			    "%s: %" PRIu64 " objects in use, "
			    "counter says %" PRIu64,
			    c->def->name, active, c->active);
			goto bad;
		}
	}
	return 0;
bad:
	*cause = xstrdup(sbuf_str(&why));
	sbuf_free(&why);
	return -1;
}

/* ---- caches of one's own (slab-common.c) ---- */

int
slab_cache_add(struct machine *m, const struct kmem_own *own,
    const struct slab_geom *g)
{
	struct slab_state *ss = m->slab;
	struct kcache	  *c;
	size_t		   i;

	ss->caches = xreallocarray(ss->caches, ss->n + 1, sizeof *ss->caches);
	for (i = 0; i < ss->n; i++)
		kcache_own_def(&ss->caches[i]); /* the array moved */
	c = &ss->caches[ss->n];
	memset(c, 0, sizeof *c);
	c->own = *own;
	c->own.created = 1;
	c->own.def.size = g->object_size;
	kcache_own_def(c);
	kcache_cpus_init(c, m->cfg.cpus);
	c->object_size = g->object_size;
	c->size = g->size;
	c->align = g->align;
	c->offset = g->offset;
	slub_order_fields(c, m->cfg.cpus);
	slub_set_cpu_partial(m, c);
	slub_harden(m, &ss->rng, c);
	return (int)ss->n++;
}

struct kmem_own *
slab_cache_own(struct machine *m, size_t ci)
{
	return ci < m->slab->n ? &m->slab->caches[ci].own : NULL;
}

const struct kmem_own *
slab_cache_own_const(const struct machine *m, size_t ci)
{
	return ci < m->slab->n ? &m->slab->caches[ci].own : NULL;
}

void
slab_cache_set_object_size(struct machine *m, size_t ci, uint32_t size)
{
	m->slab->caches[ci].object_size = size;
}

/*
 * flush_all(): every CPU's slab deactivated, its lockless freelist moved
 * back onto the slab's one object at a time (deactivate_slab()), and
 * every CPU partial list put on the node's.
 */
static void
slub_flush_all(struct machine *m, size_t ci)
{
	struct kcache *c = &m->slab->caches[ci];
	uint64_t      *gone;
	unsigned       cpu;
	uint32_t       o;
	size_t	       n;

	for (cpu = 0; cpu < c->ncpus; cpu++) {
		struct kcache_cpu *cc = &c->cpus[cpu];
		struct kslab	  *s;

		if (cc->slab >= 0) {
			s = &c->slabs[cc->slab];
			while ((o = cc->freelist) != OBJ_NONE &&
			    (cc->freelist = link_read(m, c, s, o)) != OBJ_BAD) {
				link_write(m, c, s, o, s->free);
				s->free = o;
			}
			s->cpu_of = -1;
			cc->slab = -1;
			cc->freelist = OBJ_NONE;
		}
		n = slub_put_partials(c, cpu, &gone);
		slub_discard_pfns(m, (int)ci, gone, n);
	}
}

void
slab_cache_shrink(struct machine *m, size_t ci)
{
	struct kcache *c = &m->slab->caches[ci];
	size_t	       si;

	if (slab_model(m) == KMALLOC_SLUB)
		slub_flush_all(m, ci);
	si = c->nslabs;
	while (si-- > 0) {
		if (c->slabs[si].inuse == 0)
			slab_discard(m, (int)ci, (uint32_t)si);
		else if (c->slabs[si].free != OBJ_NONE && !c->slabs[si].partial)
			partial_add(c, (uint32_t)si);
	}
}
