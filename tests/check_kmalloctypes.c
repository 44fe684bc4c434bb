/*
 * check_kmalloctypes.c - the kinds of kmalloc cache against the real 6.1
 * and 6.12 (tests/kernel-probe/module/memviz_kmalloctypes.c, captured in
 * tests/kernel-probe/captured/KVER-default-kmalloctypes.txt on a 256M,
 * one-CPU guest).
 *
 * Compared exactly:
 *  - for every flag set and size the module tried, the name of the cache
 *    that served it (kmem_dump_obj()) and the zone of its page: the
 *    same kmalloc on memviz's machine names the same cache in its step
 *    and its object lies in the same zone;
 *  - the kmalloc caches of /proc/slabinfo right after boot, in order
 *    (newest first), with objsize, objperslab and pagesperslab;
 *  - after the module, the num_objs of each dma-kmalloc cache (no one
 *    else uses them): memviz, given the module's allocations, has made
 *    as many slabs.
 * And, without a real kernel to ask, 2.6's size-N(DMA) caches; and for
 * every profile, that the options its config records (MEMCG_KMEM,
 * ZONE_DMA, RANDOM_KMALLOC_CACHES) agree with the caches it builds and
 * with kmalloc_type(), and, where Debian's /boot/config-* file is
 * installed, with that file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/kernel/kmalloc.h"
#include "sim/kernel/kprofile.h"
#include "sim/machine.h"
#include "sim/page/frame-state.h"
#include "sim/page/gfp.h"
#include "sim/page/phys.h"
#include "check-run.h"
#include "check-sim.h"

#define PO 0xffff888000000000ull

static const char *const kernels[] = { "6.1", "6.12" };
#define NKERNELS (sizeof kernels / sizeof kernels[0])

/* The captured file of kernel k, whole. */
static char *
capture(const char *k)
{
	char path[512];

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/%s-default-kmalloctypes.txt", TEST_SRCDIR,
	    k);
	return check_slurp(path);
}

/* "GFP_KERNEL|__GFP_RECLAIMABLE" as a mask, every name known. */
static gfp_t
parse_gfp(const char *text)
{
	char  buf[128], *tok, *save = NULL;
	gfp_t gfp = 0;

	snprintf(buf, sizeof buf, "%s", text);
	for (tok = strtok_r(buf, "|", &save); tok != NULL;
	     tok = strtok_r(NULL, "|", &save)) {
		const struct gfp_name *g = gfp_lookup(tok);

		ck_assert_msg(g != NULL, "unknown flag %s", tok);
		gfp |= g->value;
	}
	return gfp;
}

static struct machine *
boot_like_probe(const char *k)
{
	return check_boot("kernel", k, "ram", "256M", "cpus", "1", NULL);
}

/* Runs one "result type" line on m and compares; 1 when it was one. */
static int
compare_type_line(struct machine *m, const char *line)
{
	char	    kind[96], zone[16], cache[64];
	unsigned    size, count, i;
	struct step st;
	uint64_t    first = 0;

	if (sscanf(line, "result type %95s %u count %u zone %15s slab %63s",
		kind, &size, &count, zone, cache) != 5)
		return 0;
	step_init(&st);
	for (i = 0; i < count; i++) {
		ck_assert_int_eq(machine_kmalloc(m, size, parse_gfp(kind), &st),
		    SIM_OK);
		if (i == 0)
			first = st.addr;
		ck_assert_msg(strcmp(st.what, cache) == 0,
		    "kmalloc(%u, %s): %s, the real kernel's %s", size, kind,
		    st.what, cache);
	}
	ck_assert_str_eq(phys_zone_name(frame_state(m, NULL, (first - PO) >> 12)
					    .zone),
	    zone);
	step_free(&st);
	return 1;
}

/* Every flag set and size of the module: same cache, same zone. */
START_TEST(test_cache_and_zone_by_flags)
{
	char	       *text = capture(kernels[_i]), *line, *save = NULL;
	struct machine *m = boot_like_probe(kernels[_i]);
	unsigned	n = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		n += (unsigned)compare_type_line(m, line);
	/* 7 flag sets of 15 sizes */
	ck_assert_uint_eq(n, 105);
	check_consistent(m);
	machine_destroy(m);
	free(text);
}
END_TEST

static int
is_kmalloc_cache(const char *name)
{
	static const char *const prefixes[] = { "kmalloc-", "dma-kmalloc-" };
	size_t			 i;

	for (i = 0; i < 2; i++) {
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	}
	return 0;
}

