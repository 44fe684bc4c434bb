/*
 * term.c - curses start-up and restore, signals, the wait for input.
 *
 * Invariants: the terminal is restored on every way out (q, fatal(),
 * SIGINT/SIGTERM/SIGHUP through the loop, suspend); term_shutdown() is
 * idempotent.  Signal handlers do nothing but set a flag and write a
 * byte to the self-pipe; everything else runs from the loop.  SIGTSTP is
 * the exception, as tmux's client does on MSG_SUSPEND (client.c): the
 * handler is restored to the default, curses is left and the signal
 * re-raised, so the shell gets its terminal back; SIGCONT reinstalls
 * everything and asks for a full redraw.
 *
 * Off screen (term_init_offscreen, for --export-cast and the other
 * exports without a terminal, as in a Makefile or CI), curses draws
 * into its own picture of a screen of the size asked for and writes to
 * /dev/null: the exports read that picture (capture.c), not the bytes.
 * Nobody watches and nobody types, so time is virtual: waiting advances
 * a clock instead of sleeping, and a recording of a five-minute lesson
 * takes as long as drawing it.
 */
#include "config.h"

#include "ui/term.h"
#include "common/xmalloc.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* The terminal type an off-screen screen is drawn for. */
#define TERM_OFFSCREEN_TYPE "xterm-256color"

/* The UI's screen state: the only mutable globals outside the machine. */
static int		     term_started;
static int		     term_has_colour;
static int		     term_is_utf8;
static int		     term_pipe[2] = { -1, -1 };
static volatile sig_atomic_t term_pending;
static struct termios	     term_saved; /* the tty as we found it */
static int		     term_have_saved;
static int		     term_offscreen; /* no terminal: see above */
static int		     term_off_w, term_off_h;
static uint64_t		     term_clock_ms; /* virtual, off screen */
static SCREEN		    *term_screen;   /* newterm's, off screen */
static FILE		    *term_null[2];  /* its output and input */

/* Signals that end the program on the spot (a bug in memviz). */
static const int term_crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	SIGABRT };
#define TERM_NCRASH (sizeof term_crash_sigs / sizeof term_crash_sigs[0])
static struct sigaction term_crash_old[TERM_NCRASH];

static void
term_poke(void)
{
	int  saved = errno;
	char c = 0;

	if (term_pipe[1] != -1 && write(term_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a wake-up is already pending */
	}
	errno = saved;
}

static void
term_on_signal(int sig)
{
	if (sig == SIGWINCH)
		term_pending |= TERM_SIG_RESIZE;
	else if (sig == SIGCONT)
		term_pending |= TERM_SIG_CONT;
	else
		term_pending |= TERM_SIG_QUIT;
	term_poke();
}

static void term_on_tstp(int sig);

/*
 * A crash: curses cannot be trusted now, so put the terminal back with
 * async-signal-safe calls only (the termios we found and a fixed reset:
 * mouse off, attributes off, cursor on, leave the alternate screen), as
 * htop's CRT_handleSIGSEGV means to, then hand the signal to whoever had
 * it before (the default action, or a sanitizer's report).
 */
static void
term_on_crash(int sig)
{
	static const char reset[] = "\033[?1006l\033[?1000l\033[0m\033[?25h"
				    "\033[?1049l\r\n";
	static const char
	       msg[] = "memviz: crashed; the terminal was restored\n";
	size_t i;

	if (term_started) {
		if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0 ||
		    write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
			/* nothing more can be done from here */
		}
		if (term_have_saved)
			tcsetattr(STDIN_FILENO, TCSANOW, &term_saved);
	}
	for (i = 0; i < TERM_NCRASH; i++) {
		if (term_crash_sigs[i] == sig)
			sigaction(sig, &term_crash_old[i], NULL);
	}
	raise(sig);
}

/* Installs term_on_crash once, keeping what was there before. */
static void
term_crash_handlers(void)
{
	struct sigaction sa;
	size_t		 i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = term_on_crash;
	sa.sa_flags = SA_NODEFER;
	for (i = 0; i < TERM_NCRASH; i++)
		sigaction(term_crash_sigs[i], &sa, &term_crash_old[i]);
}

static void
term_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH,
		SIGCONT };
	struct sigaction sa;
	size_t		 i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = term_on_signal;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = term_on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
}

