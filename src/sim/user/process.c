/*
 * process.c - the user process's address space: its VMAs, the break and
 * anonymous mappings, as the kernel's mm/mmap.c and mm/mremap.c keep them.
 *
 * The layout is that of a small PIE program run on this machine's
 * kernel with ASLR off (setarch -R): five mappings of the binary from
 * ELF_ET_DYN_BASE, the break at the next page, libc and ld.so ending at
 * mmap_base = TASK_SIZE - 128 MiB, [stack] ending at TASK_SIZE.  New
 * anonymous mappings go in the highest gap below mmap_base that fits
 * (vm_unmapped_area() top-down) and merge with an anonymous neighbour of
 * the same protection, as vma_merge() lets them; munmap splits.
 *
 * Invariants: see process-priv.h.  Paging lives in process-mm.c.
 */
#include "sim/user/process.h"
#include "sim/user/process-priv.h"
#include "sim/user/umalloc.h"
#include "sim/page/buddy.h"
#include "sim/machine-priv.h"
#include "sim/kernel/pgtable.h"
#include "sim/page/overcommit.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROCESS_ELF_ET_DYN_BASE 0x555555554000ull
#define PROCESS_MMAP_GAP	(128ull << 20) /* mmap_base()'s minimum gap */
#define PROCESS_STACK_SIZE	0x21000ull     /* [stack] as first seen */
#define PROCESS_MMAP_RND_BITS	28	       /* CONFIG_ARCH_MMAP_RND_BITS */
#define PROCESS_STACK_RND_MASK	0x3fffffull    /* STACK_RND_MASK, 64-bit */
#define PROCESS_BRK_RND		(1ull << 30)   /* arch_randomize_brk(), 6.10+ */
#define PROCESS_MMAP_MIN	0x10000ull     /* vm.mmap_min_addr */

/* Which base a layout row is relative to. */
enum process_base {
	PB_PIE,
	PB_MMAP,
	PB_STACK
};

struct process_layout {
	enum process_base     base;
	int64_t		      off, len;
	const char	     *perms;
	uint64_t	      pgoff;
	uint8_t		      dev_major, dev_minor;
	uint64_t	      inode;
	const char	     *name;
	enum process_vma_kind kind;
};

static const char process_prog[] = "/home/student/prog";
static const char process_libc[] = "/usr/lib/x86_64-linux-gnu/libc.so.6";
static const char
    process_ld[] = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";

/*
 * Observed with /proc/self/maps of a 16 KiB PIE under setarch -R on the
 * development machine (Debian 12 glibc 2.36, kernel 6.18); offsets are
 * from the PIE base, from mmap_base (0x7ffff7fff000) and from the stack
 * top (0x7ffffffff000).
 */
