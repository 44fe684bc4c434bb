/*
 * report-kernel.c - /proc/slabinfo and /proc/vmallocinfo (placeholder).
 */
#include "sim/report.h"
#include "sim/machine-priv.h"

void
report_slabinfo(const struct machine *m, struct sbuf *out)
{
	(void)m;
	sbuf_puts(out, "slabinfo - version: 2.1\n");
}

void
report_vmallocinfo(const struct machine *m, struct sbuf *out)
{
	(void)m;
	(void)out;
}
