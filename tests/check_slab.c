/*
 * check_slab.c - kmalloc caches under the three kernel profiles.
 *
 * Oracles: the size-to-cache map of mm/slab_common.c (kmalloc_size_index[]
 * up to 192, then fls(size - 1) in mm/slab.h kmalloc_slab()); the SLUB
 * geometry that mm/slub.c calculate_order() gives per CPU count, which
 * the real 6.18 /proc/slabinfo of a 2-CPU machine matches
 * (tests/data/slabinfo-kmalloc-6.18-2cpu.txt); 2.6 SLAB's
 * include/linux/kmalloc_sizes.h; and 2.0 mm/kmalloc.c, whose blocksize[]
 * and sizes[] tables are copied here from the 2.0 source.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/kernel/freelist.h"
#include "sim/kernel/kmalloc.h"
#include "sim/kernel/kprofile.h"
#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/kernel/slab.h"
#include "check-run.h"
#include "check-sim.h"

#define PO 0xffff888000000000ull

/* A machine of this kernel profile, CPU count and memory size. */
static struct machine *
boot_with(const char *kernel, const char *cpus, const char *ram)
{
	return check_boot("kernel", kernel, "cpus", cpus, "ram", ram, NULL);
}

/* A 6.x machine of 64M, 2 CPUs, with one more option set. */
static struct machine *
boot_opt(const char *kernel, const char *name, const char *value)
{
	return check_boot("kernel", kernel, name, value, NULL);
}

static uint32_t
cache_size(const char *kernel, uint64_t size)
{
	const struct kprofile *p = kprofile_find(kernel);
	int		       i = kmalloc_index(p, size);

	return i < 0 ? 0 : p->caches[i].size;
}

/* mm/slab_common.c kmalloc_size_index[] up to 192, then the next power
 * of two (fls(size - 1), mm/slab.h kmalloc_slab()). */
START_TEST(test_size_map_6x)
{
	uint64_t s;
	uint32_t want;

	ck_assert_uint_eq(cache_size("6.x", 0), 0);
	for (s = 1; s <= 8192; s++) {
		if (s <= 8)
			want = 8;
		else if (s <= 16)
			want = 16;
		else if (s <= 32)
			want = 32;
		else if (s <= 64)
			want = 64;
		else if (s <= 96)
			want = 96;
		else if (s <= 128)
			want = 128;
		else if (s <= 192)
			want = 192;
		else {
			want = 256;
			while (want < s)
				want *= 2;
		}
		ck_assert_msg(cache_size("6.x", s) == want,
		    "kmalloc(%" PRIu64 ") went to %u, want %u", s,
		    cache_size("6.x", s), want);
	}
	ck_assert_uint_eq(cache_size("6.x", 8193), 0);
}
END_TEST

/* 2.6 kmalloc_sizes.h: 32 64 128 192 256 ... 131072, first fit. */
START_TEST(test_size_map_26)
{
	static const uint32_t sizes[] = { 32, 64, 128, 192, 256, 512, 1024,
		2048, 4096, 8192, 16384, 32768, 65536, 131072 };
	uint64_t	      s;
	size_t		      k;

	for (s = 0; s <= 8192; s++) {
		for (k = 0; sizes[k] < s; k++)
			;
		ck_assert_msg(cache_size("2.6", s) == sizes[k],
		    "2.6 kmalloc(%" PRIu64 ")", s);
	}
	ck_assert_uint_eq(cache_size("2.6", 131072), 131072);
	ck_assert_uint_eq(cache_size("2.6", 131073), 0);
	ck_assert_uint_eq(cache_size("2.6", 96), 128); /* no size-96 */
}
END_TEST

/* 2.0 get_order(): first blocksize[] holding size + 8. */
START_TEST(test_size_map_20)
{
	static const uint32_t bs[] = { 32, 64, 128, 252, 508, 1020, 2040,
		4096 - 16, 8192 - 16, 16384 - 16, 32768 - 16, 65536 - 16,
		131072 - 16 };
	uint64_t	      s;
	size_t		      k;

	for (s = 0; s <= 8192; s++) {
		for (k = 0; bs[k] < s + 8; k++)
			;
		ck_assert_msg(cache_size("2.0", s) == bs[k],
		    "2.0 kmalloc(%" PRIu64 ")", s);
	}
	ck_assert_uint_eq(cache_size("2.0", 24), 32);
	ck_assert_uint_eq(cache_size("2.0", 25), 64);
	ck_assert_uint_eq(cache_size("2.0", 131048), 131056);
	ck_assert_uint_eq(cache_size("2.0", 131049), 0);
}
END_TEST

