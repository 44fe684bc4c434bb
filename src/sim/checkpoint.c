/*
 * checkpoint.c - a copy of a whole machine, for seeking in a replay.
 *
 * The sim is deterministic, so the state after n operations is a replay
 * of them; a checkpoint saves replaying the first ones.  Like fork()
 * copying an mm (kernel/fork.c dup_mm()), the struct is copied and each
 * module duplicates what its pointers own.  Written frames' bytes are
 * shared with the original, as fork() shares anonymous pages, and copied
 * by whichever side writes one first (contents.h); either may run on or
 * be destroyed first.  Caches that
 * point into the original's memory (the contents' hot slots, the
 * process's tlb) start cold in the copy: they only make reads faster.
 */
#include "sim/machine.h"
#include "sim/machine-priv.h"
#include "sim/page/contents.h"
#include "common/xmalloc.h"

#include <stdlib.h>

struct machine *
machine_clone(const struct machine *m)
{
	struct machine *c = xmemdup(m, sizeof *m);

	step_init(&c->quiet);
	c->quiet.silent = 1;
	c->st = &c->quiet;
	phys_clone(c, m);
	slab_clone(c, m);
	vmalloc_clone(c, m);
	process_clone(c, m);
	return c;
}

size_t
machine_bytes(const struct machine *m)
{
	return sizeof *m + m->nframes * sizeof *m->frames +
	    contents_bytes(m->contents);
}
