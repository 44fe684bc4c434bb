/*
 * import-ltrace.c - the output of `ltrace -e malloc+free+calloc+realloc`.
 *
 * What ltrace 0.7.3 prints (checked against real runs, kept under
 * tests/import/): each line may start with the pid ("[pid 17309] " on
 * stderr with -f, "17309 " with -f -o FILE), then a time (-t, -tt,
 * -ttt, -r) and an instruction pointer in brackets (-i), then either
 *   single->malloc(24)                       = 0x55a92a50e2a0
 *   single->free(0x55a92a50e2c0)             = <void>
 * ("LIB->" names the caller; with -x the callee is "malloc@libc.so.6"),
 * or a call split in two when something happens meanwhile (another
 * thread, a nested system call):
 *   threads->malloc(16 <unfinished ...>
 *   <... malloc resumed> )                   = 0x7fa254000b70
 * or ltrace's own notes, "+++ exited (status 0) +++", "+++ killed by
 * SIGKILL +++", "--- SIGCHLD (Child exited) ---".
 *
 * A free takes effect when it is called, so it is replayed at its
 * "<unfinished" line: another thread's malloc may return the same
 * address before ltrace prints the free's return.  malloc, calloc and
 * realloc are replayed when they return, since only then is the
 * address known.  All pids share one address space (threads): each
 * pid is a thread of the one process memviz models, numbered as they
 * first show up (the first is thread 0, the main thread), and a
 * `thread N` line goes before a call of another pid than the last, so
 * that each thread has its own tcache and arena as it had (a new
 * pid's thread is made from thread 0, where pthread_create() most often
 * runs); a forked
 * child's calls are merged in as a thread's.
 *
 * tests/preload's malloc-log.so also shows when threads begin and end
 * (see malloc-log.c): pthread_create's second half gives the new TID,
 * so the thread is made there, by the thread that called it (its own
 * calls inside, the DTV's calloc, are memviz's part of `thread N`).  A
 * thread's end is a "--- thread exit ---" note, its last line: it
 * becomes `thread N exit`, and pthread_join(TID) `thread N join` on the
 * joining thread (its own calls, a DTV's free when the stack cache
 * overflows, are memviz's part of it); a "(detached)" end is `thread N
 * detach` and `thread N exit`.  ltrace -f's "+++ exited" of a pid other
 * than the first is a thread's end too, taken as detached (ltrace shows
 * no join).  A number whose thread was joined or detached is given to
 * the next new thread.
 */
#include "import/import-priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "import/import-ltrace.h"

static void ltrace_malloc(struct import *, struct ltrace_call *);
static void ltrace_calloc(struct import *, struct ltrace_call *);
static void ltrace_realloc(struct import *, struct ltrace_call *);
static void ltrace_free(struct import *, struct ltrace_call *);

/*
 * The calls replayed; any other name is counted as skipped.  nests: the
 * call makes another malloc-family call through a PLT slot, which
 * ltrace prints nested in it (reallocarray's realloc, shown as
 * "libc.so.6->calloc"): glibc's own, not the program's, so not replayed.
 */
static const struct {
	const char *name;
	int	    nargs, nests;
	void (*done)(struct import *, struct ltrace_call *);
} ltrace_calls[] = {
	{ "malloc", 1, 0, ltrace_malloc },
	{ "calloc", 2, 0, ltrace_calloc },
	{ "realloc", 2, 0, ltrace_realloc },
	{ "free", 1, 0, ltrace_free },
	{ "memalign", 2, 0, ltrace_aligned },
	{ "aligned_alloc", 2, 0, ltrace_aligned },
	{ "valloc", 1, 0, ltrace_aligned },
	{ "pvalloc", 1, 0, ltrace_aligned },
	{ "posix_memalign", 3, 0, ltrace_posix_memalign },
	{ "reallocarray", 3, 1, ltrace_reallocarray },
	{ "malloc_usable_size", 1, 0, ltrace_usable_size },
	{ "malloc_trim", 1, 0, ltrace_trim },
	{ "mallopt", 2, 0, ltrace_mallopt },
	{ "pthread_create", 1, 1, ltrace_pthread_create },
	{ "pthread_join", 1, 1, ltrace_pthread_join },
};
#define LTRACE_NCALLS (sizeof ltrace_calls / sizeof ltrace_calls[0])

