/*
 * check.c - the checks that need the program unrolled: values computed
 * from loop counters, names bound by earlier statements, and the
 * directives that must be followed by an operation (predict, expect).
 *
 * The walk also produces the program's flat list, one entry per leaf
 * statement in execution order with the counters of that run, which is
 * what the interpreter executes.  A statement with an error is reported
 * once, however many times a repeat runs it.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Loop iterations that run no statement the walk may take in all: a
 * repeat whose block is empty (or only repeat 0) would spin for ever,
 * while one that runs statements may run as long as the script says.
 */
#define CHECK_ITER_MAX 10000000

/*
 * Statements one repeat may run: a streamed script has no length limit,
 * but three nested repeats of 2^32 would run for ever; a billion is
 * ten minutes of --batch, more than any lesson or test needs.
 */
#define CHECK_RUN_MAX 1000000000ull

/*
 * Names a "did you mean" searches: each unknown name costs an edit
 * distance per bound name, and a generated script can bind a million.
 */
#define CHECK_SUGGEST_MAX 10000

/* The outcomes `expect` knows: every failure status, and any failure. */
const char *const parser_expect_names[] = { "ENOMEM", "EINVAL", "too-large",
	"EFAULT", "double-free", "invalid-free", "abort", "kernel-bug",
	"unsupported", "fail", NULL };

/*
 * A predict or expect still waiting when the piece of script holding it
 * is freed (a streamed script is checked piece by piece): what its
 * messages need, and its line to quote.
 */
struct check_detached {
	struct script_stmt stmt;
	char		  *quote;
};

struct checker {
	struct script_program *prog; /* the piece being checked */
	char		      *file;
	struct script_errors  *errs;
	struct nameset	       names;
	struct grave	       grave;	/* freed names still bound */
	struct script_stmt    *predict; /* waiting for its allocation */
	char		      *predict_name;
	struct script_stmt    *expect; /* waiting for its operation */
	struct check_detached  dpredict, dexpect;
	struct ghost	      *ghosts; /* of every piece so far */
	size_t		       nghosts;
	size_t		       cap, pausecap;
	size_t		       iters;  /* repeat iterations that ran nothing */
	size_t		       leaves; /* leaf statements walked, all pieces */
	int		       overflow;
	int		       flat;  /* build the program's flat list */
	struct sbuf	       buf;   /* a name with its counters expanded */
	int		       typed; /* a prompt line: its machine reboots */
	/* the machine's configuration, as its machine lines set it (a
	 * reboot keeps what it does not name); cpus 0: unknown */
	struct machine_config cfg;
};

