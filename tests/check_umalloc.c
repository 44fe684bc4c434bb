/*
 * check_umalloc.c - the user malloc, bin by bin, against results taken
 * from the real glibc 2.36 on the development machine (tests/glibc-replay
 * and small C programs under setarch -R; each expected number below was
 * read from such a run), and glibc's own abort messages for misuse.
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

static struct machine *um_m;
static struct step     um_st;
static uint64_t	       um_heap0;
static uint64_t	       um_slot[16];

static void
um_setup(void)
{
	um_m = check_boot(NULL);
	step_init(&um_st);
	um_heap0 = process_start_brk(um_m);
	memset(um_slot, 0, sizeof um_slot);
}

static void
um_teardown(void)
{
	check_consistent(um_m);
	step_free(&um_st);
	machine_destroy(um_m);
}

/* malloc into a slot; returns the offset from the heap start. */
static uint64_t
um_mal(unsigned slot, uint64_t size)
{
	ck_assert_int_eq(machine_malloc(um_m, size, &um_st), SIM_OK);
	um_slot[slot] = um_st.addr;
	return um_st.addr - um_heap0;
}

static void
um_fre(unsigned slot)
{
	ck_assert_int_eq(machine_free(um_m, um_slot[slot], &um_st), SIM_OK);
}

static enum umalloc_chunk_state
um_state_of(uint64_t mem)
{
	struct umalloc_chunk c;

	ck_assert_int_eq(umalloc_chunk_at(um_m, mem - 16, &c), 0);
	ck_assert_uint_eq(c.mem, mem);
	return c.state;
}

static uint64_t
um_peek(uint64_t va)
{
	uint64_t v;

	ck_assert_int_eq(process_peek_const(um_m, va, &v, sizeof v), 0);
	return v;
}

/* Real: the first malloc makes the tcache struct (0x290) and grows the
 * heap by 0x21000; the pointer is heap + 0x2a0. */
/* umalloc_walk callback: the chunks' states and sizes, in order. */
struct um_seen {
	enum umalloc_chunk_state state[8];
	uint64_t		 size[8];
	size_t			 n;
};

static int
um_see(const struct umalloc_chunk *c, void *arg)
{
	struct um_seen *s = arg;

	if (s->n < 8) {
		s->state[s->n] = c->state;
		s->size[s->n] = c->size;
	}
	s->n++;
	return 0;
}

START_TEST(test_first_malloc)
{
	struct um_seen seen = { .n = 0 };
	size_t	       i;
	int	       brk = 0;

	ck_assert_uint_eq(um_mal(0, 1), 0x2a0);
	for (i = 0; i < um_st.nev; i++) {
		if (um_st.ev[i].kind == EV_BRK) {
			ck_assert_uint_eq(um_st.ev[i].addr, um_heap0);
			ck_assert_uint_eq(um_st.ev[i].aux, um_heap0 + 0x21000);
			brk++;
		}
	}
	ck_assert_int_eq(brk, 1);
	ck_assert_uint_eq(um_peek(um_heap0 + 8), 0x291);
	ck_assert_uint_eq(um_peek(um_heap0 + 0x298), 0x21);
	ck_assert_uint_eq(um_st.size, 24);
	ck_assert_int_eq(um_state_of(um_heap0 + 0x10), UCHUNK_TCACHE_STRUCT);
	/* The heap walked with no bin holding anything yet: the tcache
	   struct, malloc(1)'s 0x20 chunk, and top (0x21000 - 0x2b0). */
	ck_assert_uint_eq(umalloc_walk(um_m, um_see, &seen), 3);
	ck_assert_int_eq(seen.state[0], UCHUNK_TCACHE_STRUCT);
	ck_assert_uint_eq(seen.size[0], 0x290);
	ck_assert_int_eq(seen.state[1], UCHUNK_INUSE);
	ck_assert_uint_eq(seen.size[1], 0x20);
	ck_assert_int_eq(seen.state[2], UCHUNK_TOP);
	ck_assert_uint_eq(seen.size[2], 0x21000 - 0x2b0);
}
END_TEST

/* Real: m24 x3, free x3, m24 x2 -> 2e0 then 2c0 (LIFO). */
START_TEST(test_tcache_lifo)
{
	uint64_t e, key;

	um_mal(0, 24);
	um_mal(1, 24);
	um_mal(2, 24);
	um_fre(0);
	um_fre(1);
	um_fre(2);
	ck_assert_int_eq(um_state_of(um_slot[2]), UCHUNK_TCACHE);
	/* Safe-linking: next = (&next >> 12) ^ the chunk freed before. */
	e = um_slot[2];
	ck_assert_uint_eq(um_peek(e) ^ (e >> 12), um_slot[1]);
	key = um_peek(e + 8);
	ck_assert_uint_eq(um_peek(um_slot[1] + 8), key);
	ck_assert_uint_eq(um_peek(um_heap0 + 0x10), 3); /* counts[0] */
	ck_assert_uint_eq(um_mal(3, 24), 0x2e0);
	ck_assert_uint_eq(um_peek(e + 8), 0); /* key cleared */
	ck_assert_uint_eq(um_mal(4, 24), 0x2c0);
}
END_TEST

