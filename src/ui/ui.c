/*
 * ui.c - the interactive program: one loop, decode -> dispatch -> redraw.
 *
 * The loop sleeps in one poll() (term_wait) on the terminal and the
 * signal pipe: with a timeout while the player animates, forever when it
 * is paused or has nothing left, so an idle memviz does not wake.  Keys
 * go to the prompt when it is open, else through the keymap to a
 * command or a statement; mouse events go to the view under the pointer.
 * Handlers return VIEW_* bits; the loop relayouts and redraws at most
 * once per iteration, and only term_update() sends output.
 *
 * The machine is changed only through the interpreter: typed lines and
 * key actions are statement text (player_push_line), so a session is a
 * script.
 */
#include "config.h"

#include "ui/ui.h"
#include "ui/colour.h"
#include "ui/keymap.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/uiloop.h"
#include "common/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The explorer boots an aged machine, as a system that has been running. */
#define UI_EXPLORER_FRAGMENT "30"

/* An off-screen screen without --size: a terminal's classic size. */
#define UI_OFFSCREEN_W 80
#define UI_OFFSCREEN_H 24

static const struct view_ops *const ui_view_ops[LV__COUNT] = { &view_ram_ops,
	&view_slab_ops, &view_vmalloc_ops, &view_user_ops };

uint64_t
ui_now_ms(void)
{
	return term_now_ms();
}

/* Sends the screen, and records it when --export-cast asks. */
static void
ui_update(struct ui *ui)
{
	term_update();
	session_cast(ui);
}

static WINDOW *
ui_window(WINDOW *old, const struct rect *r)
{
	if (old != NULL)
		delwin(old);
	if (r->w <= 0 || r->h <= 0)
		return NULL;
	return newwin(r->h, r->w, r->y, r->x);
}

/*
 * A question is answered on the rows of a stacked view: while one is
 * open the views take the detail panel's rows.
 */
static int
ui_question_on_rows(const struct ui *ui)
{
	return ui->guess.state == GUESS_ASKING && ui->guess.view != LV_RAM;
}

/* The one resize path: layout_compute, new windows, everything dirty. */
void
ui_relayout(struct ui *ui)
{
	int v;

	term_size(&ui->cols, &ui->rows);
	/* The status row is kept while presentation mode hides it, and the
	 * band is the lesson's: the views keep their size all lesson. */
	layout_compute_band(ui->cols, ui->rows, ui->zoom, ui->inspector,
	    present_band(ui), 1, &ui->lay);
	ui->detail_dropped = ui_question_on_rows(ui);
	if (ui->detail_dropped)
		layout_drop_detail(&ui->lay);
	layout_weigh(&ui->lay, ui->views_used);
	ui->show_laid = ui->show != NULL;
	ui->show_keep = ui->focus;
	if (ui->show_laid)
		ui->show_rect = layout_show_panel(&ui->lay, ui->focus);
	for (v = 0; v < LV__COUNT; v++) {
		ui->views[v].ops->resize(&ui->views[v], &ui->lay.view[v]);
		ui->views[v].win = ui_window(ui->views[v].win,
		    &ui->lay.view[v]);
	}
	ui->insp.ops->resize(&ui->insp, &ui->lay.inspect);
	ui->insp.win = ui_window(ui->insp.win, &ui->lay.inspect);
	ui->detail.ops->resize(&ui->detail, &ui->lay.detail);
	ui->detail.win = ui_window(ui->detail.win, &ui->lay.detail);
	ui->nwin = ui_window(ui->nwin, &ui->lay.narration);
	ui->swin = ui_window(ui->swin, &ui->lay.status);
	ui->cwin = ui_window(ui->cwin, &ui->lay.caption);
	clearok(curscr, TRUE);
}

static void
ui_draw_small(struct ui *ui)
{
	char msg[64];

	werase(stdscr);
	snprintf(msg, sizeof msg, "need %dx%d", ui->lay.need_w, ui->lay.need_h);
	mvaddnstr(0, 0, msg, ui->cols);
	if (ui->rows > 1)
		mvaddnstr(1, 0, "q quits", ui->cols);
	wnoutrefresh(stdscr);
}

