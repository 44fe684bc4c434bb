/*
 * seek.c - the interpreter's checkpoints: seeking without replaying from
 * the start.
 *
 * Every SEEK_EVERY history entries the interpreter keeps a checkpoint:
 * a clone of the machine (machine_clone) and the names, counters and
 * pending `expect` at that point.  Rewinding or going to a position
 * restores the nearest checkpoint at or before it and replays only the
 * entries after it, as rr and other record-replay debuggers restore a
 * snapshot and run forward.
 *
 * A checkpoint is valid while the history before it is unchanged.  A
 * "pure" one was taken where the history is exactly the program's first
 * k statements: it stays valid for any timeline that begins so (every
 * goto), and for a rewind while the history's pure prefix reaches k.
 * Others are dropped as soon as the history before them changes.
 *
 * Memory is bounded by SEEK_BUDGET bytes and SEEK_MAX checkpoints.  Over
 * either, the checkpoint whose removal leaves the smallest gap relative
 * to its distance from the current position goes, so they lie dense
 * around where the user is and ever sparser away from it, about
 * geometrically: a step back is a few hundred statements of replay, a
 * jump across a million-statement replay a few thousand.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

struct seek_point {
	size_t		       k;    /* history entries before it */
	int		       pure; /* hist[0..k) is the program's start */
	struct machine	      *m;
	struct machine_config  cfg;
	struct script_binding *binds;
	size_t		       nbinds;
	size_t		      *bindhash;
	size_t		       bindhashcap;
	char		      *expect;
	size_t		       pc, pauses, unexpected;
	size_t		       bytes;
};

static void
seek_point_free(struct seek_point *c)
{
	size_t i;

	machine_destroy(c->m);
	for (i = 0; i < c->nbinds; i++)
		free(c->binds[i].name);
	free(c->binds);
	free(c->bindhash);
	free(c->expect);
}

/* Copies n bindings, each name its own. */
static struct script_binding *
seek_binds_copy(const struct script_binding *b, size_t n)
{
	struct script_binding *v = xmemdup(b, n * sizeof *b);
	size_t		       i;

	for (i = 0; i < n; i++)
		v[i].name = xstrdup(b[i].name);
	return v;
}

static void
seek_drop(struct script_interp *ip, size_t i)
{
	ip->seek_bytes -= ip->seek[i].bytes;
	seek_point_free(&ip->seek[i]);
	memmove(&ip->seek[i], &ip->seek[i + 1],
	    (ip->nseek - i - 1) * sizeof *ip->seek);
	ip->nseek--;
}

/* How much dropping i costs: the gap it leaves over its distance. */
static double
seek_cost(const struct script_interp *ip, size_t i)
{
	size_t prev = i > 0 ? ip->seek[i - 1].k : 0;
	size_t next = i + 1 < ip->nseek ? ip->seek[i + 1].k : ip->nhist;
	size_t k = ip->seek[i].k;
	size_t dist = k > ip->nhist ? k - ip->nhist : ip->nhist - k;

	if (next < k) /* the last checkpoint lies beyond the position */
		next = k + SEEK_EVERY;
	return (double)(next - prev) / (double)(dist + SEEK_EVERY);
}

/* A checkpoint's bytes: its machine's share of the frame buffers it
 * holds with others (machine_bytes()) and its bindings. */
static size_t
seek_point_bytes(const struct seek_point *c)
{
	return machine_bytes(c->m) + c->nbinds * (sizeof *c->binds + 16);
}

/*
 * Frame buffers are shared copy-on-write, so a checkpoint's share grows
 * as the machines that shared a buffer write it: every SEEK_RECOUNT
 * checkpoints the shares are counted again, so the budget holds what is
 * really kept (each count is a pass over every checkpoint's frames).
 */
static void
seek_recount(struct script_interp *ip)
{
	size_t i;

	if (++ip->seek_taken % SEEK_RECOUNT != 0)
		return;
	ip->seek_bytes = 0;
	for (i = 0; i < ip->nseek; i++) {
		ip->seek[i].bytes = seek_point_bytes(&ip->seek[i]);
		ip->seek_bytes += ip->seek[i].bytes;
	}
}

/* Drops checkpoints until both bounds hold again. */
static void
seek_thin(struct script_interp *ip)
{
	size_t i, best;

	seek_recount(ip);
	while (ip->nseek > 1 &&
	    (ip->nseek > SEEK_MAX || ip->seek_bytes > SEEK_BUDGET)) {
		best = 0;
		for (i = 1; i < ip->nseek; i++)
			if (seek_cost(ip, i) < seek_cost(ip, best))
				best = i;
		seek_drop(ip, best);
	}
}

/* Is there a valid checkpoint at the current position already? */
static int
seek_have(const struct script_interp *ip, int pure)
{
	size_t i;

	for (i = 0; i < ip->nseek; i++)
		if (ip->seek[i].k == ip->nhist && ip->seek[i].pure == pure)
			return 1;
	return 0;
}

