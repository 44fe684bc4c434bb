/*
 * prompt.h - the one-line prompt: any statement, history, completion.
 *
 * The line editor itself is plain data (tested without curses); the
 * completion words come from script_complete(), so the prompt completes
 * exactly what the parser accepts.
 */
#ifndef MEMVIZ_UI_PROMPT_H
#define MEMVIZ_UI_PROMPT_H

#include <stddef.h>

#define PROMPT_HISTORY 100

/* What prompt_key() reports. */
#define PROMPT_GOING  0 /* still editing */
#define PROMPT_DONE   1 /* Enter: the line is in buf */
#define PROMPT_CANCEL 2 /* Esc or ^C */

struct script_interp;

struct prompt {
	int    active;
	char   label[64];
	char  *tmpl; /* "ask" template with %s, or NULL */
	char  *buf;  /* the line, grown as typed: never cut short */
	size_t len, cur, cap;
	char  *hist[PROMPT_HISTORY];
	size_t nhist, hpos;
	char   hint[256]; /* completion candidates */
};

void prompt_open(struct prompt *p, const char *label, const char *tmpl);
void prompt_close(struct prompt *p);
void prompt_free(struct prompt *p);
/* Edits the line; ip (may be NULL) supplies completions on tab. */
int prompt_key(struct prompt *p, const struct script_interp *ip, int key);
/* Remembers a line (not twice in a row). */
void prompt_remember(struct prompt *p, const char *line);

#endif
