/*
 * stmt-kernel.c - the kernel allocation statements: kmalloc, kzalloc,
 * kcalloc, kfree, vmalloc, vzalloc, vfree and the page allocator calls.
 *
 * Each one evaluates its arguments, calls the machine's entry point and
 * binds the result.  A free hands the bound address to the machine as
 * it is, live or not and whoever allocated it: deciding that it is a
 * double free or the wrong free function is the modelled kernel's job
 * (mm/slub.c, mm/vmalloc.c, mm/page_alloc.c), not the interpreter's.
 */
#include "script/script-priv.h"

#include <limits.h>

/* The GFP argument at index i. */
static gfp_t
stmt_gfp(const struct script_stmt *s, size_t i)
{
	return s->args[i].gfp;
}

static unsigned
stmt_order(struct script_interp *ip, const struct script_stmt *s, size_t i)
{
	uint64_t v = interp_number(ip, s, i);

	return v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

static int
stmt_kmalloc_common(struct script_interp *ip, const struct script_stmt *s,
    gfp_t extra)
{
	uint64_t size = interp_number(ip, s, 0);

	machine_kmalloc(interp_machine(ip), size, stmt_gfp(s, 1) | extra,
	    &ip->step);
	interp_bind(ip, s, BIND_KMALLOC, size, 0);
	return 0;
}

int
stmt_kmalloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_kmalloc_common(ip, s, 0);
}

/* include/linux/slab.h: kzalloc() is kmalloc() with __GFP_ZERO. */
int
stmt_kzalloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_kmalloc_common(ip, s, ___GFP_ZERO);
}

int
stmt_kcalloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	uint64_t n = interp_number(ip, s, 0), size = interp_number(ip, s, 1);

	(void)r;
	machine_kcalloc(interp_machine(ip), n, size, stmt_gfp(s, 2), &ip->step);
	interp_bind(ip, s, BIND_KMALLOC, n * size, 0);
	return 0;
}

/* Runs a free of the binding named by argument 0, marking it dead. */
static int
stmt_free_common(struct script_interp *ip, const struct script_stmt *s,
    enum sim_status (*fn)(struct machine *, uint64_t, struct step *))
{
	struct script_binding *b = interp_binding(ip, s, 0);

	if (b == NULL)
		return -1;
	fn(interp_machine(ip), b->addr, &ip->step);
	ip->res.name = b->name;
	if (ip->step.status == SIM_OK)
		b->live = 0;
	return 0;
}

int
stmt_kfree_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_free_common(ip, s, machine_kfree);
}

static int
stmt_vmalloc_common(struct script_interp *ip, const struct script_stmt *s,
    gfp_t gfp)
{
	uint64_t size = interp_number(ip, s, 0);

	machine_vmalloc(interp_machine(ip), size, gfp, &ip->step);
	interp_bind(ip, s, BIND_VMALLOC, size, 0);
	return 0;
}

/* mm/vmalloc.c: vmalloc() asks for GFP_KERNEL, vzalloc() adds zeroing. */
int
stmt_vmalloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_vmalloc_common(ip, s, GFP_KERNEL);
}

int
stmt_vzalloc_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_vmalloc_common(ip, s, GFP_KERNEL | ___GFP_ZERO);
}

int
stmt_vfree_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_free_common(ip, s, machine_vfree);
}

int
stmt_get_free_pages_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	unsigned order = stmt_order(ip, s, 1);

	(void)r;
	machine_get_free_pages(interp_machine(ip), stmt_gfp(s, 0), order,
	    &ip->step);
	interp_bind(ip, s, BIND_PAGES, order < 64 ? 4096ull << order : 0,
	    order);
	return 0;
}

int
stmt_alloc_pages_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	unsigned order = stmt_order(ip, s, 1);

	(void)r;
	machine_alloc_pages(interp_machine(ip), stmt_gfp(s, 0), order,
	    &ip->step);
	interp_bind(ip, s, BIND_PAGE, order < 64 ? 4096ull << order : 0, order);
	return 0;
}

static int
stmt_pages_free(struct script_interp *ip, const struct script_stmt *s,
    enum sim_status (*fn)(struct machine *, uint64_t, unsigned, struct step *))
{
	struct script_binding *b = interp_binding(ip, s, 0);

	if (b == NULL)
		return -1;
	fn(interp_machine(ip), b->addr, stmt_order(ip, s, 1), &ip->step);
	ip->res.name = b->name;
	if (ip->step.status == SIM_OK)
		b->live = 0;
	return 0;
}

int
stmt_free_pages_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_pages_free(ip, s, machine_free_pages);
}

int
stmt___free_pages_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	return stmt_pages_free(ip, s, machine___free_pages);
}
