/*
 * present.c - presentation mode and the clicker keys.
 *
 * An ordinary replay shows its captions in a smaller band too, single-
 * spaced, since the narration line would cut them at the terminal's
 * width.
 *
 * Presentation mode (--present or the `present` statement) is what a
 * projector needs: the high-contrast theme, two columns per frame in
 * the RAM grid, the `say` captions of the current part in a band across
 * the top with the progress (pause k of n and the script's title), and
 * the status line hidden until a key is pressed.
 *
 * A presentation clicker sends Page Down, Page Up and `b` or `.`.
 * Page Down plays on to the next pause, or, when the part is already
 * playing, finishes it at once.  Page Up and jumps (--from N, g) go to a
 * pause by rebuilding the machine from the start (script_interp_goto:
 * the sim is deterministic) and replaying the part before the pause
 * without animation, so its captions and overlays are what a live
 * replay would have left on screen.  Invariant: while jumping (ffwd) no
 * question is asked and no verdict holds the player.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"
#include "common/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Captions are wrapped to at most this many lines in the band. */
#define PRESENT_MAX_LINES	32

int
present_enable(struct ui *ui, int on)
{
	ui->present = on;
	ui->status_shown = !on;
	colour_set_theme(on);
	wbkgdset(stdscr, ' ' | colour_attr(CR_TEXT));
	return VIEW_RELAYOUT | VIEW_DIRTY;
}

/* Splits text into lines of at most w columns at spaces. */
static int
present_wrap(const char *text, int w, const char *start[], int len[])
{
	int n = 0, cut, i;
	const char *s = text;

	while (*s != '\0' && n < PRESENT_MAX_LINES && w > 0) {
		while (*s == ' ')
			s++;
		cut = (int)strcspn(s, "\n");
		if (cut > w) {
			for (i = w; i > 0 && s[i] != ' '; i--)
				continue;
			cut = i > 0 ? i : w;
		}
		if (cut == 0 && *s == '\0')
			break;
		start[n] = s;
		len[n++] = cut;
		s += cut;
		if (*s == '\n')
			s++;
	}
	return n;
}

/*
 * The band's height: presenting, the captions double-spaced when they
 * fit; in an ordinary replay, a smaller band single-spaced (the
 * narration line alone would cut a caption at the terminal's width);
 * none in the explorer unless a verdict is on screen.
 */
int
present_band(const struct ui *ui)
{
	const char *start[PRESENT_MAX_LINES];
	int len[PRESENT_MAX_LINES], n, max;

	if (!ui->present && !guess_verdict_shown(ui) &&
	    (!ui->replay || ui->caption.len == 0))
		return 0;
	max = layout_band_rows(ui->cols, ui->rows);
	if (!ui->present)
		max = max / 2 + 2;
	n = present_wrap(sbuf_str(&ui->caption), ui->cols - 4, start, len);
	if (ui->present && n * 2 + 1 <= max)
		n = n * 2 + 1;
	else
		n = n + 1;
	if (n < (ui->present ? 3 : 2))
		n = ui->present ? 3 : 2;
	return n < max ? n : max;
}

/* A `say`: joins the part's caption; a new part starts a new one. */
int
present_caption(struct ui *ui, const char *text)
{
	int before = present_band(ui), r = VIEW_DIRTY;

	if (ui->caption_stale) {
		sbuf_reset(&ui->caption);
		ui->caption_stale = 0;
	}
	/* A sentence a script split over two says reads as one. */
	if (ui->caption.len > 0)
		sbuf_putc(&ui->caption, strchr(".:?!", ui->caption.s[
		    ui->caption.len - 1]) != NULL ? '\n' : ' ');
	sbuf_puts(&ui->caption, text);
	if (ui->status_shown && ui->present) {
		ui->status_shown = 0;	/* the talk goes on: hide it again */
		r |= VIEW_RELAYOUT;
	}
	return r | (present_band(ui) != before ? VIEW_RELAYOUT : 0);
}

void
present_pause_reached(struct ui *ui)
{
	ui->caption_stale = 1;
	if (ui->opts != NULL && ui->opts->export_every)
		ui->export_due = 1;
}

static void
present_progress(const struct ui *ui, char *buf, size_t len)
{
	const struct script_program *prog = script_interp_program(ui->ip);

	if (prog == NULL || script_program_npauses(prog) == 0) {
		snprintf(buf, len, "%s, op %zu", prog == NULL ? "explorer" :
		    "replay", player_position(&ui->player));
		return;
	}
	snprintf(buf, len, "pause %zu of %zu", script_interp_pauses_done(ui->ip),
	    script_program_npauses(prog));
}

/*
 * The first line to show when only room lines fit: the latest captions
 * whole, starting where a caption starts, rather than mid-sentence.
 */
static int
present_first_line(const char *text, const char *start[], int n, int room)
{
	int first = n > room ? n - room : 0, i;

	for (i = first; i < n; i++)
		if (start[i] == text || start[i][-1] == '\n')
			return i;
	return first;
}

