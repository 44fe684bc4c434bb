/*
 * guess.c - predict-the-outcome questions on screen, and the quiz.
 *
 * A question is asked before an allocation runs: by a `predict NAME`
 * statement, or with --quiz before every allocation of the program.
 * The player stops and the view the statement belongs to takes the
 * keyboard: the slab view for kmalloc/kzalloc/kcalloc (which slab, or a
 * new one), the vmalloc view for vmalloc/vzalloc (which free range),
 * the user view for malloc/calloc/realloc (which chunk, or brk, or a new
 * mmap), the RAM grid for the page allocator (which frame).  Its cursor
 * is the guess (arrow keys, h/l on the grid, a click); Enter commits
 * it, x answers "it will fail", Esc skips.  An answer given on another
 * view (tab, a click) counts too: a cell of the grid is always one.
 * The operation then runs (animated as usual), and when it is current
 * the guess is judged (predict.c: the frames, the address returned, or
 * the new thing made), with a one-line reason; the verdict is revealed
 * when the step has been shown to its end, and the player stops on it
 * so it can be read.  The guessed cell or row stays marked until the
 * next statement.
 *
 * States: NONE -> ASKING -> COMMITTED -> SHOWN -> HELD -> (next item)
 * NONE.  asked_at (the history length when asked) makes sure one
 * allocation is asked about once, whether by predict or by the quiz.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"
#include "common/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static view_guess_fn guess_ram;

/*
 * Per view: where to move the cursor, what an answer is, and how one is
 * read.  Every question says "where? move the cursor" (what a person,
 * and the real-terminal tests, look for), then on which view's rows.
 */
static const struct guess_view {
	const char    *ask;
	const char    *pick;
	const char    *room; /* the choices, in the projector's band */
	view_guess_fn *guess;
} guess_views[LV__COUNT] = {
	[LV_RAM] = { "", "a cell", "a cell of the RAM grid", guess_ram },
	[LV_SLAB] = { " to a slab", "a slab or a + line",
	    "a slab, a new "
	    "slab or whole pages, on the slab view",
	    view_slab_guess },
	[LV_VMALLOC] = { " to a hole", "a hole or a lazy area",
	    "a hole "
	    "between areas, on the vmalloc view",
	    view_vmalloc_guess },
	[LV_USER] = { " to a chunk", "a chunk or a + line",
	    "a chunk, the "
	    "heap growing or a new mapping, on the user view",
	    view_user_guess },
};

/* The view a statement's question is answered on (view-use.c). */
static int
guess_view_of(const struct stmt_entry *e)
{
	return e != NULL ? view_quiz_of(e->name) : LV_RAM;
}

/* The grid's answer: the frames of the cell under its cursor. */
static int
guess_ram(struct view *v, const struct ui *ui, struct predict_guess *g)
{
	view_ram_cursor_pfns(v, ui, &g->lo, &g->hi);
	g->where = PW_FRAMES;
	snprintf(g->label, sizeof g->label, "pfn %#llx",
	    (unsigned long long)g->lo);
	return 0;
}

/* The question in the caption band, where a projector's audience looks. */
static int
guess_ask_caption(struct ui *ui, const char *name,
    const struct stmt_entry *next, int view)
{
	char *ask;
	int   r;

	ask = xasprintf("Question: where will %s land? Pick %s, or say it "
			"fails.",
	    name != NULL     ? name :
		next != NULL ? next->name :
			       "it",
	    guess_views[view].room);
	r = present_caption(ui, ask);
	free(ask);
	return r;
}

