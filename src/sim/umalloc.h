/*
 * umalloc.h - the user process's malloc, modelled on glibc 2.36 ptmalloc
 * (malloc/malloc.c): chunks, tcache, fastbins, bins, top, sbrk and mmap.
 * Its metadata lives in the process's simulated memory.
 *
 * Each call fills m->st: st->addr is the returned pointer (0 = NULL),
 * st->size the chunk's usable size.  Misuse ends the process the way glibc
 * does: SIM_ABORT with glibc's message ("free(): double free detected in
 * tcache 2") in st->reason and an EV_REPORT event.
 */
#ifndef MEMVIZ_SIM_UMALLOC_H
#define MEMVIZ_SIM_UMALLOC_H

#include <stdint.h>

#include "sim/status.h"

struct machine;

enum sim_status umalloc_malloc(struct machine *m, uint64_t size);
enum sim_status umalloc_calloc(struct machine *m, uint64_t n, uint64_t size);
enum sim_status umalloc_realloc(struct machine *m, uint64_t addr,
	    uint64_t size);
enum sim_status umalloc_free(struct machine *m, uint64_t addr);

#endif
