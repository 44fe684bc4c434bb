/*
 * process.c - placeholder until the user process lands (issue 5).
 */
#include "sim/process.h"
#include "sim/machine-priv.h"

void
process_init(struct machine *m)
{
	(void)m;
}

void
process_destroy(struct machine *m)
{
	(void)m;
}

enum sim_status
process_access(struct machine *m, uint64_t va, uint64_t len, int write,
    const void *data, size_t datalen, void *buf, size_t bufsize)
{
	(void)va; (void)len; (void)write; (void)data; (void)datalen;
	(void)buf; (void)bufsize;
	return step_fail(m->st, SIM_UNSUPPORTED,
	    "user memory: not implemented yet");
}

int
process_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn)
{
	(void)m; (void)va; (void)pfn;
	return -1;
}

void
process_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	(void)m;
	sbuf_printf(out, "anon frame %llu", (unsigned long long)pfn);
}

int
process_check(const struct machine *m, char **cause)
{
	(void)m; (void)cause;
	return 0;
}
