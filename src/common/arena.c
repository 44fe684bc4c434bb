/*
 * arena.c - chunked bump allocation (see arena.h).
 *
 * Chunks grow from 16 KiB to 1 MiB so a one-line prompt statement costs
 * little and a million-line script few mallocs; a request bigger than
 * a chunk gets a chunk of its own.
 */
#include "common/arena.h"
#include "common/xmalloc.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_FIRST   (16 * 1024)
#define ARENA_BIGGEST (1024 * 1024)
/* Enough for pointers and 64-bit integers, what memviz keeps here;
 * max_align_t's 16 (for long double) would waste a quarter. */
#define ARENA_ALIGN alignof(uint64_t)

struct arena_chunk {
	struct arena_chunk *next; /* the chunk carved before */
	size_t		    used, size;
	alignas(max_align_t) unsigned char data[];
};

static struct arena_chunk *
arena_chunk_new(struct arena *a, size_t need)
{
	size_t size = a->head != NULL ? a->head->size * 2 : ARENA_FIRST;
	struct arena_chunk *c;

	if (size > ARENA_BIGGEST)
		size = ARENA_BIGGEST;
	if (size < need)
		size = need;
	if (size > SIZE_MAX - sizeof *c)
		fatal("arena: %zu bytes are too many", need);
	c = xmalloc(sizeof *c + size);
	c->next = a->head;
	c->used = 0;
	c->size = size;
	a->head = c;
	return c;
}

/* n bytes at the next multiple of align (a power of two). */
static void *
arena_carve(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t		    at;

	if (n > SIZE_MAX / 2)
		fatal("arena: %zu bytes are too many", n);
	at = c != NULL ? (c->used + align - 1) & ~(align - 1) : 0;
	if (c == NULL || at > c->size || c->size - at < n) {
		c = arena_chunk_new(a, n);
		at = 0;
	}
	c->used = at + n;
	return c->data + at;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_carve(a, n, ARENA_ALIGN);

	memset(p, 0, n);
	return p;
}

char *
arena_memdup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_carve(a, n + 1, 1); /* text needs no alignment */

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	return arena_memdup(a, s, strnlen(s, n));
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}
