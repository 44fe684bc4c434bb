/*
 * check_umalloc_align.c - the rest of glibc's malloc API, call by call:
 * memalign, aligned_alloc, posix_memalign, valloc, pvalloc,
 * reallocarray, malloc_usable_size, malloc_trim and mallopt.  Each
 * expected offset was read from tests/glibc-replay run on the same
 * calls with this machine's glibc 2.36 (the line it printed is quoted
 * above each test); what glibc-replay cannot print (bytes, frames,
 * messages) is checked against glibc's source.
 */
#include <check.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine.h"
#include "sim/user/process.h"
#include "sim/user/umalloc.h"
#include "check-run.h"
#include "check-sim.h"

static struct machine *al_m;
static struct step     al_st;
static uint64_t	       al_heap0;

static void
al_setup(void)
{
	al_m = check_boot(NULL);
	step_init(&al_st);
	al_heap0 = process_start_brk(al_m);
}

static void
al_teardown(void)
{
	check_consistent(al_m);
	step_free(&al_st);
	machine_destroy(al_m);
}

/* An aligned allocation that succeeds; returns its offset. */
static uint64_t
al_align(enum umalloc_align_call call, uint64_t align, uint64_t size,
    uint64_t *mem)
{
	ck_assert_int_eq(machine_memalign(al_m, (int)call, align, size, &al_st),
	    SIM_OK);
	*mem = al_st.addr;
	return al_st.addr - al_heap0;
}

static uint64_t
al_mal(uint64_t size, uint64_t *mem)
{
	ck_assert_int_eq(machine_malloc(al_m, size, &al_st), SIM_OK);
	*mem = al_st.addr;
	return al_st.addr - al_heap0;
}

static uint64_t
al_usable(uint64_t mem)
{
	ck_assert_int_eq(machine_malloc_usable_size(al_m, mem, &al_st), SIM_OK);
	return al_st.addr;
}

static uint64_t
al_peek(uint64_t va)
{
	uint64_t v;

	ck_assert_int_eq(process_peek_const(al_m, va, &v, sizeof v), 0);
	return v;
}

/* glibc: h 40 h 380 u 68.  memalign sets no tcache up: its block is
 * the heap's first chunk, and the tcache struct comes after it. */
START_TEST(test_memalign_before_tcache)
{
	uint64_t a, b;

	ck_assert_uint_eq(al_align(UMALLOC_MEMALIGN, 64, 100, &a), 0x40);
	ck_assert_uint_eq(al_mal(24, &b), 0x380);
	ck_assert_uint_eq(al_usable(a), 0x68);
}
END_TEST

/* GLib's first call: glibc: h 2a0 h 400 u 3f8 h af0 h b10. */
START_TEST(test_posix_memalign_glib)
{
	uint64_t a, b;

	ck_assert_uint_eq(al_mal(24, &a), 0x2a0);
	ck_assert_uint_eq(al_align(UMALLOC_POSIX_MEMALIGN, 1024, 1008, &b),
	    0x400);
	ck_assert_uint_eq(al_usable(b), 0x3f8);
	/* The freed leader went to the tcache (0x150 fits) and the tail
	 * back into top: the next blocks come from top. */
	ck_assert_uint_eq(al_mal(24, &a), 0xaf0);
	ck_assert_uint_eq(al_mal(900, &a), 0xb10);
}
END_TEST

/* cat's buffer: glibc: m 21010 u 21000 - m 21010.  Over the mmap
 * threshold: a mapping of 0x22000 whose first 0xff0 bytes are the
 * leader, recorded in prev_size for munmap. */
START_TEST(test_aligned_alloc_mmap)
{
	uint64_t	     a, b, chunk;
	struct umalloc_chunk c;

	al_align(UMALLOC_ALIGNED_ALLOC, 4096, 131072, &a);
	chunk = a - 16;
	ck_assert_uint_eq(a % 4096, 0);
	ck_assert_uint_eq(al_peek(chunk), 0xff0);
	ck_assert_uint_eq(al_peek(chunk + 8), 0x21010 | 2);
	ck_assert_uint_eq(al_usable(a), 0x21000);
	/* The views find the chunk where memalign moved it. */
	ck_assert_int_eq(umalloc_chunk_at(al_m, a, &c), 0);
	ck_assert_uint_eq(c.addr, chunk);
	ck_assert_uint_eq(c.size, 0x21010);
	ck_assert_int_eq(c.mmapped, 1);
	al_align(UMALLOC_MEMALIGN, 64, 200000, &b);
	ck_assert_int_eq(umalloc_chunk_at(al_m, b, &c), 0);
	ck_assert_uint_eq(c.mem, b);
	ck_assert_int_eq(machine_free(al_m, b, &al_st), SIM_OK);
	ck_assert_int_eq(machine_free(al_m, a, &al_st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&al_st, EV_MUNMAP), 1);
	ck_assert_uint_eq(check_find_event(&al_st, EV_MUNMAP)->addr,
	    chunk - 0xff0);
	ck_assert_uint_eq(check_find_event(&al_st, EV_MUNMAP)->size, 0x22000);
}
END_TEST

