/*
 * check_interp.c - the interpreter: bindings follow what the machine
 * returned, misuse reaches the machine, expect judges outcomes, typed
 * lines, rewinding and recorded sessions reproduce the same machine,
 * and completion offers what the signature wants.
 *
 * Addresses are checked against the frames each step reports, not
 * against a boot layout that other modules' boot allocations move:
 * __get_free_pages' value is PAGE_OFFSET + pfn * 4096 on x86-64.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "script/script-priv.h"
#include "check-run.h"
#include "check-sim.h"

#define PAGE_OFFSET_6X 0xffff888000000000ull

static struct script_interp *
start(const struct script_program *prog)
{
	char		     *cause = NULL;
	struct script_interp *ip = script_interp_create(prog, NULL, &cause);

	ck_assert_msg(ip != NULL, "%s", cause);
	return ip;
}

static void
run_all(struct script_interp *ip)
{
	while (script_interp_next(ip) != NULL)
		;
}

/* The rest of the malloc family in batch output: pointers as malloc's,
 * numbers for the calls that return one, posix_memalign's EINVAL and a
 * failed reallocarray leave their names unbound and the old one live. */
START_TEST(test_malloc_family_batch)
{
	static const char *const want[] = {
		"p = posix_memalign(1024, 1008) -> 0x555555559400 top",
		"e = posix_memalign(12, 10) -> NULL: posix_memalign: returned "
		"EINVAL",
		"v = pvalloc(4096) -> 0x55555555a000 top",
		/* glibc-replay: h 2a0 (the leader p left in the unsorted
		 * bin holds the tcache struct, made now, and q) */
		"q = reallocarray(NULL, 10, 24) -> 0x5555555592a0 unsorted",
		"r = reallocarray(q, 0x100000000, 0x100000000) -> NULL: "
		"reallocarray: Cannot allocate memory",
		"malloc_usable_size(q) -> 248\n",
		"mallopt(M_TOP_PAD, 0) -> 1 ",
		"malloc_trim(0) -> 1 trimmed\n",
	};
	struct script_program *prog = check_parse_ok(
	    "p = posix_memalign(1024, 1008)\n"
	    "expect EINVAL\ne = posix_memalign(12, 10)\n"
	    "v = pvalloc(4096)\n"
	    "q = reallocarray(NULL, 10, 24)\n"
	    "expect ENOMEM\nr = reallocarray(q, 0x100000000, 0x100000000)\n"
	    "malloc_usable_size(q)\nmallopt(M_TOP_PAD, 0)\n"
	    "malloc_trim(0)\n");
	struct script_interp	   *ip = start(prog);
	const struct script_result *r;
	size_t			    n = 0;

	while ((r = script_interp_next(ip)) != NULL) {
		if (r->kind != SCRIPT_OP)
			continue;
		ck_assert_msg(n < sizeof want / sizeof want[0] &&
			strstr(r->batch, want[n]) == r->batch,
		    "%s", r->batch);
		n++;
	}
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	ck_assert(script_interp_lookup(ip, "q")->live);
	ck_assert(!script_interp_lookup(ip, "e")->live);
	ck_assert_uint_eq(script_interp_unexpected(ip), 0);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

/*
 * write's string is bytes: its escapes, NUL included, repeat over LEN
 * and read shows them back.
 */
START_TEST(test_write_byte_escapes)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=16M\na = kmalloc(32, GFP_KERNEL)\n"
	    "write(a, 0, 10, \"\\xab\\0\\n\\t\\\\\\\"\")\nread(a, 0, 10)\n");
	struct script_interp	   *ip = start(prog);
	const struct script_result *r = NULL, *last = NULL;

	while ((r = script_interp_next(ip)) != NULL)
		last = r;
	ck_assert_ptr_nonnull(last);
	ck_assert_msg(strstr(last->batch,
			  "bytes ab 00 0a 09 5c 22 ab 00 0a 09 "
			  "|....\\\"....|") != NULL,
	    "%s", last->batch);
	ck_assert_uint_eq(script_interp_unexpected(ip), 0);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

