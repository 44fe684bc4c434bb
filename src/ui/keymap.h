/*
 * keymap.h - keys bound to commands and statements, with their help.
 *
 * As tmux's key-bindings.c, a key is bound to text: a UI command
 * ("step", "zoom") or, after a ':', a script statement, so every key is
 * something a script could say too.  The help overlay and the man page's
 * KEYS section are generated from this one table.
 */
#ifndef MEMVIZ_UI_KEYMAP_H
#define MEMVIZ_UI_KEYMAP_H

#include <stddef.h>

struct keymap_entry {
	int		 key;		/* curses key code */
	const char	*keyname;	/* as the help shows it */
	const char	*command;	/* UI command, or ":statement" */
	const char	*help;
};

extern const struct keymap_entry keymap[];
extern const size_t keymap_len;

/* The binding for key, or NULL. */
const struct keymap_entry *keymap_find(int key);

#endif
