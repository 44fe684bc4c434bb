/*
 * check_umalloc_glibc.c - memviz's malloc against the real glibc 2.36.
 *
 * Generates random sequences of malloc/calloc/realloc/free, the aligned
 * allocators (memalign, aligned_alloc, posix_memalign, valloc, pvalloc),
 * reallocarray, malloc_usable_size, malloc_trim and mallopt, every other
 * sequence under a random GLIBC_TUNABLES (the machine's tunables option;
 * a tunable that only moves chunks between bins, tcache_unsorted_limit,
 * or only changes their bytes, perturb, seldom shows in the offsets)
 * (several
 * profiles: tcache and fastbin churn, small and large bins, realloc
 * chains, calls around the mmap threshold), runs each through the real
 * allocator (tests/glibc-replay, exec'ed once per sequence so every run
 * starts with an empty heap) and through the simulated process, and
 * compares every result: the offset from the heap start, or for an
 * mmapped chunk its distance below the mapping area's first free byte
 * (one mremap moved into the hole /etc/ld.so.cache leaves between libc
 * and ld.so: its distance below ld.so's base, the same whatever the
 * host's cache size, which sets only that hole's bottom).
 * The first divergence is printed in full (the calls leading to it, both
 * answers) and the whole sequence is saved for a rerun with
 * `glibc-replay FILE`.
 *
 * Sizes stay below 2 MiB: kernel 6.7+ aligns an anonymous mapping whose
 * length is a multiple of 2 MiB to 2 MiB when THP is on (this machine's
 * kernel does), which the simulated process does not model.
 *
 * test_threads_against_glibc does the same with `T N` lines among the
 * calls: the replay runs them on real threads, one at a time, and a
 * thread arena's chunk is compared as its arena's number and its offset
 * in its 64 MiB aligned heap (machine cpus = this machine's online
 * CPUs, for the arena limit); a fifth as many sequences, every other one
 * under GLIBC_TUNABLES as well.
 *
 * MEMVIZ_REPLAY names the replay program (default tests/glibc-replay),
 * MEMVIZ_SEQUENCES the number of sequences (default 1000, or 50 with
 * MEMVIZ_TEST_QUICK, as make check-valgrind sets),
 * MEMVIZ_SEED the first seed.  The suite skips (77) unless the host's
 * C library is glibc 2.36, the release the simulated malloc follows, and
 * when `glibc-replay --fresh` finds its heap already used at main (it
 * exits 77: UBSan's runtime, for one, allocates before main).
 */
#include <check.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "sim/machine.h"
#include "sim/user/process.h"
#include "check-sim.h"

#define CMP_SLOTS  512
#define CMP_MAXOPS 3000

struct cmp_op {
	char	 kind; /* m c r f a y u t o, T (thread a) */
	uint64_t a, b; /* size / n,size / slot,size / slot */
	uint64_t c;    /* a: the allocator (0..4) */
	unsigned slot;
};

/* Alignments worth trying: below, at and above MALLOC_ALIGNMENT, the
 * non-powers of two memalign rounds up and posix_memalign refuses. */
static const uint64_t cmp_aligns[] = { 0, 1, 8, 16, 24, 32, 48, 64, 100, 128,
	256, 1000, 1024, 4096, 8192, 65536 };

/*
 * mallopt's parameters (malloc.h) with values to try.  The mmap
 * threshold stays at 128 KiB or more: a smaller mapping may land in a
 * hole between the real process's libraries, which memviz lays out
 * without those holes.
 */
static const struct {
	int	 param;
	uint64_t base, range; /* values base..base+range-1 */
} cmp_params[] = {
	{ M_TRIM_THRESHOLD, 0, 512 * 1024 },
	{ M_TOP_PAD, 0, 256 * 1024 },
	{ M_MMAP_THRESHOLD, 128 * 1024, 1024 * 1024 },
	{ M_MMAP_THRESHOLD, 128 * 1024, 64u << 20 },
	{ M_MMAP_MAX, 0, 4 },
	{ M_PERTURB, 0, 256 },
	{ M_ARENA_MAX, 0, 8 },
	{ M_ARENA_TEST, 0, 8 },
	{ M_MXFAST, 0, 200 },
};

struct cmp_rng {
	uint64_t s;
};

