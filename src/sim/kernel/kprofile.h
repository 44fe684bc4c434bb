/*
 * kprofile.h - the kernel profiles memviz can imitate: 6.1 and 6.12 (SLUB
 * as Debian builds them; 6.x, the default, is the newest), 2.6 (the SLAB
 * allocator) and 2.0 (the pre-slab kmalloc of the classic comparison
 * table).  A profile is a row of data; code looks its numbers up here
 * instead of branching on the kernel version.
 */
#ifndef MEMVIZ_SIM_KPROFILE_H
#define MEMVIZ_SIM_KPROFILE_H

#include <stddef.h>
#include <stdint.h>

enum kmalloc_model {
	KMALLOC_SLUB,	/* 6.x: mm/slub.c */
	KMALLOC_SLAB,	/* 2.6: mm/slab.c, general caches size-N */
	KMALLOC_BUCKETS /* 2.0: mm/kmalloc.c, page descriptors */
};

/*
 * The kinds of general cache (include/linux/slab.h enum kmalloc_cache_type
 * of 6.1 and 6.12; 2.6's malloc_sizes[] had cs_cachep and cs_dmacachep):
 * kmalloc_type() picks one from the request's GFP flags, by the profile's
 * kmalloc_type_rules.  A type the profile's kernel does not build is no
 * row of its caches table.
 */
enum kmalloc_type {
	KMALLOC_NORMAL,	 /* "kmalloc-128", "size-128" */
	KMALLOC_CGROUP,	 /* "kmalloc-cg-128": __GFP_ACCOUNT, MEMCG_KMEM */
	KMALLOC_RECLAIM, /* "kmalloc-rcl-128": __GFP_RECLAIMABLE */
	KMALLOC_DMA,	 /* "dma-kmalloc-128", "size-128(DMA)": GFP_DMA */
	KMALLOC_NR_TYPES
};

/*
 * One row of kmalloc_type(): a request with any of the bits of gfp goes to
 * type; rows are tried in order (6.x: __GFP_DMA, then __GFP_RECLAIMABLE,
 * then __GFP_ACCOUNT); no row matching means KMALLOC_NORMAL.
 */
struct kmalloc_type_rule {
	uint32_t	  gfp;
	enum kmalloc_type type;
};

/*
 * One general kmalloc cache (or, for 2.0, one bucket).  size is the
 * object size (2.0: the block size, its 8-byte header included).  order
 * and objects are given only where the kernel fixed them in a table (2.0's
 * sizes[]); 0 means "computed by the allocator's own rule".  boot is its
 * place in the order the kernel created the caches at boot, which is
 * the order /proc/slabinfo lists them in, newest first.
 */
struct kcache_def {
	const char	 *name;
	uint32_t	  size;
	uint8_t		  order;
	uint16_t	  objects;
	enum kmalloc_type type;
	uint16_t	  boot;
};

/*
 * The configuration options that change what the allocators do, as the
 * profile's kernel was built (its /boot/config-*; 1 for =y).  Options the
 * kernel did not have yet are 0.  The boot options init_on_alloc= and
 * init_on_free= override the two DEFAULT_ON ones (mm/mm_init.c).
 */
struct kconfig {
	const char *file; /* "config-6.1.0-57-amd64", or NULL */
	int	    slub_cpu_partial;
	int	    slab_freelist_random;
	int	    slab_freelist_hardened;
	int	    init_on_alloc_default_on;
	int	    init_on_free_default_on;
	int	    random_kmalloc_caches; /* kmalloc-rnd-NN-N (6.6+) */
	int	    memcg_kmem;		   /* kmalloc-cg-N (MEMCG_KMEM) */
	int	    zone_dma;		   /* dma-kmalloc-N (ZONE_DMA) */
	int	    init_on_boot_options;  /* init_on_alloc= exists (5.3+) */
	int	    transparent_hugepage;  /* CONFIG_TRANSPARENT_HUGEPAGE */
	/* 6.7+: with THP built, mmap's MAP_STACK sets VM_NOHUGEPAGE
	 * (include/linux/mman.h calc_vm_flag_bits()), so a thread's stack
	 * no longer merges with a plain anonymous neighbour */
	int map_stack_nohugepage;
	int thp_default; /* enum thp_mode: TRANSPARENT_HUGEPAGE_* */
};

