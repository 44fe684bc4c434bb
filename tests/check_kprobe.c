/*
 * check_kprobe.c - memviz against real kernels: the experiments of
 * tests/kernel-probe/module/memviz_probe.c run on the simulated machine
 * under the same profile and boot options, and every relation compared
 * with what the real 6.1 and 6.12 printed (tests/kernel-probe/captured).
 *
 * Compared exactly: how many bytes of a freed and of a re-allocated
 * kmalloc-128 object, kzalloc object and page are still the fill pattern,
 * zero or something else (the free pointer), and where the others lie;
 * whether vmalloc's pages come back stale or zeroed.  As relations: a
 * fresh kmalloc-1k slab hands its objects out in a permutation that is
 * not ascending, each later fresh slab in a rotation of the first one's
 * order; the stored free pointer is never the plain pointer and
 * stored ^ next ^ swab(its address) is one key for the whole cache.
 * The per-CPU page lists: 64 single pages freed in order come back
 * exactly reversed, two order-3 blocks too, a vfree'd 16-page vmalloc's
 * frames come back reversed at a new address, vmalloc4p's first frame is
 * not the old first frame; and each zone's pcp batch and high equal the
 * real /proc/zoneinfo's (6.12: batch equal, high between high_min, the
 * low watermark, and high_max, 1/8 of the zone, since 6.12 tunes it at
 * run time).  Not compared: the first 64 pages' own order (the real
 * lists hold whatever boot left there).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/kernel/freelist.h"
#include "sim/machine.h"
#include "sim/page/pcp.h"
#include "sim/page/phys.h"
#include "check-run.h"
#include "check-sim.h"

#define PO     0xffff888000000000ull
#define PAT    0xab
#define NSLABS 16

struct variant {
	const char *kernel, *name, *init_on_alloc, *init_on_free;
};

static const struct variant variants[] = {
	{ "6.1", "default", "profile", "profile" },
	{ "6.1", "init_on_alloc0", "0", "profile" },
	{ "6.1", "init_on_free1", "0", "1" },
	{ "6.12", "default", "profile", "profile" },
	{ "6.12", "init_on_alloc0", "0", "profile" },
	{ "6.12", "init_on_free1", "0", "1" },
};
#define NVARIANTS (sizeof variants / sizeof variants[0])

/* The value of "result KEY VALUE" in the captured output of v. */
static char *
captured(const struct variant *v, const char *key)
{
	char path[512];

	snprintf(path, sizeof path, "%s/kernel-probe/captured/%s-%s.txt",
	    TEST_SRCDIR, v->kernel, v->name);
	return check_captured(path, key);
}

static void
assert_as_captured(const struct variant *v, const char *key, const char *got)
{
	char *want = captured(v, key);

	ck_assert_msg(strcmp(got, want) == 0,
	    "%s %s %s: real kernel %s, "
	    "memviz %s",
	    v->kernel, v->name, key, want, got);
	free(want);
}

static struct machine *
boot_variant(const struct variant *v)
{
	return check_boot("kernel", v->kernel, "cpus", "1", "ram", "256M",
	    "init_on_alloc", v->init_on_alloc, "init_on_free", v->init_on_free,
	    NULL);
}

/* The module's classify(), on the simulated bytes at direct-map addr. */
static void
classify(const struct machine *m, uint64_t addr, size_t n, char *out,
    size_t outlen)
{
	uint8_t *p = malloc(n);
	size_t	 i, npat = 0, nzero = 0, nother = 0;
	long	 first = -1, last = -1;

	phys_read(m, addr - PO, p, n);
	for (i = 0; i < n; i++) {
		if (p[i] == PAT) {
			npat++;
			continue;
		}
		nzero += p[i] == 0;
		nother += p[i] != 0;
		if (first < 0)
			first = (long)i;
		last = (long)i;
	}
	snprintf(out, outlen,
	    "pattern=%zu zero=%zu other=%zu "
	    "nonpattern=[%ld,%ld]",
	    npat, nzero, nother, first, last + 1);
	free(p);
}