/*
 * GLIBC_TUNABLES to try: every glibc.malloc tunable 2.36 reads, with
 * values in and out of its range (out of range ones are ignored), in
 * decimal or hex, among pieces glibc skips (no '=', an unknown name).
 * The mmap threshold stays at 128 KiB or more, as for mallopt.
 */
static const struct {
	const char *name;
	uint64_t    base, range;
} cmp_tunables[] = {
	{ "glibc.malloc.tcache_count", 0, 24 },
	{ "glibc.malloc.tcache_count", 65530, 10 },
	{ "glibc.malloc.tcache_max", 0, 1100 },
	{ "glibc.malloc.tcache_unsorted_limit", 0, 8 },
	{ "glibc.malloc.tcache_unsorted_limit", 1, 2 },
	{ "glibc.malloc.mmap_threshold", 128 * 1024, 2u << 20 },
	{ "glibc.malloc.mmap_max", 0, 4 },
	{ "glibc.malloc.trim_threshold", 0, 512 * 1024 },
	{ "glibc.malloc.top_pad", 0, 256 * 1024 },
	{ "glibc.malloc.perturb", 0, 300 },
	{ "glibc.malloc.mxfast", 0, 200 },
	{ "glibc.malloc.arena_max", 0, 8 },
	{ "glibc.malloc.arena_test", 0, 8 },
	{ "glibc.malloc.check", 0, 5 },
	{ "glibc.malloc.bogus", 0, 10 },
};