void
present_draw_band(struct ui *ui)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	const char *start[PRESENT_MAX_LINES];
	int len[PRESENT_MAX_LINES], n, h, i, y, gap, first;
	char progress[64];
	WINDOW *w = ui->cwin;

	if (w == NULL)
		return;
	h = getmaxy(w);
	wbkgdset(w, ' ' | colour_attr(CR_TEXT));
	werase(w);
	present_progress(ui, progress, sizeof progress);
	wattrset(w, colour_attr(CR_TITLE));
	mvwaddnstr(w, 0, 1, prog != NULL ? script_program_title(prog) : "",
	    ui->cols - (int)strlen(progress) - 4);
	mvwaddstr(w, 0, ui->cols - (int)strlen(progress) - 1, progress);
	n = present_wrap(sbuf_str(&ui->caption), ui->cols - 4, start, len);
	gap = ui->present && n * 2 + 1 <= h ? 2 : 1;
	first = present_first_line(sbuf_str(&ui->caption), start, n,
	    (h - 1) / gap);
	wattrset(w, colour_attr(CR_NARRATION) | A_BOLD);
	for (i = first, y = gap; i < n && y < h; i++, y += gap)
		mvwaddnstr(w, y, 2, start[i], len[i]);
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* Runs the program on, without animation, to the next pause or the end. */
static int
present_run_to_pause(struct ui *ui)
{
	int r = 0, bits;

	ui->ffwd = 1;
	do {
		bits = player_step_op(&ui->player);
		if ((bits & PLAYER_NEWITEM) && ui->player.item.kind == SCRIPT_OP) {
			free(ui->overlay);	/* a show the part went past */
			ui->overlay = NULL;
		}
		r |= input_player(ui, bits);
	} while (!(bits & (PLAYER_WAIT | PLAYER_END)));
	ui->ffwd = 0;
	return r | VIEW_DIRTY;
}

int
present_jump(struct ui *ui, size_t k)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	size_t n;

	if (prog == NULL) {
		ui_narrate(ui, CR_ERROR, "no script: pauses are a replay's");
		return VIEW_DIRTY;
	}
	n = script_program_npauses(prog);
	if (k > n)
		k = n;
	free(ui->overlay);
	ui->overlay = NULL;
	ui->guess.state = GUESS_NONE;
	sbuf_reset(&ui->caption);
	ui->caption_stale = 0;
	player_goto(&ui->player, k > 0 ? script_program_pause_pos(prog, k - 1) :
	    0);
	ui->player.playing = 0;
	ui_select(ui, SEL_NONE, 0, 0, 0);
	if (k == 0) {
		ui->player.waiting = 1;
		ui_narrate(ui, CR_NARRATION, "the start of the script: Page "
		    "Down or space plays");
		return VIEW_RELAYOUT | VIEW_DIRTY;
	}
	return present_run_to_pause(ui) | VIEW_RELAYOUT;
}

static int
present_next(struct ui *ui)
{
	struct player *p = &ui->player;

	if (script_interp_program(ui->ip) == NULL) {
		ui_narrate(ui, CR_ERROR, "no script: Page Down plays a replay "
		    "on to its next pause");
		return VIEW_DIRTY;
	}
	if (p->waiting || !p->playing) {
		free(ui->overlay);
		ui->overlay = NULL;
		input_resume(ui);
		return VIEW_DIRTY;
	}
	return present_run_to_pause(ui);
}

static int
present_prev(struct ui *ui)
{
	const struct player *p = &ui->player;
	size_t k = script_interp_pauses_done(ui->ip);
	int at_pause = p->waiting && p->has_item &&
	    p->item.kind == SCRIPT_PAUSE;

	return present_jump(ui, at_pause && k > 0 ? k - 1 : k);
}

static int
present_goto(struct ui *ui, const char *arg)
{
	char *end;
	unsigned long k = strtoul(arg, &end, 10);

	if (*arg == '\0' || *end != '\0') {
		ui_narrate(ui, CR_ERROR, "go to pause: '%s' is not a number",
		    arg);
		return VIEW_DIRTY;
	}
	return present_jump(ui, k);
}

static int
present_blank(struct ui *ui)
{
	ui->blank = 1;
	ui->blank_playing = ui->player.playing;
	ui->player.playing = 0;
	return VIEW_DIRTY;
}

/* next-pause, prev-pause, goto-pause N, blank. */
int
present_cmd(struct ui *ui, const char *command)
{
	if (strcmp(command, "next-pause") == 0)
		return present_next(ui);
	if (strcmp(command, "prev-pause") == 0)
		return present_prev(ui);
	if (strncmp(command, "goto-pause ", 11) == 0)
		return present_goto(ui, command + 11);
	if (strcmp(command, "blank") == 0)
		return present_blank(ui);
	return 0;
}

/* A blank screen comes back on any key, which does nothing else. */
int
present_key(struct ui *ui, int key)
{
	(void)key;
	if (!ui->blank)
		return -1;
	ui->blank = 0;
	ui->player.playing = ui->blank_playing;
	ui->player.next_due_ms = 0;
	return VIEW_RELAYOUT | VIEW_DIRTY;
}