/* "order/objects" per CPU count, worked from mm/slub.c calculate_order()
 * (min_objects = 4 * (fls(nr_cpus) + 1), waste fractions 16, 8, 4, 2). */
static const struct {
	const char *cpus;
	const char *row;
} geometry[] = {
	{ "1",
	    "0/512 0/256 0/128 0/64 0/42 0/32 0/21 0/16 0/8 1/8 2/8 3/8 3/4" },
	{ "2",
	    "0/512 0/256 0/128 0/64 0/42 0/32 0/21 0/16 1/16 2/16 3/16 3/8 "
	    "3/4" },
	{ "4",
	    "0/512 0/256 0/128 0/64 0/42 0/32 0/21 0/16 1/16 2/16 3/16 3/8 "
	    "3/4" },
	{ "8",
	    "0/512 0/256 0/128 0/64 0/42 0/32 0/21 1/32 2/32 3/32 3/16 3/8 "
	    "3/4" },
	{ "64",
	    "0/512 0/256 0/128 0/64 0/42 0/32 1/42 1/32 2/32 3/32 3/16 3/8 "
	    "3/4" },
	{ "128",
	    "0/512 0/256 0/128 0/64 0/42 1/64 1/42 2/64 3/64 3/32 3/16 3/8 "
	    "3/4" },
};

START_TEST(test_slub_geometry)
{
	size_t g, i;

	for (g = 0; g < sizeof geometry / sizeof geometry[0]; g++) {
		struct machine *m = boot_with("6.x", geometry[g].cpus, "64M");
		struct sbuf	b = SBUF_INIT;
		struct slab_cache_info ci;

		/* kmalloc-, -cg-, -rcl-, dma-: 13 sizes each */
		ck_assert_uint_eq(slab_cache_count(m), 52);
		for (i = 0; i < 13; i++) {
			slab_cache_info(m, i, &ci);
			sbuf_printf(&b, "%s%u/%u", i ? " " : "", ci.order,
			    ci.objects);
		}
		ck_assert_msg(strcmp(sbuf_str(&b), geometry[g].row) == 0,
		    "cpus=%s: %s", geometry[g].cpus, sbuf_str(&b));
		sbuf_free(&b);
		machine_destroy(m);
	}
}
END_TEST

/* The real 6.18 kernel's slabinfo (2 CPUs) against `show slabinfo`. */
START_TEST(test_slabinfo_matches_real_kernel)
{
	struct machine	 *m = boot_with("6.x", "2", "64M");
	struct sbuf	  b = SBUF_INIT;
	static const char header[] =
	    "slabinfo - version: 2.1\n# name  "
	    "          <active_objs> <num_objs> <objsize> <objperslab> "
	    "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> "
	    ": slabdata <active_slabs> <num_slabs> <sharedavail>\n";
	char	*cause = NULL, line[512], name[64];
	unsigned a, n, objsize, per, pages, o2, p2, g2, checked = 0;
	FILE	*f = fopen(TEST_SRCDIR "/data/slabinfo-kmalloc-6.18-2cpu.txt",
	       "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(machine_show(m, "slabinfo", &b, &cause), 0);
	ck_assert(strncmp(sbuf_str(&b), header, strlen(header)) == 0);
	while (fgets(line, sizeof line, f) != NULL) {
		char want[96], *p;

		if (sscanf(line, "%63s %u %u %u %u %u", name, &a, &n, &objsize,
			&per, &pages) != 6)
			continue;
		/* the same columns of our line for that cache */
		snprintf(want, sizeof want, "\n%-17s ", name);
		p = strstr(sbuf_str(&b), want);
		ck_assert_msg(p != NULL, "no %s line", name);
		ck_assert_int_eq(sscanf(p + 1, "%*s %*u %*u %u %u %u", &o2, &p2,
				     &g2),
		    3);
		ck_assert_msg(o2 == objsize && p2 == per && g2 == pages,
		    "%s: %u %u %u, real %u %u %u", name, o2, p2, g2, objsize,
		    per, pages);
		checked++;
	}
	fclose(f);
	ck_assert_uint_eq(checked, 13);
	/* The empty machine's line, byte for byte as cache_show() pads it. */
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
	    "\nkmalloc-8k             "
	    "0      0   8192    4    8 : tunables    0    0    0 : slabdata "
	    "     0      0      0\n"));
	/* Order: kmalloc-8k first, ..., kmalloc-8, kmalloc-192, kmalloc-96. */
	ck_assert(strstr(sbuf_str(&b), "kmalloc-8k") <
	    strstr(sbuf_str(&b), "kmalloc-8 "));
	ck_assert(strstr(sbuf_str(&b), "kmalloc-8 ") <
	    strstr(sbuf_str(&b), "kmalloc-192"));
	ck_assert(strstr(sbuf_str(&b), "kmalloc-192") <
	    strstr(sbuf_str(&b), "kmalloc-96"));
	sbuf_free(&b);
	machine_destroy(m);
}
END_TEST

