# Robustness: the fuzz target for the script language
# (tests/fuzz-script.c) and the whole-program limits (tests/limits.sh).
#
# Every build replays the corpus through the target in `make check`
# with a small driver (tests/fuzz-replay.c), so CI, and its sanitizer
# build, catch a regression on any input that once broke memviz.
# `./configure --enable-fuzz CC=clang` also builds tests/fuzz-script, a
# libFuzzer binary whose code is all compiled with the fuzzer's coverage
# and ASan/UBSan; `make fuzz FUZZ_TIME=600` runs it (never part of CI).
check_PROGRAMS += tests/fuzz-replay
tests_fuzz_replay_SOURCES = tests/fuzz-replay.c tests/fuzz-script.c
tests_fuzz_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SRCDIR='"$(abs_top_srcdir)"'
tests_fuzz_replay_LDADD = src/script/libscript.a src/sim/libsim.a \
	src/common/libcommon.a
TESTS += tests/fuzz-replay
EXTRA_DIST += tests/fuzz-corpus tests/fuzz.dict

# Whole-program limits: huge, deep and broken scripts end with a clear
# message and the documented exit status (tests/limits.sh runs ./memviz).
TESTS += tests/limits.sh
dist_noinst_SCRIPTS += tests/limits.sh

FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_TIME = 300
# -timeout: a script at the 1,000,000-statement limit is checked in
# about 1 s by a normal build, 10 s or more with coverage and ASan.
FUZZ_ARGS = -dict=$(srcdir)/tests/fuzz.dict -timeout=30 -detect_leaks=1 \
	-max_len=4096 -max_total_time=$(FUZZ_TIME)
FUZZ_SEEDS = $(srcdir)/tests/fuzz-corpus $(srcdir)/data/demos \
	$(srcdir)/tests/bad

if ENABLE_FUZZ
# The libraries' sources again, built with the fuzzer's instrumentation.
noinst_PROGRAMS = tests/fuzz-script
tests_fuzz_script_SOURCES = tests/fuzz-script.c \
	$(src_script_libscript_a_SOURCES) $(src_sim_libsim_a_SOURCES) \
	$(src_common_libcommon_a_SOURCES)
tests_fuzz_script_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_script_LDFLAGS = $(FUZZ_CFLAGS)

# New inputs go to tests/fuzz-work (not distributed); crashes to ./.
fuzz: tests/fuzz-script$(EXEEXT)
	@mkdir -p tests/fuzz-work
	UBSAN_OPTIONS=print_stacktrace=1 ./tests/fuzz-script$(EXEEXT) \
	    $(FUZZ_ARGS) tests/fuzz-work $(FUZZ_SEEDS)
else
fuzz:
	@echo "make fuzz: configure with --enable-fuzz CC=clang first" >&2
	@exit 1
endif
.PHONY: fuzz
