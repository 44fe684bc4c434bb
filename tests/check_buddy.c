/*
 * check_buddy.c - the buddy allocator: on a bare zone (no machine around
 * it), boot state, hand-worked splits and merges, GFP behaviour at each
 * watermark, and seeded random sequences after which every invariant
 * must hold.
 *
 * The hand-worked cases start from a 1G machine whose DMA32 lists of
 * orders 0..2 were first emptied (other modules allocate at boot, so the
 * exact boot lists are theirs to change); the pfns then follow from the
 * head P of the smallest non-empty list, order k: the caller gets P, the
 * upper halves P + 2^j land on the lists of orders j < k.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "sim/kernel/kprofile.h"
#include "sim/page/buddy.h"
#include "sim/page/contents.h"
#include "sim/page/memblock.h"
#include "sim/page/pageblock.h"
#include "sim/machine-priv.h"
#include "sim/machine.h"
#include "sim/page/pagecache.h"
#include "sim/page/pcp.h"
#include "sim/page/phys.h"
#include "sim/report.h"
#include "check-run.h"
#include "check-sim.h"

/* A machine of ram bytes, aged to fragment percent, from this seed. */
static struct machine *
boot_seeded(const char *ram, const char *fragment, uint64_t seed)
{
	char s[24];

	snprintf(s, sizeof s, "%" PRIu64, seed);
	return check_boot("ram", ram, "fragment", fragment, "seed", s, NULL);
}

/* The same on the 2.6 profile, which models no per-CPU page lists: every
 * order-0 request and free goes to the buddy lists, so watermark
 * arithmetic is exact to the page. */
static struct machine *
boot_seeded_nopcp(const char *ram, const char *fragment, uint64_t seed)
{
	char s[24];

	snprintf(s, sizeof s, "%" PRIu64, seed);
	return check_boot("kernel", "2.6", "ram", ram, "fragment", fragment,
	    "seed", s, NULL);
}

/* A 1G machine of the default kernel with its boot options given. */
static struct machine *
boot_init_on(const char *init_on_alloc, const char *init_on_free)
{
	return check_boot("ram", "1G", "init_on_alloc", init_on_alloc,
	    "init_on_free", init_on_free, NULL);
}

static uint64_t
pfn_of(const struct machine *m, const struct step *st)
{
	return (st->addr - (machine_pfn_to_virt(m, 0))) >> PAGE_SHIFT;
}

/*
 * A bare zone: nframes frames from pfn 0, one zone, nothing else: no
 * kernel image, no memmap, no allocator above buddy, zero watermarks.
 * Only phys's frame array, the (empty) page cache that reclaim scans and
 * memblock's hand-over are set up, so these tests see buddy alone.  Too
 * small to group by mobility, it has one migratetype, Unmovable.
 */
static struct machine *
bare_zone(uint64_t nframes)
{
	struct machine *m = xcalloc(1, sizeof *m);
	struct zone    *z = &m->zones[0];
	unsigned	o;
	int		mt;

	machine_config_default(&m->cfg);
	m->prof = kprofile_find(m->cfg.kernel);
	step_init(&m->quiet);
	m->quiet.silent = 1;
	m->st = &m->quiet;
	m->nframes = nframes;
	m->frames = xcalloc(nframes, sizeof *m->frames);
	m->owner_count[FO_FREE] = nframes;
	m->contents = contents_create();
	pagecache_init(m);
	m->nr_zones = 1;
	z->name = "DMA";
	z->present = 1;
	z->spanned = z->present_pages = z->managed = nframes;
	m->totalram_pages = nframes;
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			z->free_area[o]
			    .free_list[mt]
			    .head = z->free_area[o]
					.free_list[mt]
					.tail = PFN_NONE;
	pageblock_init(m);
	memblock_free_all(m);
	return m;
}

static void
bare_zone_free(struct machine *m)
{
	phys_destroy(m);
	step_free(&m->quiet);
	free(m);
}

/* nr_free of every order of the bare zone, as buddyinfo prints them. */
static void
assert_bare_lists(const struct machine *m, const uint64_t want[NR_PAGE_ORDERS])
{
	char	*cause = NULL;
	unsigned o;

	for (o = 0; o < NR_PAGE_ORDERS; o++)
		ck_assert_msg(m->zones[0].free_area[o].nr_free == want[o],
		    "order %u: %llu blocks, want %llu", o,
		    (unsigned long long)m->zones[0].free_area[o].nr_free,
		    (unsigned long long)want[o]);
	ck_assert_msg(buddy_check(m, &cause) == 0, "%s", cause);
}

static uint64_t
bare_alloc(struct machine *m, unsigned order)
{
	uint64_t pfn = PFN_NONE;

	ck_assert_int_eq(buddy_alloc(m, GFP_KERNEL, order, FO_PAGES, &pfn),
	    SIM_OK);
	return pfn;
}

/*
 * memblock_free_all() hands a zone over in the largest aligned blocks:
 * 100 frames from pfn 0 are 64 + 32 + 4.
 */
