/*
 * term.h - the terminal: start, stop, suspend; the only caller of doupdate.
 */
#ifndef MEMVIZ_UI_TERM_H
#define MEMVIZ_UI_TERM_H

/* Restores the terminal; safe to call any number of times. */
void	 term_shutdown(void);

#endif
