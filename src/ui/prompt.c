/*
 * prompt.c - line editing for the `:` prompt and the size questions.
 *
 * Keys as in readline's defaults where they exist: left/right, home/end
 * (^A/^E), backspace, delete, ^U (kill to start), ^W (kill word), up and
 * down through history, tab to complete.  A unique completion replaces
 * the word before the cursor; several insert their common prefix and are
 * listed in the hint line.
 */
#include "ui/prompt.h"
#include "common/xmalloc.h"
#include "script/script.h"

#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes and the NUL, as readline's rl_extend_line_buffer
 * grows its line: a pasted statement is never cut short. */
static void
prompt_reserve(struct prompt *p, size_t n)
{
	if (p->len + n < p->cap)
		return;
	p->cap = p->len + n + 1 > 2 * p->cap ? p->len + n + 1 : 2 * p->cap;
	p->buf = xrealloc(p->buf, p->cap);
}

void
prompt_open(struct prompt *p, const char *label, const char *tmpl)
{
	p->active = 1;
	snprintf(p->label, sizeof p->label, "%s", label);
	free(p->tmpl);
	p->tmpl = tmpl != NULL ? xstrdup(tmpl) : NULL;
	p->len = p->cur = 0;
	prompt_reserve(p, 64);
	p->buf[0] = '\0';
	p->hpos = p->nhist;
	p->hint[0] = '\0';
}

void
prompt_close(struct prompt *p)
{
	p->active = 0;
	p->hint[0] = '\0';
}

void
prompt_free(struct prompt *p)
{
	size_t i;

	for (i = 0; i < p->nhist; i++)
		free(p->hist[i]);
	free(p->tmpl);
	free(p->buf);
	memset(p, 0, sizeof *p);
}

void
prompt_remember(struct prompt *p, const char *line)
{
	if (*line == '\0' ||
	    (p->nhist > 0 && strcmp(p->hist[p->nhist - 1], line) == 0))
		return;
	if (p->nhist == PROMPT_HISTORY) {
		free(p->hist[0]);
		memmove(p->hist, p->hist + 1,
		    (PROMPT_HISTORY - 1) * sizeof p->hist[0]);
		p->nhist--;
	}
	p->hist[p->nhist++] = xstrdup(line);
}

static void
prompt_set(struct prompt *p, const char *s)
{
	size_t n = strlen(s);

	p->len = 0;
	prompt_reserve(p, n);
	memcpy(p->buf, s, n + 1);
	p->len = p->cur = n;
}

static void
prompt_insert(struct prompt *p, const char *s, size_t n)
{
	prompt_reserve(p, n);
	memmove(p->buf + p->cur + n, p->buf + p->cur, p->len - p->cur + 1);
	memcpy(p->buf + p->cur, s, n);
	p->len += n;
	p->cur += n;
}

static void
prompt_delete(struct prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
}

static int
prompt_wordch(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static size_t
prompt_word_start(const struct prompt *p)
{
	size_t i = p->cur;

	while (i > 0 && prompt_wordch(p->buf[i - 1]))
		i--;
	return i;
}

static void
prompt_complete(struct prompt *p, const struct script_interp *ip)
{
	char **words = NULL;
	size_t n, i, common, start = prompt_word_start(p), hl = 0;

	if (ip == NULL || p->tmpl != NULL)
		return;
	n = script_complete(ip, p->buf, p->cur, &words);
	p->hint[0] = '\0';
	if (n > 0) {
		common = strlen(words[0]);
		for (i = 1; i < n; i++)
			while (strncmp(words[0], words[i], common) != 0)
				common--;
		if (common >= p->cur - start) {
			prompt_delete(p, start, p->cur);
			prompt_insert(p, words[0],
			    n == 1 ? strlen(words[0]) : common);
		}
	}
	for (i = 0; i < n && n > 1; i++) {
		if (hl + strlen(words[i]) + 2 < sizeof p->hint)
			hl += (size_t)snprintf(p->hint + hl,
			    sizeof p->hint - hl, "%s ", words[i]);
	}
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

static void
prompt_history(struct prompt *p, int dir)
{
	if (dir < 0 && p->hpos > 0)
		prompt_set(p, p->hist[--p->hpos]);
	else if (dir > 0 && p->hpos < p->nhist) {
		if (++p->hpos == p->nhist)
			prompt_set(p, "");
		else
			prompt_set(p, p->hist[p->hpos]);
	}
}

int
prompt_key(struct prompt *p, const struct script_interp *ip, int key)
{
	char c;

	switch (key) {
	case '\r':
	case '\n':
	case KEY_ENTER:
		return PROMPT_DONE;
	case 27:
	case 3: /* esc, ^C */
		return PROMPT_CANCEL;
	case KEY_LEFT:
		if (p->cur > 0)
			p->cur--;
		break;
	case KEY_RIGHT:
		if (p->cur < p->len)
			p->cur++;
		break;
	case KEY_HOME:
	case 1:
		p->cur = 0;
		break;
	case KEY_END:
	case 5:
		p->cur = p->len;
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (p->cur > 0)
			prompt_delete(p, p->cur - 1, p->cur);
		else if (p->len == 0)
			return PROMPT_CANCEL;
		break;
	case KEY_DC:
		if (p->cur < p->len)
			prompt_delete(p, p->cur, p->cur + 1);
		break;
	case 21:
		prompt_delete(p, 0, p->cur);
		break; /* ^U */
	case 23:
		prompt_delete(p, prompt_word_start(p), p->cur);
		break;
	case KEY_UP:
		prompt_history(p, -1);
		break;
	case KEY_DOWN:
		prompt_history(p, 1);
		break;
	case '\t':
		prompt_complete(p, ip);
		break;
	default:
		if (key >= 32 && key < 256 && key != 127) {
			c = (char)key;
			prompt_insert(p, &c, 1);
		}
		break;
	}
	return PROMPT_GOING;
}
