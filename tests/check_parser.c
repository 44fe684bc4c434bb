/*
 * check_parser.c - the parser and checker: one valid example for every
 * row of stmt_table (a new row without one fails here), every error
 * message with its position, recovery (all errors of a file), the
 * unrolled program, and the man page naming every statement.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/size.h"
#include "common/xmalloc.h"
#include "script/script-priv.h"
#include "check-run.h"
#include "check-sim.h"

/* A valid use of each statement, after a prelude binding a..d. */
static const struct {
	const char *stmt;
	const char *line;
} examples[] = {
	{ "machine",
	    "machine ram=8M cpus=4 kernel=2.6 seed=9 fragment=20% thp=on "
	    "aslr=off overcommit_memory=0 overcommit_ratio=50" },
	{ "kmalloc", "x = kmalloc(100, GFP_KERNEL)" },
	{ "kzalloc", "x = kzalloc(4K, GFP_ATOMIC | __GFP_NOWARN)" },
	{ "kcalloc", "x = kcalloc(10, 0x10, GFP_KERNEL)" },
	{ "kfree", "kfree(a)" },
	{ "vmalloc", "x = vmalloc(256K)" },
	{ "vzalloc", "x = vzalloc(1M)" },
	{ "vfree", "vfree(b)" },
	{ "__get_free_pages", "x = __get_free_pages(GFP_KERNEL, 3)" },
	{ "alloc_pages", "x = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)" },
	{ "free_pages", "free_pages(c, 3)" },
	{ "__free_pages", "__free_pages(d, 0)" },
	{ "malloc", "x = malloc(1000)" },
	{ "calloc", "x = calloc(10, 100)" },
	{ "realloc", "x = realloc(a, 2000)" },
	{ "free", "free(NULL)" },
	{ "memalign", "x = memalign(64, 100)" },
	{ "aligned_alloc", "x = aligned_alloc(4096, 128K)" },
	{ "posix_memalign", "x = posix_memalign(1024, 1008)" },
	{ "valloc", "x = valloc(10)" },
	{ "pvalloc", "x = pvalloc(4096)" },
	{ "reallocarray", "x = reallocarray(a, 10, 24)" },
	{ "malloc_usable_size", "malloc_usable_size(a)" },
	{ "kmem_cache_create",
	    "c = kmem_cache_create(\"foo\", 100, 8, SLAB_HWCACHE_ALIGN | "
	    "SLAB_ACCOUNT)" },
	{ "kmem_cache_alloc",
	    "c = kmem_cache_create(\"foo\", 64)\nx = kmem_cache_alloc(c, "
	    "GFP_KERNEL)" },
	{ "kmem_cache_zalloc",
	    "c = kmem_cache_create(\"foo\", 64)\nx = kmem_cache_zalloc(c, "
	    "GFP_ATOMIC)" },
	{ "kmem_cache_free",
	    "c = kmem_cache_create(\"foo\", 64)\nkmem_cache_free(c, a)" },
	{ "kmem_cache_destroy",
	    "c = kmem_cache_create(\"foo\", 64)\nkmem_cache_destroy(c)" },
	{ "ksize", "ksize(a)" },
	{ "malloc_trim", "malloc_trim(0)" },
	{ "mallopt", "mallopt(M_MMAP_THRESHOLD, 1M)" },
	{ "write", "write(a, 8, 16, \"hello\")" },
	{ "read", "read(a, 0, 16)" },
	{ "say", "say \"hello\"" },
	{ "pause", "pause" },
	{ "sleep", "sleep 500ms" },
	{ "focus", "focus vmalloc" },
	{ "mark", "mark here" },
	{ "predict", "predict y\ny = kmalloc(8, GFP_KERNEL)" },
	{ "present", "present" },
	{ "show", "show buddyinfo" },
	{ "expect", "expect ENOMEM\nx = __get_free_pages(GFP_ATOMIC, 10)" },
	{ "help", "help kmalloc" },
	{ "repeat", "repeat 3 { x$i = kmalloc(8 * ($i + 1), GFP_KERNEL) }" },
	{ "cpu", "repeat 2 { cpu $i }" },
	{ "tick", "tick 2s" },
	{ "thread", "thread 1\np = malloc(16)\nthread 0" },
};

