/*
 * kprofile.c - the table of kernel profiles.
 *
 * Addresses are x86-64's (Documentation/arch/x86/x86_64/mm.rst) for 6.x
 * and 2.6 (the 2.6.2x vmalloc range was 0xffffc20000000000); 2.0 is i386,
 * where the kernel's view of physical memory began at 0xc0000000.  The user
 * process keeps its x86-64 layout in every profile (a simplification), so
 * an address is the kernel's only inside [page_offset, kernel_end].
 */
#include "sim/kernel/kprofile.h"
#include "sim/page/pageblock.h"
#include "sim/page/pcp.h"

#include <string.h>

/*
 * mm/slab_common.c kmalloc_info[] on x86-64 (KMALLOC_MIN_SIZE 8, so the
 * 96 and 192 caches exist, as create_kmalloc_caches() decides).
 */
static const struct kcache_def kcaches_slub[] = {
	{ "kmalloc-8", 8, 0, 0 },
	{ "kmalloc-16", 16, 0, 0 },
	{ "kmalloc-32", 32, 0, 0 },
	{ "kmalloc-64", 64, 0, 0 },
	{ "kmalloc-96", 96, 0, 0 },
	{ "kmalloc-128", 128, 0, 0 },
	{ "kmalloc-192", 192, 0, 0 },
	{ "kmalloc-256", 256, 0, 0 },
	{ "kmalloc-512", 512, 0, 0 },
	{ "kmalloc-1k", 1024, 0, 0 },
	{ "kmalloc-2k", 2048, 0, 0 },
	{ "kmalloc-4k", 4096, 0, 0 },
	{ "kmalloc-8k", 8192, 0, 0 },
};

/*
 * include/linux/kmalloc_sizes.h of 2.6.0-2.6.21 with 4 KiB pages and
 * 64-byte L1 lines: CACHE(32) present, CACHE(96) absent, CACHE(192)
 * present, up to CACHE(131072), as mm/slab.c expands it into
 * malloc_sizes[].
 */
static const struct kcache_def kcaches_slab[] = {
	{ "size-32", 32, 0, 0 },
	{ "size-64", 64, 0, 0 },
	{ "size-128", 128, 0, 0 },
	{ "size-192", 192, 0, 0 },
	{ "size-256", 256, 0, 0 },
	{ "size-512", 512, 0, 0 },
	{ "size-1024", 1024, 0, 0 },
	{ "size-2048", 2048, 0, 0 },
	{ "size-4096", 4096, 0, 0 },
	{ "size-8192", 8192, 0, 0 },
	{ "size-16384", 16384, 0, 0 },
	{ "size-32768", 32768, 0, 0 },
	{ "size-65536", 65536, 0, 0 },
	{ "size-131072", 131072, 0, 0 },
};

/*
 * Linux 2.0 mm/kmalloc.c, PAGE_SIZE 4096: blocksize[] (the 8-byte block
 * header included) with sizes[].nblocks and .gfporder.
 * 2.0 gave its buckets no names; these name them by block size.
 */
static const struct kcache_def kcaches_buckets[] = {
	{ "bucket-32", 32, 0, 127 },
	{ "bucket-64", 64, 0, 63 },
	{ "bucket-128", 128, 0, 31 },
	{ "bucket-252", 252, 0, 16 },
	{ "bucket-508", 508, 0, 8 },
	{ "bucket-1020", 1020, 0, 4 },
	{ "bucket-2040", 2040, 0, 2 },
	{ "bucket-4080", 4080, 0, 1 },
	{ "bucket-8176", 8176, 1, 1 },
	{ "bucket-16368", 16368, 2, 1 },
	{ "bucket-32752", 32752, 3, 1 },
	{ "bucket-65520", 65520, 4, 1 },
	{ "bucket-131056", 131056, 5, 1 },
};

#define NELEMS(a) (sizeof(a) / sizeof(a)[0])

/*
 * The x86-64 layout and the SLUB caches both 6.x profiles share; they
 * differ in their configuration (struct kconfig).
 */
