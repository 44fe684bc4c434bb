/*
 * record.c - the recording: the session's script, on disk as it grows.
 *
 * Every change is written whole through outfile_write, which replaces a
 * regular file atomically, so the file is a complete script at every
 * moment.  A FIFO or a character device cannot be rewritten: there the
 * final session is written once, by record_flush at the end (and opening
 * a FIFO for writing waits for its reader, which must not stop the
 * session at every step).
 */
#include "config.h"

#include "ui/record.h"
#include "common/outfile.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* A statement that waits for an operation after it. */
static int
record_dangling(const char *line)
{
	return strncmp(line, "predict ", 8) == 0 ||
	    strncmp(line, "expect ", 7) == 0;
}

void
record_trim(struct sbuf *session)
{
	size_t start, end;

	if (session->s == NULL)
		return;
	for (;;) {
		end = session->len;
		if (end > 0 && session->s[end - 1] == '\n')
			end--;
		for (start = end; start > 0 && session->s[start - 1] != '\n';)
			start--;
		if (start == end || !record_dangling(session->s + start))
			break;
		session->len = start;
		session->s[start] = '\0';
	}
}

int
record_open(struct record *r, const char *path, const char *text, char **cause)
{
	memset(r, 0, sizeof *r);
	r->path = xstrdup(path);
	r->stream = outfile_stream(path);
	if (record_update(r, text, cause) != 0) {
		record_close(r);
		return -1;
	}
	return 0;
}

int
record_update(struct record *r, const char *text, char **cause)
{
	if (r->path == NULL)
		return 0;
	if (r->last != NULL && strcmp(r->last, text) == 0)
		return 0;
	if (!r->stream &&
	    outfile_write(r->path, text, strlen(text), cause) != 0)
		return -1;
	free(r->last);
	r->last = xstrdup(text);
	r->pending = r->stream;
	return 0;
}

int
record_flush(struct record *r, char **cause)
{
	if (r->path == NULL || !r->pending)
		return 0;
	r->pending = 0;
	return outfile_write(r->path, r->last, strlen(r->last), cause);
}

void
record_close(struct record *r)
{
	free(r->path);
	free(r->last);
	memset(r, 0, sizeof *r);
}