static const char
    prelude[] = "a = kmalloc(8, GFP_KERNEL)\n"
		"b = vmalloc(8K)\nc = __get_free_pages(GFP_KERNEL, 3)\n"
		"d = alloc_pages(GFP_KERNEL, 0)\n";

START_TEST(test_every_statement_has_an_example)
{
	size_t i, j;

	for (i = 0; i < stmt_table_len; i++) {
		for (j = 0; j < sizeof examples / sizeof examples[0]; j++) {
			if (strcmp(examples[j].stmt, stmt_table[i].name) == 0)
				break;
		}
		ck_assert_msg(j < sizeof examples / sizeof examples[0],
		    "no parser example for %s", stmt_table[i].name);
	}
}
END_TEST

START_TEST(test_examples_parse)
{
	char *text;

	text = xasprintf("%s%s\n",
	    examples[_i].stmt[0] == 'm' &&
		    strcmp(examples[_i].stmt, "machine") == 0 ?
		"" :
		prelude,
	    examples[_i].line);
	script_program_free(check_parse_ok(text));
	free(text);
}
END_TEST

/* Every error: text, first message, line, column. */
static const struct {
	const char *text;
	const char *msg;
	unsigned    line, col;
} bad[] = {
	{ "a = kmalloc(100, GFP_KERNAL)",
	    "unknown flag GFP_KERNAL; did you mean GFP_KERNEL?", 1, 18 },
	{ "a = kmalloc(100, GFP_WHATEVERXYZ)",
	    "unknown flag GFP_WHATEVERXYZ: expected a GFP flag such as "
	    "GFP_KERNEL or GFP_ATOMIC",
	    1, 18 },
	{ "a = kmaloc(10, GFP_KERNEL)",
	    "unknown statement 'kmaloc'; did you mean kmalloc?", 1, 5 },
	{ "frobnicate",
	    "unknown statement 'frobnicate': expected a call such as kmalloc "
	    "or a directive such as say (see help)",
	    1, 1 },
	{ "kfree(c)",
	    "unknown name 'c': expected a name bound earlier by an allocation",
	    1, 7 },
	{ "buf = kmalloc(1, GFP_KERNEL)\nkfree(bfu)",
	    "unknown name 'bfu'; did you mean buf?", 2, 7 },
	{ "a = vmalloc(4K\n",
	    "expected ')' before the end of the line; usage: NAME = "
	    "vmalloc(SIZE)",
	    1, 15 },
	{ "say hello", "expected a quoted \"TEXT\", got 'hello'", 1, 5 },
	{ "say \"hello",
	    "unterminated string: expected '\"' before the end of the line", 1,
	    5 },
	{ "repeat 2 { y$j = malloc(8) }",
	    "unknown loop counter $j: expected $i", 1, 13 },
	{ "a = malloc($i)",
	    "loop counter $i outside any repeat: expected a number", 1, 12 },
	{ "sleep 5q",
	    "bad duration '5q': expected milliseconds or seconds, such as "
	    "500ms or 2s (at most an hour)",
	    1, 7 },
	{ "show buddyinf", "unknown name 'buddyinf'; did you mean buddyinfo?",
	    1, 6 },
	{ "show nothing_here_at_all",
	    "unknown name 'nothing_here_at_all': expected buddyinfo, zoneinfo, "
	    "slabinfo, vmallocinfo, meminfo, maps, pagetypeinfo or a name "
	    "bound "
	    "earlier",
	    1, 6 },
	{ "focus phy", "unknown focus target 'phy'; did you mean phys?", 1, 7 },
	{ "mallopt(M_MMAP_TRESHOLD, 1)",
	    "unknown mallopt parameter 'M_MMAP_TRESHOLD'; did you mean "
	    "M_MMAP_THRESHOLD?",
	    1, 9 },
	{ "a = malloc(8)\nfree(a, 3)",
	    "too many arguments: expected ')'; usage: free(NAME)", 2, 7 },
	{ "a = kmalloc(8)",
	    "missing argument: expected ',' and GFP flags (GFP_KERNEL | "
	    "__GFP_ZERO); usage: NAME = kmalloc(SIZE, GFP)",
	    1, 14 },
	{ "repeat 2 {\nmachine ram=4M\n}",
	    "machine cannot be inside a repeat: expected it at the top level, "
	    "where it boots a new machine",
	    2, 1 },
	{ "a = kmalloc(8, GFP_KERNEL)\nmachine ram=4M\nkfree(a)",
	    "unknown name 'a': expected a name bound earlier by an allocation",
	    3, 7 },
	{ "machine ram=4M\nmachine ram=4Q",
	    "bad value '4Q' for ram: expected physical memory, 1M to 16G, "
	    "whole pages",
	    2, 9 },
	{ "machine ram=3",
	    "bad value '3' for ram: expected physical memory, 1M to 16G, whole "
	    "pages",
	    1, 9 },
	{ "machine colour=red",
	    "unknown machine option 'colour': expected ram, cpus, kernel, "
	    "seed, fragment, thp, aslr, overcommit_memory, overcommit_ratio, "
	    "init_on_alloc, init_on_free, slub_nomerge or tunables",
	    1, 9 },
	{ "c = kmem_cache_create(\"foo\", 64, 0, SLAB_POISON)",
	    "unknown slab flag SLAB_POISON: memviz models SLAB_HWCACHE_ALIGN, "
	    "SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT, SLAB_TYPESAFE_BY_RCU, "
	    "SLAB_PANIC and SLAB_NO_MERGE",
	    1, 37 },
	{ "c = kmem_cache_create(\"foo\", 64, 0, SLAB_HWCACHE_ALIGN | "
	  "SLAB_ACOUNT)",
	    "unknown slab flag SLAB_ACOUNT (did you mean SLAB_ACCOUNT?): "
	    "memviz models SLAB_HWCACHE_ALIGN, SLAB_ACCOUNT, "
	    "SLAB_RECLAIM_ACCOUNT, SLAB_TYPESAFE_BY_RCU, SLAB_PANIC and "
	    "SLAB_NO_MERGE",
	    1, 58 },
	{ "c = kmem_cache_create(\"foo\", 64, 0, 4)",
	    "expected SLAB flags (SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, or 0), "
	    "got '4'; usage: NAME = kmem_cache_create(\"NAME\", SIZE[, "
	    "ALIGN[, FLAGS]])",
	    1, 37 },
	{ "}", "unexpected '}': no repeat is open", 1, 1 },
	{ "expect ENOMEN\na = malloc(1)",
	    "unknown outcome 'ENOMEN'; did you mean ENOMEM?", 1, 8 },
	{ "predict z\nw = malloc(8)",
	    "predict z: the next operation (line 2) does not allocate z", 1,
	    1 },
	{ "predict z", "predict z: no allocation follows it", 1, 1 },
	{ "expect fail", "expect: no operation follows it", 1, 1 },
	{ "expect fail\nexpect ENOMEM\na = malloc(1)",
	    "expect is not followed by an operation before the next expect", 1,
	    1 },
	{ "a = malloc(1) free(a)",
	    "expected ';' or a new line after the statement, got 'free'", 1,
	    15 },
	{ "repeat 2 {\n x = malloc(8)\n",
	    "this '{' is never closed: expected '}' before the end of the file",
	    1, 10 },
	{ "a = __get_free_pages(3, GFP_KERNEL)",
	    "expected a number, got 'GFP_KERNEL'; usage: NAME = "
	    "__get_free_pages(GFP, ORDER)",
	    1, 25 },
	{ "x = malloc(8)\nkfree(b)",
	    "unknown name 'b': expected a name bound earlier by an allocation",
	    2, 7 },
	{ "a = malloc(1 - 2)",
	    "the value is negative: expected a number from 0 to 2^64-1", 1,
	    12 },
	{ "a = malloc(4 / ($i))",
	    "loop counter $i outside any repeat: expected a number", 1, 17 },
	{ "repeat 2 { a = malloc(4 / $i) }",
	    "the value divides by zero: expected a number from 0 to 2^64-1", 1,
	    23 },
	{ "a = malloc(12Q)",
	    "bad number '12Q': expected a size such as 4096, 4K, 2M or 0x1000",
	    1, 12 },
	{ "kfree = malloc(1)\nkfree(kfree)\nNULL = malloc(1)",
	    "cannot assign to NULL: expected a NAME", 3, 1 },
	{ "kfree(NULL)\nx = kfree(NULL)",
	    "kfree returns nothing to assign: expected kfree(NAME)", 2, 5 },
	{ "mark NULL", "NULL cannot be a name: expected a NAME", 1, 6 },
	{ "help kmaloc", "unknown statement 'kmaloc'; did you mean kmalloc?", 1,
	    6 },
	{ "a = kmalloc(8, GFP_KERNEL |)",
	    "expected a GFP flag (GFP_KERNEL, GFP_ATOMIC, ...), got ')'; "
	    "usage: NAME = kmalloc(SIZE, GFP)",
	    1, 28 },
	{ "a = kmalloc(8, 0xfffffffff)",
	    "bad GFP mask '0xfffffffff': expected a flag name or a number", 1,
	    16 },
	{ "repeat 3 { repeat 3 { repeat 3 { repeat 3 { pause } } } }",
	    "repeat nested more than 3 deep: expected at most $i, $j and $k", 1,
	    34 },
	{ "repeat 1001 { repeat 1000 { pause } }",
	    "the script runs more than 1000000 statements, more than the "
	    "interactive mode keeps to step back through: expected smaller "
	    "repeat counts, or run it with --batch",
	    1, 29 },
	{ "a = malloc(8) @",
	    "expected ';' or a new line after the statement, got '@'", 1, 15 },
	{ "x = \n",
	    "expected an allocation call after '=' (kmalloc, vmalloc, malloc, "
	    "...) before the end of the line",
	    1, 4 },
	{ "write(NULL, 0)",
	    "missing argument: expected ',' and a number; usage: write(NAME, "
	    "OFFSET, LEN[, \"TEXT\"])",
	    1, 14 },
	{ "say \"a\" \"b\"",
	    "expected the end of the statement, got a quoted string; usage: "
	    "say \"TEXT\"",
	    1, 9 },
};

