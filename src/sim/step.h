/*
 * step.h - the record of one operation on the machine.
 *
 * A step holds the events an operation caused, in the order the modelled
 * code performed them, and its result: the value returned, the frames it
 * lives on, and on failure the status and the text the real kernel or
 * libc prints.  The caller owns the step; the machine fills it.
 */
#ifndef MEMVIZ_SIM_STEP_H
#define MEMVIZ_SIM_STEP_H

#include <stddef.h>
#include <stdint.h>

#include "sim/event.h"
#include "sim/status.h"

/* A run of physically contiguous frames a result landed on. */
struct pfn_range {
	uint64_t pfn;
	uint64_t count;
};

/*
 * The record of one operation.  The caller owns it; step_init() once,
 * then every machine_*() operation resets and fills it.
 */
struct step {
	struct event *ev;
	size_t	      nev, cap;

	enum sim_status status; /* SIM_OK or why it failed */
	uint64_t	addr;	/* the value returned (0 = NULL) */
	uint64_t	size;	/* bytes actually reserved */
	char	       *reason; /* failure text as the kernel/libc says it */
	char	       *what;	/* short outcome tag, e.g. "kmalloc-128" */

	struct pfn_range *frames; /* frames the result lives on */
	size_t		  nframes, framecap;

	/* step_set_what's buffer, kept across resets, and the constant
	 * tag it holds (or NULL) */
	char	   *what_buf;
	size_t	    what_cap;
	const char *what_const;

	int	     slept;	/* direct reclaim happened */
	uint64_t     reclaimed; /* pages reclaimed in this step */
	uint64_t     zeroed;	/* bytes zeroed */
	uint64_t     faults;	/* page faults taken */
	unsigned     cpu;	/* the CPU the operation ran on */
	int	     silent;	/* when set, events are not recorded */
	struct event scratch;	/* target of step_emit() when silent */
};

void step_init(struct step *st);
/* step_reset's part for the texts: events', reason and a tag of its own. */
void step_clear_text(struct step *st);
/* Forgets all events and results; keeps the memory.  Inline: every
 * operation resets two steps. */
static inline void
step_reset(struct step *st)
{
	/* most steps have no text to free: a tag in what_buf, or none */
	if (st->nev != 0 || st->reason != NULL ||
	    (st->what != NULL && st->what != st->what_buf))
		step_clear_text(st);
	st->what = NULL;
	st->nev = 0;
	st->nframes = 0;
	st->status = SIM_OK;
	st->addr = 0;
	st->size = 0;
	st->slept = 0;
	st->reclaimed = st->zeroed = st->faults = 0;
}
void step_free(struct step *st);

/*
 * Appends an event; returns it so callers can set further fields.  st is
 * never NULL; when it is silent the event goes to a scratch slot and is
 * dropped (the machine boots and ages itself through a silent step).
 */
struct event *step_emit(struct step *st, enum event_kind kind);
/* Appends an event with a formatted text. */
struct event *step_emitf(struct step *st, enum event_kind kind, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
/* Records the result's frames; adjacent ranges are merged. */
void step_add_frames_grow(struct step *st, uint64_t pfn, uint64_t count);
/* step_add_frames_grow, with its common case inline: a new range, and
 * room for it. */
static inline void
step_add_frames(struct step *st, uint64_t pfn, uint64_t count)
{
	size_t n = st->nframes;

	if (count == 0 || n == st->framecap ||
	    (n > 0 && st->frames[n - 1].pfn + st->frames[n - 1].count == pfn)) {
		step_add_frames_grow(st, pfn, count);
		return;
	}
	st->frames[n].pfn = pfn;
	st->frames[n].count = count;
	st->nframes = n + 1;
}
/* Marks the step failed with a status and the real system's message. */
enum sim_status step_fail(struct step *st, enum sim_status status,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets the outcome tag; fmt is a string literal (a tag without '%' is
 * recognised by its address on the next step). */
void step_set_what(struct step *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same for a tag that is a string literal, without formatting (a
 * malloc sets one every call). */
void step_set_tag(struct step *st, const char *tag);

#endif
