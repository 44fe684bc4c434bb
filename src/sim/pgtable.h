/*
 * pgtable.h - x86-64 4-level page tables (PGD, PUD, PMD, PTE; P4D folded).
 *
 * Each table is one simulated frame of 512 eight-byte entries, allocated
 * from the buddy allocator when first needed (EV_PGTABLE), and its entries
 * are stored in that frame's bytes.  Used for the kernel's vmalloc mappings
 * (init_mm) and for the user process.
 */
#ifndef MEMVIZ_SIM_PGTABLE_H
#define MEMVIZ_SIM_PGTABLE_H

#include <stdint.h>

#include "sim/gfp.h"
#include "sim/status.h"

struct machine;
struct pgtable;

/* A page table with its PGD allocated (frame from buddy with gfp). */
struct pgtable *pgtable_create(struct machine *m, gfp_t gfp);
/* Frees every table page and the host structure (not the mapped frames). */
void	 pgtable_destroy(struct machine *m, struct pgtable *pt);
/* Maps va -> pfn, allocating table pages; SIM_ENOMEM when one cannot be. */
enum sim_status pgtable_map(struct machine *m, struct pgtable *pt,
	    uint64_t va, uint64_t pfn, gfp_t gfp);
/* Clears the PTE for va; returns the pfn it held or -1. */
int	 pgtable_unmap(struct machine *m, struct pgtable *pt, uint64_t va,
	    uint64_t *pfn);
/* Walks the table; 0 with *pfn, or -1 when not mapped. */
int	 pgtable_lookup(const struct machine *m, const struct pgtable *pt,
	    uint64_t va, uint64_t *pfn);
/* Table pages currently allocated. */
uint64_t pgtable_pages(const struct pgtable *pt);

#endif
