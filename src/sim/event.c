/*
 * event.c - event kinds and how each one reads as a line of text.
 */
#include "sim/event.h"
#include "sim/page/phys.h"
#include "common/json.h"
#include "common/xmalloc.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const event_names[] = {
#define EVENT_NAME(e, name, doc) name,
	EVENT_KINDS(EVENT_NAME)
#undef EVENT_NAME
};

const char *
event_kind_name(enum event_kind kind)
{
	if ((unsigned)kind >= EV__COUNT)
		return "?";
	return event_names[kind];
}

/*
 * How each kind prints: pieces separated by '|', each printed only when
 * every field it names is present, so a missing field drops its label too.
 * Fields: %z zone name, %p pfn, %o order, %O order - 1, %P order + 1,
 * %a addr, %A aux as an address, %s size, %u aux, %w aux as a watermark
 * name, %l aux as a page-table level name, %T present when aux != 0,
 * %C text as a cache name (else "cache N"), %t text.  These lines are what
 * batch --events and the golden files show: keep them stable.
 */
static const char *const event_templates[EV__COUNT] = {
	[EV_SPLIT] = "split| %z| pfn %p| order %o -> %O",
	[EV_PAGES_ALLOC] = "pages_alloc| %z| pfn %p| order %o",
	[EV_PAGES_FREE] = "pages_free| %z| pfn %p| order %o| to tail%T",
	[EV_PCP_ALLOC] = "pcp_alloc| %z| pfn %p| order %o| cpu %u",
	[EV_PCP_FREE] = "pcp_free| %z| pfn %p| order %o| cpu %u",
	[EV_PCP_REFILL] = "pcp_refill| %z| pfn %p| order %o",
	[EV_PCP_DRAIN] = "pcp_drain| %z| pfn %p| order %o",
	[EV_MERGE] = "merge| %z| pfn %p| order %O -> %o",
	[EV_WMARK] = "watermark| %z| below %w",
	[EV_KSWAPD] = "kswapd| %z| woken, reclaimed %s pages",
	[EV_SLEEP] = "sleep in direct reclaim",
	[EV_RECLAIM] = "reclaim| pfn %p| %z",
	[EV_FAIL] = "fail|: %t",
	[EV_ZERO] = "zero %s bytes at| %a| pfn %p|: %t",
	[EV_WRITE] = "write %s bytes at| %a| pfn %p",
	[EV_READ] = "read %s bytes at| %a| pfn %p",
	[EV_SLAB_NEW] = "slab_new| %C| pfn %p| order %o",
	[EV_SLAB_FREE] = "slab_free| %C| pfn %p| order %o",
	[EV_OBJ_ALLOC] = "obj_alloc| %C| %a| pfn %p| size %s| asked %u",
	[EV_OBJ_FREE] = "obj_free| %C| %a| pfn %p| size %s",
	[EV_LARGE_ALLOC] = "kmalloc_large| %a| pfn %p| order %o",
	[EV_LARGE_FREE] = "kfree_large| %a| pfn %p| order %o",
	[EV_VMAP_AREA] = "vmap_area| %a| size %s",
	[EV_VUNMAP_AREA] = "vunmap_area| %a| size %s",
	[EV_PTE_SET] = "pte_set| va %a| -> pfn %p",
	[EV_PTE_CLEAR] = "pte_clear| va %a| pfn %p",
	[EV_PGTABLE] = "pgtable| pfn %p| level %l| for va %a",
	[EV_BRK] = "brk| %a -> %A",
	[EV_MMAP] = "mmap| %a| size %s",
	[EV_MUNMAP] = "munmap| %a| size %s",
	[EV_FAULT] = "fault| va %a| -> pfn %p| (zero page)%T",
	[EV_CHUNK] = "chunk| %a| size %s|: %t",
	[EV_BIN] = "bin| %a| size %s|: %t",
	[EV_REPORT] = "report|: %t",
	[EV_NOTE] = "note|: %t",
};

static const char *const event_wmark_names[] = { "min", "low", "high" };
/* Page-table levels by aux, as EV_PGTABLE counts them (4 pgd .. 1 pte). */
static const char *const event_level_names[] = { "?", "pte", "pmd", "pud",
	"pgd" };

/* Is the field a template code names present in ev? */
static int
event_has(const struct event *ev, char code)
{
	switch (code) {
	case 'z':
		return ev->zone >= 0;
	case 'p':
		return ev->pfn != EVENT_NONE;
	case 'a':
		return ev->addr != EVENT_NONE;
	case 'O':
		return ev->order > 0;
	case 'T':
		return ev->aux != 0;
	case 't':
		return ev->text != NULL;
	case 'w':
		return ev->aux < 3;
	case 'l':
		return ev->aux >= 1 && ev->aux <= 4;
	default:
		return 1;
	}
}

