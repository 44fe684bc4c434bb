/*
 * import-ltrace-more.c - the rest of the malloc family in ltrace output:
 * memalign, aligned_alloc, valloc, pvalloc, posix_memalign,
 * reallocarray, malloc_usable_size, malloc_trim and mallopt.
 *
 * ltrace 0.7.3's own ltrace.conf has no prototype for any of them: it
 * then prints six register values, of which the first are the call's
 * (the rest ignored), numbers in decimal or hex.  posix_memalign's block
 * comes back through its first argument, which ltrace shows only with a
 * prototype marking it an output, as tests/import/src/malloc.conf does
 * (ltrace -F /etc/ltrace.conf -F malloc.conf): there the first value
 * is the block.  Without one it is &p, so the call is replayed (it moves
 * the heap) with a fresh name no later free can find.
 *
 * A call that failed is replayed after `expect` (import.c
 * import_emit_failed): glibc did work before failing, and memviz must
 * fail it too.
 */
#include "import/import-ltrace.h"

#include <stdio.h>
#include <string.h>

/* mallopt's parameters by number (malloc.h) and script name. */
static const struct {
	int	    param;
	const char *name;
} ltrace_mallopt_names[] = {
	{ -1, "M_TRIM_THRESHOLD" },
	{ -2, "M_TOP_PAD" },
	{ -3, "M_MMAP_THRESHOLD" },
	{ -4, "M_MMAP_MAX" },
	{ -6, "M_PERTURB" },
	{ -7, "M_ARENA_TEST" },
	{ -8, "M_ARENA_MAX" },
};

/* memalign(A, S), aligned_alloc(A, S), valloc(S), pvalloc(S). */
void
ltrace_aligned(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b;
	char		       name[32], note[32], args[64];
	int		       sized = strcmp(c->name, "memalign") == 0 ||
	    strcmp(c->name, "aligned_alloc") == 0;

	if (sized)
		snprintf(args, sizeof args, "%llu, %llu",
		    (unsigned long long)c->arg[0],
		    (unsigned long long)c->arg[1]);
	else
		snprintf(args, sizeof args, "%llu",
		    (unsigned long long)c->arg[0]);
	if (c->retval == 0) {
		/* EINVAL only for an alignment past SIZE_MAX / 2 + 1. */
		import_emit_failed(im, c->name,
		    sized && c->arg[0] > (UINT64_MAX >> 1) + 1 ? "EINVAL" :
								 "ENOMEM",
		    c->arg[sized ? 1 : 0], "%s(%s)%s", c->name, args,
		    ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE,
		    "aligned allocations returning NULL");
		return;
	}
	b = import_bind(im, IMPORT_PTR, c->retval, "p", c->arg[sized ? 1 : 0],
	    0);
	import_emit(im, c->name, "%s = %s(%s)%s",
	    import_name(b, name, sizeof name), c->name, args,
	    ltrace_pid_note(c, note, sizeof note));
}

void
ltrace_posix_memalign(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b;
	char		       name[32], note[32];
	unsigned long long     a = c->arg[1], s = c->arg[2];

	if (c->retval != 0) {
		/* Its return code, not errno, says why (malloc.c). */
		import_emit_failed(im, "posix_memalign",
		    c->retval == 22 ? "EINVAL" : "ENOMEM",
		    c->retval == 22 ? 0 : s, "posix_memalign(%llu, %llu)%s", a,
		    s, ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE, "posix_memalign failing");
		return;
	}
	if (c->extra) {
		/* No prototype: arg[0] is &p, the block is not known. */
		b = import_bind(im, IMPORT_PTR, 0, "p", s, 0);
		import_name(b, name, sizeof name);
		import_release(im, IMPORT_PTR, 0);
		import_emit(im, "posix_memalign",
		    "%s = posix_memalign(%llu, %llu)  # ltrace printed &p, "
		    "not the block%s",
		    name, a, s, ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE,
		    "posix_memalign blocks not known "
		    "(no prototype: see malloc.conf)");
		return;
	}
	b = import_bind(im, IMPORT_PTR, c->arg[0], "p", s, 0);
	import_emit(im, "posix_memalign", "%s = posix_memalign(%llu, %llu)%s",
	    import_name(b, name, sizeof name), a, s,
	    ltrace_pid_note(c, note, sizeof note));
}

