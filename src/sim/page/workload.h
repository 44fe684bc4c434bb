/*
 * workload.h - the background life of the machine before the user arrives.
 *
 * A seeded mix of page-cache reads and short-lived kernel allocations
 * ages a freshly booted machine, so its free memory is broken into the
 * scattered pieces a real system has after running a while.  fragment
 * (0..100) sets how far: 0 is a fresh boot.
 */
#ifndef MEMVIZ_SIM_WORKLOAD_H
#define MEMVIZ_SIM_WORKLOAD_H

struct machine;

void workload_age(struct machine *m, unsigned fragment);

#endif