static void
event_put_field(const struct event *ev, char code, struct sbuf *out)
{
	switch (code) {
	case 'z':
		sbuf_puts(out, phys_zone_name(ev->zone));
		break;
	case 'p':
		sbuf_printf(out, "%#" PRIx64, ev->pfn);
		break;
	case 'o':
		sbuf_printf(out, "%u", ev->order);
		break;
	case 'O':
		sbuf_printf(out, "%u", ev->order - 1);
		break;
	case 'P':
		sbuf_printf(out, "%u", ev->order + 1);
		break;
	case 'a':
		sbuf_printf(out, "%#" PRIx64, ev->addr);
		break;
	case 'A':
		sbuf_printf(out, "%#" PRIx64, ev->aux);
		break;
	case 's':
		sbuf_printf(out, "%" PRIu64, ev->size);
		break;
	case 'u':
		sbuf_printf(out, "%" PRIu64, ev->aux);
		break;
	case 'w':
		sbuf_puts(out, event_wmark_names[ev->aux]);
		break;
	case 'l':
		sbuf_puts(out, event_level_names[ev->aux]);
		break;
	case 'C':
		if (ev->text != NULL)
			sbuf_puts(out, ev->text);
		else
			sbuf_printf(out, "cache %d", ev->cache);
		break;
	case 't':
		sbuf_puts(out, ev->text);
		break;
	default:
		break;
	}
}

/* Prints one '|'-delimited piece [p, end) if all its fields are present. */
static void
event_put_piece(const struct event *ev, const char *p, const char *end,
    struct sbuf *out)
{
	const char *q;

	for (q = p; q + 1 < end; q++) {
		if (*q == '%' && !event_has(ev, q[1]))
			return;
	}
	for (q = p; q < end; q++) {
		if (*q == '%' && q + 1 < end) {
			q++;
			event_put_field(ev, *q, out);
		} else
			sbuf_putc(out, *q);
	}
}

/* Kinds without a template: every field that is set, in a fixed order. */
static

    void
    event_format_generic(const struct event *ev, struct sbuf *out)
{
	sbuf_puts(out, event_kind_name(ev->kind));
	if (ev->zone >= 0)
		sbuf_printf(out, " %s", phys_zone_name(ev->zone));
	if (ev->cache >= 0)
		sbuf_printf(out, " cache %d", ev->cache);
	if (ev->pfn != EVENT_NONE)
		sbuf_printf(out, " pfn %#" PRIx64, ev->pfn);
	if (ev->addr != EVENT_NONE)
		sbuf_printf(out, " addr %#" PRIx64, ev->addr);
	if (ev->size != 0)
		sbuf_printf(out, " size %" PRIu64, ev->size);
	if (ev->aux != 0)
		sbuf_printf(out, " aux %#" PRIx64, ev->aux);
	if (ev->text != NULL)
		sbuf_printf(out, ": %s", ev->text);
}

void
event_format(const struct event *ev, struct sbuf *out)
{
	const char *t, *end;

	if ((unsigned)ev->kind >= EV__COUNT ||
	    (t = event_templates[ev->kind]) == NULL) {
		event_format_generic(ev, out);
		return;
	}
	while (*t != '\0') {
		end = strchr(t, '|');
		if (end == NULL)
			end = t + strlen(t);
		event_put_piece(ev, t, end, out);
		t = *end == '|' ? end + 1 : end;
	}
}

/*
 * JSON: the same templates name the fields, so a JSON key cannot drift
 * from the text line's label.  A field's key is the label word written
 * before it ("pfn %p" -> "pfn"); a value after "->" is "to_" plus the
 * key before the arrow ("order %o -> %O" -> "order", "to_order"); where
 * the word before is the kind's own name, the word after ("zero %s bytes"
 * -> "bytes"); with no word, the field's own name (zone, addr, cache,
 * text).  A presence flag (%T) is keyed by its piece's words ("to_tail",
 * "zero_page") and is true.
 */
static const char *
event_json_code_name(char code)
{
	switch (code) {
	case 'z':
		return "zone";
	case 'p':
		return "pfn";
	case 'o':
	case 'O':
	case 'P':
		return "order";
	case 'a':
	case 'A':
		return "addr";
	case 's':
		return "size";
	case 'w':
		return "watermark";
	case 'l':
		return "level";
	case 'C':
		return "cache";
	case 't':
		return "text";
	default:
		return "aux";
	}
}

