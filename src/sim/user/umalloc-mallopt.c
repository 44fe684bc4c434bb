/*
 * umalloc-mallopt.c - mallopt() as glibc 2.36's __libc_mallopt and its
 * do_set_* helpers (malloc/malloc.c), and the M_PERTURB memsets
 * alloc_perturb() and free_perturb().
 *
 * mallopt first consolidates main_arena's fastbins (for M_MXFAST's sake,
 * whatever the parameter): __libc_mallopt works on &main_arena whichever
 * thread calls it, so a thread arena's fastbins stay as they are.
 * Setting the trim threshold, the top pad, the mmap threshold or the mmap
 * maximum turns the dynamic mmap threshold off (mp_.no_dyn_threshold):
 * free() of a large mmapped chunk no longer raises it.  2.36 takes any
 * mmap threshold (older releases refused one above HEAP_MAX_SIZE / 2;
 * this machine's 2.36 answers 1 for 64 MiB and for -1, which becomes
 * SIZE_MAX: no mmap at all).  M_ARENA_MAX and M_ARENA_TEST feed
 * arena_get2's narenas_limit (umalloc-arena.c), which is worked out once
 * and then kept, as arena.c's static is.  M_MXFAST sets global_max_fast
 * as the glibc.malloc.mxfast tunable does (umalloc-tunables.c).  An
 * unknown parameter is accepted: the switch has no default.
 */
#include "sim/user/umalloc.h"
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

/* memset(mem, c, n) in the process. */
static void
umalloc_memset(struct machine *m, uint64_t mem, int c, uint64_t n)
{
	uint8_t buf[4096];
	size_t	i;

	for (i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)c;
	while (n > 0) {
		uint64_t k = n < sizeof buf ? n : sizeof buf;
		int	 r;

		if ((r = process_poke(m, mem, buf, (size_t)k)) != 0)
			umalloc_fault(m, mem, r);
		mem += k;
		n -= k;
	}
}

void
umalloc_alloc_perturb(struct machine *m, uint64_t mem, uint64_t n)
{
	int c = m->proc->um->perturb_byte;

	if (c == 0 || mem == 0)
		return;
	umalloc_memset(m, mem, (c ^ 0xff) & 0xff, n);
	umalloc_event(m, EV_NOTE, mem, n,
	    "M_PERTURB: the block filled with "
	    "%#x",
	    (unsigned)((c ^ 0xff) & 0xff));
}

void
umalloc_free_perturb(struct machine *m, uint64_t mem, uint64_t n)
{
	int c = m->proc->um->perturb_byte;

	if (c == 0)
		return;
	umalloc_memset(m, mem, c & 0xff, n);
	umalloc_event(m, EV_NOTE, mem, n,
	    "M_PERTURB: the freed block filled "
	    "with %#x",
	    (unsigned)(c & 0xff));
}

/* The parameters that set mp_ fields; 1 when taken. */
static int
umalloc_set_param(struct umalloc *um, int param, int value)
{
	uint64_t v = (uint64_t)(int64_t)value; /* int to size_t */

	switch (param) {
	case UMALLOC_M_TRIM_THRESHOLD:
		um->trim_threshold = v;
		break;
	case UMALLOC_M_TOP_PAD:
		um->top_pad = v;
		break;
	case UMALLOC_M_MMAP_THRESHOLD:
		um->mmap_threshold = v;
		break;
	case UMALLOC_M_MMAP_MAX:
		um->n_mmaps_max = value;
		break;
	default:
		return 1;
	}
	um->no_dyn_threshold = 1;
	return 1;
}

static int
umalloc_mallopt_param(struct umalloc *um, int param, int value)
{
	switch (param) {
	case UMALLOC_M_MXFAST: /* above MAX_FAST_SIZE: refused, 0 */
		return umalloc_set_mxfast(um, (uint64_t)(int64_t)value);
	case UMALLOC_M_PERTURB:
		um->perturb_byte = value;
		return 1;
	case UMALLOC_M_ARENA_TEST:
		if (value > 0)
			um->arena_test = value;
		return 1;
	case UMALLOC_M_ARENA_MAX:
		if (value > 0)
			um->arena_max = value;
		return 1;
	default: /* M_CHECK_ACTION does nothing since 2.34 */
		return umalloc_set_param(um, param, value);
	}
}

enum sim_status
umalloc_mallopt(struct machine *m, int param, int value)
{
	struct umalloc *um = umalloc_get(m);

	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_init_once(m);
	um->av = umalloc_main_arena(m);
	umalloc_malloc_consolidate(m);
	um->av = umalloc_thread_arena(m);
	m->st->addr = (uint64_t)umalloc_mallopt_param(um, param, value);
	if (m->st->status == SIM_OK && um->no_dyn_threshold)
		step_set_what(m->st,
		    "mmap threshold %" PRIu64 ", trim threshold %" PRIu64
		    ", top pad %" PRIu64 ", mmap max %d",
		    um->mmap_threshold, um->trim_threshold, um->top_pad,
		    um->n_mmaps_max);
	return m->st->status;
}
