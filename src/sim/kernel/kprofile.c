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
#include "sim/kernel/slab-common.h"
#include "sim/page/gfp.h"
#include "sim/page/pageblock.h"
#include "sim/page/pcp.h"
#include "sim/page/thp.h"

#include <string.h>

/*
 * mm/slab_common.c kmalloc_info[] on x86-64 (KMALLOC_MIN_SIZE 8, so the
 * 96 and 192 caches exist, as create_kmalloc_caches() decides), one block
 * per enum kmalloc_cache_type, each type's caches smallest first.
 * create_kmalloc_caches() makes every type at boot, type by type in enum
 * order; the last argument is the cache's place within its type:
 * 6.1 creates kmalloc-96 right after kmalloc-64 and kmalloc-192 after
 * kmalloc-128; 6.12 creates both before the powers of two.  Its enum
 * order is NORMAL, CGROUP, RECLAIM, DMA in 6.1 and NORMAL, RECLAIM, DMA,
 * CGROUP in 6.12 (the t argument: type's place times 16).
 */
#define KC(type, t, prefix, suffix, size, place) \
	{ prefix suffix, size, 0, 0, type, (uint16_t)((t)*16 + (place)) },
/* clang-format off */
#define SLUB_6_1(X, type, t, prefix) \
	X(type, t, prefix, "8", 8, 0) X(type, t, prefix, "16", 16, 1) \
	X(type, t, prefix, "32", 32, 2) X(type, t, prefix, "64", 64, 3) \
	X(type, t, prefix, "96", 96, 4) X(type, t, prefix, "128", 128, 5) \
	X(type, t, prefix, "192", 192, 6) X(type, t, prefix, "256", 256, 7) \
	X(type, t, prefix, "512", 512, 8) X(type, t, prefix, "1k", 1024, 9) \
	X(type, t, prefix, "2k", 2048, 10) X(type, t, prefix, "4k", 4096, 11) \
	X(type, t, prefix, "8k", 8192, 12)
#define SLUB_6_12(X, type, t, prefix) \
	X(type, t, prefix, "8", 8, 2) X(type, t, prefix, "16", 16, 3) \
	X(type, t, prefix, "32", 32, 4) X(type, t, prefix, "64", 64, 5) \
	X(type, t, prefix, "96", 96, 0) X(type, t, prefix, "128", 128, 6) \
	X(type, t, prefix, "192", 192, 1) X(type, t, prefix, "256", 256, 7) \
	X(type, t, prefix, "512", 512, 8) X(type, t, prefix, "1k", 1024, 9) \
	X(type, t, prefix, "2k", 2048, 10) X(type, t, prefix, "4k", 4096, 11) \
	X(type, t, prefix, "8k", 8192, 12)
/* clang-format on */

/* clang-format off */
static const struct kcache_def kcaches_slub_6_1[] = {
	SLUB_6_1(KC, KMALLOC_NORMAL, 0, "kmalloc-")
	SLUB_6_1(KC, KMALLOC_CGROUP, 1, "kmalloc-cg-")
	SLUB_6_1(KC, KMALLOC_RECLAIM, 2, "kmalloc-rcl-")
	SLUB_6_1(KC, KMALLOC_DMA, 3, "dma-kmalloc-")
};

static const struct kcache_def kcaches_slub_6_12[] = {
	SLUB_6_12(KC, KMALLOC_NORMAL, 0, "kmalloc-")
	SLUB_6_12(KC, KMALLOC_RECLAIM, 1, "kmalloc-rcl-")
	SLUB_6_12(KC, KMALLOC_DMA, 2, "dma-kmalloc-")
	SLUB_6_12(KC, KMALLOC_CGROUP, 3, "kmalloc-cg-")
};
/* clang-format on */

/*
 * include/linux/slab.h kmalloc_type() of both: __GFP_DMA before
 * __GFP_RECLAIMABLE before __GFP_ACCOUNT (the last only with
 * CONFIG_MEMCG_KMEM, 6.12: CONFIG_MEMCG).
 */
