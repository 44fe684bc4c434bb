# Suites for the kernel area: page tables, slab/kmalloc, vmalloc.
check_PROGRAMS += tests/check_pgtable
tests_check_pgtable_SOURCES = tests/check_pgtable.c
tests_check_pgtable_CFLAGS = $(TEST_CFLAGS)
tests_check_pgtable_LDADD = $(TEST_LIBS)
TESTS += tests/check_pgtable

check_PROGRAMS += tests/check_slab
tests_check_slab_SOURCES = tests/check_slab.c
tests_check_slab_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_slab_LDADD = $(TEST_LIBS)
TESTS += tests/check_slab
EXTRA_DIST += tests/data/slabinfo-kmalloc-6.18-2cpu.txt

check_PROGRAMS += tests/check_vmalloc
tests_check_vmalloc_SOURCES = tests/check_vmalloc.c
tests_check_vmalloc_CFLAGS = $(TEST_CFLAGS)
tests_check_vmalloc_LDADD = $(TEST_LIBS)
TESTS += tests/check_vmalloc
