/*
 * parser.c - builds the statement tree from tokens, checking every call
 * against its stmt_table row.
 *
 * A statement is one of
 *   NAME = call(ARG, ...)      an allocation (STMT_ASSIGN rows)
 *   call(ARG, ...)             any STMT_CALL row
 *   word ARG ...               directives (say "x", sleep 500ms, show maps)
 *   repeat N { ... }           a block
 * ended by a newline, ';', '}' or the end.  Inside parentheses newlines
 * do not end anything, so a long call may span lines.
 *
 * Recovery: an error records a message and skips to the end of the
 * statement, so one run reports every broken statement in the file.
 * Values that depend on loop counters and names bound at run time are
 * checked afterwards by check.c, over the unrolled program.
 */
#include "script/script-priv.h"
#include "common/size.h"
#include "common/xmalloc.h"
#include "sim/kernel/slab-common.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	struct lexer	      lx;
	struct token	      tok;
	const char	     *file;
	const char	     *text;
	struct script_errors *errs;
	int		      paren;	/* open '(' : newlines are blanks */
	int		      failed;	/* the current statement had an error */
	const char	     *last_end; /* end of the last consumed token */
	const char	     *src_from; /* the statement's first token */
	int	    src_lazy; /* its text is still src_from..last_end */
	unsigned    last_line, last_col; /* where it ended */
	const char *usage;		 /* of the statement being parsed */
	struct sbuf src;		 /* its text, once not a plain range */
	struct script_program *prog;
	int		       typed;	  /* a prompt line, not a file */
	int		       continued; /* a later piece of a streamed file */
	int		       first; /* the statement is the file's first */
	unsigned	       expr_nest; /* open '(' in the expression */
	unsigned expr_ops; /* operators in the expression so far */
};

/*
 * An expression's parentheses recurse here and its operators recurse
 * in check_eval(); bounds keep a hostile line off the host's stack.
 */
#define PARSER_EXPR_NEST_MAX 64
#define PARSER_EXPR_OPS_MAX  1000

/* What each signature letter expects, for messages. */
static const struct {
	char	    letter;
	const char *what;
} parser_arg_names[] = {
	{ 'N', "a NAME bound earlier" },
	{ 'S', "a SIZE (4096, 4K, 0x1000)" },
	{ 'C', "a number" },
	{ 'O', "an ORDER (0 to 10)" },
	{ 'G', "GFP flags (GFP_KERNEL | __GFP_ZERO)" },
	{ 'T', "a quoted \"TEXT\"" },
	{ 'D', "a DURATION (500ms, 2s)" },
	{ 'V', "a view or a NAME" },
	{ 'F', "phys, slab, vmalloc or user" },
	{ 'I', "a NAME" },
	{ 'E', "an outcome (ENOMEM, double-free, fail)" },
	{ 'M', "OPTION=VALUE" },
	{ 'H', "a statement name" },
	{ 'P', "a mallopt parameter (M_MMAP_THRESHOLD, M_PERTURB, ...)" },
	{ 'L', "SLAB flags (SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, or 0)" },
	{ 'X', "exit, join, detach or dtv" },
};

static const char *
parser_arg_what(char letter)
{
	size_t i;

	for (i = 0; i < sizeof parser_arg_names / sizeof parser_arg_names[0];
	     i++) {
		if (parser_arg_names[i].letter == letter)
			return parser_arg_names[i].what;
	}
	return "an argument";
}

static void parser_error_at(struct parser *p, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
parser_error_at(struct parser *p, unsigned line, unsigned col, const char *fmt,
    ...)
{
	va_list ap;
	char	msg[1024];

	if (p->failed)
		return; /* one error per statement: the rest follow */
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof msg, fmt, ap) >= (int)sizeof msg)
		memcpy(msg + sizeof msg - 4, "...", 4); /* cut, visibly */
	va_end(ap);
	errors_add(p->errs, p->file, p->text, p->prog->line0, line, col, "%s",
	    msg);
	p->failed = 1;
}

/* What the current token is, for "expected X, got Y" messages. */
static const char *
parser_got(struct parser *p, char *buf, size_t size)
{
	if (p->tok.kind == TOK_IDENT || p->tok.kind == TOK_NUMBER ||
	    p->tok.kind == TOK_VAR)
		snprintf(buf, size, "'%.*s'",
		    (int)(p->tok.len > 40 ? 40 : p->tok.len), p->tok.start);
	else if (p->tok.kind == TOK_ERROR &&
	    !isprint((unsigned char)*p->tok.start)) /* NUL-free, not text */
		snprintf(buf, size, "byte 0x%02x",
		    (unsigned char)*p->tok.start);
	else if (p->tok.kind == TOK_ERROR)
		snprintf(buf, size, "'%c'", *p->tok.start);
	else
		snprintf(buf, size, "%s", lexer_token_name(p->tok.kind));
	return buf;
}