/*
 * Ctrl-Z: leave curses, then stop with the default action.  endwin is
 * not async-signal-safe in general; ncurses documents this use and tmux
 * and vim do the same, since the stop must happen now.
 */
static void
term_on_tstp(int sig)
{
	struct sigaction sa;
	sigset_t	 set;

	if (term_started)
		endwin();
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
	/* The handler runs with sig blocked: unblock it so raise() stops us
	 * here, not after we have re-armed the handler. */
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	/* Resumed: SIGCONT already set TERM_SIG_CONT; re-arm ourselves. */
	sa.sa_handler = term_on_tstp;
	sigaction(sig, &sa, NULL);
}

static void
term_colours_start(void)
{
	const char *nc = getenv("NO_COLOR");

	term_has_colour = 0;
	if ((nc != NULL && *nc != '\0') || !has_colors())
		return;
	if (start_color() == ERR)
		return;
	use_default_colors();
	term_has_colour = 1;
}

static int
term_open_pipe(void)
{
	int i;

	if (term_pipe[0] != -1)
		return 0;
	if (pipe(term_pipe) != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		fcntl(term_pipe[i], F_SETFL, O_NONBLOCK);
		fcntl(term_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	return 0;
}

/*
 * ncurses 6.4 flushes its output after every cursor move while the
 * screen is still "initial" (ncurses/tty/lib_mvcur.c _nc_mvcur(), for
 * low-level terminfo users), which is every doupdate() of a session that
 * was never suspended: one write(2) per screen line, 120 of them for a
 * full 300x90 frame.  A suspend and resume at start (what ctrl-z does
 * later anyway) marks the screen running, so a frame goes out in one or
 * two writes.
 */
static void
term_batch_output(void)
{
	endwin();
	refresh();
}

/*
 * A terminal that cannot address the cursor (TERM=dumb, an Emacs shell
 * buffer, a TERM terminfo does not know) would get a blank screen: say
 * so and refuse, as ncdu refuses without a tty.  The terminfo entry is
 * read only to look, and dropped before initscr reads it again.
 */
static int
term_can_draw(char **cause)
{
	const char *name = getenv("TERM");
	const char *cup;
	int	    err = 0;

	if (name == NULL || *name == '\0') {
		*cause = xstrdup("TERM is not set: the interactive mode needs "
				 "a terminal type (use --batch SCRIPT without "
				 "one)");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		*cause = xasprintf("terminal type '%s' is %s (use --batch "
				   "SCRIPT, or set TERM)",
		    name,
		    err == 1 ? "a hardcopy "
			       "terminal" :
			       "not in the terminfo database");
		return -1;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (const char *)-1) {
		*cause = xasprintf(
		    "terminal type '%s' cannot move the cursor "
		    "(no cup in terminfo), so it cannot draw memviz's screen; "
		    "use --batch SCRIPT, or a terminal such as xterm",
		    name);
		return -1;
	}
	return 0;
}

/*
 * Home and End arrive as different sequences by terminal (xterm's
 * application mode \eOH, tmux and rxvt's \e[1~ and \e[4~); a terminfo
 * entry names only some, so all are taught to curses, as tmux's own
 * input-keys.c accepts every common form.
 */
static void
term_define_home_end(void)
{
	static const struct {
		const char *seq;
		int	    key;
	} keys[] = {
		{ "\033[1~", KEY_HOME },
		{ "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME },
		{ "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END },
		{ "\033[8~", KEY_END },
		{ "\033[F", KEY_END },
		{ "\033OF", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) <= 0)
			define_key(keys[i].seq, keys[i].key);
}

/* The locale's codeset decides block and box characters. */
static void
term_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	term_is_utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	/* A recording is played in a UTF-8 terminal (asciinema's player
	 * is one), whatever locale a build machine runs with. */
	if (!term_is_utf8 && term_offscreen &&
	    setlocale(LC_CTYPE, "C.UTF-8") != NULL)
		term_is_utf8 = 1;
}

/* What both kinds of screen set up once curses has started. */
static void
term_setup(void)
{
	term_started = 1;
	fatal_set_cleanup(term_shutdown);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	term_define_home_end();
	nodelay(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		BUTTON5_PRESSED,
	    NULL);
	mouseinterval(0);
	term_colours_start();
	term_handlers();
}

int
term_init(char **cause)
{
	if (term_can_draw(cause) != 0)
		return -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("the interactive mode needs a terminal "
				 "(use --batch SCRIPT without one)");
		return -1;
	}
	term_locale();
	if (term_open_pipe() != 0) {
		*cause = xstrdup("cannot create the wake-up pipe");
		return -1;
	}
	term_have_saved = tcgetattr(STDIN_FILENO, &term_saved) == 0;
	set_escdelay(25);
	if (initscr() == NULL) {
		*cause = xstrdup("cannot start curses on this terminal");
		return -1;
	}
	term_setup();
	term_crash_handlers();
	term_batch_output();
	return 0;
}

int
term_init_offscreen(int w, int h, char **cause)
{
	term_offscreen = 1;
	term_off_w = w;
	term_off_h = h;
	term_locale();
	if (term_open_pipe() != 0) {
		*cause = xstrdup("cannot create the wake-up pipe");
		return -1;
	}
	term_null[0] = fopen("/dev/null", "w");
	term_null[1] = fopen("/dev/null", "r");
	if (term_null[0] == NULL || term_null[1] == NULL ||
	    (term_screen = newterm(TERM_OFFSCREEN_TYPE, term_null[0],
		 term_null[1])) == NULL) {
		*cause = xstrdup("cannot start curses off screen (is the "
				 "terminfo entry " TERM_OFFSCREEN_TYPE
				 " installed?)");
		return -1;
	}
	set_term(term_screen);
	resize_term(h, w);
	term_setup();
	return 0;
}

int
term_is_offscreen(void)
{
	return term_offscreen;
}

uint64_t
term_now_ms(void)
{
	struct timespec ts;

	if (term_offscreen)
		return term_clock_ms;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
term_advance(uint64_t ms)
{
	term_clock_ms += ms;
}

void
term_shutdown(void)
{
	if (!term_started)
		return;
	term_started = 0;
	curs_set(1);
	endwin();
	if (term_screen != NULL) {
		delscreen(term_screen);
		term_screen = NULL;
	}
	if (term_null[0] != NULL)
		fclose(term_null[0]);
	if (term_null[1] != NULL)
		fclose(term_null[1]);
	term_null[0] = term_null[1] = NULL;
}

int
term_colour(void)
{
	return term_has_colour;
}

int
term_utf8(void)
{
	return term_is_utf8;
}

/* Off screen: signals still count, and a timeout passes at once. */
static int
term_wait_offscreen(int timeout_ms)
{
	char buf[64];

	while (read(term_pipe[0], buf, sizeof buf) > 0)
		continue;
	if (term_pending != 0)
		return TERM_WAIT_SIGNAL;
	if (timeout_ms < 0)
		return TERM_WAIT_IDLE;
	term_clock_ms += (uint64_t)timeout_ms;
	return 0;
}

int
term_wait(int timeout_ms)
{
	struct pollfd pfd[2];
	char	      buf[64];
	int	      found = 0;

	if (term_offscreen)
		return term_wait_offscreen(timeout_ms);
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = term_pipe[0];
	pfd[1].events = POLLIN;
	if (term_pending != 0)
		timeout_ms = 0;
	if (poll(pfd, 2, timeout_ms) > 0) {
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			found |= TERM_WAIT_INPUT;
		if (pfd[1].revents & POLLIN) {
			while (read(term_pipe[0], buf, sizeof buf) > 0)
				continue;
		}
	}
	if (pfd[0].revents & (POLLHUP | POLLERR))
		term_pending |= TERM_SIG_QUIT;
	if (term_pending != 0)
		found |= TERM_WAIT_SIGNAL;
	return found;
}

int
term_signals(void)
{
	int bits = term_pending;

	term_pending = 0;
	if ((bits & TERM_SIG_CONT) && term_started) {
		term_handlers();
		refresh();
		clearok(curscr, TRUE);
	}
	return bits;
}

void
term_size(int *cols, int *rows)
{
	struct winsize ws;

	if (term_offscreen)
		resize_term(term_off_h, term_off_w);
	else if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0)
		resize_term(ws.ws_row, ws.ws_col);
	*cols = COLS;
	*rows = LINES;
}

void
term_update(void)
{
	doupdate();
}