START_TEST(test_errors)
{
	struct script_errors   errs;
	struct script_program *prog;

	script_errors_init(&errs);
	prog = script_parse("t.mvs", bad[_i].text, &errs);
	ck_assert_msg(prog == NULL, "%s: parsed", bad[_i].text);
	ck_assert_uint_ge(errs.n, 1);
	ck_assert_str_eq(errs.v[0].msg, bad[_i].msg);
	ck_assert_msg(errs.v[0].line == bad[_i].line &&
		errs.v[0].col == bad[_i].col,
	    "%s: at %u:%u, expected %u:%u", bad[_i].text, errs.v[0].line,
	    errs.v[0].col, bad[_i].line, bad[_i].col);
	script_errors_free(&errs);
}
END_TEST

START_TEST(test_error_text_has_caret)
{
	struct script_errors errs;

	script_errors_init(&errs);
	ck_assert_ptr_null(script_parse("demo.mvs",
	    "# c\n\ta = kmalloc(100, GFP_KERNAL)\n", &errs));
	ck_assert_str_eq(errs.v[0].text,
	    "demo.mvs:2:19: error: unknown flag "
	    "GFP_KERNAL; did you mean GFP_KERNEL?\n"
	    "    \ta = kmalloc(100, GFP_KERNAL)\n"
	    "    \t                 ^\n");
	script_errors_free(&errs);
}
END_TEST