static uint64_t
cmp_next(struct cmp_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t
cmp_below(struct cmp_rng *r, uint64_t n)
{
	return cmp_next(r) % n;
}

/* A request size for a profile: each favours some bins. */
static uint64_t
cmp_size(struct cmp_rng *r, int profile)
{
	uint64_t k = cmp_below(r, 100);

	switch (profile) {
	case 0: /* tcache and fastbins */
		return cmp_below(r, 130);
	case 1: /* small bins */
		return k < 50 ? cmp_below(r, 1100) : cmp_below(r, 130);
	case 2: /* large bins */
		return k < 60 ? 1000 + cmp_below(r, 70000) : cmp_below(r, 2000);
	case 3: /* around the mmap threshold */
		return k < 40 ? 100000 + cmp_below(r, 300000) :
				cmp_below(r, 5000);
	default: /* everything */
		return k < 40 ? cmp_below(r, 200) :
		    k < 70    ? cmp_below(r, 4000) :
		    k < 93    ? cmp_below(r, 100000) :
				cmp_below(r, 1200000);
	}
}

/* The calls beyond malloc, calloc, realloc and free (k in 65..73). */
static void
cmp_generate_more(struct cmp_rng *r, int profile, uint64_t k, struct cmp_op *o)
{
	size_t i;

	if (k < 70) {
		o->kind = 'a';
		o->c = cmp_below(r, 5);
		o->a = cmp_aligns[cmp_below(r,
		    sizeof cmp_aligns / sizeof cmp_aligns[0])];
		o->b = cmp_size(r, profile);
	} else if (k < 71) {
		o->kind = 'y';
		o->a = 1 + cmp_below(r, 8);
		o->b = cmp_below(r, 20) == 0 ? UINT64_MAX / 2 :
					       cmp_size(r, profile) / o->a;
	} else if (k < 72)
		o->kind = 'u';
	else if (cmp_below(r, 4) != 0) {
		o->kind = 't';
		o->a = cmp_below(r, 3) == 0 ? 0 : cmp_below(r, 200000);
	} else {
		o->kind = 'o';
		i = cmp_below(r, sizeof cmp_params / sizeof cmp_params[0]);
		o->a = (uint64_t)(int64_t)cmp_params[i].param;
		o->b = cmp_params[i].base + cmp_below(r, cmp_params[i].range);
	}
}

/* A GLIBC_TUNABLES string of a few random settings. */
static void
cmp_tunables_make(struct cmp_rng *r, char *buf, size_t len)
{
	size_t n = 1 + cmp_below(r, 5), i, at = 0, k;

	buf[0] = '\0';
	for (i = 0; i < n && at + 64 < len; i++) {
		k = cmp_below(r, sizeof cmp_tunables / sizeof cmp_tunables[0]);
		uint64_t v = cmp_tunables[k].base +
		    cmp_below(r, cmp_tunables[k].range);

		if (cmp_below(r, 10) == 0)
			at += (size_t)snprintf(buf + at, len - at, "junk:");
		at += (size_t)snprintf(buf + at, len - at,
		    cmp_below(r, 4) == 0 ? "%s%s=%#" PRIx64 : "%s%s=%" PRIu64,
		    i > 0 ? ":" : "", cmp_tunables[k].name, v);
	}
}

/* With threads, one call in 12 becomes `T N`, N up to 20: past
 * arena_test (8) and 8 per core on this 2-core machine, and past
 * M_ARENA_MAX when a sequence sets it. */
static void
cmp_generate_thread(struct cmp_rng *r, struct cmp_op *o)
{
	if (cmp_below(r, 12) == 0) {
		o->kind = 'T';
		o->a = cmp_below(r, 21);
	}
}

static size_t
cmp_generate(struct cmp_rng *r, struct cmp_op *ops, int threads)
{
	size_t	 n = 1 + cmp_below(r, CMP_MAXOPS), i;
	int	 profile = (int)cmp_below(r, 5);
	unsigned nslots = 8 + (unsigned)cmp_below(r, CMP_SLOTS - 8);

	for (i = 0; i < n; i++) {
		uint64_t       k = cmp_below(r, 100);
		struct cmp_op *o = &ops[i];

		o->slot = (unsigned)cmp_below(r, nslots);
		if (k < 45) {
			o->kind = 'm';
			o->a = cmp_size(r, profile);
		} else if (k < 52) {
			o->kind = 'c';
			o->a = 1 + cmp_below(r, 8);
			o->b = cmp_size(r, profile) / o->a;
		} else if (k < 65) {
			o->kind = 'r';
			o->a = k < 54 ? 0 : cmp_size(r, profile);
		} else if (k < 74)
			cmp_generate_more(r, profile, k, o);
		else {
			o->kind = 'f';
		}
		if (threads)
			cmp_generate_thread(r, o);
	}
	return n;
}

static void
cmp_format(const struct cmp_op *o, char *buf, size_t len)
{
	switch (o->kind) {
	case 'm':
		snprintf(buf, len, "m %" PRIu64 " %u", o->a, o->slot);
		break;
	case 'c':
		snprintf(buf, len, "c %" PRIu64 " %" PRIu64 " %u", o->a, o->b,
		    o->slot);
		break;
	case 'r':
		snprintf(buf, len, "r %u %" PRIu64, o->slot, o->a);
		break;
	case 'a':
		snprintf(buf, len, "a %" PRIu64 " %" PRIu64 " %" PRIu64 " %u",
		    o->c, o->a, o->b, o->slot);
		break;
	case 'y':
		snprintf(buf, len, "y %u %" PRIu64 " %" PRIu64, o->slot, o->a,
		    o->b);
		break;
	case 'T':
		snprintf(buf, len, "T %" PRIu64, o->a);
		break;
	case 'u':
		snprintf(buf, len, "u %u", o->slot);
		break;
	case 't':
		snprintf(buf, len, "t %" PRIu64, o->a);
		break;
	case 'o':
		snprintf(buf, len, "o %d %d", (int)(int64_t)o->a, (int)o->b);
		break;
	default:
		snprintf(buf, len, "f %u", o->slot);
		break;
	}
}

static void
cmp_write_file(const char *path, const struct cmp_op *ops, size_t n)
{
	FILE  *f = fopen(path, "w");
	char   line[96];
	size_t i;

	ck_assert_msg(f != NULL, "cannot write %s", path);
	for (i = 0; i < n; i++) {
		cmp_format(&ops[i], line, sizeof line);
		fprintf(f, "%s\n", line);
	}
	fclose(f);
}

/* Runs the real glibc on the sequence in path, with its heap start and
 * mapping top placed as heap0 and mmap_top modulo 1 MiB (aligned
 * allocations depend on the addresses); returns its output. */
static char *
cmp_run_real_try(const char *replay, const char *path, uint64_t heap0,
    uint64_t mmap_top, const char *tunables, int tries)
{
	char	hs[24], ms[24];
	int	fds[2], status;
	pid_t	pid;
	size_t	len = 0, cap = 1 << 16;
	char   *out = malloc(cap);
	ssize_t n;

	ck_assert(out != NULL && pipe(fds) == 0);
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		snprintf(hs, sizeof hs, "%" PRIx64, heap0);
		snprintf(ms, sizeof ms, "%" PRIx64, mmap_top);
		if (*tunables != '\0')
			setenv("GLIBC_TUNABLES", tunables, 1);
		else
			unsetenv("GLIBC_TUNABLES");
		execl(replay, replay, path, hs, ms, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 4096)
			out = realloc(out, cap *= 2);
	}
	close(fds[0]);
	out[len] = '\0';
	ck_assert(waitpid(pid, &status, 0) == pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3 && tries < 50) {
		/* ASLR drew a layout with no room to place the heap and
		 * mapping top: draw again. */
		free(out);
		return cmp_run_real_try(replay, path, heap0, mmap_top, tunables,
		    tries + 1);
	}
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "%s %s failed (status %d)", replay, path, status);
	return out;
}

