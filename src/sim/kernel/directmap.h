/*
 * directmap.h - the kernel's direct map of physical memory.
 *
 * x86-64 maps all of RAM linearly at PAGE_OFFSET (0xffff888000000000 with
 * 4-level paging, arch/x86/include/asm/page_64_types.h), so a kernel
 * virtual address in that range and its physical address differ by a
 * constant: __va() and __pa() in arch/x86/include/asm/page.h.  kmalloc
 * memory and page-allocator memory are addressed through it; vmalloc and
 * user memory are not.  The profile gives each kernel's PAGE_OFFSET.
 */
#ifndef MEMVIZ_SIM_KERNEL_DIRECTMAP_H
#define MEMVIZ_SIM_KERNEL_DIRECTMAP_H

#include <stdint.h>

#include "sim/kernel/kprofile.h"
#include "sim/page/e820.h"
#include "sim/machine-priv.h"

/* __va(): the direct-map address of physical address pa. */
static inline uint64_t
directmap_va(const struct machine *m, uint64_t pa)
{
	return m->prof->page_offset + pa;
}

/* __pa() of a direct-map address; va must be in the direct map. */
static inline uint64_t
directmap_pa(const struct machine *m, uint64_t va)
{
	return va - m->prof->page_offset;
}

/* pfn_to_kaddr(). */
static inline uint64_t
directmap_pfn_to_virt(const struct machine *m, uint64_t pfn)
{
	return directmap_va(m, pfn << PAGE_SHIFT);
}

/* virt_to_pfn(); va must be in the direct map. */
static inline uint64_t
directmap_virt_to_pfn(const struct machine *m, uint64_t va)
{
	return directmap_pa(m, va) >> PAGE_SHIFT;
}

/* The first address past the direct map of this machine's RAM. */
static inline uint64_t
directmap_end(const struct machine *m)
{
	return directmap_va(m, m->nframes << PAGE_SHIFT);
}

/*
 * virt_addr_valid() for len bytes: [va, va + len) lies in the direct map,
 * which maps RAM only: not the PCI hole below 4 GiB (e820.h).
 */
static inline int
directmap_contains(const struct machine *m, uint64_t va, uint64_t len)
{
	uint64_t	top = directmap_end(m), first, last;
	struct e820_map e;

	if (!(va >= m->prof->page_offset && va < top && len <= top - va))
		return 0;
	e820_q35(m->cfg.ram, &e);
	first = directmap_virt_to_pfn(m, va);
	last = directmap_virt_to_pfn(m, va + (len > 0 ? len - 1 : 0));
	return last < e.low_ram_end || first >= e.high_start;
}

#endif
