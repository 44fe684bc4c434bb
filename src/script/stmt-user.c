/*
 * stmt-user.c - the user-space statements (malloc, calloc, realloc,
 * free) and the memory accesses (write, read) that make demand paging
 * and stale contents visible.
 *
 * realloc keeps the C meaning: NAME = realloc(OLD, SIZE) binds NAME to
 * the result; when the block moved, OLD's memory was freed by glibc, so
 * OLD is marked not live.  A write or read goes to the bound address
 * plus the offset whether or not the name is live: a use after free is
 * something the machine shows, not something the script refuses.
 *
 * The rest of glibc's malloc API reads like its C calls: the aligned
 * allocators and reallocarray assign as malloc and realloc do;
 * posix_memalign(&p, ALIGN, SIZE) is written p = posix_memalign(ALIGN,
 * SIZE), its non-zero return code the step's failure; the calls that
 * return a number (malloc_usable_size, malloc_trim, mallopt) print it.
 */
#include "script/script-priv.h"
#include "sim/user/umalloc.h"

#include <string.h>

int
stmt_malloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	uint64_t size = interp_number(ip, s, 0);

	(void)r;
	machine_malloc(interp_machine(ip), size, &ip->step);
	interp_bind(ip, s, BIND_MALLOC, size, 0);
	return 0;
}

int
stmt_calloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	uint64_t n = interp_number(ip, s, 0), size = interp_number(ip, s, 1);

	(void)r;
	machine_calloc(interp_machine(ip), n, size, &ip->step);
	interp_bind(ip, s, BIND_MALLOC, n * size, 0);
	return 0;
}

int
stmt_realloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *old = interp_binding(ip, s, 0);
	uint64_t	       size = interp_number(ip, s, 1), oldaddr;

	(void)r;
	if (old == NULL)
		return -1;
	oldaddr = old->addr;
	machine_realloc(interp_machine(ip), oldaddr, size, &ip->step);
	/* realloc(p, 0) frees p and may return NULL; a move frees p too. */
	if (ip->step.status == SIM_OK && ip->step.addr != oldaddr)
		old->live = 0;
	interp_bind(ip, s, BIND_MALLOC, size, 0);
	return 0;
}

int
stmt_free_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *b = interp_binding(ip, s, 0);

	(void)r;
	if (b == NULL)
		return -1;
	machine_free(interp_machine(ip), b->addr, &ip->step);
	ip->res.name = b->name;
	if (ip->step.status == SIM_OK)
		b->live = 0;
	return 0;
}

int
stmt_write_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *b = interp_binding(ip, s, 0);
	uint64_t off = interp_number(ip, s, 1), len = interp_number(ip, s, 2);
	const char *text = s->nargs > 3 ? s->args[3].text : NULL;

	if (b == NULL)
		return -1;
	r->name = b->name;
	/* a string's length is its own: "\0" and "\x00" are bytes too */
	machine_write(interp_machine(ip), b->addr + off, len, text,
	    text != NULL ? (size_t)s->args[3].number : 0, &ip->step);
	return 0;
}

/* The first bytes read are shown in hex and as text: stale data or zeroes. */
#define STMT_READ_SHOW 16

int
stmt_read_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *b = interp_binding(ip, s, 0);
	uint64_t off = interp_number(ip, s, 1), len = interp_number(ip, s, 2);
	unsigned char buf[STMT_READ_SHOW];
	size_t i, n = len < STMT_READ_SHOW ? (size_t)len : STMT_READ_SHOW;

	if (b == NULL)
		return -1;
	r->name = b->name;
	machine_read(interp_machine(ip), b->addr + off, len, buf, sizeof buf,
	    &ip->step);
	if (ip->step.status != SIM_OK)
		return 0;
	for (i = 0; i < n; i++)
		sbuf_printf(&ip->text, "%s%02x", i ? " " : "", buf[i]);
	/* The same bytes as text, as hexdump -C prints them: a key or a
	 * string left behind is read at once, not decoded from hex. */
	sbuf_puts(&ip->text, " |");
	for (i = 0; i < n; i++)
		sbuf_putc(&ip->text,
		    buf[i] >= 0x20 && buf[i] < 0x7f ? (char)buf[i] : '.');
	sbuf_putc(&ip->text, '|');
	r->arg = sbuf_str(&ip->text);
	return 0;
}

/* The aligned allocators: NAME = call([ALIGN, ]SIZE). */
static int
stmt_aligned(struct script_interp *ip, const struct script_stmt *s,
    enum umalloc_align_call call)
{
	int	 sized = s->nargs > 1;
	uint64_t align = sized ? interp_number(ip, s, 0) : 0,
		 size = interp_number(ip, s, sized ? 1 : 0);

	machine_memalign(interp_machine(ip), (int)call, align, size, &ip->step);
	interp_bind(ip, s, BIND_MALLOC, size, 0);
	return 0;
}

int
stmt_memalign_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_aligned(ip, s, UMALLOC_MEMALIGN);
}

int
stmt_aligned_alloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_aligned(ip, s, UMALLOC_ALIGNED_ALLOC);
}

/* posix_memalign(&NAME, ALIGN, SIZE) written as an assignment: NAME is
 * bound only when the call returned 0 (C leaves *memptr alone). */
int
stmt_posix_memalign_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_aligned(ip, s, UMALLOC_POSIX_MEMALIGN);
}

int
stmt_valloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_aligned(ip, s, UMALLOC_VALLOC);
}

int
stmt_pvalloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_aligned(ip, s, UMALLOC_PVALLOC);
}

/* As realloc: the old name stops being live when the block moved. */
int
stmt_reallocarray_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *old = interp_binding(ip, s, 0);
	uint64_t n = interp_number(ip, s, 1), size = interp_number(ip, s, 2);
	uint64_t oldaddr;

	(void)r;
	if (old == NULL)
		return -1;
	oldaddr = old->addr;
	machine_reallocarray(interp_machine(ip), oldaddr, n, size, &ip->step);
	if (ip->step.status == SIM_OK && ip->step.addr != oldaddr)
		old->live = 0;
	interp_bind(ip, s, BIND_MALLOC, n * size, 0);
	return 0;
}

int
stmt_malloc_usable_size_exec(struct script_interp *ip,
    const struct script_stmt *s, struct script_result *r)
{
	struct script_binding *b = interp_binding(ip, s, 0);

	if (b == NULL)
		return -1;
	r->name = b->name;
	machine_malloc_usable_size(interp_machine(ip), b->addr, &ip->step);
	return 0;
}

int
stmt_malloc_trim_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	machine_malloc_trim(interp_machine(ip), interp_number(ip, s, 0),
	    &ip->step);
	return 0;
}

int
stmt_mallopt_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	const char *name = s->args[0].text;
	size_t	    i;

	(void)r;
	for (i = 0; script_mallopt_names[i] != NULL; i++) {
		if (strcmp(script_mallopt_names[i], name) == 0)
			break;
	}
	if (script_mallopt_names[i] == NULL)
		return -1;
	machine_mallopt(interp_machine(ip), script_mallopt_params[i],
	    (int)interp_number(ip, s, 1), &ip->step);
	return 0;
}
