/*
 * check_process.c - the user process: its layout and /proc/PID/maps
 * against a real process of this machine, demand paging and the zero
 * page, SIGSEGV, munmap giving frames back, ASLR.
 */
#include <check.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/user/process.h"
#include "sim/report.h"
#include "check-run.h"
#include "check-sim.h"

static struct machine *pr_m;
static struct step     pr_st;

static void
pr_setup(void)
{
	pr_m = check_boot(NULL);
	step_init(&pr_st);
}

static void
pr_teardown(void)
{
	check_consistent(pr_m);
	step_free(&pr_st);
	machine_destroy(pr_m);
}

/* A read maps the zero page; the write after it gets a private frame. */
START_TEST(test_zero_page_then_write)
{
	uint64_t va = 0x7ffffffee000ull, pfn0, pfn1, rss = process_rss(pr_m);
	uint8_t	 b[8];

	ck_assert_int_eq(process_page(pr_m, va, &pfn0), PPAGE_NONE);
	ck_assert_int_eq(machine_read(pr_m, va, 8, b, sizeof b, &pr_st),
	    SIM_OK);
	ck_assert_uint_eq(pr_st.faults, 1);
	ck_assert_int_eq(process_page(pr_m, va, &pfn0), PPAGE_ZERO);
	ck_assert_uint_eq(b[0] | b[7], 0);
	ck_assert_uint_eq(process_rss(pr_m), rss);
	ck_assert_int_eq(machine_read(pr_m, va + 64, 8, b, sizeof b, &pr_st),
	    SIM_OK);
	ck_assert_uint_eq(pr_st.faults, 0); /* already mapped */
	ck_assert_int_eq(machine_write(pr_m, va, 8, "z", 1, &pr_st), SIM_OK);
	ck_assert_uint_eq(pr_st.faults, 1);
	ck_assert_int_eq(process_page(pr_m, va, &pfn1), PPAGE_FRAME);
	ck_assert_uint_ne(pfn0, pfn1);
	ck_assert_uint_eq(process_rss(pr_m), rss + 1);
	ck_assert_int_eq(machine_virt_to_pfn(pr_m, va, &pfn0), 0);
	ck_assert_uint_eq(pfn0, pfn1);
	ck_assert_int_eq(phys_frame(pr_m, pfn1)->owner, FO_ANON);
}
END_TEST

/* Pages of a big malloc get frames only when touched. */
START_TEST(test_demand_paging)
{
	uint64_t rss, p;

	ck_assert_int_eq(machine_malloc(pr_m, 1, &pr_st), SIM_OK);
	ck_assert_int_eq(machine_malloc(pr_m, 1 << 20, &pr_st), SIM_OK);
	p = pr_st.addr;
	rss = process_rss(pr_m);
	/* its header page */
	ck_assert_uint_eq(check_count_events(&pr_st, EV_FAULT), 1);
	ck_assert_int_eq(machine_write(pr_m, p, 3 * 4096, NULL, 0, &pr_st),
	    SIM_OK);
	ck_assert_uint_ge(pr_st.faults, 2);
	ck_assert_uint_ge(process_rss(pr_m), rss + 2);
	ck_assert_int_eq(machine_free(pr_m, p, &pr_st), SIM_OK);
	ck_assert_uint_eq(check_count_events(&pr_st, EV_MUNMAP), 1);
	ck_assert_uint_lt(process_rss(pr_m), rss);
}
END_TEST

START_TEST(test_segv)
{
	ck_assert_int_eq(machine_write(pr_m, 0x1000, 4, NULL, 0, &pr_st),
	    SIM_ABORT);
	ck_assert_str_eq(pr_st.reason, "Segmentation fault");
	ck_assert_int_eq(process_dead(pr_m), 1);
	/* Text is read-only. */
	ck_assert_int_eq(machine_write(pr_m, 0x555555555000ull, 4, NULL, 0,
			     &pr_st),
	    SIM_ABORT);
	ck_assert_int_eq(machine_read(pr_m, 0x555555555000ull, 4, NULL, 0,
			     &pr_st),
	    SIM_OK);
}
END_TEST

/* Seen in /proc/self/maps of a PIE calling malloc(1), under setarch -R
 * on the development machine (glibc 2.36, kernel 6.18). */
