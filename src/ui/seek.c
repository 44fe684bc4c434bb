/*
 * seek.c - moving through a replay at batch speed: to an operation
 * number, to the start, to the end, and on to the next pause.
 *
 * Going back restores the interpreter's nearest checkpoint
 * (src/script/seek.c).  Going forward runs the program quietly in
 * chunks: as ncdu's update_delay (main.c) throttles its redraws while
 * scanning, the screen is drawn at most every SEEK_DRAW_MS, and between
 * chunks the loop reads the keyboard, so space or Esc stops the run
 * where it is.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"

#include <stdlib.h>
#include <string.h>

/* Draw at most this often while running forward (ncdu: update_delay). */
#define SEEK_DRAW_MS 50
/* Statements run between looks at the clock. */
#define SEEK_CHUNK 2048
/* A goto plays the part since the last pause when it is this short. */
#define SEEK_SECTION 256
/* A goto that would replay more than this runs as a fast-forward. */
#define SEEK_FAR (4 * SEEK_CHUNK)
/* Statements before the destination that are played, not skipped. */
#define SEEK_TAIL 8

/* The program's length, or 0 with a message when there is none. */
static size_t
seek_length(struct ui *ui)
{
	const struct script_program *prog = script_interp_program(ui->ip);

	if (prog == NULL) {
		ui_narrate(ui, CR_ERROR, "no script: seeking is a replay's");
		return 0;
	}
	return script_program_length(prog);
}

/* Starts running on to program position to; a pause there shows. */
int
seek_forward(struct ui *ui, size_t to, int pause)
{
	player_finish_item(&ui->player);
	ui_show(ui, NULL, NULL); /* the part it runs past had it */
	ui->player.playing = 0;
	ui->ffwd_active = 1;
	ui->ffwd_to = to;
	ui->ffwd_pause = pause;
	ui->ffwd_tail = SEEK_TAIL;
	ui->player.next_due_ms = 0;
	return VIEW_DIRTY;
}

/* Stops a fast-forward or a typed run where it is; 1 when one ran. */
int
seek_interrupt(struct ui *ui)
{
	if (!ui->ffwd_active && !ui->run_typed)
		return 0;
	if (ui->run_typed)
		script_interp_drop_pending(ui->ip);
	/* The step under way has run: its animation ends at once, so the
	 * views show what it did, not a step half drawn. */
	player_finish_item(&ui->player);
	ui->ffwd_active = 0;
	ui->run_typed = 0;
	ui->player.playing = 0;
	ui_narrate(ui, CR_NARRATION, "stopped at op %zu",
	    player_position(&ui->player));
	return 1;
}

/* The end of a fast-forward: the pause it ran to, or the end. */
static int
seek_arrive(struct ui *ui)
{
	int r;

	ui->ffwd_active = 0;
	ui->ffwd = 1;
	r = input_player(ui, player_step_op(&ui->player));
	ui->ffwd = 0;
	return r | VIEW_DIRTY;
}

/*
 * A statement that is not an operation (say, show, focus) runs as
 * playing runs it, so captions and panels are what they would be.
 * Returns 0 when it ran, -1 when nothing could (typed lines queued).
 */
static int
seek_show(struct ui *ui)
{
	int bits;

	if (script_interp_pending(ui->ip) > 0)
		return -1;
	ui->ffwd = 1;
	bits = player_step_op(&ui->player);
	input_player(ui, bits & ~PLAYER_WAIT);
	ui->ffwd = 0;
	return bits & PLAYER_END ? -1 : 0;
}

int
seek_tick(struct ui *ui)
{
	struct player *p = &ui->player;
	uint64_t       start = ui_now_ms();
	size_t	       stop = ui->ffwd_to - (ui->ffwd_pause ? 1 : 0);

	while (script_interp_pc(ui->ip) < stop) {
		/* The last few statements run as playing runs them, so the
		 * operation the pause follows leaves its marks and its bytes
		 * or mapping in the panel, as if it had been played. */
		if (script_interp_pc(ui->ip) + ui->ffwd_tail >= stop) {
			if (seek_show(ui) != 0)
				break;
			continue;
		}
		if (player_skip(p, stop - ui->ffwd_tail, SEEK_CHUNK) == 0 &&
		    seek_show(ui) != 0)
			break;
		if (ui_now_ms() - start >= SEEK_DRAW_MS) {
			status_item(ui);
			return VIEW_DIRTY;
		}
	}
	return seek_arrive(ui);
}

/* Where a goto to n (> 0) starts playing, before n: just after the
 * last pause before n when that is at most SEEK_SECTION back, else
 * SEEK_TAIL back. */
static size_t
seek_section(const struct ui *ui, size_t n)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	size_t			     k = script_program_npauses(prog), at;

	for (; k > 0; k--) {
		at = script_program_pause_pos(prog, k);
		if (at < n)
			return n - at <= SEEK_SECTION ? at : n - SEEK_TAIL;
	}
	return n <= SEEK_SECTION ? 0 : n - SEEK_TAIL;
}

/* goto-op N: the state after the program's first N statements. */
static int
seek_goto(struct ui *ui, size_t n)
{
	size_t len = seek_length(ui), from;

	if (len == 0)
		return VIEW_DIRTY;
	if (n > len)
		n = len;
	/* Far ahead of every checkpoint, the run is a fast-forward: drawn
	 * as it goes and stopped by space, as End is. */
	if (n > player_position(&ui->player) &&
	    script_interp_goto_cost(ui->ip, n) > SEEK_FAR)
		return seek_forward(ui, n - 1, 0);
	ui->ffwd_active = 0;
	ui_show(ui, NULL, NULL);
	ui_select(ui, SEL_NONE, 0, 0, 0);
	/* Quietly to the pause n follows, and from there played, so the
	 * captions, panels and focus since it, and the operation n
	 * follows, are what playing shows; a long part only its last
	 * SEEK_TAIL statements (seek_forward's tail). */
	from = seek_section(ui, n);
	player_goto(&ui->player, from);
	ui->player.playing = 0;
	ui->caption_stale = 1;
	if (n > 0) {
		seek_forward(ui, n - 1, 0);
		ui->ffwd_tail = n - from;
		return VIEW_RELAYOUT | VIEW_DIRTY;
	}
	ui_narrate(ui, CR_NARRATION, "op 0 of %zu: the start; space plays",
	    len);
	return VIEW_RELAYOUT | VIEW_DIRTY;
}

int
seek_click(struct ui *ui, int x, int w)
{
	size_t len = seek_length(ui);

	if (len == 0 || w < 2)
		return VIEW_DIRTY;
	/* the first column is the start, the last the end */
	return seek_goto(ui,
	    ((size_t)x * len + (size_t)(w - 1) / 2) / (size_t)(w - 1));
}

/* goto-op N, start, end. */
int
seek_cmd(struct ui *ui, const char *command)
{
	char	     *end;
	unsigned long n;

	if (strcmp(command, "start") == 0)
		return seek_goto(ui, 0);
	if (strcmp(command, "end") == 0) {
		if (seek_length(ui) == 0)
			return VIEW_DIRTY;
		return seek_forward(ui, seek_length(ui), 0);
	}
	n = strtoul(command + 8, &end, 10);
	if (command[8] == '\0' || *end != '\0') {
		ui_narrate(ui, CR_ERROR, "go to op: '%s' is not a number",
		    command + 8);
		return VIEW_DIRTY;
	}
	return seek_goto(ui, n);
}
