/*
 * lexer.c - turns script text into tokens.
 *
 * The language has few token kinds.  A number token is a digit followed
 * by any letters, digits, '.' or '%' ("8M", "0x1000", "500ms", "6.x",
 * "20%"): the parser decides what the suffix means where it stands, so
 * the lexer need not know sizes from durations from kernel versions.  A
 * name may carry loop counters inside ("buf$i") and a '-' between
 * letters ("double-free", an expect outcome); a '$' at the start makes a
 * loop counter.  '#' starts a comment to the end of the line.
 *
 * Positions are 1-based lines and byte columns, as compilers print them.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"

#include <string.h>

static const char *const token_names[] = {
#define TOKEN_NAME(e, d) d,
	TOKEN_KINDS(TOKEN_NAME)
#undef TOKEN_NAME
};

const char *
lexer_token_name(enum token_kind kind)
{
	return (unsigned)kind < TOK__COUNT ? token_names[kind] : "?";
}

void
lexer_init(struct lexer *lx, const char *text)
{
	lx->text = text;
	lx->p = text;
	lx->line = 1;
	lx->line_start = text;
}

/*
 * Character classes of the ASCII the language is written in.  Not
 * <ctype.h>: its functions go through the locale's table on every
 * character, and a generated trace is tens of millions of them.
 */
static int
lexer_alpha(int c)
{
	return (unsigned)((c | 0x20) - 'a') < 26;
}

static int
lexer_digit(int c)
{
	return (unsigned)(c - '0') < 10;
}

int
lexer_is_name_char(int c)
{
	return lexer_alpha(c) || lexer_digit(c) || c == '_';
}

/* A name: letters, digits, '_', "$x" counters, '-' between letters. */
static void
lexer_name(struct lexer *lx)
{
	const char *p = lx->p;

	for (;;) {
		if (lexer_is_name_char((unsigned char)*p))
			p++;
		else if (*p == '$' && lexer_alpha(p[1]))
			p += 2;
		else if (*p == '-' && lexer_alpha(p[1]) && lexer_alpha(p[-1]))
			p++;
		else
			break;
	}
	lx->p = p;
}

