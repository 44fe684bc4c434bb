/*
 * record.c - writing a file so that it is always whole.
 *
 * rename(2) replaces the target atomically; fsync before it makes sure
 * the new contents are on disk before the name points at them, and the
 * directory's fsync makes the rename itself durable (as git and
 * sqlite do).  A killed process leaves FILE.tmp behind at worst, never
 * a half-written FILE.
 */
#include "config.h"

#include "ui/record.h"
#include "common/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
record_write_all(int fd, const char *text, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync of the directory holding path, so the rename is durable. */
static void
record_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char	   *dir = slash == NULL ? xstrdup(".") :
		  slash == path		? xstrdup("/") :
					  xstrndup(path, (size_t)(slash - path));
	int	    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int
record_write_file(const char *path, const char *text, size_t len, char **cause)
{
	char *tmp = xasprintf("%s.tmp", path);
	int   fd, saved;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	if (record_write_all(fd, text, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	record_sync_dir(path);
	free(tmp);
	return 0;
fail:
	*cause = xasprintf("%s: %s", path, strerror(errno));
	free(tmp);
	return -1;
}

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
	if (record_write_file(r->path, text, strlen(text), cause) != 0)
		return -1;
	free(r->last);
	r->last = xstrdup(text);
	return 0;
}

void
record_close(struct record *r)
{
	free(r->path);
	free(r->last);
	memset(r, 0, sizeof *r);
}
