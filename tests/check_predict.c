/*
 * check_predict.c - predict-the-outcome logic without a terminal: the
 * judgement of a guess, the one-line reason for each allocator path
 * (hand-built steps, then real ones from the machine), guesses made on
 * the virtual views (a slab, a vmalloc hole, a malloc chunk, something
 * new) judged against real steps, quiz scoring.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script/script.h"
#include "sim/machine.h"
#include "sim/kernel/vmalloc.h"
#include "ui/predict.h"
#include "check-run.h"
#include "check-sim.h"

static struct event *
ev(struct step *st, enum event_kind k, uint64_t pfn, unsigned order)
{
	struct event *e = step_emit(st, k);

	e->pfn = pfn;
	e->order = order;
	return e;
}

static char *
reason(const struct step *st)
{
	struct sbuf b = SBUF_INIT;

	predict_reason(st, &b);
	return b.s;
}

START_TEST(test_judge)
{
	struct step	     st;
	struct predict_guess g = { .lo = 0x400,
		.hi = 0x410,
		.where = PW_FRAMES };

	step_init(&st);
	st.status = SIM_OK;
	step_add_frames(&st, 0x40f, 2);
	ck_assert_int_eq(predict_judge(&st, &g), 1); /* overlaps 0x40f */
	g.lo = 0x411;
	g.hi = 0x420;
	ck_assert_int_eq(predict_judge(&st, &g), 0); /* 0x40f-0x410 only */
	g.lo = 0x410;
	ck_assert_int_eq(predict_judge(&st, &g), 1);
	g.fails = 1;
	ck_assert_int_eq(predict_judge(&st, &g), 0); /* it did not fail */
	st.status = SIM_ENOMEM;
	ck_assert_int_eq(predict_judge(&st, &g), 1);
	g.fails = 0;
	ck_assert_int_eq(predict_judge(&st, &g), 0); /* nothing landed */
	step_free(&st);
}
END_TEST

START_TEST(test_reason_partial_slab)
{
	struct step   st;
	struct event *e;
	char	     *r;

	step_init(&st);
	st.status = SIM_OK;
	e = ev(&st, EV_OBJ_ALLOC, 0x412, 0);
	e->size = 128;
	e->aux = 100;
	e->text = strdup("kmalloc-128");
	r = reason(&st);
	ck_assert_str_eq(r,
	    "100 bytes round up to kmalloc-128; kmalloc-128 "
	    "had a partial slab at pfn 0x412, so no new slab was needed");
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_reason_new_slab_after_split)
{
	struct step   st;
	struct event *e;
	char	     *r;

	step_init(&st);
	st.status = SIM_OK;
	ev(&st, EV_SPLIT, 0x400, 5);
	ev(&st, EV_SPLIT, 0x400, 4);
	ev(&st, EV_PAGES_ALLOC, 0x400, 3);
	ev(&st, EV_SLAB_NEW, 0x400, 3)->text = strdup("kmalloc-4k");
	e = ev(&st, EV_OBJ_ALLOC, 0x400, 0);
	e->size = e->aux = 4096;
	e->text = strdup("kmalloc-4k");
	r = reason(&st);
	ck_assert_str_eq(r,
	    "kmalloc-4k had no free object, so a new order-3 "
	    "slab was made at pfn 0x400 (no free block of orders 3-4: split "
	    "an order-5 block at pfn 0x400)");
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_reason_pages)
{
	struct step st;
	char	   *r;

	step_init(&st);
	st.status = SIM_OK;
	ev(&st, EV_SPLIT, 0x40, 5);
	ev(&st, EV_SPLIT, 0x40, 4);
	ev(&st, EV_PAGES_ALLOC, 0x40, 3);
	r = reason(&st);
	ck_assert_str_eq(r,
	    "no free block of orders 3-4: split an order-5 "
	    "block at pfn 0x40 and kept its first 8 frames");
	free(r);
	step_reset(&st);
	st.status = SIM_OK;
	ev(&st, EV_PAGES_ALLOC, 0x6a8, 3);
	r = reason(&st);
	ck_assert_str_eq(r,
	    "free_area[3] had a block, so the one at its "
	    "head, pfn 0x6a8, was taken whole");
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_reason_failure_and_sleep)
{
	struct step st;
	char	   *r;

	step_init(&st);
	step_fail(&st, SIM_EINVAL, "kmalloc(8388608) needs too high an order");
	step_emitf(&st, EV_FAIL, "order > MAX_PAGE_ORDER");
	r = reason(&st);
	ck_assert_str_eq(r, "it failed (EINVAL): order > MAX_PAGE_ORDER");
	free(r);
	step_reset(&st);
	st.status = SIM_OK;
	st.slept = 1;
	ev(&st, EV_PAGES_ALLOC, 0x10, 0);
	r = reason(&st);
	ck_assert_msg(strstr(r, ", after sleeping in direct reclaim") != NULL,
	    "%s", r);
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_truth)
{
	struct step st;
	struct sbuf b = SBUF_INIT;

	step_init(&st);
	st.status = SIM_OK;
	step_add_frames(&st, 0x61c, 1);
	predict_truth(&st, &b);
	ck_assert_str_eq(sbuf_str(&b), "pfn 0x61c");
	sbuf_reset(&b);
	step_add_frames(&st, 0x61d, 3); /* merged: adjacent */
	predict_truth(&st, &b);
	ck_assert_str_eq(sbuf_str(&b), "pfns 0x61c-0x61f");
	sbuf_reset(&b);
	step_add_frames(&st, 0x900, 1);
	predict_truth(&st, &b);
	ck_assert_str_eq(sbuf_str(&b), "pfns 0x61c 0x900");
	sbuf_free(&b);
	step_free(&st);
}
END_TEST

