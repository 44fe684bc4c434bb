/*
 * vmalloc.h - virtually contiguous kernel memory from scattered frames.
 *
 *  vmalloc_alloc: reserves the lowest free range that fits (plus one guard
 *    page), allocates order-0 frames one by one and maps them through the
 *    kernel page table.  SIM_OK with st->addr and st->frames; SIM_EINVAL
 *    for size 0; SIM_ENOMEM.
 *  vmalloc_free: unmaps and frees every frame; SIM_BAD_FREE for an
 *    address that is not the start of a vmalloc area.
 */
#ifndef MEMVIZ_SIM_VMALLOC_H
#define MEMVIZ_SIM_VMALLOC_H

#include <stdint.h>

#include "common/sbuf.h"
#include "sim/gfp.h"
#include "sim/status.h"

struct machine;

void	 vmalloc_init(struct machine *m);
void	 vmalloc_destroy(struct machine *m);
enum sim_status vmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp);
enum sim_status vmalloc_free(struct machine *m, uint64_t addr);
/* The frame behind a vmalloc address; -1 when it is not mapped. */
int	 vmalloc_virt_to_pfn(const struct machine *m, uint64_t va,
	    uint64_t *pfn);
void	 vmalloc_describe_frame(const struct machine *m, uint64_t pfn,
	    struct sbuf *out);
int	 vmalloc_check(const struct machine *m, char **cause);

#endif
