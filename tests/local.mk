# Tests: one Check suite per module, golden batch outputs, the tmux test.
# Each area keeps its own fragment so its suites are listed beside it.
TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LIBS = tests/libchecksim.a src/script/libscript.a src/sim/libsim.a \
	src/common/libcommon.a $(CHECK_LIBS)

# Every suite's main() ends in check_run(); the helpers the suites share
# (boot a machine, assert its invariants, count events, parse a script)
# are built once, into a library only make check builds.
noinst_HEADERS = tests/check-run.h
check_LIBRARIES = tests/libchecksim.a
tests_libchecksim_a_SOURCES = tests/check-sim.c tests/check-sim.h
tests_libchecksim_a_CFLAGS = $(TEST_CFLAGS)

# The programs configure found, for the shell tests that drive them.
AM_TESTS_ENVIRONMENT = TMUX_PROG='$(TMUX_PROG)' GROFF_PROG='$(GROFF_PROG)'; \
	export TMUX_PROG GROFF_PROG;

# The layers call only down: src/sim and src/script never see curses or
# src/ui, src/sim never sees src/script, prints or exits.
TESTS += tests/layering.sh
dist_noinst_SCRIPTS += tests/layering.sh

include tests/sim.mk
include tests/kernel.mk
include tests/user.mk
include tests/script.mk
include tests/ui.mk
include tests/import.mk
include tests/valgrind.mk
include tests/fuzz.mk