static void
parser_expected(struct parser *p, const char *what)
{
	char got[64];

	if (p->tok.kind == TOK_ERROR && p->tok.error != NULL &&
	    *p->tok.start == '"')
		parser_error_at(p, p->tok.line, p->tok.col, "%s", p->tok.error);
	else if (p->last_end != NULL &&
	    (p->tok.line > p->last_line || p->tok.kind == TOK_NEWLINE ||
		p->tok.kind == TOK_EOF))
		parser_error_at(p, p->last_line, p->last_col,
		    "expected %s "
		    "before the end of the line%s%s",
		    what, p->usage ? "; usage: " : "",
		    p->usage ? p->usage : "");
	else
		parser_error_at(p, p->tok.line, p->tok.col,
		    "expected %s, "
		    "got %s%s%s",
		    what, parser_got(p, got, sizeof got),
		    p->usage ? "; usage: " : "", p->usage ? p->usage : "");
}

/*
 * Appends the consumed token to the statement's text (blanks kept,
 * newlines and comments inside parentheses become one space).  Most
 * statements are one plain range of the source: the text is copied
 * once at the end, and built token by token only after a gap holding
 * a newline or a comment.
 */
static void
parser_add_source(struct parser *p)
{
	const char *gap = p->last_end, *q;
	int	    plain = 1;

	if (gap == NULL)
		p->src_from = p->tok.start;
	else {
		for (q = gap; q < p->tok.start && plain; q++)
			plain = *q != '\n' && *q != '#';
		if (!plain && p->src_lazy) {
			sbuf_add(&p->src, p->src_from,
			    (size_t)(gap - p->src_from));
			p->src_lazy = 0;
		}
		if (!p->src_lazy && plain)
			sbuf_add(&p->src, gap, (size_t)(p->tok.start - gap));
		else if (!p->src_lazy && p->tok.kind != TOK_RPAREN &&
		    p->src.s[p->src.len - 1] != '(')
			sbuf_putc(&p->src, ' ');
	}
	if (!p->src_lazy)
		sbuf_add(&p->src, p->tok.start, p->tok.len);
	p->last_end = p->tok.start + p->tok.len;
	p->last_line = p->tok.line;
	p->last_col = p->tok.col + (unsigned)p->tok.len;
}

/* The statement's text so far, as the program keeps it. */
static char *
parser_source(struct parser *p)
{
	if (!p->src_lazy)
		return arena_strdup(&p->prog->arena, sbuf_str(&p->src));
	if (p->src_from == NULL)
		return arena_strdup(&p->prog->arena, "");
	return arena_memdup(&p->prog->arena, p->src_from,
	    (size_t)(p->last_end - p->src_from));
}

