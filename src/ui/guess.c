/*
 * guess.c - predict-the-outcome questions on screen, and the quiz.
 *
 * A question is asked before an allocation runs: by a `predict NAME`
 * statement, or with --quiz before every allocation of the program.
 * The player stops, the RAM grid takes the keyboard and its cursor is
 * the guess (arrow keys, h/l, a click); Enter commits it, x answers
 * "it will fail", Esc skips.  The operation then runs (animated as
 * usual), and when it is current the guess is judged against the
 * frames it landed on, with a one-line reason built by predict.c; the
 * verdict is revealed when the step has been shown to its end, and the
 * player stops on it so it can be read.  The guessed cell stays marked
 * until the next statement.
 *
 * States: NONE -> ASKING -> COMMITTED -> SHOWN -> HELD -> (next item)
 * NONE.  asked_at (the history length when asked) makes sure one
 * allocation is asked about once, whether by predict or by the quiz.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

int
guess_ask(struct ui *ui, const char *name)
{
	const struct stmt_entry *next = script_interp_peek(ui->ip);
	struct ui_guess *q = &ui->guess;
	int r = VIEW_DIRTY;

	if (ui->ffwd)
		return 0;
	free(q->name);
	q->name = name != NULL ? xstrdup(name) : NULL;
	q->state = GUESS_ASKING;
	/* The allocation asked about runs as history entry asked_at - 1. */
	q->asked_at = script_interp_history_len(ui->ip) + 1;
	memset(&q->g, 0, sizeof q->g);
	ui->player.playing = 0;
	ui->focus = LV_RAM;
	free(ui->overlay);
	ui->overlay = NULL;
	if (ui->zoom >= 0 && ui->zoom != LV_RAM) {
		ui->zoom = ui->lay.full ? -1 : LV_RAM;
		r |= VIEW_RELAYOUT;
	}
	ui_narrate(ui, CR_KEY, "%s %s: where? move the cursor, Enter guesses, "
	    "x fails, Esc skips", name != NULL ? name : "quiz",
	    next != NULL ? next->name : "?");
	return r;
}

static int
guess_commit(struct ui *ui, int fails)
{
	struct ui_guess *q = &ui->guess;

	q->g.fails = fails;
	if (!fails)
		view_ram_cursor_pfns(&ui->views[LV_RAM], ui, &q->g.lo,
		    &q->g.hi);
	q->state = GUESS_COMMITTED;
	ui->player.playing = 1;
	ui->player.waiting = 0;
	ui->player.next_due_ms = 0;
	ui_narrate(ui, CR_NARRATION, "your guess is in; watch where it "
	    "lands");
	return VIEW_DIRTY;
}

int
guess_key(struct ui *ui, int key)
{
	if (ui->guess.state != GUESS_ASKING)
		return -1;
	switch (key) {
	case '\r':
		return guess_commit(ui, 0);
	case 'x':
		return guess_commit(ui, 1);
	case 27:
		ui->guess.state = GUESS_NONE;
		ui->player.playing = 1;
		ui->player.next_due_ms = 0;
		ui_narrate(ui, CR_NARRATION, "question skipped");
		return VIEW_DIRTY;
	case ' ':
		return VIEW_DIRTY;	/* no playing on before an answer */
	default:
		return -1;
	}
}

int
guess_before_fetch(struct ui *ui)
{
	const struct ui_guess *q = &ui->guess;

	if (!ui->quiz || ui->ffwd || q->state == GUESS_ASKING ||
	    q->state == GUESS_COMMITTED || !player_item_done(&ui->player) ||
	    script_interp_pending(ui->ip) > 0 ||
	    q->asked_at == script_interp_history_len(ui->ip) + 1 ||
	    !predict_is_question(script_interp_peek(ui->ip)))
		return 0;
	guess_ask(ui, NULL);
	return 1;
}

void
guess_result_narrate(struct ui *ui)
{
	int right = ui->guess.right;
	const struct player_item *it = &ui->player.item;
	const struct ui_guess *q = &ui->guess;
	struct sbuf b = SBUF_INIT;
	const char *who = it->name != NULL ? it->name : "it";

	if (right)
		sbuf_puts(&b, "RIGHT: ");
	else if (q->g.fails)
		sbuf_puts(&b, "no, it did not fail: ");
	else if (it->step.status != SIM_OK)
		sbuf_puts(&b, "no, it landed nowhere: ");
	else
		sbuf_printf(&b, "no: you said pfn %#llx, ",
		    (unsigned long long)q->g.lo);
	if (it->step.status == SIM_OK) {
		sbuf_printf(&b, "%s landed on ", who);
		predict_truth(&it->step, &b);
		sbuf_puts(&b, ". ");
	}
	predict_reason(&it->step, &b);
	ui_narrate(ui, right ? CR_NARRATION : CR_ERROR, "%s", sbuf_str(&b));
	/* The caption band shows it whole, in any mode, until the next item. */
	sbuf_reset(&ui->caption);
	sbuf_puts(&ui->caption, sbuf_str(&b));
	ui->caption_stale = 1;
	sbuf_free(&b);
}

/* A new item is current: a verdict is over, or an operation is judged. */
int
guess_result(struct ui *ui)
{
	struct ui_guess *q = &ui->guess;
	int op = ui->player.item.kind == SCRIPT_OP, right;

	if (q->state == GUESS_SHOWN || q->state == GUESS_HELD ||
	    (q->state == GUESS_ASKING && op)) {	/* stepped past it */
		q->state = GUESS_NONE;
		return VIEW_RELAYOUT | VIEW_DIRTY;
	}
	if (q->state != GUESS_COMMITTED || !op)
		return 0;
	right = predict_judge(&ui->player.item.step, &q->g);
	quiz_record(&ui->score, right);
	q->right = right;
	q->state = GUESS_SHOWN;
	return VIEW_RELAYOUT | VIEW_DIRTY;
}

/* A verdict is on screen (the band shows it even when not presenting). */
int
guess_verdict_shown(const struct ui *ui)
{
	return ui->guess.state == GUESS_HELD;
}

/*
 * The operation has been shown to its last event: reveal the verdict
 * (not earlier, which would give the answer away while the step still
 * animates) and stop once so it can be read.  Returns VIEW_* bits.
 */
int
guess_hold(struct ui *ui)
{
	if (ui->guess.state != GUESS_SHOWN || ui->ffwd ||
	    !player_item_done(&ui->player))
		return 0;
	guess_result_narrate(ui);
	ui->guess.state = GUESS_HELD;
	ui->player.playing = 0;
	ui->player.waiting = 1;
	return VIEW_RELAYOUT | VIEW_DIRTY;
}

int
guess_marked(const struct ui *ui, uint64_t lo, uint64_t hi)
{
	const struct ui_guess *q = &ui->guess;

	if (q->state != GUESS_COMMITTED && q->state != GUESS_SHOWN &&
	    q->state != GUESS_HELD)
		return 0;
	return !q->g.fails && lo < q->g.hi && q->g.lo < hi;
}

void
guess_free(struct ui *ui)
{
	free(ui->guess.name);
	ui->guess.name = NULL;
}
