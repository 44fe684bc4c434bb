/*
 * machine-config.c - the options of the `machine` statement, one table.
 *
 * Each row holds an option's name, how its value is stored, its range and
 * default, and its help; the script parser, the command line (--ram=...),
 * --help, completion and the machine line a recording starts with all
 * read this table, and the defaults are set by parsing the default text,
 * so a default can never fall outside its own range.
 */
#include "sim/machine.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/size.h"
#include "common/xmalloc.h"
#include "sim/kernel/kprofile.h"
#include "sim/page/phys.h"
#include "sim/page/thp.h"

#define MOPT(field) offsetof(struct machine_config, field)

const struct machine_option machine_options[] = {
	{ "ram", "size", MOPT_SIZE, MOPT(ram), 1ull << 20, 16ull << 30, "64M",
	    "physical memory, %r, whole pages" },
	{ "cpus", "count", MOPT_UINT, MOPT(cpus), 1, 256, "2",
	    "CPUs, %r: slab geometry, lazy vfree" },
	{ "kernel", "name", MOPT_KERNEL, MOPT(kernel), 0, 0, "6.x",
	    "kernel profile: %r" },
	{ "seed", "count", MOPT_U64, MOPT(seed), 0, UINT64_MAX, "1",
	    "seed of every random choice the machine makes" },
	{ "fragment", "percent", MOPT_PERCENT, MOPT(fragment), 0, 100, "0%",
	    "how aged the machine boots, %r" },
	{ "thp", "mode", MOPT_THP, MOPT(thp), 0, THP__COUNT - 1, "profile",
	    "transparent huge pages, %r: unless never, khugepaged "
	    "raises min_free_kbytes" },
	{ "aslr", "bool", MOPT_BOOL, MOPT(aslr), 0, 1, "off",
	    "randomise the process's address-space bases" },
	{ "overcommit_memory", "mode", MOPT_UINT, MOPT(overcommit_memory), 0, 2,
	    "0",
	    "vm.overcommit_memory, %r: 0 heuristic, 1 always, "
	    "2 strict" },
	{ "overcommit_ratio", "percent", MOPT_UINT, MOPT(overcommit_ratio), 0,
	    1000, "50",
	    "vm.overcommit_ratio, %r: RAM's share of "
	    "CommitLimit in mode 2" },
	{ "init_on_alloc", "0|1", MOPT_BOOT, MOPT(init_on_alloc), 0, 1,
	    "profile", "zero every slab object and page when allocated, %r" },
	{ "init_on_free", "0|1", MOPT_BOOT, MOPT(init_on_free), 0, 1, "profile",
	    "zero every slab object and page when freed, %r" },
	{ "slub_nomerge", "0|1", MOPT_BOOT, MOPT(slub_nomerge), 0, 1, "profile",
	    "never merge a new slab cache into an existing one, %r" },
	{ "tunables", "text", MOPT_STRING, MOPT(tunables), 0, 255, "",
	    "GLIBC_TUNABLES of the process: glibc.malloc.NAME=VALUE:..." },
};
const size_t machine_options_len = sizeof machine_options /
    sizeof machine_options[0];

const struct machine_option *
machine_option_find(const char *name)
{
	size_t i;

	for (i = 0; i < machine_options_len; i++) {
		if (strcmp(machine_options[i].name, name) == 0)
			return &machine_options[i];
	}
	return NULL;
}

/* "6.1, 6.12 (6.x), 2.6 or 2.0": the kernel profiles, from their table. */
static void
machine_option_profiles(struct sbuf *out)
{
	size_t i;

	for (i = 0; i < kprofiles_len; i++) {
		if (i > 0)
			sbuf_puts(out, i + 1 < kprofiles_len ? ", " : " or ");
		sbuf_puts(out, kprofiles[i].name);
		if (kprofiles[i].alias != NULL)
			sbuf_printf(out, " (%s)", kprofiles[i].alias);
	}
}

