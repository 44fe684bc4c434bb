/*
 * stmt-show.c - `show` and `help`: statements whose result is text.
 *
 * show VIEW prints a /proc file in the kernel's own format (the machine
 * renders it); show NAME says what a name is bound to and which frame
 * holds its first byte, the line the TUI's inspector starts from.  help
 * prints the statement table, so it cannot disagree with the parser.
 */
#include "script/script-priv.h"
#include "sim/kernel/slab-common.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void
stmt_show_binding(struct script_interp *ip, const struct script_binding *b)
{
	const struct machine *m = interp_machine(ip);
	struct sbuf	     *out = &ip->text;
	uint64_t	      pfn = b->pfn;

	sbuf_printf(out, "%s = %#" PRIx64 " from %s, %" PRIu64 " bytes, %s\n",
	    b->name, b->addr, b->call, b->size,
	    b->addr == 0 ? "NULL" :
		b->live	 ? "live" :
			   "freed");
	if (b->addr == 0)
		return;
	/* a cache handle: no memory memviz models, the cache instead */
	if (b->kind == BIND_KMEM_CACHE) {
		sbuf_puts(out, "  ");
		kmem_cache_describe(m, b->addr, out);
		sbuf_putc(out, '\n');
		return;
	}
	/* a struct page pointer is no mapped address: use its frame */
	if (b->kind == BIND_PAGE ||
	    machine_virt_to_pfn(m, b->addr, &pfn) == 0) {
		sbuf_printf(out, "  first byte on pfn %#" PRIx64 ": ", pfn);
		machine_describe_frame(m, pfn, out);
		sbuf_putc(out, '\n');
	} else
		sbuf_puts(out, "  not mapped to a frame (yet)\n");
}

int
stmt_show_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	const char		    *what = interp_name(ip, s, 0);
	const struct script_binding *b;
	char			    *cause = NULL;
	size_t			     i;

	for (i = 0; machine_show_names[i] != NULL; i++) {
		if (strcmp(machine_show_names[i], what) == 0)
			break;
	}
	r->name = what;
	if (machine_show_names[i] != NULL) {
		if (machine_show(interp_machine(ip), what, &ip->text, &cause) !=
		    0) {
			interp_error(ip, "%s", cause);
			free(cause);
			return -1;
		}
	} else if ((b = interp_binding(ip, s, 0)) != NULL)
		stmt_show_binding(ip, b);
	else
		return -1;
	r->arg = sbuf_str(&ip->text);
	return 0;
}

int
stmt_help_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	const struct stmt_entry *e;
	size_t			 i;

	if (s->nargs > 0) {
		e = stmt_find(s->args[0].text);
		sbuf_printf(&ip->text, "%s\n    %s\n", e->usage, e->help);
	} else {
		for (i = 0; i < stmt_table_len; i++)
			sbuf_printf(&ip->text, "%-40s %s\n",
			    stmt_table[i].usage, stmt_table[i].help);
	}
	r->arg = sbuf_str(&ip->text);
	return 0;
}
