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
 *  - boot time and peak RSS of a 16 GiB machine, after boot and after the
 *    trace.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "sim/machine.h"

#define POOL	4096	/* live allocations kept per allocator */

enum bench_kind { B_KMALLOC, B_VMALLOC, B_PAGES, B_MALLOC, B__COUNT };

struct bench_op {
	uint8_t		 kind;	/* enum bench_kind */
	uint8_t		 free;	/* 1: free slot, else allocate into slot */
	uint16_t	 order;
	uint32_t	 slot;
	uint64_t	 size;
};

struct bench_trace {
	struct bench_op	*op;
	size_t		 n;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
peak_rss_kb(void)
{
	struct rusage ru;

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
		return 4096 + r % (64 * 1024);
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
static void
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
	t0 = now();
	m = machine_create(&cfg, &cause);
	*secs = now() - t0;
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
	t0 = now();
	for (i = 0; i < t->n; i++) {
		bench_run_op(m, &t->op[i], addr, order, &st);
		*ok += st.status == SIM_OK;
	}
	t0 = now() - t0;
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
	double t0 = now();
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
	t0 = now() - t0;
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

int
main(int argc, char **argv)
{
	static const char *const sizes[] = { "64M", "1G", "16G" };
	size_t nops = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000, ok, i;
	struct bench_trace t = bench_trace_make(nops, 42), u;
	double boot, secs, per[3], native, sim;
	struct utsname un;
	struct machine *m;
	size_t calls;

	uname(&un);
	printf("memviz %s benchmark on %s %s, %ld CPUs\n", PACKAGE_VERSION,
	    un.sysname, un.machine, sysconf(_SC_NPROCESSORS_ONLN));
	printf("trace: %zu operations mixing kmalloc, vmalloc, pages, "
	    "malloc\n\n", nops);
	for (i = 0; i < 3; i++) {
		m = bench_boot(sizes[i], 30, &boot);
		secs = bench_replay(m, &t, &ok);
		per[i] = secs / (double)nops * 1e9;
		printf("%-4s boot %.3f s; %zu ops in %.3f s = %.0f ops/s "
		    "(%.0f ns/op, %zu succeeded)\n", sizes[i], boot, nops,
		    secs, (double)nops / secs, per[i], ok);
		if (i == 2) {
			printf("     peak RSS after boot and trace: %ld KiB\n",
			    peak_rss_kb());
		}
		machine_destroy(m);
	}
	m = bench_boot("16G", 30, &boot);
	u = bench_only_malloc(&t);
	sim = bench_replay(m, &u, &ok);
	native = bench_native_malloc(&t, &calls);
	machine_destroy(m);
	printf("\nmalloc/free part: %zu calls, sim %.4f s, native glibc %.4f s\n",
	    calls, sim, native);
	printf("\nverdicts:\n");
	bench_verdict("ops/s on 64 MiB", (double)nops / (per[0] * nops / 1e9),
	    1e6, 0);
	bench_verdict("ns/op 16 GiB vs 64 MiB (ratio)", per[2] / per[0], 1.25, 1);
	bench_verdict("sim/native glibc time (ratio)",
	    native > 0 ? sim / native : 0, 20, 1);
	free(t.op);
	free(u.op);
	return 0;
}
