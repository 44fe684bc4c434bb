/*
 * interp.c - runs statements on a machine and keeps the names they bind.
 *
 * The interpreter owns one machine, one step (reused by every
 * operation), the name bindings and the history of what it executed.
 * Because the machine is deterministic, the past is a replay: stepping
 * back restores the nearest checkpoint (seek.c) and re-runs the history
 * after it quietly.
 *
 * Names are bound to the address an allocation returned, even NULL, and
 * stay bound after a free (marked not live): misuse such as a double
 * free or kfree of a vmalloc pointer passes the address through to the
 * machine, which reports it the way the kernel or glibc would.
 */
#include "script/script-priv.h"
#include "common/json.h"
#include "common/size.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
script_opts_init(struct script_opts *opts)
{
	memset(opts, 0, sizeof *opts);
}

int
script_opts_set_machine(struct script_opts *opts, const char *name,
    const char *value, char **cause)
{
	struct machine_config cfg;

	machine_config_default(&cfg);
	if (machine_config_set(&cfg, name, value, cause) != 0)
		return -1;
	if (opts->nmachine == SCRIPT_OPTS_MACHINE_MAX) {
		*cause = xstrdup("too many machine options");
		return -1;
	}
	opts->machine[opts->nmachine].name = name;
	opts->machine[opts->nmachine].value = value;
	opts->nmachine++;
	return 0;
}

/* The machine statement that boots cfg, as valid script text. */
void
interp_machine_line(const struct machine_config *cfg, struct sbuf *out)
{
	machine_config_format(cfg, out);
}

static void
interp_clear_bindings(struct script_interp *ip)
{
	size_t i;

	for (i = 0; i < ip->nbinds; i++)
		free(ip->binds[i].name);
	ip->nbinds = 0;
	if (ip->bindhash != NULL)
		memset(ip->bindhash, 0, ip->bindhashcap * sizeof *ip->bindhash);
	grave_clear(&ip->grave);
}

int
interp_boot(struct script_interp *ip, const struct machine_config *cfg,
    char **cause)
{
	struct machine *m = machine_create(cfg, cause);

	if (m == NULL)
		return -1;
	machine_destroy(ip->m);
	ip->m = m;
	ip->cfg = *cfg;
	interp_clear_bindings(ip);
	free(ip->expect);
	ip->expect = NULL;
	return 0;
}

/*
 * Events are recorded unless nobody will read them: a batch run without
 * --events prints a step's outcome (its address, frames and costs, kept
 * in the step itself) but none of its events, so its steps stay silent.
 */
static int
interp_silent(const struct script_interp *ip)
{
	return ip->opts.batch && !ip->opts.events;
}

struct script_interp *
script_interp_create(const struct script_program *prog,
    const struct script_opts *opts, char **cause)
{
	struct script_interp *ip = xcalloc(1, sizeof *ip);
	struct machine_config cfg;
	size_t		      i;

	ip->prog = prog;
	if (opts != NULL)
		ip->opts = *opts;
	if (prog != NULL)
		cfg = prog->cfg;
	else
		machine_config_default(&cfg);
	for (i = 0; i < ip->opts.nmachine; i++) {
		if (machine_config_set(&cfg, ip->opts.machine[i].name,
			ip->opts.machine[i].value, cause) != 0)
			goto fail;
	}
	step_init(&ip->step);
	ip->step.silent = interp_silent(ip);
	if (interp_boot(ip, &cfg, cause) != 0)
		goto fail;
	ip->cfg0 = cfg;
	return ip;
fail:
	free(ip);
	return NULL;
}

static void
interp_clear_queue(struct script_interp *ip)
{
	ip->nqueue = ip->queuehead = 0;
}

void
script_interp_destroy(struct script_interp *ip)
{
	size_t i;

	if (ip == NULL)
		return;
	seek_free_all(ip);
	machine_destroy(ip->m);
	step_free(&ip->step);
	interp_clear_bindings(ip);
	free(ip->binds);
	free(ip->bindhash);
	for (i = 0; i < ip->ntyped; i++)
		script_program_free(ip->typed[i]);
	free(ip->typed);
	free(ip->queue);
	free(ip->hist);
	free(ip->expect);
	sbuf_free(&ip->source);
	sbuf_free(&ip->batch);
	sbuf_free(&ip->text);
	sbuf_free(&ip->error);
	sbuf_free(&ip->name);
	sbuf_free(&ip->assign);
	free(ip);
}

