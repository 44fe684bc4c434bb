/*
 * batch.c - the text a statement leaves in --batch output.
 *
 * One line per operation: the statement as written, " -> ", then the
 * value (an address, NULL, a number or "ok") with what the machine says it is,
 * the frames it lives on as pfn ranges, and the costs that make the
 * lesson (slept, reclaimed pages, zeroed bytes, faults).  A failure
 * carries the real system's message.  With --events each event of the
 * step follows, indented.  say becomes a "# " line and show its text;
 * a machine line after the first prints the rebooted machine's line.
 * Nothing here depends on the host: goldens are byte-stable.
 */
#include "script/script-priv.h"

#include <inttypes.h>
#include <string.h>

#define BATCH_RANGES_MAX 8 /* pfn ranges printed before "..." */

/*
 * Numbers as printf's %#x and %u write them, without printf: a trace
 * prints millions of lines, and vsnprintf was half of the time.
 */
static void
batch_hex(struct sbuf *out, uint64_t v)
{
	char b[18];
	int  i = (int)sizeof b;

	if (v == 0) {
		sbuf_putc(out, '0'); /* %#x: no 0x before a zero */
		return;
	}
	for (; v != 0; v >>= 4)
		b[--i] = "0123456789abcdef"[v & 15];
	b[--i] = 'x';
	b[--i] = '0';
	sbuf_add(out, b + i, sizeof b - (size_t)i);
}

static void
batch_dec(struct sbuf *out, uint64_t v)
{
	char b[20];
	int  i = (int)sizeof b;

	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	sbuf_add(out, b + i, sizeof b - (size_t)i);
}

static void
batch_frames(const struct step *st, struct sbuf *out)
{
	const struct pfn_range *r;
	uint64_t		total = 0;
	size_t			i;

	if (st->nframes == 0)
		return;
	sbuf_puts(out, " pfn ");
	for (i = 0; i < st->nframes; i++) {
		r = &st->frames[i];
		total += r->count;
		if (i >= BATCH_RANGES_MAX)
			continue;
		if (i > 0)
			sbuf_putc(out, ',');
		batch_hex(out, r->pfn);
		if (r->count > 1) {
			sbuf_putc(out, '-');
			batch_hex(out, r->pfn + r->count - 1);
		}
	}
	if (st->nframes > BATCH_RANGES_MAX)
		sbuf_printf(out, ",... (%zu ranges, %" PRIu64 " frames)",
		    st->nframes, total);
}

static void
batch_costs(const struct step *st, struct sbuf *out)
{
	const char *sep = "; ";

	if (st->slept) {
		sbuf_printf(out, "%sslept", sep);
		sep = ", ";
	}
	if (st->reclaimed) {
		sbuf_printf(out, "%sreclaimed %" PRIu64 " pages", sep,
		    st->reclaimed);
		sep = ", ";
	}
	if (st->zeroed) {
		sbuf_printf(out, "%szeroed %" PRIu64 " bytes", sep, st->zeroed);
		sep = ", ";
	}
	if (st->faults) {
		sbuf_puts(out, sep);
		batch_dec(out, st->faults);
		sbuf_puts(out, st->faults == 1 ? " fault" : " faults");
	}
}

static void
batch_operation(struct script_interp *ip, struct sbuf *out)
{
	const struct script_result *r = &ip->res;
	const struct step	   *st = &ip->step;
	size_t			    i;

	sbuf_puts(out, r->source);
	sbuf_puts(out, " -> ");
	if (st->status != SIM_OK) {
		sbuf_printf(out, "%s: %s",
		    (r->entry->flags & STMT_ASSIGN) ? "NULL" : "failed",
		    st->reason != NULL ? st->reason :
					 sim_status_name(st->status));
		batch_costs(st, out);
		if (r->expected)
			sbuf_puts(out, " [expected]");
		else if (ip->expect != NULL)
			sbuf_printf(out, " [expected %s, got %s]", ip->expect,
			    sim_status_name(st->status));
	} else {
		if (r->entry->flags & STMT_ASSIGN)
			batch_hex(out, st->addr);
		else if (r->entry->flags & STMT_VALUE)
			batch_dec(out, st->addr);
		else
			sbuf_puts(out, "ok");
		if (st->what != NULL) {
			sbuf_putc(out, ' ');
			sbuf_puts(out, st->what);
		}
		batch_frames(st, out);
		if (st->cpu != 0)
			sbuf_printf(out, " on cpu %u", st->cpu);
		batch_costs(st, out);
		if (r->arg != NULL)
			sbuf_printf(out, "; bytes %s", r->arg);
		if (ip->expect != NULL)
			sbuf_printf(out, " [expected %s, but it succeeded]",
			    ip->expect);
	}
	sbuf_putc(out, '\n');
	for (i = 0; ip->opts.events && i < st->nev; i++) {
		sbuf_puts(out, "    ");
		event_format(&st->ev[i], out);
		sbuf_putc(out, '\n');
	}
}

/* Prefixes every line of text with "# ". */
static void
batch_say(const char *text, struct sbuf *out)
{
	const char *p = text, *nl;

	do {
		nl = strchr(p, '\n');
		sbuf_puts(out, "# ");
		sbuf_add(out, p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		sbuf_putc(out, '\n');
		p = nl != NULL ? nl + 1 : NULL;
	} while (p != NULL);
}

void
batch_format(struct script_interp *ip, struct sbuf *out)
{
	const struct script_result *r = &ip->res;
	size_t			    n;

	switch (r->kind) {
	case SCRIPT_OP:
		batch_operation(ip, out);
		break;
	case SCRIPT_SAY:
		batch_say(r->arg, out);
		break;
	case SCRIPT_MACHINE: /* a reboot: the new machine's line */
		if (r->pc != 0 && r->error == NULL) {
			interp_machine_line(&ip->cfg, out);
			sbuf_putc(out, '\n');
		}
		break;
	case SCRIPT_SHOW:
	case SCRIPT_HELP:
		sbuf_puts(out, r->arg);
		n = strlen(r->arg);
		if (n > 0 && r->arg[n - 1] != '\n')
			sbuf_putc(out, '\n');
		break;
	default:
		break;
	}
}
