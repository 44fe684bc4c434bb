// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_percpu - what the per-CPU allocator state does when memory is
 * allocated on one CPU and freed on another, and where GFP_ATOMIC and
 * GFP_NOWAIT give up.  Boot with SMP=2.  One "result KEY VALUE" line per
 * relation (addresses change from boot to boot, relations do not).
 *
 * Every step runs on a chosen CPU through work_on_cpu(), whose worker is
 * bound to that CPU, so smp_processor_id() in the step is the CPU named.
 *
 *  page.*   order-0 pages: allocated on CPU 0, freed on CPU 1 (they go to
 *           CPU 1's per-CPU list, free_unref_page()), then allocated on
 *           each CPU.  Only relations that hold whatever boot left on the
 *           lists are asked: a page freed on CPU 1 is at the head of CPU
 *           1's list (a drain above pcp->high takes the tail), so CPU 1's
 *           next allocation gets it and CPU 0's cannot.  The pages are
 *           GFP_HIGHUSER_MOVABLE: a page goes back to the list of its
 *           pageblock's migratetype, and with GFP_KERNEL a page taken
 *           from a movable block by fallback went to another list than
 *           the one CPU 1 allocates from (6.1 gave 0 here once); at boot
 *           nearly every pageblock is movable, so movable pages come from
 *           blocks of their own type whatever boot did.
 *  slab.*   a cache of our own (kmem_cache_create with a constructor, so
 *           it is never merged with a kmalloc cache and starts with no
 *           slab at all: no boot history).  An object freed on CPU 1 from
 *           CPU 0's active slab goes to the slab's own freelist
 *           (__slab_free), not CPU 0's lockless one, so CPU 0 sees it again
 *           only once its CPU freelist is used up; the first free into a
 *           full slab puts the slab on the freeing CPU's partial list
 *           (put_cpu_partial), where that CPU's next allocation finds it.
 *  gfp.*    order-0 pages with GFP_ATOMIC, then GFP_NOWAIT, until the first
 *           failure; the free pages of each zone at that moment against
 *           its min and low watermarks (per mille of min).  Run after the
 *           other sets, each flag on a machine where everything taken
 *           before was given back.
 *
 * The module stays loaded (no exit function); the guest powers off after.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <linux/cpumask.h>
#include <linux/list.h>

#define TAG "memviz-probe: "
#define RESULT(key, fmt, ...) pr_info(TAG "result " key " " fmt "\n", ##__VA_ARGS__)

#define OBJ_SIZE 256
#define MAX_OBJS 128

static struct kmem_cache *pc_cache;

/* One request to a CPU: what to do, and the object or page it concerns. */
struct pc_req {
	int op;
	void *obj;
	struct page *page;
};

enum { OP_PAGE_ALLOC, OP_PAGE_FREE, OP_OBJ_ALLOC, OP_OBJ_FREE };

static long pc_do(void *arg)
{
	struct pc_req *r = arg;

	switch (r->op) {
	case OP_PAGE_ALLOC:
		r->page = alloc_page(GFP_HIGHUSER_MOVABLE);
		break;
	case OP_PAGE_FREE:
		__free_page(r->page);
		break;
	case OP_OBJ_ALLOC:
		r->obj = kmem_cache_alloc(pc_cache, GFP_KERNEL);
		break;
	case OP_OBJ_FREE:
		kmem_cache_free(pc_cache, r->obj);
		break;
	}
	return raw_smp_processor_id();
}

/* Runs one request on cpu; complains when the worker ran elsewhere. */
static void on_cpu(int cpu, struct pc_req *r)
{
	long ran = work_on_cpu(cpu, pc_do, r);

	if (ran != cpu)
		pr_info(TAG "info op %d asked on cpu %d ran on %ld\n", r->op, cpu, ran);
}

static struct page *page_on(int cpu)
{
	struct pc_req r = { .op = OP_PAGE_ALLOC };

	on_cpu(cpu, &r);
	return r.page;
}

static void page_free_on(int cpu, struct page *p)
{
	struct pc_req r = { .op = OP_PAGE_FREE, .page = p };

	on_cpu(cpu, &r);
}

static void *obj_on(int cpu)
{
	struct pc_req r = { .op = OP_OBJ_ALLOC };

	on_cpu(cpu, &r);
	return r.obj;
}

static void obj_free_on(int cpu, void *o)
{
	struct pc_req r = { .op = OP_OBJ_FREE, .obj = o };

	on_cpu(cpu, &r);
}

static void probe_pages(void)
{
	struct page *a, *b, *x, *y;

	/* A page freed on CPU 1 waits on CPU 1's list. */
	a = page_on(0);
	page_free_on(1, a);
	x = page_on(0);
	y = page_on(1);
	RESULT("page.remote.cpu0_next_is_it", "%d", x == a);
	RESULT("page.remote.cpu1_next_is_it", "%d", y == a);
	page_free_on(0, x);
	page_free_on(1, y);
	/* Two pages freed on CPU 1 come back to CPU 1 last-in first-out. */
	a = page_on(0);
	b = page_on(0);
	page_free_on(1, a);
	page_free_on(1, b);
	x = page_on(1);
	y = page_on(1);
	RESULT("page.lifo.cpu1_first_is_last_freed", "%d", x == b);
	RESULT("page.lifo.cpu1_second_is_first_freed", "%d", y == a);
	page_free_on(1, x);
	page_free_on(1, y);
}

static void pc_ctor(void *p)
{
}

static struct page *slab_of(const void *o)
{
	return virt_to_head_page(o);
}

/*
 * CPU 0 allocates until it leaves slab s0: how many objects s0 gave, and
 * the position (1-based) at which `want` came back, 0 if it did not.  The
 * first object of the next slab is left in *next.
 */
static int drain_slab(struct page *s0, void *want, int *pos, void **next)
{
	int n = 0;

	*pos = 0;
	for (;;) {
		void *o = obj_on(0);

		if (!o || slab_of(o) != s0 || n >= MAX_OBJS) {
			*next = o;
			return n;
		}
		n++;
		if (o == want)
			*pos = n;
	}
}

static void probe_slab(void)
{
	void *a0, *b, *c, *y, *z0, *z1, *w, *w2;
	struct page *s0;
	int n, pos;

	pc_cache = kmem_cache_create("memviz_percpu", OBJ_SIZE, 0, 0, pc_ctor);
	if (!pc_cache)
		return;
	/* A fresh cache: CPU 0's first allocation makes its CPU slab s0. */
	a0 = obj_on(0);
	b = obj_on(0);
	s0 = slab_of(a0);
	RESULT("slab.fresh.same_slab", "%d", slab_of(b) == s0);
	obj_free_on(1, a0); /* remote free: to s0's own freelist */
	c = obj_on(0);
	RESULT("slab.remote.cpu0_next_is_it", "%d", c == a0);
	RESULT("slab.remote.cpu0_next_same_slab", "%d", slab_of(c) == s0);
	/* CPU 0 empties its lockless freelist, then takes s0's. */
	n = drain_slab(s0, a0, &pos, &y);
	RESULT("slab.remote.back_at_last_of_slab", "%d", pos > 0 && pos == n);
	pr_info(TAG "info slab objects %d, a0 back at %d of %d\n", n + 2, pos, n);
	/* s0 is full and off every list; y is on CPU 0's new slab.  The
	 * first free into a full slab puts it on the freeing CPU's partial
	 * list (put_cpu_partial). */
	obj_free_on(1, b);
	z0 = obj_on(0);
	z1 = obj_on(1);
	RESULT("slab.cpu_partial.cpu0_next_is_it", "%d", z0 == b);
	RESULT("slab.cpu_partial.cpu1_next_is_it", "%d", z1 == b);
	/* s0 is now CPU 1's slab: a free on CPU 0 is remote again. */
	obj_free_on(0, c);
	w = obj_on(1);
	RESULT("slab.remote1.cpu1_next_is_it", "%d", w == c);
	/* A local free comes straight back (the lockless freelist). */
	w2 = obj_on(0);
	obj_free_on(0, w2);
	RESULT("slab.local.lifo", "%d", obj_on(0) == w2);
	(void)y;
}

struct gfp_page_list {
	struct list_head head;
	unsigned long n;
};

static void gfp_free_all(struct gfp_page_list *l)
{
	struct page *p, *t;

	list_for_each_entry_safe(p, t, &l->head, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	l->n = 0;
}

/* The zones' free pages against min and low when `gfp` first fails. */
static void probe_gfp(const char *name, gfp_t gfp)
{
	struct gfp_page_list l = { .n = 0 };
	struct pglist_data *pgdat = NULL;
	struct zone *z;
	struct page *p;

	INIT_LIST_HEAD(&l.head);
	while ((p = alloc_page(gfp | __GFP_NOWARN)) != NULL) {
		pgdat = page_pgdat(p);
		list_add(&p->lru, &l.head);
		l.n++;
	}
	if (!pgdat)
		return;
	/* for_each_populated_zone() needs symbols modules do not get */
	for (z = pgdat->node_zones; z < pgdat->node_zones + MAX_NR_ZONES; z++) {
		unsigned long fr = zone_page_state(z, NR_FREE_PAGES);
		/* min_wmark_pages() adds watermark_boost, which steals of
		 * other migratetypes' pageblocks raise during the loop;
		 * __GFP_HIGH order-0 allocations ignore the boost
		 * (zone_watermark_fast), others do not */
		unsigned long raw = z->_watermark[WMARK_MIN];
		unsigned long mn = min_wmark_pages(z);

		if (!populated_zone(z))
			continue;
		pr_info(TAG "result gfp.%s.%s.below_min %d\n", name, z->name, fr < raw);
		pr_info(TAG "result gfp.%s.%s.below_boosted_min %d\n", name, z->name, fr < mn);
		pr_info(TAG "result gfp.%s.%s.below_3_8_min %d\n", name, z->name,
			fr * 8 < raw * 3);
		pr_info(TAG "info gfp %s %s free %lu min %lu boost %lu low %lu got %lu\n",
			name, z->name, fr, raw, z->watermark_boost,
			z->_watermark[WMARK_LOW], l.n);
	}
	gfp_free_all(&l);
}

static int __init memviz_percpu_init(void)
{
	pr_info(TAG "begin\n");
	if (num_online_cpus() < 2 || !cpu_online(1)) {
		RESULT("smp", "%d", 0);
		return 0;
	}
	RESULT("smp", "%d", 1);
	probe_pages();
	probe_slab();
	probe_gfp("atomic", GFP_ATOMIC);
	probe_gfp("nowait", GFP_NOWAIT);
	pr_info(TAG "end\n");
	return 0;
}

module_init(memviz_percpu_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: per-CPU page lists, SLUB per-CPU slabs, GFP_ATOMIC/NOWAIT limits");
