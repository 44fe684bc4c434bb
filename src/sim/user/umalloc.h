/*
 * umalloc.h - the user process's malloc, modelled on glibc 2.36 ptmalloc
 * (malloc/malloc.c): chunks, tcache, fastbins, bins, top, sbrk and mmap,
 * for the main arena of a single-threaded process with default tunables.
 * Its metadata lives in the process's simulated memory (umalloc-priv.h).
 *
 * Each call fills m->st: st->addr is the returned pointer (0 = NULL),
 * st->size the chunk's usable size (malloc_usable_size()), st->what where
 * it came from ("tcache", "fastbin", "smallbin", "unsorted", "largebin",
 * "top", "mmap").  It emits EV_BIN (a chunk put on or taken off a bin),
 * EV_CHUNK (split, merged, into top), EV_BRK/EV_MMAP/EV_MUNMAP from the
 * kernel, EV_FAULT for pages first touched, EV_ZERO for calloc's memset.
 * A NULL result is SIM_ENOMEM.  Misuse ends the process the way glibc
 * does: SIM_ABORT with glibc's message ("free(): double free detected in
 * tcache 2") in st->reason and an EV_REPORT event; the next user
 * operation starts the program again with a fresh heap.
 */
#ifndef MEMVIZ_SIM_UMALLOC_H
#define MEMVIZ_SIM_UMALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/status.h"

struct machine;

enum sim_status umalloc_malloc(struct machine *m, uint64_t size);
enum sim_status umalloc_calloc(struct machine *m, uint64_t n, uint64_t size);
enum sim_status umalloc_realloc(struct machine *m, uint64_t addr,
    uint64_t size);
enum sim_status umalloc_free(struct machine *m, uint64_t addr);
struct umalloc;
/* A copy of malloc's host state (mp_, the tcache pointer), or NULL. */
struct umalloc *umalloc_clone(const struct umalloc *um);

/*
 * The aligned allocators of glibc 2.36 (malloc/malloc.c _mid_memalign,
 * _int_memalign): memalign and aligned_alloc take any alignment (a
 * non-power of two is rounded up, as 2.36 does for both), posix_memalign
 * wants a power-of-two multiple of sizeof(void *) (else EINVAL, its
 * return code), valloc aligns to the page, pvalloc rounds the size up
 * to pages (with 2.36's mask) first.  align is ignored for valloc and
 * pvalloc.
 */
enum umalloc_align_call {
	UMALLOC_MEMALIGN,
	UMALLOC_ALIGNED_ALLOC,
	UMALLOC_POSIX_MEMALIGN,
	UMALLOC_VALLOC,
	UMALLOC_PVALLOC,
};
enum sim_status umalloc_memalign(struct machine *m,
    enum umalloc_align_call call, uint64_t align, uint64_t size);
/* reallocarray(): realloc(p, n * size), ENOMEM when that overflows. */
enum sim_status umalloc_reallocarray(struct machine *m, uint64_t addr,
    uint64_t n, uint64_t size);

/*
 * Calls that return a number rather than a pointer: the number is in
 * st->addr.  malloc_usable_size(p) (0 for NULL or a free chunk),
 * malloc_trim(pad) (1 when memory went back to the kernel: whole free
 * pages inside the heap by madvise(MADV_DONTNEED), then the top by
 * sbrk), mallopt(param, value) (1 on success, 0 when refused).
 */
enum sim_status umalloc_usable_size(struct machine *m, uint64_t addr);
enum sim_status umalloc_trim(struct machine *m, uint64_t pad);
/* mallopt's parameters, with glibc's numbers (malloc.h). */
#define UMALLOC_M_MXFAST	 1
#define UMALLOC_M_TRIM_THRESHOLD (-1)
#define UMALLOC_M_TOP_PAD	 (-2)
#define UMALLOC_M_MMAP_THRESHOLD (-3)
#define UMALLOC_M_MMAP_MAX	 (-4)
#define UMALLOC_M_CHECK_ACTION	 (-5)
#define UMALLOC_M_PERTURB	 (-6)
#define UMALLOC_M_ARENA_TEST	 (-7)
#define UMALLOC_M_ARENA_MAX	 (-8)
enum sim_status umalloc_mallopt(struct machine *m, int param, int value);

/*
 * `thread N` (umalloc-arena.c): the calls that follow run on thread N
 * of the process, 0 the main thread; a new number creates the thread as
 * pthread_create() does (its stack mapping, its DTV calloc'd by the
 * running thread).  A thread's first call gives it an arena as glibc
 * 2.36's arena_get2() does.  A restarted process has thread 0 only.
 */
enum sim_status umalloc_thread(struct machine *m, unsigned n);
/*
 * `thread N exit` (umalloc-thread.c): thread N ends as glibc 2.36 ends
 * a thread: its tcache's chunks and the tcache go back to their arenas,
 * its arena goes on the free list a new thread takes first when no
 * other thread has it.  Its stack and DTV go to the stack cache the
 * next pthread_create() takes from when it is joined (`thread N join`
 * by the running thread, which waits for a running N to end first), or
 * at once when detached (`thread N detach`, before or after its end).
 * When N was the running thread, thread 0 runs next.
 */
