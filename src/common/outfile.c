/*
 * outfile.c - following links, replacing regular files atomically,
 * writing streams in place.
 *
 * Links are followed by hand (readlink(2) until the name is not a link)
 * rather than with realpath(3), because a link to a file not yet created
 * is a valid target too: as `cp` and the shell's `>` do, the file it
 * names is created.  40 links at most, the kernel's MAXSYMLINKS
 * (include/linux/namei.h), after which ELOOP.  rename(2) over the link
 * itself would replace the link with a regular file and leave its target
 * as it was, so the temporary file goes beside the target.
 */
#include "config.h"

#include "common/outfile.h"
#include "common/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUTFILE_MAXSYMLINKS 40

/* The directory part of path ("." for a bare name); caller frees. */
static char *
outfile_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* path with its links followed, or NULL with errno (ELOOP). */
static char *
outfile_resolve(const char *path)
{
	char	    link[PATH_MAX], *p = xstrdup(path), *next, *dir;
	struct stat sb;
	ssize_t	    n;
	int	    i;

	for (i = 0; i <= OUTFILE_MAXSYMLINKS; i++) {
		if (lstat(p, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return p; /* not there yet: created where named */
		if ((n = readlink(p, link, sizeof link - 1)) < 0)
			break;
		link[n] = '\0';
		dir = outfile_dir(p);
		next = link[0] == '/' ? xstrdup(link) :
					xasprintf("%s/%s", dir, link);
		free(dir);
		free(p);
		p = next;
	}
	if (i > OUTFILE_MAXSYMLINKS)
		errno = ELOOP;
	free(p);
	return NULL;
}

static int
outfile_fail(const char *path, char **cause)
{
	*cause = xasprintf("%s: %s", path, strerror(errno));
	return -1;
}

static int
outfile_is_stream(const struct stat *sb)
{
	return S_ISFIFO(sb->st_mode) || S_ISCHR(sb->st_mode);
}

/* What stat says of target: 0 for a writable target, else errno. */
static int
outfile_target_error(const char *target)
{
	struct stat sb;
	char	   *dir;
	int	    err = 0;

	if (stat(target, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return EISDIR;
		if (outfile_is_stream(&sb))
			return faccessat(AT_FDCWD, target, W_OK, AT_EACCESS) ==
				0 ?
			    0 :
			    errno;
		if (!S_ISREG(sb.st_mode))
			return EINVAL; /* a socket or a block device */
	} else if (errno != ENOENT)
		return errno;
	dir = outfile_dir(target);
	if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
		err = errno;
	free(dir);
	return err;
}

int
outfile_check(const char *path, char **cause)
{
	char *target;
	int   err;

	if (strcmp(path, "-") == 0)
		return 0;
	if ((target = outfile_resolve(path)) == NULL)
		return outfile_fail(path, cause);
	err = outfile_target_error(target);
	free(target);
	if (err == EINVAL)
		*cause = xasprintf("%s: not a regular file, FIFO or character "
				   "device",
		    path);
	else if (err != 0)
		*cause = xasprintf("%s: %s", path, strerror(err));
	return err != 0 ? -1 : 0;
}

int
outfile_stream(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && outfile_is_stream(&sb);
}

static int
outfile_write_all(int fd, const char *text, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = ENOSPC;
		if (n <= 0)
			return -1;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync of the directory holding path, so the rename is durable. */
static void
outfile_sync_dir(const char *path)
{
	char *dir = outfile_dir(path);
	int   fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* A FIFO or character device: written where it is, as `>` writes. */
static int
outfile_write_stream(const char *target, const char *text, size_t len)
{
	int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC), saved;

	if (fd < 0)
		return -1;
	if (outfile_write_all(fd, text, len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* A regular file: TARGET.tmp, fsync, rename, fsync of the directory. */
static int
outfile_replace(const char *target, const char *text, size_t len)
{
	char *tmp = xasprintf("%s.tmp", target);
	int   fd, saved, r;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	r = outfile_write_all(fd, text, len) == 0 && fsync(fd) == 0 ? 0 : -1;
	saved = errno;
	if (close(fd) != 0 && r == 0) {
		saved = errno;
		r = -1;
	}
	if (r == 0 && rename(tmp, target) != 0) {
		saved = errno;
		r = -1;
	}
	if (r != 0)
		unlink(tmp);
	else
		outfile_sync_dir(target);
	free(tmp);
	errno = saved;
	return r;
}

int
outfile_write(const char *path, const char *text, size_t len, char **cause)
{
	struct stat sb;
	char	   *target;
	int	    r;

	if ((target = outfile_resolve(path)) == NULL)
		return outfile_fail(path, cause);
	if (stat(target, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		errno = EISDIR;
		r = -1;
	} else if (stat(target, &sb) == 0 && outfile_is_stream(&sb))
		r = outfile_write_stream(target, text, len);
	else
		r = outfile_replace(target, text, len);
	free(target);
	return r != 0 ? outfile_fail(path, cause) : 0;
}
