/*
 * machine.h - the simulated machine: its configuration and every
 * operation a script, a key or a test can perform on it.
 *
 * The machine owns RAM (phys), the buddy allocator, the slab caches, the
 * vmalloc area, the kernel page table and one user process.  Every
 * operation takes a step that the caller owns: the operation resets it,
 * appends the events it caused and stores the result (address, frames,
 * status, the real system's message on failure).  Operations never fail
 * for simulated reasons by any other route, and never print.
 *
 * Determinism: the same configuration and the same operations give the
 * same steps, byte for byte.  All randomness comes from the machine's
 * seeded generator.
 */
#ifndef MEMVIZ_SIM_MACHINE_H
#define MEMVIZ_SIM_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "sim/event.h"
#include "sim/page/gfp.h"
#include "sim/status.h"

struct machine_config {
	uint64_t ram;	    /* bytes, a multiple of 4 KiB */
	unsigned cpus;	    /* 1..256: slab geometry, lazy vfree */
	char	 kernel[8]; /* profile name: "6.12", "6.x", "2.0" */
	uint64_t seed;
	unsigned fragment;	    /* 0..100: how aged the machine boots */
	int	 thp;		    /* enum thp_mode, -1: the profile's */
	int	 aslr;		    /* randomise the process's bases */
	unsigned overcommit_memory; /* vm.overcommit_memory: 0, 1, 2 */
	unsigned overcommit_ratio;  /* vm.overcommit_ratio, percent */
	/* Boot options: 0 or 1, or -1 for the profile's config default. */
	int init_on_alloc;
	int init_on_free;
	int slub_nomerge; /* slab_nomerge / slub_nomerge (slab-common.c) */
	/* GLIBC_TUNABLES as the process's environment holds it:
	 * "glibc.malloc.tcache_count=0:..."; read by ptmalloc_init. */
	char tunables[256];
};

/* How a machine option's value is read and stored in machine_config. */
enum machine_option_kind {
	MOPT_SIZE,    /* uint64_t bytes, a size, whole pages */
	MOPT_U64,     /* uint64_t number */
	MOPT_UINT,    /* unsigned number */
	MOPT_PERCENT, /* unsigned number, an optional % after it */
	MOPT_BOOL,    /* int: on/off, yes/no, 1/0 */
	MOPT_KERNEL,  /* char[8]: a kprofile name */
	MOPT_BOOT,    /* int: a kernel boot option, 0 or 1, or "profile"
			   (-1: what the profile's config makes the default) */
	MOPT_THP,     /* int: enum thp_mode by name (on: always, off:
			   never), or "profile" (-1) */
	MOPT_STRING,  /* char[max + 1]: text, quoted on the machine line */
};

/*
 * An option of the `machine` statement, as a table row (tmux's
 * options-table.c): everything the parser, --help, completion and the
 * man-page test need.  help may hold "%r", replaced by the range.
 */
struct machine_option {
	const char		*name;
	const char		*type; /* "size", "count", "percent", "name",
					   "bool", "0|1" */
	enum machine_option_kind kind;
	size_t			 offset;   /* of the field in machine_config */
	uint64_t		 min, max; /* the accepted range, inclusive */
	const char		*dflt;	   /* the default, as text */
	const char		*help;
};
extern const struct machine_option machine_options[];
extern const size_t		   machine_options_len;

struct machine;

/* The row named name, or NULL. */
const struct machine_option *machine_option_find(const char *name);
/* Appends the option's range as text: "1M to 16G", "on or off". */
void machine_option_range(const struct machine_option *o, struct sbuf *out);
/* Appends the option's help with its range filled in. */
void machine_option_help(const struct machine_option *o, struct sbuf *out);
/* Defaults: 64 MiB, 2 CPUs, 6.x, seed 1, not aged, THP off, no ASLR,
 * heuristic overcommit with a ratio of 50, boot options as the
 * profile's config sets them. */