START_TEST(test_all_errors_reported)
{
	struct script_errors errs;
	const char	    *text = "a = kmalloc(1, GFP_KERNAL)\nkfree(a)\n"
				    "b = vmaloc(4K)\nsay oops\nfree(zz)\nc = "
				    "malloc(8)\nfree(c)\n"
				    "focus nowhere\n";

	script_errors_init(&errs);
	ck_assert_ptr_null(script_parse("t.mvs", text, &errs));
	/* kfree(a): a's statement was broken, its uses are spared */
	ck_assert_uint_eq(errs.n, 5);
	ck_assert_uint_eq(errs.v[0].line, 1);
	ck_assert_uint_eq(errs.v[1].line, 3);
	ck_assert_uint_eq(errs.v[2].line, 4);
	ck_assert_uint_eq(errs.v[3].line, 5);
	ck_assert_uint_eq(errs.v[4].line, 8);
	script_errors_free(&errs);
}
END_TEST

START_TEST(test_values)
{
	struct script_program *prog =
	    check_parse_ok("a = kmalloc(2M + 0x10 * 2, "
			   "GFP_KERNEL | __GFP_ZERO)\nb = kmalloc(1K, 0x20)\n");
	const struct script_stmt *s = prog->stmts[0];
	uint64_t		  v;
	const char		 *why;

	ck_assert_int_eq(check_eval(s->args[0].expr, NULL, &v, &why), 0);
	ck_assert_uint_eq(v, (2u << 20) + 32);
	ck_assert_uint_eq(s->args[1].gfp, GFP_KERNEL | ___GFP_ZERO);
	ck_assert_uint_eq(s->args[1].gfp, 0xcc0 | 0x100); /* 6.1 values */
	ck_assert_uint_eq(prog->stmts[1]->args[1].gfp, ___GFP_HIGH);
	ck_assert_str_eq(s->source,
	    "a = kmalloc(2M + 0x10 * 2, GFP_KERNEL | "
	    "__GFP_ZERO)");
	script_program_free(prog);
}
END_TEST

