/*
 * step.c - steps: the events and result of one operation.
 *
 * Events are appended in the order the modelled code performs them, so
 * replaying a step's events one by one retells the operation.
 */
#include "sim/step.h"
#include "common/xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
step_init(struct step *st)
{
	memset(st, 0, sizeof *st);
}

void
step_clear_text(struct step *st)
{
	size_t i;

	for (i = 0; i < st->nev; i++)
		free(st->ev[i].text);
	if (st->reason != NULL) { /* most steps have none: skip the call */
		free(st->reason);
		st->reason = NULL;
	}
	if (st->what != NULL && st->what != st->what_buf) /* set by hand */
		free(st->what);
	st->what = NULL;
}

void
step_free(struct step *st)
{
	step_clear_text(st);
	free(st->ev);
	free(st->frames);
	free(st->what_buf);
	memset(st, 0, sizeof *st);
}

struct event *
step_emit(struct step *st, enum event_kind kind)
{
	struct event *ev;

	if (st->silent) {
		memset(&st->scratch, 0, sizeof st->scratch);
		return &st->scratch;
	}
	if (st->nev == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->ev = xreallocarray(st->ev, st->cap, sizeof *st->ev);
	}
	ev = &st->ev[st->nev++];
	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	ev->cache = -1;
	ev->zone = -1;
	ev->pfn = EVENT_NONE;
	ev->addr = EVENT_NONE;
	return ev;
}

struct event *
step_emitf(struct step *st, enum event_kind kind, const char *fmt, ...)
{
	struct event *ev = step_emit(st, kind);
	va_list	      ap;
	char	      buf[512];

	if (st->silent)
		return ev;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ev->text = xstrdup(buf);
	return ev;
}

void
step_add_frames_grow(struct step *st, uint64_t pfn, uint64_t count)
{
	struct pfn_range *last;

	if (count == 0)
		return;
	if (st->nframes > 0) {
		last = &st->frames[st->nframes - 1];
		if (last->pfn + last->count == pfn) {
			last->count += count;
			return;
		}
	}
	if (st->nframes == st->framecap) {
		st->framecap = st->framecap ? st->framecap * 2 : 8;
		st->frames = xreallocarray(st->frames, st->framecap,
		    sizeof *st->frames);
	}
	st->frames[st->nframes].pfn = pfn;
	st->frames[st->nframes].count = count;
	st->nframes++;
}

enum sim_status
step_fail(struct step *st, enum sim_status status, const char *fmt, ...)
{
	va_list ap;
	char	buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	st->status = status;
	st->addr = 0;
	free(st->reason);
	st->reason = xstrdup(buf);
	return status;
}

/* what becomes what_buf's tag. */
static void
step_set_what_buf(struct step *st)
{
	if (st->what != NULL && st->what != st->what_buf)
		free(st->what);
	st->what = st->what_buf;
}

/*
 * The tag becomes the n bytes at s.  The buffer stays from step to step:
 * an operation sets a tag or two, and a malloc/free trace runs millions.
 * s may be the old tag, so it is copied before anything is freed.
 */
static void
step_what_store(struct step *st, const char *s, size_t n)
{
	char *tag;

	if (n + 1 > st->what_cap) {
		tag = xmalloc(n + 1 > 32 ? n + 1 : 32);
		memcpy(tag, s, n);
		if (st->what == st->what_buf)
			st->what = NULL; /* going with the old buffer */
		free(st->what_buf);
		st->what_buf = tag;
		st->what_cap = n + 1 > 32 ? n + 1 : 32;
	} else
		memmove(st->what_buf, s, n);
	st->what_buf[n] = '\0';
	step_set_what_buf(st);
}

void
step_set_tag(struct step *st, const char *tag)
{
	size_t n;

	if (tag == st->what_const) { /* its text is still there */
		step_set_what_buf(st);
		return;
	}
	n = strlen(tag);
	/* cut as step_set_what's buffer cuts it, then not known whole */
	step_what_store(st, tag, n > 255 ? 255 : n);
	st->what_const = n > 255 ? NULL : tag;
}

void
step_set_what(struct step *st, const char *fmt, ...)
{
	va_list	    ap;
	char	    buf[256];
	const char *s = fmt, *constant = NULL;
	size_t	    n;

	/* The same constant tag as the last one: its text is still there. */
	if (fmt == st->what_const) {
		step_set_what_buf(st);
		return;
	}
	st->what_const = NULL;
	/* Most tags are a constant or one "%s": skip the formatting. */
	va_start(ap, fmt);
	if (strcmp(fmt, "%s") == 0) {
		if ((s = va_arg(ap, const char *)) == NULL)
			s = "(null)"; /* as glibc's printf */
	} else if (strchr(fmt, '%') != NULL) {
		vsnprintf(buf, sizeof buf, fmt, ap);
		s = buf;
	} else
		constant = fmt;
	va_end(ap);
	if ((n = strlen(s)) > sizeof buf - 1)
		n = sizeof buf - 1;
	else
		st->what_const = constant; /* whole: known by its address */
	step_what_store(st, s, n);
}
