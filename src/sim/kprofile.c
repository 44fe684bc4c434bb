/*
 * kprofile.c - the table of kernel profiles.
 *
 * Addresses are x86-64's (Documentation/arch/x86/x86_64/mm.rst) for 6.x
 * and 2.6 (the 2.6.2x vmalloc range was 0xffffc20000000000); 2.0 is i386,
 * where the kernel's view of physical memory began at 0xc0000000.
 */
#include "sim/kprofile.h"

#include <string.h>

const struct kprofile kprofiles[] = {
	{
		.name = "6.x",
		.summary = "Linux 6.x, SLUB, x86-64 (the default)",
		.kmalloc = KMALLOC_SLUB,
		.page_offset = 0xffff888000000000ull,
		.vmemmap_base = 0xffffea0000000000ull,
		.vmalloc_start = 0xffffc90000000000ull,
		.vmalloc_end = 0xffffe8ffffffffffull,
		.kmalloc_max = 4ull << 20,
		.min_free_kbytes_max = 262144,
		.wmark_scale_factor = 10,
	},
	{
		.name = "2.6",
		.summary = "Linux 2.6 (2.6.0-2.6.21), the SLAB allocator, x86-64",
		.kmalloc = KMALLOC_SLAB,
		.page_offset = 0xffff810000000000ull,
		.vmemmap_base = 0xffffe20000000000ull,
		.vmalloc_start = 0xffffc20000000000ull,
		.vmalloc_end = 0xffffe1ffffffffffull,
		.kmalloc_max = 131072,
		.min_free_kbytes_max = 65536,
		.wmark_scale_factor = 0,
	},
	{
		.name = "2.0",
		.summary = "Linux 2.0, pre-slab kmalloc, i386 with 4 KB pages",
		.kmalloc = KMALLOC_BUCKETS,
		.page_offset = 0xc0000000ull,
		.vmemmap_base = 0xc0000000ull,
		.vmalloc_start = 0xc0000000ull,
		.vmalloc_end = 0xffffffffull,
		.kmalloc_max = 131072 - 16 - 8,
		.min_free_kbytes_max = 65536,
		.wmark_scale_factor = 0,
	},
};
const size_t kprofiles_len = sizeof kprofiles / sizeof kprofiles[0];

const struct kprofile *
kprofile_find(const char *name)
{
	size_t i;

	for (i = 0; i < kprofiles_len; i++) {
		if (strcmp(kprofiles[i].name, name) == 0)
			return &kprofiles[i];
	}
	return NULL;
}
