/*
 * check_import.c - the trace importer against real traces.
 *
 * The fixtures under tests/import are real ltrace and ftrace output of
 * the programs in tests/import/src (see its README).  What is asserted
 * comes from those programs' source and from the trace lines themselves,
 * read by hand or counted here independently of the importer: single.c
 * makes exactly ten calls, threads.c forty-two, churn.c leaves four
 * pointers that ltrace -p never saw allocated.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "import/import-priv.h"
#include "script/script.h"
#include "check-run.h"
#include "check-sim.h"

#ifndef TEST_IMPORTDIR
#define TEST_IMPORTDIR "tests/import"
#endif

struct imported {
	struct sbuf	     script, diag;
	struct import_result res;
};

/* The file name under tests/import, read whole; the caller frees it. */
static char *
slurp(const char *name)
{
	char *path = xasprintf("%s/%s", TEST_IMPORTDIR, name), *text;

	text = check_slurp(path);
	free(path);
	return text;
}

/* Imports text under the name file; the caller frees with done(). */
static void
run_text(struct imported *im, const char *format, const char *file,
    const char *text)
{
	char *cause = NULL;

	memset(im, 0, sizeof *im);
	ck_assert_int_eq(import_run(format, file, text, &im->script, &im->diag,
			     &im->res, &cause),
	    0);
}

static void
run(struct imported *im, const char *format, const char *name)
{
	char *text = slurp(name);

	run_text(im, format, name, text);
	free(text);
}

static void
done(struct imported *im)
{
	sbuf_free(&im->script);
	sbuf_free(&im->diag);
}

static const char *
script(const struct imported *im)
{
	return sbuf_str(&im->script);
}

/* The statements only: no comment lines, no trailing comments. */
static char *
statements(const char *s)
{
	struct sbuf out = SBUF_INIT;
	const char *nl, *hash;
	size_t	    len;
	char	   *r;

	for (; *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		len = (size_t)(nl - s);
		if (*s == '#' || strncmp(s, "machine ", 8) == 0)
			continue;
		hash = memchr(s, '#', len);
		if (hash != NULL)
			len = (size_t)(hash - s);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		sbuf_add(&out, s, len);
		sbuf_putc(&out, '\n');
	}
	r = xstrdup(sbuf_str(&out));
	sbuf_free(&out);
	return r;
}

/* Parses and runs the script as --check and --batch do. */
static void
replays(const char *name, const char *text)
{
	struct script_errors   errs;
	struct script_program *prog;
	struct script_interp  *ip;
	struct script_opts     opts;
	struct sbuf	       e = SBUF_INIT;
	char		      *cause = NULL;
	size_t		       n = 0;

	script_errors_init(&errs);
	prog = script_parse(name, text, &errs);
	script_errors_format(&errs, &e);
	ck_assert_msg(prog != NULL, "%s: %s", name, sbuf_str(&e));
	script_opts_init(&opts);
	opts.batch = 1;
	ip = script_interp_create(prog, &opts, &cause);
	ck_assert_msg(ip != NULL, "%s: %s", name, cause);
	while (script_interp_next(ip) != NULL)
		n++;
	ck_assert_uint_eq(n, script_program_length(prog));
	ck_assert_msg(script_interp_unexpected(ip) == 0,
	    "%s: %zu simulated failures", name, script_interp_unexpected(ip));
	script_interp_destroy(ip);
	script_program_free(prog);
	script_errors_free(&errs);
	sbuf_free(&e);
}

/* single.c's calls in its source order, named as the trace returns. */
START_TEST(test_single_is_the_program)
{
	struct imported im;
	char	       *st;

	run(&im, "ltrace", "single.ltrace");
	st = statements(script(&im));
	ck_assert_str_eq(st,
	    "p1 = malloc(24)\n"
	    "p2 = calloc(10, 100)\n"
	    "p3 = malloc(5000)\n"
	    "p1 = realloc(p1, 200)\n"
	    "free(p2)\n"
	    "p4 = malloc(40)\n"
	    "p3 = realloc(p3, 100000)\n"
	    "free(p1)\n"
	    "free(p3)\n"
	    "free(p4)\n");
	ck_assert_uint_eq(im.res.ops, 10);
	ck_assert_uint_eq(im.res.lines, 11);
	ck_assert_uint_eq(im.res.not_understood, 0);
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "# Imported from "
	    "single.ltrace (ltrace, 11 lines)"));
	ck_assert_ptr_nonnull(strstr(script(&im), "\nmachine ram=64M\n"));
	free(st);
	done(&im);
}
END_TEST

