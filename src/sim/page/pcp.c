/*
 * pcp.c - the per-CPU page lists, after mm/page_alloc.c (6.1 and 6.12):
 * zone_batchsize(), zone_highsize(), __rmqueue_pcplist() with
 * rmqueue_bulk(), free_unref_page_commit() with nr_pcp_high(),
 * nr_pcp_free() and free_pcppages_bulk().  pcp.h states the model.
 */
#include "sim/page/pcp.h"
#include "sim/kernel/kprofile.h"
#include "sim/machine-priv.h"
#include "sim/page/buddy.h"
#include "sim/page/pageblock.h"
#include "common/xmalloc.h"

#include <stdlib.h>

#define PAGE_ALLOC_COSTLY_ORDER 3
/* CONFIG_PCP_BATCH_SCALE_MAX, Debian's (and the default) value. */
#define PCP_BATCH_SCALE_MAX 5
/* MIN_PERCPU_PAGELIST_HIGH_FRACTION: high_max is 1/8 of the zone. */
#define PCP_HIGH_FRACTION 8

static enum pcp_model
pcp_model(const struct machine *m)
{
	return (enum pcp_model)m->prof->pcp;
}

int
pcp_allowed_order(const struct machine *m, unsigned order)
{
	if (pcp_model(m) == PCP_NONE || m->zones[0].pageset == NULL)
		return 0;
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == PCP_PAGEBLOCK;
}

/* order_to_pindex(): a list per migratetype for orders 0..3, then the
 * pageblock order's two (NR_PCP_THP: not movable, movable). */
static int
pcp_pindex(int mt, unsigned order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return PCP_LOWORDER_LISTS + (mt == MIGRATE_MOVABLE);
	return MIGRATE_PCPTYPES * (int)order + mt;
}

/* pindex_to_order() */
static unsigned
pcp_order(int pindex)
{
	return pindex < PCP_LOWORDER_LISTS ?
	    (unsigned)pindex / MIGRATE_PCPTYPES :
	    PCP_PAGEBLOCK;
}

/*
 * The type a drained block goes back to: 6.1 kept the one it was listed
 * under (get_pcppage_migratetype()), 6.10+ reads its pageblock again;
 * the not-movable THP list holds both other types, so its blocks read
 * the pageblock in both.
 */
static int
pcp_drain_mt(const struct machine *m, int pindex, uint64_t pfn)
{
	if (pcp_model(m) == PCP_FIXED_HIGH && pindex < PCP_LOWORDER_LISTS)
		return pindex % MIGRATE_PCPTYPES;
	return pageblock_migratetype(m, pfn);
}

unsigned
pcp_this_cpu(const struct machine *m)
{
	return m->cpu;
}

static struct per_cpu_pages *
pcp_this(struct machine *m, int zone)
{
	return &m->zones[zone].pageset[pcp_this_cpu(m)];
}

const struct per_cpu_pages *
pcp_pageset(const struct machine *m, int zone, unsigned cpu)
{
	if (zone < 0 || zone >= m->nr_zones || m->zones[zone].pageset == NULL ||
	    cpu >= m->cfg.cpus)
		return NULL;
	return &m->zones[zone].pageset[cpu];
}

static int
rounddown_pow_of_two(int x)
{
	int p = 1;

	while (p * 2 <= x)
		p *= 2;
	return p;
}

/* zone_batchsize(): ~0.1% of the zone or 1 MiB, clamped to 2^n - 1. */
static int
zone_batchsize(uint64_t managed)
{
	uint64_t batch = managed >> 10;

	if (batch > (1u << 20) / PAGE_SIZE)
		batch = (1u << 20) / PAGE_SIZE;
	batch /= 4; /* "We effectively *= 4 below" */
	if (batch < 1)
		batch = 1;
	return rounddown_pow_of_two((int)(batch + batch / 2)) - 1;
}

/*
 * zone_highsize(): the low watermark (or managed / fraction) split over
 * the CPUs of the node, at least batch * 4.
 */
static int
zone_highsize(const struct machine *m, const struct zone *z, int batch,
    int fraction)
{
	uint64_t total = fraction ? z->managed / (uint64_t)fraction :
				    z->wmark[WMARK_LOW];
	int	 high = (int)(total / m->cfg.cpus);

	return high > batch << 2 ? high : batch << 2;
}

