/*
 * script-priv.h - the script layer's internals: tokens, the syntax tree,
 * the unrolled program and the interpreter state.  Only src/script and
 * its tests include this; everyone else goes through script.h.
 *
 * Invariants: a statement's source text is the exact bytes it was
 * written with (trimmed); a program's flat list holds one entry per leaf
 * statement the program executes, with the loop counters of that run,
 * so positions, pauses and rewinding are plain indexes into it.
 */
#ifndef MEMVIZ_SCRIPT_SCRIPT_PRIV_H
#define MEMVIZ_SCRIPT_SCRIPT_PRIV_H

#include "common/arena.h"
#include "script/script.h"

#define SCRIPT_DEPTH_MAX 3	 /* repeat nesting: $i, $j, $k */
#define SCRIPT_FLAT_MAX	 1000000 /* leaf statements after unrolling */

/* ---- lexer.c ---- */

/* clang-format off */
#define TOKEN_KINDS(X)							\
	X(TOK_EOF,	"end of input")					\
	X(TOK_NEWLINE,	"end of line")					\
	X(TOK_IDENT,	"a name")					\
	X(TOK_VAR,	"a loop counter ($i)")				\
	X(TOK_NUMBER,	"a number")					\
	X(TOK_STRING,	"a quoted string")				\
	X(TOK_LPAREN,	"'('")						\
	X(TOK_RPAREN,	"')'")						\
	X(TOK_COMMA,	"','")						\
	X(TOK_EQUALS,	"'='")						\
	X(TOK_PIPE,	"'|'")						\
	X(TOK_SEMI,	"';'")						\
	X(TOK_LBRACE,	"'{'")						\
	X(TOK_RBRACE,	"'}'")						\
	X(TOK_PLUS,	"'+'")						\
	X(TOK_MINUS,	"'-'")						\
	X(TOK_STAR,	"'*'")						\
	X(TOK_SLASH,	"'/'")						\
	X(TOK_ERROR,	"a valid character")
/* clang-format on */

enum token_kind {
#define TOKEN_ENUM(e, d) e,
	TOKEN_KINDS(TOKEN_ENUM)
#undef TOKEN_ENUM
	TOK__COUNT
};

struct token {
	enum token_kind kind;
	const char     *start; /* into the source text */
	size_t		len;
	unsigned	line, col;
	char	       *str;	 /* TOK_STRING: unescaped; else NULL */
	size_t		str_len; /* its bytes (it may hold NUL) */
	const char     *error;	 /* TOK_ERROR: why */
};

struct lexer {
	const char *text;
	const char *p;
	unsigned    line;
	const char *line_start;
};

void lexer_init(struct lexer *lx, const char *text);
/* Scans the next token; tok->str (if any) becomes the caller's. */
void	    lexer_next(struct lexer *lx, struct token *tok);
const char *lexer_token_name(enum token_kind kind);
/* Can c continue a name (letters, digits, '_')? */
int lexer_is_name_char(int c);

/* ---- the syntax tree (parser.c) ---- */

/*
 * The tree of a parsed script lives in its program's arena, a million
 * statements for a generated trace, so the fields are ordered to leave
 * no padding: pointers first, then 32-bit, then 8-bit fields.
 */

enum expr_kind {
	EXPR_NUM,
	EXPR_VAR,
	EXPR_BINARY
};

struct expr {
	uint64_t     value; /* EXPR_NUM */
	struct expr *l, *r; /* EXPR_BINARY */
	unsigned     line, col;
	uint8_t	     kind; /* enum expr_kind */
	uint8_t	     var;  /* EXPR_VAR: 0 = $i, 1 = $j, 2 = $k */
	char	     op;   /* EXPR_BINARY: + - * / */
};

enum arg_kind {
	ARG_EXPR,   /* S C O: a number expression */
	ARG_GFP,    /* G L: flags already resolved (GFP, SLAB_) */
	ARG_NAME,   /* N I: a name, maybe with $i inside */
	ARG_STRING, /* T */
	ARG_WORD,   /* V F E H D: a word checked against its list */
	ARG_OPTION  /* M: name=value */
};

struct arg {
	struct expr *expr;
	char	    *text;   /* name, word, string, option name */
	char	    *value;  /* ARG_OPTION's value */
	uint64_t     number; /* D: milliseconds; S C O: a number
					   standing alone (expr NULL); T: the
					   string's length (it may hold NUL) */
	unsigned     line, col;
	gfp_t	     gfp;
	uint8_t	     kind;   /* enum arg_kind */
	char	     letter; /* its stmt_entry signature letter */
};