/* The calls that return a number (u, t, o); 0 when o is not one. */
static int
cmp_sim_number(struct machine *m, struct step *st, const struct cmp_op *o,
    const uint64_t *slots, char *buf, size_t len)
{
	if (o->kind == 'u')
		machine_malloc_usable_size(m, slots[o->slot], st);
	else if (o->kind == 't')
		machine_malloc_trim(m, o->a, st);
	else if (o->kind == 'o')
		machine_mallopt(m, (int)(int64_t)o->a, (int)o->b, st);
	else
		return 0;
	if (st->status != SIM_OK)
		snprintf(buf, len, "%s", st->reason);
	else
		snprintf(buf, len, "%c %" PRIx64, o->kind, st->addr);
	return 1;
}

/* posix_memalign's return code, for a failure; 0 otherwise. */
static int
cmp_sim_posix_rc(const struct step *st, const struct cmp_op *o)
{
	if (o->kind != 'a' || o->c != 2 || st->status == SIM_OK)
		return 0;
	return st->status == SIM_EINVAL ? 22 :
	    st->status == SIM_ENOMEM	? 12 :
					  0;
}

/*
 * A thread arena's chunk, as glibc-replay prints it: the arena's number
 * in the order arenas show up, the offset in its 64 MiB aligned heap.
 * The numbering lives in the machine's own order of creation: the
 * arena pointers are read from each heap_info as the replay reads them.
 */
struct cmp_arenas {
	uint64_t seen[128];
	unsigned n;
};

static void
cmp_sim_arena(const struct machine *m, struct cmp_arenas *a, uint64_t mem,
    char *buf, size_t len)
{
	uint64_t heap = mem & ~((64ull << 20) - 1), ar = 0;
	unsigned k;

	process_peek_const(m, heap, &ar, sizeof ar);
	for (k = 0; k < a->n && a->seen[k] != ar; k++)
		;
	if (k == a->n && k < 128)
		a->seen[a->n++] = ar;
	snprintf(buf, len, "a %x %" PRIx64, k,
	    (uint64_t)(mem & ((64ull << 20) - 1)));
}

/* ld.so's base (the real process's AT_BASE): a chunk mmapped in the
 * hole between the libraries is measured from it. */
static uint64_t
cmp_ld_base(const struct machine *m)
{
	struct process_vma_info v;
	size_t			i;

	for (i = 0; process_vma_get(m, i, &v) == 0; i++) {
		if (strstr(v.name, "/ld-linux") != NULL)
			return v.start;
	}
	return 0;
}

/* The simulated side of one call, in glibc-replay's output format. */
static void
cmp_sim_op(struct machine *m, struct step *st, const struct cmp_op *o,
    uint64_t *slots, uint64_t heap0, uint64_t mmap_top, char *buf, size_t len,
    struct cmp_arenas *ar)
{
	uint64_t mem;
	uint64_t hdr[1];
	int	 rc;

