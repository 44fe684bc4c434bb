/*
 * contents.h - the bytes of simulated frames that were written.
 *
 * A hash table from pfn to a 4 KiB host buffer; only frames written
 * byte-wise have an entry (phys.h explains the model).  Internal to phys.
 */
#ifndef MEMVIZ_SIM_CONTENTS_H
#define MEMVIZ_SIM_CONTENTS_H

#include <stddef.h>
#include <stdint.h>

#define CONTENTS_HOT 32

struct contents_slot {
	uint64_t pfn;
	uint8_t *buf;
};

/* Open only for contents_generation() below; use the functions. */
struct contents {
	struct contents_slot *slot;
	size_t		      cap; /* power of two */
	size_t		      used;
	uint64_t	      generation; /* buffers freed so far */
	struct contents_slot  hot[CONTENTS_HOT];
};

struct contents *contents_create(void);

/*
 * Counts the buffers freed so far: a pointer from contents_get or
 * contents_add stays valid, and the frame's bytes, while it is unchanged
 * (the process's TLB keeps such pointers, process-mm.c).  Inline because
 * that TLB checks it on every access.
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
/* The buffer of pfn, created uninitialised when missing. */
uint8_t *contents_add(struct contents *c, uint64_t pfn);
void	 contents_drop(struct contents *c, uint64_t pfn);
/* A deep copy (every buffer duplicated), its hot slots empty. */
struct contents *contents_clone(const struct contents *src);
size_t		 contents_bytes(const struct contents *c);

#endif
