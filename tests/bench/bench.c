/*
 * bench.c - memviz's performance figures, run by `make bench`.
 *
 * Not a test: it prints measurements and how they compare with the
 * targets of issue 8, and always exits 0 unless the machine cannot be
 * built.  Figures:
 *  - throughput of a generated trace that mixes every allocator, in
 *    operations per second, on 64 MiB, 1 GiB and 16 GiB machines
 *    (time per operation should stay flat as the machine grows);
 *  - the trace's malloc/free part against the real glibc doing the same
 *    calls natively in this process;
 *  - issue 19's huge requests (malloc(60000G) and calloc(9999999994,
 *    64) on 16 MiB, mapped and refused), which must cost what they
 *    touch;
 *  - boot time of each machine, and peak RSS of a 16 GiB machine after
 *    boot and after the trace, measured in a fresh process (bench --rss);
 *  - with bench-prog.c: the trace as a script through the interpreter,
 *    memviz --batch --quiet on it from exec to exit (issue 8's batch
 *    replay figure: reading, parsing and running, per-line output
 *    off), memviz --batch with its output, start-up to the first line,
 *    and the TUI on a pseudo-terminal (first frame, CPU per redraw,
 *    bytes for one animated kmalloc) when the TUI starts.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "sim/machine.h"

#define POOL	BENCH_POOL

double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Peak RSS of this process image.  VmHWM, not getrusage(): ru_maxrss
 * carries over the peak of whatever image exec replaced, and a child
 * spawned by a big parent would report the parent's.
 */
static long
peak_rss_kb(void)
{
	struct rusage ru;
	long kib = bench_vmhwm_kib(getpid());

	if (kib > 0)
		return kib;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* xorshift64*: the trace must be the same on every run. */
static uint64_t
bench_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* Sizes as programs ask for them: mostly small, a tail of large ones. */
static uint64_t
bench_size(uint64_t *s, enum bench_kind k)
{
	uint64_t r = bench_rand(s);

	switch (k) {
	case B_KMALLOC:
		return (r % 16 == 0) ? 8193 + r % 60000 : 1 + r % 1024;
	case B_VMALLOC:
		return 4096 + r % (32 * 1024);
	case B_MALLOC:
		return (r % 64 == 0) ? 4096 + r % 200000 : 1 + r % 1500;
	default:
		return 0;
	}
}

static struct bench_trace
bench_trace_make(size_t n, uint64_t seed)
{
	struct bench_trace t = { calloc(n, sizeof(struct bench_op)), n };
	static const uint8_t mix[16] = { 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3,
	    2, 2, 1, 3 };
	uint8_t *live[B__COUNT];
	size_t i, k;

	if (t.op == NULL)
		exit(1);
	for (k = 0; k < B__COUNT; k++)
		live[k] = calloc(POOL, 1);
	for (i = 0; i < n; i++) {
		struct bench_op *op = &t.op[i];

		op->kind = mix[bench_rand(&seed) % 16];
		op->slot = (uint32_t)(bench_rand(&seed) % POOL);
		op->free = live[op->kind][op->slot];
		live[op->kind][op->slot] = !op->free;
		op->order = (uint16_t)(bench_rand(&seed) % 4);
		op->size = bench_size(&seed, (enum bench_kind)op->kind);
	}
	for (k = 0; k < B__COUNT; k++)
		free(live[k]);
	return t;
}

/* Runs one trace operation; addr[] keeps what each slot holds. */
void
bench_run_op(struct machine *m, const struct bench_op *op, uint64_t *addr,
    uint16_t *order, struct step *st)
{
	uint64_t *a = &addr[op->kind * POOL + op->slot];

	if (op->free && *a == 0)
		return;
	switch (op->kind) {
	case B_KMALLOC:
		op->free ? machine_kfree(m, *a, st) :
		    machine_kmalloc(m, op->size, GFP_KERNEL, st);
		break;
	case B_VMALLOC:
		op->free ? machine_vfree(m, *a, st) :
		    machine_vmalloc(m, op->size, GFP_KERNEL, st);
		break;
	case B_PAGES:
		op->free ? machine_free_pages(m, *a, order[op->slot], st) :
		    machine_get_free_pages(m, GFP_KERNEL, op->order, st);
		if (!op->free)
			order[op->slot] = op->order;
		break;
	default:
		op->free ? machine_free(m, *a, st) :
		    machine_malloc(m, op->size, st);
		break;
	}
	*a = op->free ? 0 : (st->status == SIM_OK ? st->addr : 0);
}

static struct machine *
bench_boot(const char *ram, unsigned fragment, double *secs)
{
	struct machine_config cfg;
	char *cause = NULL, frag[16];
	struct machine *m;
	double t0;

	machine_config_default(&cfg);
	snprintf(frag, sizeof frag, "%u", fragment);
	if (machine_config_set(&cfg, "ram", ram, &cause) != 0 ||
	    machine_config_set(&cfg, "fragment", frag, &cause) != 0) {
		fprintf(stderr, "bench: %s\n", cause);
		exit(1);
	}
	t0 = bench_now();
	m = machine_create(&cfg, &cause);
	*secs = bench_now() - t0;
	if (m == NULL) {
		fprintf(stderr, "bench: %s\n", cause);
		exit(1);
	}
	return m;
}

/* Replays the trace; returns seconds and counts successful operations. */
static double
bench_replay(struct machine *m, const struct bench_trace *t, size_t *ok)
{
	uint64_t *addr = calloc(B__COUNT * POOL, sizeof *addr);
	uint16_t *order = calloc(POOL, sizeof *order);
	struct step st;
	double t0;
	size_t i;

	step_init(&st);
	st.silent = 1;		/* per-line output off: no event records */
	*ok = 0;
	t0 = bench_now();
	for (i = 0; i < t->n; i++) {
		bench_run_op(m, &t->op[i], addr, order, &st);
		*ok += st.status == SIM_OK;
	}
	t0 = bench_now() - t0;
	step_free(&st);
	free(addr);
	free(order);
	return t0;
}

/* The trace's malloc/free operations with the real glibc. */
static double
bench_native_malloc(const struct bench_trace *t, size_t *calls)
{
	void **p = calloc(POOL, sizeof *p);
	double t0 = bench_now();
	size_t i;

	*calls = 0;
	for (i = 0; i < t->n; i++) {
		const struct bench_op *op = &t->op[i];

		if (op->kind != B_MALLOC)
			continue;
		(*calls)++;
		if (op->free) {
			free(p[op->slot]);
			p[op->slot] = NULL;
		} else
			p[op->slot] = malloc(op->size);
	}
	t0 = bench_now() - t0;
	for (i = 0; i < POOL; i++)
		free(p[i]);
	free(p);
	return t0;
}

static struct bench_trace
bench_only_malloc(const struct bench_trace *t)
{
	struct bench_trace u = { calloc(t->n, sizeof(struct bench_op)), 0 };
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->op[i].kind == B_MALLOC)
			u.op[u.n++] = t->op[i];
	}
	return u;
}

