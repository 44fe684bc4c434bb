// SPDX-License-Identifier: GPL-2.0
/*
 * memviz_probe - run allocator experiments right after boot and print what
 * the kernel did, one "result KEY VALUE" line each, for memviz's check
 * suites to compare with its model.  Addresses change from boot to boot, so
 * every result is a relation (same object, zeroed or stale, a permutation,
 * a rotation), never an address.
 *
 * Experiments:
 *  reuse   kmalloc(128), fill, kfree, kmalloc(128): same object? which of
 *          its bytes are still the pattern, zero, or something else (the
 *          SLUB free pointer)?  The same for kzalloc and for one page
 *          (alloc_page, fill, __free_page, alloc_page).
 *  order   the index within its slab of each object handed out from fresh
 *          slabs of kmalloc-1k: ascending, or a permutation; and is every
 *          later fresh slab's order a rotation of the first one's?
 *  freeptr the bytes SLUB stores in a freed object compared with the real
 *          next free object: with CONFIG_SLAB_FREELIST_HARDENED it stores
 *          ptr ^ s->random ^ swab(address of the pointer) (mm/slub.c,
 *          freelist_ptr / freelist_ptr_encode), so stored ^ next ^
 *          swab(addr) is one constant for the whole cache.
 *  pcp     the per-CPU page lists (mm/page_alloc.c rmqueue_pcplist,
 *          free_unref_page): 64 single pages allocated (are their pfns
 *          consecutive and ascending, as rmqueue_bulk fills the list?),
 *          freed in order and allocated again (exactly reversed?); the
 *          same for two order-3 blocks; the pfns of a 16-page vmalloc,
 *          vfree'd and vmalloc'd again (alloc_pages_bulk: reversed, at a
 *          new address?).
 *
 * The module stays loaded (it has no exit function): busybox's insmod would
 * load it a second time if init failed.  The objects it keeps are leaked on
 * purpose; the guest powers off right after.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/swab.h>
#include <linux/vmalloc.h>

#define TAG "memviz-probe: "
#define RESULT(key, fmt, ...) pr_info(TAG "result " key " " fmt "\n", ##__VA_ARGS__)

#define PAT 0xab
#define ORDER_SIZE 1024
#define ORDER_COUNT 320
#define MAX_SLAB_OBJS 64
#define MAX_SLABS 16

/* Counts of pattern, zero and other bytes, and where the others lie. */
static void classify(const char *what, const u8 *p, size_t n, u8 pat)
{
	size_t i, npat = 0, nzero = 0, nother = 0;
	long first = -1, last = -1;

	for (i = 0; i < n; i++) {
		if (p[i] == pat) {
			npat++;
			continue;
		}
		if (p[i] == 0)
			nzero++;
		else
			nother++;
		if (first < 0)
			first = i;
		last = i;
	}
	pr_info(TAG "result %s pattern=%zu zero=%zu other=%zu nonpattern=[%ld,%ld]\n",
		what, npat, nzero, nother, first, last + 1);
}

static void probe_kmalloc_reuse(void)
{
	u8 *p, *q;

	p = kmalloc(128, GFP_KERNEL);
	if (!p)
		return;
	memset(p, PAT, 128);
	kfree(p);
	/* A read after free, on purpose: what does the freed object hold? */
	classify("kmalloc128.after_free", p, 128, PAT);
	q = kmalloc(128, GFP_KERNEL);
	RESULT("kmalloc128.same_object", "%s", p == q ? "yes" : "no");
	if (q)
		classify("kmalloc128.realloc", q, 128, PAT);
	if (!q)
		return;
	memset(q, PAT, 128);
	kfree(q);
	p = kzalloc(128, GFP_KERNEL);
	RESULT("kzalloc128.same_object", "%s", p == q ? "yes" : "no");
	if (p)
		classify("kzalloc128.realloc", p, 128, PAT);
	kfree(p);
}

