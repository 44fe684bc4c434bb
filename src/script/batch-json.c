/*
 * batch-json.c - what a statement leaves in --batch --json output: one
 * JSON object per line, the same facts as batch.c's text line under the
 * same names, so a program reads a lesson without parsing prose.
 *
 * Every object starts with "kind" and the statement's position; the
 * keys each kind has are listed in the man page's JSON OUTPUT section,
 * and that list is a promise: add keys, never rename or drop one.
 * Addresses are "0x..." strings, since 64-bit kernel addresses exceed
 * the 2^53 a JSON number carries exactly in most readers; counts, sizes
 * and pfns are numbers.
 */
#include "script/script-priv.h"
#include "common/json.h"

#include <inttypes.h>
#include <string.h>

static void
batch_json_bool(struct sbuf *out, const char *key, int v)
{
	sbuf_putc(out, ',');
	json_key(out, key);
	sbuf_puts(out, v ? "true" : "false");
}

static void
batch_json_num(struct sbuf *out, const char *key, uint64_t v)
{
	sbuf_putc(out, ',');
	json_key(out, key);
	sbuf_printf(out, "%" PRIu64, v);
}

static void
batch_json_str(struct sbuf *out, const char *key, const char *v)
{
	sbuf_putc(out, ',');
	json_key(out, key);
	json_str(out, v);
}

/* {"kind":..., "file", "line", "col", "statement"} without the brace. */
static void
batch_json_head(const struct script_result *r, const char *kind,
    struct sbuf *out)
{
	sbuf_putc(out, '{');
	json_key(out, "kind");
	json_str(out, kind);
	batch_json_str(out, "file", r->file);
	batch_json_num(out, "line", r->line);
	batch_json_num(out, "col", r->col);
	batch_json_str(out, "statement", r->source);
}

/* Every pfn range, unlike the text line's first eight. */
static void
batch_json_frames(const struct step *st, struct sbuf *out)
{
	size_t i;

	sbuf_puts(out, ",\"frames\":[");
	for (i = 0; i < st->nframes; i++)
		sbuf_printf(out,
		    "%s{\"pfn\":%" PRIu64 ",\"count\":%" PRIu64 "}",
		    i > 0 ? "," : "", st->frames[i].pfn, st->frames[i].count);
	sbuf_putc(out, ']');
}

/* What the text line's value says: an address, a number or nothing. */
static void
batch_json_result(const struct script_result *r, const struct step *st,
    struct sbuf *out)
{
	sbuf_puts(out, ",\"result\":");
	if (st->status != SIM_OK)
		sbuf_puts(out, "null");
	else if (r->entry->flags & STMT_ASSIGN)
		sbuf_printf(out, "\"0x%" PRIx64 "\"", st->addr);
	else if (r->entry->flags & STMT_VALUE)
		sbuf_printf(out, "%" PRIu64, st->addr);
	else
		sbuf_puts(out, "null");
}

static void
batch_json_events(const struct step *st, struct sbuf *out)
{
	size_t i;

	sbuf_puts(out, ",\"events\":[");
	for (i = 0; i < st->nev; i++) {
		if (i > 0)
			sbuf_putc(out, ',');
		event_format_json(&st->ev[i], out);
	}
	sbuf_putc(out, ']');
}

static void
batch_json_operation(struct script_interp *ip, struct sbuf *out)
{
	const struct script_result *r = &ip->res;
	const struct step	   *st = &ip->step;

	batch_json_head(r, "operation", out);
	batch_json_str(out, "name",
	    (r->entry->flags & STMT_ASSIGN) ? r->name : NULL);
	batch_json_str(out, "status", sim_status_name(st->status));
	batch_json_result(r, st, out);
	batch_json_str(out, "reason",
	    st->status != SIM_OK ?
		(st->reason != NULL ? st->reason :
				      sim_status_name(st->status)) :
		NULL);
	batch_json_str(out, "what", st->what);
	batch_json_frames(st, out);
	batch_json_num(out, "cpu", st->cpu);
	batch_json_bool(out, "slept", st->slept);
	batch_json_num(out, "reclaimed", st->reclaimed);
	batch_json_num(out, "zeroed", st->zeroed);
	batch_json_num(out, "faults", st->faults);
	batch_json_str(out, "bytes", r->arg);
	batch_json_str(out, "expect", ip->expect);
	batch_json_bool(out, "expected", r->expected);
	batch_json_bool(out, "unexpected", r->unexpected);
	if (ip->opts.events)
		batch_json_events(st, out);
	sbuf_puts(out, "}\n");
}

/* machine's options from the configuration itself: digits as numbers. */
void
batch_json_machine(const struct machine_config *cfg, struct sbuf *out)
{
	struct sbuf v = SBUF_INIT;
	size_t	    i;

	sbuf_puts(out, ",\"options\":{");
	for (i = 0; i < machine_options_len; i++) {
		sbuf_reset(&v);
		machine_config_format_one(cfg, &machine_options[i], &v);
		if (i > 0)
			sbuf_putc(out, ',');
		json_key(out, machine_options[i].name);
		if (v.len > 0 && strspn(sbuf_str(&v), "0123456789") == v.len)
			sbuf_puts(out, sbuf_str(&v));
		else
			json_str(out, sbuf_str(&v));
	}
	sbuf_putc(out, '}');
	sbuf_free(&v);
}

static void
batch_json_show(struct script_interp *ip, struct sbuf *out)
{
	const struct script_result *r = &ip->res;

	batch_json_head(r, r->kind == SCRIPT_SHOW ? "show" : "help", out);
	if (r->kind == SCRIPT_SHOW)
		batch_json_str(out, "view", r->name);
	batch_json_str(out, "text", r->arg);
	if (r->kind == SCRIPT_SHOW)
		show_json(r->name, r->arg, out);
	sbuf_puts(out, "}\n");
}

void
batch_format_json(struct script_interp *ip, struct sbuf *out)
{
	const struct script_result *r = &ip->res;

	switch (r->kind) {
	case SCRIPT_OP:
		batch_json_operation(ip, out);
		break;
	case SCRIPT_SAY:
		batch_json_head(r, "say", out);
		batch_json_str(out, "text", r->arg);
		sbuf_puts(out, "}\n");
		break;
	case SCRIPT_PAUSE:
		batch_json_head(r, "pause", out);
		sbuf_puts(out, "}\n");
		break;
	case SCRIPT_MACHINE: /* the first one main printed as it booted */
		if (r->pc != 0 && r->error == NULL) {
			batch_json_head(r, "machine", out);
			batch_json_machine(&ip->cfg, out);
			sbuf_puts(out, "}\n");
		}
		break;
	case SCRIPT_SHOW:
	case SCRIPT_HELP:
		batch_json_show(ip, out);
		break;
	default:
		break;
	}
}
