/*
 * gfp.c - the table of GFP flag names and their values.
 *
 * Composite names come first so that gfp_format() describes a mask the
 * way a kernel developer writes it (GFP_KERNEL|__GFP_ZERO), as the
 * kernel's own show_gfp_flags() in include/trace/events/mmflags.h does.
 */
#include "sim/page/gfp.h"
#include "common/strdist.h"

#include <string.h>

const struct gfp_name gfp_table[] = {
#define GFP_COMPOSITE_ROW(name, help) { #name, name, 1, help },
	GFP_COMPOSITES(GFP_COMPOSITE_ROW)
#undef GFP_COMPOSITE_ROW
#define GFP_BIT_ROW(name, bit, help) { "__GFP_" #name, bit, 0, help },
	    GFP_BITS(GFP_BIT_ROW)
#undef GFP_BIT_ROW
};
const size_t gfp_table_len = sizeof gfp_table / sizeof gfp_table[0];

const struct gfp_name *
gfp_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < gfp_table_len; i++) {
		if (strcmp(gfp_table[i].name, name) == 0)
			return &gfp_table[i];
	}
	return NULL;
}

const char *
gfp_suggest(const char *name)
{
	size_t	    i, d, best = 4;
	const char *found = NULL;

	for (i = 0; i < gfp_table_len; i++) {
		d = str_distance(name, gfp_table[i].name);
		if (d < best) {
			best = d;
			found = gfp_table[i].name;
		}
	}
	return found;
}

void
gfp_format(gfp_t gfp, struct sbuf *out)
{
	size_t i;
	int    first = 1;

	if (gfp == 0) {
		sbuf_puts(out, "0");
		return;
	}
	/* Composites that are wholly contained, largest first, then bits. */
	for (i = 0; i < gfp_table_len && gfp != 0; i++) {
		const struct gfp_name *g = &gfp_table[i];

		if (g->value == 0 || (gfp & g->value) != g->value)
			continue;
		if (g->composite && g->value != gfp &&
		    strcmp(g->name, "__GFP_RECLAIM") != 0 &&
		    (g->value & ~gfp) != 0)
			continue;
		sbuf_printf(out, "%s%s", first ? "" : "|", g->name);
		first = 0;
		gfp &= ~g->value;
	}
	if (gfp != 0)
		sbuf_printf(out, "%s%#x", first ? "" : "|", gfp);
}
