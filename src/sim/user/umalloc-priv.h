/*
 * umalloc-priv.h - glibc 2.36 malloc's internals, shared by umalloc*.c.
 *
 * Every piece of malloc's state that glibc keeps in the process's memory
 * is kept in the simulated process's memory, at the address glibc keeps
 * it: chunk headers, fd/bk and fd_nextsize/bk_nextsize links, the tcache
 * (tcache_perthread_struct, the first chunk of the heap), and the arena
 * itself (struct malloc_state main_arena, in libc's .data, so a free
 * chunk's fd in the unsorted bin points at main_arena+96 as in a real
 * process).  Only what glibc keeps in registers, TLS or mp_ (tunables,
 * counters) is host state.  Reads and writes go through umalloc_rd/umalloc_wr,
 * which fault pages in; an access outside the VMAs is SIGSEGV, and
 * malloc_printerr() ends the operation with glibc's message.  Both leave
 * through a longjmp to the entry point of the operation.
 */
#ifndef MEMVIZ_SIM_UMALLOC_PRIV_H
#define MEMVIZ_SIM_UMALLOC_PRIV_H

#include <setjmp.h>
#include <stdint.h>

#include "sim/page/unaligned.h"
#include "sim/user/process-priv.h"
#include "sim/user/umalloc.h"

struct machine;

/*
 * The operation's exit (struct umalloc's jb): UM_SETJMP at its entry
 * point, UM_LONGJMP from an abort.  GCC and clang's __builtin_setjmp
 * keeps three words inline where setjmp() goes through two calls that
 * save every callee-saved register, a tenth of a malloc on bench
 * --names.  The sanitizers see longjmp() only, so their builds keep
 * it.  um_jmp_buf is not a jmp_buf there, so that a plain setjmp() on
 * jb does not build.
 */
#if defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(UM_PLAIN_SETJMP)
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UM_PLAIN_SETJMP 1
#endif
#endif
#else
#define UM_PLAIN_SETJMP 1
#endif
#ifdef UM_PLAIN_SETJMP
typedef jmp_buf um_jmp_buf;
#define UM_SETJMP(jb)  setjmp(jb)
#define UM_LONGJMP(jb) longjmp(jb, 1)
#else
typedef void *um_jmp_buf[5];
#define UM_SETJMP(jb)  __builtin_setjmp(jb)
#define UM_LONGJMP(jb) __builtin_longjmp(jb, 1)
#endif

/* x86-64 constants of malloc/malloc.c and sysdeps/generic/malloc-*.h. */
#define UM_SIZE_SZ			   8ull
#define UM_ALIGN			   16ull
#define UM_ALIGN_MASK			   15ull
#define UM_HDR				   16ull /* CHUNK_HDR_SZ */
#define UM_MINSIZE			   32ull
#define UM_PREV_INUSE			   0x1ull
#define UM_IS_MMAPPED			   0x2ull
#define UM_NON_MAIN_ARENA		   0x4ull
#define UM_SIZE_BITS			   0x7ull
#define UM_NBINS			   128
#define UM_NFASTBINS			   10
#define UM_MIN_LARGE_SIZE		   1024ull
#define UM_MAX_FAST			   128ull /* global_max_fast: DEFAULT_MXFAST + rounding */
#define UM_TCACHE_BINS			   64
#define UM_TCACHE_COUNT			   7
#define UM_TCACHE_MAX_BYTES		   1032ull
#define UM_TCACHE_STRUCT		   640ull /* 64 uint16 counts + 64 pointers */
#define UM_BINMAPSIZE			   4
#define UM_FASTBIN_CONSOLIDATION_THRESHOLD 65536ull
#define UM_DEFAULT_TOP_PAD		   (128ull * 1024)
#define UM_DEFAULT_MMAP_THRESHOLD	   (128ull * 1024)
#define UM_DEFAULT_MMAP_THRESHOLD_MAX	   (32ull << 20)
#define UM_DEFAULT_TRIM_THRESHOLD	   (128ull * 1024)
#define UM_DEFAULT_MMAP_MAX		   65536
#define UM_MAX_ITERS			   10000
#define UM_PAGE				   4096ull
#define UM_HEAP_MAX_SIZE		   (2 * UM_DEFAULT_MMAP_THRESHOLD_MAX) /* arena.c */