/* ---- accessors for exec functions ---- */

struct machine *
interp_machine(struct script_interp *ip)
{
	return ip->m;
}

void
interp_error(struct script_interp *ip, const char *fmt, ...)
{
	va_list ap;
	char	msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sbuf_reset(&ip->error);
	sbuf_puts(&ip->error, msg);
	ip->res.error = sbuf_str(&ip->error);
}

uint64_t
interp_number(struct script_interp *ip, const struct script_stmt *s, size_t i)
{
	const char *why;
	uint64_t    v = 0;

	if (i >= s->nargs)
		return 0;
	/* check.c evaluated every run already; this cannot fail here. */
	if (check_arg(&s->args[i], ip->vars, &v, &why) != 0)
		interp_error(ip, "the value %s", why);
	return v;
}

const char *
interp_name(struct script_interp *ip, const struct script_stmt *s, size_t i)
{
	return util_expand_to(s->args[i].text, s->depth, ip->vars, &ip->name);
}

/*
 * Names are found through a hash of binding indexes: a generated script
 * binds thousands, and a linear search made every statement cost as
 * much as all the names bound before it.
 */
static uint64_t
interp_hash(const char *name)
{
	uint64_t    h = 5381;
	const char *c;

	for (c = name; *c != '\0'; c++)
		h = h * 33 + (unsigned char)*c;
	h ^= h >> 29;		    /* "k1", "k2" differ in low bits only: */
	h *= 0xbf58476d1ce4e5b9ull; /* mix them into all (splitmix64) */
	h ^= h >> 32;
	return h;
}

static size_t
interp_hash_slot(const struct script_interp *ip, const char *name)
{
	uint64_t h = interp_hash(name);
	size_t	 i;

	for (i = h & (ip->bindhashcap - 1); ip->bindhash[i] != 0;
	     i = (i + 1) & (ip->bindhashcap - 1)) {
		if (strcmp(ip->binds[ip->bindhash[i] - 1].name, name) == 0)
			break;
	}
	return i;
}

/*
 * Indexes binding n (just appended) at slot, where the lookup that did
 * not find it ended, or anew when the table grows.
 */
static void
interp_hash_add(struct script_interp *ip, size_t n, size_t slot)
{
	size_t i;

	if ((ip->nbinds + 1) * 2 <= ip->bindhashcap) {
		ip->bindhash[slot] = n + 1;
		return;
	}
	free(ip->bindhash);
	ip->bindhashcap = ip->bindhashcap ? ip->bindhashcap * 2 : 64;
	ip->bindhash = xcalloc(ip->bindhashcap, sizeof *ip->bindhash);
	for (i = 0; i < ip->nbinds; i++) {
		if (i != n)
			ip->bindhash[interp_hash_slot(ip,
			    ip->binds[i].name)] = i + 1;
	}
	ip->bindhash[interp_hash_slot(ip, ip->binds[n].name)] = n + 1;
}

/*
 * Unindexes slot i, moving back the entries after it that hashed at or
 * before it, as linear probing requires (Knuth's algorithm R).
 */
static void
interp_hash_remove(struct script_interp *ip, size_t i)
{
	size_t mask = ip->bindhashcap - 1, j = i, h;

	for (;;) {
		ip->bindhash[i] = 0;
		do {
			j = (j + 1) & mask;
			if (ip->bindhash[j] == 0)
				return;
			h = interp_hash(ip->binds[ip->bindhash[j] - 1].name) &
			    mask;
		} while (i <= j ? (i < h && h <= j) : (i < h || h <= j));
		ip->bindhash[i] = ip->bindhash[j];
		i = j;
	}
}

/*
 * A name freed GRAVE_KEEP frees ago and not bound since dies (batch
 * only: the TUI keeps every name for the inspector).  The last binding
 * moves into its place, so the table stays dense.
 */
static void
interp_bury(struct script_interp *ip, const char *name, uint64_t seq)
{
	size_t slot = interp_hash_slot(ip, name), k, last;

	if (ip->bindhash[slot] == 0)
		return;
	k = ip->bindhash[slot] - 1;
	if (ip->binds[k].freed != seq)
		return; /* bound again, or freed again since */
	interp_hash_remove(ip, slot);
	free(ip->binds[k].name);
	last = --ip->nbinds;
	if (k == last)
		return;
	ip->binds[k] = ip->binds[last];
	ip->bindhash[interp_hash_slot(ip, ip->binds[k].name)] = k + 1;
}

