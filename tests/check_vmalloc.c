/*
 * check_vmalloc.c - vmap areas: lowest first fit with a guard page,
 * scattered order-0 frames, page tables, lazy purge, the reports.
 *
 * Hand-worked cases: VMALLOC_START is 0xffffc90000000000 (4-level paging,
 * arch/x86/include/asm/pgtable_64_types.h); every area is its pages plus
 * one guard page (mm/vmalloc.c __get_vm_area_node()); with one CPU
 * lazy_max_pages() is fls(1) * 8192 = 8192 pages.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/kernel/vmalloc.h"
#include "check-run.h"
#include "check-sim.h"

#define VS 0xffffc90000000000ull

/* A machine of this CPU count, memory size and age. */
static struct machine *
boot_with(const char *cpus, const char *ram, const char *fragment)
{
	return check_boot("cpus", cpus, "ram", ram, "fragment", fragment, NULL);
}

/* 64M, 2 CPUs, the default kernel with init_on_alloc= as given. */
static struct machine *
boot_init_on_alloc(const char *value)
{
	return check_boot("init_on_alloc", value, NULL);
}

START_TEST(test_first_fit_and_guard)
{
	struct machine *m = boot_with("1", "64M", "0");
	struct step	st;
	struct sbuf	b = SBUF_INIT;
	char	       *cause = NULL;
	uint64_t	a1, a2, a3, big;

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 1, GFP_KERNEL, &st), SIM_OK);
	a1 = st.addr;
	ck_assert_uint_eq(a1, VS);
	ck_assert_uint_eq(check_find_event(&st, EV_VMAP_AREA)->size, 8192);
	ck_assert_uint_eq(st.size, 4096);
	ck_assert_int_eq(machine_vmalloc(m, 5000, GFP_KERNEL, &st), SIM_OK);
	a2 = st.addr;
	ck_assert_uint_eq(a2, VS + 8192);
	ck_assert_uint_eq(check_find_event(&st, EV_VMAP_AREA)->size, 12288);
	ck_assert_int_eq(machine_vmalloc(m, 4096, GFP_KERNEL, &st), SIM_OK);
	a3 = st.addr;
	ck_assert_uint_eq(a3, VS + 8192 + 12288);
	ck_assert_int_eq(machine_show(m, "vmallocinfo", &b, &cause), 0);
	ck_assert_str_eq(sbuf_str(&b),
	    "0xffffc90000000000-0xffffc90000002000    8192 "
	    "memviz_vmalloc+0x0/0x0 pages=1 vmalloc N0=1\n"
	    "0xffffc90000002000-0xffffc90000005000   12288 "
	    "memviz_vmalloc+0x0/0x0 pages=2 vmalloc N0=2\n"
	    "0xffffc90000005000-0xffffc90000007000    8192 "
	    "memviz_vmalloc+0x0/0x0 pages=1 vmalloc N0=1\n");
	/* Freed ranges wait: the hole at a2 is not reused yet. */
	ck_assert_int_eq(machine_vfree(m, a2, &st), SIM_OK);
	ck_assert_uint_eq(vmalloc_lazy_pages(m), 3);
	ck_assert_int_eq(machine_vfree(m, a2, &st), SIM_DOUBLE_FREE);
	ck_assert_str_eq(st.reason,
	    "Trying to vfree() nonexistent vm area "
	    "(0xffffc90000002000)");
	ck_assert_int_eq(machine_vmalloc(m, 4096, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, VS + 8192 + 12288 + 8192);
	sbuf_reset(&b);
	ck_assert_int_eq(machine_show(m, "vmallocinfo", &b, &cause), 0);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
	    "0xffffc90000002000-"
	    "0xffffc90000005000   12288 unpurged vm_area\n"));
	/* 40 MiB is 10241 pages with its guard: above 8192, so a purge. */
	ck_assert_int_eq(machine_vmalloc(m, 40 << 20, GFP_KERNEL, &st), SIM_OK);
	big = st.addr;
	ck_assert_int_eq(machine_vfree(m, big, &st), SIM_OK);
	ck_assert_uint_eq(check_find_event(&st, EV_VUNMAP_AREA)->addr, a2);
	ck_assert_uint_eq(vmalloc_lazy_pages(m), 0);
	/* Now the lowest hole that fits is a2's again. */
	ck_assert_int_eq(machine_vmalloc(m, 8192, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.addr, a2);
	check_consistent(m);
	sbuf_free(&b);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Guard page unmapped; vzalloc zero; vmalloc keeps stale bytes when
 * init_on_alloc is off (the upstream default). */
START_TEST(test_guard_and_contents)
{
	struct machine *m = boot_init_on_alloc("0");
	struct step	st;
	uint8_t		buf[64];
	uint64_t	a, pfn;
	size_t		i;
	int		nonzero = 0;

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 8192, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_int_eq(machine_read(m, a + 8191, 1, buf, 1, &st), SIM_OK);
	ck_assert_int_eq(machine_read(m, a + 8192, 1, buf, 1, &st), SIM_EFAULT);
	ck_assert_int_eq(machine_virt_to_pfn(m, a + 8192, &pfn), -1);
	ck_assert_int_eq(machine_read(m, a, 64, buf, sizeof buf, &st), SIM_OK);
	for (i = 0; i < 64; i++)
		nonzero |= buf[i];
	ck_assert_int_ne(nonzero, 0); /* not cleared */
	ck_assert_int_eq(machine_vmalloc(m, 100, GFP_KERNEL | ___GFP_ZERO, &st),
	    SIM_OK);
	ck_assert_uint_eq(st.zeroed, 4096 + 8); /* the page, the array */
	ck_assert_int_eq(machine_read(m, st.addr, 64, buf, sizeof buf, &st),
	    SIM_OK);
	for (i = 0; i < 64; i++)
		ck_assert_uint_eq(buf[i], 0);
	ck_assert_int_eq(machine_vmalloc(m, 0, GFP_KERNEL, &st), SIM_EINVAL);
	ck_assert_int_eq(machine_vfree(m, a + 4096, &st), SIM_BAD_FREE);
	ck_assert_int_eq(machine_vfree(m, 0, &st), SIM_OK);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/*
 * Debian's kernels (init_on_alloc on): every vmalloc page comes from the
 * page allocator cleared, as the real 6.1 and 6.12 show
 * (tests/kernel-probe/captured: vmalloc4p.realloc zero=16384).
 */
START_TEST(test_init_on_alloc_clears_vmalloc)
{
	struct machine *m = boot_init_on_alloc("profile");
	struct step	st;
	uint8_t		buf[4096];
	uint64_t	a;
	size_t		i, k;

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 4 * 4096, GFP_KERNEL, &st), SIM_OK);
	a = st.addr;
	ck_assert_uint_ge(st.zeroed, 4 * 4096);
	for (k = 0; k < 4; k++) {
		ck_assert_int_eq(machine_read(m, a + k * 4096, 4096, buf,
				     sizeof buf, &st),
		    SIM_OK);
		for (i = 0; i < sizeof buf; i++)
			ck_assert_uint_eq(buf[i], 0);
	}
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* Page-table pages come from buddy and are counted. */
START_TEST(test_pgtable_pages_counted)
{
	struct machine *m = boot_with("2", "64M", "0");
	struct step	st;
	struct sbuf	b = SBUF_INIT;
	char	       *cause = NULL, want[64];
	uint64_t	before = phys_count(m, FO_PGTABLE);

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 4096, GFP_KERNEL, &st), SIM_OK);
	/* PGD, PUD, PMD and one PTE page */
	ck_assert_uint_eq(phys_count(m, FO_PGTABLE), before + 4);
	ck_assert_int_eq(machine_vmalloc(m, 4096, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(phys_count(m, FO_PGTABLE), before + 4);
	ck_assert_int_eq(machine_show(m, "meminfo", &b, &cause), 0);
	snprintf(want, sizeof want, "%-16s%8" PRIu64 " kB",
	    "PageTables:", (before + 4) * 4);
	ck_assert_msg(strstr(sbuf_str(&b), want) != NULL, "%s", sbuf_str(&b));
	sbuf_free(&b);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* No order-8 block anywhere: kmalloc(1M) fails, vmalloc(1M) works. */
START_TEST(test_vmalloc_where_kmalloc_fails)
{
	struct machine *m = boot_with("2", "16M", "0");
	struct step	st;
	uint64_t       *pages = calloc(8192, sizeof *pages), pfn, prev;
	size_t		n = 0, i;
	unsigned	o;

	step_init(&st);
	while (n < 8192 &&
	    machine_get_free_pages(m, GFP_ATOMIC, 0, &st) == SIM_OK)
		pages[n++] = st.addr;
	for (i = 0; i < n; i += 2)
		ck_assert_int_eq(machine_free_pages(m, pages[i], 0, &st),
		    SIM_OK);
	for (o = 10; o >= 1; o--) {
		while (machine_get_free_pages(m, GFP_ATOMIC, o, &st) == SIM_OK)
			;
	}
	ck_assert_int_eq(machine_kmalloc(m, 1 << 20, GFP_KERNEL, &st),
	    SIM_ENOMEM);
	ck_assert_int_eq(machine_vmalloc(m, 1 << 20, GFP_KERNEL, &st), SIM_OK);
	ck_assert_uint_eq(st.nframes, 256); /* no two frames adjacent */
	for (i = 0, prev = UINT64_MAX; i < 256; i++) {
		ck_assert_int_eq(machine_virt_to_pfn(m, st.addr + i * 4096,
				     &pfn),
		    0);
		ck_assert_uint_ne(pfn, prev + 1);
		prev = pfn;
	}
	check_consistent(m);
	free(pages);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* On an aged machine the frames of one area scatter, where no grouping
 * by mobility (2.6.0-2.6.22, the 2.6 profile) keeps the page cache's
 * holes out of the kernel's pageblocks. */
START_TEST(test_scattered_on_aged_machine)
{
	struct machine *m = check_boot("cpus", "2", "ram", "64M", "fragment",
	    "30", "kernel", "2.6", NULL);
	struct step	st;
	size_t		i;
	uint64_t	pfn, runs = 0, prev = UINT64_MAX;
	struct vmalloc_area_info ai;

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 256 << 10, GFP_KERNEL, &st),
	    SIM_OK);
	ck_assert_uint_gt(st.nframes, 1);
	ck_assert_int_eq(vmalloc_area_info(m, 0, &ai), 0);
	ck_assert_uint_eq(ai.nr_pages, 64);
	ck_assert_uint_eq(ai.size, 65 * 4096);
	for (i = 0; i < 64; i++) {
		ck_assert_int_eq(vmalloc_area_pfn(m, 0, i, &pfn), 0);
		runs += pfn != prev + 1;
		prev = pfn;
	}
	ck_assert_uint_eq(runs, st.nframes);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* 513 pages: the page array (4104 bytes) is itself vmalloc'ed. */
START_TEST(test_page_array_nested)
{
	struct machine		*m = boot_with("2", "64M", "0");
	struct step		 st;
	struct vmalloc_area_info ai;

	step_init(&st);
	ck_assert_int_eq(machine_vmalloc(m, 513 * 4096, GFP_KERNEL, &st),
	    SIM_OK);
	ck_assert_uint_eq(vmalloc_area_count(m), 2);
	ck_assert_int_eq(vmalloc_area_info(m, 0, &ai), 0);
	ck_assert_int_eq(ai.nested, 0);
	ck_assert_uint_eq(ai.nr_pages, 513);
	ck_assert_int_eq(vmalloc_area_info(m, 1, &ai), 0);
	ck_assert_int_eq(ai.nested, 1);
	ck_assert_uint_eq(ai.nr_pages, 2);
	ck_assert_uint_eq(ai.addr, VS + 514 * 4096);
	ck_assert_int_eq(machine_vfree(m, VS, &st), SIM_OK);
	check_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static Suite *
vmalloc_suite(void)
{
	Suite *s = suite_create("vmalloc");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_first_fit_and_guard);
	tcase_add_test(tc, test_guard_and_contents);
	tcase_add_test(tc, test_init_on_alloc_clears_vmalloc);
	tcase_add_test(tc, test_pgtable_pages_counted);
	tcase_add_test(tc, test_vmalloc_where_kmalloc_fails);
	tcase_add_test(tc, test_scattered_on_aged_machine);
	tcase_add_test(tc, test_page_array_nested);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(vmalloc_suite());
}