/* struct malloc_state field offsets (sizeof 2200 on x86-64). */
#define AV_FLAGS	     4
#define AV_HAVE_FAST	     8
#define AV_FASTBINS	     16
#define AV_TOP		     96
#define AV_LAST_REMAINDER    104
#define AV_BINS		     112
#define AV_BINMAP	     2144
#define AV_NEXT		     2160
#define AV_NEXT_FREE	     2168
#define AV_ATTACHED	     2176
#define AV_SYSTEM_MEM	     2184
#define AV_MAX_SYSTEM_MEM    2192
#define AV_SIZE		     2200
#define UM_NONCONTIGUOUS_BIT 2

/* Where main_arena sits in libc 2.36 (Debian): libc base + 0x1d3c60. */
#define UM_MAIN_ARENA_OFF 0x1d3c60ull

/* A thread of the process (umalloc-arena.c): its TLS thread_arena and
 * tcache, kept here while another thread runs. */
#define UM_MAX_THREADS 64
struct umalloc_thread {
	uint64_t arena, tcache; /* 0: none yet */
	int	 live;
	uint64_t stack, dtv; /* its stack mapping and DTV (pthread_create) */
	int	 detached, ended; /* ended: not joined yet, stack held */
};

/* nptl's stack cache (nptl/nptl-stack.c): stacks of exited threads,
 * newest first, each with the DTV still allocated in it. */
#define UM_STACK_CACHE 8
struct umalloc_stack {
	uint64_t stack, dtv;
};

struct umalloc {
	uint64_t av;	 /* the arena being worked on: the thread's, or a
			  * freed chunk's (arena_for_chunk) */
	uint64_t tcache; /* the TLS variable `tcache`; 0 = none */
	uint64_t tcache_key;
	int	 initialized; /* ptmalloc_init() ran */
	/* mp_ */
	uint64_t trim_threshold, top_pad, mmap_threshold;
	int	 n_mmaps, n_mmaps_max, no_dyn_threshold;
	int	 perturb_byte;		/* M_PERTURB: 0 = off */
	int	 arena_test, arena_max; /* accepted; one arena here */
	/* mp_.tcache_bins, tcache_count, tcache_unsorted_limit and
	 * global_max_fast: the tunables may change them. */
	uint64_t   tcache_bins, tcache_count, tcache_unsorted_limit, max_fast;
	uint64_t   mmapped_mem, sbrk_base;
	um_jmp_buf jb; /* the operation's exit on abort (UM_SETJMP) */
	/* arena.c's statics and the threads (umalloc-arena.c) */
	struct umalloc_thread threads[UM_MAX_THREADS];
	unsigned	      cur_thread;
	uint64_t	      narenas; /* arenas besides main_arena */
	uint64_t	      narenas_limit, next_to_use, aligned_heap_area;
	/* umalloc-thread.c: arena.c's free_list, nptl's stack cache */
	uint64_t	     free_list;
	struct umalloc_stack stack_cache[UM_STACK_CACHE];
	unsigned	     nstack_cache;
	unsigned	     dtv_slots; /* the next new thread's, 0: 17 */
};

/* umalloc.c */
/* The process's malloc state, made on first use (a dead process is
 * started again first, a copy given its tlb): umalloc_get's way when
 * it has none. */
struct umalloc *umalloc_get_new(struct machine *m);
/* Inline: every call starts here. */
static inline struct umalloc *
umalloc_get(struct machine *m)
{
	const struct process *p = m->proc;

	return !p->dead && p->um != NULL && p->idx.tlb != NULL ?
	    p->um :
	    umalloc_get_new(m);
}
/* __libc_malloc(), __libc_realloc(): tcache, then _int_malloc. */
uint64_t umalloc_libc_malloc(struct machine *m, uint64_t bytes);
uint64_t umalloc_libc_realloc(struct machine *m, uint64_t oldmem,
    uint64_t bytes);
/* Records a returned pointer in the step (NULL is ENOMEM). */
void umalloc_result(struct machine *m, uint64_t mem);
/* A fault an access could not take (r from process_peek/poke): the
 * process dies of SIGSEGV, or of the OOM killer; leaves the operation. */
_Noreturn void umalloc_fault(struct machine *m, uint64_t addr, int r);
/* malloc_printerr(): glibc's message, SIGABRT, leaves the operation. */
_Noreturn void umalloc_printerr(struct machine *m, const char *msg);