static const struct process_layout process_layout[] = {
	{ PB_PIE, 0x0000, 0x1000, "r--p", 0x0000, 0xfe, 0, 1048602,
	    process_prog, PVMA_FILE },
	{ PB_PIE, 0x1000, 0x1000, "r-xp", 0x1000, 0xfe, 0, 1048602,
	    process_prog, PVMA_FILE },
	{ PB_PIE, 0x2000, 0x1000, "r--p", 0x2000, 0xfe, 0, 1048602,
	    process_prog, PVMA_FILE },
	{ PB_PIE, 0x3000, 0x1000, "r--p", 0x2000, 0xfe, 0, 1048602,
	    process_prog, PVMA_FILE },
	{ PB_PIE, 0x4000, 0x1000, "rw-p", 0x3000, 0xfe, 0, 1048602,
	    process_prog, PVMA_FILE },
	{ PB_MMAP, -0x22f000, 0x3000, "rw-p", 0, 0, 0, 0, "", PVMA_ANON },
	{ PB_MMAP, -0x22c000, 0x26000, "r--p", 0x0, 0xfe, 0, 332835,
	    process_libc, PVMA_FILE },
	{ PB_MMAP, -0x206000, 0x156000, "r-xp", 0x26000, 0xfe, 0, 332835,
	    process_libc, PVMA_FILE },
	{ PB_MMAP, -0xb0000, 0x53000, "r--p", 0x17c000, 0xfe, 0, 332835,
	    process_libc, PVMA_FILE },
	{ PB_MMAP, -0x5d000, 0x4000, "r--p", 0x1cf000, 0xfe, 0, 332835,
	    process_libc, PVMA_FILE },
	{ PB_MMAP, -0x59000, 0x2000, "rw-p", 0x1d3000, 0xfe, 0, 332835,
	    process_libc, PVMA_FILE },
	{ PB_MMAP, -0x57000, 0xd000, "rw-p", 0, 0, 0, 0, "", PVMA_ANON },
	{ PB_MMAP, -0x3f000, 0x2000, "rw-p", 0, 0, 0, 0, "", PVMA_ANON },
	{ PB_MMAP, -0x3d000, 0x4000, "r--p", 0, 0, 0, 0, "[vvar]",
	    PVMA_SPECIAL },
	{ PB_MMAP, -0x39000, 0x2000, "r--p", 0, 0, 0, 0, "[vvar_vclock]",
	    PVMA_SPECIAL },
	{ PB_MMAP, -0x37000, 0x2000, "r-xp", 0, 0, 0, 0, "[vdso]",
	    PVMA_SPECIAL },
	{ PB_MMAP, -0x35000, 0x1000, "r--p", 0x0, 0xfe, 0, 332383, process_ld,
	    PVMA_FILE },
	{ PB_MMAP, -0x34000, 0x26000, "r-xp", 0x1000, 0xfe, 0, 332383,
	    process_ld, PVMA_FILE },
	{ PB_MMAP, -0xe000, 0xa000, "r--p", 0x27000, 0xfe, 0, 332383,
	    process_ld, PVMA_FILE },
	{ PB_MMAP, -0x4000, 0x2000, "r--p", 0x31000, 0xfe, 0, 332383,
	    process_ld, PVMA_FILE },
	{ PB_MMAP, -0x2000, 0x2000, "rw-p", 0x33000, 0xfe, 0, 332383,
	    process_ld, PVMA_FILE },
	{ PB_STACK, -(int64_t)PROCESS_STACK_SIZE, PROCESS_STACK_SIZE, "rw-p", 0,
	    0, 0, 0, "[stack]", PVMA_STACK },
};
#define PROCESS_PIE_END 0x5000ull /* bss ends in the last page */

static uint8_t
process_perm_flags(const char *perms)
{
	return (uint8_t)((perms[0] == 'r' ? PVM_READ : 0) |
	    (perms[1] == 'w' ? PVM_WRITE : 0) |
	    (perms[2] == 'x' ? PVM_EXEC : 0) |
	    (perms[3] == 's' ? PVM_SHARED : 0));
}

static void
process_vma_insert_at(struct process *p, size_t i, const struct pvma *v)
{
	if (p->nvmas == p->capvmas) {
		p->capvmas = p->capvmas ? p->capvmas * 2 : 32;
		p->vmas = xreallocarray(p->vmas, p->capvmas, sizeof *p->vmas);
	}
	memmove(&p->vmas[i + 1], &p->vmas[i], (p->nvmas - i) * sizeof *v);
	p->vmas[i] = *v;
	p->nvmas++;
}

static void
process_vma_remove_at(struct process *p, size_t i)
{
	memmove(&p->vmas[i], &p->vmas[i + 1],
	    (p->nvmas - i - 1) * sizeof *p->vmas);
	p->nvmas--;
}

