# src/sim: the simulated machine.  No curses, no printing, no exit().
# Three layers, each calling only down, as mm/ is split: page/ (frames,
# buddy, the page cache), kernel/ (page tables, slab, kmalloc, vmalloc)
# and user/ (one process and its glibc malloc); machine.c on top owns them
# all, and event, step, status and rng sit beside it for every layer.
noinst_LIBRARIES += src/sim/libsim.a
src_sim_libsim_a_SOURCES = \
	src/sim/checkpoint.c \
	src/sim/event.c src/sim/event.h \
	src/sim/machine.c src/sim/machine.h src/sim/machine-priv.h \
	src/sim/machine-config.c \
	src/sim/report.h \
	src/sim/rng.c src/sim/rng.h \
	src/sim/status.c src/sim/status.h \
	src/sim/step.c src/sim/step.h \
	src/sim/page/buddy.c src/sim/page/buddy.h \
	src/sim/page/pageblock.c src/sim/page/pageblock.h \
	src/sim/page/report-pagetypeinfo.c \
	src/sim/page/contents.c src/sim/page/contents.h \
	src/sim/page/frame-state.c src/sim/page/frame-state.h \
	src/sim/page/gfp.c src/sim/page/gfp.h \
	src/sim/page/init-on.c src/sim/page/init-on.h \
	src/sim/page/thp.c src/sim/page/thp.h \
	src/sim/page/highatomic.c src/sim/page/highatomic.h \
	src/sim/page/bootmem.c src/sim/page/bootmem.h \
	src/sim/page/memblock.c src/sim/page/memblock.h \
	src/sim/page/e820.c src/sim/page/e820.h \
	src/sim/page/overcommit.c src/sim/page/overcommit.h \
	src/sim/page/pagecache.c src/sim/page/pagecache.h \
	src/sim/page/pcp.c src/sim/page/pcp.h \
	src/sim/page/vmstat.c src/sim/page/vmstat.h \
	src/sim/page/phys.c src/sim/page/phys.h \
	src/sim/page/report-page.c \
	src/sim/page/unaligned.h \
	src/sim/page/workload.c src/sim/page/workload.h \
	src/sim/kernel/directmap.h \
	src/sim/kernel/freelist.c src/sim/kernel/freelist.h \
	src/sim/kernel/kmalloc.c src/sim/kernel/kmalloc.h \
	src/sim/kernel/kprofile.c src/sim/kernel/kprofile.h \
	src/sim/kernel/pgtable.c src/sim/kernel/pgtable.h \
	src/sim/kernel/report-kernel.c \
	src/sim/kernel/slab.c src/sim/kernel/slab.h \
	src/sim/kernel/slab-common.c src/sim/kernel/slab-common.h \
	src/sim/kernel/vmalloc.c src/sim/kernel/vmalloc.h \
	src/sim/user/process.c src/sim/user/process.h \
	src/sim/user/process-mm.c src/sim/user/process-priv.h \
	src/sim/user/report-maps.c \
	src/sim/user/umalloc.c src/sim/user/umalloc.h \
	src/sim/user/umalloc-priv.h \
	src/sim/user/umalloc-bins.c src/sim/user/umalloc-free.c \
	src/sim/user/umalloc-sys.c src/sim/user/umalloc-tcache.c \
	src/sim/user/umalloc-memalign.c src/sim/user/umalloc-mallopt.c \
	src/sim/user/umalloc-trim.c src/sim/user/umalloc-arena.c \
	src/sim/user/umalloc-view.c src/sim/user/umalloc-thread.c \
	src/sim/user/umalloc-tunables.c
