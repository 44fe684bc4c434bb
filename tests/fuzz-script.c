/*
 * fuzz-script.c - a libFuzzer target for the script language: parse,
 * check and interpret one script in this process, output discarded.
 *
 * The input is treated the way memviz treats a file: text with a NUL in
 * it is refused before parsing (cmdline_read_file does the same), every
 * other byte string is a script.  A script that parses is run on a small
 * machine (the command line's --ram override wins over its machine
 * line, so a fuzzed "ram=16G" cannot make one input take seconds), with
 * --events formatting on, then stepped back to its middle, saved as a
 * session and, as the TUI's prompt would, its first line typed again.
 *
 * Invariants this target asserts through the sanitizers: no crash, no
 * hang (libFuzzer's -timeout), no leak, no undefined behaviour, whatever
 * the bytes.  The same entry point is driven by fuzz-replay.c in a
 * normal build, so CI replays tests/fuzz-corpus without libFuzzer.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/sbuf.h"
#include "common/xmalloc.h"
#include "script/script.h"

/* Leaf statements run per input: enough for every demo, short for a fuzzer. */
#define FUZZ_STEPS_MAX 20000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The corpus fuzz-replay.c replays for this target. */
const char *const fuzz_replay_dirs[] = { "tests/fuzz-corpus", "data/demos",
	"tests/bad", NULL };

/* The text up to the first newline, as a user would type it. */
static char *
fuzz_first_line(const char *text)
{
	size_t n = strcspn(text, "\n");
	char  *line = xmalloc(n + 1);

	memcpy(line, text, n);
	line[n] = '\0';
	return line;
}

/* Runs at most FUZZ_STEPS_MAX statements, touching every result field. */
static size_t
fuzz_run(struct script_interp *ip, struct sbuf *sink)
{
	const struct script_result *r;
	size_t			    n = 0;

	while (n < FUZZ_STEPS_MAX && (r = script_interp_next(ip)) != NULL) {
		sbuf_puts(sink, r->source);
		sbuf_puts(sink, r->batch);
		if (r->arg != NULL)
			sbuf_puts(sink, r->arg);
		if (r->error != NULL)
			sbuf_puts(sink, r->error);
		sbuf_reset(sink);
		n++;
	}
	return n;
}

static void
fuzz_interp(const struct script_program *prog, const char *text)
{
	struct script_opts    opts;
	struct script_interp *ip;
	struct sbuf	      sink = SBUF_INIT;
	char		     *cause = NULL, *line;
	size_t		      ran;

	script_opts_init(&opts);
	opts.events = 1; /* not batch: history, goto and the session too */
	if (script_opts_set_machine(&opts, "ram", "16M", &cause) != 0)
		abort();
	if ((ip = script_interp_create(prog, &opts, &cause)) == NULL) {
		free(cause);
		return;
	}
	ran = fuzz_run(ip, &sink);
	if (script_interp_goto(ip, ran / 2, &cause) != 0) {
		free(cause);
		cause = NULL;
	}
	script_interp_write_session(ip, &sink);
	line = fuzz_first_line(text);
	if (script_interp_push_line(ip, line, &cause) < 0)
		free(cause);
	else
		fuzz_run(ip, &sink);
	free(line);
	sbuf_free(&sink);
	script_interp_destroy(ip);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script_errors   errs;
	struct script_program *prog;
	struct sbuf	       out = SBUF_INIT;
	char		      *text;

	if (memchr(data, '\0', size) != NULL)
		return 0;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	script_errors_init(&errs);
	prog = script_parse("fuzz.mvs", text, &errs);
	script_errors_format(&errs, &out);
	if (prog != NULL) {
		script_program_title(prog);
		script_program_pause_pos(prog, script_program_npauses(prog));
		fuzz_interp(prog, text);
	}
	script_program_free(prog);
	script_errors_free(&errs);
	sbuf_free(&out);
	free(text);
	return 0;
}
