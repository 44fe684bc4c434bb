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

#define IMPORT_READ (64u << 10)

/*
 * Feeds f's lines to im, writing the script to out as it becomes ready
 * (out NULL: kept in script, for -o).  Returns 0, or an errno (EINVAL:
 * NUL bytes, a binary file such as a trace-cmd .dat).
 */
static int
import_pump(struct import *im, FILE *f, FILE *out, struct sbuf *script)
{
	char	   *buf = xmalloc(IMPORT_READ);
	struct sbuf line = SBUF_INIT;
	size_t	    n, i, from;
	int	    err = 0;

	while (err == 0 && (n = fread(buf, 1, IMPORT_READ, f)) > 0) {
		if (memchr(buf, '\0', n) != NULL)
			err = EINVAL;
		for (i = from = 0; err == 0 && i < n; i++) {
			if (buf[i] != '\n')
				continue;
			sbuf_add(&line, buf + from, i - from);
			import_feed(im, line.s != NULL ? line.s : "", line.len);
			sbuf_reset(&line);
			from = i + 1;
		}
		sbuf_add(&line, buf + from, n - from);
		import_drain(im, script);
		if (out != NULL && script->len > 0) {
			fwrite(script->s, 1, script->len, out);
			sbuf_reset(script);
		}
	}
	if (err == 0 && ferror(f))
		err = errno != 0 ? errno : EIO;
	if (err == 0 && line.len > 0)
		import_feed(im, line.s, line.len);
	sbuf_free(&line);
	free(buf);
	return err;
}

static int
import_fail(const char *file, int err)
{
	fprintf(stderr, "memviz: %s: %s\n", file,
	    err == EINVAL ? "binary data, not a trace in text (use "
			    "trace-cmd report on a .dat file)" :
			    strerror(err));
	return IMPORT_EXIT_USAGE;
}

/*
 * The --import mode; returns the exit status.  To standard output the
 * script streams (a trace of any length in bounded memory, straight
 * into `memviz --batch -`); -o FILE gets it whole, renamed into place.
 */
int
import_main(const char *format, const char *file, const char *output)
{
	struct sbuf	     script = SBUF_INIT, diag = SBUF_INIT;
	struct import_result res;
	struct import	    *im;
	FILE		    *f, *out = NULL;
	char		    *cause = NULL;
	int		     status = IMPORT_EXIT_OK, err;

	if (output == NULL || strcmp(output, "-") == 0)
		out = stdout;
	if ((im = import_open(format, file, &diag, &res, &cause)) == NULL) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		return IMPORT_EXIT_USAGE;
	}
	f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	err = f == NULL ? errno : import_pump(im, f, out, &script);
	if (f != NULL && f != stdin)
		fclose(f);
	if (err == 0)
		import_end(im, &script);
	import_close(im);
	if (err == 0)
		fputs(sbuf_str(&diag), stderr);
	if (err != 0)
		status = import_fail(file, err);
	else if (res.ops == 0) {
		fprintf(stderr,
		    "memviz: %s: nothing to import: is it %s "
		    "output?\n",
		    file, format);
		status = IMPORT_EXIT_USAGE;
	} else if (out != NULL)
		fwrite(script.s, 1, script.len, out);
	else if (outfile_write(output, script.s, script.len, &cause) != 0) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		status = IMPORT_EXIT_OUTPUT;
	}
	sbuf_free(&script);
	sbuf_free(&diag);
	return status;
}
