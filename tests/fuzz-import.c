/*
 * fuzz-import.c - a libFuzzer target for the importers: one trace, in
 * ltrace's or ftrace's text, through import_run(), and the script it
 * gives parsed, checked and run.
 *
 * A first line "ltrace" or "ftrace" names the format and is not part of
 * the trace; any other input is imported as both.  Text with a NUL in
 * it is refused, as memviz --import refuses it.
 *
 * Invariants asserted: no crash, hang, leak or undefined behaviour
 * (through the sanitizers), and the importer's promise in import.h: the
 * script it writes parses and passes the checker (abort() otherwise),
 * whatever the trace.  The script is then run on a small machine (the
 * --ram override wins over its machine line) for a bounded number of
 * statements.  fuzz-replay.c drives this entry point over
 * tests/fuzz-corpus/import in `make check`.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/sbuf.h"
#include "common/xmalloc.h"
#include "import/import.h"
#include "script/script.h"

#define FUZZ_STEPS_MAX 5000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The corpus fuzz-replay.c replays for this target. */
const char *const fuzz_replay_dirs[] = { "tests/fuzz-corpus/import", NULL };

static void
fuzz_run_script(const struct script_program *prog)
{
	struct script_opts    opts;
	struct script_interp *ip;
	char		     *cause = NULL;
	size_t		      n = 0;

	script_opts_init(&opts);
	if (script_opts_set_machine(&opts, "ram", "16M", &cause) != 0)
		abort();
	if ((ip = script_interp_create(prog, &opts, &cause)) == NULL) {
		free(cause);
		return;
	}
	while (n++ < FUZZ_STEPS_MAX && script_interp_next(ip) != NULL)
		;
	script_interp_destroy(ip);
}

static void
fuzz_import(const char *format, const char *text)
{
	struct import_result   res;
	struct script_errors   errs;
	struct script_program *prog;
	struct sbuf	       script = SBUF_INIT, diag = SBUF_INIT;
	char		      *cause = NULL;

	memset(&res, 0, sizeof res);
	if (import_run(format, "fuzz.trace", text, &script, &diag, &res,
		&cause) != 0)
		abort(); /* both formats exist */
	script_errors_init(&errs);
	prog = script_parse("fuzz.mvs", sbuf_str(&script), &errs);
	if (prog == NULL) /* the importer wrote a script that is wrong */
		abort();
	fuzz_run_script(prog);
	script_program_free(prog);
	script_errors_free(&errs);
	sbuf_free(&script);
	sbuf_free(&diag);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "ltrace", "ftrace" };
	char			*text;
	size_t			 i, skip = 0;
	int			 only = -1;

	if (memchr(data, '\0', size) != NULL)
		return 0;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < 2; i++)
		if (strncmp(text, formats[i], 6) == 0 && text[6] == '\n') {
			only = (int)i;
			skip = 7;
		}
	for (i = 0; i < 2; i++)
		if (only < 0 || only == (int)i)
			fuzz_import(formats[i], text + skip);
	free(text);
	return 0;
}
