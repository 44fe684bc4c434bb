/*
 * bench.h - what bench.c (the machine alone) and bench-prog.c (the
 * interpreter, the memviz binary and its TUI) share: the generated
 * trace and the figures each measurement returns.
 */
#ifndef MEMVIZ_BENCH_BENCH_H
#define MEMVIZ_BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define BENCH_POOL	1024	/* live allocations kept per allocator: the
				   working set (~30 MiB) fits the 64M machine */
#define BENCH_REDRAWS	300	/* full redraws timed in the TUI */

enum bench_kind { B_KMALLOC, B_VMALLOC, B_PAGES, B_MALLOC, B__COUNT };

struct bench_op {
	uint8_t		 kind;	/* enum bench_kind */
	uint8_t		 free;	/* 1: free slot, else allocate into slot */
	uint16_t	 order;
	uint32_t	 slot;
	uint64_t	 size;
};

struct bench_trace {
	struct bench_op	*op;
	size_t		 n;
};

/* The trace through script_parse and script_interp_next. */
struct bench_interp {
	double		 parse, run;	/* seconds */
	size_t		 ops;		/* statements executed */
	size_t		 unexpected;	/* simulated failures */
};

/* One run of a program, stdout read and discarded. */
struct bench_exec {
	double		 first;		/* fork to the first byte, or -1 */
	double		 total;		/* fork to exit */
	double		 cpu;		/* user + system */
	long		 maxrss_kib;	/* the child's peak RSS (VmHWM as
					   last read before its output ended) */
	size_t		 bytes;
	int		 status;
	char		 head[256];	/* the output's first bytes */
};

/* The TUI on a pseudo-terminal. */
struct bench_tui {
	double		 first_frame;	/* fork to the first frame's end */
	double		 redraw_cpu;	/* CPU seconds per full redraw */
	size_t		 kmalloc_bytes;	/* sent for one animated kmalloc */
};

/* The imported-style trace (bench-names.c). */
struct bench_names {
	double		 quiet, lines;	/* ops/s: --quiet, lines to a file */
	long		 rss_kib;	/* peak RSS of the --quiet run */
	double		 glibc;		/* machine / native glibc time */
};

double	 bench_now(void);
/* Runs n calls of it through memviz and the machine alone. */
void	 bench_names(const char *memviz, size_t n, struct bench_names *f);
/* VmHWM of a live process from /proc/PID/status; -1 when unknown. */
long	 bench_vmhwm_kib(pid_t pid);
/* The trace as a script, one statement per operation (caller frees). */
char	*bench_script_make(const struct bench_trace *t);
/* Runs one trace operation; addr[] keeps what each slot holds. */
struct machine;
struct step;
void	 bench_run_op(struct machine *m, const struct bench_op *op,
	    uint64_t *addr, uint16_t *order, struct step *st);
/* The host's CPU model, from /proc/cpuinfo, as one line. */
void	 bench_cpu_model(void);
/* bench-scale.c: bytes, OOM pressure and checkpoint figures. */
void	 bench_scale(const struct bench_trace *t);
/* Parses and runs text on a machine of ram; -1 if it does not parse. */
int	 bench_interp(const char *text, const char *ram,
	    struct bench_interp *out);
/* Runs argv (argv[0] a path) to its end; -1 if it could not start. */
int	 bench_exec(char *const argv[], struct bench_exec *out);
/* The TUI of memviz at cols x rows; -1 when it does not start. */
int	 bench_tui(const char *memviz, unsigned short cols,
	    unsigned short rows, struct bench_tui *out);

#endif
