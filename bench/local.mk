# `make bench`: performance figures (never a timed test).  bench.c
# measures the machine alone; bench-prog.c the interpreter, the memviz
# binary (batch, start-up, RSS) and the TUI on a pseudo-terminal.
EXTRA_PROGRAMS = bench/bench
bench_bench_SOURCES = bench/bench.c bench/bench-prog.c bench/bench.h
bench_bench_CPPFLAGS = $(AM_CPPFLAGS) \
	-DBENCH_MEMVIZ='"$(abs_builddir)/memviz$(EXEEXT)"'
bench_bench_LDADD = src/script/libscript.a src/sim/libsim.a \
	src/common/libcommon.a
CLEANFILES += bench/bench

bench: bench/bench$(EXEEXT) memviz$(EXEEXT)
	./bench/bench$(EXEEXT)
.PHONY: bench