static const struct kmalloc_type_rule ktypes_slub[] = {
	{ ___GFP_DMA, KMALLOC_DMA },
	{ ___GFP_RECLAIMABLE, KMALLOC_RECLAIM },
	{ ___GFP_ACCOUNT, KMALLOC_CGROUP },
	{ 0, KMALLOC_NORMAL },
};

/*
 * include/linux/kmalloc_sizes.h of 2.6.0-2.6.21 with 4 KiB pages and
 * 64-byte L1 lines: CACHE(32) present, CACHE(96) absent, CACHE(192)
 * present, up to CACHE(131072), as mm/slab.c expands it into
 * malloc_sizes[] and cache_names[]; kmem_cache_init() creates each size's
 * "size-N" and then its "size-N(DMA)" (SLAB_CACHE_DMA), so the DMA cache
 * of a size is one place newer.
 */
/* clang-format off */
#define SLAB_2_6(X, type, t, suffix) \
	X(type, t, "size-32", suffix, 32, 0) \
	X(type, t, "size-64", suffix, 64, 2) \
	X(type, t, "size-128", suffix, 128, 4) \
	X(type, t, "size-192", suffix, 192, 6) \
	X(type, t, "size-256", suffix, 256, 8) \
	X(type, t, "size-512", suffix, 512, 10) \
	X(type, t, "size-1024", suffix, 1024, 12) \
	X(type, t, "size-2048", suffix, 2048, 14) \
	X(type, t, "size-4096", suffix, 4096, 16) \
	X(type, t, "size-8192", suffix, 8192, 18) \
	X(type, t, "size-16384", suffix, 16384, 20) \
	X(type, t, "size-32768", suffix, 32768, 22) \
	X(type, t, "size-65536", suffix, 65536, 24) \
	X(type, t, "size-131072", suffix, 131072, 26)
/* clang-format on */
#define KC26(type, t, prefix, suffix, size, place) \
	{ prefix suffix, size, 0, 0, type, (uint16_t)((place) + (t)) },

/* clang-format off */
static const struct kcache_def kcaches_slab[] = {
	SLAB_2_6(KC26, KMALLOC_NORMAL, 0, "")
	SLAB_2_6(KC26, KMALLOC_DMA, 1, "(DMA)")
};
/* clang-format on */

/* 2.6 __find_general_cachep(): GFP_DMA picks cs_dmacachep. */
static const struct kmalloc_type_rule ktypes_slab[] = {
	{ ___GFP_DMA, KMALLOC_DMA },
	{ 0, KMALLOC_NORMAL },
};

/* 2.0: one set of buckets for every request. */
static const struct kmalloc_type_rule ktypes_none[] = {
	{ 0, KMALLOC_NORMAL },
};

/*
 * Linux 2.0 mm/kmalloc.c, PAGE_SIZE 4096: blocksize[] (the 8-byte block
 * header included) with sizes[].nblocks and .gfporder.
 * 2.0 gave its buckets no names; these name them by block size.
 */
