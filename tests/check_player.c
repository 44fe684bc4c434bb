/*
 * check_player.c - the player's step/back bookkeeping, driven through
 * the real interpreter without a terminal.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "script/script.h"
#include "sim/machine.h"
#include "sim/page/frame-state.h"
#include "ui/player.h"
#include "check-run.h"
#include "check-sim.h"

static void
push(struct player *p, const char *line)
{
	char *cause = NULL;

	ck_assert_msg(player_push_line(p, line, &cause) == 1, "%s: %s", line,
	    cause != NULL ? cause : "");
}

/* Steps until the current item is fully shown; returns its event count. */
static size_t
run_item(struct player *p)
{
	int bits = player_step(p);

	ck_assert(!(bits & PLAYER_END));
	ck_assert(bits & PLAYER_NEWITEM);
	while (p->shown < p->item.step.nev)
		ck_assert(!(player_step(p) & PLAYER_NEWITEM));
	return p->item.step.nev;
}

/* The shown frames equal the machine's own. */
static int
shadow_matches(const struct player *p)
{
	const struct machine *m = script_interp_machine(p->ip);
	struct frame_state    shown, real;
	uint64_t	      pfn;

	for (pfn = 0; pfn < phys_nframes(m); pfn++) {
		shown = player_frame(p, m, pfn);
		real = frame_state(m, NULL, pfn);
		if (!frame_state_equal(&shown, &real))
			return 0;
	}
	return 1;
}

START_TEST(test_step_through_events)
{
	struct script_interp *ip = check_explorer();
	struct player	      p;
	const struct machine *m;
	size_t		      n;

	player_init(&p, ip);
	push(&p, "a = kmalloc(100, GFP_KERNEL)");
	ck_assert(player_step(&p) & PLAYER_NEWITEM);
	ck_assert_int_eq(p.item.kind, SCRIPT_OP);
	ck_assert_ptr_null(player_current_event(&p));
	n = p.item.step.nev;
	/* A first kmalloc-128 needs a new slab: at least slab_new + obj. */
	ck_assert_uint_ge(n, 2);
	ck_assert_int_eq(p.animating, 1);
	while (p.shown < n) {
		player_step(&p);
		ck_assert_ptr_eq(player_current_event(&p),
		    p.shown <= n ? &p.item.step.ev[p.shown - 1] : NULL);
	}
	ck_assert_int_eq(p.animating, 0);
	ck_assert(shadow_matches(&p));
	m = script_interp_machine(ip);
	ck_assert_uint_eq(script_interp_history_len(ip), 1);
	ck_assert_uint_ne(p.item.step.addr, 0);
	(void)m;
	ck_assert(player_step(&p) & PLAYER_END);
	player_free(&p);
	script_interp_destroy(ip);
}
END_TEST

/* The index of the step's last page allocation (from the per-CPU list or
 * the buddy lists), or nev when there is none. */
static size_t
last_page_alloc(const struct step *st)
{
	size_t i;

	for (i = st->nev; i > 0; i--)
		if (st->ev[i - 1].kind == EV_PCP_ALLOC ||
		    st->ev[i - 1].kind == EV_PAGES_ALLOC)
			return i - 1;
	return st->nev;
}

