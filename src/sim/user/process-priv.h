/*
 * process-priv.h - the process's state, shared by process.c (layout, VMAs,
 * brk/mmap/munmap/mremap) and process-mm.c (page index, faults, access).
 *
 * Invariants: vmas[] is sorted by start and disjoint; every page with an
 * entry in the page index lies inside a VMA and is mapped in the page
 * table to the same pfn (the page table is the truth, the index a cache
 * for speed); every indexed pfn other than the zero page is an FO_ANON
 * frame whose tag/aux hold the page's virtual page number.
 */
#ifndef MEMVIZ_SIM_PROCESS_PRIV_H
#define MEMVIZ_SIM_PROCESS_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "sim/page/contents.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"

#define PVM_READ   0x1
#define PVM_WRITE  0x2
#define PVM_EXEC   0x4
#define PVM_SHARED 0x8
/* VM_NOHUGEPAGE from MAP_STACK (kprofile map_stack_nohugepage): not a
 * protection, but VMAs differing in it never merge (vma_merge()) */
#define PVM_NOHUGE 0x10

struct pvma {
	uint64_t    start, end;
	uint64_t    pgoff;
	uint64_t    inode;
	const char *name;  /* static text; "" when anonymous */
	uint8_t	    flags; /* PVM_* */
	uint8_t	    kind;  /* enum process_vma_kind */
	uint8_t	    dev_major, dev_minor;
};

/*
 * Open-addressing table vpn -> pfn; PIDX_ZERO marks the zero page.
 * tlb[] is a direct-mapped cache of some of its entries (slot vpn %
 * PIDX_TLB), for malloc's metadata, which bounces among the arena's,
 * the tcache's and the chunks' pages: 8192 slots, as bench --names
 * 999000 reaches a heap of some ten thousand pages (5% fewer
 * instructions than 1024 slots), 256 KiB made when the process runs
 * (process_pidx_prepare), so that a checkpoint holds none.  Every
 * entry there is also in the table with the same value, because put,
 * del and free, the only ways the table changes, update it too.
 *
 * An entry is tagged with the end of its page, (vpn + 1) << PAGE_SHIFT,
 * so that a zeroed entry (tag 0) is empty.  host, while wtag equals
 * tag (else wtag is 0), turns an address of the page into its byte in
 * the frame's contents buffer (phys_frame_data): buffer minus page,
 * added to the address, as QEMU's softmmu TLB keeps an addend.  So the
 * accessors' fast path is one masked compare (page and alignment at
 * once) and an add.  That buffer is the frame's own (unshared) and
 * live, because the only ways a mapped private frame's buffer goes or
 * becomes shared drop the entry's host first: a whole page zeroed
 * (process_copy) and a checkpoint (process_clone); a frame is freed
 * or moved only once unmapped, which drops the entry.
 */
#define PIDX_ZERO (1ull << 63)
#define PIDX_TLB  8192
struct pidx_tlb {
	uint64_t  tag; /* (vpn + 1) << PAGE_SHIFT; 0 = empty */
	uint64_t  val;
	uintptr_t host; /* buffer - page address, modulo 2^N */
	uint64_t  wtag; /* tag while host is valid, else 0 */
};
struct pidx_slot {
	uint64_t key; /* vpn + 1; 0 = empty slot */
	uint64_t val;
};
/*
 * near[] counts the table's pages by page number modulo PIDX_NEAR: a
 * zero says the page is not in the table without a probe, for the
 * walks over a range (a large block's frames, munmap) whose pages
 * malloc mostly never touched.  Host speed only: what a walk finds,
 * and what it costs the model (process_pages_walked), stay the same.
 * 64 KiB, made with the tlb; a table without it probes every page.
 */
#define PIDX_NEAR 16384
struct pidx {
	struct pidx_slot *slot; /* a key beside its value: one cache line */
	uint64_t	  cap, used;
	struct pidx_tlb	 *tlb;	/* PIDX_TLB entries, or NULL */
	uint32_t	 *near; /* PIDX_NEAR counters, or NULL */
};

/* vpn's near[] counter. */
static inline size_t
process_pidx_near_at(uint64_t vpn)
{
	return (size_t)(vpn % PIDX_NEAR);
}

