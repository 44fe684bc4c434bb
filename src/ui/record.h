/*
 * record.h - --record FILE: the session saved as a script, valid on
 * disk at every moment.
 *
 * After each change the whole session (script_interp_write_session) is
 * written to FILE.tmp, fsync'd and renamed over FILE, then the directory
 * is fsync'd, so a session ended by SIGTERM, SIGHUP, a closed terminal
 * or a crash leaves either the previous complete script or the new one,
 * never a truncated or empty file.  A FIFO or character device gets
 * the final session once, at record_flush.  No curses here: tested
 * without a terminal.
 */
#ifndef MEMVIZ_UI_RECORD_H
#define MEMVIZ_UI_RECORD_H

#include <stddef.h>

#include "common/sbuf.h"

struct record {
	char *path;    /* NULL: not recording */
	char *last;    /* the text last written (or, to a stream, due) */
	int   stream;  /* a FIFO or character device: written at the end */
	int   pending; /* last is due to the stream */
};

/*
 * Starts recording to path and writes text (the machine line at least)
 * at once, so the file exists and is valid from the start.  Returns 0,
 * or -1 with *cause (caller frees).
 */
int record_open(struct record *r, const char *path, const char *text,
    char **cause);
/* Writes text when it differs from what is on disk.  0, or -1 and *cause. */
int record_update(struct record *r, const char *text, char **cause);
/* At the end: writes the session due to a stream.  0, or -1 and *cause. */
int  record_flush(struct record *r, char **cause);
void record_close(struct record *r);

/*
 * Drops trailing `predict` and `expect` lines from a session: they wait
 * for an operation the session never ran, and a script ending in one
 * fails memviz --check.
 */
void record_trim(struct sbuf *session);

#endif
