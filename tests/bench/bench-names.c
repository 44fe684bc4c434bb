/*
 * bench-names.c - `make bench`'s imported-trace figures: a malloc/free
 * trace shaped like a real program's, written as `memviz --import
 * ltrace` writes one, every pointer named anew (p1 ... pN), run by
 * memviz --batch from exec to exit.
 *
 * Sizes follow what allocation studies of C programs report: most
 * requests are small (strings, list and tree nodes), a tail reaches
 * kilobytes and a few cross glibc's mmap threshold.  Lifetimes too:
 * most objects die young and in reverse order of birth (temporaries),
 * some after a while, a few live long.  Figures: ops/s with --quiet
 * and with every line written to a file, the child's peak RSS
 * (wait4's ru_maxrss), and the malloc/free calls on the machine alone
 * against the real glibc doing the same calls in this process.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "sim/machine.h"

#define NAMES_LIVE_MAX 20000 /* objects alive at most */

struct names_call {
	uint32_t slot; /* where the pointer is kept while alive */
	uint32_t id;   /* its name: p<id> */
	uint32_t size; /* 0: a free */
};

struct names_trace {
	struct names_call *c;
	size_t		   n;
};

static uint64_t
names_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* A request size: small mostly, a tail of large ones. */
static uint32_t
names_size(uint64_t *s)
{
	/* clang-format off */
	static const struct { unsigned pct; uint32_t lo, hi; } band[] = {
		{ 40, 8, 64 }, { 30, 65, 256 }, { 15, 257, 1024 },
		{ 10, 1025, 8192 }, { 4, 8193, 131072 },
		{ 1, 131073, 1048576 },
	};
	/* clang-format on */
	unsigned r = (unsigned)(names_rand(s) % 100), i = 0;

	while (r >= band[i].pct) {
		r -= band[i].pct;
		i++;
	}
	return band[i].lo +
	    (uint32_t)(names_rand(s) % (band[i].hi - band[i].lo + 1));
}

/* Which live object dies: the youngest, a recent one, or any. */
static size_t
names_victim(uint64_t *s, size_t live)
{
	unsigned r = (unsigned)(names_rand(s) % 100);
	size_t	 recent = live < 64 ? live : 64;

	if (r < 70)
		return live - 1;
	if (r < 95)
		return live - 1 - (size_t)(names_rand(s) % recent);
	return (size_t)(names_rand(s) % live);
}

static struct names_trace
names_make(size_t n, uint64_t seed)
{
	struct names_trace t = { calloc(n, sizeof *t.c), n };
	uint32_t *live = calloc(NAMES_LIVE_MAX, sizeof *live); /* slots */
	uint32_t *ids = calloc(NAMES_LIVE_MAX, sizeof *ids);
	uint32_t *spare = calloc(NAMES_LIVE_MAX, sizeof *spare), next = 0;
	size_t	  i, k, nlive = 0, nspare = NAMES_LIVE_MAX;

	for (i = 0; i < NAMES_LIVE_MAX; i++)
		spare[i] = (uint32_t)(NAMES_LIVE_MAX - 1 - i);
	for (i = 0; i < n; i++) {
		/* more mallocs while few are alive: the heap breathes */
		int alloc = nlive == 0 ||
		    (nlive < NAMES_LIVE_MAX &&
			names_rand(&seed) % 1000 <
			    (nlive < 2000 ? 560 : 500 - nlive / 400));

		if (alloc) {
			live[nlive] = spare[--nspare];
			ids[nlive] = ++next;
			t.c[i] = (struct names_call) { live[nlive], next,
				names_size(&seed) };
			nlive++;
			continue;
		}
		k = names_victim(&seed, nlive);
		t.c[i] = (struct names_call) { live[k], ids[k], 0 };
		spare[nspare++] = live[k];
		memmove(live + k, live + k + 1, (nlive - k - 1) * sizeof *live);
		memmove(ids + k, ids + k + 1, (nlive - k - 1) * sizeof *ids);
		nlive--;
	}
	free(live);
	free(ids);
	free(spare);
	return t;
}

/* The trace as memviz --import writes it, into a temporary file. */
static int
names_script(const struct names_trace *t, char *path)
{
	int   fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	size_t i;

	if (f == NULL)
		return -1;
	fprintf(f, "# a generated trace, named as memviz --import names\n"
		   "machine ram=4G\n");
	for (i = 0; i < t->n; i++) {
		if (t->c[i].size != 0)
			fprintf(f, "p%u = malloc(%u)\n", t->c[i].id,
			    t->c[i].size);
		else
			fprintf(f, "free(p%u)\n", t->c[i].id);
	}
	return fclose(f);
}

