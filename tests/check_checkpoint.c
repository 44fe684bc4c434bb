/*
 * check_checkpoint.c - a clone of a machine runs on exactly as the
 * machine it was cloned from: the same steps (events, results, reasons),
 * the same /proc reports and both consistent, over many seeds, kernel
 * profiles and a mix of every allocator, touches and misuse.  Clone and
 * original share written frames until one writes (copy on write): both
 * write different bytes after the clone, and each must end byte for
 * byte as a machine that never had the other.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-run.h"
#include "check-sim.h"
#include "common/sbuf.h"
#include "sim/machine-priv.h"
#include "sim/page/phys.h"

#define CK_SLOTS 24

/* A random workload: its generator and the live addresses per slot. */
struct ck_drive {
	uint64_t rng;
	uint64_t addr[4][CK_SLOTS]; /* kmalloc, vmalloc, pages, malloc */
	uint64_t size[4][CK_SLOTS]; /* what was asked for */
	uint8_t	 tag;		    /* 0: writes the pattern, else its bytes */
};

static uint64_t
ck_rand(struct ck_drive *d)
{
	d->rng = d->rng * 6364136223846793005ull + 1442695040888963407ull;
	return d->rng >> 33;
}

/* A free of slot's address, or an allocation into it; sometimes a touch
 * or a misuse (double free) so the failure paths are cloned too. */
static void
ck_op(struct machine *m, struct ck_drive *d, struct step *st)
{
	unsigned  kind = (unsigned)(ck_rand(d) % 4), slot, r;
	uint64_t *a, size;

	slot = (unsigned)(ck_rand(d) % CK_SLOTS);
	r = (unsigned)(ck_rand(d) % 16);
	a = &d->addr[kind][slot];
	if (r == 0 && *a != 0) {
		uint8_t data[3] = { d->tag, (uint8_t)(d->tag + 1),
			(uint8_t)ck_rand(d) };

		machine_write(m, *a, 1 + ck_rand(d) % d->size[kind][slot],
		    d->tag ? data : NULL, d->tag ? sizeof data : 0, st);
		return;
	}
	if (*a != 0 || r == 1) {
		static enum sim_status (*const fr[4])(struct machine *,
		    uint64_t, struct step *) = { machine_kfree, machine_vfree,
			NULL, machine_free };
		if (kind == 2)
			machine_free_pages(m, *a, 1, st);
		else
			fr[kind](m, *a, st);
		*a = 0;
		return;
	}
	size = 1 + ck_rand(d) % (kind == 1 ? 300000 : 9000);
	if (kind == 3 && r == 2)
		size += 400000; /* mmapped */
	if (kind == 0)
		machine_kmalloc(m, size, GFP_KERNEL, st);
	else if (kind == 1)
		machine_vmalloc(m, size, GFP_KERNEL, st);
	else if (kind == 2)
		machine_get_free_pages(m, GFP_KERNEL, 1, st);
	else
		machine_malloc(m, size, st);
	d->size[kind][slot] = kind == 2 ? 8192 : size;
	*a = st->status == SIM_OK ? st->addr : 0;
}

/* What a step says, as text: result, reason and every event. */
static void
ck_step_text(const struct step *st, struct sbuf *out)
{
	char *ev = check_step_text(st);

	sbuf_printf(out, "%d %llx %llx %s|%s\n", (int)st->status,
	    (unsigned long long)st->addr, (unsigned long long)st->size,
	    st->reason != NULL ? st->reason : "", ev);
	free(ev);
}

/* Every /proc view of m, concatenated. */
static void
ck_reports(const struct machine *m, struct sbuf *out)
{
	size_t i;
	char  *t;

	for (i = 0; machine_show_names[i] != NULL; i++) {
		t = check_show(m, machine_show_names[i]);
		sbuf_puts(out, t);
		free(t);
	}
}

/* The two runs' texts are equal; else where they part. */
static void
ck_same(const struct sbuf *a, const struct sbuf *b)
{
	const char *x = sbuf_str(a), *y = sbuf_str(b);
	size_t	    i = 0;

	while (x[i] != '\0' && x[i] == y[i])
		i++;
	ck_assert_msg(x[i] == y[i],
	    "the clone parts at byte %zu: %.60s / %.60s", i, x + i, y + i);
}

