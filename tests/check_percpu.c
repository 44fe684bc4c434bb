/*
 * check_percpu.c - statements run on a CPU, and per-CPU state that is
 * really per CPU.
 *
 * Against the real kernels: the experiments of
 * tests/kernel-probe/module/memviz_percpu.c (Debian's 6.1 and 6.12
 * booted with 2 CPUs and 128M, captured/KVER-default-percpu-128M-2cpu.txt)
 * run on memviz under the same profile, each relation compared with what
 * the kernel printed:
 *  - a page freed on CPU 1 is CPU 1's next page, not CPU 0's, and two
 *    pages freed there come back last in, first out;
 *  - an object freed on CPU 1 from CPU 0's CPU slab goes to the slab's
 *    freelist: CPU 0's next kmalloc does not get it, it is the last object
 *    the slab gives CPU 0; the first free into a full slab puts it on the
 *    freeing CPU's partial list, where CPU 1 finds it and CPU 0 does not;
 *  - order-0 GFP_ATOMIC pages until the first failure take a zone below
 *    3/8 of its min watermark; GFP_NOWAIT stops at min (the real min
 *    includes watermark_boost, which the loop's fallback steals raise and
 *    memviz does not model, so memviz's plain min is compared with it)
 *    and above 3/8 of it; ZONE_DMA stays above min (lowmem_reserve).
 * Each memviz experiment starts from a state it establishes, as the
 * module's do: pages from a list CPU 1 just freed to, a slab cache with
 * no slab yet (memviz boots with kmalloc-256 empty, as the module's own
 * cache is), a fresh machine per GFP flag.
 *
 * From the kernel sources (no capture): 6.12's decay_pcp_high() on tick,
 * nothing under 6.1; the cpu statement's checks and per-step CPU.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/kernel/slab.h"
#include "sim/machine.h"
#include "sim/page/pcp.h"
#include "sim/page/phys.h"
#include "script/script-priv.h"
#include "check-run.h"
#include "check-sim.h"

static const char *const kernels[] = { "6.1", "6.12" };

static struct machine *
boot(const char *kernel, const char *ram)
{
	return check_boot("kernel", kernel, "ram", ram, "cpus", "2", NULL);
}

/* The value of "result KEY VALUE" the kernel printed. */
static char *
captured(const char *kernel, const char *key)
{
	char path[512];

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/%s-default-percpu-128M-2cpu.txt",
	    TEST_SRCDIR, kernel);
	return check_captured(path, key);
}

static void
as_captured(const char *kernel, const char *key, int got)
{
	char *want = captured(kernel, key), have[16];

	snprintf(have, sizeof have, "%d", got);
	ck_assert_msg(strcmp(want, have) == 0, "%s %s: kernel %s, memviz %s",
	    kernel, key, want, have);
	free(want);
}

/* ---- the module's steps, each on a CPU (work_on_cpu) ---- */

static uint64_t
page_on(struct machine *m, unsigned cpu)
{
	struct step st;
	uint64_t    page;

	step_init(&st);
	ck_assert_int_eq(machine_set_cpu(m, cpu), 0);
	ck_assert_int_eq(machine_alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0, &st),
	    SIM_OK);
	ck_assert_uint_eq(st.cpu, cpu);
	page = st.addr;
	step_free(&st);
	return page;
}

static void
page_free_on(struct machine *m, unsigned cpu, uint64_t page)
{
	struct step st;

	step_init(&st);
	ck_assert_int_eq(machine_set_cpu(m, cpu), 0);
	ck_assert_int_eq(machine___free_pages(m, page, 0, &st), SIM_OK);
	step_free(&st);
}

static uint64_t
obj_on(struct machine *m, unsigned cpu)
{
	struct step st;
	uint64_t    obj;

	step_init(&st);
	ck_assert_int_eq(machine_set_cpu(m, cpu), 0);
	ck_assert_int_eq(machine_kmalloc(m, 256, GFP_KERNEL, &st), SIM_OK);
	obj = st.addr;
	step_free(&st);
	return obj;
}

