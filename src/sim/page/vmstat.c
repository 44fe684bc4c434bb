/*
 * vmstat.c - the clock and the vmstat interval's work, after mm/vmstat.c
 * vmstat_update() and refresh_cpu_vm_stats() (6.1 and 6.12); vmstat.h
 * states the model.
 */
#include "sim/page/vmstat.h"
#include "sim/machine-priv.h"
#include "sim/page/pcp.h"

/* refresh_cpu_vm_stats(true) on the running CPU: 1 if anything changed. */
static int
refresh_cpu_vm_stats(struct machine *m)
{
	int z, changes = 0;

	for (z = 0; z < m->nr_zones; z++)
		changes += pcp_decay_high(m, z);
	return changes > 0;
}

void
vmstat_tick(struct machine *m, uint64_t ms)
{
	uint64_t rounds = (m->uptime_ms + ms) / VMSTAT_INTERVAL_MS -
	    m->uptime_ms / VMSTAT_INTERVAL_MS;
	unsigned cpu, self = m->cpu;
	int	 changed = 1;

	m->uptime_ms += ms;
	for (; rounds > 0 && changed; rounds--) {
		changed = 0;
		for (cpu = 0; cpu < m->cfg.cpus; cpu++) {
			m->cpu = cpu; /* vmstat_work is queued on each CPU */
			changed |= refresh_cpu_vm_stats(m);
		}
	}
	m->cpu = self;
}
