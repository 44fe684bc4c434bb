/*
 * umalloc-tcache.c - glibc 2.36's per-thread cache (malloc/malloc.c
 * tcache_init(), tcache_put(), tcache_get()).
 *
 * The tcache_perthread_struct is the first chunk _int_malloc hands out
 * (640 bytes: uint16_t counts[64], then tcache_entry *entries[64]; a
 * 0x290 chunk at the heap start).  A cached chunk keeps its in-use bit;
 * its user bytes hold a tcache_entry: next, safe-linked with PROTECT_PTR
 * (the address of the next field shifted right by 12, XORed in), and key,
 * the process's random tcache_key that free() looks for to catch a double
 * free.  Each bin is LIFO, at most 7 entries.
 */
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>

static uint64_t
umalloc_tc_counts(struct machine *m, uint64_t idx)
{
	return m->proc->um->tcache + idx * 2;
}

static uint64_t
umalloc_tc_entries(struct machine *m, uint64_t idx)
{
	return m->proc->um->tcache + 128 + idx * 8;
}

void
umalloc_tcache_init(struct machine *m)
{
	struct umalloc *um = m->proc->um;
	uint64_t	victim, off;

	umalloc_arena_get(m, UM_TCACHE_STRUCT);
	victim = umalloc_int_malloc(m, UM_TCACHE_STRUCT);
	if (victim == 0)
		return;
	um->tcache = victim;
	for (off = 0; off < UM_TCACHE_STRUCT; off += 8)
		umalloc_wr(m, victim + off, 0);
	umalloc_event(m, EV_CHUNK, umalloc_mem2chunk(victim),
	    umalloc_request2size(UM_TCACHE_STRUCT),
	    "tcache_perthread_struct (tcache_init)");
}

void
umalloc_tcache_put(struct machine *m, uint64_t chunk, uint64_t idx)
{
	uint64_t e = umalloc_chunk2mem(chunk);
	uint64_t head = umalloc_rd(m, umalloc_tc_entries(m, idx));

	umalloc_wr(m, e + 8, m->proc->um->tcache_key);
	umalloc_wr(m, e, umalloc_protect_ptr(e, head));
	umalloc_wr(m, umalloc_tc_entries(m, idx), e);
	umalloc_wr16(m, umalloc_tc_counts(m, idx),
	    (uint16_t)(umalloc_tcache_count(m, idx) + 1));
	umalloc_event(m, EV_BIN, chunk, 32 + idx * 16,
	    "put on tcache[%" PRIu64 "] (%d cached)", idx,
	    umalloc_tcache_count(m, idx));
}

uint64_t
umalloc_tcache_get(struct machine *m, uint64_t idx)
{
	uint64_t e = umalloc_rd(m, umalloc_tc_entries(m, idx));

	if ((e & UM_ALIGN_MASK) != 0)
		umalloc_printerr(m,
		    "malloc(): unaligned tcache chunk detected");
	umalloc_wr(m, umalloc_tc_entries(m, idx),
	    umalloc_protect_ptr(e, umalloc_rd(m, e)));
	umalloc_wr16(m, umalloc_tc_counts(m, idx),
	    (uint16_t)(umalloc_tcache_count(m, idx) - 1));
	umalloc_wr(m, e + 8, 0);
	umalloc_event(m, EV_BIN, umalloc_mem2chunk(e), 32 + idx * 16,
	    "taken from "
	    "tcache[%" PRIu64 "]",
	    idx);
	return e;
}
