/*
 * input.c - the loop's decode and dispatch: keys, mouse, signals, the
 * player's clock.
 *
 * Keys go, in order, to the prompt when open, to an open help or legend
 * overlay (scroll keys scroll it, any other key closes it and does
 * nothing more), then through the keymap to a UI command, a statement,
 * or the focused view.  At a pause the keymap's at_pause column applies:
 * only the keys that go on (space, enter, n, PageDown) leave it, every
 * other key explores and the lesson stays where it is.  Commands are a
 * table of {name, function} rows, so the keymap's text is all that
 * binds a key.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"
#include "ui/keymap.h"
#include "ui/term.h"
#include "common/xmalloc.h"
#include "sim/page/phys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At instant speed, statements run back to back for this long per loop
 * before the screen is redrawn (ncdu's update_delay, for fast-forward). */
#define UI_BURST_MS 15

struct input_cmd {
	const char *name;
	int (*fn)(struct ui *, const char *arg);
};

/* Leaves a pause (or a held verdict): plays on, and says so.  The
 * /proc panel belonged to the part that paused: it closes. */
void
input_resume(struct ui *ui)
{
	if (ui->show != NULL && ui->player.waiting)
		ui_show(ui, NULL, NULL);
	ui->player.waiting = 0;
	ui->player.playing = 1;
	ui->player.next_due_ms = 0;
	ui_narrate(ui, CR_NARRATION, "playing on (space pauses)");
}

/* The end of a replay, with the quiz's score when there was one. */
static void
input_end(struct ui *ui)
{
	struct sbuf score = SBUF_INIT;

	if (ui->score.asked > 0) {
		sbuf_puts(&score, "; quiz: ");
		quiz_format(&ui->score, &score);
	}
	ui_narrate(ui, CR_NARRATION,
	    "end of the script after %zu statements"
	    "%s; explore from here (? for keys)",
	    player_position(&ui->player), sbuf_str(&score));
	/* The band keeps the closing caption; the score is on the status
	 * line, shown now in presentation mode too. */
	ui->status_shown = 1;
	sbuf_free(&score);
}

/* After the player moved: say what is new, refresh the selection. */
int
input_player(struct ui *ui, int bits)
{
	int r = 0;

	if (bits & PLAYER_NEWITEM)
		r |= status_item(ui);
	else if (bits & PLAYER_DIRTY)
		ui_select(ui, ui->sel.kind, ui->sel.pfn, ui->sel.addr,
		    ui->sel.len);
	if (bits & PLAYER_WAIT)
		present_pause_reached(ui);
	r |= guess_hold(ui);
	if ((bits & PLAYER_END) && (ui->player.playing || ui->ffwd) &&
	    ui->replay) {
		input_end(ui);
		r |= VIEW_DIRTY | VIEW_RELAYOUT;
	}
	if (bits & PLAYER_END) {
		ui->player.playing = 0;
		ui->run_typed = 0;
	}
	return r | ((bits & PLAYER_DIRTY) ? VIEW_DIRTY : 0);
}

static int
input_run_line(struct ui *ui, const char *line)
{
	char *cause = NULL, *nl;

	if (player_push_line(&ui->player, line, &cause) < 0) {
		if (cause != NULL && (nl = strchr(cause, '\n')) != NULL)
			*nl = '\0';
		ui_narrate(ui, CR_ERROR, "%s", cause != NULL ? cause : line);
		free(cause);
		return VIEW_DIRTY;
	}
	ui->run_typed = 1;
	ui->player.next_due_ms = 0;
	return VIEW_DIRTY;
}

static int
cmd_play(struct ui *ui, const char *a)
{
	(void)a;
	if (seek_interrupt(ui))
		return VIEW_DIRTY;
	if (ui->player.waiting) {
		input_resume(ui);
		return VIEW_DIRTY;
	}
	ui->player.playing = !ui->player.playing;
	ui->player.next_due_ms = 0;
	return VIEW_DIRTY;
}

static int
cmd_step(struct ui *ui, const char *a)
{
	(void)a;
	ui->player.playing = 0;
	if (guess_before_fetch(ui))
		return VIEW_DIRTY;
	return input_player(ui, player_step(&ui->player));
}

static int
cmd_step_op(struct ui *ui, const char *a)
{
	(void)a;
	ui->player.playing = 0;
	if (guess_before_fetch(ui))
		return VIEW_DIRTY;
	return input_player(ui, player_step_op(&ui->player));
}

