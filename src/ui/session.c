/*
 * session.c - what a session leaves behind: the --record script and
 * the --export-text / --export-html / --export-svg screens.
 *
 * The recording is the interpreter's history (script_interp_write_
 * session: the machine line, then every statement executed, typed or
 * from the program, key actions included since keys run statements),
 * rewritten atomically after every loop iteration that changed it, so
 * it is a valid script however the session ends.  Stepping back
 * shortens the history, and the recording with it: the file always
 * replays to the state on screen.
 *
 * Exports capture the screen after it was drawn: at every pause with
 * --export-every, and once at the end.  Files are rewritten whole each
 * time, so they too are complete at every moment; a FIFO or character
 * device is written once, at the end (common/outfile.h).  An SVG is
 * one picture, so --export-every writes each pause's to a file of its
 * own (export_svg_pause_path: tour-01.svg ...) and the final screen to
 * the file named.
 *
 * The asciicast recording (--export-cast, cast.h) grows instead: a line
 * per screen sent (session_cast, after every term_update) and per
 * pause, flushed at once, so it is valid JSON lines at every moment
 * too.  A pause's marker follows the screen that shows the pause, so a
 * player stopping at the marker stops on that screen.
 *
 * A write that fails (a full disk) is said on the screen at once and
 * kept in out_errors, which ui_run prints again after the terminal is
 * back, exiting with UI_EXIT_OUTPUT.
 */
#include "config.h"

#include "ui/uiloop.h"
#include "ui/colour.h"
#include "ui/cast.h"
#include "ui/export.h"
#include "ui/export-svg.h"
#include "ui/term.h"
#include "common/outfile.h"
#include "common/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The colours "default" (pair 0) stands for: the theme's text. */
static void
session_theme(const struct ui *ui, struct export_theme *t)
{
	struct colour_look k;

	colour_look(CR_TEXT, term_colour() ? COLORS : 8, ui->present, &k);
	t->bg = export_rgb(k.bg, 0x000000);
	t->fg = export_rgb(k.fg, 0xe5e5e5);
}

static void
session_text(const struct ui *ui, struct sbuf *out)
{
	script_interp_write_session(ui->ip, out);
	record_trim(out);
}

static void
session_cast_put(struct ui *ui, struct sbuf *b)
{
	if (b->len > 0 && ui->cast_file != NULL &&
	    (fwrite(b->s, 1, b->len, ui->cast_file) != b->len ||
		fflush(ui->cast_file) != 0)) {
		ui_narrate(ui, CR_ERROR, "recording to %s stopped: write error",
		    ui->opts->export_cast);
		fclose(ui->cast_file);
		ui->cast_file = NULL;
	}
	sbuf_reset(b);
}

/* Opens the recording and writes its header. */
static int
session_cast_start(struct ui *ui, char **cause)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	struct export_theme	     t;
	struct sbuf		     b = SBUF_INIT;

	if (ui->opts->export_cast == NULL)
		return 0;
	if ((ui->cast_file = fopen(ui->opts->export_cast, "w")) == NULL) {
		*cause = xasprintf("%s: %s", ui->opts->export_cast,
		    strerror(errno));
		return -1;
	}
	session_theme(ui, &t);
	cast_header(&t, COLS, LINES,
	    prog != NULL ? script_program_title(prog) : "memviz explorer", &b);
	ui->cast_t0 = term_now_ms();
	session_cast_put(ui, &b);
	sbuf_free(&b);
	return 0;
}

void
session_cast(struct ui *ui)
{
	struct export_grid g;
	struct sbuf	   b = SBUF_INIT;
	uint64_t	   ms = term_now_ms() - ui->cast_t0;

	if (ui->cast_file == NULL)
		return;
	capture_screen(&g);
	cast_frame(&ui->cast, &g, ms, &b);
	if (ui->cast_mark != NULL) {
		cast_marker(ms, ui->cast_mark, &b);
		free(ui->cast_mark);
		ui->cast_mark = NULL;
	}
	session_cast_put(ui, &b);
	export_grid_free(&g);
	sbuf_free(&b);
}

void
session_cast_pause(struct ui *ui)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	char			     title[64];

	if (ui->cast_file == NULL)
		return;
	free(ui->cast_mark);
	/* A stale caption is the last part's: nothing was said since. */
	ui->cast_mark = cast_label(ui->caption_stale ? "" :
						       sbuf_str(&ui->caption));
	if (*ui->cast_mark != '\0')
		return;
	free(ui->cast_mark);
	snprintf(title, sizeof title, "pause %zu of %zu",
	    script_interp_pauses_done(ui->ip),
	    prog != NULL ? script_program_npauses(prog) : 0);
	ui->cast_mark = xstrdup(title);
}

