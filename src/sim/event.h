/*
 * event.h - the events a step is made of.
 *
 * One operation on the machine (one kmalloc, one free_pages, one page
 * fault) is a *step*; a step is an ordered list of *events*, each one state
 * change: a buddy block split, a slab created, an object placed, bytes
 * zeroed, a PTE set, brk moved.  Views animate events one at a time, batch
 * mode prints them with --events, tests assert on them.  The machine never
 * calls the UI: it only appends events to the step it was handed.
 *
 * Event kinds and their names are defined together (an X-macro, as ncdu's
 * UI_COLORS), so a new kind cannot be added without its printed name.
 */
#ifndef MEMVIZ_SIM_EVENT_H
#define MEMVIZ_SIM_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/status.h"

/*
 * X(enum name, printed name, what the fields mean).  Fields not named are
 * left at their "none" values (EVENT_NONE / 0 / -1).
 */
/* clang-format off */
#define EVENT_KINDS(X)							\
	X(EV_SPLIT,	  "split",	  "pfn,order: block split; upper half pfn+2^(order-1) freed at order-1") \
	X(EV_PAGES_ALLOC, "pages_alloc",  "pfn,order,zone: block taken from free_area[order]") \
	X(EV_PAGES_FREE,  "pages_free",	  "pfn,order,zone: block put on free_area[order]; aux 1 = at the tail") \
	X(EV_PCP_ALLOC,	  "pcp_alloc",	  "pfn,order,zone,aux=cpu: block taken from the head of the CPU's per-CPU list") \
	X(EV_PCP_FREE,	  "pcp_free",	  "pfn,order,zone,aux=cpu: block put at the head of the CPU's per-CPU list") \
	X(EV_PCP_REFILL,  "pcp_refill",	  "pfn,order,zone: block moved from free_area[order] to a per-CPU list (rmqueue_bulk), still free") \
	X(EV_PCP_DRAIN,	  "pcp_drain",	  "pfn,order,zone: block moved from a per-CPU list's tail back to the buddy lists") \
	X(EV_MERGE,	  "merge",	  "pfn,order,zone: freed block merged with its buddy into pfn at order") \
	X(EV_WMARK,	  "watermark",	  "zone,aux: zone below watermark aux (0 min,1 low,2 high)") \
	X(EV_KSWAPD,	  "kswapd",	  "zone,size: kswapd woken / pages it reclaimed") \
	X(EV_SLEEP,	  "sleep",	  "the caller slept in direct reclaim") \
	X(EV_RECLAIM,	  "reclaim",	  "pfn: a clean page-cache page dropped") \
	X(EV_FAIL,	  "fail",	  "text: why the request failed") \
	X(EV_ZERO,	  "zero",	  "addr,size(,pfn),text: bytes cleared (memset); text says why when not __GFP_ZERO (init_on_alloc, init_on_free)") \
	X(EV_WRITE,	  "write",	  "addr,size(,pfn): bytes written") \
	X(EV_READ,	  "read",	  "addr,size(,pfn): bytes read") \
	X(EV_SLAB_NEW,	  "slab_new",	  "cache,pfn,order,text=cache name: new slab for the cache") \
	X(EV_SLAB_FREE,	  "slab_free",	  "cache,pfn,order,text=cache name: empty slab given back to buddy") \
	X(EV_OBJ_ALLOC,	  "obj_alloc",	  "cache,addr,pfn,size=object size,aux=requested bytes,text=cache name") \
	X(EV_OBJ_FREE,	  "obj_free",	  "cache,addr,pfn,size,text=cache name") \
	X(EV_LARGE_ALLOC, "kmalloc_large","addr,pfn,order: kmalloc above the caches, a compound page") \
	X(EV_LARGE_FREE,  "kfree_large",  "addr,pfn,order") \
	X(EV_VMAP_AREA,	  "vmap_area",	  "addr,size (guard page included): virtual range reserved") \
	X(EV_VUNMAP_AREA, "vunmap_area",  "addr,size: virtual range released") \
	X(EV_PTE_SET,	  "pte_set",	  "addr(va),pfn: page-table entry mapped") \
	X(EV_PTE_CLEAR,	  "pte_clear",	  "addr(va),pfn: page-table entry cleared") \
	X(EV_PGTABLE,	  "pgtable",	  "pfn,aux=level(4 pgd..1 pte),addr=va covered: table page allocated") \
	X(EV_BRK,	  "brk",	  "addr=old break,aux=new break") \
	X(EV_MMAP,	  "mmap",	  "addr,size: anonymous mapping created") \
	X(EV_MUNMAP,	  "munmap",	  "addr,size: mapping removed") \
	X(EV_FAULT,	  "fault",	  "addr(va),pfn: page fault brought a frame in (aux 1 = zero page)") \
	X(EV_CHUNK,	  "chunk",	  "addr,size,text: a malloc chunk changed state (text says how)") \
	X(EV_BIN,	  "bin",	  "addr,size,text: a chunk put on / taken off a bin") \
	X(EV_REPORT,	  "report",	  "text: what the real kernel or libc prints (BUG:, free(): ...)") \
	X(EV_NOTE,	  "note",	  "text: narration supplied by the sim")
/* clang-format on */

enum event_kind {
#define EVENT_ENUM(e, name, doc) e,
	EVENT_KINDS(EVENT_ENUM)
#undef EVENT_ENUM
	EV__COUNT
};

#define EVENT_NONE UINT64_MAX /* "no pfn" / "no address" */

struct event {
	enum event_kind kind;
	int		cache; /* kmalloc cache index, or -1 */
	int		zone;  /* zone index, or -1 */
	unsigned	order;
	uint64_t	pfn;  /* EVENT_NONE when not about one frame */
	uint64_t	addr; /* virtual address, EVENT_NONE when none */
	uint64_t	size;
	uint64_t	aux;
	char	       *text; /* owned by the step, NULL when none */
};

const char *event_kind_name(enum event_kind kind);
/*
 * One line, no newline, the same for the same event on every run:
 * "split DMA32 pfn 0x1400 order 3 -> 2", "pages_alloc Normal pfn 0x4c000
 * order 0", "zero 4096 bytes at pfn 0x1400", "reclaim pfn 0x2f1 DMA32".
 * A field the emitter left unset drops out with its label; slab kinds
 * print text as the cache name ("slab_new kmalloc-128 pfn ... order 0").
 */
void event_format(const struct event *ev, struct sbuf *out);
/*
 * The same event as one JSON object, no newline, from the same
 * templates: {"event":"split","zone":"DMA","pfn":2050,"order":1,
 * "to_order":0}.  Keys are the text line's labels (see event.c);
 * addresses are "0x..." strings, other numbers JSON numbers.
 */
void event_format_json(const struct event *ev, struct sbuf *out);

/* A step is a list of events; nearly every user of one wants the other. */
#include "sim/step.h"

#endif