struct process {
	struct pvma    *vmas;
	size_t		nvmas, capvmas;
	size_t		vma_hint; /* the last VMA process_vma_at found */
	uint64_t	start_brk, brk;
	uint64_t	mmap_base;
	uint64_t	pie_base, stack_top;
	struct pgtable *pgt;
	struct pidx	idx;
	uint64_t	rss; /* private frames */
	int		dead;
	unsigned	generation; /* restarts so far */
	uint64_t	walked;	    /* range-walk work, kept across restarts */
	struct umalloc *um;	    /* its libc's malloc state (umalloc.c) */
};

/* process-mm.c */
/* Gives the table its tlb and near[] when it has none: a copy has
 * neither until it runs (a checkpoint never does), which every way to
 * the tlb's fast path (umalloc_get, process_peek/poke) asks for first;
 * the rest of the table does without. */
void process_pidx_prepare(struct pidx *x);
int  process_pidx_get(const struct pidx *x, uint64_t vpn, uint64_t *val);
void process_pidx_free(struct pidx *x);
/* x becomes a copy of src's table without tlb or near[]: the tlb's
 * buffers are src's machine's. */
void process_pidx_clone(struct pidx *x, const struct pidx *src);
/* Forgets every buffer the tlb holds: they are about to be shared. */
void process_tlb_unbuffer(struct pidx *x);
/* Every tlb entry is in the table with its value, a live buffer
 * belongs to a written private frame, and near[] counts the table's
 * pages; 0 or -1 with *cause. */
int process_tlb_check(const struct machine *m, char **cause);
/* Drops the page at va (frame freed, PTE cleared); no-op if untouched. */
void process_drop_page(struct machine *m, uint64_t va);
/* Drops every page of [start, end) that has one (process_pages_in). */
void process_drop_range(struct machine *m, uint64_t start, uint64_t end);
/* Adds the private frames of [start, end)'s touched pages to m->st, in
 * address order, as process_pages_in would list them. */
void process_step_frames(struct machine *m, uint64_t start, uint64_t end);
/* Moves the page at from to to (mremap's move_page_tables). */
void process_move_page(struct machine *m, uint64_t from, uint64_t to);

/* process.c */
struct pvma *process_vma_at(struct process *p, uint64_t va);

/* The tag of the page holding va (struct pidx_tlb). */
static inline uint64_t
process_tlb_tag(uint64_t va)
{
	return (va + PAGE_SIZE) & ~(uint64_t)(PAGE_SIZE - 1);
}

/* The entry's host bytes for va, an address of its page. */
static inline uint8_t *
process_tlb_host(const struct pidx_tlb *t, uint64_t va)
{
	return (uint8_t *)(t->host + (uintptr_t)va);
}

/*
 * The host bytes of va for an access of len bytes (1, 2, 4 or 8,
 * aligned to len), when the tlb holds the page with a live contents
 * buffer: the frame is mapped, so no fault is due, and it was written
 * before, so its bytes are that buffer (phys.c), in *p.  0: take the
 * long way (process_peek/poke), as an unaligned access always does.
 * Only private frames get a buffer in the tlb, so a write through it
 * is allowed.  Inline: malloc's every word.  A flag, not a NULL
 * pointer, says hit or miss: one test fewer.
 */
static inline int
process_tlb_hit(const struct machine *m, uint64_t va, size_t len, uint8_t **p)
{
	const struct pidx_tlb *t = &m->proc->idx
					.tlb[(va >> PAGE_SHIFT) % PIDX_TLB];

	if (((va + PAGE_SIZE) & ~(uint64_t)(PAGE_SIZE - len)) != t->wtag)
		return 0;
	*p = process_tlb_host(t, va);
	return 1;
}

/* The same for any len, any alignment, as a pointer, NULL on a miss. */
static inline uint8_t *
process_tlb_bytes(const struct machine *m, uint64_t va, size_t len)
{
	const struct pidx_tlb *t = &m->proc->idx
					.tlb[(va >> PAGE_SHIFT) % PIDX_TLB];

	if (process_tlb_tag(va) != t->wtag ||
	    (va & (PAGE_SIZE - 1)) > PAGE_SIZE - len)
		return NULL;
	return process_tlb_host(t, va);
}

/*
 * After a process_tlb_bytes miss, the same for a page mapped to a
 * private frame that has contents: the tlb takes the page as
 * process_peek/poke leave it (process_fault's lookup, then the frame's
 * writable buffer), without the copy.  NULL: take the long way.
 */
uint8_t *process_tlb_refill(struct machine *m, uint64_t va, size_t len);

#endif
