/*
 * pcp.h - the per-CPU page lists (struct per_cpu_pages), as
 * mm/page_alloc.c keeps them in front of the buddy free lists.
 *
 * Each zone has one pageset per CPU.  Orders up to PAGE_ALLOC_COSTLY_ORDER
 * (3), and the pageblock order (9) since CONFIG_TRANSPARENT_HUGEPAGE is
 * built in, are freed to the head of the CPU's list for that order and
 * allocated from its head (LIFO: a page freed comes straight back).  An
 * empty list is refilled with `batch` blocks from the buddy lists
 * (rmqueue_bulk(), in the order the buddy hands them out); when the list
 * holds `high` pages or more after a free, the oldest are drained back
 * (free_pcppages_bulk(), from the tail, round-robin over the lists).
 * Pages on a pageset are free (owner FO_FREE) but not on free_area, and
 * not counted in the zone's NR_FREE_PAGES, as in the kernel.
 *
 * batch and high come from the zone size and CPU count exactly as
 * zone_batchsize() and zone_highsize() compute them, whenever the
 * watermarks are set (setup_per_zone_wmarks() -> zone_pcp_update()).
 * 6.1 keeps high fixed and doubles the drain while frees run without an
 * allocation (free_factor).  6.12 (pcp auto-tuning, 6.7+) keeps
 * high_min (from the low watermark) and high_max (1/8 of the zone) and
 * moves high between them: up by the refill batch on each refill while
 * the zone is above its high watermark, down when it is not
 * (ZONE_BELOW_HIGH), with alloc_factor and free_count scaling refills and
 * drains, and decays it each vmstat interval (decay_pcp_high(), run by
 * `tick`, vmstat.h).  Each CPU has its own pageset; the running CPU
 * (machine_set_cpu()) picks the one an allocation or free uses, and its
 * lists are per migratetype (NR_PCP_LISTS).  Left out:
 * ZONE_RECLAIM_ACTIVE's cap, since kswapd runs in one go.
 * The 2.6 and 2.0 profiles do not model per-CPU lists at all.
 */
#ifndef MEMVIZ_SIM_PCP_H
#define MEMVIZ_SIM_PCP_H

#include <stdint.h>

struct machine;

/* Orders 0..3 a list per migratetype each (MIGRATE_PCPTYPES: unmovable,
 * movable, reclaimable at pindex 3 * order + type), then two for the
 * pageblock order, not movable and movable (NR_PCP_LISTS = 12 + NR_PCP_THP,
 * both in 6.1.y as Debian ships it and in 6.12). */
#define PCP_LOWORDER_LISTS 12
#define PCP_LISTS	   14
#define PCP_PAGEBLOCK	   9   /* pageblock_order = HPAGE_PMD_ORDER on x86-64 */
#define PCP_BELOW_HIGH	   0x1 /* zone flag ZONE_BELOW_HIGH (6.12) */
#define PCPF_PREV_HIGHORD  0x1 /* PCPF_PREV_FREE_HIGH_ORDER (6.12) */

enum pcp_model {
	PCP_NONE, /* not modelled: every block goes to and from free_area */
	PCP_FIXED_HIGH, /* 5.14..6.6: high = low watermark / CPUs */
	PCP_AUTOTUNE,	/* 6.7+: high tuned between high_min and high_max */
};

struct pcp_list {
	uint32_t head, tail; /* PFN_NONE when empty; linked via frame lru */
};

struct per_cpu_pages {
	int		count; /* pages on all lists */
	int		high, batch;
	int		high_min, high_max;	  /* 6.12 */
	int		free_factor;		  /* 6.1 */
	int		alloc_factor, free_count; /* 6.12 */
	unsigned	flags;			  /* PCPF_* */
	struct pcp_list lists[PCP_LISTS];
};

/* pcp_allowed_order(): does this order go through the per-CPU lists? */
int pcp_allowed_order(const struct machine *m, unsigned order);

/*
 * zone_pcp_update() for every zone: batch and high (6.12: high_min,
 * high_max) from managed pages, the low watermark and the CPU count.
 * Allocates the pagesets on first use.
 */
void pcp_update(struct machine *m);

/* __rmqueue_pcplist() on the current CPU from migratetype mt's list: the
 * pfn, or UINT64_MAX when the list is empty and the buddy lists cannot
 * refill it (alloc_flags as for buddy_rmqueue()). */
uint64_t pcp_rmqueue(struct machine *m, int zone, unsigned order, int mt,
    int alloc_flags);

/* free_unref_page_commit(): the block (already prepared and marked free)
 * goes to the head of the CPU's list for its pageblock's type mt; drains
 * when above high. */
void pcp_free(struct machine *m, uint64_t pfn, unsigned order, int mt);

/* 6.12 decay_pcp_high() on the running CPU's pageset of zone: nonzero
 * while there is more to do (6.1: nothing, 0). */
int pcp_decay_high(struct machine *m, int zone);

/* drain_all_pages(): every CPU's lists back to the buddy lists. */
void pcp_drain_all(struct machine *m);

/* The pageset of a zone on a CPU (NULL before boot or when unmodelled). */
const struct per_cpu_pages *pcp_pageset(const struct machine *m, int zone,
    unsigned cpu);

/* Pages held on every pageset of every zone. */
uint64_t pcp_total(const struct machine *m);

/* The CPU statements run on (smp_processor_id()). */
unsigned pcp_this_cpu(const struct machine *m);

/* Frees the pagesets (machine teardown). */
/* Gives dst (a byte copy of src) pagesets of its own (machine_clone()). */
void pcp_clone(struct machine *dst, const struct machine *src);
void pcp_destroy(struct machine *m);

#endif
