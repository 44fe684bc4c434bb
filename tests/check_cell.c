/*
 * check_cell.c - the RAM grid's importance rule (cell.c) and what the
 * last step changed (changes.c), without a terminal.
 */
#include <check.h>
#include <string.h>

#include "script/script.h"
#include "sim/page/frame-state.h"
#include "sim/machine.h"
#include "ui/cell.h"
#include "ui/changes.h"
#include "ui/player.h"
#include "check-run.h"
#include "check-sim.h"

static struct cell_look
choose(const uint32_t *count, unsigned holds, int top)
{
	struct cell_facts f = { count, holds, top };

	return cell_choose(&f);
}

/* One vmalloc frame among 31 of page cache: vmalloc shows, mixed. */
START_TEST(test_rare_over_common)
{
	uint32_t	 n[FO__COUNT] = { 0 };
	struct cell_look k;

	n[FO_PAGECACHE] = 31;
	n[FO_VMALLOC] = 1;
	k = choose(n, 0, -1);
	ck_assert_int_eq(k.owner, FO_VMALLOC);
	ck_assert(k.mixed);
	ck_assert_int_eq(k.rest, FO_PAGECACHE);
	ck_assert_int_eq(k.mark, CELL_MARK_NONE);
}
END_TEST

/* The rare owners in their fixed order, whatever their counts. */
START_TEST(test_rare_order)
{
	static const enum frame_owner order[] = { FO_VMALLOC, FO_SLAB,
		FO_KMALLOC_LARGE, FO_ANON, FO_PGTABLE, FO_PAGES, FO_PAGECACHE };
	uint32_t		      n[FO__COUNT] = { 0 };
	size_t			      i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		n[order[i]] = (uint32_t)(1 +
		    3 * i); /* commoner down the list */
	n[FO_FREE] = 100;
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		ck_assert_int_eq(choose(n, 0, -1).owner, order[i]);
		ck_assert_int_gt(cell_owner_rank(order[i]),
		    cell_owner_rank(i + 1 < sizeof order / sizeof order[0] ?
			    order[i + 1] :
			    FO_FREE));
		n[order[i]] = 0;
	}
	ck_assert_int_eq(choose(n, 0, -1).owner, FO_FREE);
	ck_assert(!choose(n, 0, -1).mixed);
}
END_TEST

/* Among the common owners the largest wins; free only when all free. */
START_TEST(test_common_by_count)
{
	uint32_t	 n[FO__COUNT] = { 0 };
	struct cell_look k;

	n[FO_KERNEL] = 10;
	n[FO_PAGECACHE] = 12;
	n[FO_FREE] = 10;
	k = choose(n, 0, -1);
	ck_assert_int_eq(k.owner, FO_PAGECACHE);
	ck_assert(k.mixed);
	ck_assert_int_eq(k.rest, FO_KERNEL); /* a tie goes by rank */
	memset(n, 0, sizeof n);
	n[FO_MEMMAP] = 32;
	k = choose(n, 0, -1);
	ck_assert_int_eq(k.owner, FO_MEMMAP);
	ck_assert(!k.mixed);
	ck_assert_int_eq(k.rest, FO_MEMMAP);
}
END_TEST

/*
 * What a step changed outranks every owner: a frame just freed among
 * slab frames shows free; the event shown outranks the selection, the
 * selection the step's other changes.
 */
START_TEST(test_changes_first)
{
	uint32_t	 n[FO__COUNT] = { 0 };
	struct cell_look k;

	n[FO_SLAB] = 31;
	n[FO_FREE] = 1;
	k = choose(n, CELL_CHANGED, FO_FREE);
	ck_assert_int_eq(k.owner, FO_FREE);
	ck_assert(k.mixed);
	ck_assert_int_eq(k.rest, FO_SLAB);
	ck_assert_int_eq(k.mark, CELL_MARK_CHANGED);
	k = choose(n, CELL_RECENT, FO_FREE);
	ck_assert_int_eq(k.owner, FO_FREE);
	ck_assert_int_eq(k.mark, CELL_MARK_NONE); /* ranks, not marked */
	ck_assert_int_eq(choose(n, CELL_SELECTED | CELL_CHANGED, FO_FREE).mark,
	    CELL_MARK_SELECTED);
	ck_assert_int_eq(choose(n, CELL_SELECTED | CELL_EVENT, FO_SLAB).mark,
	    CELL_MARK_EVENT);
	/* a top owner the cell does not hold is ignored */
	ck_assert_int_eq(choose(n, CELL_CHANGED, FO_ANON).owner, FO_SLAB);
}
END_TEST

static void
run(struct player *p, struct changes *c, const char *line)
{
	char *cause = NULL;

	ck_assert_msg(player_push_line(p, line, &cause) == 1, "%s", line);
	player_step_op(p);
	changes_update(c, p);
}

/*
 * A vmalloc's frames are the step's changes until the next operation,
 * then recent; a say keeps them; stepping back forgets the older ones.
 */
START_TEST(test_changes_follow_steps)
{
	struct script_interp *ip = check_explorer();
	const struct machine *m = script_interp_machine(ip);
	struct changes	      c;
	struct player	      p;
	uint64_t	      pfn, first = UINT64_MAX;
	size_t		      k;

	memset(&c, 0, sizeof c);
	player_init(&p, ip);
	run(&p, &c, "v = vmalloc(64K)");
	ck_assert(p.item.step.nframes > 0);
	for (k = 0; k < p.item.step.nframes; k++) {
		pfn = p.item.step.frames[k].pfn;
		ck_assert(changes_frames(&c, pfn, pfn + 1, NULL));
		ck_assert_int_eq(frame_state(m, NULL, pfn).owner, FO_VMALLOC);
		first = pfn < first ? pfn : first;
	}
	ck_assert(changes_frames(&c, 0, phys_nframes(m), &pfn));
	ck_assert_uint_le(pfn, first);
	ck_assert(changes_va(&c, p.item.step.addr, 1));
	ck_assert(!changes_va(&c, 0x1000, 1));
	run(&p, &c, "say \"hello\"");
	ck_assert(changes_frames(&c, first, first + 1, NULL));
	run(&p, &c, "a = kmalloc(100, GFP_KERNEL)");
	ck_assert(!changes_frames(&c, first, first + 1, NULL));
	ck_assert_uint_eq(c.npast, 1);
	ck_assert(changes_spans_find(changes_frames_of(&c, 1), first) <
	    changes_frames_of(&c, 1)->n);
	player_back_op(&p); /* to the kmalloc's start: nothing shown */
	changes_update(&c, &p);
	ck_assert(!changes_frames(&c, 0, phys_nframes(m), NULL));
	player_back(&p); /* before it: the say again */
	changes_update(&c, &p);
	ck_assert_uint_eq(c.npast, 0);
	changes_free(&c);
	player_free(&p);
	script_interp_destroy(ip);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cell");
	TCase *tc = tcase_create("cell");

	tcase_add_test(tc, test_rare_over_common);
	tcase_add_test(tc, test_rare_order);
	tcase_add_test(tc, test_common_by_count);
	tcase_add_test(tc, test_changes_first);
	tcase_add_test(tc, test_changes_follow_steps);
	suite_add_tcase(s, tc);
	return check_run(s);
}
