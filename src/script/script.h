/*
 * script.h - the demo script language: parse, check, interpret.
 *
 * A script is a list of statements that read like the kernel and libc
 * calls they stand for (see memviz-script(5)).  The same statements are
 * what a bundled demo holds, what a user types at the TUI prompt and
 * what a recorded session is saved as, so every statement the
 * interpreter executes can be printed back as valid script text.
 *
 * Life cycle, for a file:
 *   prog = script_parse(file, text, &errs);      NULL when errs.n > 0
 *   ip = script_interp_create(prog, &opts, &cause);
 *   while ((r = script_interp_next(ip)) != NULL)  one leaf statement each
 *           animate r->step / print r->batch / show r->arg ...
 *   script_interp_destroy(ip); script_program_free(prog);
 *
 * Lines typed at the prompt are queued with script_interp_push_line()
 * and executed by the following script_interp_next() calls, before the
 * rest of the program.  The program outlives the interpreter using it.
 *
 * Errors: script errors (syntax, unknown names, bad values) are values:
 * a struct script_errors list or a char **cause the caller frees.
 * Simulated failures (ENOMEM, a double free) are not script errors: the
 * statement runs, the machine reports what the kernel or glibc would,
 * and the result says whether the script announced it with `expect`.
 *
 * Nothing here prints, and nothing here includes curses or src/ui.
 */
#ifndef MEMVIZ_SCRIPT_SCRIPT_H
#define MEMVIZ_SCRIPT_SCRIPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/sbuf.h"
#include "sim/event.h"
#include "sim/machine.h"

struct script_program; /* a parsed, checked script (opaque) */
struct script_interp;  /* a machine plus name bindings (opaque) */
struct script_stmt;    /* one parsed statement (opaque) */

/* ------------------------------------------------------------------ */
/* Options from the command line                                       */

#define SCRIPT_OPTS_MACHINE_MAX 16

/*
 * The command line's machine overrides and mode flags.  Overrides are
 * option texts ("ram", "8M") applied over the script's `machine` line,
 * later ones winning.  script_opts_init() zeroes everything.
 */
struct script_opts {
	struct {
		const char *name;
		const char *value;
	} machine[SCRIPT_OPTS_MACHINE_MAX];
	size_t nmachine;

	int batch;  /* --batch: no terminal, and no history
					   kept: nothing rewinds or records */
	int check;  /* --check: parse and validate only */
	int events; /* --events: batch prints each event */
	int json;   /* --json: batch prints JSON objects */
	int quiet;  /* --quiet: batch text only for show,
					   help and unexpected failures; with
					   batch and no events, no events */

	/* Interactive and classroom modes (read by src/ui). */
	int	    present;	    /* --present: projector mode */
	int	    quiz;	    /* --quiz: every allocation a question */
	unsigned    from;	    /* --from N: start at the N-th pause */
	const char *record;	    /* --record FILE, or NULL */
	const char *log;	    /* --log FILE, or NULL */
	const char *export_text;    /* --export-text FILE, or NULL */
	const char *export_html;    /* --export-html FILE, or NULL */
	const char *export_svg;	    /* --export-svg FILE, or NULL */
	int	    export_every;   /* --export-every: each pause too */
	const char *export_cast;    /* --export-cast FILE, or NULL */
	unsigned    cast_pause_ms;  /* --cast-pause: a pause off screen */
	int	    size_w, size_h; /* --size WxH: off screen; 0: none */
	const char *speed;	    /* --speed NAME, or NULL: the default */
};

void script_opts_init(struct script_opts *opts);
/*
 * Adds a machine override after validating it against machine_options.
 * Returns 0, or -1 with *cause (caller frees).
 */
int script_opts_set_machine(struct script_opts *opts, const char *name,
    const char *value, char **cause);

/* ------------------------------------------------------------------ */
/* Errors                                                              */

/* One script error with its position. */
struct script_error {
	char	*file; /* "<prompt>" for a typed line */
	unsigned line; /* 1-based */
	unsigned col;  /* 1-based, in bytes */
	char	*msg;  /* one line: "unknown flag GFP_KERNAL; did
					   you mean GFP_KERNEL?" */
	char	*text; /* full report: "file:line:col: error:
					   msg\n", the line quoted, a caret
					   under the column; ends with \n */
};

/* All errors of a parse, in file order.  Owned by the caller. */
struct script_errors {
	struct script_error *v;
	size_t		     n, cap;
};

void script_errors_init(struct script_errors *errs);
void script_errors_free(struct script_errors *errs);
/* Appends every error's text to out. */
void script_errors_format(const struct script_errors *errs, struct sbuf *out);