static void
obj_free_on(struct machine *m, unsigned cpu, uint64_t obj)
{
	struct step st;

	step_init(&st);
	ck_assert_int_eq(machine_set_cpu(m, cpu), 0);
	ck_assert_int_eq(machine_kfree(m, obj, &st), SIM_OK);
	step_free(&st);
}

/* The first frame of the slab holding obj. */
static uint64_t
slab_of(const struct machine *m, uint64_t obj)
{
	struct slab_slab_info si;
	size_t		      ci, s;
	uint32_t	      o;

	ck_assert_int_eq(slab_find(m, obj, &ci, &s, &o), 0);
	ck_assert_int_eq(slab_slab_info(m, ci, s, &si), 0);
	return si.pfn;
}

START_TEST(test_pages_as_captured)
{
	const char     *k = kernels[_i];
	struct machine *m = boot(k, "128M");
	uint64_t	a, b, x, y;

	a = page_on(m, 0);
	page_free_on(m, 1, a);
	x = page_on(m, 0);
	y = page_on(m, 1);
	as_captured(k, "page.remote.cpu0_next_is_it", x == a);
	as_captured(k, "page.remote.cpu1_next_is_it", y == a);
	page_free_on(m, 0, x);
	page_free_on(m, 1, y);
	a = page_on(m, 0);
	b = page_on(m, 0);
	page_free_on(m, 1, a);
	page_free_on(m, 1, b);
	x = page_on(m, 1);
	y = page_on(m, 1);
	as_captured(k, "page.lifo.cpu1_first_is_last_freed", x == b);
	as_captured(k, "page.lifo.cpu1_second_is_first_freed", y == a);
	machine_destroy(m);
}
END_TEST

/* CPU 0 allocates until it leaves slab s0; as the module's drain_slab. */
static int
drain_slab(struct machine *m, uint64_t s0, uint64_t want, int *pos)
{
	int n = 0;

	*pos = 0;
	for (;;) {
		uint64_t o = obj_on(m, 0);

		if (slab_of(m, o) != s0 || n >= 128)
			return n;
		n++;
		if (o == want)
			*pos = n;
	}
}

START_TEST(test_slab_as_captured)
{
	const char	      *k = kernels[_i];
	struct machine	      *m = boot(k, "128M");
	struct slab_cache_info ci;
	uint64_t	       a0, b, c, s0, z0, z1, w, w2;
	int		       n, pos;
	size_t		       i;

	/* the state the module makes with a cache of its own: no slab */
	for (i = 0; slab_cache_info(m, i, &ci) == 0; i++)
		if (strcmp(ci.name, "kmalloc-256") == 0)
			break;
	ck_assert_str_eq(ci.name, "kmalloc-256");
	ck_assert_uint_eq(ci.slabs, 0);
	a0 = obj_on(m, 0);
	b = obj_on(m, 0);
	s0 = slab_of(m, a0);
	as_captured(k, "slab.fresh.same_slab", slab_of(m, b) == s0);
	obj_free_on(m, 1, a0);
	c = obj_on(m, 0);
	as_captured(k, "slab.remote.cpu0_next_is_it", c == a0);
	as_captured(k, "slab.remote.cpu0_next_same_slab", slab_of(m, c) == s0);
	n = drain_slab(m, s0, a0, &pos);
	as_captured(k, "slab.remote.back_at_last_of_slab", pos > 0 && pos == n);
	obj_free_on(m, 1, b);
	z0 = obj_on(m, 0);
	z1 = obj_on(m, 1);
	as_captured(k, "slab.cpu_partial.cpu0_next_is_it", z0 == b);
	as_captured(k, "slab.cpu_partial.cpu1_next_is_it", z1 == b);
	obj_free_on(m, 0, c);
	w = obj_on(m, 1);
	as_captured(k, "slab.remote1.cpu1_next_is_it", w == c);
	w2 = obj_on(m, 0);
	obj_free_on(m, 0, w2);
	as_captured(k, "slab.local.lifo", obj_on(m, 0) == w2);
	machine_destroy(m);
}
END_TEST

