/*
 * check_thread_exit.c - `thread N exit` (umalloc-thread.c): the exiting
 * thread's tcache given back to its arena, the arena handed to the next
 * new thread through free_list, the stack and DTV through the stack
 * cache, and the cache's 40 MiB bound.  tests/preload's threads.trace
 * checks the same against a real run.
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
te_malloc(struct machine *m, uint64_t size)
{
	struct step st;
	uint64_t    mem;

	step_init(&st);
	ck_assert_int_eq(machine_malloc(m, size, &st), SIM_OK);
	mem = st.addr;
	step_free(&st);
	return mem;
}

static void
te_free(struct machine *m, uint64_t mem)
{
	struct step st;

	step_init(&st);
	ck_assert_int_eq(machine_free(m, mem, &st), SIM_OK);
	step_free(&st);
}

static void
te_thread(struct machine *m, unsigned n)
{
	struct step st;

	step_init(&st);
	ck_assert_int_eq(machine_thread(m, n, &st), SIM_OK);
	step_free(&st);
}

static enum sim_status
te_exit(struct machine *m, unsigned n)
{
	struct step	st;
	enum sim_status s;

	step_init(&st);
	s = machine_thread_exit(m, n, &st);
	step_free(&st);
	return s;
}

/* Thread stacks mapped: their guard pages, one-page PROT_NONE VMAs
 * (a stack's read-write part may merge with a neighbour). */
static unsigned
te_guards(const struct machine *m)
{
	struct process_vma_info vi;
	size_t			i;
	unsigned		n = 0;

	for (i = 0; i < process_vma_count(m); i++) {
		ck_assert_int_eq(process_vma_get(m, i, &vi), 0);
		n += vi.end - vi.start == 4096 && strcmp(vi.perms, "---p") == 0;
	}
	return n;
}

/* Thread 1's cached chunk goes to its arena's fastbin at exit, its
 * tcache_perthread_struct to the unsorted bin; thread 2 takes the arena
 * from free_list, its tcache lands where thread 1's was, and its
 * malloc(24) gets thread 1's chunk from the fastbin. */
START_TEST(test_arena_handed_on)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	uint64_t	p, q;

	te_malloc(m, 16);
	te_thread(m, 1);
	p = te_malloc(m, 24);
	te_malloc(m, 24); /* keeps p off top */
	te_free(m, p);
	te_thread(m, 0);
	ck_assert_int_eq(te_exit(m, 1), SIM_OK);
	ck_assert_uint_eq(umalloc_thread_count(m), 1);
	te_thread(m, 2);
	q = te_malloc(m, 24);
	ck_assert_uint_eq(q, p);
	ck_assert_uint_eq(q & ~(HEAP_MAX - 1), p & ~(HEAP_MAX - 1));
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/* Without an exit, thread 2 gets an arena of its own. */
START_TEST(test_no_exit_new_arena)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	uint64_t	p, q;

	te_malloc(m, 16);
	te_thread(m, 1);
	p = te_malloc(m, 24);
	te_thread(m, 2);
	q = te_malloc(m, 24);
	ck_assert_uint_ne(q & ~(HEAP_MAX - 1), p & ~(HEAP_MAX - 1));
	machine_destroy(m);
}
END_TEST

/* An exited thread's stack is the next thread's: no new mapping, no
 * new DTV (main's next calloc(17, 16) is not where a DTV would go). */
START_TEST(test_stack_reused)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	size_t		vmas;

	te_malloc(m, 16);
	te_thread(m, 1);
	te_malloc(m, 16);
	te_thread(m, 0);
	vmas = process_vma_count(m);
	ck_assert_int_eq(te_exit(m, 1), SIM_OK);
	ck_assert_uint_eq(process_vma_count(m), vmas); /* cached, mapped */
	te_thread(m, 2);
	ck_assert_uint_eq(process_vma_count(m), vmas);
	ck_assert_uint_eq(te_guards(m), 1);
	te_thread(m, 3); /* the cache is empty again: a new stack */
	ck_assert_uint_eq(te_guards(m), 2);
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/* Six stacks of 8 MiB and a page: the cache keeps four (40 MiB), the
 * two oldest are unmapped, guard page and all. */
START_TEST(test_stack_cache_bound)
{
	struct machine *m = check_boot("ram", "512M", NULL);
	unsigned	t;

	te_malloc(m, 16);
	for (t = 1; t <= 6; t++)
		te_thread(m, t);
	te_thread(m, 0);
	ck_assert_uint_eq(te_guards(m), 6);
	for (t = 1; t <= 6; t++)
		ck_assert_int_eq(te_exit(m, t), SIM_OK);
	ck_assert_uint_eq(te_guards(m), 4);
	for (t = 1; t <= 6; t++) /* four from the cache, two mapped */
		te_thread(m, t);
	ck_assert_uint_eq(te_guards(m), 6);
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/* `thread N dtv 18`: the DTV a C++ program's thread gets (libstdc++'s
 * TLS module too), 16 bytes more than libc's alone; refused for a
 * thread that runs. */
START_TEST(test_dtv_slots)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	struct step	st;
	uint64_t	a = te_malloc(m, 16), b;

	step_init(&st);
	ck_assert_int_eq(machine_thread_dtv(m, 1, 18, &st), SIM_OK);
	ck_assert_int_eq(machine_thread_dtv(m, 1, 18, &st), SIM_EINVAL);
	step_free(&st);
	te_thread(m, 0);
	b = te_malloc(m, 16);
	ck_assert_uint_eq(b - a, 0x20 + 0x130); /* calloc(18, 16) between */
	machine_destroy(m);
}
END_TEST

/* The main thread cannot exit, nor a thread that is not running; a
 * thread that ends itself leaves thread 0 running. */
START_TEST(test_exit_refused)
{
	struct machine *m = check_boot("ram", "256M", NULL);

	te_malloc(m, 16);
	ck_assert_int_eq(te_exit(m, 0), SIM_EINVAL);
	ck_assert_int_eq(te_exit(m, 5), SIM_EINVAL);
	te_thread(m, 5);
	te_malloc(m, 100);
	ck_assert_int_eq(te_exit(m, 5), SIM_OK);
	ck_assert_uint_eq(umalloc_current_thread(m), 0);
	ck_assert_int_eq(te_exit(m, 5), SIM_EINVAL);
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("thread-exit");
	TCase *tc = tcase_create("exit");

	tcase_add_test(tc, test_arena_handed_on);
	tcase_add_test(tc, test_no_exit_new_arena);
	tcase_add_test(tc, test_stack_reused);
	tcase_add_test(tc, test_stack_cache_bound);
	tcase_add_test(tc, test_exit_refused);
	tcase_add_test(tc, test_dtv_slots);
	suite_add_tcase(s, tc);
	return check_run(s);
}
