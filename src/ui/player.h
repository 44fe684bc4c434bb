/*
 * player.h - the animation player: walks executed statements event by
 * event, forwards and backwards.
 *
 * The interpreter executes a whole statement at once; the player then
 * shows its step's events one at a time.  For that it keeps a shadow of
 * the frame table: the frames as they were before the statement, with
 * the events shown so far applied.  Views read frames through
 * player_frame(), which is the shadow while a step is being shown and
 * the machine's own frame otherwise.
 *
 * Stepping back never undoes anything in the machine: the sim is
 * deterministic, so the player rewinds the interpreter to before the
 * statement (script_interp_rewind) and executes it again, and keeps the
 * statements it stepped over on a redo list so stepping forward
 * re-executes exactly the same text.
 *
 * No curses here: the player is tested without a terminal.
 */
#ifndef MEMVIZ_UI_PLAYER_H
#define MEMVIZ_UI_PLAYER_H

#include <stddef.h>
#include <stdint.h>

#include "script/script.h"
#include "sim/event.h"
#include "sim/page/frame-state.h"

/* What the player shows now: one executed statement, copied. */
struct player_item {
	enum script_kind kind;
	char		*source; /* valid script text */
	char		*name;	 /* assigned/freed name, or NULL */
	char		*arg;	 /* say/show/focus text, or NULL */
	char		*error;	 /* a run-time script error, or NULL */
	char		*batch;	 /* what --batch prints for it, or NULL */
	unsigned	 sleep_ms;
	int		 typed;	     /* from the prompt, not the program */
	int		 unexpected; /* a failure the script did not expect */
	struct step	 step;	     /* a deep copy (SCRIPT_OP) */
};

/*
 * An entry of the log of the timeline: a typed line's text, to push it
 * again; a program statement needs none, the interpreter knows it.
 */
struct player_redo {
	char *source; /* typed: the statement; else NULL */
	int   typed;
};

/* What the loop should do after a player call, as bits. */
#define PLAYER_DIRTY   0x1 /* something to redraw */
#define PLAYER_NEWITEM 0x2 /* a new statement is current */
#define PLAYER_WAIT    0x4 /* stopped at a pause: waiting for a key */
#define PLAYER_END     0x8 /* nothing left to run */

struct player {
	struct script_interp *ip;
	int		      has_item;
	struct player_item    item;
	size_t		      shown; /* events of item shown */
	size_t		      hist;  /* history entries incl. item */

	/* Frames before the item ran, with `shown` events applied. */
	struct frame_shadow *shadow;
	int		     animating; /* shadow is in use */

	/* Statements stepped back over, newest last. */
	struct player_redo *redo;
	size_t		    nredo, redocap;
	size_t		    first_typed; /* log index, nredo when none */

	int	 playing;
	int	 waiting;     /* at a pause */
	unsigned speed;	      /* index into player_speeds */
	uint64_t next_due_ms; /* when the next tick is due */
};

/* Milliseconds per event at each speed; 0 is instant. */
extern const unsigned	 player_speeds[];
extern const size_t	 player_nspeeds;
extern const char *const player_speed_names[];
/* The speed a replay starts at. */
#define PLAYER_DEFAULT_SPEED 3
/* The index of the speed called name, or -1 when no speed has it. */
int player_speed_find(const char *name);

void player_init(struct player *p, struct script_interp *ip);
void player_free(struct player *p);

/*
 * Advances one event; at the end of the item's events takes the next
 * statement from the interpreter (the redo list first).  Returns
 * PLAYER_* bits.
 */
int player_step(struct player *p);
/* Runs the rest of the current item and stops at the next item's start. */
int player_step_op(struct player *p);
/* Back one event; across an item's start, re-executes the item before. */
int player_back(struct player *p);
/* Back to the start of the current item (or the one before). */
int player_back_op(struct player *p);
/* Shows every remaining event of the current item at once. */
void player_finish_item(struct player *p);

/*
 * Rebuilds the state after the program's first pc statements, quietly
 * (script_interp_goto), with nothing current: the next step runs
 * statement pc.  Typed lines and the redo list are dropped.  Returns
 * PLAYER_* bits, 0 when the interpreter refused.
 */
int player_goto(struct player *p, size_t pc);
/*
 * Fast-forward: runs the program's operations on quietly to pc
 * statements, at most `most` of them, stopping before any other
 * statement, keeping the timeline (typed lines before stay), with
 * nothing current after.  0 when nothing ran (typed lines queued, or
 * already there); else PLAYER_* bits.
 */
int player_skip(struct player *p, size_t pc, size_t most);
/* The current item is fully shown: the next step runs a statement. */
int player_item_done(const struct player *p);
/*
 * How long the player shows an item at a speed, in ms, without waiting
 * for keys: the time a replay takes is the sum over its statements.
 * nev: the step's events (operations); text: a say's caption.
 */
unsigned player_item_ms(enum script_kind kind, size_t nev, const char *text,
    unsigned sleep_ms, unsigned speed);

/*
 * Plays a program headless, as the player would at speed with nobody
 * pressing keys: *ms gets the time it shows things (pauses count
 * nothing, they wait for the teacher), *npauses how many it waits at.
 * Returns 0, or -1 with *cause when the machine cannot boot.
 */
int player_script_ms(const struct script_program *prog, unsigned speed,
    uint64_t *ms, size_t *npauses, char **cause);

/*
 * Queues a typed line (see script_interp_push_line) and forgets the
 * statements stepped back over: a new line starts a new timeline.
 */
int player_push_line(struct player *p, const char *line, char **cause);

/* The frame as currently shown (shadow while animating). */
struct frame_state player_frame(const struct player *p, const struct machine *m,
    uint64_t pfn);
/* The shadow while animating, else NULL: the machine's frames show. */
const struct frame_shadow *player_shadow(const struct player *p);
/* The event just shown, or NULL. */
const struct event *player_current_event(const struct player *p);
/* Delay in ms before the next event at the current speed. */
unsigned player_delay(const struct player *p);
/* The interpreter's statements executed and shown (for "op k"). */
size_t player_position(const struct player *p);

#endif
