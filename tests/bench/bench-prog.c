/*
 * bench-prog.c - the figures that need the whole program rather than the
 * bare machine: the trace replayed through the script interpreter, the
 * memviz binary's start-up, peak RSS and batch run, and the TUI on a
 * pseudo-terminal.
 *
 * The trace becomes a script of one statement per operation using every
 * allocator of the language (kmalloc, kzalloc, kcalloc, vmalloc,
 * vzalloc, __get_free_pages, alloc_pages, malloc, calloc, realloc and
 * their frees), so the interpreter's cost (name lookup, argument
 * evaluation, result formatting) is measured on top of the machine's.
 * Processes are timed from fork to the event; RSS comes from wait4(),
 * which reports the child's own peak, not this process's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "common/sbuf.h"
#include "script/script.h"

extern char **environ;

/* ---- the trace as a script ---- */

/* One operation as a statement; variant picks among an allocator's calls. */
static void
bench_stmt(const struct bench_op *op, unsigned variant, unsigned order,
    struct sbuf *out)
{
	static const char *const k_alloc[] = { "kmalloc(%llu, GFP_KERNEL)",
	    "kzalloc(%llu, GFP_KERNEL)", "kcalloc(4, %llu, GFP_KERNEL)" };
	static const char *const m_alloc[] = { "malloc(%llu)",
	    "calloc(2, %llu)", "realloc(%c%u, %llu)" };
	unsigned long long size = (unsigned long long)op->size;
	char c = "kvpm"[op->kind];

	if (op->free) {
		if (op->kind == B_KMALLOC)
			sbuf_printf(out, "kfree(k%u)\n", op->slot);
		else if (op->kind == B_VMALLOC)
			sbuf_printf(out, "vfree(v%u)\n", op->slot);
		else if (op->kind == B_PAGES)
			sbuf_printf(out, variant ? "__free_pages(p%u, %u)\n" :
			    "free_pages(p%u, %u)\n", op->slot, order);
		else
			sbuf_printf(out, "free(m%u)\n", op->slot);
		return;
	}
	sbuf_printf(out, "%c%u = ", c, op->slot);
	if (op->kind == B_KMALLOC)
		sbuf_printf(out, k_alloc[variant], variant == 2 ? size / 4 + 1 :
		    size);
	else if (op->kind == B_VMALLOC)
		sbuf_printf(out, variant ? "vzalloc(%llu)" : "vmalloc(%llu)",
		    size);
	else if (op->kind == B_PAGES)
		sbuf_printf(out, variant ? "alloc_pages(GFP_KERNEL, %u)" :
		    "__get_free_pages(GFP_KERNEL, %u)", op->order);
	else if (variant == 2)
		sbuf_printf(out, m_alloc[2], c, op->slot, size);
	else
		sbuf_printf(out, m_alloc[variant], variant ? size / 2 + 1 :
		    size);
	sbuf_putc(out, '\n');
}

/*
 * The trace as script text.  A slot's free must match how it was
 * allocated, so each slot remembers its variant and order; realloc of a slot
 * that is free is realloc(NULL-like name) in C, so it is used only on
 * live slots (the op then counts as an allocation that replaces it).
 */
char *
bench_script_make(const struct bench_trace *t)
{
	struct sbuf out = SBUF_INIT;
	uint8_t *variant = calloc((size_t)B__COUNT * BENCH_POOL, 1);
	uint8_t *live = calloc((size_t)B__COUNT * BENCH_POOL, 1);
	uint8_t *order = calloc((size_t)B__COUNT * BENCH_POOL, 1);
	size_t i, at;
	unsigned v;

	for (i = 0; i < t->n; i++) {
		const struct bench_op *op = &t->op[i];

		at = (size_t)op->kind * BENCH_POOL + op->slot;
		v = (unsigned)(i % 3);
		if (op->kind == B_VMALLOC || op->kind == B_PAGES)
			v %= 2;
		if (op->free)
			v = variant[at];
		else if (op->kind == B_MALLOC && v == 2 && !live[at])
			v = 0;
		bench_stmt(op, v, order[at], &out);
		variant[at] = (uint8_t)(op->kind == B_MALLOC ? 0 : v);
		order[at] = (uint8_t)op->order;
		live[at] = !op->free;
	}
	free(variant);
	free(live);
	free(order);
	sbuf_puts(&out, "");
	return out.s;
}

/* ---- the interpreter in this process ---- */

int
bench_interp(const char *text, const char *ram, struct bench_interp *out)
{
	struct script_errors errs;
	struct script_program *prog;
	struct script_interp *ip;
	struct script_opts opts;
	struct sbuf msg = SBUF_INIT;
	char *cause = NULL;
	double t0;

	memset(out, 0, sizeof *out);
	script_errors_init(&errs);
	t0 = bench_now();
	prog = script_parse("trace.mvs", text, &errs);
	out->parse = bench_now() - t0;
	if (prog == NULL) {
		script_errors_format(&errs, &msg);
		fprintf(stderr, "bench: the trace does not parse:\n%.2000s",
		    sbuf_str(&msg));
		sbuf_free(&msg);
		script_errors_free(&errs);
		return -1;
	}
	script_opts_init(&opts);
	opts.batch = 1;
	opts.quiet = 1;		/* per-line output off */
	if (script_opts_set_machine(&opts, "ram", ram, &cause) != 0 ||
	    (ip = script_interp_create(prog, &opts, &cause)) == NULL) {
		fprintf(stderr, "bench: %s\n", cause);
		free(cause);
		script_program_free(prog);
		return -1;
	}
	t0 = bench_now();
	while (script_interp_next(ip) != NULL)
		out->ops++;
	out->run = bench_now() - t0;
	out->unexpected = script_interp_unexpected(ip);
	script_interp_destroy(ip);
	script_program_free(prog);
	script_errors_free(&errs);
	return 0;
}

