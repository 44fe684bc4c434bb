/*
 * json.h - writing JSON text (RFC 8259) into a string buffer: the
 * asciicast recordings (--export-cast) and the --batch --json output
 * are both JSON, and both need strings escaped the same way.
 */
#ifndef MEMVIZ_COMMON_JSON_H
#define MEMVIZ_COMMON_JSON_H

#include <stddef.h>

struct sbuf;

/*
 * Appends s as a quoted JSON string: ", \ and control characters
 * escaped (\n, \t, ... or \u00XX), other bytes (UTF-8) as they are.
 * NULL is written as null.
 */
void json_str(struct sbuf *out, const char *s);
/* The same for the n bytes at s (which may hold NULs). */
void json_strn(struct sbuf *out, const char *s, size_t n);
/* Appends "key": with key quoted, for an object's member. */
void json_key(struct sbuf *out, const char *key);

#endif
