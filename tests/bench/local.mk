# `make bench`: performance figures (never a timed test).  bench.c
# measures the machine alone; bench-prog.c the interpreter, the memviz
# binary (batch, start-up, RSS) and the TUI on a pseudo-terminal.
EXTRA_PROGRAMS = tests/bench/bench
tests_bench_bench_SOURCES = tests/bench/bench.c tests/bench/bench-prog.c \
	tests/bench/bench-names.c tests/bench/bench-scale.c tests/bench/bench.h
tests_bench_bench_CPPFLAGS = $(AM_CPPFLAGS) \
	-DBENCH_MEMVIZ='"$(abs_builddir)/memviz$(EXEEXT)"'
tests_bench_bench_LDADD = src/script/libscript.a src/sim/libsim.a \
	src/common/libcommon.a
CLEANFILES += tests/bench/bench

EXTRA_DIST += tests/bench/seek.sh

bench: tests/bench/bench$(EXEEXT) memviz$(EXEEXT)
	./tests/bench/bench$(EXEEXT)
	MEMVIZ=$(abs_builddir)/memviz$(EXEEXT) $(SHELL) $(srcdir)/tests/bench/seek.sh
.PHONY: bench