static void probe_page_reuse(void)
{
	struct page *a, *b;
	unsigned long pfn;

	a = alloc_page(GFP_KERNEL);
	if (!a)
		return;
	memset(page_address(a), PAT, PAGE_SIZE);
	pfn = page_to_pfn(a);
	__free_page(a);
	classify("page.after_free", page_address(a), PAGE_SIZE, PAT);
	b = alloc_page(GFP_KERNEL);
	if (!b)
		return;
	RESULT("page.same_frame", "%s", page_to_pfn(b) == pfn ? "yes" : "no");
	classify("page.realloc", page_address(b), PAGE_SIZE, PAT);
	memset(page_address(b), PAT, PAGE_SIZE);
	pfn = page_to_pfn(b);
	__free_page(b);
	a = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!a)
		return;
	RESULT("page_zero.same_frame", "%s", page_to_pfn(a) == pfn ? "yes" : "no");
	classify("page_zero.realloc", page_address(a), PAGE_SIZE, PAT);
	__free_page(a);
}

static void probe_vmalloc_reuse(void)
{
	u8 *v, *w;
	unsigned long pfn0;

	v = vmalloc(4 * PAGE_SIZE);
	if (!v)
		return;
	memset(v, PAT, 4 * PAGE_SIZE);
	pfn0 = vmalloc_to_pfn(v);
	vfree(v);
	w = vmalloc(4 * PAGE_SIZE);
	if (!w)
		return;
	RESULT("vmalloc4p.frame0_reused", "%s",
	       vmalloc_to_pfn(w) == pfn0 ? "yes" : "no");
	classify("vmalloc4p.realloc", w, 4 * PAGE_SIZE, PAT);
	vfree(w);
}

/* The slab (compound page) an object lives in, and how many objects it holds. */
static u8 *slab_base(const void *obj, unsigned int *nobjs)
{
	struct page *head = compound_head(virt_to_page(obj));

	*nobjs = (PAGE_SIZE << compound_order(head)) / ORDER_SIZE;
	return page_address(head);
}

static void *objs[ORDER_COUNT];
static int slab_of[ORDER_COUNT];
static u8 *slabs[MAX_SLABS * 4];
static int nslabs;

static int slab_index(u8 *base)
{
	int i;

	for (i = 0; i < nslabs; i++)
		if (slabs[i] == base)
			return i;
	if (nslabs == ARRAY_SIZE(slabs))
		return -1;
	slabs[nslabs] = base;
	return nslabs++;
}

/*
 * A fresh slab: every one of its objects was handed to us, one after the
 * other.  Slabs that were partly used before the module ran fail this.
 */
static bool fresh_slab(int s, unsigned int nobjs, int *first)
{
	int i, n = 0, start = -1;

	for (i = 0; i < ORDER_COUNT; i++) {
		if (slab_of[i] != s)
			continue;
		if (start < 0)
			start = i;
		if (i != start + n)
			return false;
		n++;
	}
	*first = start;
	return n == nobjs;
}

static bool is_rotation(const int *a, const int *b, int n)
{
	int r, i;

	for (r = 0; r < n; r++) {
		for (i = 0; i < n && a[(i + r) % n] == b[i]; i++)
			;
		if (i == n)
			return true;
	}
	return false;
}

static void print_order(int k, const int *idx, int n)
{
	char line[MAX_SLAB_OBJS * 4 + 1];
	int i, len = 0;

	for (i = 0; i < n; i++)
		len += scnprintf(line + len, sizeof(line) - len, " %d", idx[i]);
	pr_info(TAG "info fresh_slab %d order%s\n", k, line);
}

static int fresh[MAX_SLABS][MAX_SLAB_OBJS];

