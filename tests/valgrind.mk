# `make check-valgrind`: every Check suite (the importer's among them)
# and the fuzz-corpus replay again, on automake's parallel test harness
# with valgrind memcheck as their LOG_COMPILER.  CK_FORK=no keeps each
# suite in the one process valgrind watches, so leaks and errors in the
# code under test count; any error or definite or indirect leak exits 99,
# a hard error for the harness.  MEMVIZ_TEST_QUICK runs the property
# tests on fewer seeds.  Each program's report is its usual .log; the
# summary is tests/valgrind-suite.log.  Every demo's --batch run is
# checked by make check itself (tests/valgrind-demos.sh, about 10 s).
VALGRIND_FLAGS = --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect

check-valgrind:
	@test -n "$(VALGRIND_PROG)" || { \
	  echo "check-valgrind: configure found no valgrind" \
	    "(apt-get install valgrind, then ./configure)" >&2; exit 1; }
	@list=; for t in $(TESTS); do \
	  case $$t in tests/check_*|tests/fuzz-replay) list="$$list $$t" ;; esac; \
	done; \
	echo "valgrind:$$list"; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$list" \
	    LOG_COMPILER='$(VALGRIND_PROG)' LOG_FLAGS='$(VALGRIND_FLAGS)' \
	    TESTS_ENVIRONMENT='CK_FORK=no MEMVIZ_TEST_QUICK=1; export CK_FORK MEMVIZ_TEST_QUICK;' \
	    TEST_SUITE_LOG=tests/valgrind-suite.log
.PHONY: check-valgrind
CLEANFILES += tests/valgrind-suite.log

TESTS += tests/valgrind-demos.sh
dist_noinst_SCRIPTS += tests/valgrind-demos.sh