/* The running statement freed the name its first argument gives. */
static void
interp_freed(struct script_interp *ip, const struct script_stmt *s)
{
	struct script_binding *b;
	const char	      *old;
	size_t		       slot;

	if (!ip->opts.batch || ip->bindhashcap == 0)
		return;
	b = ip->first_bind; /* the exec function looked it up */
	if (b == NULL || b == &ip->null_bind) {
		slot = interp_hash_slot(ip, interp_name(ip, s, 0));
		if (ip->bindhash[slot] == 0)
			return;
		b = &ip->binds[ip->bindhash[slot] - 1];
	}
	b->freed = grave_push(&ip->grave, b->name, &old);
	if (old != NULL)
		interp_bury(ip, old, b->freed - GRAVE_KEEP);
}

static struct script_binding *
interp_find(const struct script_interp *ip, const char *name)
{
	size_t i;

	if (ip->bindhashcap == 0)
		return NULL;
	i = interp_hash_slot(ip, name);
	return ip->bindhash[i] != 0 ? &ip->binds[ip->bindhash[i] - 1] : NULL;
}

struct script_binding *
interp_binding(struct script_interp *ip, const struct script_stmt *s, size_t i)
{
	const char	      *name = interp_name(ip, s, i);
	struct script_binding *b;

	if (strcmp(name, "NULL") == 0) {
		memset(&ip->null_bind, 0, sizeof ip->null_bind);
		return &ip->null_bind;
	}
	b = interp_find(ip, name);
	if (b == NULL)
		interp_error(ip, "unknown name '%s'", name);
	if (i == 0) /* what a freeing statement frees: interp_freed */
		ip->first_bind = b;
	return b;
}

void
interp_bind(struct script_interp *ip, const struct script_stmt *s,
    enum script_binding_kind kind, uint64_t size, unsigned order)
{
	struct script_binding *b = NULL;
	const char	      *name;
	size_t		       slot = 0;

	if (s->assign == NULL)
		return;
	name = util_expand_to(s->assign, s->depth, ip->vars, &ip->assign);
	if (ip->bindhashcap != 0) {
		slot = interp_hash_slot(ip, name);
		if (ip->bindhash[slot] != 0)
			b = &ip->binds[ip->bindhash[slot] - 1];
	}
	if (b == NULL) {
		if (ip->nbinds == ip->bindcap) {
			ip->bindcap = ip->bindcap ? ip->bindcap * 2 : 16;
			ip->binds = xreallocarray(ip->binds, ip->bindcap,
			    sizeof *ip->binds);
		}
		b = &ip->binds[ip->nbinds++];
		b->name = xstrdup(name);
		interp_hash_add(ip, ip->nbinds - 1, slot);
	}
	b->kind = kind;
	b->addr = ip->step.status == SIM_OK ? ip->step.addr : 0;
	b->size = size;
	b->order = order;
	b->live = b->addr != 0;
	b->pfn = b->live && ip->step.nframes > 0 ? ip->step.frames[0].pfn :
						   EVENT_NONE;
	b->call = s->entry->name;
	b->freed = 0;
	ip->res.name = b->name;
}

/* ---- running one leaf statement ---- */

static void
interp_history_add(struct script_interp *ip, const struct flat *fl, size_t pc)
{
	struct history *h;

	if (ip->opts.batch)
		return; /* nothing rewinds or records a batch run */
	if (ip->nhist == ip->histcap) {
		ip->histcap = ip->histcap ? ip->histcap * 2 : 64;
		ip->hist = xreallocarray(ip->hist, ip->histcap,
		    sizeof *ip->hist);
	}
	if (ip->pure_len == ip->nhist && pc == ip->nhist)
		ip->pure_len++;
	h = &ip->hist[ip->nhist++];
	h->stmt = fl->stmt;
	memcpy(h->vars, fl->vars, sizeof h->vars);
	h->pc = pc;
}

