/*
 * main.c - the command line picks a mode and hands off: --check parses,
 * --batch runs the script with no terminal, anything else goes to the
 * TUI.  Batch never touches curses.
 */
#include "config.h"

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
		cl->opts.export_html, cl->output };
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

/* Runs every statement, printing each one's batch text. */
static int
main_batch(const struct script_program *prog, const struct script_opts *o)
{
	const struct script_result *r;
	struct script_interp	   *ip;
	struct sbuf		    line = SBUF_INIT;
	char			   *cause = NULL;
	size_t			    bad;

	if ((ip = script_interp_create(prog, o, &cause)) == NULL) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		return EXIT_USAGE;
	}
	script_interp_machine_line(ip, &line);
	printf("%s\n", sbuf_str(&line));
	sbuf_free(&line);
	while ((r = script_interp_next(ip)) != NULL) {
		if (*r->batch != '\0') /* --quiet: most are empty */
			fputs(r->batch, stdout);
	}
	bad = script_interp_unexpected(ip);
	script_interp_destroy(ip);
	if (bad == 0)
		return 0;
	fflush(stdout);
	fprintf(stderr,
	    "memviz: %zu simulated failure%s the script did not "
	    "expect\n",
	    bad, bad == 1 ? "" : "s");
	return EXIT_UNEXPECTED;
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
	struct sbuf	       out = SBUF_INIT;
	char		      *name, *text;
	int		       status;

	if (main_load(cl, &name, &text) != 0)
		return EXIT_USAGE;
	script_errors_init(&errs);
	prog = script_parse(name, text, &errs);
	if (prog == NULL) {
		script_errors_format(&errs, &out);
		fputs(sbuf_str(&out), stderr);
		fprintf(stderr, "%s: %zu error%s\n", name, errs.n,
		    errs.n == 1 ? "" : "s");
		status = EXIT_USAGE;
	} else if (cl->opts.check)
		status = 0;
	else if (cl->opts.batch) {
		free(text); /* nothing of the program points into it */
		text = NULL;
		status = main_batch(prog, &cl->opts);
	} else
		status = ui_run(name, text, &cl->opts);
	sbuf_free(&out);
	script_errors_free(&errs);
	script_program_free(prog);
	free(name);
	free(text);
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
		return main_script(&cl);
	if (cl.opts.batch || cl.opts.check)
		return main_fail("--batch and --check need a SCRIPT or --demo");
	return ui_run(NULL, NULL, &cl.opts);
}