START_TEST(test_bare_release_in_aligned_blocks)
{
	struct machine	     *m = bare_zone(100);
	static const uint64_t want[NR_PAGE_ORDERS] = { 0, 0, 1, 0, 0, 1, 1 };

	assert_bare_lists(m, want);
	ck_assert_uint_eq(m->zones[0]
			      .free_area[6]
			      .free_list[MIGRATE_UNMOVABLE]
			      .head,
	    0);
	ck_assert_uint_eq(m->zones[0]
			      .free_area[5]
			      .free_list[MIGRATE_UNMOVABLE]
			      .head,
	    64);
	ck_assert_uint_eq(m->zones[0]
			      .free_area[2]
			      .free_list[MIGRATE_UNMOVABLE]
			      .head,
	    96);
	bare_zone_free(m);
}
END_TEST

/*
 * One page from a lone order-6 block: __rmqueue_smallest() takes the
 * block, expand() keeps the lower half at each step and lists the upper
 * one, so the caller gets pfn 0 and orders 0..5 hold pfns 1, 2, 4, ...
 * 32.  Freeing it merges all the way back (__free_one_page()).
 */
START_TEST(test_bare_split_and_merge)
{
	struct machine	     *m = bare_zone(64);
	static const uint64_t one[NR_PAGE_ORDERS] = { 0, 0, 0, 0, 0, 0, 1 };
	static const uint64_t split[NR_PAGE_ORDERS] = { 1, 1, 1, 1, 1, 1, 0 };
	unsigned	      o;

	assert_bare_lists(m, one);
	ck_assert_uint_eq(bare_alloc(m, 0), 0);
	assert_bare_lists(m, split);
	for (o = 0; o < 6; o++)
		ck_assert_uint_eq(m->zones[0]
				      .free_area[o]
				      .free_list[MIGRATE_UNMOVABLE]
				      .head,
		    1u << o);
	buddy_free(m, 0, 0);
	assert_bare_lists(m, one);
	bare_zone_free(m);
}
END_TEST

/*
 * A block merges only with its buddy (pfn ^ 2^order): freeing 1 and 3
 * leaves two lone pages; freeing 0 then makes the pair 0-1; freeing 2
 * makes 2-3, whose buddy 0-1 is free, and so on up to the whole zone.
 */
START_TEST(test_bare_merge_only_with_buddy)
{
	struct machine	     *m = bare_zone(8);
	static const uint64_t whole[NR_PAGE_ORDERS] = { 0, 0, 0, 1 };
	static const uint64_t lone[NR_PAGE_ORDERS] = { 2, 0, 1 };
	static const uint64_t pair[NR_PAGE_ORDERS] = { 1, 1, 1 };
	unsigned	      i;

	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(bare_alloc(m, 0), i);
	buddy_free(m, 1, 0);
	buddy_free(m, 3, 0);
	assert_bare_lists(m, lone);
	buddy_free(m, 0, 0);
	assert_bare_lists(m, pair);
	buddy_free(m, 2, 0);
	assert_bare_lists(m, whole);
	bare_zone_free(m);
}
END_TEST

/* With every frame handed out and no page cache to reclaim, it fails. */
START_TEST(test_bare_exhaustion)
{
	struct machine *m = bare_zone(16);
	uint64_t	pfn, i;

	for (i = 0; i < 16; i++)
		bare_alloc(m, 0);
	ck_assert_int_eq(buddy_alloc(m, GFP_KERNEL, 0, FO_PAGES, &pfn),
	    SIM_ENOMEM);
	for (i = 0; i < 16; i++)
		buddy_free(m, i, 0);
	ck_assert_uint_eq(m->zones[0].free_area[4].nr_free, 1);
	bare_zone_free(m);
}
END_TEST

START_TEST(test_boot_consistent)
{
	struct machine *m = check_boot("ram", "64M", NULL);

	check_consistent(m);
	ck_assert_uint_eq(phys_nframes(m), 16384);
	machine_destroy(m);
}
END_TEST

/* Takes every block of orders 0..2 off DMA32's lists (no split needed:
 * each request finds its own order first).  Returns how many. */
static size_t
empty_low_orders(struct machine *m, struct step *st)
{
	const struct zone *z = phys_zone(m, ZONE_DMA32);
	unsigned	   o;
	size_t		   n = 0;

	for (o = 0; o < 3; o++) {
		while (z->free_area[o].nr_free > 0) {
			ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL,
					     o, st),
			    SIM_OK);
			ck_assert_uint_eq(check_count_events(st, EV_SPLIT), 0);
			n++;
		}
	}
	return n;
}

static unsigned
smallest_order(const struct zone *z)
{
	unsigned o = 0;

	while (z->free_area[o].nr_free == 0)
		o++;
	return o;
}

/* An order-0 request splits the head P of the smallest list, order k:
 * P + 2^(k-1) goes to order k-1, ..., P + 1 to order 0, the caller keeps
 * P (expand()).  Freeing P merges it back to order k.  On the 2.6
 * profile, which models no per-CPU lists, so that the request and the
 * free reach the buddy lists themselves. */
