# Suites for the kernel area: page tables, slab/kmalloc, vmalloc.
check_PROGRAMS += tests/check_pgtable
tests_check_pgtable_SOURCES = tests/check_pgtable.c
tests_check_pgtable_CFLAGS = $(TEST_CFLAGS)
tests_check_pgtable_LDADD = $(TEST_LIBS)
TESTS += tests/check_pgtable
