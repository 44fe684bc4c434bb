/*
 * check_predict.c - predict-the-outcome logic without a terminal: the
 * judgement of a guess, the one-line reason for each allocator path
 * (hand-built steps, then real ones from the machine), quiz scoring.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script/script.h"
#include "sim/machine.h"
#include "ui/predict.h"
#include "check-run.h"

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
	struct step st;
	struct predict_guess g = { 0x400, 0x410, 0 };

	step_init(&st);
	st.status = SIM_OK;
	step_add_frames(&st, 0x40f, 2);
	ck_assert_int_eq(predict_judge(&st, &g), 1);	/* overlaps 0x40f */
	g.lo = 0x411;
	g.hi = 0x420;
	ck_assert_int_eq(predict_judge(&st, &g), 0);	/* 0x40f-0x410 only */
	g.lo = 0x410;
	ck_assert_int_eq(predict_judge(&st, &g), 1);
	g.fails = 1;
	ck_assert_int_eq(predict_judge(&st, &g), 0);	/* it did not fail */
	st.status = SIM_ENOMEM;
	ck_assert_int_eq(predict_judge(&st, &g), 1);
	g.fails = 0;
	ck_assert_int_eq(predict_judge(&st, &g), 0);	/* nothing landed */
	step_free(&st);
}
END_TEST

START_TEST(test_reason_partial_slab)
{
	struct step st;
	struct event *e;
	char *r;

	step_init(&st);
	st.status = SIM_OK;
	e = ev(&st, EV_OBJ_ALLOC, 0x412, 0);
	e->size = 128;
	e->aux = 100;
	e->text = strdup("kmalloc-128");
	r = reason(&st);
	ck_assert_str_eq(r, "100 bytes round up to kmalloc-128; kmalloc-128 "
	    "had a partial slab at pfn 0x412, so no new slab was needed");
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_reason_new_slab_after_split)
{
	struct step st;
	struct event *e;
	char *r;

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
	ck_assert_str_eq(r, "kmalloc-4k had no free object, so a new order-3 "
	    "slab was made at pfn 0x400 (no free block of orders 3-4: split "
	    "an order-5 block at pfn 0x400)");
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_reason_pages)
{
	struct step st;
	char *r;

	step_init(&st);
	st.status = SIM_OK;
	ev(&st, EV_SPLIT, 0x40, 5);
	ev(&st, EV_SPLIT, 0x40, 4);
	ev(&st, EV_PAGES_ALLOC, 0x40, 3);
	r = reason(&st);
	ck_assert_str_eq(r, "no free block of orders 3-4: split an order-5 "
	    "block at pfn 0x40 and kept its first 8 frames");
	free(r);
	step_reset(&st);
	st.status = SIM_OK;
	ev(&st, EV_PAGES_ALLOC, 0x6a8, 3);
	r = reason(&st);
	ck_assert_str_eq(r, "free_area[3] had a block, so the one at its "
	    "head, pfn 0x6a8, was taken whole");
	free(r);
	step_free(&st);
}
END_TEST

START_TEST(test_reason_failure_and_sleep)
{
	struct step st;
	char *r;

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
	step_add_frames(&st, 0x61d, 3);	/* merged: adjacent */
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
	struct script_errors errs;
	struct script_program *prog;
	struct script_interp *ip;
	const struct script_result *r;
	char *cause = NULL;

	script_errors_init(&errs);
	prog = script_parse("t.mvs", text, &errs);
	ck_assert_msg(prog != NULL, "%s", text);
	run_prog = prog;
	script_errors_free(&errs);
	ip = script_interp_create(prog, NULL, &cause);
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
	const struct step *st = NULL;
	struct script_interp *ip;
	const struct script_binding *a;
	struct sbuf b = SBUF_INIT;
	char want[128];

	ip = run("machine ram=16M\na = kmalloc(100, GFP_KERNEL)\n"
	    "b = kmalloc(100, GFP_KERNEL)\n", &st);
	a = script_interp_lookup(ip, "a");
	predict_reason(st, &b);
	snprintf(want, sizeof want, "kmalloc-128 had a partial slab at pfn "
	    "%#llx, so no new slab was needed", (unsigned long long)a->pfn);
	ck_assert_msg(strstr(sbuf_str(&b), want) != NULL, "%s", sbuf_str(&b));
	run_done(ip);
	sbuf_reset(&b);
	ip = run("machine ram=16M fragment=30%\nv = vmalloc(16K)\n", &st);
	predict_reason(st, &b);
	ck_assert_msg(strncmp(sbuf_str(&b), "vmalloc took 4 pages one at a "
	    "time", 31) == 0, "%s", sbuf_str(&b));
	run_done(ip);
	sbuf_reset(&b);
	ip = run("machine ram=16M\np = malloc(100)\n", &st);
	predict_reason(st, &b);
	/* The first malloc grows the heap by 132 KiB (FACTS: the top pad). */
	ck_assert_msg(strncmp(sbuf_str(&b), "the heap grew with brk by 132 "
	    "KiB", 31) == 0, "%s", sbuf_str(&b));
	run_done(ip);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_quiz)
{
	struct quiz_score q = { 0, 0 };
	struct sbuf b = SBUF_INIT;

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
