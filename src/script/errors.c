/*
 * errors.c - script errors as values, formatted the way compilers do.
 *
 * Each error names file:line:column, says what was wrong and what was
 * expected, then quotes the line with a caret under the column.  Tabs
 * of the quoted line are copied into the caret line so the caret lands
 * under the right character in any terminal.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
script_errors_init(struct script_errors *errs)
{
	memset(errs, 0, sizeof *errs);
}

void
script_errors_free(struct script_errors *errs)
{
	size_t i;

	for (i = 0; i < errs->n; i++) {
		free(errs->v[i].file);
		free(errs->v[i].msg);
		free(errs->v[i].text);
	}
	free(errs->v);
	memset(errs, 0, sizeof *errs);
}

void
script_errors_format(const struct script_errors *errs, struct sbuf *out)
{
	size_t i;

	for (i = 0; i < errs->n; i++)
		sbuf_puts(out, errs->v[i].text);
}

/* Quotes line number `line` of text (whose first line is line0) with a
 * caret under column col. */
static void
errors_quote(const char *text, unsigned line0, unsigned line, unsigned col,
    struct sbuf *out)
{
	const char *p = text, *end;
	unsigned    n, i;

	if (p == NULL || line < line0)
		return;
	for (n = line0; n < line && p != NULL; n++) {
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	if (p == NULL)
		return;
	end = strchr(p, '\n');
	if (end == NULL)
		end = p + strlen(p);
	if (end > p && end[-1] == '\r')
		end--;
	sbuf_printf(out, "    %.*s\n    ", (int)(end - p), p);
	for (i = 1; i < col && p + i - 1 < end; i++)
		sbuf_putc(out, p[i - 1] == '\t' ? '\t' : ' ');
	sbuf_puts(out, "^\n");
}

void
errors_add(struct script_errors *errs, const char *file, const char *text,
    unsigned line0, unsigned line, unsigned col, const char *fmt, ...)
{
	struct script_error *e;
	struct sbuf	     b = SBUF_INIT;
	va_list		     ap;
	char		     msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (errs->n == errs->cap) {
		errs->cap = errs->cap ? errs->cap * 2 : 8;
		errs->v = xreallocarray(errs->v, errs->cap, sizeof *errs->v);
	}
	e = &errs->v[errs->n++];
	e->file = xstrdup(file);
	e->line = line;
	e->col = col;
	e->msg = xstrdup(msg);
	sbuf_printf(&b, "%s:%u:%u: error: %s\n", file, line, col, msg);
	errors_quote(text, line0, line, col, &b);
	e->text = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
}