void machine_config_default(struct machine_config *cfg);
/*
 * Sets one option from its text ("ram", "64M").  Returns 0, or -1 with
 * *cause (caller frees) saying what was expected.
 */
int machine_config_set(struct machine_config *cfg, const char *name,
    const char *value, char **cause);
/* 0 when every field is in its option's range; else -1 with *cause. */
int machine_config_check(const struct machine_config *cfg, char **cause);
/* Appends one option's value as a script writes it ("64M", "30%"). */
void machine_config_format_one(const struct machine_config *cfg,
    const struct machine_option *o, struct sbuf *out);
/* Appends the machine statement that boots cfg, as valid script text. */
void machine_config_format(const struct machine_config *cfg, struct sbuf *out);

/*
 * Boots a machine: zones, reserved frames, free lists, watermarks, caches,
 * the process; then ages it as cfg->fragment asks.  Returns NULL with
 * *cause for a configuration out of range.
 */
struct machine *machine_create(const struct machine_config *cfg, char **cause);
void		machine_destroy(struct machine *m);
const struct machine_config *machine_config(const struct machine *m);

/* Page allocator: addr is the direct-map address of the first page. */
enum sim_status machine_get_free_pages(struct machine *m, gfp_t gfp,
    unsigned order, struct step *st);
/* alloc_pages: st->addr is the struct page pointer (vmemmap address). */
enum sim_status machine_alloc_pages(struct machine *m, gfp_t gfp,
    unsigned order, struct step *st);
/* free_pages(addr, order): addr from __get_free_pages. */
enum sim_status machine_free_pages(struct machine *m, uint64_t addr,
    unsigned order, struct step *st);
/* __free_pages(page, order): page from alloc_pages. */
enum sim_status machine___free_pages(struct machine *m, uint64_t page,
    unsigned order, struct step *st);

/* Slab: kzalloc is kmalloc with __GFP_ZERO; kcalloc checks n*size. */
enum sim_status machine_kmalloc(struct machine *m, uint64_t size, gfp_t gfp,
    struct step *st);
enum sim_status machine_kcalloc(struct machine *m, uint64_t n, uint64_t size,
    gfp_t gfp, struct step *st);
enum sim_status machine_kfree(struct machine *m, uint64_t addr,
    struct step *st);

/* Caches of one's own (sim/kernel/slab-common.h says what each returns;
 * flags are its SLAB_ values). */
enum sim_status machine_kmem_cache_create(struct machine *m, const char *name,
    uint64_t size, uint64_t align, uint32_t flags, struct step *st);
enum sim_status machine_kmem_cache_alloc(struct machine *m, uint64_t cache,
    gfp_t gfp, struct step *st);
enum sim_status machine_kmem_cache_free(struct machine *m, uint64_t cache,
    uint64_t addr, struct step *st);
enum sim_status machine_kmem_cache_destroy(struct machine *m, uint64_t cache,
    struct step *st);
enum sim_status machine_ksize(struct machine *m, uint64_t addr,
    struct step *st);

/* vmalloc: vzalloc is vmalloc with __GFP_ZERO. */
enum sim_status machine_vmalloc(struct machine *m, uint64_t size, gfp_t gfp,
    struct step *st);
enum sim_status machine_vfree(struct machine *m, uint64_t addr,
    struct step *st);

/* The user process's malloc (glibc 2.36 ptmalloc). */
enum sim_status machine_malloc(struct machine *m, uint64_t size,
    struct step *st);
enum sim_status machine_calloc(struct machine *m, uint64_t n, uint64_t size,
    struct step *st);
enum sim_status machine_realloc(struct machine *m, uint64_t addr, uint64_t size,
    struct step *st);
enum sim_status machine_free(struct machine *m, uint64_t addr, struct step *st);
/* The user process's calls that follow run on thread n (umalloc.h). */
enum sim_status machine_thread(struct machine *m, unsigned n, struct step *st);
/* A new thread n whose DTV has slots entries (umalloc.h). */
enum sim_status machine_thread_dtv(struct machine *m, unsigned n,
    unsigned slots, struct step *st);
