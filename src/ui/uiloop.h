/*
 * uiloop.h - the pieces of the interactive loop, shared between ui.c
 * (start, layout, draw), input.c (keys, mouse, commands), status.c (the
 * narration and status lines) and help.c (overlays).
 */
#ifndef MEMVIZ_UI_UILOOP_H
#define MEMVIZ_UI_UILOOP_H

#include <stdint.h>

#include "ui/view.h"

uint64_t ui_now_ms(void);
void	 ui_relayout(struct ui *ui);
void	 ui_draw(struct ui *ui);

/* input.c: the loop and what keys, mice and the player cause. */
int uiloop_run(struct ui *ui);

/* Leaves a pause: plays on. */
void input_resume(struct ui *ui);
/* What the player's bits mean for the screen (status, selection). */
int input_player(struct ui *ui, int bits);

/* present.c: presentation mode, clicker keys, jumps between pauses. */
int present_enable(struct ui *ui, int on);
/* Reads the program's captions, part by part, for present_band. */
void present_plan(struct ui *ui);
/* The caption band's height: the lesson's, the same at every pause. */
int  present_band(const struct ui *ui);
int  present_caption(struct ui *ui, const char *text);
void present_pause_reached(struct ui *ui);
void present_draw_band(struct ui *ui);
/* Keys seen before any other handler; -1 when not taken. */
int present_key(struct ui *ui, int key);
/* Jumps to the k-th pause (0: the start), replaying quietly. */
int present_jump(struct ui *ui, size_t k);
int present_cmd(struct ui *ui, const char *command);

/* seek.c: goto-op N, start, end, and fast-forward in chunks. */
int seek_cmd(struct ui *ui, const char *command);
/* Runs on quietly to program position to (then shows the pause there
 * when pause), a chunk per loop, drawing at most every 50 ms. */
int seek_forward(struct ui *ui, size_t to, int pause);
int seek_tick(struct ui *ui);
/* A click at column x of the w-column progress bar: seeks there. */
int seek_click(struct ui *ui, int x, int w);
/* Space, Esc: stops a fast-forward or a typed run; 1 when one ran. */
int seek_interrupt(struct ui *ui);

/* guess.c: predict-the-outcome questions and the quiz. */
int guess_ask(struct ui *ui, const char *name);
/* Keys while a question is open; -1 when not taken. */
int guess_key(struct ui *ui, int key);
/* --quiz: asks before an allocation runs; 1 when it did. */
int guess_before_fetch(struct ui *ui);
/* A new item is current: ends a verdict, or judges the operation. */
int guess_result(struct ui *ui);
int guess_verdict_shown(const struct ui *ui);
/* The judged step is shown whole: reveals the verdict and stops once. */
int  guess_hold(struct ui *ui);
void guess_free(struct ui *ui);

/* session.c: --record and the exports. */
int  session_start(struct ui *ui, char **cause);
void session_update(struct ui *ui);
void session_frame(struct ui *ui, const char *title);
/* --export-cast: records the screen just sent, then a pending marker. */
void session_cast(struct ui *ui);
/* --export-cast: a pause was reached; its marker follows the next draw. */
void session_cast_pause(struct ui *ui);
void session_end(struct ui *ui);

/* capture.c: the screen as curses last sent it. */
struct export_grid;
void capture_screen(struct export_grid *g);

/* status.c */
void uiloop_draw_lines(struct ui *ui);
/* What to say about the player's new item (result, caption, error). */
int status_item(struct ui *ui);
/* The view (enum layout_view) a `focus` target names, or -1. */
int status_focus_view(const char *name);

/* help.c */
void uiloop_draw_overlay(struct ui *ui);
/* Puts a show's text in the /proc panel under title (the statement);
 * text NULL closes it. */
void ui_show(struct ui *ui, const char *title, const char *text);
void help_draw_show(struct ui *ui);
/*
 * Writes s..e at (y, x), at most width columns (UTF-8 aware); a longer
 * text ends in mark, the truncation glyph, so a cut is never silent.
 */
void help_put_cut(WINDOW *w, int y, int x, const char *s, const char *e,
    int width, const char *mark);
/* The key list, generated from the keymap. */
char *help_keys_text(void);
char *help_legend_text(const struct ui *ui);

#endif