/* zone_set_pageset_high_and_batch() for one zone. */
static void
pcp_update_zone(struct machine *m, struct zone *z)
{
	int	 batch = zone_batchsize(z->managed), hmin, hmax;
	unsigned cpu;

	if (batch < 1)
		batch = 1;
	hmin = zone_highsize(m, z, batch, 0);
	hmax = pcp_model(m) == PCP_AUTOTUNE ?
	    zone_highsize(m, z, batch, PCP_HIGH_FRACTION) :
	    hmin;
	for (cpu = 0; cpu < m->cfg.cpus; cpu++) {
		struct per_cpu_pages *p = &z->pageset[cpu];

		p->batch = batch;
		p->high_min = hmin;
		p->high_max = hmax;
		/* 6.1's pageset_update() sets high; 6.12 leaves it to be
		 * clamped into [high_min, high_max] on first use. */
		if (pcp_model(m) == PCP_FIXED_HIGH)
			p->high = hmin;
	}
}

static void
pcp_init(struct machine *m, struct zone *z)
{
	unsigned cpu;
	int	 i;

	z->pageset = xcalloc(m->cfg.cpus, sizeof *z->pageset);
	for (cpu = 0; cpu < m->cfg.cpus; cpu++) {
		for (i = 0; i < PCP_LISTS; i++)
			z->pageset[cpu].lists[i].head = z->pageset[cpu]
							    .lists[i]
							    .tail = PFN_NONE;
	}
}

void
pcp_update(struct machine *m)
{
	int z;

	if (pcp_model(m) == PCP_NONE)
		return;
	for (z = 0; z < m->nr_zones; z++) {
		if (m->zones[z].pageset == NULL)
			pcp_init(m, &m->zones[z]);
		pcp_update_zone(m, &m->zones[z]);
	}
}

static void
pcp_list_add(struct machine *m, struct pcp_list *l, uint64_t pfn, int tail)
{
	struct frame *f = &m->frames[pfn];

	f->flags |= FF_HEAD | FF_PCP;
	f->lru.next = f->lru.prev = PFN_NONE;
	if (l->head == PFN_NONE) {
		l->head = l->tail = (uint32_t)pfn;
	} else if (tail) {
		f->lru.prev = l->tail;
		m->frames[l->tail].lru.next = (uint32_t)pfn;
		l->tail = (uint32_t)pfn;
	} else {
		f->lru.next = l->head;
		m->frames[l->head].lru.prev = (uint32_t)pfn;
		l->head = (uint32_t)pfn;
	}
}

static void
pcp_list_del(struct machine *m, struct pcp_list *l, uint64_t pfn)
{
	struct frame *f = &m->frames[pfn];

	if (f->lru.prev != PFN_NONE)
		m->frames[f->lru.prev].lru.next = f->lru.next;
	else
		l->head = f->lru.next;
	if (f->lru.next != PFN_NONE)
		m->frames[f->lru.next].lru.prev = f->lru.prev;
	else
		l->tail = f->lru.prev;
	f->lru.next = f->lru.prev = 0;
	f->flags &= (uint8_t) ~(FF_PCP | FF_HEAD);
}

static void
pcp_emit(struct machine *m, enum event_kind k, uint64_t pfn, unsigned order)
{
	struct event *ev = step_emit(m->st, k);

	ev->pfn = pfn;
	ev->order = order;
	ev->zone = m->frames[pfn].zone;
	ev->aux = pcp_this_cpu(m);
}

/* rmqueue_bulk(): count blocks from the buddy lists to the list's tail. */
static int
rmqueue_bulk(struct machine *m, int zone, unsigned order, int count,
    struct pcp_list *l, int mt, int alloc_flags)
{
	int i;

	for (i = 0; i < count; i++) {
		uint64_t pfn = buddy_rmqueue(m, zone, order, mt, alloc_flags,
		    EV_PCP_REFILL);

		if (pfn == UINT64_MAX)
			break;
		m->frames[pfn].order = (uint8_t)order;
		pcp_list_add(m, l, pfn, 1);
	}
	return i;
}

/* 6.12 nr_pcp_alloc(): how many blocks a refill takes; tunes high up. */
static int
nr_pcp_alloc(struct machine *m, struct per_cpu_pages *p, int zone,
    unsigned order)
{
	int high, base = p->batch, batch, max_nr;

	high = p->high = p->high < p->high_min ? p->high_min :
	    p->high > p->high_max	       ? p->high_max :
						 p->high;
	if (high < base)
		return 1;
	batch = order ? base : base << p->alloc_factor;
	if (p->high_min != p->high_max &&
	    !(m->zones[zone].pcp_flags & PCP_BELOW_HIGH))
		high = p->high = high + batch < p->high_max ? high + batch :
							      p->high_max;
	if (order == 0) {
		max_nr = high - p->count - base > base ?
		    high - p->count - base :
		    base;
		if (batch <= max_nr && p->alloc_factor < PCP_BATCH_SCALE_MAX)
			p->alloc_factor++;
		if (batch > max_nr)
			batch = max_nr;
	}
	return batch > 1 ? (batch >> order > 2 ? batch >> order : 2) : batch;
}