START_TEST(test_bindings_follow_results)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=1M\n"
	    "a = __get_free_pages(GFP_KERNEL, 0)\n"
	    "b = __get_free_pages(GFP_KERNEL, 2)\nfree_pages(a, 0)\n");
	struct script_interp	    *ip = start(prog);
	const struct script_result  *r;
	const struct script_binding *a, *b;
	uint64_t		     apfn, bpfn;
	char			     want[256];

	r = script_interp_next(ip);
	ck_assert_int_eq(r->kind, SCRIPT_MACHINE);
	r = script_interp_next(ip);
	ck_assert_int_eq(r->kind, SCRIPT_OP);
	ck_assert_str_eq(r->name, "a");
	ck_assert_uint_eq(r->step->nframes, 1);
	apfn = r->step->frames[0].pfn;
	/* __get_free_pages returns the direct-map address of the frame */
	ck_assert_uint_eq(r->step->addr, PAGE_OFFSET_6X + apfn * 4096);
	/* the default kernel (Debian's 6.12) clears it: init_on_alloc */
	snprintf(want, sizeof want,
	    "a = __get_free_pages(GFP_KERNEL, 0) -> "
	    "%#llx order-0 block pfn %#llx; zeroed 4096 bytes\n",
	    (unsigned long long)(PAGE_OFFSET_6X + apfn * 4096),
	    (unsigned long long)apfn);
	ck_assert_str_eq(r->batch, want);
	r = script_interp_next(ip);
	bpfn = r->step->frames[0].pfn;
	ck_assert_uint_eq(r->step->frames[0].count, 4);
	ck_assert_uint_eq(bpfn % 4, 0); /* aligned to its order */
	snprintf(want, sizeof want, "pfn %#llx-%#llx; zeroed 16384 bytes\n",
	    (unsigned long long)bpfn, (unsigned long long)bpfn + 3);
	ck_assert(strstr(r->batch, want) != NULL);
	a = script_interp_lookup(ip, "a");
	b = script_interp_lookup(ip, "b");
	ck_assert_uint_eq(a->addr, PAGE_OFFSET_6X + apfn * 4096);
	ck_assert_uint_eq(a->pfn, apfn);
	ck_assert_int_eq(a->kind, BIND_PAGES);
	ck_assert_uint_eq(b->size, 16384);
	ck_assert_uint_eq(b->order, 2);
	ck_assert(a->live);
	r = script_interp_next(ip);
	snprintf(want, sizeof want, "free_pages(a, 0) -> ok pfn %#llx\n",
	    (unsigned long long)apfn);
	ck_assert_str_eq(r->batch, want);
	ck_assert(!script_interp_lookup(ip, "a")->live);
	ck_assert_ptr_null(script_interp_next(ip));
	ck_assert_uint_eq(script_interp_nbindings(ip), 2);
	ck_assert_uint_eq(script_interp_unexpected(ip), 0);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

/* A double free goes to the machine, which answers as the kernel. */
START_TEST(test_misuse_reaches_the_machine)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=1M\n"
	    "a = __get_free_pages(GFP_KERNEL, 0)\nfree_pages(a, 0)\n"
	    "expect double-free\nfree_pages(a, 0)\nfree_pages(a, 0)\n");
	struct script_interp	   *ip = start(prog);
	const struct script_result *r;

	while ((r = script_interp_next(ip)) != NULL && r->pc < 4)
		;
	ck_assert_int_eq(r->step->status, SIM_DOUBLE_FREE);
	ck_assert(r->expected && !r->unexpected);
	ck_assert(strstr(r->batch, "page already free: double free") != NULL);
	ck_assert(strstr(r->batch, "[expected]\n") != NULL);
	r = script_interp_next(ip);
	ck_assert(!r->expected && r->unexpected);
	ck_assert_uint_eq(script_interp_unexpected(ip), 1);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

START_TEST(test_expect_judges)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=1M\n"
	    "expect ENOMEM\nx = __get_free_pages(GFP_KERNEL, 11)\n"
	    "expect fail\ny = __get_free_pages(GFP_KERNEL, 11)\n"
	    "expect EINVAL\nz = __get_free_pages(GFP_KERNEL, 0)\n");
	struct script_interp	   *ip = start(prog);
	const struct script_result *r;
	int			    seen = 0;

	while ((r = script_interp_next(ip)) != NULL) {
		if (r->kind != SCRIPT_OP)
			continue;
		seen++;
		if (seen == 1) { /* order 11 is EINVAL, not ENOMEM */
			ck_assert_int_eq(r->step->status, SIM_EINVAL);
			ck_assert(r->unexpected);
			ck_assert(strstr(r->batch,
				      "[expected ENOMEM, got "
				      "EINVAL]") != NULL);
		} else if (seen == 2)
			ck_assert(r->expected);
		else {
			ck_assert(r->unexpected);
			ck_assert(strstr(r->batch,
				      "[expected EINVAL, but it "
				      "succeeded]") != NULL);
		}
	}
	ck_assert_int_eq(seen, 3);
	ck_assert_uint_eq(script_interp_unexpected(ip), 2);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