/* Index of the first VMA ending above va (find_vma()). */
static size_t
process_vma_lower(const struct process *p, uint64_t va)
{
	size_t lo = 0, hi = p->nvmas;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->vmas[mid].end <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The VMA holding va.  The last one found is tried first, as the
 * kernel's per-thread vmacache did (mm/vmacache.c, before maple trees):
 * malloc's results fall in the heap again and again.  vma_hint is only
 * a guess, so nothing needs to invalidate it: the VMAs are sorted and
 * disjoint, and one that holds va is the answer whatever changed since.
 */
struct pvma *
process_vma_at(struct process *p, uint64_t va)
{
	size_t i = p->vma_hint;

	if (i < p->nvmas && p->vmas[i].start <= va && va < p->vmas[i].end)
		return &p->vmas[i];
	i = process_vma_lower(p, va);
	if (i < p->nvmas && p->vmas[i].start <= va) {
		p->vma_hint = i;
		return &p->vmas[i];
	}
	return NULL;
}

/* Can two anonymous VMAs touching at a boundary be one (vma_merge())? */
static int
process_vma_mergeable(const struct pvma *a, const struct pvma *b)
{
	return a->kind == PVMA_ANON && b->kind == PVMA_ANON &&
	    a->flags == b->flags && a->end == b->start;
}

/* Adds a new anonymous VMA, merging with its neighbours. */
static void
process_vma_add(struct process *p, const struct pvma *v)
{
	size_t i = process_vma_lower(p, v->start);

	process_vma_insert_at(p, i, v);
	if (i + 1 < p->nvmas &&
	    process_vma_mergeable(&p->vmas[i], &p->vmas[i + 1])) {
		p->vmas[i].end = p->vmas[i + 1].end;
		process_vma_remove_at(p, i + 1);
	}
	if (i > 0 && process_vma_mergeable(&p->vmas[i - 1], &p->vmas[i])) {
		p->vmas[i - 1].end = p->vmas[i].end;
		process_vma_remove_at(p, i);
	}
}

/*
 * The pages of v within [start, end) charged to vm_committed_as: a
 * private writable mapping is (accountable_mapping(), mm/mmap.c).
 */
static uint64_t
process_vma_charged(const struct pvma *v, uint64_t start, uint64_t end)
{
	uint64_t s = v->start > start ? v->start : start;
	uint64_t e = v->end < end ? v->end : end;

	if ((v->flags & (PVM_WRITE | PVM_SHARED)) != PVM_WRITE || e <= s)
		return 0;
	return (e - s) >> PAGE_SHIFT;
}

/* mm->total_vm: every mapped page. */
static uint64_t
process_total_vm(const struct process *p)
{
	uint64_t n = 0;
	size_t	 i;

	for (i = 0; i < p->nvmas; i++)
		n += (p->vmas[i].end - p->vmas[i].start) >> PAGE_SHIFT;
	return n;
}

/*
 * __vm_enough_memory() for len more bytes of private writable mapping:
 * 0 with them charged, or ENOMEM and an EV_FAIL naming the policy.
 */
static enum sim_status
process_charge(struct machine *m, const char *call, uint64_t len)
{
	if (overcommit_charge(m, len >> PAGE_SHIFT,
		process_total_vm(m->proc)) == 0)
		return SIM_OK;
	step_emitf(m->st, EV_FAIL,
	    "%s: __vm_enough_memory: not enough "
	    "memory for %" PRIu64 " bytes (overcommit_memory=%u)",
	    call, len, m->cfg.overcommit_memory);
	return SIM_ENOMEM;
}

/* Removes [start, end) from the VMA list, splitting as needed, and
 * uncharges what it takes away (vm_unacct_memory() in munmap). */
static void
process_vma_cut(struct machine *m, uint64_t start, uint64_t end)
{
	struct process *p = m->proc;
	size_t		i = process_vma_lower(p, start), j;

	for (j = i; j < p->nvmas && p->vmas[j].start < end; j++)
		overcommit_unacct(m,
		    process_vma_charged(&p->vmas[j], start, end));

	while (i < p->nvmas && p->vmas[i].start < end) {
		struct pvma *v = &p->vmas[i];

		if (v->start < start && v->end > end) {
			struct pvma tail = *v;

			tail.start = end;
			tail.pgoff += end - v->start;
			v->end = start;
			process_vma_insert_at(p, i + 1, &tail);
			return;
		}
		if (v->start < start) {
			v->end = start;
			i++;
		} else if (v->end > end) {
			v->pgoff += end - v->start;
			v->start = end;
			return;
		} else
			process_vma_remove_at(p, i);
	}
}

/* The exec'ed layout; its writable mappings are charged as exec does. */
static void
process_layout_apply(struct machine *m, struct process *p)
{
	size_t i;

	for (i = 0; i < sizeof process_layout / sizeof process_layout[0]; i++) {
		const struct process_layout *l = &process_layout[i];
		struct pvma		     v;
		uint64_t base = l->base == PB_PIE ? p->pie_base :
		    l->base == PB_MMAP		  ? p->mmap_base :
						    p->stack_top;

		memset(&v, 0, sizeof v);
		v.start = base + (uint64_t)l->off;
		v.end = v.start + (uint64_t)l->len;
		v.flags = process_perm_flags(l->perms);
		v.kind = (uint8_t)l->kind;
		v.pgoff = l->pgoff;
		v.dev_major = l->dev_major;
		v.dev_minor = l->dev_minor;
		v.inode = l->inode;
		v.name = l->name;
		process_vma_insert_at(p, process_vma_lower(p, v.start), &v);
		overcommit_acct(m, process_vma_charged(&v, v.start, v.end));
	}
}

/*
 * The bases: fixed without ASLR; with it, page-granular offsets drawn as
 * load_elf_binary() (arch_mmap_rnd(): 28 bits of pages for the PIE and
 * mmap_base), arch_randomize_brk() (up to 1 GiB above the bss) and
 * randomize_stack_top() (22 bits of pages) draw them.
 */
static void
process_bases(struct machine *m, struct process *p)
{
	uint64_t rnd_mmap = 0, rnd_stack = 0, rnd_pie = 0, rnd_brk = 0;
	uint64_t gap;

	if (m->cfg.aslr) {
		rnd_pie = (rng_next(&m->rng) &
			      ((1ull << PROCESS_MMAP_RND_BITS) - 1))
		    << PAGE_SHIFT;
		rnd_stack = (rng_next(&m->rng) & PROCESS_STACK_RND_MASK)
		    << PAGE_SHIFT;
		rnd_mmap = (rng_next(&m->rng) &
			       ((1ull << PROCESS_MMAP_RND_BITS) - 1))
		    << PAGE_SHIFT;
		rnd_brk = rng_below(&m->rng, PROCESS_BRK_RND >> PAGE_SHIFT)
		    << PAGE_SHIFT;
	}
	p->pie_base = PROCESS_ELF_ET_DYN_BASE + rnd_pie;
	p->stack_top = PROCESS_TASK_SIZE - rnd_stack;
	/* mmap_base(): the gap covers the stack rlimit plus its random
	 * range and guard gap, never less than 128 MiB. */
	gap = (8ull << 20) + (1ull << 20) +
	    (m->cfg.aslr ? PROCESS_STACK_RND_MASK << PAGE_SHIFT : 0);
	if (gap < PROCESS_MMAP_GAP)
		gap = PROCESS_MMAP_GAP;
	p->mmap_base = PROCESS_TASK_SIZE - gap - rnd_mmap;
	p->start_brk = p->brk = p->pie_base + PROCESS_PIE_END + rnd_brk;
}

void
process_init(struct machine *m)
{
	struct process *p = xcalloc(1, sizeof *p);

	m->proc = p;
	process_pidx_prepare(&p->idx);
	process_bases(m, p);
	process_layout_apply(m, p);
	p->pgt = pgtable_create(m, GFP_KERNEL | ___GFP_ZERO | ___GFP_ACCOUNT);
}

/*
 * The process's host state copied; its tlb starts cold (process-mm.c).
 * src's tlb, a cache, forgets its buffers, which the copy now shares
 * (contents_clone): a write through one would change both machines.
 */
void
process_clone(struct machine *dst, const struct machine *src)
{
	const struct process *s = src->proc;
	struct process	     *p = xmemdup(s, sizeof *s);

	process_tlb_unbuffer(&src->proc->idx);
	p->vmas = xmemdup(s->vmas, s->capvmas * sizeof *s->vmas);
	p->pgt = pgtable_clone(s->pgt);
	process_pidx_clone(&p->idx, &s->idx);
	p->um = umalloc_clone(s->um);
	dst->proc = p;
}

/* Gives back every frame and table page the process holds. */
static void
process_release(struct machine *m, struct process *p)
{
	size_t i;

	/* Every touched page lies in a VMA: drop them in address order,
	 * as exit_mmap() unmaps the VMAs one after the other. */
	process_drop_range(m, 0, PROCESS_TASK_SIZE);
	for (i = 0; i < p->nvmas; i++)
		overcommit_unacct(m,
		    process_vma_charged(&p->vmas[i], 0, PROCESS_TASK_SIZE));
	if (p->pgt != NULL)
		pgtable_destroy(m, p->pgt);
	p->pgt = NULL;
	process_pidx_free(&p->idx);
	free(p->um);
	p->um = NULL;
	free(p->vmas);
	p->vmas = NULL;
	p->nvmas = p->capvmas = 0;
}

void
process_destroy(struct machine *m)
{
	if (m->proc == NULL)
		return;
	process_release(m, m->proc);
	free(m->proc);
	m->proc = NULL;
}

void
process_restart(struct machine *m)
{
	unsigned gen = m->proc->generation + 1;
	uint64_t walked;

	process_release(m, m->proc);
	walked = m->proc->walked;
	process_destroy(m);
	process_init(m);
	m->proc->generation = gen;
	m->proc->walked = walked;
	step_emitf(m->st, EV_NOTE,
	    "the process had died; %s was started "
	    "again with a fresh address space",
	    process_prog);
}

void
process_kill(struct machine *m, const char *signame)
{
	m->proc->dead = 1;
	step_emitf(m->st, EV_NOTE, "process %s killed by %s", process_prog,
	    signame);
}

int
process_dead(const struct machine *m)
{
	return m->proc->dead;
}

/*
 * A system call that fails returns ENOMEM to its caller (libc may fall
 * back on another way), so it only leaves an EV_FAIL event.
 */
static enum sim_status process_fail(struct machine *m, enum sim_status status,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum sim_status
process_fail(struct machine *m, enum sim_status status, const char *fmt, ...)
{
	va_list ap;
	char	buf[256];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	step_emitf(m->st, EV_FAIL, "%s", buf);
	return status;
}

/* The brk VMA (kind PVMA_HEAP), NULL before the first brk growth. */
static struct pvma *
process_heap_vma(struct process *p)
{
	uint64_t     start = (p->start_brk + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	struct pvma *v = process_vma_at(p, start);

	return v != NULL && v->kind == PVMA_HEAP ? v : NULL;
}

/* The kernel's brk(): page-granular VMA, a guard page below the next. */
enum sim_status
process_sbrk(struct machine *m, int64_t incr, uint64_t *old)
{
	struct process *p = m->proc;
	uint64_t	newbrk = p->brk + (uint64_t)incr;
	uint64_t	oldend = (p->brk + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t	newend = (newbrk + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	struct event   *ev;

	*old = p->brk;
	if (incr == 0)
		return SIM_OK;
	if (newbrk < p->start_brk)
		return process_fail(m, SIM_ENOMEM, "brk: below start_brk");
	if (newend > oldend) {
		size_t i = process_vma_lower(p, oldend);

		if (i < p->nvmas && newend + PAGE_SIZE > p->vmas[i].start)
			return process_fail(m, SIM_ENOMEM,
			    "brk: the break would run "
			    "into the mapping at %#" PRIx64,
			    p->vmas[i].start);
		if (process_charge(m, "brk", newend - oldend) != SIM_OK)
			return SIM_ENOMEM;
		if (process_heap_vma(p) != NULL)
			process_heap_vma(p)->end = newend;
		else {
			struct pvma v = { .start = oldend,
				.end = newend,
				.flags = PVM_READ | PVM_WRITE,
				.kind = PVMA_HEAP,
				.name = "" };

			process_vma_insert_at(p, i, &v);
		}
	} else if (newend < oldend) {
		process_drop_range(m, newend, oldend);
		process_vma_cut(m, newend, oldend);
	}
	p->brk = newbrk;
	ev = step_emit(m->st, EV_BRK);
	ev->addr = *old;
	ev->aux = newbrk;
	return SIM_OK;
}

/* vm_unmapped_area() top-down: the highest gap below mmap_base. */
static int
process_unmapped_area(const struct process *p, uint64_t len, uint64_t *addr)
{
	size_t	 i = process_vma_lower(p, p->mmap_base);
	uint64_t hi = p->mmap_base;

	for (;;) {
		uint64_t lo = i > 0 ? p->vmas[i - 1].end : PROCESS_MMAP_MIN;

		if (i < p->nvmas && p->vmas[i].start < hi)
			hi = p->vmas[i].start;
		if (hi >= lo && hi - lo >= len) {
			*addr = hi - len;
			return 0;
		}
		if (i == 0)
			return -1;
		i--;
		hi = p->vmas[i].start;
	}
}

enum sim_status
process_mmap(struct machine *m, uint64_t len, uint64_t *addr)
{
	struct process *p = m->proc;
	struct pvma	v;
	struct event   *ev;

	if (len == 0 || (len & (PAGE_SIZE - 1)) || len > PROCESS_TASK_SIZE ||
	    process_unmapped_area(p, len, addr) != 0)
		return process_fail(m, SIM_ENOMEM,
		    "mmap: no gap of %#" PRIx64 " bytes "
		    "below mmap_base",
		    len);
	if (process_charge(m, "mmap", len) != SIM_OK)
		return SIM_ENOMEM;
	memset(&v, 0, sizeof v);
	v.start = *addr;
	v.end = *addr + len;
	v.flags = PVM_READ | PVM_WRITE;
	v.kind = PVMA_ANON;
	v.name = "";
	process_vma_add(p, &v);
	ev = step_emit(m->st, EV_MMAP);
	ev->addr = *addr;
	ev->size = len;
	return SIM_OK;
}

/* Is [addr, addr + len) free of mappings (a hint mmap can honour)? */
static int
process_range_free(const struct process *p, uint64_t addr, uint64_t len)
{
	size_t i = process_vma_lower(p, addr);

	if (addr < PROCESS_MMAP_MIN || addr + len > PROCESS_TASK_SIZE)
		return 0;
	if (i > 0 && p->vmas[i - 1].end > addr)
		return 0;
	return i == p->nvmas || p->vmas[i].start >= addr + len;
}

enum sim_status
process_mmap_none(struct machine *m, uint64_t hint, uint64_t len, int stack,
    uint64_t *addr)
{
	struct process *p = m->proc;
	struct pvma	v = { .kind = PVMA_ANON, .name = "" };
	struct event   *ev;

	if (stack && m->prof->config.map_stack_nohugepage)
		v.flags = PVM_NOHUGE;

	if (hint != 0 && process_range_free(p, hint, len))
		*addr = hint;
	else if (len == 0 || (len & (PAGE_SIZE - 1)) ||
	    process_unmapped_area(p, len, addr) != 0)
		return process_fail(m, SIM_ENOMEM,
		    "mmap: no gap of %#" PRIx64 " bytes below mmap_base", len);
	v.start = *addr;
	v.end = *addr + len;
	process_vma_add(p, &v);
	ev = step_emit(m->st, EV_MMAP);
	ev->addr = *addr;
	ev->size = len;
	return SIM_OK;
}

enum sim_status
process_mprotect(struct machine *m, uint64_t addr, uint64_t len, int rw)
{
	struct pvma	   v = { .kind = PVMA_ANON, .name = "" };
	const struct pvma *old = process_vma_at(m->proc, addr);

	if (rw && process_charge(m, "mprotect", len) != SIM_OK)
		return SIM_ENOMEM;
	/* mprotect_fixup() changes the protection only: other flags
	 * (VM_NOHUGEPAGE of a stack) stay with the range. */
	v.flags = old != NULL ? (old->flags & PVM_NOHUGE) : 0;
	process_vma_cut(m, addr, addr + len);
	v.start = addr;
	v.end = addr + len;
	v.flags |= rw ? PVM_READ | PVM_WRITE : 0;
	process_vma_add(m->proc, &v);
	return SIM_OK;
}

void
process_madvise_dontneed(struct machine *m, uint64_t addr, uint64_t len)
{
	process_drop_range(m, addr, addr + len);
}

enum sim_status
process_munmap(struct machine *m, uint64_t addr, uint64_t len)
{
	struct event *ev;

	/* do_vmi_munmap(): the range must lie below TASK_SIZE. */
	if ((addr & (PAGE_SIZE - 1)) || len == 0 || addr > PROCESS_TASK_SIZE ||
	    len > PROCESS_TASK_SIZE - addr)
		return process_fail(m, SIM_EINVAL,
		    "munmap: Invalid "
		    "argument");
	len = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	process_drop_range(m, addr, addr + len);
	process_vma_cut(m, addr, addr + len);
	ev = step_emit(m->st, EV_MUNMAP);
	ev->addr = addr;
	ev->size = len;
	return SIM_OK;
}

/* mremap() growing: in place when the range ends its VMA and the space
 * above is free (vma_expandable()), else move_vma() to a new area. */
static enum sim_status
process_mremap_grow(struct machine *m, uint64_t addr, uint64_t oldlen,
    uint64_t newlen, uint64_t *newaddr)
{
	struct process *p = m->proc;
	struct pvma    *v = process_vma_at(p, addr);
	size_t		i, n, k;
	uint64_t	dst, *va;
	struct event   *ev;

	if (v == NULL || v->end < addr + oldlen)
		return process_fail(m, SIM_EFAULT, "mremap: Bad address");
	i = (size_t)(v - p->vmas);
	if (v->end == addr + oldlen &&
	    (i + 1 == p->nvmas || p->vmas[i + 1].start >= addr + newlen)) {
		if (process_vma_charged(v, v->start, v->end) != 0 &&
		    process_charge(m, "mremap", newlen - oldlen) != SIM_OK)
			return SIM_ENOMEM;
		v = &p->vmas[i];
		v->end = addr + newlen;
		*newaddr = addr;
		ev = step_emitf(m->st, EV_MMAP, "mremap grew in place");
		ev->addr = addr + oldlen;
		ev->size = newlen - oldlen;
		return SIM_OK;
	}
	if (process_mmap(m, newlen, &dst) != SIM_OK)
		return SIM_ENOMEM;
	n = process_pages_in(m, addr, addr + oldlen, &va);
	for (k = 0; k < n; k++)
		process_move_page(m, va[k], dst + (va[k] - addr));
	free(va);
	process_vma_cut(m, addr, addr + oldlen);
	ev = step_emitf(m->st, EV_MUNMAP, "mremap moved the pages");
	ev->addr = addr;
	ev->size = oldlen;
	*newaddr = dst;
	return SIM_OK;
}

enum sim_status
process_mremap(struct machine *m, uint64_t addr, uint64_t oldlen,
    uint64_t newlen, uint64_t *newaddr)
{
	if ((addr & (PAGE_SIZE - 1)) || newlen == 0)
		return process_fail(m, SIM_EINVAL,
		    "mremap: Invalid "
		    "argument");
	oldlen = (oldlen + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	newlen = (newlen + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	*newaddr = addr;
	if (newlen == oldlen)
		return SIM_OK;
	if (newlen < oldlen)
		return process_munmap(m, addr + newlen, oldlen - newlen);
	return process_mremap_grow(m, addr, oldlen, newlen, newaddr);
}

size_t
process_vma_count(const struct machine *m)
{
	return m->proc->nvmas;
}

/* The VMA holding va, or -1. */
int
process_vma_find(const struct machine *m, uint64_t va)
{
	const struct process *p = m->proc;
	size_t		      i = process_vma_lower(p, va);

	if (i < p->nvmas && p->vmas[i].start <= va)
		return (int)i;
	return -1;
}

int
process_vma_get(const struct machine *m, size_t i, struct process_vma_info *out)
{
	const struct process *p = m->proc;
	const struct pvma    *v;

	if (i >= p->nvmas)
		return -1;
	v = &p->vmas[i];
	memset(out, 0, sizeof *out);
	out->start = v->start;
	out->end = v->end;
	out->perms[0] = (v->flags & PVM_READ) ? 'r' : '-';
	out->perms[1] = (v->flags & PVM_WRITE) ? 'w' : '-';
	out->perms[2] = (v->flags & PVM_EXEC) ? 'x' : '-';
	out->perms[3] = (v->flags & PVM_SHARED) ? 's' : 'p';
	/* show_map_vma() prints vm_pgoff for a file mapping only */
	out->pgoff = v->kind == PVMA_FILE ? v->pgoff : 0;
	out->dev_major = v->dev_major;
	out->dev_minor = v->dev_minor;
	out->inode = v->inode;
	out->kind = (enum process_vma_kind)v->kind;
	/* show_map_vma() names the brk area by the break, not by origin. */
	out->name = v->start <= p->brk && v->end >= p->start_brk &&
		v->kind != PVMA_FILE ?
	    "[heap]" :
	    v->name;
	process_pages_count(m, v->start, v->end, &out->pages_frame,
	    &out->pages_zero);
	return 0;
}

uint64_t
process_start_brk(const struct machine *m)
{
	return m->proc->start_brk;
}

uint64_t
process_brk(const struct machine *m)
{
	return m->proc->brk;
}

uint64_t
process_mmap_base(const struct machine *m)
{
	return m->proc->mmap_base;
}

uint64_t
process_libc_base(const struct machine *m)
{
	return m->proc->mmap_base - 0x22c000ull; /* process_layout[6] */
}

uint64_t
process_rss(const struct machine *m)
{
	return m->proc->rss;
}

/* vm_committed_as is the sum of the charges of the VMAs there are. */
static int
process_commit_check(const struct machine *m, char **cause)
{
	const struct process *p = m->proc;
	uint64_t	      want = 0;
	size_t		      i;

	for (i = 0; i < p->nvmas; i++)
		want += process_vma_charged(&p->vmas[i], 0, PROCESS_TASK_SIZE);
	if (want == overcommit_committed(m))
		return 0;
	*cause = xasprintf("process: Committed_AS is %" PRIu64 " pages, its "
			   "mappings charge %" PRIu64,
	    overcommit_committed(m), want);
	return -1;
}

int
process_check(const struct machine *m, char **cause)
{
	const struct process *p = m->proc;
	size_t		      i;

	for (i = 0; i < p->nvmas; i++) {
		const struct pvma *v = &p->vmas[i];

		if (v->start >= v->end ||
		    (v->start | v->end) & (PAGE_SIZE - 1) ||
		    (i > 0 && p->vmas[i - 1].end > v->start)) {
			*cause = xasprintf("process: VMA %zu %#" PRIx64
					   "-%#" PRIx64
					   " is empty, unaligned or overlaps",
			    i, v->start, v->end);
			return -1;
		}
	}
	for (i = 0; i < p->idx.cap; i++) {
		uint64_t va, pfn, want;

		if (p->idx.slot[i].key == 0)
			continue;
		va = (p->idx.slot[i].key - 1) << PAGE_SHIFT;
		want = p->idx.slot[i].val & ~PIDX_ZERO;
		if (process_vma_at((struct process *)p, va) == NULL ||
		    (p->pgt != NULL &&
			(pgtable_lookup(m, p->pgt, va, &pfn) != 0 ||
			    pfn != want)) ||
		    (!(p->idx.slot[i].val & PIDX_ZERO) &&
			m->frames[want].owner != FO_ANON)) {
			*cause = xasprintf("process: page %#" PRIx64
					   " (pfn %#" PRIx64
					   ") outside its VMA, not in the page "
					   "table "
					   "or not an anon frame",
			    va, want);
			return -1;
		}
	}
	return process_commit_check(m, cause) != 0 ?
	    -1 :
	    process_tlb_check(m, cause);
}

void
process_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	const struct frame *f = &m->frames[pfn];
	uint64_t va = ((uint64_t)f->own.aux << 32 | f->own.tag) << PAGE_SHIFT;
	int	 i = process_vma_find(m, va);
	struct process_vma_info v;

	sbuf_printf(out, "anon page at %#" PRIx64, va);
	if (i >= 0 && process_vma_get(m, (size_t)i, &v) == 0)
		sbuf_printf(out, " in %s %#" PRIx64 "-%#" PRIx64,
		    v.name[0] != '\0' ? v.name : "anonymous mapping", v.start,
		    v.end);
	sbuf_printf(out, " of %s", process_prog);
}