static void check_error(struct checker *c, struct script_stmt *s, unsigned line,
    unsigned col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
check_error(struct checker *c, struct script_stmt *s, unsigned line,
    unsigned col, const char *fmt, ...)
{
	const char *text;
	unsigned    line0;
	va_list	    ap;
	char	    msg[1024];

	if (s->reported)
		return;
	s->reported = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (s == &c->dpredict.stmt || s == &c->dexpect.stmt) {
		text = s == &c->dpredict.stmt ? c->dpredict.quote :
						c->dexpect.quote;
		line0 = s->line; /* its piece may be gone: the copy */
	} else {
		text = c->prog->text;
		line0 = c->prog->line0;
	}
	errors_add(c->errs, c->file, text, line0, line, col, "%s", msg);
}

int
check_eval(const struct expr *e, const uint64_t *vars, uint64_t *out,
    const char **why)
{
	uint64_t l, r;

	if (e->kind == EXPR_NUM) {
		*out = e->value;
		return 0;
	}
	if (e->kind == EXPR_VAR) {
		*out = vars[e->var];
		return 0;
	}
	if (check_eval(e->l, vars, &l, why) != 0 ||
	    check_eval(e->r, vars, &r, why) != 0)
		return -1;
	*why = NULL;
	switch (e->op) {
	case '+':
		if (l + r < l)
			*why = "overflows";
		*out = l + r;
		break;
	case '-':
		if (r > l)
			*why = "is negative";
		*out = l - r;
		break;
	case '*':
		if (l != 0 && r > UINT64_MAX / l)
			*why = "overflows";
		*out = l * r;
		break;
	default:
		if (r == 0)
			*why = "divides by zero";
		*out = r != 0 ? l / r : 0;
		break;
	}
	return *why != NULL ? -1 : 0;
}

int
check_arg(const struct arg *a, const uint64_t *vars, uint64_t *out,
    const char **why)
{
	if (a->expr == NULL) {
		*out = a->number;
		return 0;
	}
	return check_eval(a->expr, vars, out, why);
}

/* Names in the set as a list, for suggestions. */
static const char *
check_suggest_name(const struct nameset *ns, const char *name,
    const char *const *extra)
{
	const char **cands = xcalloc(ns->cap + 16, sizeof *cands);
	const char  *hint;
	size_t	     n = 0, i;

	for (i = 0; i < ns->cap && ns->n <= CHECK_SUGGEST_MAX; i++) {
		if (ns->v[i].name != NULL)
			cands[n++] = ns->v[i].name;
	}
	for (i = 0; extra != NULL && extra[i] != NULL && i < 15; i++)
		cands[n++] = extra[i];
	hint = util_suggest(name, cands, n);
	free(cands);
	return hint;
}

/* Was name assigned by a broken statement before line? */
static int
check_ghost(const struct checker *c, const char *name, unsigned line)
{
	size_t i;

	for (i = 0; i < c->nghosts; i++) {
		if (c->ghosts[i].line < line &&
		    strcmp(c->ghosts[i].name, name) == 0)
			return 1;
	}
	return 0;
}

static void
check_name(struct checker *c, struct script_stmt *s, const struct arg *a,
    const uint64_t *vars, int view)
{
	const char *const *views = view ? machine_show_names : NULL;
	const char	  *hint, *name;
	char   shown[72]; /* a long name is cut: the message stays whole */
	size_t i;

	if (s->reported) /* once per statement: a repeat would make the */
		return;	 /* suggestion search quadratic */
	name = util_expand_to(a->text, s->depth, vars, &c->buf);
	for (i = 0; views != NULL && views[i] != NULL; i++) {
		if (strcmp(views[i], name) == 0)
			return;
	}
	if (strcmp(name, "NULL") == 0 || nameset_has(&c->names, name) ||
	    check_ghost(c, name, s->line))
		return;
	snprintf(shown, sizeof shown, "%.*s%s", 64, name,
	    strlen(name) > 64 ? "..." : "");
	hint = check_suggest_name(&c->names, name, views);
	if (hint != NULL)
		check_error(c, s, a->line, a->col,
		    "unknown name '%s'; did "
		    "you mean %s?",
		    shown, hint);
	else if (view)
		check_error(c, s, a->line, a->col,
		    "unknown name '%s': "
		    "expected buddyinfo, zoneinfo, slabinfo, vmallocinfo, "
		    "meminfo, maps, pagetypeinfo or a name bound earlier",
		    shown);
	else
		check_error(c, s, a->line, a->col,
		    "unknown name '%s': "
		    "expected a name bound earlier by an allocation",
		    shown);
}

/* predict and expect wait for the next operation. */
static void
check_pending(struct checker *c, struct script_stmt *s, const uint64_t *vars)
{
	const char *assigned;

	if (s->entry->kind == SCRIPT_PREDICT ||
	    s->entry->kind == SCRIPT_EXPECT) {
		struct script_stmt **slot = s->entry->kind == SCRIPT_PREDICT ?
		    &c->predict :
		    &c->expect;

		if (*slot != NULL)
			check_error(c, *slot, (*slot)->line, (*slot)->col,
			    "%s is not followed by an operation before the "
			    "next %s",
			    (*slot)->entry->name, s->entry->name);
		*slot = s;
		if (s->entry->kind == SCRIPT_PREDICT) {
			free(c->predict_name);
			c->predict_name = util_expand(s->args[0].text, s->depth,
			    vars);
		}
		return;
	}
	if (!(s->entry->flags & STMT_OPERATION))
		return;
	c->expect = NULL;
	if (c->predict == NULL)
		return;
	assigned = s->assign ?
	    util_expand_to(s->assign, s->depth, vars, &c->buf) :
	    NULL;
	if (assigned == NULL || strcmp(assigned, c->predict_name) != 0)
		check_error(c, c->predict, c->predict->line, c->predict->col,
		    "predict %s: the next operation (line %u) does not "
		    "allocate %s",
		    c->predict_name, s->line, c->predict_name);
	c->predict = NULL;
}

static void
check_leaf_args(struct checker *c, struct script_stmt *s, const uint64_t *vars)
{
	const struct arg *a;
	const char	 *why;
	uint64_t	  v;
	size_t		  i;

	for (i = 0; i < s->nargs; i++) {
		a = &s->args[i];
		if (a->kind == ARG_EXPR && check_arg(a, vars, &v, &why) != 0)
			check_error(c, s, a->line, a->col,
			    "the value %s: "
			    "expected a number from 0 to 2^64-1",
			    why);
		else if (a->kind == ARG_NAME && a->letter == 'N')
			check_name(c, s, a, vars, 0);
		else if (a->kind == ARG_NAME && a->letter == 'V')
			check_name(c, s, a, vars, 1);
	}
}

/*
 * A machine line after the first boots a new machine: the names bound
 * before it name nothing any more, and an expect or predict waiting
 * for an operation would be judged on the wrong machine.
 */
static void
check_reboot(struct checker *c, struct script_stmt *s)
{
	struct script_stmt **slot[2] = { &c->predict, &c->expect };
	size_t		     i;

	for (i = 0; i < 2; i++) {
		if (*slot[i] == NULL)
			continue;
		check_error(c, *slot[i], (*slot[i])->line, (*slot[i])->col,
		    "%s is not followed by an operation before the machine "
		    "line %u",
		    (*slot[i])->entry->name, s->line);
		*slot[i] = NULL;
	}
	nameset_free(&c->names); /* empty, ready for the new names */
	grave_clear(&c->grave);
}

/* A machine line's options over the configuration so far. */
static void
check_machine(struct checker *c, const struct script_stmt *s)
{
	char	*cause = NULL;
	unsigned i;

	for (i = 0; i < s->nargs; i++) {
		if (s->args[i].kind == ARG_OPTION &&
		    machine_config_set(&c->cfg, s->args[i].text,
			s->args[i].value, &cause) != 0) {
			free(cause); /* the parser reported it */
			cause = NULL;
		}
	}
}

/* cpu N: a CPU the machine has (a typed line's is checked when run). */
static void
check_cpu(struct checker *c, struct script_stmt *s, const uint64_t *vars)
{
	const char *why;
	uint64_t    v;
	unsigned    n = c->cfg.cpus;

	if (n == 0 || check_arg(&s->args[0], vars, &v, &why) != 0 || v < n)
		return;
	check_error(c, s, s->args[0].line, s->args[0].col,
	    "cpu %" PRIu64 ": the machine has %u CPU%s: expected 0 to %u "
	    "(or more CPUs: machine cpus=%" PRIu64 ")",
	    v, n, n == 1 ? "" : "s", n - 1, v + 1);
}

/* `thread N dtv SLOTS` takes its count; exit, join and detach take
 * nothing after them (the signature allows one more number for dtv). */
static void
check_thread(struct checker *c, struct script_stmt *s)
{
	int dtv;

	if (s->nargs < 2)
		return;
	dtv = strcmp(s->args[1].text, "dtv") == 0;
	if (dtv && s->nargs < 3)
		check_error(c, s, s->args[1].line, s->args[1].col,
		    "thread N dtv: expected the DTV's number of slots after "
		    "dtv (17 for libc's TLS alone)");
	else if (!dtv && s->nargs > 2)
		check_error(c, s, s->args[2].line, s->args[2].col,
		    "thread N %s: expected the end of the statement, got a "
		    "number (only dtv takes one)",
		    s->args[1].text);
}

static void
check_leaf(struct checker *c, struct script_stmt *s, const uint64_t *vars)
{
	struct script_program *prog = c->prog;

	if (s->entry->kind == SCRIPT_MACHINE && (c->leaves > 0 || c->typed))
		check_reboot(c, s);
	if (s->entry->kind == SCRIPT_MACHINE && c->cfg.cpus != 0)
		check_machine(c, s);
	if (s->entry->kind == SCRIPT_CPU)
		check_cpu(c, s, vars);
	if (s->entry->exec == stmt_thread_exec)
		check_thread(c, s);
	c->leaves++;
	check_leaf_args(c, s, vars);
	check_pending(c, s, vars);
	if (s->entry->flags & STMT_FREES)
		nameset_freed(&c->names, &c->grave,
		    util_expand_to(s->args[0].text, s->depth, vars, &c->buf));
	if (s->assign != NULL)
		nameset_add(&c->names,
		    util_expand_to(s->assign, s->depth, vars, &c->buf));
	if (!c->flat)
		return;
	if (prog->nflat == SCRIPT_FLAT_MAX) {
		check_error(c, s, s->line, s->col,
		    "the script runs more than %d statements, more than "
		    "the interactive mode keeps to step back through: "
		    "expected smaller repeat counts, or run it with --batch",
		    SCRIPT_FLAT_MAX);
		c->overflow = 1;
		return;
	}
	if (prog->nflat == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		prog->flat = xreallocarray(prog->flat, c->cap,
		    sizeof *prog->flat);
	}
	prog->flat[prog->nflat].stmt = s;
	memcpy(prog->flat[prog->nflat].vars, vars, sizeof prog->flat[0].vars);
	if (s->entry->kind == SCRIPT_PAUSE) {
		if (prog->npauses == c->pausecap) {
			c->pausecap = c->pausecap ? c->pausecap * 2 : 16;
			prog->pauses = xreallocarray(prog->pauses, c->pausecap,
			    sizeof *prog->pauses);
		}
		prog->pauses[prog->npauses++] = prog->nflat;
	}
	prog->nflat++;
}

/* How many statements stmts run, at most CHECK_RUN_MAX + 1. */
static uint64_t
check_bound(struct script_stmt **stmts, size_t n, const uint64_t *vars)
{
	const struct script_stmt *s;
	const char		 *why;
	uint64_t		  total = 0, count = 1, inner = 1;
	size_t			  i;

	for (i = 0; i < n && total <= CHECK_RUN_MAX; i++) {
		s = stmts[i];
		if (s->entry->flags & STMT_BLOCK) {
			if (check_arg(&s->args[0], vars, &count, &why) != 0)
				count = 0;
			inner = check_bound(s->body, s->nbody, vars);
		} else
			count = inner = 1;
		if (count != 0 && inner > (CHECK_RUN_MAX + 1) / count)
			return CHECK_RUN_MAX + 1;
		total += count * inner;
	}
	return total;
}

static void
check_walk(struct checker *c, struct script_stmt **stmts, size_t n,
    uint64_t *vars)
{
	struct script_stmt *s;
	const char	   *why;
	uint64_t	    count, it;
	size_t		    i, before;

	for (i = 0; i < n && !c->overflow; i++) {
		s = stmts[i];
		if (!(s->entry->flags & STMT_BLOCK)) {
			check_leaf(c, s, vars);
			continue;
		}
		if (check_arg(&s->args[0], vars, &count, &why) != 0) {
			check_error(c, s, s->args[0].line, s->args[0].col,
			    "the repeat count %s: expected a count", why);
			continue;
		}
		if (count > 0 &&
		    check_bound(s->body, s->nbody, vars) >
			CHECK_RUN_MAX / count) {
			check_error(c, s, s->line, s->col,
			    "repeat would run more than %llu statements: "
			    "expected smaller repeat counts",
			    CHECK_RUN_MAX);
			c->overflow = 1;
			break;
		}
		for (it = 0; it < count && !c->overflow; it++) {
			before = c->leaves;
			vars[s->depth] = it;
			check_walk(c, s->body, s->nbody, vars);
			if (c->leaves == before &&
			    ++c->iters > CHECK_ITER_MAX) {
				check_error(c, s, s->line, s->col,
				    "repeat "
				    "would run its block more than %d times in "
				    "all: expected smaller repeat counts",
				    CHECK_ITER_MAX);
				c->overflow = 1;
				break;
			}
		}
		vars[s->depth] = 0;
	}
}

struct checker *
check_open(const struct nameset *known, int flat)
{
	struct checker *c = xcalloc(1, sizeof *c);

	c->typed = known != NULL;
	c->flat = flat;
	nameset_copy(&c->names, known);
	return c;
}

/* The ghosts of prog become the checker's: later pieces may use them. */
static void
check_take_ghosts(struct checker *c, struct script_program *prog)
{
	size_t i;

	for (i = 0; i < prog->nghosts; i++) {
		if ((c->nghosts & (c->nghosts - 1)) == 0) /* doubling */
			c->ghosts = xreallocarray(c->ghosts,
			    c->nghosts ? c->nghosts * 2 : 1, sizeof *c->ghosts);
		c->ghosts[c->nghosts++] = prog->ghosts[i];
	}
	free(prog->ghosts);
	prog->ghosts = NULL;
	prog->nghosts = 0;
}

/* The line of text numbered line (text's first is line0), copied. */
static char *
check_quote(const char *text, unsigned line0, unsigned line)
{
	const char *p = text, *end;

	for (; line0 < line && p != NULL; line0++) {
		p = strchr(p, '\n');
		p = p != NULL ? p + 1 : NULL;
	}
	if (p == NULL)
		return xstrdup("");
	end = strchr(p, '\n');
	return end != NULL ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
}

/* A statement still waiting outlives its piece as a copy. */
static void
check_detach(struct checker *c, struct script_stmt **slot,
    struct check_detached *d)
{
	if (*slot == NULL || *slot == &d->stmt)
		return;
	d->stmt = **slot;
	d->stmt.source = NULL;
	d->stmt.args = NULL;
	d->stmt.body = NULL;
	free(d->quote);
	d->quote = check_quote(c->prog->text, c->prog->line0, d->stmt.line);
	*slot = &d->stmt;
}

int
check_chunk(struct checker *c, struct script_program *prog,
    struct script_errors *errs)
{
	uint64_t vars[SCRIPT_DEPTH_MAX] = { 0 };
	size_t	 before = errs->n;

	c->prog = prog;
	c->errs = errs;
	if (c->file == NULL) {
		c->file = xstrdup(prog->file);
		/* a file's machine: its machine line or the defaults (a
		 * typed line's machine is the running one, unknown here) */
		c->cfg = prog->cfg;
		if (c->typed)
			c->cfg.cpus = 0;
	}
	check_take_ghosts(c, prog);
	check_walk(c, prog->stmts, prog->nstmts, vars);
	check_detach(c, &c->predict, &c->dpredict);
	check_detach(c, &c->expect, &c->dexpect);
	return errs->n > before ? -1 : 0;
}

void
check_finish(struct checker *c, struct script_errors *errs)
{
	c->errs = errs;
	if (c->predict != NULL)
		check_error(c, c->predict, c->predict->line, c->predict->col,
		    "predict %s: no allocation follows it", c->predict_name);
	if (c->expect != NULL)
		check_error(c, c->expect, c->expect->line, c->expect->col,
		    "expect: no operation follows it");
}

void
check_close(struct checker *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nghosts; i++)
		free(c->ghosts[i].name);
	free(c->ghosts);
	free(c->file);
	free(c->dpredict.quote);
	free(c->dexpect.quote);
	free(c->predict_name);
	nameset_free(&c->names);
	grave_clear(&c->grave);
	sbuf_free(&c->buf);
	free(c);
}

int
check_program(struct script_program *prog, const struct nameset *known,
    struct script_errors *errs)
{
	struct checker *c = check_open(known, 1);
	size_t		before = errs->n;

	check_chunk(c, prog, errs);
	if (known == NULL)
		check_finish(c, errs);
	check_close(c);
	return errs->n > before ? -1 : 0;
}