START_TEST(test_back_and_forward_again)
{
	struct script_interp *ip = check_explorer();
	struct player	      p;
	uint64_t	      addr_b;
	size_t		      nb, k;

	player_init(&p, ip);
	push(&p, "a = kmalloc(100, GFP_KERNEL)");
	run_item(&p);
	push(&p, "b = vmalloc(64K)");
	nb = run_item(&p);
	addr_b = p.item.step.addr;
	ck_assert_uint_ge(nb, 16); /* 16 frames, each taken and mapped */
	ck_assert_uint_eq(p.hist, 2);

	/* Back one event: still b, one event less. */
	ck_assert(player_back(&p) & PLAYER_DIRTY);
	ck_assert_uint_eq(p.shown, nb - 1);
	ck_assert_int_eq(p.animating, 1);

	/* Back to just before b's last page allocation: that frame shows
	 * as before it (b ends with pte_set events, which change no frame). */
	k = last_page_alloc(&p.item.step);
	ck_assert_uint_lt(k, nb);
	while (p.shown > k)
		ck_assert(player_back(&p) & PLAYER_DIRTY);
	ck_assert(!shadow_matches(&p));
	ck_assert_int_ne(player_frame(&p, script_interp_machine(ip),
			     p.item.step.ev[k].pfn)
			     .owner,
	    frame_state(script_interp_machine(ip), NULL, p.item.step.ev[k].pfn)
		.owner);

	/* Back to b's start, then into a, which is executed again. */
	player_back_op(&p);
	ck_assert_uint_eq(p.shown, 0);
	ck_assert(player_back(&p) & PLAYER_NEWITEM);
	ck_assert_str_eq(p.item.source, "a = kmalloc(100, GFP_KERNEL)");
	ck_assert_uint_eq(script_interp_history_len(ip), 1);
	ck_assert_uint_eq(p.shown, p.item.step.nev - 1);

	/* Forward again: b comes back from the log, at the same address. */
	player_step_op(&p);
	ck_assert(player_step(&p) & PLAYER_NEWITEM);
	ck_assert_str_eq(p.item.source, "b = vmalloc(64K)");
	player_finish_item(&p);
	ck_assert_uint_eq(p.item.step.addr, addr_b);
	ck_assert_uint_eq(script_interp_history_len(ip), 2);
	ck_assert(shadow_matches(&p));
	player_free(&p);
	script_interp_destroy(ip);
}
END_TEST

START_TEST(test_new_line_drops_redo)
{
	struct script_interp *ip = check_explorer();
	struct player	      p;

	player_init(&p, ip);
	push(&p, "a = kmalloc(100, GFP_KERNEL)");
	run_item(&p);
	push(&p, "b = kmalloc(200, GFP_KERNEL)");
	run_item(&p);
	player_back_op(&p);
	player_back_op(&p);
	ck_assert_str_eq(p.item.source, "a = kmalloc(100, GFP_KERNEL)");
	ck_assert_uint_eq(p.nredo, 2);
	push(&p, "c = kzalloc(64, GFP_KERNEL)");
	ck_assert_uint_eq(p.nredo, 1);
	run_item(&p);
	ck_assert_str_eq(p.item.source, "c = kzalloc(64, GFP_KERNEL)");
	ck_assert(player_step(&p) & PLAYER_END);
	ck_assert_uint_eq(script_interp_history_len(ip), 2);

	/* Back to the very start: nothing current, nothing executed. */
	player_back_op(&p);
	player_back_op(&p);
	player_back_op(&p);
	ck_assert_int_eq(p.has_item, 0);
	ck_assert_uint_eq(script_interp_history_len(ip), 0);
	player_free(&p);
	script_interp_destroy(ip);
}
END_TEST

START_TEST(test_program_pause_and_say)
{
	static const char      text[] = "machine ram=16M\n"
					"say \"watch the slab\"\n"
					"pause\n"
					"a = kmalloc(64, GFP_KERNEL)\n";
	struct script_errors   errs;
	struct script_program *prog;
	struct script_interp  *ip;
	struct script_opts     opts;
	struct player	       p;
	char		      *cause = NULL;
	int		       bits;

	script_errors_init(&errs);
	prog = script_parse("t.mvs", text, &errs);
	ck_assert_ptr_nonnull(prog);
	script_opts_init(&opts);
	ip = script_interp_create(prog, &opts, &cause);
	ck_assert_ptr_nonnull(ip);
	player_init(&p, ip);
	p.playing = 1;
	do {
		bits = player_step(&p);
	} while (p.item.kind == SCRIPT_MACHINE && !(bits & PLAYER_END));
	ck_assert_int_eq(p.item.kind, SCRIPT_SAY);
	ck_assert_str_eq(p.item.arg, "watch the slab");
	bits = player_step(&p);
	ck_assert(bits & PLAYER_WAIT);
	ck_assert_int_eq(p.waiting, 1);
	ck_assert_int_eq(p.playing, 0);
	run_item(&p);
	ck_assert_int_eq(p.item.kind, SCRIPT_OP);
	ck_assert(player_step(&p) & PLAYER_END);
	player_free(&p);
	script_interp_destroy(ip);
	script_program_free(prog);
	script_errors_free(&errs);
}
END_TEST

START_TEST(test_delay_squeezes_long_steps)
{
	struct player p;

	memset(&p, 0, sizeof p);
	p.speed = 3;
	ck_assert_uint_eq(player_delay(&p), player_speeds[3]);
	p.has_item = 1;
	p.item.kind = SCRIPT_OP;
	p.item.step.nev = 480;
	ck_assert_uint_eq(player_delay(&p), player_speeds[3] * 48 / 480);
	p.speed = 0;
	ck_assert_uint_eq(player_delay(&p), 0);
}
END_TEST