/* -tt -i -S: the same ten calls among 32 system calls, none lost. */
START_TEST(test_options_skip_syscalls)
{
	struct imported a, b;
	char	       *sa, *sb;

	run(&a, "ltrace", "single.ltrace");
	run(&b, "ltrace", "options.ltrace");
	sa = statements(script(&a));
	sb = statements(script(&b));
	ck_assert_str_eq(sa, sb);
	ck_assert_uint_eq(b.res.not_understood, 0);
	ck_assert_ptr_nonnull(strstr(script(&b), "8 SYS_mmap"));
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b.diag),
	    "options.ltrace:1: skipped 3 SYS_brk (first here)\n"));
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b.diag),
	    "10 statements from "
	    "44 lines; 0 not understood, 0 releases of pointers never seen, "
	    "32 skipped\n"));
	free(sa);
	free(sb);
	done(&a);
	done(&b);
}
END_TEST

/* edge.c: free(NULL) twice, realloc(NULL, n), realloc(p, 0), NULL. */
START_TEST(test_edge_cases)
{
	struct imported im;
	char	       *st;

	run(&im, "ltrace", "edge.ltrace");
	st = statements(script(&im));
	/* Address 0x5604844612a0 comes back after free(p1): a new name. */
	ck_assert_str_eq(st,
	    "p1 = malloc(24)\n"
	    "p2 = malloc(100)\n"
	    "free(p1)\n"
	    "p3 = malloc(24)\n"
	    "p4 = calloc(3, 40)\n"
	    "expect ENOMEM\n"
	    "malloc(9223372036854775807)\n"
	    "p2 = realloc(p2, 0)\n"
	    "p4 = realloc(p4, 300000)\n"
	    "free(p4)\n"
	    "free(p3)\n");
	ck_assert_ptr_nonnull(strstr(script(&im), "2 free(NULL)"));
	ck_assert_ptr_nonnull(strstr(script(&im), "1 malloc returning NULL"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "p2 = malloc(100)  # realloc(NULL, n)\n"));
	ck_assert_uint_eq(im.res.unknown_frees, 0);
	free(st);
	done(&im);
}
END_TEST

/*
 * Calls the traced program saw fail are replayed, announced by expect,
 * and fail here too.  A 3 GiB request the kernel refused says the traced
 * machine had less than 3 GiB, so the machine line stops below it though
 * the 1 GiB block alone would ask for 4G; the 1 GiB block still fits.
 */
START_TEST(test_failed_calls_replayed)
{
	struct imported im;

	run_text(&im, "ltrace", "refused.ltrace",
	    "malloc(24) = 0x5555555592a0\n"
	    "malloc(1073741825) = 0x7fffb7167010\n"
	    "free(0x7fffb7167010) = <void>\n"
	    "malloc(3221225472) = 0\n"
	    "calloc(1048576, 1048576) = 0\n"
	    "realloc(0x5555555592a0, 17592186044416) = 0\n"
	    "free(0x5555555592a0) = <void>\n");
	ck_assert_ptr_nonnull(strstr(script(&im), "machine ram=3071M\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "expect ENOMEM\nmalloc(3221225472)\n"
	    "expect ENOMEM\ncalloc(1048576, 1048576)\n"
	    "expect ENOMEM\nrealloc(p1, 17592186044416)\n"
	    "free(p1)\n"));
	replays("refused", script(&im));
	done(&im);
}
END_TEST

/*
 * aligned.c, traced with the prototypes of src/malloc.conf: every call
 * of the family becomes its statement, and replayed each lands where
 * glibc 2.36 put it in the trace (offsets from the heap start, which
 * malloc(24) at +0x2a0 gives; ~0 for the mmapped one).
 */
