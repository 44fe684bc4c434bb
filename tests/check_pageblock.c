/*
 * check_pageblock.c - migratetypes, pageblocks and the fallback between
 * them, on memviz and against real kernels.
 *
 * The experiment of tests/kernel-probe/module/memviz_pageblock.c (8192
 * GFP_KERNEL pages, the odd pfns freed again, one GFP_KERNEL block of
 * each order, 32 movable order-9 blocks) runs on the simulated machine
 * under each profile, at 256M and 1G, and its relations are compared with what
 * 6.1 and 6.12 printed (captured/KVER-default-pageblock.txt):
 *  - the unmovable pages fill few pageblocks (the real 19 for 16 blocks'
 *    worth: the fallback claims whole blocks), within 16..24;
 *  - each kernel's Unmovable pageblock count grows by 16..28 (the real
 *    +20..+26, the high orders claiming blocks of their own) and its
 *    Movable count falls as much; the Reclaimable count does not move;
 *  - no watermark boost: every fallback took a whole block of order 9 or
 *    more (the path that claims without boosting);
 *  - an order-0 request reuses a hole, an order-9 and an order-10 one
 *    take fresh blocks; the movable order-9 blocks never land in the
 *    unmovable pageblocks;
 *  - where the holes go: 6.1's per-CPU list drains them to the buddy's
 *    Unmovable order-0 list (4000 and more there), 6.12's auto-tuned high
 *    keeps most of them on the CPU (fewer than 1000 there).
 * Boot itself is compared with a tolerance: memviz now makes the
 * kernel's boot-time slab, stack, page-table and per-CPU allocations
 * (sim/page/bootmem.h, sized from captured/KVER-default-bootmem.txt), so
 * where the real boot leaves 8 (6.1) and 10 (6.12) Unmovable and 6 and 2
 * Reclaimable pageblocks of DMA32's 120, memviz leaves 4 and 6 Unmovable
 * and the same 6 and 2 Reclaimable (before it: 2 and none); the real
 * boot's allocations and frees interleave and spread over more blocks
 * than memviz's packed ones.  The test allows 5 fewer at 256M, 14 (6.1)
 * and 12 (6.12) at 1G, where the real boots leave 18 Unmovable.
 * Rules by hand: gfp_migratetype(), 6.1's and 6.12's split of a stolen
 * block that does not win its pageblock, the boost and its cap, kswapd
 * dropping it, and GFP_NOWAIT failing under a boost GFP_ATOMIC ignores.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine-priv.h"
#include "sim/machine.h"
#include "sim/page/buddy.h"
#include "sim/page/pageblock.h"
#include "sim/page/pcp.h"
#include "sim/page/phys.h"
#include "sim/report.h"
#include "check-run.h"
#include "check-sim.h"

#define NR_UNMOV 8192
#define NR_MOV9	 32

/* What memviz_pageblock.c reports, and the pagetypeinfo around it. */
struct pb_result {
	unsigned pages, blocks, holes, mov9, mov9_in;
	uint64_t boost_max;
	int	 reuse[NR_PAGE_ORDERS]; /* 1 yes, 0 no, -1 none */
	uint64_t before[MIGRATE_TYPES], after[MIGRATE_TYPES];
	uint64_t free0_unmov; /* DMA32 Unmovable order-0 blocks after */
};

static uint64_t
pfn_of(const struct machine *m, const struct step *st)
{
	return (st->addr - machine_pfn_to_virt(m, 0)) >> PAGE_SHIFT;
}

