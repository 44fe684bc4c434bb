/*
 * outfile.h - the files memviz writes (--record, --export-text,
 * --export-html, --import's -o), written as careful Unix tools write
 * them.
 *
 * A symbolic link is followed: its target is written, the link stays.
 * A regular file (or a new one) is replaced atomically: the text goes to
 * TARGET.tmp beside it, is fsync'd and renamed over TARGET, then the
 * directory is fsync'd, so a reader sees the old file or the new one,
 * never half of one.  A FIFO or a character device (a pipe's reader, a
 * terminal, /dev/null, /dev/full) cannot be replaced: it is opened and
 * written in place, and since a stream cannot be rewritten its writer
 * writes it once (outfile_stream says which).
 *
 * Each target is checked before anything runs (outfile_check), so a
 * directory, a missing or read-only directory fails at once; what can
 * only fail later (a full disk) fails in outfile_write.
 */
#ifndef MEMVIZ_COMMON_OUTFILE_H
#define MEMVIZ_COMMON_OUTFILE_H

#include <stddef.h>

/*
 * Whether path can be written: not a directory, not a socket or block
 * device, in a directory that exists and may be written (the link's
 * target's directory for a symbolic link), or a FIFO or character device
 * that may be opened for writing.  "-" (standard output) always can.
 * Returns 0, or -1 with *cause ("PATH: why", caller frees).
 */
int outfile_check(const char *path, char **cause);

/* Whether path is (a link to) a FIFO or a character device. */
int outfile_stream(const char *path);

/*
 * Writes len bytes of text to path as the comment above says.  Returns
 * 0, or -1 with *cause ("PATH: why", caller frees).
 */
int outfile_write(const char *path, const char *text, size_t len, char **cause);

#endif