START_TEST(test_aligned_family)
{
	static const uint64_t  want[] = { 0x2a0, 0x400, ~0ull, 0xb40, 0x1000,
		 0x2000, 0xbd0, 0xbd0, 488, 1, 1, 1 };
	struct imported	       im;
	struct script_errors   errs;
	struct script_program *prog;
	struct script_interp  *ip;
	struct script_opts     opts;
	const struct script_result *r;
	char			   *st, *cause = NULL;
	uint64_t		    heap0 = 0, got;
	size_t			    n = 0, failed = 0;

	run(&im, "ltrace", "aligned.ltrace");
	st = statements(script(&im));
	ck_assert_str_eq(st,
	    "p1 = malloc(24)\n"
	    "p2 = posix_memalign(1024, 1008)\n"
	    "expect EINVAL\n"
	    "posix_memalign(12, 10)\n"
	    "p3 = aligned_alloc(4096, 131072)\n"
	    "p4 = memalign(64, 100)\n"
	    "p5 = valloc(10)\n"
	    "p6 = pvalloc(4096)\n"
	    "p7 = reallocarray(NULL, 10, 24)\n"
	    "p7 = reallocarray(p7, 20, 24)\n"
	    "expect ENOMEM\n"
	    "reallocarray(p7, 9223372036854775807, 4)\n"
	    "malloc_usable_size(p7)\n"
	    "mallopt(M_MMAP_THRESHOLD, 1048576)\n"
	    "mallopt(M_PERTURB, 85)\n"
	    "free(p3)\n"
	    "free(p4)\n"
	    "free(p2)\n"
	    "malloc_trim(0)\n"
	    "free(p5)\n"
	    "free(p6)\n"
	    "free(p7)\n"
	    "free(p1)\n");
	ck_assert_ptr_nonnull(strstr(script(&im), "1 posix_memalign failing"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "# skipped: 2 calloc inside reallocarray\n"));
	script_errors_init(&errs);
	prog = script_parse("aligned", script(&im), &errs);
	ck_assert_ptr_nonnull(prog);
	script_opts_init(&opts);
	opts.batch = 1;
	ip = script_interp_create(prog, &opts, &cause);
	ck_assert_ptr_nonnull(ip);
	while ((r = script_interp_next(ip)) != NULL) {
		if (r->kind != SCRIPT_OP ||
		    !(r->entry->flags & (STMT_ASSIGN | STMT_VALUE)))
			continue;
		/* The two calls the trace saw fail fail here too. */
		if (r->step->status != SIM_OK) {
			ck_assert_msg(strncmp(r->source, "posix_memalign(12",
					  17) == 0 ||
				strncmp(r->source, "reallocarray(p7, 92", 19) ==
				    0,
			    "%s failed", r->source);
			failed++;
			continue;
		}
		got = r->step->addr;
		if (heap0 == 0)
			heap0 = got - 0x2a0;
		if (r->entry->flags & STMT_ASSIGN)
			got = got - heap0 < (1ull << 32) ? got - heap0 : ~0ull;
		ck_assert_msg(n < sizeof want / sizeof want[0] &&
			got == want[n],
		    "%s: 0x%llx", r->source, (unsigned long long)got);
		n++;
	}
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	ck_assert_uint_eq(failed, 2);
	script_interp_destroy(ip);
	script_program_free(prog);
	script_errors_free(&errs);
	free(st);
	done(&im);
}
END_TEST

/* Without prototypes (ltrace's own ltrace.conf): six values a call,
 * and posix_memalign's block unknown, so its free is never seen. */
START_TEST(test_aligned_family_no_prototypes)
{
	struct imported im;

	run(&im, "ltrace", "aligned-noproto.ltrace");
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "\np2 = posix_memalign(1024, 1008)  # ltrace printed &p, not "
	    "the block\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "\nmallopt(M_MMAP_THRESHOLD, 1048576)\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "\np7 = reallocarray(p7, 20, 24)\n"));
	ck_assert_uint_eq(im.res.not_understood, 0);
	ck_assert_uint_eq(im.res.unknown_frees, 1);
	done(&im);
}
END_TEST

/* Lines 2 and 5, 4 and 6 of threads.ltrace are unfinished/resumed. */
START_TEST(test_threads_resumed)
{
	struct imported im;

	run(&im, "ltrace", "threads.ltrace");
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "machine ram=64M\n"
	    "p1 = calloc(4, 64)  # pid 25487\n"
	    "thread 1  # pid 25489\n"
	    "p2 = malloc(100)  # pid 25489\n"
	    "thread 0  # pid 25487\n"
	    "thread 2  # pid 25488\n"
	    "p3 = malloc(16)  # pid 25488\n"
	    "thread 1  # pid 25489\n"
	    "p4 = malloc(200)  # pid 25489\n"));
	/* threads.c reallocs v[0] of the 16-byte worker to 16 * 40. */
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "p3 = realloc(p3, 640)  # pid 25488\n"));
	/* Line 44's "<no return ...>" is resumed at line 46. */
	ck_assert_uint_eq(im.res.not_understood, 0);
	ck_assert_uint_eq(im.res.unknown_frees, 0);
	done(&im);
}
END_TEST