/* Compares an operation's outcome with what `expect` announced. */
static void
interp_judge(struct script_interp *ip)
{
	struct script_result *r = &ip->res;
	int		      failed = ip->step.status != SIM_OK;
	const char	     *got = sim_status_name(ip->step.status);

	if (ip->expect != NULL) {
		if (failed &&
		    (strcmp(ip->expect, "fail") == 0 ||
			strcmp(ip->expect, got) == 0))
			r->expected = 1;
		else
			r->unexpected = 1;
	} else if (failed)
		r->unexpected = 1;
	if (r->unexpected)
		ip->unexpected++;
}

/*
 * Is the running statement's batch text wanted?  Never while rebuilding;
 * with --quiet only what the reader must see: show and help output,
 * reboots, and the failures the script did not announce (they set the
 * exit status).
 */
static int
interp_formats(const struct script_interp *ip)
{
	if (ip->quiet)
		return 0;
	if (!ip->opts.quiet)
		return 1;
	return ip->res.unexpected || ip->res.kind == SCRIPT_SHOW ||
	    ip->res.kind == SCRIPT_HELP || ip->res.kind == SCRIPT_MACHINE;
}

static void
interp_run(struct script_interp *ip, const struct flat *fl, size_t pc)
{
	const struct script_stmt *s = fl->stmt;
	struct script_result	 *r = &ip->res;

	memset(r, 0, sizeof *r);
	ip->vars = fl->vars;
	r->kind = s->entry->kind;
	r->entry = s->entry;
	r->file = s->file;
	r->line = s->line;
	r->col = s->col;
	r->pc = pc;
	r->source = util_expand_to(s->source, s->depth, fl->vars, &ip->source);
	sbuf_reset(&ip->text);
	sbuf_reset(&ip->batch);
	ip->first_bind = NULL;
	r->batch = sbuf_str(&ip->batch);
	s->entry->exec(ip, s, r);
	if (r->error != NULL)
		return;
	if (s->entry->flags & STMT_OPERATION) {
		r->step = &ip->step;
		interp_judge(ip);
	}
	if (s->entry->flags & STMT_FREES)
		interp_freed(ip, s);
	if (s->entry->kind == SCRIPT_PAUSE)
		ip->pauses++;
	interp_history_add(ip, fl, pc);
	if (interp_formats(ip)) {
		if (ip->opts.json)
			batch_format_json(ip, &ip->batch);
		else
			batch_format(ip, &ip->batch);
		r->batch = sbuf_str(&ip->batch);
	}
	if (s->entry->flags & STMT_OPERATION) {
		free(ip->expect); /* batch_format quoted it */
		ip->expect = NULL;
	}
	seek_note(ip);
}

const struct script_result *
interp_exec(struct script_interp *ip, const struct script_stmt *s,
    const uint64_t *vars)
{
	ip->cur.stmt = s;
	memcpy(ip->cur.vars, vars, sizeof ip->cur.vars);
	ip->pc++;
	interp_run(ip, &ip->cur, ip->pc - 1);
	return &ip->res;
}

const struct script_result *
script_interp_next(struct script_interp *ip)
{
	if (ip->queuehead < ip->nqueue) {
		interp_run(ip, &ip->queue[ip->queuehead++], SIZE_MAX);
		if (ip->queuehead == ip->nqueue)
			interp_clear_queue(ip);
		return &ip->res;
	}
	if (ip->prog == NULL || ip->pc >= ip->prog->nflat)
		return NULL;
	ip->pc++;
	interp_run(ip, &ip->prog->flat[ip->pc - 1], ip->pc - 1);
	return &ip->res;
}

/* The names bound now, as the checker's starting set for a typed line. */
static void
interp_known(const struct script_interp *ip, struct nameset *ns)
{
	size_t i;

	for (i = 0; i < ip->nbinds; i++)
		nameset_add(ns, ip->binds[i].name);
}