/*
 * A number standing alone is kept in the argument; one followed by an
 * operator, even on the next line inside the call, is an expression.
 */
START_TEST(test_literals_and_expressions)
{
	struct script_program *prog = check_parse_ok(
	    "a = kmalloc(4\n + 4, "
	    "GFP_KERNEL)\nb = kmalloc(0x10, GFP_KERNEL)\nrepeat 3 {\n"
	    "c = kcalloc(2, 8 / 2, GFP_KERNEL)\n}\n");
	const struct script_stmt *a = prog->stmts[0], *b = prog->stmts[1];
	const struct script_stmt *r = prog->stmts[2], *c = r->body[0];
	const char		 *why;
	uint64_t		  v;

	ck_assert_ptr_nonnull(a->args[0].expr);
	ck_assert_int_eq(check_eval(a->args[0].expr, NULL, &v, &why), 0);
	ck_assert_uint_eq(v, 8);
	ck_assert_ptr_null(b->args[0].expr);
	ck_assert_uint_eq(b->args[0].number, 16);
	ck_assert_ptr_null(r->args[0].expr);
	ck_assert_uint_eq(r->args[0].number, 3);
	ck_assert_uint_eq(prog->nflat, 5);
	ck_assert_ptr_null(c->args[0].expr);
	ck_assert_uint_eq(c->args[0].number, 2);
	ck_assert_ptr_nonnull(c->args[1].expr);
	ck_assert_str_eq(a->source, "a = kmalloc(4 + 4, GFP_KERNEL)");
	script_program_free(prog);
}
END_TEST

/* Sizes as C reads them (strtoull base 0), on both parsing paths. */
START_TEST(test_sizes_read_as_c_does)
{
	static const char *const plain[] = { "0", "7", "010", "0x1F", "4096",
		"1234567890123456789", "18446744073709551615", "08" };
	static const struct {
		const char *text;
		uint64_t    v;
	} suffixed[] = { { "4K", 4096 }, { "2MiB", 2u << 20 },
		{ "1GB", 1u << 30 }, { "0x10k", 16384 } };
	char	*end;
	uint64_t v;
	size_t	 i;
	int	 ok;

	for (i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		unsigned long long want;

		errno = 0;
		want = strtoull(plain[i], &end, 0);
		ok = errno == 0 && *end == '\0';
		ck_assert_int_eq(size_parse(plain[i], strlen(plain[i]), &v),
		    ok ? 0 : -1);
		if (ok)
			ck_assert_uint_eq(v, want);
	}
	for (i = 0; i < sizeof suffixed / sizeof suffixed[0]; i++) {
		ck_assert_int_eq(size_parse(suffixed[i].text,
				     strlen(suffixed[i].text), &v),
		    0);
		ck_assert_uint_eq(v, suffixed[i].v);
	}
	ck_assert_int_eq(size_parse("18446744073709551616", 20, &v), -1);
	ck_assert_int_eq(size_parse("17179869184G", 12, &v), -1);
	ck_assert_int_eq(size_parse("12Q", 3, &v), -1);
}
END_TEST

/*
 * Every place that reads a size reads it alike: the machine's ram= and a
 * call's argument accept and refuse the same texts (lib/cmdline.c
 * memparse() letters, either case, B/i/iB after them).
 */