/* glibc: h 1000 u 1008 h 3000 u 1008 h 5000 u 18.  pvalloc(4096) asks
 * for 4097 bytes (2.36's mask keeps bit 0), pvalloc(1) for a page. */
START_TEST(test_pvalloc_valloc)
{
	uint64_t a;

	ck_assert_uint_eq(al_align(UMALLOC_PVALLOC, 0, 4096, &a), 0x1000);
	ck_assert_uint_eq(al_usable(a), 0x1008);
	ck_assert_uint_eq(al_align(UMALLOC_PVALLOC, 0, 1, &a), 0x3000);
	ck_assert_uint_eq(al_usable(a), 0x1008);
	ck_assert_uint_eq(al_align(UMALLOC_VALLOC, 0, 10, &a), 0x5000);
	ck_assert_uint_eq(al_usable(a), 0x18);
}
END_TEST

/* glibc: e 16 e 16 e 16 h 2a0 e c h 300 h 390 u 18. */
START_TEST(test_posix_memalign_errors)
{
	static const uint64_t bad[] = { 12, 0, 24 };
	uint64_t	      a;
	size_t		      i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(machine_memalign(al_m, UMALLOC_POSIX_MEMALIGN,
				     bad[i], 10, &al_st),
		    SIM_EINVAL);
		ck_assert_ptr_nonnull(strstr(al_st.reason, "EINVAL"));
	}
	/* 8 is no more than malloc's own alignment: plain malloc. */
	ck_assert_uint_eq(al_align(UMALLOC_POSIX_MEMALIGN, 8, 10, &a), 0x2a0);
	ck_assert_int_eq(machine_memalign(al_m, UMALLOC_POSIX_MEMALIGN, 1024,
			     INT64_MAX, &al_st),
	    SIM_ENOMEM);
	ck_assert_uint_eq(al_st.addr, 0);
	/* memalign and aligned_alloc round 100 and 3 up (to 128, 32). */
	ck_assert_uint_eq(al_align(UMALLOC_MEMALIGN, 100, 10, &a), 0x300);
	ck_assert_uint_eq(al_align(UMALLOC_ALIGNED_ALLOC, 3, 10, &a), 0x390);
	ck_assert_uint_eq(al_usable(a), 0x18);
	/* An alignment above SIZE_MAX / 2 + 1 is no power of two. */
	ck_assert_int_eq(machine_memalign(al_m, UMALLOC_MEMALIGN,
			     (1ull << 63) + 1, 10, &al_st),
	    SIM_EINVAL);
}
END_TEST

/* glibc: h 2a0 0 u 0 h 310.  The overflow leaves the block alone. */
START_TEST(test_reallocarray)
{
	uint64_t a;

	ck_assert_uint_eq(al_mal(100, &a), 0x2a0);
	ck_assert_int_eq(machine_reallocarray(al_m, a, 1ull << 62, 8, &al_st),
	    SIM_ENOMEM);
	ck_assert_uint_eq(al_st.addr, 0);
	ck_assert_uint_eq(al_usable(a), 0x68);
	ck_assert_uint_eq(al_usable(0), 0);
	ck_assert_int_eq(machine_reallocarray(al_m, 0, 0, 5, &al_st), SIM_OK);
	ck_assert_uint_eq(al_st.addr - al_heap0, 0x310);
	ck_assert_int_eq(machine_reallocarray(al_m, a, 10, 30, &al_st), SIM_OK);
	ck_assert_uint_ge(al_usable(al_st.addr), 300);
}
END_TEST

/* A block in the tcache still reads as in use; one in the unsorted
 * bin does not (musable's inuse()). */
START_TEST(test_usable_size_freed)
{
	uint64_t a, b, c;

	al_mal(24, &a);
	al_mal(2000, &b);
	al_mal(24, &c);
	machine_free(al_m, a, &al_st);
	machine_free(al_m, b, &al_st);
	ck_assert_uint_eq(al_usable(a), 0x18);
	ck_assert_uint_eq(al_usable(b), 0);
	ck_assert_uint_eq(al_usable(c), 0x18);
}
END_TEST

