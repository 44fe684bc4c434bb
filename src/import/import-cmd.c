/*
 * import-cmd.c - `memviz --import FORMAT FILE [-o OUT]`: the mode main.c
 * hands off to.  Reads the trace, writes the script to standard output
 * or to OUT, and the messages to stderr.
 *
 * OUT is written by outfile_write: a regular file through a temporary
 * file beside it renamed into place, so an import that fails halfway
 * never leaves a truncated script where a good one was; a FIFO or a
 * device in place.  Exit status as memviz(1) documents for every mode:
 * 0 when something was imported, 2 for an unknown format, an unreadable
 * file, or a trace of which nothing could be imported, 3 when OUT could
 * not be written.
 */
#include "import/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/outfile.h"
#include "common/xmalloc.h"

#define IMPORT_EXIT_OK	   0
#define IMPORT_EXIT_USAGE  2
#define IMPORT_EXIT_OUTPUT 3 /* -o could not be written (a full disk) */

/* The whole of path ("-" is stdin); NULL with errno set. */
static char *
import_read(const char *path)
{
	FILE  *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char  *text = NULL;
	size_t len = 0, cap = 0, n;
	int    err;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096)
			text = xrealloc(text, cap = cap * 2 + 8192);
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	err = ferror(f) ? (errno != 0 ? errno : EIO) : 0;
	if (f != stdin)
		fclose(f);
	if (err != 0 || memchr(text, '\0', len) != NULL) {
		free(text);
		/* NUL bytes: binary, such as a trace-cmd .dat file */
		errno = err != 0 ? err : EINVAL;
		return NULL;
	}
	text[len] = '\0';
	return text;
}

/* The --import mode; returns the exit status. */
int
import_main(const char *format, const char *file, const char *output)
{
	struct sbuf	     script = SBUF_INIT, diag = SBUF_INIT;
	struct import_result res;
	char		    *text, *cause = NULL;
	int		     status = IMPORT_EXIT_OK;

	if ((text = import_read(file)) == NULL) {
		fprintf(stderr, "memviz: %s: %s\n", file,
		    errno == EINVAL ? "binary data, not a trace in text (use "
				      "trace-cmd report "
				      "on a .dat file)" :
				      strerror(errno));
		return IMPORT_EXIT_USAGE;
	}
	if (import_run(format, file, text, &script, &diag, &res, &cause) != 0) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		free(text);
		return IMPORT_EXIT_USAGE;
	}
	fputs(sbuf_str(&diag), stderr);
	if (res.ops == 0) {
		fprintf(stderr,
		    "memviz: %s: nothing to import: is it %s "
		    "output?\n",
		    file, format);
		status = IMPORT_EXIT_USAGE;
	} else if (output == NULL || strcmp(output, "-") == 0)
		fputs(sbuf_str(&script), stdout);
	else if (outfile_write(output, script.s, script.len, &cause) != 0) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		status = IMPORT_EXIT_OUTPUT;
	}
	sbuf_free(&script);
	sbuf_free(&diag);
	free(text);
	return status;
}