static int
cmd_back(struct ui *ui, const char *a)
{
	(void)a;
	ui->player.playing = 0;
	return input_player(ui, player_back(&ui->player));
}

static int
cmd_back_op(struct ui *ui, const char *a)
{
	(void)a;
	ui->player.playing = 0;
	return input_player(ui, player_back_op(&ui->player));
}

static int
cmd_speed(struct ui *ui, const char *a)
{
	struct player *p = &ui->player;

	if (strcmp(a, "faster") == 0 && p->speed > 0)
		p->speed--;
	else if (strcmp(a, "slower") == 0 && p->speed + 1 < player_nspeeds)
		p->speed++;
	p->next_due_ms = ui_now_ms() + player_delay(p);
	return VIEW_DIRTY;
}

static int
cmd_prompt(struct ui *ui, const char *a)
{
	(void)a;
	prompt_open(&ui->prompt, ":", NULL);
	return VIEW_DIRTY;
}

static int
cmd_ask(struct ui *ui, const char *tmpl)
{
	char   label[64];
	size_t n = strcspn(tmpl, "(");

	if (tmpl[0] == '!') /* a UI command asking for its argument */
		snprintf(label, sizeof label,
		    "%.*s (a number): ", (int)strcspn(tmpl + 1, " "), tmpl + 1);
	else
		snprintf(label, sizeof label, "%.*s size: ", (int)n, tmpl);
	prompt_open(&ui->prompt, label, tmpl);
	return VIEW_DIRTY;
}

static int
cmd_focus(struct ui *ui, const char *a)
{
	int step = strcmp(a, "focus-next") == 0 ? 1 : LV__COUNT - 1;

	ui->focus = (ui->focus + step) % LV__COUNT;
	if (ui->zoom >= 0 || !ui->lay.full) {
		ui->zoom = ui->focus;
		return VIEW_RELAYOUT | VIEW_DIRTY;
	}
	return VIEW_DIRTY;
}

static int
cmd_toggle(struct ui *ui, const char *a)
{
	if (strcmp(a, "inspect") == 0)
		ui->inspector = !ui->inspector;
	else
		ui->zoom = ui->zoom >= 0 ? -1 : ui->focus;
	return VIEW_RELAYOUT | VIEW_DIRTY;
}

static int
cmd_overlay(struct ui *ui, const char *a)
{
	free(ui->overlay);
	ui->overlay = strcmp(a, "help") == 0 ? help_keys_text() :
					       help_legend_text(ui);
	ui->overlay_scroll = 0;
	ui->overlay_xscroll = 0;
	return VIEW_DIRTY;
}

/* Esc: the /proc panel first, then the selection; never goes on. */
static int
cmd_close(struct ui *ui, const char *a)
{
	(void)a;
	if (seek_interrupt(ui))
		return VIEW_DIRTY;
	if (ui->show != NULL) {
		ui_show(ui, NULL, NULL);
		return VIEW_RELAYOUT | VIEW_DIRTY;
	}
	ui_select(ui, SEL_NONE, 0, 0, 0);
	return VIEW_DIRTY;
}

/* O: the panel's text in the big box, which scrolls sideways too. */
static int
cmd_show_open(struct ui *ui, const char *a)
{
	const char *text;

	(void)a;
	if (ui->show == NULL) {
		ui_narrate(ui, CR_ERROR,
		    "no /proc panel open (B S V M show one)");
		return VIEW_DIRTY;
	}
	text = ui->show + strcspn(ui->show, "\n");
	free(ui->overlay);
	ui->overlay = xstrdup(text + (*text != '\0'));
	ui->overlay_scroll = ui->show_scroll;
	ui->overlay_xscroll = 0;
	return VIEW_DIRTY;
}

static int
cmd_show_scroll(struct ui *ui, const char *a)
{
	if (strcmp(a, "show-down") == 0)
		ui->show_scroll++; /* clamped when drawn */
	else if (ui->show_scroll > 0)
		ui->show_scroll--;
	return VIEW_DIRTY;
}

static int
cmd_present(struct ui *ui, const char *a)
{
	return present_cmd(ui, a);
}

static int
cmd_seek(struct ui *ui, const char *a)
{
	return seek_cmd(ui, a);
}

static int
cmd_quit(struct ui *ui, const char *a)
{
	(void)ui;
	(void)a;
	return VIEW_QUIT;
}