static void
run_unmovable(struct machine *m, struct step *st, uint64_t *pfns,
    unsigned char *touched, struct pb_result *r)
{
	unsigned i;
	int	 z;

	for (i = 0; i < NR_UNMOV; i++) {
		pfns[i] = UINT64_MAX;
		if (machine_get_free_pages(m, GFP_KERNEL | ___GFP_NOWARN, 0,
			st) != SIM_OK)
			continue;
		pfns[i] = pfn_of(m, st);
		r->pages++;
		if (!touched[pfns[i] >> PAGEBLOCK_ORDER])
			r->blocks++;
		touched[pfns[i] >> PAGEBLOCK_ORDER] = 1;
		for (z = 0; z < m->nr_zones; z++)
			if (m->zones[z].watermark_boost > r->boost_max)
				r->boost_max = m->zones[z].watermark_boost;
	}
}

static void
run_holes(struct machine *m, struct step *st, const uint64_t *pfns,
    struct pb_result *r)
{
	unsigned i;

	for (i = 0; i < NR_UNMOV; i++) {
		if (pfns[i] == UINT64_MAX || !(pfns[i] & 1))
			continue;
		ck_assert_int_eq(machine_free_pages(m,
				     machine_pfn_to_virt(m, pfns[i]), 0, st),
		    SIM_OK);
		r->holes++;
	}
}

static void
run_orders(struct machine *m, struct step *st, const unsigned char *touched,
    struct pb_result *r)
{
	unsigned k, i;

	for (k = 0; k < NR_PAGE_ORDERS; k++)
		r->reuse[k] = machine_get_free_pages(m,
				  GFP_KERNEL | ___GFP_NOWARN | ___GFP_NORETRY,
				  k, st) != SIM_OK ?
		    -1 :
		    touched[pfn_of(m, st) >> PAGEBLOCK_ORDER] != 0;
	for (i = 0; i < NR_MOV9; i++) {
		if (machine_get_free_pages(m,
			GFP_HIGHUSER_MOVABLE | ___GFP_NOWARN | ___GFP_NORETRY,
			9, st) != SIM_OK)
			break;
		r->mov9++;
		r->mov9_in += touched[pfn_of(m, st) >> PAGEBLOCK_ORDER] != 0;
	}
}

/* memviz_pageblock.c's experiment on a 256M machine of this profile. */
static void
run_experiment(const char *kernel, const char *ram, struct pb_result *r)
{
	struct machine *m = check_boot("ram", ram, "kernel", kernel, NULL);
	uint64_t       *pfns = calloc(NR_UNMOV, sizeof *pfns);
	unsigned char  *touched = calloc(phys_nframes(m) / PAGEBLOCK_NR_PAGES +
		 1,
	     1);
	struct step	st;

	memset(r, 0, sizeof *r);
	step_init(&st);
	pageblock_count(m, ZONE_DMA32, r->before);
	run_unmovable(m, &st, pfns, touched, r);
	run_holes(m, &st, pfns, r);
	run_orders(m, &st, touched, r);
	pageblock_count(m, ZONE_DMA32, r->after);
	r->free0_unmov = m->zones[ZONE_DMA32]
			     .free_area[0]
			     .free_list[MIGRATE_UNMOVABLE]
			     .nr;
	check_consistent(m);
	step_free(&st);
	free(pfns);
	free(touched);
	machine_destroy(m);
}

/* The captured file of a kernel: "result KEY VALUE" as a number. */
static char *
captured_text(const char *kernel, const char *suffix)
{
	char path[512];

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/%s-default-pageblock%s.txt", TEST_SRCDIR,
	    kernel, suffix);
	return check_slurp(path);
}

static long
captured_result(const char *text, const char *key)
{
	char	    want[128];
	const char *p;

	snprintf(want, sizeof want, "\nresult %s ", key);
	p = strstr(text, want);
	ck_assert_msg(p != NULL, "no result %s", key);
	p += strlen(want);
	if (strncmp(p, "yes", 3) == 0)
		return 1;
	if (strncmp(p, "no", 2) == 0)
		return 0;
	return strtol(p, NULL, 10);
}

