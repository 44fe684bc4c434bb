/*
 * check-sim.c - the helpers every Check suite shares (check-sim.h),
 * built once into tests/libchecksim.a.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check-sim.h"
#include "common/sbuf.h"
#include "common/xmalloc.h"
#include "script/script.h"

struct machine *
check_boot(const char *name, ...)
{
	struct machine_config cfg;
	char		     *cause = NULL;
	struct machine	     *m;
	const char	     *value;
	va_list		      ap;

	machine_config_default(&cfg);
	va_start(ap, name);
	for (; name != NULL; name = va_arg(ap, const char *)) {
		value = va_arg(ap, const char *);
		ck_assert_msg(machine_config_set(&cfg, name, value, &cause) ==
			0,
		    "%s=%s: %s", name, value, cause);
	}
	va_end(ap);
	m = machine_create(&cfg, &cause);
	ck_assert_msg(m != NULL, "%s", cause);
	check_consistent(m);
	return m;
}

void
check_consistent(const struct machine *m)
{
	char *cause = NULL;

	ck_assert_msg(machine_check(m, &cause) == 0, "%s", cause);
}

size_t
check_count_events(const struct step *st, enum event_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < st->nev; i++)
		n += st->ev[i].kind == kind;
	return n;
}

const struct event *
check_find_event(const struct step *st, enum event_kind kind)
{
	size_t i;

	for (i = 0; i < st->nev; i++) {
		if (st->ev[i].kind == kind)
			return &st->ev[i];
	}
	ck_abort_msg("no %s event", event_kind_name(kind));
	return NULL;
}

char *
check_step_text(const struct step *st)
{
	struct sbuf b = SBUF_INIT;
	size_t	    i;

	sbuf_puts(&b, "");
	for (i = 0; i < st->nev; i++) {
		event_format(&st->ev[i], &b);
		sbuf_putc(&b, '\n');
	}
	return b.s;
}

char *
check_show(const struct machine *m, const char *what)
{
	struct sbuf b = SBUF_INIT;
	char	   *cause = NULL;

	ck_assert_msg(machine_show(m, what, &b, &cause) == 0, "%s", cause);
	sbuf_puts(&b, "");
	return b.s;
}

char *
check_slurp(const char *path)
{
	FILE	   *f = fopen(path, "r");
	struct sbuf b = SBUF_INIT;
	char	    buf[4096];
	size_t	    n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	sbuf_puts(&b, "");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	return b.s;
}

char *
check_captured(const char *path, const char *key)
{
	char  *text = check_slurp(path), *line, *val = NULL;
	size_t klen = strlen(key);

	for (line = text; line != NULL && val == NULL;
	     line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncmp(line, "result ", 7) == 0 &&
		    strncmp(line + 7, key, klen) == 0 && line[7 + klen] == ' ')
			val = xstrndup(line + 8 + klen,
			    strcspn(line + 8 + klen, "\n"));
	}
	free(text);
	ck_assert_msg(val != NULL, "%s: no result %s", path, key);
	return val;
}

struct script_program *
check_parse_ok(const char *text)
{
	struct script_errors   errs;
	struct script_program *prog;
	struct sbuf	       b = SBUF_INIT;

	script_errors_init(&errs);
	prog = script_parse("t.mvs", text, &errs);
	script_errors_format(&errs, &b);
	ck_assert_msg(prog != NULL, "%s\n%s", text, sbuf_str(&b));
	sbuf_free(&b);
	script_errors_free(&errs);
	return prog;
}

int
check_replay_fresh(void)
{
	const char *replay = getenv("MEMVIZ_REPLAY");
	int	    status;
	pid_t	    pid;

	if (replay == NULL)
		replay = "tests/glibc-replay";
	if ((pid = fork()) == 0) {
		execl(replay, replay, "--fresh", (char *)NULL);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* An interpreter with no script on a 16M machine, as the explorer runs. */
struct script_interp *
check_explorer(void)
{
	struct script_opts    opts;
	struct script_interp *ip;
	char		     *cause = NULL;

	script_opts_init(&opts);
	ck_assert_int_eq(script_opts_set_machine(&opts, "ram", "16M", &cause),
	    0);
	ip = script_interp_create(NULL, &opts, &cause);
	ck_assert_msg(ip != NULL, "%s", cause != NULL ? cause : "");
	return ip;
}

uint64_t
check_malloc(struct machine *m, uint64_t size)
{
	struct step st;
	uint64_t    mem;

	step_init(&st);
	ck_assert_int_eq(machine_malloc(m, size, &st), SIM_OK);
	mem = st.addr;
	step_free(&st);
	return mem;
}

void
check_free(struct machine *m, uint64_t mem)
{
	struct step st;

	step_init(&st);
	ck_assert_int_eq(machine_free(m, mem, &st), SIM_OK);
	step_free(&st);
}

void
check_thread(struct machine *m, unsigned n)
{
	struct step st;

	step_init(&st);
	ck_assert_int_eq(machine_thread(m, n, &st), SIM_OK);
	step_free(&st);
}