START_TEST(test_one_size_grammar_everywhere)
{
	static const struct {
		const char *text;
		int	    ok;
	} cases[] = { { "1m", 1 }, { "1M", 1 }, { "1Mi", 1 }, { "1MiB", 1 },
		{ "1MB", 1 }, { "1mb", 0 }, { "1024k", 1 }, { "1024K", 1 },
		{ "0x100000", 1 }, { "1Mx", 0 }, { "1Q", 0 }, { "M", 0 },
		{ "1 M", 0 }, { "1iB", 0 } };
	struct machine_config cfg;
	size_t		      i;
	char		     *cause = NULL;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char		       text[64];
		struct script_errors   errs;
		struct script_program *prog;
		int		       rc;

		machine_config_default(&cfg);
		rc = machine_config_set(&cfg, "ram", cases[i].text, &cause);
		ck_assert_msg((rc == 0) == cases[i].ok, "ram=%s: %s",
		    cases[i].text, rc == 0 ? "accepted" : cause);
		if (rc == 0)
			ck_assert_uint_eq(cfg.ram, 1u << 20);
		free(cause);
		cause = NULL;
		snprintf(text, sizeof text, "v = vmalloc(%s)\n", cases[i].text);
		script_errors_init(&errs);
		prog = script_parse("t.mvs", text, &errs);
		ck_assert_msg((prog != NULL) == cases[i].ok, "vmalloc(%s) %s",
		    cases[i].text, prog != NULL ? "accepted" : "refused");
		script_program_free(prog);
		script_errors_free(&errs);
	}
	ck_assert_int_eq(machine_config_set(&cfg, "ram", "1T", &cause), -1);
	free(cause);
}
END_TEST

/* Reads a whole file; NULL when it cannot be read. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s;
	long  n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	s[fread(s, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return s;
}

/*
 * The machine options table and both manual pages agree: each option is
 * documented in memviz(1) as --NAME= and in memviz-script(5) as NAME=,
 * with its range and its default next to it.
 */
START_TEST(test_man_pages_match_the_option_table)
{
	char  *one = slurp(TEST_MANDIR "/memviz.1");
	char  *five = slurp(TEST_MANDIR "/memviz-script.5");
	size_t i;

	ck_assert_ptr_nonnull(one);
	ck_assert_ptr_nonnull(five);
	for (i = 0; i < machine_options_len; i++) {
		const struct machine_option *o = &machine_options[i];
		struct sbuf		     want = SBUF_INIT;
		char			     key[64];
		const char		    *at, *end;

		snprintf(key, sizeof key, ".BI \\-\\-%s=", o->name);
		at = strstr(one, key);
		ck_assert_msg(at != NULL, "memviz.1 lacks --%s=", o->name);
		end = strstr(at + 1, ".TP");
		machine_option_range(o, &want);
		if (o->kind != MOPT_BOOL && o->kind != MOPT_U64) {
			const char *r = strstr(at, sbuf_str(&want));

			ck_assert_msg(r != NULL && r < end,
			    "memviz.1: --%s= "
			    "does not give its range %s",
			    o->name, sbuf_str(&want));
		}
		snprintf(key, sizeof key, "default %s", o->dflt);
		ck_assert_msg(strstr(at, key) != NULL && strstr(at, key) < end,
		    "memviz.1: --%s= does not say "
		    "\"%s\"",
		    o->name, key);
		snprintf(key, sizeof key, "%s=", o->name);
		ck_assert_msg(strstr(five, key) != NULL,
		    "memviz-script.5 "
		    "lacks %s=",
		    o->name);
		sbuf_free(&want);
	}
	free(one);
	free(five);
}
END_TEST

START_TEST(test_multiline_call_prints_on_one_line)
{
	struct script_program
	    *prog = check_parse_ok("a = kmalloc(100,  # size\n"
				   "\tGFP_KERNEL\n)\n");

	ck_assert_str_eq(prog->stmts[0]->source,
	    "a = kmalloc(100, GFP_KERNEL)");
	script_program_free(prog);
}
END_TEST

START_TEST(test_unrolled)
{
	struct script_program *prog = check_parse_ok(
	    "machine ram=4M seed=3\n"
	    "# not the title? it is\nrepeat 2 {\n pause\n repeat 3 { x$i$j = "
	    "malloc($i + 10 * $j) }\n kfree(NULL) ; pause\n}\nsay \"end\"\n");

	ck_assert_str_eq(script_program_title(prog), "not the title? it is");
	ck_assert_uint_eq(prog->cfg.ram, 4u << 20);
	ck_assert_uint_eq(prog->cfg.seed, 3);
	/* machine + 2 * (pause + 3 mallocs + kfree + pause) + say */
	ck_assert_uint_eq(script_program_length(prog), 1 + 2 * 6 + 1);
	ck_assert_uint_eq(script_program_npauses(prog), 4);
	ck_assert_uint_eq(script_program_pause_pos(prog, 0), 0);
	ck_assert_uint_eq(script_program_pause_pos(prog, 1), 2);
	ck_assert_uint_eq(script_program_pause_pos(prog, 2), 7);
	ck_assert_uint_eq(script_program_pause_pos(prog, 4), 13);
	ck_assert_uint_eq(script_program_pause_pos(prog, 9), 14);
	/* second outer run, third inner: $i = 2 (inner), $j = 1 */
	ck_assert_uint_eq(prog->flat[10].vars[0], 1);
	ck_assert_uint_eq(prog->flat[10].vars[1], 2);
	script_program_free(prog);
}
END_TEST