/*
 * Jumps between pauses (Page Up, --from): player_goto rebuilds the
 * state after a program position, and stepping on and back from there
 * works as after a replay.
 */
START_TEST(test_goto_then_step_and_back)
{
	static const char      text[] = "machine ram=16M\n"
					"a = kmalloc(64, GFP_KERNEL)\n"
					"pause\n"
					"b = kmalloc(64, GFP_KERNEL)\n"
					"pause\n"
					"c = vmalloc(8K)\n";
	struct script_errors   errs;
	struct script_program *prog;
	struct script_interp  *ip;
	struct script_opts     opts;
	struct player	       p;
	char		      *cause = NULL;

	script_errors_init(&errs);
	prog = script_parse("t.mvs", text, &errs);
	ck_assert_ptr_nonnull(prog);
	script_opts_init(&opts);
	ip = script_interp_create(prog, &opts, &cause);
	player_init(&p, ip);
	/* Just after the second pause: a and b bound, c not yet. */
	ck_assert(player_goto(&p, script_program_pause_pos(prog, 2)) &
	    PLAYER_NEWITEM);
	ck_assert_uint_eq(script_interp_pauses_done(ip), 2);
	ck_assert_ptr_nonnull(script_interp_lookup(ip, "b"));
	ck_assert_ptr_null(script_interp_lookup(ip, "c"));
	ck_assert_str_eq(script_interp_peek(ip)->name, "vmalloc");
	run_item(&p);
	ck_assert_str_eq(p.item.name, "c");
	ck_assert(shadow_matches(&p));
	/* Back to c's start, then over it: the pause before runs again. */
	player_back_op(&p);
	ck_assert_int_eq(p.item.kind, SCRIPT_OP);
	ck_assert_uint_eq(p.shown, 0);
	player_back_op(&p);
	ck_assert_int_eq(p.item.kind, SCRIPT_PAUSE);
	ck_assert_ptr_null(script_interp_lookup(ip, "c"));
	/* Back to the very start. */
	ck_assert(player_goto(&p, 0) != 0);
	ck_assert_uint_eq(script_interp_history_len(ip), 0);
	ck_assert_ptr_null(script_interp_lookup(ip, "a"));
	ck_assert(!player_goto(&p, 99)); /* no such position */
	player_free(&p);
	script_interp_destroy(ip);
	script_program_free(prog);
	script_errors_free(&errs);
}
END_TEST

/*
 * What --list-demos adds up: a say shows for 12 event times plus 30 ms
 * a character, an operation for each event and one tick more, a sleep
 * for its duration; instant speed takes no time at all.
 */
START_TEST(test_item_ms)
{
	unsigned n = player_speeds[PLAYER_DEFAULT_SPEED];

	ck_assert_uint_eq(n, 80);
	ck_assert_uint_eq(player_item_ms(SCRIPT_SAY, 0, "0123456789", 0,
			      PLAYER_DEFAULT_SPEED),
	    12 * 80 + 300);
	ck_assert_uint_eq(player_item_ms(SCRIPT_OP, 3, NULL, 0,
			      PLAYER_DEFAULT_SPEED),
	    4 * 80);
	ck_assert_uint_eq(player_item_ms(SCRIPT_OP, 480, NULL, 0,
			      PLAYER_DEFAULT_SPEED),
	    481 * 8);
	ck_assert_uint_eq(player_item_ms(SCRIPT_SLEEP, 0, NULL, 1500,
			      PLAYER_DEFAULT_SPEED),
	    1500);
	ck_assert_uint_eq(player_item_ms(SCRIPT_SAY, 0, "x", 0, 0), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("player");
	TCase *tc = tcase_create("player");

	tcase_add_test(tc, test_step_through_events);
	tcase_add_test(tc, test_back_and_forward_again);
	tcase_add_test(tc, test_new_line_drops_redo);
	tcase_add_test(tc, test_program_pause_and_say);
	tcase_add_test(tc, test_delay_squeezes_long_steps);
	tcase_add_test(tc, test_goto_then_step_and_back);
	tcase_add_test(tc, test_item_ms);
	suite_add_tcase(s, tc);
	return check_run(s);
}