/* ---- the memviz binary ---- */

long
bench_vmhwm_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmHWM: %ld", &kib) == 1)
			break;
	}
	fclose(f);
	return kib;
}

/*
 * Runs argv with stdout on a pipe and stderr ("N simulated failures")
 * on /dev/null.  posix_spawn, not fork, so a big parent does not slow
 * the start; still the child's ru_maxrss inherits the parent's peak at
 * exec, so bench_exec samples the child's own VmHWM instead.
 */
static int
bench_spawn(char *const argv[], pid_t *pid, double *t0)
{
	posix_spawn_file_actions_t fa;
	int fd[2], r;

	if (pipe(fd) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	*t0 = bench_now();
	r = posix_spawn(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (r != 0) {
		close(fd[0]);
		return -1;
	}
	return fd[0];
}

int
bench_exec(char *const argv[], struct bench_exec *out)
{
	char buf[65536];
	struct rusage ru;
	ssize_t n;
	double t0;
	int fd, status;
	long hwm;
	pid_t pid;

	memset(out, 0, sizeof *out);
	out->first = -1;
	if ((fd = bench_spawn(argv, &pid, &t0)) < 0)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno ==
	    EINTR)) {
		if (n > 0 && out->first < 0)
			out->first = bench_now() - t0;
		if (n > 0 && out->bytes < sizeof out->head - 1)
			memcpy(out->head + out->bytes, buf, (size_t)n <
			    sizeof out->head - 1 - out->bytes ? (size_t)n :
			    sizeof out->head - 1 - out->bytes);
		out->bytes += n > 0 ? (size_t)n : 0;
		if ((hwm = bench_vmhwm_kib(pid)) > out->maxrss_kib)
			out->maxrss_kib = hwm;	/* sampled: see bench_spawn */
	}
	close(fd);
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	out->total = bench_now() - t0;
	if (out->maxrss_kib <= 0)	/* silent to the end: no sample; the */
		out->maxrss_kib = ru.ru_maxrss;	/* child's own peak is the
						   larger, the trace is big */
	out->cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	out->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
	    WTERMSIG(status);
	return 0;
}

/* ---- the TUI on a pseudo-terminal ---- */

/* Reads what the TUI writes until it is quiet for ms; bytes read. */
static size_t
bench_pty_drain(int fd, int ms, double *last)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[65536];
	size_t total = 0;
	ssize_t n;

	while (poll(&p, 1, ms) > 0) {
		if ((n = read(fd, buf, sizeof buf)) <= 0)
			break;
		total += (size_t)n;
		*last = bench_now();
	}
	return total;
}

/* utime + stime of a live process, in seconds, from /proc/PID/stat. */
static double
bench_proc_cpu(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof buf, f) != NULL && (p = strrchr(buf, ')')) !=
	    NULL)
		sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
		    "%lu %lu", &ut, &st);
	fclose(f);
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static void
bench_pty_send(int fd, const char *s)
{
	ssize_t n = write(fd, s, strlen(s));

	(void)n;
}

/*
 * The TUI at cols x rows: time from fork to the end of the first frame
 * (the last byte before 300 ms of quiet), CPU per full redraw (zoom
 * toggled many times), and bytes sent for one animated kmalloc.
 * Returns -1 when the TUI does not start (then the figures are skipped).
 */
int
bench_tui(const char *memviz, unsigned short cols, unsigned short rows,
    struct bench_tui *out)
{
	struct winsize ws = { rows, cols, 0, 0 };
	char *const argv[] = { (char *)memviz, "--ram", "64M", NULL };
	double t0, last = 0, cpu0;
	int fd, i, status;
	pid_t pid;

	memset(out, 0, sizeof *out);
	t0 = bench_now();
	if ((pid = forkpty(&fd, NULL, NULL, &ws)) < 0)
		return -1;
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (bench_pty_drain(fd, 300, &last) == 0 || waitpid(pid, &status,
	    WNOHANG) != 0) {
		close(fd);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -1;
	}
	out->first_frame = last - t0;
	cpu0 = bench_proc_cpu(pid);
	for (i = 0; i < BENCH_REDRAWS; i++) {
		bench_pty_send(fd, "Z");	/* zoom in or out: all redrawn */
		bench_pty_drain(fd, 20, &last);
	}
	bench_pty_drain(fd, 300, &last);
	out->redraw_cpu = (bench_proc_cpu(pid) - cpu0) / BENCH_REDRAWS;
	bench_pty_send(fd, "k100\r");	/* at the default speed */
	out->kmalloc_bytes = bench_pty_drain(fd, 1000, &last);
	bench_pty_send(fd, "q");
	bench_pty_drain(fd, 300, &last);
	close(fd);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	return 0;
}
