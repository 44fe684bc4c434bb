/*
 * check_pcp_note.c - the per-CPU lists as the views read them: frames on
 * a list are told apart from buddy-free ones (frame_state, the census of
 * a grid cell, the player's shadow), and the narration's notes say when
 * a step refilled or drained the list.
 */
#include <check.h>
#include <string.h>

#include "sim/page/frame-state.h"
#include "sim/page/gfp.h"
#include "sim/page/pcp.h"
#include "sim/machine.h"
#include "ui/pcp-note.h"
#include "check-run.h"
#include "check-sim.h"

#define PO 0xffff888000000000ull

/* The pfn __get_free_pages() returned in st. */
static uint64_t
got_pfn(const struct step *st)
{
	return (st->addr - PO) >> 12;
}

/* A page freed goes to the list: its frame says so, and a census of it
 * counts one per-CPU frame; the page it came back as says no more. */
START_TEST(test_frame_on_list)
{
	struct machine	   *m = check_boot("kernel", "6.1", NULL);
	struct step	    st;
	struct frame_state  fs;
	struct frame_census c;
	struct frame_walk   w;
	uint64_t	    pfn;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	pfn = got_pfn(&st);
	ck_assert_int_eq(frame_state(m, NULL, pfn).pcp, 0);
	ck_assert_int_eq(machine_free_pages(m, st.addr, 0, &st), SIM_OK);
	fs = frame_state(m, NULL, pfn);
	ck_assert_int_eq(fs.owner, FO_FREE);
	ck_assert_int_eq(fs.pcp, 1);
	ck_assert_int_eq(fs.free_head, 0);
	frame_walk_start(m, NULL, pfn, &w);
	frame_census(m, NULL, pfn, pfn + 1, &w, &c);
	ck_assert_uint_eq(c.pcp, 1);
	ck_assert_uint_eq(c.count[FO_FREE], 1);
	ck_assert_int_eq(c.head_order, -1); /* no buddy head to show */
	ck_assert_uint_eq(pcp_pageset(m, fs.zone, 0)->lists[0].head, pfn);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* A whole machine's census counts exactly the pages the lists hold. */
START_TEST(test_census_counts_lists)
{
	struct machine	   *m = check_boot("kernel", "6.12", NULL);
	struct frame_census c;
	struct frame_walk   w;
	uint64_t	    n = phys_nframes(m), pfn, pcp = 0;

	frame_walk_start(m, NULL, 0, &w);
	for (pfn = 0; pfn < n; pfn += 64) {
		frame_census(m, NULL, pfn, pfn + 64 < n ? pfn + 64 : n, &w, &c);
		pcp += c.pcp;
	}
	ck_assert_uint_gt(pcp_total(m), 0);
	ck_assert_uint_eq(pcp, pcp_total(m));
	machine_destroy(m);
}
END_TEST

/* The shadow shows a refilled block on the list, a drained one on the
 * buddy lists, as the machine itself has them at the step's end. */
START_TEST(test_shadow_lists)
{
	struct machine	    *m = check_boot("kernel", "6.1", NULL);
	struct frame_shadow *sh = frame_shadow_create();
	struct step	     st;
	struct event	     ev;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	frame_shadow_snapshot(sh, m);
	frame_shadow_rewind(sh);
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_PCP_FREE;
	ev.pfn = got_pfn(&st);
	frame_shadow_apply(sh, m, &ev);
	ck_assert_int_eq(frame_state(m, sh, ev.pfn).pcp, 1);
	ck_assert_int_eq(frame_state(m, sh, ev.pfn).free_head, 0);
	ev.kind = EV_PCP_DRAIN;
	frame_shadow_apply(sh, m, &ev);
	ck_assert_int_eq(frame_state(m, sh, ev.pfn).pcp, 0);
	ck_assert_int_eq(frame_state(m, sh, ev.pfn).free_head, 1);
	frame_shadow_destroy(sh);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Served from the list: nothing to add; a refill and a drain are said
 * with the pages they moved. */
START_TEST(test_step_notes)
{
	struct step   st;
	struct sbuf   b = SBUF_INIT;
	struct event *e;

	step_init(&st);
	ck_assert_uint_eq(pcp_note_step(&st, &b), 0);
	step_emit(&st, EV_PCP_ALLOC);
	ck_assert_uint_eq(pcp_note_step(&st, &b), 0);
	e = step_emit(&st, EV_PCP_REFILL);
	e->order = 0;
	e = step_emit(&st, EV_PCP_REFILL);
	e->order = 1;
	ck_assert_uint_gt(pcp_note_step(&st, &b), 0);
	ck_assert_str_eq(sbuf_str(&b),
	    "per-CPU list refilled: 3 pages from "
	    "the buddy lists (rmqueue_bulk)");
	sbuf_reset(&b);
	e = step_emit(&st, EV_PCP_DRAIN);
	e->order = 0;
	pcp_note_step(&st, &b);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
	    "; per-CPU list over high: 1 page back to the buddy lists "
	    "(free_pcppages_bulk)"));
	ck_assert_ptr_nonnull(pcp_note_event(EV_PCP_ALLOC));
	ck_assert_ptr_nonnull(pcp_note_event(EV_PAGES_ALLOC));
	ck_assert_ptr_null(pcp_note_event(EV_SLAB_NEW));
	sbuf_free(&b);
	step_free(&st);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("pcp_note");
	TCase *tc = tcase_create("per-CPU lists in the views");

	tcase_add_test(tc, test_frame_on_list);
	tcase_add_test(tc, test_census_counts_lists);
	tcase_add_test(tc, test_shadow_lists);
	tcase_add_test(tc, test_step_notes);
	suite_add_tcase(s, tc);
	return check_run(s);
}