/* Runs n ops of d on m, the steps' text and the reports into out. */
static void
ck_run(struct machine *m, struct ck_drive *d, size_t n, struct sbuf *out)
{
	struct step st;
	size_t	    i;

	step_init(&st);
	for (i = 0; i < n; i++) {
		ck_op(m, d, &st);
		ck_step_text(&st, out);
	}
	step_free(&st);
	check_consistent(m);
	ck_reports(m, out);
}

static const char *const ck_kernels[] = { "6.x", "6.1", "2.6", "2.0" };

/* Seed i: a machine, a prefix run, a clone, the same suffix on both. */
static void
ck_seed(unsigned i, int destroy_first)
{
	char		seed[16];
	struct machine *a, *b;
	struct ck_drive da, db;
	struct sbuf	ta = SBUF_INIT, tb = SBUF_INIT;

	snprintf(seed, sizeof seed, "%u", i + 1);
	a = check_boot("ram", i % 3 ? "16M" : "8M", "kernel", ck_kernels[i % 4],
	    "seed", seed, "aslr", i % 2 ? "on" : "off", "init_on_free",
	    i % 5 == 0 && i % 4 < 2 ? "1" : "profile", NULL);
	memset(&da, 0, sizeof da);
	da.rng = i * 7919 + 1;
	ck_run(a, &da, 150 + i % 200, &ta);
	b = machine_clone(a);
	db = da;
	if (destroy_first) { /* the clone owns nothing of a's */
		machine_destroy(a);
		a = check_boot("ram", "8M", NULL);
	}
	sbuf_reset(&ta);
	if (!destroy_first)
		ck_run(a, &da, 400, &ta);
	ck_run(b, &db, 400, &tb);
	if (!destroy_first)
		ck_same(&ta, &tb);
	machine_destroy(a);
	machine_destroy(b);
	sbuf_free(&ta);
	sbuf_free(&tb);
}

/* Every frame's bytes of m, as one FNV-1a hash. */
static uint64_t
ck_ram_hash(const struct machine *m)
{
	uint64_t h = 14695981039346656037ull, pfn;
	uint8_t	 buf[4096];
	size_t	 i;

	for (pfn = 0; pfn < m->nframes; pfn++) {
		phys_read(m, pfn_to_phys(pfn), buf, sizeof buf);
		for (i = 0; i < sizeof buf; i++)
			h = (h ^ buf[i]) * 1099511628211ull;
	}
	return h;
}

/* One op of d on m and its text, then a read of a live block's bytes. */
static void
ck_op_read(struct machine *m, struct ck_drive *d, struct sbuf *out)
{
	unsigned    kind = (unsigned)(ck_rand(d) % 4);
	unsigned    slot = (unsigned)(ck_rand(d) % CK_SLOTS);
	struct step st;
	uint8_t	    buf[64];
	size_t	    i;

	step_init(&st);
	ck_op(m, d, &st);
	ck_step_text(&st, out);
	if (d->addr[kind][slot] != 0) {
		memset(buf, 0, sizeof buf);
		machine_read(m, d->addr[kind][slot],
		    d->size[kind][slot] < sizeof buf ? d->size[kind][slot] :
						       sizeof buf,
		    buf, sizeof buf, &st);
		for (i = 0; i < sizeof buf; i++)
			sbuf_printf(out, "%02x", buf[i]);
		sbuf_puts(out, "\n");
	}
	step_free(&st);
}

/* A machine of seed i that ran the prefix of drive d. */
static struct machine *
ck_prefixed(unsigned i, struct ck_drive *d)
{
	char		seed[16];
	struct machine *m;
	struct sbuf	t = SBUF_INIT;
	size_t		k;

	snprintf(seed, sizeof seed, "%u", i + 1);
	m = check_boot("ram", i % 2 ? "16M" : "8M", "kernel", ck_kernels[i % 4],
	    "seed", seed, NULL);
	memset(d, 0, sizeof *d);
	d->rng = i * 104729 + 3;
	d->tag = 0x30;
	for (k = 0; k < 200 + i % 150; k++)
		ck_op_read(m, d, &t);
	sbuf_free(&t);
	return m;
}

