/*
 * view-use.c - which of the stacked views a lesson fills, read from
 * its statements before it runs, so that the layout can give the rows
 * of a view the lesson never uses to those it does (layout_weigh) and
 * keep them all lesson long.  A statement not named here (the page
 * allocator's, write, read, say...) fills none of them.
 */
#include "ui/view.h"
#include "script/script.h"

#include <stdlib.h>
#include <string.h>

static const struct view_use {
	const char *stmt;
	int	    view;
} view_uses[] = {
	{ "kmalloc", LV_SLAB },
	{ "kzalloc", LV_SLAB },
	{ "kcalloc", LV_SLAB },
	{ "kmem_cache_create", LV_SLAB },
	{ "kmem_cache_alloc", LV_SLAB },
	{ "kmem_cache_zalloc", LV_SLAB },
	{ "vmalloc", LV_VMALLOC },
	{ "vzalloc", LV_VMALLOC },
	{ "malloc", LV_USER },
	{ "calloc", LV_USER },
	{ "realloc", LV_USER },
	{ "memalign", LV_USER },
	{ "aligned_alloc", LV_USER },
	{ "posix_memalign", LV_USER },
	{ "valloc", LV_USER },
	{ "pvalloc", LV_USER },
	{ "reallocarray", LV_USER },
	{ "thread", LV_USER },
};

unsigned
view_use_of(const struct script_program *prog)
{
	unsigned char *used;
	unsigned       mask = 0;
	size_t	       i, k;

	if (prog == NULL || (used = calloc(stmt_table_len, 1)) == NULL)
		return 0;
	script_program_entries(prog, used);
	for (i = 0; i < stmt_table_len; i++) {
		if (!used[i])
			continue;
		for (k = 0; k < sizeof view_uses / sizeof view_uses[0]; k++)
			if (strcmp(stmt_table[i].name, view_uses[k].stmt) == 0)
				mask |= 1u << view_uses[k].view;
	}
	free(used);
	return mask;
}