	if (cmp_sim_number(m, st, o, slots, buf, len))
		return;
	if (o->kind == 'T') {
		machine_thread(m, (unsigned)o->a, st);
		snprintf(buf, len, "%s",
		    st->status == SIM_OK ? "-" : st->reason);
		return;
	}
	switch (o->kind) {
	case 'a':
		machine_memalign(m, (int)o->c, o->a, o->b, st);
		break;
	case 'y':
		machine_reallocarray(m, slots[o->slot], o->a, o->b, st);
		break;
	case 'm':
		machine_malloc(m, o->a, st);
		break;
	case 'c':
		machine_calloc(m, o->a, o->b, st);
		break;
	case 'r':
		machine_realloc(m, slots[o->slot], o->a, st);
		break;
	default:
		machine_free(m, slots[o->slot], st);
		slots[o->slot] = 0;
		snprintf(buf, len, "%s",
		    st->status == SIM_OK ? "-" : st->reason);
		return;
	}
	mem = slots[o->slot] = st->addr;
	if ((rc = cmp_sim_posix_rc(st, o)) != 0) {
		snprintf(buf, len, "e %x", rc);
		return;
	}
	if (mem == 0) {
		snprintf(buf, len, "%s",
		    st->status == SIM_OK || st->status == SIM_ENOMEM ?
			"0" :
			st->reason);
		return;
	}
	process_peek_const(m, mem - 8, hdr, sizeof hdr);
	if ((hdr[0] & 6) == 4)
		cmp_sim_arena(m, ar, mem, buf, len);
	else if ((hdr[0] & 2) && mem - 16 >= mmap_top)
		snprintf(buf, len, "l %" PRIx64, cmp_ld_base(m) - (mem - 16));
	else if (hdr[0] & 2)
		snprintf(buf, len, "m %" PRIx64, mmap_top - (mem - 16));
	else
		snprintf(buf, len, "h %" PRIx64, mem - heap0);
}

/* The first VMA above the break: the bottom of the mapping area. */
static uint64_t
cmp_mmap_top(const struct machine *m)
{
	struct process_vma_info v;
	size_t			i;

	for (i = 0; process_vma_get(m, i, &v) == 0; i++) {
		if (v.start >= process_start_brk(m))
			return v.start;
	}
	return 0;
}

static void
cmp_report(const struct cmp_op *ops, size_t n, size_t at, const char *real,
    const char *sim, uint64_t seed, const char *path, const char *tunables)
{
	char   line[96];
	size_t i = at > 40 ? at - 40 : 0;

	fprintf(stderr, "GLIBC_TUNABLES=%s\n", tunables);
	fprintf(stderr,
	    "DIVERGENCE in sequence seed %" PRIu64 " (%zu calls, "
	    "saved in %s) at call %zu:\n",
	    seed, n, path, at);
	for (; i <= at; i++) {
		cmp_format(&ops[i], line, sizeof line);
		fprintf(stderr, "  %5zu  %s\n", i, line);
	}
	fprintf(stderr, "  glibc 2.36: %s\n  memviz:     %s\n", real, sim);
}

/* Compares one sequence; returns the index of the first difference or
 * n when all agree. */
static size_t
cmp_sequence(const struct cmp_op *ops, size_t n, const char *real,
    const char *tunables, char *simline, size_t simlen, char *realline,
    size_t reallen, const char *cpus)
{
	struct machine	 *m = cpus != NULL ?
	      check_boot("ram", "1G", "tunables", tunables, "cpus", cpus, NULL) :
	      check_boot("ram", "1G", "tunables", tunables, NULL);
	struct cmp_arenas ar = { .n = 0 };
	struct step	  st;
	uint64_t	  slots[CMP_SLOTS] = { 0 }, heap0, mmap_top;
	const char	 *p = real;
	size_t		  i;

	step_init(&st);
	heap0 = process_start_brk(m);
	mmap_top = cmp_mmap_top(m);
	for (i = 0; i < n; i++) {
		const char *e = strchr(p, '\n');
		size_t	    k = e != NULL ? (size_t)(e - p) : strlen(p);

		snprintf(realline, reallen, "%.*s", (int)k, p);
		p = e != NULL ? e + 1 : p + k;
		cmp_sim_op(m, &st, &ops[i], slots, heap0, mmap_top, simline,
		    simlen, &ar);
		if (strcmp(realline, simline) != 0)
			break;
	}
	step_free(&st);
	machine_destroy(m);
	return i;
}

/*
 * The host's CPUs as glibc counts them for narenas_limit: the online
 * CPUs (/sys/devices/system/cpu/online), not the affinity mask.  2.36
 * itself called __get_nprocs_sched() there, but its release branch took
 * back the 2.33 behaviour, __get_nprocs() (BZ 30945, commit 8e99cc76a2),
 * and this machine's Debian 2.36-9+deb12u14 has it: under `taskset -c 0`
 * on two CPUs its ninth thread arena is still a new one (seed 303, call
 * 132).  get_nprocs() is that __get_nprocs().
 */
static void
cmp_host_cpus(char *buf, size_t len)
{
	snprintf(buf, len, "%d", get_nprocs());
}