int
session_start(struct ui *ui, char **cause)
{
	struct sbuf b = SBUF_INIT;
	int	    r = 0;

	if (session_cast_start(ui, cause) != 0)
		return -1;

	if (ui->opts->record != NULL) {
		session_text(ui, &b);
		r = record_open(&ui->rec, ui->opts->record, sbuf_str(&b),
		    cause);
	}
	sbuf_free(&b);
	if (r != 0 && ui->cast_file != NULL) {
		fclose(ui->cast_file);
		ui->cast_file = NULL;
	}
	return r;
}

/* A write failed: on the screen now, and again at exit. */
static void
session_failed(struct ui *ui, const char *what, const char *cause)
{
	ui_narrate(ui, CR_ERROR, "%s%s", what, cause);
	sbuf_printf(&ui->out_errors, "memviz: %s%s\n", what, cause);
}

void
session_update(struct ui *ui)
{
	struct sbuf b = SBUF_INIT;
	char	   *cause = NULL;

	if (ui->rec.path == NULL)
		return;
	session_text(ui, &b);
	if (record_update(&ui->rec, sbuf_str(&b), &cause) != 0 ||
	    (ui->ending && record_flush(&ui->rec, &cause) != 0)) {
		session_failed(ui, "recording stopped: ", cause);
		free(cause);
		record_close(&ui->rec);
	}
	sbuf_free(&b);
}

static void
session_write(struct ui *ui, const char *path, const struct sbuf *b,
    const char *tail)
{
	struct sbuf all = SBUF_INIT;
	char	   *cause = NULL;

	if (!ui->ending && outfile_stream(path))
		return; /* a stream is written once, at the end */
	sbuf_puts(&all, sbuf_str(b));
	sbuf_puts(&all, tail);
	if (outfile_write(path, all.s, all.len, &cause) != 0) {
		session_failed(ui, "export failed: ", cause);
		free(cause);
	}
	sbuf_free(&all);
}

/* Writes the exports captured so far. */
static void
session_exports_write(struct ui *ui)
{
	struct sbuf tail = SBUF_INIT;

	if (ui->opts->export_text != NULL)
		session_write(ui, ui->opts->export_text, &ui->export_txt, "");
	export_html_end(&tail);
	if (ui->opts->export_html != NULL)
		session_write(ui, ui->opts->export_html, &ui->export_html,
		    sbuf_str(&tail));
	sbuf_free(&tail);
}

/*
 * The screen as an SVG picture titled with the lesson and title: at a
 * pause (not ending) in that pause's own file, else in the one named.
 */
static void
session_svg(struct ui *ui, const struct export_grid *g,
    const struct export_theme *t, const char *title)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	const char *lesson = prog != NULL ? script_program_title(prog) :
					    "memviz";
	struct sbuf b = SBUF_INIT, svg = SBUF_INIT;
	char	   *path = NULL;

	if (ui->opts->export_svg == NULL ||
	    (!ui->ending && outfile_stream(ui->opts->export_svg)))
		return; /* a stream takes one picture, the last */
	sbuf_puts(&b, lesson);
	if (title != NULL)
		sbuf_printf(&b, ", %s", title);
	export_svg(g, t, sbuf_str(&b), &svg);
	if (!ui->ending)
		path = export_svg_pause_path(ui->opts->export_svg,
		    script_interp_pauses_done(ui->ip),
		    prog != NULL ? script_program_npauses(prog) : 0);
	session_write(ui, path != NULL ? path : ui->opts->export_svg, &svg, "");
	free(path);
	sbuf_free(&b);
	sbuf_free(&svg);
}

/* Captures the screen as it is now; title heads the frame (or NULL). */
void
session_frame(struct ui *ui, const char *title)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	struct export_grid	     g;
	struct export_theme	     t;

	if (ui->opts->export_text == NULL && ui->opts->export_html == NULL &&
	    ui->opts->export_svg == NULL)
		return;
	session_theme(ui, &t);
	capture_screen(&g);
	session_svg(ui, &g, &t, title);
	if (ui->nexports == 0)
		export_html_begin(&t,
		    prog != NULL ? script_program_title(prog) : "memviz",
		    &ui->export_html);
	if (title != NULL)
		sbuf_printf(&ui->export_txt, "---- %s ----\n", title);
	export_text(&g, &ui->export_txt);
	export_html_frame(&g, &t, title, &ui->export_html);
	ui->nexports++;
	export_grid_free(&g);
	session_exports_write(ui);
}

void
session_end(struct ui *ui)
{
	ui->ending = 1;
	session_update(ui);
	if (ui->lay.ok && !ui->blank)
		session_frame(ui, ui->opts->export_every ? "the end" : NULL);
	else if (ui->nexports > 0)
		session_exports_write(ui); /* what a stream still waits for */
	record_close(&ui->rec);
	if (ui->cast_file != NULL) {
		session_cast(ui); /* the last screen, if it changed */
		fclose(ui->cast_file);
		ui->cast_file = NULL;
	}
	cast_free(&ui->cast);
	free(ui->cast_mark);
	ui->cast_mark = NULL;
	sbuf_free(&ui->export_txt);
	sbuf_free(&ui->export_html);
}
