/*
 * machine-priv.h - the machine struct, for the modules of src/sim only.
 *
 * Views and scripts never include this: they go through machine.h and the
 * const accessors of each module.  Each allocator keeps its state behind
 * its own pointer so that one module's layout is its own business.
 */
#ifndef MEMVIZ_SIM_MACHINE_PRIV_H
#define MEMVIZ_SIM_MACHINE_PRIV_H

#include "sim/event.h"
#include "sim/kernel/kprofile.h"
#include "sim/machine.h"
#include "sim/page/pagecache.h"
#include "sim/page/phys.h"
#include "sim/rng.h"

struct contents;
struct slab_state;
struct vmalloc_state;
struct pgtable;
struct process;

struct machine {
	struct machine_config  cfg;
	const struct kprofile *prof;
	struct rng	       rng; /* every random choice draws here */

	/*
	 * The step events go to.  Operations point it at the caller's step;
	 * between operations it points at quiet, a silent step, so boot and
	 * ageing record nothing.
	 */
	struct step *st;
	struct step  quiet;

	/* The CPU operations run on (smp_processor_id()), 0..cfg.cpus-1,
	 * and the time since boot that `tick` advances (vmstat.c). */
	unsigned cpu;
	uint64_t uptime_ms;

	/* phys.c */
	struct frame *frames;
	uint64_t      nframes;
	struct zone   zones[MAX_NR_ZONES];
	uint8_t	     *pageblock_mt;	 /* pageblock.c: a type per block */
	int	      mobility_disabled; /* page_group_by_mobility_disabled */
	int	      nr_zones;		 /* zones present (1..3) */
	uint64_t      owner_count[FO__COUNT];
	struct contents *contents;
	uint64_t	 min_free_kbytes;
	uint64_t	 zero_pfn;		   /* the shared zero page */
	uint64_t	 kernel_start, kernel_end; /* image pfns */
	uint64_t	 init_start, init_end;	   /* freed after boot */
	uint64_t	 initrd_end;		   /* first part of those */
	uint64_t	 totalram_pages;	   /* managed, all zones */
	/* init-on.c: the init_on_alloc / init_on_free static keys */
	int init_on_alloc, init_on_free;
	/* thp.c: the transparent_hugepage mode (enum thp_mode) */
	int thp;

	/* overcommit.c: vm_committed_as and the boot-time reserves */
	uint64_t vm_committed_as;
	uint64_t user_reserve_pages, admin_reserve_pages;

	/* pagecache.c: clean page-cache pages, oldest first */
	struct pagecache pagecache;

	/* The allocators above buddy. */
	struct slab_state    *slab;
	struct vmalloc_state *vmalloc;
	struct pgtable	     *kpgt; /* init_mm's page table */
	struct process	     *proc;
};

/* Boot-time pieces machine_create() calls, in this order, with
 * memblock_free_all() after phys_boot() and memblock_free_initmem() after
 * the watermarks (sim/page/memblock.h). */
void phys_boot(struct machine *m);
void buddy_setup_watermarks(struct machine *m);
/* khugepaged's raise of min_free_kbytes when it runs (thp.h). */
void buddy_setup_thp(struct machine *m);
void phys_destroy(struct machine *m);
/* Each module's half of machine_clone() (checkpoint.c): dst is a copy
 * of src's struct; these give it copies of what src's pointers own. */
void		phys_clone(struct machine *dst, const struct machine *src);
void		slab_clone(struct machine *dst, const struct machine *src);
void		vmalloc_clone(struct machine *dst, const struct machine *src);
void		process_clone(struct machine *dst, const struct machine *src);
struct pgtable *pgtable_clone(const struct pgtable *pt);

#endif
