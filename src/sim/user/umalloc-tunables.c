/*
 * umalloc-tunables.c - the glibc.malloc.* tunables of GLIBC_TUNABLES, as
 * glibc 2.36 reads them: elf/dl-tunables.c parse_tunables() splits the
 * string at ':' into NAME=VALUE pairs (a piece without '=' is skipped,
 * an unknown name ignored, the last setting wins), _dl_strtoul() reads
 * the value's longest numeric prefix (0x hex, 0 octal, a sign allowed),
 * and a value outside the tunable's range (elf/dl-tunables.list) is
 * ignored.  malloc/arena.c ptmalloc_init() then hands each set tunable to
 * the do_set_* helper mallopt uses, which may refuse it in turn
 * (tcache_max above 1032, tcache_count above 65535, mxfast above 160).
 *
 * glibc.malloc.check needs libc_malloc_debug.so since 2.34 and
 * glibc.malloc.hugetlb asks for huge pages; neither changes where this
 * machine's chunks go, so both are read and change nothing.
 */
#include "sim/user/umalloc.h"
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"

#include <stdint.h>
#include <string.h>

/* MAX_FAST_SIZE (80 * SIZE_SZ / 4), MAX_TCACHE_SIZE, MAX_TCACHE_COUNT. */
#define UM_MAX_FAST_SIZE    160ull
#define UM_MAX_TCACHE_SIZE  1032ull
#define UM_MAX_TCACHE_COUNT 65535ull

/* do_set_mxfast() through set_max_fast(); 0 when refused. */
int
umalloc_set_mxfast(struct umalloc *um, uint64_t value)
{
	if (value > UM_MAX_FAST_SIZE)
		return 0;
	um->max_fast = value == 0 ? UM_MINSIZE / 2 :
				    (value + UM_SIZE_SZ) & ~UM_ALIGN_MASK;
	return 1;
}

static void
tun_top_pad(struct umalloc *um, uint64_t v)
{
	um->top_pad = v;
	um->no_dyn_threshold = 1;
}

static void
tun_mmap_threshold(struct umalloc *um, uint64_t v)
{
	um->mmap_threshold = v;
	um->no_dyn_threshold = 1;
}

static void
tun_trim_threshold(struct umalloc *um, uint64_t v)
{
	um->trim_threshold = v;
	um->no_dyn_threshold = 1;
}

static void
tun_mmap_max(struct umalloc *um, uint64_t v)
{
	um->n_mmaps_max = (int)v;
	um->no_dyn_threshold = 1;
}

static void
tun_perturb(struct umalloc *um, uint64_t v)
{
	um->perturb_byte = (int)v;
}

static void
tun_arena_max(struct umalloc *um, uint64_t v)
{
	um->arena_max = v > INT32_MAX ? INT32_MAX : (int)v;
}

static void
tun_arena_test(struct umalloc *um, uint64_t v)
{
	um->arena_test = v > INT32_MAX ? INT32_MAX : (int)v;
}

static void
tun_tcache_max(struct umalloc *um, uint64_t v)
{
	if (v <= UM_MAX_TCACHE_SIZE)
		um->tcache_bins = umalloc_csize2tidx(umalloc_request2size(v)) +
		    1;
}

static void
tun_tcache_count(struct umalloc *um, uint64_t v)
{
	if (v <= UM_MAX_TCACHE_COUNT)
		um->tcache_count = v;
}

static void
tun_tcache_unsorted_limit(struct umalloc *um, uint64_t v)
{
	um->tcache_unsorted_limit = v;
}

static void
tun_mxfast(struct umalloc *um, uint64_t v)
{
	umalloc_set_mxfast(um, v);
}

static void
tun_nothing(struct umalloc *um, uint64_t v)
{
	(void)um;
	(void)v;
}

/* INT_32 tunables compare as signed numbers, SIZE_T ones as unsigned. */
struct umalloc_tunable {
	const char *name;
	int	    is_int32;
	int64_t	    min, max; /* for SIZE_T: min only, max is SIZE_MAX */
	void (*set)(struct umalloc *, uint64_t);
};

