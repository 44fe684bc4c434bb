/*
 * process.h - one user process: VMAs, brk, anonymous mmap, demand paging.
 *
 * The process is a small PIE program linked against glibc, laid out as
 * the kernel lays it out on x86-64 (fs/binfmt_elf.c load_elf_binary(),
 * arch/x86/mm/mmap.c): the binary at ELF_ET_DYN_BASE (0x555555554000),
 * the initial break at the page after its bss, ld.so, libc and the vdso
 * below mmap_base (TASK_SIZE - 128 MiB = 0x7ffff7fff000), the stack
 * ending at TASK_SIZE.  With the machine's aslr option each base moves by
 * a random number of pages, as arch_mmap_rnd(), arch_randomize_brk() and
 * randomize_stack_top() move them.
 *
 * Demand paging: a VMA owns no frame until a page is touched.  The first
 * write takes a zeroed frame from the buddy allocator (GFP_HIGHUSER_MOVABLE)
 * and maps it through the process's page table (EV_FAULT); the first read
 * maps the shared zero page read-only (EV_FAULT, aux 1), and a later write
 * replaces it with a private frame (do_wp_page() on the zero page).
 *
 * Every entry point reports through m->st; none prints.
 */
#ifndef MEMVIZ_SIM_PROCESS_H
#define MEMVIZ_SIM_PROCESS_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/status.h"

#define PROCESS_TASK_SIZE 0x7ffffffff000ull /* 47 bits less a page */

struct machine;

/* Boots the process (no frames yet); process_destroy frees everything. */
void process_init(struct machine *m);
void process_destroy(struct machine *m);
/*
 * Replaces a dead process by a fresh one of the same layout (as running
 * the program again): frees its frames and tables, emits EV_NOTE.
 */
void process_restart(struct machine *m);
/* The process was killed (glibc abort, SIGSEGV); the next user operation
 * restarts it. */
void process_kill(struct machine *m, const char *signame);
int  process_dead(const struct machine *m);

/*
 * A user-space read or write of len bytes at va, as the machine's
 * write/read operations do it: faults pages in (EV_FAULT), emits one
 * EV_WRITE/EV_READ.  SIM_ABORT ("Segmentation fault") for an address
 * outside every VMA or a write to a read-only one; the process dies.
 */
enum sim_status process_access(struct machine *m, uint64_t va, uint64_t len,
    int write, const void *data, size_t datalen, void *buf, size_t bufsize);

/*
 * Memory access for the process's own code (malloc's metadata, memset,
 * memcpy): faults pages in like process_access but emits no read/write
 * events.  Returns 0, or -1 when va..va+len leaves the VMAs (the caller
 * turns that into SIGSEGV).  process_zero writes zeroes.
 */
int process_peek(struct machine *m, uint64_t va, void *buf, size_t len);
int process_poke(struct machine *m, uint64_t va, const void *buf, size_t len);
int process_zero(struct machine *m, uint64_t va, uint64_t len);
/* A read for views: no fault, untouched pages read as zero; -1 outside
 * the VMAs. */
int process_peek_const(const struct machine *m, uint64_t va, void *buf,
    size_t len);

/*
 * The kernel's side of sbrk(2): moves the break by incr bytes (brk()
 * rounds the VMA to pages).  *old gets the previous break.  SIM_ENOMEM
 * when the heap would run into the next mapping.  Emits EV_BRK, and
 * EV_PTE_CLEAR / EV_PAGES_FREE for pages a shrink gives back.
 */
enum sim_status process_sbrk(struct machine *m, int64_t incr, uint64_t *old);
/* Anonymous private mmap of len bytes (a page multiple), top-down from
 * mmap_base as vm_unmapped_area() searches.  Emits EV_MMAP. */
enum sim_status process_mmap(struct machine *m, uint64_t len, uint64_t *addr);
/* mmap(hint, len, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE):
 * a reservation, charged nothing; at hint when that range is free.
 * stack: with MAP_STACK too, as pthread_create maps a thread's stack. */
enum sim_status process_mmap_none(struct machine *m, uint64_t hint,
    uint64_t len, int stack, uint64_t *addr);
/* mprotect(addr, len, rw ? PROT_READ|PROT_WRITE : PROT_NONE) on an
 * anonymous range: split off its VMA, charged when it becomes writable
 * (mprotect_fixup()). */
