/*
 * xmalloc.h - allocation that cannot fail, and the one fatal exit.
 *
 * memviz treats running out of *host* memory as fatal (as tmux's xmalloc.c
 * does): there is no sensible way to go on.  Simulated failures are a
 * different thing entirely and are never reported through here.
 *
 * fatal() runs the registered cleanup hook first (the UI registers
 * term_shutdown there), so the terminal is restored on every exit path.
 */
#ifndef MEMVIZ_XMALLOC_H
#define MEMVIZ_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of nmemb elements of size each; aborts on overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* A copy of the n bytes at p; NULL when p is NULL or n is 0. */
void *xmemdup(const void *p, size_t n);
char *xstrndup(const char *s, size_t n);
/* Allocating printf; the result is owned by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Registers the function fatal() calls before exiting (one hook). */
void fatal_set_cleanup(void (*cleanup)(void));
/* Prints "memviz: MESSAGE" to stderr after cleanup and exits with 70. */
_Noreturn void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