/* 6.1 __rmqueue_pcplist(): batch scaled down by the order, at least 2. */
static int
pcp_refill_count(struct machine *m, struct per_cpu_pages *p, int zone,
    unsigned order)
{
	int batch = p->batch;

	if (pcp_model(m) == PCP_AUTOTUNE)
		return nr_pcp_alloc(m, p, zone, order);
	return batch > 1 ? (batch >> order > 2 ? batch >> order : 2) : batch;
}

uint64_t
pcp_rmqueue(struct machine *m, int zone, unsigned order, int mt,
    int alloc_flags)
{
	struct per_cpu_pages *p = pcp_this(m, zone);
	struct pcp_list	     *l = &p->lists[pcp_pindex(mt, order)];
	uint64_t	      pfn;

	/* rmqueue_pcplist(): an allocation halves the drain scaling. */
	p->free_factor >>= 1;
	p->free_count >>= 1;
	if (l->head == PFN_NONE)
		p->count += rmqueue_bulk(m, zone, order,
				pcp_refill_count(m, p, zone, order), l, mt,
				alloc_flags)
		    << order;
	if (l->head == PFN_NONE)
		return UINT64_MAX;
	pfn = l->head;
	pcp_list_del(m, l, pfn);
	p->count -= 1 << order;
	pcp_emit(m, EV_PCP_ALLOC, pfn, order);
	return pfn;
}

/*
 * free_pcppages_bulk(): count pages from the lists' tails (the oldest),
 * the freeing order's list first, then round-robin, each block back
 * through __free_one_page().
 */
static void
free_pcppages_bulk(struct machine *m, struct per_cpu_pages *p, int count,
    int pindex)
{
	if (count > p->count)
		count = p->count;
	pindex--;
	while (count > 0) {
		struct pcp_list *l;

		do {
			pindex = (pindex + 1) % PCP_LISTS;
			l = &p->lists[pindex];
		} while (l->head == PFN_NONE);
		do {
			uint64_t pfn = l->tail;
			unsigned order = pcp_order(pindex);

			pcp_list_del(m, l, pfn);
			count -= 1 << order;
			p->count -= 1 << order;
			pcp_emit(m, EV_PCP_DRAIN, pfn, order);
			buddy_free_one_page(m, pfn, order,
			    pcp_drain_mt(m, pindex, pfn));
		} while (count > 0 && l->head != PFN_NONE);
	}
}

/* 6.1 nr_pcp_free(): batch, doubled per free run without allocation. */
static int
nr_pcp_free_61(struct per_cpu_pages *p, int high, int free_high)
{
	int batch = p->batch, max_nr = high - p->batch;

	if (free_high)
		return p->count;
	if (high < p->batch)
		return 1;
	batch <<= p->free_factor;
	/* Debian's 6.1.y has the stable backport capping the scale at
	 * CONFIG_PCP_BATCH_SCALE_MAX (its config sets it). */
	if (batch < max_nr && p->free_factor < PCP_BATCH_SCALE_MAX)
		p->free_factor++;
	return batch < p->batch ? p->batch : batch > max_nr ? max_nr : batch;
}

