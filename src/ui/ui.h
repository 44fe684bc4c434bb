/*
 * ui.h - the interactive program: explorer, replay, classroom modes.
 *
 * main.c hands over here when a terminal is wanted; everything about
 * curses stays behind this call.
 */
#ifndef MEMVIZ_UI_UI_H
#define MEMVIZ_UI_UI_H

struct script_opts;

/* The exit status when an output file (--record, --export-*) could not
 * be written during the session: 1 is a simulated failure, 2 usage. */
#define UI_EXIT_OUTPUT 3

/*
 * Runs the TUI.  script_name/script_text: a script to replay (NULL for
 * the explorer on a default aged machine).  opts: the command line's
 * machine overrides and mode flags (see script.h).  Returns the exit
 * status (0; 2 when no terminal is available; UI_EXIT_OUTPUT when an
 * output file failed, said on stderr after the terminal is restored).
 */
int ui_run(const char *script_name, const char *script_text,
    const struct script_opts *opts);

#endif
