/*
 * bootmem.h - the memory the kernel itself takes while it boots: slab
 * pages of every boot-time cache (dentries and inodes of the initramfs,
 * reclaimable; kmalloc, task and mm structures, unreclaimable), the
 * stacks of the kernel threads, their page tables and the per-CPU
 * chunks.  They come from the page allocator after memblock has handed
 * memory over, so their pageblocks turn Unmovable or Reclaimable by
 * fallback stealing (pageblock.h) as a real boot's do.
 *
 * The sizes are the profile's, read from a real boot's /proc/meminfo
 * (tests/kernel-probe/captured/KVER-default-bootmem.txt: SReclaimable;
 * SUnreclaim + KernelStack + PageTables + Percpu), on top of the few
 * pages memviz's own slab caches take.  Only machines of 128 MiB
 * and more, the sizes the real boots were probed at, take them; smaller
 * ones keep the lessons' bare boot.
 */
#ifndef MEMVIZ_SIM_BOOTMEM_H
#define MEMVIZ_SIM_BOOTMEM_H

struct machine;

/* The boot-time allocations, silent, deterministic (no random draws). */
void bootmem_kernel(struct machine *m);

#endif
