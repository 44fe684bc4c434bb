/*
 * check_overcommit.c - huge requests: the work they cost, and whether
 * the kernel lets them be mapped (vm.overcommit_memory 0, 1 and 2).
 *
 * The cost is asserted as work done, never as time: every range walk of
 * an operation adds the pages or index slots it visits to
 * process_pages_walked(), and a 60000 GiB mapping with a few pages
 * touched must cost a few hundred of them, not 15 billion.  The
 * outcomes under mode 0 are those of the real glibc 2.36 on a Linux
 * 6.x kernel in its default mode: strace of malloc(1ull << 45) shows
 * mmap, then brk, then glibc's mmap fallback refused with ENOMEM, and
 * malloc returning NULL with errno ENOMEM; calloc(1M, 1M) is NULL; a
 * realloc(p, 16 TiB) is NULL and p stays allocated.
 */
#include <check.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine.h"
#include "sim/user/process.h"
#include "check-run.h"

#define OC_TB (1ull << 40)
#define OC_GB (1ull << 30)
/* Generous: a few pages touched and a page index of 256 slots. */
#define OC_WORK_BOUND 5000

static struct machine *oc_m;
static struct step     oc_st;

static void
oc_boot(uint64_t ram, unsigned mode, unsigned ratio)
{
	struct machine_config cfg;
	char		     *cause = NULL;

	machine_config_default(&cfg);
	cfg.ram = ram;
	cfg.overcommit_memory = mode;
	cfg.overcommit_ratio = ratio;
	oc_m = machine_create(&cfg, &cause);
	ck_assert_msg(oc_m != NULL, "%s", cause);
	step_init(&oc_st);
}

static void
oc_teardown(void)
{
	char *cause = NULL;

	ck_assert_msg(machine_check(oc_m, &cause) == 0, "%s", cause);
	step_free(&oc_st);
	machine_destroy(oc_m);
}

/* The value of a /proc/meminfo line, in kB. */
static uint64_t
oc_meminfo(const char *label)
{
	struct sbuf b = SBUF_INIT;
	char	   *cause = NULL;
	const char *at;
	uint64_t    v;

	ck_assert_int_eq(machine_show(oc_m, "meminfo", &b, &cause), 0);
	at = strstr(sbuf_str(&b), label);
	ck_assert_msg(at != NULL, "meminfo lacks %s", label);
	v = strtoull(at + strlen(label), NULL, 10);
	sbuf_free(&b);
	return v;
}

/* How many EV_FAIL events the last step has: refused system calls. */
static size_t
oc_fails(void)
{
	size_t i, n = 0;

	for (i = 0; i < oc_st.nev; i++)
		n += oc_st.ev[i].kind == EV_FAIL;
	return n;
}

/* Mode 1 maps anything; the work is the pages touched, not the size. */
START_TEST(test_huge_mapping_costs_what_it_touches)
{
	uint64_t w0, p, size = 20000 * OC_GB;

	oc_boot(16ull << 20, 1, 50);
	w0 = process_pages_walked(oc_m);
	ck_assert_int_eq(machine_malloc(oc_m, size, &oc_st), SIM_OK);
	p = oc_st.addr;
	ck_assert_uint_ge(oc_st.size, size);
	ck_assert_int_eq(machine_write(oc_m, p, 8, NULL, 0, &oc_st), SIM_OK);
	ck_assert_int_eq(machine_write(oc_m, p + size - 8, 8, NULL, 0, &oc_st),
	    SIM_OK);
	/* realloc moves or grows it with mremap: only the touched pages
	 * travel. */
	ck_assert_int_eq(machine_realloc(oc_m, p, 2 * size, &oc_st), SIM_OK);
	p = oc_st.addr;
	ck_assert_int_eq(machine_calloc(oc_m, 9999999994ull, 64, &oc_st),
	    SIM_OK);
	ck_assert_int_eq(machine_free(oc_m, oc_st.addr, &oc_st), SIM_OK);
	/* A bad free kills the process; the next call tears the old one
	 * down (with its huge mapping) and starts again. */
	machine_free(oc_m, p + 8, &oc_st);
	ck_assert_int_eq(oc_st.status, SIM_ABORT);
	ck_assert_int_eq(machine_malloc(oc_m, 10, &oc_st), SIM_OK);
	ck_assert_uint_lt(process_pages_walked(oc_m) - w0, OC_WORK_BOUND);
}
END_TEST

/* A size overwritten by the program (issue 19's reproducer): the
 * tcache serves the chunk unchecked, as glibc does, at no cost; free()
 * then reads the NON_MAIN_ARENA heap_info at an unmapped address and
 * dies of SIGSEGV, as the real program does. */
