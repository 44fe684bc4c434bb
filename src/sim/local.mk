# src/sim: the simulated machine.  No curses, no printing, no exit().
noinst_LIBRARIES += src/sim/libsim.a
src_sim_libsim_a_SOURCES = \
	src/sim/buddy.c src/sim/buddy.h \
	src/sim/contents.c src/sim/contents.h \
	src/sim/event.c src/sim/event.h \
	src/sim/frame-state.c src/sim/frame-state.h \
	src/sim/status.c src/sim/status.h \
	src/sim/step.c src/sim/step.h \
	src/sim/gfp.c src/sim/gfp.h \
	src/sim/kmalloc.c src/sim/kmalloc.h \
	src/sim/kprofile.c src/sim/kprofile.h \
	src/sim/machine.c src/sim/machine.h src/sim/machine-priv.h \
	src/sim/pagecache.c src/sim/pagecache.h \
	src/sim/pgtable.c src/sim/pgtable.h \
	src/sim/phys.c src/sim/phys.h \
	src/sim/process.c src/sim/process.h \
	src/sim/process-mm.c src/sim/process-priv.h \
	src/sim/report.c src/sim/report.h \
	src/sim/report-kernel.c src/sim/report-maps.c \
	src/sim/slab.c src/sim/slab.h \
	src/sim/umalloc.c src/sim/umalloc.h src/sim/umalloc-priv.h \
	src/sim/umalloc-bins.c src/sim/umalloc-free.c \
	src/sim/umalloc-sys.c src/sim/umalloc-tcache.c \
	src/sim/umalloc-view.c \
	src/sim/vmalloc.c src/sim/vmalloc.h \
	src/sim/workload.c src/sim/workload.h