/* The program run() parsed: the interpreter does not own it. */
static struct script_program *run_prog;

/* Runs lines on a fresh machine; returns the interpreter. */
static struct script_interp *
run(const char *text, const struct step **last)
{
	struct script_interp	   *ip;
	const struct script_result *r;
	char			   *cause = NULL;

	run_prog = check_parse_ok(text);
	ip = script_interp_create(run_prog, NULL, &cause);
	ck_assert(ip != NULL);
	while ((r = script_interp_next(ip)) != NULL)
		if (r->step != NULL)
			*last = r->step;
	return ip;
}

static void
run_done(struct script_interp *ip)
{
	script_interp_destroy(ip);
	script_program_free(run_prog);
	run_prog = NULL;
}

/*
 * The machine's own steps: a second kmalloc(100) shares the first's
 * slab (SLUB fills a slab before it makes another), so its reason names
 * that slab's frame; vmalloc counts its pages; malloc names brk.
 */
START_TEST(test_reason_real_steps)
{
	const struct step	    *st = NULL;
	struct script_interp	    *ip;
	const struct script_binding *a;
	struct sbuf		     b = SBUF_INIT;
	char			     want[128];

	ip = run("machine ram=16M\na = kmalloc(100, GFP_KERNEL)\n"
		 "b = kmalloc(100, GFP_KERNEL)\n",
	    &st);
	a = script_interp_lookup(ip, "a");
	predict_reason(st, &b);
	snprintf(want, sizeof want,
	    "kmalloc-128 had a partial slab at pfn "
	    "%#llx, so no new slab was needed",
	    (unsigned long long)a->pfn);
	ck_assert_msg(strstr(sbuf_str(&b), want) != NULL, "%s", sbuf_str(&b));
	run_done(ip);
	sbuf_reset(&b);
	ip = run("machine ram=16M fragment=30%\nv = vmalloc(16K)\n", &st);
	predict_reason(st, &b);
	ck_assert_msg(strncmp(sbuf_str(&b),
			  "vmalloc took 4 pages one at a "
			  "time",
			  31) == 0,
	    "%s", sbuf_str(&b));
	run_done(ip);
	sbuf_reset(&b);
	ip = run("machine ram=16M\np = malloc(100)\n", &st);
	predict_reason(st, &b);
	/* The first malloc grows the heap by 132 KiB: glibc's M_TOP_PAD,
	   128 KiB in sysdeps/generic/malloc-machine.h, plus the chunk. */
	ck_assert_msg(strncmp(sbuf_str(&b),
			  "the heap grew with brk by 132 "
			  "KiB",
			  31) == 0,
	    "%s", sbuf_str(&b));
	run_done(ip);
	sbuf_free(&b);
}
END_TEST

static const struct event *
find_ev(const struct step *st, enum event_kind kind)
{
	size_t i;

	for (i = 0; i < st->nev; i++)
		if (st->ev[i].kind == kind)
			return &st->ev[i];
	return NULL;
}

/* A guess on a virtual view: [lo, hi) of virtual addresses. */
static struct predict_guess
virt(uint64_t lo, uint64_t hi)
{
	struct predict_guess g = { .lo = lo, .hi = hi, .where = PW_VIRT };

	return g;
}

