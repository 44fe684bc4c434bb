/*
 * check_keymap.c - the keymap against itself and against the man page:
 * every key is bound once, every command exists, and every key name is
 * in the KEYS section of memviz(1), so the help overlay (generated from
 * the keymap) and the manual cannot drift apart.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/keymap.h"
#include "check-run.h"

#ifndef MANPAGE
#define MANPAGE "man/memviz.1"
#endif

static char *
keys_section(void)
{
	FILE	   *f = fopen(MANPAGE, "r");
	static char buf[1 << 17];
	size_t	    n;
	char	   *start, *end;

	ck_assert_msg(f != NULL, "cannot open %s", MANPAGE);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	start = strstr(buf, "\n.SH KEYS\n");
	ck_assert_ptr_nonnull(start);
	end = strstr(start + 1, "\n.SH ");
	if (end != NULL)
		*end = '\0';
	return start;
}

/* The words of the section's .B and .BR lines, \- read as -. */
static int
man_has_key(const char *sec, const char *name)
{
	const char *p = sec, *e;
	char	    word[64];
	size_t	    n;

	while ((p = strstr(p, "\n.B")) != NULL) {
		p += 4;
		if (*p == 'R')
			p++;
		for (e = p; *e != '\n' && *e != '\0';) {
			while (*e == ' ' || *e == '"' || *e == ',')
				e++;
			for (n = 0; *e != ' ' && *e != '"' && *e != '\n' &&
			     *e != '\0' && n < sizeof word - 1;
			     e++) {
				if (e[0] == '\\' && e[1] == '-')
					e++;
				word[n++] = *e;
			}
			word[n] = '\0';
			if (n > 0 && strcmp(word, name) == 0)
				return 1;
		}
	}
	return 0;
}

START_TEST(test_keys_in_man_page)
{
	const char *sec = keys_section();
	size_t	    i;

	for (i = 0; i < keymap_len; i++)
		ck_assert_msg(man_has_key(sec, keymap[i].keyname),
		    "key %s is not in memviz(1) KEYS", keymap[i].keyname);
}
END_TEST

START_TEST(test_keys_bound_once)
{
	size_t i, j;

	for (i = 0; i < keymap_len; i++) {
		ck_assert(keymap[i].help[0] != '\0');
		ck_assert_ptr_eq(keymap_find(keymap[i].key), &keymap[i]);
		for (j = i + 1; j < keymap_len; j++)
			ck_assert_int_ne(keymap[i].key, keymap[j].key);
	}
	ck_assert_ptr_null(keymap_find('@'));
	ck_assert_str_eq(keymap_find('q')->command, "quit");
	ck_assert_str_eq(keymap_find('k')->command,
	    "ask kmalloc(%s, GFP_KERNEL)");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("keymap");

	tcase_add_test(tc, test_keys_in_man_page);
	tcase_add_test(tc, test_keys_bound_once);
	suite_add_tcase(s, tc);
	return check_run(s);
}