START_TEST(test_presentation_results)
{
	struct script_program *prog =
	    check_parse_ok("repeat 2 { say \"round $i\" }\n"
			   "sleep 2s\nfocus slab\nmark m1\npause\nhelp kfree\n"
			   "show buddyinfo\n");
	struct script_interp	   *ip = start(prog);
	const struct script_result *r;

	r = script_interp_next(ip);
	ck_assert_int_eq(r->kind, SCRIPT_SAY);
	ck_assert_str_eq(r->arg, "round 0");
	ck_assert_str_eq(r->source, "say \"round 0\"");
	ck_assert_str_eq(r->batch, "# round 0\n");
	r = script_interp_next(ip);
	ck_assert_str_eq(r->arg, "round 1");
	r = script_interp_next(ip);
	ck_assert_uint_eq(r->sleep_ms, 2000);
	ck_assert_str_eq(r->batch, "");
	r = script_interp_next(ip);
	ck_assert_str_eq(r->arg, "slab");
	r = script_interp_next(ip);
	ck_assert_str_eq(r->name, "m1");
	r = script_interp_next(ip);
	ck_assert_int_eq(r->kind, SCRIPT_PAUSE);
	ck_assert_uint_eq(script_interp_pauses_done(ip), 1);
	r = script_interp_next(ip);
	ck_assert_str_eq(r->arg,
	    "kfree(NAME)\n    give back memory from "
	    "kmalloc, kzalloc or kcalloc\n");
	r = script_interp_next(ip);
	ck_assert(strncmp(r->arg, "Node 0, zone      DMA ", 22) == 0);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

START_TEST(test_typed_lines)
{
	struct script_interp	   *ip = start(NULL);
	const struct script_result *r;
	char			   *cause = NULL;

	ck_assert_int_eq(script_interp_push_line(ip,
			     "a = __get_free_pages("
			     "GFP_KERNEL, 1); b = __get_free_pages(GFP_KERNEL, "
			     "0)",
			     &cause),
	    2);
	ck_assert_uint_eq(script_interp_pending(ip), 2);
	r = script_interp_next(ip);
	ck_assert_uint_eq(r->pc, SIZE_MAX);
	ck_assert_str_eq(r->file, "<prompt>");
	r = script_interp_next(ip);
	ck_assert_str_eq(r->source, "b = __get_free_pages(GFP_KERNEL, 0)");
	ck_assert_ptr_null(script_interp_next(ip));
	/* names bound by earlier lines are known to later ones */
	ck_assert_int_eq(script_interp_push_line(ip, "free_pages(a, 1)",
			     &cause),
	    1);
	r = script_interp_next(ip);
	ck_assert_int_eq(r->step->status, SIM_OK);
	ck_assert_int_eq(script_interp_push_line(ip, "kfree(nope)", &cause),
	    -1);
	ck_assert_str_eq(cause,
	    "<prompt>:1:7: error: unknown name 'nope': "
	    "expected a name bound earlier by an allocation\n"
	    "    kfree(nope)\n          ^\n");
	free(cause);
	ck_assert_uint_eq(script_interp_history_len(ip), 3);
	script_interp_destroy(ip);
}
END_TEST

START_TEST(test_typed_machine_reboots)
{
	struct script_interp *ip = start(NULL);
	char		     *cause = NULL;

	ck_assert_int_eq(script_interp_push_line(ip,
			     "a = __get_free_pages("
			     "GFP_KERNEL, 0)\nmachine ram=2M",
			     &cause),
	    2);
	run_all(ip);
	ck_assert_uint_eq(machine_config(script_interp_machine(ip))->ram,
	    2u << 20);
	ck_assert_uint_eq(script_interp_nbindings(ip), 0);
	script_interp_destroy(ip);
}
END_TEST

/*
 * A machine line inside a file reboots: the named options change, the
 * others stay, names are forgotten, the command line still wins; and a
 * rewind across the reboot comes back to the first machine.
 */
START_TEST(test_script_machine_reboots)
{
	struct script_program *prog =
	    check_parse_ok("machine ram=8M kernel=2.0\n"
			   "a = kmalloc(24, GFP_KERNEL)\nmachine kernel=2.6\n"
			   "b = kmalloc(33, GFP_KERNEL)\n");
	const struct machine_config *cfg;
	struct script_opts	     opts;
	struct script_interp	    *ip;
	char			    *cause = NULL;

	script_opts_init(&opts);
	ck_assert_int_eq(script_opts_set_machine(&opts, "cpus", "4", &cause),
	    0);
	ip = script_interp_create(prog, &opts, &cause);
	ck_assert_msg(ip != NULL, "%s", cause);
	run_all(ip);
	cfg = machine_config(script_interp_machine(ip));
	ck_assert_str_eq(cfg->kernel, "2.6");
	ck_assert_uint_eq(cfg->ram, 8u << 20);
	ck_assert_uint_eq(cfg->cpus, 4);
	ck_assert_uint_eq(script_interp_nbindings(ip), 1);
	ck_assert_ptr_null(script_interp_lookup(ip, "a"));
	ck_assert_str_eq(script_interp_lookup(ip, "b")->call, "kmalloc");
	ck_assert_int_eq(script_interp_rewind(ip, 2, &cause), 0);
	cfg = machine_config(script_interp_machine(ip));
	ck_assert_str_eq(cfg->kernel, "2.0");
	ck_assert_ptr_nonnull(script_interp_lookup(ip, "a"));
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

/* Rewinding to n statements gives the machine a straight run gives. */
START_TEST(test_rewind_and_goto)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=4M fragment=30%\n"
	    "repeat 20 { p$i = __get_free_pages(GFP_KERNEL, $i / 5) }\n"
	    "pause\nrepeat 10 { free_pages(p$i, $i / 5) }\n");
	struct script_interp *ip = start(prog), *ref = start(prog);
	char		     *cause = NULL, *want, *got;
	size_t		      i;

	for (i = 0; i < 12; i++)
		script_interp_next(ref);
	want = check_show(script_interp_machine(ref), "buddyinfo");
	run_all(ip);
	ck_assert_int_eq(script_interp_rewind(ip, 12, &cause), 0);
	got = check_show(script_interp_machine(ip), "buddyinfo");
	ck_assert_str_eq(got, want);
	free(got);
	ck_assert_uint_eq(script_interp_pc(ip), 12);
	ck_assert_uint_eq(script_interp_history_len(ip), 12);
	ck_assert_uint_eq(script_interp_lookup(ip, "p10")->addr,
	    script_interp_lookup(ref, "p10")->addr);
	ck_assert_ptr_null(script_interp_lookup(ip, "p11"));
	/* and it continues from there like the straight run */
	script_interp_next(ip);
	script_interp_next(ref);
	ck_assert_uint_eq(script_interp_lookup(ip, "p11")->addr,
	    script_interp_lookup(ref, "p11")->addr);
	ck_assert_int_eq(script_interp_goto(ip,
			     script_program_pause_pos(prog, 1), &cause),
	    0);
	ck_assert_uint_eq(script_interp_pauses_done(ip), 1);
	ck_assert_uint_eq(script_interp_pc(ip), 22);
	ck_assert_int_eq(script_interp_rewind(ip, 99, &cause), -1);
	free(cause);
	free(want);
	script_interp_destroy(ip);
	script_interp_destroy(ref);
	script_program_free(prog);
}
END_TEST