/*
 * memviz ARGS... with stdout to out: wall seconds; *cpu its user and
 * system seconds (what a busy machine does not inflate), *rss_kib its
 * peak RSS.
 */
static double
names_run(char *const argv[], const char *out, long *rss_kib, double *cpu)
{
	struct rusage ru;
	double	      t0 = bench_now();
	pid_t	      pid = fork();
	int	      status, fd;

	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	*rss_kib = ru.ru_maxrss;
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return bench_now() - t0;
}

/* The calls with the real glibc, then on the machine alone. */
static void
names_vs_glibc(const struct names_trace *t, double *native, double *sim)
{
	void		     **p = calloc(NAMES_LIVE_MAX, sizeof *p);
	uint64_t	      *a = calloc(NAMES_LIVE_MAX, sizeof *a);
	struct machine_config cfg;
	struct machine	     *m;
	struct step	      st;
	char		     *cause = NULL;
	double		      t0 = bench_now();
	size_t		      i;

	for (i = 0; i < t->n; i++) {
		if (t->c[i].size != 0)
			p[t->c[i].slot] = malloc(t->c[i].size);
		else
			free(p[t->c[i].slot]);
	}
	*native = bench_now() - t0;
	machine_config_default(&cfg);
	machine_config_set(&cfg, "ram", "4G", &cause);
	m = machine_create(&cfg, &cause);
	step_init(&st);
	st.silent = 1;
	t0 = bench_now();
	for (i = 0; m != NULL && i < t->n; i++) {
		if (t->c[i].size != 0) {
			machine_malloc(m, t->c[i].size, &st);
			a[t->c[i].slot] = st.addr;
		} else
			machine_free(m, a[t->c[i].slot], &st);
	}
	*sim = bench_now() - t0;
	step_free(&st);
	machine_destroy(m);
	free(cause);
	free(p);
	free(a);
}

void
bench_names(const char *memviz, size_t n, struct bench_names *f)
{
	struct names_trace t = names_make(n, 7);
	const char	  *other = getenv("BENCH_MEMVIZ"); /* another build */
	char		   path[] = "/tmp/memviz-bench-names-XXXXXX";
	char		   out[] = "/tmp/memviz-bench-names-out";
	char	   *quiet[] = { NULL, "--batch", "--quiet", path, NULL };
	char	   *lines[] = { NULL, "--batch", path, NULL };
	double	    secs, cpu = 0, native, sim;
	long	    rss = 0;

	memset(f, 0, sizeof *f);
	if (other != NULL && *other != '\0')
		memviz = other;
	printf("\nan imported-style trace: %zu malloc/free calls, a new "
	       "name per allocation (p1 ... pN)\n",
	    n);
	quiet[0] = lines[0] = (char *)memviz;
	if (names_script(&t, path) != 0) {
		printf("  (no temporary file)\n");
		free(t.c);
		return;
	}
	/* a forked child's ru_maxrss starts at this process's size: the
	   trace goes, and comes back (the same seed) for the native part */
	free(t.c);
	if ((secs = names_run(quiet, "/dev/null", &rss, &cpu)) > 0) {
		f->quiet = (double)n / secs;
		f->rss_kib = rss;
	}
	printf("  memviz --batch --quiet: %.2f s, %.0f ops/s (%.0f per CPU "
	       "second), peak RSS %.1f MiB\n",
	    secs, f->quiet, cpu > 0 ? (double)n / cpu : 0, (double)rss / 1024);
	if ((secs = names_run(lines, out, &rss, &cpu)) > 0)
		f->lines = (double)n / secs;
	printf("  memviz --batch > file:  %.2f s, %.0f ops/s (%.0f per CPU "
	       "second), peak RSS %.1f MiB\n",
	    secs, f->lines, cpu > 0 ? (double)n / cpu : 0, (double)rss / 1024);
	t = names_make(n, 7);
	names_vs_glibc(&t, &native, &sim);
	f->glibc = native > 0 ? sim / native : 0;
	printf("  the calls alone: machine %.3f s, native glibc %.3f s "
	       "(%.1fx)\n",
	    sim, native, f->glibc);
	if (getenv("BENCH_KEEP") != NULL) /* to profile memviz on it */
		printf("  the script is kept in %s\n", path);
	else
		unlink(path);
	unlink(out);
	free(t.c);
}
