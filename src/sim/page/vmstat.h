/*
 * vmstat.h - time passing on the machine, and the periodic work the
 * kernel does meanwhile, after mm/vmstat.c: vmstat_update() runs on each
 * CPU every sysctl_stat_interval (HZ, one second) and calls
 * refresh_cpu_vm_stats(), which folds the CPU's counter deltas (memviz
 * counts exactly: nothing to fold) and, since 6.7, decay_pcp_high() on
 * the CPU's pageset of every zone (pcp.h).  Its other pageset work, the
 * drain of remote nodes' pagesets after pcp->expire runs out, is NUMA
 * only, and the machine has one node: under 6.1 time changes no list.
 */
#ifndef MEMVIZ_SIM_VMSTAT_H
#define MEMVIZ_SIM_VMSTAT_H

#include <stdint.h>

struct machine;

/* sysctl vm.stat_interval: one second (HZ) in both profiles */
#define VMSTAT_INTERVAL_MS 1000

/*
 * Advances the clock by ms and runs vmstat_update() on every CPU for
 * each interval boundary crossed, each on its own CPU (so its drains are
 * that CPU's); stops early once a round changes nothing, as the kernel's
 * work stops re-arming itself.  Emits the drains (EV_PCP_DRAIN).
 */
void vmstat_tick(struct machine *m, uint64_t ms);

#endif
