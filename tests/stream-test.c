/*
 * stream-test.c - memviz --batch reads a script as it runs it: a script
 * of more than two million statements, generated on the fly by a child
 * and piped to `memviz --batch -`, runs to its end (the million-
 * statement cap of whole-program parsing is gone) in bounded memory.
 *
 * Checks the number of output lines, the last ones, the exit status,
 * and the peak RSS of the children (getrusage RUSAGE_CHILDREN) against
 * a bound a whole-program parse of this script is far above (it was
 * ~300 MiB for a million).  No timing: the machine may be busy.  Under
 * AddressSanitizer, whose shadow memory and quarantine dwarf memviz's
 * own, the RSS bound is not checked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define STREAM_PAIRS   1000000	   /* malloc + free: two statements each */
#define STREAM_LIVE    100	   /* each freed this many later */
#define STREAM_REPEAT  1000	   /* iterations of the repeat block */
#define STREAM_RSS_MAX (64L << 10) /* KiB */

#if defined(__SANITIZE_ADDRESS__)
#define STREAM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STREAM_ASAN 1
#endif
#endif
#ifndef STREAM_ASAN
#define STREAM_ASAN 0
#endif

/* The script, as memviz --import names pointers, then a repeat. */
static void
stream_generate(FILE *f)
{
	unsigned long i;

	fputs("machine ram=64M\n", f);
	for (i = 1; i <= STREAM_PAIRS; i++) {
		fprintf(f, "p%lu = malloc(%lu)\n", i, 16 + i % 2000);
		if (i > STREAM_LIVE)
			fprintf(f, "free(p%lu)\n", i - STREAM_LIVE);
	}
	for (i = STREAM_PAIRS - STREAM_LIVE + 1; i <= STREAM_PAIRS; i++)
		fprintf(f, "free(p%lu)\n", i);
	fprintf(f,
	    "repeat %d {\n\tk$i = kmalloc(64, GFP_KERNEL)\n"
	    "\tkfree(k$i)\n}\nsay \"the end\"\n",
	    STREAM_REPEAT);
}

/* memviz reading in[0], writing out[1]; no other end stays open in it
 * (the script's write end would keep its input from ending). */
static pid_t
stream_spawn(const int in[2], const int out[2], const char *memviz)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0)
		_exit(127);
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(out[1]);
	execl(memviz, memviz, "--batch", "-", (char *)NULL);
	_exit(127);
}

/* Counts the output's lines and keeps the last three. */
static unsigned long
stream_read(FILE *f, char last[3][256])
{
	char	      line[256];
	unsigned long n = 0;

	while (fgets(line, sizeof line, f) != NULL) {
		memmove(last[0], last[1], 2 * sizeof last[0]);
		snprintf(last[2], sizeof last[2], "%s", line);
		n++;
	}
	return n;
}

int
main(void)
{
	const char   *memviz = getenv("MEMVIZ") ? getenv("MEMVIZ") : "./memviz";
	int	      script[2], output[2], st_gen, st_mv, fail = 0;
	char	      last[3][256] = { "", "", "" };
	unsigned long n, want;
	struct rusage ru;
	pid_t	      gen, mv;
	FILE	     *f;

	if (pipe(script) != 0 || pipe(output) != 0)
		return 99;
	if ((gen = fork()) == 0) {
		close(script[0]);
		close(output[0]);
		close(output[1]);
		f = fdopen(script[1], "w");
		stream_generate(f);
		_exit(fclose(f) == 0 ? 0 : 1);
	}
	mv = stream_spawn(script, output, memviz);
	close(script[0]);
	close(script[1]);
	close(output[1]);
	f = fdopen(output[0], "r");
	n = stream_read(f, last);
	fclose(f);
	if (gen < 0 || mv < 0 || waitpid(gen, &st_gen, 0) != gen ||
	    waitpid(mv, &st_mv, 0) != mv)
		return 99;
	/* the machine line, a line per statement, and the say */
	want = 1 + 2 * STREAM_PAIRS + 2 * STREAM_REPEAT + 1;
	if (!WIFEXITED(st_mv) || WEXITSTATUS(st_mv) != 0) {
		printf("FAIL: memviz --batch - ended with wait status %#x\n",
		    (unsigned)st_mv);
		fail = 1;
	}
	if (n != want) {
		printf("FAIL: %lu output lines, expected %lu\n", n, want);
		fail = 1;
	}
	if (strcmp(last[1], "kfree(k999) -> ok kmalloc-64\n") != 0 ||
	    strcmp(last[2], "# the end\n") != 0) {
		printf("FAIL: the output ends with:\n%s%s%s", last[0], last[1],
		    last[2]);
		fail = 1;
	}
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%lu statements streamed, peak RSS %ld KiB (bound %ld%s)\n",
	    want - 1, ru.ru_maxrss, STREAM_RSS_MAX,
	    STREAM_ASAN ? ", not checked under ASan" : "");
	if (!STREAM_ASAN && ru.ru_maxrss > STREAM_RSS_MAX) {
		printf("FAIL: peak RSS %ld KiB above %ld KiB\n", ru.ru_maxrss,
		    STREAM_RSS_MAX);
		fail = 1;
	}
	return fail;
}
