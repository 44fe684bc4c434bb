/*
 * player.c - event-by-event playback over the interpreter.
 *
 * Bookkeeping: log[0..nlog) are the statements of the current timeline,
 * log[0..hist) executed.  The current item is log[hist - 1].  Stepping
 * back rewinds the interpreter to hist - 2 entries and executes
 * log[hist - 2] again; stepping forward while hist < nlog re-executes
 * log[hist] (pushing it again when it was typed).  A newly typed line
 * cuts the log at hist, as a new edit drops an editor's redo.
 *
 * The shadow frame table (sim/frame-state.h) is the frames before the
 * item with events [0, shown) applied; the sim applies them, as it
 * knows what each event did to the frames.
 */
#include "ui/player.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

const unsigned player_speeds[] = { 0, 8, 30, 80, 200, 500 };
const size_t   player_nspeeds = sizeof player_speeds / sizeof player_speeds[0];
const char *const player_speed_names[] = { "instant", "fast", "brisk", "normal",
	"slow", "slowest" };

int
player_speed_find(const char *name)
{
	size_t i;

	for (i = 0; i < player_nspeeds; i++)
		if (strcmp(player_speed_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* A step's animation is squeezed to about this many events' time. */
#define PLAYER_SQUEEZE 48

static char *
player_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
player_step_copy(struct step *dst, const struct step *src)
{
	size_t	      i;
	struct event *ev;

	step_init(dst);
	for (i = 0; i < src->nev; i++) {
		ev = step_emit(dst, src->ev[i].kind);
		*ev = src->ev[i];
		ev->text = player_dup(src->ev[i].text);
	}
	for (i = 0; i < src->nframes; i++)
		step_add_frames(dst, src->frames[i].pfn, src->frames[i].count);
	dst->status = src->status;
	dst->addr = src->addr;
	dst->size = src->size;
	dst->reason = player_dup(src->reason);
	dst->what = player_dup(src->what);
	dst->slept = src->slept;
	dst->reclaimed = src->reclaimed;
	dst->zeroed = src->zeroed;
	dst->faults = src->faults;
}

static void
player_item_clear(struct player_item *it)
{
	free(it->source);
	free(it->name);
	free(it->arg);
	free(it->error);
	free(it->batch);
	step_free(&it->step);
	memset(it, 0, sizeof *it);
}

static void
player_item_set(struct player_item *it, const struct script_result *r)
{
	player_item_clear(it);
	it->kind = r->kind;
	it->source = player_dup(r->source);
	it->name = player_dup(r->name);
	it->arg = player_dup(r->arg);
	it->error = player_dup(r->error);
	it->batch = player_dup(r->batch);
	it->sleep_ms = r->sleep_ms;
	it->typed = r->pc == SIZE_MAX;
	it->unexpected = r->unexpected;
	if (r->kind == SCRIPT_OP && r->step != NULL)
		player_step_copy(&it->step, r->step);
	else
		step_init(&it->step);
}

void
player_init(struct player *p, struct script_interp *ip)
{
	memset(p, 0, sizeof *p);
	p->ip = ip;
	p->speed = PLAYER_DEFAULT_SPEED;
	p->shadow = frame_shadow_create();
	step_init(&p->item.step);
}

static void
player_log_cut(struct player *p, size_t n)
{
	while (p->nredo > n)
		free(p->redo[--p->nredo].source);
	if (p->first_typed > p->nredo)
		p->first_typed = p->nredo;
}

void
player_free(struct player *p)
{
	player_item_clear(&p->item);
	player_log_cut(p, 0);
	free(p->redo);
	frame_shadow_destroy(p->shadow);
	memset(p, 0, sizeof *p);
}

/* Appends the item to the log: a typed line keeps its text. */
static void
player_log_add(struct player *p, const struct player_item *it)
{
	struct player_redo *e;
	int		    none;

	if (p->nredo == p->redocap) {
		p->redocap = p->redocap ? p->redocap * 2 : 64;
		p->redo = xreallocarray(p->redo, p->redocap, sizeof *p->redo);
	}
	none = p->first_typed == p->nredo;
	e = &p->redo[p->nredo++];
	e->typed = it->typed;
	e->source = it->typed ? player_dup(it->source) : NULL;
	if (none && !it->typed)
		p->first_typed = p->nredo;
}

static void
player_rebuild_shadow(struct player *p)
{
	const struct machine *m = script_interp_machine(p->ip);
	size_t		      i;

	frame_shadow_rewind(p->shadow);
	for (i = 0; i < p->shown; i++)
		frame_shadow_apply(p->shadow, m, &p->item.step.ev[i]);
}

/* The shadow's frames stand for the machine's: same table size. */
static int
player_shadow_fits(const struct player *p)
{
	const struct machine *m = script_interp_machine(p->ip);

	return frame_nframes(m, p->shadow) == phys_nframes(m);
}

static size_t
player_nevents(const struct player *p)
{
	if (!p->has_item)
		return 0;
	return p->item.kind == SCRIPT_OP ? p->item.step.nev : 1;
}

/* Executes the next statement (from the log first) and makes it current. */
static int
player_fetch(struct player *p)
{
	const struct script_result *r;
	struct player_redo *e = p->hist < p->nredo ? &p->redo[p->hist] : NULL;
	char		   *cause = NULL;

	if (e != NULL && e->typed &&
	    script_interp_push_line(p->ip, e->source, &cause) < 0) {
		free(cause);
		player_log_cut(p, p->hist);
		e = NULL;
	}
	frame_shadow_snapshot(p->shadow, script_interp_machine(p->ip));
	if ((r = script_interp_next(p->ip)) == NULL) {
		p->animating = 0;
		return PLAYER_END;
	}
	player_item_set(&p->item, r);
	p->has_item = 1;
	if (e == NULL || e->typed != p->item.typed ||
	    (e->typed && strcmp(e->source, p->item.source) != 0)) {
		player_log_cut(p, p->hist);
		player_log_add(p, &p->item);
	}
	p->hist++;
	p->shown = 0;
	p->animating = p->item.kind == SCRIPT_OP && player_shadow_fits(p);
	if (p->animating)
		player_rebuild_shadow(p);
	return PLAYER_DIRTY | PLAYER_NEWITEM;
}

/* Marks the current item fully shown. */
void
player_finish_item(struct player *p)
{
	p->shown = player_nevents(p);
	p->animating = 0;
}

static int
player_arrive(struct player *p)
{
	if (p->item.kind == SCRIPT_PAUSE) {
		p->waiting = 1;
		p->playing = 0;
		return PLAYER_DIRTY | PLAYER_WAIT;
	}
	return PLAYER_DIRTY;
}

int
player_step(struct player *p)
{
	int bits;

	p->waiting = 0;
	if (!p->has_item || p->shown >= player_nevents(p)) {
		bits = player_fetch(p);
		if (bits & PLAYER_END)
			return bits;
		if (p->item.kind != SCRIPT_OP || p->item.step.nev == 0)
			player_finish_item(p);
		return bits | player_arrive(p);
	}
	if (p->animating)
		frame_shadow_apply(p->shadow, script_interp_machine(p->ip),
		    &p->item.step.ev[p->shown]);
	if (++p->shown >= player_nevents(p))
		player_finish_item(p);
	return PLAYER_DIRTY;
}

int
player_step_op(struct player *p)
{
	int bits = 0;

	p->waiting = 0;
	if (!p->has_item || p->shown >= player_nevents(p)) {
		bits = player_fetch(p);
		if (bits & PLAYER_END)
			return bits;
	}
	player_finish_item(p);
	return bits | player_arrive(p);
}

/*
 * Rewinds to just before log entry k; with execute, runs it again and
 * makes it current, else nothing is current (the very start).
 */
static int
player_reenter(struct player *p, size_t k, int execute)
{
	char *cause = NULL;

	if (script_interp_rewind(p->ip, k, &cause) != 0) {
		free(cause);
		return 0;
	}
	p->hist = k;
	p->has_item = 0;
	p->shown = 0;
	p->animating = 0;
	if (execute && p->hist < p->nredo)
		player_fetch(p);
	return PLAYER_DIRTY | PLAYER_NEWITEM;
}

int
player_back(struct player *p)
{
	size_t n;

	p->waiting = 0;
	if (p->has_item && p->shown > 0 && p->item.kind == SCRIPT_OP &&
	    player_shadow_fits(p)) {
		p->shown--;
		p->animating = 1;
		player_rebuild_shadow(p);
		return PLAYER_DIRTY;
	}
	/* After a jump nothing is current: the state is the one after
	 * statement hist - 1, whose last event is one step back. */
	if (!p->has_item && p->hist == 0)
		return 0;
	if (p->has_item && p->hist < 2)
		return player_reenter(p, 0, 0);
	if (player_reenter(p, p->hist - (p->has_item ? 2 : 1), 1) == 0)
		return 0;
	n = player_nevents(p);
	if (p->item.kind == SCRIPT_OP && n > 0) {
		p->shown = n - 1;
		p->animating = 1;
		player_rebuild_shadow(p);
	} else {
		player_finish_item(p);
	}
	return PLAYER_DIRTY | PLAYER_NEWITEM;
}

int
player_back_op(struct player *p)
{
	p->waiting = 0;
	if (p->has_item && p->shown > 0 && p->item.kind == SCRIPT_OP &&
	    p->item.step.nev > 0) {
		p->shown = 0;
		p->animating = 1;
		player_rebuild_shadow(p);
		return PLAYER_DIRTY;
	}
	/* A jump leaves nothing current, at the same position as an
	 * item shown whole: one operation back is the same either way. */
	if (!p->has_item && p->hist == 0)
		return 0;
	if (p->hist < 2)
		return player_reenter(p, 0, 0);
	return player_reenter(p, p->hist - 2, 1);
}

int
player_push_line(struct player *p, const char *line, char **cause)
{
	int n;

	n = script_interp_push_line(p->ip, line, cause);
	if (n > 0) {
		player_log_cut(p, p->hist);
		if (p->has_item)
			player_finish_item(p);
		p->waiting = 0;
	}
	return n;
}

const struct frame_shadow *
player_shadow(const struct player *p)
{
	return p->animating ? p->shadow : NULL;
}

struct frame_state
player_frame(const struct player *p, const struct machine *m, uint64_t pfn)
{
	return frame_state(m, player_shadow(p), pfn);
}

const struct event *
player_current_event(const struct player *p)
{
	if (!p->has_item || p->item.kind != SCRIPT_OP || p->shown == 0 ||
	    p->shown > p->item.step.nev)
		return NULL;
	return &p->item.step.ev[p->shown - 1];
}

/* The delay after one event (or a whole non-operation item). */
static unsigned
player_event_ms(enum script_kind kind, size_t nev, const char *text,
    unsigned sleep_ms, unsigned speed)
{
	unsigned ms = player_speeds[speed];

	if (ms == 0)
		return 0;
	if (kind == SCRIPT_SLEEP)
		return sleep_ms;
	if (kind == SCRIPT_SAY && text != NULL)
		return ms * 12 + 30 * (unsigned)strlen(text);
	if (nev > PLAYER_SQUEEZE)
		ms = (unsigned)(ms * PLAYER_SQUEEZE / nev);
	return ms > 0 ? ms : 1;
}

unsigned
player_delay(const struct player *p)
{
	if (!p->has_item)
		return player_speeds[p->speed];
	return player_event_ms(p->item.kind, p->item.step.nev, p->item.arg,
	    p->item.sleep_ms, p->speed);
}

/* An operation shows each event, then the loop's one tick to move on. */
unsigned
player_item_ms(enum script_kind kind, size_t nev, const char *text,
    unsigned sleep_ms, unsigned speed)
{
	unsigned each = player_event_ms(kind, nev, text, sleep_ms, speed);

	if (speed >= player_nspeeds)
		return 0;
	if (kind != SCRIPT_OP || nev == 0)
		return each;
	return each * (unsigned)nev + each;
}

int
player_script_ms(const struct script_program *prog, unsigned speed,
    uint64_t *ms, size_t *npauses, char **cause)
{
	struct script_interp *ip = script_interp_create(prog, NULL, cause);
	const struct script_result *r;

	*ms = 0;
	*npauses = 0;
	if (ip == NULL)
		return -1;
	while ((r = script_interp_next(ip)) != NULL) {
		*ms += player_item_ms(r->kind,
		    r->step != NULL ? r->step->nev : 0, r->arg, r->sleep_ms,
		    speed);
		*npauses += r->kind == SCRIPT_PAUSE;
	}
	script_interp_destroy(ip);
	return 0;
}

/* Program entries up to n (the log held fewer). */
static void
player_log_extend(struct player *p, size_t pc)
{
	int none = p->first_typed == p->nredo;

	if (pc > p->redocap) {
		p->redocap = pc > p->redocap * 2 ? pc : p->redocap * 2;
		p->redo = xreallocarray(p->redo, p->redocap, sizeof *p->redo);
	}
	if (pc > p->nredo) {
		memset(&p->redo[p->nredo], 0,
		    (pc - p->nredo) * sizeof *p->redo);
		p->nredo = pc;
	}
	if (none)
		p->first_typed = p->nredo;
}

/*
 * The log becomes the program's first pc statements: the entries before
 * the first typed one stay (they are the program's), and so do those
 * after pc when there is no typed one at all, for PageDown to replay.
 */
static void
player_log_program(struct player *p, size_t pc)
{
	player_log_cut(p, p->first_typed);
	player_log_extend(p, pc);
	p->first_typed = p->nredo;
}

int
player_goto(struct player *p, size_t pc)
{
	char *cause = NULL;

	if (script_interp_goto(p->ip, pc, &cause) != 0) {
		free(cause);
		return 0;
	}
	player_log_program(p, pc);
	p->hist = pc;
	p->has_item = 0;
	p->shown = 0;
	p->animating = 0;
	p->waiting = 0;
	return PLAYER_DIRTY | PLAYER_NEWITEM;
}

int
player_skip(struct player *p, size_t pc, size_t most)
{
	size_t from = script_interp_history_len(p->ip), n;

	if (script_interp_run_to(p->ip, pc, most, 1) == 0)
		return 0;
	n = script_interp_history_len(p->ip);
	/* what ran replaces a log that said otherwise */
	if (p->first_typed >= from && p->first_typed < n)
		player_log_cut(p, from);
	player_log_extend(p, n);
	p->hist = n;
	p->has_item = 0;
	p->shown = 0;
	p->animating = 0;
	p->waiting = 0;
	return PLAYER_DIRTY | PLAYER_NEWITEM;
}

int
player_item_done(const struct player *p)
{
	return !p->has_item || p->shown >= player_nevents(p);
}

size_t
player_position(const struct player *p)
{
	return p->hist;
}
