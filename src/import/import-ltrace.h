/*
 * import-ltrace.h - what import-ltrace.c (the line parser and malloc,
 * calloc, realloc, free) shares with import-ltrace-more.c (the rest of
 * the malloc family).
 */
#ifndef MEMVIZ_IMPORT_LTRACE_H
#define MEMVIZ_IMPORT_LTRACE_H

#include "import/import-priv.h"

#define LTRACE_MAXARGS 3

/* A call printed "<unfinished ...>", waiting for its "resumed" line. */
struct ltrace_pending {
	long		      pid;
	char		     *name;
	char		     *args; /* the text after '(' */
	unsigned long	      line;
	int		      done;  /* a free already replayed */
	uint64_t	      key;   /* realloc: the old pointer */
	struct import_binding saved; /* realloc: its name, if bound */
	int		      bound;
	unsigned	      dtv; /* pthread_create: its calloc's slots */
};

#define LTRACE_THREADS 64
#define LTRACE_DTV     17 /* memviz's DTV slots unless told */
#define LTRACE_GONE    64
struct ltrace_state {
	struct ltrace_pending *v;
	size_t		       n;
	long	 tpid[LTRACE_THREADS]; /* thread i's pid, 0 free */
	unsigned ntids, cur;	       /* threads seen, running */
	long	 gone[LTRACE_GONE];    /* pids that ended */
	unsigned ngone;
	int	 ended[LTRACE_THREADS]; /* ended, not joined yet */
};

/* One call, split into its parts. */
struct ltrace_call {
	long			     pid; /* -1 without a pid prefix */
	const char		    *name;
	char			    *args;
	const char		    *ret; /* NULL while unfinished */
	uint64_t		     arg[LTRACE_MAXARGS];
	int			     extra; /* more values than the call takes:
					       ltrace had no prototype */
	uint64_t		     retval;
	const struct ltrace_pending *pd; /* its unfinished half, or NULL */
};

/* "  # pid 17309" after a statement of a traced pid, else "". */
const char *ltrace_pid_note(const struct ltrace_call *c, char *buf, size_t len);
/* n * size, or 0 when it overflows (glibc fails that with no mapping). */
uint64_t ltrace_product(uint64_t n, uint64_t size);
/* A realloc's name: as bound at its call, even if displaced since. */
struct import_binding *ltrace_realloc_binding(struct import *im,
    struct ltrace_call					    *c);

/* import-ltrace-more.c */
void ltrace_aligned(struct import *im, struct ltrace_call *c);
void ltrace_posix_memalign(struct import *im, struct ltrace_call *c);
void ltrace_reallocarray(struct import *im, struct ltrace_call *c);
void ltrace_usable_size(struct import *im, struct ltrace_call *c);
void ltrace_trim(struct import *im, struct ltrace_call *c);
void ltrace_mallopt(struct import *im, struct ltrace_call *c);
/* import-ltrace.c: malloc-log.so's thread lines */
void ltrace_pthread_create(struct import *im, struct ltrace_call *c);
void ltrace_pthread_join(struct import *im, struct ltrace_call *c);

#endif
