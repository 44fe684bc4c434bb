/*
 * memblock.c - boot memory handed to the buddy allocator.
 *
 * The order matters as in the kernel: memblock_free_all() runs before the
 * watermarks are computed (they are derived from the managed pages), and
 * free_initmem() after, so the freed init sections raise the free count
 * without moving the watermarks, as on a real boot.
 */
#include "sim/page/memblock.h"

#include "sim/machine-priv.h"
#include "sim/page/buddy.h"

/* Releases every run of unowned frames in [pfn, end), zone by zone. */
static void
memblock_release_free(struct machine *m, uint64_t pfn, uint64_t end)
{
	while (pfn < end) {
		uint64_t start;

		while (pfn < end && m->frames[pfn].owner != FO_FREE)
			pfn++;
		start = pfn;
		while (pfn < end && m->frames[pfn].owner == FO_FREE &&
		    m->frames[pfn].zone == m->frames[start].zone)
			pfn++;
		if (pfn > start)
			buddy_release_range(m, start, pfn);
	}
}

void
memblock_free_all(struct machine *m)
{
	memblock_release_free(m, 0, m->nframes);
}

/* Frees [start, end) one page at a time, into its zone's managed pages. */
static void
memblock_free_late(struct machine *m, uint64_t start, uint64_t end)
{
	uint64_t pfn;

	for (pfn = start; pfn < end; pfn++) {
		m->zones[m->frames[pfn].zone].managed++;
		m->totalram_pages++;
		buddy_free(m, pfn, 0);
	}
}

/* free_initrd_mem(): populate_rootfs() is done with the initramfs. */
void
memblock_free_initrd(struct machine *m)
{
	memblock_free_late(m, m->init_start, m->initrd_end);
}

/* free_initmem(): the __init sections, once every initcall has run. */
void
memblock_free_initmem(struct machine *m)
{
	memblock_free_late(m, m->initrd_end, m->init_end);
}
