/*
 * pgtable.c - x86-64 4-level page tables whose entries live in frames.
 *
 * A table is one frame of 512 eight-byte entries.  The PGD is allocated
 * by pgtable_create(); PUD, PMD and PTE pages are allocated the first
 * time an address below them is mapped, as __pud_alloc(), __pmd_alloc()
 * and __pte_alloc() do, with the kernel's GFP_PGTABLE_KERNEL (the
 * caller's flags plus __GFP_ZERO: a new table must read as all "none").
 * The P4D level is folded (4-level paging, PTRS_PER_P4D = 1).
 *
 * Invariants:
 *  - every entry is read and written through phys_read_u64 /
 *    phys_write_u64 in the table frame's bytes; the host structure keeps
 *    only the PGD's pfn and a page count, so a lookup really walks memory;
 *  - an entry is either 0 (none) or pfn << 12 | flags with _PAGE_PRESENT;
 *  - table frames are owned by FO_PGTABLE, their tag is the level
 *    (4 = PGD .. 1 = PTE page);
 *  - unmapping clears the PTE only: the kernel keeps the page-table pages
 *    of init_mm's vmalloc range (vunmap_range() frees none), and the user
 *    side frees its tables with pgtable_destroy() at exit.
 */
#include "sim/kernel/pgtable.h"
#include "sim/page/buddy.h"
#include "sim/machine-priv.h"
#include "common/xmalloc.h"

#include <stdlib.h>

/* arch/x86/include/asm/pgtable_types.h */
#define _PAGE_PRESENT  0x001ull
#define _PAGE_RW       0x002ull
#define _PAGE_USER     0x004ull
#define _PAGE_ACCESSED 0x020ull
#define _PAGE_DIRTY    0x040ull
#define _PAGE_GLOBAL   0x100ull
#define _PAGE_NX       (1ull << 63)
#define PTE_PFN_MASK   0x000ffffffffff000ull

/* _KERNPG_TABLE and _PAGE_TABLE: what a table entry holds. */
#define KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define USERPG_TABLE (KERNPG_TABLE | _PAGE_USER)
/* PAGE_KERNEL (vmalloc's default) and a writable user page. */
#define LEAF_KERNEL (KERNPG_TABLE | _PAGE_GLOBAL | _PAGE_NX)
#define LEAF_USER   (USERPG_TABLE | _PAGE_NX)

#define PTRS_PER_TABLE 512
#define USER_VA_END    0x0000800000000000ull

struct pgtable {
	uint64_t pgd_pfn;
	uint64_t pages; /* table pages, the PGD included */
};

/* Shift of the index at a level: 4 PGD 39, 3 PUD 30, 2 PMD 21, 1 PTE 12. */
static unsigned
pgtable_shift(int level)
{
	return 12 + 9 * (unsigned)(level - 1);
}

static uint64_t
pgtable_index(uint64_t va, int level)
{
	return (va >> pgtable_shift(level)) & (PTRS_PER_TABLE - 1);
}

/* Physical address of the entry for va in the table at pfn. */
static uint64_t
pgtable_slot(uint64_t table_pfn, uint64_t va, int level)
{
	return pfn_to_phys(table_pfn) + pgtable_index(va, level) * 8;
}

/* Bits 63..48 must copy bit 47. */
static int
pgtable_canonical(uint64_t va)
{
	uint64_t top = va >> 47;

	return top == 0 || top == 0x1ffff;
}

/*
 * The frame a present entry at level points to, or UINT64_MAX when the
 * entry is none or is not what this module wrote there: a kernel write
 * past an object can land on a table page.  Such an entry counts as
 * none, as the kernel's walkers drop a bad one (mm/pgtable-generic.c
 * pmd_clear_bad()), and the host never follows a frame number it holds.
 */
