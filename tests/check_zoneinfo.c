/*
 * check_zoneinfo.c - memviz's zones against real boots: Debian's 6.1 and
 * 6.12 under QEMU q35 with one CPU at 128M to 16G
 * (tests/kernel-probe/captured/zoneinfo-KVER-SIZE.txt).  For every zone
 * (DMA, DMA32, Normal, and the empty Movable, whose watermarks are 0 on
 * 6.1 and 32 on 6.12) spanned and present must be equal, managed within
 * 1%, min, low and high within 2 pages, each lowmem_reserve (protection)
 * within 1% and 2 pages; MemTotal within 1%.  memviz boots as the real
 * one did: one CPU, otherwise its default options (thp=profile: Debian's
 * TRANSPARENT_HUGEPAGE_ALWAYS starts khugepaged, which raises the
 * watermarks on machines of 512M and more).
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/sbuf.h"
#include "sim/machine.h"
#include "check-run.h"

#define NZONES 4
#define NPROT  5

struct zone_numbers {
	long long spanned, present, managed, min, low, high;
	long long prot[NPROT];
	int	  seen;
};

struct boot {
	struct zone_numbers zone[NZONES];
	long long	    memtotal_kb;
};

static const char *const zone_names[NZONES] = { "DMA", "DMA32", "Normal",
	"Movable" };

static const char *const kernels[] = { "6.1", "6.12" };
static const char *const sizes[] = { "128M", "256M", "1G", "2G", "4G", "8G",
	"16G" };
#define NSIZES (sizeof sizes / sizeof sizes[0])

/* Which of the three zones a "Node 0, zone NAME" line opens, or -1. */
static int
zone_index(const char *line)
{
	const char *p = strstr(line, "zone");
	char	    name[32];
	int	    z;

	if (p == NULL || sscanf(p, "zone %31s", name) != 1)
		return -1;
	for (z = 0; z < NZONES; z++)
		if (strcmp(name, zone_names[z]) == 0)
			return z;
	return -1;
}

/* One line of /proc/zoneinfo (or of meminfo) into b; *z is the zone. */
static void
parse_line(const char *line, struct boot *b, int *z)
{
	struct zone_numbers *zn;
	char		     key[32];
	long long	     v;

	if (strstr(line, "Node 0, zone") != NULL) {
		*z = zone_index(line);
		return;
	}
	if (sscanf(line, " MemTotal: %lld", &v) == 1)
		b->memtotal_kb = v;
	if (*z < 0)
		return;
	zn = &b->zone[*z];
	if (sscanf(line, " protection: (%lld, %lld, %lld, %lld, %lld)",
		&zn->prot[0], &zn->prot[1], &zn->prot[2], &zn->prot[3],
		&zn->prot[4]) == NPROT) {
		*z = -1; /* the pcp lines that follow say "high:" too */
		return;
	}
	if (sscanf(line, " %31s %lld", key, &v) != 2)
		return;
	zn->seen = 1;
	if (strcmp(key, "spanned") == 0)
		zn->spanned = v;
	else if (strcmp(key, "present") == 0)
		zn->present = v;
	else if (strcmp(key, "managed") == 0)
		zn->managed = v;
	else if (strcmp(key, "min") == 0)
		zn->min = v;
	else if (strcmp(key, "low") == 0)
		zn->low = v;
	else if (strcmp(key, "high") == 0)
		zn->high = v;
}

/* The capture's lines, without their "zoneinfo "/"meminfo " prefix. */
static void
read_capture(const char *kernel, const char *size, struct boot *b)
{
	char  path[512], line[512];
	FILE *f;
	int   z = -1;

	snprintf(path, sizeof path,
	    "%s/kernel-probe/captured/zoneinfo-%s-%s.txt", TEST_SRCDIR, kernel,
	    size);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	memset(b, 0, sizeof *b);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "zoneinfo ", 9) == 0)
			parse_line(line + 9, b, &z);
		else if (strncmp(line, "meminfo ", 8) == 0)
			parse_line(line + 8, b, &z);
	}
	fclose(f);
}