void
machine_option_range(const struct machine_option *o, struct sbuf *out)
{
	switch (o->kind) {
	case MOPT_SIZE:
		size_format(o->min, out);
		sbuf_puts(out, " to ");
		size_format(o->max, out);
		break;
	case MOPT_PERCENT:
		sbuf_printf(out, "%" PRIu64 "%% to %" PRIu64 "%%", o->min,
		    o->max);
		break;
	case MOPT_BOOL:
		sbuf_puts(out, "on or off");
		break;
	case MOPT_KERNEL:
		machine_option_profiles(out);
		break;
	case MOPT_BOOT:
		sbuf_puts(out, "0 or 1");
		break;
	case MOPT_THP:
		sbuf_puts(out, "always, madvise, never or profile");
		break;
	case MOPT_STRING:
		sbuf_printf(out, "up to %" PRIu64 " characters", o->max);
		break;
	default:
		sbuf_printf(out, "%" PRIu64 " to %" PRIu64, o->min, o->max);
		break;
	}
}

void
machine_option_help(const struct machine_option *o, struct sbuf *out)
{
	const char *r = strstr(o->help, "%r");

	if (r == NULL) {
		sbuf_puts(out, o->help);
		return;
	}
	sbuf_add(out, o->help, (size_t)(r - o->help));
	machine_option_range(o, out);
	sbuf_puts(out, r + 2);
}