static int
lexer_hex(int c)
{
	if (lexer_digit(c))
		return c - '0';
	if ((unsigned)((c | 0x20) - 'a') < 6)
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* The one-character escapes: what follows the backslash, what it means. */
static const char lexer_escapes[][2] = { { 'n', '\n' }, { 't', '\t' },
	{ '0', '\0' }, { '\\', '\\' }, { '"', '"' } };

/*
 * One escape at p (just after the backslash): its byte in *byte and the
 * characters it took, or 0 when it is none of \xHH \0 \n \t \\ \".
 */
static int
lexer_escape(const char *p, char *byte)
{
	size_t i;

	if (*p == 'x' && lexer_hex((unsigned char)p[1]) >= 0 &&
	    lexer_hex((unsigned char)p[2]) >= 0) {
		*byte = (char)(lexer_hex((unsigned char)p[1]) * 16 +
		    lexer_hex((unsigned char)p[2]));
		return 3;
	}
	for (i = 0; i < sizeof lexer_escapes / sizeof lexer_escapes[0]; i++) {
		if (*p == lexer_escapes[i][0]) {
			*byte = lexer_escapes[i][1];
			return 1;
		}
	}
	return 0;
}

/*
 * A string the lexer gives up on: the error points at p; the rest of
 * the line is skipped, as it cannot be read as tokens.
 */
static void
lexer_string_error(struct lexer *lx, struct token *tok, const char *p,
    const char *why)
{
	tok->kind = TOK_ERROR;
	tok->error = why;
	tok->col = (unsigned)(p - lx->line_start) + 1;
	while (*p != '\0' && *p != '\n')
		p++;
	lx->p = p;
}

/*
 * A quoted string; it must end on its line.  Escapes stand for bytes,
 * NUL included, so the value is counted (tok->str_len), not
 * NUL-terminated text: \xHH (two hex digits), \0, \n, \t, \\ and \".
 */
static void
lexer_string(struct lexer *lx, struct token *tok)
{
	struct sbuf b = SBUF_INIT;
	const char *p = lx->p + 1;
	char	    byte;
	int	    n;

	sbuf_puts(&b, "");
	while (*p != '"') {
		if (*p == '\0' || *p == '\n' ||
		    (*p == '\\' && (p[1] == '\0' || p[1] == '\n'))) {
			lexer_string_error(lx, tok, lx->p,
			    "unterminated string: expected '\"' before the end "
			    "of the line");
			sbuf_free(&b);
			return;
		}
		if (*p == '\\') {
			n = lexer_escape(p + 1, &byte);
			if (n == 0) {
				lexer_string_error(lx, tok, p,
				    p[1] == 'x' ?
					"bad escape: expected two hex digits "
					"after \\x" :
					"bad escape: expected \\xHH, \\0, \\n, "
					"\\t, \\\\ or \\\" after the "
					"backslash");
				sbuf_free(&b);
				return;
			}
			sbuf_add(&b, &byte, 1);
			p += 1 + n;
		} else
			sbuf_putc(&b, *p++);
	}
	lx->p = p + 1;
	tok->kind = TOK_STRING;
	tok->str_len = b.len;
	tok->str = xmemdup(b.s, b.len + 1);
	sbuf_free(&b);
}

static enum token_kind
lexer_punct(int c)
{
	switch (c) {
	case '(':
		return TOK_LPAREN;
	case ')':
		return TOK_RPAREN;
	case ',':
		return TOK_COMMA;
	case '=':
		return TOK_EQUALS;
	case '|':
		return TOK_PIPE;
	case ';':
		return TOK_SEMI;
	case '{':
		return TOK_LBRACE;
	case '}':
		return TOK_RBRACE;
	case '+':
		return TOK_PLUS;
	case '-':
		return TOK_MINUS;
	case '*':
		return TOK_STAR;
	case '/':
		return TOK_SLASH;
	default:
		return TOK_ERROR;
	}
}

/* Skips blanks and a comment; stops at a newline or a token. */
static void
lexer_skip(struct lexer *lx)
{
	for (;;) {
		while (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r')
			lx->p++;
		if (*lx->p != '#')
			return;
		while (*lx->p != '\0' && *lx->p != '\n')
			lx->p++;
	}
}

void
lexer_next(struct lexer *lx, struct token *tok)
{
	unsigned char c;

	lexer_skip(lx);
	tok->str = NULL;
	tok->str_len = 0;
	tok->error = NULL;
	tok->start = lx->p;
	tok->line = lx->line;
	tok->col = (unsigned)(lx->p - lx->line_start) + 1;
	c = (unsigned char)*lx->p;
	if (c == '\0')
		tok->kind = TOK_EOF;
	else if (c == '\n') {
		tok->kind = TOK_NEWLINE;
		lx->p++;
		lx->line++;
		lx->line_start = lx->p;
	} else if (lexer_alpha(c) || c == '_') {
		tok->kind = TOK_IDENT;
		lexer_name(lx);
	} else if (c == '$' && lexer_alpha(lx->p[1])) {
		tok->kind = TOK_VAR;
		lx->p++;
		lexer_name(lx);
	} else if (lexer_digit(c)) {
		tok->kind = TOK_NUMBER;
		while (lexer_alpha(*lx->p) || lexer_digit(*lx->p) ||
		    *lx->p == '.' || *lx->p == '%')
			lx->p++;
	} else if (c == '"')
		lexer_string(lx, tok);
	else {
		tok->kind = lexer_punct(c);
		if (tok->kind == TOK_ERROR)
			tok->error = "unexpected character";
		lx->p++;
	}
	tok->len = (size_t)(lx->p - tok->start);
}