START_TEST(test_split_merge_by_hand)
{
	struct machine	  *m = check_boot("kernel", "2.6", "ram", "1G", NULL);
	const struct zone *z = phys_zone(m, ZONE_DMA32);
	struct sbuf	   want = SBUF_INIT;
	struct step	   st;
	uint64_t	   p;
	unsigned	   k, j;
	char		  *text;

	step_init(&st);
	empty_low_orders(m, &st);
	k = smallest_order(z);
	ck_assert_uint_ge(k, 3);
	p = z->free_area[k].free_list[MIGRATE_UNMOVABLE].head;
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	for (j = k; j > 0; j--)
		sbuf_printf(&want, "split DMA32 pfn %#llx order %u -> %u\n",
		    (unsigned long long)p, j, j - 1);
	sbuf_printf(&want, "pages_alloc DMA32 pfn %#llx order 0\n",
	    (unsigned long long)p);
	text = check_step_text(&st);
	ck_assert_str_eq(text, sbuf_str(&want));
	free(text);
	ck_assert_uint_eq(pfn_of(m, &st), p);
	for (j = 0; j < k; j++) {
		ck_assert_uint_eq(z->free_area[j].free_list[0].head,
		    p + (1ull << j));
		ck_assert_uint_eq(z->free_area[j].nr_free, 1);
	}
	check_consistent(m);

	ck_assert_int_eq(machine_free_pages(m, st.addr, 0, &st), SIM_OK);
	sbuf_reset(&want);
	for (j = 0; j < k; j++)
		sbuf_printf(&want, "merge DMA32 pfn %#llx order %u -> %u\n",
		    (unsigned long long)p, j, j + 1);
	sbuf_printf(&want, "pages_free DMA32 pfn %#llx order %u",
	    (unsigned long long)p, k);
	text = check_step_text(&st);
	ck_assert_int_eq(strncmp(text, sbuf_str(&want), want.len), 0);
	free(text);
	for (j = 0; j < k; j++)
		ck_assert_uint_eq(z->free_area[j].nr_free, 0);
	check_consistent(m);
	sbuf_free(&want);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* free_area[10] is LIFO: a freed block is the next one handed out, and
 * a GFP_KERNEL one, taken from a Movable pageblock it claims whole
 * (steal_suitable_fallback()), comes back on the Unmovable list.  The
 * second allocation takes the list's second block. */
START_TEST(test_order10_lifo)
{
	struct machine	  *m = check_boot("ram", "1G", NULL);
	const struct zone *z = phys_zone(m, ZONE_DMA32);
	struct step	   st;
	uint64_t	   a, first, second;

	step_init(&st);
	first = z->free_area[10].free_list[MIGRATE_MOVABLE].head;
	second = phys_frame(m, first)->lru.next;
	ck_assert_int_eq(machine_alloc_pages(m, GFP_KERNEL, 10, &st), SIM_OK);
	ck_assert_uint_eq(st.frames[0].pfn, first);
	ck_assert_uint_eq(st.frames[0].count, 1024);
	ck_assert_uint_eq(check_count_events(&st, EV_SPLIT), 0);
	a = st.addr;
	ck_assert_int_eq(machine_alloc_pages(m, GFP_KERNEL, 10, &st), SIM_OK);
	ck_assert_uint_eq(st.frames[0].pfn, second);
	ck_assert_int_eq(machine___free_pages(m, a, 10, &st), SIM_OK);
	ck_assert_uint_eq(z->free_area[10].free_list[MIGRATE_UNMOVABLE].head,
	    first);
	ck_assert_int_eq(machine_alloc_pages(m, GFP_KERNEL, 10, &st), SIM_OK);
	ck_assert_uint_eq(st.frames[0].pfn, first);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* The buddy lists' nr_free of one zone, order by order. */
static void
zone_nr_free(const struct zone *z, uint64_t out[NR_PAGE_ORDERS])
{
	unsigned o;

	for (o = 0; o < NR_PAGE_ORDERS; o++)
		out[o] = z->free_area[o].nr_free;
}

/*
 * The default kernel (6.12) puts the per-CPU lists in front: an order-0
 * request on an empty list refills it from the buddy lists
 * (rmqueue_bulk()), a freed page waits at the list's head without
 * merging and is the next one handed out (LIFO), and drain_all_pages()
 * returns every parked block, which then merges as at boot.
 */
START_TEST(test_pcp_lifo_and_drain)
{
	struct machine	  *m = check_boot("ram", "1G", NULL);
	const struct zone *z = phys_zone(m, ZONE_DMA32);
	struct step	   st;
	uint64_t	   boot[NR_PAGE_ORDERS], now[NR_PAGE_ORDERS], a;

	step_init(&st);
	pcp_drain_all(m);
	ck_assert_uint_eq(pcp_total(m), 0);
	check_consistent(m);
	zone_nr_free(z, boot);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_uint_gt(check_count_events(&st, EV_PCP_REFILL), 1);
	ck_assert_uint_eq(check_count_events(&st, EV_PCP_ALLOC), 1);
	ck_assert_uint_eq(pcp_total(m),
	    check_count_events(&st, EV_PCP_REFILL) - 1);
	a = st.addr;
	ck_assert_int_eq(machine_free_pages(m, a, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_PCP_FREE), 1);
	ck_assert_uint_eq(check_count_events(&st, EV_MERGE), 0);
	zone_nr_free(z, now);
	ck_assert_int_ne(memcmp(boot, now, sizeof boot), 0);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, a);
	ck_assert_uint_eq(check_count_events(&st, EV_PCP_REFILL), 0);
	ck_assert_int_eq(machine_free_pages(m, a, 0, &st), SIM_OK);
	pcp_drain_all(m);
	ck_assert_uint_eq(pcp_total(m), 0);
	zone_nr_free(z, now);
	ck_assert_int_eq(memcmp(boot, now, sizeof boot), 0);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

START_TEST(test_bad_order)
{
	struct machine *m = check_boot("ram", "64M", NULL);
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 11, &st),
	    SIM_EINVAL);
	ck_assert_ptr_nonnull(st.reason);
	ck_assert_str_eq(st.reason,
	    "WARNING: at mm/page_alloc.c "
	    "__alloc_pages(): order 11 > MAX_PAGE_ORDER (10), NULL returned");
	ck_assert_uint_eq(st.addr, 0);
	ck_assert_int_eq(machine_alloc_pages(m, GFP_ATOMIC, 200, &st),
	    SIM_EINVAL);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

START_TEST(test_bad_free)
{
	struct machine *m = check_boot("ram", "64M", NULL);
	struct step	st;
	uint64_t	a;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 2, &st), SIM_OK);
	a = st.addr;
	ck_assert_int_eq(machine_free_pages(m, a, 1, &st), SIM_BAD_FREE);
	ck_assert_int_eq(machine_free_pages(m, a, 2, &st), SIM_OK);
	ck_assert_int_eq(machine_free_pages(m, a, 2, &st), SIM_DOUBLE_FREE);
	ck_assert_int_eq(machine_free_pages(m, 0, 0, &st), SIM_OK);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/*
 * GFP behaviour at each watermark.  A 16M machine has one zone (DMA);
 * booted on the 2.6 profile, without per-CPU lists, so that each page
 * comes from and goes to the buddy lists and the fill is exact.
 * Allocating with no flags at all (no reserve, no kswapd, no sleeping)
 * stops exactly at min: the slow path passes only while free > min.
 */
