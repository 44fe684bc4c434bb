/*
 * keymap.c - the default key bindings.
 *
 * "ask TEMPLATE" opens the prompt for a size and runs the template with
 * it, naming the result; "free" frees whatever is selected.  Rows that
 * share a command (n and the right arrow) are listed together in help.
 */
#include "ui/keymap.h"

#include <curses.h>

const struct keymap_entry keymap[] = {
	{ ' ',		"space",	"play",		"play / pause the replay" },
	{ 'n',		"n",		"step",		"show the next event" },
	{ KEY_RIGHT,	"right",	"step",		"show the next event" },
	{ 'N',		"N",		"step-op",	"finish this operation / run the next" },
	{ ']',		"]",		"step-op",	"finish this operation / run the next" },
	{ KEY_LEFT,	"left",		"back",		"step back one event" },
	{ KEY_BACKSPACE, "backspace",	"back",		"step back one event" },
	{ 127,		"backspace",	"back",		"step back one event" },
	{ 'P',		"P",		"back-op",	"step back one operation" },
	{ '[',		"[",		"back-op",	"step back one operation" },
	{ KEY_NPAGE,	"PageDown",	"next-pause",	"clicker: play on to the next pause (again: finish the part at once)" },
	{ KEY_PPAGE,	"PageUp",	"prev-pause",	"clicker: back to the previous pause" },
	{ 'g',		"g",		"ask !goto-pause %s", "go to the N-th pause (asks for N)" },
	{ 'b',		"b",		"blank",	"clicker: blank the screen; any key brings it back" },
	{ '.',		".",		"blank",	"clicker: blank the screen; any key brings it back" },
	{ '+',		"+",		"faster",	"animate faster (down to instant)" },
	{ '-',		"-",		"slower",	"animate slower" },
	{ ':',		":",		"prompt",	"type any statement (tab completes, up/down history)" },
	{ 'k',		"k",		"ask kmalloc(%s, GFP_KERNEL)", "kmalloc: asks for a size" },
	{ 'z',		"z",		"ask kzalloc(%s, GFP_KERNEL)", "kzalloc: asks for a size" },
	{ 'v',		"v",		"ask vmalloc(%s)", "vmalloc: asks for a size" },
	{ 'm',		"m",		"ask malloc(%s)", "malloc: asks for a size" },
	{ 'f',		"f",		"free",		"free the selection (kfree, vfree, free, free_pages)" },
	{ '\t',		"tab",		"focus-next",	"move the keyboard to the next view" },
	{ KEY_BTAB,	"shift-tab",	"focus-prev",	"move the keyboard to the previous view" },
	{ KEY_UP,	"up",		"view",		"move the cursor in the view (selects)" },
	{ KEY_DOWN,	"down",		"view",		"move the cursor in the view (selects)" },
	{ 'h',		"h",		"view",		"cursor left (RAM grid, a slab's objects)" },
	{ 'l',		"l",		"view",		"cursor right (RAM grid, a slab's objects)" },
	{ '<',		"<",		"view",		"RAM grid: more frames per cell" },
	{ '>',		">",		"view",		"RAM grid: fewer frames per cell" },
	{ '=',		"=",		"view",		"RAM grid: fit the whole machine" },
	{ '\r',		"enter",	"inspect",	"open / close the inspector" },
	{ 'i',		"i",		"inspect",	"open / close the inspector" },
	{ 'Z',		"Z",		"zoom",		"show the focused view full screen" },
	{ 'L',		"L",		"legend",	"show what colours and glyphs mean" },
	{ 'B',		"B",		":show buddyinfo", "show /proc/buddyinfo" },
	{ 'S',		"S",		":show slabinfo", "show /proc/slabinfo" },
	{ 'V',		"V",		":show vmallocinfo", "show /proc/vmallocinfo" },
	{ 'M',		"M",		":show maps",	"show the process's /proc/PID/maps" },
	{ '?',		"?",		"help",		"this list of keys" },
	{ 27,		"esc",		"close",	"close the overlay, clear the selection" },
	{ 'q',		"q",		"quit",		"quit and restore the terminal" },
};

const size_t keymap_len = sizeof keymap / sizeof keymap[0];

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
