/*
 * report-maps.c - /proc/PID/maps of the user process, as
 * fs/proc/task_mmu.c show_map_vma() prints it: start-end in at least 8
 * hex digits, the four permission letters, the file offset (8 digits),
 * major:minor (2 hex digits each), the inode, then - only for a named
 * mapping - spaces up to column 73 and the name.  An anonymous mapping's
 * line ends right after "0 ".  The [vsyscall] gate area follows the
 * VMAs, as the kernel adds it.
 */
#include "sim/report.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"

#include <inttypes.h>

/* seq_setwidth(m, 25 + sizeof(void *) * 6 - 1), then seq_pad(m, ' '). */
#define REPORT_MAPS_PAD 72

void
report_maps_line(struct sbuf *out, const struct process_vma_info *v)
{
	size_t before = out->len;

	sbuf_printf(out,
	    "%08" PRIx64 "-%08" PRIx64 " %s %08" PRIx64 " %02x:%02x %" PRIu64
	    " ",
	    v->start, v->end, v->perms, v->pgoff, v->dev_major, v->dev_minor,
	    v->inode);
	if (v->name != NULL && v->name[0] != '\0') {
		while (out->len - before < REPORT_MAPS_PAD)
			sbuf_putc(out, ' ');
		sbuf_putc(out, ' ');
		sbuf_puts(out, v->name);
	}
	sbuf_putc(out, '\n');
}

void
report_maps(const struct machine *m, struct sbuf *out)
{
	static const struct process_vma_info vsyscall = {
		.start = 0xffffffffff600000ull,
		.end = 0xffffffffff601000ull,
		.perms = "--xp",
		.name = "[vsyscall]",
		.kind = PVMA_SPECIAL
	};
	struct process_vma_info v;
	size_t			i;

	for (i = 0; process_vma_get(m, i, &v) == 0; i++)
		report_maps_line(out, &v);
	report_maps_line(out, &vsyscall);
}