static void
fill(struct machine *m, uint64_t addr, uint64_t len, struct step *st)
{
	static const uint8_t pat[1] = { PAT };

	ck_assert_int_eq(machine_write(m, addr, len, pat, 1, st), SIM_OK);
}

/* kmalloc(128) or kzalloc(128) after a filled object was freed. */
static void
probe_kmalloc_reuse(struct machine *m, const struct variant *v, gfp_t gfp,
    const char *what, struct step *st)
{
	char	 key[64], got[128];
	uint64_t p;

	ck_assert_int_eq(machine_kmalloc(m, 128, GFP_KERNEL, st), SIM_OK);
	p = st->addr;
	fill(m, p, 128, st);
	ck_assert_int_eq(machine_kfree(m, p, st), SIM_OK);
	if (gfp == GFP_KERNEL) {
		classify(m, p, 128, got, sizeof got);
		assert_as_captured(v, "kmalloc128.after_free", got);
	}
	ck_assert_int_eq(machine_kmalloc(m, 128, gfp, st), SIM_OK);
	snprintf(key, sizeof key, "%s.same_object", what);
	assert_as_captured(v, key, st->addr == p ? "yes" : "no");
	classify(m, st->addr, 128, got, sizeof got);
	snprintf(key, sizeof key, "%s.realloc", what);
	assert_as_captured(v, key, got);
	ck_assert_int_eq(machine_kfree(m, st->addr, st), SIM_OK);
}

/* A page filled, freed and allocated again (memviz gives the same one). */
static void
probe_page_reuse(struct machine *m, const struct variant *v, gfp_t gfp,
    const char *what, struct step *st)
{
	char	 key[64], got[128];
	uint64_t a;

	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, st), SIM_OK);
	a = st->addr;
	fill(m, a, 4096, st);
	ck_assert_int_eq(machine_free_pages(m, a, 0, st), SIM_OK);
	if (gfp == GFP_KERNEL) {
		classify(m, a, 4096, got, sizeof got);
		assert_as_captured(v, "page.after_free", got);
	}
	ck_assert_int_eq(machine_get_free_pages(m, gfp, 0, st), SIM_OK);
	ck_assert_uint_eq(st->addr, a);
	classify(m, a, 4096, got, sizeof got);
	snprintf(key, sizeof key, "%s.realloc", what);
	assert_as_captured(v, key, got);
	ck_assert_int_eq(machine_free_pages(m, a, 0, st), SIM_OK);
}

START_TEST(test_reuse_stale_or_zeroed)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	struct step	      st;

	step_init(&st);
	probe_kmalloc_reuse(m, v, GFP_KERNEL, "kmalloc128", &st);
	probe_kmalloc_reuse(m, v, GFP_KERNEL | ___GFP_ZERO, "kzalloc128", &st);
	probe_page_reuse(m, v, GFP_KERNEL, "page", &st);
	probe_page_reuse(m, v, GFP_KERNEL | ___GFP_ZERO, "page_zero", &st);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* vmalloc's pages after a vfree: the old first frame is not the new
 * first (they come back reversed), and the bytes stale or zeroed. */