static void
parser_advance(struct parser *p)
{
	if (p->tok.kind == TOK_LPAREN)
		p->paren++;
	else if (p->tok.kind == TOK_RPAREN && p->paren > 0)
		p->paren--;
	if (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		parser_add_source(p);
	if (p->tok.str != NULL) /* only strings own text */
		free(p->tok.str);
	do
		lexer_next(&p->lx, &p->tok);
	while (p->paren > 0 && p->tok.kind == TOK_NEWLINE);
}

static int
parser_accept(struct parser *p, enum token_kind kind)
{
	if (p->tok.kind != kind)
		return 0;
	parser_advance(p);
	return 1;
}

static int
parser_expect(struct parser *p, enum token_kind kind, const char *what)
{
	if (parser_accept(p, kind))
		return 0;
	parser_expected(p, what);
	return -1;
}

static int
parser_at_end(const struct parser *p)
{
	return p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_SEMI ||
	    p->tok.kind == TOK_EOF || p->tok.kind == TOK_RBRACE;
}

/*
 * Skips the rest of a broken statement, and a whole { } block it opens
 * (a broken repeat's body is not parsed on its own).
 */
static void
parser_sync(struct parser *p)
{
	int braces = 0;

	p->paren = 0;
	while (p->tok.kind != TOK_EOF) {
		if (braces == 0 && parser_at_end(p))
			break;
		/* a call left open swallowed the newline: restart there */
		if (braces == 0 && p->tok.kind != TOK_LBRACE &&
		    p->last_end != NULL && p->tok.line > p->last_line)
			break;
		if (p->tok.kind == TOK_LBRACE)
			braces++;
		else if (p->tok.kind == TOK_RBRACE)
			braces--;
		parser_advance(p);
		p->paren = 0;
	}
}

/* The current token's text, kept as long as the program. */
static char *
parser_token_text(struct parser *p)
{
	return arena_memdup(&p->prog->arena, p->tok.start, p->tok.len);
}

/* ---- expressions ---- */

static struct expr *parser_expr(struct parser *p, unsigned depth);

static struct expr *
parser_expr_new(struct parser *p, enum expr_kind kind)
{
	struct expr *e = arena_alloc(&p->prog->arena, sizeof *e);

	e->kind = kind;
	e->line = p->tok.line;
	e->col = p->tok.col;
	return e;
}

/* "$i" is the counter of the innermost repeat, $j the next out... */
static int
parser_var_index(const char *name, size_t len, unsigned depth)
{
	static const char names[] = "ijk";
	const char	 *at;

	if (len != 1 || (at = strchr(names, name[0])) == NULL)
		return -1;
	return (unsigned)(at - names) < depth ? (int)(at - names) : -1;
}

static void
parser_bad_var(struct parser *p, unsigned line, unsigned col, const char *name,
    size_t len, unsigned depth)
{
	if (depth == 0)
		parser_error_at(p, line, col,
		    "loop counter $%.*s outside any "
		    "repeat: expected a number",
		    (int)len, name);
	else
		parser_error_at(p, line, col,
		    "unknown loop counter $%.*s: "
		    "expected %s",
		    (int)len, name,
		    depth == 1	   ? "$i" :
			depth == 2 ? "$i or $j" :
				     "$i, $j or $k");
}

static struct expr *
parser_factor(struct parser *p, unsigned depth)
{
	struct expr *e;
	int	     v;

	if (p->tok.kind == TOK_NUMBER) {
		e = parser_expr_new(p, EXPR_NUM);
		if (size_parse(p->tok.start, p->tok.len, &e->value) != 0)
			parser_error_at(p, p->tok.line, p->tok.col,
			    "bad number "
			    "'%.*s': expected a size such as 4096, 4K, 2M or "
			    "0x1000",
			    (int)p->tok.len, p->tok.start);
		parser_advance(p);
		return e;
	}
	if (p->tok.kind == TOK_VAR) {
		e = parser_expr_new(p, EXPR_VAR);
		v = parser_var_index(p->tok.start + 1, p->tok.len - 1, depth);
		if (v < 0)
			parser_bad_var(p, p->tok.line, p->tok.col,
			    p->tok.start + 1, p->tok.len - 1, depth);
		e->var = v < 0 ? 0 : (unsigned)v;
		parser_advance(p);
		return e;
	}
	if (parser_accept(p, TOK_LPAREN)) {
		e = parser_expr(p, depth);
		if (parser_expect(p, TOK_RPAREN, "')'") != 0)
			return NULL; /* e stays in the arena, unused */
		return e;
	}
	parser_expected(p, "a number");
	return NULL;
}

static struct expr *
parser_binary(struct parser *p, unsigned depth, int level)
{
	struct expr *l, *e;
	char	     op;

	l = level == 0 ? parser_binary(p, depth, 1) : parser_factor(p, depth);
	while (l != NULL) {
		if (level == 0 &&
		    (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS))
			op = p->tok.kind == TOK_PLUS ? '+' : '-';
		else if (level == 1 &&
		    (p->tok.kind == TOK_STAR || p->tok.kind == TOK_SLASH))
			op = p->tok.kind == TOK_STAR ? '*' : '/';
		else
			break;
		if (++p->expr_ops > PARSER_EXPR_OPS_MAX) {
			parser_error_at(p, p->tok.line, p->tok.col,
			    "more "
			    "than %d operators in one expression",
			    PARSER_EXPR_OPS_MAX);
			return NULL;
		}
		e = parser_expr_new(p, EXPR_BINARY);
		e->op = op;
		parser_advance(p);
		e->l = l;
		e->r = level == 0 ? parser_binary(p, depth, 1) :
				    parser_factor(p, depth);
		if (e->r == NULL)
			return NULL;
		l = e;
	}
	return l;
}

static struct expr *
parser_expr(struct parser *p, unsigned depth)
{
	struct expr *e;

	if (p->expr_nest == 0)
		p->expr_ops = 0;
	if (p->expr_nest > PARSER_EXPR_NEST_MAX) {
		parser_error_at(p, p->tok.line, p->tok.col,
		    "parentheses "
		    "nested more than %d deep",
		    PARSER_EXPR_NEST_MAX);
		return NULL;
	}
	p->expr_nest++;
	e = parser_binary(p, depth, 0);
	p->expr_nest--;
	return e;
}

/* ---- arguments ---- */

/*
 * The current token as a C string: in buf when it fits (a flag name or
 * mask always does), else kept in the arena (only a hopeless token).
 */
static const char *
parser_token_cstr(struct parser *p, char *buf, size_t size)
{
	if (p->tok.len >= size)
		return parser_token_text(p);
	memcpy(buf, p->tok.start, p->tok.len);
	buf[p->tok.len] = '\0';
	return buf;
}

static int
parser_gfp_term(struct parser *p, gfp_t *gfp)
{
	const struct gfp_name *g;
	const char	      *hint, *name;
	char		       buf[64], *end;
	unsigned long	       v;

	if (p->tok.kind == TOK_NUMBER) {
		name = parser_token_cstr(p, buf, sizeof buf);
		errno = 0;
		v = strtoul(name, &end, 0);
		if (errno != 0 || *end != '\0' || v > UINT32_MAX)
			parser_error_at(p, p->tok.line, p->tok.col,
			    "bad GFP "
			    "mask '%s': expected a flag name or a number",
			    name);
		*gfp |= (gfp_t)v;
		parser_advance(p);
		return p->failed ? -1 : 0;
	}
	if (p->tok.kind != TOK_IDENT) {
		parser_expected(p, "a GFP flag (GFP_KERNEL, GFP_ATOMIC, ...)");
		return -1;
	}
	name = parser_token_cstr(p, buf, sizeof buf);
	if ((g = gfp_lookup(name)) != NULL)
		*gfp |= g->value;
	else if ((hint = gfp_suggest(name)) != NULL)
		parser_error_at(p, p->tok.line, p->tok.col,
		    "unknown flag %s; "
		    "did you mean %s?",
		    name, hint);
	else
		parser_error_at(p, p->tok.line, p->tok.col,
		    "unknown flag %s: "
		    "expected a GFP flag such as GFP_KERNEL or GFP_ATOMIC",
		    name);
	parser_advance(p);
	return p->failed ? -1 : 0;
}

static int
parser_gfp(struct parser *p, struct arg *a)
{
	if (parser_gfp_term(p, &a->gfp) != 0)
		return -1;
	while (parser_accept(p, TOK_PIPE)) {
		if (parser_gfp_term(p, &a->gfp) != 0)
			return -1;
	}
	return 0;
}

/* One SLAB_ flag of kmem_cache_create, by the names the model honours. */
static int
parser_slab_term(struct parser *p, gfp_t *flags)
{
	const struct kmem_flag *f;
	const char	       *name;
	char			buf[64];

	if (p->tok.kind == TOK_NUMBER && p->tok.len == 1 &&
	    p->tok.start[0] == '0') {
		parser_advance(p);
		return 0;
	}
	if (p->tok.kind != TOK_IDENT) {
		parser_expected(p, parser_arg_what('L'));
		return -1;
	}
	name = parser_token_cstr(p, buf, sizeof buf);
	if ((f = kmem_flag_lookup(name)) == NULL) {
		const char *names[16];
		const char *hint;
		size_t	    i;

		for (i = 0; i < kmem_flags_len && i < 15; i++)
			names[i] = kmem_flags[i].name;
		hint = util_suggest(name, names, i);
		parser_error_at(p, p->tok.line, p->tok.col,
		    "unknown slab flag %s%s%s%s: memviz models "
		    "SLAB_HWCACHE_ALIGN, SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT, "
		    "SLAB_TYPESAFE_BY_RCU, SLAB_PANIC and SLAB_NO_MERGE",
		    name, hint ? " (did you mean " : "", hint ? hint : "",
		    hint ? "?)" : "");
		return -1;
	}
	*flags |= f->value;
	parser_advance(p);
	return 0;
}

static int
parser_slab_flags(struct parser *p, struct arg *a)
{
	a->kind = ARG_GFP;
	if (parser_slab_term(p, &a->gfp) != 0)
		return -1;
	while (parser_accept(p, TOK_PIPE)) {
		if (parser_slab_term(p, &a->gfp) != 0)
			return -1;
	}
	return 0;
}

/* Checks that every $x inside a name is a counter in scope. */
static int
parser_name_vars(struct parser *p, const struct token *t, unsigned depth)
{
	const char *q = t->start, *end = t->start + t->len, *v;

	for (; q < end; q++) {
		if (*q != '$')
			continue;
		for (v = q + 1; v < end && lexer_is_name_char(*v); v++)
			;
		if (parser_var_index(q + 1, (size_t)(v - q - 1), depth) < 0) {
			parser_bad_var(p, t->line,
			    t->col + (unsigned)(q - t->start), q + 1,
			    (size_t)(v - q - 1), depth);
			return -1;
		}
	}
	return 0;
}

static int
parser_name(struct parser *p, struct arg *a, unsigned depth, char letter)
{
	if (p->tok.kind != TOK_IDENT) {
		parser_expected(p, parser_arg_what(letter));
		return -1;
	}
	if (parser_name_vars(p, &p->tok, depth) != 0)
		return -1;
	a->kind = ARG_NAME;
	a->text = parser_token_text(p);
	if (letter == 'I' && strcmp(a->text, "NULL") == 0) {
		parser_error_at(p, p->tok.line, p->tok.col,
		    "NULL cannot be "
		    "a name: expected a NAME");
		return -1;
	}
	parser_advance(p);
	return 0;
}

/* A word out of a fixed list, with a suggestion when it is not. */
static int
parser_word(struct parser *p, struct arg *a, const char *const *list,
    const char *noun, const char *what)
{
	const char *hint;
	size_t	    n;

	if (p->tok.kind != TOK_IDENT) {
		parser_expected(p, what);
		return -1;
	}
	a->kind = ARG_WORD;
	a->text = parser_token_text(p);
	for (n = 0; list != NULL && list[n] != NULL; n++) {
		if (strcmp(list[n], a->text) == 0)
			break;
	}
	if (list != NULL && list[n] == NULL) {
		hint = util_suggest(a->text, list, n);
		if (hint != NULL)
			parser_error_at(p, p->tok.line, p->tok.col,
			    "unknown "
			    "%s '%s'; did you mean %s?",
			    noun, a->text, hint);
		else
			parser_error_at(p, p->tok.line, p->tok.col,
			    "unknown "
			    "%s '%s': expected %s",
			    noun, a->text, what);
		return -1;
	}
	parser_advance(p);
	return 0;
}

extern const char *const parser_expect_names[];

static int
parser_help_word(struct parser *p, struct arg *a)
{
	const char *names[64];
	size_t	    i;

	for (i = 0; i < stmt_table_len && i < 63; i++)
		names[i] = stmt_table[i].name;
	names[i] = NULL;
	return parser_word(p, a, names, "statement", "a statement name");
}

static int
parser_duration(struct parser *p, struct arg *a)
{
	if (p->tok.kind != TOK_NUMBER) {
		parser_expected(p, parser_arg_what('D'));
		return -1;
	}
	a->kind = ARG_WORD;
	a->text = parser_token_text(p);
	if (util_parse_duration(a->text, &a->number) != 0) {
		parser_error_at(p, p->tok.line, p->tok.col,
		    "bad duration "
		    "'%s': expected milliseconds or seconds, such as 500ms or "
		    "2s (at most an hour)",
		    a->text);
		return -1;
	}
	parser_advance(p);
	return 0;
}

/* One argument of signature letter `letter`. */
/*
 * A number standing alone (the next token is no operator) is kept in
 * the argument itself, with no expression tree: a generated trace is a
 * million of them.  A peek on a copy of the lexer decides; inside
 * parentheses newlines are blanks, so it looks past them.
 */
static int
parser_literal(struct parser *p, struct arg *a)
{
	struct lexer peek = p->lx;
	struct token next;

	if (p->tok.kind != TOK_NUMBER)
		return 0;
	do {
		lexer_next(&peek, &next);
		free(next.str);
	} while (p->paren > 0 && next.kind == TOK_NEWLINE);
	if (next.kind == TOK_PLUS || next.kind == TOK_MINUS ||
	    next.kind == TOK_STAR || next.kind == TOK_SLASH)
		return 0;
	if (size_parse(p->tok.start, p->tok.len, &a->number) != 0)
		parser_error_at(p, p->tok.line, p->tok.col,
		    "bad number "
		    "'%.*s': expected a size such as 4096, 4K, 2M or 0x1000",
		    (int)p->tok.len, p->tok.start);
	parser_advance(p);
	return 1;
}

static int
parser_arg(struct parser *p, struct arg *a, char letter, unsigned depth)
{
	a->line = p->tok.line;
	a->col = p->tok.col;
	a->letter = letter;
	switch (letter) {
	case 'S':
	case 'C':
	case 'O':
		a->kind = ARG_EXPR;
		if (parser_literal(p, a))
			return p->failed ? -1 : 0;
		a->expr = parser_expr(p, depth);
		return a->expr == NULL || p->failed ? -1 : 0;
	case 'G':
		a->kind = ARG_GFP;
		return parser_gfp(p, a);
	case 'L':
		return parser_slab_flags(p, a);
	case 'N':
	case 'I':
	case 'V':
		return parser_name(p, a, depth, letter);
	case 'T':
		if (p->tok.kind != TOK_STRING) {
			parser_expected(p, parser_arg_what('T'));
			return -1;
		}
		a->kind = ARG_STRING;
		a->text = arena_memdup(&p->prog->arena, p->tok.str,
		    p->tok.str_len);
		a->number = p->tok.str_len;
		parser_advance(p);
		return 0;
	case 'D':
		return parser_duration(p, a);
	case 'F':
		return parser_word(p, a, script_focus_names, "focus target",
		    parser_arg_what('F'));
	case 'E':
		return parser_word(p, a, parser_expect_names, "outcome",
		    parser_arg_what('E'));
	case 'H':
		return parser_help_word(p, a);
	case 'P':
		return parser_word(p, a, script_mallopt_names,
		    "mallopt parameter", parser_arg_what('P'));
	case 'X':
		return parser_word(p, a, script_thread_actions, "thread action",
		    parser_arg_what('X'));
	default:
		return -1;
	}
}

/* Counts the arguments a signature requires and allows. */
static void
parser_arity(const char *sig, size_t *min, size_t *max)
{
	const char *q;
	int	    optional = 0;

	*min = *max = 0;
	for (q = sig; *q != '\0'; q++) {
		if (*q == '?') {
			*min = *max;
			optional = 1;
		} else
			(*max)++;
	}
	if (!optional)
		*min = *max;
}

/*
 * A new zeroed argument.  The array lives in the arena: it is sized for
 * the statement's signature, and only machine's OPTION=VALUE list,
 * which has no bound, outgrows it (doubling, the old copy abandoned).
 */
static struct arg *
parser_add_arg(struct parser *p, struct script_stmt *s)
{
	struct arg *old = s->args;
	unsigned    cap = s->argcap;
	const char *q;

	if (s->nargs < cap)
		return &s->args[s->nargs++];
	if (cap == 0) {
		for (q = s->entry->args; *q != '\0'; q++)
			cap += *q != '?'; /* the most it can take */
		if (*s->entry->args == 'M' || cap == 0)
			cap = 4; /* machine options: no bound */
	} else
		cap *= 2;
	s->args = arena_alloc(&p->prog->arena, cap * sizeof *s->args);
	if (s->nargs > 0)
		memcpy(s->args, old, s->nargs * sizeof *s->args);
	s->argcap = cap;
	return &s->args[s->nargs++];
}

static int
parser_call_args(struct parser *p, struct script_stmt *s)
{
	const char *sig = s->entry->args;
	size_t	    min, max, i = 0;

	parser_arity(sig, &min, &max);
	if (parser_expect(p, TOK_LPAREN, "'(' after the name") != 0)
		return -1;
	for (; *sig != '\0'; sig++) {
		if (*sig == '?')
			continue;
		if (p->tok.kind == TOK_RPAREN && i >= min)
			break;
		if (i > 0 && p->tok.kind == TOK_RPAREN) {
			parser_error_at(p, p->tok.line, p->tok.col,
			    "missing "
			    "argument: expected ',' and %s; usage: %s",
			    parser_arg_what(*sig), s->entry->usage);
			return -1;
		}
		if (i > 0 && parser_expect(p, TOK_COMMA, "','") != 0)
			return -1;
		if (parser_arg(p, parser_add_arg(p, s), *sig, s->depth) != 0)
			return -1;
		i++;
	}
	if (p->tok.kind == TOK_COMMA) {
		parser_error_at(p, p->tok.line, p->tok.col,
		    "too many "
		    "arguments: expected ')'; usage: %s",
		    s->entry->usage);
		return -1;
	}
	return parser_expect(p, TOK_RPAREN, "')'");
}

/*
 * machine OPTION=VALUE ...: values are checked by the machine itself.
 * The file's first machine line configures the boot; a later one (a
 * reboot) is checked against a scratch configuration.
 */
static int
parser_machine_args(struct parser *p, struct script_stmt *s)
{
	struct machine_config scratch, *cfg = &p->prog->cfg;
	struct arg	     *a;
	char		     *cause = NULL;

	if (!p->first) {
		machine_config_default(&scratch);
		cfg = &scratch;
	}
	while (!parser_at_end(p)) {
		a = parser_add_arg(p, s);
		a->kind = ARG_OPTION;
		a->line = p->tok.line;
		a->col = p->tok.col;
		if (p->tok.kind != TOK_IDENT) {
			parser_expected(p, "OPTION=VALUE (ram=8M)");
			return -1;
		}
		a->text = parser_token_text(p);
		parser_advance(p);
		if (parser_expect(p, TOK_EQUALS, "'=' after the option") != 0)
			return -1;
		if (p->tok.kind == TOK_STRING) /* tunables="..." */
			a->value = arena_memdup(&p->prog->arena, p->tok.str,
			    p->tok.str_len);
		else if (p->tok.kind != TOK_IDENT &&
		    p->tok.kind != TOK_NUMBER) {
			parser_expected(p, "a value");
			return -1;
		} else
			a->value = parser_token_text(p);
		if (machine_config_set(cfg, a->text, a->value, &cause) != 0) {
			parser_error_at(p, a->line, a->col, "%s", cause);
			free(cause);
			return -1;
		}
		parser_advance(p);
	}
	return 0;
}

static int
parser_directive_args(struct parser *p, struct script_stmt *s)
{
	const char *sig = s->entry->args;
	int	    optional = 0;

	if (*sig == 'M')
		return parser_machine_args(p, s);
	for (; *sig != '\0'; sig++) {
		if (*sig == '?') {
			optional = 1;
			continue;
		}
		if (optional && parser_at_end(p))
			break;
		if (parser_arg(p, parser_add_arg(p, s), *sig, s->depth) != 0)
			return -1;
	}
	if (!parser_at_end(p) && p->tok.kind != TOK_LBRACE) {
		char got[64];

		parser_error_at(p, p->tok.line, p->tok.col,
		    "expected the end "
		    "of the statement, got %s; usage: %s",
		    parser_got(p, got, sizeof got), s->entry->usage);
		return -1;
	}
	return 0;
}

/* ---- statements ---- */

static void parser_block(struct parser *p, unsigned depth,
    struct script_stmt ***out, size_t *nout, unsigned bline, unsigned bcol);

static int
parser_repeat(struct parser *p, struct script_stmt *s)
{
	struct arg *a = parser_add_arg(p, s);
	unsigned    line, col;

	a->line = p->tok.line;
	a->col = p->tok.col;
	if (s->depth >= SCRIPT_DEPTH_MAX) {
		parser_error_at(p, s->line, s->col,
		    "repeat nested more than "
		    "%d deep: expected at most $i, $j and $k",
		    SCRIPT_DEPTH_MAX);
		return -1;
	}
	if (parser_arg(p, a, 'C', s->depth) != 0)
		return -1;
	line = p->tok.line;
	col = p->tok.col;
	if (parser_expect(p, TOK_LBRACE, "'{' to open the repeated block") != 0)
		return -1;
	s->source = parser_source(p);
	parser_block(p, s->depth + 1, &s->body, &s->nbody, line, col);
	return 0;
}

/* The statement the token t names, or an error with a suggestion. */
static const struct stmt_entry *
parser_lookup(struct parser *p, const struct token *t)
{
	const struct stmt_entry *e = stmt_find_len(t->start, t->len);
	const char		*names[64], *hint;
	char			*name;
	size_t			 i;

	if (e != NULL)
		return e;
	for (i = 0; i < stmt_table_len && i < 63; i++)
		names[i] = stmt_table[i].name;
	name = arena_strndup(&p->prog->arena, t->start, t->len);
	hint = util_suggest(name, names, i);
	if (hint != NULL)
		parser_error_at(p, t->line, t->col,
		    "unknown statement '%s'; "
		    "did you mean %s?",
		    name, hint);
	else
		parser_error_at(p, t->line, t->col,
		    "unknown statement '%s': "
		    "expected a call such as kmalloc or a directive such as "
		    "say (see help)",
		    name);
	return NULL;
}

/* NAME = call(...): the left-hand side is already consumed. */
static int
parser_head(struct parser *p, struct script_stmt *s)
{
	struct token name = p->tok;

	if (p->tok.kind != TOK_IDENT) {
		parser_expected(p, "a statement (kmalloc, say, show, ...)");
		return -1;
	}
	parser_advance(p);
	if (p->tok.kind == TOK_EQUALS) {
		if (parser_name_vars(p, &name, s->depth) != 0)
			return -1;
		s->assign = arena_memdup(&p->prog->arena, name.start, name.len);
		s->assign_col = name.col;
		parser_advance(p);
		if (p->tok.kind != TOK_IDENT) {
			parser_expected(p,
			    "an allocation call after '=' "
			    "(kmalloc, vmalloc, malloc, ...)");
			return -1;
		}
		name = p->tok;
		parser_advance(p);
	}
	s->entry = parser_lookup(p, &name);
	if (s->entry == NULL)
		return -1;
	if (s->assign != NULL && !(s->entry->flags & STMT_ASSIGN)) {
		parser_error_at(p, name.line, name.col,
		    "%s returns nothing "
		    "to assign: expected %s",
		    s->entry->name, s->entry->usage);
		return -1;
	}
	if (s->assign != NULL && strcmp(s->assign, "NULL") == 0) {
		parser_error_at(p, s->line, s->assign_col,
		    "cannot assign to "
		    "NULL: expected a NAME");
		return -1;
	}
	return 0;
}

/* Frees what a statement holds outside the arena: its blocks' lists. */
static void
parser_free_stmt(struct script_stmt *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nbody; i++)
		parser_free_stmt(s->body[i]);
	free(s->body);
	s->body = NULL;
	s->nbody = 0;
}