static void
parse_text(const char *text, struct boot *b)
{
	char *copy = strdup(text), *save = NULL, *line;
	int   z = -1;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		parse_line(line, b, &z);
	free(copy);
}

static void
set(struct machine_config *cfg, const char *key, const char *val)
{
	char *cause = NULL;

	ck_assert_msg(machine_config_set(cfg, key, val, &cause) == 0,
	    "%s=%s: %s", key, val, cause ? cause : "");
}

static void
boot_memviz(const char *kernel, const char *size, struct boot *b)
{
	struct machine_config cfg;
	struct machine	     *m;
	struct sbuf	      out = { 0 };
	char		     *cause = NULL;

	machine_config_default(&cfg);
	set(&cfg, "kernel", kernel);
	set(&cfg, "ram", size);
	set(&cfg, "cpus", "1");
	m = machine_create(&cfg, &cause);
	ck_assert_msg(m != NULL, "%s", cause ? cause : "");
	memset(b, 0, sizeof *b);
	ck_assert_int_eq(machine_show(m, "zoneinfo", &out, &cause), 0);
	parse_text(sbuf_str(&out), b);
	sbuf_reset(&out);
	ck_assert_int_eq(machine_show(m, "meminfo", &out, &cause), 0);
	parse_text(sbuf_str(&out), b);
	sbuf_free(&out);
	machine_destroy(m);
}

static long long
diff(long long a, long long b)
{
	return a > b ? a - b : b - a;
}

#define NEAR(what, got, want, tol) \
	ck_assert_msg(diff(got, want) <= (tol), \
	    "%s %s zone %s %s: memviz %lld, real %lld", kernel, size, \
	    zone_names[z], what, (long long)(got), (long long)(want))

static void
compare_zone(const char *kernel, const char *size, int z,
    const struct zone_numbers *got, const struct zone_numbers *want)
{
	int i;

	NEAR("spanned", got->spanned, want->spanned, 0);
	NEAR("present", got->present, want->present, 0);
	NEAR("managed", got->managed, want->managed, want->managed / 100);
	NEAR("min", got->min, want->min, 2);
	NEAR("low", got->low, want->low, 2);
	NEAR("high", got->high, want->high, 2);
	for (i = 0; i < NPROT; i++)
		NEAR("protection", got->prot[i], want->prot[i],
		    want->prot[i] / 100 + 2);
}

START_TEST(test_zones_as_real)
{
	const char *kernel = kernels[_i / NSIZES], *size = sizes[_i % NSIZES];
	struct boot real, sim;
	int	    z;

	read_capture(kernel, size, &real);
	boot_memviz(kernel, size, &sim);
	for (z = 0; z < NZONES; z++) {
		ck_assert_msg(real.zone[z].seen, "%s %s: capture lacks zone %s",
		    kernel, size, zone_names[z]);
		compare_zone(kernel, size, z, &sim.zone[z], &real.zone[z]);
	}
	ck_assert_msg(real.memtotal_kb > 0, "%s %s: no MemTotal", kernel, size);
	ck_assert_msg(diff(sim.memtotal_kb, real.memtotal_kb) <=
		real.memtotal_kb / 100,
	    "%s %s MemTotal: memviz %lld kB, real %lld kB", kernel, size,
	    sim.memtotal_kb, real.memtotal_kb);
}
END_TEST

/* The PCI hole is spanned by DMA32 but neither present nor free. */
START_TEST(test_hole_not_free)
{
	struct boot sim;

	boot_memviz("6.12", "4G", &sim);
	ck_assert_int_eq(sim.zone[1].spanned, 0x100000 - 0x1000);
	ck_assert_int_lt(sim.zone[1].present, 0x80000);
	ck_assert_int_lt(sim.zone[1].managed, sim.zone[1].present);
}
END_TEST

static Suite *
zoneinfo_suite(void)
{
	Suite *s = suite_create("zoneinfo");
	TCase *tc = tcase_create("real boots");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_zones_as_real, 0, 2 * NSIZES);
	tcase_add_test(tc, test_hole_not_free);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(zoneinfo_suite());
}