/*
 * Seed i: a and its clone b take different turns, interleaved, writing
 * different bytes to the frames they still share; ra and rb, booted and
 * run alone, must end as they do.
 */
static void
ck_diverge(unsigned i)
{
	struct ck_drive dx, dy, drx, dry;
	struct machine *a = ck_prefixed(i, &dx), *ra = ck_prefixed(i, &drx);
	struct machine *rb = ck_prefixed(i, &dry), *b = machine_clone(a);
	struct sbuf	ta = SBUF_INIT, tb = SBUF_INIT, tra = SBUF_INIT,
		    trb = SBUF_INIT;
	size_t k;

	dy = dx; /* b holds what a holds; it goes its own way from here */
	dy.rng = dry.rng = dx.rng ^ 0x5eed;
	dx.tag = drx.tag = 0x41;
	dy.tag = dry.tag = 0x9c;
	for (k = 0; k < 300; k++) {
		ck_op_read(k % 3 ? a : b, k % 3 ? &dx : &dy, k % 3 ? &ta : &tb);
		ck_op_read(k % 3 ? ra : rb, k % 3 ? &drx : &dry,
		    k % 3 ? &tra : &trb);
	}
	sbuf_printf(&ta, "ram %llx\n", (unsigned long long)ck_ram_hash(a));
	sbuf_printf(&tra, "ram %llx\n", (unsigned long long)ck_ram_hash(ra));
	sbuf_printf(&tb, "ram %llx\n", (unsigned long long)ck_ram_hash(b));
	sbuf_printf(&trb, "ram %llx\n", (unsigned long long)ck_ram_hash(rb));
	ck_same(&ta, &tra);
	ck_same(&tb, &trb);
	check_consistent(a);
	check_consistent(b);
	machine_destroy(i % 2 ? a : b); /* either may go first */
	machine_destroy(i % 2 ? b : a);
	machine_destroy(ra);
	machine_destroy(rb);
	sbuf_free(&ta);
	sbuf_free(&tb);
	sbuf_free(&tra);
	sbuf_free(&trb);
}

START_TEST(test_clone_and_original_write_apart)
{
	unsigned i;

	for (i = 0; i < 32; i++)
		ck_diverge(i);
}
END_TEST

/* Each shared frame is counted once between a machine and its clone. */
START_TEST(test_clone_shares_written_frames)
{
	struct ck_drive d;
	struct machine *a = ck_prefixed(1, &d), *b;
	size_t		before = machine_bytes(a);

	b = machine_clone(a);
	ck_assert_uint_lt(machine_bytes(a) + machine_bytes(b),
	    before + before / 2 + sizeof *a->frames * a->nframes);
	machine_destroy(a);
	machine_destroy(b);
}
END_TEST

START_TEST(test_clone_runs_on_as_the_original)
{
	unsigned i;

	for (i = 0; i < 40; i++)
		ck_seed(i, 0);
}
END_TEST

START_TEST(test_clone_outlives_the_original)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		ck_seed(i, 1);
}
END_TEST

/* A clone of a clone, and a clone taken before any operation. */
START_TEST(test_clone_of_fresh_and_of_clone)
{
	struct machine *a = check_boot("ram", "16M", NULL);
	struct machine *b = machine_clone(a), *c;
	struct ck_drive da = { .rng = 5 }, db = { .rng = 5 };
	struct sbuf	ta = SBUF_INIT, tb = SBUF_INIT;

	c = machine_clone(b);
	machine_destroy(b);
	ck_run(a, &da, 300, &ta);
	ck_run(c, &db, 300, &tb);
	ck_same(&ta, &tb);
	ck_assert_uint_gt(machine_bytes(c), 16u << 10);
	machine_destroy(a);
	machine_destroy(c);
	sbuf_free(&ta);
	sbuf_free(&tb);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("checkpoint");
	TCase *tc = tcase_create("checkpoint");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_clone_runs_on_as_the_original);
	tcase_add_test(tc, test_clone_outlives_the_original);
	tcase_add_test(tc, test_clone_of_fresh_and_of_clone);
	tcase_add_test(tc, test_clone_and_original_write_apart);
	tcase_add_test(tc, test_clone_shares_written_frames);
	suite_add_tcase(s, tc);
	return check_run(s);
}