struct drained {
	struct machine *m;
	uint64_t       *addr;
	size_t		n;
};

static void
drain_to_min(struct drained *d, const char *fragment)
{
	struct step st;

	d->m = boot_seeded_nopcp("16M", fragment, 7);
	d->addr = malloc(sizeof *d->addr * phys_nframes(d->m));
	d->n = 0;
	step_init(&st);
	while (machine_get_free_pages(d->m, 0, 0, &st) == SIM_OK)
		d->addr[d->n++] = st.addr;
	ck_assert_uint_eq(st.slept, 0);
	step_free(&st);
	ck_assert_uint_eq(phys_zone(d->m, ZONE_DMA)->free_pages,
	    phys_zone(d->m, ZONE_DMA)->wmark[WMARK_MIN]);
}

static void
drained_free(struct drained *d)
{
	check_consistent(d->m);
	machine_destroy(d->m);
	free(d->addr);
}

/*
 * With per-CPU lists (6.12) the watermark is checked before the list is
 * used (get_page_from_freelist() before rmqueue_pcplist()), and a refill
 * takes a whole batch: the last refill starts above min and ends below
 * it, and the pages it took beyond the one handed out wait on the CPU's
 * list, uncounted in the zone's free pages.
 */
START_TEST(test_pcp_refill_crosses_min)
{
	struct machine	  *m = boot_seeded("16M", "0", 7);
	const struct zone *z = phys_zone(m, ZONE_DMA);
	struct step	   st;
	uint64_t	   min;

	step_init(&st);
	while (machine_get_free_pages(m, 0, 0, &st) == SIM_OK)
		;
	/* min_wmark_pages(): the unmovable requests fell back to movable
	 * pageblocks and boosted the marks (no kswapd without
	 * __GFP_KSWAPD_RECLAIM to drop it). */
	min = z->wmark[WMARK_MIN] + z->watermark_boost;
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert_uint_le(z->free_pages, min);
	ck_assert_uint_gt(pcp_total(m), 0);
	ck_assert_uint_gt(z->free_pages + pcp_total(m) + 1, min);
	pcp_drain_all(m);
	ck_assert_uint_ge(z->free_pages, min);
	ck_assert_uint_eq(pcp_total(m), 0);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* At min, GFP_NOWAIT has no right to the reserve and fails quietly
 * (it carries __GFP_NOWARN); it never sleeps. */
START_TEST(test_nowait_at_min)
{
	struct drained d;
	struct step    st;

	drain_to_min(&d, "0");
	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(d.m, GFP_NOWAIT, 0, &st),
	    SIM_ENOMEM);
	ck_assert_int_eq(st.slept, 0);
	ck_assert_uint_eq(check_count_events(&st, EV_SLEEP), 0);
	ck_assert_uint_eq(check_count_events(&st, EV_KSWAPD), 1);
	ck_assert_ptr_nonnull(strstr(st.reason, "__GFP_NOWARN"));
	step_free(&st);
	drained_free(&d);
}
END_TEST

