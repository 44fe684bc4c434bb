/*
 * stream.c - a script run as it is read, for --batch and --check.
 *
 * The input is cut into pieces at line ends where no '(' or '{' is
 * open (outside strings and comments), so every piece holds whole
 * top-level statements, a repeat with its block included.  Each piece
 * is parsed and checked (check.c carries names and a waiting predict
 * or expect from one piece to the next), then run: its repeats are
 * walked as they come, one leaf statement per script_stream_next(),
 * never unrolled into a list.  So memory follows the longest piece
 * and the names alive, not the length of the script, and a trace
 * piped from `memviz --import` runs while it is being written.
 *
 * The first error stops the running; the rest of the input is still
 * checked so that every error is reported, in file order, exactly as
 * a whole-file parse reports them.  What ran before it has run: a
 * stream cannot take back output already written.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_PIECE_BYTES (64u << 10) /* a piece ends past this much */
#define STREAM_READ	   (64u << 10)

/* The walk through a piece: one frame per open repeat. */
struct stream_frame {
	struct script_stmt **v;
	size_t		     n, i;
	uint64_t	     count, it;
};

struct script_stream {
	char		      *file;
	FILE		      *in;
	struct script_opts     opts;
	char		      *buf; /* read, not yet cut into lines */
	size_t		       off, len;
	int		       eof;
	unsigned	       line; /* of the next line to read */
	struct sbuf	       piece;
	unsigned	       pieces; /* parsed so far */
	struct checker	      *chk;
	struct script_errors   errs;
	struct script_program *prog; /* the piece running */
	struct script_interp  *ip;
	struct stream_frame    f[SCRIPT_DEPTH_MAX + 1];
	unsigned	       depth;
	uint64_t	       vars[SCRIPT_DEPTH_MAX];
	char		      *cause;	/* reading failed */
	int		       stopped; /* an error: nothing more runs */
	int		       finished;
};

struct script_stream *
script_stream_open(const char *file, FILE *in, const struct script_opts *opts)
{
	struct script_stream *st = xcalloc(1, sizeof *st);

	st->file = xstrdup(file);
	st->in = in;
	st->opts = *opts;
	st->buf = xmalloc(STREAM_READ);
	st->line = 1;
	st->chk = check_open(NULL, 0);
	script_errors_init(&st->errs);
	return st;
}

void
script_stream_close(struct script_stream *st)
{
	if (st == NULL)
		return;
	script_interp_destroy(st->ip);
	script_program_free(st->prog);
	check_close(st->chk);
	script_errors_free(&st->errs);
	sbuf_free(&st->piece);
	free(st->buf);
	free(st->cause);
	free(st->file);
	free(st);
}

/* More input into buf; 0 at the end or on an error (cause set). */
static int
stream_read(struct script_stream *st)
{
	size_t n;

	if (st->eof)
		return 0;
	memmove(st->buf, st->buf + st->off, st->len - st->off);
	st->len -= st->off;
	st->off = 0;
	n = fread(st->buf + st->len, 1, STREAM_READ - st->len, st->in);
	if (n == 0 && ferror(st->in))
		st->cause = xasprintf("%s: %s", st->file, strerror(errno));
	else if (memchr(st->buf + st->len, '\0', n) != NULL)
		st->cause = xasprintf("%s: a binary file, not a script",
		    st->file);
	st->eof = n == 0 || st->cause != NULL;
	st->len += n;
	return n > 0 && st->cause == NULL;
}

/*
 * Appends the next line (with its '\n') to the piece and returns its
 * start there, or SIZE_MAX at the end of the input.  A line longer than
 * the read buffer is taken in parts.
 */
static size_t
stream_line(struct script_stream *st)
{
	size_t start = st->piece.len, n;
	char  *nl;

	sbuf_puts(&st->piece, "");
	for (;;) {
		nl = memchr(st->buf + st->off, '\n', st->len - st->off);
		n = nl != NULL ? (size_t)(nl - (st->buf + st->off)) + 1 :
				 st->len - st->off;
		sbuf_add(&st->piece, st->buf + st->off, n);
		st->off += n;
		if (nl != NULL)
			break;
		if (!stream_read(st))
			break;
	}
	if (st->cause != NULL || st->piece.len == start)
		return SIZE_MAX;
	st->line++;
	return start;
}

/* The bytes stream_scan() stops at; the rest it skips in one test. */
/* clang-format off */
static const unsigned char stream_special[256] = {
	['\n'] = 1, ['"'] = 1, ['\\'] = 1, ['#'] = 1,
	['('] = 1, [')'] = 1, ['{'] = 1, ['}'] = 1,
};
/* clang-format on */

/* Brackets a line leaves open (strings end on their line, as lexer.c
 * has them; '#' outside a string starts a comment). */
