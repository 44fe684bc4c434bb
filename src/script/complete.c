/*
 * complete.c - prompt completion from the same tables the parser reads.
 *
 * The word under the cursor is completed by what the statement's
 * signature wants at that argument: statement names at the start (only
 * the allocating ones after "NAME ="), GFP flags, bound names, views,
 * focus targets, expect outcomes or machine options.  A rough scan of
 * the line is enough here: the parser judges the finished line.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"
#include "sim/kernel/slab-common.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

extern const char *const parser_expect_names[];

struct complete {
	const char *prefix;
	size_t	    plen;
	char	  **v;
	size_t	    n;
};

static void
complete_add(struct complete *c, const char *word, const char *suffix)
{
	if (strncmp(word, c->prefix, c->plen) != 0)
		return;
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n++] = xasprintf("%s%s", word, suffix);
}

static void
complete_list(struct complete *c, const char *const *list)
{
	for (; *list != NULL; list++)
		complete_add(c, *list, "");
}

static void
complete_names(struct complete *c, const struct script_interp *ip)
{
	size_t i;

	for (i = 0; ip != NULL && i < ip->nbinds; i++)
		complete_add(c, ip->binds[i].name, "");
}

static void
complete_statements(struct complete *c, int assign_only)
{
	size_t i;

	for (i = 0; i < stmt_table_len; i++) {
		if (!assign_only || (stmt_table[i].flags & STMT_ASSIGN))
			complete_add(c, stmt_table[i].name, "");
	}
}

/* Which signature letter the argument at index argi is. */
static char
complete_letter(const char *sig, size_t argi)
{
	for (; *sig != '\0'; sig++) {
		if (*sig == '?')
			continue;
		if (argi-- == 0)
			return *sig;
	}
	return '\0';
}

/* The argument index the cursor is in, for a call "name(a, b, |". */
static size_t
complete_argi(const char *p, const char *end)
{
	size_t argi = 0;
	int    depth = 0;

	for (; p < end; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ',' && depth == 1)
			argi++;
	}
	return argi;
}

static void
complete_arg(struct complete *c, const struct script_interp *ip, char letter)
{
	size_t i;

	switch (letter) {
	case 'G':
		for (i = 0; i < gfp_table_len; i++)
			complete_add(c, gfp_table[i].name, "");
		break;
	case 'L':
		for (i = 0; i < kmem_flags_len; i++)
			complete_add(c, kmem_flags[i].name, "");
		break;
	case 'N':
		complete_names(c, ip);
		complete_add(c, "NULL", "");
		break;
	case 'V':
		complete_list(c, machine_show_names);
		complete_names(c, ip);
		break;
	case 'F':
		complete_list(c, script_focus_names);
		break;
	case 'E':
		complete_list(c, parser_expect_names);
		break;
	case 'P':
		complete_list(c, script_mallopt_names);
		break;
	case 'X':
		complete_list(c, script_thread_actions);
		break;
	case 'H':
		complete_statements(c, 0);
		break;
	case 'M':
		for (i = 0; i < machine_options_len; i++)
			complete_add(c, machine_options[i].name, "=");
		break;
	default:
		break;
	}
}

/* Completes inside one statement: seg is its text before the word. */
static void
complete_statement(struct complete *c, const struct script_interp *ip,
    const char *seg, const char *end)
{
	const char		*p = seg, *name, *q;
	const struct stmt_entry *e;
	char			 word[64];

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end) {
		complete_statements(c, 0);
		return;
	}
	for (name = p; p < end && lexer_is_name_char(*p); p++)
		;
	for (q = p; q < end && isspace((unsigned char)*q); q++)
		;
	if (q < end && *q == '=') {
		for (q++; q < end && isspace((unsigned char)*q); q++)
			;
		if (q == end) {
			complete_statements(c, 1);
			return;
		}
		for (name = q, p = q; p < end && lexer_is_name_char(*p); p++)
			;
	}
	if ((size_t)(p - name) >= sizeof word)
		return;
	memcpy(word, name, (size_t)(p - name));
	word[p - name] = '\0';
	if ((e = stmt_find(word)) == NULL)
		return;
	if (e->flags & STMT_CALL) {
		if (memchr(p, '(', (size_t)(end - p)) != NULL)
			complete_arg(c, ip,
			    complete_letter(e->args, complete_argi(p, end)));
	} else
		complete_arg(c, ip,
		    e->args[0] == '?' ? e->args[1] : e->args[0]);
}

static int
complete_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
script_complete(const struct script_interp *ip, const char *line, size_t cursor,
    char ***words)
{
	struct complete c;
	const char     *start = line + cursor, *seg;
	size_t		i, n;

	while (start > line &&
	    (lexer_is_name_char(start[-1]) || start[-1] == '$'))
		start--;
	memset(&c, 0, sizeof c);
	c.prefix = start;
	c.plen = (size_t)(line + cursor - start);
	for (seg = start; seg > line && strchr(";{}", seg[-1]) == NULL; seg--)
		;
	complete_statement(&c, ip, seg, start);
	if (c.n > 1)
		qsort(c.v, c.n, sizeof *c.v, complete_cmp);
	for (i = n = 0; i < c.n; i++) { /* drop duplicates */
		if (n > 0 && strcmp(c.v[n - 1], c.v[i]) == 0)
			free(c.v[i]);
		else
			c.v[n++] = c.v[i];
	}
	*words = c.v;
	return n;
}
