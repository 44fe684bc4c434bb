/*
 * keymap.h - keys bound to commands and statements, with their help.
 *
 * As tmux's key-bindings.c, a key is bound to text: a UI command
 * ("step", "zoom") or, after a ':', a script statement, so every key is
 * something a script could say too.  The help overlay and the man page's
 * KEYS section are generated from this one table.
 *
 * A `pause` is a place a class looks around: there a key runs its
 * at_pause command instead (NULL: the same command).  Only the keys
 * whose command at a pause plays (keymap_goes_on) leave it; every other
 * key explores and the lesson stays where it is.
 */
#ifndef MEMVIZ_UI_KEYMAP_H
#define MEMVIZ_UI_KEYMAP_H

#include <stddef.h>

struct keymap_entry {
	int	    key;     /* curses key code */
	const char *keyname; /* as the help shows it */
	const char *command; /* UI command, or ":statement" */
	const char *help;
	const char *at_pause; /* the command at a pause, or NULL */
};

extern const struct keymap_entry keymap[];
extern const size_t		 keymap_len;

/* The binding for key, or NULL. */
const struct keymap_entry *keymap_find(int key);
/* The command e runs now: at a pause (at_pause) or not. */
const char *keymap_command(const struct keymap_entry *e, int at_pause);
/* The button a mouse event's bstate (curses' mmask_t) reports: 1 for a
 * press or click of the first button, 4 and 5 for the wheel, 0 else. */
int keymap_button(unsigned long bstate);
/* At a pause e goes on with the lesson (plays the next part). */
int keymap_goes_on(const struct keymap_entry *e);

#endif
