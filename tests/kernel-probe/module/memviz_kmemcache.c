// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_kmemcache - slab caches of a module's own, for memviz's model of
 * mm/slab_common.c and mm/slub.c's cache creation to compare with.  One
 * "result KEY VALUE" line each, relations and sizes only (no addresses):
 *
 *  cache.NAME   for every cache created (size, align, flags below): which
 *               earlier cache of this module it is (pointer equality: the
 *               kernel merged it, __kmem_cache_alias), or kmalloc-N, or
 *               itself; and the geometry of the cache it resolves to, as
 *               /sys/kernel/slab/NAME/ shows it (a merged name is a link
 *               to its target): object_size slab_size align objs_per_slab
 *               order aliases
 *  ksize.NAME   ksize() of an object from the cache (and of kmalloc(100))
 *  order.*      the slot index of each object from a fresh cache's first
 *               slab: ascending, or a permutation (freelist randomisation)
 *  wrongfree    kmem_cache_free() on a cache the object is not from
 *  destroy      kmem_cache_destroy() of a cache that still has objects
 *  log          the kernel's own lines those two printed, copied from the
 *               log buffer (kmsg_dump_get_line), addresses left as printed
 *
 * Caches and objects are leaked on purpose; the guest powers off next.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/kmsg_dump.h>
#include <linux/string.h>

#define TAG "memviz-probe: "
#define RESULT(key, fmt, ...) pr_info(TAG "result " key " " fmt "\n", ##__VA_ARGS__)

struct probe_cache {
	const char *name;
	unsigned int size, align;
	slab_flags_t flags;
	struct kmem_cache *s;
};

/* Sizes chosen for the merge rules of find_mergeable(). */
static struct probe_cache caches[] = {
	{ "mvz_a64", 64, 0, 0 },
	{ "mvz_b60", 60, 0, 0 },
	{ "mvz_c64acct", 64, 0, SLAB_ACCOUNT },
	{ "mvz_d64hw", 64, 0, SLAB_HWCACHE_ALIGN },
	{ "mvz_e56", 56, 0, 0 },
	{ "mvz_f64al32", 64, 32, 0 },
	{ "mvz_g48al64", 48, 64, 0 },
	{ "mvz_h64rcu", 64, 0, SLAB_TYPESAFE_BY_RCU },
	{ "mvz_i64", 64, 0, 0 },
	{ "mvz_j100", 100, 0, 0 },
	{ "mvz_k100hw", 100, 0, SLAB_HWCACHE_ALIGN },
	{ "mvz_l104", 104, 0, 0 },
	{ "mvz_m96rcl", 96, 0, SLAB_RECLAIM_ACCOUNT },
	{ "mvz_n20hw", 20, 0, SLAB_HWCACHE_ALIGN },
	{ "mvz_o24", 24, 0, 0 },
	{ "mvz_p700", 700, 0, 0 },
	{ "mvz_q3000", 3000, 0, 0 },
	{ "mvz_r200rcu", 200, 0, SLAB_TYPESAFE_BY_RCU },
};

/* One number from /sys/kernel/slab/NAME/FILE, or -1. */
static long sysfs_num(const char *name, const char *file)
{
	char path[96], buf[32];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	long v;

	snprintf(path, sizeof path, "/sys/kernel/slab/%s/%s", name, file);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return -1;
	n = kernel_read(f, buf, sizeof buf - 1, &pos);
	filp_close(f, NULL);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (kstrtol(strim(buf), 10, &v))
		return -1;
	return v;
}

/* Which earlier cache (or kmalloc cache) s is, by pointer. */
static const char *same_as(int i)
{
	static char buf[24];
	int j;

	for (j = 0; j < i; j++)
		if (caches[j].s == caches[i].s)
			return caches[j].name;
	for (j = 3; j <= 13; j++)
		if (kmalloc_caches[KMALLOC_NORMAL][j] == caches[i].s) {
			snprintf(buf, sizeof buf, "kmalloc-%u", 1u << j);
			return buf;
		}
	for (j = 1; j <= 2; j++)
		if (kmalloc_caches[KMALLOC_NORMAL][j] == caches[i].s)
			return j == 1 ? "kmalloc-96" : "kmalloc-192";
	return "self";
}

