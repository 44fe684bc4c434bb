/*
 * report-maps.c - /proc/PID/maps of the user process (placeholder).
 */
#include "sim/report.h"
#include "sim/machine-priv.h"

void
report_maps(const struct machine *m, struct sbuf *out)
{
	(void)m;
	(void)out;
}
