/*
 * main.c - the command line picks a mode and hands off: --check parses,
 * --batch runs the script with no terminal, anything else goes to the
 * TUI.  Batch never touches curses.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "common/outfile.h"
#include "common/xmalloc.h"
#include "import/import.h"
#include "script/script.h"
#include "ui/ui.h"

#define EXIT_UNEXPECTED 1 /* a simulated failure not announced */
#define EXIT_USAGE	2 /* bad usage or a script error */
/* 3: an output file failed during the run (UI_EXIT_OUTPUT, import's) */

static int
main_fail(const char *cause)
{
	if (cause != NULL && *cause != '\0')
		fprintf(stderr, "memviz: %s\n", cause);
	fputs("Try 'memviz --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/*
 * Every file the command line names for writing, checked before
 * anything runs (as cp and sort -o refuse a bad target up front): a
 * directory or an unwritable place ends memviz with EXIT_USAGE now,
 * not after a whole session.
 */
static int
main_check_outputs(const struct cmdline *cl)
{
	const char *const paths[] = { cl->opts.record, cl->opts.export_text,
		cl->opts.export_html, cl->opts.export_svg, cl->output };
	char		 *cause = NULL;
	size_t		  i;

	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if (paths[i] == NULL || outfile_check(paths[i], &cause) == 0)
			continue;
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* The script's errors, as a whole-file parse reports them. */
static int
main_errors(const char *name, const struct script_errors *errs)
{
	struct sbuf out = SBUF_INIT;

	script_errors_format(errs, &out);
	fflush(stdout);
	fputs(sbuf_str(&out), stderr);
	fprintf(stderr, "%s: %zu error%s\n", name, errs->n,
	    errs->n == 1 ? "" : "s");
	sbuf_free(&out);
	return EXIT_USAGE;
}

/* Prints each statement's batch text, or its JSON object, as it runs. */
static int
main_batch(struct script_stream *st, const char *name, int json)
{
	const struct script_result *r;
	struct script_interp	   *ip = script_stream_interp(st);
	struct sbuf		    line = SBUF_INIT;
	size_t			    bad;
	int			    failed = 0;

	if (json)
		script_interp_machine_json(ip, &line);
	else
		script_interp_machine_line(ip, &line);
	printf("%s\n", sbuf_str(&line));
	sbuf_free(&line);
	while ((r = script_stream_next(st)) != NULL) {
		if (*r->batch != '\0') /* --quiet: most are empty */
			fputs(r->batch, stdout);
		/* What the checker let through and the run refused: said as
		 * a script error, never dropped. */
		if (r->error != NULL) {
			fflush(stdout);
			fprintf(stderr, "%s:%u:%u: error: %s\n",
			    r->file != NULL ? r->file : name, r->line, r->col,
			    r->error);
			failed = 1;
		}
	}
	if (script_stream_cause(st) != NULL) {
		fflush(stdout);
		fprintf(stderr, "memviz: %s\n", script_stream_cause(st));
		return EXIT_USAGE;
	}
	if (script_stream_errors(st)->n > 0)
		return main_errors(name, script_stream_errors(st));
	if (failed)
		return EXIT_USAGE;
	bad = script_interp_unexpected(ip);
	if (bad == 0)
		return 0;
	fflush(stdout);
	fprintf(stderr,
	    "memviz: %zu simulated failure%s the script did not "
	    "expect\n",
	    bad, bad == 1 ? "" : "s");
	return EXIT_UNEXPECTED;
}

/*
 * --batch and --check: the script is read, checked and run statement
 * by statement, so its length is not bounded by memory.
 */
static int
main_stream(const struct cmdline *cl, const char *name, const char *path)
{
	struct script_stream *st;
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *cause = NULL;
	int   status;

	if (in == NULL) {
		fprintf(stderr, "memviz: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	st = script_stream_open(name, in, &cl->opts);
	if (script_stream_start(st, &cause) != 0) {
		if (cause != NULL)
			fprintf(stderr, "memviz: %s\n", cause);
		status = cause != NULL ?
		    EXIT_USAGE :
		    main_errors(name, script_stream_errors(st));
		free(cause);
	} else
		status = cl->opts.check ? 0 :
					  main_batch(st, name, cl->opts.json);
	script_stream_close(st);
	if (in != stdin)
		fclose(in);
	return status;
}

/* The script's name and text, from SCRIPT, "-" or --demo. */
static int
main_load(const struct cmdline *cl, char **name, char **text)
{
	char *cause = NULL;

	*name = cl->demo != NULL ?
	    cmdline_find_demo(cl->demo) :
	    xstrdup(strcmp(cl->script, "-") == 0 ? "<stdin>" : cl->script);
	if (*name == NULL) {
		fprintf(stderr,
		    "memviz: no demo called '%s' (see "
		    "--list-demos)\n",
		    cl->demo);
		return -1;
	}
	*text = cmdline_read_file(cl->demo != NULL ||
		    strcmp(cl->script, "-") != 0 ?
		*name :
		"-",
	    &cause);
	if (*text == NULL) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		free(*name);
		return -1;
	}
	return 0;
}

static int
main_script(const struct cmdline *cl)
{
	struct script_errors   errs;
	struct script_program *prog;
	char		      *name, *text;
	int		       status;

	if (main_load(cl, &name, &text) != 0)
		return EXIT_USAGE;
	script_errors_init(&errs);
	prog = script_parse(name, text, &errs);
	if (prog == NULL)
		status = main_errors(name, &errs);
	else
		status = ui_run(name, text, &cl->opts);
	script_errors_free(&errs);
	script_program_free(prog);
	free(name);
	free(text);
	return status;
}

/* The script's name in messages, and the path to read it from. */
static int
main_source(const struct cmdline *cl)
{
	char *name;
	int   status;

	if (!cl->opts.batch && !cl->opts.check)
		return main_script(cl);
	name = cl->demo != NULL ?
	    cmdline_find_demo(cl->demo) :
	    xstrdup(strcmp(cl->script, "-") == 0 ? "<stdin>" : cl->script);
	if (name == NULL) {
		fprintf(stderr,
		    "memviz: no demo called '%s' (see "
		    "--list-demos)\n",
		    cl->demo);
		return EXIT_USAGE;
	}
	status = main_stream(cl, name, cl->demo != NULL ? name : cl->script);
	free(name);
	return status;
}

int
main(int argc, char **argv)
{
	struct cmdline cl;
	struct sbuf    out = SBUF_INIT;
	char	      *cause = NULL;
	int	       status = 0;

	if (cmdline_parse(argc, argv, &cl, &cause) != 0) {
		status = main_fail(cause);
		free(cause);
		return status;
	}
	if (cl.help || cl.version) {
		if (cl.help)
			cmdline_usage(&out);
		else
			sbuf_printf(&out, "memviz %s (script language %s)\n",
			    PACKAGE_VERSION, script_language_version());
		fputs(sbuf_str(&out), stdout);
		sbuf_free(&out);
		return 0;
	}
	if (cl.list_demos) {
		if (cmdline_list_demos(&out, &cause) != 0)
			status = main_fail(cause);
		fputs(sbuf_str(&out), stdout);
		sbuf_free(&out);
		free(cause);
		return status;
	}
	if (main_check_outputs(&cl) != 0)
		return EXIT_USAGE;
	if (cl.import != NULL)
		return cl.script == NULL ?
		    main_fail("--import needs a trace "
			      "FILE") :
		    import_main(cl.import, cl.script, cl.output);
	if (cl.script != NULL || cl.demo != NULL)
		return main_source(&cl);
	if (cl.opts.batch || cl.opts.check)
		return main_fail("--batch and --check need a SCRIPT or --demo");
	return ui_run(NULL, NULL, &cl.opts);
}
