/*
 * check_umalloc_arena.c - threads and their arenas (umalloc-arena.c):
 * where a thread's heap lands and how it is mapped, the NON_MAIN_ARENA
 * bit, a free from another thread, the arena limit's round-robin, a
 * heap that grows by mprotect, a second heap and its trim, mallopt's
 * consolidation of main_arena only.
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

#define HEAP_MAX (64ull << 20)

static uint64_t
ar_size_field(const struct machine *m, uint64_t mem)
{
	uint64_t v = 0;

	ck_assert_int_eq(process_peek_const(m, mem - 8, &v, sizeof v), 0);
	return v;
}

/* The VMA holding va: its bounds and permissions. */
static struct process_vma_info
ar_vma(const struct machine *m, uint64_t va)
{
	struct process_vma_info vi;
	int			i = process_vma_find(m, va);

	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(process_vma_get(m, (size_t)i, &vi), 0);
	return vi;
}

/* A thread's first malloc: a new arena in a 64 MiB aligned heap whose
 * first 0x21000 bytes are read-write, the rest reserved PROT_NONE; the
 * tcache at +0x8d0, the block after it; NON_MAIN_ARENA set. */
START_TEST(test_first_heap)
{
	struct machine		*m = check_boot("ram", "256M", NULL);
	uint64_t		 a = check_malloc(m, 16), b, heap;
	struct process_vma_info	 rw, none;
	struct umalloc_heap_view h;

	check_thread(m, 1);
	b = check_malloc(m, 16);
	heap = b & ~(HEAP_MAX - 1);
	ck_assert_uint_eq(b - heap, 0xb70);
	ck_assert_uint_eq(ar_size_field(m, b), 0x20 | 0x4 | 0x1);
	ck_assert_uint_eq(ar_size_field(m, a) & 0x4, 0);
	rw = ar_vma(m, heap);
	ck_assert_uint_eq(rw.end - rw.start, 0x21000);
	ck_assert_str_eq(rw.perms, "rw-p");
	none = ar_vma(m, heap + 0x21000);
	ck_assert_str_eq(none.perms, "---p");
	ck_assert_uint_eq(none.end, heap + HEAP_MAX);
	ck_assert_int_eq(umalloc_heap_at(m, heap, &h), 0);
	ck_assert_uint_eq(h.number, 1);
	ck_assert_uint_eq(h.threads, 1u << 1);
	ck_assert_uint_eq(umalloc_thread_count(m), 2);
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/* A block freed by another thread goes to that thread's tcache; once
 * the tcache bin is full, back to its own arena, whose thread gets it
 * again. */
START_TEST(test_free_elsewhere)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	uint64_t	p[8], q;
	int		i;

	check_thread(m, 1);
	for (i = 0; i < 8; i++)
		p[i] = check_malloc(m, 200);
	check_thread(m, 0);
	for (i = 0; i < 8; i++)
		check_free(m, p[i]);
	/* main's tcache holds seven; its malloc gets the last of them */
	ck_assert_uint_eq(check_malloc(m, 200), p[6]);
	check_thread(m, 1);
	q = check_malloc(m, 200); /* p[7] went back into arena 1's top */
	ck_assert_uint_eq(q, p[7]);
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/* M_ARENA_MAX 2: thread 1 makes an arena, threads 2 and 3 share
 * round-robin from main_arena (reused_arena()). */
START_TEST(test_arena_max)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	struct step	st;
	uint64_t	a0 = check_malloc(m, 16), a1, a2, a3;

	step_init(&st);
	ck_assert_int_eq(machine_mallopt(m, -8, 2, &st), SIM_OK);
	step_free(&st);
	check_thread(m, 1);
	a1 = check_malloc(m, 16);
	check_thread(m, 2);
	a2 = check_malloc(m, 16);
	check_thread(m, 3);
	a3 = check_malloc(m, 16);
	ck_assert_uint_ne(a1 & ~(HEAP_MAX - 1), a0 & ~(HEAP_MAX - 1));
	ck_assert_uint_eq(ar_size_field(m, a2) & 0x4, 0); /* main_arena */
	ck_assert_uint_eq(a3 & ~(HEAP_MAX - 1), a1 & ~(HEAP_MAX - 1));
	machine_destroy(m);
}
END_TEST

/* A heap grows by mprotect, a full one is followed by a second heap
 * whose heap_info links back; freeing all trims the second away. */
START_TEST(test_grow_and_trim)
{
	struct machine	       *m = check_boot("ram", "1G", NULL);
	uint64_t		p[40], heap, last;
	struct process_vma_info rw;
	int			i;

	struct step st;

	step_init(&st); /* M_MMAP_MAX 0: the big blocks stay in the heap */
	ck_assert_int_eq(machine_mallopt(m, -4, 0, &st), SIM_OK);
	step_free(&st);
	check_thread(m, 1);
	p[0] = check_malloc(m, 200000);
	heap = p[0] & ~(HEAP_MAX - 1);
	rw = ar_vma(m, heap);
	ck_assert_uint_gt(rw.end - rw.start, 0x21000); /* grow_heap */
	for (i = 1; i < 40; i++)
		p[i] = check_malloc(m, 2u << 20);
	last = p[39] & ~(HEAP_MAX - 1);
	ck_assert_uint_ne(last, heap); /* a second heap */
	for (i = 39; i > 0; i--)
		check_free(m, p[i]);
	ck_assert_int_lt(process_vma_find(m, last), 0); /* unmapped */
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mallopt consolidates main_arena's fastbins, whichever thread calls it
 * (__libc_mallopt): with one tcache slot, x2 and x3 go to a fastbin;
 * from thread 1 they stay apart and 40 bytes come from top, from the
 * main thread they merge and 40 bytes come from x2.  glibc-replay under
 * GLIBC_TUNABLES=glibc.malloc.tcache_count=1 answers bf0 and 2c0.
 */
static uint64_t
ar_after_mallopt(unsigned thread)
{
	struct machine *m = check_boot("ram", "256M", "tunables",
	    "glibc.malloc.tcache_count=1", NULL);
	uint64_t	x[4], r;
	struct step	st;
	int		i;

	if (thread != 0)
		check_thread(m, thread);
	for (i = 0; i < 4; i++)
		x[i] = check_malloc(m, 24);
	for (i = 0; i < 3; i++)
		check_free(m, x[i]);
	step_init(&st); /* M_CHECK_ACTION: no effect but the consolidation */
	ck_assert_int_eq(machine_mallopt(m, -5, 0, &st), SIM_OK);
	step_free(&st);
	r = check_malloc(m, 40) - x[1];
	machine_destroy(m);
	return r;
}

START_TEST(test_mallopt_main_arena)
{
	ck_assert_uint_eq(ar_after_mallopt(1), 0x60); /* b90 to bf0 */
	ck_assert_uint_eq(ar_after_mallopt(0), 0);    /* 2c0 */
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("umalloc-arena");
	TCase *tc = tcase_create("arena");

	tcase_add_test(tc, test_first_heap);
	tcase_add_test(tc, test_free_elsewhere);
	tcase_add_test(tc, test_arena_max);
	tcase_add_test(tc, test_grow_and_trim);
	tcase_add_test(tc, test_mallopt_main_arena);
	suite_add_tcase(s, tc);
	return check_run(s);
}