/* GFP_ATOMIC goes on below min down to 3/8 of it (min - min/2, then a
 * further quarter off), then fails with warn_alloc()'s text. */
START_TEST(test_atomic_reserve)
{
	struct drained d;
	struct step    st;
	uint64_t       min, floor, got = 0;

	drain_to_min(&d, "0");
	min = phys_zone(d.m, ZONE_DMA)->wmark[WMARK_MIN];
	floor = min - min / 2;
	floor -= floor / 4;
	ck_assert_uint_ge(min, 64);
	ck_assert_uint_le(floor * 8, min * 3 + 8);
	step_init(&st);
	while (machine_get_free_pages(d.m, GFP_ATOMIC, 0, &st) == SIM_OK) {
		ck_assert_int_eq(st.slept, 0);
		got++;
	}
	ck_assert_uint_eq(got, min - floor);
	ck_assert_uint_eq(phys_zone(d.m, ZONE_DMA)->free_pages, floor);
	ck_assert_int_eq(st.status, SIM_ENOMEM);
	ck_assert_str_eq(st.reason,
	    "memviz: page allocation failure: "
	    "order:0, mode:0x820(GFP_ATOMIC), nodemask=(null)");
	ck_assert_uint_eq(check_count_events(&st, EV_FAIL), 1);
	/* __GFP_MEMALLOC ignores every watermark. */
	ck_assert_int_eq(machine_get_free_pages(d.m,
			     GFP_KERNEL | ___GFP_MEMALLOC, 0, &st),
	    SIM_OK);
	step_free(&st);
	drained_free(&d);
}
END_TEST

/* GFP_KERNEL with nothing to reclaim: it sleeps, finds nothing, fails. */
START_TEST(test_kernel_nothing_to_reclaim)
{
	struct drained d;
	struct step    st;

	drain_to_min(&d, "0");
	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(d.m, GFP_KERNEL, 0, &st),
	    SIM_ENOMEM);
	ck_assert_int_eq(st.slept, 1);
	ck_assert_uint_eq(check_count_events(&st, EV_SLEEP), 1);
	ck_assert_uint_eq(st.reclaimed, 0);
	ck_assert_ptr_nonnull(strstr(st.reason,
	    "page allocation failure: "
	    "order:0, mode:0xcc0(GFP_KERNEL)"));
	step_free(&st);
	drained_free(&d);
}
END_TEST

/* GFP_KERNEL at min with clean page cache around: it sleeps in direct
 * reclaim, drops cache pages, gets its page; kswapd then refills the
 * zone to high. */
START_TEST(test_kernel_reclaims_below_min)
{
	struct drained	   d;
	struct step	   st;
	const struct zone *z;
	uint64_t	   cached;

	drain_to_min(&d, "60");
	z = phys_zone(d.m, ZONE_DMA);
	cached = pagecache_pages(d.m);
	ck_assert_uint_gt(cached, 64);
	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(d.m, GFP_KERNEL, 0, &st),
	    SIM_OK);
	ck_assert_int_eq(st.slept, 1);
	ck_assert_uint_eq(check_count_events(&st, EV_SLEEP), 1);
	ck_assert_uint_ge(check_count_events(&st, EV_RECLAIM), 32);
	ck_assert_uint_eq(check_count_events(&st, EV_KSWAPD), 1);
	ck_assert_uint_eq(st.reclaimed, cached - pagecache_pages(d.m));
	ck_assert_uint_ge(z->free_pages, z->wmark[WMARK_HIGH]);
	step_free(&st);
	drained_free(&d);
}
END_TEST

/* Between min and low: the fast path fails, the slow path's min check
 * passes without sleeping, kswapd is woken; GFP_NOWAIT succeeds too. */
START_TEST(test_between_min_and_low)
{
	struct drained	   d;
	struct step	   st;
	const struct zone *z;

	drain_to_min(&d, "0");
	z = phys_zone(d.m, ZONE_DMA);
	step_init(&st);
	while (z->free_pages < z->wmark[WMARK_LOW] - 2)
		ck_assert_int_eq(machine_free_pages(d.m, d.addr[--d.n], 0, &st),
		    SIM_OK);
	ck_assert_int_eq(machine_get_free_pages(d.m, GFP_KERNEL, 0, &st),
	    SIM_OK);
	ck_assert_int_eq(st.slept, 0);
	ck_assert_uint_eq(check_count_events(&st, EV_WMARK), 1);
	ck_assert_uint_eq(st.ev[0].aux, WMARK_LOW);
	ck_assert_uint_eq(check_count_events(&st, EV_KSWAPD), 1);
	ck_assert_int_eq(machine_get_free_pages(d.m, GFP_NOWAIT, 0, &st),
	    SIM_OK);
	ck_assert_int_eq(st.slept, 0);
	step_free(&st);
	drained_free(&d);
}
END_TEST

