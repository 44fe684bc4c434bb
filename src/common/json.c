/*
 * json.c - JSON strings, escaped as RFC 8259 section 7 requires: the
 * quotation mark, the reverse solidus and the control characters
 * U+0000..U+001F; everything else may stand as it is, UTF-8 included.
 */
#include "common/json.h"
#include "common/sbuf.h"

#include <string.h>

/* The short escapes RFC 8259 names; other controls use \u00XX. */
static const char *
json_escape(unsigned char c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	default:
		return NULL;
	}
}

void
json_strn(struct sbuf *out, const char *s, size_t n)
{
	const char   *e;
	unsigned char c;
	size_t	      i;

	sbuf_putc(out, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((e = json_escape(c)) != NULL)
			sbuf_puts(out, e);
		else if (c < 0x20 || c == 0x7f)
			sbuf_printf(out, "\\u%04x", c);
		else
			sbuf_putc(out, (char)c);
	}
	sbuf_putc(out, '"');
}

void
json_str(struct sbuf *out, const char *s)
{
	if (s == NULL)
		sbuf_puts(out, "null");
	else
		json_strn(out, s, strlen(s));
}

void
json_key(struct sbuf *out, const char *key)
{
	json_str(out, key);
	sbuf_putc(out, ':');
}