/* Real: 9 x m24, free 8 (7 to tcache, 1 to a fastbin), m24 x9 ->
 * 360 340 320 300 2e0 2c0 2a0 (tcache), 380 (fastbin), 3c0 (top). */
START_TEST(test_fastbin)
{
	static const uint64_t want[9] = { 0x360, 0x340, 0x320, 0x300, 0x2e0,
		0x2c0, 0x2a0, 0x380, 0x3c0 };
	unsigned	      i;

	for (i = 0; i < 9; i++)
		um_mal(i, 24);
	for (i = 0; i < 8; i++)
		um_fre(i);
	ck_assert_int_eq(um_state_of(um_slot[7]), UCHUNK_FASTBIN);
	ck_assert_int_eq(um_state_of(um_slot[6]), UCHUNK_TCACHE);
	/* The fastbin link is safe-linked too: NULL is stored as
	 * (&fd >> 12). */
	ck_assert_uint_eq(um_peek(um_slot[7]), um_slot[7] >> 12);
	for (i = 0; i < 9; i++)
		ck_assert_uint_eq(um_mal(i, 24), want[i]);
}
END_TEST

/* Real: 9 x m100 + guard, free the 9, m1100 -> 6b0 (consolidation
 * merges the two fastbin chunks), m200 -> 5b0 (the merged 0xe0 chunk,
 * found by the binmap scan, too small to split). */
START_TEST(test_consolidate)
{
	unsigned	     i;
	struct umalloc_chunk c;

	for (i = 0; i < 9; i++)
		um_mal(i, 100);
	ck_assert_uint_eq(um_mal(9, 24), 0x690);
	for (i = 0; i < 9; i++)
		um_fre(i);
	ck_assert_int_eq(um_state_of(um_slot[7]), UCHUNK_FASTBIN);
	ck_assert_int_eq(um_state_of(um_slot[8]), UCHUNK_FASTBIN);
	ck_assert_uint_eq(um_mal(10, 1100), 0x6b0);
	ck_assert_int_eq(umalloc_chunk_at(um_m, um_slot[7] - 16, &c), 0);
	ck_assert_int_eq(c.state, UCHUNK_SMALL);
	ck_assert_uint_eq(c.size, 0xe0);
	ck_assert_uint_eq(um_mal(11, 200), 0x5b0);
}
END_TEST

/* An unsorted chunk's fd and bk point at main_arena+96 in libc's .data:
 * 0x7ffff7fa6cc0 in the real process under setarch -R. */
START_TEST(test_unsorted_leak)
{
	um_mal(0, 0x500);
	um_mal(1, 0x20);
	um_fre(0);
	ck_assert_int_eq(um_state_of(um_slot[0]), UCHUNK_UNSORTED);
	ck_assert_uint_eq(um_peek(um_slot[0]), 0x7ffff7fa6cc0ull);
	ck_assert_uint_eq(um_peek(um_slot[0] + 8), 0x7ffff7fa6cc0ull);
	ck_assert_uint_eq(umalloc_main_arena(um_m) + 96, 0x7ffff7fa6cc0ull);
}
END_TEST

/* Real: m2000 m24 m3000 m24 m2100 m24, free the three big ones, then
 * m5000 -> 1ee0 (top), m2010 -> 1680 (best fit: the 2100 chunk),
 * m1500 -> 2a0 (the 2000 chunk, split). */
START_TEST(test_largebin)
{
	um_mal(0, 2000);
	um_mal(1, 24);
	um_mal(2, 3000);
	um_mal(3, 24);
	ck_assert_uint_eq(um_mal(4, 2100), 0x1680);
	um_mal(5, 24);
	um_fre(0);
	um_fre(2);
	um_fre(4);
	ck_assert_uint_eq(um_mal(6, 5000), 0x1ee0);
	ck_assert_int_eq(um_state_of(um_slot[2]), UCHUNK_LARGE);
	ck_assert_uint_eq(um_mal(7, 2010), 0x1680);
	ck_assert_uint_eq(um_mal(8, 1500), 0x2a0);
}
END_TEST

/* Real: realloc(malloc(100), 5000) stays (grows into top); shrinking to
 * 200 stays; m3000 after it -> 370 (the freed tail). */
