/*
 * machine.c - the machine as a whole: configuration, boot, and the one
 * entry point per operation that scripts, keys and tests call.
 *
 * Every operation follows the same shape: point m->st at the caller's
 * step, reset it, let the module do the work (emitting events into the
 * step), then point m->st back at the silent step.
 */
#include "sim/machine.h"
#include "sim/page/buddy.h"
#include "sim/page/bootmem.h"
#include "sim/page/init-on.h"
#include "sim/page/thp.h"
#include "sim/kernel/kmalloc.h"
#include "sim/kernel/directmap.h"
#include "sim/machine-priv.h"
#include "sim/page/memblock.h"
#include "sim/page/overcommit.h"
#include "sim/page/pagecache.h"
#include "sim/page/vmstat.h"
#include "sim/kernel/pgtable.h"
#include "sim/user/process.h"
#include "sim/report.h"
#include "sim/kernel/slab.h"
#include "sim/kernel/slab-common.h"
#include "sim/user/umalloc.h"
#include "sim/kernel/vmalloc.h"
#include "sim/page/workload.h"
#include "common/xmalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const machine_show_names[] = { "buddyinfo", "zoneinfo", "slabinfo",
	"vmallocinfo", "meminfo", "maps", "pagetypeinfo", NULL };

struct machine *
machine_create(const struct machine_config *cfg, char **cause)
{
	struct machine	      *m;
	const struct kprofile *prof = kprofile_find(cfg->kernel);

	if (machine_config_check(cfg, cause) != 0)
		return NULL;
	m = xcalloc(1, sizeof *m);
	m->cfg = *cfg;
	m->prof = prof;
	rng_seed(&m->rng, cfg->seed);
	step_init(&m->quiet);
	m->quiet.silent = 1;
	m->st = &m->quiet;
	if (init_on_setup(m, cause) != 0 || thp_setup(m, cause) != 0) {
		step_free(&m->quiet);
		free(m);
		return NULL;
	}
	pagecache_init(m);
	phys_boot(m);
	memblock_free_all(m);
	buddy_setup_watermarks(m);
	memblock_free_initrd(m);
	buddy_setup_thp(m);
	memblock_free_initmem(m);
	slab_init(m);
	bootmem_kernel(m);
	vmalloc_init(m);
	overcommit_init(m);
	process_init(m);
	workload_age(m, cfg->fragment);
	step_reset(&m->quiet);
	return m;
}

void
machine_destroy(struct machine *m)
{
	if (m == NULL)
		return;
	process_destroy(m);
	vmalloc_destroy(m);
	slab_destroy(m);
	pagecache_destroy(m);
	phys_destroy(m);
	step_free(&m->quiet);
	free(m);
}

const struct machine_config *
machine_config(const struct machine *m)
{
	return &m->cfg;
}

static void
op_begin(struct machine *m, struct step *st)
{
	step_reset(st);
	st->cpu = m->cpu;
	m->st = st;
}

static enum sim_status
op_end(struct machine *m)
{
	enum sim_status s = m->st->status;

	m->st = &m->quiet;
	step_reset(&m->quiet);
	return s;
}

unsigned
machine_cpu(const struct machine *m)
{
	return m->cpu;
}

int
machine_set_cpu(struct machine *m, unsigned cpu)
{
	if (cpu >= m->cfg.cpus)
		return -1;
	m->cpu = cpu;
	return 0;
}

enum sim_status
machine_tick(struct machine *m, uint64_t ms, struct step *st)
{
	op_begin(m, st);
	vmstat_tick(m, ms);
	step_set_what(st, "%" PRIu64 " ms later", ms);
	return op_end(m);
}

uint64_t
machine_uptime_ms(const struct machine *m)
{
	return m->uptime_ms;
}

uint64_t
machine_pfn_to_virt(const struct machine *m, uint64_t pfn)
{
	return directmap_pfn_to_virt(m, pfn);
}