int
guess_ask(struct ui *ui, const char *name)
{
	const struct stmt_entry *next = script_interp_peek(ui->ip);
	struct ui_guess		*q = &ui->guess;
	int			 r = VIEW_DIRTY, view = guess_view_of(next);

	if (ui->ffwd)
		return 0;
	free(q->name);
	q->name = name != NULL ? xstrdup(name) : NULL;
	q->state = GUESS_ASKING;
	q->view = view;
	/* The allocation asked about runs as history entry asked_at - 1. */
	q->asked_at = script_interp_history_len(ui->ip) + 1;
	memset(&q->g, 0, sizeof q->g);
	ui->player.playing = 0;
	ui->focus = view;
	if (view != LV_RAM)
		ui->views[view].cursor = -1; /* on its first answer */
	free(ui->overlay);
	ui->overlay = NULL;
	/* The view asked on is on screen: alone when all four do not fit. */
	if (ui->zoom != view && (ui->zoom >= 0 || !ui->lay.full)) {
		ui->zoom = ui->lay.full ? -1 : view;
		r |= VIEW_RELAYOUT;
	}
	ui_narrate(ui, CR_KEY,
	    "%s %s: where? move the cursor%s, Enter "
	    "guesses, x fails, Esc skips",
	    name != NULL ? name : "quiz", next != NULL ? next->name : "?",
	    guess_views[view].ask);
	if (ui->present) /* the room reads the band, not the last line */
		r |= guess_ask_caption(ui, name, next, view);
	return r;
}

/*
 * Enter (or x): the answer under the cursor of the view asked on is the
 * guess, or the grid's cell when the grid has the keyboard.
 */
static int
guess_commit(struct ui *ui, int fails)
{
	struct ui_guess	    *q = &ui->guess;
	int		     view = ui->focus == LV_RAM ? LV_RAM : q->view;
	struct predict_guess g;

	memset(&g, 0, sizeof g);
	g.fails = fails;
	if (!fails && guess_views[view].guess(&ui->views[view], ui, &g) < 0) {
		ui_narrate(ui, CR_KEY,
		    "that line is no answer: up/down to %s, "
		    "then Enter (x fails, Esc skips)",
		    guess_views[view].pick);
		return VIEW_DIRTY;
	}
	q->g = g;
	q->state = GUESS_COMMITTED;
	ui->player.playing = 1;
	ui->player.waiting = 0;
	ui->player.next_due_ms = 0;
	ui_narrate(ui, CR_NARRATION,
	    "your guess is in; watch where it "
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
		return VIEW_DIRTY; /* no playing on before an answer */
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

/* Says the verdict (after the operation's own narration). */
static void
guess_result_narrate(struct ui *ui)
{
	int			  right = ui->guess.right;
	const struct player_item *it = &ui->player.item;
	const struct ui_guess	 *q = &ui->guess;
	struct sbuf		  b = SBUF_INIT;
	const char		 *who = it->name != NULL ? it->name : "it";

	if (right)
		sbuf_puts(&b, "RIGHT: ");
	else if (q->g.fails)
		sbuf_puts(&b, "no, it did not fail: ");
	else if (it->step.status != SIM_OK)
		sbuf_puts(&b, "no, it landed nowhere: ");
	else
		sbuf_printf(&b, "no: you said %s, ", q->g.label);
	if (it->step.status == SIM_OK) {
		sbuf_printf(&b, "%s landed %s", who,
		    q->g.where == PW_FRAMES || q->g.fails ? "on " : "");
		predict_landed(&it->step, &q->g, &b);
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
	int		 op = ui->player.item.kind == SCRIPT_OP, right;

	if (q->state == GUESS_SHOWN || q->state == GUESS_HELD ||
	    (q->state == GUESS_ASKING && op)) { /* stepped past it */
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

/* A guess is in and not yet over: its cell or row is drawn marked. */
static int
guess_in(const struct ui_guess *q)
{
	return (q->state == GUESS_COMMITTED || q->state == GUESS_SHOWN ||
		   q->state == GUESS_HELD) &&
	    !q->g.fails;
}

int
guess_marked(const struct ui *ui, uint64_t lo, uint64_t hi)
{
	const struct ui_guess *q = &ui->guess;

	return guess_in(q) && q->g.where == PW_FRAMES && lo < q->g.hi &&
	    q->g.lo < hi;
}

int
guess_rows_on(const struct ui *ui, int id)
{
	return ui->guess.state != GUESS_NONE && ui->guess.view == id;
}

int
guess_row_marked(const struct ui *ui, const struct predict_guess *g)
{
	const struct ui_guess *q = &ui->guess;

	/* A row holding the guess: an object's slab is marked with it. */
	return guess_in(q) && q->g.where != PW_FRAMES &&
	    q->g.where == g->where && q->g.ev == g->ev && q->g.lo >= g->lo &&
	    q->g.hi <= g->hi;
}

void
guess_free(struct ui *ui)
{
	free(ui->guess.name);
	ui->guess.name = NULL;
}