/* "pagetypeinfo-WHEN Node 0, zone    DMA32  U M R H I" */
static void
captured_blocks(const char *text, const char *when, uint64_t *counts)
{
	char	    want[128];
	const char *p;

	snprintf(want, sizeof want, "pagetypeinfo-%s Node 0, zone    DMA32 ",
	    when);
	p = strstr(text, want);
	ck_assert_msg(p != NULL, "no %s block counts", when);
	ck_assert_int_eq(sscanf(p + strlen(want),
			     "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			     " %" SCNu64,
			     &counts[0], &counts[1], &counts[2], &counts[3],
			     &counts[4]),
	    MIGRATE_TYPES);
}

/* Both sides' relations, each side on its own numbers. */
static void
assert_relations(long blocks, long boost, long reuse0, long reuse9,
    long reuse10, long mov9, long mov9_in, const uint64_t *before,
    const uint64_t *after)
{
	ck_assert_int_ge(blocks, 16);
	ck_assert_int_le(blocks, 24);
	ck_assert_int_eq(boost, 0);
	ck_assert_int_eq(reuse0, 1);
	ck_assert_int_eq(reuse9, 0);
	ck_assert_int_eq(reuse10, 0);
	ck_assert_int_eq(mov9, NR_MOV9);
	ck_assert_int_eq(mov9_in, 0);
	ck_assert_uint_ge(after[MIGRATE_UNMOVABLE],
	    before[MIGRATE_UNMOVABLE] + 16);
	/* the 8192 pages, and orders 7..10 claiming fresh blocks */
	ck_assert_uint_le(after[MIGRATE_UNMOVABLE],
	    before[MIGRATE_UNMOVABLE] + 28);
	ck_assert_uint_eq(before[MIGRATE_MOVABLE] - after[MIGRATE_MOVABLE],
	    after[MIGRATE_UNMOVABLE] - before[MIGRATE_UNMOVABLE]);
	ck_assert_uint_eq(after[MIGRATE_RECLAIMABLE],
	    before[MIGRATE_RECLAIMABLE]);
}

/* Boot, within the tolerance the header explains: no more Unmovable or
 * Reclaimable pageblocks than the real boot leaves, as many in all. */
static void
assert_boot(const uint64_t *mine, const uint64_t *real, uint64_t gap)
{
	uint64_t a = 0, b = 0;
	int	 mt;

	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		a += mine[mt];
		b += real[mt];
	}
	ck_assert_uint_eq(a, b);
	ck_assert_uint_le(mine[MIGRATE_UNMOVABLE], real[MIGRATE_UNMOVABLE]);
	ck_assert_uint_le(mine[MIGRATE_RECLAIMABLE], real[MIGRATE_RECLAIMABLE]);
	ck_assert_uint_le(real[MIGRATE_UNMOVABLE] + real[MIGRATE_RECLAIMABLE] -
		mine[MIGRATE_UNMOVABLE] - mine[MIGRATE_RECLAIMABLE],
	    gap);
	ck_assert_uint_eq(mine[MIGRATE_HIGHATOMIC], real[MIGRATE_HIGHATOMIC]);
	ck_assert_uint_eq(mine[MIGRATE_ISOLATE], real[MIGRATE_ISOLATE]);
}

static void
assert_experiment(const char *kernel, const char *ram, const char *suffix,
    uint64_t gap)
{
	struct pb_result r;
	char		*t = captured_text(kernel, suffix);
	uint64_t	 kb[MIGRATE_TYPES], ka[MIGRATE_TYPES];

	run_experiment(kernel, ram, &r);
	captured_blocks(t, "before", kb);
	captured_blocks(t, "after", ka);
	ck_assert_int_eq(captured_result(t, "pageblock_order"),
	    PAGEBLOCK_ORDER);
	ck_assert_int_eq(captured_result(t, "unmov.pages"), r.pages);
	assert_relations(captured_result(t, "unmov.blocks"),
	    captured_result(t, "boost.max"),
	    captured_result(t, "order.0.reuse"),
	    captured_result(t, "order.9.reuse"),
	    captured_result(t, "order.10.reuse"),
	    captured_result(t, "movable9.count"),
	    captured_result(t, "movable9.in_unmov"), kb, ka);
	assert_relations(r.blocks, (long)r.boost_max, r.reuse[0], r.reuse[9],
	    r.reuse[10], r.mov9, r.mov9_in, r.before, r.after);
	assert_boot(r.before, kb, gap);
	free(t);
}

