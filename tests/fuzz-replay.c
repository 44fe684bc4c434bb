/*
 * fuzz-replay.c - runs the fuzz target over files without libFuzzer, so
 * a normal (gcc, or the CI sanitizer) build replays the corpus in
 * `make check`.
 *
 * Arguments are files or directories (each regular file in a directory,
 * in name order so a failure is reproducible); with none, the corpus the
 * target names in fuzz_replay_dirs (under the source tree).  Every file
 * goes through LLVMFuzzerTestOneInput exactly as libFuzzer would feed
 * it.  A crash or sanitizer report ends the process; otherwise the exit
 * status is 0, or 99 (a hard error to the test harness) when a file
 * cannot be read or no file was found at all.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/sbuf.h"
#include "common/xmalloc.h"

#define REPLAY_ERROR 99 /* automake's "hard error" status */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The target's own corpus, relative to the source tree, NULL-ended. */
extern const char *const fuzz_replay_dirs[];

/* Feeds one file to the target; -1 when it cannot be read. */
static int
replay_file(const char *path)
{
	struct sbuf b = SBUF_INIT;
	char	    buf[8192];
	FILE	   *f;
	size_t	    n;
	int	    bad;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	sbuf_puts(&b, "");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	bad = ferror(f);
	fclose(f);
	if (bad)
		fprintf(stderr, "fuzz-replay: %s: read error\n", path);
	else
		LLVMFuzzerTestOneInput((const uint8_t *)b.s, b.len);
	sbuf_free(&b);
	return bad ? -1 : 0;
}

static int
replay_sort(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, sorted; returns how many or -1. */
static long
replay_dir(const char *dir)
{
	struct dirent *de;
	struct stat    sb;
	char	     **names = NULL, *path;
	size_t	       n = 0, cap = 0, i;
	long	       done = 0;
	DIR	      *d;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "fuzz-replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, replay_sort);
	for (i = 0; i < n; i++) {
		path = names[i];
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && done >= 0)
			done = replay_file(path) == 0 ? done + 1 : -1;
		free(path);
	}
	free(names);
	return done;
}

static long
replay_path(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(sb.st_mode))
		return replay_dir(path);
	return replay_file(path) == 0 ? 1 : -1;
}

static long
replay_arg(const char *arg, int relative)
{
	char *path;
	long  n;

	if (!relative)
		return replay_path(arg);
	path = xasprintf("%s/%s", FUZZ_SRCDIR, arg);
	n = replay_path(path);
	free(path);
	return n;
}

int
main(int argc, char **argv)
{
	const char *const *args = (const char *const *)argv + 1;
	long		   files = 0, n;

	if (argc < 2)
		args = fuzz_replay_dirs;
	for (; *args != NULL; args++) {
		if ((n = replay_arg(*args, argc < 2)) < 0)
			return REPLAY_ERROR;
		files += n;
	}
	printf("fuzz-replay: %ld inputs ran clean\n", files);
	return files > 0 ? 0 : REPLAY_ERROR;
}