/* Returns the first object of the last fresh slab, for the freeptr probe. */
static int probe_slab_order(unsigned int *nobjs_out)
{
	unsigned int nobjs = 0;
	int i, s, first, nfresh = 0, ascending = 0, rotations = 0, last = -1;

	for (i = 0; i < ORDER_COUNT; i++) {
		objs[i] = kmalloc(ORDER_SIZE, GFP_KERNEL);
		if (!objs[i])
			return -1;
		slab_of[i] = slab_index(slab_base(objs[i], &nobjs));
	}
	if (nobjs > MAX_SLAB_OBJS)
		return -1;
	for (s = 0; s < nslabs && nfresh < MAX_SLABS; s++) {
		u8 *base = slabs[s];

		if (!fresh_slab(s, nobjs, &first))
			continue;
		for (i = 0; i < nobjs; i++)
			fresh[nfresh][i] = ((u8 *)objs[first + i] - base) / ORDER_SIZE;
		print_order(nfresh, fresh[nfresh], nobjs);
		for (i = 1; i < nobjs && fresh[nfresh][i] > fresh[nfresh][i - 1]; i++)
			;
		ascending += i == nobjs;
		if (nfresh > 0)
			rotations += is_rotation(fresh[0], fresh[nfresh], nobjs);
		nfresh++;
		last = first;
	}
	RESULT("order.objs_per_slab", "%u", nobjs);
	RESULT("order.fresh_slabs", "%d", nfresh);
	RESULT("order.ascending_slabs", "%d", ascending);
	RESULT("order.rotations_of_first", "%d/%d", rotations, nfresh - 1);
	*nobjs_out = nobjs;
	return last;
}

/* The one 8-byte word of a freed object that is neither the fill nor zero. */
static long stored_word(const u8 *obj, u64 *val)
{
	long off;

	for (off = 0; off < ORDER_SIZE; off += 8) {
		u64 w = *(const u64 *)(obj + off);

		if (w != 0x0101010101010101ULL * 0xcd && w != 0) {
			*val = w;
			return off;
		}
	}
	return -1;
}

/*
 * Free the objects of a fresh, full slab one by one (keeping the first so
 * the slab stays): each freed object's free pointer then names the object
 * freed before it (NULL for the first), as __slab_free links them.
 */
static void probe_freeptr(int first, unsigned int nobjs)
{
	u64 stored, key = 0, plain = 0;
	long off, off0 = -1;
	unsigned int i, same_key = 0, offsets_agree = 0;
	unsigned long prev = 0;

	for (i = 1; i < nobjs; i++) {
		u8 *o = objs[first + i];

		memset(o, 0xcd, ORDER_SIZE);
		kfree(o);
		off = stored_word(o, &stored);
		if (off < 0)
			continue;
		if (off0 < 0)
			off0 = off;
		offsets_agree += off == off0;
		plain += stored == prev;
		if (i == 1)
			key = stored ^ prev ^ swab64((u64)(unsigned long)(o + off));
		same_key += (stored ^ prev ^ swab64((u64)(unsigned long)(o + off))) == key;
		prev = (unsigned long)o;
	}
	RESULT("freeptr.offset", "%ld", off0);
	RESULT("freeptr.offsets_agree", "%u/%u", offsets_agree, nobjs - 1);
	RESULT("freeptr.stored_equals_plain", "%llu/%u", plain, nobjs - 1);
	RESULT("freeptr.one_key_for_cache", "%u/%u", same_key, nobjs - 1);
}

#define NPCP 64
#define VPAGES 16

/* How many of b[] are a[] read backwards; how many a[i+1] == a[i] + step. */
static int reversed(const unsigned long *a, const unsigned long *b, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += b[i] == a[n - 1 - i];
	return k;
}

static int consecutive(const unsigned long *a, int n, unsigned long step)
{
	int i, k = 0;

	for (i = 1; i < n; i++)
		k += a[i] == a[i - 1] + step;
	return k;
}

static void print_pfns(const char *what, const unsigned long *a, int n)
{
	char line[NPCP * 8 + 1];
	int i, len = 0;

	for (i = 0; i < n; i++)
		len += scnprintf(line + len, sizeof(line) - len, " %lx", a[i] - a[0]);
	pr_info(TAG "info %s pfn-first%s\n", what, line);
}