/* Order-0 pages with gfp until the first failure, on a fresh machine. */
static struct machine *
exhaust(const char *kernel, gfp_t gfp)
{
	struct machine *m = boot(kernel, "128M");
	struct step	st;
	int		i;

	step_init(&st);
	for (i = 0; i < 1000000; i++)
		if (machine_alloc_pages(m, gfp, 0, &st) != SIM_OK)
			break;
	ck_assert_int_lt(i, 1000000);
	step_free(&st);
	return m;
}

static void
gfp_as_captured(const char *k, const char *flag, gfp_t gfp)
{
	struct machine *m = exhaust(k, gfp);
	char		key[96];
	int		z, atomic = strcmp(flag, "atomic") == 0;

	for (z = 0; z < 2; z++) {
		const struct zone *zn = phys_zone(m, z);
		uint64_t fr = zn->free_pages, mn = zn->wmark[WMARK_MIN];

		ck_assert(zn->present);
		/*
		 * memviz has no watermark_boost: its min is the kernel's
		 * min + boost for the checks boost applies to (not
		 * __GFP_HIGH's).  A failing check means free <= min; memviz
		 * counts NR_FREE_PAGES exactly and ends at min, the kernel
		 * a little below it (6.1: 25 pages), since its counter is
		 * folded from per-CPU deltas, up to (low - min) / CPUs each
		 * while kswapd is awake (calculate_pressure_threshold()),
		 * after the check that let the last refill through.
		 */
		snprintf(key, sizeof key, "gfp.%s.%s.%s", flag, zn->name,
		    atomic ? "below_min" : "below_boosted_min");
		as_captured(k, key, atomic ? fr < mn : fr <= mn);
		snprintf(key, sizeof key, "gfp.%s.%s.below_3_8_min", flag,
		    zn->name);
		as_captured(k, key, fr * 8 < mn * 3);
	}
	machine_destroy(m);
}

START_TEST(test_gfp_as_captured)
{
	gfp_as_captured(kernels[_i], "atomic", GFP_ATOMIC);
	gfp_as_captured(kernels[_i], "nowait", GFP_NOWAIT);
}
END_TEST

/* ---- from the sources ---- */

/*
 * 6.12 decay_pcp_high() each vmstat interval: frees raise CPU 1's high
 * above high_min; a second later it is max(high - high/8, count -
 * (batch << 5), high_min) and the pages above it are drained, CPU 0's
 * pageset untouched unless it had some too.  6.1 does nothing.
 */