/*
 * The accessors' long way, for len 2, 4 or 8 little-endian bytes:
 * process_peek/poke fault the page in; a fault that fails kills.
 */
uint64_t umalloc_rd_slow(struct machine *m, uint64_t addr, size_t len);
void umalloc_wr_slow(struct machine *m, uint64_t addr, uint64_t v, size_t len);
/*
 * The accessors: straight from the frame's bytes when the process's TLB
 * has the page (process_tlb_hit), else the long way.  Inline, as
 * malloc's every word goes through them.
 */
static inline uint64_t
umalloc_rd(struct machine *m, uint64_t addr)
{
	uint8_t *p;

	return process_tlb_hit(m, addr, 8, &p) ? get_unaligned_le64(p) :
						 umalloc_rd_slow(m, addr, 8);
}
static inline void
umalloc_wr(struct machine *m, uint64_t addr, uint64_t v)
{
	uint8_t *p;

	if (process_tlb_hit(m, addr, 8, &p))
		put_unaligned_le64(v, p);
	else
		umalloc_wr_slow(m, addr, v, 8);
}
static inline uint32_t
umalloc_rd32(struct machine *m, uint64_t addr)
{
	uint8_t *p;

	return process_tlb_hit(m, addr, 4, &p) ?
	    get_unaligned_le32(p) :
	    (uint32_t)umalloc_rd_slow(m, addr, 4);
}
static inline void
umalloc_wr32(struct machine *m, uint64_t addr, uint32_t v)
{
	uint8_t *p;

	if (process_tlb_hit(m, addr, 4, &p))
		put_unaligned_le32(v, p);
	else
		umalloc_wr_slow(m, addr, v, 4);
}
static inline uint16_t
umalloc_rd16(struct machine *m, uint64_t addr)
{
	uint8_t *p;

	return process_tlb_hit(m, addr, 2, &p) ?
	    get_unaligned_le16(p) :
	    (uint16_t)umalloc_rd_slow(m, addr, 2);
}
static inline void
umalloc_wr16(struct machine *m, uint64_t addr, uint16_t v)
{
	uint8_t *p;

	if (process_tlb_hit(m, addr, 2, &p))
		put_unaligned_le16(v, p);
	else
		umalloc_wr_slow(m, addr, v, 2);
}

/* Chunk accessors, as malloc.c's macros. */
static inline uint64_t
umalloc_mem2chunk(uint64_t mem)
{
	return mem - UM_HDR;
}
static inline uint64_t
umalloc_chunk2mem(uint64_t p)
{
	return p + UM_HDR;
}
static inline uint64_t
umalloc_size(struct machine *m, uint64_t p) /* chunksize() */
{
	return umalloc_rd(m, p + 8) & ~UM_SIZE_BITS;
}
static inline uint64_t
umalloc_size_nomask(struct machine *m, uint64_t p)
{
	return umalloc_rd(m, p + 8);
}
static inline uint64_t
umalloc_prev_size(struct machine *m, uint64_t p)
{
	return umalloc_rd(m, p);
}
static inline void
umalloc_set_head(struct machine *m, uint64_t p, uint64_t v)
{
	umalloc_wr(m, p + 8, v);
}
static inline void
umalloc_set_foot(struct machine *m, uint64_t p, uint64_t s)
{
	umalloc_wr(m, p + s, s);
}
static inline int
umalloc_inuse_at(struct machine *m, uint64_t p, uint64_t off)
{
	return (int)(umalloc_rd(m, p + off + 8) & UM_PREV_INUSE);
}
static inline void
umalloc_set_inuse_at(struct machine *m, uint64_t p, uint64_t off)
{
	umalloc_wr(m, p + off + 8, umalloc_rd(m, p + off + 8) | UM_PREV_INUSE);
}
static inline void
umalloc_clear_inuse_at(struct machine *m, uint64_t p, uint64_t off)
{
	umalloc_wr(m, p + off + 8, umalloc_rd(m, p + off + 8) & ~UM_PREV_INUSE);
}
static inline uint64_t
umalloc_fd(struct machine *m, uint64_t p)
{
	return umalloc_rd(m, p + 16);
}
static inline uint64_t
umalloc_bk(struct machine *m, uint64_t p)
{
	return umalloc_rd(m, p + 24);
}
static inline void
umalloc_set_fd(struct machine *m, uint64_t p, uint64_t v)
{
	umalloc_wr(m, p + 16, v);
}
static inline void
umalloc_set_bk(struct machine *m, uint64_t p, uint64_t v)
{
	umalloc_wr(m, p + 24, v);
}
static inline uint64_t
umalloc_request2size(uint64_t req)
{
	return req + UM_SIZE_SZ + UM_ALIGN_MASK < UM_MINSIZE ?
	    UM_MINSIZE :
	    (req + UM_SIZE_SZ + UM_ALIGN_MASK) & ~UM_ALIGN_MASK;
}
/* checked_request2size(): 0 for a request above PTRDIFF_MAX. */
static inline uint64_t
umalloc_checked_request2size(uint64_t req)
{
	return req > (uint64_t)INT64_MAX ? 0 : umalloc_request2size(req);
}

