/*
 * import-priv.h - what the trace readers share: the names the script
 * gives to the pointers a trace holds, the counts, the messages.
 *
 * A name is bound when the trace hands an address out (malloc returns
 * it, a kmalloc event shows it) and released when the trace gives it
 * back; realloc moves a name to its new address.  Names are never
 * reused: p7 is always the seventh allocation, so a reader can follow
 * one object through the script.  Addresses live in separate spaces
 * (a slab object's pointer and a page's pfn are different numbers).
 */
#ifndef MEMVIZ_IMPORT_IMPORT_PRIV_H
#define MEMVIZ_IMPORT_IMPORT_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "import/import.h"

/* Address spaces of the keys names are bound under. */
enum import_space {
	IMPORT_PTR, /* a pointer: user memory, slab objects */
	IMPORT_PFN, /* a page frame number */
	IMPORT__NSPACES
};

/* A name the script has bound, while the trace holds its memory. */
struct import_binding {
	const char   *prefix;  /* "p", "k", "pg" (static) */
	unsigned long num;     /* p7: 7 */
	uint64_t      bytes;   /* counted toward the peak */
	unsigned      order;   /* pages: the order allocated */
	int	      pending; /* an unfinished realloc holds it */
};

/* Open addressing, linear probing, deletion by backward shift. */
struct import_entry {
	uint64_t	      key;
	int		      used;
	struct import_binding b;
};
struct import_map {
	struct import_entry *v;
	size_t		     n, cap; /* cap a power of two or 0 */
};

/* How a count is reported in the header and the summary. */
enum import_tally_kind {
	TALLY_OP,   /* a statement written: "malloc" */
	TALLY_NOTE, /* understood, not replayed: "free(NULL)" */
	TALLY_SKIP  /* another call or event: "SYS_brk" */
};
struct import_tally {
	char		      *what;
	enum import_tally_kind kind;
	unsigned long	       n;
	unsigned long	       first; /* line of the first one */
};

struct import;

/* One trace format: a row of import.c's table. */
struct import_format {
	const char *name;    /* "ltrace" */
	const char *machine; /* options after ram= ("kernel=6.x") */
	void (*start)(struct import *);
	/* One line, without its newline, never empty; may be changed. */
	void (*line)(struct import *, char *);
	void (*finish)(struct import *);
};

extern const struct import_format import_ltrace;
extern const struct import_format import_ftrace;

struct import {
	const struct import_format *fmt;
	const char		   *file;   /* as given, for messages */
	unsigned long		    lineno; /* of the line being read */
	const char		   *line;   /* its text, as read */
	struct sbuf		    body;   /* the statements not written */
	struct sbuf		    linebuf, copy; /* the line, reused */
	int			    streaming;	   /* the header is written */
	int			    ended;	   /* import_end() ran */
	struct sbuf		   *diag;
	struct import_map	    maps[IMPORT__NSPACES];
	struct {
		const char   *prefix;
		unsigned long next;
	} names[4];
	struct import_tally  *tallies;
	size_t		      ntallies;
	uint64_t	      live, peak; /* bytes the trace holds */
	uint64_t	      refused;	  /* least request the kernel refused */
	struct import_result *res;
	void		     *state; /* the format's own */
};

/* Writes one statement (a line of the script); counts it under what. */
void import_emit(struct import *im, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes `expect ERR` and the statement of a call the traced program
 * saw fail (counted under what); refused, when not 0, is the size the
 * kernel would not map, which bounds the machine's RAM. */
void import_emit_failed(struct import *im, const char *what, const char *err,
    uint64_t refused, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Writes a "# ..." line into the script. */
void import_comment(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reports the current line as not understood. */
void import_not_understood(struct import *im);
/* A message about the current line: "FILE:LINE: TEXT". */
void import_warn(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Counts one more of what (a note or a skipped call); the new count. */
unsigned long import_tally(struct import *im, enum import_tally_kind kind,
    const char *what);
/*
 * A release of an address the trace never handed out: counted,
 * reported on stderr and noted in the script.
 */
void import_unknown_free(struct import *im, const char *call, const char *addr);

/* The name bound to key, or NULL. */
struct import_binding *import_find(struct import *im, enum import_space sp,
    uint64_t key);
/*
 * Binds a fresh name (prefix and the next number) to key.  An address
 * handed out again while still bound is reported and rebound.
 */
struct import_binding *import_bind(struct import *im, enum import_space sp,
    uint64_t key, const char *prefix, uint64_t bytes, unsigned order);
/* Moves b (found under key) to a new key and size: realloc. */
struct import_binding *import_rebind(struct import *im, enum import_space sp,
    uint64_t key, uint64_t newkey, uint64_t bytes);
/* Puts b back under key after a thread's malloc displaced it. */
struct import_binding *import_restore(struct import *im, enum import_space sp,
    uint64_t key, const struct import_binding *b);
/* Releases the name bound to key. */
void import_release(struct import *im, enum import_space sp, uint64_t key);
/* "p7" into buf. */
const char *import_name(const struct import_binding *b, char *buf, size_t len);

/* Cuts trailing spaces off s in place. */
void import_trim(char *s);
/* Parses a whole number, decimal or 0x hex; -1 if s is not one. */
int import_number(const char *s, uint64_t *v);
/* Parses hex digits with or without 0x; -1 if s is not one. */
int import_hex(const char *s, uint64_t *v);

/* The map behind the names (import-map.c). */
struct import_binding *import_map_find(struct import_map *map, uint64_t key);
/* Inserts or replaces; returns the stored binding. */
struct import_binding *import_map_put(struct import_map *map, uint64_t key,
    const struct import_binding *b);
/* Removes key; 0, or -1 when it was not there. */
int  import_map_del(struct import_map *map, uint64_t key);
void import_map_free(struct import_map *map);

#endif
