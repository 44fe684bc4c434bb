# Suites for the kernel area: page tables, slab/kmalloc, vmalloc.
check_PROGRAMS += tests/check_pgtable
tests_check_pgtable_SOURCES = tests/check_pgtable.c
tests_check_pgtable_CFLAGS = $(TEST_CFLAGS)
tests_check_pgtable_LDADD = $(TEST_LIBS)
TESTS += tests/check_pgtable

check_PROGRAMS += tests/check_slab
tests_check_slab_SOURCES = tests/check_slab.c
tests_check_slab_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_slab_LDADD = $(TEST_LIBS)
TESTS += tests/check_slab
EXTRA_DIST += tests/data/slabinfo-kmalloc-6.18-2cpu.txt

check_PROGRAMS += tests/check_vmalloc
tests_check_vmalloc_SOURCES = tests/check_vmalloc.c
tests_check_vmalloc_CFLAGS = $(TEST_CFLAGS)
tests_check_vmalloc_LDADD = $(TEST_LIBS)
TESTS += tests/check_vmalloc

# memviz against real kernels: tests/kernel-probe/README.
check_PROGRAMS += tests/check_kprobe
tests_check_kprobe_SOURCES = tests/check_kprobe.c
tests_check_kprobe_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_kprobe_LDADD = $(TEST_LIBS)
TESTS += tests/check_kprobe
EXTRA_DIST += tests/kernel-probe/README tests/kernel-probe/probe-boot.sh \
	tests/kernel-probe/module/memviz_probe.c \
	tests/kernel-probe/captured/6.1-default.txt \
	tests/kernel-probe/captured/6.1-init_on_alloc0.txt \
	tests/kernel-probe/captured/6.1-init_on_free1.txt \
	tests/kernel-probe/captured/6.12-default.txt \
	tests/kernel-probe/captured/6.12-init_on_alloc0.txt \
	tests/kernel-probe/captured/6.12-init_on_free1.txt

# The kinds of kmalloc cache against real kernels (memviz_kmalloctypes.c).
check_PROGRAMS += tests/check_kmalloctypes
tests_check_kmalloctypes_SOURCES = tests/check_kmalloctypes.c
tests_check_kmalloctypes_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_kmalloctypes_LDADD = $(TEST_LIBS)
TESTS += tests/check_kmalloctypes
EXTRA_DIST += tests/kernel-probe/module/memviz_kmalloctypes.c \
	tests/kernel-probe/captured/6.1-default-kmalloctypes.txt \
	tests/kernel-probe/captured/6.12-default-kmalloctypes.txt

# Caches of one's own (kmem_cache_create) against real kernels.
check_PROGRAMS += tests/check_kmemcache
tests_check_kmemcache_SOURCES = tests/check_kmemcache.c
tests_check_kmemcache_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_kmemcache_LDADD = $(TEST_LIBS)
TESTS += tests/check_kmemcache
EXTRA_DIST += tests/kernel-probe/module/memviz_kmemcache.c \
	tests/kernel-probe/captured/6.1-default-kmemcache.txt \
	tests/kernel-probe/captured/6.1-nomerge-kmemcache.txt \
	tests/kernel-probe/captured/6.12-default-kmemcache.txt \
	tests/kernel-probe/captured/6.12-nomerge-kmemcache.txt
# Per-CPU state against real kernels booted with 2 CPUs:
# tests/kernel-probe/module/memviz_percpu.c.
check_PROGRAMS += tests/check_percpu
tests_check_percpu_SOURCES = tests/check_percpu.c
tests_check_percpu_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_percpu_LDADD = $(TEST_LIBS)
TESTS += tests/check_percpu
EXTRA_DIST += tests/kernel-probe/module/memviz_percpu.c \
	tests/kernel-probe/captured/6.1-default-percpu-128M-2cpu.txt \
	tests/kernel-probe/captured/6.12-default-percpu-128M-2cpu.txt

# memviz's zones against real q35 boots at 128M to 16G (captured/zoneinfo-*).
check_PROGRAMS += tests/check_zoneinfo
tests_check_zoneinfo_SOURCES = tests/check_zoneinfo.c
tests_check_zoneinfo_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_zoneinfo_LDADD = $(TEST_LIBS)
TESTS += tests/check_zoneinfo
EXTRA_DIST += \
	tests/kernel-probe/captured/zoneinfo-6.1-128M.txt \
	tests/kernel-probe/captured/zoneinfo-6.1-256M.txt \
	tests/kernel-probe/captured/zoneinfo-6.1-1G.txt \
	tests/kernel-probe/captured/zoneinfo-6.1-2G.txt \
	tests/kernel-probe/captured/zoneinfo-6.1-4G.txt \
	tests/kernel-probe/captured/zoneinfo-6.1-8G.txt \
	tests/kernel-probe/captured/zoneinfo-6.1-16G.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-128M.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-256M.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-1G.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-2G.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-4G.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-8G.txt \
	tests/kernel-probe/captured/zoneinfo-6.12-16G.txt
# Pageblocks and migratetypes against the real 6.1 and 6.12.
check_PROGRAMS += tests/check_pageblock
tests_check_pageblock_SOURCES = tests/check_pageblock.c
tests_check_pageblock_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_pageblock_LDADD = $(TEST_LIBS)
TESTS += tests/check_pageblock
EXTRA_DIST += tests/kernel-probe/module/memviz_pageblock.c \
	tests/kernel-probe/captured/6.1-default-pageblock.txt \
	tests/kernel-probe/captured/6.12-default-pageblock.txt \
	tests/kernel-probe/captured/6.1-default-pageblock-1G-1cpu.txt \
	tests/kernel-probe/captured/6.12-default-pageblock-1G-1cpu.txt
# MIGRATE_HIGHATOMIC reserves against the real 6.1 and 6.12.
check_PROGRAMS += tests/check_highatomic
tests_check_highatomic_SOURCES = tests/check_highatomic.c
tests_check_highatomic_CFLAGS = $(TEST_CFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)/tests"'
tests_check_highatomic_LDADD = $(TEST_LIBS)
TESTS += tests/check_highatomic
EXTRA_DIST += tests/kernel-probe/module/memviz_highatomic.c \
	tests/kernel-probe/captured/6.1-default-highatomic.txt \
	tests/kernel-probe/captured/6.12-default-highatomic.txt
# The kernel's own memory after boot (meminfo, pagetypeinfo): the sizes
# of a boot-time allocation model.
EXTRA_DIST += tests/kernel-probe/module/memviz_bootmem.c \
	tests/kernel-probe/captured/6.1-default-bootmem.txt \
	tests/kernel-probe/captured/6.12-default-bootmem.txt