/* The page allocator behind __get_free_pages and alloc_pages. */
static enum sim_status
machine_pages(struct machine *m, gfp_t gfp, unsigned order, int as_page)
{
	uint64_t	pfn;
	enum sim_status s;

	s = buddy_alloc(m, gfp, order, FO_PAGES, &pfn);
	if (s != SIM_OK)
		return s;
	m->st->addr = as_page ? m->prof->vmemmap_base + pfn * 64 :
				machine_pfn_to_virt(m, pfn);
	m->st->size = PAGE_SIZE << order;
	step_add_frames(m->st, pfn, 1ull << order);
	step_set_what(m->st, "order-%u block", order);
	return SIM_OK;
}

enum sim_status
machine_get_free_pages(struct machine *m, gfp_t gfp, unsigned order,
    struct step *st)
{
	op_begin(m, st);
	machine_pages(m, gfp, order, 0);
	return op_end(m);
}

enum sim_status
machine_alloc_pages(struct machine *m, gfp_t gfp, unsigned order,
    struct step *st)
{
	op_begin(m, st);
	machine_pages(m, gfp, order, 1);
	return op_end(m);
}

/* Frees a block handed out by the page allocator, checking as the kernel
 * would with CONFIG_DEBUG_VM (bad_page() reports). */
static enum sim_status
machine_pages_free(struct machine *m, uint64_t pfn, unsigned order,
    const char *fn)
{
	const struct frame *f;

	if (pfn >= m->nframes)
		return step_fail(m->st, SIM_BUG,
		    "BUG: %s: address outside "
		    "RAM (virt_addr_valid fails)",
		    fn);
	f = &m->frames[pfn];
	if (f->owner == FO_FREE)
		return step_fail(m->st, SIM_DOUBLE_FREE,
		    "BUG: Bad page state "
		    "in process memviz  pfn:%05" PRIx64 " (page already "
		    "free: double free)",
		    pfn);
	if (f->owner != FO_PAGES || !(f->flags & FF_HEAD))
		return step_fail(m->st, SIM_BAD_FREE,
		    "BUG: Bad page state in "
		    "process memviz  pfn:%05" PRIx64 " (page belongs to %s, "
		    "not to the page allocator)",
		    pfn, frame_owner_name((enum frame_owner)f->owner));
	if (f->order != order)
		return step_fail(m->st, SIM_BAD_FREE,
		    "BUG: Bad page state in "
		    "process memviz  pfn:%05" PRIx64 " (freed at order %u, "
		    "allocated at order %u)",
		    pfn, order, f->order);
	step_add_frames(m->st, pfn, 1ull << order);
	buddy_free(m, pfn, order);
	return SIM_OK;
}

enum sim_status
machine_free_pages(struct machine *m, uint64_t addr, unsigned order,
    struct step *st)
{
	op_begin(m, st);
	if (addr == 0)
		; /* free_pages(0, order) does nothing */
	else if (addr < m->prof->page_offset || (addr & (PAGE_SIZE - 1)))
		step_fail(st, SIM_BUG,
		    "BUG: free_pages(%#" PRIx64 "): not a "
		    "page-aligned direct-map address (virt_addr_valid "
		    "fails)%s",
		    addr,
		    addr >= m->prof->vmemmap_base ?
			"; a struct page pointer goes to __free_pages()" :
			"");
	else
		machine_pages_free(m, directmap_virt_to_pfn(m, addr), order,
		    "free_pages");
	return op_end(m);
}

enum sim_status
machine___free_pages(struct machine *m, uint64_t page, unsigned order,
    struct step *st)
{
	op_begin(m, st);
	if (page < m->prof->vmemmap_base || (page - m->prof->vmemmap_base) % 64)
		step_fail(st, SIM_BUG,
		    "BUG: unable to handle page fault for "
		    "address: %#" PRIx64 " (__free_pages() wants a struct "
		    "page pointer from alloc_pages())",
		    page);
	else
		machine_pages_free(m, (page - m->prof->vmemmap_base) / 64,
		    order, "__free_pages");
	return op_end(m);
}

