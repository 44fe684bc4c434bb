# Robustness: the fuzz targets for the script language
# (tests/fuzz-script.c), the importers (tests/fuzz-import.c) and the
# keyboard and mouse (tests/fuzz-keys.c), and the whole-program limits
# (tests/limits.sh).
#
# Every build replays each target's corpus through it in `make check`
# with a small driver (tests/fuzz-replay.c), so CI, and its sanitizer
# build, catch a regression on any input that once broke memviz.
# `./configure --enable-fuzz CC=clang` also builds tests/fuzz-script,
# tests/fuzz-import and tests/fuzz-keys, libFuzzer binaries whose code is
# all compiled with the fuzzer's coverage and ASan/UBSan;
# `make fuzz FUZZ_TARGET=import FUZZ_TIME=600` runs one (never in CI).
check_PROGRAMS += tests/fuzz-replay
tests_fuzz_replay_SOURCES = tests/fuzz-replay.c tests/fuzz-script.c
tests_fuzz_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SRCDIR='"$(abs_top_srcdir)"'
tests_fuzz_replay_LDADD = src/script/libscript.a src/sim/libsim.a \
	src/common/libcommon.a
TESTS += tests/fuzz-replay
EXTRA_DIST += tests/fuzz-corpus tests/fuzz.dict

check_PROGRAMS += tests/fuzz-replay-import
tests_fuzz_replay_import_SOURCES = tests/fuzz-replay.c tests/fuzz-import.c
tests_fuzz_replay_import_CPPFLAGS = $(tests_fuzz_replay_CPPFLAGS)
tests_fuzz_replay_import_LDADD = src/import/libimport.a \
	$(tests_fuzz_replay_LDADD)
TESTS += tests/fuzz-replay-import

check_PROGRAMS += tests/fuzz-replay-keys
tests_fuzz_replay_keys_SOURCES = tests/fuzz-replay.c tests/fuzz-keys.c
tests_fuzz_replay_keys_CPPFLAGS = $(tests_fuzz_replay_CPPFLAGS) \
	$(CURSES_CFLAGS)
tests_fuzz_replay_keys_LDADD = src/ui/libui.a $(tests_fuzz_replay_LDADD) \
	$(CURSES_LIBS)
TESTS += tests/fuzz-replay-keys

# Whole-program limits: huge, deep and broken scripts end with a clear
# message and the documented exit status (tests/limits.sh runs ./memviz).
TESTS += tests/limits.sh
dist_noinst_SCRIPTS += tests/limits.sh

FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_TIME = 300
# -timeout: a script at the 1,000,000-statement limit is checked in
# about 1 s by a normal build, 10 s or more with coverage and ASan.
FUZZ_ARGS = -timeout=30 -detect_leaks=1 \
	-max_len=4096 -max_total_time=$(FUZZ_TIME)
FUZZ_SEEDS = $(srcdir)/tests/fuzz-corpus $(srcdir)/data/demos \
	$(srcdir)/tests/bad

if ENABLE_FUZZ
# The libraries' sources again, built with the fuzzer's instrumentation.
FUZZ_LIB_SOURCES = $(src_script_libscript_a_SOURCES) \
	$(src_sim_libsim_a_SOURCES) $(src_common_libcommon_a_SOURCES)
noinst_PROGRAMS = tests/fuzz-script tests/fuzz-import tests/fuzz-keys
tests_fuzz_script_SOURCES = tests/fuzz-script.c $(FUZZ_LIB_SOURCES)
tests_fuzz_script_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_script_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_import_SOURCES = tests/fuzz-import.c \
	$(src_import_libimport_a_SOURCES) $(FUZZ_LIB_SOURCES)
tests_fuzz_import_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_import_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_keys_SOURCES = tests/fuzz-keys.c src/ui/prompt.c \
	src/ui/keymap.c $(FUZZ_LIB_SOURCES)
tests_fuzz_keys_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS) $(CURSES_CFLAGS)
tests_fuzz_keys_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_keys_LDADD = $(CURSES_LIBS)

# FUZZ_TARGET is script, import or keys; each starts from its corpus
# (the script target from the demos and the bad scripts too, with the
# language's words).  New inputs go to tests/fuzz-work-TARGET (not
# distributed); crashes to ./.
FUZZ_TARGET = script
fuzz: tests/fuzz-$(FUZZ_TARGET)$(EXEEXT)
	@mkdir -p tests/fuzz-work-$(FUZZ_TARGET)
	case $(FUZZ_TARGET) in \
	script) seeds="-dict=$(srcdir)/tests/fuzz.dict $(FUZZ_SEEDS)" ;; \
	*) seeds=$(srcdir)/tests/fuzz-corpus/$(FUZZ_TARGET) ;; \
	esac; \
	UBSAN_OPTIONS=print_stacktrace=1 \
	    ./tests/fuzz-$(FUZZ_TARGET)$(EXEEXT) $(FUZZ_ARGS) \
	    tests/fuzz-work-$(FUZZ_TARGET) $$seeds
else
fuzz:
	@echo "make fuzz: configure with --enable-fuzz CC=clang first" >&2
	@exit 1
endif
.PHONY: fuzz