/* How each kind of binding is given back. */
static const char *const input_free_fmt[BIND__COUNT] = {
	[BIND_KMALLOC] = "kfree(%s)",
	[BIND_VMALLOC] = "vfree(%s)",
	[BIND_PAGES] = "free_pages(%s, %u)",
	[BIND_PAGE] = "__free_pages(%s, %u)",
	[BIND_MALLOC] = "free(%s)",
};

static int
input_binding_selected(const struct ui *ui, const struct script_binding *b)
{
	uint64_t pfn;

	if (!b->live || b->addr == 0)
		return 0;
	if (ui->sel.kind != SEL_FRAME)
		return ui->sel.addr == b->addr;
	return ui->sel.nframes > 0 &&
	    machine_virt_to_pfn(ui_machine(ui), b->addr, &pfn) == 0 &&
	    pfn == ui->sel.frames[0].pfn;
}

static int
cmd_free(struct ui *ui, const char *a)
{
	const struct script_binding *b;
	char			     line[256];
	size_t			     i, n = script_interp_nbindings(ui->ip);

	(void)a;
	for (i = n; i-- > 0;) {
		b = script_interp_binding(ui->ip, i);
		if (!input_binding_selected(ui, b))
			continue;
		snprintf(line, sizeof line, input_free_fmt[b->kind], b->name,
		    b->order);
		return input_run_line(ui, line);
	}
	ui_narrate(ui, CR_ERROR,
	    "f frees a named allocation: select one "
	    "(click it, or allocate with k z v m first)");
	return VIEW_DIRTY;
}

static const struct input_cmd input_cmds[] = {
	{ "play", cmd_play },
	{ "step", cmd_step },
	{ "step-op", cmd_step_op },
	{ "back", cmd_back },
	{ "back-op", cmd_back_op },
	{ "faster", cmd_speed },
	{ "slower", cmd_speed },
	{ "prompt", cmd_prompt },
	{ "ask", cmd_ask },
	{ "focus-next", cmd_focus },
	{ "focus-prev", cmd_focus },
	{ "inspect", cmd_toggle },
	{ "zoom", cmd_toggle },
	{ "help", cmd_overlay },
	{ "legend", cmd_overlay },
	{ "close", cmd_close },
	{ "free", cmd_free },
	{ "quit", cmd_quit },
	{ "show-down", cmd_show_scroll },
	{ "show-up", cmd_show_scroll },
	{ "show-open", cmd_show_open },
	{ "next-pause", cmd_present },
	{ "prev-pause", cmd_present },
	{ "goto-pause", cmd_present },
	{ "blank", cmd_present },
	{ "goto-op", cmd_seek },
	{ "start", cmd_seek },
	{ "end", cmd_seek },
};

static int
input_command(struct ui *ui, const char *command)
{
	size_t i, n;

	if (command[0] == ':')
		return input_run_line(ui, command + 1);
	for (i = 0; i < sizeof input_cmds / sizeof input_cmds[0]; i++) {
		n = strlen(input_cmds[i].name);
		if (strncmp(command, input_cmds[i].name, n) != 0 ||
		    (command[n] != '\0' && command[n] != ' '))
			continue;
		return input_cmds[i].fn(ui,
		    command[n] == ' ' && input_cmds[i].fn != cmd_present &&
			    input_cmds[i].fn != cmd_seek ?
			command + n + 1 :
			command);
	}
	return 0;
}

static int
input_prompt_done(struct ui *ui)
{
	struct prompt *pr = &ui->prompt;
	char	      *line, *stmt, *name;
	int	       r;

	prompt_close(pr);
	if (pr->buf[0] == '\0')
		return VIEW_DIRTY;
	if (pr->tmpl == NULL) {
		prompt_remember(pr, pr->buf);
		return input_run_line(ui, pr->buf);
	}
	stmt = xasprintf(pr->tmpl + (pr->tmpl[0] == '!'), pr->buf);
	if (pr->tmpl[0] == '!') {
		r = input_command(ui, stmt);
		free(stmt);
		return r;
	}
	name = script_interp_fresh_name(ui->ip, (char[]){ pr->tmpl[0], 0 });
	line = xasprintf("%s = %s", name, stmt);
	free(name);
	free(stmt);
	prompt_remember(pr, line);
	r = input_run_line(ui, line);
	free(line);
	return r;
}

static int
input_prompt_key(struct ui *ui, int key)
{
	switch (prompt_key(&ui->prompt, ui->ip, key)) {
	case PROMPT_DONE:
		return input_prompt_done(ui);
	case PROMPT_CANCEL:
		prompt_close(&ui->prompt);
		return VIEW_DIRTY;
	default:
		return VIEW_DIRTY;
	}
}

