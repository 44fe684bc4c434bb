/*
 * keymap.c - the default key bindings.
 *
 * "ask TEMPLATE" opens the prompt for a size and runs the template with
 * it, naming the result; "free" frees whatever is selected.  Rows that
 * share a command (n and the right arrow) are listed together in help.
 *
 * At a pause space, enter, n and PageDown go on; the arrows move the
 * cursor as h and l do, so looking around never steps the lesson.
 */
#include "ui/keymap.h"

#include <curses.h>
#include <string.h>

const struct keymap_entry keymap[] = {
	{ ' ', "space", "play", "play / pause the replay; at a pause, go on",
	    "play" },
	{ 'n', "n", "step", "show the next event; at a pause, go on", "play" },
	{ KEY_RIGHT, "right", "step",
	    "show the next event; at a pause, cursor right", "view l" },
	{ 'N', "N", "step-op", "finish this operation / run the next", NULL },
	{ ']', "]", "step-op", "finish this operation / run the next", NULL },
	{ KEY_LEFT, "left", "back",
	    "step back one event; at a pause, cursor left", "view h" },
	{ KEY_BACKSPACE, "backspace", "back", "step back one event", NULL },
	{ 127, "backspace", "back", "step back one event", NULL },
	{ 'P', "P", "back-op", "step back one operation", NULL },
	{ '[', "[", "back-op", "step back one operation", NULL },
	{ KEY_NPAGE, "PageDown", "next-pause",
	    "clicker: play on to the next pause (again: finish the part at "
	    "once)",
	    "next-pause" },
	{ KEY_PPAGE, "PageUp", "prev-pause",
	    "clicker: back to the previous pause", NULL },
	{ 'g', "g", "ask !goto-pause %s", "go to the N-th pause (asks for N)",
	    NULL },
	{ 'o', "o", "ask !goto-op %s",
	    "go to operation N of the replay (asks for N)", NULL },
	{ KEY_HOME, "Home", "start", "go to the start of the replay", NULL },
	{ KEY_END, "End", "end",
	    "run on to the end at full speed (space or Esc stops)", NULL },
	{ 'b', "b", "blank",
	    "clicker: blank the screen; any key brings it back", NULL },
	{ '.', ".", "blank",
	    "clicker: blank the screen; any key brings it back", NULL },
	{ '+', "+", "faster", "animate faster (down to instant)", NULL },
	{ '-', "-", "slower", "animate slower", NULL },
	{ ':', ":", "prompt",
	    "type any statement (tab completes, up/down history)", NULL },
	{ 'k', "k", "ask kmalloc(%s, GFP_KERNEL)", "kmalloc: asks for a size",
	    NULL },
	{ 'z', "z", "ask kzalloc(%s, GFP_KERNEL)", "kzalloc: asks for a size",
	    NULL },
	{ 'v', "v", "ask vmalloc(%s)", "vmalloc: asks for a size", NULL },
	{ 'm', "m", "ask malloc(%s)", "malloc: asks for a size", NULL },
	{ 'f', "f", "free",
	    "free the selection (kfree, vfree, free, free_pages)", NULL },
	{ '\t', "tab", "focus-next", "move the keyboard to the next view",
	    NULL },
	{ KEY_BTAB, "shift-tab", "focus-prev",
	    "move the keyboard to the previous view", NULL },
	{ KEY_UP, "up", "view", "move the cursor in the view (selects)", NULL },
	{ KEY_DOWN, "down", "view", "move the cursor in the view (selects)",
	    NULL },
	{ 'h', "h", "view", "cursor left (RAM grid, a slab's objects)", NULL },
	{ 'l', "l", "view", "cursor right (RAM grid, a slab's objects)", NULL },
	{ '<', "<", "view", "RAM grid: more frames per cell", NULL },
	{ '>', ">", "view", "RAM grid: fewer frames per cell", NULL },
	{ '=', "=", "view", "RAM grid: fit the whole machine", NULL },
	{ 'a', "a", "view",
	    "user view: list the chunks of the next arena (the running "
	    "thread's, each arena, all)",
	    NULL },
	{ '\r', "enter", "inspect",
	    "open / close the inspector; at a pause, go on", "play" },
	{ 'i', "i", "inspect", "open / close the inspector", NULL },
	{ 'Z', "Z", "zoom", "show the focused view full screen", NULL },
	{ 'L', "L", "legend", "show what colours and glyphs mean", NULL },
	{ 'B', "B", ":show buddyinfo", "show /proc/buddyinfo", NULL },
	{ 'S', "S", ":show slabinfo", "show /proc/slabinfo", NULL },
	{ 'V', "V", ":show vmallocinfo", "show /proc/vmallocinfo", NULL },
	{ 'M', "M", ":show maps", "show the process's /proc/PID/maps", NULL },
	{ '?', "?", "help", "this list of keys", NULL },
	{ 27, "esc", "close",
	    "close the overlay or the /proc panel, clear the selection", NULL },
	{ 'J', "J", "show-down", "scroll the /proc panel (a show's text) down",
	    NULL },
	{ 'K', "K", "show-up", "scroll the /proc panel (a show's text) up",
	    NULL },
	{ 'O', "O", "show-open", "the /proc panel's text in a wide box", NULL },
	{ 'q', "q", "quit", "quit and restore the terminal", NULL },
};

const size_t keymap_len = sizeof keymap / sizeof keymap[0];

/* The commands that, at a pause, go on with the lesson. */
static const char *const keymap_going_on[] = { "play", "next-pause" };

/* The buttons the views act on; the wheel is buttons 4 and 5, as xterm
 * reports it (ncurses' BUTTON4_PRESSED, BUTTON5_PRESSED). */
static const struct {
	mmask_t mask;
	int	button;
} keymap_buttons[] = {
	{ BUTTON1_PRESSED | BUTTON1_CLICKED, 1 },
	{ BUTTON4_PRESSED, 4 },
	{ BUTTON5_PRESSED, 5 },
};

int
keymap_button(unsigned long bstate)
{
	size_t i;

	for (i = 0; i < sizeof keymap_buttons / sizeof keymap_buttons[0]; i++)
		if (bstate & keymap_buttons[i].mask)
			return keymap_buttons[i].button;
	return 0;
}

const struct keymap_entry *
keymap_find(int key)
{
	size_t i;

	for (i = 0; i < keymap_len; i++) {
		if (keymap[i].key == key)
			return &keymap[i];
	}
	return NULL;
}

const char *
keymap_command(const struct keymap_entry *e, int at_pause)
{
	return at_pause && e->at_pause != NULL ? e->at_pause : e->command;
}

int
keymap_goes_on(const struct keymap_entry *e)
{
	size_t i;

	for (i = 0; i < sizeof keymap_going_on / sizeof keymap_going_on[0]; i++)
		if (strcmp(keymap_command(e, 1), keymap_going_on[i]) == 0)
			return 1;
	return 0;
}
