/*
 * process.h - one user process: VMAs, brk, anonymous mmap, demand paging.
 *
 *  process_access: a user-space read or write of len bytes at va.  Pages
 *    never touched fault in (EV_FAULT): a write gets a zeroed frame from
 *    the buddy allocator (GFP_HIGHUSER_MOVABLE) mapped through the
 *    process's page table, a read maps the shared zero page.  SIM_ABORT
 *    ("SIGSEGV") for an address outside every VMA.
 */
#ifndef MEMVIZ_SIM_PROCESS_H
#define MEMVIZ_SIM_PROCESS_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/status.h"

struct machine;

void	 process_init(struct machine *m);
void	 process_destroy(struct machine *m);
enum sim_status process_access(struct machine *m, uint64_t va, uint64_t len,
	    int write, const void *data, size_t datalen, void *buf,
	    size_t bufsize);
int	 process_virt_to_pfn(const struct machine *m, uint64_t va,
	    uint64_t *pfn);
void	 process_describe_frame(const struct machine *m, uint64_t pfn,
	    struct sbuf *out);
int	 process_check(const struct machine *m, char **cause);

#endif
