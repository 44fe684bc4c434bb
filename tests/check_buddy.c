/*
 * check_buddy.c - the buddy allocator: boot state, splits, merges.
 */
#include <check.h>
#include <stdlib.h>

#include "sim/buddy.h"
#include "sim/machine.h"
#include "sim/phys.h"

static struct machine *
boot(const char *ram)
{
	struct machine_config cfg;
	char *cause = NULL;
	struct machine *m;

	machine_config_default(&cfg);
	ck_assert_int_eq(machine_config_set(&cfg, "ram", ram, &cause), 0);
	m = machine_create(&cfg, &cause);
	ck_assert_msg(m != NULL, "%s", cause);
	return m;
}

static void
assert_consistent(struct machine *m)
{
	char *cause = NULL;

	ck_assert_msg(machine_check(m, &cause) == 0, "%s", cause);
}

START_TEST(test_boot_consistent)
{
	struct machine *m = boot("64M");

	assert_consistent(m);
	ck_assert_uint_eq(phys_nframes(m), 16384);
	machine_destroy(m);
}
END_TEST

/* An order-0 request from a fresh zone splits the lowest order-10 block
 * down: P+512 at 9, ..., P+1 at 0, and returns P (mm/page_alloc.c expand). */
START_TEST(test_split_keeps_lower_half)
{
	struct machine *m = boot("64M");
	struct step st;
	size_t i, splits = 0;

	step_init(&st);
	ck_assert_int_eq(machine_get_free_pages(m, GFP_KERNEL, 0, &st), SIM_OK);
	for (i = 0; i < st.nev; i++) {
		if (st.ev[i].kind == EV_SPLIT)
			splits++;
	}
	ck_assert_uint_gt(splits, 0);
	ck_assert_uint_eq(st.nframes, 1);
	assert_consistent(m);
	ck_assert_int_eq(machine_free_pages(m, st.addr, 0, &st), SIM_OK);
	assert_consistent(m);
	step_free(&st);
	machine_destroy(m);
}
END_TEST

static Suite *
buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_boot_consistent);
	tcase_add_test(tc, test_split_keeps_lower_half);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(buddy_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