/* threads.c: 1 calloc, 16 malloc, 8 realloc, 17 free, in both forms,
 * and a `thread N` line at each change of pid (the two runs interleave
 * differently: 16 and 18); with pids, each thread's end. */
START_TEST(test_pid_prefixes)
{
	static const char *const names[] = { "threads.ltrace",
		"threads-pid.ltrace" };
	struct imported		 im;
	size_t			 i;

	for (i = 0; i < 2; i++) {
		run(&im, "ltrace", names[i]);
		/* and the two threads' ends, each a `thread N detach`
		 * and a `thread N exit` (one fewer `thread 0`: the
		 * thread that ended was running, thread 0 runs next) */
		ck_assert_uint_eq(im.res.ops,
		    i == 0 ? 42 + 16 + 3 : 42 + 18 + 3);
		ck_assert_uint_eq(im.res.not_understood, 0);
		ck_assert_ptr_nonnull(strstr(script(&im), " 16 malloc"));
		ck_assert_ptr_nonnull(strstr(script(&im), " 8 realloc"));
		ck_assert_ptr_nonnull(strstr(script(&im), " 17 free"));
		ck_assert_ptr_nonnull(strstr(script(&im), " 1 calloc"));
		ck_assert_ptr_nonnull(strstr(script(&im), "3 exit lines"));
		done(&im);
	}
	run(&im, "ltrace", "threads-pid.ltrace");
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "p1 = calloc(4, 64)  # pid 25491\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "# pid 25491: exited (status 0)\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "# pid 25493: exited (status 0)\n"
	    "thread 1 detach  # pid 25493\n"
	    "thread 1 exit  # pid 25493 ends\n"));
	done(&im);
}
END_TEST

/* churn.c keeps 4 pointers; ltrace -p attached after they were made. */
START_TEST(test_attach_unknown_frees)
{
	struct imported im;

	run(&im, "ltrace", "attach.ltrace");
	ck_assert_uint_eq(im.res.unknown_frees, 4);
	ck_assert_uint_eq(im.res.ops, 16);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&im.diag),
	    "attach.ltrace:1: "
	    "free(0x55c552891420): never handed out in this trace\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "# line 1: "
	    "free(0x55c552891420): never handed out in this trace\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "4 releases of pointers never seen"));
	done(&im);
}
END_TEST

START_TEST(test_broken_ltrace_lines)
{
	struct imported im;
	const char     *d;

	run(&im, "ltrace", "broken.ltrace");
	d = sbuf_str(&im.diag);
	ck_assert_uint_eq(im.res.not_understood, 4);
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace:4: not understood: "
	    "[pid 25493] threads->mall\n"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace:6: not understood: "
	    "ltrace: Couldn't find"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace:7: not understood: "
	    "[pid 25493] threads->malloc(twelve)"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace:8: not understood: "
	    "[pid 25493] <... free resumed>"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace:10: "
	    "free(0x7f33b8000b70): never handed out in this trace\n"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace:11: "
	    "realloc(0x7f33c0000b70, 640 ...) never returned\n"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.ltrace: 10 statements from 13 "
	    "lines; 4 not understood, 1 release of pointers never seen, 0 "
	    "skipped\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "# not understood: 4 lines\n"));
	done(&im);
}
END_TEST

/* Counts kmem events in the trace text, without the importer. */
static unsigned long
count_events(const char *text, const char *event, const char *field, int null)
{
	const char   *p = text, *f, *nl;
	unsigned long n = 0;
	size_t	      flen = strlen(field);
	int	      is_null;

	while ((p = strstr(p, event)) != NULL) {
		nl = strchr(p, '\n');
		f = strstr(p, field);
		if (f != NULL && (nl == NULL || f < nl)) {
			f += flen;
			is_null = strncmp(f, "(nil)", 5) == 0 ||
			    strspn(f, "0") == 16;
			if (null < 0 || is_null == null)
				n++;
		}
		p += strlen(event);
	}
	return n;
}