/* The /proc panel came, went, or must keep another view beside it. */
static int
ui_show_moved(const struct ui *ui)
{
	return (ui->show != NULL) != ui->show_laid ||
	    (ui->show_laid && ui->focus != ui->show_keep);
}

void
ui_draw(struct ui *ui)
{
	int v;

	if (ui_show_moved(ui))
		ui_relayout(ui);
	if (!ui->lay.ok) {
		ui_draw_small(ui);
		ui_update(ui);
		return;
	}
	if (ui->blank) { /* the clicker's blank: black until a key */
		wbkgdset(stdscr, ' ' | colour_attr(CR_TEXT));
		werase(stdscr);
		wnoutrefresh(stdscr);
		ui_update(ui);
		return;
	}
	if (ui->detail_dropped != ui_question_on_rows(ui))
		ui_relayout(ui); /* a question opened or closed */
	wnoutrefresh(stdscr);
	changes_update(&ui->changes, &ui->player);
	present_draw_band(ui);
	for (v = 0; v < LV__COUNT; v++) {
		if (ui->views[v].win != NULL)
			ui->views[v].ops->draw(&ui->views[v], ui);
	}
	if (ui->detail.win != NULL) {
		ui->detail.ops = view_bytes_due(ui) ? &view_bytes_ops :
						      &view_map_ops;
		ui->detail.ops->draw(&ui->detail, ui);
	}
	help_draw_show(ui); /* under the inspector the user opened */
	if (ui->insp.win != NULL)
		ui->insp.ops->draw(&ui->insp, ui);
	uiloop_draw_lines(ui);
	uiloop_draw_overlay(ui);
	ui_update(ui);
}

static void
ui_opts_explorer(const struct script_opts *in, struct script_opts *out)
{
	size_t i;

	*out = *in;
	if (in->nmachine >= SCRIPT_OPTS_MACHINE_MAX)
		return;
	/* Ours first: the command line's overrides come later and win. */
	out->machine[0].name = "fragment";
	out->machine[0].value = UI_EXPLORER_FRAGMENT;
	for (i = 0; i < in->nmachine; i++)
		out->machine[i + 1] = in->machine[i];
	out->nmachine = in->nmachine + 1;
}

static struct script_program *
ui_parse(const char *name, const char *text)
{
	struct script_errors   errs;
	struct script_program *prog;
	struct sbuf	       out = SBUF_INIT;

	script_errors_init(&errs);
	prog = script_parse(name, text, &errs);
	if (prog == NULL) {
		script_errors_format(&errs, &out);
		fputs(sbuf_str(&out), stderr);
		sbuf_free(&out);
	}
	script_errors_free(&errs);
	return prog;
}

static void
ui_init_views(struct ui *ui)
{
	int v;

	for (v = 0; v < LV__COUNT; v++) {
		ui->views[v].ops = ui_view_ops[v];
		ui->views[v].id = v;
		ui->views[v].density = -1;
	}
	ui->insp.ops = &view_inspect_ops;
	ui->insp.id = -1;
	ui->insp.density = -1;
	ui->detail.ops = &view_map_ops;
	ui->detail.id = -1;
	ui->detail.density = -1;
	ui->zoom = -1;
	ui->focus = LV_RAM;
}

static void
ui_free(struct ui *ui)
{
	int v;

	for (v = 0; v < LV__COUNT; v++)
		if (ui->views[v].win != NULL)
			delwin(ui->views[v].win);
	if (ui->insp.win != NULL)
		delwin(ui->insp.win);
	if (ui->detail.win != NULL)
		delwin(ui->detail.win);
	if (ui->nwin != NULL)
		delwin(ui->nwin);
	if (ui->swin != NULL)
		delwin(ui->swin);
	if (ui->cwin != NULL)
		delwin(ui->cwin);
	guess_free(ui);
	sbuf_free(&ui->caption);
	sbuf_free(&ui->parts);
	free(ui->pause_focus);
	free(ui->show);
	player_free(&ui->player);
	prompt_free(&ui->prompt);
	sbuf_free(&ui->narration);
	free(ui->sel.frames);
	changes_free(&ui->changes);
	free(ui->overlay);
	sbuf_free(&ui->out_errors);
}

