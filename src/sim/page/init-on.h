/*
 * init-on.h - init_on_alloc and init_on_free: memory the kernel clears for
 * hardening, so a new allocation never shows what a previous owner left.
 *
 * CONFIG_INIT_ON_ALLOC_DEFAULT_ON / CONFIG_INIT_ON_FREE_DEFAULT_ON set the
 * defaults (Debian's 6.1 and 6.12 build with the first, not the second);
 * the boot options init_on_alloc= and init_on_free= override them
 * (mm/mm_init.c init_mem_debugging_and_hardening()).  Where each is
 * honoured: the page allocator (mm/page_alloc.c post_alloc_hook() and
 * free_pages_prepare()) and SLUB (mm/slub.c slab_want_init_on_alloc(),
 * slab_want_init_on_free()).
 */
#ifndef MEMVIZ_SIM_INIT_ON_H
#define MEMVIZ_SIM_INIT_ON_H

#include "common/sbuf.h"
#include "sim/page/gfp.h"

struct machine;

/*
 * Settles the two options for a new machine from its configuration and
 * profile.  -1 with *cause (caller frees) when the configuration asks for
 * one the profile's kernel does not have (before 5.3).
 */
int init_on_setup(struct machine *m, char **cause);
/* want_init_on_alloc(): init_on_alloc, or the caller asked __GFP_ZERO. */
int init_on_alloc_wanted(const struct machine *m, gfp_t gfp);
/* want_init_on_free(). */
int init_on_free_wanted(const struct machine *m);
/*
 * post_alloc_hook()'s choice for a page: cleared at allocation unless
 * init_on_free already cleared it when it was freed.
 */
int init_on_page_alloc(const struct machine *m, gfp_t gfp);
/* The line a boot prints: "mem auto-init: stack:..., heap alloc:on, ...". */
void init_on_report(const struct machine *m, struct sbuf *out);

#endif