static int
input_overlay_key(struct ui *ui, int key)
{
	if (key == KEY_DOWN || key == 'j')
		ui->overlay_scroll++;
	else if (key == KEY_UP && ui->overlay_scroll > 0)
		ui->overlay_scroll--;
	else if (key == KEY_RIGHT || key == 'l')
		ui->overlay_xscroll += 8; /* clamped when drawn */
	else if (key == KEY_LEFT || key == 'h')
		ui->overlay_xscroll = ui->overlay_xscroll > 8 ?
		    ui->overlay_xscroll - 8 :
		    0;
	else {
		free(ui->overlay); /* and nothing more: not a pause's key */
		ui->overlay = NULL;
	}
	return VIEW_DIRTY;
}

/* The clicker's keys work over overlays and at pauses alike. */
static int
input_clicker_key(int key)
{
	static const int keys[] = { KEY_NPAGE, KEY_PPAGE, 'g', 'b', '.' };
	size_t		 i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i] == key)
			return 1;
	return 0;
}

/* A key with no binding at a pause: say which keys go on. */
static int
input_pause_hint(struct ui *ui)
{
	struct sbuf keys = SBUF_INIT;
	size_t	    i;

	for (i = 0; i < keymap_len; i++) {
		if (!keymap_goes_on(&keymap[i]) ||
		    strstr(sbuf_str(&keys), keymap[i].keyname) != NULL)
			continue;
		sbuf_printf(&keys, "%s%s", keys.len > 0 ? ", " : "",
		    keymap[i].keyname);
	}
	ui_narrate(ui, CR_NARRATION,
	    "pause: %s go on; every other key looks "
	    "around (? keys)",
	    sbuf_str(&keys));
	sbuf_free(&keys);
	return VIEW_DIRTY;
}

/* "view" hands the key to the focused view; "view K" hands it K. */
static int
input_view_key(struct ui *ui, const char *command, int key)
{
	struct view *v = &ui->views[ui->focus];

	if (command[4] == ' ' && command[5] != '\0')
		key = (unsigned char)command[5];
	return v->win != NULL ? v->ops->handle_key(v, ui, key) : 0;
}

static int
input_key_dispatch(struct ui *ui, int key)
{
	const struct keymap_entry *e;
	const char		  *command;
	int			   r;

	if (ui->prompt.active)
		return input_prompt_key(ui, key);
	if ((r = guess_key(ui, key)) >= 0)
		return r;
	if (ui->overlay != NULL && !input_clicker_key(key))
		return input_overlay_key(ui, key);
	if ((e = keymap_find(key)) == NULL)
		return ui->player.waiting ? input_pause_hint(ui) : 0;
	command = keymap_command(e, ui->player.waiting);
	if (strncmp(command, "view", 4) == 0 &&
	    (command[4] == '\0' || command[4] == ' '))
		return input_view_key(ui, command, key);
	return input_command(ui, command);
}

static int
input_key(struct ui *ui, int key)
{
	int r;

	if (key == KEY_ENTER || key == '\n')
		key = '\r';
	if ((r = present_key(ui, key)) >= 0)
		return r;
	r = 0;
	if (ui->present && !ui->status_shown) {
		ui->status_shown = 1; /* presentation: shown on a key */
		r = VIEW_RELAYOUT | VIEW_DIRTY;
	}
	return r | input_key_dispatch(ui, key);
}

static int
input_mouse(struct ui *ui)
{
	MEVENT	     me;
	struct view *v;
	int	     id, button;

	if (getmouse(&me) != OK || !ui->lay.ok)
		return 0;
	button = keymap_button(me.bstate);
	if (button >= 4 && ui->show != NULL &&
	    layout_rect_has(&ui->show_rect, me.x, me.y))
		return input_command(ui, button == 4 ? "show-up" : "show-down");
	if (button == 1 && ui->bar_w > 0 && me.y == ui->lay.status.y &&
	    me.x >= ui->bar_x && me.x < ui->bar_x + ui->bar_w)
		return seek_click(ui, me.x - ui->bar_x, ui->bar_w);
	id = layout_view_at(&ui->lay, me.x, me.y);
	if (button == 0 || id < 0)
		return 0;
	if (ui->inspector && ui->lay.inspect_overlay && id != LV_RAM)
		return 0;
	v = &ui->views[id];
	ui->focus = id;
	return VIEW_DIRTY |
	    v->ops->handle_mouse(v, ui, me.x - v->r.x, me.y - v->r.y, button);
}