/* A recorded session replays to the same machine. */
START_TEST(test_session_replays)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=2M seed=5\n"
	    "repeat 3 { q$i = __get_free_pages(GFP_KERNEL, $i) }\n"
	    "say \"x\"\n");
	struct script_interp  *ip = start(prog), *again;
	struct script_program *saved;
	struct sbuf	       b = SBUF_INIT;
	char		      *cause = NULL, *want, *got;

	run_all(ip);
	ck_assert_int_eq(script_interp_push_line(ip, "free_pages(q1, 1)",
			     &cause),
	    1);
	run_all(ip);
	script_interp_write_session(ip, &b);
	ck_assert_str_eq(sbuf_str(&b),
	    "machine ram=2M cpus=2 kernel=6.x "
	    "seed=5 fragment=0% thp=profile aslr=off overcommit_memory=0 "
	    "overcommit_ratio=50 init_on_alloc=profile init_on_free=profile "
	    "slub_nomerge=profile\n"
	    "q0 = __get_free_pages(GFP_KERNEL, 0)\n"
	    "q1 = __get_free_pages(GFP_KERNEL, 1)\n"
	    "q2 = __get_free_pages(GFP_KERNEL, 2)\n"
	    "say \"x\"\nfree_pages(q1, 1)\n");
	saved = check_parse_ok(sbuf_str(&b));
	again = start(saved);
	run_all(again);
	want = check_show(script_interp_machine(ip), "buddyinfo");
	got = check_show(script_interp_machine(again), "buddyinfo");
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	sbuf_free(&b);
	script_interp_destroy(again);
	script_program_free(saved);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

