# Suites for src/import: the importer's own checks, and every real
# trace under tests/import imported to its expected script, which must
# pass --check and run in --batch.
check_PROGRAMS += tests/check_import
tests_check_import_SOURCES = tests/check_import.c
tests_check_import_CFLAGS = $(TEST_CFLAGS) \
	-DTEST_IMPORTDIR='"$(abs_top_srcdir)/tests/import"'
tests_check_import_LDADD = src/import/libimport.a $(TEST_LIBS)
TESTS += tests/check_import tests/import.sh
dist_noinst_SCRIPTS += tests/import.sh
EXTRA_DIST += tests/import

# Regenerates tests/import/*.mvs and *.err from the traces, on purpose.
import-expected: memviz
	GENERATE=1 srcdir=$(srcdir) $(SHELL) $(srcdir)/tests/import.sh
.PHONY: import-expected

# Real programs' malloc calls, logged by the LD_PRELOAD shim in
# tests/preload (its README says how to capture more), replayed: every
# pointer must land where glibc put it.
TESTS += tests/preload.sh tests/heap-lessons.sh
dist_noinst_SCRIPTS += tests/preload.sh tests/heap-lessons.sh
EXTRA_DIST += tests/preload