START_TEST(test_maps_layout)
{
	struct sbuf out = SBUF_INIT;
	char	   *cause = NULL;
	const char *s;

	ck_assert_int_eq(machine_malloc(pr_m, 1, &pr_st), SIM_OK);
	ck_assert_int_eq(machine_show(pr_m, "maps", &out, &cause), 0);
	s = sbuf_str(&out);
	ck_assert_ptr_nonnull(strstr(s,
	    "555555558000-555555559000 rw-p "
	    "00003000 fe:00 1048602                    /home/student/prog\n"
	    "555555559000-55555557a000 rw-p 00000000 00:00 0              "
	    "            [heap]\n7ffff7dd0000-7ffff7dd3000 rw-p 00000000 "
	    "00:00 0 \n7ffff7dd3000-7ffff7df9000 r--p 00000000 fe:00 332835"
	    "                     /usr/lib/x86_64-linux-gnu/libc.so.6\n"));
	ck_assert_ptr_nonnull(strstr(s,
	    "7ffffffde000-7ffffffff000 rw-p "
	    "00000000 00:00 0                          [stack]\n"
	    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0      "
	    "            [vsyscall]\n"));
	/* A mapped chunk merges with the anonymous VMA above it. */
	ck_assert_int_eq(machine_malloc(pr_m, 200000, &pr_st), SIM_OK);
	sbuf_reset(&out);
	machine_show(pr_m, "maps", &out, &cause);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&out),
	    "7ffff7d9f000-"
	    "7ffff7dd3000 rw-p 00000000 00:00 0 \n"));
	sbuf_free(&out);
}
END_TEST

/* Parses one maps line into v; 0 on success. */
static int
pr_parse(const char *line, struct process_vma_info *v, char *name,
    size_t namelen)
{
	unsigned long long s, e, off, ino;
	unsigned	   maj, min;
	int		   n = 0;

	memset(v, 0, sizeof *v);
	if (sscanf(line, "%llx-%llx %4s %llx %x:%x %llu %n", &s, &e, v->perms,
		&off, &maj, &min, &ino, &n) < 7)
		return -1;
	snprintf(name, namelen, "%.*s", (int)strcspn(line + n, "\n"), line + n);
	v->start = s;
	v->end = e;
	v->pgoff = off;
	v->dev_major = maj;
	v->dev_minor = min;
	v->inode = ino;
	v->name = name;
	return 0;
}

/* report_maps_line() prints every line of a real /proc/self/maps back
 * byte for byte. */
START_TEST(test_maps_format_real)
{
	static char buf[1 << 16];
	int	    fd = open("/proc/self/maps", O_RDONLY);
	ssize_t	    n, len = 0;
	char	   *line, *save = NULL, name[512];
	int	    lines = 0;

	ck_assert_int_ge(fd, 0);
	while ((n = read(fd, buf + len, sizeof buf - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		struct process_vma_info v;
		struct sbuf		out = SBUF_INIT;

		ck_assert_int_eq(pr_parse(line, &v, name, sizeof name), 0);
		report_maps_line(&out, &v);
		ck_assert_uint_eq(out.len, strlen(line) + 1);
		ck_assert_int_eq(strncmp(sbuf_str(&out), line, strlen(line)),
		    0);
		sbuf_free(&out);
		lines++;
	}
	ck_assert_int_gt(lines, 5);
}
END_TEST

/* aslr=on moves every base by whole pages, deterministically per seed. */
START_TEST(test_aslr)
{
	struct machine_config cfg;
	struct machine	     *a, *b;
	char		     *cause = NULL;

	machine_config_default(&cfg);
	cfg.aslr = 1;
	a = machine_create(&cfg, &cause);
	b = machine_create(&cfg, &cause);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(process_start_brk(a), process_start_brk(b));
	ck_assert_uint_eq(process_mmap_base(a), process_mmap_base(b));
	ck_assert_uint_ne(process_start_brk(a), process_start_brk(pr_m));
	ck_assert_uint_ne(process_mmap_base(a), process_mmap_base(pr_m));
	ck_assert_uint_eq(process_start_brk(a) & 4095, 0);
	ck_assert_uint_eq(process_mmap_base(a) & 4095, 0);
	ck_assert_uint_eq(process_libc_base(a) & 4095, 0);
	ck_assert_int_eq(machine_malloc(a, 1, &pr_st), SIM_OK);
	ck_assert_uint_eq(pr_st.addr - process_start_brk(a), 0x2a0);
	machine_destroy(a);
	machine_destroy(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("process");
	TCase *tc = tcase_create("process");

	tcase_add_checked_fixture(tc, pr_setup, pr_teardown);
	tcase_add_test(tc, test_zero_page_then_write);
	tcase_add_test(tc, test_demand_paging);
	tcase_add_test(tc, test_segv);
	tcase_add_test(tc, test_maps_layout);
	tcase_add_test(tc, test_maps_format_real);
	tcase_add_test(tc, test_aslr);
	suite_add_tcase(s, tc);
	return check_run(s);
}
