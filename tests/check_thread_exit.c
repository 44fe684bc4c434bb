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

/* `thread N exit`, `join` or `detach`. */
static enum sim_status
te_do(struct machine *m, unsigned n, const char *word)
{
	struct step	st;
	enum sim_status s;

	step_init(&st);
	s = machine_thread_do(m, n, word, &st);
	step_free(&st);
	return s;
}

static enum sim_status
te_exit(struct machine *m, unsigned n)
{
	return te_do(m, n, "exit");
}

static enum sim_status
te_thread_status(struct machine *m, unsigned n)
{
	struct step	st;
	enum sim_status s;

	step_init(&st);
	s = machine_thread(m, n, &st);
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

	check_malloc(m, 16);
	check_thread(m, 1);
	p = check_malloc(m, 24);
	check_malloc(m, 24); /* keeps p off top */
	check_free(m, p);
	check_thread(m, 0);
	ck_assert_int_eq(te_exit(m, 1), SIM_OK);
	ck_assert_uint_eq(umalloc_thread_count(m), 1);
	check_thread(m, 2);
	q = check_malloc(m, 24);
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

	check_malloc(m, 16);
	check_thread(m, 1);
	p = check_malloc(m, 24);
	check_thread(m, 2);
	q = check_malloc(m, 24);
	ck_assert_uint_ne(q & ~(HEAP_MAX - 1), p & ~(HEAP_MAX - 1));
	machine_destroy(m);
}
END_TEST

/* A joined thread's stack is the next thread's: no new mapping, no
 * new DTV; an ended thread not joined yet keeps its stack. */
START_TEST(test_stack_reused)
{
	struct machine *m = check_boot("ram", "256M", NULL);
	uint64_t	a, b;

	check_malloc(m, 16);
	check_thread(m, 1);
	check_malloc(m, 16);
	check_thread(m, 0);
	ck_assert_int_eq(te_exit(m, 1), SIM_OK);
	check_thread(m, 2); /* 1's stack is still its own: a new one */
	ck_assert_uint_eq(te_guards(m), 2);
	check_thread(m, 0);
	ck_assert_int_eq(te_do(m, 1, "join"), SIM_OK);
	ck_assert_uint_eq(te_guards(m), 2); /* cached, still mapped */
	a = check_malloc(m, 16);
	check_thread(m, 3); /* 1's stack, and no DTV calloc on thread 0 */
	ck_assert_uint_eq(te_guards(m), 2);
	check_thread(m, 0);
	b = check_malloc(m, 16);
	ck_assert_uint_eq(b, a + 0x20);
	check_thread(m, 4); /* the cache is empty again: a new stack */
	ck_assert_uint_eq(te_guards(m), 3);
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

	check_malloc(m, 16);
	for (t = 1; t <= 6; t++)
		check_thread(m, t);
	check_thread(m, 0);
	ck_assert_uint_eq(te_guards(m), 6);
	for (t = 1; t <= 6; t++) /* pthread_join waits for each to end */
		ck_assert_int_eq(te_do(m, t, "join"), SIM_OK);
	ck_assert_uint_eq(te_guards(m), 4);
	for (t = 1; t <= 6; t++) /* four from the cache, two mapped */
		check_thread(m, t);
	ck_assert_uint_eq(te_guards(m), 6);
	check_consistent(m);
	machine_destroy(m);
}
END_TEST

/* A detached thread's stack is cached at its end; it cannot be joined;
 * detaching an ended thread caches its stack then. */
START_TEST(test_detached)
{
	struct machine *m = check_boot("ram", "256M", NULL);

	check_malloc(m, 16);
	check_thread(m, 1);
	check_thread(m, 2);
	check_thread(m, 0);
	ck_assert_uint_eq(te_guards(m), 2);
	ck_assert_int_eq(te_do(m, 1, "detach"), SIM_OK);
	ck_assert_int_eq(te_do(m, 1, "join"), SIM_EINVAL);
	ck_assert_int_eq(te_exit(m, 1), SIM_OK);
	ck_assert_int_eq(te_exit(m, 2), SIM_OK);
	check_thread(m, 3); /* 1's cached stack; 2's is still held */
	ck_assert_uint_eq(te_guards(m), 2);
	check_thread(m, 0);
	ck_assert_int_eq(te_do(m, 2, "detach"), SIM_OK);
	check_thread(m, 4); /* 2's, now cached */
	ck_assert_uint_eq(te_guards(m), 2);
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
	uint64_t	a = check_malloc(m, 16), b;

	step_init(&st);
	ck_assert_int_eq(machine_thread_dtv(m, 1, 18, &st), SIM_OK);
	ck_assert_int_eq(machine_thread_dtv(m, 1, 18, &st), SIM_EINVAL);
	step_free(&st);
	check_thread(m, 0);
	b = check_malloc(m, 16);
	ck_assert_uint_eq(b - a, 0x20 + 0x130); /* calloc(18, 16) between */
	machine_destroy(m);
}
END_TEST

/* The main thread cannot exit, nor a thread that is not running; a
 * thread that ends itself leaves thread 0 running; an ended thread's
 * number is taken again once it is joined. */
START_TEST(test_exit_refused)
{
	struct machine *m = check_boot("ram", "256M", NULL);

	check_malloc(m, 16);
	ck_assert_int_eq(te_exit(m, 0), SIM_EINVAL);
	ck_assert_int_eq(te_exit(m, 5), SIM_EINVAL);
	check_thread(m, 5);
	check_malloc(m, 100);
	ck_assert_int_eq(te_exit(m, 5), SIM_OK);
	ck_assert_uint_eq(umalloc_current_thread(m), 0);
	ck_assert_int_eq(te_exit(m, 5), SIM_EINVAL);
	ck_assert_int_eq(te_thread_status(m, 5), SIM_EINVAL);
	ck_assert_int_eq(te_do(m, 5, "join"), SIM_OK);
	ck_assert_int_eq(te_do(m, 5, "join"), SIM_EINVAL);
	ck_assert_int_eq(te_thread_status(m, 5), SIM_OK);
	ck_assert_int_eq(te_do(m, 5, "join"), SIM_EINVAL); /* itself */
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
	tcase_add_test(tc, test_detached);
	suite_add_tcase(s, tc);
	return check_run(s);
}