START_TEST(test_overwritten_size_is_cheap)
{
	uint64_t w0, n1, n2;

	oc_boot(16ull << 20, 0, 50);
	w0 = process_pages_walked(oc_m);
	ck_assert_int_eq(machine_malloc(oc_m, 163, &oc_st), SIM_OK);
	n1 = oc_st.addr;
	ck_assert_int_eq(machine_realloc(oc_m, n1, 7, &oc_st), SIM_OK);
	n2 = oc_st.addr;
	ck_assert_uint_eq(n2, n1);
	ck_assert_int_eq(machine_write(oc_m, n2 + 15, 64, NULL, 0, &oc_st),
	    SIM_OK);
	ck_assert_int_eq(machine_malloc(oc_m, 128, &oc_st), SIM_OK);
	ck_assert_uint_eq(oc_st.addr, n2 + 0x20);
	ck_assert_uint_lt(process_pages_walked(oc_m) - w0, OC_WORK_BOUND);
	machine_free(oc_m, oc_st.addr, &oc_st);
	ck_assert_int_eq(oc_st.status, SIM_ABORT);
	ck_assert_str_eq(oc_st.reason, "Segmentation fault");
}
END_TEST

/* Mode 0: one request larger than RAM fails, each smaller one passes. */
START_TEST(test_heuristic_refuses_more_than_ram)
{
	uint64_t sizes[] = { 1ull << 45, OC_TB, 40 * OC_GB, 20ull << 20 };
	size_t	 i;

	oc_boot(16ull << 20, 0, 50);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		ck_assert_int_eq(machine_malloc(oc_m, sizes[i], &oc_st),
		    SIM_ENOMEM);
		ck_assert_uint_eq(oc_st.addr, 0);
		/* glibc tried mmap, brk and the mmap fallback. */
		ck_assert_uint_eq(oc_fails(), 3);
	}
	ck_assert_int_eq(machine_calloc(oc_m, 1u << 20, 1u << 20, &oc_st),
	    SIM_ENOMEM);
	/* 8 MiB at a time fits under 16 MiB of RAM, again and again. */
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(machine_malloc(oc_m, 8ull << 20, &oc_st),
		    SIM_OK);
}
END_TEST

/* A realloc that cannot be had returns NULL and keeps the block. */
START_TEST(test_failed_realloc_keeps_the_block)
{
	static const char msg[] = "kept";
	uint64_t	  p;
	char		  buf[4];

	oc_boot(64ull << 20, 0, 50);
	ck_assert_int_eq(machine_malloc(oc_m, 100, &oc_st), SIM_OK);
	p = oc_st.addr;
	ck_assert_int_eq(machine_write(oc_m, p, 4, msg, 4, &oc_st), SIM_OK);
	ck_assert_int_eq(machine_realloc(oc_m, p, 16 * OC_TB, &oc_st),
	    SIM_ENOMEM);
	ck_assert_uint_eq(oc_st.addr, 0);
	ck_assert_int_eq(machine_read(oc_m, p, 4, buf, 4, &oc_st), SIM_OK);
	ck_assert_int_eq(memcmp(buf, msg, 4), 0);
	/* No double free: p is still the program's to free. */
	ck_assert_int_eq(machine_free(oc_m, p, &oc_st), SIM_OK);
	/* The same for a mmapped block, which mremap cannot grow. */
	ck_assert_int_eq(machine_malloc(oc_m, 1ull << 20, &oc_st), SIM_OK);
	p = oc_st.addr;
	ck_assert_int_eq(machine_realloc(oc_m, p, 16 * OC_TB, &oc_st),
	    SIM_ENOMEM);
	ck_assert_int_eq(machine_free(oc_m, p, &oc_st), SIM_OK);
}
END_TEST

/* meminfo: CommitLimit = MemTotal * ratio / 100; Committed_AS moves
 * with every mapping and comes back when it goes. */
START_TEST(test_meminfo_commit_lines)
{
	uint64_t total, c0, p;

	oc_boot(64ull << 20, 0, 30);
	total = oc_meminfo("MemTotal:");
	ck_assert_uint_eq(oc_meminfo("CommitLimit:"), total / 4 * 30 / 100 * 4);
	c0 = oc_meminfo("Committed_AS:");
	/* The exec'ed layout: its private writable mappings and stack. */
	ck_assert_uint_eq(c0, 224);
	ck_assert_int_eq(machine_malloc(oc_m, 1ull << 20, &oc_st), SIM_OK);
	p = oc_st.addr;
	/* The mapping (1 MiB + a page) and the first heap (0x21000). */
	ck_assert_uint_eq(oc_meminfo("Committed_AS:"), c0 + 1024 + 4 + 132);
	ck_assert_int_eq(machine_free(oc_m, p, &oc_st), SIM_OK);
	ck_assert_uint_eq(oc_meminfo("Committed_AS:"), c0 + 132);
}
END_TEST