/* glibc: h 2a0 h 18950 - t 1 t 1.  The free chunk's whole pages go
 * back (madvise), every time; the heap keeps its size. */
START_TEST(test_trim_madvise)
{
	uint64_t a, b, rss, brk;

	al_mal(100000, &a);
	al_mal(10, &b);
	ck_assert_uint_eq(b - al_heap0, 0x18950);
	ck_assert_int_eq(machine_write(al_m, a, 100000, NULL, 0, &al_st),
	    SIM_OK);
	machine_free(al_m, a, &al_st);
	rss = process_rss(al_m);
	brk = process_brk(al_m);
	ck_assert_int_eq(machine_malloc_trim(al_m, 0, &al_st), SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	/* The chunk runs from heap+0x290 for 0x186b0 bytes: its pages
	 * from heap+0x1000 up to heap+0x18000 go, 23 frames; then top
	 * (0x86a0 bytes from heap+0x18960) gives 8 untouched pages back
	 * with sbrk. */
	ck_assert_uint_eq(process_rss(al_m), rss - 23);
	ck_assert_uint_eq(process_brk(al_m), brk - 0x8000);
	/* The frames go back to the page allocator: to the buddy lists,
	 * or on 6.x first to this CPU's list. */
	ck_assert_uint_ge(check_count_events(&al_st, EV_PAGES_FREE) +
		check_count_events(&al_st, EV_PCP_FREE),
	    23);
	ck_assert_uint_eq(al_peek(al_heap0 + 0x1000), 0);
	ck_assert_int_eq(machine_malloc_trim(al_m, 0, &al_st), SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	ck_assert_uint_eq(process_brk(al_m), brk - 0x8000);
}
END_TEST

/* A 32-byte top: systrim's long/size_t compare grows the heap a page.
 * glibc: h 2a0 h 2c0 h 18970 t 1 h 20ff0 h 21010. */
START_TEST(test_trim_grows_tiny_top)
{
	uint64_t a, brk;

	al_mal(24, &a);
	/* The first sbrk gave 0x21000: fill top down to 0x20 bytes. */
	ck_assert_uint_eq(al_mal(100000, &a), 0x2c0);
	ck_assert_uint_eq(al_mal(34424, &a), 0x18970);
	brk = process_brk(al_m);
	ck_assert_int_eq(machine_malloc_trim(al_m, 0, &al_st), SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	ck_assert_uint_eq(process_brk(al_m), brk + 0x1000);
	ck_assert_uint_eq(al_mal(10, &a), 0x20ff0);
	ck_assert_uint_eq(al_mal(5000, &a), 0x21010);
}
END_TEST

/* glibc: o 1 h 2a0 - h 2a0 - h 2a0 (mallopt first) against m 4a000 -
 * h 2a0 (no mallopt): set, the threshold no longer moves. */
START_TEST(test_mallopt_mmap_threshold)
{
	uint64_t a;

	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_MMAP_THRESHOLD,
			     1 << 20, &al_st),
	    SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	ck_assert_uint_eq(umalloc_mmap_threshold(al_m), 1 << 20);
	ck_assert_uint_eq(al_mal(200000, &a), 0x2a0);
	machine_free(al_m, a, &al_st);
	ck_assert_uint_eq(al_mal(300000, &a), 0x2a0);
	machine_free(al_m, a, &al_st);
	ck_assert_uint_eq(umalloc_mmap_threshold(al_m), 1 << 20);
	/* 2.36 takes any value, -1 (SIZE_MAX) included. */
	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_MMAP_THRESHOLD, -1,
			     &al_st),
	    SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	ck_assert_uint_eq(umalloc_mmap_threshold(al_m), UINT64_MAX);
}
END_TEST

START_TEST(test_mallopt_dynamic_threshold)
{
	uint64_t a;

	ck_assert_uint_eq(al_mal(300000, &a) + al_heap0, a);
	machine_free(al_m, a, &al_st);
	ck_assert_uint_eq(umalloc_mmap_threshold(al_m), 0x4a000);
	ck_assert_uint_eq(umalloc_trim_threshold(al_m), 0x94000);
	ck_assert_uint_eq(al_mal(200000, &a), 0x2a0);
}
END_TEST

START_TEST(test_mallopt_others)
{
	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_TRIM_THRESHOLD, 4096,
			     &al_st),
	    SIM_OK);
	ck_assert_uint_eq(umalloc_trim_threshold(al_m), 4096);
	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_ARENA_MAX, 1, &al_st),
	    SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_ARENA_TEST, 0, &al_st),
	    SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	/* M_MXFAST takes up to MAX_FAST_SIZE (160) and refuses more. */
	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_MXFAST, 64, &al_st),
	    SIM_OK);
	ck_assert_uint_eq(al_st.addr, 1);
	ck_assert_int_eq(machine_mallopt(al_m, UMALLOC_M_MXFAST, 161, &al_st),
	    SIM_OK);
	ck_assert_uint_eq(al_st.addr, 0);
}
END_TEST

