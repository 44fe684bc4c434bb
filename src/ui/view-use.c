/*
 * view-use.c - which of the stacked views a lesson fills, read from
 * its statements before it runs, so that the layout can give the rows
 * of a view the lesson never uses to those it does (layout_weigh) and
 * keep them all lesson long; and where the quiz asks about one.  A
 * statement not named here (the page allocator's, write, read, say...)
 * fills none of them.
 */
#include "ui/view.h"
#include "script/script.h"

#include <stdlib.h>
#include <string.h>

/* The view a statement's memory lands in; quiz: a predict question
 * about it is answered there (else on the RAM grid, guess.c). */
static const struct view_use {
	const char *stmt;
	int	    view;
	int	    quiz;
} view_uses[] = {
	{ "kmalloc", LV_SLAB, 1 },
	{ "kzalloc", LV_SLAB, 1 },
	{ "kcalloc", LV_SLAB, 1 },
	{ "kmem_cache_create", LV_SLAB, 0 },
	{ "kmem_cache_alloc", LV_SLAB, 0 },
	{ "kmem_cache_zalloc", LV_SLAB, 0 },
	{ "vmalloc", LV_VMALLOC, 1 },
	{ "vzalloc", LV_VMALLOC, 1 },
	{ "malloc", LV_USER, 1 },
	{ "calloc", LV_USER, 1 },
	{ "realloc", LV_USER, 1 },
	{ "memalign", LV_USER, 0 },
	{ "aligned_alloc", LV_USER, 0 },
	{ "posix_memalign", LV_USER, 0 },
	{ "valloc", LV_USER, 0 },
	{ "pvalloc", LV_USER, 0 },
	{ "reallocarray", LV_USER, 0 },
	{ "thread", LV_USER, 0 },
};

static const struct view_use *
view_use_find(const char *stmt)
{
	size_t k;

	for (k = 0; k < sizeof view_uses / sizeof view_uses[0]; k++)
		if (strcmp(stmt, view_uses[k].stmt) == 0)
			return &view_uses[k];
	return NULL;
}

int
view_quiz_of(const char *stmt)
{
	const struct view_use *u = view_use_find(stmt);

	return u != NULL && u->quiz ? u->view : LV_RAM;
}

unsigned
view_use_of(const struct script_program *prog)
{
	const struct view_use *u;
	unsigned char	      *used;
	unsigned	       mask = 0;
	size_t		       i;

	if (prog == NULL || (used = calloc(stmt_table_len, 1)) == NULL)
		return 0;
	script_program_entries(prog, used);
	for (i = 0; i < stmt_table_len; i++)
		if (used[i] && (u = view_use_find(stmt_table[i].name)) != NULL)
			mask |= 1u << u->view;
	free(used);
	return mask;
}
