# Tests: one Check suite per module, golden batch outputs, the tmux test.
TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LIBS = src/script/libscript.a src/sim/libsim.a src/common/libcommon.a \
	$(CHECK_LIBS)

check_PROGRAMS += tests/check_buddy
tests_check_buddy_SOURCES = tests/check_buddy.c
tests_check_buddy_CFLAGS = $(TEST_CFLAGS)
tests_check_buddy_LDADD = $(TEST_LIBS)
TESTS += tests/check_buddy