/*
 * Where the 4096 holes went: 6.1's fixed high drains them to the buddy's
 * Unmovable order-0 list (the real 4070 of 4096); 6.12's auto-tuned high
 * keeps most of them on the CPU's list (the real 413 on the buddy list).
 */
static void
assert_holes(const char *kernel, int drained)
{
	struct pb_result  r;
	char		 *t = captured_text(kernel, "");
	static const char row[] = "pagetypeinfo-after Node    0, zone    "
				  "DMA32, type    Unmovable ";
	const char	 *p = strstr(t, row);
	uint64_t	  real0;

	ck_assert_ptr_nonnull(p);
	real0 = strtoull(p + strlen(row), NULL, 10);
	run_experiment(kernel, "256M", &r);
	ck_assert_uint_eq(r.holes, NR_UNMOV / 2);
	if (drained) {
		ck_assert_uint_ge(real0, NR_UNMOV / 2 * 95 / 100);
		ck_assert_uint_ge(r.free0_unmov, NR_UNMOV / 2 * 95 / 100);
	} else {
		ck_assert_uint_lt(real0, NR_UNMOV / 4);
		ck_assert_uint_lt(r.free0_unmov, NR_UNMOV / 4);
	}
	free(t);
}

START_TEST(test_experiment_61)
{
	assert_experiment("6.1", "256M", "", 5);
}
END_TEST

START_TEST(test_experiment_612)
{
	assert_experiment("6.12", "256M", "", 5);
}
END_TEST

START_TEST(test_experiment_61_1g)
{
	assert_experiment("6.1", "1G", "-1G-1cpu", 14);
}
END_TEST

START_TEST(test_experiment_612_1g)
{
	assert_experiment("6.12", "1G", "-1G-1cpu", 12);
}
END_TEST

START_TEST(test_holes_61)
{
	assert_holes("6.1", 1);
}
END_TEST

START_TEST(test_holes_612)
{
	assert_holes("6.12", 0);
}
END_TEST

/* gfp_migratetype(): the two mobility bits name the type; the 2.6
 * profile has only one. */
START_TEST(test_gfp_migratetype)
{
	struct machine *m = check_boot("ram", "16M", "kernel", "6.1", NULL);
	struct machine *old = check_boot("ram", "16M", "kernel", "2.6", NULL);

	ck_assert_int_eq(pageblock_gfp_migratetype(m, GFP_KERNEL),
	    MIGRATE_UNMOVABLE);
	ck_assert_int_eq(pageblock_gfp_migratetype(m, GFP_ATOMIC),
	    MIGRATE_UNMOVABLE);
	ck_assert_int_eq(pageblock_gfp_migratetype(m, GFP_HIGHUSER_MOVABLE),
	    MIGRATE_MOVABLE);
	ck_assert_int_eq(pageblock_gfp_migratetype(m,
			     GFP_KERNEL | ___GFP_RECLAIMABLE),
	    MIGRATE_RECLAIMABLE);
	ck_assert_int_eq(pageblock_gfp_migratetype(old, GFP_HIGHUSER_MOVABLE),
	    MIGRATE_UNMOVABLE);
	ck_assert_str_eq(pageblock_type_name(MIGRATE_RECLAIMABLE),
	    "Reclaimable");
	machine_destroy(m);
	machine_destroy(old);
}
END_TEST