START_TEST(test_vmalloc_stale_or_zeroed)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	struct step	      st;
	char		      got[128];
	uint64_t	      a, pfn0, pfn;

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 4 * PAGE_SIZE, GFP_KERNEL, &st),
	    SIM_OK);
	a = st.addr;
	fill(m, a, 4 * PAGE_SIZE, &st);
	ck_assert_int_eq(machine_virt_to_pfn(m, a, &pfn0), 0);
	ck_assert_int_eq(machine_vfree(m, a, &st), SIM_OK);
	ck_assert_int_eq(machine_vmalloc(m, 4 * PAGE_SIZE, GFP_KERNEL, &st),
	    SIM_OK);
	ck_assert_int_eq(machine_virt_to_pfn(m, st.addr, &pfn), 0);
	assert_as_captured(v, "vmalloc4p.frame0_reused",
	    pfn == pfn0 ? "yes" : "no");
	/* the frames, page by page, as the module reads through w */
	{
		uint64_t i, pfns[4];
		char	 part[128];
		size_t	 npat = 0, nzero = 0;

		for (i = 0; i < 4; i++) {
			ck_assert_int_eq(machine_virt_to_pfn(m,
					     st.addr + i * PAGE_SIZE, &pfns[i]),
			    0);
			classify(m, PO + (pfns[i] << PAGE_SHIFT), PAGE_SIZE,
			    part, sizeof part);
			npat += strncmp(part, "pattern=4096 ", 13) == 0;
			nzero += strstr(part, " zero=4096 ") != NULL;
		}
		snprintf(got, sizeof got, "%s",
		    nzero == 4 ?
			"pattern=0 zero=16384 other=0 nonpattern=[0,16384]" :
			npat == 4 ?
			"pattern=16384 zero=0 other=0 nonpattern=[-1,0]" :
			"mixed");
	}
	assert_as_captured(v, "vmalloc4p.realloc", got);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static int
