/*
 * check_highatomic.c - MIGRATE_HIGHATOMIC reserves (highatomic.c) on
 * memviz and against real kernels.
 *
 * The experiment of tests/kernel-probe/module/memviz_highatomic.c runs on
 * a 256M machine with one CPU under each profile: order-0 GFP_NOWAIT
 * pages until the first failure (the zones end below their low mark),
 * up to 256 order-2 GFP_ATOMIC requests (each one the slow path serves
 * may reserve its pageblock), then order-0 GFP_KERNEL | __GFP_NORETRY
 * pages until the first failure (direct reclaim fails, and a spare
 * reserve block goes back).  nr_reserved_highatomic of each zone after
 * each phase must equal what 6.1 and 6.12 printed
 * (captured/KVER-default-highatomic.txt), and pagetypeinfo's HighAtomic
 * column must count the blocks.  Rules by hand: the two kernels' limits.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine-priv.h"
#include "sim/machine.h"
#include "sim/page/highatomic.h"
#include "sim/page/pageblock.h"
#include "sim/page/phys.h"
#include "check-run.h"
#include "check-sim.h"

#define ATOMIC_TRIES 256

static const char *const kernels[] = { "6.1", "6.12" };

/* nr_reserved_highatomic of DMA and DMA32 after a phase. */
struct ha_phase {
	uint64_t reserved[2];
};

struct ha_result {
	uint64_t	atomic_ok;
	struct ha_phase atomic, noretry;
	uint64_t	blocks[2]; /* HighAtomic blocks, pagetypeinfo */
};

static void
ha_record(const struct machine *m, struct ha_phase *p)
{
	int z;

	for (z = 0; z < 2; z++)
		p->reserved[z] = m->zones[z].nr_reserved_highatomic;
}

/* Takes order-order pages with gfp until one fails or max is reached. */
static uint64_t
ha_take(struct machine *m, struct step *st, gfp_t gfp, unsigned order,
    uint64_t max)
{
	uint64_t n = 0;

	while (n < max &&
	    machine_get_free_pages(m, gfp | ___GFP_NOWARN, order, st) == SIM_OK)
		n++;
	return n;
}

static void
ha_run(const char *kernel, struct ha_result *r)
{
	struct machine *m = check_boot("ram", "256M", "cpus", "1", "kernel",
	    kernel, NULL);
	struct step	st;
	uint64_t	counts[MIGRATE_TYPES];
	int		z;

	step_init(&st);
	ha_take(m, &st, GFP_NOWAIT, 0, UINT64_MAX);
	r->atomic_ok = ha_take(m, &st, GFP_ATOMIC, 2, ATOMIC_TRIES);
	ha_record(m, &r->atomic);
	check_consistent(m);
	ha_take(m, &st, GFP_KERNEL | ___GFP_NORETRY, 0, UINT64_MAX);
	ha_record(m, &r->noretry);
	check_consistent(m);
	for (z = 0; z < 2; z++) {
		pageblock_count(m, z, counts);
		r->blocks[z] = counts[MIGRATE_HIGHATOMIC];
	}
	step_free(&st);
	machine_destroy(m);
}

static uint64_t
captured(const char *kernel, const char *key)
{
	char	 path[512];
	char	*v;
	uint64_t n;

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/%s-default-highatomic.txt", TEST_SRCDIR,
	    kernel);
	v = check_captured(path, key);
	n = strtoull(v, NULL, 10);
	free(v);
	return n;
}

/* The HighAtomic column of the pagetypeinfo dumped after the module. */
static uint64_t
captured_blocks(const char *kernel, const char *zone)
{
	char		   path[512], want[64], line[512];
	unsigned long long v[5];
	uint64_t	   n = UINT64_MAX;
	FILE		  *f;

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/%s-default-highatomic.txt", TEST_SRCDIR,
	    kernel);
	snprintf(want, sizeof want, "pagetypeinfo-after Node 0, zone %8s ",
	    zone);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, want, strlen(want)) == 0 &&
		    sscanf(line + strlen(want), "%llu %llu %llu %llu %llu",
			&v[0], &v[1], &v[2], &v[3], &v[4]) == 5)
			n = v[3];
	fclose(f);
	ck_assert_msg(n != UINT64_MAX, "%s: no block counts for %s", path,
	    zone);
	return n;
}

