/*
 * check_kmemcache.c - caches of one's own against real kernels: the
 * experiments of tests/kernel-probe/module/memviz_kmemcache.c run on the
 * simulated machine (1 CPU, 256M, as the probe boots) under kernel=6.1
 * and 6.12, with and without slab_nomerge, and compared with what the
 * real kernels printed (captured/KVER-VARIANT-kmemcache.txt).
 *
 * Compared exactly: which earlier cache of the module each new cache
 * merged into (find_mergeable() by pointer equality), ksize() of an
 * object of each cache and of kmalloc(100), a cache's object_size, slab
 * size, align, objects per slab and order as /sys/kernel/slab shows them
 * (wherever the real cache is its own: slab_nomerge, or nothing aliases
 * it), that a fresh slab's objects come out in a permutation that is not
 * ascending and fill the slab, that a kmem_cache_free on the wrong cache
 * frees the object to its own cache with cache_from_obj's warning, and
 * kmem_cache_destroy's report of a busy cache: its BUG line, the slab's
 * objects= and used=, how many Object lines and whether they come before
 * the Slab line, the WARN line, and whether the cache stays listed.
 * Not compared: merges into the real kernel's own caches (memviz has
 * none but kmalloc's), addresses, the fp= and flags= of the Slab line.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/kernel/slab-common.h"
#include "sim/kernel/slab.h"
#include "sim/machine.h"
#include "check-run.h"
#include "check-sim.h"

struct variant {
	const char *kernel, *name, *nomerge;
};

static const struct variant variants[] = {
	{ "6.1", "default", "profile" },
	{ "6.1", "nomerge", "1" },
	{ "6.12", "default", "profile" },
	{ "6.12", "nomerge", "1" },
};
#define NVARIANTS (sizeof variants / sizeof variants[0])

/* The module's caches[], in its order. */
static const struct {
	const char  *name;
	unsigned     size, align;
	slab_flags_t flags;
} caches[] = {
	{ "mvz_a64", 64, 0, 0 },
	{ "mvz_b60", 60, 0, 0 },
	{ "mvz_c64acct", 64, 0, SLAB_ACCOUNT },
	{ "mvz_d64hw", 64, 0, SLAB_HWCACHE_ALIGN },
	{ "mvz_e56", 56, 0, 0 },
	{ "mvz_f64al32", 64, 32, 0 },
	{ "mvz_g48al64", 48, 64, 0 },
	{ "mvz_h64rcu", 64, 0, SLAB_TYPESAFE_BY_RCU },
	{ "mvz_i64", 64, 0, 0 },
	{ "mvz_j100", 100, 0, 0 },
	{ "mvz_k100hw", 100, 0, SLAB_HWCACHE_ALIGN },
	{ "mvz_l104", 104, 0, 0 },
	{ "mvz_m96rcl", 96, 0, SLAB_RECLAIM_ACCOUNT },
	{ "mvz_n20hw", 20, 0, SLAB_HWCACHE_ALIGN },
	{ "mvz_o24", 24, 0, 0 },
	{ "mvz_p700", 700, 0, 0 },
	{ "mvz_q3000", 3000, 0, 0 },
	{ "mvz_r200rcu", 200, 0, SLAB_TYPESAFE_BY_RCU },
};
#define NCACHES (sizeof caches / sizeof caches[0])

/* Every line of v's capture that starts with prefix, joined by '\n'. */
static char *
captured_lines(const struct variant *v, const char *prefix)
{
	char   path[512], line[1024];
	FILE  *f;
	char  *out = calloc(1, 1);
	size_t len = 0, n;

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/%s-%s-kmemcache.txt", TEST_SRCDIR,
	    v->kernel, v->name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, prefix, strlen(prefix)) != 0)
			continue;
		n = strlen(line);
		out = realloc(out, len + n + 1);
		memcpy(out + len, line, n + 1);
		len += n;
	}
	fclose(f);
	ck_assert_msg(len > 0, "%s: no line %s", path, prefix);
	return out;
}

/* The value of "key=" in the captured "result cache.NAME ..." line. */
static long
captured_field(const struct variant *v, const char *cache, const char *key,
    char *word, size_t wordlen)
{
	char prefix[96], *all, *p;
	long val;
	char want[48];

	snprintf(prefix, sizeof prefix, "result cache.%s ", cache);
	all = captured_lines(v, prefix);
	snprintf(want, sizeof want, " %s=", key);
	p = strstr(all, want);
	ck_assert_msg(p != NULL, "%s: no %s", cache, key);
	p += strlen(want);
	val = strtol(p, NULL, 10);
	if (word != NULL) {
		snprintf(word, wordlen, "%.*s", (int)strcspn(p, " \n"), p);
	}
	free(all);
	return val;
}

