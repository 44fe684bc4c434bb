/*
 * pgtable.h - x86-64 4-level page tables (PGD, PUD, PMD, PTE; P4D folded).
 *
 * Each table is one simulated frame of 512 eight-byte entries, allocated
 * from the buddy allocator when first needed (EV_PGTABLE; the frame is
 * zeroed as GFP_PGTABLE_KERNEL asks, so buddy also emits EV_ZERO), owned
 * by FO_PGTABLE with the level (4 PGD .. 1 PTE page) as its tag, and its
 * entries are stored in that frame's bytes.  Used for the kernel's
 * vmalloc mappings (init_mm) and for the user process.
 *
 * Entries are x86's: pfn << 12 | flags.  Addresses below 0x800000000000
 * get _PAGE_USER in every level; kernel leaves are PAGE_KERNEL (global,
 * NX).  Unmapping clears the PTE but keeps the table pages, as the
 * kernel keeps init_mm's; pgtable_destroy() frees them all.
 */
#ifndef MEMVIZ_SIM_PGTABLE_H
#define MEMVIZ_SIM_PGTABLE_H

#include <stdint.h>

#include "sim/page/gfp.h"
#include "sim/status.h"

struct machine;
struct pgtable;

/* A page table with its PGD allocated (frame from buddy with gfp). */
struct pgtable *pgtable_create(struct machine *m, gfp_t gfp);
/* Frees every table page and the host structure (not the mapped frames). */
void pgtable_destroy(struct machine *m, struct pgtable *pt);
/*
 * Maps va -> pfn, allocating table pages; emits EV_PGTABLE per new table
 * and EV_PTE_SET (an EV_PTE_CLEAR first when va was mapped already, as a
 * copy-on-write replaces a PTE).  SIM_ENOMEM (buddy's reason) when a table
 * page cannot be had, SIM_EFAULT for a non-canonical va.
 */
enum sim_status pgtable_map(struct machine *m, struct pgtable *pt, uint64_t va,
    uint64_t pfn, gfp_t gfp);
/* Clears the PTE for va (EV_PTE_CLEAR); 0 with the pfn it held, or -1. */
int pgtable_unmap(struct machine *m, struct pgtable *pt, uint64_t va,
    uint64_t *pfn);
/* Walks the table; 0 with *pfn, or -1 when not mapped. */
int pgtable_lookup(const struct machine *m, const struct pgtable *pt,
    uint64_t va, uint64_t *pfn);
/* Table pages currently allocated (0 for NULL). */
uint64_t pgtable_pages(const struct pgtable *pt);
/* The PGD's frame (what CR3 would hold). */
uint64_t pgtable_pgd_pfn(const struct pgtable *pt);
/*
 * The raw entry for va at level (4 PGD .. 1 PTE), read from the table's
 * bytes, for the inspector; -1 when a table above it is missing.
 */
int pgtable_entry(const struct machine *m, const struct pgtable *pt,
    uint64_t va, int level, uint64_t *entry);

#endif
