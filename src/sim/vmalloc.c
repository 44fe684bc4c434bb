/*
 * vmalloc.c - placeholder until vmalloc lands (issue 4).
 */
#include "sim/vmalloc.h"
#include "sim/machine-priv.h"

void
vmalloc_init(struct machine *m)
{
	(void)m;
}

void
vmalloc_destroy(struct machine *m)
{
	(void)m;
}

enum sim_status
vmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp)
{
	(void)size;
	(void)gfp;
	return step_fail(m->st, SIM_UNSUPPORTED, "vmalloc: not implemented yet");
}

enum sim_status
vmalloc_free(struct machine *m, uint64_t addr)
{
	(void)addr;
	return step_fail(m->st, SIM_UNSUPPORTED, "vfree: not implemented yet");
}

int
vmalloc_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn)
{
	(void)m;
	(void)va;
	(void)pfn;
	return -1;
}

void
vmalloc_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	(void)m;
	sbuf_printf(out, "vmalloc frame %llu", (unsigned long long)pfn);
}

int
vmalloc_check(const struct machine *m, char **cause)
{
	(void)m;
	(void)cause;
	return 0;
}
