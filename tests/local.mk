# Tests: one Check suite per module, golden batch outputs, the tmux test.
# Each area keeps its own fragment so its suites are listed beside it.
TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LIBS = src/script/libscript.a src/sim/libsim.a src/common/libcommon.a \
	$(CHECK_LIBS)

# Every suite's main() ends in check_run().
noinst_HEADERS = tests/check-run.h

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