struct script_stmt {
	const struct stmt_entry *entry;
	const char		*file;	 /* the program's file name */
	char			*source; /* as written, trimmed */
	char			*assign; /* NAME = ...: the name, else NULL */
	struct arg		*args;
	struct script_stmt     **body; /* repeat */
	size_t			 nbody;
	unsigned		 line, col;
	unsigned		 assign_col;
	unsigned		 nargs, argcap;
	uint8_t			 depth;	   /* enclosing repeats */
	uint8_t			 reported; /* a flat-walk error was reported */
};

/* One leaf statement as the program executes it. */
struct flat {
	const struct script_stmt *stmt;
	uint64_t		  vars[SCRIPT_DEPTH_MAX];
};

/* A set of names (open hashing), for the checker and bindings. */
struct nameset {
	struct nameset_ent {
		char	*name;
		uint64_t hash;
		uint64_t freed; /* grave sequence of its last free, or 0 */
	} * v;
	size_t n, cap;
};

/*
 * A freed name stays bound for GRAVE_KEEP more frees, so a double free
 * or a use after free still reaches the allocator (which reports it as
 * glibc or the kernel would); then it dies, and a script of any length
 * keeps only its live names and the last GRAVE_KEEP freed ones.  The
 * checker and the interpreter apply the same rule, so a name the check
 * let through is always bound when it runs.
 */
#define GRAVE_KEEP 4096
struct grave {
	const char **v;	  /* GRAVE_KEEP names, by sequence modulo */
	uint64_t     seq; /* frees so far */
};
/* Records a free of name (owned by the table); returns its sequence,
 * with *evicted the name freed GRAVE_KEEP frees ago, or NULL. */
uint64_t grave_push(struct grave *g, const char *name, const char **evicted);
void	 grave_clear(struct grave *g);

/*
 * A program owns its statements, their arguments, expressions and
 * texts through one arena; only the lists that grow (stmts, bodies,
 * flat, pauses, ghosts) are allocated on their own.
 */
struct script_program {
	struct arena	      arena;
	char		     *file;
	const char	     *text;  /* the caller's, while parsing only */
	unsigned	      line0; /* the line text starts at (a piece of
					a streamed script starts anywhere) */
	char		     *title;
	struct script_stmt  **stmts;
	size_t		      nstmts;
	struct flat	     *flat;
	size_t		      nflat;
	size_t		     *pauses; /* flat index of each pause */
	size_t		      npauses;
	struct machine_config cfg;
	int		      has_machine;
	struct ghost {	       /* names of statements that failed */
		char	*name; /* to parse: their later uses are */
		unsigned line; /* not reported again */
	} * ghosts;
	size_t nghosts;
};

/* Parses text; errors go to errs.  known: names bound before it runs. */
struct script_program *parser_run(const char *file, const char *text,
    const struct nameset *known, struct script_errors *errs);
/*
 * Parses text only, not checked: a piece of a file whose first line is
 * line0; continued: not the file's start (its machine line reboots).
 * The program keeps text for messages until the caller clears it.
 */
struct script_program *parser_piece(const char *file, const char *text,
    unsigned line0, int continued, int typed, struct script_errors *errs);
/* Sorts errs[from..] into file order (stable). */
void parser_sort_errors(struct script_errors *errs, size_t from);

/* ---- check.c: the unrolled walk that validates names and values ---- */
int check_program(struct script_program *prog, const struct nameset *known,
    struct script_errors *errs);
/*
 * The same walk piece by piece, for a script checked as it is read:
 * names, ghosts and a waiting predict or expect carry over from one
 * piece to the next.  flat: build each piece's flat list (capped at
 * SCRIPT_FLAT_MAX); known: the names bound before (a typed line).
 */
struct checker;
struct checker *check_open(const struct nameset *known, int flat);
/* Checks prog (its text still set); -1 when it added errors. */
int check_chunk(struct checker *c, struct script_program *prog,
    struct script_errors *errs);
/* The end of the script: a predict or expect still waiting. */
void check_finish(struct checker *c, struct script_errors *errs);
void check_close(struct checker *c);
int  check_eval(const struct expr *e, const uint64_t *vars, uint64_t *out,
     const char **why);
