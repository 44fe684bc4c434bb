/*
 * memblock.h - the hand-over of boot memory to the buddy allocator.
 *
 * At boot the kernel tracks RAM with memblock; once the zones are set up,
 * memblock_free_all() (mm/memblock.c) releases every frame nobody reserved
 * to the buddy allocator, and after the watermarks are computed
 * free_initmem() (init/main.c) gives back the late boot memory page by
 * page.  Here phys lays out the frames and these two calls hand them over,
 * so phys itself never calls up into buddy.
 */
#ifndef MEMVIZ_SIM_PAGE_MEMBLOCK_H
#define MEMVIZ_SIM_PAGE_MEMBLOCK_H

struct machine;

/*
 * Releases every run of FO_FREE frames to the buddy lists, zone by zone,
 * in the largest aligned blocks that fit (buddy_release_range()).  Call
 * once, after phys_boot().  Emits nothing (boot is silent).
 */
void memblock_free_all(struct machine *m);
/*
 * Free the late boot memory page by page, adding it to its zone's
 * managed pages: first [init_start, initrd_end), after the watermarks,
 * then [initrd_end, init_end), after khugepaged's watermarks.
 */
void memblock_free_initrd(struct machine *m);
void memblock_free_initmem(struct machine *m);

#endif
