/*
 * contents.h - the bytes of simulated frames that were written.
 *
 * A hash table from pfn to a 4 KiB host buffer; only frames written
 * byte-wise have an entry (phys.h explains the model).  Internal to phys.
 *
 * Buffers are shared between a machine and its checkpoints, as fork()
 * shares anonymous pages (mm/memory.c wp_page_copy() copies one on the
 * first write by either side): each carries a reference count in a
 * header before its bytes, and contents_get_mut copies a shared one.
 */
#ifndef MEMVIZ_SIM_CONTENTS_H
#define MEMVIZ_SIM_CONTENTS_H

#include <stddef.h>
#include <stdint.h>

#define CONTENTS_HOT 32

/* In front of every buffer: how many contents tables hold it. */
struct contents_buf_head {
	size_t refs;
	size_t pad; /* keeps the bytes 16-byte aligned, as malloc's */
};

struct contents_slot {
	uint64_t pfn;
	uint8_t *buf;
};

/* Open only for contents_generation() below; use the functions. */
struct contents {
	struct contents_slot *slot;
	size_t		      cap; /* power of two */
	size_t		      used;
	uint64_t	      generation; /* buffers freed, unshared, shared */
	struct contents_slot  hot[CONTENTS_HOT];
};

struct contents *contents_create(void);

/*
 * Moves on whenever a buffer is freed, replaced by a private copy, or
 * shared with a clone: a pointer from contents_get_mut or contents_add
 * may be written through, and keeps the frame's bytes, while it is
 * unchanged (the process's TLB keeps such pointers, process-mm.c).
 * Inline because that TLB checks it on every access.
 */
static inline uint64_t
contents_generation(const struct contents *c)
{
	return c->generation;
}
void contents_destroy(struct contents *c);
/* contents_get past the hot slots: the hash, then the slot is filled. */
uint8_t *contents_lookup(struct contents *c, uint64_t pfn);

/* The buffer of pfn, or NULL when it has none. */
static inline uint8_t *
contents_get(struct contents *c, uint64_t pfn)
{
	const struct contents_slot *h = &c->hot[pfn % CONTENTS_HOT];

	return h->pfn == pfn ? h->buf : contents_lookup(c, pfn);
}
/* Is this buffer (from contents_get) held by other tables too? */
static inline int
contents_shared(const uint8_t *buf)
{
	return ((const struct contents_buf_head *)(const void *)buf)[-1].refs >
	    1;
}
/* The shared buffer of pfn replaced by a private copy; returns it. */
uint8_t *contents_unshare(struct contents *c, uint64_t pfn);

/* The buffer of pfn for writing (never shared), or NULL when none. */
static inline uint8_t *
contents_get_mut(struct contents *c, uint64_t pfn)
{
	uint8_t *buf = contents_get(c, pfn);

	return buf == NULL || !contents_shared(buf) ? buf :
						      contents_unshare(c, pfn);
}
/* The buffer of pfn for writing, created uninitialised when missing. */
uint8_t *contents_add(struct contents *c, uint64_t pfn);
void	 contents_drop(struct contents *c, uint64_t pfn);
/*
 * A copy sharing every buffer with src, its hot slots empty.  src's
 * generation moves on: pointers into its buffers may no longer be
 * written through.
 */
struct contents *contents_clone(struct contents *src);
/* Host bytes: the table, and each buffer divided among its holders. */
size_t contents_bytes(const struct contents *c);

#endif
