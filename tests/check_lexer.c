/*
 * check_lexer.c - the script lexer: every token kind, positions, the
 * number and name shapes the language relies on, and its two errors.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "script/script-priv.h"
#include "check-run.h"

/* Lexes text and returns the n-th token (0-based); str freed by caller. */
static struct token
nth(const char *text, int n)
{
	struct lexer lx;
	struct token t;
	int	     i;

	lexer_init(&lx, text);
	for (i = 0;; i++) {
		lexer_next(&lx, &t);
		if (i == n || t.kind == TOK_EOF)
			return t;
		free(t.str);
	}
}

static void
expect_tok(const char *text, int n, enum token_kind kind, const char *spell)
{
	struct token t = nth(text, n);

	ck_assert_msg(t.kind == kind, "%s: token %d is %s, not %s", text, n,
	    lexer_token_name(t.kind), lexer_token_name(kind));
	if (spell != NULL) {
		ck_assert_uint_eq(t.len, strlen(spell));
		ck_assert(strncmp(t.start, spell, t.len) == 0);
	}
	free(t.str);
}

START_TEST(test_punctuation)
{
	const char		    *text = "( ) , = | ; { } + - * /";
	static const enum token_kind kinds[] = { TOK_LPAREN, TOK_RPAREN,
		TOK_COMMA, TOK_EQUALS, TOK_PIPE, TOK_SEMI, TOK_LBRACE,
		TOK_RBRACE, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_EOF };
	size_t			     i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		expect_tok(text, (int)i, kinds[i], NULL);
}
END_TEST

START_TEST(test_numbers_keep_suffixes)
{
	expect_tok("8M", 0, TOK_NUMBER, "8M");
	expect_tok("0x1000)", 0, TOK_NUMBER, "0x1000");
	expect_tok("sleep 500ms", 1, TOK_NUMBER, "500ms");
	expect_tok("kernel=6.x", 2, TOK_NUMBER, "6.x");
	expect_tok("fragment=20%", 2, TOK_NUMBER, "20%");
	expect_tok("4KiB,", 0, TOK_NUMBER, "4KiB");
}
END_TEST

START_TEST(test_names)
{
	expect_tok("__get_free_pages(", 0, TOK_IDENT, "__get_free_pages");
	expect_tok("buf$i = ", 0, TOK_IDENT, "buf$i");
	expect_tok("a$i$j", 0, TOK_IDENT, "a$i$j");
	expect_tok("expect double-free", 1, TOK_IDENT, "double-free");
	/* '-' only joins letters: an expression keeps its minus */
	expect_tok("x-1", 0, TOK_IDENT, "x");
	expect_tok("x-1", 1, TOK_MINUS, "-");
	expect_tok("$i+1", 0, TOK_VAR, "$i");
	expect_tok("$i+1", 1, TOK_PLUS, "+");
}
END_TEST

START_TEST(test_strings)
{
	struct token t = nth("say \"a \\\"b\\\" \\\\ c\\n\"", 1);

	ck_assert_int_eq(t.kind, TOK_STRING);
	ck_assert_str_eq(t.str, "a \"b\" \\ c\n");
	free(t.str);
	t = nth("say \"open\nx", 1);
	ck_assert_int_eq(t.kind, TOK_ERROR);
	ck_assert(strstr(t.error, "unterminated string") != NULL);
}
END_TEST

/* Byte escapes: the value is counted, NUL bytes included. */
START_TEST(test_string_byte_escapes)
{
	struct token t = nth("write(a, 0, 8, \"A\\0\\xfF\\x00\\t\\\\\\\"\")",
	    8);

	ck_assert_int_eq(t.kind, TOK_STRING);
	ck_assert_uint_eq(t.str_len, 7);
	ck_assert(memcmp(t.str, "A\0\xff\0\t\\\"", 7) == 0);
	ck_assert_uint_eq(t.len, 19); /* the token as written */
	free(t.str);
	t = nth("\"\"", 0);
	ck_assert_int_eq(t.kind, TOK_STRING);
	ck_assert_uint_eq(t.str_len, 0);
	free(t.str);
}
END_TEST

/* A bad escape is an error at its backslash; the line is skipped. */
START_TEST(test_string_bad_escapes)
{
	static const char *const bad[] = { "say \"ab\\q\"", "say \"ab\\x4\"",
		"say \"ab\\xg0\"", "say \"ab\\1\"", "say \"ab\\x\"" };
	size_t			 i;
	struct token		 t;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = nth(bad[i], 1);
		ck_assert_msg(t.kind == TOK_ERROR, "%s", bad[i]);
		ck_assert_uint_eq(t.col, 8);
		ck_assert(strncmp(t.error, "bad escape: expected ", 21) == 0);
		ck_assert_int_eq(nth(bad[i], 2).kind, TOK_EOF);
	}
	ck_assert_ptr_nonnull(strstr(nth(bad[1], 1).error, "two hex digits"));
	/* a backslash at the end of the line leaves the string open */
	t = nth("say \"ab\\\n", 1);
	ck_assert(strstr(t.error, "unterminated string") != NULL);
	ck_assert_uint_eq(t.col, 5);
}
END_TEST

START_TEST(test_comments_and_lines)
{
	struct token t;

	expect_tok("a # kmalloc(\n b", 1, TOK_NEWLINE, NULL);
	t = nth("a # c\n  \tb", 2);
	ck_assert_int_eq(t.kind, TOK_IDENT);
	ck_assert_uint_eq(t.line, 2);
	ck_assert_uint_eq(t.col, 4); /* bytes: a tab counts one */
	t = nth("x = kmalloc", 2);
	ck_assert_uint_eq(t.col, 5);
	ck_assert_uint_eq(t.line, 1);
}
END_TEST

START_TEST(test_bad_character)
{
	struct token t = nth("a @ b", 1);

	ck_assert_int_eq(t.kind, TOK_ERROR);
	ck_assert_uint_eq(t.col, 3);
	expect_tok("a @ b", 2, TOK_IDENT, "b"); /* and it goes on */
	expect_tok("$", 0, TOK_ERROR, "$");
}
END_TEST

static Suite *
lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TCase *tc = tcase_create("tokens");

	tcase_add_test(tc, test_punctuation);
	tcase_add_test(tc, test_numbers_keep_suffixes);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_string_byte_escapes);
	tcase_add_test(tc, test_string_bad_escapes);
	tcase_add_test(tc, test_comments_and_lines);
	tcase_add_test(tc, test_bad_character);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(lexer_suite());
}
