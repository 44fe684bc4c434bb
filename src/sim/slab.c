/*
 * slab.c - placeholder until the slab layer lands (issue 4).
 */
#include "sim/slab.h"
#include "sim/machine-priv.h"

void
slab_init(struct machine *m)
{
	(void)m;
}

void
slab_destroy(struct machine *m)
{
	(void)m;
}

void
slab_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	(void)m;
	sbuf_printf(out, "slab frame %llu", (unsigned long long)pfn);
}

int
slab_check(const struct machine *m, char **cause)
{
	(void)m;
	(void)cause;
	return 0;
}
