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
	X(UCHUNK_TCACHE_STRUCT, "tcache_perthread_struct")
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
	int			 mmapped;
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
