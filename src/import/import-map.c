/*
 * import-map.c - addresses to names: a hash table of 64-bit keys.
 *
 * Traces hold tens of thousands of live pointers (a kernel trace of a
 * few seconds), so lookups must not be linear.  Open addressing with
 * linear probing keeps the table one array; deletion shifts the
 * following entries back instead of leaving tombstones, so a long trace
 * of allocate-and-free never slows the probes down.  The table is at
 * most half full.
 */
#include "import/import-priv.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"

/* Fibonacci hashing: pointers share their low and high bits. */
static size_t
import_map_slot(const struct import_map *map, uint64_t key)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (map->cap - 1);
}

static void
import_map_grow(struct import_map *map)
{
	struct import_entry *old = map->v;
	size_t		     i, oldcap = map->cap;

	map->cap = oldcap == 0 ? 64 : oldcap * 2;
	map->v = xcalloc(map->cap, sizeof *map->v);
	map->n = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i].used)
			import_map_put(map, old[i].key, &old[i].b);
	}
	free(old);
}

/* Probes from the home slot to the first empty one. */
struct import_binding *
import_map_find(struct import_map *map, uint64_t key)
{
	size_t i;

	if (map->cap == 0)
		return NULL;
	for (i = import_map_slot(map, key); map->v[i].used;
	     i = (i + 1) & (map->cap - 1)) {
		if (map->v[i].key == key)
			return &map->v[i].b;
	}
	return NULL;
}

/* Inserts or replaces; grows first so the table stays half empty. */
struct import_binding *
import_map_put(struct import_map *map, uint64_t key,
    const struct import_binding *b)
{
	size_t i;

	if (2 * (map->n + 1) > map->cap)
		import_map_grow(map);
	for (i = import_map_slot(map, key); map->v[i].used;
	     i = (i + 1) & (map->cap - 1)) {
		if (map->v[i].key == key)
			break;
	}
	if (!map->v[i].used)
		map->n++;
	map->v[i].used = 1;
	map->v[i].key = key;
	map->v[i].b = *b;
	return &map->v[i].b;
}

/* Is slot j's home in the cyclic range (hole, j]?  Then it stays. */
static int
import_map_stays(const struct import_map *map, size_t hole, size_t j)
{
	size_t home = import_map_slot(map, map->v[j].key);

	if (hole <= j)
		return hole < home && home <= j;
	return hole < home || home <= j;
}

/* Removes key and shifts the rest of its cluster back. */
int
import_map_del(struct import_map *map, uint64_t key)
{
	size_t i, j, mask = map->cap - 1;

	if (map->cap == 0)
		return -1;
	for (i = import_map_slot(map, key); map->v[i].used;
	     i = (i + 1) & mask) {
		if (map->v[i].key == key)
			break;
	}
	if (!map->v[i].used)
		return -1;
	for (j = (i + 1) & mask; map->v[j].used; j = (j + 1) & mask) {
		if (import_map_stays(map, i, j))
			continue;
		map->v[i] = map->v[j];
		i = j;
	}
	memset(&map->v[i], 0, sizeof map->v[i]);
	map->n--;
	return 0;
}

/* Frees the table; the map is empty and usable again. */
void
import_map_free(struct import_map *map)
{
	free(map->v);
	memset(map, 0, sizeof *map);
}