/* ------------------------------------------------------------------ */
/* Programs                                                            */

/*
 * Parses and checks a whole script.  file names it in messages ("-" for
 * stdin).  Every recoverable error is appended to errs; the result is
 * NULL when there was any.  text need only outlive the call: nothing
 * of the program points into it.
 */
struct script_program *script_parse(const char *file, const char *text,
    struct script_errors *errs);
void		       script_program_free(struct script_program *prog);
/* Leaf statements the program executes, with repeat bodies unrolled. */
size_t script_program_length(const struct script_program *prog);
/* Sets used[i] for each statement stmt_table[i] the program names, in
 * repeat bodies too (used has stmt_table_len bytes). */
void script_program_entries(const struct script_program *prog,
    unsigned char					*used);
/* How many `pause`s it executes ("pause k of n"). */
size_t script_program_npauses(const struct script_program *prog);
/*
 * Position (a count of leaf statements, for script_interp_goto) just
 * after the k-th pause, k from 1; 0 for k == 0; the length if k is
 * beyond the last pause.
 */
size_t script_program_pause_pos(const struct script_program *prog, size_t k);
/* The text of the first comment line, without "# "; "" when none. */
const char *script_program_title(const struct script_program *prog);

/* ------------------------------------------------------------------ */
/* Streaming: --batch and --check read a script as they run it         */

/*
 * A script read from in statement by statement (see stream.c): memory
 * stays bounded however long it is.  Life cycle:
 *   st = script_stream_open(file, in, &opts);
 *   if (script_stream_start(st, &cause) == 0)     boots the machine
 *           while ((r = script_stream_next(st)) != NULL)  print r->batch
 *   then script_stream_errors(st) (file order) or script_stream_cause(st)
 *   (the input could not be read) say whether it ended early.
 * With opts->check nothing runs: start checks the whole input.
 * start returns -1 on errors (in script_stream_errors) or with *cause
 * (caller frees) when the machine refuses its configuration.
 */
struct script_stream;
struct script_stream *script_stream_open(const char *file, FILE *in,
    const struct script_opts *opts);
int script_stream_start(struct script_stream *st, char **cause);
const struct script_result *script_stream_next(struct script_stream *st);
const struct script_errors	       *
script_stream_errors(const struct script_stream *st);
const char *script_stream_cause(const struct script_stream *st);
/* The interpreter running it (NULL before start, and with check). */
struct script_interp *script_stream_interp(struct script_stream *st);
void		      script_stream_close(struct script_stream *st);

/* ------------------------------------------------------------------ */
/* The statement table                                                 */

/*
 * What kind of statement a leaf is; X(enum, name).  Operations run on
 * the machine and carry a step; the others are presentation directives
 * (the UI gives them meaning; batch prints say and show).
 */
/* clang-format off */
#define SCRIPT_KINDS(X)							\
	X(SCRIPT_OP,	  "operation")					\
	X(SCRIPT_MACHINE, "machine")					\
	X(SCRIPT_SAY,	  "say")					\
	X(SCRIPT_PAUSE,	  "pause")					\
	X(SCRIPT_SLEEP,	  "sleep")					\
	X(SCRIPT_FOCUS,	  "focus")					\
	X(SCRIPT_MARK,	  "mark")					\
	X(SCRIPT_PREDICT, "predict")					\
	X(SCRIPT_PRESENT, "present")					\
	X(SCRIPT_SHOW,	  "show")					\
	X(SCRIPT_EXPECT,  "expect")					\
	X(SCRIPT_HELP,	  "help")					\
	X(SCRIPT_REPEAT,  "repeat")					\
	X(SCRIPT_CPU,	  "cpu")
/* clang-format on */

enum script_kind {
#define SCRIPT_KIND_ENUM(e, name) e,
	SCRIPT_KINDS(SCRIPT_KIND_ENUM)
#undef SCRIPT_KIND_ENUM
	SCRIPT__KIND_COUNT
};

/* stmt_entry flags. */
#define STMT_ASSIGN    0x01 /* returns a pointer: NAME = call(...) */
#define STMT_CALL      0x02 /* arguments in parentheses, comma separated */
#define STMT_FREES     0x04 /* releases the binding named by argument 1 */
#define STMT_FIRST     0x08 /* only as the first statement of a file */
#define STMT_BLOCK     0x10 /* takes a { ... } body */
#define STMT_OPERATION 0x20 /* an operation on the machine (has a step) */
#define STMT_VALUE     0x40 /* returns a number (in the step's addr) */

struct script_result;