/* Above low nothing special happens: no watermark event, no kswapd. */
START_TEST(test_above_low_fast_path)
{
	struct machine *m = check_boot("ram", "16M", NULL);
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_ATOMIC, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_WMARK), 0);
	ck_assert_uint_eq(check_count_events(&st, EV_KSWAPD), 0);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* With init_on_alloc=0 (the upstream default) __GFP_ZERO clears the
 * frame (visible through phys_read); without it the previous owner's
 * bytes stay, and survive a free and re-allocation.  A freed page goes
 * to the head of the CPU's order-0 list (free_unref_page()), and the
 * next order-0 request takes it from there (LIFO), not from the buddy
 * lists. */
START_TEST(test_gfp_zero_and_stale)
{
	struct machine	    *m = boot_init_on("0", "0");
	struct step	     st;
	uint8_t		     buf[4096];
	static const uint8_t zero[4096];
	uint64_t	     pfn, a;
	size_t		     i, nonzero = 0;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	pfn = pfn_of(m, &st);
	a = st.addr;
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_uint_ne(pfn_of(m, &st), pfn);
	phys_read(m, pfn_to_phys(pfn), buf, sizeof buf);
	for (i = 0; i < sizeof buf; i++)
		nonzero += buf[i] != 0;
	ck_assert_uint_gt(nonzero, sizeof buf / 2);
	ck_assert_int_eq(machine_write(m, a + 100, 5, "stale", 5, &st), SIM_OK);
	ck_assert_int_eq(machine_free_pages(m, a, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_PCP_FREE), 1);
	ck_assert_uint_eq(check_count_events(&st, EV_MERGE), 0);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_PCP_ALLOC), 1);
	ck_assert_uint_eq(check_count_events(&st, EV_PCP_REFILL), 0);
	ck_assert_uint_eq(st.addr, a);
	phys_read(m, pfn_to_phys(pfn) + 100, buf, 5);
	ck_assert_int_eq(memcmp(buf, "stale", 5), 0);
	ck_assert_int_eq(machine_free_pages(m, a, 0, &st), SIM_OK);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL | ___GFP_ZERO, 0,
			     &st),
	    SIM_OK);
	ck_assert_uint_eq(st.addr, a);
	ck_assert_uint_eq(st.zeroed, 4096);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 1);
	phys_read(m, pfn_to_phys(pfn), buf, sizeof buf);
	ck_assert_int_eq(memcmp(buf, zero, sizeof buf), 0);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* The page written, freed and allocated again (A of the test above). */
static void
page_round_trip(struct machine *m, struct step *st, gfp_t gfp, uint8_t *buf)
{
	uint64_t a;

	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, st), SIM_OK);
	a = st->addr;
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, st), SIM_OK);
	ck_assert_int_eq(machine_write(m, a + 100, 5, "stale", 5, st), SIM_OK);
	ck_assert_int_eq(machine_free_pages(m, a, 0, st), SIM_OK);
	ck_assert_uint_eq(check_count_events(st, EV_PCP_FREE), 1);
	ck_assert_int_eq(machine_get_free_pages(m, gfp, 0, st), SIM_OK);
	ck_assert_uint_eq(check_count_events(st, EV_PCP_ALLOC), 1);
	ck_assert_uint_eq(st->addr, a);
	ck_assert_int_eq(machine_read(m, a + 100, 5, buf, 5, st), SIM_OK);
}

/*
 * post_alloc_hook(): init_on_alloc (the default kernel's config) clears
 * every page, one memset also when __GFP_ZERO asks; with init_on_free the
 * page is cleared when freed and not again.  The real 6.1 and 6.12 show
 * the same (tests/kernel-probe/captured: page.realloc).
 */
START_TEST(test_init_on_alloc_and_free_pages)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_KERNEL | ___GFP_ZERO };
	struct step	   st;
	uint8_t		   buf[5];
	size_t		   i;

	step_init(&st);
	for (i = 0; i < 2; i++) {
		struct machine *m = boot_init_on("profile", "profile");

		page_round_trip(m, &st, gfps[i], buf);
		ck_assert(memcmp(buf, "\0\0\0\0\0", 5) == 0);
		machine_destroy(m);
		m = boot_init_on("0", "1");
		page_round_trip(m, &st, gfps[i], buf);
		ck_assert(memcmp(buf, "\0\0\0\0\0", 5) == 0);
		machine_destroy(m);
	}
	step_free(&st);
}
END_TEST

