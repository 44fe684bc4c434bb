/*
 * check_event_json.c - events as --batch --json prints them: exact
 * objects for the kinds whose keys need a rule (an arrow, a flag, a
 * value after the kind's name, escaped text), and for every kind that
 * each key a label gave is a word of the same event's text line, so
 * the JSON cannot drift from the text.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check-run.h"
#include "sim/event.h"

static struct event
ev_make(enum event_kind kind)
{
	struct event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.zone = -1;
	ev.cache = -1;
	ev.pfn = EVENT_NONE;
	ev.addr = EVENT_NONE;
	return ev;
}

static void
ev_json_is(const struct event *ev, const char *want)
{
	struct sbuf b = SBUF_INIT;

	event_format_json(ev, &b);
	ck_assert_str_eq(sbuf_str(&b), want);
	sbuf_free(&b);
}

START_TEST(test_json_exact)
{
	struct event ev = ev_make(EV_SPLIT);

	ev.zone = 1;
	ev.pfn = 0x1400;
	ev.order = 3;
	ev_json_is(&ev,
	    "{\"event\":\"split\",\"zone\":\"DMA32\",\"pfn\":5120,"
	    "\"order\":3,\"to_order\":2}");
	ev.kind = EV_MERGE; /* "order %O -> %o": from order-1 to order */
	ev_json_is(&ev,
	    "{\"event\":\"merge\",\"zone\":\"DMA32\",\"pfn\":5120,"
	    "\"order\":2,\"to_order\":3}");
	ev.kind = EV_PAGES_FREE;
	ev.aux = 1;
	ev_json_is(&ev,
	    "{\"event\":\"pages_free\",\"zone\":\"DMA32\","
	    "\"pfn\":5120,\"order\":3,\"to_tail\":true}");
	ev = ev_make(EV_BRK);
	ev.addr = 0x555555559000ull;
	ev.aux = 0x55555557a000ull;
	ev_json_is(&ev,
	    "{\"event\":\"brk\",\"addr\":\"0x555555559000\","
	    "\"to_addr\":\"0x55555557a000\"}");
	ev = ev_make(EV_ZERO);
	ev.pfn = 0x801;
	ev.size = 4096;
	ev.text = "init_on_alloc \"x\"\n";
	ev_json_is(&ev,
	    "{\"event\":\"zero\",\"bytes\":4096,\"pfn\":2049,"
	    "\"text\":\"init_on_alloc \\\"x\\\"\\n\"}");
}
END_TEST

START_TEST(test_json_more)
{
	struct event ev = ev_make(EV_FAULT);

	ev.addr = 0x7ffff7dd0000ull;
	ev.pfn = 0x11fd;
	ev.aux = 1;
	ev_json_is(&ev,
	    "{\"event\":\"fault\",\"va\":\"0x7ffff7dd0000\","
	    "\"pfn\":4605,\"zero_page\":true}");
	ev = ev_make(EV_WMARK);
	ev.zone = 2;
	ev.aux = 0;
	ev_json_is(&ev,
	    "{\"event\":\"watermark\",\"zone\":\"Normal\","
	    "\"below\":\"min\"}");
	ev = ev_make(EV_OBJ_ALLOC);
	ev.cache = 3;
	ev.addr = 0xffff888000801a40ull;
	ev.pfn = 0x801;
	ev.size = 64;
	ev.aux = 60;
	ev_json_is(&ev,
	    "{\"event\":\"obj_alloc\",\"cache\":3,"
	    "\"addr\":\"0xffff888000801a40\",\"pfn\":2049,"
	    "\"size\":64,\"asked\":60}");
	ev.text = "kmalloc-64";
	ev_json_is(&ev,
	    "{\"event\":\"obj_alloc\",\"cache\":\"kmalloc-64\","
	    "\"addr\":\"0xffff888000801a40\",\"pfn\":2049,"
	    "\"size\":64,\"asked\":60}");
	ev = ev_make(EV_PGTABLE);
	ev.pfn = 0x10;
	ev.aux = 4;
	ev.addr = 0;
	ev_json_is(&ev,
	    "{\"event\":\"pgtable\",\"pfn\":16,\"level\":\"pgd\","
	    "\"va\":\"0x0\"}");
}
END_TEST

/* Keys named by no label: the field's own name or the kind. */
static int
key_unlabelled(const char *k)
{
	static const char *const own[] = { "event", "zone", "addr", "cache",
		"text", NULL };
	size_t			 i;

	for (i = 0; own[i] != NULL; i++)
		if (strcmp(k, own[i]) == 0)
			return 1;
	return strncmp(k, "to_", 3) == 0 && strcmp(k, "to_tail") != 0;
}

/* Every labelled key of ev's JSON, '_' read as ' ', is in its text. */
static void
keys_in_text(const struct event *ev)
{
	struct sbuf t = SBUF_INIT, j = SBUF_INIT;
	const char *p, *q;
	char	    key[64];
	size_t	    i;

	event_format(ev, &t);
	event_format_json(ev, &j);
	for (p = sbuf_str(&j); (p = strchr(p, '"')) != NULL; p = q + 1) {
		q = strchr(p + 1, '"');
		ck_assert_ptr_nonnull(q);
		if (q[1] != ':' || (p[-1] != '{' && p[-1] != ','))
			continue; /* a value, not a key */
		ck_assert_uint_lt((size_t)(q - p), sizeof key);
		memcpy(key, p + 1, (size_t)(q - p - 1));
		key[q - p - 1] = '\0';
		if (key_unlabelled(key))
			continue;
		for (i = 0; key[i] != '\0'; i++)
			key[i] = key[i] == '_' ? ' ' : key[i];
		ck_assert_msg(strstr(sbuf_str(&t), key) != NULL,
		    "%s: key '%s' is no label of '%s'",
		    event_kind_name(ev->kind), key, sbuf_str(&t));
	}
	sbuf_free(&t);
	sbuf_free(&j);
}

START_TEST(test_json_keys_are_labels)
{
	struct event ev;
	int	     k;

	for (k = 0; k < EV__COUNT; k++) {
		ev = ev_make((enum event_kind)k);
		ev.zone = 1;
		ev.cache = 3;
		ev.pfn = 0x1400;
		ev.order = 3;
		ev.addr = 0xffff888000001000ull;
		ev.size = 4096;
		ev.aux = 1;
		ev.text = "why";
		keys_in_text(&ev);
	}
}
END_TEST

static Suite *
event_json_suite(void)
{
	Suite *s = suite_create("event_json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, test_json_exact);
	tcase_add_test(tc, test_json_more);
	tcase_add_test(tc, test_json_keys_are_labels);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(event_json_suite());
}
