/*
 * present.c - presentation mode and the clicker keys.
 *
 * An ordinary replay shows its captions in a smaller band too, single-
 * spaced, since the narration line would cut them at the terminal's
 * width.  The band's height is the lesson's, not the caption's: the
 * program is read ahead once (present_plan) and the band fits its
 * longest part, so the views below, and the RAM grid's frames per cell,
 * stay the same from the first pause to the last.
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
#define PRESENT_MAX_LINES 32
/* What a predict question (or its verdict) takes in the band, about:
 * guess.c asks "Question: where will a land? Pick <the view's answers>,
 * or say it fails." */
#define PRESENT_QUESTION \
	"Question: where will it land? Pick a slab, " \
	"a new slab or whole pages, on the slab view, or say it fails."
/* Statements read ahead to size the band; a longer program (an imported
 * trace) gets the largest band without being run twice. */
#define PRESENT_PLAN_MAX 100000

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
	int	    n = 0, cut, i;
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

/* Adds a say to a part's caption: a sentence a script split over two
 * says reads as one; a finished sentence starts a line. */
static void
present_join(struct sbuf *b, const char *text)
{
	if (b->len > 0)
		sbuf_putc(b,
		    strchr(".:?!", b->s[b->len - 1]) != NULL ? '\n' : ' ');
	sbuf_puts(b, text);
}

/*
 * Runs the program once, quietly, for its parts' captions ('\f' apart)
 * and the view each pause has the keyboard on, which a jump (that runs
 * the statements before it unseen) gives back.
 */
static void
present_plan_run(struct ui *ui, struct script_interp *ip, size_t npauses)
{
	const struct script_result *r;
	int			    focus = LV_RAM;
	size_t			    k = 0;

	ui->pause_focus = xcalloc(npauses + 1, sizeof *ui->pause_focus);
	ui->npause_focus = npauses + 1;
	ui->pause_focus[0] = LV_RAM;
	while ((r = script_interp_next(ip)) != NULL) {
		if (r->kind == SCRIPT_PAUSE && k < npauses) {
			sbuf_putc(&ui->parts, '\f');
			ui->pause_focus[++k] = (signed char)focus;
		} else if (r->kind == SCRIPT_SAY && r->arg != NULL)
			present_join(&ui->parts, r->arg);
		else if (r->kind == SCRIPT_FOCUS && r->arg != NULL &&
		    status_focus_view(r->arg) >= 0)
			focus = status_focus_view(r->arg);
		else if (r->kind == SCRIPT_PREDICT) /* as long as most */
			present_join(&ui->parts, PRESENT_QUESTION);
	}
}

void
present_plan(struct ui *ui)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	struct script_interp	    *ip = NULL;
	char			    *cause = NULL;

	sbuf_reset(&ui->parts);
	if (prog == NULL)
		return;
	if (script_program_length(prog) <= PRESENT_PLAN_MAX)
		ip = script_interp_create(prog, ui->opts, &cause);
	free(cause);
	if (ip == NULL) { /* unknown: as many lines as the band holds */
		while (ui->parts.len < PRESENT_MAX_LINES)
			sbuf_putc(&ui->parts, '\n');
		return;
	}
	present_plan_run(ui, ip, script_program_npauses(prog));
	script_interp_destroy(ip);
}

/* The most lines any part's caption wraps to at the terminal's width. */
static int
present_plan_lines(const struct ui *ui)
{
	const char *start[PRESENT_MAX_LINES];
	int	    len[PRESENT_MAX_LINES], n, most = 0;
	const char *s = sbuf_str(&ui->parts), *e;
	char	   *part;

	for (; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = s + strcspn(s, "\f");
		part = xstrndup(s, (size_t)(e - s));
		n = present_wrap(part, ui->cols - 4, start, len);
		free(part);
		if (n > most)
			most = n;
	}
	return most;
}

/*
 * The band's height, the same all lesson long (layout_caption_band):
 * room for the lesson's longest part, double-spaced when presenting and
 * it fits.  None in the explorer unless a verdict is on screen.
 */
int
present_band(const struct ui *ui)
{
	const char *start[PRESENT_MAX_LINES];
	int	    len[PRESENT_MAX_LINES], lines;

	if (!ui->present && !ui->replay && !guess_verdict_shown(ui))
		return 0;
	lines = present_plan_lines(ui);
	if (!ui->replay) /* the explorer's own says and verdicts */
		lines = present_wrap(sbuf_str(&ui->caption), ui->cols - 4,
		    start, len);
	if (ui->quiz && lines < 3) /* room for every verdict */
		lines = 3;
	return layout_caption_band(ui->cols, ui->rows, ui->present, lines);
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
	present_join(&ui->caption, text);
	if (ui->status_shown && ui->present) {
		ui->status_shown = 0; /* the talk goes on: hide it again */
		r |= VIEW_RELAYOUT;
	}
	return r | (present_band(ui) != before ? VIEW_RELAYOUT : 0);
}

void
present_pause_reached(struct ui *ui)
{
	session_cast_pause(ui);
	ui->caption_stale = 1;
	if (ui->opts != NULL && ui->opts->export_every)
		ui->export_due = 1;
}

static void
present_progress(const struct ui *ui, char *buf, size_t len)
{
	const struct script_program *prog = script_interp_program(ui->ip);

	if (prog == NULL || script_program_npauses(prog) == 0) {
		snprintf(buf, len, "%s, op %zu",
		    prog == NULL ? "explorer" : "replay",
		    player_position(&ui->player));
		return;
	}
	snprintf(buf, len, "pause %zu of %zu",
	    script_interp_pauses_done(ui->ip), script_program_npauses(prog));
}