START_TEST(test_tick_decays_pcp_high)
{
	const char		   *k = kernels[_i];
	struct machine		   *m = boot(k, "128M");
	const struct per_cpu_pages *p = pcp_pageset(m, 1, 1);
	uint64_t		    pages[600];
	struct step		    st;
	int			    i, high, count, want;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 600; i++)
		pages[i] = page_on(m, 1);
	for (i = 0; i < 600; i++)
		page_free_on(m, 1, pages[i]);
	high = p->high;
	count = p->count;
	ck_assert_int_gt(count, 0);
	step_init(&st);
	ck_assert_int_eq(machine_tick(m, 999, &st), SIM_OK);
	ck_assert_int_eq(p->high, high); /* no interval passed yet */
	ck_assert_int_eq(machine_tick(m, 1, &st), SIM_OK);
	ck_assert_uint_eq(machine_uptime_ms(m), 1000);
	if (strcmp(k, "6.1") == 0) {
		ck_assert_int_eq(p->high, high);
		ck_assert_int_eq(p->count, count);
		ck_assert_uint_eq(st.nev, 0);
	} else {
		ck_assert_int_gt(high, p->high_min);
		want = high - (high >> 3);
		if (want < count - (p->batch << 5))
			want = count - (p->batch << 5);
		if (want < p->high_min)
			want = p->high_min;
		ck_assert_int_eq(p->high, want);
		ck_assert_int_le(p->count, p->high);
		/* ticks until nothing is left to do end at high_min */
		ck_assert_int_eq(machine_tick(m, 600000, &st), SIM_OK);
		ck_assert_int_eq(p->high, p->high_min);
	}
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* The cpu statement: each step runs on the CPU last named. */
START_TEST(test_cpu_statement_runs_there)
{
	static const char
				    text[] = "machine cpus=3\n"
					     "a = kmalloc(64, GFP_KERNEL)\n"
					     "cpu 2\n"
					     "kfree(a)\n"
					     "repeat 2 { cpu $i; b$i = kmalloc(8, GFP_KERNEL) }\n";
	static const int	    want[] = { 0, 2, 0, 1 };
	struct script_errors	    errs;
	struct script_program	   *prog;
	struct script_interp	   *ip;
	const struct script_result *r;
	char			   *cause = NULL;
	size_t			    n = 0;

	script_errors_init(&errs);
	prog = script_parse("t.mvs", text, &errs);
	ck_assert_ptr_nonnull(prog);
	ip = script_interp_create(prog, NULL, &cause);
	ck_assert_msg(ip != NULL, "%s", cause);
	while ((r = script_interp_next(ip)) != NULL) {
		ck_assert_ptr_null(r->error);
		if (r->kind != SCRIPT_OP)
			continue;
		ck_assert_uint_lt(n, 4);
		ck_assert_uint_eq(r->step->cpu, (unsigned)want[n]);
		n++;
	}
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(machine_cpu(script_interp_machine(ip)), 1);
	script_interp_destroy(ip);
	script_program_free(prog);
	script_errors_free(&errs);
}
END_TEST

/* A CPU the machine lacks: one error with its place, the line quoted. */
START_TEST(test_cpu_beyond_the_machine)
{
	struct script_errors errs;
	struct sbuf	     out = SBUF_INIT;
	struct machine	    *m;

	script_errors_init(&errs);
	ck_assert_ptr_null(script_parse("t.mvs",
	    "machine cpus=2\nrepeat 4 { cpu $i }\n", &errs));
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_uint_eq(errs.v[0].line, 2);
	ck_assert_uint_eq(errs.v[0].col, 16);
	script_errors_format(&errs, &out);
	ck_assert_msg(strstr(sbuf_str(&out),
			  "t.mvs:2:16: error: cpu 2: the "
			  "machine has 2 CPUs") != NULL &&
		strstr(sbuf_str(&out), "    repeat 4 { cpu $i }\n") != NULL,
	    "%s", sbuf_str(&out));
	sbuf_free(&out);
	script_errors_free(&errs);
	m = boot("6.12", "64M");
	ck_assert_int_eq(machine_set_cpu(m, 2), -1);
	ck_assert_uint_eq(machine_cpu(m), 0);
	machine_destroy(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("percpu");
	TCase *tk = tcase_create("kernel");
	TCase *tl = tcase_create("language");

	tcase_set_timeout(tk, 120);
	tcase_add_loop_test(tk, test_pages_as_captured, 0, 2);
	tcase_add_loop_test(tk, test_slab_as_captured, 0, 2);
	tcase_add_loop_test(tk, test_gfp_as_captured, 0, 2);
	tcase_add_loop_test(tk, test_tick_decays_pcp_high, 0, 2);
	tcase_add_test(tl, test_cpu_statement_runs_there);
	tcase_add_test(tl, test_cpu_beyond_the_machine);
	suite_add_tcase(s, tk);
	suite_add_tcase(s, tl);
	return check_run(s);
}