/* "  # pid 17309" after a statement of a traced pid, else "". */
const char *
ltrace_pid_note(const struct ltrace_call *c, char *buf, size_t len)
{
	if (c->pid < 0)
		return "";
	snprintf(buf, len, "  # pid %ld", c->pid);
	return buf;
}

uint64_t
ltrace_product(uint64_t n, uint64_t size)
{
	return size != 0 && n > UINT64_MAX / size ? 0 : n * size;
}

static void
ltrace_malloc(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b;
	char		       name[32], note[32];

	if (c->retval == 0) {
		import_emit_failed(im, "malloc", "ENOMEM", c->arg[0],
		    "malloc(%llu)%s", (unsigned long long)c->arg[0],
		    ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE, "malloc returning NULL");
		return;
	}
	b = import_bind(im, IMPORT_PTR, c->retval, "p", c->arg[0], 0);
	import_emit(im, "malloc", "%s = malloc(%llu)%s",
	    import_name(b, name, sizeof name), (unsigned long long)c->arg[0],
	    ltrace_pid_note(c, note, sizeof note));
}

static void
ltrace_calloc(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b;
	char		       name[32], note[32];

	if (c->retval == 0) {
		import_emit_failed(im, "calloc", "ENOMEM",
		    ltrace_product(c->arg[0], c->arg[1]),
		    "calloc(%llu, %llu)%s", (unsigned long long)c->arg[0],
		    (unsigned long long)c->arg[1],
		    ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE, "calloc returning NULL");
		return;
	}
	b = import_bind(im, IMPORT_PTR, c->retval, "p", c->arg[0] * c->arg[1],
	    0);
	import_emit(im, "calloc", "%s = calloc(%llu, %llu)%s",
	    import_name(b, name, sizeof name), (unsigned long long)c->arg[0],
	    (unsigned long long)c->arg[1],
	    ltrace_pid_note(c, note, sizeof note));
}

/* realloc(NULL, n) is malloc(n); so is realloc of a pointer not seen. */
static void
ltrace_realloc_new(struct import *im, struct ltrace_call *c, const char *why)
{
	struct import_binding *b;
	char		       name[32], note[32];

	if (c->retval == 0) {
		import_emit_failed(im, "malloc", "ENOMEM", c->arg[1],
		    "malloc(%llu)  # %s%s", (unsigned long long)c->arg[1], why,
		    ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE, "realloc returning NULL");
		return;
	}
	b = import_bind(im, IMPORT_PTR, c->retval, "p", c->arg[1], 0);
	import_emit(im, "malloc", "%s = malloc(%llu)  # %s%s",
	    import_name(b, name, sizeof name), (unsigned long long)c->arg[1],
	    why, ltrace_pid_note(c, note, sizeof note));
}

/* The realloc's name: as bound at its call, even if displaced since. */
struct import_binding *
ltrace_realloc_binding(struct import *im, struct ltrace_call *c)
{
	struct import_binding	    *b = import_find(im, IMPORT_PTR, c->arg[0]);
	const struct ltrace_pending *pd = c->pd;

	if (pd == NULL || !pd->bound)
		return b;
	if (b != NULL && b->num == pd->saved.num &&
	    b->prefix == pd->saved.prefix)
		return b;
	/* Another thread got the old address meanwhile: keep both. */
	return import_restore(im, IMPORT_PTR,
	    c->retval != 0 ? c->retval : c->arg[0], &pd->saved);
}

static void
ltrace_realloc_known(struct import *im, struct ltrace_call *c,
    struct import_binding *b)
{
	char	 name[32], note[32];
	uint64_t key = c->arg[0];