static int
present_starts(const char *text, const char *line)
{
	return line == text || line[-1] == '\n';
}

/*
 * The first line to show when only room lines fit: the latest captions
 * whole, starting where a caption starts, never mid-sentence; one
 * caption longer than the band shows its start (and its cut end).
 */
static int
present_first_line(const char *text, const char *start[], int n, int room)
{
	int first = n > room ? n - room : 0, i;

	for (i = first; i < n; i++)
		if (present_starts(text, start[i]))
			return i;
	for (i = first; i > 0 && !present_starts(text, start[i]); i--)
		continue;
	return i;
}

/* The title, cut with the truncation mark, and the progress after it. */
static void
present_draw_title(struct ui *ui, WINDOW *w)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	const char *title = prog != NULL ? script_program_title(prog) : "";
	char	    progress[64];
	int	    pw;

	present_progress(ui, progress, sizeof progress);
	pw = (int)strlen(progress);
	wattrset(w, colour_attr(CR_TITLE));
	help_put_cut(w, 0, 1, title, title + strlen(title), ui->cols - pw - 4,
	    ui_glyph(ui, G_ELLIPSIS));
	mvwaddstr(w, 0, ui->cols - pw - 1, progress);
}

void
present_draw_band(struct ui *ui)
{
	const char *start[PRESENT_MAX_LINES], *text = sbuf_str(&ui->caption);
	int	    len[PRESENT_MAX_LINES], n, h, i, y, gap, first;
	WINDOW	   *w = ui->cwin;

	if (w == NULL)
		return;
	h = getmaxy(w);
	wbkgdset(w, ' ' | colour_attr(CR_TEXT));
	werase(w);
	present_draw_title(ui, w);
	n = present_wrap(text, ui->cols - 4, start, len);
	gap = ui->present && n * 2 + 1 <= h ? 2 : 1;
	first = present_first_line(text, start, n, (h - 1) / gap);
	wattrset(w, colour_attr(CR_NARRATION) | A_BOLD);
	if (first > 0 && h > gap) /* earlier captions went up */
		mvwaddstr(w, gap, 0, ui_glyph(ui, G_ELLIPSIS));
	for (i = first, y = gap; i < n && y < h; i++, y += gap) {
		mvwaddnstr(w, y, 2, start[i], len[i]);
		if (y + gap >= h && i + 1 < n) /* the rest does not fit */
			waddstr(w, ui_glyph(ui, G_ELLIPSIS));
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* Runs the program on, without animation, to the next pause or the end:
 * at batch speed (seek.c) unless typed lines are still queued. */
static int
present_run_to_pause(struct ui *ui)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	size_t			     k = script_interp_pauses_done(ui->ip);
	int			     r = 0, bits;

	if (prog != NULL && script_interp_pending(ui->ip) == 0)
		return seek_forward(ui, script_program_pause_pos(prog, k + 1),
		    k < script_program_npauses(prog));
	ui->ffwd = 1;
	do {
		bits = player_step_op(&ui->player);
		if ((bits & PLAYER_NEWITEM) &&
		    ui->player.item.kind == SCRIPT_OP) {
			ui_show(ui, NULL, NULL); /* a show the part went past */
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
	size_t			     n;

	if (prog == NULL) {
		ui_narrate(ui, CR_ERROR, "no script: pauses are a replay's");
		return VIEW_DIRTY;
	}
	n = script_program_npauses(prog);
	if (k > n)
		k = n;
	free(ui->overlay);
	ui->overlay = NULL;
	ui_show(ui, NULL, NULL);
	ui->guess.state = GUESS_NONE;
	sbuf_reset(&ui->caption);
	ui->caption_stale = 0;
	player_goto(&ui->player,
	    k > 0 ? script_program_pause_pos(prog, k - 1) : 0);
	/* the focus the part before k - 1 left, unseen in the jump */
	if (k > 0 && k - 1 < ui->npause_focus)
		ui->focus = ui->pause_focus[k - 1];
	ui->player.playing = 0;
	ui_select(ui, SEL_NONE, 0, 0, 0);
	if (k == 0) {
		ui->player.waiting = 1;
		ui_narrate(ui, CR_NARRATION,
		    "the start of the script: Page "
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
		ui_narrate(ui, CR_ERROR,
		    "no script: Page Down plays a replay "
		    "on to its next pause");
		return VIEW_DIRTY;
	}
	/* At the instant speed there is nothing to watch on the way: the
	 * part runs at batch speed, as a second Page Down does. */
	if ((p->waiting || !p->playing) && p->speed != 0) {
		free(ui->overlay);
		ui->overlay = NULL;
		input_resume(ui);
		return VIEW_DIRTY;
	}
	free(ui->overlay);
	ui->overlay = NULL;
	p->waiting = 0;
	return present_run_to_pause(ui);
}

static int
present_prev(struct ui *ui)
{
	const struct player *p = &ui->player;
	size_t		     k = script_interp_pauses_done(ui->ip);
	int		     at_pause = p->waiting && p->has_item &&
	    p->item.kind == SCRIPT_PAUSE;

	return present_jump(ui, at_pause && k > 0 ? k - 1 : k);
}

static int
present_goto(struct ui *ui, const char *arg)
{
	char	     *end;
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