/* 2.6 SLAB on x86-64: the classic size-N objperslab/pagesperslab. */
START_TEST(test_slab26_geometry)
{
	static const unsigned  want[][2] = { { 112, 1 }, { 59, 1 }, { 30, 1 },
		 { 20, 1 }, { 15, 1 }, { 8, 1 }, { 4, 1 }, { 2, 1 }, { 1, 1 },
		 { 1, 2 }, { 1, 4 }, { 1, 8 }, { 1, 16 }, { 1, 32 } };
	struct machine	      *m = boot_with("2.6", "2", "64M");
	struct slab_cache_info ci;
	size_t		       i;

	/* size-N and size-N(DMA) */
	ck_assert_uint_eq(slab_cache_count(m), 28);
	for (i = 0; i < 14; i++) {
		slab_cache_info(m, i, &ci);
		ck_assert_msg(ci.objects == want[i][0] &&
			(1u << ci.order) == want[i][1],
		    "%s: %u/%u", ci.name, ci.objects, 1u << ci.order);
	}
	machine_destroy(m);
}
END_TEST

/* 2.0 sizes[]: blocks per area and area order. */
START_TEST(test_bucket20_geometry)
{
	static const unsigned  want[][2] = { { 127, 0 }, { 63, 0 }, { 31, 0 },
		 { 16, 0 }, { 8, 0 }, { 4, 0 }, { 2, 0 }, { 1, 0 }, { 1, 1 },
		 { 1, 2 }, { 1, 3 }, { 1, 4 }, { 1, 5 } };
	struct machine	      *m = boot_with("2.0", "1", "64M");
	struct slab_cache_info ci;
	size_t		       i;

	for (i = 0; i < 13; i++) {
		slab_cache_info(m, i, &ci);
		ck_assert_uint_eq(ci.objects, want[i][0]);
		ck_assert_uint_eq(ci.order, want[i][1]);
		/* 16 + n * block fits the area (kmalloc_init()'s check) */
		ck_assert_uint_le(16 + ci.objects * ci.size, 4096u << ci.order);
	}
	machine_destroy(m);
}
END_TEST

/* The free pointer a free object holds at off, decoded as SLUB does. */
static uint64_t
stored_next(struct machine *m, uint64_t obj, uint32_t off)
{
	struct slab_cache_info ci;
	size_t		       c, si;
	uint32_t	       i;

	ck_assert_int_eq(slab_find(m, obj, &c, &si, &i), 0);
	slab_cache_info(m, c, &ci);
	return freelist_ptr_decode(ci.random, phys_read_u64(m, obj - PO + off),
	    obj + off);
}

/*
 * Free pointer at 64 inside a kmalloc-128 object, stored hardened (it
 * differs from the pointer it decodes to); frees are LIFO; a corrupted
 * pointer is followed into a report.
 */
