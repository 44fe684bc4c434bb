/*
 * bench-scale.c - the figures of issue "time travel and scale":
 *  - bytes at memory speed: write and read of 64 MiB through a user
 *    mapping and through vmalloc, first touch and over written frames
 *    (target: 2 GB/s of simulated bytes over written frames);
 *  - pressure in proportion: a 4 MiB machine driven into the OOM killer
 *    about 4,000 times by 100,000 malloc + write pairs (target < 5 s);
 *  - copy-on-write checkpoints: the trace replayed with a checkpoint
 *    every 512 operations, kept as the interpreter's seek.c keeps them
 *    (at most 384 and 256 MiB, here the oldest goes first), and what
 *    they cost in machine_bytes.
 * `bench --scale [N]` prints these alone, for a trace of N operations.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "sim/machine.h"

#define SCALE_RW	(64ull << 20)
#define SCALE_EVERY	512
#define SCALE_MAX	384
#define SCALE_BUDGET	(256ull << 20)

static struct machine *
scale_boot(const char *ram)
{
	struct machine_config cfg;
	char *cause = NULL;
	struct machine *m;

	machine_config_default(&cfg);
	if (machine_config_set(&cfg, "ram", ram, &cause) != 0 ||
	    (m = machine_create(&cfg, &cause)) == NULL) {
		fprintf(stderr, "bench: %s\n", cause);
		free(cause);
		return NULL;
	}
	return m;
}

/* One timed access of SCALE_RW bytes at addr; returns GB/s. */
static double
scale_access(struct machine *m, uint64_t addr, int write, uint8_t *buf)
{
	struct step st;
	double t0;
	enum sim_status s;

	step_init(&st);		/* not silent: events as the TUI gets them */
	t0 = bench_now();
	s = write ? machine_write(m, addr, SCALE_RW, NULL, 0, &st) :
	    machine_read(m, addr, SCALE_RW, buf, SCALE_RW, &st);
	t0 = bench_now() - t0;
	step_free(&st);
	return s == SIM_OK ? (double)SCALE_RW / t0 / 1e9 : 0;
}

/* write twice, read twice: 64 MiB at the address st gave. */
static double
scale_rw_one(struct machine *m, const char *what, struct step *st,
    uint8_t *buf)
{
	double w1, w2, r1, r;

	if (st->status != SIM_OK) {
		printf("  %s: the allocation failed\n", what);
		return 0;
	}
	w1 = scale_access(m, st->addr, 1, buf);
	w2 = scale_access(m, st->addr, 1, buf);
	r1 = scale_access(m, st->addr, 0, buf);
	/* the second read, as the second write: the host's caches warm */
	r = scale_access(m, st->addr, 0, buf);
	printf("  %-24s write %5.2f GB/s first, %5.2f over written frames; "
	    "read %5.2f first, %5.2f again\n", what, w1, w2, r1, r);
	return w2 < r ? w2 : r;
}

/* The slower of write and read over written frames, in GB/s. */
static double
scale_rw(void)
{
	struct machine *m = scale_boot("1G");
	uint8_t *buf = malloc(SCALE_RW);
	struct step st;
	double u, k;

	if (m == NULL || buf == NULL)
		return 0;
	memset(buf, 0, SCALE_RW); /* the host's own first touch, not timed */
	printf("\nbytes: 64 MiB written twice and read back on 1 GiB:\n");
	step_init(&st);
	machine_malloc(m, SCALE_RW, &st);
	u = scale_rw_one(m, "malloc(64M) (user)", &st, buf);
	machine_vmalloc(m, SCALE_RW, GFP_KERNEL, &st);
	k = scale_rw_one(m, "vmalloc(64M) (kernel)", &st, buf);
	step_free(&st);
	machine_destroy(m);
	free(buf);
	return u < k ? u : k;
}

/* 100,000 malloc + write pairs on 4 MiB; returns seconds. */
static double
scale_pressure(void)
{
	static const char text[] = "machine ram=4M\n"
	    "repeat 100000 {\n  p = malloc(100K)\n  write(p, 0, 100K)\n}\n";
	struct bench_interp bi;

	if (bench_interp(text, "4M", &bi) != 0)
		return 0;
	printf("\npressure: 100,000 malloc(100K) + write pairs on 4 MiB: "
	    "%.3f s, %zu OOM kills (failed statements)\n", bi.run,
	    bi.unexpected);
	return bi.run;
}

