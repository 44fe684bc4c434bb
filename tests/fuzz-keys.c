/*
 * fuzz-keys.c - a libFuzzer target for the keyboard and the mouse: the
 * bytes a terminal sends, decoded as memviz decodes them, into the
 * prompt's line editor, the keymap and the mouse's buttons.
 *
 * memviz reads keys with curses (keypad on, mouse on, as term.c sets it
 * up): escape sequences become KEY_* codes and KEY_MOUSE events there,
 * from the terminal's terminfo entry.  This target does the same with
 * no terminal at all: one curses screen for xterm-256color (output to
 * /dev/null) whose keyboard is, for each input, a fresh non-blocking
 * pipe holding the input, read with getch() until nothing is left (no
 * delay, ESCDELAY 0, so a lone or cut escape comes out as itself and
 * nothing waits).  The pipe's writer stays open while it is read: a cut
 * mouse report then meets EAGAIN, which ends ncurses' read of it, where
 * end-of-file would make ncurses 6.4 read again forever and a terminal
 * would make it wait for the rest.  Without that terminfo entry, each
 * byte is a key.
 *
 * Every key goes where input.c sends it: to an open prompt (the `:`
 * line, with tab completion from a small script's names), whose Enter
 * or Esc opens the next one, and through keymap_find/keymap_command; a
 * KEY_MOUSE through getmouse() and keymap_button().  The prompt's own
 * invariants are asserted after every key (abort() otherwise): the
 * cursor within the line, the line's length its string's length.
 * fuzz-replay.c drives this entry point over tests/fuzz-corpus/keys.
 */
#include "config.h"

#include <curses.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/xmalloc.h"
#include "script/script.h"
#include "ui/keymap.h"
#include "ui/prompt.h"

/* What a pipe takes without blocking (POSIX's PIPE_BUF is the least). */
#define FUZZ_KEYS_MAX 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char *const fuzz_replay_dirs[] = { "tests/fuzz-corpus/keys", NULL };

/* Set up once per process, as a terminal is once per session. */
struct fuzz_term {
	int		      ready;
	int		      rfd; /* the terminal's keyboard, or -1 */
	struct script_interp *ip;  /* the names tab completes */
};

static void
fuzz_term_open(struct fuzz_term *t)
{
	int   fds[2];
	FILE *in, *out;

	t->rfd = -1;
	if (pipe(fds) != 0)
		abort();
	close(fds[1]);
	in = fdopen(fds[0], "r");
	out = fopen("/dev/null", "w");
	if (in == NULL || out == NULL)
		abort();
	if (newterm("xterm-256color", out, in) == NULL)
		return; /* no terminfo: bytes are keys */
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(0);
	mouseinterval(0);
	mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
	t->rfd = fds[0];
}

/* The keyboard holds data: a new pipe on the same fd; returns its
 * writer, for the caller to close once the keys are read. */
static int
fuzz_term_feed(const struct fuzz_term *t, const uint8_t *data, size_t size)
{
	int fds[2];

	if (pipe(fds) != 0 || fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0 ||
	    (size > 0 && write(fds[1], data, size) != (ssize_t)size) ||
	    dup2(fds[0], t->rfd) < 0)
		abort();
	close(fds[0]);
	return fds[1];
}

static void
fuzz_interp_open(struct fuzz_term *t)
{
	static const char      script[] = "machine ram=16M\n"
					  "p1 = malloc(100)\n"
					  "k1 = kmalloc(64, GFP_KERNEL)\n";
	struct script_errors   errs;
	struct script_program *prog;
	struct script_opts     opts;
	char		      *cause = NULL;

	script_errors_init(&errs);
	if ((prog = script_parse("keys.mvs", script, &errs)) == NULL)
		abort();
	script_opts_init(&opts);
	if ((t->ip = script_interp_create(prog, &opts, &cause)) == NULL)
		abort();
	while (script_interp_next(t->ip) != NULL)
		;
	script_errors_free(&errs);
	/* prog stays with the interpreter for the process's life */
}

static void
fuzz_prompt_check(const struct prompt *p)
{
	if (p->cur > p->len || p->len >= p->cap || strlen(p->buf) != p->len)
		abort();
}

/* One key, where input.c's input_key_dispatch would send it. */
static void
fuzz_key(struct fuzz_term *t, struct prompt *p, int key)
{
	const struct keymap_entry *e;
	MEVENT			   me;

	if (key == KEY_MOUSE) {
		if (getmouse(&me) == OK && keymap_button(me.bstate) > 5)
			abort();
		return;
	}
	if ((e = keymap_find(key)) != NULL &&
	    (keymap_command(e, 0) == NULL || keymap_command(e, 1) == NULL))
		abort();
	switch (prompt_key(p, t->ip, key)) {
	case PROMPT_DONE:
		prompt_close(p);
		prompt_remember(p, p->buf);
		prompt_open(p, ":", NULL);
		break;
	case PROMPT_CANCEL:
		prompt_close(p);
		prompt_open(p, "size: ", "kmalloc(%s, GFP_KERNEL)");
		break;
	}
	fuzz_prompt_check(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_term t;
	struct prompt		p;
	size_t			i;
	int			key, wfd = -1;

	if (!t.ready) {
		fuzz_term_open(&t);
		fuzz_interp_open(&t);
		t.ready = 1;
	}
	if (size > FUZZ_KEYS_MAX)
		size = FUZZ_KEYS_MAX;
	memset(&p, 0, sizeof p);
	prompt_open(&p, ":", NULL);
	if (t.rfd < 0) {
		for (i = 0; i < size; i++)
			fuzz_key(&t, &p, data[i]);
	} else
		wfd = fuzz_term_feed(&t, data, size);
	while (t.rfd >= 0 && (key = getch()) != ERR)
		fuzz_key(&t, &p, key);
	if (wfd >= 0)
		close(wfd);
	prompt_free(&p);
	return 0;
}
