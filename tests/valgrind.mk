# `make check-valgrind`: every Check suite under valgrind memcheck, in one
# process (CK_FORK=no) so leaks and errors in the code under test count.
# Any error or definite leak fails the target.  MEMVIZ_TEST_QUICK runs
# the property tests on fewer seeds.  The corpus replay (fuzz-replay)
# runs here too; every demo's --batch run is checked by make check
# itself (tests/valgrind-demos.sh, about 10 s).
VALGRIND_FLAGS = --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

check-valgrind: $(check_PROGRAMS)
	@fail=0; for t in $(check_PROGRAMS); do \
	  case $$t in tests/check_*|tests/fuzz-replay) ;; *) continue ;; esac; \
	  echo "valgrind: $$t"; \
	  CK_FORK=no MEMVIZ_TEST_QUICK=1 valgrind $(VALGRIND_FLAGS) ./$$t \
	    >$$t.valgrind.log 2>&1 || { fail=1; tail -30 $$t.valgrind.log; }; \
	done; test $$fail = 0
.PHONY: check-valgrind
CLEANFILES += tests/*.valgrind.log

TESTS += tests/valgrind-demos.sh
dist_noinst_SCRIPTS += tests/valgrind-demos.sh
