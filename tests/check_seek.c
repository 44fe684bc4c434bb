/*
 * check_seek.c - seeking through checkpoints (src/script/seek.c) gives
 * the state a straight replay gives: machine reports, names, counters,
 * and the statements after it, for jumps in any order and for rewinds
 * over typed lines.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-run.h"
#include "check-sim.h"
#include "common/sbuf.h"
#include "common/xmalloc.h"
#include "script/script.h"

#define SK_TARGETS 24

static const char
    sk_text[] = "machine ram=16M seed=7\n"
		"repeat 1800 {\n"
		"  k$i = kmalloc(64 + $i * 7 - $i / 90 * 630, GFP_KERNEL)\n"
		"  m$i = malloc(24 + $i * 13 - $i / 300 * 3900)\n"
		"  write(m$i, 0, 16)\n"
		"  kfree(k$i)\n"
		"}\n"
		"pause\n"
		"repeat 1800 { free(m$i) }\n";

/* Threads made, ended and joined over and over: arenas handed on
 * through free_list and stacks through the stack cache, state that a
 * checkpoint must carry like the heap's. */
static const char
    sk_threads[] = "machine ram=64M seed=7 cpus=2\n"
		   "repeat 600 {\n"
		   "  thread $i - $i / 9 * 9\n"
		   "  m$i = malloc(24 + $i * 37 - $i * 37 / 5000 * 5000)\n"
		   "  write(m$i, 0, 16)\n"
		   "  thread $i + 4 - ($i + 4) / 9 * 9 exit\n"
		   "  thread $i + 4 - ($i + 4) / 9 * 9 join\n"
		   "}\n"
		   "pause\n"
		   "repeat 600 { free(m$i) }\n";

/* Everything a seek must restore, as text. */
static char *
sk_state(const struct script_interp *ip)
{
	const struct machine	    *m = script_interp_machine(ip);
	const struct script_binding *b;
	struct sbuf		     out = SBUF_INIT;
	size_t			     i;
	char			    *t;

	sbuf_printf(&out, "pc %zu hist %zu pauses %zu unexpected %zu\n",
	    script_interp_pc(ip), script_interp_history_len(ip),
	    script_interp_pauses_done(ip), script_interp_unexpected(ip));
	for (i = 0; i < script_interp_nbindings(ip); i++) {
		b = script_interp_binding(ip, i);
		sbuf_printf(&out, "%s %llx %d\n", b->name,
		    (unsigned long long)b->addr, b->live);
	}
	for (i = 0; machine_show_names[i] != NULL; i++) {
		t = check_show(m, machine_show_names[i]);
		sbuf_puts(&out, t);
		free(t);
	}
	t = xstrdup(sbuf_str(&out));
	sbuf_free(&out);
	return t;
}

static uint64_t
sk_rand(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 33;
}

/* Targets in random order, and the state a straight run has at each. */
struct sk_ref {
	size_t pos[SK_TARGETS];
	char  *state[SK_TARGETS];
};

static void
sk_next(struct script_interp *ip, size_t n)
{
	while (n-- > 0)
		ck_assert_ptr_nonnull(script_interp_next(ip));
}

/* A straight run of prog, noting the state at each target. */
static void
sk_reference(const struct script_program *prog, struct sk_ref *ref,
    uint64_t seed)
{
	char		     *cause = NULL;
	struct script_interp *ip = script_interp_create(prog, NULL, &cause);
	size_t		      len = script_program_length(prog), i, j, at = 0;

	ck_assert_ptr_nonnull(ip);
	for (i = 0; i < SK_TARGETS; i++)
		ref->pos[i] = i < 2 ? i * len : sk_rand(&seed) % len;
	for (;;) {
		for (j = 0; j < SK_TARGETS; j++)
			if (ref->pos[j] == at)
				ref->state[j] = sk_state(ip);
		if (at == len)
			break;
		sk_next(ip, 1);
		at++;
	}
	script_interp_destroy(ip);
}

/* Jumps to SK_TARGETS places in random order equal a straight run. */
static void
sk_goto_check(const char *text, uint64_t seed)
{
	struct script_program *prog = check_parse_ok(text);
	struct script_interp  *ip;
	struct sk_ref	       ref;
	char		      *cause = NULL, *got;
	size_t		       i, nck, bytes;

	sk_reference(prog, &ref, seed);
	ip = script_interp_create(prog, NULL, &cause);
	for (i = 0; i < SK_TARGETS; i++) {
		ck_assert_int_eq(script_interp_goto(ip, ref.pos[i], &cause), 0);
		got = sk_state(ip);
		ck_assert_msg(strcmp(got, ref.state[i]) == 0,
		    "goto %zu (jump %zu) differs from a straight replay",
		    ref.pos[i], i);
		free(got);
	}
	nck = script_interp_checkpoints(ip, &bytes);
	ck_assert_uint_gt(nck, 4);
	ck_assert_uint_gt(bytes, 0);
	for (i = 0; i < SK_TARGETS; i++)
		free(ref.state[i]);
	script_interp_destroy(ip);
	script_program_free(prog);
}

START_TEST(test_goto_equals_straight_replay)
{
	sk_goto_check(sk_text, 11);
}
END_TEST

START_TEST(test_goto_with_threads)
{
	sk_goto_check(sk_threads, 5);
}
END_TEST

/* From where ip is to upto history entries: the program, with a typed
 * line of two statements at entry 1000. */
static void
sk_typed_run(struct script_interp *ip, size_t upto)
{
	char  *cause = NULL;
	size_t h = script_interp_history_len(ip);

	while (h < upto) {
		if (h == 1000) {
			ck_assert_int_eq(script_interp_push_line(ip,
					     "t = kmalloc(5000, GFP_KERNEL); "
					     "write(t, 0, 300)",
					     &cause),
			    2);
		}
		sk_next(ip, 1);
		h++;
	}
}

START_TEST(test_rewind_over_typed_lines)
{
	struct script_program *prog = check_parse_ok(sk_text);
	struct script_interp  *ip, *ref;
	char		      *cause = NULL, *want, *got;
	uint64_t	       seed = 3;
	size_t		       i, n;

	ip = script_interp_create(prog, NULL, &cause);
	sk_typed_run(ip, 2600);
	for (i = 0; i < 12; i++) {
		n = i == 0 ? 2600 : sk_rand(&seed) % 2600;
		n = n == 1001 ? 1000 : n; /* not inside the typed line */
		ck_assert_int_eq(script_interp_rewind(ip, n, &cause), 0);
		ck_assert_uint_eq(script_interp_history_len(ip), n);
		ref = script_interp_create(prog, NULL, &cause);
		sk_typed_run(ref, n);
		want = sk_state(ref);
		got = sk_state(ip);
		ck_assert_msg(strcmp(got, want) == 0,
		    "rewind to %zu differs from a straight run", n);
		free(want);
		free(got);
		script_interp_destroy(ref);
		sk_typed_run(ip, 2600); /* runs on from there */
	}
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("seek");
	TCase *tc = tcase_create("seek");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_goto_equals_straight_replay);
	tcase_add_test(tc, test_goto_with_threads);
	tcase_add_test(tc, test_rewind_over_typed_lines);
	suite_add_tcase(s, tc);
	return check_run(s);
}
