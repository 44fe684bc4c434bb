/*
 * check_pgtable.c - x86-64 4-level page tables kept in simulated frames.
 *
 * The index split (39/30/21/12, 9 bits each) is PGDIR_SHIFT, PUD_SHIFT,
 * PMD_SHIFT and PAGE_SHIFT of arch/x86/include/asm/pgtable_64_types.h;
 * the vmalloc base 0xffffc90000000000 has PGD index 402 and zero below
 * it.
 */
#include <check.h>
#include <stdlib.h>

#include "sim/machine.h"
#include "sim/machine-priv.h"
#include "sim/kernel/pgtable.h"
#include "sim/page/phys.h"
#include "check-run.h"
#include "check-sim.h"

#define VM_BASE 0xffffc90000000000ull

START_TEST(test_tables_allocated_on_demand)
{
	struct machine *m = check_boot(NULL);
	struct step	st;
	struct pgtable *pt;
	uint64_t	before = phys_count(m, FO_PGTABLE), pfn;

	step_init(&st);
	m->st = &st;
	pt = pgtable_create(m, GFP_KERNEL);
	ck_assert_ptr_nonnull(pt);
	ck_assert_uint_eq(pgtable_pages(pt), 1);
	ck_assert_uint_eq(check_count_events(&st, EV_PGTABLE), 1);
	step_reset(&st);
	/* First mapping needs a PUD, a PMD and a PTE page. */
	ck_assert_int_eq(pgtable_map(m, pt, VM_BASE, 100, GFP_KERNEL), SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_PGTABLE), 3);
	ck_assert_uint_eq(check_count_events(&st, EV_PTE_SET), 1);
	ck_assert_uint_eq(pgtable_pages(pt), 4);
	/* The next page in the same 2 MiB shares the PTE page. */
	step_reset(&st);
	ck_assert_int_eq(pgtable_map(m, pt, VM_BASE + 4096, 200, GFP_KERNEL),
	    SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_PGTABLE), 0);
	/* The next 2 MiB needs only a new PTE page. */
	step_reset(&st);
	ck_assert_int_eq(pgtable_map(m, pt, VM_BASE + (2ull << 20), 300,
			     GFP_KERNEL),
	    SIM_OK);
	ck_assert_uint_eq(check_count_events(&st, EV_PGTABLE), 1);
	ck_assert_uint_eq(check_find_event(&st, EV_PGTABLE)->aux,
	    1); /* PTE page */
	ck_assert_uint_eq(check_find_event(&st, EV_PGTABLE)->addr,
	    VM_BASE + (2ull << 20));
	ck_assert_uint_eq(pgtable_pages(pt), 5);
	ck_assert_uint_eq(phys_count(m, FO_PGTABLE), before + 5);
	ck_assert_int_eq(pgtable_lookup(m, pt, VM_BASE + 4096 + 17, &pfn), 0);
	ck_assert_uint_eq(pfn, 200);
	ck_assert_int_eq(pgtable_lookup(m, pt, VM_BASE + 8192, &pfn), -1);
	pgtable_destroy(m, pt);
	ck_assert_uint_eq(phys_count(m, FO_PGTABLE), before);
	m->st = &m->quiet;
	step_free(&st);
	machine_destroy(m);
}
END_TEST

/* The entries are in the frames' bytes: index 402 of the PGD, then 0. */
START_TEST(test_entries_in_frame_bytes)
{
	struct machine *m = check_boot(NULL);
	struct pgtable *pt = pgtable_create(m, GFP_KERNEL);
	uint64_t	e, pud, pmd, pte, pfn;
	char	       *cause = NULL;

	ck_assert_int_eq(pgtable_map(m, pt, VM_BASE + 5 * 4096, 0x1234,
			     GFP_KERNEL),
	    SIM_OK);
	e = phys_read_u64(m, pfn_to_phys(pgtable_pgd_pfn(pt)) + 402 * 8);
	ck_assert_uint_eq(e & 1, 1);	     /* _PAGE_PRESENT */
	ck_assert_uint_eq(e & 0xfff, 0x063); /* _KERNPG_TABLE */
	pud = (e & 0x000ffffffffff000ull) >> 12;
	ck_assert_uint_eq(phys_frame(m, pud)->owner, FO_PGTABLE);
	pmd = (phys_read_u64(m, pfn_to_phys(pud)) >> 12) & 0xffffffffffull;
	pte = (phys_read_u64(m, pfn_to_phys(pmd)) >> 12) & 0xffffffffffull;
	e = phys_read_u64(m, pfn_to_phys(pte) + 5 * 8);
	ck_assert_uint_eq((e >> 12) & 0xffffffffffull, 0x1234);
	ck_assert_uint_eq(e >> 63, 1); /* NX */
	ck_assert_int_eq(pgtable_entry(m, pt, VM_BASE + 5 * 4096, 1, &e), 0);
	ck_assert_uint_eq((e >> 12) & 0xffffffffffull, 0x1234);
	/* Corrupt the PTE in memory: the walk believes the bytes. */
	phys_write_u64(m, pfn_to_phys(pte) + 5 * 8, (0x777ull << 12) | 0x63);
	ck_assert_int_eq(pgtable_lookup(m, pt, VM_BASE + 5 * 4096, &pfn), 0);
	ck_assert_uint_eq(pfn, 0x777);
	ck_assert_int_eq(pgtable_unmap(m, pt, VM_BASE + 5 * 4096, &pfn), 0);
	ck_assert_uint_eq(pfn, 0x777);
	ck_assert_int_eq(pgtable_lookup(m, pt, VM_BASE + 5 * 4096, &pfn), -1);
	ck_assert_int_eq(pgtable_unmap(m, pt, VM_BASE + 5 * 4096, &pfn), -1);
	pgtable_destroy(m, pt);
	ck_assert_msg(machine_check(m, &cause) == 0, "%s", cause);
	machine_destroy(m);
}
END_TEST

/* User addresses: _PAGE_USER at every level; non-canonical refused. */
START_TEST(test_user_and_noncanonical)
{
	struct machine *m = check_boot(NULL);
	struct pgtable *pt = pgtable_create(m, GFP_KERNEL);
	uint64_t	e;

	ck_assert_int_eq(pgtable_map(m, pt, 0x7ffff7dd3000ull, 42, GFP_KERNEL),
	    SIM_OK);
	ck_assert_int_eq(pgtable_entry(m, pt, 0x7ffff7dd3000ull, 4, &e), 0);
	ck_assert_uint_eq(e & 0xfff, 0x067); /* _PAGE_TABLE */
	ck_assert_uint_eq(phys_read_u64(m,
			      pfn_to_phys(pgtable_pgd_pfn(pt)) + 255 * 8),
	    e);
	ck_assert_int_eq(pgtable_entry(m, pt, 0x7ffff7dd3000ull, 1, &e), 0);
	ck_assert_uint_eq(e & 4, 4);
	ck_assert_int_eq(pgtable_map(m, pt, 0x0000900000000000ull, 42,
			     GFP_KERNEL),
	    SIM_EFAULT);
	ck_assert_int_eq(pgtable_lookup(m, pt, 0x0000900000000000ull, &e), -1);
	pgtable_destroy(m, pt);
	machine_destroy(m);
}
END_TEST

static Suite *
pgtable_suite(void)
{
	Suite *s = suite_create("pgtable");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_tables_allocated_on_demand);
	tcase_add_test(tc, test_entries_in_frame_bytes);
	tcase_add_test(tc, test_user_and_noncanonical);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(pgtable_suite());
}
