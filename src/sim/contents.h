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

struct contents;

struct contents *contents_create(void);
void	 contents_destroy(struct contents *c);
/* The buffer of pfn, or NULL when it has none. */
uint8_t	*contents_get(struct contents *c, uint64_t pfn);
/* The buffer of pfn, created uninitialised when missing. */
uint8_t	*contents_add(struct contents *c, uint64_t pfn);
void	 contents_drop(struct contents *c, uint64_t pfn);
size_t	 contents_bytes(const struct contents *c);

#endif