/* A guess that the step makes something new: an event of kind ev. */
static struct predict_guess
made(enum event_kind ev)
{
	struct predict_guess g = { .where = PW_EVENT, .ev = ev };

	return g;
}

/*
 * kmalloc on the slab view.  kmalloc-128's slab is one page (32
 * objects), so a second kmalloc(100) lands in the first one's slab
 * (SLUB fills its CPU slab first): that slab's range is right, the page
 * after it and "a new slab" are wrong; the first kmalloc made the new
 * slab.  20000 bytes are above kmalloc-8k, the largest cache of 6.x:
 * whole pages (__kmalloc_large_node), not a slab.
 */
START_TEST(test_judge_slab_view)
{
	const struct step    *st = NULL;
	struct script_interp *ip;
	struct predict_guess  g;
	uint64_t	      slab;
	struct sbuf	      b = SBUF_INIT;
	char		      want[96];

	ip = run("machine ram=16M\na = kmalloc(100, GFP_KERNEL)\n"
		 "b = kmalloc(100, GFP_KERNEL)\n",
	    &st);
	slab = machine_pfn_to_virt(script_interp_machine(ip),
	    script_interp_lookup(ip, "a")->pfn);
	g = virt(slab, slab + 4096);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	/* somewhere in a's slab: the freelist is shuffled (6.x has
	 * CONFIG_SLAB_FREELIST_RANDOM) */
	ck_assert_uint_eq(st->addr & ~4095ull, slab);
	ck_assert_uint_ne(st->addr, script_interp_lookup(ip, "a")->addr);
	g = virt(slab + 4096, slab + 8192);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	g = made(EV_SLAB_NEW);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	g = virt(slab, slab + 4096);
	predict_landed(st, &g, &b);
	snprintf(want, sizeof want, "at %#llx, pfn %#llx",
	    (unsigned long long)st->addr,
	    (unsigned long long)script_interp_lookup(ip, "a")->pfn);
	ck_assert_str_eq(sbuf_str(&b), want);
	run_done(ip);
	ip = run("machine ram=16M\na = kmalloc(100, GFP_KERNEL)\n", &st);
	g = made(EV_SLAB_NEW);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	run_done(ip);
	ip = run("machine ram=16M\nc = kmalloc(20000, GFP_KERNEL)\n", &st);
	g = made(EV_LARGE_ALLOC);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	g = made(EV_SLAB_NEW);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	run_done(ip);
	sbuf_free(&b);
}
END_TEST

/*
 * vmalloc on the vmalloc view.  The first vmalloc(16K) takes four pages
 * and a guard page from VMALLOC_START (0xffffc90000000000 with 4-level
 * paging), so the next area starts 20 KiB in: the free range from there
 * is right; the range right after the four pages (forgetting the guard)
 * and the first area's own range are wrong.
 */
START_TEST(test_judge_vmalloc_view)
{
	const struct step    *st = NULL;
	struct script_interp *ip;
	struct predict_guess  g;
	uint64_t	      start, end;

	ip = run("machine ram=16M\nv = vmalloc(16K)\nw = vmalloc(8K)\n", &st);
	start = vmalloc_start(script_interp_machine(ip));
	end = vmalloc_end(script_interp_machine(ip));
	ck_assert_uint_eq(start, 0xffffc90000000000ull);
	g = virt(start + 0x5000, end);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	g = virt(start + 0x4000, start + 0x5000);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	g = virt(start, start + 0x5000);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	g.fails = 1;
	ck_assert_int_eq(predict_judge(st, &g), 0);
	run_done(ip);
}
END_TEST

/*
 * malloc on the user view, with glibc 2.36's numbers (checked against
 * this machine's glibc): malloc(100) is a 112-byte chunk, so a second
 * malloc(100) is split from the top chunk 112 bytes on; the first grew
 * the heap with brk; 200000 bytes are above the 128 KiB mmap threshold
 * and get a mapping of their own; realloc(p, 104) fits the chunk's 104
 * usable bytes and stays where it is.
 */