START_TEST(test_as_real)
{
	static const char *const zn[2] = { "DMA", "DMA32" };
	const char		*kernel = kernels[_i];
	struct ha_result	 r;
	char			 key[64];
	int			 z;

	ha_run(kernel, &r);
	for (z = 0; z < 2; z++) {
		snprintf(key, sizeof key, "atomic.reserved.%s", zn[z]);
		ck_assert_msg(r.atomic.reserved[z] == captured(kernel, key),
		    "%s %s: memviz %" PRIu64 ", real %" PRIu64, kernel, key,
		    r.atomic.reserved[z], captured(kernel, key));
		snprintf(key, sizeof key, "noretry.reserved.%s", zn[z]);
		ck_assert_msg(r.noretry.reserved[z] == captured(kernel, key),
		    "%s %s: memviz %" PRIu64 ", real %" PRIu64, kernel, key,
		    r.noretry.reserved[z], captured(kernel, key));
		ck_assert_msg(r.blocks[z] == captured_blocks(kernel, zn[z]),
		    "%s %s HighAtomic blocks: memviz %" PRIu64
		    ", real %" PRIu64,
		    kernel, zn[z], r.blocks[z], captured_blocks(kernel, zn[z]));
	}
}
END_TEST

/* The limits by hand: 6.1 allows 1% + a pageblock (256M's DMA32: 2
 * blocks, DMA: 2), 6.12 1% rounded up to pageblocks and nothing where
 * 1% is less than one (256M: none; 1G's DMA32: 5 blocks). */
START_TEST(test_limits)
{
	struct machine *m61 = check_boot("ram", "256M", "kernel", "6.1", NULL);
	struct machine *m612 = check_boot("ram", "256M", "kernel", "6.12",
	    NULL);
	struct machine *big = check_boot("ram", "1G", "kernel", "6.12", NULL);

	ck_assert_uint_eq(highatomic_max(m61, ZONE_DMA32),
	    m61->zones[ZONE_DMA32].managed / 100 + PAGEBLOCK_NR_PAGES);
	ck_assert_uint_eq(highatomic_max(m61, ZONE_DMA), 38 + 512);
	ck_assert_uint_eq(highatomic_max(m612, ZONE_DMA32), 0);
	ck_assert_uint_eq(highatomic_max(m612, ZONE_DMA), 0);
	ck_assert_uint_eq(highatomic_max(big, ZONE_DMA32), 5 * 512);
	machine_destroy(m61);
	machine_destroy(m612);
	machine_destroy(big);
}
END_TEST

/* unreserve_highatomic_pageblock(): without force a zone keeps its last
 * block; with force it goes too; the blocks' free pages follow. */
START_TEST(test_unreserve)
{
	struct machine *m = check_boot("ram", "256M", "cpus", "1", "kernel",
	    "6.1", NULL);
	struct zone    *z = &m->zones[ZONE_DMA32];
	struct step	st;
	uint64_t	counts[MIGRATE_TYPES];

	step_init(&st);
	ha_take(m, &st, GFP_NOWAIT, 0, UINT64_MAX);
	ha_take(m, &st, GFP_ATOMIC, 2, ATOMIC_TRIES);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 1024);
	ck_assert_int_eq(highatomic_unreserve(m, ZONE_DMA32, MIGRATE_UNMOVABLE,
			     0),
	    1);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 512);
	ck_assert_uint_eq(m->zones[ZONE_DMA].nr_reserved_highatomic, 512);
	ck_assert_int_eq(highatomic_unreserve(m, ZONE_DMA32, MIGRATE_UNMOVABLE,
			     0),
	    0);
	/* with force any block goes that has a free page: DMA32's last one
	 * if it has, else DMA's */
	ck_assert_int_eq(highatomic_unreserve(m, ZONE_DMA32, MIGRATE_UNMOVABLE,
			     1),
	    1);
	ck_assert_uint_eq(z->nr_reserved_highatomic +
		m->zones[ZONE_DMA].nr_reserved_highatomic,
	    512);
	pageblock_count(m, ZONE_DMA32, counts);
	ck_assert_uint_eq(counts[MIGRATE_HIGHATOMIC] * PAGEBLOCK_NR_PAGES,
	    z->nr_reserved_highatomic);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static Suite *
highatomic_suite(void)
{
	Suite *s = suite_create("highatomic");
	TCase *tc = tcase_create("real");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_as_real, 0, 2);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_unreserve);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(highatomic_suite());
}