/* 64 single pages: allocated, freed in order, allocated again. */
static void probe_pcp_order0(void)
{
	static struct page *pg[NPCP];
	static unsigned long a[NPCP], b[NPCP];
	int i;

	for (i = 0; i < NPCP; i++) {
		pg[i] = alloc_page(GFP_KERNEL);
		if (!pg[i])
			return;
		a[i] = page_to_pfn(pg[i]);
	}
	for (i = 0; i < NPCP; i++)
		__free_page(pg[i]);
	for (i = 0; i < NPCP; i++) {
		pg[i] = alloc_page(GFP_KERNEL);
		if (!pg[i])
			return;
		b[i] = page_to_pfn(pg[i]);
	}
	print_pfns("pcp0.first", a, NPCP);
	print_pfns("pcp0.again", b, NPCP);
	RESULT("pcp0.first_ascending_by_one", "%d/%d", consecutive(a, NPCP, 1), NPCP - 1);
	RESULT("pcp0.again_reversed", "%d/%d", reversed(a, b, NPCP), NPCP);
	for (i = 0; i < NPCP; i++)
		__free_page(pg[i]);
}

/* Two order-3 blocks: freed in order, allocated again. */
static void probe_pcp_order3(void)
{
	struct page *p[2];
	unsigned long a[2], b[2];
	int i;

	for (i = 0; i < 2; i++) {
		p[i] = alloc_pages(GFP_KERNEL, 3);
		if (!p[i])
			return;
		a[i] = page_to_pfn(p[i]);
	}
	for (i = 0; i < 2; i++)
		__free_pages(p[i], 3);
	for (i = 0; i < 2; i++) {
		p[i] = alloc_pages(GFP_KERNEL, 3);
		if (!p[i])
			return;
		b[i] = page_to_pfn(p[i]);
	}
	RESULT("pcp3.first_adjacent", "%s", a[1] == a[0] + 8 ? "yes" : "no");
	RESULT("pcp3.again_reversed", "%d/2", reversed(a, b, 2));
	for (i = 0; i < 2; i++)
		__free_pages(p[i], 3);
}

/* vmalloc(16 pages): its frames, and again after a vfree. */
static void probe_vmalloc_frames(void)
{
	unsigned long a[VPAGES], b[VPAGES];
	u8 *v, *w;
	int i;

	v = vmalloc(VPAGES * PAGE_SIZE);
	if (!v)
		return;
	for (i = 0; i < VPAGES; i++)
		a[i] = vmalloc_to_pfn(v + i * PAGE_SIZE);
	vfree(v);
	w = vmalloc(VPAGES * PAGE_SIZE);
	if (!w)
		return;
	for (i = 0; i < VPAGES; i++)
		b[i] = vmalloc_to_pfn(w + i * PAGE_SIZE);
	print_pfns("vmalloc16p.first", a, VPAGES);
	print_pfns("vmalloc16p.again", b, VPAGES);
	RESULT("vmalloc16p.first_ascending_by_one", "%d/%d", consecutive(a, VPAGES, 1), VPAGES - 1);
	RESULT("vmalloc16p.again_reversed", "%d/%d", reversed(a, b, VPAGES), VPAGES);
	RESULT("vmalloc16p.same_address", "%s", v == w ? "yes" : "no");
	vfree(w);
}

static int __init memviz_probe_init(void)
{
	unsigned int nobjs = 0;
	int last;

	pr_info(TAG "begin\n");
	probe_kmalloc_reuse();
	probe_page_reuse();
	probe_vmalloc_reuse();
	probe_pcp_order0();
	probe_pcp_order3();
	probe_vmalloc_frames();
	last = probe_slab_order(&nobjs);
	if (last >= 0)
		probe_freeptr(last, nobjs);
	pr_info(TAG "end\n");
	return 0;
}

module_init(memviz_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memviz: allocator behaviour probes for comparison with the model");
