/*
 * util.c - small helpers the script layer shares: a set of names, the
 * "did you mean" distance, loop-counter expansion, sizes and durations.
 *
 * The name set is open hashing with linear probing: a demo that churns
 * memory in a repeat binds thousands of names, and the checker looks
 * each one up once per unrolled statement.
 */
#include "script/script-priv.h"
#include "common/strdist.h"
#include "common/xmalloc.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static uint64_t
nameset_hash(const char *s)
{
	uint64_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	h ^= h >> 29; /* "a1", "a2" differ in the low bits only; */
	h *= 0xbf58476d1ce4e5b9ull; /* linear probing needs them */
	h ^= h >> 31;		    /* spread (the splitmix64 finaliser) */
	return h;
}

static size_t
nameset_slot(const struct nameset *ns, const char *name, uint64_t h)
{
	size_t i = (size_t)h & (ns->cap - 1);

	while (ns->v[i].name != NULL &&
	    (ns->v[i].hash != h || strcmp(ns->v[i].name, name) != 0))
		i = (i + 1) & (ns->cap - 1);
	return i;
}

static void
nameset_grow(struct nameset *ns)
{
	struct nameset_ent *old = ns->v;
	size_t		    oldcap = ns->cap, i;

	ns->cap = oldcap ? oldcap * 2 : 64;
	ns->v = xcalloc(ns->cap, sizeof *ns->v);
	for (i = 0; i < oldcap; i++) {
		if (old[i].name != NULL)
			ns->v[nameset_slot(ns, old[i].name,
			    old[i].hash)] = old[i];
	}
	free(old);
}

void
nameset_add(struct nameset *ns, const char *name)
{
	uint64_t h = nameset_hash(name);
	size_t	 i;

	if ((ns->n + 1) * 2 > ns->cap)
		nameset_grow(ns);
	i = nameset_slot(ns, name, h);
	if (ns->v[i].name == NULL) {
		ns->v[i].name = xstrdup(name);
		ns->v[i].hash = h;
		ns->n++;
	}
	ns->v[i].freed = 0; /* bound again: alive */
}

int
nameset_has(const struct nameset *ns, const char *name)
{
	return ns != NULL && ns->cap != 0 &&
	    ns->v[nameset_slot(ns, name, nameset_hash(name))].name != NULL;
}

/*
 * Removes slot i and closes the gap, as linear probing requires: the
 * entries after it that hashed at or before i move back (Knuth's
 * algorithm R, TAOCP 6.4).
 */
static void
nameset_remove_slot(struct nameset *ns, size_t i)
{
	size_t mask = ns->cap - 1, j = i, h;

	free(ns->v[i].name);
	for (;;) {
		ns->v[i].name = NULL;
		for (;;) {
			j = (j + 1) & mask;
			if (ns->v[j].name == NULL) {
				ns->n--;
				return;
			}
			h = (size_t)ns->v[j].hash & mask;
			if (i <= j ? (i < h && h <= j) : (i < h || h <= j))
				continue;
			break;
		}
		ns->v[i] = ns->v[j];
		i = j;
	}
}

void
nameset_freed(struct nameset *ns, struct grave *g, const char *name)
{
	uint64_t    h = nameset_hash(name), seq;
	const char *old;
	size_t	    i;

	if (ns->cap == 0 || ns->v[i = nameset_slot(ns, name, h)].name == NULL)
		return;
	ns->v[i].freed = seq = grave_push(g, ns->v[i].name, &old);
	if (old == NULL)
		return;
	h = nameset_hash(old);
	i = nameset_slot(ns, old, h);
	if (ns->v[i].name != NULL && ns->v[i].freed == seq - GRAVE_KEEP)
		nameset_remove_slot(ns, i);
}

void
nameset_copy(struct nameset *dst, const struct nameset *src)
{
	size_t i;

	if (src == NULL)
		return;
	for (i = 0; i < src->cap; i++) {
		if (src->v[i].name != NULL)
			nameset_add(dst, src->v[i].name);
	}
}

void
nameset_free(struct nameset *ns)
{
	size_t i;

	for (i = 0; i < ns->cap; i++)
		free(ns->v[i].name);
	free(ns->v);
	memset(ns, 0, sizeof *ns);
}

uint64_t
grave_push(struct grave *g, const char *name, const char **evicted)
{
	*evicted = NULL;
	if (g->v == NULL)
		g->v = xcalloc(GRAVE_KEEP, sizeof *g->v);
	if (g->seq >= GRAVE_KEEP)
		*evicted = g->v[g->seq % GRAVE_KEEP];
	g->v[g->seq % GRAVE_KEEP] = name;
	return ++g->seq;
}

void
grave_clear(struct grave *g)
{
	free(g->v);
	memset(g, 0, sizeof *g);
}

const char *
util_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word), i, d;
	/* a suggestion must be closer than this: "b" is not a typo of "a" */
	size_t	    best = len <= 2 ? 1 : len <= 4 ? 2 : 3;
	const char *found = NULL;

	for (i = 0; i < n; i++) {
		if (cands[i] == NULL)
			continue;
		d = str_distance(word, cands[i]);
		if (d < best) {
			best = d;
			found = cands[i];
		}
	}
	return found;
}

const char *
util_expand_to(const char *text, unsigned depth, const uint64_t *vars,
    struct sbuf *buf)
{
	static const char names[] = "ijk";
	const char	 *p;
	const char	 *at;

	if (depth == 0 || strchr(text, '$') == NULL)
		return text; /* most statements: nothing to do, no copy */
	sbuf_reset(buf);
	sbuf_puts(buf, "");
	for (p = text; *p != '\0'; p++) {
		at = p[1] != '\0' ? strchr(names, p[1]) : NULL;
		if (*p == '$' && at != NULL && (unsigned)(at - names) < depth &&
		    !lexer_is_name_char(p[2])) {
			sbuf_printf(buf, "%" PRIu64, vars[at - names]);
			p++;
		} else
			sbuf_putc(buf, *p);
	}
	return sbuf_str(buf);
}

char *
util_expand(const char *text, unsigned depth, const uint64_t *vars)
{
	struct sbuf b = SBUF_INIT;
	char	   *out = xstrdup(util_expand_to(text, depth, vars, &b));

	sbuf_free(&b);
	return out;
}

int
util_parse_duration(const char *s, uint64_t *ms)
{
	char		  *end;
	unsigned long long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || v > 3600000)
		return -1;
	if (strcmp(end, "s") == 0)
		v *= 1000;
	else if (*end != '\0' && strcmp(end, "ms") != 0)
		return -1;
	if (v > 3600000) /* "3600000s" passed the test above */
		return -1;
	*ms = v;
	return 0;
}