static void
bench_verdict(const char *what, double value, double target, int below)
{
	int ok = below ? value <= target : value >= target;

	printf("  %-44s %12.3f  target %s %-10g %s\n", what, value,
	    below ? "<=" : ">=", target, ok ? "met" : "MISSED");
}

/*
 * In a fresh process (bench --rss N): a 16 GiB machine's peak RSS after
 * boot and after the trace, printed as "BOOT_KIB TRACE_KIB BASE_KIB",
 * BASE being the process before the machine boots.
 */
static int
bench_rss_child(size_t nops)
{
	struct bench_trace t;
	long base = peak_rss_kb(), booted;
	struct machine *m;
	double boot;
	size_t ok;

	m = bench_boot("16G", 30, &boot);
	booted = peak_rss_kb();
	t = bench_trace_make(nops, 42);	/* 16 bytes an op, counted too */
	bench_replay(m, &t, &ok);
	printf("%ld %ld %ld\n", booted, peak_rss_kb(), base);
	machine_destroy(m);
	free(t.op);
	return 0;
}

/* The machine alone on each size; per[] gets ns per operation. */
static void
bench_sizes(const struct bench_trace *t, double *per)
{
	static const char *const sizes[] = { "64M", "1G", "16G" };
	double boot, secs;
	struct machine *m;
	size_t i, ok;

	printf("the machine alone (machine_* calls, no events):\n");
	for (i = 0; i < 3; i++) {
		m = bench_boot(sizes[i], 30, &boot);
		secs = bench_replay(m, t, &ok);
		per[i] = secs / (double)t->n * 1e9;
		printf("  %-4s boot %.3f s; %zu ops in %.3f s = %.0f ops/s "
		    "(%.0f ns/op, %zu succeeded)\n", sizes[i], boot, t->n,
		    secs, (double)t->n / secs, per[i], ok);
		machine_destroy(m);
	}
}