/* clang-format off */
static const struct umalloc_tunable umalloc_tunables[] = {
	{ "glibc.malloc.check",			1, 0, 3,	 tun_nothing },
	{ "glibc.malloc.top_pad",		0, 0, 0,	 tun_top_pad },
	{ "glibc.malloc.perturb",		1, 0, 0xff,	 tun_perturb },
	{ "glibc.malloc.mmap_threshold",	0, 0, 0,	 tun_mmap_threshold },
	{ "glibc.malloc.trim_threshold",	0, 0, 0,	 tun_trim_threshold },
	{ "glibc.malloc.mmap_max",		1, 0, INT32_MAX, tun_mmap_max },
	{ "glibc.malloc.arena_max",		0, 1, 0,	 tun_arena_max },
	{ "glibc.malloc.arena_test",		0, 1, 0,	 tun_arena_test },
	{ "glibc.malloc.tcache_max",		0, 0, 0,	 tun_tcache_max },
	{ "glibc.malloc.tcache_count",		0, 0, 0,	 tun_tcache_count },
	{ "glibc.malloc.tcache_unsorted_limit",	0, 0, 0,	 tun_tcache_unsorted_limit },
	{ "glibc.malloc.mxfast",		0, 0, 0,	 tun_mxfast },
	{ "glibc.malloc.hugetlb",		1, 0, 2,	 tun_nothing },
};
/* clang-format on */
#define UMALLOC_NTUNABLES (sizeof umalloc_tunables / sizeof umalloc_tunables[0])

/* The tunables the string set, and to what (the tunable_list's
 * initialized flags and values). */
struct umalloc_tunable_vals {
	int	 set[UMALLOC_NTUNABLES];
	uint64_t v[UMALLOC_NTUNABLES];
};

/* _dl_strtoul(): the longest numeric prefix; a minus sign negates. */
static uint64_t
tunable_strtoul(const char *s, size_t len)
{
	uint64_t v = 0, base = 10, d;
	size_t	 i = 0;
	int	 neg = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i < len && s[i] == '0') {
		base = 8;
		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			base = 16;
			i++;
		}
	}
	for (; i < len; i++, v = v * base + d) {
		char c = s[i];

		d = c >= '0' && c <= '9' ? (uint64_t)(c - '0') :
		    c >= 'a' && c <= 'f' ? (uint64_t)(c - 'a' + 10) :
		    c >= 'A' && c <= 'F' ? (uint64_t)(c - 'A' + 10) :
					   99;
		if (d >= base)
			break;
	}
	return neg ? (uint64_t)0 - v : v;
}

/* do_tunable_update_val(): 1 when v lies in the tunable's range. */
static int
tunable_in_range(const struct umalloc_tunable *t, uint64_t v)
{
	if (t->is_int32)
		return (int64_t)v >= t->min && (int64_t)v <= t->max;
	return v >= (uint64_t)t->min;
}

static void
tunable_set(struct umalloc_tunable_vals *vals, const char *name, size_t nlen,
    const char *value, size_t vlen)
{
	size_t i;

	for (i = 0; i < UMALLOC_NTUNABLES; i++) {
		const struct umalloc_tunable *t = &umalloc_tunables[i];
		uint64_t		      v;

		if (strlen(t->name) != nlen || memcmp(t->name, name, nlen) != 0)
			continue;
		v = tunable_strtoul(value, vlen);
		if (tunable_in_range(t, v)) {
			vals->set[i] = 1;
			vals->v[i] = v;
		}
		return;
	}
}

/* parse_tunables(): NAME=VALUE pairs separated by ':'. */
static void
tunables_parse(const char *p, struct umalloc_tunable_vals *vals)
{
	for (;;) {
		size_t nlen = strcspn(p, "=:"), vlen;

		if (p[nlen] == '\0')
			return;
		if (p[nlen] == ':') { /* no '=' before the colon */
			p += nlen + 1;
			continue;
		}
		vlen = strcspn(p + nlen + 1, ":");
		tunable_set(vals, p, nlen, p + nlen + 1, vlen);
		p += nlen + 1 + vlen;
		if (*p == '\0')
			return;
		p++;
	}
}

void
umalloc_tunables_apply(struct machine *m, struct umalloc *um)
{
	struct umalloc_tunable_vals vals;
	size_t			    i;

	memset(&vals, 0, sizeof vals);
	tunables_parse(m->cfg.tunables, &vals);
	for (i = 0; i < UMALLOC_NTUNABLES; i++) {
		if (vals.set[i])
			umalloc_tunables[i].set(um, vals.v[i]);
	}
}