enum sim_status
machine_kmalloc(struct machine *m, uint64_t size, gfp_t gfp, struct step *st)
{
	op_begin(m, st);
	kmalloc_alloc(m, size, gfp);
	return op_end(m);
}

enum sim_status
machine_kcalloc(struct machine *m, uint64_t n, uint64_t size, gfp_t gfp,
    struct step *st)
{
	op_begin(m, st);
	/* kmalloc_array(): an overflowing product returns NULL. */
	if (size != 0 && n > UINT64_MAX / size)
		step_fail(st, SIM_ENOMEM,
		    "kcalloc(%" PRIu64 ", %" PRIu64
		    "): n * size overflows; kmalloc_array returns NULL",
		    n, size);
	else
		kmalloc_alloc(m, n * size, gfp | ___GFP_ZERO);
	return op_end(m);
}

enum sim_status
machine_kfree(struct machine *m, uint64_t addr, struct step *st)
{
	op_begin(m, st);
	kmalloc_free(m, addr);
	return op_end(m);
}

enum sim_status
machine_kmem_cache_create(struct machine *m, const char *name, uint64_t size,
    uint64_t align, uint32_t flags, struct step *st)
{
	op_begin(m, st);
	kmem_cache_create(m, name, size, align, flags);
	return op_end(m);
}

enum sim_status
machine_kmem_cache_alloc(struct machine *m, uint64_t cache, gfp_t gfp,
    struct step *st)
{
	op_begin(m, st);
	kmem_cache_alloc(m, cache, gfp);
	return op_end(m);
}

enum sim_status
machine_kmem_cache_free(struct machine *m, uint64_t cache, uint64_t addr,
    struct step *st)
{
	op_begin(m, st);
	kmem_cache_free(m, cache, addr);
	return op_end(m);
}

enum sim_status
machine_kmem_cache_destroy(struct machine *m, uint64_t cache, struct step *st)
{
	op_begin(m, st);
	kmem_cache_destroy(m, cache);
	return op_end(m);
}

enum sim_status
machine_ksize(struct machine *m, uint64_t addr, struct step *st)
{
	op_begin(m, st);
	kmem_ksize(m, addr);
	return op_end(m);
}

enum sim_status
machine_vmalloc(struct machine *m, uint64_t size, gfp_t gfp, struct step *st)
{
	op_begin(m, st);
	vmalloc_alloc(m, size, gfp);
	return op_end(m);
}

enum sim_status
machine_vfree(struct machine *m, uint64_t addr, struct step *st)
{
	op_begin(m, st);
	vmalloc_free(m, addr);
	return op_end(m);
}

enum sim_status
machine_malloc(struct machine *m, uint64_t size, struct step *st)
{
	op_begin(m, st);
	umalloc_malloc(m, size);
	return op_end(m);
}

enum sim_status
machine_calloc(struct machine *m, uint64_t n, uint64_t size, struct step *st)
{
	op_begin(m, st);
	umalloc_calloc(m, n, size);
	return op_end(m);
}

enum sim_status
machine_realloc(struct machine *m, uint64_t addr, uint64_t size,
    struct step *st)
{
	op_begin(m, st);
	umalloc_realloc(m, addr, size);
	return op_end(m);
}

enum sim_status
machine_free(struct machine *m, uint64_t addr, struct step *st)
{
	op_begin(m, st);
	umalloc_free(m, addr);
	return op_end(m);
}

enum sim_status
machine_thread(struct machine *m, unsigned n, struct step *st)
{
	op_begin(m, st);
	umalloc_thread(m, n);
	return op_end(m);
}

enum sim_status
machine_thread_dtv(struct machine *m, unsigned n, unsigned slots,
    struct step *st)
{
	op_begin(m, st);
	umalloc_thread_dtv(m, n, slots);
	return op_end(m);
}