/* The malloc/free part against glibc; returns sim / native. */
static double
bench_vs_glibc(const struct bench_trace *t)
{
	struct bench_trace u = bench_only_malloc(t);
	double boot, sim, native;
	struct machine *m;
	size_t ok, calls;

	m = bench_boot("16G", 30, &boot);
	sim = bench_replay(m, &u, &ok);
	native = bench_native_malloc(t, &calls);
	machine_destroy(m);
	free(u.op);
	printf("\nmalloc/free part: %zu calls, sim %.4f s, native glibc "
	    "%.4f s\n", calls, sim, native);
	return native > 0 ? sim / native : 0;
}

/*
 * Issue 19's huge requests on a 16 MiB machine: malloc(60000G) mapped
 * (overcommit_memory=1), touched at both ends, freed, and the process
 * torn down by a bad free and a restart; then the same request and
 * calloc(9999999994, 64) refused under the default heuristic.  Each
 * took from seconds to minutes when ranges were walked page by page.
 * Returns the slowest, in seconds.
 */
/* One machine with the given overcommit mode; the seconds it took. */
static double
bench_huge_one(const char *mode, struct step *st)
{
	const uint64_t size = 60000ull << 30;
	struct machine_config cfg;
	struct machine *m;
	char *cause = NULL;
	double t0, secs;

	machine_config_default(&cfg);
	cfg.ram = 16ull << 20;
	if (machine_config_set(&cfg, "overcommit_memory", mode, &cause) != 0 ||
	    (m = machine_create(&cfg, &cause)) == NULL) {
		fprintf(stderr, "bench: %s\n", cause);
		exit(1);
	}
	t0 = bench_now();
	if (machine_malloc(m, size, st) == SIM_OK) {
		uint64_t p = st->addr;

		machine_write(m, p, 8, NULL, 0, st);
		machine_write(m, p + size - 8, 8, NULL, 0, st);
		machine_free(m, p, st);
		machine_malloc(m, size, st);
		machine_free(m, st->addr + 8, st);	/* kills it */
		machine_malloc(m, 1, st);		/* tears it down */
	}
	machine_calloc(m, 9999999994ull, 64, st);
	secs = bench_now() - t0;
	machine_destroy(m);
	return secs;
}

static double
bench_huge(void)
{
	static const char *const mode[] = { "1", "0" };
	struct step st;
	double secs, worst = 0;
	size_t i;

	printf("\nhuge requests on a 16 MiB machine (issue 19):\n");
	step_init(&st);
	for (i = 0; i < 2; i++) {
		secs = bench_huge_one(mode[i], &st);
		printf("  overcommit_memory=%s: malloc(60000G), touch, free, "
		    "teardown, calloc(9999999994, 64): %.3f ms\n", mode[i],
		    secs * 1e3);
		worst = secs > worst ? secs : worst;
	}
	step_free(&st);
	return worst;
}

/* The trace as a script through the interpreter; returns ops/s. */
static double
bench_script(const char *text, size_t nops)
{
	static const char *const sizes[] = { "64M", "16G" };
	struct bench_interp bi;
	double best = 0;
	size_t i;

	printf("\nthe same trace as a %zu-line script, every allocator of "
	    "the language,\nthrough script_parse + script_interp_next (per-"
	    "line output off):\n", nops);
	for (i = 0; i < 2; i++) {
		if (bench_interp(text, sizes[i], &bi) != 0)
			return 0;
		printf("  %-4s parse+check %.3f s; run %zu statements in "
		    "%.3f s = %.0f ops/s (%zu failed)\n", sizes[i], bi.parse,
		    bi.ops, bi.run, (double)bi.ops / bi.run, bi.unexpected);
		if (i == 0)
			best = (double)bi.ops / bi.run;
	}
	return best;
}