START_TEST(test_overrides)
{
	struct script_program *prog = check_parse_ok("machine ram=8M seed=2\n");
	struct script_opts     opts;
	struct script_interp  *ip;
	struct sbuf	       b = SBUF_INIT;
	char		      *cause = NULL;

	script_opts_init(&opts);
	ck_assert_int_eq(script_opts_set_machine(&opts, "ram", "2M", &cause),
	    0);
	ck_assert_int_eq(script_opts_set_machine(&opts, "kernel", "2.0",
			     &cause),
	    0);
	ck_assert_int_eq(script_opts_set_machine(&opts, "ram", "1", &cause),
	    -1);
	free(cause);
	ip = script_interp_create(prog, &opts, &cause);
	script_interp_machine_line(ip, &b);
	ck_assert_str_eq(sbuf_str(&b),
	    "machine ram=2M cpus=2 kernel=2.0 "
	    "seed=2 fragment=0% thp=profile aslr=off overcommit_memory=0 "
	    "overcommit_ratio=50 init_on_alloc=profile init_on_free=profile "
	    "slub_nomerge=profile");
	sbuf_free(&b);
	script_interp_destroy(ip);
	script_program_free(prog);
}
END_TEST

static int
has(char **w, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(w[i], word) == 0)
			return 1;
	}
	return 0;
}

static size_t
complete(struct script_interp *ip, const char *line, char ***w)
{
	return script_complete(ip, line, strlen(line), w);
}

static void
free_words(char **w, size_t n)
{
	while (n > 0)
		free(w[--n]);
	free(w);
}

START_TEST(test_completion)
{
	struct script_interp *ip = start(NULL);
	char		    **w, *cause = NULL;
	size_t		      n;

	script_interp_push_line(ip, "buf = __get_free_pages(GFP_KERNEL, 0)",
	    &cause);
	run_all(ip);
	n = complete(ip, "kf", &w);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0], "kfree");
	free_words(w, n);
	n = complete(ip, "x = vm", &w); /* only allocating statements */
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0], "vmalloc");
	free_words(w, n);
	n = complete(ip, "a = kmalloc(10, GFP_K", &w);
	ck_assert(has(w, n, "GFP_KERNEL") && has(w, n, "GFP_KERNEL_ACCOUNT"));
	ck_assert_uint_eq(n, 2);
	free_words(w, n);
	n = complete(ip, "a = kmalloc(10, GFP_KERNEL | __GFP_Z", &w);
	ck_assert(has(w, n, "__GFP_ZERO"));
	free_words(w, n);
	n = complete(ip, "kfree(b", &w);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0], "buf");
	free_words(w, n);
	n = complete(ip, "show ", &w);
	ck_assert(has(w, n, "buddyinfo") && has(w, n, "buf") &&
	    has(w, n, "maps"));
	free_words(w, n);
	n = complete(ip, "say 1; focus v", &w);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0], "vmalloc");
	free_words(w, n);
	n = complete(ip, "machine r", &w);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0], "ram=");
	free_words(w, n);
	n = complete(ip, "mallopt(M_MM", &w);
	ck_assert_uint_eq(n, 2);
	ck_assert(has(w, n, "M_MMAP_THRESHOLD") && has(w, n, "M_MMAP_MAX"));
	free_words(w, n);
	script_interp_destroy(ip);
}
END_TEST

START_TEST(test_fresh_name)
{
	struct script_interp *ip = start(NULL);
	char		     *cause = NULL, *name;

	script_interp_push_line(ip, "k1 = __get_free_pages(GFP_KERNEL, 0)",
	    &cause);
	run_all(ip);
	name = script_interp_fresh_name(ip, "k");
	ck_assert_str_eq(name, "k2");
	free(name);
	script_interp_destroy(ip);
}
END_TEST

static Suite *
interp_suite(void)
{
	Suite *s = suite_create("interp");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, test_bindings_follow_results);
	tcase_add_test(tc, test_write_byte_escapes);
	tcase_add_test(tc, test_malloc_family_batch);
	tcase_add_test(tc, test_misuse_reaches_the_machine);
	tcase_add_test(tc, test_expect_judges);
	tcase_add_test(tc, test_presentation_results);
	tcase_add_test(tc, test_typed_lines);
	tcase_add_test(tc, test_typed_machine_reboots);
	tcase_add_test(tc, test_script_machine_reboots);
	tcase_add_test(tc, test_rewind_and_goto);
	tcase_add_test(tc, test_session_replays);
	tcase_add_test(tc, test_overrides);
	tcase_add_test(tc, test_completion);
	tcase_add_test(tc, test_fresh_name);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(interp_suite());
}
