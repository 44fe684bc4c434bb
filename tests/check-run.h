/*
 * check-run.h - runs one Check suite and turns its result into the exit
 * status the automake test driver reads; every tests/check_*.c ends in it.
 */
#ifndef MEMVIZ_TESTS_CHECK_RUN_H
#define MEMVIZ_TESTS_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int
check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