/* A number argument's value: standing alone, or its expression's. */
int check_arg(const struct arg *a, const uint64_t *vars, uint64_t *out,
    const char **why);

/* ---- errors.c ---- */
/* text holds the lines from line0 on, to quote line. */
void errors_add(struct script_errors *errs, const char *file, const char *text,
    unsigned line0, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* ---- util.c ---- */
void nameset_add(struct nameset *ns, const char *name);
int  nameset_has(const struct nameset *ns, const char *name);
void nameset_free(struct nameset *ns);
void nameset_copy(struct nameset *dst, const struct nameset *src);
/* name was freed: it dies GRAVE_KEEP frees later unless bound again. */
void nameset_freed(struct nameset *ns, struct grave *g, const char *name);
/* The candidate nearest to word (distance <= 3), or NULL. */
const char *util_suggest(const char *word, const char *const *cands, size_t n);
/* Substitutes $i/$j/$k (up to depth) in text with their values. */
char *util_expand(const char *text, unsigned depth, const uint64_t *vars);
/*
 * The same without a copy: text itself when it has no counter to
 * substitute, else the expansion written into buf (valid until buf's
 * next use).  Run once per executed statement, so no allocation.
 */
const char *util_expand_to(const char *text, unsigned depth,
    const uint64_t *vars, struct sbuf *buf);
/* Parses "500ms", "2s", "250" (ms) into milliseconds. */
int util_parse_duration(const char *s, uint64_t *ms);

/* ---- interp.c ---- */

struct history {
	const struct script_stmt *stmt;
	uint64_t		  vars[SCRIPT_DEPTH_MAX];
	size_t			  pc; /* flat index, SIZE_MAX when typed */
};

struct script_interp {
	const struct script_program *prog;
	struct script_opts	     opts;
	struct machine_config	     cfg; /* what the machine booted with */
	struct machine_config cfg0; /* the first boot: rewinds start here */
	struct machine	     *m;
	struct step	      step;

	size_t			pc;
	struct flat	       *queue; /* typed statements to run next */
	size_t			nqueue, queuecap, queuehead;
	struct script_program **typed; /* kept for history and replay */
	size_t			ntyped;

	struct history *hist;
	size_t		nhist, histcap;

	struct script_binding *binds;
	size_t		       nbinds, bindcap;
	size_t		      *bindhash; /* open hashing: index + 1, 0 empty */
	size_t		       bindhashcap; /* a power of two, > 2 * nbinds */
	struct grave	       grave;	    /* batch: freed names still bound */
	struct flat	       cur;	    /* a streamed statement running */
	struct script_binding *first_bind;  /* argument 0's, once looked up */

	const uint64_t *vars;	/* counters of the running statement */
	char	       *expect; /* outcome announced for the next op */
	size_t		pauses;
	size_t		unexpected;
	int		quiet; /* rebuilding: no results formatted */

	/* seek.c: checkpoints, sorted by position */
	struct seek_point *seek;
	size_t		   nseek, seekcap;
	size_t		   seek_bytes;
	size_t		   seek_taken; /* checkpoints taken, for recounts */
	size_t		   pure_len;   /* hist[0..pure_len) is the program's
					   start, statement i at i */

	struct script_result  res;
	struct script_binding null_bind; /* what NULL names */
	struct sbuf	      source, batch, text, error, name, assign;
};

/* Argument accessors for exec functions (the running statement). */
uint64_t interp_number(struct script_interp *ip, const struct script_stmt *s,
    size_t i);
/* The name argument i with $i expanded; valid until the next call. */
const char *interp_name(struct script_interp *ip, const struct script_stmt *s,
    size_t i);
/* The binding argument i names; NULL after setting an error. */
struct script_binding *interp_binding(struct script_interp *ip,
    const struct script_stmt *s, size_t i);
/* Binds (or rebinds) the statement's assigned name to the step result. */
void interp_bind(struct script_interp *ip, const struct script_stmt *s,
    enum script_binding_kind kind, uint64_t size, unsigned order);
void interp_error(struct script_interp *ip, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
struct machine *interp_machine(struct script_interp *ip);
/* Reboots the machine with cfg; -1 with *cause when refused. */
int  interp_boot(struct script_interp *ip, const struct machine_config *cfg,
     char **cause);
void interp_machine_line(const struct machine_config *cfg, struct sbuf *out);

/* ---- seek.c ---- */
#define SEEK_EVERY   512	  /* history entries between checkpoints */
#define SEEK_MAX     384	  /* checkpoints kept at most */
#define SEEK_BUDGET  (256u << 20) /* and their bytes at most */
#define SEEK_RECOUNT 16		  /* checkpoints taken between recounts */
struct seek_point;
/* After a statement ran: a checkpoint when one is due here. */
void seek_note(struct script_interp *ip);
/* The history is cut to n entries (to_program: and becomes the
 * program's start): the checkpoints that no longer hold go. */
void seek_history_cut(struct script_interp *ip, size_t n, int to_program);
/* The nearest valid checkpoint at or before n entries, or NULL. */
const struct seek_point *seek_find(const struct script_interp *ip, size_t n,
    int to_program);
/* The state at c: machine, names, counters; history cut to c's. */
void   seek_restore(struct script_interp *ip, const struct seek_point *c);
size_t seek_position(const struct seek_point *c);
void   seek_free_all(struct script_interp *ip);

/*
 * Runs s with the loop counters vars as the next program statement
 * (a streamed script's: stream.c walks it, the program is not kept).
 */
const struct script_result *interp_exec(struct script_interp *ip,
    const struct script_stmt *s, const uint64_t *vars);

/* ---- batch.c ---- */
void batch_format(struct script_interp *ip, struct sbuf *out);

/* ---- batch-json.c, show-json.c: --batch --json ---- */
void batch_format_json(struct script_interp *ip, struct sbuf *out);
/* ,"options":{...}: machine's options as cfg holds them. */
void batch_json_machine(const struct machine_config *cfg, struct sbuf *out);
/*
 * ,"data":... for show VIEW's text when VIEW is a tabular /proc file;
 * nothing for the others (a binding's description).
 */
void show_json(const char *view, const char *text, struct sbuf *out);

/* ---- the statements' exec functions (stmt-*.c) ---- */
#define STMT_EXEC(name) \
	int name(struct script_interp *, const struct script_stmt *, \
	    struct script_result *)
STMT_EXEC(stmt_machine_exec);
STMT_EXEC(stmt_kmalloc_exec);
STMT_EXEC(stmt_kzalloc_exec);
STMT_EXEC(stmt_kcalloc_exec);
STMT_EXEC(stmt_kfree_exec);
STMT_EXEC(stmt_vmalloc_exec);
STMT_EXEC(stmt_vzalloc_exec);
STMT_EXEC(stmt_vfree_exec);
STMT_EXEC(stmt_get_free_pages_exec);
STMT_EXEC(stmt_alloc_pages_exec);
STMT_EXEC(stmt_free_pages_exec);
STMT_EXEC(stmt___free_pages_exec);
STMT_EXEC(stmt_malloc_exec);
STMT_EXEC(stmt_calloc_exec);
STMT_EXEC(stmt_realloc_exec);
STMT_EXEC(stmt_free_exec);
STMT_EXEC(stmt_memalign_exec);
STMT_EXEC(stmt_aligned_alloc_exec);
STMT_EXEC(stmt_posix_memalign_exec);
STMT_EXEC(stmt_valloc_exec);
STMT_EXEC(stmt_pvalloc_exec);
STMT_EXEC(stmt_reallocarray_exec);
STMT_EXEC(stmt_malloc_usable_size_exec);
STMT_EXEC(stmt_malloc_trim_exec);
STMT_EXEC(stmt_mallopt_exec);
STMT_EXEC(stmt_write_exec);
STMT_EXEC(stmt_read_exec);
STMT_EXEC(stmt_show_exec);
STMT_EXEC(stmt_help_exec);
STMT_EXEC(stmt_present_exec);
STMT_EXEC(stmt_expect_exec);
STMT_EXEC(stmt_kmem_cache_create_exec);
STMT_EXEC(stmt_kmem_cache_alloc_exec);
STMT_EXEC(stmt_kmem_cache_zalloc_exec);
STMT_EXEC(stmt_kmem_cache_free_exec);
STMT_EXEC(stmt_kmem_cache_destroy_exec);
STMT_EXEC(stmt_ksize_exec);
STMT_EXEC(stmt_cpu_exec);
STMT_EXEC(stmt_thread_exec);
STMT_EXEC(stmt_tick_exec);

#endif
