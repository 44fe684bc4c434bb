/*
 * arena.h - memory for many small objects that all die together.
 *
 * A parsed script is a million small pieces (statements, arguments,
 * expressions, names) that live exactly as long as the program: one
 * malloc each cost more than the parsing itself, a 16-byte header each
 * and a million frees at the end.  An arena hands them out from big
 * chunks and frees the chunks at once.  Nothing in it is freed alone.
 */
#ifndef MEMVIZ_ARENA_H
#define MEMVIZ_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* the chunk being carved */
};

#define ARENA_INIT \
	{ \
		NULL \
	}

/* n zeroed bytes aligned for pointers and 64-bit integers (not long
 * double); never NULL (fatal on host OOM). */
void *arena_alloc(struct arena *a, size_t n);
/* Copies s (n bytes, or up to its NUL) into the arena, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Copies exactly n bytes (no NUL among them) and a NUL after them. */
char *arena_memdup(struct arena *a, const char *s, size_t n);
/* Frees every chunk; the arena is empty and usable again. */
void arena_free(struct arena *a);

#endif