/* M_PERTURB: _int_malloc fills a block with byte ^ 0xff, _int_free
 * with byte (not the tcache's blocks: tcache_get and tcache_put skip
 * it); calloc still clears.  A C program with this glibc printed
 * aaaaaaaaaaaaaaaa 5555555555555555 0 and aaaaaaaaaaaaaaaa for these. */
START_TEST(test_mallopt_perturb)
{
	uint64_t a, b, c;

	machine_mallopt(al_m, UMALLOC_M_PERTURB, 0x55, &al_st);
	al_mal(2000, &a);
	ck_assert_uint_eq(al_peek(a + 8), 0xaaaaaaaaaaaaaaaaull);
	al_mal(24, &b);
	machine_free(al_m, a, &al_st);
	ck_assert_uint_eq(al_peek(a + 40), 0x5555555555555555ull);
	ck_assert_int_eq(machine_calloc(al_m, 1, 300000, &al_st), SIM_OK);
	c = al_st.addr;
	ck_assert_uint_eq(al_peek(c + 8), 0);
	ck_assert_uint_eq(al_peek(c + 299992), 0);
	/* Into the tcache: left as malloc filled it. */
	al_mal(24, &c);
	machine_free(al_m, c, &al_st);
	ck_assert_uint_eq(al_peek(c + 16), 0xaaaaaaaaaaaaaaaaull);
}
END_TEST

/* malloc(size) on m; returns the pointer. */
static uint64_t
al_tun_malloc(struct machine *m, uint64_t size)
{
	ck_assert_int_eq(machine_malloc(m, size, &al_st), SIM_OK);
	return al_st.addr;
}

/*
 * GLIBC_TUNABLES as glibc 2.36's parse_tunables reads it: a piece with
 * no '=' and an unknown name are skipped, _dl_strtoul reads 0x hex and
 * 0 octal, the last setting wins, and a value outside the tunable's
 * range (perturb 0..255, mmap_max 0..INT32_MAX) leaves it unset.
 */
START_TEST(test_tunables_parse)
{
	struct machine	     *m;
	char		     *cause = NULL;
	struct machine_config cfg;

	m = check_boot("tunables",
	    "junk:glibc.malloc.trim_threshold=0x1000:glibc.malloc.bogus=5:"
	    "glibc.malloc.mmap_threshold=0400000:"
	    "glibc.malloc.trim_threshold=0x2000",
	    NULL);
	al_tun_malloc(m, 1);
	ck_assert_uint_eq(umalloc_trim_threshold(m), 0x2000);
	ck_assert_uint_eq(umalloc_mmap_threshold(m), 0400000);
	machine_destroy(m);
	m = check_boot("tunables",
	    "glibc.malloc.mmap_max=-1:glibc.malloc.perturb=300:"
	    "glibc.malloc.trim_threshold",
	    NULL);
	/* mmap_max -1 refused: a big request is still an mmap. */
	ck_assert_uint_ge(al_tun_malloc(m, 300000), 0x7f0000000000ull);
	ck_assert_uint_eq(umalloc_trim_threshold(m), 128 * 1024);
	machine_destroy(m);
	machine_config_default(&cfg);
	ck_assert_int_ne(machine_config_set(&cfg, "tunables", "a\"b", &cause),
	    0);
	free(cause);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("umalloc-align");
	TCase *tc = tcase_create("align");

	tcase_add_checked_fixture(tc, al_setup, al_teardown);
	tcase_add_test(tc, test_memalign_before_tcache);
	tcase_add_test(tc, test_posix_memalign_glib);
	tcase_add_test(tc, test_aligned_alloc_mmap);
	tcase_add_test(tc, test_pvalloc_valloc);
	tcase_add_test(tc, test_posix_memalign_errors);
	tcase_add_test(tc, test_reallocarray);
	tcase_add_test(tc, test_usable_size_freed);
	tcase_add_test(tc, test_trim_madvise);
	tcase_add_test(tc, test_trim_grows_tiny_top);
	tcase_add_test(tc, test_mallopt_mmap_threshold);
	tcase_add_test(tc, test_mallopt_dynamic_threshold);
	tcase_add_test(tc, test_mallopt_others);
	tcase_add_test(tc, test_mallopt_perturb);
	tcase_add_test(tc, test_tunables_parse);
	suite_add_tcase(s, tc);
	return check_run(s);
}