/* The allocation step itself: the memset and why it happened. */
START_TEST(test_init_on_alloc_event)
{
	struct machine *m = boot_init_on("profile", "profile");
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 1);
	ck_assert_str_eq(st.ev[st.nev - 1].text, "init_on_alloc");
	ck_assert_uint_eq(st.zeroed, 4096);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL | ___GFP_ZERO, 0,
			     &st),
	    SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 1);
	ck_assert_ptr_null(st.ev[st.nev - 1].text);
	ck_assert_int_eq(machine_free_pages(m, st.addr, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 0);
	machine_destroy(m);
	m = boot_init_on("0", "1");
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL | ___GFP_ZERO, 0,
			     &st),
	    SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 0);
	ck_assert_int_eq(machine_free_pages(m, st.addr, 0, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 1);
	ck_assert_str_eq(st.ev[0].text, "init_on_free");
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* GFP_DMA stays in ZONE_DMA; GFP_KERNEL prefers the highest zone. */
START_TEST(test_zone_choice)
{
	struct machine *m = check_boot("ram", "8G", NULL);
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL | GFP_DMA, 0,
			     &st),
	    SIM_OK);
	ck_assert_uint_lt(st.frames[0].pfn, 4096);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL | GFP_DMA32, 0,
			     &st),
	    SIM_OK);
	ck_assert_uint_lt(st.frames[0].pfn, 0x100000);
	ck_assert_uint_ge(st.frames[0].pfn, 4096);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_uint_ge(st.frames[0].pfn, 0x100000);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Free-list totals against what report_buddyinfo prints. */
static void
assert_buddyinfo_matches(const struct machine *m)
{
	struct sbuf b = SBUF_INIT;
	const char *p;
	int	    z;
	unsigned    o;

	report_buddyinfo(m, &b);
	p = sbuf_str(&b);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = phys_zone(m, z);
		char		   name[16];

		if (!zone->present)
			continue;
		ck_assert_int_eq(sscanf(p, "Node 0, zone %15s", name), 1);
		ck_assert_str_eq(name, zone->name);
		p += strlen("Node 0, zone ") + 8;
		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			char		  *end;
			unsigned long long v = strtoull(p, &end, 10);

			ck_assert_uint_eq(v, zone->free_area[o].nr_free);
			p = end;
		}
		ck_assert_int_eq(strncmp(p, " \n", 2), 0);
		p += 2;
	}
	ck_assert_int_eq(*p, '\0');
	sbuf_free(&b);
}

/* Snapshot of which frames are free blocks, at which order. */
static uint8_t *
free_map(const struct machine *m)
{
	uint64_t pfn, n = phys_nframes(m);
	uint8_t *map = malloc(n);

	for (pfn = 0; pfn < n; pfn++) {
		const struct frame *f = phys_frame(m, pfn);

		map[pfn] = f->owner != FO_FREE ? 0xff :
		    (f->flags & FF_BUDDY)      ? f->order :
						 0xfe;
	}
	return map;
}

static const gfp_t random_gfps[] = {
	GFP_KERNEL,
	GFP_ATOMIC,
	GFP_NOWAIT,
	GFP_KERNEL | ___GFP_ZERO,
	GFP_USER,
	GFP_KERNEL | GFP_DMA,
	GFP_ATOMIC | GFP_DMA32,
	___GFP_HIGH,
	0,
	GFP_KERNEL | ___GFP_NORETRY,
	GFP_HIGHUSER_MOVABLE,
};

struct live {
	uint64_t addr;
	unsigned order;
};

/* One seeded sequence: random allocations and frees, checked each step. */
static void
random_sequence(uint64_t seed)
{
	const char     *ram[] = { "2M", "8M", "24M", "40M" };
	char		frag[8];
	struct machine *m;
	struct live	live[256];
	size_t		nlive = 0, step;
	struct step	st;
	uint64_t	rng = seed * 0x9e3779b97f4a7c15ull + 1, reclaimed = 0;
	uint8_t	       *before, *after;

	snprintf(frag, sizeof frag, "%u", (unsigned)(seed % 4) * 15);
	m = boot_seeded(ram[seed % 4], frag, seed);
	/* drain_all_pages(): blocks parked on the per-CPU lists go back to
	 * the buddy lists, where they merge, so free_map() sees the buddy
	 * lists alone. */
	pcp_drain_all(m);
	ck_assert_uint_eq(pcp_total(m), 0);
	check_consistent(m);
	before = free_map(m);
	step_init(&st);
	for (step = 0; step < 300; step++) {
		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		if (nlive > 0 && ((rng >> 33) % 5 < 2 || nlive == 256)) {
			size_t i = (rng >> 40) % nlive;

			ck_assert_int_eq(machine_free_pages(m, live[i].addr,
					     live[i].order, &st),
			    SIM_OK);
			live[i] = live[--nlive];
		} else {
			unsigned order = (unsigned)((rng >> 20) % 100);
			gfp_t	 gfp = random_gfps[(rng >> 45) %
			       (sizeof random_gfps / sizeof random_gfps[0])];

			order = order < 50 ? 0 :
			    order < 95	   ? order % 4 :
					     order % 11;
			if (machine_get_free_pages(m, gfp, order, &st) ==
			    SIM_OK) {
				live[nlive].addr = st.addr;
				live[nlive++].order = order;
			} else
				ck_assert_int_eq(st.status, SIM_ENOMEM);
		}
		reclaimed += st.reclaimed;
		check_consistent(m);
		assert_buddyinfo_matches(m);
	}
	while (nlive > 0) {
		nlive--;
		ck_assert_int_eq(machine_free_pages(m, live[nlive].addr,
				     live[nlive].order, &st),
		    SIM_OK);
	}
	pcp_drain_all(m);
	ck_assert_uint_eq(pcp_total(m), 0);
	check_consistent(m);
	if (reclaimed == 0) {
		after = free_map(m);
		ck_assert_msg(memcmp(before, after, phys_nframes(m)) == 0,
		    "seed %llu: free blocks differ from boot",
		    (unsigned long long)seed);
		free(after);
	}
	free(before);
	step_free(&st);
	machine_destroy(m);
}

