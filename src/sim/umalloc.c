/*
 * umalloc.c - placeholder until malloc lands (issue 5).
 */
#include "sim/umalloc.h"
#include "sim/machine-priv.h"

enum sim_status
umalloc_malloc(struct machine *m, uint64_t size)
{
	(void)size;
	return step_fail(m->st, SIM_UNSUPPORTED, "malloc: not implemented yet");
}

enum sim_status
umalloc_calloc(struct machine *m, uint64_t n, uint64_t size)
{
	(void)n; (void)size;
	return step_fail(m->st, SIM_UNSUPPORTED, "calloc: not implemented yet");
}

enum sim_status
umalloc_realloc(struct machine *m, uint64_t addr, uint64_t size)
{
	(void)addr; (void)size;
	return step_fail(m->st, SIM_UNSUPPORTED, "realloc: not implemented yet");
}

enum sim_status
umalloc_free(struct machine *m, uint64_t addr)
{
	(void)addr;
	return step_fail(m->st, SIM_UNSUPPORTED, "free: not implemented yet");
}