	import_name(b, name, sizeof name);
	if (c->retval == 0 && c->arg[1] != 0) {
		/* Unbound: the old block stays the program's (malloc.c). */
		b->pending = 0;
		import_emit_failed(im, "realloc", "ENOMEM", c->arg[1],
		    "realloc(%s, %llu)%s", name, (unsigned long long)c->arg[1],
		    ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE, "realloc returning NULL");
		return;
	}
	/* glibc's realloc(p, 0) frees p and returns NULL (malloc.c). */
	if (c->retval == 0)
		import_release(im, IMPORT_PTR, key);
	else if (import_find(im, IMPORT_PTR, key) == b)
		import_rebind(im, IMPORT_PTR, key, c->retval, c->arg[1]);
	import_emit(im, "realloc", "%s = realloc(%s, %llu)%s", name, name,
	    (unsigned long long)c->arg[1],
	    ltrace_pid_note(c, note, sizeof note));
}

static void
ltrace_realloc(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b;
	char		       addr[32];

	if (c->arg[0] == 0) {
		ltrace_realloc_new(im, c, "realloc(NULL, n)");
		import_tally(im, TALLY_NOTE, "realloc(NULL, n) as malloc");
		return;
	}
	if ((b = ltrace_realloc_binding(im, c)) != NULL) {
		ltrace_realloc_known(im, c, b);
		return;
	}
	snprintf(addr, sizeof addr, "0x%llx, %llu",
	    (unsigned long long)c->arg[0], (unsigned long long)c->arg[1]);
	import_unknown_free(im, "realloc", addr);
	ltrace_realloc_new(im, c, "realloc of a pointer never seen");
}

static void
ltrace_free(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b;
	char		       name[32], note[32], addr[32];

	if (c->arg[0] == 0) {
		import_tally(im, TALLY_NOTE, "free(NULL)");
		return;
	}
	if ((b = import_find(im, IMPORT_PTR, c->arg[0])) == NULL) {
		snprintf(addr, sizeof addr, "0x%llx",
		    (unsigned long long)c->arg[0]);
		import_unknown_free(im, "free", addr);
		return;
	}
	import_emit(im, "free", "free(%s)%s", import_name(b, name, sizeof name),
	    ltrace_pid_note(c, note, sizeof note));
	import_release(im, IMPORT_PTR, c->arg[0]);
}

/* Skips the pid, time and instruction pointer ltrace puts first. */
static char *
ltrace_prefix(char *p, long *pid)
{
	size_t n;

	*pid = -1;
	p += strspn(p, " ");
	if (strncmp(p, "[pid ", 5) == 0 && isdigit((unsigned char)p[5])) {
		*pid = strtol(p + 5, &p, 10);
		if (*p++ != ']')
			return NULL;
	} else if ((n = strspn(p, "0123456789")) > 0 && p[n] == ' ')
		*pid = strtol(p, &p, 10);
	p += strspn(p, " ");
	n = strspn(p, "0123456789:.");
	if (n > 0 && p[n] == ' ' && strpbrk(p, ":.") < p + n)
		p += n + strspn(p + n, " ");
	if (*p == '[') {
		if ((p = strstr(p, "] ")) == NULL)
			return NULL;
		p += 2;
	}
	return p;
}

/*
 * Cuts "LIB->name@SONAME(args" at the '(' and returns the callee's name
 * ("name"), with *args after the '('; NULL if it is not a call.
 */