/* 200 seeds; 20 with MEMVIZ_TEST_QUICK (make check-valgrind). */
START_TEST(test_random_sequences)
{
	uint64_t seed, n = getenv("MEMVIZ_TEST_QUICK") != NULL ? 5 : 50;

	for (seed = (uint64_t)_i * 50; seed < (uint64_t)_i * 50 + n; seed++)
		random_sequence(seed + 1);
}
END_TEST

/* Same seed, same operations: the same events, byte for byte. */
static char *
scripted_run(uint64_t seed)
{
	struct machine *m = boot_seeded("32M", "30", seed);
	struct step	st;
	struct sbuf	all = SBUF_INIT;
	uint64_t	addrs[64];
	int		i;
	char	       *s;

	step_init(&st);
	for (i = 0; i < 64; i++) {
		machine_get_free_pages(m,
		    i % 3 ? GFP_KERNEL : GFP_ATOMIC | ___GFP_ZERO,
		    (unsigned)(i % 5), &st);
		addrs[i] = st.addr;
		s = check_step_text(&st);
		sbuf_puts(&all, s);
		free(s);
	}
	for (i = 0; i < 64; i += 2) {
		machine_free_pages(m, addrs[i], (unsigned)(i % 5), &st);
		s = check_step_text(&st);
		sbuf_puts(&all, s);
		free(s);
	}
	s = xstrdup(sbuf_str(&all));
	sbuf_free(&all);
	step_free(&st);
	machine_destroy(m);
	return s;
}

START_TEST(test_deterministic)
{
	char *a = scripted_run(42), *b = scripted_run(42),
	     *c = scripted_run(43);

	ck_assert_uint_gt(strlen(a), 1000);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	free(a);
	free(b);
	free(c);
}
END_TEST

static Suite *
buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *bare = tcase_create("bare zone");
	TCase *tc = tcase_create("core");
	TCase *gfp = tcase_create("gfp");
	TCase *prop = tcase_create("property");

	tcase_add_test(bare, test_bare_release_in_aligned_blocks);
	tcase_add_test(bare, test_bare_split_and_merge);
	tcase_add_test(bare, test_bare_merge_only_with_buddy);
	tcase_add_test(bare, test_bare_exhaustion);
	suite_add_tcase(s, bare);
	tcase_add_test(tc, test_boot_consistent);
	tcase_add_test(tc, test_split_merge_by_hand);
	tcase_add_test(tc, test_order10_lifo);
	tcase_add_test(tc, test_pcp_lifo_and_drain);
	tcase_add_test(tc, test_bad_order);
	tcase_add_test(tc, test_bad_free);
	tcase_add_test(tc, test_deterministic);
	suite_add_tcase(s, tc);
	tcase_add_test(gfp, test_pcp_refill_crosses_min);
	tcase_add_test(gfp, test_nowait_at_min);
	tcase_add_test(gfp, test_atomic_reserve);
	tcase_add_test(gfp, test_kernel_nothing_to_reclaim);
	tcase_add_test(gfp, test_kernel_reclaims_below_min);
	tcase_add_test(gfp, test_between_min_and_low);
	tcase_add_test(gfp, test_above_low_fast_path);
	tcase_add_test(gfp, test_gfp_zero_and_stale);
	tcase_add_test(gfp, test_init_on_alloc_and_free_pages);
	tcase_add_test(gfp, test_init_on_alloc_event);
	tcase_add_test(gfp, test_zone_choice);
	suite_add_tcase(s, gfp);
	/* 4 x 50 = 200 seeds. */
	tcase_add_loop_test(prop, test_random_sequences, 0, 4);
	tcase_set_timeout(prop, 120);
	suite_add_tcase(s, prop);
	return s;
}

int
main(void)
{
	return check_run(buddy_suite());
}