static void
stream_scan(const char *p, const char *end, int *paren, int *brace)
{
	int str = 0, *n;

	for (; p < end; p++) {
		if (!stream_special[(unsigned char)*p])
			continue;
		if (*p == '\n')
			break;
		if (str && *p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"')
			str = !str;
		else if (str || *p == '\\')
			continue;
		else if (*p == '#')
			break;
		else if (*p == '(' || *p == '{')
			++*(*p == '(' ? paren : brace);
		else { /* a stray ')' or '}': the parser reports it */
			n = *p == ')' ? paren : brace;
			*n -= *n > 0;
		}
	}
}

/* The next piece of whole statements into st->piece; 0 when none. */
static int
stream_cut(struct script_stream *st, unsigned *line0)
{
	int    paren = 0, brace = 0;
	size_t at;

	sbuf_reset(&st->piece);
	*line0 = st->line;
	while ((at = stream_line(st)) != SIZE_MAX) {
		stream_scan(st->piece.s + at, st->piece.s + st->piece.len,
		    &paren, &brace);
		if (paren == 0 && brace == 0 &&
		    st->piece.len >= STREAM_PIECE_BYTES)
			break;
	}
	return st->piece.len > 0 && st->cause == NULL;
}

/* Parses and checks the next piece into st->prog; 0 at the end. */
static int
stream_piece(struct script_stream *st)
{
	unsigned line0;

	script_program_free(st->prog);
	st->prog = NULL;
	if (!stream_cut(st, &line0))
		return 0;
	st->prog = parser_piece(st->file, sbuf_str(&st->piece), line0,
	    st->pieces++ > 0, 0, &st->errs);
	if (check_chunk(st->chk, st->prog, &st->errs) != 0 || st->errs.n > 0)
		st->stopped = 1;
	st->prog->text = NULL; /* the piece's buffer is reused */
	memset(st->f, 0, sizeof st->f);
	memset(st->vars, 0, sizeof st->vars);
	st->depth = 0;
	st->f[0].v = st->prog->stmts;
	st->f[0].n = st->prog->nstmts;
	return 1;
}

/* The end of the input: what still waits, and the errors in order. */
static void
stream_finish(struct script_stream *st)
{
	while (stream_piece(st))
		; /* after an error: check the rest, run nothing */
	if (st->cause == NULL)
		check_finish(st->chk, &st->errs);
	parser_sort_errors(&st->errs, 0);
}

/* The next leaf statement of the piece, entering repeats as they come. */
static const struct script_stmt *
stream_walk(struct script_stream *st)
{
	struct stream_frame *f;
	struct script_stmt  *s;
	const char	    *why;
	uint64_t	     count;

	for (;;) {
		f = &st->f[st->depth];
		if (f->i == f->n) {
			if (st->depth == 0)
				return NULL;
			if (++f->it < f->count) { /* the block again */
				st->vars[st->depth - 1] = f->it;
				f->i = 0;
				continue;
			}
			st->vars[--st->depth] = 0;
			continue;
		}
		s = f->v[f->i++];
		if (!(s->entry->flags & STMT_BLOCK))
			return s;
		if (check_arg(&s->args[0], st->vars, &count, &why) != 0 ||
		    count == 0 || s->nbody == 0)
			continue; /* checked: a count cannot fail here */
		f = &st->f[++st->depth];
		f->v = s->body;
		f->n = s->nbody;
		f->i = 0;
		f->it = 0;
		f->count = count;
		st->vars[s->depth] = 0;
	}
}

int
script_stream_start(struct script_stream *st, char **cause)
{
	int more = stream_piece(st);

	if (st->stopped || st->cause != NULL || st->opts.check) {
		st->finished = 1;
		stream_finish(st);
		if (st->cause != NULL)
			*cause = xstrdup(st->cause);
		return st->errs.n > 0 || st->cause != NULL ? -1 : 0;
	}
	st->ip = script_interp_create(more ? st->prog : NULL, &st->opts, cause);
	if (st->ip == NULL)
		return -1;
	st->ip->prog = NULL; /* its statements come from here */
	return 0;
}

const struct script_result *
script_stream_next(struct script_stream *st)
{
	const struct script_stmt *s;

	if (st->ip == NULL)
		return NULL;
	while (!st->stopped && st->cause == NULL) {
		if (st->prog != NULL && (s = stream_walk(st)) != NULL)
			return interp_exec(st->ip, s, st->vars);
		if (!stream_piece(st))
			break;
	}
	if (!st->finished) {
		st->finished = 1;
		stream_finish(st);
	}
	return NULL;
}

const struct script_errors *
script_stream_errors(const struct script_stream *st)
{
	return &st->errs;
}

const char *
script_stream_cause(const struct script_stream *st)
{
	return st->cause;
}

struct script_interp *
script_stream_interp(struct script_stream *st)
{
	return st->ip;
}