static char *
ltrace_callee(char *p, char **args)
{
	char *open = strchr(p, '('), *arrow, *at;

	if (open == NULL)
		return NULL;
	*open = '\0';
	*args = open + 1;
	while ((arrow = strstr(p, "->")) != NULL)
		p = arrow + 2;
	if ((at = strchr(p, '@')) != NULL)
		*at = '\0';
	if (*p == '\0' ||
	    strspn(p,
		"abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(p))
		return NULL;
	return p;
}

/* Splits "LIB->name(args) = ret" in place; -1 if it is not a call. */
static int
ltrace_split(char *p, struct ltrace_call *c)
{
	char *eq, *close;

	if ((c->name = ltrace_callee(p, &c->args)) == NULL)
		return -1;
	c->ret = NULL;
	if ((eq = strrchr(c->args, '=')) == NULL || eq[1] != ' ')
		return -1;
	for (close = eq; close > c->args && close[-1] == ' '; close--)
		;
	if (close == c->args || close[-1] != ')')
		return -1;
	close[-1] = '\0';
	c->ret = eq + 2;
	return 0;
}

/* A number as ltrace prints it: decimal (maybe negative, an int) or
 * 0x hex. */
static int
ltrace_number(const char *a, uint64_t *v)
{
	if (*a != '-')
		return import_number(a, v);
	if (import_number(a + 1, v) != 0)
		return -1;
	*v = 0 - *v;
	return 0;
}

/* Parses the numbers of args and ret for the row; -1 if they are not. */
static int
ltrace_values(struct ltrace_call *c, int nargs, int has_ret)
{
	char *a = c->args, *comma;
	int   i;

	/* Without a prototype (ltrace.conf) ltrace prints six register
	 * values whatever the call takes: the first nargs are the call's. */
	for (i = 0; i < nargs; i++) {
		comma = strchr(a, ',');
		if (comma == NULL && i != nargs - 1)
			return -1;
		c->extra = comma != NULL && i == nargs - 1;
		if (comma != NULL)
			*comma = '\0';
		a += strspn(a, " ");
		import_trim(a);
		if (ltrace_number(a, &c->arg[i]) != 0)
			return -1;
		if (comma != NULL)
			a = comma + 1;
	}
	if (!has_ret)
		return 0;
	if (strcmp(c->ret, "<void>") == 0) {
		c->retval = 0;
		return 0;
	}
	return ltrace_number(c->ret, &c->retval);
}

static int
ltrace_row(const char *name)
{
	size_t i;

	for (i = 0; i < LTRACE_NCALLS; i++) {
		if (strcmp(ltrace_calls[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

static struct ltrace_pending *
ltrace_pending_find(struct ltrace_state *st, long pid, const char *name)
{
	size_t i;

	for (i = st->n; i-- > 0;) {
		if (st->v[i].pid == pid && strcmp(st->v[i].name, name) == 0)
			return &st->v[i];
	}
	return NULL;
}

/* An unfinished call of pid whose own calls ltrace shows nested. */
static struct ltrace_pending *
ltrace_pending_nests(struct ltrace_state *st, long pid)
{
	size_t i;
	int    row;

	for (i = st->n; i-- > 0;) {
		row = ltrace_row(st->v[i].name);
		if (st->v[i].pid == pid && row >= 0 && ltrace_calls[row].nests)
			return &st->v[i];
	}
	return NULL;
}

static void
ltrace_pending_drop(struct ltrace_state *st, struct ltrace_pending *pd)
{
	free(pd->name);
	free(pd->args);
	*pd = st->v[--st->n];
}

/* The number of pid's thread, or -1. */
static int
ltrace_thread_of(const struct ltrace_state *st, long pid)
{
	unsigned i;

	for (i = 0; i < st->ntids; i++) {
		if (st->tpid[i] == pid)
			return (int)i;
	}
	return -1;
}

/* A number for a new thread: the first free since its thread ended,
 * else the next; LTRACE_THREADS when there is none. */
static unsigned
ltrace_thread_new(struct ltrace_state *st, long pid)
{
	unsigned i;

	for (i = st->ntids > 0 ? 1 : 0; i < st->ntids && st->tpid[i] != 0; i++)
		;
	if (i == LTRACE_THREADS)
		return i;
	if (i == st->ntids)
		st->ntids++;
	st->tpid[i] = pid;
	return i;
}

/* pid's thread ended (its calls after its exit line, glibc's own last
 * frees, are replayed on thread 0). */
static int
ltrace_gone(const struct ltrace_state *st, long pid)
{
	unsigned i;

	for (i = 0; i < LTRACE_GONE; i++) {
		if (st->gone[i] == pid)
			return 1;
	}
	return 0;
}

/* `thread N` when pid is not the thread that ran the last call. */
static void
ltrace_thread(struct import *im, long pid)
{
	struct ltrace_state *st = im->state;
	int		     t;
	unsigned	     i;

	if (pid < 0)
		return;
	if (ltrace_gone(st, pid))
		i = 0; /* after its end: glibc's own last calls */
	else if ((t = ltrace_thread_of(st, pid)) >= 0)
		i = (unsigned)t;
	else {
		if (st->ntids > 0 && st->cur != 0) {
			/* a new thread: taken as made by the main thread,
			 * whose arena then gets its DTV, as
			 * pthread_create's calloc */
			st->cur = 0;
			import_emit(im, "thread", "thread 0  # pid %ld",
			    st->tpid[0]);
		}
		if ((i = ltrace_thread_new(st, pid)) == LTRACE_THREADS)
			return; /* memviz's process has no more threads */
	}
	if (i == st->cur)
		return;
	st->cur = i;
	import_emit(im, "thread", "thread %u  # pid %ld", i, pid);
}

/* pthread_create's second half, = the new TID (malloc-log.so): the
 * thread is made now, by the caller, which goes on running. */
void
ltrace_pthread_create(struct import *im, struct ltrace_call *c)
{
	struct ltrace_state *st = im->state;
	unsigned	     n;

	if ((int64_t)c->retval <= 0 || c->pid < 0 ||
	    ltrace_thread_of(st, (long)c->retval) >= 0 ||
	    (n = ltrace_thread_new(st, (long)c->retval)) == LTRACE_THREADS)
		return; /* made when it first shows up */
	if (c->pd != NULL && c->pd->dtv != 0 && c->pd->dtv != LTRACE_DTV)
		import_emit(im, "thread",
		    "thread %u dtv %u  # pid %llu, made by pid %ld", n,
		    c->pd->dtv, (unsigned long long)c->retval, c->pid);
	else
		import_emit(im, "thread",
		    "thread %u  # pid %llu, made by pid %ld", n,
		    (unsigned long long)c->retval, c->pid);
	import_emit(im, "thread", "thread %u  # pid %ld", st->cur, c->pid);
}

/* The end of pid's thread (its last line): `thread N exit`, run from
 * the running thread (thread 0 next when it was N's).  A joinable
 * thread keeps its number until pthread_join; a detached one's (or one
 * no join is seen for, ltrace's) stack goes at once (`thread N
 * detach`).  pid's later lines, glibc's own last frees, run on thread
 * 0. */
static void
ltrace_thread_end(struct import *im, long pid, int detached)
{
	struct ltrace_state *st = im->state;
	int		     t = ltrace_thread_of(st, pid);

	if (t <= 0 || st->ended[t])
		return;
	if (detached)
		import_emit(im, "thread", "thread %d detach  # pid %ld", t,
		    pid);
	import_emit(im, "thread", "thread %d exit  # pid %ld ends", t, pid);
	st->gone[st->ngone++ % LTRACE_GONE] = pid;
	if (detached)
		st->tpid[t] = 0;
	else
		st->ended[t] = 1;
	if (st->cur == (unsigned)t)
		st->cur = 0;
}

/* pthread_join(TID)'s second half (malloc-log.so prints the TID): the
 * joining thread takes the stack of the thread that ended (or waits
 * for it to end), which gives its number back. */
void
ltrace_pthread_join(struct import *im, struct ltrace_call *c)
{
	struct ltrace_state *st = im->state;
	int		     t = ltrace_thread_of(st, (long)c->arg[0]);

	if (c->retval != 0 || t <= 0)
		return;
	if (!st->ended[t])
		st->gone[st->ngone++ % LTRACE_GONE] = (long)c->arg[0];
	import_emit(im, "thread", "thread %d join  # pid %ld joins pid %llu", t,
	    c->pid, (unsigned long long)c->arg[0]);
	st->tpid[t] = 0;
	st->ended[t] = 0;
}

/* pthread_create's calloc(SLOTS, 16): the new thread's DTV, whose size
 * `thread N dtv SLOTS` gives memviz when it is not libc's alone. */
static void
ltrace_dtv(struct ltrace_pending *outer, const struct ltrace_call *c)
{
	if (strcmp(outer->name, "pthread_create") == 0 &&
	    strcmp(c->name, "calloc") == 0 && c->arg[1] == 16 &&
	    c->arg[0] < 0x10000)
		outer->dtv = (unsigned)c->arg[0];
}

static void
ltrace_complete(struct import *im, struct ltrace_call *c,
    const struct ltrace_pending *pd)
{
	int		       row = ltrace_row(c->name);
	char		       what[80];
	struct ltrace_pending *outer;

	if (row < 0) {
		import_tally(im, TALLY_SKIP, c->name);
		return;
	}
	if (ltrace_values(c, ltrace_calls[row].nargs, 1) != 0) {
		import_not_understood(im);
		return;
	}
	if (pd != NULL && pd->done)
		return;
	if (pd == NULL && ltrace_pending_find(im->state, c->pid, c->name)) {
		snprintf(what, sizeof what, "nested %s (ltrace -x)", c->name);
		import_tally(im, TALLY_SKIP, what);
		return;
	}
	if (pd == NULL && (outer = ltrace_pending_nests(im->state, c->pid))) {
		ltrace_dtv(outer, c);
		snprintf(what, sizeof what, "%s inside %s", c->name,
		    outer->name);
		import_tally(im, TALLY_SKIP, what);
		return;
	}
	c->pd = pd;
	if (!(strcmp(c->name, "free") == 0 && c->arg[0] == 0))
		ltrace_thread(im, c->pid); /* free(NULL) runs nowhere */
	ltrace_calls[row].done(im, c);
}

/*
 * "name(args <unfinished ...>": remembered; a free is replayed now.
 * ltrace also prints "<no return ...>" for a call in flight when another
 * thread exits, and may still print its "resumed" line later; so both
 * marks mean the same here.
 */
static void
ltrace_unfinished(struct import *im, char *p, char *mark, long pid)
{
	struct ltrace_state   *st = im->state;
	struct ltrace_pending *pd;
	struct ltrace_call     c;
	struct import_binding *b;
	char		      *name, *args;
	int		       row;

	*mark = '\0';
	if ((name = ltrace_callee(p, &args)) == NULL) {
		import_not_understood(im);
		return;
	}
	st->v = xreallocarray(st->v, st->n + 1, sizeof *st->v);
	pd = &st->v[st->n++];
	memset(pd, 0, sizeof *pd);
	pd->pid = pid;
	pd->name = xstrdup(name);
	pd->args = xstrdup(args);
	pd->line = im->lineno;
	row = ltrace_row(name);
	memset(&c, 0, sizeof c);
	c.pid = pid;
	c.name = pd->name;
	c.args = args;
	if (row < 0 || ltrace_values(&c, ltrace_calls[row].nargs, 0) != 0)
		return;
	pd->key = c.arg[0];
	if (strcmp(name, "free") == 0) {
		if (c.arg[0] != 0)
			ltrace_thread(im, pid);
		ltrace_free(im, &c);
		pd->done = 1;
	} else if ((strcmp(name, "realloc") == 0 ||
		       strcmp(name, "reallocarray") == 0) &&
	    (b = import_find(im, IMPORT_PTR, c.arg[0])) != NULL) {
		b->pending = 1;
		pd->saved = *b;
		pd->bound = 1;
	}
}

/* "<... name resumed> REST": joined with its call and completed. */
static void
ltrace_resumed(struct import *im, char *p, long pid)
{
	struct ltrace_pending *pd;
	struct ltrace_call     c;
	char		      *end = strstr(p, " resumed>"), *full;
	const char	      *name = p + 5;

	if (end == NULL) {
		import_not_understood(im);
		return;
	}
	*end = '\0';
	if ((pd = ltrace_pending_find(im->state, pid, name)) == NULL) {
		import_not_understood(im);
		return;
	}
	full = xasprintf("%s(%s%s", pd->name, pd->args, end + 9);
	memset(&c, 0, sizeof c);
	c.pid = pid;
	if (ltrace_split(full, &c) != 0)
		import_not_understood(im);
	else
		ltrace_complete(im, &c, pd);
	ltrace_pending_drop(im->state, pd);
	free(full);
}

/* "+++ exited (status 0) +++" and "--- SIGCHLD ... ---". */
static void
ltrace_note(struct import *im, char *p, long pid, const char *what)
{
	size_t n = strlen(p);

	/* "+++ " ... " +++": the same three marks at both ends. */
	if (n >= 8 && p[n - 4] == ' ' && strncmp(p + n - 3, p, 3) == 0) {
		p[n - 4] = '\0';
		p += 4;
	}
	if (pid >= 0)
		import_comment(im, "pid %ld: %s", pid, p);
	else
		import_comment(im, "%s", p);
	import_tally(im, TALLY_NOTE, what);
	/* ltrace -f: a thread other than the first ended (after glibc's
	 * own exit work, as the shim's "--- thread exit ---" stands for) */
	if (pid >= 0 &&
	    (strncmp(p, "exited", 6) == 0 || strncmp(p, "killed", 6) == 0))
		ltrace_thread_end(im, pid, 1);
}

static void
ltrace_line(struct import *im, char *line)
{
	struct ltrace_state *st = im->state;
	struct ltrace_call   c;
	char		    *p, *mark;
	long		     pid;

	if ((p = ltrace_prefix(line, &pid)) == NULL) {
		import_not_understood(im);
		return;
	}
	p[strcspn(p, "\n")] = '\0';
	memset(&c, 0, sizeof c);
	c.pid = pid;
	if (pid >= 0 && st->ntids == 0) /* the first pid is the main thread */
		st->tpid[st->ntids++] = pid;
	if (pid >= 0 && strcmp(p, "--- thread exit ---") == 0)
		ltrace_thread_end(im, pid, 0);
	else if (pid >= 0 && strcmp(p, "--- thread exit (detached) ---") == 0)
		ltrace_thread_end(im, pid, 1);
	else if (strncmp(p, "+++ ", 4) == 0)
		ltrace_note(im, p, pid, "exit lines");
	else if (strncmp(p, "--- ", 4) == 0)
		ltrace_note(im, p, pid, "signal lines");
	else if (strncmp(p, "<... ", 5) == 0)
		ltrace_resumed(im, p, pid);
	else if ((mark = strstr(p, " <unfinished ...>")) != NULL ||
	    (mark = strstr(p, " <no return ...>")) != NULL)
		ltrace_unfinished(im, p, mark, pid);
	else if (ltrace_split(p, &c) != 0)
		import_not_understood(im);
	else
		ltrace_complete(im, &c, NULL);
}

static void
ltrace_start(struct import *im)
{
	im->state = xcalloc(1, sizeof(struct ltrace_state));
}

/* Calls still unfinished at the end: the trace stopped first. */
static void
ltrace_finish(struct import *im)
{
	struct ltrace_state   *st = im->state;
	struct import_binding *b;
	size_t		       i;

	for (i = 0; i < st->n; i++) {
		im->lineno = st->v[i].line;
		if (ltrace_row(st->v[i].name) < 0)
			import_tally(im, TALLY_SKIP, st->v[i].name);
		else {
			import_warn(im, "%s(%s ...) never returned",
			    st->v[i].name, st->v[i].args);
			import_tally(im, TALLY_NOTE,
			    "calls that never returned");
		}
		if (st->v[i].bound &&
		    (b = import_find(im, IMPORT_PTR, st->v[i].key)) != NULL)
			b->pending = 0;
		free(st->v[i].name);
		free(st->v[i].args);
	}
	free(st->v);
	free(st);
}

const struct import_format import_ltrace = { "ltrace", "", ltrace_start,
	ltrace_line, ltrace_finish };