/* Every kmalloc and page event becomes one statement; no kfree lost. */
START_TEST(test_ftrace_counts)
{
	static const char *const names[] = { "kwork.trace", "kwork.report",
		"slabs.trace", "kcache.trace" };
	struct imported		 im;
	char			*text, want[64];
	unsigned long		 kmalloc, pages, kfree, kfree_null;
	size_t			 i;

	for (i = 0; i < 4; i++) {
		text = slurp(names[i]);
		run_text(&im, "ftrace", names[i], text);
		kmalloc = count_events(text, " kmalloc: ", " ptr=", 0);
		pages = count_events(text, " mm_page_alloc: ", " page=", 0);
		kfree = count_events(text, " kfree: ", " ptr=", -1);
		kfree_null = count_events(text, " kfree: ", " ptr=", 1);
		ck_assert_uint_gt(kmalloc, 5);
		snprintf(want, sizeof want, " %lu kmalloc", kmalloc);
		ck_assert_msg(strstr(script(&im), want), "%s: %s", names[i],
		    want);
		snprintf(want, sizeof want, " %lu alloc_pages", pages);
		ck_assert_msg(strstr(script(&im), want), "%s: %s", names[i],
		    want);
		snprintf(want, sizeof want, " %lu kfree(NULL)", kfree_null);
		ck_assert_msg(strstr(script(&im), want), "%s: %s", names[i],
		    want);
		ck_assert_uint_gt(kfree, kfree_null);
		ck_assert_uint_eq(im.res.not_understood, 0);
		done(&im);
		free(text);
	}
}
END_TEST

/* The kernel's printer and trace-cmd's give the same script. */
START_TEST(test_ftrace_two_printers)
{
	static const char *const pairs[][2] = {
		{ "kwork.trace", "kwork.report" },
		{ "slabs.trace", "slabs.report" },
		{ "kcache.trace", "kcache.report" },
	};
	struct imported a, b;
	char	       *sa, *sb;
	size_t		i;

	for (i = 0; i < 3; i++) {
		run(&a, "ftrace", pairs[i][0]);
		run(&b, "ftrace", pairs[i][1]);
		sa = statements(script(&a));
		sb = statements(script(&b));
		ck_assert_str_eq(sa, sb);
		ck_assert_uint_eq(a.res.unknown_frees, b.res.unknown_frees);
		free(sa);
		free(sb);
		done(&a);
		done(&b);
	}
}
END_TEST

/* slabs.c grows slab caches: order-2 pages, freed again by pfn. */
START_TEST(test_ftrace_pages)
{
	struct imported im;

	run(&im, "ftrace", "slabs.trace");
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "= alloc_pages("
	    "GFP_KERNEL_ACCOUNT|__GFP_ZERO|__GFP_COMP, 0)  # pfn 0x"));
	/* SLUB's first, no-reclaim try at a higher order (line 131). */
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "= alloc_pages("
	    "__GFP_RECLAIMABLE|__GFP_IO|__GFP_FS|__GFP_NOWARN|__GFP_NORETRY|"
	    "__GFP_COMP|__GFP_NOMEMALLOC, 2)  # pfn 0x10ad54\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "machine ram=64M "
	    "kernel=6.x\n"));
	done(&im);
}
END_TEST

START_TEST(test_broken_ftrace_lines)
{
	struct imported im;
	const char     *d;

	run(&im, "ftrace", "broken.trace");
	d = sbuf_str(&im.diag);
	ck_assert_uint_eq(im.res.not_understood, 3);
	ck_assert_ptr_nonnull(strstr(d, "broken.trace:5: not understood: "));
	ck_assert_ptr_nonnull(strstr(d, "broken.trace:6: not understood: "));
	ck_assert_ptr_nonnull(strstr(d, "broken.trace:8: not understood: "));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.trace:7: skipped 1 "
	    "sched_switch (first here)\n"));
	ck_assert_ptr_nonnull(strstr(d, "broken.trace:9: events were lost"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.trace:10: __GFP_NO_OBJ_EXT "
	    "is not a flag memviz models"));
	ck_assert_ptr_nonnull(strstr(d,
	    "broken.trace:13: __free_pages(pfn "
	    "0x1090e9): never handed out in this trace\n"));
	ck_assert_ptr_nonnull(strstr(script(&im),
	    "k2 = kmalloc(11, "
	    "GFP_KERNEL_ACCOUNT|__GFP_ZERO)  # lsm_blob_alloc+0x3b/0x60\n"));
	done(&im);
}
END_TEST

