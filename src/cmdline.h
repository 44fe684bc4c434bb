/*
 * cmdline.h - the command line of memviz: options, modes, and where the
 * bundled demos are found.
 */
#ifndef MEMVIZ_CMDLINE_H
#define MEMVIZ_CMDLINE_H

#include "common/sbuf.h"
#include "script/script.h"

struct cmdline {
	struct script_opts opts;
	const char	  *script; /* a path, "-" for stdin, or NULL */
	const char	  *demo;   /* --demo NAME, or NULL */
	int		   help;
	int		   version;
	int		   list_demos;
	const char	  *import; /* --import FORMAT: SCRIPT is a trace */
	const char	  *output; /* -o FILE, for --import */
};

/*
 * Parses argv into cl.  Returns 0, or -1 with *cause (caller frees) for
 * bad usage; machine options are validated here.
 */
int cmdline_parse(int argc, char **argv, struct cmdline *cl, char **cause);
/* The --help text, generated from the option and profile tables. */
void cmdline_usage(struct sbuf *out);

/*
 * The demo called name ("tour" or "tour.mvs"): looks in
 * $MEMVIZ_DEMO_DIR, then the source tree when memviz runs uninstalled,
 * then PKGDATADIR/demos.  Returns its path (caller frees) or NULL.
 */
char *cmdline_find_demo(const char *name);
/* "NAME  summary" lines for every demo of the first directory found. */
int cmdline_list_demos(struct sbuf *out, char **cause);
/* Reads a whole file ("-" is stdin); NULL with *cause on error. */
char *cmdline_read_file(const char *path, char **cause);

#endif