int
script_interp_push_line(struct script_interp *ip, const char *line,
    char **cause)
{
	struct script_errors   errs;
	struct script_program *prog;
	struct nameset	       known = { NULL, 0, 0 };
	struct sbuf	       b = SBUF_INIT;
	size_t		       i;

	script_errors_init(&errs);
	interp_known(ip, &known);
	prog = parser_run("<prompt>", line, &known, &errs);
	nameset_free(&known);
	if (prog == NULL) {
		script_errors_format(&errs, &b);
		*cause = xstrdup(sbuf_str(&b));
		sbuf_free(&b);
		script_errors_free(&errs);
		return -1;
	}
	script_errors_free(&errs);
	ip->typed = xreallocarray(ip->typed, ip->ntyped + 1, sizeof *ip->typed);
	ip->typed[ip->ntyped++] = prog;
	for (i = 0; i < prog->nflat; i++) {
		if (ip->nqueue == ip->queuecap) {
			ip->queuecap = ip->queuecap ? ip->queuecap * 2 : 16;
			ip->queue = xreallocarray(ip->queue, ip->queuecap,
			    sizeof *ip->queue);
		}
		ip->queue[ip->nqueue++] = prog->flat[i];
	}
	return (int)prog->nflat;
}

const struct stmt_entry *
script_interp_peek(const struct script_interp *ip)
{
	if (ip->queuehead < ip->nqueue)
		return ip->queue[ip->queuehead].stmt->entry;
	if (ip->prog == NULL || ip->pc >= ip->prog->nflat)
		return NULL;
	return ip->prog->flat[ip->pc].stmt->entry;
}

size_t
script_interp_pending(const struct script_interp *ip)
{
	return ip->nqueue - ip->queuehead;
}

const struct machine *
script_interp_machine(const struct script_interp *ip)
{
	return ip->m;
}

const struct script_program *
script_interp_program(const struct script_interp *ip)
{
	return ip->prog;
}

size_t
script_interp_nbindings(const struct script_interp *ip)
{
	return ip->nbinds;
}

const struct script_binding *
script_interp_binding(const struct script_interp *ip, size_t i)
{
	return i < ip->nbinds ? &ip->binds[i] : NULL;
}

const struct script_binding *
script_interp_lookup(const struct script_interp *ip, const char *name)
{
	return interp_find(ip, name);
}

char *
script_interp_fresh_name(const struct script_interp *ip, const char *prefix)
{
	char	*name;
	unsigned n;

	for (n = 1;; n++) {
		name = xasprintf("%s%u", prefix, n);
		if (interp_find(ip, name) == NULL)
			return name;
		free(name);
	}
}

size_t
script_interp_history_len(const struct script_interp *ip)
{
	return ip->nhist;
}

size_t
script_interp_pc(const struct script_interp *ip)
{
	return ip->pc;
}

size_t
script_interp_pauses_done(const struct script_interp *ip)
{
	return ip->pauses;
}

size_t
script_interp_unexpected(const struct script_interp *ip)
{
	return ip->unexpected;
}

/* A fresh machine as the interpreter first booted, nothing run yet. */
static int
interp_reset(struct script_interp *ip, char **cause)
{
	if (interp_boot(ip, &ip->cfg0, cause) != 0)
		return -1;
	ip->pc = 0;
	ip->nhist = 0;
	ip->pure_len = 0;
	ip->pauses = 0;
	ip->unexpected = 0;
	interp_clear_queue(ip);
	return 0;
}

/* Re-runs entries quietly: no events recorded, no text formatted. */
static void
interp_replay(struct script_interp *ip, const struct history *h, size_t n)
{
	struct flat fl;
	size_t	    i;

	ip->quiet = 1;
	ip->step.silent = 1;
	for (i = 0; i < n; i++) {
		fl.stmt = h[i].stmt;
		memcpy(fl.vars, h[i].vars, sizeof fl.vars);
		interp_run(ip, &fl, h[i].pc);
		if (h[i].pc != SIZE_MAX)
			ip->pc = h[i].pc + 1;
	}
	ip->step.silent = interp_silent(ip);
	step_reset(&ip->step);
	ip->quiet = 0;
	memset(&ip->res, 0, sizeof ip->res);
}

int
script_interp_rewind(struct script_interp *ip, size_t n, char **cause)
{
	const struct seek_point *c;
	size_t			 k = 0;

	if (n > ip->nhist) {
		*cause = xasprintf("cannot rewind to statement %zu: only %zu "
				   "ran",
		    n, ip->nhist);
		return -1;
	}
	seek_history_cut(ip, n, 0);
	if ((c = seek_find(ip, n, 0)) != NULL) {
		seek_restore(ip, c);
		k = seek_position(c);
	} else if (interp_reset(ip, cause) != 0)
		return -1;
	/* in place: entry i is rewritten with itself */
	interp_replay(ip, ip->hist + k, n - k);
	return 0;
}