static void
parser_add_ghost(struct script_program *prog, const struct script_stmt *s)
{
	if ((prog->nghosts & (prog->nghosts - 1)) == 0) /* doubling */
		prog->ghosts = xreallocarray(prog->ghosts,
		    prog->nghosts ? prog->nghosts * 2 : 1,
		    sizeof *prog->ghosts);
	prog->ghosts[prog->nghosts].name = xstrdup(s->assign);
	prog->ghosts[prog->nghosts++].line = s->line;
}

static struct script_stmt *
parser_statement(struct parser *p, unsigned depth, int first)
{
	struct script_stmt *s = arena_alloc(&p->prog->arena, sizeof *s);
	int		    r;

	s->file = p->prog->file;
	s->line = p->tok.line;
	s->col = p->tok.col;
	s->depth = depth;
	p->failed = 0;
	sbuf_reset(&p->src);
	p->src_from = NULL;
	p->src_lazy = 1;
	p->last_end = NULL;
	p->usage = NULL;
	r = parser_head(p, s);
	if (r == 0 && (s->entry->flags & STMT_CALL))
		p->usage = s->entry->usage;
	if (r == 0 && (s->entry->flags & STMT_FIRST) && depth > 0) {
		parser_error_at(p, s->line, s->col,
		    "machine cannot be inside "
		    "a repeat: expected it at the top level, where it boots a "
		    "new machine");
		r = -1;
	}
	p->first = first;
	if (r == 0 && (s->entry->flags & STMT_BLOCK))
		r = parser_repeat(p, s);
	else if (r == 0 && (s->entry->flags & STMT_CALL))
		r = parser_call_args(p, s);
	else if (r == 0)
		r = parser_directive_args(p, s);
	if (s->source == NULL)
		s->source = parser_source(p);
	if (r != 0 || p->failed) {
		if (s->assign != NULL) /* spare later uses an error each */
			parser_add_ghost(p->prog, s);
		parser_free_stmt(s);
		parser_sync(p);
		return NULL;
	}
	return s;
}