/* Drops the oldest checkpoints while over count or bytes. */
static void
scale_thin(struct machine **cp, size_t *bytes, size_t *n, size_t *total)
{
	while (*n > 0 && (*n > SCALE_MAX || *total > SCALE_BUDGET)) {
		machine_destroy(cp[0]);
		*total -= bytes[0];
		memmove(cp, cp + 1, (*n - 1) * sizeof *cp);
		memmove(bytes, bytes + 1, (*n - 1) * sizeof *bytes);
		(*n)--;
	}
}

/* One trace operation; with writes, a new malloc block is filled. */
static void
scale_op(struct machine *m, const struct bench_op *op, uint64_t *addr,
    uint16_t *order, struct step *st, int writes)
{
	bench_run_op(m, op, addr, order, st);
	if (writes && op->kind == B_MALLOC && !op->free &&
	    st->status == SIM_OK)
		machine_write(m, st->addr, op->size, NULL, 0, st);
}

/*
 * The trace with checkpoints (with writes: every malloc block written
 * whole); returns mean bytes per checkpoint.
 */
static double
scale_checkpoints(const struct bench_trace *t, int writes)
{
	struct machine *m = scale_boot("64M"), *cp[SCALE_MAX + 2];
	size_t bytes[SCALE_MAX + 2], n = 0, total = 0, taken = 0, i, sum = 0;
	uint64_t *addr = calloc(B__COUNT * BENCH_POOL, sizeof *addr);
	uint16_t *order = calloc(BENCH_POOL, sizeof *order);
	double t0, clone = 0;
	struct step st;

	if (m == NULL || addr == NULL || order == NULL)
		return 0;
	step_init(&st);
	st.silent = 1;
	for (i = 0; i < t->n; i++) {
		scale_op(m, &t->op[i], addr, order, &st, writes);
		if ((i + 1) % SCALE_EVERY != 0)
			continue;
		t0 = bench_now();
		cp[n] = machine_clone(m);
		clone += bench_now() - t0;
		bytes[n] = machine_bytes(cp[n]);
		sum += bytes[n];
		total += bytes[n++];
		taken++;
		scale_thin(cp, bytes, &n, &total);
	}
	printf("\ncheckpoints: %zu operations on 64 MiB%s, one every %d: "
	    "%zu taken in %.3f s, %.0f KiB each (machine_bytes when "
	    "taken);\n", t->n, writes ? ", malloc blocks written" : "",
	    SCALE_EVERY, taken, clone, (double)sum / taken / 1024);
	for (total = 0, i = 0; i < n; i++)
		total += machine_bytes(cp[i]);
	printf("  kept at the end under %d and 256 MiB: %zu, %.1f MiB "
	    "now; the live machine %.1f MiB\n", SCALE_MAX, n,
	    (double)total / 1048576, (double)machine_bytes(m) / 1048576);
	while (n > 0)
		machine_destroy(cp[--n]);
	step_free(&st);
	machine_destroy(m);
	free(addr);
	free(order);
	return (double)sum / taken;
}

void
bench_cpu_model(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "model name", 10) == 0) {
			printf("CPU:%s", strchr(line, ':') + 1);
			break;
		}
	if (f != NULL)
		fclose(f);
}

void
bench_scale(const struct bench_trace *t)
{
	double gbs = scale_rw(), secs = scale_pressure();
	double each = scale_checkpoints(t, 0), wrote = scale_checkpoints(t, 1);

	printf("\nverdicts (time travel and scale):\n");
	printf("  %-44s %12.3f  target >= 2          %s\n",
	    "GB/s over written frames (slower of w/r)", gbs,
	    gbs >= 2 ? "met" : "MISSED");
	printf("  %-44s %12.3f  target <= 5          %s\n",
	    "OOM pressure script (s)", secs, secs > 0 && secs <= 5 ?
	    "met" : "MISSED");
	printf("  %-44s %12.1f  (machine_bytes at the clone)\n",
	    "checkpoint KiB, mean", each / 1024);
	printf("  %-44s %12.1f  (machine_bytes at the clone)\n",
	    "checkpoint KiB, mean, blocks written", wrote / 1024);
}
