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
int	 uiloop_run(struct ui *ui);
int	 input_key(struct ui *ui, int key);
int	 input_command(struct ui *ui, const char *command);

/* status.c */
void	 uiloop_draw_lines(struct ui *ui);
/* What to say about the player's new item (result, caption, error). */
int	 status_item(struct ui *ui);

/* help.c */
void	 uiloop_draw_overlay(struct ui *ui);
/* The key list, generated from the keymap. */
char	*help_keys_text(void);
char	*help_legend_text(const struct ui *ui);

#endif