enum sim_status umalloc_thread_exit(struct machine *m, unsigned n);
enum sim_status umalloc_thread_join(struct machine *m, unsigned n);
enum sim_status umalloc_thread_detach(struct machine *m, unsigned n);
/* `thread N dtv SLOTS`: `thread N` for a new N whose DTV has SLOTS
 * entries of 16 bytes (allocate_dtv(): the TLS modules plus
 * DTV_SURPLUS plus 2; 17 with libc's alone, 18 with libstdc++'s too);
 * EINVAL when N runs already or SLOTS is 0. */
enum sim_status umalloc_thread_dtv(struct machine *m, unsigned n,
    unsigned slots);
unsigned	umalloc_current_thread(const struct machine *m);
/* Threads the process has, the main one included. */
unsigned umalloc_thread_count(const struct machine *m);
/* A thread arena's heap, for the views. */
struct umalloc_heap_view {
	uint64_t arena;		      /* its malloc_state */
	unsigned number;	      /* 1, 2, ... in creation order */
	uint64_t size, mprotect_size; /* heap_info's */
	uint64_t top, top_size;	      /* top_size 0: top is in another heap */
	uint64_t system_mem;	      /* the arena's */
	uint64_t threads;	      /* bit t: thread t's arena */
};
/* The heap starting at va (a 64 MiB boundary); -1 when none does. */
int umalloc_heap_at(const struct machine *m, uint64_t va,
    struct umalloc_heap_view *out);
/* The threads whose arena is ar (bit t for thread t). */
uint64_t umalloc_arena_threads(const struct machine *m, uint64_t ar);
/* Arenas the process has: main_arena and the thread arenas. */
unsigned umalloc_arena_count(const struct machine *m);
/* The arena thread t allocates from: main_arena until it has one. */
uint64_t umalloc_arena_of_thread(const struct machine *m, unsigned t);
/* What a thread arena's heap holds before its chunks (arena.c
 * heap_info; in an arena's first heap, its malloc_state). */
struct umalloc_heap_layout {
	uint64_t prev;	/* heap_info.prev: the arena's heap before, or 0 */
	uint64_t state; /* the malloc_state here, or 0 */
	uint64_t first; /* the first chunk */
	uint64_t end;	/* heap + heap_info.size: the read-write part */
};
int umalloc_heap_layout(const struct machine *m, uint64_t heap,
    struct umalloc_heap_layout *out);

/*
 * Views (const, no events).  A chunk's state is worked out from the
 * bytes as glibc would see them: the bins are walked, in use is what no
 * bin holds.
 */
/* clang-format off */
#define UMALLOC_CHUNK_STATES(X)					\
	X(UCHUNK_INUSE,	   "in use")				\
	X(UCHUNK_TCACHE,   "tcache")				\
	X(UCHUNK_FASTBIN,  "fastbin")				\
	X(UCHUNK_UNSORTED, "unsorted")				\
	X(UCHUNK_SMALL,	   "smallbin")				\
	X(UCHUNK_LARGE,	   "largebin")				\
	X(UCHUNK_TOP,	   "top")				\
	X(UCHUNK_TCACHE_STRUCT, "tcache_perthread_struct")	\
	X(UCHUNK_FENCEPOST, "fencepost")
/* clang-format on */

enum umalloc_chunk_state {
#define UCHUNK_ENUM(e, name) e,
	UMALLOC_CHUNK_STATES(UCHUNK_ENUM)
#undef UCHUNK_ENUM
	UCHUNK__COUNT
};

struct umalloc_chunk {
	uint64_t		 addr;	/* chunk address (header) */
	uint64_t		 mem;	/* what malloc returned: addr + 16 */
	uint64_t		 size;	/* chunksize(), flags masked */
	unsigned		 flags; /* the P/M/A bits as stored */
	enum umalloc_chunk_state state;
	int			 bin; /* tcache/fastbin/bin index, or -1 */
	int thread;		      /* whose tcache (or its struct), or -1 */
	int mmapped;
};

const char *umalloc_chunk_state_name(enum umalloc_chunk_state s);

/*
 * Walks the heap (sbrk area) chunk by chunk from its start, then the
 * mmapped chunks, calling fn for each in address order; stops early when
 * fn returns non-zero.  Returns the number of chunks visited.  A corrupt
 * size (zero, misaligned, past the top) ends the walk.
 */
size_t umalloc_walk(const struct machine *m,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg);
/* The same for the thread arena heap at heap (64 MiB aligned): its
 * chunks from the first to top, or to the fenceposts sysmalloc() left
 * when top moved to the arena's next heap. */
size_t umalloc_walk_heap(const struct machine *m, uint64_t heap,
    int (*fn)(const struct umalloc_chunk *, void *), void *arg);
/* The chunk holding address va (header or user bytes); -1 when none. */
int	 umalloc_chunk_at(const struct machine *m, uint64_t va,
	 struct umalloc_chunk *out);
uint64_t umalloc_mmap_threshold(const struct machine *m);
uint64_t umalloc_trim_threshold(const struct machine *m);
/* &main_arena in the process (libc's .data). */
uint64_t umalloc_main_arena(const struct machine *m);
/* One line about the chunk at va for the inspector ("chunk 0x...
 * size 0x20 tcache[0]"); nothing when va is in no chunk. */
void umalloc_describe(const struct machine *m, uint64_t va, struct sbuf *out);

#endif