static int
event_json_wordc(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Copies the word ending at end (exclusive) into key; its length. */
static size_t
event_json_word_before(const char *p, const char *end, char *key, size_t n)
{
	const char *w = end;

	while (w > p && event_json_wordc(w[-1]))
		w--;
	if ((size_t)(end - w) >= n)
		return 0;
	memcpy(key, w, (size_t)(end - w));
	key[end - w] = '\0';
	return (size_t)(end - w);
}

/* A %T piece's key: its words joined by '_' ("to tail%T" -> "to_tail"). */
static void
event_json_flag_key(const char *p, const char *q, char *key, size_t n)
{
	size_t k = 0;

	for (; p < q && k + 1 < n; p++) {
		if (event_json_wordc(*p))
			key[k++] = (char)tolower((unsigned char)*p);
		else if (k > 0 && key[k - 1] != '_')
			key[k++] = '_';
	}
	while (k > 0 && key[k - 1] == '_')
		k--;
	key[k] = '\0';
}

/* The key of the field at q (its '%') in piece [p, q...); prev: last key. */
static void
event_json_key(const struct event *ev, const char *p, const char *q,
    const char *prev, char *key, size_t n)
{
	const char *b = q, *a = q + 2;

	if (q[1] == 'T') {
		event_json_flag_key(p, q, key, n);
		return;
	}
	while (b > p && b[-1] == ' ')
		b--;
	if (b - p >= 2 && b[-2] == '-' && b[-1] == '>' && prev[0] != '\0') {
		snprintf(key, n, "to_%.28s", prev); /* keys are short words */
		return;
	}
	if (event_json_word_before(p, b, key, n) > 0 &&
	    strcmp(key, event_kind_name(ev->kind)) != 0)
		return;
	while (*a == ' ')
		a++;
	b = a;
	while (event_json_wordc(*b))
		b++;
	if (b > a && (size_t)(b - a) < n && *b != '%') {
		memcpy(key, a, (size_t)(b - a));
		key[b - a] = '\0';
		return;
	}
	snprintf(key, n, "%s", event_json_code_name(q[1]));
}

/* A field's JSON value: numbers as numbers, addresses as "0x..." strings. */
static void
event_json_value(const struct event *ev, char code, struct sbuf *out)
{
	switch (code) {
	case 'a':
	case 'A':
		sbuf_printf(out, "\"0x%" PRIx64 "\"",
		    code == 'a' ? ev->addr : ev->aux);
		break;
	case 'C':
		if (ev->text != NULL)
			json_str(out, ev->text);
		else
			sbuf_printf(out, "%d", ev->cache);
		break;
	case 'T':
		sbuf_puts(out, "true");
		break;
	case 'p':
		sbuf_printf(out, "%" PRIu64, ev->pfn);
		break;
	case 'z':
		json_str(out, phys_zone_name(ev->zone));
		break;
	case 't':
		json_str(out, ev->text);
		break;
	case 'w':
	case 'l':
		sbuf_putc(out, '"');
		event_put_field(ev, code, out);
		sbuf_putc(out, '"');
		break;
	default:
		event_put_field(ev, code, out); /* o O P s u: decimal */
		break;
	}
}

/* Adds the fields of one piece, if all are present; prev: the last key. */
static void
event_json_piece(const struct event *ev, const char *p, const char *end,
    char *prev, struct sbuf *out)
{
	const char *q;
	char	    key[32];

	for (q = p; q + 1 < end; q++) {
		if (*q == '%' && !event_has(ev, q[1]))
			return;
	}
	for (q = p; q + 1 < end; q++) {
		if (*q != '%')
			continue;
		event_json_key(ev, p, q, prev, key, sizeof key);
		sbuf_putc(out, ',');
		json_key(out, key);
		event_json_value(ev, q[1], out);
		snprintf(prev, 32, "%s", key);
		q++;
	}
}

/* Kinds without a template: every field that is set, by its own name. */
static void
event_json_generic(const struct event *ev, struct sbuf *out)
{
	if (ev->zone >= 0) {
		sbuf_puts(out, ",\"zone\":");
		json_str(out, phys_zone_name(ev->zone));
	}
	if (ev->cache >= 0)
		sbuf_printf(out, ",\"cache\":%d", ev->cache);
	if (ev->pfn != EVENT_NONE)
		sbuf_printf(out, ",\"pfn\":%" PRIu64, ev->pfn);
	if (ev->addr != EVENT_NONE)
		sbuf_printf(out, ",\"addr\":\"0x%" PRIx64 "\"", ev->addr);
	if (ev->size != 0)
		sbuf_printf(out, ",\"size\":%" PRIu64, ev->size);
	if (ev->aux != 0)
		sbuf_printf(out, ",\"aux\":%" PRIu64, ev->aux);
	if (ev->text != NULL) {
		sbuf_puts(out, ",\"text\":");
		json_str(out, ev->text);
	}
}

void
event_format_json(const struct event *ev, struct sbuf *out)
{
	const char *t, *end;
	char	    prev[32] = "";

	sbuf_puts(out, "{\"event\":");
	json_str(out, event_kind_name(ev->kind));
	if ((unsigned)ev->kind >= EV__COUNT ||
	    (t = event_templates[ev->kind]) == NULL)
		event_json_generic(ev, out);
	else {
		while (*t != '\0') {
			end = strchr(t, '|');
			if (end == NULL)
				end = t + strlen(t);
			event_json_piece(ev, t, end, prev, out);
			t = *end == '|' ? end + 1 : end;
		}
	}
	sbuf_putc(out, '}');
}
