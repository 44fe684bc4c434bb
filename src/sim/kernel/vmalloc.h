/*
 * vmalloc.h - virtually contiguous kernel memory from scattered frames.
 *
 *  vmalloc_alloc: rounds size up to pages, reserves the lowest free range
 *    of the profile's vmalloc space that holds it plus one guard page
 *    (EV_VMAP_AREA, size including the guard), kzallocs the page array
 *    (nr_pages * 8 bytes; vmalloc'ed itself when above one page), takes
 *    order-0 frames one at a time from buddy (FO_VMALLOC) and maps each
 *    through the kernel page table (EV_PGTABLE, EV_PTE_SET).  __GFP_ZERO
 *    (vzalloc) zeroes every frame.  SIM_OK with st->addr, st->size (the
 *    mapped bytes) and st->frames; SIM_EINVAL for size 0 and for more
 *    pages than RAM has; SIM_ENOMEM when the range or a frame cannot be
 *    had (everything taken so far is given back).
 *  vmalloc_free: clears the PTEs, frees every frame and the page array;
 *    the range waits on the lazy list (shown as "unpurged vm_area") until
 *    more than lazy_max_pages are waiting or a search finds no room, then
 *    all waiting ranges are purged at once (EV_VUNMAP_AREA).  vfree(NULL)
 *    does nothing; any other address that does not start a live area is
 *    reported as the kernel warns: SIM_BAD_FREE, or SIM_DOUBLE_FREE for a
 *    range already freed.
 */
#ifndef MEMVIZ_SIM_VMALLOC_H
#define MEMVIZ_SIM_VMALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/page/gfp.h"
#include "sim/status.h"

struct machine;

void		vmalloc_init(struct machine *m);
void		vmalloc_destroy(struct machine *m);
enum sim_status vmalloc_alloc(struct machine *m, uint64_t size, gfp_t gfp);
enum sim_status vmalloc_free(struct machine *m, uint64_t addr);
/* The frame behind a vmalloc address (walks the page table); -1 if none. */
int  vmalloc_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn);
void vmalloc_describe_frame(const struct machine *m, uint64_t pfn,
    struct sbuf *out);
int  vmalloc_check(const struct machine *m, char **cause);

/* ---- const accessors for views and reports ---- */

struct vmalloc_area_info {
	uint64_t addr;
	uint64_t size;	   /* the guard page included */
	uint64_t nr_pages; /* mapped pages (0 once freed) */
	int	 lazy;	   /* freed, waiting for the purge */
	int	 nested;   /* holds another area's page array */
};

/* First and last address of the profile's vmalloc space. */
uint64_t vmalloc_start(const struct machine *m);
uint64_t vmalloc_end(const struct machine *m);
/* Areas, live and lazily freed, in address order. */
size_t vmalloc_area_count(const struct machine *m);
int    vmalloc_area_info(const struct machine *m, size_t i,
       struct vmalloc_area_info *info);
/* The frame behind page pg of area i; -1 when out of range. */
int vmalloc_area_pfn(const struct machine *m, size_t i, uint64_t pg,
    uint64_t *pfn);
/* Pages waiting for the lazy purge, and the threshold. */
uint64_t vmalloc_lazy_pages(const struct machine *m);
uint64_t vmalloc_lazy_max_pages(const struct machine *m);

#endif
