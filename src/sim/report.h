/*
 * report.h - the machine seen through /proc, in the kernel's own formats.
 *
 * Each function appends the whole file's text to out.  Formats follow the
 * kernel's seq_file code: buddyinfo mm/vmstat.c frag_show_print(),
 * zoneinfo zoneinfo_show_print(), meminfo fs/proc/meminfo.c, slabinfo
 * mm/slab_common.c (version 2.1), vmallocinfo mm/vmalloc.c,
 * maps fs/proc/task_mmu.c show_map_vma().
 */
#ifndef MEMVIZ_SIM_REPORT_H
#define MEMVIZ_SIM_REPORT_H

#include "common/sbuf.h"

struct machine;
struct process_vma_info;

void report_buddyinfo(const struct machine *m, struct sbuf *out);
void report_zoneinfo(const struct machine *m, struct sbuf *out);
void report_meminfo(const struct machine *m, struct sbuf *out);
void report_slabinfo(const struct machine *m, struct sbuf *out);
void report_vmallocinfo(const struct machine *m, struct sbuf *out);
void report_maps(const struct machine *m, struct sbuf *out);
/* /proc/pagetypeinfo: mm/vmstat.c pagetypeinfo_show(). */
void report_pagetypeinfo(const struct machine *m, struct sbuf *out);
/* One /proc/PID/maps line (show_map_vma()), newline included. */
void report_maps_line(struct sbuf *out, const struct process_vma_info *v);

#endif
