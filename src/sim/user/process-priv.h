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
 * PIDX_TLB), for malloc's metadata, which bounces among a few pages
 * (1024 slots: a heap of thousands of pages evicts the arena's and the
 * tcache's far less often than with 256, about 7% of the calls' time
 * on bench --names 2M, for 24 KiB more per process): every entry there is also in the table with the same value, because
 * put, del and free, the only ways the table changes, update it too.
 * buf, when not NULL, is the frame's contents buffer (phys_frame_data),
 * valid while the contents generation still equals gen; an entry with
 * no buffer has gen PIDX_TLB_NOBUF, which no generation reaches, so
 * the accessors' fast path tests the key and gen alone.
 */
#define PIDX_ZERO      (1ull << 63)
#define PIDX_TLB       1024
#define PIDX_TLB_NOBUF UINT64_MAX
struct pidx_tlb {
	uint64_t key; /* vpn + 1; 0 = empty */
	uint64_t val;
	uint8_t *buf;
	uint64_t gen;
};
struct pidx_slot {
	uint64_t key; /* vpn + 1; 0 = empty slot */
	uint64_t val;
};
struct pidx {
	struct pidx_slot *slot; /* a key beside its value: one cache line */
	uint64_t	  cap, used;
	struct pidx_tlb	  tlb[PIDX_TLB];
};

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
int  process_pidx_get(const struct pidx *x, uint64_t vpn, uint64_t *val);
void process_pidx_free(struct pidx *x);
/* x becomes a copy of src's table with an empty tlb: the tlb's buffers
 * are src's machine's. */
void process_pidx_clone(struct pidx *x, const struct pidx *src);
/* Every tlb entry is in the table with its value, and a live buffer
 * belongs to a written private frame; 0 or -1 with *cause. */
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

/*
 * The host bytes of va for an access of len bytes that stays in one
 * page, when the tlb holds the page with a live contents buffer: the
 * frame is mapped, so no fault is due, and it was written before, so
 * its bytes are that buffer (phys.c), in *p.  0: take the long way
 * (process_peek/poke).  Only private frames get a buffer in the tlb,
 * so a write through it is allowed.  Inline: malloc's every word.  A
 * flag, not a NULL pointer, says hit or miss: one test fewer.
 */
static inline int
process_tlb_hit(const struct machine *m, uint64_t va, size_t len, uint8_t **p)
{
	uint64_t vpn = va >> PAGE_SHIFT, off = va & (PAGE_SIZE - 1);
	const struct pidx_tlb *t = &m->proc->idx.tlb[vpn % PIDX_TLB];

	if (t->key != vpn + 1 || t->gen != contents_generation(m->contents) ||
	    off > PAGE_SIZE - len)
		return 0;
	*p = t->buf + off;
	return 1;
}

/* The same as a pointer, NULL on a miss. */
static inline uint8_t *
process_tlb_bytes(const struct machine *m, uint64_t va, size_t len)
{
	uint8_t *p;

	return process_tlb_hit(m, va, len, &p) ? p : NULL;
}

/*
 * After a process_tlb_bytes miss, the same for a page mapped to a
 * private frame that has contents: the tlb takes the page as
 * process_peek/poke leave it (process_fault's lookup, then the frame's
 * writable buffer), without the copy.  NULL: take the long way.
 */
uint8_t *process_tlb_refill(struct machine *m, uint64_t va, size_t len);

#endif
