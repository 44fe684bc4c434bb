/*
 * status.c - the narration line and the status line.
 *
 * The narration line says what is happening: the event being shown
 * ("[3/7] split pfn 0x400 order 3") while a step animates, else the
 * last result, caption or error.  The status line holds the most useful
 * keys on the left and the player's state on the right, or the prompt.
 */
#include "ui/uiloop.h"
#include "ui/colour.h"
#include "ui/pcp-note.h"
#include "sim/machine.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns the keys keep when the progress bar widens. */
#define STATUS_KEYS_MIN 29

static const char status_keys
    [] = " space play  n/\xe2\x86\x92 step  \xe2\x86\x90 back  : statement  "
	 "k z v m f  tab view  Z zoom  i inspect  ? keys  q quit";
static const char status_keys_ascii
    [] = " space play  n step  left back  : statement  "
	 "k z v m f  tab view  Z zoom  i inspect  ? keys  q quit";

int
status_focus_view(const char *name)
{
	static const struct {
		const char *name;
		int	    view;
	} names[] = {
		{ "phys", LV_RAM },
		{ "ram", LV_RAM },
		{ "slab", LV_SLAB },
		{ "kmalloc", LV_SLAB },
		{ "vmalloc", LV_VMALLOC },
		{ "user", LV_USER },
		{ "malloc", LV_USER },
	};
	size_t i;

	for (i = 0; name != NULL && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].view;
	return -1;
}

/* Selects what an operation returned or freed, so every view points
 * at it. */
static void
status_select_result(struct ui *ui)
{
	const struct player_item    *it = &ui->player.item;
	const struct script_binding *b;
	static const enum sel_kind   kinds[BIND__COUNT] = {
		  [BIND_KMALLOC] = SEL_OBJECT,
		  [BIND_VMALLOC] = SEL_VAREA,
		  [BIND_PAGES] = SEL_FRAME,
		  [BIND_PAGE] = SEL_FRAME,
		  [BIND_MALLOC] = SEL_CHUNK,
	};

	if (it->name == NULL || it->step.status != SIM_OK ||
	    (b = script_interp_lookup(ui->ip, it->name)) == NULL ||
	    (it->step.addr == 0 &&
		(b->live || b->addr == 0 || kinds[b->kind] == SEL_FRAME))) {
		ui_select(ui, ui->sel.kind, ui->sel.pfn, ui->sel.addr,
		    ui->sel.len);
		return;
	}
	/* A free returns nothing and its name is dead once it ran: what it
	 * freed is selected all the same, so the views show where the
	 * chunk or object went (a tcache bin, a free object in its slab). */
	if (it->step.addr == 0) {
		ui_select(ui, kinds[b->kind], 0, b->addr, b->size);
		return;
	}
	ui_select(ui, kinds[b->kind],
	    it->step.nframes > 0 ? it->step.frames[0].pfn : 0, it->step.addr,
	    it->step.size > 0 ? it->step.size : b->size);
}

/*
 * What --batch says, then what the step did to the per-CPU lists when
 * it refilled or drained them (pcp-note.h).  The result first: on an
 * 80-column line the note is what gets cut, never the address.
 */
static void
status_op_pcp(struct ui *ui, int role, const char *batch, size_t len)
{
	struct sbuf b = SBUF_INIT, note = SBUF_INIT;

	sbuf_add(&b, batch, len);
	if (pcp_note_step(&ui->player.item.step, &note) > 0)
		sbuf_printf(&b, " | %s", sbuf_str(&note));
	ui_narrate(ui, role, "%s", sbuf_str(&b));
	sbuf_free(&note);
	sbuf_free(&b);
}

/*
 * The narration line says what --batch says for the statement (address or
 * "ok", cache, frames, outcome), so the TUI and batch never disagree.
 */
static void
status_op(struct ui *ui)
{
	const struct player_item *it = &ui->player.item;
	int    role = it->step.status != SIM_OK ? CR_ERROR : CR_NARRATION;
	size_t len;

	status_select_result(ui);
	if (it->error != NULL) {
		ui_narrate(ui, CR_ERROR, "%s: %s", it->source, it->error);
	} else if (it->batch != NULL && *it->batch != '\0') {
		len = strcspn(it->batch, "\n");
		status_op_pcp(ui, role, it->batch, len);
	} else if (it->step.status != SIM_OK) {
		ui_narrate(ui, CR_ERROR, "%s -> %s: %s", it->source,
		    sim_status_name(it->step.status),
		    it->step.reason != NULL ? it->step.reason : "");
	} else {
		ui_narrate(ui, CR_NARRATION, "%s -> %#" PRIx64 " %s",
		    it->source, it->step.addr,
		    it->step.what != NULL ? it->step.what : "");
	}
}

