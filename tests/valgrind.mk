# `make check-valgrind`: every Check suite under valgrind memcheck, in one
# process (CK_FORK=no) so leaks and errors in the code under test count.
# Any error or definite leak fails the target.
VALGRIND_FLAGS = --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

check-valgrind: $(check_PROGRAMS)
	@fail=0; for t in $(check_PROGRAMS); do \
	  case $$t in tests/check_*) ;; *) continue ;; esac; \
	  echo "valgrind: $$t"; \
	  CK_FORK=no MEMVIZ_TEST_QUICK=1 valgrind $(VALGRIND_FLAGS) ./$$t \
	    >$$t.valgrind.log 2>&1 || { fail=1; tail -30 $$t.valgrind.log; }; \
	done; test $$fail = 0
.PHONY: check-valgrind
CLEANFILES += tests/*.valgrind.log