static int
input_drain(struct ui *ui)
{
	int key, r = 0;

	while (!(r & VIEW_QUIT) && (key = getch()) != ERR) {
		if (key == KEY_MOUSE)
			r |= input_mouse(ui);
		else if (key == KEY_RESIZE)
			r |= VIEW_RELAYOUT | VIEW_DIRTY;
		else if (!ui->lay.ok)
			r |= key == 'q' ? VIEW_QUIT : 0;
		else
			r |= input_key(ui, key);
	}
	return r;
}

static int
input_signals(struct ui *ui)
{
	int s = term_signals();

	if (s & TERM_SIG_QUIT) {
		ui->status = 1;
		return VIEW_QUIT;
	}
	if (s & (TERM_SIG_RESIZE | TERM_SIG_CONT))
		return VIEW_RELAYOUT | VIEW_DIRTY;
	return 0;
}

static int
input_active(const struct ui *ui)
{
	return ui->player.playing || ui->run_typed || ui->ffwd_active;
}

/* Typed lines stop the player again once they are all shown. */
static int
input_typed_done(const struct ui *ui)
{
	const struct player *p = &ui->player;
	size_t		     n;

	if (!ui->run_typed || p->playing || script_interp_pending(ui->ip) > 0)
		return 0;
	n = p->item.kind == SCRIPT_OP ? p->item.step.nev : 1;
	return !p->has_item || p->shown >= n;
}

static int
input_tick(struct ui *ui)
{
	uint64_t start = ui_now_ms(), now = start;
	int	 r = 0, bits;

	if (ui->ffwd_active)
		return seek_tick(ui);
	while (input_active(ui) && now >= ui->player.next_due_ms) {
		if (input_typed_done(ui)) {
			ui->run_typed = 0;
			break;
		}
		if (guess_before_fetch(ui)) {
			r |= VIEW_DIRTY;
			break;
		}
		bits = player_step(&ui->player);
		r |= input_player(ui, bits);
		now = ui_now_ms();
		ui->player.next_due_ms = now + player_delay(&ui->player);
		if (player_delay(&ui->player) > 0 || now - start > UI_BURST_MS)
			break;
	}
	return r;
}

static int
input_timeout(const struct ui *ui)
{
	uint64_t now;

	if (!input_active(ui))
		return -1;
	now = ui_now_ms();
	if (ui->player.next_due_ms <= now)
		return 0;
	return (int)(ui->player.next_due_ms - now);
}

/* --export-every: the screen at a pause, drawn just now. */
static void
input_export_pause(struct ui *ui)
{
	char			     title[64];
	const struct script_program *prog = script_interp_program(ui->ip);

	snprintf(title, sizeof title, "pause %zu of %zu",
	    script_interp_pauses_done(ui->ip),
	    prog != NULL ? script_program_npauses(prog) : 0);
	session_frame(ui, title);
}

/*
 * Off screen nobody presses a key: a pause or a question lasts
 * --cast-pause of the recording's time, then the lesson plays on (the
 * question skipped, as Esc does); stopped anywhere else, it is over.
 */
static int
input_idle(struct ui *ui)
{
	if (ui->guess.state == GUESS_ASKING) {
		term_advance(ui->opts->cast_pause_ms);
		return guess_key(ui, 27);
	}
	if (ui->player.waiting) {
		term_advance(ui->opts->cast_pause_ms);
		input_resume(ui);
		return VIEW_DIRTY;
	}
	return VIEW_QUIT;
}

int
uiloop_run(struct ui *ui)
{
	int r = VIEW_RELAYOUT | VIEW_DIRTY, bits;

	while (!(r & VIEW_QUIT)) {
		if (r & VIEW_RELAYOUT)
			ui_relayout(ui);
		if (r & (VIEW_DIRTY | VIEW_RELAYOUT))
			ui_draw(ui);
		if (ui->export_due) {
			ui->export_due = 0;
			input_export_pause(ui);
		}
		bits = term_wait(input_timeout(ui));
		r = 0;
		if (bits & TERM_WAIT_SIGNAL)
			r |= input_signals(ui);
		if (bits & TERM_WAIT_INPUT)
			r |= input_drain(ui);
		if (bits & TERM_WAIT_IDLE)
			r |= input_idle(ui);
		if (!(r & VIEW_QUIT))
			r |= input_tick(ui);
		session_update(ui);
	}
	return ui->status;
}