/*
 * One statement of the language, as tmux's cmd_entry: the parser,
 * `help`, prompt completion and the man-page test all read this table.
 *
 * args is the signature, one letter per argument:
 *   N a name bound by an earlier assignment   S a size (4096, 4K, 0x1000)
 *   C a count or offset (a number)            O a page order (0..10)
 *   G GFP flags joined by |                   T a quoted string
 *   D a duration (500ms, 2s)                   V a view (show's names)
 *   F a focus target                          I a new name (mark, predict)
 *   E an expected outcome (expect)            M machine options k=v ...
 *   H an optional statement name (help)      P a mallopt parameter (M_...)
 *   X a thread action (exit, join, detach, dtv)
 * A '?' makes the rest optional: "NCC?T" is write(NAME, OFF, LEN[, "t"]).
 */
struct stmt_entry {
	const char	*name;
	const char	*args;
	const char	*usage; /* "NAME = kmalloc(SIZE, GFP)" */
	const char	*help;	/* one line */
	enum script_kind kind;
	int		 flags;
	int (*exec)(struct script_interp *, const struct script_stmt *,
	    struct script_result *);
};

extern const struct stmt_entry stmt_table[];
extern const size_t	       stmt_table_len;
/* Looks a statement up by name; NULL when unknown. */
const struct stmt_entry *stmt_find(const char *name);
/* The same for the len bytes at name (a token in the source). */
const struct stmt_entry *stmt_find_len(const char *name, size_t len);

/* Focus targets and their meaning (for `focus` and completion). */
extern const char *const script_focus_names[];
/* mallopt's parameters by their malloc.h names, and their numbers. */
extern const char *const script_mallopt_names[];
extern const int	 script_mallopt_params[];
/* thread's optional word: exit, join, detach, dtv. */
extern const char *const script_thread_actions[];

/* ------------------------------------------------------------------ */
/* The interpreter                                                     */

/* What a name is bound to, for the inspector and completion. */
/* clang-format off */
#define SCRIPT_BINDING_KINDS(X)						\
	X(BIND_KMALLOC,	"kmalloc")	/* kmalloc, kzalloc, kcalloc */	\
	X(BIND_VMALLOC,	"vmalloc")	/* vmalloc, vzalloc */		\
	X(BIND_PAGES,	"pages")	/* __get_free_pages: an address */ \
	X(BIND_PAGE,	"page")		/* alloc_pages: a struct page * */ \
	X(BIND_MALLOC,	"malloc")	/* malloc, calloc, realloc */	\
	X(BIND_KMEM_CACHE, "kmem_cache") /* kmem_cache_create */
/* clang-format on */

enum script_binding_kind {
#define SCRIPT_BINDING_ENUM(e, name) e,
	SCRIPT_BINDING_KINDS(SCRIPT_BINDING_ENUM)
#undef SCRIPT_BINDING_ENUM
	BIND__COUNT
};

struct script_binding {
	char			*name;
	enum script_binding_kind kind;
	uint64_t		 addr;	/* 0 when the allocation failed */
	uint64_t		 size;	/* bytes asked for */
	unsigned		 order; /* page order (pages, page) */
	uint64_t		 pfn;	/* first frame when it was allocated,
					   EVENT_NONE when none (malloc
					   memory faults in later) */
	int			 live;	/* 0 once freed */
	const char		*call;	/* the statement name that bound it */
	uint64_t		 freed; /* batch: the sequence of its last
					   free, 0 when bound since */
};

/*
 * The outcome of one executed leaf statement.  Owned by the interpreter
 * and valid until its next call that executes or rebuilds.
 */
struct script_result {
	enum script_kind	 kind;
	const struct stmt_entry *entry;
	const char		*source; /* the statement as valid script text,
					   $i already substituted */
	const char		*file;
	unsigned		 line, col;
	size_t			 pc;   /* program position before it ran, or
					   SIZE_MAX for a typed line */
	const struct step	*step; /* SCRIPT_OP: what the machine did */
	const char		*name; /* the name assigned, freed, marked or
					   predicted; NULL when none */
	const char		*arg;  /* say text, focus target, the text a
					   show or help produced, expect's
					   outcome */
	unsigned		 sleep_ms; /* SCRIPT_SLEEP */
	int	    expected;	/* the failure was announced (expect) */
	int	    unexpected; /* a failure not announced, or an
					   announced failure that did not
					   happen */
	const char *batch;	/* the batch-mode text for it ("" when
					   batch prints nothing), with event
					   lines when opts->events */
	const char *error;	/* a script error at run time (a typed
					   line naming an unknown name): the
					   statement did nothing */
};