/*
 * What mm/slab_common.c and mm/slub.c do differently for caches of one's
 * own (slab-common.c), between the SLUB kernels; zero elsewhere.
 */
struct kslab_common {
	uint32_t flags_known;	    /* SLAB_ flags kmem_cache_create takes */
	int	 merge_default;	    /* CONFIG_SLAB_MERGE_DEFAULT */
	int	 hardened_usercopy; /* kmalloc caches have usersize: never
				       merged (slab_unmergeable()) */
	/* list_slab_objects()' slab_err text (%s: the cache's name) */
	const char *remaining;
	int	    objects_first;   /* its Object lines before the Slab line */
	int	    destroy_unlinks; /* a busy cache leaves slab_caches */
	const char *create_fn; /* the function whose failure is reported */
};

struct kprofile {
	const char	  *name;    /* "6.12" */
	const char	  *alias;   /* another name it answers to, or NULL */
	const char	  *summary; /* one line for --help and the man page */
	struct kconfig	   config;
	enum kmalloc_model kmalloc;
	uint64_t	   page_offset; /* start of the direct map */
	uint64_t kernel_end;   /* last kernel address (i386: 4 GiB - 1) */
	uint64_t vmemmap_base; /* struct page array (alloc_pages' value) */
	uint64_t vmalloc_start;
	uint64_t vmalloc_end;
	uint64_t kmalloc_max; /* largest request kmalloc accepts */
	/*
	 * The general caches: each type's smallest first, in the kernel's
	 * lookup order, KMALLOC_NORMAL's first of all.
	 */
	const struct kcache_def *caches;
	size_t			 ncaches;
	/* kmalloc_type(): rows tried in order, ended by a gfp of 0 */
	const struct kmalloc_type_rule *type_rules;
	uint64_t kmalloc_max_cache; /* largest request a cache serves */
	int	 kmalloc_large;	    /* above that: the page allocator */
	int	 zero_size_ptr;	    /* kmalloc(0) = ZERO_SIZE_PTR (2.6.22+) */
	unsigned ptr_bytes;	    /* 8 on x86-64, 4 on i386 */
	/*
	 * kzalloc clears the whole object (6.x slab_post_alloc_hook()) or
	 * only the requested bytes (2.6.14+'s kmalloc-then-memset(size);
	 * 2.0 had no kzalloc, its callers did the same memset).
	 */
	int zero_whole_object;
	/* min_free_kbytes upper clamp: 65536 before 5.7, 262144 after */
	uint64_t min_free_kbytes_max;
	/* watermark_scale_factor era (4.6+) or the old 4:5:6 ratio */
	int wmark_scale_factor;
	/*
	 * min, low and high of an empty Movable zone: 6.12's
	 * __setup_per_zone_wmarks() sizes ZONE_MOVABLE as it does highmem,
	 * clamping min_pages to at least SWAP_CLUSTER_MAX (32) even with no
	 * pages; 6.1 treats it as lowmem, whose share of nothing is 0.
	 */
	uint32_t movable_empty_wmark;
	/* The kernel's boot-time allocations in pages (sim/page/bootmem.h):
	 * unmovable (slab, stacks, page tables, per-CPU) and reclaimable
	 * slab; 0 for the profiles not probed. */
	uint32_t boot_unmovable, boot_reclaimable;
	/*
	 * The per-CPU page lists (enum pcp_model in sim/page/pcp.h): 6.1's
	 * fixed high, 6.12's auto-tuned one, or none (not modelled).
	 */
	int		    pcp;
	struct kslab_common slab_common;
	/* Grouping by mobility (enum pageblock_model in
	 * sim/page/pageblock.h): 6.1's fallback, 6.10+'s, or none. */
	int mobility;
};

/* Every profile, in the order --help lists them. */
extern const struct kprofile kprofiles[];
extern const size_t	     kprofiles_len;

/* Finds a profile by name or alias; NULL when unknown. */
const struct kprofile *kprofile_find(const char *name);

#endif