/* A separator must follow each statement. */
static void
parser_end_statement(struct parser *p)
{
	if (parser_at_end(p))
		return;
	p->failed = 0;
	p->usage = NULL;
	parser_expected(p, "';' or a new line after the statement");
	parser_sync(p);
}

/* Statements up to the end, or to the '}' matching the '{' at bline:bcol
 * (bline 0: the top level, no brace). */
static void
parser_block(struct parser *p, unsigned depth, struct script_stmt ***out,
    size_t *nout, unsigned bline, unsigned bcol)
{
	int		    braced = bline != 0;
	struct script_stmt *s;
	int		    first = 1;

	for (;;) {
		while (p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_SEMI)
			parser_advance(p);
		if (p->tok.kind == TOK_EOF) {
			if (braced) {
				p->failed = 0;
				parser_error_at(p, bline, bcol,
				    "this '{' is "
				    "never closed: expected '}' before the end "
				    "of the file");
			}
			return;
		}
		if (p->tok.kind == TOK_RBRACE) {
			unsigned l = p->tok.line, c = p->tok.col;

			parser_advance(p);
			if (braced)
				return;
			p->failed = 0;
			parser_error_at(p, l, c,
			    "unexpected '}': no repeat "
			    "is open");
			continue;
		}
		s = parser_statement(p, depth,
		    first && depth == 0 && *nout == 0 && !p->continued);
		first = 0;
		if (s != NULL) {
			/* doubling at 0, 1, 2, 4...: a million statements
			   must not mean a million copies of the list */
			if ((*nout & (*nout - 1)) == 0)
				*out = xreallocarray(*out,
				    *nout ? *nout * 2 : 1, sizeof **out);
			(*out)[(*nout)++] = s;
			if (!(s->entry->flags & STMT_BLOCK))
				parser_end_statement(p);
		}
	}
}