static struct machine *
boot_variant(const struct variant *v)
{
	return check_boot("kernel", v->kernel, "cpus", "1", "ram", "256M",
	    "slub_nomerge", v->nomerge, NULL);
}

/* Creates the module's caches; handles[i] as kmem_cache_create gave. */
static void
create_all(struct machine *m, uint64_t *handles)
{
	struct step st;
	size_t	    i;

	step_init(&st);
	for (i = 0; i < NCACHES; i++) {
		ck_assert_int_eq(machine_kmem_cache_create(m, caches[i].name,
				     caches[i].size, caches[i].align,
				     caches[i].flags, &st),
		    SIM_OK);
		handles[i] = st.addr;
	}
	step_free(&st);
}

START_TEST(test_merged_with_the_same_caches)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	uint64_t	      h[NCACHES];
	char		      want[48];
	const char	     *got;
	size_t		      i, j;

	create_all(m, h);
	for (i = 0; i < NCACHES; i++) {
		got = "self";
		for (j = 0; j < i && h[j] != h[i]; j++)
			;
		if (j < i)
			got = caches[j].name;
		captured_field(v, caches[i].name, "same_as", want, sizeof want);
		ck_assert_msg(strcmp(got, want) == 0,
		    "%s %s %s: real kernel merged it into %s, memviz into %s",
		    v->kernel, v->name, caches[i].name, want, got);
	}
	machine_destroy(m);
}
END_TEST

/* /sys/kernel/slab's numbers of a cache that is its own in the kernel. */
static void
assert_geometry(const struct variant *v, const struct slab_cache_info *c,
    const char *name)
{
	ck_assert_msg(c->object_size ==
		(uint32_t)captured_field(v, name, "object_size", NULL, 0),
	    "%s %s object_size %u", v->kernel, name, c->object_size);
	ck_assert_msg(c->size ==
		(uint32_t)captured_field(v, name, "slab_size", NULL, 0),
	    "%s %s size %u", v->kernel, name, c->size);
	ck_assert_msg(c->align ==
		(uint32_t)captured_field(v, name, "align_now", NULL, 0),
	    "%s %s align %u", v->kernel, name, c->align);
	ck_assert_msg(c->objects ==
		(uint32_t)captured_field(v, name, "objs_per_slab", NULL, 0),
	    "%s %s objects %u", v->kernel, name, c->objects);
	ck_assert_msg(c->order ==
		(unsigned)captured_field(v, name, "order", NULL, 0),
	    "%s %s order %u", v->kernel, name, c->order);
}