/* Mode 2: the total stays under CommitLimit less the reserves. */
START_TEST(test_strict_keeps_under_commit_limit)
{
	uint64_t limit, got = 0;

	oc_boot(64ull << 20, 2, 50);
	limit = oc_meminfo("CommitLimit:") << 10;
	ck_assert_int_eq(machine_malloc(oc_m, limit, &oc_st), SIM_ENOMEM);
	/* Mode 0 would give these; mode 2 stops before the limit. */
	while (machine_malloc(oc_m, 4ull << 20, &oc_st) == SIM_OK)
		got += 4ull << 20;
	ck_assert_uint_gt(got, 0);
	ck_assert_uint_lt(got, limit);
	ck_assert_uint_lt(oc_meminfo("Committed_AS:") << 10, limit);
	/* brk is charged too: the heap cannot grow past the limit. */
	ck_assert_int_eq(machine_malloc(oc_m, 100000, &oc_st), SIM_OK);
	while (machine_malloc(oc_m, 100000, &oc_st) == SIM_OK)
		;
	ck_assert_int_eq(oc_st.status, SIM_ENOMEM);
	ck_assert_uint_lt(oc_meminfo("Committed_AS:") << 10, limit);
}
END_TEST

/* Mode 1 refuses nothing: 1 TiB maps on a 16 MiB machine. */
START_TEST(test_always_maps_anything)
{
	oc_boot(16ull << 20, 1, 50);
	ck_assert_int_eq(machine_malloc(oc_m, OC_TB, &oc_st), SIM_OK);
	ck_assert_int_eq(machine_calloc(oc_m, 1u << 20, 1u << 20, &oc_st),
	    SIM_OK);
	ck_assert_uint_gt(oc_meminfo("Committed_AS:"), 2ull << 30);
}
END_TEST

/*
 * When brk cannot grow, glibc 2.36 maps a stand-in rounded to whole MiB
 * (sysmalloc_mmap_fallback() with MMAP_AS_MORECORE_SIZE as its unit):
 * on this machine, a brk of +0x214000 refused with 0x7000 left in top
 * was followed by mmap(NULL, 3145728).  Here a mapping is put right
 * above the break (mode 1 lets it span the gap), the mmap threshold is
 * raised past 1.5 MiB by freeing a 2 MiB block, and malloc(1.5 MiB)
 * must map 2 MiB, not the 0x1a1000 a page rounding would give.
 */
START_TEST(test_mmap_fallback_rounds_to_mib)
{
	struct process_vma_info v;
	uint64_t		brk_end, lowest = 0, len, mmaps = 0;
	size_t			i;

	oc_boot(16ull << 20, 1, 50);
	ck_assert_int_eq(machine_malloc(oc_m, 2ull << 20, &oc_st), SIM_OK);
	ck_assert_int_eq(machine_free(oc_m, oc_st.addr, &oc_st), SIM_OK);
	brk_end = (process_brk(oc_m) + 4095) & ~4095ull;
	for (i = 0; process_vma_get(oc_m, i, &v) == 0 && lowest == 0; i++)
		lowest = v.start > brk_end ? v.start : 0;
	len = lowest - (brk_end + 0x2000);
	ck_assert_int_eq(machine_malloc(oc_m, len - 24, &oc_st), SIM_OK);
	ck_assert_uint_eq(oc_st.addr - 16, brk_end + 0x2000);
	ck_assert_int_eq(machine_malloc(oc_m, 1572864, &oc_st), SIM_OK);
	for (i = 0; i < oc_st.nev; i++) {
		if (oc_st.ev[i].kind == EV_MMAP) {
			ck_assert_uint_eq(oc_st.ev[i].size, 2ull << 20);
			mmaps++;
		}
	}
	ck_assert_uint_eq(mmaps, 1);
	ck_assert_uint_eq(oc_fails(), 1); /* the refused brk */
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("overcommit");
	TCase *tc = tcase_create("overcommit");

	tcase_add_checked_fixture(tc, NULL, oc_teardown);
	tcase_add_test(tc, test_huge_mapping_costs_what_it_touches);
	tcase_add_test(tc, test_overwritten_size_is_cheap);
	tcase_add_test(tc, test_heuristic_refuses_more_than_ram);
	tcase_add_test(tc, test_failed_realloc_keeps_the_block);
	tcase_add_test(tc, test_meminfo_commit_lines);
	tcase_add_test(tc, test_strict_keeps_under_commit_limit);
	tcase_add_test(tc, test_always_maps_anything);
	tcase_add_test(tc, test_mmap_fallback_rounds_to_mib);
	suite_add_tcase(s, tc);
	return check_run(s);
}