START_TEST(test_realloc)
{
	um_mal(0, 100);
	ck_assert_int_eq(machine_realloc(um_m, um_slot[0], 5000, &um_st),
	    SIM_OK);
	ck_assert_uint_eq(um_st.addr - um_heap0, 0x2a0);
	ck_assert_uint_eq(um_mal(1, 24), 0x1630);
	ck_assert_int_eq(machine_realloc(um_m, um_slot[0], 200, &um_st),
	    SIM_OK);
	ck_assert_uint_eq(um_st.addr - um_heap0, 0x2a0);
	ck_assert_uint_eq(um_mal(2, 3000), 0x370);
}
END_TEST

/* Real (setarch -R): malloc(200000) is mmapped at 0x7ffff7d9f010, a
 * 0x31000 mapping just below libc's; after free the threshold is 0x31000
 * and the same request comes from the heap. */
START_TEST(test_mmap_threshold)
{
	ck_assert_uint_eq(umalloc_mmap_threshold(um_m), 128 * 1024);
	ck_assert_int_eq(machine_malloc(um_m, 200000, &um_st), SIM_OK);
	ck_assert_uint_eq(um_st.addr, 0x7ffff7d9f010ull);
	ck_assert_uint_eq(um_peek(um_st.addr - 8), 0x31000 | 2);
	um_slot[0] = um_st.addr;
	um_fre(0);
	ck_assert_uint_eq(umalloc_mmap_threshold(um_m), 0x31000);
	ck_assert_uint_eq(umalloc_trim_threshold(um_m), 0x62000);
	ck_assert_uint_eq(um_mal(1, 200000), 0x2a0);
}
END_TEST

/* Real: five malloc(60000) grow the heap to 0x4d000; freeing them all
 * trims it back to 0x21000 (top_pad kept). */
START_TEST(test_grow_trim)
{
	unsigned i;

	for (i = 0; i < 5; i++)
		um_mal(i, 60000);
	ck_assert_uint_eq(process_brk(um_m) - um_heap0, 0x4d000);
	for (i = 0; i < 5; i++)
		um_fre(i);
	ck_assert_uint_eq(process_brk(um_m) - um_heap0, 0x21000);
	ck_assert_uint_eq(um_mal(5, 1), 0x2a0);
}
END_TEST

/* Bytes calloc's memset cleared in the last step (not the kernel's
 * clearing of fresh frames). */
static uint64_t
um_memset_bytes(void)
{
	size_t	 i;
	uint64_t n = 0;

	for (i = 0; i < um_st.nev; i++) {
		if (um_st.ev[i].kind == EV_ZERO &&
		    um_st.ev[i].addr == um_st.addr)
			n += um_st.ev[i].size;
	}
	return n;
}

/* __libc_calloc: a chunk inside the old top is cleared (chunksize - 8);
 * one reaching into memory sbrk just added is cleared only up to the old
 * top's end (MORECORE_CLEARS); an mmapped chunk not at all. */
START_TEST(test_calloc)
{
	uint64_t top;

	um_mal(0, 1);
	ck_assert_int_eq(machine_calloc(um_m, 1, 120000, &um_st), SIM_OK);
	ck_assert_uint_eq(um_memset_bytes(), 120016 - 8);
	top = process_brk(um_m) - (um_st.addr + 120016 - 16);
	ck_assert_int_eq(machine_calloc(um_m, 1, 120000, &um_st), SIM_OK);
	ck_assert_uint_eq(um_memset_bytes(), top - 8);
	ck_assert_int_eq(machine_calloc(um_m, 1, 300000, &um_st), SIM_OK);
	ck_assert_uint_eq(um_memset_bytes(), 0);
	ck_assert_uint_eq(um_peek(um_st.addr - 8) & 2, 2);
}
END_TEST

/* A chunk reused from a fastbin is cleared: chunksize - 8 bytes. */
START_TEST(test_calloc_clears)
{
	uint8_t	 buf[72];
	unsigned i;

	for (i = 0; i < 9; i++)
		um_mal(i, 64);
	ck_assert_int_eq(machine_write(um_m, um_slot[7], 72, "y", 1, &um_st),
	    SIM_OK);
	for (i = 0; i < 8; i++)
		um_fre(i);
	ck_assert_int_eq(um_state_of(um_slot[7]), UCHUNK_FASTBIN);
	ck_assert_int_eq(machine_calloc(um_m, 8, 8, &um_st), SIM_OK);
	ck_assert_uint_eq(um_st.addr, um_slot[7]);
	ck_assert_uint_eq(um_memset_bytes(), 0x50 - 8);
	ck_assert_int_eq(machine_read(um_m, um_slot[7], 72, buf, sizeof buf,
			     &um_st),
	    SIM_OK);
	for (i = 0; i < 72; i++)
		ck_assert_uint_eq(buf[i], 0);
}
END_TEST