/* A real system-wide capture whose ring buffer overwrote events. */
START_TEST(test_ftrace_overflow)
{
	struct imported im;

	run(&im, "ftrace", "overflow.trace");
	/* Its line 3: "entries-in-buffer/entries-written: 67147/235552". */
	ck_assert_ptr_nonnull(strstr(sbuf_str(&im.diag),
	    "overflow.trace:3: "
	    "the trace buffer overflowed: 168405 of 235552 events were lost "
	    "before the first line\n"));
	ck_assert_ptr_nonnull(strstr(script(&im), "1 buffer overflow notes"));
	ck_assert_uint_eq(im.res.not_understood, 0);
	done(&im);
}
END_TEST

/*
 * Older kernels print no node= and accounted= (5.10's
 * include/trace/events/kmem.h: "call_site=%pS ptr=%p bytes_req=%zu
 * bytes_alloc=%zu gfp_flags=%s"); gfp 0 prints as "none".
 */
START_TEST(test_ftrace_formats)
{
	struct imported im;

	run_text(&im, "ftrace", "old.trace",
	    "  bash-812   [001] d..1  912.5: kmalloc: call_site=f+0x1/0x2 "
	    "ptr=00000000aaaa bytes_req=100 bytes_alloc=128 "
	    "gfp_flags=GFP_KERNEL\n"
	    "  my task-5-7 [000] ....  912.6: kmalloc_node: call_site=g "
	    "ptr=00000000bbbb bytes_req=8 bytes_alloc=8 gfp_flags=none "
	    "node=0\n"
	    "  bash-812   [001] d..1  912.7: kfree: call_site=h "
	    "ptr=00000000aaaa\n");
	ck_assert_str_eq(strstr(script(&im), "k1 ="),
	    "k1 = kmalloc(100, GFP_KERNEL)  # f+0x1/0x2\n"
	    "k2 = kmalloc(8, 0)  # g\n"
	    "kfree(k1)  # h\n");
	ck_assert_uint_eq(im.res.not_understood, 0);
	done(&im);
}
END_TEST

/*
 * Sizes near 2^64 neither wrap the live count nor its doubling: the
 * machine is the largest, not 64M, and a kfree of such an object does not
 * negate INT64_MIN (UBSan catches that).
 */
START_TEST(test_huge_sizes_saturate)
{
	struct imported im;

	run_text(&im, "ftrace", "huge.trace",
	    "  a-1 [000] ....  1.0: kmalloc: call_site=f ptr=00000000aaaa "
	    "bytes_req=9223372036854775808 bytes_alloc=9223372036854775808 "
	    "gfp_flags=GFP_KERNEL\n"
	    "  a-1 [000] ....  1.1: kmalloc: call_site=f ptr=00000000bbbb "
	    "bytes_req=9223372036854775808 bytes_alloc=9223372036854775808 "
	    "gfp_flags=GFP_KERNEL\n"
	    "  a-1 [000] ....  1.2: kfree: call_site=h ptr=00000000aaaa\n");
	ck_assert_ptr_nonnull(strstr(script(&im), "machine ram=16G"));
	done(&im);
}
END_TEST

/* The last argument of an ltrace call has no comma after it. */
START_TEST(test_ltrace_last_argument)
{
	struct imported im;

	run_text(&im, "ltrace", "last.ltrace",
	    "malloc(24) = 0x5555aaaa0010\n"
	    "calloc(3, 8) = 0x5555aaaa0030\n"
	    "free(0x5555aaaa0010) = <void>\n");
	ck_assert_ptr_nonnull(strstr(script(&im), "calloc(3, 8)"));
	ck_assert_uint_eq(im.res.not_understood, 0);
	done(&im);
}
END_TEST