/*
 * What the lesson shows goes in the /proc panel beside the views; what
 * the user asked for (a typed show, B S V M) comes in front, in the
 * wide box any key closes.
 */
static void
status_show(struct ui *ui, const struct player_item *it)
{
	if (ui->replay && !it->typed) {
		ui_show(ui, it->source, it->arg);
		return;
	}
	free(ui->overlay);
	ui->overlay = xstrdup(it->arg != NULL ? it->arg : "");
	ui->overlay_scroll = 0;
	ui->overlay_xscroll = 0;
}

int
status_item(struct ui *ui)
{
	const struct player_item *it = &ui->player.item;
	int			  v, r = guess_result(ui);

	touch_note(&ui->touch, it, player_position(&ui->player),
	    ui_machine(ui));
	switch (it->kind) {
	case SCRIPT_OP:
		status_op(ui);
		return r | VIEW_DIRTY;
	case SCRIPT_SAY: /* in the caption band */
		return r | present_caption(ui, it->arg ? it->arg : "");
	case SCRIPT_PREDICT:
		return r | guess_ask(ui, it->name);
	case SCRIPT_PRESENT:
		return ui->present ? VIEW_DIRTY : present_enable(ui, 1);
	case SCRIPT_PAUSE:
		ui_narrate(ui, CR_NARRATION,
		    "pause %zu of %zu: look around "
		    "(i L ? Z tab); space goes on",
		    script_interp_pauses_done(ui->ip),
		    script_interp_program(ui->ip) != NULL ?
			script_program_npauses(script_interp_program(ui->ip)) :
			0);
		return r | VIEW_DIRTY;
	case SCRIPT_SHOW:
	case SCRIPT_HELP:
		status_show(ui, it);
		return r | VIEW_DIRTY;
	case SCRIPT_FOCUS:
		if ((v = status_focus_view(it->arg)) >= 0)
			ui->focus = v;
		return r | VIEW_DIRTY;
	case SCRIPT_MACHINE:
		ui_select(ui, SEL_NONE, 0, 0, 0);
		ui_narrate(ui, CR_NARRATION, "%s", it->source);
		return r | VIEW_DIRTY | VIEW_RELAYOUT;
	default:
		ui_narrate(ui, it->error ? CR_ERROR : CR_NARRATION, "%s%s%s",
		    it->source, it->error ? ": " : "",
		    it->error ? it->error : "");
		return r | VIEW_DIRTY;
	}
}

static void
status_line(WINDOW *w, int cols, const char *s, attr_t a)
{
	werase(w);
	wbkgdset(w, ' ' | a);
	wattrset(w, a);
	mvwaddnstr(w, 0, 0, s, -1);
	wclrtoeol(w);
	(void)cols;
}

static void
status_narration(struct ui *ui)
{
	const struct player *p = &ui->player;
	const struct event  *ev = player_current_event(p);
	struct sbuf	     b = SBUF_INIT;

	if (ui->prompt.active && ui->prompt.hint[0] != '\0') {
		status_line(ui->nwin, ui->cols, ui->prompt.hint,
		    colour_attr(CR_DIM));
		return;
	}
	if (ev != NULL && p->animating) {
		sbuf_printf(&b, "[%zu/%zu] ", p->shown, p->item.step.nev);
		event_format(ev, &b);
		if (pcp_note_event(ev->kind) != NULL)
			sbuf_printf(&b, ": %s", pcp_note_event(ev->kind));
		sbuf_printf(&b, "   (%s)", p->item.source);
		status_line(ui->nwin, ui->cols, sbuf_str(&b),
		    colour_attr(CR_NARRATION));
		sbuf_free(&b);
		return;
	}
	status_line(ui->nwin, ui->cols, sbuf_str(&ui->narration),
	    colour_attr(ui->narration_role));
}

static void
status_prompt(struct ui *ui)
{
	struct prompt *pr = &ui->prompt;
	int	       x = (int)strlen(pr->label), off = 0;

	if (x + (int)pr->cur >= ui->cols - 1)
		off = x + (int)pr->cur - ui->cols + 2;
	status_line(ui->swin, ui->cols, pr->label, colour_attr(CR_TEXT));
	if (off < (int)pr->len)
		mvwaddnstr(ui->swin, 0, x, pr->buf + off, ui->cols - x);
	wattrset(ui->swin, A_REVERSE);
	mvwaddch(ui->swin, 0, x + (int)pr->cur - off,
	    pr->cur < pr->len ? (chtype)(unsigned char)pr->buf[pr->cur] : ' ');
}

