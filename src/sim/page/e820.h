/*
 * e820.h - the firmware's memory map, as QEMU's q35 machine and SeaBIOS
 * report it to the kernel (the "BIOS-e820:" lines of a boot).
 *
 * RAM that reaches 0xb0000000 is split: 2 GiB below 4 GiB, the rest from
 * 4 GiB up, leaving the gap for PCI and the MMCONFIG window
 * (hw/i386/pc_q35.c); SeaBIOS keeps the top 132 KiB of low RAM for
 * itself.  The kernel never puts pfn 0 or the legacy 640 KiB - 1 MiB
 * hole into a zone (arch/x86/kernel/e820.c, setup.c).  A toy machine
 * (under 128 MiB, smaller than any real boot) has no firmware area.
 */
#ifndef MEMVIZ_SIM_PAGE_E820_H
#define MEMVIZ_SIM_PAGE_E820_H

#include <stdint.h>

#define E820_REAL_MIN_PFN 32768 /* 128 MiB: machines with firmware */

struct e820_map {
	uint64_t low_end;     /* pfn after the last usable frame below 4G */
	uint64_t low_ram_end; /* pfn after low RAM, firmware's part included */
	uint64_t high_start;  /* first pfn above 4 GiB (0x100000) */
	uint64_t high_end; /* pfn after RAM above 4 GiB; = high_start if none */
	uint64_t max_pfn;  /* frames the machine's pfn range spans */
};

/* The map of a machine with ram bytes of memory. */
void e820_q35(uint64_t ram, struct e820_map *e);
/* Is pfn RAM the kernel puts in a zone (memblock.memory)? */
int e820_present(const struct e820_map *e, uint64_t pfn);
/* The pfn after the last frame of RAM the kernel uses. */
uint64_t e820_node_end(const struct e820_map *e);
/* Is pfn outside RAM altogether (the PCI hole below 4 GiB)? */
int e820_hole(const struct e820_map *e, uint64_t pfn);

#endif