/*
 * The kmalloc lines of a slabinfo text whose lines start with prefix
 * ("slabinfo-before " or ""), as "name objsize objperslab pages" rows;
 * with dma_objs, the dma-kmalloc rows carry num_objs too.
 */
static void
kmalloc_rows(const char *text, const char *prefix, int dma_objs,
    struct sbuf *out)
{
	const char *p = text;
	char	    name[64];
	unsigned    act, num, size, per, pages;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, prefix, strlen(prefix)) == 0 &&
		    sscanf(p + strlen(prefix), "%63s %u %u %u %u %u", name,
			&act, &num, &size, &per, &pages) == 6 &&
		    is_kmalloc_cache(name)) {
			sbuf_printf(out, "%s %u %u %u", name, size, per, pages);
			if (dma_objs && strncmp(name, "dma-", 4) == 0)
				sbuf_printf(out, " num_objs %u", num);
			sbuf_putc(out, '\n');
		}
		p = strchr(p, '\n');
		p = p != NULL ? p + 1 : NULL;
	}
}

/* /proc/slabinfo's kmalloc caches at boot: names, order and geometry. */
START_TEST(test_boot_slabinfo)
{
	char	       *text = capture(kernels[_i]), *ours;
	struct machine *m = boot_like_probe(kernels[_i]);
	struct sbuf	real = SBUF_INIT, sim = SBUF_INIT;

	kmalloc_rows(text, "slabinfo-before ", 0, &real);
	ours = check_show(m, "slabinfo");
	kmalloc_rows(ours, "", 0, &sim);
	ck_assert_str_eq(sbuf_str(&sim), sbuf_str(&real));
	/* 4 types of 13 sizes; no kmalloc-rnd-NN-N (RANDOM_KMALLOC_CACHES
	 * is off in both) */
	ck_assert_ptr_null(strstr(sbuf_str(&real), "kmalloc-rnd-"));
	ck_assert_ptr_nonnull(strstr(sbuf_str(&real), "dma-kmalloc-8k"));
	free(ours);
	sbuf_free(&real);
	sbuf_free(&sim);
	machine_destroy(m);
	free(text);
}
END_TEST

/* After the module: the dma-kmalloc caches hold as many objects. */
START_TEST(test_dma_slabs_after)
{
	char	       *text = capture(kernels[_i]), *ours, *line, *save = NULL;
	char	       *copy = strdup(text);
	struct machine *m = boot_like_probe(kernels[_i]);
	struct sbuf	real = SBUF_INIT, sim = SBUF_INIT;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		compare_type_line(m, line);
	kmalloc_rows(text, "slabinfo-after ", 1, &real);
	ours = check_show(m, "slabinfo");
	kmalloc_rows(ours, "", 1, &sim);
	/* only the dma rows: the other caches had boot's objects too */
	ck_assert_ptr_nonnull(strstr(sbuf_str(&real),
	    "dma-kmalloc-8k 8192 4 8 num_objs 120\n"));
	ck_assert_str_eq(strstr(sbuf_str(&sim), "dma-kmalloc-"),
	    strstr(sbuf_str(&real), "dma-kmalloc-"));
	free(ours);
	free(copy);
	sbuf_free(&real);
	sbuf_free(&sim);
	machine_destroy(m);
	free(text);
}
END_TEST

/*
 * 2.6 (mm/slab.c __find_general_cachep()): GFP_DMA picks size-N(DMA),
 * whose slabs are ZONE_DMA's; there is no memcg or reclaimable type, so
 * GFP_KERNEL_ACCOUNT and __GFP_RECLAIMABLE use size-N.
 */
START_TEST(test_slab26_dma_caches)
{
	struct machine *m = boot_like_probe("2.6");
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_kmalloc(m, 100, GFP_KERNEL | GFP_DMA, &st),
	    SIM_OK);
	ck_assert_str_eq(st.what, "size-128(DMA)");
	ck_assert_int_eq(frame_state(m, NULL,
			     (st.addr - 0xffff810000000000ull) >> 12)
			     .zone,
	    ZONE_DMA);
	ck_assert_int_eq(machine_kmalloc(m, 100,
			     GFP_KERNEL_ACCOUNT | ___GFP_RECLAIMABLE, &st),
	    SIM_OK);
	ck_assert_str_eq(st.what, "size-128");
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Does the profile build a cache of that type? */
static int
has_type(const struct kprofile *p, enum kmalloc_type type)
{
	size_t i;

	for (i = 0; i < p->ncaches; i++) {
		if (p->caches[i].type == type)
			return 1;
	}
	return 0;
}