/* `thread N WORD`'s calls (umalloc.h), by word. */
static const struct {
	const char *word;
	enum sim_status (*fn)(struct machine *, unsigned);
} machine_thread_words[] = {
	{ "exit", umalloc_thread_exit },
	{ "join", umalloc_thread_join },
	{ "detach", umalloc_thread_detach },
};

enum sim_status
machine_thread_do(struct machine *m, unsigned n, const char *word,
    struct step *st)
{
	size_t i;

	op_begin(m, st);
	for (i = 0;
	     i < sizeof machine_thread_words / sizeof machine_thread_words[0];
	     i++) {
		if (strcmp(machine_thread_words[i].word, word) == 0) {
			machine_thread_words[i].fn(m, n);
			return op_end(m);
		}
	}
	step_fail(st, SIM_EINVAL, "thread %u %s: expected exit, join or detach",
	    n, word);
	return op_end(m);
}

enum sim_status
machine_memalign(struct machine *m, int call, uint64_t align, uint64_t size,
    struct step *st)
{
	op_begin(m, st);
	umalloc_memalign(m, (enum umalloc_align_call)call, align, size);
	return op_end(m);
}

enum sim_status
machine_reallocarray(struct machine *m, uint64_t addr, uint64_t n,
    uint64_t size, struct step *st)
{
	op_begin(m, st);
	umalloc_reallocarray(m, addr, n, size);
	return op_end(m);
}

enum sim_status
machine_malloc_usable_size(struct machine *m, uint64_t addr, struct step *st)
{
	op_begin(m, st);
	umalloc_usable_size(m, addr);
	return op_end(m);
}

enum sim_status
machine_malloc_trim(struct machine *m, uint64_t pad, struct step *st)
{
	op_begin(m, st);
	umalloc_trim(m, pad);
	return op_end(m);
}

enum sim_status
machine_mallopt(struct machine *m, int param, int value, struct step *st)
{
	op_begin(m, st);
	umalloc_mallopt(m, param, value);
	return op_end(m);
}

/* Is [addr, addr+len) inside the direct map of this machine's RAM? */
static int
machine_in_direct_map(const struct machine *m, uint64_t addr, uint64_t len)
{
	return directmap_contains(m, addr, len);
}

/* Kernel space is [page_offset, kernel_end]; everything else is user. */
static int
machine_is_kernel_addr(const struct machine *m, uint64_t addr)
{
	return addr >= m->prof->page_offset && addr <= m->prof->kernel_end;
}

/* A kernel-space access: direct map, or vmalloc page by page. */
static enum sim_status
machine_kernel_access(struct machine *m, uint64_t addr, uint64_t len, int write,
    const void *data, size_t datalen, void *buf, size_t bufsize)
{
	uint64_t done = 0;

	while (done < len) {
		uint64_t va = addr + done, pfn, n, pa;
		unsigned off = (unsigned)(va & (PAGE_SIZE - 1));

		if (machine_virt_to_pfn(m, va, &pfn) != 0)
			return step_fail(m->st, SIM_EFAULT,
			    "BUG: unable to "
			    "handle page fault for address: %016" PRIx64,
			    va);
		n = PAGE_SIZE - off;
		if (n > len - done)
			n = len - done;
		pa = pfn_to_phys(pfn) + off;
		if (write)
			phys_write_cyclic(m, pa, (size_t)n, data, datalen,
			    done);
		else if (buf != NULL && done < bufsize)
			phys_read(m, pa, (uint8_t *)buf + done,
			    (size_t)(n < bufsize - done ? n : bufsize - done));
		step_add_frames(m->st, pfn, 1);
		done += n;
	}
	return SIM_OK;
}