static void
cmp_against_glibc(int threads)
{
	const char *replay = getenv("MEMVIZ_REPLAY");
	const char *ns = getenv("MEMVIZ_SEQUENCES");
	const char *s0 = getenv("MEMVIZ_SEED");
	unsigned    nseq = ns != NULL		   ? (unsigned)atoi(ns) :
	       getenv("MEMVIZ_TEST_QUICK") != NULL ? 50 :
						     1000,
		 k;
	uint64_t seed0 = s0 != NULL ? strtoull(s0, NULL, 0) : 1, calls = 0;
	struct cmp_op  *ops = calloc(CMP_MAXOPS, sizeof *ops);
	char		path[64], simline[600], realline[600];
	uint64_t	heap0, mmap_top;
	struct machine *m0 = check_boot("ram", "1G", NULL);
	char		cpus[16];

	cmp_host_cpus(cpus, sizeof cpus);
	heap0 = process_start_brk(m0);
	mmap_top = cmp_mmap_top(m0);
	machine_destroy(m0);

	if (replay == NULL)
		replay = "tests/glibc-replay";
	snprintf(path, sizeof path, "umalloc-seq-%d.txt", (int)getpid());
	/* A fifth with threads: each runs up to 21 real threads. */
	if (threads && ns == NULL)
		nseq /= 5;
	for (k = 0; k < nseq; k++) {
		struct cmp_rng r = { seed0 + k };
		size_t	       n = cmp_generate(&r, ops, threads), at;
		char	      *real, tun[400] = "";

		/* Every other sequence runs under GLIBC_TUNABLES, with
		 * threads too. */
		if ((seed0 + k) % 2 == 1)
			cmp_tunables_make(&r, tun, sizeof tun);
		cmp_write_file(path, ops, n);
		real = cmp_run_real_try(replay, path, heap0, mmap_top, tun, 0);
		at = cmp_sequence(ops, n, real, tun, simline, sizeof simline,
		    realline, sizeof realline, threads ? cpus : NULL);
		free(real);
		if (at < n) {
			cmp_report(ops, n, at, realline, simline, seed0 + k,
			    path, tun);
			ck_abort_msg("memviz's malloc diverged from glibc at "
				     "call %zu of sequence seed %" PRIu64
				     " (%s)",
			    at, seed0 + k, path);
		}
		calls += n;
	}
	unlink(path);
	fprintf(stderr,
	    "umalloc vs glibc 2.36%s: %u sequences, %" PRIu64
	    " calls, 0 divergences\n",
	    threads ? " (threads)" : "", nseq, calls);
	free(ops);
}

START_TEST(test_against_glibc)
{
	cmp_against_glibc(0);
}
END_TEST

/* Threads: each `T N` moves the calls to thread N, each thread's first
 * call gets an arena (arena_get2) and its chunks are compared by their
 * offset in their arena's heap. */
START_TEST(test_threads_against_glibc)
{
	cmp_against_glibc(1);
}
END_TEST

/*
 * Built with AddressSanitizer, glibc-replay's malloc is the sanitizer's,
 * not glibc's, so there is nothing to compare: the suite skips (77).
 */
#if defined(__SANITIZE_ADDRESS__)
#define CMP_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CMP_SANITIZED 1
#endif
#endif

/*
 * The oracle is glibc 2.36's malloc/malloc.c; another release places
 * chunks differently (2.37 and later changed tcache and the bins), so
 * on any other C library the comparison means nothing and skips too.
 */
static const char *
cmp_host_glibc(void)
{
#ifdef __GLIBC__
	return gnu_get_libc_version();
#else
	return "none";
#endif
}

int
main(void)
{
#ifdef CMP_SANITIZED
	(void)test_against_glibc;
	(void)test_threads_against_glibc;
	(void)cmp_host_glibc;
	fputs("skipped: under a sanitizer malloc is not glibc's\n", stderr);
	return 77;
#else
	Suite	*s;
	TCase	*tc;
	SRunner *sr;
	int	 failed;

	if (strcmp(cmp_host_glibc(), "2.36") != 0) {
		fprintf(stderr, "skipped: the host's glibc is %s, not 2.36\n",
		    cmp_host_glibc());
		return 77;
	}
	if (!check_replay_fresh()) {
		fputs("skipped: glibc-replay's heap was used before main, "
		      "as under a sanitizer: nothing to compare\n",
		    stderr);
		return 77;
	}
	s = suite_create("umalloc-glibc");
	tc = tcase_create("replay");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_against_glibc);
	tcase_add_test(tc, test_threads_against_glibc);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
#endif
}
