/*
 * import.h - turn a real trace into a memviz script.
 *
 * A teacher records what a real program or a real kernel did, with
 * ltrace (the malloc family of one process) or ftrace (the kernel's kmem
 * events), and replays it on the simulated machine.  The importer reads
 * the trace line by line and writes one script statement per allocation
 * or release, naming each pointer (p1, p2, ... for user memory; k1, ...
 * for kmalloc objects; pg1, ... for pages) by the address the trace
 * shows, so the script reads like the trace and passes `memviz --check`.
 *
 * Nothing is dropped silently: a line that cannot be understood is
 * reported as "FILE:LINE: not understood: TEXT"; a release of a pointer
 * the trace never handed out, a failed allocation and a call of another
 * function are counted and reported; the script's comment header and
 * the summary line give every count.
 *
 * import_run() prints nothing: the caller writes the script and the
 * messages.  import_main() is the command-line mode that does.
 */
#ifndef MEMVIZ_IMPORT_IMPORT_H
#define MEMVIZ_IMPORT_IMPORT_H

#include "common/sbuf.h"

/* The outcome of one import, filled by import_run(). */
struct import_result {
	unsigned long lines;	      /* lines read */
	unsigned long ops;	      /* statements written */
	unsigned long not_understood; /* lines reported as such */
	unsigned long unknown_frees;  /* releases of pointers never seen */
};

/*
 * Imports text, the contents of the trace called file, read as format.
 * Appends the script to script and the messages for stderr (one line
 * each, the summary last) to diag.  Returns 0, or -1 with *cause
 * (caller frees) when format is unknown.  A trace with nothing to import
 * still gives a valid script; res->ops says whether it holds anything.
 */
int import_run(const char *format, const char *file, const char *text,
    struct sbuf *script, struct sbuf *diag, struct import_result *res,
    char **cause);

/*
 * The same line by line, for a trace of any length (import-cmd.c):
 *   im = import_open(format, file, diag, &res, &cause);   NULL: unknown
 *   import_feed(im, line, len) for each line (without its newline),
 *   import_drain(im, out) now and then: the script ready to be written
 *   (nothing while the first IMPORT_HOLD bytes are held back, so a
 *   short trace gets import_run's script, header first),
 *   import_end(im, out): the rest, and the messages into diag;
 *   import_close(im).
 * A longer trace's script says in its first line that it streamed: its
 * counts come last, as comments.
 */
struct import;
struct import *import_open(const char *format, const char *file,
    struct sbuf *diag, struct import_result *res, char **cause);
void	       import_feed(struct import *im, const char *line, size_t len);
void	       import_drain(struct import *im, struct sbuf *out);
void	       import_end(struct import *im, struct sbuf *out);
void	       import_close(struct import *im);

/*
 * The --import mode of memviz (import-cmd.c): imports file ("-" is
 * stdin) and writes the script to output (NULL or "-": stdout), the
 * messages to stderr.  Returns the exit status: 0, or 2 for an unknown
 * format, an unreadable file or nothing to import.
 */
int import_main(const char *format, const char *file, const char *output);

#endif