/*
 * Boots the machine the program's machine line and opts ask for.  prog
 * may be NULL: the explorer, with only typed lines.  Returns NULL with
 * *cause for a configuration the machine refuses.
 */
struct script_interp *script_interp_create(const struct script_program *prog,
    const struct script_opts *opts, char **cause);
void		      script_interp_destroy(struct script_interp *ip);

/*
 * Executes the next leaf statement: a queued typed line's first, else
 * the program's.  Returns NULL at the end of both.
 */
const struct script_result *script_interp_next(struct script_interp *ip);
/*
 * Parses a typed line (one or more statements, ';' separated) against
 * the current names and queues it.  Returns how many statements were
 * queued, or -1 with *cause holding the formatted errors (caller frees).
 */
int script_interp_push_line(struct script_interp *ip, const char *line,
    char **cause);
/*
 * The statement the next script_interp_next() will execute (a queued
 * typed line's first, else the program's), or NULL at the end: the UI
 * asks before an allocation runs (predict, --quiz).
 */
const struct stmt_entry *script_interp_peek(const struct script_interp *ip);
/* Statements queued and not yet executed. */
size_t script_interp_pending(const struct script_interp *ip);

const struct machine *script_interp_machine(const struct script_interp *ip);
const struct script_program *
script_interp_program(const struct script_interp *ip);

/* Names bound so far, in order of first binding. */
size_t script_interp_nbindings(const struct script_interp *ip);
const struct script_binding *
script_interp_binding(const struct script_interp *ip, size_t i);
const struct script_binding *
script_interp_lookup(const struct script_interp *ip, const char *name);
/* A name not bound yet: prefix followed by a number ("k1"); caller frees. */
char *script_interp_fresh_name(const struct script_interp *ip,
    const char						  *prefix);

/* Leaf statements executed so far (program and typed, in order). */
size_t script_interp_history_len(const struct script_interp *ip);
/* Program leaf statements executed so far (the program counter). */
size_t script_interp_pc(const struct script_interp *ip);
/* Pauses executed so far. */
size_t script_interp_pauses_done(const struct script_interp *ip);
/* Simulated failures the script did not expect, so far. */
size_t script_interp_unexpected(const struct script_interp *ip);

/*
 * Rebuilds the state after the first n history entries (typed lines
 * included), quietly: a fresh machine, the same statements, no results.
 * The program continues from where those entries left it.  Returns 0,
 * or -1 with *cause.
 */
int script_interp_rewind(struct script_interp *ip, size_t n, char **cause);
/*
 * Rebuilds the state after the program's first pc leaf statements,
 * dropping typed lines (stepping back, --from, Page Up).
 */
int script_interp_goto(struct script_interp *ip, size_t pc, char **cause);

/*
 * Runs the program on quietly (no results, no events) until pc
 * statements of it ran, at most `most` of them: fast-forward in chunks;
 * with ops_only, stops before a statement that is not an operation (a
 * say or show the caller wants to see).  Returns how many ran; 0 while
 * typed lines are queued.
 */
size_t script_interp_run_to(struct script_interp *ip, size_t pc, size_t most,
    int ops_only);
/* Forgets the typed statements queued and not yet run (an interrupt). */
void script_interp_drop_pending(struct script_interp *ip);

/* Statements a goto to program position pc would run again: from the
 * nearest checkpoint, or from here when here is on the way. */
size_t script_interp_goto_cost(const struct script_interp *ip, size_t pc);
/* Checkpoints kept for seeking, and their bytes in *bytes (may be NULL). */
size_t script_interp_checkpoints(const struct script_interp *ip, size_t *bytes);

/* The effective machine line (script's, then the overrides) as text. */
/* The same as a --batch --json "machine" object, no newline. */
void script_interp_machine_json(const struct script_interp *ip,
    struct sbuf						   *out);
void script_interp_machine_line(const struct script_interp *ip,
    struct sbuf						   *out);

/*
 * Writes the session so far as a script that replays to the same
 * state: the effective machine line, then every executed statement.
 */
void script_interp_write_session(const struct script_interp *ip,
    struct sbuf						    *out);

/*
 * Completion at the prompt: the words that could replace the one ending
 * at byte cursor of line (statement names, bound names, GFP flags, view
 * and focus names, as the statement's signature wants there).  Returns
 * how many, with *words (caller frees each and the array) sorted.
 */
size_t script_complete(const struct script_interp *ip, const char *line,
    size_t cursor, char ***words);

/* The language's version, printed by --version. */
const char *script_language_version(void);

#endif
