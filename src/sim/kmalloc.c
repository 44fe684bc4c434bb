/*
 * kmalloc.c - placeholder until the slab layer lands (issue 4).
 */
#include "sim/kmalloc.h"
#include "sim/machine-priv.h"

enum sim_status
kmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp)
{
	(void)size;
	(void)gfp;
	return step_fail(m->st, SIM_UNSUPPORTED, "kmalloc: not implemented yet");
}

enum sim_status
kmalloc_free(struct machine *m, uint64_t addr)
{
	(void)addr;
	return step_fail(m->st, SIM_UNSUPPORTED, "kfree: not implemented yet");
}