static enum sim_status
machine_access(struct machine *m, uint64_t addr, uint64_t len, int write,
    const void *data, size_t datalen, void *buf, size_t bufsize)
{
	struct event   *ev;
	enum sim_status s;

	if (len == 0)
		return SIM_OK;
	if (addr + len < addr)
		return step_fail(m->st, SIM_EFAULT, "range wraps around");
	if (!machine_is_kernel_addr(m, addr))
		return process_access(m, addr, len, write, data, datalen, buf,
		    bufsize);
	s = machine_kernel_access(m, addr, len, write, data, datalen, buf,
	    bufsize);
	if (s == SIM_OK) {
		ev = step_emit(m->st, write ? EV_WRITE : EV_READ);
		ev->addr = addr;
		ev->size = len;
	}
	return s;
}

enum sim_status
machine_write(struct machine *m, uint64_t addr, uint64_t len, const void *data,
    size_t datalen, struct step *st)
{
	op_begin(m, st);
	machine_access(m, addr, len, 1, data, datalen, NULL, 0);
	return op_end(m);
}

enum sim_status
machine_read(struct machine *m, uint64_t addr, uint64_t len, void *buf,
    size_t bufsize, struct step *st)
{
	op_begin(m, st);
	machine_access(m, addr, len, 0, NULL, 0, buf, bufsize);
	return op_end(m);
}

int
machine_virt_to_pfn(const struct machine *m, uint64_t va, uint64_t *pfn)
{
	if (machine_in_direct_map(m, va, 1)) {
		*pfn = directmap_virt_to_pfn(m, va);
		return 0;
	}
	if (va >= m->prof->vmalloc_start && va <= m->prof->vmalloc_end)
		return vmalloc_virt_to_pfn(m, va, pfn);
	if (!machine_is_kernel_addr(m, va))
		return process_virt_to_pfn(m, va, pfn);
	return -1;
}

int
machine_show(const struct machine *m, const char *what, struct sbuf *out,
    char **cause)
{
	static const struct {
		const char *name;
		void (*fn)(const struct machine *, struct sbuf *);
	} views[] = {
		{ "buddyinfo", report_buddyinfo },
		{ "zoneinfo", report_zoneinfo },
		{ "slabinfo", report_slabinfo },
		{ "vmallocinfo", report_vmallocinfo },
		{ "meminfo", report_meminfo },
		{ "maps", report_maps },
		{ "pagetypeinfo", report_pagetypeinfo },
	};
	size_t i;

	for (i = 0; i < sizeof views / sizeof views[0]; i++) {
		if (strcmp(views[i].name, what) == 0) {
			views[i].fn(m, out);
			return 0;
		}
	}
	*cause = xasprintf("unknown view '%s': expected buddyinfo, zoneinfo, "
			   "slabinfo, vmallocinfo, meminfo, maps or "
			   "pagetypeinfo",
	    what);
	return -1;
}

int
machine_check(const struct machine *m, char **cause)
{
	if (buddy_check(m, cause) != 0 || pagecache_check(m, cause) != 0)
		return -1;
	if (slab_check(m, cause) != 0)
		return -1;
	if (vmalloc_check(m, cause) != 0)
		return -1;
	return process_check(m, cause);
}

void
machine_describe_frame(const struct machine *m, uint64_t pfn, struct sbuf *out)
{
	const struct frame *f;

	if (pfn >= m->nframes) {
		sbuf_puts(out, "beyond RAM");
		return;
	}
	f = &m->frames[pfn];
	switch (f->owner) {
	case FO_SLAB:
	case FO_KMALLOC_LARGE:
		slab_describe_frame(m, pfn, out);
		break;
	case FO_VMALLOC:
		vmalloc_describe_frame(m, pfn, out);
		break;
	case FO_ANON:
		process_describe_frame(m, pfn, out);
		break;
	case FO_HOLE: /* e820.h: between low RAM and 4 GiB */
		sbuf_puts(out,
		    "no RAM: the PCI hole below 4 GiB, "
		    "spanned by DMA32, not present, never mapped");
		break;
	default:
		sbuf_printf(out, "%s, zone %s",
		    frame_owner_name((enum frame_owner)f->owner),
		    m->zones[f->zone].name);
		if (pfn == m->zero_pfn)
			sbuf_puts(out, " (the shared zero page)");
		break;
	}
}
