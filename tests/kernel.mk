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
