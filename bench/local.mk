# `make bench`: performance figures (never a timed test).
EXTRA_PROGRAMS = bench/bench
bench_bench_SOURCES = bench/bench.c
bench_bench_LDADD = src/sim/libsim.a src/common/libcommon.a
CLEANFILES += bench/bench

bench: bench/bench$(EXEEXT)
	./bench/bench$(EXEEXT)
.PHONY: bench