/* The first comment line: a demo's one-line summary. */
static char *
parser_title(const char *text)
{
	const char *p = text, *end;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		if (*p == '#') {
			p++;
			while (*p == ' ' || *p == '\t')
				p++;
			while (end > p && isspace((unsigned char)end[-1]))
				end--;
			return xstrndup(p, (size_t)(end - p));
		}
		p = *end == '\n' ? end + 1 : end;
	}
	return xstrdup("");
}

/* File order: parse errors and unrolled-walk errors interleave. */
void
parser_sort_errors(struct script_errors *errs, size_t from)
{
	struct script_error tmp;
	size_t		    i, j;

	for (i = from + 1; i < errs->n; i++) { /* stable insertion sort */
		tmp = errs->v[i];
		for (j = i; j > from &&
		     (errs->v[j - 1].line > tmp.line ||
			 (errs->v[j - 1].line == tmp.line &&
			     errs->v[j - 1].col > tmp.col));
		     j--)
			errs->v[j] = errs->v[j - 1];
		errs->v[j] = tmp;
	}
}

struct script_program *
parser_piece(const char *file, const char *text, unsigned line0, int continued,
    int typed, struct script_errors *errs)
{
	struct parser	       p;
	struct script_program *prog = xcalloc(1, sizeof *prog);

	prog->file = xstrdup(file);
	prog->text = text; /* borrowed for messages while checking */
	prog->line0 = line0;
	prog->title = continued ? xstrdup("") : parser_title(text);
	machine_config_default(&prog->cfg);
	memset(&p, 0, sizeof p);
	p.file = prog->file;
	p.text = text;
	p.errs = errs;
	p.prog = prog;
	p.typed = typed;
	p.continued = continued;
	lexer_init(&p.lx, text);
	p.lx.line = line0;
	lexer_next(&p.lx, &p.tok);
	parser_block(&p, 0, &prog->stmts, &prog->nstmts, 0, 0);
	free(p.tok.str);
	sbuf_free(&p.src);
	prog->has_machine = !continued && prog->nstmts > 0 &&
	    (prog->stmts[0]->entry->flags & STMT_FIRST);
	return prog;
}

