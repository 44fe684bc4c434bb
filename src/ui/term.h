/*
 * term.h - the terminal: start, stop, suspend, wait; the only caller of
 * doupdate.
 *
 * Signal handlers only set a flag and write one byte to a self-pipe;
 * term_wait() polls stdin and that pipe, and term_signals() tells the
 * loop what arrived so it is handled in normal context (as tmux's
 * client_signal() does).
 */
#ifndef MEMVIZ_UI_TERM_H
#define MEMVIZ_UI_TERM_H

#include <stdint.h>

/* What term_signals() reports, as bits. */
#define TERM_SIG_QUIT	0x1 /* SIGINT, SIGTERM, SIGHUP */
#define TERM_SIG_RESIZE 0x2 /* SIGWINCH */
#define TERM_SIG_CONT	0x4 /* came back from a suspend */

/* What term_wait() found. */
#define TERM_WAIT_INPUT	 0x1
#define TERM_WAIT_SIGNAL 0x2
#define TERM_WAIT_IDLE	 0x4 /* off screen: nothing will ever come */

/*
 * Starts curses: locale, colours unless NO_COLOR or the terminal has
 * none, mouse, signal handlers; registers term_shutdown with fatal().
 * Returns 0, or -1 with *cause when stdin/stdout are not a terminal.
 */
int term_init(char **cause);
/*
 * Starts curses on no terminal: a w x h screen drawn for xterm-256color
 * into curses' memory only, with a virtual clock (term_now_ms) that
 * term_wait() and term_advance() move instead of sleeping.  Returns 0,
 * or -1 with *cause.
 */
int term_init_offscreen(int w, int h, char **cause);
int term_is_offscreen(void);
/* Milliseconds of a monotonic clock, or of the virtual one off screen. */
uint64_t term_now_ms(void);
/* Off screen: lets ms of virtual time pass. */
void term_advance(uint64_t ms);
/* Restores the terminal; safe to call any number of times, from fatal(). */
void term_shutdown(void);
/* Colour is in use (a colour terminal and no NO_COLOR). */
int term_colour(void);
/* The locale is UTF-8: block and box characters may be drawn. */
int term_utf8(void);
/* Sleeps in poll() until input, a signal, or timeout_ms (-1: forever). */
int term_wait(int timeout_ms);
/* Returns and clears the TERM_SIG_* bits of signals that arrived. */
int term_signals(void);
/* Re-reads the terminal size after SIGWINCH; *cols, *rows get it. */
void term_size(int *cols, int *rows);
/* Sends everything views staged with wnoutrefresh (once per loop). */
void term_update(void);

#endif