static void probe_create(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(caches); i++) {
		struct probe_cache *c = &caches[i];
		void *o;

		c->s = kmem_cache_create(c->name, c->size, c->align, c->flags,
					 NULL);
		if (!c->s) {
			pr_info(TAG "result cache.%s failed\n", c->name);
			continue;
		}
		pr_info(TAG "result cache.%s size=%u align=%u flags=%#lx same_as=%s"
			" object_size=%ld slab_size=%ld align_now=%ld"
			" objs_per_slab=%ld order=%ld aliases=%ld\n",
			c->name, c->size, c->align, (unsigned long)c->flags,
			same_as(i), sysfs_num(c->name, "object_size"),
			sysfs_num(c->name, "slab_size"),
			sysfs_num(c->name, "align"),
			sysfs_num(c->name, "objs_per_slab"),
			sysfs_num(c->name, "order"),
			sysfs_num(c->name, "aliases"));
		o = kmem_cache_alloc(c->s, GFP_KERNEL);
		if (o)
			pr_info(TAG "result ksize.%s %zu\n", c->name, ksize(o));
	}
	{
		void *k = kmalloc(100, GFP_KERNEL);

		if (k)
			RESULT("ksize.kmalloc100", "%zu", ksize(k));
	}
}

/* The slot of each object handed out from a fresh cache's first slab. */
static void probe_order(void)
{
	struct kmem_cache *s;
	unsigned int size, n, i, asc = 1;
	char line[512];
	int len = 0;
	void *obj[64];
	void *base = NULL;

	s = kmem_cache_create("mvz_order", 256, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	if (!s)
		return;
	size = sysfs_num("mvz_order", "slab_size");
	n = sysfs_num("mvz_order", "objs_per_slab");
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++) {
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!obj[i])
			return;
		if (i == 0)
			base = page_address(virt_to_head_page(obj[0]));
		if (page_address(virt_to_head_page(obj[i])) != base)
			break;
		{
			unsigned int idx = (obj[i] - base) / size;

			if (i > 0 && idx != ((obj[i - 1] - base) / size) + 1)
				asc = 0;
			len += scnprintf(line + len, sizeof line - len, "%s%u",
					 i ? "," : "", idx);
		}
	}
	RESULT("order.slots", "%s", line);
	RESULT("order.ascending", "%s", asc ? "yes" : "no");
	RESULT("order.count", "%u of %u", i, n);
}

static void probe_misuse(void)
{
	struct kmem_cache *a, *b;
	void *x, *y;

	a = kmem_cache_create("mvz_wrong_a", 300, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	b = kmem_cache_create("mvz_wrong_b", 500, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	if (!a || !b)
		return;
	x = kmem_cache_alloc(a, GFP_KERNEL);
	y = kmem_cache_alloc(a, GFP_KERNEL);
	if (!x || !y)
		return;
	pr_info(TAG "result wrongfree begin\n");
	kmem_cache_free(b, x);
	pr_info(TAG "result wrongfree end\n");
	/* was x freed into a (cache_from_obj returns the object's cache)? */
	{
		void *z = kmem_cache_alloc(a, GFP_KERNEL);

		RESULT("wrongfree.reused", "%s", z == x ? "yes" : "no");
	}
	pr_info(TAG "result destroy begin\n");
	kmem_cache_destroy(a);
	pr_info(TAG "result destroy end\n");
	RESULT("destroy.sysfs_left", "%s",
	       sysfs_num("mvz_wrong_a", "object_size") >= 0 ? "yes" : "no");
}

/* The kernel's lines between our begin and end markers, copied. */
static void copy_log(void)
{
	static struct kmsg_dump_iter iter;
	static char line[256];
	size_t len;
	int on = 0;

	kmsg_dump_rewind(&iter);
	while (kmsg_dump_get_line(&iter, false, line, sizeof line - 1, &len)) {
		line[len] = '\0';
		strim(line);
		if (strstr(line, "result wrongfree begin") ||
		    strstr(line, "result destroy begin"))
			on = 1;
		else if (strstr(line, "result wrongfree end") ||
			 strstr(line, "result destroy end"))
			on = 0;
		else if (on && !strstr(line, TAG))
			pr_info(TAG "log %s\n", line);
	}
}

static int __init memviz_kmemcache_init(void)
{
	probe_create();
	probe_order();
	probe_misuse();
	copy_log();
	return 0;
}

module_init(memviz_kmemcache_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: kmem_cache creation, merging and misuse probes");
