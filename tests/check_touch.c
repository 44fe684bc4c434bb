/*
 * check_touch.c - what the detail panel keeps of an operation: the
 * bytes a read, a write, a memset over the result or a free touched,
 * kept through the statements after it, dropped by the next operation
 * and by a step back; the latest allocation.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ui/touch.h"
#include "check-run.h"

#define KVA 0xffff88800009e000ull
#define UVA 0x5555555592a0ull

static struct machine *m;

static void
setup(void)
{
	struct machine_config cfg;
	char		     *cause = NULL;

	machine_config_default(&cfg);
	m = machine_create(&cfg, &cause);
	ck_assert_ptr_nonnull(m);
}

static void
teardown(void)
{
	machine_destroy(m);
}

static struct event *
emit(struct step *st, enum event_kind k, uint64_t addr, uint64_t size,
    uint64_t pfn)
{
	struct event *ev = step_emit(st, k);

	ev->addr = addr;
	ev->size = size;
	ev->pfn = pfn;
	return ev;
}

static void
item_init(struct player_item *it, enum script_kind kind, const char *src)
{
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->source = (char *)src;
	step_init(&it->step);
}

START_TEST(test_read_stays_until_next_op)
{
	struct player_item it;
	struct touch	   t;

	touch_reset(&t);
	item_init(&it, SCRIPT_OP, "read(key, 0, 32)");
	emit(&it.step, EV_READ, KVA, 32, 0x9e);
	touch_note(&t, &it, 5, m);
	ck_assert_int_eq(t.kind, TOUCH_READ);
	ck_assert_uint_eq(t.addr, KVA);
	ck_assert_uint_eq(t.len, 32);
	step_free(&it.step);
	item_init(&it, SCRIPT_SLEEP, "sleep 2s");
	touch_note(&t, &it, 6, m);
	item_init(&it, SCRIPT_PAUSE, "pause");
	touch_note(&t, &it, 7, m);
	ck_assert_int_eq(t.kind, TOUCH_READ);
	/* a step back to before the read forgets it */
	item_init(&it, SCRIPT_SAY, "say");
	touch_note(&t, &it, 4, m);
	ck_assert_int_eq(t.kind, TOUCH_NONE);
}
END_TEST

START_TEST(test_zero_and_alloc)
{
	struct player_item it;
	struct touch	   t;

	touch_reset(&t);
	item_init(&it, SCRIPT_OP, "clean = kzalloc(40, GFP_KERNEL)");
	it.step.addr = KVA;
	it.step.size = 64;
	emit(&it.step, EV_OBJ_ALLOC, KVA, 64, 0x9e);
	emit(&it.step, EV_ZERO, KVA, 64, 0x9e);
	touch_note(&t, &it, 3, m);
	ck_assert_int_eq(t.kind, TOUCH_ZERO);
	ck_assert_uint_eq(t.ev, 1);
	ck_assert_uint_eq(t.alloc_addr, KVA);
	ck_assert_str_eq(t.alloc_name, "clean");
	step_free(&it.step);
	/* malloc: the kernel clears the page it faults in; not a memset */
	item_init(&it, SCRIPT_OP, "p = malloc(24)");
	it.step.addr = UVA;
	step_add_frames(&it.step, 0x5, 1);
	emit(&it.step, EV_ZERO, EVENT_NONE, 4096, 0x5);
	touch_note(&t, &it, 4, m);
	ck_assert_int_eq(t.kind, TOUCH_NONE);
	ck_assert_uint_eq(t.alloc_addr, UVA);
	step_free(&it.step);
}
END_TEST

START_TEST(test_frees)
{
	struct player_item it;
	struct touch	   t;

	touch_reset(&t);
	item_init(&it, SCRIPT_OP, "kfree(key)");
	emit(&it.step, EV_OBJ_FREE, KVA, 64, 0x9e);
	touch_note(&t, &it, 2, m);
	ck_assert_int_eq(t.kind, TOUCH_FREE);
	step_free(&it.step);
	/* vfree's own kfree of its page array is not the caller's bytes */
	item_init(&it, SCRIPT_OP, "vfree(v)");
	emit(&it.step, EV_PTE_CLEAR, 0xffffc90000000000ull, 0, 0x3);
	emit(&it.step, EV_OBJ_FREE, KVA, 8, 0x9e);
	touch_note(&t, &it, 3, m);
	ck_assert_int_eq(t.kind, TOUCH_NONE);
	step_free(&it.step);
	/* malloc taking a chunk off a bin is no free */
	item_init(&it, SCRIPT_OP, "q = malloc(24)");
	it.step.addr = UVA;
	emit(&it.step, EV_BIN, UVA - 16, 32, EVENT_NONE);
	touch_note(&t, &it, 4, m);
	ck_assert_int_eq(t.kind, TOUCH_NONE);
	step_free(&it.step);
}
END_TEST

/* What an operation found: the previous range's bytes, as kept. */
START_TEST(test_before)
{
	struct player_item it;
	struct touch	   t;
	uint8_t		   b;

	touch_reset(&t);
	item_init(&it, SCRIPT_OP, "read(key, 0, 16)");
	emit(&it.step, EV_READ, KVA, 16, 0x9e);
	touch_note(&t, &it, 1, m);
	ck_assert_int_eq(touch_before(&t, KVA, &b), -1);
	ck_assert_uint_eq(t.shot_len, 16);
	touch_note(&t, &it, 2, m);
	ck_assert_int_eq(touch_before(&t, KVA + 15, &b), 0);
	ck_assert_int_eq(touch_before(&t, KVA + 16, &b), -1);
	step_free(&it.step);
	item_init(&it, SCRIPT_MACHINE, "machine");
	touch_note(&t, &it, 3, m);
	ck_assert_int_eq(touch_before(&t, KVA, &b), -1);
	step_free(&it.step);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("touch");
	TCase *tc = tcase_create("touch");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read_stays_until_next_op);
	tcase_add_test(tc, test_zero_and_alloc);
	tcase_add_test(tc, test_frees);
	tcase_add_test(tc, test_before);
	suite_add_tcase(s, tc);
	return check_run(s);
}