/* Does the profile build a cache of that type and object size? */
static int
has_size(const struct kprofile *p, enum kmalloc_type type, uint32_t size)
{
	size_t i;

	for (i = 0; i < p->ncaches; i++) {
		if (p->caches[i].type == type && p->caches[i].size == size)
			return 1;
	}
	return 0;
}

/* The config's options, the caches and kmalloc_type() agree. */
START_TEST(test_config_matches_caches)
{
	const struct kprofile *p = &kprofiles[_i];
	size_t		       i;

	ck_assert_int_eq(has_type(p, KMALLOC_CGROUP), p->config.memcg_kmem);
	ck_assert_int_eq(has_type(p, KMALLOC_DMA), p->config.zone_dma);
	ck_assert_int_eq(p->config.random_kmalloc_caches, 0);
	ck_assert_int_eq(kmalloc_type(p, GFP_KERNEL_ACCOUNT),
	    p->config.memcg_kmem ? KMALLOC_CGROUP : KMALLOC_NORMAL);
	ck_assert_int_eq(kmalloc_type(p, GFP_KERNEL | GFP_DMA),
	    p->config.zone_dma ? KMALLOC_DMA : KMALLOC_NORMAL);
	/* every type the profile builds has every size of the plain one */
	for (i = 0; i < p->ncaches; i++) {
		int t;

		if (p->caches[i].type != KMALLOC_NORMAL)
			continue;
		for (t = 0; t < KMALLOC_NR_TYPES; t++)
			ck_assert_int_eq(has_size(p, (enum kmalloc_type)t,
					     p->caches[i].size),
			    has_type(p, (enum kmalloc_type)t));
	}
}
END_TEST

/* CONFIG_NAME's value in a /boot/config-* text: 1 for =y, else 0. */
static int
config_y(const char *text, const char *name)
{
	char want[96];

	snprintf(want, sizeof want, "\n%s=y\n", name);
	return strstr(text, want) != NULL;
}

/*
 * Where the profile's kernel config is installed (Debian's
 * linux-image packages, as tests/kernel-probe uses), its options are
 * the ones the profile records.  Without the file there is nothing to
 * compare: the test says so and passes.
 */
START_TEST(test_config_as_in_boot)
{
	const struct kprofile *p = &kprofiles[_i];
	char		       path[256];
	FILE		      *f;
	char		      *text;

	if (p->config.file == NULL)
		return;
	snprintf(path, sizeof path, "/boot/%s", p->config.file);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "check_kmalloctypes: no %s, not compared\n",
		    path);
		return;
	}
	fclose(f);
	text = check_slurp(path);
	ck_assert_int_eq(config_y(text, "CONFIG_RANDOM_KMALLOC_CACHES"),
	    p->config.random_kmalloc_caches);
	/* 6.10 folded MEMCG_KMEM into MEMCG */
	ck_assert_int_eq(config_y(text, "CONFIG_MEMCG_KMEM") ||
		(config_y(text, "CONFIG_MEMCG") &&
		    strstr(text, "CONFIG_MEMCG_KMEM") == NULL),
	    p->config.memcg_kmem);
	ck_assert_int_eq(config_y(text, "CONFIG_ZONE_DMA"), p->config.zone_dma);
	ck_assert_int_eq(config_y(text, "CONFIG_SLAB_FREELIST_RANDOM"),
	    p->config.slab_freelist_random);
	ck_assert_int_eq(config_y(text, "CONFIG_SLAB_FREELIST_HARDENED"),
	    p->config.slab_freelist_hardened);
	free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kmalloctypes");
	TCase *tc = tcase_create("real kernels");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_cache_and_zone_by_flags, 0, NKERNELS);
	tcase_add_loop_test(tc, test_boot_slabinfo, 0, NKERNELS);
	tcase_add_loop_test(tc, test_dma_slabs_after, 0, NKERNELS);
	tcase_add_test(tc, test_slab26_dma_caches);
	tcase_add_loop_test(tc, test_config_matches_caches, 0,
	    (int)kprofiles_len);
	tcase_add_loop_test(tc, test_config_as_in_boot, 0, (int)kprofiles_len);
	suite_add_tcase(s, tc);
	return check_run(s);
}
