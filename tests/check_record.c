/*
 * check_record.c - the recording is a whole file at every moment: the
 * atomic rewrite, the trim of statements waiting for an operation, and
 * a session written by the interpreter parsing back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xmalloc.h"
#include "script/script.h"
#include "ui/record.h"
#include "check-run.h"
#include "check-sim.h"

static char *
trimmed(const char *text)
{
	struct sbuf b = SBUF_INIT;

	sbuf_puts(&b, text);
	record_trim(&b);
	return b.s;
}

START_TEST(test_trim)
{
	char *t;

	t = trimmed("machine ram=8M\na = kmalloc(8, GFP_KERNEL)\npredict b\n");
	ck_assert_str_eq(t, "machine ram=8M\na = kmalloc(8, GFP_KERNEL)\n");
	free(t);
	t = trimmed("machine ram=8M\npredict b\nexpect ENOMEM\n");
	ck_assert_str_eq(t, "machine ram=8M\n");
	free(t);
	t = trimmed("machine ram=8M\npredict b\nb = vmalloc(8K)\n");
	ck_assert_str_eq(t, "machine ram=8M\npredict b\nb = vmalloc(8K)\n");
	free(t);
	t = trimmed("predict b"); /* no newline at all */
	ck_assert_str_eq(t, "");
	free(t);
}
END_TEST

START_TEST(test_atomic_write)
{
	char	      dir[] = "/tmp/check_record.XXXXXX", *path, *tmp, *got;
	char	     *cause = NULL;
	struct record r;
	struct stat   st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/s.mvs", dir);
	tmp = xasprintf("%s.tmp", path);
	ck_assert_int_eq(record_open(&r, path, "machine ram=8M\n", &cause), 0);
	got = check_slurp(path);
	ck_assert_str_eq(got, "machine ram=8M\n"); /* there from the start */
	free(got);
	ck_assert_int_eq(record_update(&r, "machine ram=8M\nsay \"x\"\n",
			     &cause),
	    0);
	got = check_slurp(path);
	ck_assert_str_eq(got, "machine ram=8M\nsay \"x\"\n");
	free(got);
	ck_assert_int_ne(stat(tmp, &st), 0); /* renamed, not left over */
	record_close(&r);
	/* A file that cannot be written is an error with the reason. */
	ck_assert_int_eq(record_open(&r, "/nonexistent/dir/s.mvs", "x\n",
			     &cause),
	    -1);
	ck_assert(strstr(cause, "/nonexistent/dir/s.mvs") != NULL);
	free(cause);
	unlink(path);
	rmdir(dir);
	free(path);
	free(tmp);
}
END_TEST

/* A session written by the interpreter, trimmed, parses and checks. */
START_TEST(test_session_parses)
{
	struct script_opts     o;
	struct script_interp  *ip;
	struct script_errors   errs;
	struct script_program *prog;
	struct sbuf	       b = SBUF_INIT;
	char		      *cause = NULL;

	script_opts_init(&o);
	ip = script_interp_create(NULL, &o, &cause);
	ck_assert_ptr_nonnull(ip);
	ck_assert_int_eq(script_interp_push_line(ip,
			     "a = kmalloc(100, "
			     "GFP_KERNEL); say \"hi\"; predict b",
			     &cause),
	    3);
	while (script_interp_next(ip) != NULL)
		continue;
	script_interp_write_session(ip, &b);
	record_trim(&b);
	script_errors_init(&errs);
	prog = script_parse("rec.mvs", sbuf_str(&b), &errs);
	ck_assert_msg(prog != NULL, "%s", sbuf_str(&b));
	ck_assert(strstr(sbuf_str(&b), "predict") == NULL);
	ck_assert(strstr(sbuf_str(&b), "a = kmalloc(100, GFP_KERNEL)\n") !=
	    NULL);
	script_program_free(prog);
	script_errors_free(&errs);
	script_interp_destroy(ip);
	sbuf_free(&b);
}
END_TEST

static Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_trim);
	tcase_add_test(tc, test_atomic_write);
	tcase_add_test(tc, test_session_parses);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(record_suite());
}