/* The index a checkpoint at k goes to, keeping them sorted by k. */
static size_t
seek_slot(const struct script_interp *ip, size_t k)
{
	size_t i = ip->nseek;

	while (i > 0 && ip->seek[i - 1].k > k)
		i--;
	return i;
}

static void
seek_take(struct script_interp *ip, int pure)
{
	struct seek_point *c;
	size_t		   i = seek_slot(ip, ip->nhist);

	if (ip->nseek == ip->seekcap) {
		ip->seekcap = ip->seekcap ? ip->seekcap * 2 : 16;
		ip->seek = xreallocarray(ip->seek, ip->seekcap,
		    sizeof *ip->seek);
	}
	memmove(&ip->seek[i + 1], &ip->seek[i],
	    (ip->nseek - i) * sizeof *ip->seek);
	ip->nseek++;
	c = &ip->seek[i];
	c->k = ip->nhist;
	c->pure = pure;
	c->m = machine_clone(ip->m);
	c->cfg = ip->cfg;
	c->binds = seek_binds_copy(ip->binds, ip->nbinds);
	c->nbinds = ip->nbinds;
	c->bindhash = xmemdup(ip->bindhash,
	    ip->bindhashcap * sizeof *ip->bindhash);
	c->bindhashcap = ip->bindhashcap;
	c->expect = ip->expect != NULL ? xstrdup(ip->expect) : NULL;
	c->pc = ip->pc;
	c->pauses = ip->pauses;
	c->unexpected = ip->unexpected;
	c->bytes = seek_point_bytes(c);
	ip->seek_bytes += c->bytes;
	seek_thin(ip);
}

void
seek_note(struct script_interp *ip)
{
	int pure = ip->pure_len == ip->nhist;

	if (ip->opts.batch || ip->nhist % SEEK_EVERY != 0 ||
	    ip->queuehead < ip->nqueue || seek_have(ip, pure))
		return;
	seek_take(ip, pure);
}

void
seek_history_cut(struct script_interp *ip, size_t n, int to_program)
{
	size_t i = ip->nseek;

	if (ip->pure_len > n)
		ip->pure_len = n;
	while (i-- > 0) {
		if (!ip->seek[i].pure && (to_program || ip->seek[i].k > n))
			seek_drop(ip, i);
	}
}

const struct seek_point *
seek_find(const struct script_interp *ip, size_t n, int to_program)
{
	const struct seek_point *best = NULL;
	size_t			 i;

	for (i = 0; i < ip->nseek && ip->seek[i].k <= n; i++) {
		if (ip->seek[i].pure ?
			(to_program || ip->seek[i].k <= ip->pure_len) :
			!to_program)
			best = &ip->seek[i];
	}
	return best;
}

void
seek_restore(struct script_interp *ip, const struct seek_point *c)
{
	size_t i;

	machine_destroy(ip->m);
	ip->m = machine_clone(c->m);
	ip->cfg = c->cfg;
	for (i = 0; i < ip->nbinds; i++)
		free(ip->binds[i].name);
	free(ip->binds);
	free(ip->bindhash);
	ip->binds = seek_binds_copy(c->binds, c->nbinds);
	ip->nbinds = ip->bindcap = c->nbinds;
	ip->bindhash = xmemdup(c->bindhash,
	    c->bindhashcap * sizeof *c->bindhash);
	ip->bindhashcap = c->bindhashcap;
	free(ip->expect);
	ip->expect = c->expect != NULL ? xstrdup(c->expect) : NULL;
	ip->pc = c->pc;
	ip->pauses = c->pauses;
	ip->unexpected = c->unexpected;
	ip->nhist = c->k;
	if (ip->pure_len > c->k)
		ip->pure_len = c->k;
	ip->nqueue = ip->queuehead = 0;
}

size_t
seek_position(const struct seek_point *c)
{
	return c->k;
}

void
seek_free_all(struct script_interp *ip)
{
	while (ip->nseek > 0)
		seek_drop(ip, ip->nseek - 1);
	free(ip->seek);
	ip->seek = NULL;
	ip->seekcap = 0;
}

size_t
script_interp_checkpoints(const struct script_interp *ip, size_t *bytes)
{
	if (bytes != NULL)
		*bytes = ip->seek_bytes;
	return ip->nseek;
}

size_t
script_interp_goto_cost(const struct script_interp *ip, size_t pc)
{
	const struct seek_point *c = seek_find(ip, pc, 1);
	size_t			 from = c != NULL ? seek_position(c) : 0;

	/* as interp_goto_start: from here when here is on the way */
	if (ip->pure_len == ip->nhist && ip->nhist <= pc && ip->nhist > from)
		from = ip->nhist;
	return pc > from ? pc - from : 0;
}
