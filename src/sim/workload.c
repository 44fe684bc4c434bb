/*
 * workload.c - placeholder: the machine boots fresh until ageing lands.
 */
#include "sim/workload.h"

void
workload_age(struct machine *m, unsigned fragment)
{
	(void)m;
	(void)fragment;
}