/* Allocates gfp/order blocks until one fails; how many it got. */
static unsigned
take_all(struct machine *m, gfp_t gfp, unsigned order, struct step *st)
{
	unsigned n = 0;

	while (machine_get_free_pages(m, gfp | ___GFP_NOWARN, order, st) ==
	    SIM_OK)
		n++;
	return n;
}

/*
 * A fragmenting fallback boosts: with every block of pageblock order
 * gone (taken by movable requests that ignore the watermarks), an
 * unmovable single page can only split a movable block smaller than a
 * pageblock, and boost_watermark() raises the zone's boost by 512, never
 * beyond max(512, 150% of high).  Without __GFP_KSWAPD_RECLAIM nobody
 * drops it; zoneinfo prints it and adds it to the marks.  The next
 * request that wakes kswapd lets it reclaim and clear it.
 */
START_TEST(test_fallback_boosts)
{
	struct machine	  *m = check_boot("ram", "64M", "kernel", "6.12", NULL);
	const struct zone *z = &m->zones[ZONE_DMA32];
	struct step	   st;
	uint64_t	   cap;
	unsigned	   i;
	char		  *text, line[64];

	step_init(&st);
	cap = z->wmark[WMARK_HIGH] * 15000 / 10000;
	cap = cap > PAGEBLOCK_NR_PAGES ? cap : PAGEBLOCK_NR_PAGES;
	ck_assert_uint_gt(take_all(m, ___GFP_MOVABLE | ___GFP_MEMALLOC, 9, &st),
	    0);
	ck_assert_uint_eq(z->watermark_boost, 0);
	for (i = 0; i < 4096 && z->watermark_boost == 0; i++)
		ck_assert_int_eq(machine_get_free_pages(m, ___GFP_MEMALLOC, 0,
				     &st),
		    SIM_OK);
	ck_assert_uint_eq(z->watermark_boost, PAGEBLOCK_NR_PAGES);
	for (i = 0; i < 4096 && z->watermark_boost < cap; i++)
		if (machine_get_free_pages(m, ___GFP_MEMALLOC, 0, &st) !=
		    SIM_OK)
			break;
	ck_assert_uint_le(z->watermark_boost, cap);
	text = check_show(m, "zoneinfo");
	snprintf(line, sizeof line, "boost    %llu\n        min      %llu",
	    (unsigned long long)z->watermark_boost,
	    (unsigned long long)(z->wmark[WMARK_MIN] + z->watermark_boost));
	ck_assert_ptr_nonnull(strstr(text, line));
	free(text);
	/* DMA emptied too, so that GFP_NOWAIT reaches the slow path */
	take_all(m, ___GFP_DMA | ___GFP_MEMALLOC, 0, &st);
	ck_assert_uint_gt(z->watermark_boost, 0);
	machine_get_free_pages(m, GFP_NOWAIT, 0, &st);
	ck_assert_uint_gt(check_count_events(&st, EV_KSWAPD), 0);
	ck_assert_uint_eq(z->watermark_boost, 0);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Free blocks of a type at or above an order, in a zone. */
static uint64_t
type_blocks(const struct zone *z, int mt, unsigned from)
{
	uint64_t n = 0;
	unsigned o;

	for (o = from; o < NR_PAGE_ORDERS; o++)
		n += z->free_area[o].free_list[mt].nr;
	return n;
}

/* Takes every movable page as a user page (FO_ANON: on the LRU, so
 * movable for move_freepages_block()), free lists and the CPU's movable
 * order-0 list alike; fills pfns (as many as fit). */
static unsigned
fill_movable(struct machine *m, uint64_t *pfns, unsigned max)
{
	const struct zone	   *z = &m->zones[ZONE_DMA];
	const struct per_cpu_pages *p = pcp_pageset(m, ZONE_DMA, 0);
	unsigned		    n = 0;
	uint64_t		    pfn;

	while (n < max &&
	    (type_blocks(z, MIGRATE_MOVABLE, 0) > 0 ||
		p->lists[MIGRATE_MOVABLE].head != PFN_NONE)) {
		ck_assert_int_eq(buddy_alloc(m,
				     GFP_HIGHUSER_MOVABLE | ___GFP_MEMALLOC, 0,
				     FO_ANON, &pfn),
		    SIM_OK);
		pfns[n++] = pfn;
	}
	return n;
}

/* The user pages of the pageblock holding pfn. */
static unsigned
user_pages(const unsigned char *mine, uint64_t pfn)
{
	uint64_t start = pfn & ~(uint64_t)(PAGEBLOCK_NR_PAGES - 1), p;
	unsigned n = 0;

	for (p = start; p < start + PAGEBLOCK_NR_PAGES; p++)
		n += mine[p];
	return n;
}

/*
 * A stolen block that does not win its pageblock.  On a 16M machine (one
 * zone) every movable page goes to user memory, then 32 aligned ones come
 * back as one order-5 block amid 480 user pages, and the unmovable lists
 * hold nothing of order 4 or more.  An order-4 GFP_KERNEL request falls
 * back to that block and cannot claim its pageblock (the user pages are
 * movable, not alike).  6.1 moved the whole block to the Unmovable lists
 * before splitting it, so the other half is an Unmovable order-4 block
 * now; 6.12 splits it in place and the half stays Movable.
 */
static void
assert_split(const char *kernel, int half_unmovable)
{
	struct machine	  *m = check_boot("ram", "16M", "kernel", kernel, NULL);
	const struct zone *z = &m->zones[ZONE_DMA];
	uint64_t	  *pfns = calloc(4096, sizeof *pfns), pfn, base;
	unsigned char	  *mine = calloc(4096, 1);
	unsigned	   n, i, run = 0;

	while (type_blocks(z, MIGRATE_UNMOVABLE, 4) > 0)
		ck_assert_int_eq(buddy_alloc(m, GFP_KERNEL | ___GFP_MEMALLOC, 4,
				     FO_PAGES, &pfn),
		    SIM_OK);
	n = fill_movable(m, pfns, 4096);
	/* 32 aligned user pages, past the first pageblock (which 6.1 counts
	 * only from the stolen page on, as it begins before the zone), in a
	 * pageblock that stays mostly user pages */
	for (i = 0; i < n; i++)
		mine[pfns[i]] = 1;
	for (base = PAGEBLOCK_NR_PAGES; base + 32 <= 4096; base += 32) {
		for (run = 0; run < 32 && mine[base + run]; run++)
			;
		if (run == 32 &&
		    user_pages(mine, base) > PAGEBLOCK_NR_PAGES / 2 + 32)
			break;
	}
	ck_assert_uint_eq(run, 32);
	for (i = 0; i < 32; i++)
		buddy_free(m, base + i, 0);
	pcp_drain_all(m);
	ck_assert_uint_eq(type_blocks(z, MIGRATE_MOVABLE, 5), 1);
	ck_assert_int_eq(buddy_alloc(m, GFP_KERNEL | ___GFP_MEMALLOC, 4,
			     FO_PAGES, &pfn),
	    SIM_OK);
	ck_assert_uint_eq(pfn & ~31ull, base);
	ck_assert_int_eq(pageblock_migratetype(m, pfn), MIGRATE_MOVABLE);
	ck_assert_uint_eq(z->free_area[4].free_list[MIGRATE_UNMOVABLE].nr,
	    half_unmovable);
	ck_assert_uint_eq(z->free_area[4].free_list[MIGRATE_MOVABLE].nr,
	    !half_unmovable);
	check_consistent(m);
	free(pfns);
	free(mine);
	machine_destroy(m);
}

START_TEST(test_split_61)
{
	assert_split("6.1", 1);
}
END_TEST

START_TEST(test_split_612)
{
	assert_split("6.12", 0);
}
END_TEST

/* Empties every zone down to GFP_ATOMIC's floor, per-CPU lists too;
 * keeps the DMA32 pages in dma32 (n of them). */
static void
exhaust_atomic(struct machine *m, uint64_t *dma32, unsigned *n, struct step *st)
{
	int got = 1;

	while (got) {
		got = 0;
		while (machine_get_free_pages(m, GFP_ATOMIC | ___GFP_NOWARN, 0,
			   st) == SIM_OK) {
			uint64_t pfn = pfn_of(m, st);

			got = 1;
			if (phys_frame(m, pfn)->zone == ZONE_DMA32 && *n < 4096)
				dma32[(*n)++] = pfn;
		}
		pcp_drain_all(m);
	}
}

/* 3/8 of a mark: what __zone_watermark_ok() leaves of it for GFP_ATOMIC
 * (half off for ALLOC_MIN_RESERVE, a quarter of the rest for
 * ALLOC_NON_BLOCK). */
static uint64_t
atomic_floor(uint64_t mark)
{
	mark -= mark / 2;
	return mark - mark / 4;
}

/*
 * zone_watermark_fast(): a boosted zone just above GFP_ATOMIC's unboosted
 * floor but below its boosted one.  GFP_NOWAIT fails (no reserve right
 * at all); GFP_ATOMIC order 0 succeeds there, since "the min watermark is
 * the point where boosting is ignored" for __GFP_HIGH single pages; an
 * order-1 GFP_ATOMIC request gets no such exception and fails.
 */
START_TEST(test_boost_nowait_atomic)
{
	struct machine *m = check_boot("ram", "64M", "kernel", "6.12", NULL);
	struct zone    *z = &m->zones[ZONE_DMA32];
	struct step	st;
	uint64_t       *dma32 = calloc(4096, sizeof *dma32);
	unsigned	n = 0, i;

	step_init(&st);
	exhaust_atomic(m, dma32, &n, &st);
	ck_assert_uint_ge(n, 32);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(machine_free_pages(m,
				     machine_pfn_to_virt(m, dma32[n - 1 - i]),
				     0, &st),
		    SIM_OK);
	pcp_drain_all(m);
	ck_assert(pageblock_boost_watermark(m, ZONE_DMA32));
	ck_assert_uint_gt(z->free_pages, atomic_floor(z->wmark[WMARK_MIN]));
	ck_assert_uint_le(z->free_pages,
	    atomic_floor(z->wmark[WMARK_MIN] + z->watermark_boost));
	ck_assert_int_eq(machine_get_free_pages(m, GFP_NOWAIT, 0, &st),
	    SIM_ENOMEM);
	ck_assert(pageblock_boost_watermark(m, ZONE_DMA32));
	ck_assert_int_eq(machine_get_free_pages(m, GFP_ATOMIC | ___GFP_NOWARN,
			     1, &st),
	    SIM_ENOMEM);
	ck_assert(pageblock_boost_watermark(m, ZONE_DMA32));
	ck_assert_int_eq(machine_get_free_pages(m, GFP_ATOMIC, 0, &st), SIM_OK);
	ck_assert_int_eq(phys_frame(m, pfn_of(m, &st))->zone, ZONE_DMA32);
	check_consistent(m);
	free(dma32);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static Suite *
pageblock_suite(void)
{
	Suite *s = suite_create("pageblock");
	TCase *tc = tcase_create("kernel");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_experiment_61);
	tcase_add_test(tc, test_experiment_612);
	tcase_add_test(tc, test_experiment_61_1g);
	tcase_add_test(tc, test_experiment_612_1g);
	tcase_add_test(tc, test_holes_61);
	tcase_add_test(tc, test_holes_612);
	suite_add_tcase(s, tc);
	tc = tcase_create("rules");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_gfp_migratetype);
	tcase_add_test(tc, test_fallback_boosts);
	tcase_add_test(tc, test_boost_nowait_atomic);
	tcase_add_test(tc, test_split_61);
	tcase_add_test(tc, test_split_612);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(pageblock_suite());
}
