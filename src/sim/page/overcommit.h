/*
 * overcommit.h - the kernel's accounting of committed virtual memory
 * (mm/util.c __vm_enough_memory(), vm_commit_limit(); mm/util.c's
 * init_user_reserve() and init_admin_reserve()), as
 * Documentation/mm/overcommit-accounting.rst describes it.
 *
 * Every private writable mapping (and the brk area, and the stack) is
 * charged to vm_committed_as when it is made and uncharged when it goes;
 * whether a new charge is allowed depends on vm.overcommit_memory (the
 * machine option): 0 refuses one request larger than all of RAM (there
 * is no swap), 1 refuses nothing, 2 refuses when the total would reach
 * CommitLimit = RAM * overcommit_ratio / 100, less the reserves kept for
 * root and for the user to recover.  Frames are not involved: memory is
 * committed long before it is touched.
 */
#ifndef MEMVIZ_SIM_OVERCOMMIT_H
#define MEMVIZ_SIM_OVERCOMMIT_H

#include <stdint.h>

struct machine;

/* The boot-time reserves, from the free pages when called. */
void overcommit_init(struct machine *m);
/*
 * __vm_enough_memory() for a non-root process whose mappings span
 * total_vm pages: 0 with pages charged, or -1 (nothing charged) when
 * the policy refuses them.
 */
int overcommit_charge(struct machine *m, uint64_t pages, uint64_t total_vm);
/* vm_acct_memory() without a check, and vm_unacct_memory(). */
void overcommit_acct(struct machine *m, uint64_t pages);
void overcommit_unacct(struct machine *m, uint64_t pages);
/* /proc/meminfo's CommitLimit and Committed_AS, in pages. */
uint64_t overcommit_commit_limit(const struct machine *m);
uint64_t overcommit_committed(const struct machine *m);

#endif
