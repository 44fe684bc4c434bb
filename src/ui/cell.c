/*
 * cell.c - the importance rule of a RAM grid cell (see cell.h).
 */
#include "ui/cell.h"

/*
 * Rare owners each have their own rank, so the order between them is
 * fixed; the common ones share a rank and the one with most frames wins.
 */
static const int cell_ranks[FO__COUNT] = {
	[FO_VMALLOC] = 10,
	[FO_SLAB] = 9,
	[FO_KMALLOC_LARGE] = 8,
	[FO_ANON] = 7,
	[FO_PGTABLE] = 6,
	[FO_PAGES] = 5,
	[FO_PAGECACHE] = 1,
	[FO_KERNEL] = 1,
	[FO_MEMMAP] = 1,
	[FO_RESERVED] = 1,
	[FO_HOLE] = 1,
	[FO_FREE] = 0,
};

int
cell_owner_rank(enum frame_owner o)
{
	return (unsigned)o < FO__COUNT ? cell_ranks[o] : 0;
}

/* Does o beat best: by rank then count, or by count then rank? */
static int
cell_beats(const uint32_t *count, int o, int best, int by_rank)
{
	int  r = cell_ranks[o] - cell_ranks[best];
	long d = (long)count[o] - (long)count[best];

	if (by_rank)
		return r > 0 || (r == 0 && d > 0);
	return d > 0 || (d == 0 && r > 0);
}

/* The owner present in the cell, other than skip, that wins. */
static enum frame_owner
cell_best(const uint32_t *count, int skip, int by_rank)
{
	int o, best = -1;

	for (o = 0; o < FO__COUNT; o++) {
		if (count[o] == 0 || o == skip)
			continue;
		if (best < 0 || cell_beats(count, o, best, by_rank))
			best = o;
	}
	return best < 0 ? FO_FREE : (enum frame_owner)best;
}

static enum cell_mark
cell_mark_of(unsigned holds)
{
	if (holds & CELL_EVENT)
		return CELL_MARK_EVENT;
	if (holds & CELL_SELECTED) /* its counterparts stay in view */
		return CELL_MARK_SELECTED;
	return holds & CELL_CHANGED ? CELL_MARK_CHANGED : CELL_MARK_NONE;
}

struct cell_look
cell_choose(const struct cell_facts *f)
{
	struct cell_look k;
	uint32_t	 n = 0;
	int		 o;

	for (o = 0; o < FO__COUNT; o++)
		n += f->count[o];
	if (f->holds != 0 && f->top_owner >= 0 && f->top_owner < FO__COUNT &&
	    f->count[f->top_owner] > 0)
		k.owner = (enum frame_owner)f->top_owner;
	else
		k.owner = cell_best(f->count, -1, 1);
	k.mixed = f->count[k.owner] != n;
	k.rest = k.mixed ? cell_best(f->count, k.owner, 0) : k.owner;
	k.mark = cell_mark_of(f->holds);
	return k;
}