static const struct kcache_def kcaches_buckets[] = {
	{ "bucket-32", 32, 0, 127, KMALLOC_NORMAL, 0 },
	{ "bucket-64", 64, 0, 63, KMALLOC_NORMAL, 0 },
	{ "bucket-128", 128, 0, 31, KMALLOC_NORMAL, 0 },
	{ "bucket-252", 252, 0, 16, KMALLOC_NORMAL, 0 },
	{ "bucket-508", 508, 0, 8, KMALLOC_NORMAL, 0 },
	{ "bucket-1020", 1020, 0, 4, KMALLOC_NORMAL, 0 },
	{ "bucket-2040", 2040, 0, 2, KMALLOC_NORMAL, 0 },
	{ "bucket-4080", 4080, 0, 1, KMALLOC_NORMAL, 0 },
	{ "bucket-8176", 8176, 1, 1, KMALLOC_NORMAL, 0 },
	{ "bucket-16368", 16368, 2, 1, KMALLOC_NORMAL, 0 },
	{ "bucket-32752", 32752, 3, 1, KMALLOC_NORMAL, 0 },
	{ "bucket-65520", 65520, 4, 1, KMALLOC_NORMAL, 0 },
	{ "bucket-131056", 131056, 5, 1, KMALLOC_NORMAL, 0 },
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
	.type_rules = ktypes_slub, .kmalloc_max_cache = 8192, \
	.kmalloc_large = 1, .zero_size_ptr = 1, .ptr_bytes = 8, \
	.zero_whole_object = 1, .min_free_kbytes_max = 262144, \
	.wmark_scale_factor = 10

/*
 * The config options are read from each kernel's own /boot/config-* in
 * Debian's linux-image packages (tests/kernel-probe/README records the
 * versions); a real boot of each, probed by tests/kernel-probe, shows
 * their effect.  RANDOM_KMALLOC_CACHES appeared in 6.6 and Debian leaves
 * it off (6.12: "# CONFIG_RANDOM_KMALLOC_CACHES is not set"), so no
 * profile has the kmalloc-rnd-NN-N copies of the normal caches.  Both
 * have MEMCG_KMEM (6.12: MEMCG) and ZONE_DMA, hence kmalloc-cg-N and
 * dma-kmalloc-N; 6.12's KMALLOC_NO_OBJ_EXT type aliases KMALLOC_NORMAL
 * unless memory allocation profiling is on, and Debian's slabinfo shows
 * no cache of it.  Both set TRANSPARENT_HUGEPAGE_ALWAYS=y (not MADVISE),
 * so khugepaged runs on every boot of 512 MiB or more; the 2.6 and 2.0
 * profiles predate THP (2.6.38).
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
			.memcg_kmem = 1,
			.zone_dma = 1,
			.init_on_boot_options = 1,
			.transparent_hugepage = 1,
			.thp_default = THP_ALWAYS,
		},
		KPROFILE_SLUB_X86_64,
		.caches = kcaches_slub_6_1,
		.ncaches = NELEMS(kcaches_slub_6_1),
		.pcp = PCP_FIXED_HIGH,
		/* mm/slub.c list_slab_objects() and mm/slab_common.c
		   kmem_cache_destroy() of 6.1: the busy cache stays */
		.slab_common = { .flags_known = KMEM_FLAGS_6_1,
		    .merge_default = 1, .hardened_usercopy = 1,
		    .remaining = "Objects remaining in %s on "
				 "__kmem_cache_shutdown()",
		    .create_fn = "kmem_cache_create_usercopy" },
		.mobility = PAGEBLOCK_61,
		/* captured/6.1-default-bootmem.txt: SUnreclaim 1544 +
		   KernelStack 184 + PageTables 14 + Percpu 65 pages, and
		   SReclaimable 2189 */
		.boot_unmovable = 1807,
		.boot_reclaimable = 2189,
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
			.memcg_kmem = 1,
			.zone_dma = 1,
			.init_on_boot_options = 1,
			.transparent_hugepage = 1,
			.map_stack_nohugepage = 1,
			.thp_default = THP_ALWAYS,
		},
		KPROFILE_SLUB_X86_64,
		.caches = kcaches_slub_6_12,
		.ncaches = NELEMS(kcaches_slub_6_12),
		.pcp = PCP_AUTOTUNE,
		/* 6.12: SLAB_NO_MERGE (6.5), the shorter slab_err text with
		   the objects first, and a busy cache unlinked anyway */
		.slab_common = { .flags_known = KMEM_FLAGS_6_1 | SLAB_NO_MERGE,
		    .merge_default = 1, .hardened_usercopy = 1,
		    .remaining = "Objects remaining on "
				 "__kmem_cache_shutdown()",
		    .objects_first = 1, .destroy_unlinks = 1,
		    .create_fn = "__kmem_cache_create_args" },
		.mobility = PAGEBLOCK_612,
		.movable_empty_wmark = 32,
		/* captured/6.12-default-bootmem.txt: SUnreclaim 1741 +
		   KernelStack 204 + PageTables 27 + Percpu 69, and
		   SReclaimable 150 */
		.boot_unmovable = 2041,
		.boot_reclaimable = 150,
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
		.config = { .zone_dma = 1 },
		.caches = kcaches_slab,
		.ncaches = NELEMS(kcaches_slab),
		.type_rules = ktypes_slab,
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
		.type_rules = ktypes_none,
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