START_TEST(test_geometry_as_sysfs)
{
	const struct variant  *v = &variants[_i];
	struct machine	      *m = boot_variant(v);
	uint64_t	       h[NCACHES];
	struct slab_cache_info c;
	struct step	       st;
	size_t		       i, checked = 0;
	char		       same[48];

	step_init(&st);
	for (i = 0; i < NCACHES; i++) {
		/* the probe read sysfs right after each creation */
		ck_assert_int_eq(machine_kmem_cache_create(m, caches[i].name,
				     caches[i].size, caches[i].align,
				     caches[i].flags, &st),
		    SIM_OK);
		h[i] = st.addr;
		captured_field(v, caches[i].name, "same_as", same, sizeof same);
		if (strcmp(same, "self") != 0 ||
		    captured_field(v, caches[i].name, "aliases", NULL, 0) != 0)
			continue; /* the real cache is shared */
		ck_assert_int_eq(slab_cache_info(m,
				     (h[i] - KMEM_CACHE_HANDLE_BASE) >> 8, &c),
		    0);
		assert_geometry(v, &c, caches[i].name);
		checked++;
	}
	ck_assert_uint_ge(checked, 6);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

START_TEST(test_ksize)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	uint64_t	      h[NCACHES];
	struct step	      st;
	char		      key[64], *want;
	size_t		      i;

	create_all(m, h);
	step_init(&st);
	for (i = 0; i <= NCACHES; i++) {
		if (i < NCACHES) {
			ck_assert_int_eq(machine_kmem_cache_alloc(m, h[i],
					     GFP_KERNEL, &st),
			    SIM_OK);
			snprintf(key, sizeof key, "result ksize.%s ",
			    caches[i].name);
		} else {
			ck_assert_int_eq(machine_kmalloc(m, 100, GFP_KERNEL,
					     &st),
			    SIM_OK);
			snprintf(key, sizeof key, "result ksize.kmalloc100 ");
		}
		ck_assert_int_eq(machine_ksize(m, st.addr, &st), SIM_OK);
		want = captured_lines(v, key);
		ck_assert_msg(st.addr == strtoull(want + strlen(key), NULL, 10),
		    "%s %s %s: real %s, memviz %" PRIu64, v->kernel, v->name,
		    key, want + strlen(key), st.addr);
		free(want);
	}
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* captured "result KEY VALUE" equals got. */
static void
assert_result(const struct variant *v, const char *key, const char *got)
{
	char   prefix[96], *want;
	size_t n;

	snprintf(prefix, sizeof prefix, "result %s ", key);
	want = captured_lines(v, prefix);
	n = strlen(want);
	if (n > 0 && want[n - 1] == '\n')
		want[n - 1] = '\0';
	ck_assert_msg(strcmp(want + strlen(prefix), got) == 0,
	    "%s %s %s: real %s, memviz %s", v->kernel, v->name, key,
	    want + strlen(prefix), got);
	free(want);
}

START_TEST(test_fresh_slab_permuted)
{
	const struct variant  *v = &variants[_i];
	struct machine	      *m = boot_variant(v);
	struct step	       st;
	struct slab_cache_info c;
	uint64_t	       cache, base = 0, seen = 0;
	uint32_t	       i, idx, prev = 0, asc = 1;
	char		       got[32];

	step_init(&st);
	ck_assert_int_eq(machine_kmem_cache_create(m, "mvz_order", 256, 0,
			     SLAB_TYPESAFE_BY_RCU, &st),
	    SIM_OK);
	cache = st.addr;
	slab_cache_info(m, (cache - KMEM_CACHE_HANDLE_BASE) >> 8, &c);
	for (i = 0; i < c.objects; i++) {
		ck_assert_int_eq(machine_kmem_cache_alloc(m, cache, GFP_KERNEL,
				     &st),
		    SIM_OK);
		if (i == 0)
			base = st.addr & ~((4096ull << c.order) - 1);
		ck_assert_uint_eq(st.addr & ~((4096ull << c.order) - 1), base);
		idx = (uint32_t)((st.addr - base) / c.size);
		seen |= 1ull << idx;
		if (i > 0 && idx != prev + 1)
			asc = 0;
		prev = idx;
	}
	ck_assert_uint_eq(seen, (1ull << c.objects) - 1);
	assert_result(v, "order.ascending", asc ? "yes" : "no");
	snprintf(got, sizeof got, "%u of %u", c.objects, c.objects);
	assert_result(v, "order.count", got);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static int listed(const struct machine *m, const char *name);

/* The text of the first captured log line holding needle, after the
 * timestamp. */
static char *
captured_log(const struct variant *v, const char *needle)
{
	char *all = captured_lines(v, "log "), *p = strstr(all, needle), *s;

	ck_assert_msg(p != NULL, "%s %s: no log line with %s", v->kernel,
	    v->name, needle);
	while (p > all && p[-1] != '\n')
		p--;
	p = strchr(p, ']') + 2;
	s = strndup(p, strcspn(p, "\n"));
	free(all);
	return s;
}

/* The report lines of the step, joined; each kind as a letter. */
static void
step_reports(const struct step *st, char *text, size_t len, char *shape,
    size_t slen)
{
	size_t i, t = 0, k = 0;

	text[0] = shape[0] = '\0';
	for (i = 0; i < st->nev; i++) {
		const char *x = st->ev[i].text;

		if (st->ev[i].kind != EV_REPORT || x == NULL)
			continue;
		t += (size_t)snprintf(text + t, len - t, "%s\n", x);
		if (k + 1 < slen &&
		    (strncmp(x, "Object ", 7) == 0 ||
			strncmp(x, "Slab ", 5) == 0))
			shape[k++] = x[0];
		shape[k] = '\0';
	}
}

START_TEST(test_misuse_reported)
{
	const struct variant *v = &variants[_i];
	struct machine	     *m = boot_variant(v);
	struct step	      st;
	uint64_t	      a, b, x, y;
	char		      text[4096], shape[16], *want, *p;
	char		      cshape[16] = "";
	size_t		      k = 0;

	step_init(&st);
	machine_kmem_cache_create(m, "mvz_wrong_a", 300, 0,
	    SLAB_TYPESAFE_BY_RCU, &st);
	a = st.addr;
	machine_kmem_cache_create(m, "mvz_wrong_b", 500, 0,
	    SLAB_TYPESAFE_BY_RCU, &st);
	b = st.addr;
	machine_kmem_cache_alloc(m, a, GFP_KERNEL, &st);
	x = st.addr;
	machine_kmem_cache_alloc(m, a, GFP_KERNEL, &st);
	y = st.addr;
	ck_assert_uint_ne(x, y);
	ck_assert_int_eq(machine_kmem_cache_free(m, b, x, &st), SIM_OK);
	step_reports(&st, text, sizeof text, shape, sizeof shape);
	want = captured_log(v, "Wrong slab cache");
	ck_assert_msg(strncmp(text, want, strlen(want)) == 0,
	    "real %s, memviz %s", want, text);
	free(want);
	machine_kmem_cache_alloc(m, a, GFP_KERNEL, &st);
	assert_result(v, "wrongfree.reused", st.addr == x ? "yes" : "no");

	ck_assert_int_eq(machine_kmem_cache_destroy(m, a, &st), SIM_BUG);
	step_reports(&st, text, sizeof text, shape, sizeof shape);
	want = captured_log(v, "BUG mvz_wrong_a");
	p = strstr(want, "): ");
	ck_assert_msg(p != NULL && strstr(text, p) != NULL,
	    "real %s, memviz %s", want, text);
	free(want);
	want = captured_log(v, "Slab 0x");
	p = strstr(want, " objects=");
	ck_assert_msg(strncmp(strstr(text, " objects="), p,
			  strcspn(p, "f") - 1) == 0,
	    "real %s, memviz %s", want, text);
	free(want);
	/* the captured Object and Slab lines, in their order */
	want = captured_lines(v, "log ");
	for (p = want; (p = strchr(p, ']')) != NULL && k < 15; p++) {
		if (strncmp(p + 2, "Object 0x", 9) == 0 ||
		    strncmp(p + 2, "Slab 0x", 7) == 0)
			cshape[k++] = p[2];
	}
	cshape[k] = '\0';
	free(want);
	ck_assert_str_eq(shape, cshape);
	want = captured_log(v, "Slab cache still has objects");
	*strstr(want, " when called from") = '\0';
	ck_assert_msg(strstr(text, want) != NULL, "real %s, memviz %s", want,
	    text);
	free(want);
	assert_result(v, "destroy.sysfs_left",
	    listed(m, "mvz_wrong_a") ? "yes" : "no");
	/* leaked, not freed: the objects can still go back (6.12 too) */
	ck_assert_int_eq(machine_kmem_cache_free(m, a, y, &st), SIM_OK);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* ---- the model on its own: lifetimes, clones, options ---- */

static struct machine *
boot(const char *kernel, const char *nomerge)
{
	struct variant v = { kernel, "model", nomerge };

	return boot_variant(&v);
}

static void
assert_consistent(const struct machine *m)
{
	char *cause = NULL;

	ck_assert_msg(machine_check(m, &cause) == 0, "%s", cause);
}

/* slabinfo holds a line starting with name. */
static int
listed(const struct machine *m, const char *name)
{
	struct sbuf out = { 0 };
	char	    want[64], *cause = NULL;
	int	    r;

	ck_assert_int_eq(machine_show(m, "slabinfo", &out, &cause), 0);
	snprintf(want, sizeof want, "\n%s ", name);
	r = strstr(sbuf_str(&out), want) != NULL;
	sbuf_free(&out);
	return r;
}

START_TEST(test_refcount_and_destroy)
{
	struct machine *m = boot("6.12", "profile");
	struct step	st;
	uint64_t	a, b, x;

	step_init(&st);
	machine_kmem_cache_create(m, "objs", 96, 0, 0, &st);
	a = st.addr;
	machine_kmem_cache_create(m, "objs_too", 90, 0, 0, &st);
	b = st.addr;
	ck_assert_uint_eq(a, b); /* merged: one struct kmem_cache */
	ck_assert(listed(m, "objs") && !listed(m, "objs_too"));
	ck_assert_int_eq(machine_kmem_cache_alloc(m, b, GFP_KERNEL, &st),
	    SIM_OK);
	x = st.addr;
	assert_consistent(m);
	/* the first destroy only drops a reference: nothing is checked */
	ck_assert_int_eq(machine_kmem_cache_destroy(m, a, &st), SIM_OK);
	ck_assert(listed(m, "objs"));
	ck_assert_int_eq(machine_kmem_cache_free(m, b, x, &st), SIM_OK);
	ck_assert_int_eq(machine_kmem_cache_free(m, b, x, &st),
	    SIM_DOUBLE_FREE);
	ck_assert_int_eq(machine_kmem_cache_destroy(m, b, &st), SIM_OK);
	ck_assert(!listed(m, "objs"));
	assert_consistent(m);
	/* the handle now names freed memory */
	ck_assert_int_eq(machine_kmem_cache_alloc(m, b, GFP_KERNEL, &st),
	    SIM_BUG);
	ck_assert_int_eq(machine_kmem_cache_destroy(m, b, &st), SIM_BUG);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

START_TEST(test_busy_destroy_61_keeps_the_cache)
{
	struct machine *m = boot("6.1", "profile");
	struct step	st;
	uint64_t	a;

	step_init(&st);
	machine_kmem_cache_create(m, "busy", 200, 0, 0, &st);
	a = st.addr;
	machine_kmem_cache_alloc(m, a, GFP_KERNEL, &st);
	ck_assert_int_eq(machine_kmem_cache_destroy(m, a, &st), SIM_BUG);
	ck_assert(listed(m, "busy"));
	/* refcount 0 on the list: still a merge target, as in 6.1 */
	machine_kmem_cache_create(m, "late", 200, 0, 0, &st);
	ck_assert_uint_eq(st.addr, a);
	assert_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

START_TEST(test_clone_keeps_names)
{
	struct machine *m = boot("6.12", "1"), *c;
	struct step	st;
	uint64_t	h[NCACHES];

	create_all(m, h);
	c = machine_clone(m);
	machine_destroy(m);
	ck_assert(listed(c, "mvz_b60") && listed(c, "mvz_r200rcu"));
	step_init(&st);
	/* the clone grows its own array: names must follow */
	ck_assert_int_eq(machine_kmem_cache_create(c, "after_clone", 8, 0, 0,
			     &st),
	    SIM_OK);
	ck_assert(listed(c, "mvz_a64") && listed(c, "after_clone"));
	assert_consistent(c);
	step_free(&st);
	machine_destroy(c);
}
END_TEST

START_TEST(test_flags_and_profiles)
{
	struct machine *m = boot("6.1", "profile");
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_kmem_cache_create(m, "nm", 64, 0,
			     SLAB_NO_MERGE, &st),
	    SIM_EINVAL); /* 6.5's flag */
	ck_assert_str_eq(st.reason,
	    "kmem_cache_create_usercopy(nm) failed with error -22 (a flag "
	    "this kernel does not know)");
	ck_assert_int_eq(machine_kmem_cache_create(m, "p", 0, 0, SLAB_PANIC,
			     &st),
	    SIM_BUG);
	ck_assert_int_eq(machine_ksize(m, 0, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, 0);
	ck_assert_int_eq(machine_kmalloc(m, 20000, GFP_KERNEL, &st), SIM_OK);
	ck_assert_int_eq(machine_ksize(m, st.addr, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, 32768); /* kmalloc_large: the pages */
	machine_destroy(m);
	m = boot("6.12", "profile");
	ck_assert_int_eq(machine_kmem_cache_create(m, "nm", 64, 0,
			     SLAB_NO_MERGE, &st),
	    SIM_OK);
	machine_destroy(m);
	m = boot("2.6", "profile");
	ck_assert_int_eq(machine_kmem_cache_create(m, "old", 64, 0, 0, &st),
	    SIM_UNSUPPORTED);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kmemcache");
	TCase *tc = tcase_create("real kernels");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_merged_with_the_same_caches, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_geometry_as_sysfs, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_ksize, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_fresh_slab_permuted, 0, NVARIANTS);
	tcase_add_loop_test(tc, test_misuse_reported, 0, NVARIANTS);
	suite_add_tcase(s, tc);
	tc = tcase_create("model");
	tcase_add_test(tc, test_refcount_and_destroy);
	tcase_add_test(tc, test_busy_destroy_61_keeps_the_cache);
	tcase_add_test(tc, test_clone_keeps_names);
	tcase_add_test(tc, test_flags_and_profiles);
	suite_add_tcase(s, tc);
	return check_run(s);
}