static uint64_t
pgtable_entry_pfn(const struct machine *m, uint64_t e, int level)
{
	uint64_t pfn = (e & PTE_PFN_MASK) >> PAGE_SHIFT;

	if (!(e & _PAGE_PRESENT) || pfn >= m->nframes)
		return UINT64_MAX;
	if (level > 1 &&
	    (m->frames[pfn].owner != FO_PGTABLE ||
		m->frames[pfn].own.tag != (uint32_t)(level - 1)))
		return UINT64_MAX;
	return pfn;
}

/* One zeroed table frame at a level; UINT64_MAX when buddy said no. */
static uint64_t
pgtable_alloc_page(struct machine *m, struct pgtable *pt, gfp_t gfp, int level,
    uint64_t va)
{
	uint64_t      pfn;
	struct event *ev;

	if (buddy_alloc(m, gfp | ___GFP_ZERO, 0, FO_PGTABLE, &pfn) != SIM_OK)
		return UINT64_MAX;
	phys_set_tag(m, pfn, (uint32_t)level, 0);
	pt->pages++;
	ev = step_emit(m->st, EV_PGTABLE);
	ev->pfn = pfn;
	ev->aux = (uint64_t)level;
	ev->addr = level == 4 ? 0 :
				va & ~((1ull << pgtable_shift(level + 1)) - 1);
	return pfn;
}

/* The host half only: the tables live in the cloned frames' bytes. */
struct pgtable *
pgtable_clone(const struct pgtable *pt)
{
	return xmemdup(pt, pt != NULL ? sizeof *pt : 0);
}

struct pgtable *
pgtable_create(struct machine *m, gfp_t gfp)
{
	struct pgtable *pt = xcalloc(1, sizeof *pt);

	pt->pgd_pfn = pgtable_alloc_page(m, pt, gfp, 4, 0);
	if (pt->pgd_pfn == UINT64_MAX) {
		free(pt);
		return NULL;
	}
	return pt;
}

/* Frees the tables below one entry's table, then that table itself. */
static void
pgtable_free_level(struct machine *m, uint64_t table_pfn, int level)
{
	uint64_t i, e, pfn;

	if (level > 1) {
		for (i = 0; i < PTRS_PER_TABLE; i++) {
			e = phys_read_u64(m, pfn_to_phys(table_pfn) + i * 8);
			pfn = pgtable_entry_pfn(m, e, level);
			if (pfn != UINT64_MAX)
				pgtable_free_level(m, pfn, level - 1);
		}
	}
	buddy_free(m, table_pfn, 0);
}

void
pgtable_destroy(struct machine *m, struct pgtable *pt)
{
	if (pt == NULL)
		return;
	pgtable_free_level(m, pt->pgd_pfn, 4);
	free(pt);
}

/* The table one level below the entry for va, allocating it if none. */
static uint64_t
pgtable_descend(struct machine *m, struct pgtable *pt, uint64_t table_pfn,
    uint64_t va, int level, gfp_t gfp)
{
	uint64_t slot = pgtable_slot(table_pfn, va, level), e, pfn;

	e = phys_read_u64(m, slot);
	if ((pfn = pgtable_entry_pfn(m, e, level)) != UINT64_MAX)
		return pfn;
	pfn = pgtable_alloc_page(m, pt, gfp, level - 1, va);
	if (pfn == UINT64_MAX)
		return UINT64_MAX;
	phys_write_u64(m, slot,
	    pfn_to_phys(pfn) |
		(va < USER_VA_END ? USERPG_TABLE : KERNPG_TABLE));
	return pfn;
}