START_TEST(test_judge_user_view)
{
	const struct step    *st = NULL;
	struct script_interp *ip;
	struct predict_guess  g;
	uint64_t	      p, top;

	ip = run("machine ram=16M\np = malloc(100)\nq = malloc(100)\n", &st);
	p = script_interp_lookup(ip, "p")->addr;
	top = p - 16 + 112; /* the top chunk after p's */
	ck_assert_uint_eq(st->addr, p + 112);
	g = virt(top, top + 0x1000);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	g = virt(p - 16, top); /* p's own chunk, in use */
	ck_assert_int_eq(predict_judge(st, &g), 0);
	g = made(EV_BRK);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	g = made(EV_MMAP);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	run_done(ip);
	ip = run("machine ram=16M\np = malloc(100)\n", &st);
	g = made(EV_BRK);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	run_done(ip);
	/* The first malloc makes the tcache with brk whatever its size;
	 * brk is still no answer for a chunk that got a mapping. */
	ip = run("machine ram=16M\np = malloc(200000)\n", &st);
	ck_assert_ptr_nonnull(find_ev(st, EV_BRK));
	g = made(EV_MMAP);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	g = made(EV_BRK);
	ck_assert_int_eq(predict_judge(st, &g), 0);
	run_done(ip);
	ip = run("machine ram=16M\np = malloc(100)\nq = realloc(p, 104)\n",
	    &st);
	p = script_interp_lookup(ip, "p")->addr;
	ck_assert_uint_eq(st->addr, p);
	g = virt(p - 16, p - 16 + 112);
	ck_assert_int_eq(predict_judge(st, &g), 1);
	run_done(ip);
}
END_TEST

/*
 * Reasons on the user view.  A freed malloc(100) goes to tcache[5] (its
 * 112-byte chunk: csize2tidx(112) = (112 - 32 + 15) / 16 = 5), and the
 * next malloc(100) takes it back from there; realloc(p, 104) fits the
 * 104 usable bytes the chunk already has, so nothing happens at all.
 */
START_TEST(test_reason_user_steps)
{
	const struct step    *st = NULL;
	struct script_interp *ip;
	struct sbuf	      b = SBUF_INIT;
	char		      want[128];
	uint64_t	      p;

	ip = run("machine ram=16M\np = malloc(100)\nfree(p)\n"
		 "q = malloc(100)\n",
	    &st);
	p = script_interp_lookup(ip, "p")->addr;
	ck_assert_uint_eq(st->addr, p);
	predict_reason(st, &b);
	snprintf(want, sizeof want,
	    "the 112-byte chunk at %#llx: taken from "
	    "tcache[5]",
	    (unsigned long long)p - 16);
	ck_assert_str_eq(sbuf_str(&b), want);
	run_done(ip);
	sbuf_reset(&b);
	ip = run("machine ram=16M\np = malloc(100)\nq = realloc(p, 104)\n",
	    &st);
	predict_reason(st, &b);
	ck_assert_str_eq(sbuf_str(&b),
	    "the chunk already had room, so "
	    "nothing moved");
	run_done(ip);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_quiz)
{
	struct quiz_score q = { 0, 0 };
	struct sbuf	  b = SBUF_INIT;

	quiz_format(&q, &b);
	ck_assert_str_eq(sbuf_str(&b), "no questions");
	quiz_record(&q, 1);
	quiz_record(&q, 0);
	quiz_record(&q, 1);
	sbuf_reset(&b);
	quiz_format(&q, &b);
	ck_assert_str_eq(sbuf_str(&b), "2 of 3 right (66%)");
	sbuf_free(&b);
	ck_assert(predict_is_question(stmt_find("kmalloc")));
	ck_assert(predict_is_question(stmt_find("vmalloc")));
	ck_assert(predict_is_question(stmt_find("malloc")));
	ck_assert(predict_is_question(stmt_find("__get_free_pages")));
	ck_assert(!predict_is_question(stmt_find("kfree")));
	ck_assert(!predict_is_question(stmt_find("say")));
	ck_assert(!predict_is_question(stmt_find("write")));
	ck_assert(!predict_is_question(NULL));
}
END_TEST

static Suite *
predict_suite(void)
{
	Suite *s = suite_create("predict");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_judge);
	tcase_add_test(tc, test_reason_partial_slab);
	tcase_add_test(tc, test_reason_new_slab_after_split);
	tcase_add_test(tc, test_reason_pages);
	tcase_add_test(tc, test_reason_failure_and_sleep);
	tcase_add_test(tc, test_truth);
	tcase_add_test(tc, test_reason_real_steps);
	tcase_add_test(tc, test_judge_slab_view);
	tcase_add_test(tc, test_judge_vmalloc_view);
	tcase_add_test(tc, test_judge_user_view);
	tcase_add_test(tc, test_reason_user_steps);
	tcase_add_test(tc, test_quiz);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(predict_suite());
}