/* Arena fields; inline, as the bins are walked on every call. */
static inline uint64_t
umalloc_bin_at(struct machine *m, int i)
{
	return m->proc->um->av + AV_BINS + (uint64_t)(i - 1) * 16 - 16;
}
static inline uint64_t
umalloc_top(struct machine *m)
{
	return umalloc_rd(m, m->proc->um->av + AV_TOP);
}
static inline void
umalloc_set_top(struct machine *m, uint64_t p)
{
	umalloc_wr(m, m->proc->um->av + AV_TOP, p);
}
static inline uint64_t
umalloc_system_mem(struct machine *m)
{
	return umalloc_rd(m, m->proc->um->av + AV_SYSTEM_MEM);
}
static inline int
umalloc_in_smallbin_range(uint64_t sz)
{
	return sz < UM_MIN_LARGE_SIZE;
}
static inline int
umalloc_smallbin_index(uint64_t sz)
{
	return (int)(sz >> 4);
}
/* largebin_index_64(). */
static inline int
umalloc_largebin_index(uint64_t sz)
{
	if ((sz >> 6) <= 48)
		return 48 + (int)(sz >> 6);
	if ((sz >> 9) <= 20)
		return 91 + (int)(sz >> 9);
	if ((sz >> 12) <= 10)
		return 110 + (int)(sz >> 12);
	if ((sz >> 15) <= 4)
		return 119 + (int)(sz >> 15);
	if ((sz >> 18) <= 2)
		return 124 + (int)(sz >> 18);
	return 126;
}
static inline int
umalloc_bin_index(uint64_t sz)
{
	return umalloc_in_smallbin_range(sz) ? umalloc_smallbin_index(sz) :
					       umalloc_largebin_index(sz);
}
/* PROTECT_PTR(): safe-linking since glibc 2.32. */
static inline uint64_t
umalloc_protect_ptr(uint64_t pos, uint64_t ptr)
{
	return (pos >> 12) ^ ptr;
}
/* Emits an EV_BIN/EV_CHUNK event. */
void umalloc_event_emit(struct machine *m, int kind, uint64_t p, uint64_t size,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A silent step's event: its arguments are evaluated, as for a call,
 * and nothing else (inline: a variadic call saves every register). */
static inline __attribute__((format(printf, 1, 2))) void
umalloc_event_args(const char *fmt, ...)
{
	(void)fmt;
}
/* umalloc_event_emit, unless the step is silent (the machine booting,
 * the bench): then the call costs nothing, millions of times. */
#define umalloc_event(m, kind, p, size, ...) \
	((m)->st->silent ? ((void)(kind), (void)(p), (void)(size), \
			       umalloc_event_args(__VA_ARGS__)) : \
			   umalloc_event_emit(m, kind, p, size, __VA_ARGS__))

/* ptmalloc_init() on the first call that needs it; inline, as every
 * call needs the test. */
void umalloc_ptmalloc_init(struct machine *m, struct umalloc *um);
static inline void
umalloc_init_once(struct machine *m)
{
	struct umalloc *um = m->proc->um;

	if (!um->initialized)
		umalloc_ptmalloc_init(m, um);
}

/* umalloc-tcache.c */
void umalloc_tcache_init(struct machine *m);
/* tcache->counts[idx], the first field of tcache_perthread_struct. */
static inline int
umalloc_tcache_count(struct machine *m, uint64_t idx)
{
	return umalloc_rd16(m, m->proc->um->tcache + idx * 2);
}
void	 umalloc_tcache_put(struct machine *m, uint64_t chunk, uint64_t idx);
uint64_t umalloc_tcache_get(struct machine *m, uint64_t idx);
static inline uint64_t
umalloc_csize2tidx(uint64_t x)
{
	return (x - UM_MINSIZE + UM_ALIGN - 1) / UM_ALIGN;
}

/* umalloc-bins.c */
uint64_t umalloc_int_malloc(struct machine *m, uint64_t bytes);
void	 umalloc_unlink_chunk(struct machine *m, uint64_t p);
void	 umalloc_malloc_consolidate(struct machine *m);
int	 umalloc_have_fastchunks(struct machine *m);
void	 umalloc_set_have_fastchunks(struct machine *m, int v);
static inline int
umalloc_fastbin_index(uint64_t sz)
{
	return (int)(sz >> 4) - 2;
}

/* umalloc-mallopt.c: M_PERTURB's memsets, as alloc_perturb() and
 * free_perturb() (no-ops while perturb_byte is 0). */
void umalloc_alloc_perturb(struct machine *m, uint64_t mem, uint64_t n);
void umalloc_free_perturb(struct machine *m, uint64_t mem, uint64_t n);

/* umalloc-tunables.c: ptmalloc_init()'s TUNABLE_GET calls, applying
 * the machine's GLIBC_TUNABLES; do_set_mxfast() for mallopt too. */
void umalloc_tunables_apply(struct machine *m, struct umalloc *um);
int  umalloc_set_mxfast(struct umalloc *um, uint64_t value);
/* umalloc-arena.c (malloc/arena.c) */
/* arena_get(): gives the running thread its arena on its first call
 * (tcache_init), and makes it the one worked on. */
void umalloc_arena_get(struct machine *m, uint64_t size);
/* arena_for_chunk(): the arena of the in-use chunk p. */
uint64_t umalloc_arena_for_chunk(struct machine *m, uint64_t p);
/* The running thread's arena (main_arena until it has one). */
uint64_t umalloc_thread_arena(struct machine *m);
/* NON_MAIN_ARENA when the arena worked on is not main_arena, else 0. */
uint64_t umalloc_arena_bit(struct machine *m);
/* sysmalloc()'s and _int_free()'s non-main side: grow_heap or a new
 * heap; heap_trim. */
void umalloc_arena_grow(struct machine *m, uint64_t nb);
void umalloc_arena_trim(struct machine *m);
int  umalloc_is_main(struct machine *m);
/* The arena after a in the ring main_arena.next links (arena->next). */
uint64_t umalloc_arena_ring_next(struct machine *m, uint64_t a);
/* arena_get_retry() after a failed allocation, once the process has
 * threads (!SINGLE_THREAD_P): a thread arena's caller tries main_arena
 * (its thread stays on its own), main_arena's gets an arena from
 * arena_get2() and keeps it.  0: no retry. */
int umalloc_arena_retry(struct machine *m, uint64_t size);
/* set_non_main_arena(p) when the arena worked on is not main_arena. */
void umalloc_set_non_main_arena(struct machine *m, uint64_t p);

/* umalloc-thread.c (nptl/allocatestack.c, nptl/nptl-stack.c and the
 * thread-exit half of malloc/arena.c) */
/* pthread_create()'s allocate_stack() for thread n: a cached stack, or
 * a new mapping and its DTV calloc'd by the running thread. */
void umalloc_stack_allocate(struct machine *m, unsigned n);
/* get_free_list(): an arena a dead thread left, attached; else 0. */
uint64_t umalloc_get_free_list(struct machine *m);
/* remove_from_free_list(), as reused_arena() does with its pick. */
void umalloc_remove_from_free_list(struct machine *m, uint64_t a);

/* umalloc-free.c */
void umalloc_int_free(struct machine *m, uint64_t p, int have_lock);

/* umalloc-sys.c */
uint64_t umalloc_sysmalloc(struct machine *m, uint64_t nb);
int	 umalloc_systrim(struct machine *m, uint64_t pad);
void	 umalloc_munmap_chunk(struct machine *m, uint64_t p);
uint64_t umalloc_mremap_chunk(struct machine *m, uint64_t p, uint64_t new_size);

#endif
