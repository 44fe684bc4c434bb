/*
 * sbuf.h - a growable string buffer.
 *
 * The simulated machine never prints; it formats reports (buddyinfo,
 * slabinfo, ...) and event descriptions into an sbuf that the caller
 * owns and prints or draws as it likes.
 */
#ifndef MEMVIZ_SBUF_H
#define MEMVIZ_SBUF_H

#include <stddef.h>

struct sbuf {
	char  *s; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define SBUF_INIT \
	{ \
		NULL, 0, 0 \
	}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_putc(struct sbuf *b, char c);
/* Empties the buffer but keeps its memory. */
void sbuf_reset(struct sbuf *b);
/* Returns the string (never NULL) without giving up ownership. */
const char *sbuf_str(const struct sbuf *b);
void	    sbuf_free(struct sbuf *b);

#endif