enum sim_status process_mprotect(struct machine *m, uint64_t addr, uint64_t len,
    int rw);
/* munmap(2): frees the touched pages, splits VMAs.  Emits EV_MUNMAP. */
enum sim_status process_munmap(struct machine *m, uint64_t addr, uint64_t len);
/* madvise(addr, len, MADV_DONTNEED) on private anonymous memory: the
 * pages' frames are freed, the mapping stays, the next touch faults a
 * zero page in (mm/madvise.c, zap_page_range). */
void process_madvise_dontneed(struct machine *m, uint64_t addr, uint64_t len);
/* mremap(2) with MREMAP_MAYMOVE: grows in place when the range above is
 * free, else moves the pages; shrinks in place. */
enum sim_status process_mremap(struct machine *m, uint64_t addr,
    uint64_t oldlen, uint64_t newlen, uint64_t *newaddr);

int  process_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn);
void process_describe_frame(const struct machine *m, uint64_t pfn,
    struct sbuf *out);
/* VMAs sorted and disjoint, side index equal to the page table, frames
 * owned by FO_ANON.  0 or -1 with *cause (caller frees). */
int process_check(const struct machine *m, char **cause);

/*
 * Views.  All const; the strings point into the process and stay valid
 * until the next operation.
 */
enum process_vma_kind {
	PVMA_FILE,   /* a file mapping: the binary, libc, ld.so */
	PVMA_ANON,   /* anonymous mmap (malloc's big chunks) */
	PVMA_HEAP,   /* the brk area, "[heap]" */
	PVMA_STACK,  /* "[stack]" */
	PVMA_SPECIAL /* [vvar], [vvar_vclock], [vdso] */
};

struct process_vma_info {
	uint64_t	      start, end;
	char		      perms[5]; /* "rw-p" */
	uint64_t	      pgoff;	/* file offset, bytes */
	unsigned	      dev_major, dev_minor;
	uint64_t	      inode;
	const char	     *name; /* "" for an anonymous mapping */
	enum process_vma_kind kind;
	uint64_t	      pages_frame; /* pages with a private frame */
	uint64_t pages_zero; /* pages mapping the shared zero page */
};

size_t process_vma_count(const struct machine *m);
/* Fills *out for VMA i (address order); -1 when i is out of range. */
int process_vma_get(const struct machine *m, size_t i,
    struct process_vma_info *out);
/* The VMA holding va, or -1. */
int	 process_vma_find(const struct machine *m, uint64_t va);
uint64_t process_start_brk(const struct machine *m);
uint64_t process_brk(const struct machine *m);
/* mmap_base: new mappings go below it, highest gap first. */
uint64_t process_mmap_base(const struct machine *m);
/* Where libc.so.6 is mapped (its first page). */
uint64_t process_libc_base(const struct machine *m);

/* State of the page holding va. */
enum process_page_state {
	PPAGE_NONE, /* not touched: no frame */
	PPAGE_ZERO, /* read only so far: the shared zero page */
	PPAGE_FRAME /* a private frame */
};
enum process_page_state process_page(const struct machine *m, uint64_t va,
    uint64_t *pfn);
/*
 * The touched pages (a private frame or the zero page) of [start, end),
 * in address order: *out gets their addresses (caller frees), the count
 * is returned.  The work is the smaller of the range's pages and the
 * page index's size, so an untouched range costs nothing however large;
 * process_pages_in adds it to process_pages_walked(), the _const variant
 * (for views) does not.
 */
size_t process_pages_in(struct machine *m, uint64_t start, uint64_t end,
    uint64_t **out);
size_t process_pages_in_const(const struct machine *m, uint64_t start,
    uint64_t end, uint64_t **out);
/* How many pages of [start, end) have a private frame, and how many map
 * the zero page; the same work as process_pages_in. */
void process_pages_count(const struct machine *m, uint64_t start, uint64_t end,
    uint64_t *frame, uint64_t *zero);
/* Pages and index slots the range walks of operations have visited
 * since boot: the work the tests bound, instead of timing it. */
uint64_t process_pages_walked(const struct machine *m);
/* Frames the process holds (anonymous pages, not page tables). */
uint64_t process_rss(const struct machine *m);

#endif