/* A thp mode by its sysfs name, or on and off as the bool it once was. */
static int
machine_parse_thp(const char *s, uint64_t *out)
{
	unsigned i;

	for (i = 0; i < THP__COUNT; i++) {
		if (strcmp(s, thp_mode_names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	if (strcmp(s, "on") == 0 || strcmp(s, "off") == 0) {
		*out = strcmp(s, "on") == 0 ? THP_ALWAYS : THP_NEVER;
		return 0;
	}
	return -1;
}

static int
machine_parse_bool(const char *s, uint64_t *out)
{
	if (strcmp(s, "on") == 0 || strcmp(s, "yes") == 0 ||
	    strcmp(s, "1") == 0)
		*out = 1;
	else if (strcmp(s, "off") == 0 || strcmp(s, "no") == 0 ||
	    strcmp(s, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

/* The value as a number in the option's range; -1 when it is not. */
static int
machine_option_number(const struct machine_option *o, const char *value,
    uint64_t *v)
{
	size_t n = strlen(value);

	if ((o->kind == MOPT_BOOT || o->kind == MOPT_THP) &&
	    strcmp(value, "profile") == 0) {
		*v = UINT64_MAX; /* stored as -1 */
		return 0;
	}
	if (o->kind == MOPT_BOOL || o->kind == MOPT_BOOT)
		return machine_parse_bool(value, v);
	if (o->kind == MOPT_THP)
		return machine_parse_thp(value, v);
	if (o->kind == MOPT_PERCENT && n > 0 && value[n - 1] == '%')
		n--;
	if (size_parse(value, n, v) != 0 || *v < o->min || *v > o->max)
		return -1;
	if (o->kind == MOPT_SIZE && *v % PAGE_SIZE != 0)
		return -1;
	return 0;
}

static void
machine_option_store(struct machine_config *cfg, const struct machine_option *o,
    uint64_t v)
{
	char *field = (char *)cfg + o->offset;

	switch (o->kind) {
	case MOPT_SIZE:
	case MOPT_U64:
		memcpy(field, &v, sizeof v);
		break;
	case MOPT_BOOL:
	case MOPT_BOOT:
	case MOPT_THP: {
		int b = v == UINT64_MAX ? -1 : (int)v;

		memcpy(field, &b, sizeof b);
		break;
	}
	default: {
		unsigned u = (unsigned)v;

		memcpy(field, &u, sizeof u);
		break;
	}
	}
}

static int
machine_option_bad(const struct machine_option *o, const char *value,
    char **cause)
{
	struct sbuf b = SBUF_INIT;

	if (o->kind == MOPT_KERNEL) {
		sbuf_printf(&b, "unknown kernel profile '%s': expected ",
		    value);
		machine_option_range(o, &b);
	} else if (o->kind == MOPT_BOOL) {
		sbuf_printf(&b, "bad value '%s' for %s: expected on or off",
		    value, o->name);
	} else if (o->kind == MOPT_BOOT) {
		sbuf_printf(&b,
		    "bad value '%s' for %s: expected 0, 1 or "
		    "profile",
		    value, o->name);
	} else if (o->kind == MOPT_THP) {
		sbuf_printf(&b, "bad value '%s' for %s: expected ", value,
		    o->name);
		machine_option_range(o, &b);
	} else {
		sbuf_printf(&b, "bad value '%s' for %s: expected ", value,
		    o->name);
		machine_option_help(o, &b);
	}
	*cause = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	return -1;
}

static int
machine_option_unknown(const char *name, char **cause)
{
	struct sbuf b = SBUF_INIT;
	size_t	    i;

	sbuf_printf(&b, "unknown machine option '%s': expected ", name);
	for (i = 0; i < machine_options_len; i++) {
		if (i > 0)
			sbuf_puts(&b,
			    i + 1 < machine_options_len ? ", " : " or ");
		sbuf_puts(&b, machine_options[i].name);
	}
	*cause = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	return -1;
}

int
machine_config_set(struct machine_config *cfg, const char *name,
    const char *value, char **cause)
{
	const struct machine_option *o = machine_option_find(name);
	uint64_t		     v;

	if (o == NULL)
		return machine_option_unknown(name, cause);
	if (o->kind == MOPT_KERNEL) {
		if (kprofile_find(value) == NULL)
			return machine_option_bad(o, value, cause);
		snprintf(cfg->kernel, sizeof cfg->kernel, "%s", value);
		return 0;
	}
	if (o->kind == MOPT_STRING) {
		if (strlen(value) > o->max || strpbrk(value, "\"\\\n") != NULL)
			return machine_option_bad(o, value, cause);
		snprintf((char *)cfg + o->offset, (size_t)o->max + 1, "%s",
		    value);
		return 0;
	}
	if (machine_option_number(o, value, &v) != 0)
		return machine_option_bad(o, value, cause);
	machine_option_store(cfg, o, v);
	return 0;
}

void
machine_config_default(struct machine_config *cfg)
{
	size_t i;
	char  *cause;

	memset(cfg, 0, sizeof *cfg);
	for (i = 0; i < machine_options_len; i++) {
		if (machine_config_set(cfg, machine_options[i].name,
			machine_options[i].dflt, &cause) != 0)
			free(cause); /* a table error; tests catch it */
	}
}

int
machine_config_check(const struct machine_config *cfg, char **cause)
{
	struct machine_config copy = *cfg;
	struct sbuf	      b = SBUF_INIT;
	size_t		      i;
	int		      rc = 0;

	for (i = 0; i < machine_options_len && rc == 0; i++) {
		sbuf_reset(&b);
		machine_config_format_one(cfg, &machine_options[i], &b);
		rc = machine_config_set(&copy, machine_options[i].name,
		    sbuf_str(&b), cause);
	}
	sbuf_free(&b);
	return rc;
}

void
machine_config_format_one(const struct machine_config *cfg,
    const struct machine_option *o, struct sbuf *out)
{
	const char *field = (const char *)cfg + o->offset;
	uint64_t    v = 0;
	unsigned    u;
	int	    b;

	switch (o->kind) {
	case MOPT_KERNEL:
		sbuf_puts(out, cfg->kernel);
		return;
	case MOPT_STRING:
		sbuf_puts(out, field);
		return;
	case MOPT_SIZE:
	case MOPT_U64:
		memcpy(&v, field, sizeof v);
		break;
	case MOPT_BOOL:
		memcpy(&b, field, sizeof b);
		sbuf_puts(out, b ? "on" : "off");
		return;
	case MOPT_BOOT:
		memcpy(&b, field, sizeof b);
		sbuf_puts(out, b < 0 ? "profile" : b ? "1" : "0");
		return;
	case MOPT_THP:
		memcpy(&b, field, sizeof b);
		sbuf_puts(out, b < 0 ? "profile" : thp_mode_names[b]);
		return;
	default:
		memcpy(&u, field, sizeof u);
		v = u;
		break;
	}
	if (o->kind == MOPT_SIZE)
		size_format(v, out);
	else
		sbuf_printf(out, "%" PRIu64 "%s", v,
		    o->kind == MOPT_PERCENT ? "%" : "");
}

void
machine_config_format(const struct machine_config *cfg, struct sbuf *out)
{
	size_t i;

	sbuf_puts(out, "machine");
	for (i = 0; i < machine_options_len; i++) {
		const struct machine_option *o = &machine_options[i];

		if (o->kind == MOPT_STRING) {
			/* Quoted for the lexer; left out while empty so
			 * that older readers still take the line. */
			if (*((const char *)cfg + o->offset) == '\0')
				continue;
			sbuf_printf(out, " %s=\"", o->name);
			machine_config_format_one(cfg, o, out);
			sbuf_puts(out, "\"");
			continue;
		}
		sbuf_printf(out, " %s=", o->name);
		machine_config_format_one(cfg, o, out);
	}
}