/* Columns from s to e: UTF-8 continuation bytes take none. */
static int
status_cols(const char *s, const char *e)
{
	int n = 0;

	for (; s < e; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The player's state; the quiz's score, when there is one, first.  A
 * replay's position ends it; its progress bar is drawn after. */
static int
status_right(const struct ui *ui, struct sbuf *b)
{
	const struct player	    *p = &ui->player;
	const struct script_program *prog = script_interp_program(ui->ip);

	if (ui->score.asked > 0) {
		sbuf_puts(b, " quiz ");
		quiz_format(&ui->score, b);
		sbuf_puts(b, " |");
	}
	/* the CPU statements run on, once a script left CPU 0 */
	if (machine_cpu(ui_machine(ui)) != 0 ||
	    (p->has_item && p->item.kind == SCRIPT_CPU))
		sbuf_printf(b, " cpu %u |", machine_cpu(ui_machine(ui)));
	sbuf_printf(b, " %s | %s | ",
	    p->waiting	   ? "PAUSE" :
		p->playing ? "playing" :
			     "stopped",
	    player_speed_names[p->speed]);
	if (prog != NULL && script_program_npauses(prog) > 0)
		sbuf_printf(b, "pause %zu/%zu | ",
		    script_interp_pauses_done(ui->ip),
		    script_program_npauses(prog));
	if (prog == NULL)
		sbuf_printf(b, "op %zu ", player_position(p));
	else
		sbuf_printf(b, "op %zu/%zu ", player_position(p),
		    script_program_length(prog));
	return (int)b->len;
}

/* The progress bar's width: a fifth of the line, 8 to 40 columns, as
 * far as STATUS_KEYS_MIN columns stay for the keys; 0 when no script. */
static int
status_bar_width(const struct ui *ui, int len)
{
	int w = ui->cols / 5, room = ui->cols - 2 - STATUS_KEYS_MIN - len;

	if (script_interp_program(ui->ip) == NULL)
		return 0;
	w = w < 8 ? 8 : w > 40 ? 40 : w;
	return w < room ? w : room < 4 ? 0 : room;
}

/* The bar: cells in the key colour up to the replay's position ('#'
 * without UTF-8), light shade after ('-'); its place is kept for a
 * click. */
static void
status_bar(struct ui *ui, int x, int w)
{
	const struct script_program *prog = script_interp_program(ui->ip);
	size_t			     len = script_program_length(prog),
	       pos = player_position(&ui->player);
	int fill = len == 0 ? w : (int)((pos * (size_t)w + len / 2) / len), i;

	ui->bar_x = x;
	ui->bar_w = w;
	wmove(ui->swin, 0, x);
	for (i = 0; i < w; i++) {
		wattrset(ui->swin, colour_attr(i < fill ? CR_KEY : CR_STATUS));
		if (i < fill)
			waddch(ui->swin, ui->utf8 ? ' ' : '#');
		else if (ui->utf8)
			waddstr(ui->swin, "\xe2\x96\x91");
		else
			waddch(ui->swin, '-');
	}
}

/*
 * The keys on the left, the state on the right.  Where they would meet
 * the keys end at a whole key, not in the middle of a word.
 */
static void
status_state(struct ui *ui)
{
	const char *keys = ui->utf8 ? status_keys : status_keys_ascii, *k;
	struct sbuf right = SBUF_INIT;
	int	    len = status_right(ui, &right), barw, room;

	barw = status_bar_width(ui, len);
	room = ui->cols - len - (barw > 0 ? barw + 1 : 0) - 1;
	ui->bar_w = 0;
	status_line(ui->swin, ui->cols, keys, colour_attr(CR_STATUS));
	if (room >= 12) {
		wmove(ui->swin, 0, room);
		for (k = keys; (k = strstr(k + 1, "  ")) != NULL &&
		     status_cols(keys, k) <= room;)
			wmove(ui->swin, 0, status_cols(keys, k));
		wclrtoeol(ui->swin);
		mvwaddstr(ui->swin, 0, room + 1, sbuf_str(&right));
		if (barw > 0)
			status_bar(ui, room + 1 + len, barw);
	}
	sbuf_free(&right);
}

void
uiloop_draw_lines(struct ui *ui)
{
	if (ui->nwin != NULL) {
		status_narration(ui);
		wnoutrefresh(ui->nwin);
	}
	if (ui->swin == NULL)
		return;
	if (ui->present && !ui->status_shown && !ui->prompt.active)
		status_line(ui->swin, ui->cols, "", colour_attr(CR_TEXT));
	else if (ui->prompt.active)
		status_prompt(ui);
	else
		status_state(ui);
	wnoutrefresh(ui->swin);
}