is_rotation(const uint32_t *a, const uint32_t *b, uint32_t n)
{
	uint32_t r, i;

	for (r = 0; r < n; r++) {
		for (i = 0; i < n && a[(i + r) % n] == b[i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * NSLABS fresh kmalloc-1k slabs (nothing else uses the cache here, so
 * every slab is fresh): the order each hands its objects out in.
 */
static uint32_t
fresh_slab_orders(struct machine *m, uint32_t order[NSLABS][64], uint64_t *objs,
    struct step *st)
{
	uint32_t n = 0, k, i;

	for (k = 0; k < NSLABS; k++) {
		for (i = 0; i < 64; i++) {
			ck_assert_int_eq(machine_kmalloc(m, 1024, GFP_KERNEL,
					     st),
			    SIM_OK);
			if (i > 0 &&
			    (st->addr & ~0x1fffull) !=
				(objs[k * 64] & ~0x1fffull)) {
				ck_assert_int_eq(machine_kfree(m, st->addr, st),
				    SIM_OK);
				break;
			}
			objs[k * 64 + i] = st->addr;
			order[k][i] = (uint32_t)((st->addr & 0x1fff) / 1024);
		}
		n = i;
	}
	return n;
}

#define NPCP   64
#define VPAGES 16

/* How many of b[] are a[] read backwards (the probe's reversed()). */
static int
reversed(const uint64_t *a, const uint64_t *b, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += b[i] == a[n - 1 - i];
	return k;
}

/* n blocks of an order allocated (pfns into out[]). */
static void
alloc_n(struct machine *m, unsigned order, int n, uint64_t *out,
    struct step *st)
{
	int i;

	for (i = 0; i < n; i++) {
		ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, order,
				     st),
		    SIM_OK);
		out[i] = (st->addr - PO) >> PAGE_SHIFT;
	}
}

static void
free_n(struct machine *m, unsigned order, int n, const uint64_t *pfn,
    struct step *st)
{
	int i;

	for (i = 0; i < n; i++)
		ck_assert_int_eq(machine_free_pages(m,
				     PO + (pfn[i] << PAGE_SHIFT), order, st),
		    SIM_OK);
}

/* probe_pcp_order0() and probe_pcp_order3(): freed in order, back
 * reversed. */
START_TEST(test_pcp_lifo)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	struct step	      st;
	uint64_t	      a[NPCP], b[NPCP];
	char		      got[32];

	step_init(&st);
	alloc_n(m, 0, NPCP, a, &st);
	free_n(m, 0, NPCP, a, &st);
	alloc_n(m, 0, NPCP, b, &st);
	snprintf(got, sizeof got, "%d/%d", reversed(a, b, NPCP), NPCP);
	assert_as_captured(v, "pcp0.again_reversed", got);
	free_n(m, 0, NPCP, b, &st);
	alloc_n(m, 3, 2, a, &st);
	free_n(m, 3, 2, a, &st);
	alloc_n(m, 3, 2, b, &st);
	snprintf(got, sizeof got, "%d/2", reversed(a, b, 2));
	assert_as_captured(v, "pcp3.again_reversed", got);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static void
vmalloc_frames(struct machine *m, uint64_t va, uint64_t *pfn)
{
	int i;

	for (i = 0; i < VPAGES; i++)
		ck_assert_int_eq(machine_virt_to_pfn(m, va + i * PAGE_SIZE,
				     &pfn[i]),
		    0);
}

/* probe_vmalloc_frames(): alloc_pages_bulk() from the per-CPU list. */
START_TEST(test_vmalloc_bulk_reversed)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	struct step	      st;
	uint64_t	      a[VPAGES], b[VPAGES], va;
	char		      got[32];

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, VPAGES * PAGE_SIZE, GFP_KERNEL,
			     &st),
	    SIM_OK);
	va = st.addr;
	vmalloc_frames(m, va, a);
	ck_assert_int_eq(machine_vfree(m, va, &st), SIM_OK);
	ck_assert_int_eq(machine_vmalloc(m, VPAGES * PAGE_SIZE, GFP_KERNEL,
			     &st),
	    SIM_OK);
	vmalloc_frames(m, st.addr, b);
	snprintf(got, sizeof got, "%d/%d", reversed(a, b, VPAGES), VPAGES);
	assert_as_captured(v, "vmalloc16p.again_reversed", got);
	assert_as_captured(v, "vmalloc16p.same_address",
	    st.addr == va ? "yes" : "no");
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* The value of "zoneinfo-after   KEY V" within zone's block, as int. */
static long
captured_zoneinfo(const struct variant *v, const char *zone, const char *key)
{
	char  path[512], line[512], want[64];
	FILE *f;
	int   in = 0;
	long  val = -1;

	snprintf(path, sizeof path, "%s/kernel-probe/captured/%s-%s.txt",
	    TEST_SRCDIR, v->kernel, v->name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	snprintf(want, sizeof want, "zone %8s", zone);
	while (val < 0 && fgets(line, sizeof line, f) != NULL) {
		const char *k;

		if (strncmp(line, "zoneinfo-after ", 15) != 0)
			continue;
		if (strstr(line, "Node 0, zone") != NULL)
			in = strstr(line, want) != NULL;
		k = strstr(line, key);
		if (in && k != NULL &&
		    line[15 + strspn(line + 15, " ")] == *key)
			val = strtol(k + strlen(key), NULL, 10);
	}
	fclose(f);
	ck_assert_msg(val >= 0, "%s: no %s %s", path, zone, key);
	return val;
}

/* zone_batchsize() and zone_highsize() at 256M and 1 CPU. */
START_TEST(test_pcp_high_batch)
{
	static const char *const zones[] = { "DMA", "DMA32" };
	const struct variant	*v = &variants[_i];
	struct machine		*m = boot_variant(v);
	int			 z;

	for (z = 0; z < 2; z++) {
		const struct per_cpu_pages *p = pcp_pageset(m, z, 0);
		long			    high;

		ck_assert_ptr_nonnull(p);
		ck_assert_int_eq(p->batch,
		    captured_zoneinfo(v, zones[z], "batch:"));
		high = captured_zoneinfo(v, zones[z], "high:");
		if (strcmp(v->kernel, "6.1") == 0) {
			ck_assert_int_eq(p->high, high);
			continue;
		}
		/* 6.12: never used (high 0), or tuned within its bounds */
		ck_assert_msg(high == 0 ||
			(high >= captured_zoneinfo(v, zones[z], "low") &&
			    high <=
				captured_zoneinfo(v, zones[z], "managed") / 8),
		    "6.12 %s high %ld", zones[z], high);
		ck_assert_int_eq(p->high_min, (int)phys_zone(m, z)->wmark[1]);
		/* 1/8 of the zone as managed when the watermarks were set */
		ck_assert_int_le(p->high_max,
		    (int)(phys_zone(m, z)->managed / 8));
		ck_assert_int_ge(p->high_max, p->high_min);
	}
	machine_destroy(m);
}
END_TEST

START_TEST(test_fresh_slabs_permuted_and_rotated)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	static uint32_t	      order[NSLABS][64];
	static uint64_t	      objs[NSLABS * 64];
	uint32_t	      n, k, i, ascending = 0, rotations = 0;
	struct step	      st;
	char		      got[64];

	step_init(&st);
	n = fresh_slab_orders(m, order, objs, &st);
	snprintf(got, sizeof got, "%u", n);
	assert_as_captured(v, "order.objs_per_slab", got);
	for (k = 0; k < NSLABS; k++) {
		for (i = 1; i < n && order[k][i] > order[k][i - 1]; i++)
			;
		ascending += i == n;
		rotations += k > 0 && is_rotation(order[0], order[k], n);
	}
	snprintf(got, sizeof got, "%u", ascending);
	assert_as_captured(v, "order.ascending_slabs", got);
	snprintf(got, sizeof got, "%u/%u", rotations, NSLABS - 1);
	assert_as_captured(v, "order.rotations_of_first", got);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/*
 * The module's freeptr probe on the last fresh slab: objects 1..n-1
 * filled with 0xcd and freed in turn; each one's stored pointer names the
 * one freed before it (NULL first).
 */
START_TEST(test_free_pointer_hardened)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	static uint32_t	      order[NSLABS][64];
	static uint64_t	      objs[NSLABS * 64];
	uint64_t	      prev = 0, key = 0, stored, *slab;
	uint32_t	      n, i, plain = 0, same_key = 0;
	struct step	      st;
	char		      got[64];

	step_init(&st);
	n = fresh_slab_orders(m, order, objs, &st);
	slab = &objs[(NSLABS - 1) * 64];
	for (i = 1; i < n; i++) {
		static const uint8_t cd[1] = { 0xcd };

		ck_assert_int_eq(machine_write(m, slab[i], 1024, cd, 1, &st),
		    SIM_OK);
		ck_assert_int_eq(machine_kfree(m, slab[i], &st), SIM_OK);
		stored = phys_read_u64(m, slab[i] + 512 - PO);
		plain += stored == prev;
		if (i == 1)
			key = freelist_ptr_decode(0, stored, slab[i] + 512) ^
			    prev;
		same_key += (freelist_ptr_decode(0, stored, slab[i] + 512) ^
				prev) == key;
		prev = slab[i];
	}
	snprintf(got, sizeof got, "%u/%u", plain, n - 1);
	assert_as_captured(v, "freeptr.stored_equals_plain", got);
	snprintf(got, sizeof got, "%u/%u", same_key, n - 1);
	assert_as_captured(v, "freeptr.one_key_for_cache", got);
	assert_as_captured(v, "freeptr.offset", "512");
	step_free(&st);
	machine_destroy(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kprobe");
	TCase *tc = tcase_create("real kernels");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_reuse_stale_or_zeroed, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_vmalloc_stale_or_zeroed, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_fresh_slabs_permuted_and_rotated, 0,
	    NVARIANTS);
	tcase_add_loop_test(tc, test_free_pointer_hardened, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_pcp_lifo, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_vmalloc_bulk_reversed, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_pcp_high_batch, 0, NVARIANTS);
	suite_add_tcase(s, tc);
	return check_run(s);
}
