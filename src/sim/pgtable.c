/*
 * pgtable.c - placeholder until page tables land (issue 4).
 */
#include "sim/pgtable.h"
#include "sim/machine-priv.h"

struct pgtable *
pgtable_create(struct machine *m, gfp_t gfp)
{
	(void)m; (void)gfp;
	return NULL;
}

void
pgtable_destroy(struct machine *m, struct pgtable *pt)
{
	(void)m; (void)pt;
}

enum sim_status
pgtable_map(struct machine *m, struct pgtable *pt, uint64_t va, uint64_t pfn,
    gfp_t gfp)
{
	(void)pt; (void)va; (void)pfn; (void)gfp;
	return step_fail(m->st, SIM_UNSUPPORTED, "page tables: not implemented yet");
}

int
pgtable_unmap(struct machine *m, struct pgtable *pt, uint64_t va, uint64_t *pfn)
{
	(void)m; (void)pt; (void)va; (void)pfn;
	return -1;
}

int
pgtable_lookup(const struct machine *m, const struct pgtable *pt, uint64_t va,
    uint64_t *pfn)
{
	(void)m; (void)pt; (void)va; (void)pfn;
	return -1;
}

uint64_t
pgtable_pages(const struct pgtable *pt)
{
	(void)pt;
	return 0;
}