static void
um_expect_abort(const char *msg)
{
	size_t i;
	int    seen = 0;

	ck_assert_int_eq(um_st.status, SIM_ABORT);
	ck_assert_str_eq(um_st.reason, msg);
	for (i = 0; i < um_st.nev; i++) {
		if (um_st.ev[i].kind == EV_REPORT &&
		    strcmp(um_st.ev[i].text, msg) == 0)
			seen = 1;
	}
	ck_assert_int_eq(seen, 1);
	ck_assert_int_eq(process_dead(um_m), 1);
}

/* The messages below are what the real glibc printed for the same
 * misuse (a small C program per case). */
START_TEST(test_double_free_tcache)
{
	um_mal(0, 24);
	um_fre(0);
	machine_free(um_m, um_slot[0], &um_st);
	um_expect_abort("free(): double free detected in tcache 2");
	/* The next operation runs the program again. */
	ck_assert_uint_eq(um_mal(1, 1), 0x2a0);
	ck_assert_int_eq(process_dead(um_m), 0);
}
END_TEST

START_TEST(test_double_free_fasttop)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		um_mal(i, 24);
	for (i = 0; i < 8; i++)
		um_fre(i);
	machine_free(um_m, um_slot[7], &um_st);
	um_expect_abort("double free or corruption (fasttop)");
}
END_TEST

START_TEST(test_double_free_prev)
{
	unsigned i;

	for (i = 0; i < 9; i++)
		um_mal(i, 200);
	for (i = 0; i < 8; i++)
		um_fre(i);
	machine_free(um_m, um_slot[7], &um_st);
	um_expect_abort("double free or corruption (!prev)");
}
END_TEST

START_TEST(test_invalid_pointer)
{
	um_mal(0, 24);
	machine_free(um_m, um_slot[0] + 8, &um_st);
	um_expect_abort("free(): invalid pointer");
}
END_TEST

START_TEST(test_corrupted_top)
{
	static const uint8_t ff[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff };

	um_mal(0, 24);
	ck_assert_int_eq(machine_write(um_m, um_slot[0] + 24, 8, ff, 8, &um_st),
	    SIM_OK);
	machine_malloc(um_m, 5000, &um_st);
	um_expect_abort("malloc(): corrupted top size");
}
END_TEST

/* Every chunk the walk reports tiles the heap up to the end of top. */
START_TEST(test_walk_tiles_heap)
{
	struct umalloc_chunk c;
	uint64_t	     p = um_heap0;
	unsigned	     i;

	for (i = 0; i < 12; i++)
		um_mal(i, 10 + i * 90);
	for (i = 0; i < 12; i += 3)
		um_fre(i);
	while (umalloc_chunk_at(um_m, p, &c) == 0 && c.state != UCHUNK_TOP) {
		ck_assert_uint_eq(c.addr, p);
		p += c.size;
	}
	ck_assert_int_eq(c.state, UCHUNK_TOP);
	ck_assert_uint_eq(p + c.size, process_brk(um_m));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("umalloc");
	TCase *bins = tcase_create("bins"), *sys = tcase_create("growth");
	TCase *misuse = tcase_create("misuse");

	tcase_add_checked_fixture(bins, um_setup, um_teardown);
	tcase_add_checked_fixture(sys, um_setup, um_teardown);
	tcase_add_checked_fixture(misuse, um_setup, um_teardown);
	tcase_add_test(bins, test_first_malloc);
	tcase_add_test(bins, test_tcache_lifo);
	tcase_add_test(bins, test_fastbin);
	tcase_add_test(bins, test_consolidate);
	tcase_add_test(bins, test_unsorted_leak);
	tcase_add_test(bins, test_largebin);
	tcase_add_test(bins, test_realloc);
	tcase_add_test(bins, test_calloc);
	tcase_add_test(bins, test_calloc_clears);
	tcase_add_test(bins, test_walk_tiles_heap);
	tcase_add_test(sys, test_mmap_threshold);
	tcase_add_test(sys, test_grow_trim);
	tcase_add_test(misuse, test_double_free_tcache);
	tcase_add_test(misuse, test_double_free_fasttop);
	tcase_add_test(misuse, test_double_free_prev);
	tcase_add_test(misuse, test_invalid_pointer);
	tcase_add_test(misuse, test_corrupted_top);
	suite_add_tcase(s, bins);
	suite_add_tcase(s, sys);
	suite_add_tcase(s, misuse);
	return check_run(s);
}