enum sim_status
pgtable_map(struct machine *m, struct pgtable *pt, uint64_t va, uint64_t pfn,
    gfp_t gfp)
{
	uint64_t      table = pt->pgd_pfn, slot, old;
	int	      level;
	struct event *ev;

	if (!pgtable_canonical(va))
		return step_fail(m->st, SIM_EFAULT,
		    "non-canonical address "
		    "%#llx",
		    (unsigned long long)va);
	for (level = 4; level > 1; level--) {
		table = pgtable_descend(m, pt, table, va, level, gfp);
		if (table == UINT64_MAX)
			return m->st->status;
	}
	slot = pgtable_slot(table, va, 1);
	old = phys_read_u64(m, slot);
	if (pgtable_entry_pfn(m, old, 1) != UINT64_MAX) {
		ev = step_emit(m->st, EV_PTE_CLEAR);
		ev->addr = va & ~(PAGE_SIZE - 1);
		ev->pfn = (old & PTE_PFN_MASK) >> PAGE_SHIFT;
	}
	phys_write_u64(m, slot,
	    pfn_to_phys(pfn) | (va < USER_VA_END ? LEAF_USER : LEAF_KERNEL));
	ev = step_emit(m->st, EV_PTE_SET);
	ev->addr = va & ~(PAGE_SIZE - 1);
	ev->pfn = pfn;
	return SIM_OK;
}

/* Physical address of va's PTE, or UINT64_MAX when a table is missing. */
static uint64_t
pgtable_pte_slot(const struct machine *m, const struct pgtable *pt, uint64_t va)
{
	uint64_t table = pt->pgd_pfn, e;
	int	 level;

	if (!pgtable_canonical(va))
		return UINT64_MAX;
	for (level = 4; level > 1; level--) {
		e = phys_read_u64(m, pgtable_slot(table, va, level));
		if ((table = pgtable_entry_pfn(m, e, level)) == UINT64_MAX)
			return UINT64_MAX;
	}
	return pgtable_slot(table, va, 1);
}

int
pgtable_unmap(struct machine *m, struct pgtable *pt, uint64_t va, uint64_t *pfn)
{
	uint64_t      slot = pgtable_pte_slot(m, pt, va), e;
	struct event *ev;

	if (slot == UINT64_MAX)
		return -1;
	e = phys_read_u64(m, slot);
	if (pgtable_entry_pfn(m, e, 1) == UINT64_MAX)
		return -1;
	phys_write_u64(m, slot, 0);
	ev = step_emit(m->st, EV_PTE_CLEAR);
	ev->addr = va & ~(PAGE_SIZE - 1);
	ev->pfn = (e & PTE_PFN_MASK) >> PAGE_SHIFT;
	if (pfn != NULL)
		*pfn = ev->pfn;
	return 0;
}

int
pgtable_lookup(const struct machine *m, const struct pgtable *pt, uint64_t va,
    uint64_t *pfn)
{
	uint64_t slot, e;

	if (pt == NULL)
		return -1;
	slot = pgtable_pte_slot(m, pt, va);
	if (slot == UINT64_MAX)
		return -1;
	e = phys_read_u64(m, slot);
	if (pgtable_entry_pfn(m, e, 1) == UINT64_MAX)
		return -1;
	if (pfn != NULL)
		*pfn = (e & PTE_PFN_MASK) >> PAGE_SHIFT;
	return 0;
}

uint64_t
pgtable_pages(const struct pgtable *pt)
{
	return pt == NULL ? 0 : pt->pages;
}

uint64_t
pgtable_pgd_pfn(const struct pgtable *pt)
{
	return pt->pgd_pfn;
}

int
pgtable_entry(const struct machine *m, const struct pgtable *pt, uint64_t va,
    int level, uint64_t *entry)
{
	uint64_t table = pt->pgd_pfn, e = 0;
	int	 l;

	if (level < 1 || level > 4 || !pgtable_canonical(va))
		return -1;
	for (l = 4; l >= level; l--) {
		e = phys_read_u64(m, pgtable_slot(table, va, l));
		if (l == level)
			break;
		if (!(e & _PAGE_PRESENT))
			return -1;
		table = (e & PTE_PFN_MASK) >> PAGE_SHIFT;
	}
	*entry = e;
	return 0;
}