/* Median of n process start-ups, fork to first byte of output. */
static double
bench_startup(char *const argv[], int n)
{
	struct bench_exec ex;
	double v[32], x;
	int i, j, k = 0;

	for (i = 0; i < n && i < 32; i++) {
		if (bench_exec(argv, &ex) != 0 || ex.first < 0)
			continue;
		x = ex.first;
		for (j = k++; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return k > 0 ? v[k / 2] : -1;
}

struct bench_figures {
	double		 per[3], glibc, interp, batch, quiet[2], startup;
	long		 rss_boot, rss_trace;
	double		 frame, redraw[2];
	double		 huge;
};

/*
 * memviz --batch on the trace file, timed from exec to exit (reading
 * the script, parsing, checking, running, printing); the median of
 * runs, as ops/s, or 0.  The machine is shared: one run can be slow.
 */
static double
bench_batch(char *const argv[], size_t nops, int runs, const char *what)
{
	struct bench_exec ex;
	double t[5], tmp;
	int i, j;

	for (i = 0; i < runs && i < 5; i++) {
		if (bench_exec(argv, &ex) != 0 || ex.status > 1) {
			printf("%s: did not run (%s)\n", what, BENCH_MEMVIZ);
			return 0;
		}
		t[i] = ex.total;
		for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
			tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	}
	printf("%s: %.3f s = %.0f ops/s (median of %d, %.3f to %.3f s; %zu "
	    "bytes of output), peak RSS %ld KiB\n", what, t[i / 2],
	    (double)nops / t[i / 2], i, t[0], t[i - 1], ex.bytes,
	    ex.maxrss_kib);
	return (double)nops / t[i / 2];
}

/* The memviz binary: batch throughput, RSS, start-up. */
static void
bench_binary(const char *self, const char *text, size_t nops,
    struct bench_figures *f)
{
	char path[] = "/tmp/memviz-bench-XXXXXX", n[32];
	char *batch[] = { BENCH_MEMVIZ, "--batch", "--ram", "16G", path,
	    NULL };
	char *quiet[2][6] = {
		{ BENCH_MEMVIZ, "--batch", "--quiet", "--ram=64M", path, NULL },
		{ BENCH_MEMVIZ, "--batch", "--quiet", "--ram=16G", path, NULL },
	};
	char *tour[] = { BENCH_MEMVIZ, "--batch", "--demo", "tour", NULL };
	char *rss[] = { (char *)self, "--rss", n, NULL };
	struct bench_exec ex;
	int fd;

	snprintf(n, sizeof n, "%zu", nops);
	if (bench_exec(rss, &ex) == 0 && sscanf(ex.head, "%ld %ld",
	    &f->rss_boot, &f->rss_trace) == 2)
		printf("16G machine in a fresh process: peak RSS %ld KiB "
		    "after boot, %ld KiB after the trace\n", f->rss_boot,
		    f->rss_trace);
	if ((fd = mkstemp(path)) < 0 || write(fd, text, strlen(text)) !=
	    (ssize_t)strlen(text)) {
		perror("bench: trace file");
		return;
	}
	close(fd);
	printf("the trace as a script file, exec to exit of the memviz "
	    "binary:\n");
	f->quiet[0] = bench_batch(quiet[0], nops, 3, "  --batch --quiet, "
	    "64M");
	f->quiet[1] = bench_batch(quiet[1], nops, 3, "  --batch --quiet, "
	    "16G");
	f->batch = bench_batch(batch, nops, 1, "  --batch (a line per "
	    "operation), 16G");
	unlink(path);
	f->startup = bench_startup(tour, 21);
	if (f->startup >= 0)
		printf("start-up, exec to first line of memviz --batch --demo "
		    "tour: %.1f ms (median of 21)\n", f->startup * 1e3);
}

/* The TUI on a pseudo-terminal, skipped when it does not start. */
static void
bench_tui_figures(struct bench_figures *f)
{
	static const unsigned short size[2][2] = { { 80, 24 }, { 300, 90 } };
	struct bench_tui tui;
	size_t i;

	for (i = 0; i < 2; i++) {
		f->redraw[i] = -1;
		if (bench_tui(BENCH_MEMVIZ, size[i][0], size[i][1], &tui)
		    != 0) {
			printf("TUI at %ux%u: skipped (it did not start on a "
			    "pty)\n", size[i][0], size[i][1]);
			continue;
		}
		f->redraw[i] = tui.redraw_cpu;
		if (i == 0)
			f->frame = tui.first_frame;
		printf("TUI at %ux%u: first frame %.1f ms after exec; %.3f "
		    "ms CPU per full redraw; %zu bytes for one animated "
		    "kmalloc\n", size[i][0], size[i][1], tui.first_frame *
		    1e3, tui.redraw_cpu * 1e3, tui.kmalloc_bytes);
	}
}

static void
bench_verdicts(const struct bench_figures *f)
{
	printf("\nverdicts:\n");
	bench_verdict("batch --quiet ops/s, exec to exit, 64M", f->quiet[0],
	    1e6, 0);
	bench_verdict("batch --quiet ops/s, exec to exit, 16G", f->quiet[1],
	    1e6, 0);
	bench_verdict("interpreter ops/s on 64 MiB (run only)", f->interp,
	    1e6, 0);
	bench_verdict("machine ops/s on 64 MiB", 1e9 / f->per[0], 1e6, 0);
	bench_verdict("ns/op 16 GiB vs 64 MiB (ratio)", f->per[2] /
	    f->per[0], 1.25, 1);
	bench_verdict("sim/native glibc time (ratio)", f->glibc, 20, 1);
	bench_verdict("huge requests, slowest (ms)", f->huge * 1e3, 1000, 1);
	if (f->rss_boot > 0) {
		bench_verdict("peak RSS after 16G boot (MiB)",
		    (double)f->rss_boot / 1024, 64, 1);
		bench_verdict("peak RSS after the trace (MiB)",
		    (double)f->rss_trace / 1024, 128, 1);
	}
	if (f->startup >= 0)
		bench_verdict("batch start-up (ms)", f->startup * 1e3, 50, 1);
	if (f->redraw[0] >= 0) {
		bench_verdict("TUI first frame (ms)", f->frame * 1e3, 50, 1);
		bench_verdict("TUI redraw 80x24 (ms CPU)", f->redraw[0] * 1e3,
		    1, 1);
	}
	if (f->redraw[1] >= 0)
		bench_verdict("TUI redraw 300x90 (ms CPU)", f->redraw[1] * 1e3,
		    4, 1);
}

static void
bench_names_verdicts(const struct bench_names *f)
{
	printf("\nverdicts, imported-style trace (p1 ... pN):\n");
	bench_verdict("batch --quiet ops/s", f->quiet, 1.5e6, 0);
	bench_verdict("batch ops/s, every line to a file", f->lines, 1e6, 0);
	bench_verdict("peak RSS, --quiet (MiB)", (double)f->rss_kib / 1024,
	    64, 1);
	bench_verdict("machine/native glibc time (ratio)", f->glibc, 3, 1);
}

/* What the figures were taken on, and how busy it was (other work on
 * the CPUs stretches every wall-clock time, the ratios less). */
static void
bench_machine(void)
{
	struct utsname un;
	FILE	      *f = fopen("/proc/loadavg", "r");
	double	       load[3];

	uname(&un);
	printf("memviz %s benchmark on %s %s, %ld CPUs\n", PACKAGE_VERSION,
	    un.sysname, un.machine, sysconf(_SC_NPROCESSORS_ONLN));
	bench_cpu_model();
	if (f != NULL && fscanf(f, "%lf %lf %lf", &load[0], &load[1],
			     &load[2]) == 3)
		printf("load average: %.2f %.2f %.2f\n", load[0], load[1],
		    load[2]);
	if (f != NULL)
		fclose(f);
}

int
main(int argc, char **argv)
{
	size_t nops = argc > 1 && argv[1][0] != '-' ? strtoul(argv[1], NULL,
	    10) : 1000000;
	struct bench_figures f = { .per = { 1, 1, 1 } };
	struct bench_names nf;
	struct bench_trace t;
	char *text;

	if (argc > 2 && strcmp(argv[1], "--rss") == 0)
		return bench_rss_child(strtoul(argv[2], NULL, 10));
	if (argc > 2 && strcmp(argv[1], "--names") == 0) {
		/* only the imported-style trace, of N calls */
		bench_machine();
		bench_names(BENCH_MEMVIZ, strtoul(argv[2], NULL, 10), &nf);
		bench_names_verdicts(&nf);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--script") == 0) {
		/* the trace as a script, for profiling memviz --batch */
		t = bench_trace_make(strtoul(argv[2], NULL, 10), 42);
		text = bench_script_make(&t);
		fputs(text, stdout);
		free(text);
		free(t.op);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--scale") == 0) /* those alone */
		nops = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
	t = bench_trace_make(nops, 42);
	bench_machine();
	if (argc > 1 && strcmp(argv[1], "--scale") == 0) {
		bench_scale(&t);
		free(t.op);
		return 0;
	}
	printf("trace: %zu operations mixing kmalloc, vmalloc, pages, "
	    "malloc\n\n", nops);
	/* processes first, while this one is small: forking it is quick */
	text = bench_script_make(&t);
	bench_binary(argv[0], text, nops, &f);
	bench_tui_figures(&f);
	printf("\n");
	bench_sizes(&t, f.per);
	f.glibc = bench_vs_glibc(&t);
	f.huge = bench_huge();
	f.interp = bench_script(text, nops);
	bench_names(BENCH_MEMVIZ, 2000000, &nf);
	bench_verdicts(&f);
	bench_names_verdicts(&nf);
	bench_scale(&t);
	free(text);
	free(t.op);
	return 0;
}
