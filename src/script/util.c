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

static size_t
nameset_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	h ^= h >> 29; /* "a1", "a2" differ in the low bits only; */
	h *= (size_t)0xbf58476d1ce4e5b9ull; /* linear probing needs them */
	h ^= h >> 31; /* spread (the splitmix64 finaliser) */
	return h;
}

static size_t
nameset_slot(const struct nameset *ns, const char *name)
{
	size_t i = nameset_hash(name) & (ns->cap - 1);

	while (ns->v[i] != NULL && strcmp(ns->v[i], name) != 0)
		i = (i + 1) & (ns->cap - 1);
	return i;
}

static void
nameset_grow(struct nameset *ns)
{
	char **old = ns->v;
	size_t oldcap = ns->cap, i;

	ns->cap = oldcap ? oldcap * 2 : 64;
	ns->v = xcalloc(ns->cap, sizeof *ns->v);
	for (i = 0; i < oldcap; i++) {
		if (old[i] != NULL)
			ns->v[nameset_slot(ns, old[i])] = old[i];
	}
	free(old);
}

void
nameset_add(struct nameset *ns, const char *name)
{
	size_t i;

	if ((ns->n + 1) * 2 > ns->cap)
		nameset_grow(ns);
	i = nameset_slot(ns, name);
	if (ns->v[i] == NULL) {
		ns->v[i] = xstrdup(name);
		ns->n++;
	}
}

int
nameset_has(const struct nameset *ns, const char *name)
{
	return ns != NULL && ns->cap != 0 &&
	    ns->v[nameset_slot(ns, name)] != NULL;
}

void
nameset_copy(struct nameset *dst, const struct nameset *src)
{
	size_t i;

	if (src == NULL)
		return;
	for (i = 0; i < src->cap; i++) {
		if (src->v[i] != NULL)
			nameset_add(dst, src->v[i]);
	}
}

void
nameset_free(struct nameset *ns)
{
	size_t i;

	for (i = 0; i < ns->cap; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof *ns);
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