/*
 * Off screen when --size asks, or when only exports are wanted and
 * there is no terminal (a Makefile building a course's recordings).
 */
static int
ui_offscreen(const struct script_opts *o)
{
	int exports = o->export_cast != NULL || o->export_text != NULL ||
	    o->export_html != NULL || o->export_svg != NULL;

	return o->size_w > 0 ||
	    (exports && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)));
}

static int
ui_term_init(const struct script_opts *o, char **cause)
{
	if (!ui_offscreen(o))
		return term_init(cause);
	if (o->size_w > 0)
		return term_init_offscreen(o->size_w, o->size_h, cause);
	return term_init_offscreen(UI_OFFSCREEN_W, UI_OFFSCREEN_H, cause);
}

static int
ui_start(struct ui *ui, struct script_program *prog,
    const struct script_opts *opts)
{
	struct script_opts eo;
	char		  *cause = NULL;

	if (prog == NULL)
		ui_opts_explorer(opts, &eo);
	else
		eo = *opts;
	ui->ip = script_interp_create(prog, &eo, &cause);
	ui->views_used = view_use_of(prog);
	if (ui->ip == NULL) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		return -1;
	}
	if (ui_term_init(opts, &cause) != 0) {
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		script_interp_destroy(ui->ip);
		return -1;
	}
	ui->utf8 = term_utf8();
	colour_init(term_colour(), COLORS);
	player_init(&ui->player, ui->ip);
	/* cmdline_parse checked the name; an unknown one keeps the default. */
	if (opts->speed != NULL && player_speed_find(opts->speed) >= 0)
		ui->player.speed = (unsigned)player_speed_find(opts->speed);
	ui_init_views(ui);
	ui->replay = prog != NULL;
	ui->player.playing = ui->replay;
	ui->opts = opts;
	present_plan(ui);
	ui->quiz = opts->quiz;
	if (opts->present)
		present_enable(ui, 1);
	if (session_start(ui, &cause) != 0) {
		term_shutdown();
		fprintf(stderr, "memviz: %s\n", cause);
		free(cause);
		player_free(&ui->player);
		script_interp_destroy(ui->ip);
		return -1;
	}
	return 0;
}

/* After the terminal is back: the quiz's score stays on the screen. */
static void
ui_report(const struct ui *ui)
{
	struct sbuf b = SBUF_INIT;

	if (!ui->quiz && ui->score.asked == 0)
		return;
	quiz_format(&ui->score, &b);
	printf("memviz: quiz: %s\n", sbuf_str(&b));
	sbuf_free(&b);
}

int
ui_run(const char *script_name, const char *script_text,
    const struct script_opts *opts)
{
	struct script_program *prog = NULL;
	struct ui	       ui;
	int		       status;

	memset(&ui, 0, sizeof ui);
	if (script_text == NULL && ui_offscreen(opts)) {
		fputs("memviz: off screen (--size, or exports without a "
		      "terminal) nobody explores: give a SCRIPT or --demo\n",
		    stderr);
		return 2;
	}
	if (script_text != NULL &&
	    (prog = ui_parse(script_name, script_text)) == NULL)
		return 2;
	if (ui_start(&ui, prog, opts) != 0) {
		script_program_free(prog);
		return 2;
	}
	if (prog == NULL)
		ui_narrate(&ui, CR_NARRATION,
		    "memviz explorer: k kmalloc  "
		    "z kzalloc  v vmalloc  m malloc  f free  : statement  "
		    "? keys  q quit");
	else if (opts->from > 0)
		present_jump(&ui, opts->from);
	status = uiloop_run(&ui);
	session_end(&ui);
	term_shutdown();
	ui_report(&ui);
	if (ui.out_errors.len > 0) {
		fputs(sbuf_str(&ui.out_errors), stderr);
		status = UI_EXIT_OUTPUT;
	}
	ui_free(&ui);
	script_interp_destroy(ui.ip);
	script_program_free(prog);
	return status;
}