START_TEST(test_slub_freelist_in_bytes)
{
	struct machine *m = boot_with("6.x", "2", "64M");
	struct step	st;
	uint64_t	a, b, c, next;

	step_init(&st);
	ck_assert_int_eq(machine_kmalloc(m, 100, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_str_eq(st.what, "kmalloc-128");
	ck_assert_uint_eq(st.size, 128);
	ck_assert_uint_eq(check_count_events(&st, EV_SLAB_NEW), 1);
	ck_assert_uint_eq(a % 128, 0);
	ck_assert_int_eq(machine_kmalloc(m, 128, GFP_KERNEL, &st), SIM_OK);
	b = st.addr;
	ck_assert_int_eq(machine_kmalloc(m, 97, GFP_KERNEL, &st), SIM_OK);
	c = st.addr;
	ck_assert_uint_eq(a >> 12, b >> 12); /* one order-0 slab */
	ck_assert_uint_eq(a >> 12, c >> 12);
	ck_assert(a != b && b != c && a != c);
	/* LIFO: free a then b; b comes back first, and b's pointer -> a */
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	ck_assert_int_eq(machine_kfree(m, b, &st), SIM_OK);
	next = stored_next(m, b, 64);
	ck_assert_uint_eq(next, a);
	ck_assert_uint_ne(phys_read_u64(m, b - PO + 64), a);
	ck_assert_int_eq(machine_kmalloc(m, 120, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, b);
	ck_assert_int_eq(machine_kmalloc(m, 120, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, a);
	/* Overwrite the free pointer of a free object: kmalloc follows it. */
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	phys_write_u64(m, a - PO + 64, 0x4141414141414141ull);
	ck_assert_int_eq(machine_kmalloc(m, 120, GFP_KERNEL, &st), SIM_BUG);
	ck_assert_ptr_nonnull(strstr(st.reason, "Freechain corrupt"));
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Offsets of the free pointer: ALIGN_DOWN(size / 2, 8). */
START_TEST(test_slub_offsets)
{
	static const uint32_t off[] = { 0, 8, 16, 32, 48, 64, 96, 128, 256, 512,
		1024, 2048, 4096 };
	static const uint32_t align[] = { 8, 16, 32, 64, 32, 128, 64, 256, 512,
		1024, 2048, 4096, 8192 };
	struct machine	     *m = boot_with("6.x", "2", "64M");
	struct slab_cache_info ci;
	size_t		       i;

	for (i = 0; i < 13; i++) {
		slab_cache_info(m, i, &ci);
		ck_assert_uint_eq(ci.offset, off[i]);
		ck_assert_uint_eq(ci.align, align[i]);
		ck_assert_uint_eq(ci.size, ci.object_size);
	}
	machine_destroy(m);
}
END_TEST

/*
 * With init_on_alloc=0 (the upstream default) kmalloc keeps the old
 * bytes; kzalloc clears the whole object.
 */
START_TEST(test_stale_vs_zeroed)
{
	struct machine	    *m = boot_opt("6.x", "init_on_alloc", "0");
	struct step	     st;
	uint8_t		     buf[96];
	uint64_t	     a, fp;
	size_t		     i;
	size_t		     ci, si;
	uint32_t	     obj;
	struct slab_obj_info oi;

	step_init(&st);
	ck_assert_int_eq(machine_kmalloc(m, 96, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_int_eq(machine_write(m, a, 96, "SECRET", 6, &st), SIM_OK);
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	ck_assert_int_eq(slab_find(m, a, &ci, &si, &obj), 0);
	slab_obj_info(m, ci, si, obj, &oi);
	ck_assert_int_eq(oi.state, SLAB_OBJ_STALE);
	ck_assert_int_eq(machine_kmalloc(m, 80, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, a);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 0);
	ck_assert_int_eq(machine_read(m, a, 96, buf, sizeof buf, &st), SIM_OK);
	ck_assert(memcmp(buf, "SECRETSECRET", 12) == 0);
	/* bytes 48..55 held the free pointer: the next free object,
	 * stored hardened */
	ck_assert(memcmp(buf + 42, "SECRET", 6) == 0);
	fp = 0;
	for (i = 8; i-- > 0;)
		fp = fp << 8 | buf[48 + i];
	ck_assert_uint_ne(fp, 0);
	ck_assert(memcmp(buf + 48, "SECRETSE", 8) != 0);
	ck_assert(memcmp(buf + 56, "CRETSECR", 8) == 0);
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	ck_assert_int_eq(machine_kcalloc(m, 2, 40, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, a);
	ck_assert_uint_eq(check_count_events(&st, EV_ZERO), 1);
	ck_assert_uint_eq(st.zeroed, 96); /* object_size, not 80 */
	ck_assert_int_eq(machine_read(m, a, 96, buf, sizeof buf, &st), SIM_OK);
	for (i = 0; i < 96; i++)
		ck_assert_uint_eq(buf[i], 0);
	slab_obj_info(m, ci, si, obj, &oi);
	ck_assert_int_eq(oi.state, SLAB_OBJ_ZEROED);
	ck_assert_uint_eq(oi.requested, 80);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Every object lies in one physically contiguous run of frames. */
START_TEST(test_contiguity)
{
	static const uint64_t sizes[] = { 8, 100, 700, 1500, 3000, 5000, 8192,
		9000, 70000, 1 << 20 };
	struct machine	     *m = boot_with("6.x", "4", "64M");
	struct step	      st;
	size_t		      i, k;

	step_init(&st);
	for (k = 0; k < 5; k++) {
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			ck_assert_int_eq(machine_kmalloc(m, sizes[i],
					     GFP_KERNEL, &st),
			    SIM_OK);
			ck_assert_uint_eq(st.nframes, 1);
			ck_assert_uint_ge(st.frames[0].count * 4096 -
				(st.addr & 4095),
			    sizes[i]);
			ck_assert_uint_eq(st.frames[0].pfn,
			    (st.addr - PO) >> 12);
		}
	}
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* kmalloc-128 holds 32 per slab: the 33rd needs a second slab. */
START_TEST(test_slab_growth_and_waste)
{
	struct machine	      *m = boot_with("6.x", "2", "64M");
	struct step	       st;
	struct slab_cache_info ci;
	int i, idx = kmalloc_index(kprofile_find("6.x"), 100);

	step_init(&st);
	for (i = 0; i < 33; i++) {
		ck_assert_int_eq(machine_kmalloc(m, 100, GFP_KERNEL, &st),
		    SIM_OK);
		ck_assert_uint_eq(check_count_events(&st, EV_SLAB_NEW),
		    i == 0 || i == 32);
	}
	slab_cache_info(m, (size_t)idx, &ci);
	ck_assert_uint_eq(ci.active_objs, 33);
	ck_assert_uint_eq(ci.total_objs, 64);
	ck_assert_uint_eq(ci.slabs, 2);
	ck_assert_uint_eq(ci.requested, 3300); /* 33 * 128 allocated */
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/*
 * __slab_free() with CONFIG_SLUB_CPU_PARTIAL: a full slab's first free
 * puts it on the CPU partial list (kmalloc-4k: 6 objects, 2 slabs of 8);
 * a list already holding 2 goes to the node's partial list first, where
 * an empty slab is discarded once nr_partial >= min_partial
 * (ilog2(4096)/2 = 6).  Ten full order-3 slabs freed in order: slabs 0-5
 * reach the node list in pairs, 6 and 7 are discarded, 8 stays on the
 * CPU partial list and 9 is the CPU slab.
 */
START_TEST(test_slub_empty_policy)
{
	struct machine *m = boot_with("6.x", "2", "64M");
	struct step	st;
	uint64_t	addr[80];
	size_t		discards = 0;
	int		i, idx = kmalloc_index(kprofile_find("6.x"), 4096);
	struct slab_cache_info ci;

	step_init(&st);
	for (i = 0; i < 80; i++) {
		ck_assert_int_eq(machine_kmalloc(m, 4096, GFP_KERNEL, &st),
		    SIM_OK);
		addr[i] = st.addr;
	}
	slab_cache_info(m, (size_t)idx, &ci);
	ck_assert_uint_eq(ci.slabs, 10);
	for (i = 0; i < 80; i++) {
		ck_assert_int_eq(machine_kfree(m, addr[i], &st), SIM_OK);
		discards += check_count_events(&st, EV_SLAB_FREE);
	}
	slab_cache_info(m, (size_t)idx, &ci);
	ck_assert_uint_eq(discards, 2);
	ck_assert_uint_eq(ci.slabs, 8);
	ck_assert_uint_eq(ci.active_objs, 0);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* The ceilings of the three profiles. */
START_TEST(test_limits)
{
	struct machine *m = boot_with("6.x", "2", "64M");
	struct step	st;

	step_init(&st);
	ck_assert_int_eq(machine_kmalloc(m, 0, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, 16);
	ck_assert_int_eq(machine_kfree(m, 16, &st), SIM_OK);
	ck_assert_int_eq(machine_kmalloc(m, 8193, GFP_KERNEL, &st), SIM_OK);
	ck_assert_str_eq(st.what, "kmalloc_large order-2");
	ck_assert_uint_eq(check_count_events(&st, EV_LARGE_ALLOC), 1);
	ck_assert_int_eq(machine_kfree(m, st.addr + 4096, &st), SIM_BAD_FREE);
	ck_assert_int_eq(machine_kmalloc(m, 4 << 20, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.size, 4 << 20);
	ck_assert_int_eq(machine_kfree(m, st.addr, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_LARGE_FREE), 1);
	ck_assert_int_eq(machine_kmalloc(m, (4 << 20) + 1, GFP_KERNEL, &st),
	    SIM_E2BIG);
	ck_assert_ptr_nonnull(strstr(st.reason, "MAX_PAGE_ORDER"));
	machine_destroy(m);

	m = boot_with("2.6", "2", "64M");
	ck_assert_int_eq(machine_kmalloc(m, 131072, GFP_KERNEL, &st), SIM_OK);
	ck_assert_str_eq(st.what, "size-131072");
	ck_assert_uint_eq(st.frames[0].count, 32);
	ck_assert_int_eq(machine_kmalloc(m, 131073, GFP_KERNEL, &st),
	    SIM_E2BIG);
	ck_assert_int_eq(machine_kmalloc(m, 0, GFP_KERNEL, &st), SIM_OK);
	ck_assert_str_eq(st.what, "size-32"); /* no ZERO_SIZE_PTR yet */
	machine_destroy(m);

	m = boot_with("2.0", "1", "64M");
	ck_assert_int_eq(machine_kmalloc(m, 131048, GFP_KERNEL, &st), SIM_OK);
	ck_assert_str_eq(st.what, "bucket-131056");
	/* area + 16-byte descriptor + 8-byte header */
	ck_assert_uint_eq(st.addr % 4096, 24);
	ck_assert_int_eq(machine_kmalloc(m, 131049, GFP_KERNEL, &st),
	    SIM_E2BIG);
	ck_assert_str_eq(st.reason,
	    "kmalloc of too large a block "
	    "(131049 bytes).");
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* 2.0's bytes: page descriptor and block headers where mm/kmalloc.c has
 * them; kfree checks the MF_USED magic. */
START_TEST(test_bucket20_bytes)
{
	struct machine *m = boot_with("2.0", "1", "64M");
	struct step	st;
	uint64_t	a, b, area;
	uint8_t		w[4];

	step_init(&st);
	ck_assert_int_eq(machine_kmalloc(m, 100, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_str_eq(st.what, "bucket-128");
	ck_assert_uint_eq(check_count_events(&st, EV_NOTE), 1);
	area = (a & ~4095ull) - 0xc0000000ull;
	ck_assert_uint_eq(a - 0xc0000000ull - area, 16 + 8);
	phys_read(m, a - 0xc0000000ull - 8, w, 4);
	ck_assert_uint_eq(w[0] | w[1] << 8 | w[2] << 16 | (uint32_t)w[3] << 24,
	    0xffaa0055u); /* MF_USED */
	phys_read(m, a - 0xc0000000ull - 4, w, 4);
	ck_assert_uint_eq(w[0], 100); /* bh_length */
	phys_read(m, area + 12, w, 4);
	ck_assert_uint_eq(w[0], 30); /* nfree: 31 - 1 */
	ck_assert_int_eq(machine_kmalloc(m, 100, GFP_KERNEL, &st), SIM_OK);
	b = st.addr;
	ck_assert_uint_eq(b, a + 128);
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	phys_read(m, a - 0xc0000000ull - 8, w, 4);
	ck_assert_uint_eq(w[0] | w[1] << 8 | w[2] << 16 | (uint32_t)w[3] << 24,
	    0x0055ffaau); /* MF_FREE */
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_DOUBLE_FREE);
	ck_assert_ptr_nonnull(strstr(st.reason,
	    "kfree of non-kmalloced memory"));
	ck_assert_int_eq(machine_kfree(m, b + 4, &st), SIM_BAD_FREE);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* kfree reports, SLUB style, and nothing is changed by them. */
START_TEST(test_kfree_reports)
{
	struct machine *m = boot_with("6.x", "2", "64M");
	struct step	st;
	uint64_t	a;

	step_init(&st);
	ck_assert_int_eq(machine_kmalloc(m, 64, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_int_eq(machine_kfree(m, a + 8, &st), SIM_BAD_FREE);
	ck_assert_ptr_nonnull(strstr(st.reason,
	    "BUG kmalloc-64 (Not tainted): Invalid object pointer"));
	ck_assert_uint_eq(check_count_events(&st, EV_REPORT), 1);
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_DOUBLE_FREE);
	ck_assert_ptr_nonnull(strstr(st.reason,
	    "BUG kmalloc-64 (Not tainted): Object already free"));
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	ck_assert_int_eq(machine_kfree(m, st.addr, &st), SIM_BAD_FREE);
	ck_assert_ptr_nonnull(strstr(st.reason, "free_large_kmalloc"));
	ck_assert_int_eq(machine_kfree(m, 0xffffc90000000000ull, &st),
	    SIM_BAD_FREE);
	ck_assert_int_eq(machine_kfree(m, 0, &st), SIM_OK);
	check_consistent(m);
	machine_destroy(m);

	m = boot_with("2.6", "2", "64M");
	ck_assert_int_eq(machine_kmalloc(m, 64, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_OK);
	ck_assert_int_eq(machine_kfree(m, a, &st), SIM_DOUBLE_FREE);
	ck_assert_ptr_nonnull(strstr(st.reason, "double free"));
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/*
 * SLUB's allocate_slab(): with no order-2 block, kmalloc-1k takes an
 * order-0 slab (s->min, 4 objects) after the quiet first try.
 */
START_TEST(test_slub_order_fallback)
{
	struct machine	     *m = boot_with("6.x", "2", "16M");
	struct step	      st;
	uint64_t	     *pages = calloc(8192, sizeof *pages);
	size_t		      n = 0, i;
	unsigned	      o;
	int		      idx = kmalloc_index(kprofile_find("6.x"), 1000);
	struct slab_slab_info si;

	step_init(&st);
	while (n < 8192 &&
	    machine_get_free_pages(m, GFP_ATOMIC, 0, &st) == SIM_OK)
		pages[n++] = st.addr;
	for (i = 0; i < n; i += 2)
		ck_assert_int_eq(machine_free_pages(m, pages[i], 0, &st),
		    SIM_OK);
	/* take what the reserve still held in blocks of order 1 and up */
	for (o = 10; o >= 1; o--) {
		while (machine_get_free_pages(m, GFP_ATOMIC, o, &st) == SIM_OK)
			;
	}
	ck_assert_int_eq(machine_kmalloc(m, 1000, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_SLAB_NEW), 1);
	ck_assert_int_eq(slab_slab_info(m, (size_t)idx, 0, &si), 0);
	ck_assert_uint_eq(si.order, 0);
	ck_assert_uint_eq(si.objects, 4);
	ck_assert_uint_eq(check_count_events(&st, EV_FAIL), 1);
	check_consistent(m);
	free(pages);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* GFP_ATOMIC needing a new slab takes the atomic path and can fail. */
START_TEST(test_atomic_new_slab_fails)
{
	struct machine *m = boot_with("6.x", "2", "16M");
	struct step	st;

	step_init(&st);
	while (machine_get_free_pages(m, GFP_ATOMIC, 0, &st) == SIM_OK)
		;
	ck_assert_int_eq(machine_kmalloc(m, 64, GFP_ATOMIC, &st), SIM_ENOMEM);
	ck_assert_ptr_nonnull(strstr(st.reason, "page allocation failure"));
	ck_assert_uint_eq(st.slept, 0);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static Suite *
slab_suite(void)
{
	Suite *s = suite_create("slab");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_size_map_6x);
	tcase_add_test(tc, test_size_map_26);
	tcase_add_test(tc, test_size_map_20);
	tcase_add_test(tc, test_slub_geometry);
	tcase_add_test(tc, test_slabinfo_matches_real_kernel);
	tcase_add_test(tc, test_slab26_geometry);
	tcase_add_test(tc, test_bucket20_geometry);
	tcase_add_test(tc, test_slub_freelist_in_bytes);
	tcase_add_test(tc, test_slub_offsets);
	tcase_add_test(tc, test_stale_vs_zeroed);
	tcase_add_test(tc, test_contiguity);
	tcase_add_test(tc, test_slab_growth_and_waste);
	tcase_add_test(tc, test_slub_empty_policy);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_bucket20_bytes);
	tcase_add_test(tc, test_kfree_reports);
	tcase_add_test(tc, test_slub_order_fallback);
	tcase_add_test(tc, test_atomic_new_slab_fails);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(slab_suite());
}
