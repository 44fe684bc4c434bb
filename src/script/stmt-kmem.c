/*
 * stmt-kmem.c - the statements of caches of one's own: kmem_cache_create,
 * kmem_cache_alloc, kmem_cache_zalloc, kmem_cache_free,
 * kmem_cache_destroy, and ksize.
 *
 * A cache is a name bound to the handle kmem_cache_create returned (two
 * names bound to one handle are one merged cache).  As with kfree, the
 * handle and the object go to the machine as they are: a wrong cache, a
 * destroyed one or a double free is the modelled kernel's to report
 * (sim/kernel/slab-common.h), not the interpreter's.
 */
#include "script/script-priv.h"

int
stmt_kmem_cache_create_exec(struct script_interp *ip,
    const struct script_stmt *s, struct script_result *r)
{
	uint64_t size = interp_number(ip, s, 1);
	uint64_t align = s->nargs > 2 ? interp_number(ip, s, 2) : 0;
	uint32_t flags = s->nargs > 3 ? s->args[3].gfp : 0;

	(void)r;
	machine_kmem_cache_create(interp_machine(ip), s->args[0].text, size,
	    align, flags, &ip->step);
	interp_bind(ip, s, BIND_KMEM_CACHE, size, 0);
	return 0;
}

static int
stmt_kmem_alloc_common(struct script_interp *ip, const struct script_stmt *s,
    gfp_t extra)
{
	struct script_binding *c = interp_binding(ip, s, 0);

	if (c == NULL)
		return -1;
	machine_kmem_cache_alloc(interp_machine(ip), c->addr,
	    s->args[1].gfp | extra, &ip->step);
	interp_bind(ip, s, BIND_KMALLOC, ip->step.size, 0);
	return 0;
}

int
stmt_kmem_cache_alloc_exec(struct script_interp *ip,
    const struct script_stmt *s, struct script_result *r)
{
	(void)r;
	return stmt_kmem_alloc_common(ip, s, 0);
}

/* include/linux/slab.h: kmem_cache_zalloc() adds __GFP_ZERO. */
int
stmt_kmem_cache_zalloc_exec(struct script_interp *ip,
    const struct script_stmt *s, struct script_result *r)
{
	(void)r;
	return stmt_kmem_alloc_common(ip, s, ___GFP_ZERO);
}

int
stmt_kmem_cache_free_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *c = interp_binding(ip, s, 0), *b;
	uint64_t	       cache;

	(void)r;
	if (c == NULL)
		return -1;
	cache = c->addr; /* the next lookup may move the bindings */
	if ((b = interp_binding(ip, s, 1)) == NULL)
		return -1;
	machine_kmem_cache_free(interp_machine(ip), cache, b->addr, &ip->step);
	ip->res.name = b->name;
	if (ip->step.status == SIM_OK)
		b->live = 0;
	return 0;
}

int
stmt_kmem_cache_destroy_exec(struct script_interp *ip,
    const struct script_stmt *s, struct script_result *r)
{
	struct script_binding *c = interp_binding(ip, s, 0);

	(void)r;
	if (c == NULL)
		return -1;
	machine_kmem_cache_destroy(interp_machine(ip), c->addr, &ip->step);
	ip->res.name = c->name;
	if (ip->step.status == SIM_OK)
		c->live = 0;
	return 0;
}

int
stmt_ksize_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct script_binding *b = interp_binding(ip, s, 0);

	if (b == NULL)
		return -1;
	r->name = b->name;
	machine_ksize(interp_machine(ip), b->addr, &ip->step);
	return 0;
}