/* Thread n of the user process ends ("exit"), is joined by the running
 * thread ("join") or detached ("detach") (umalloc.h). */
enum sim_status machine_thread_do(struct machine *m, unsigned n,
    const char *word, struct step *st);
/* The rest of glibc's malloc API (umalloc.h says what each returns). */
enum sim_status machine_memalign(struct machine *m, int call, uint64_t align,
    uint64_t size, struct step *st);
enum sim_status machine_reallocarray(struct machine *m, uint64_t addr,
    uint64_t n, uint64_t size, struct step *st);
enum sim_status machine_malloc_usable_size(struct machine *m, uint64_t addr,
    struct step *st);
enum sim_status machine_malloc_trim(struct machine *m, uint64_t pad,
    struct step *st);
enum sim_status machine_mallopt(struct machine *m, int param, int value,
    struct step *st);

/*
 * Touches memory at any address the machine knows: the direct map,
 * vmalloc, or the user process (which may fault pages in).  data may be
 * NULL for a write of a recognisable pattern; len bytes of data are used
 * cyclically.  read stores up to bufsize bytes in buf (may be NULL).
 */
enum sim_status machine_write(struct machine *m, uint64_t addr, uint64_t len,
    const void *data, size_t datalen, struct step *st);
enum sim_status machine_read(struct machine *m, uint64_t addr, uint64_t len,
    void *buf, size_t bufsize, struct step *st);

/*
 * The CPU the next operations run on (smp_processor_id()): 0 after boot.
 * machine_set_cpu() moves the running task to cpu, as a task bound there
 * with set_cpus_allowed_ptr() would run; -1 (nothing changed) when the
 * machine has no such CPU.  Per-CPU state (page lists, SLUB's CPU slabs)
 * is that CPU's from then on.  Every step records its CPU (step.cpu).
 */
unsigned machine_cpu(const struct machine *m);
int	 machine_set_cpu(struct machine *m, unsigned cpu);

/*
 * Lets ms milliseconds pass (vmstat.h): the periodic work the kernel does
 * meanwhile runs on every CPU, each vmstat interval.  Emits what that work
 * does (6.12: decay_pcp_high's drains as EV_PCP_DRAIN).  Never fails.
 */
enum sim_status machine_tick(struct machine *m, uint64_t ms, struct step *st);
/* Milliseconds since boot (0 at boot; only machine_tick advances it). */
uint64_t machine_uptime_ms(const struct machine *m);

/*
 * Renders a /proc view ("buddyinfo", "zoneinfo", "slabinfo",
 * "vmallocinfo", "meminfo", "maps") in the kernel's own format.  Returns
 * 0, or -1 with *cause for an unknown name.
 */
int machine_show(const struct machine *m, const char *what, struct sbuf *out,
    char **cause);
extern const char *const machine_show_names[];

/*
 * A checkpoint (checkpoint.c): a machine of its own, equal to m in
 * everything an operation reads, so the same operations on either give
 * the same steps and the same state, byte for byte.  The caller owns it
 * (machine_destroy).  m must be between operations.
 */
struct machine *machine_clone(const struct machine *m);
/* Host bytes m owns, about: what a checkpoint of it costs. */
size_t machine_bytes(const struct machine *m);

/* Consistency of every allocator; 0 or -1 with *cause (caller frees). */
int machine_check(const struct machine *m, char **cause);

/* Translations, for views: 0 on success, -1 if not mapped. */
int machine_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn);
uint64_t machine_pfn_to_virt(const struct machine *m, uint64_t pfn);
/* One line saying who owns pfn and why ("slab kmalloc-128, 3/32 used"). */
void machine_describe_frame(const struct machine *m, uint64_t pfn,
    struct sbuf *out);

#endif