struct script_program *
parser_run(const char *file, const char *text, const struct nameset *known,
    struct script_errors *errs)
{
	struct script_program *prog;
	size_t		       before = errs->n;

	prog = parser_piece(file, text, 1, 0, known != NULL, errs);
	check_program(prog, known, errs);
	prog->text = NULL; /* the caller's: nothing keeps a pointer in */
	parser_sort_errors(errs, before);
	if (errs->n > before) {
		script_program_free(prog);
		return NULL;
	}
	return prog;
}

struct script_program *
script_parse(const char *file, const char *text, struct script_errors *errs)
{
	return parser_run(file, text, NULL, errs);
}

void
script_program_free(struct script_program *prog)
{
	size_t i;

	if (prog == NULL)
		return;
	for (i = 0; i < prog->nstmts; i++)
		parser_free_stmt(prog->stmts[i]);
	free(prog->stmts);
	free(prog->flat);
	free(prog->pauses);
	free(prog->file);
	free(prog->title);
	for (i = 0; i < prog->nghosts; i++)
		free(prog->ghosts[i].name);
	free(prog->ghosts);
	arena_free(&prog->arena);
	free(prog);
}

size_t
script_program_length(const struct script_program *prog)
{
	return prog->nflat;
}

static void
script_stmts_entries(struct script_stmt *const *v, size_t n,
    unsigned char *used)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i]->entry != NULL)
			used[v[i]->entry - stmt_table] = 1;
		script_stmts_entries(v[i]->body, v[i]->nbody, used);
	}
}

void
script_program_entries(const struct script_program *prog, unsigned char *used)
{
	script_stmts_entries(prog->stmts, prog->nstmts, used);
}

size_t
script_program_npauses(const struct script_program *prog)
{
	return prog->npauses;
}

size_t
script_program_pause_pos(const struct script_program *prog, size_t k)
{
	if (k == 0)
		return 0;
	if (k > prog->npauses)
		return prog->nflat;
	return prog->pauses[k - 1] + 1;
}

const char *
script_program_title(const struct script_program *prog)
{
	return prog->title;
}
