/*
 * init-on.c - which allocations and frees the kernel clears.
 *
 * The two options become static keys at boot (mm/mm_init.c); after that
 * every allocator asks them.  A kernel without the options (before 5.3,
 * the 2.x profiles) clears only what __GFP_ZERO asks for.
 */
#include "sim/page/init-on.h"
#include "sim/machine-priv.h"

#include <stdio.h>

#include "common/xmalloc.h"

/* A boot option's value, or the config's default when it is not given. */
static int
init_on_option(int option, int config_default)
{
	return option < 0 ? config_default : option;
}

int
init_on_setup(struct machine *m, char **cause)
{
	const struct kconfig *k = &m->prof->config;
	char		      buf[160];

	m->init_on_alloc = init_on_option(m->cfg.init_on_alloc,
	    k->init_on_alloc_default_on);
	m->init_on_free = init_on_option(m->cfg.init_on_free,
	    k->init_on_free_default_on);
	if (k->init_on_boot_options ||
	    (m->init_on_alloc == 0 && m->init_on_free == 0))
		return 0;
	snprintf(buf, sizeof buf,
	    "Linux %s has no init_on_%s= boot option "
	    "(it came in 5.3): use 0 or profile",
	    m->prof->name, m->init_on_alloc ? "alloc" : "free");
	*cause = xstrdup(buf);
	return -1;
}

int
init_on_alloc_wanted(const struct machine *m, gfp_t gfp)
{
	return m->init_on_alloc || (gfp & ___GFP_ZERO) != 0;
}

int
init_on_free_wanted(const struct machine *m)
{
	return m->init_on_free;
}

int
init_on_page_alloc(const struct machine *m, gfp_t gfp)
{
	return !init_on_free_wanted(m) && init_on_alloc_wanted(m, gfp);
}

/*
 * report_meminit() (mm/mm_init.c); the stack part is CONFIG_INIT_STACK_*,
 * which Debian sets to all(zero) and memviz does not model.
 */
void
init_on_report(const struct machine *m, struct sbuf *out)
{
	if (!m->prof->config.init_on_boot_options)
		return;
	sbuf_printf(out,
	    "mem auto-init: stack:all(zero), heap alloc:%s, "
	    "heap free:%s",
	    m->init_on_alloc ? "on" : "off", m->init_on_free ? "on" : "off");
}
