/*
 * thp.c - the transparent huge page mode a machine boots with.
 */
#include "sim/page/thp.h"
#include "sim/machine-priv.h"

#include <stdio.h>

#include "common/xmalloc.h"

const char *const thp_mode_names[THP__COUNT] = { "never", "always", "madvise" };

int
thp_setup(struct machine *m, char **cause)
{
	const struct kconfig *k = &m->prof->config;
	char		      buf[160];

	m->thp = m->cfg.thp < 0 ? k->thp_default : m->cfg.thp;
	if (k->transparent_hugepage || m->thp == THP_NEVER)
		return 0;
	snprintf(buf, sizeof buf,
	    "Linux %s has no transparent huge pages "
	    "(they came in 2.6.38): use never or profile",
	    m->prof->name);
	*cause = xstrdup(buf);
	return -1;
}

/*
 * khugepaged starts for always and for madvise alike
 * (mm/khugepaged.c start_stop_khugepaged()); hugepage_init() clears the
 * flags on a machine with less than 512 MiB of RAM.
 */
int
thp_khugepaged_runs(const struct machine *m)
{
	return m->thp != THP_NEVER &&
	    m->totalram_pages >= (512ull << 20) >> PAGE_SHIFT;
}