#define KPROFILE_SLUB_X86_64 \
	.kmalloc = KMALLOC_SLUB, .page_offset = 0xffff888000000000ull, \
	.kernel_end = UINT64_MAX, .vmemmap_base = 0xffffea0000000000ull, \
	.vmalloc_start = 0xffffc90000000000ull, \
	.vmalloc_end = 0xffffe8ffffffffffull, .kmalloc_max = 4ull << 20, \
	.caches = kcaches_slub, .ncaches = NELEMS(kcaches_slub), \
	.kmalloc_max_cache = 8192, .kmalloc_large = 1, .zero_size_ptr = 1, \
	.ptr_bytes = 8, .zero_whole_object = 1, .min_free_kbytes_max = 262144, \
	.wmark_scale_factor = 10

/*
 * The config options are read from each kernel's own /boot/config-* in
 * Debian's linux-image packages (tests/kernel-probe/README records the
 * versions); a real boot of each, probed by tests/kernel-probe, shows
 * their effect.  RANDOM_KMALLOC_CACHES appeared in 6.6 and Debian leaves
 * it off.
 */
const struct kprofile kprofiles[] = {
	{
		.name = "6.1",
		.summary = "Linux 6.1 as Debian 12 builds it, SLUB, x86-64",
		.config = {
			.file = "config-6.1.0-57-amd64",
			.slub_cpu_partial = 1,
			.slab_freelist_random = 1,
			.slab_freelist_hardened = 1,
			.init_on_alloc_default_on = 1,
			.init_on_free_default_on = 0,
			.random_kmalloc_caches = 0,
			.init_on_boot_options = 1,
		},
		KPROFILE_SLUB_X86_64,
		.pcp = PCP_FIXED_HIGH,
		.mobility = PAGEBLOCK_61,
	},
	{
		.name = "6.12",
		.alias = "6.x",
		.summary = "Linux 6.12 as Debian builds it, SLUB, x86-64 "
		    "(the default)",
		.config = {
			.file = "config-6.12.118+deb12-amd64",
			.slub_cpu_partial = 1,
			.slab_freelist_random = 1,
			.slab_freelist_hardened = 1,
			.init_on_alloc_default_on = 1,
			.init_on_free_default_on = 0,
			.random_kmalloc_caches = 0,
			.init_on_boot_options = 1,
		},
		KPROFILE_SLUB_X86_64,
		.pcp = PCP_AUTOTUNE,
		.mobility = PAGEBLOCK_612,
	},
	{
		.name = "2.6",
		.summary = "Linux 2.6 (2.6.0-2.6.21), the SLAB allocator, x86-64",
		.kmalloc = KMALLOC_SLAB,
		.page_offset = 0xffff810000000000ull,
		.kernel_end = UINT64_MAX,
		.vmemmap_base = 0xffffe20000000000ull,
		.vmalloc_start = 0xffffc20000000000ull,
		.vmalloc_end = 0xffffe1ffffffffffull,
		.kmalloc_max = 131072,
		.caches = kcaches_slab,
		.ncaches = NELEMS(kcaches_slab),
		.kmalloc_max_cache = 131072,
		.ptr_bytes = 8,
		.min_free_kbytes_max = 65536,
		.wmark_scale_factor = 0,
	},
	{
		.name = "2.0",
		.summary = "Linux 2.0, pre-slab kmalloc, i386 with 4 KB pages",
		.kmalloc = KMALLOC_BUCKETS,
		.page_offset = 0xc0000000ull,
		.kernel_end = 0xffffffffull,
		.vmemmap_base = 0xc0000000ull,
		.vmalloc_start = 0xc0000000ull,
		.vmalloc_end = 0xffffffffull,
		.kmalloc_max = 131072 - 16 - 8,
		.caches = kcaches_buckets,
		.ncaches = NELEMS(kcaches_buckets),
		.kmalloc_max_cache = 131072 - 16 - 8,
		.ptr_bytes = 4,
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
		if (strcmp(kprofiles[i].name, name) == 0 ||
		    (kprofiles[i].alias != NULL &&
			strcmp(kprofiles[i].alias, name) == 0))
			return &kprofiles[i];
	}
	return NULL;
}