/* reallocarray(NULL, n, size), or of a pointer never seen. */
static void
ltrace_reallocarray_new(struct import *im, struct ltrace_call *c,
    const char *why)
{
	struct import_binding *b;
	char		       name[32], note[32];

	b = import_bind(im, IMPORT_PTR, c->retval, "p", c->arg[1] * c->arg[2],
	    0);
	import_emit(im, "reallocarray",
	    "%s = reallocarray(NULL, %llu, %llu)%s%s",
	    import_name(b, name, sizeof name), (unsigned long long)c->arg[1],
	    (unsigned long long)c->arg[2], why,
	    ltrace_pid_note(c, note, sizeof note));
}

/* As realloc: the name follows the block; n * size == 0 frees it. */
void
ltrace_reallocarray(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b = NULL;
	char		       name[32], note[32], addr[64];
	int		       zero = c->arg[1] == 0 || c->arg[2] == 0;

	if (c->arg[0] != 0 && (b = ltrace_realloc_binding(im, c)) == NULL) {
		snprintf(addr, sizeof addr, "0x%llx, %llu, %llu",
		    (unsigned long long)c->arg[0],
		    (unsigned long long)c->arg[1],
		    (unsigned long long)c->arg[2]);
		import_unknown_free(im, "reallocarray", addr);
	}
	if (c->retval == 0 && !(zero && b != NULL)) {
		if (b != NULL)
			b->pending = 0;
		import_emit_failed(im, "reallocarray", "ENOMEM",
		    ltrace_product(c->arg[1], c->arg[2]),
		    "reallocarray(%s, %llu, %llu)%s",
		    b != NULL ? import_name(b, name, sizeof name) : "NULL",
		    (unsigned long long)c->arg[1],
		    (unsigned long long)c->arg[2],
		    ltrace_pid_note(c, note, sizeof note));
		import_tally(im, TALLY_NOTE, "reallocarray returning NULL");
		return;
	}
	if (b == NULL) {
		ltrace_reallocarray_new(im, c,
		    c->arg[0] != 0 ? "  # of a pointer never seen" : "");
		return;
	}
	import_name(b, name, sizeof name);
	if (c->retval == 0)
		import_release(im, IMPORT_PTR, c->arg[0]);
	else if (import_find(im, IMPORT_PTR, c->arg[0]) == b)
		import_rebind(im, IMPORT_PTR, c->arg[0], c->retval,
		    c->arg[1] * c->arg[2]);
	import_emit(im, "reallocarray", "%s = reallocarray(%s, %llu, %llu)%s",
	    name, name, (unsigned long long)c->arg[1],
	    (unsigned long long)c->arg[2],
	    ltrace_pid_note(c, note, sizeof note));
}

void
ltrace_usable_size(struct import *im, struct ltrace_call *c)
{
	struct import_binding *b = import_find(im, IMPORT_PTR, c->arg[0]);
	char		       name[32], note[32];

	if (b == NULL) {
		import_tally(im, TALLY_NOTE,
		    "malloc_usable_size of a pointer never seen");
		return;
	}
	import_emit(im, "malloc_usable_size", "malloc_usable_size(%s)%s",
	    import_name(b, name, sizeof name),
	    ltrace_pid_note(c, note, sizeof note));
}

void
ltrace_trim(struct import *im, struct ltrace_call *c)
{
	char note[32];

	import_emit(im, "malloc_trim", "malloc_trim(%llu)%s",
	    (unsigned long long)c->arg[0],
	    ltrace_pid_note(c, note, sizeof note));
}

/* The parameter is an int: without a prototype ltrace shows it as a
 * 32-bit hex number (0xfffffffd for M_MMAP_THRESHOLD). */
void
ltrace_mallopt(struct import *im, struct ltrace_call *c)
{
	int  param = (int)(uint32_t)c->arg[0], value = (int)(uint32_t)c->arg[1];
	char note[32];
	size_t i;

	for (i = 0;
	     i < sizeof ltrace_mallopt_names / sizeof *ltrace_mallopt_names;
	     i++) {
		if (ltrace_mallopt_names[i].param != param)
			continue;
		import_emit(im, "mallopt", "mallopt(%s, %d)%s",
		    ltrace_mallopt_names[i].name, value,
		    ltrace_pid_note(c, note, sizeof note));
		return;
	}
	import_comment(im,
	    "line %lu: mallopt(%d, %d): a parameter memviz does "
	    "not model",
	    im->lineno, param, value);
	import_tally(im, TALLY_NOTE, "mallopt of other parameters");
}