/* 6.1 free_unref_page_commit(), after list_add(). */
static void
pcp_commit_61(struct machine *m, struct per_cpu_pages *p, int pindex,
    unsigned order)
{
	int free_high = p->free_factor && order &&
	    order <= PAGE_ALLOC_COSTLY_ORDER;
	int high = free_high ? 0 : p->high; /* nr_pcp_high() */

	(void)m;
	if (p->count >= high)
		free_pcppages_bulk(m, p, nr_pcp_free_61(p, high, free_high),
		    pindex);
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* 6.12 nr_pcp_high(): the drain threshold; tunes high down or up. */
static int
nr_pcp_high_612(struct machine *m, struct per_cpu_pages *p, int zone,
    int free_high)
{
	int high = p->high = clampi(p->high, p->high_min, p->high_max);
	int fc = p->free_count > p->batch ? p->free_count : p->batch;

	if (high == 0)
		return 0;
	if (free_high) {
		p->high = high - (p->batch << PCP_BATCH_SCALE_MAX);
		p->high = p->high > p->high_min ? p->high : p->high_min;
		return 0;
	}
	if (p->high_min == p->high_max)
		return high;
	if (m->zones[zone].pcp_flags & PCP_BELOW_HIGH) {
		p->high = high - fc > p->high_min ? high - fc : p->high_min;
		return p->count > p->high_min ? p->count : p->high_min;
	}
	if (p->count >= high && p->high < p->free_count + p->batch)
		p->high = clampi(p->free_count + p->batch, p->high_min,
		    p->high_max);
	return high;
}

/* 6.12 nr_pcp_free(): as many as were freed in a row, within bounds. */
static int
nr_pcp_free_612(const struct per_cpu_pages *p, int high, int free_high)
{
	int lim = p->batch << PCP_BATCH_SCALE_MAX;

	if (free_high)
		return p->count < lim ? p->count : lim;
	if (high < p->batch)
		return 1;
	return clampi(p->free_count, p->batch, high - p->batch);
}

/* 6.12 free_unref_page_commit(), after list_add(). */
static void
pcp_commit_612(struct machine *m, struct per_cpu_pages *p, int zone, int pindex,
    unsigned order)
{
	int free_high = 0, high;

	p->alloc_factor >>= 1;
	if (order && order <= PAGE_ALLOC_COSTLY_ORDER) {
		free_high = p->free_count >= p->batch &&
		    (p->flags & PCPF_PREV_HIGHORD);
		p->flags |= PCPF_PREV_HIGHORD;
	} else
		p->flags &= ~(unsigned)PCPF_PREV_HIGHORD;
	if (p->free_count < (p->batch << PCP_BATCH_SCALE_MAX))
		p->free_count += 1 << order;
	high = nr_pcp_high_612(m, p, zone, free_high);
	if (p->count < high)
		return;
	free_pcppages_bulk(m, p, nr_pcp_free_612(p, high, free_high), pindex);
	if ((m->zones[zone].pcp_flags & PCP_BELOW_HIGH) &&
	    buddy_watermark_ok(m, zone, 0, m->zones[zone].wmark[WMARK_HIGH],
		MAX_NR_ZONES - 1))
		m->zones[zone].pcp_flags &= ~(unsigned)PCP_BELOW_HIGH;
}

void
pcp_free(struct machine *m, uint64_t pfn, unsigned order, int mt)
{
	int		      zone = m->frames[pfn].zone;
	struct per_cpu_pages *p = pcp_this(m, zone);
	int		      pindex;

	/* free_unref_page(): the types without a list of their own go on
	 * the movable one (isolation is not modelled). */
	if (mt >= MIGRATE_PCPTYPES)
		mt = MIGRATE_MOVABLE;
	pindex = pcp_pindex(mt, order);
	m->frames[pfn].order = (uint8_t)order;
	pcp_list_add(m, &p->lists[pindex], pfn, 0);
	p->count += 1 << order;
	pcp_emit(m, EV_PCP_FREE, pfn, order);
	if (pcp_model(m) == PCP_AUTOTUNE)
		pcp_commit_612(m, p, zone, pindex, order);
	else
		pcp_commit_61(m, p, pindex, order);
}

/*
 * 6.12 decay_pcp_high(), from the vmstat interval's work: high falls by
 * an eighth towards high_min, but never below count minus the largest
 * drain (batch << PCP_BATCH_SCALE_MAX), and the pages above high drain.
 */
int
pcp_decay_high(struct machine *m, int zone)
{
	struct per_cpu_pages *p;
	int		      todo = 0, floor, high;

	if (pcp_model(m) != PCP_AUTOTUNE || m->zones[zone].pageset == NULL)
		return 0;
	p = pcp_this(m, zone);
	if (p->high > p->high_min) {
		floor = p->count - (p->batch << PCP_BATCH_SCALE_MAX);
		high = p->high - (p->high >> 3);
		high = high > floor ? high : floor;
		p->high = high > p->high_min ? high : p->high_min;
		todo += p->high > p->high_min;
	}
	if (p->count > p->high) {
		free_pcppages_bulk(m, p, p->count - p->high, 0);
		todo++;
	}
	return todo;
}

void
pcp_drain_all(struct machine *m)
{
	unsigned cpu, self = m->cpu;
	int	 z;

	for (z = 0; z < m->nr_zones; z++) {
		if (m->zones[z].pageset == NULL)
			continue;
		for (cpu = 0; cpu < m->cfg.cpus; cpu++) {
			m->cpu = cpu; /* the drain events name the list's CPU */
			free_pcppages_bulk(m, &m->zones[z].pageset[cpu],
			    m->zones[z].pageset[cpu].count, 0);
		}
	}
	m->cpu = self;
}

uint64_t
pcp_total(const struct machine *m)
{
	uint64_t n = 0;
	unsigned cpu;
	int	 z;

	for (z = 0; z < m->nr_zones; z++) {
		if (m->zones[z].pageset == NULL)
			continue;
		for (cpu = 0; cpu < m->cfg.cpus; cpu++)
			n += (uint64_t)m->zones[z].pageset[cpu].count;
	}
	return n;
}

void
pcp_clone(struct machine *dst, const struct machine *src)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (src->zones[z].pageset != NULL)
			dst->zones[z].pageset = xmemdup(src->zones[z].pageset,
			    src->cfg.cpus * sizeof *src->zones[z].pageset);
}

void
pcp_destroy(struct machine *m)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		free(m->zones[z].pageset);
		m->zones[z].pageset = NULL;
	}
}