/* Every fixture's script parses and runs with no unexpected failure. */
START_TEST(test_scripts_replay)
{
	static const char *const traces[][2] = {
		{ "ltrace", "single.ltrace" },
		{ "ltrace", "edge.ltrace" },
		{ "ltrace", "threads.ltrace" },
		{ "ltrace", "threads-pid.ltrace" },
		{ "ltrace", "attach.ltrace" },
		{ "ltrace", "options.ltrace" },
		{ "ltrace", "broken.ltrace" },
		{ "ltrace", "aligned.ltrace" },
		{ "ltrace", "aligned-noproto.ltrace" },
		{ "ftrace", "kwork.trace" },
		{ "ftrace", "kwork.report" },
		{ "ftrace", "kcache.trace" },
		{ "ftrace", "slabs.trace" },
		{ "ftrace", "broken.trace" },
	};
	struct imported im;
	size_t		i;

	for (i = 0; i < sizeof traces / sizeof traces[0]; i++) {
		run(&im, traces[i][0], traces[i][1]);
		replays(traces[i][1], script(&im));
		done(&im);
	}
}
END_TEST

START_TEST(test_unknown_format)
{
	struct sbuf	     s = SBUF_INIT, d = SBUF_INIT;
	struct import_result res;
	char		    *cause = NULL;

	ck_assert_int_eq(import_run("strace", "x", "", &s, &d, &res, &cause),
	    -1);
	ck_assert_str_eq(cause,
	    "unknown trace format 'strace': expected "
	    "ltrace or ftrace");
	free(cause);
	sbuf_free(&s);
	sbuf_free(&d);
}
END_TEST

/* The hash map against a plain array, through growth and deletion. */
START_TEST(test_map_model)
{
	enum {
		N = 3000
	};
	static uint64_t	      keys[N];
	static int	      live[N];
	struct import_map     map = { NULL, 0, 0 };
	struct import_binding b = { "p", 0, 0, 0, 0 }, *got;
	unsigned long	      x = 12345;
	size_t		      i, j, n = 0;

	for (i = 0; i < N; i++)
		keys[i] = 0x55d0c8a6b000ull + 16 * i;
	for (i = 0; i < 40 * N; i++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		j = (x >> 33) % N;
		if (live[j]) {
			ck_assert_int_eq(import_map_del(&map, keys[j]), 0);
			live[j] = 0;
			n--;
		} else {
			b.num = j;
			import_map_put(&map, keys[j], &b);
			live[j] = 1;
			n++;
		}
		ck_assert_uint_eq(map.n, n);
	}
	for (j = 0; j < N; j++) {
		got = import_map_find(&map, keys[j]);
		ck_assert_int_eq(got != NULL, live[j]);
		if (got != NULL)
			ck_assert_uint_eq(got->num, j);
	}
	ck_assert_int_eq(import_map_del(&map, 1), -1);
	import_map_free(&map);
}
END_TEST

static Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *lt = tcase_create("ltrace"), *ft = tcase_create("ftrace");
	TCase *all = tcase_create("all");

	tcase_add_test(lt, test_single_is_the_program);
	tcase_add_test(lt, test_options_skip_syscalls);
	tcase_add_test(lt, test_edge_cases);
	tcase_add_test(lt, test_failed_calls_replayed);
	tcase_add_test(lt, test_threads_resumed);
	tcase_add_test(lt, test_pid_prefixes);
	tcase_add_test(lt, test_attach_unknown_frees);
	tcase_add_test(lt, test_broken_ltrace_lines);
	tcase_add_test(ft, test_ftrace_counts);
	tcase_add_test(ft, test_ftrace_two_printers);
	tcase_add_test(ft, test_ftrace_pages);
	tcase_add_test(ft, test_broken_ftrace_lines);
	tcase_add_test(ft, test_ftrace_formats);
	tcase_add_test(ft, test_ftrace_overflow);
	tcase_add_test(ft, test_huge_sizes_saturate);
	tcase_add_test(lt, test_ltrace_last_argument);
	tcase_add_test(lt, test_aligned_family);
	tcase_add_test(lt, test_aligned_family_no_prototypes);
	tcase_add_test(all, test_scripts_replay);
	tcase_add_test(all, test_unknown_format);
	tcase_add_test(all, test_map_model);
	tcase_set_timeout(all, 60);
	suite_add_tcase(s, lt);
	suite_add_tcase(s, ft);
	suite_add_tcase(s, all);
	return s;
}

int
main(void)
{
	return check_run(import_suite());
}