/* hist[0..k) becomes the program's first k statements. */
static void
interp_hist_program(struct script_interp *ip, size_t k)
{
	struct history *h;
	size_t		i;

	if (k > ip->histcap) {
		ip->histcap = k;
		ip->hist = xreallocarray(ip->hist, ip->histcap,
		    sizeof *ip->hist);
	}
	for (i = ip->pure_len; i < k; i++) {
		h = &ip->hist[i];
		h->stmt = ip->prog->flat[i].stmt;
		memcpy(h->vars, ip->prog->flat[i].vars, sizeof h->vars);
		h->pc = i;
	}
	ip->pure_len = k;
}

/*
 * Where a goto to pc starts running the program: here when the history
 * is the program's start short of pc and no checkpoint is nearer, else
 * the nearest checkpoint, else a fresh machine.  Returns the position.
 */
static int
interp_goto_start(struct script_interp *ip, size_t pc, size_t *from,
    char **cause)
{
	const struct seek_point *c;
	int here = ip->pure_len == ip->nhist && ip->nhist <= pc &&
	    ip->queuehead >= ip->nqueue;

	seek_history_cut(ip, here ? ip->nhist : pc, 1);
	c = seek_find(ip, pc, 1);
	if (here && (c == NULL || seek_position(c) <= ip->nhist)) {
		*from = ip->nhist;
		return 0;
	}
	if (c == NULL) {
		*from = 0;
		return interp_reset(ip, cause);
	}
	*from = seek_position(c);
	interp_hist_program(ip, *from);
	seek_restore(ip, c);
	return 0;
}

int
script_interp_goto(struct script_interp *ip, size_t pc, char **cause)
{
	const struct script_program *prog = ip->prog;
	size_t			     i;

	if (prog == NULL || pc > prog->nflat) {
		*cause = xasprintf("no statement %zu in the script", pc);
		return -1;
	}
	if (interp_goto_start(ip, pc, &i, cause) != 0)
		return -1;
	script_interp_run_to(ip, pc, SIZE_MAX, 0);
	return 0;
}

size_t
script_interp_run_to(struct script_interp *ip, size_t pc, size_t most,
    int ops_only)
{
	size_t n = 0;

	if (ip->prog == NULL || ip->queuehead < ip->nqueue)
		return 0;
	if (pc > ip->prog->nflat)
		pc = ip->prog->nflat;
	ip->quiet = 1;
	ip->step.silent = 1;
	for (; ip->pc < pc && n < most; n++) {
		if (ops_only &&
		    ip->prog->flat[ip->pc].stmt->entry->kind != SCRIPT_OP)
			break;
		ip->pc++;
		interp_run(ip, &ip->prog->flat[ip->pc - 1], ip->pc - 1);
	}
	ip->step.silent = interp_silent(ip);
	step_reset(&ip->step);
	ip->quiet = 0;
	memset(&ip->res, 0, sizeof ip->res);
	return n;
}

void
script_interp_drop_pending(struct script_interp *ip)
{
	interp_clear_queue(ip);
}

void
script_interp_machine_json(const struct script_interp *ip, struct sbuf *out)
{
	struct sbuf line = SBUF_INIT;

	sbuf_puts(out,
	    "{\"kind\":\"machine\",\"file\":null,\"line\":null,"
	    "\"col\":null,\"statement\":");
	interp_machine_line(&ip->cfg0, &line);
	json_str(out, sbuf_str(&line));
	batch_json_machine(&ip->cfg0, out);
	sbuf_putc(out, '}');
	sbuf_free(&line);
}

void
script_interp_machine_line(const struct script_interp *ip, struct sbuf *out)
{
	interp_machine_line(&ip->cfg0, out);
}

void
script_interp_write_session(const struct script_interp *ip, struct sbuf *out)
{
	const struct history *h;
	char		     *src;
	size_t		      i;

	interp_machine_line(&ip->cfg0, out);
	sbuf_putc(out, '\n');
	for (i = 0; i < ip->nhist; i++) {
		h = &ip->hist[i];
		if (h->pc == 0 && (h->stmt->entry->flags & STMT_FIRST))
			continue; /* the machine line above */
		src = util_expand(h->stmt->source, h->stmt->depth, h->vars);
		sbuf_printf(out, "%s\n", src);
		free(src);
	}
}