START_TEST(test_title_is_first_comment)
{
	struct script_program
	    *prog = check_parse_ok("\n#   Splits and merges  \n"
				   "# more\npause\n");

	ck_assert_str_eq(script_program_title(prog), "Splits and merges");
	script_program_free(prog);
	prog = check_parse_ok("pause # not a comment line\n# late\n");
	ck_assert_str_eq(script_program_title(prog), "late");
	script_program_free(prog);
	prog = check_parse_ok("pause\n");
	ck_assert_str_eq(script_program_title(prog), "");
	script_program_free(prog);
}
END_TEST

/* Every stmt_table row is documented in memviz-script(5). */
START_TEST(test_man_page_lists_every_statement)
{
	FILE	   *f = fopen(TEST_MANDIR "/memviz-script.5", "r");
	struct sbuf page = SBUF_INIT;
	char	    line[1024], want[128];
	size_t	    i;

	ck_assert_msg(f != NULL, "cannot open memviz-script.5");
	while (fgets(line, sizeof line, f) != NULL)
		sbuf_puts(&page, line);
	fclose(f);
	for (i = 0; i < stmt_table_len; i++) {
		const char *n = stmt_table[i].name;
		int	    found = 0;

		/* a .TP entry whose tag names it: ".B pause", ".BI "x = kmalloc(" */
		const char *p = sbuf_str(&page);
		while ((p = strstr(p, ".TP\n.B")) != NULL && !found) {
			const char *eol = strchr(p + 4, '\n');

			snprintf(want, sizeof want, "%.*s", (int)(eol - p - 4),
			    p + 4);
			if (strstr(want, n) != NULL)
				found = 1;
			p = eol;
		}
		ck_assert_msg(found, "memviz-script.5 has no .TP entry for %s",
		    n);
	}
	sbuf_free(&page);
}
END_TEST

/* Random bytes and mangled demos must never crash the parser. */
START_TEST(test_garbage_never_crashes)
{
	static const char      alphabet[] = "ak=()|,;{}$i\"# \n0x1M_GFP_KERNEL"
					    "repeat say kfree show@-+*/";
	struct script_errors   errs;
	struct script_program *prog;
	char		       text[200];
	unsigned	       seed = 12345, n, k;

	for (n = 0; n < 5000; n++) {
		for (k = 0; k < sizeof text - 1; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = alphabet[(seed >> 16) %
			    (sizeof alphabet - 1)];
		}
		text[(seed >> 8) % sizeof text] = '\0';
		text[sizeof text - 1] = '\0';
		script_errors_init(&errs);
		prog = script_parse("fuzz", text, &errs);
		ck_assert(prog != NULL || errs.n > 0);
		script_program_free(prog);
		script_errors_free(&errs);
	}
}
END_TEST

static Suite *
parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_every_statement_has_an_example);
	tcase_add_loop_test(tc, test_examples_parse, 0,
	    sizeof examples / sizeof examples[0]);
	tcase_add_loop_test(tc, test_errors, 0, sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, test_error_text_has_caret);
	tcase_add_test(tc, test_sizes_read_as_c_does);
	tcase_add_test(tc, test_one_size_grammar_everywhere);
	tcase_add_test(tc, test_man_pages_match_the_option_table);
	tcase_add_test(tc, test_literals_and_expressions);
	tcase_add_test(tc, test_all_errors_reported);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_multiline_call_prints_on_one_line);
	tcase_add_test(tc, test_unrolled);
	tcase_add_test(tc, test_title_is_first_comment);
	tcase_add_test(tc, test_man_page_lists_every_statement);
	tcase_add_test(tc, test_garbage_never_crashes);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(parser_suite());
}
