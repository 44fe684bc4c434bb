/*
 * phys.c - page frames, zones and their contents.
 *
 * Boot lays RAM out the way an x86-64 machine comes up: pfn 0 and the
 * legacy VGA/BIOS hole (640 KiB to 1 MiB) are never given to the
 * allocator, the kernel image sits at 16 MiB (CONFIG_PHYSICAL_START) or at
 * 1 MiB on a machine too small for that, and the memmap (64 bytes of
 * struct page per frame) is taken from the top of RAM, where memblock's
 * top-down allocation puts it.  Everything else is released to the buddy
 * allocator.
 */
#include "sim/page/phys.h"
#include "sim/page/contents.h"
#include "sim/page/e820.h"
#include "sim/page/unaligned.h"
#include "sim/machine-priv.h"
#include "sim/page/pcp.h"
#include "common/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const owner_names[] = {
#define FRAME_OWNER_NAME(e, name, glyph) name,
	FRAME_OWNERS(FRAME_OWNER_NAME)
#undef FRAME_OWNER_NAME
};

static const char owner_glyphs[] = {
#define FRAME_OWNER_GLYPH(e, name, glyph) glyph,
	FRAME_OWNERS(FRAME_OWNER_GLYPH)
#undef FRAME_OWNER_GLYPH
};

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32",
	"Normal" };

/* Zone boundaries in pfns: 16 MiB and 4 GiB (arch/x86/include/asm/dma.h). */
static const uint64_t zone_end_pfn[MAX_NR_ZONES] = {
	(16ull << 20) >> PAGE_SHIFT, (4ull << 30) >> PAGE_SHIFT, UINT64_MAX
};

#define STRUCT_PAGE_SIZE 64

const char *
frame_owner_name(enum frame_owner o)
{
	return (unsigned)o < FO__COUNT ? owner_names[o] : "?";
}

const char *
phys_zone_name(int zone)
{
	return zone >= 0 && zone < MAX_NR_ZONES ? zone_names[zone] : "?";
}

char
frame_owner_glyph(enum frame_owner o)
{
	return (unsigned)o < FO__COUNT ? owner_glyphs[o] : '?';
}

uint64_t
phys_nframes(const struct machine *m)
{
	return m->nframes;
}

const struct frame *
phys_frame(const struct machine *m, uint64_t pfn)
{
	return &m->frames[pfn];
}

const struct zone *
phys_zone(const struct machine *m, int zone)
{
	return &m->zones[zone];
}

uint64_t
phys_count(const struct machine *m, enum frame_owner o)
{
	return m->owner_count[o];
}

void
phys_set_owner(struct machine *m, uint64_t pfn, unsigned order,
    enum frame_owner o, uint32_t tag, uint32_t aux)
{
	uint64_t      i, n = 1ull << order;
	struct frame *f;

	for (i = 0; i < n; i++) {
		f = &m->frames[pfn + i];
		m->owner_count[f->owner]--;
		m->owner_count[o]++;
		f->owner = (uint8_t)o;
		f->flags &= (uint8_t) ~(FF_HEAD | FF_BUDDY);
		f->order = 0;
		f->own.tag = tag;
		f->own.aux = aux;
	}
	m->frames[pfn].flags |= FF_HEAD;
	m->frames[pfn].order = (uint8_t)order;
}

void
phys_set_tag(struct machine *m, uint64_t pfn, uint32_t tag, uint32_t aux)
{
	m->frames[pfn].own.tag = tag;
	m->frames[pfn].own.aux = aux;
}

/*
 * The garbage a never-written frame holds: a stable function of seed, pfn
 * and offset.  Mostly noise, with runs that look like pointers and text,
 * as real leftover memory does.
 */
static uint64_t
phys_garbage_word(const struct machine *m, uint64_t pfn, unsigned off)
{
	uint64_t x = m->cfg.seed * 0x9e3779b97f4a7c15ull ^
	    (pfn << 9 | off >> 3) * 0xbf58476d1ce4e5b9ull;

	x ^= x >> 31;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 29;
	return x;
}

/*
 * Byte off of the frame is byte off % 8 of word off / 8; whole words
 * are stored at once.
 */
static void
phys_fill_garbage(const struct machine *m, uint64_t pfn, unsigned off,
    uint8_t *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned o = off + (unsigned)i, k;
		uint64_t x = phys_garbage_word(m, pfn, o);

		if ((o & 7) == 0 && len - i >= 8) {
			put_unaligned_le64(x, buf + i);
			i += 8;
			continue;
		}
		for (k = o & 7; k < 8 && i < len; k++, i++)
			buf[i] = (uint8_t)(x >> (k * 8));
	}
}

/* Reads part of one frame. */
static void
phys_read_frame(const struct machine *m, uint64_t pfn, unsigned off,
    uint8_t *buf, size_t len)
{
	const struct frame *f = &m->frames[pfn];

	if (f->flags & FF_DATA)
		memcpy(buf, contents_get(m->contents, pfn) + off, len);
	else if (f->flags & FF_ZERO)
		memset(buf, 0, len);
	else
		phys_fill_garbage(m, pfn, off, buf, len);
}

/*
 * The frame's buffer, materialised from its current contents unless the
 * caller overwrites all of it (whole).
 */
static uint8_t *
phys_frame_buffer_for(struct machine *m, uint64_t pfn, int whole)
{
	struct frame *f = &m->frames[pfn];
	uint8_t	     *buf;

	if (f->flags & FF_DATA)
		return contents_get_mut(m->contents, pfn);
	buf = contents_add(m->contents, pfn);
	if (!whole && (f->flags & FF_ZERO))
		memset(buf, 0, PAGE_SIZE);
	else if (!whole)
		phys_fill_garbage(m, pfn, 0, buf, PAGE_SIZE);
	f->flags = (uint8_t)((f->flags & ~FF_ZERO) | FF_DATA);
	return buf;
}

static uint8_t *
phys_frame_buffer(struct machine *m, uint64_t pfn)
{
	return phys_frame_buffer_for(m, pfn, 0);
}

uint8_t *
phys_frame_data(const struct machine *m, uint64_t pfn)
{
	return (m->frames[pfn].flags & FF_DATA) ?
	    contents_get(m->contents, pfn) :
	    NULL;
}

uint8_t *
phys_frame_data_mut(struct machine *m, uint64_t pfn)
{
	return (m->frames[pfn].flags & FF_DATA) ?
	    contents_get_mut(m->contents, pfn) :
	    NULL;
}

void
phys_read(const struct machine *m, uint64_t pa, void *buf, size_t len)
{
	uint8_t *out = buf;
	size_t	 n;

	if (len <= PAGE_SIZE - (pa & (PAGE_SIZE - 1))) { /* one frame */
		if (len > 0)
			phys_read_frame(m, phys_to_pfn(pa),
			    (unsigned)(pa & (PAGE_SIZE - 1)), out, len);
		return;
	}
	while (len > 0) {
		unsigned off = (unsigned)(pa & (PAGE_SIZE - 1));

		n = PAGE_SIZE - off;
		if (n > len)
			n = len;
		phys_read_frame(m, phys_to_pfn(pa), off, out, n);
		out += n;
		pa += n;
		len -= n;
	}
}

void
phys_write(struct machine *m, uint64_t pa, const void *buf, size_t len)
{
	const uint8_t *in = buf;
	size_t	       n;

	if (len <= PAGE_SIZE - (pa & (PAGE_SIZE - 1))) { /* one frame */
		if (len > 0)
			memcpy(phys_frame_buffer(m, phys_to_pfn(pa)) +
				(pa & (PAGE_SIZE - 1)),
			    in, len);
		return;
	}
	while (len > 0) {
		unsigned off = (unsigned)(pa & (PAGE_SIZE - 1));

		n = PAGE_SIZE - off;
		if (n > len)
			n = len;
		memcpy(phys_frame_buffer(m, phys_to_pfn(pa)) + off, in, n);
		in += n;
		pa += n;
		len -= n;
	}
}

/*
 * Fills dst with src (period bytes) repeated from src[phase]: one period
 * from src, then the output doubles itself, so a one-byte pattern costs
 * a dozen memcpy calls per frame.
 */
static void
phys_fill_cyclic(uint8_t *dst, size_t n, const uint8_t *src, size_t period,
    uint64_t phase)
{
	size_t o = (size_t)(phase % period), done, k;

	done = n < period - o ? n : period - o;
	memcpy(dst, src + o, done);
	k = n - done < o ? n - done : o;
	memcpy(dst + done, src, k);
	done += k;
	while (done < n) {
		k = n - done < done ? n - done : done;
		memcpy(dst + done, dst, k);
		done += k;
	}
}

void
phys_write_cyclic(struct machine *m, uint64_t pa, size_t len, const void *data,
    size_t datalen, uint64_t phase)
{
	uint8_t pattern[256];
	size_t	i, n;

	if (data == NULL || datalen == 0) {
		/* eight bytes a step: byte k of word i is 0xa5 ^ (8i + k) */
		for (i = 0; i < sizeof pattern / 8; i++)
			put_unaligned_le64(0xa5a5a5a5a5a5a5a5ull ^
				(0x0706050403020100ull +
				    0x0808080808080808ull * i),
			    pattern + 8 * i);
		data = pattern;
		datalen = sizeof pattern;
	}
	while (len > 0) {
		unsigned off = (unsigned)(pa & (PAGE_SIZE - 1));

		n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		phys_fill_cyclic(phys_frame_buffer_for(m, phys_to_pfn(pa),
				     n == PAGE_SIZE) +
			off,
		    n, data, datalen, phase);
		pa += n;
		phase += n;
		len -= n;
	}
}

void
phys_zero_frames(struct machine *m, uint64_t pfn, uint64_t count)
{
	uint64_t i;

	for (i = 0; i < count; i++) {
		struct frame *f = &m->frames[pfn + i];

		if (f->flags & FF_DATA)
			contents_drop(m->contents, pfn + i);
		f->flags = (uint8_t)((f->flags & ~FF_DATA) | FF_ZERO);
	}
}

/*
 * A page-cache read replaces whatever the frame held with file data; the
 * frame's own garbage pattern stands for that data, so a written or
 * zeroed frame simply goes back to it (salt is kept for the contract).
 */
void
phys_scribble_frame(struct machine *m, uint64_t pfn, uint64_t salt)
{
	struct frame *f = &m->frames[pfn];

	(void)salt;
	if (f->flags & FF_DATA)
		contents_drop(m->contents, pfn);
	f->flags &= (uint8_t) ~(FF_DATA | FF_ZERO);
}

void
phys_zero(struct machine *m, uint64_t pa, size_t len)
{
	size_t n;

	while (len > 0) {
		unsigned off = (unsigned)(pa & (PAGE_SIZE - 1));

		n = PAGE_SIZE - off;
		if (n > len)
			n = len;
		if (n == PAGE_SIZE)
			phys_zero_frames(m, phys_to_pfn(pa), 1);
		else if (!(m->frames[phys_to_pfn(pa)].flags & FF_ZERO))
			memset(phys_frame_buffer(m, phys_to_pfn(pa)) + off, 0,
			    n);
		pa += n;
		len -= n;
	}
}

uint64_t
phys_read_u64(const struct machine *m, uint64_t pa)
{
	uint64_t pfn = phys_to_pfn(pa), off = pa & (PAGE_SIZE - 1);
	uint8_t	 b[8];

	if (off <= PAGE_SIZE - 8 && (m->frames[pfn].flags & FF_DATA))
		return get_unaligned_le64(contents_get(m->contents, pfn) + off);
	phys_read(m, pa, b, sizeof b);
	return get_unaligned_le64(b);
}

void
phys_write_u64(struct machine *m, uint64_t pa, uint64_t v)
{
	uint64_t pfn = phys_to_pfn(pa), off = pa & (PAGE_SIZE - 1);
	uint8_t	 b[8];

	if (off <= PAGE_SIZE - 8 && (m->frames[pfn].flags & FF_DATA)) {
		put_unaligned_le64(v, contents_get_mut(m->contents, pfn) + off);
		return;
	}
	put_unaligned_le64(v, b);
	phys_write(m, pa, b, sizeof b);
}

size_t
phys_contents_bytes(const struct machine *m)
{
	return contents_bytes(m->contents) + m->nframes * sizeof *m->frames;
}

/* Marks [start, end) as owner o, one frame at a time (boot only). */
static void
phys_boot_claim(struct machine *m, uint64_t start, uint64_t end,
    enum frame_owner o)
{
	uint64_t pfn;

	for (pfn = start; pfn < end && pfn < m->nframes; pfn++)
		phys_set_owner(m, pfn, 0, o, 0, 0);
}

/*
 * A zone spans the node's range clamped to the zone's bounds, holes
 * inside counting in spanned but not in present
 * (zone_spanned_pages_in_node()); the node runs from pfn 1 to the end
 * of RAM.
 */
static void
phys_boot_zone(struct machine *m, const struct e820_map *e, int z,
    uint64_t start, uint64_t end)
{
	struct zone *zone = &m->zones[z];
	uint64_t     pfn, node_end = e820_node_end(e);

	for (pfn = start; pfn < end; pfn++) {
		m->frames[pfn].zone = (uint8_t)z;
		zone->present_pages += (uint64_t)e820_present(e, pfn);
	}
	zone->present = 1;
	zone->start_pfn = start == 0 ? 1 : start;
	zone->spanned = (end < node_end ? end : node_end) - zone->start_pfn;
	m->nr_zones = z + 1;
}

static void
phys_boot_zones(struct machine *m, const struct e820_map *e)
{
	uint64_t start = 0, end;
	int	 z;

	for (z = 0; z < MAX_NR_ZONES && start < m->nframes; z++) {
		end = zone_end_pfn[z] < m->nframes ? zone_end_pfn[z] :
						     m->nframes;
		phys_boot_zone(m, e, z, start, end);
		start = end;
	}
	for (z = 0; z < MAX_NR_ZONES; z++) {
		unsigned o;
		int	 mt;

		m->zones[z].name = zone_names[z];
		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct free_list *
				    l = &m->zones[z].free_area[o].free_list[mt];

				l->head = l->tail = PFN_NONE;
			}
		}
	}
}

/*
 * What memblock keeps back, fitted per kernel to Debian's 6.1.0-57 and
 * 6.12.118 booted under QEMU q35 with one CPU at 128M to 16G
 * (tests/kernel-probe/captured/zoneinfo-*): of P present frames,
 *  - the first 1 MiB is reserved whole (arch/x86/kernel/setup.c,
 *    "always reserve the first 1M" since 5.13): DMA manages 3998 - 158;
 *  - the kernel image and the early allocations that stay (page tables,
 *    percpu areas, ...) take image_pages plus 3 per 2048 of P, and 193
 *    more when RAM reaches above 4 GiB;
 *  - the memmap, 64 bytes of struct page per present frame, at the top
 *    of RAM where memblock's top-down allocation puts it;
 *  - swiotlb's 64 MiB bounce buffer at the top of low RAM when RAM
 *    reaches above 4 GiB (pci_swiotlb_detect(), memblock_alloc_low());
 *  - init_pages of boot memory (initrd, __init sections) go back to the
 *    buddy allocator only after init_per_zone_wmark_min() has run, which
 *    is what the measured min_free_kbytes is computed from; the last
 *    late_pages of them (free_initmem()) even after khugepaged has raised
 *    the watermarks, which is what shares them out.
 * The image sits at 16 MiB (CONFIG_PHYSICAL_START); with RAM above 4 GiB
 * at 4 GiB, where KASLR's random choice (its slots spread over all RAM,
 * arch/x86/boot/compressed/kaslr.c) falls at least as often as below.
 */
struct memblock_fit {
	const char *kernel;
	uint64_t    image_pages, init_pages, late_pages;
};

/* clang-format off */
static const struct memblock_fit memblock_fits[] = {
	{ "6.1",  11947, 2250, 1570 },	/* the first row serves other kernels */
	{ "6.12", 10189, 2080, 1500 },
};
/* clang-format on */

#define KERNEL_START_PFN 0x1000 /* 16 MiB */
#define SWIOTLB_FRAMES	 16384	/* 64 MiB */
#define HIGH_EARLY_PAGES 193
#define FIRST_MIB_PFN	 0x100

static const struct memblock_fit *
phys_memblock_fit(const struct machine *m)
{
	size_t i;

	for (i = 0; i < sizeof memblock_fits / sizeof memblock_fits[0]; i++)
		if (strcmp(memblock_fits[i].kernel, m->prof->name) == 0)
			return &memblock_fits[i];
	return &memblock_fits[0];
}

static uint64_t
phys_present_total(const struct machine *m)
{
	uint64_t p = 0;
	int	 z;

	for (z = 0; z < m->nr_zones; z++)
		p += m->zones[z].present_pages;
	return p;
}

/*
 * A toy machine (under 128 MiB) keeps only pfn 0 and the legacy hole,
 * and puts a kernel of a quarter of its RAM at 1 MiB, so its map keeps
 * the shape of a real one.
 */
static void
phys_boot_layout(struct machine *m, const struct e820_map *e)
{
	const struct memblock_fit *fit = phys_memblock_fit(m);
	uint64_t		   n = m->nframes, p = phys_present_total(m);
	uint64_t		   kframes, iframes, memmap;
	int			   high = e->high_end > e->high_start;

	if (n < E820_REAL_MIN_PFN) {
		m->kernel_start = n > 2 * FIRST_MIB_PFN ? FIRST_MIB_PFN : 1;
		kframes = n / 4;
		iframes = n / 64;
		memmap = n; /* every frame, as a toy always had */
	} else {
		m->kernel_start = high ? e->high_start : KERNEL_START_PFN;
		kframes = fit->image_pages + p * 3 / 2048 +
		    (high ? HIGH_EARLY_PAGES : 0);
		iframes = fit->init_pages;
		memmap = p;
		phys_boot_claim(m, 1, FIRST_MIB_PFN, FO_RESERVED);
	}
	m->kernel_end = m->kernel_start + kframes;
	m->init_start = m->kernel_end;
	m->init_end = m->kernel_end + iframes;
	m->initrd_end = m->init_end -
	    (n < E820_REAL_MIN_PFN ? 0 : fit->late_pages);
	phys_boot_claim(m, m->kernel_start, m->init_end, FO_KERNEL);
	/* empty_zero_page lives in the kernel's .bss, near the image's end. */
	m->zero_pfn = m->kernel_end - kframes / 4 - 1;
	phys_zero_frames(m, m->zero_pfn, 1);
	if (high)
		phys_boot_claim(m, e->low_end - SWIOTLB_FRAMES, e->low_end,
		    FO_KERNEL);
	memmap = (memmap * STRUCT_PAGE_SIZE + PAGE_SIZE - 1) / PAGE_SIZE;
	phys_boot_claim(m, e820_node_end(e) - memmap, e820_node_end(e),
	    FO_MEMMAP);
}

/* Counts the frames memblock hands to the buddy allocator, per zone. */
static void
phys_count_managed(struct machine *m)
{
	uint64_t pfn;
	int	 z;

	m->totalram_pages = 0;
	for (z = 0; z < m->nr_zones; z++) {
		struct zone *zone = &m->zones[z];
		uint64_t     end = zone->start_pfn + zone->spanned;

		zone->managed = 0;
		for (pfn = zone->start_pfn; pfn < end; pfn++) {
			if (m->frames[pfn].owner == FO_FREE)
				zone->managed++;
		}
		m->totalram_pages += zone->managed;
	}
}

/*
 * Frames that are not RAM: the PCI hole is no RAM at all; pfn 0, the
 * legacy hole and the firmware's pages are RAM the e820 map reserves.
 */
static void
phys_boot_absent(struct machine *m, const struct e820_map *e)
{
	uint64_t pfn;

	for (pfn = 0; pfn < m->nframes; pfn++)
		if (e820_hole(e, pfn))
			phys_set_owner(m, pfn, 0, FO_HOLE, 0, 0);
		else if (!e820_present(e, pfn))
			phys_set_owner(m, pfn, 0, FO_RESERVED, 0, 0);
}

/*
 * Lays out RAM: the firmware's map, zones, the kernel image, the late
 * boot memory and the memmap, each claimed with its owner; every other
 * frame is left FO_FREE for memblock_free_all() to hand to the buddy
 * allocator.
 */
void
phys_boot(struct machine *m)
{
	struct e820_map e;
	uint64_t	n;

	e820_q35(m->cfg.ram, &e);
	n = m->nframes = e.max_pfn;
	m->frames = xcalloc(n, sizeof *m->frames);
	m->owner_count[FO_FREE] = n;
	m->contents = contents_create();
	phys_boot_zones(m, &e);
	phys_boot_absent(m, &e);
	phys_boot_layout(m, &e);
	phys_count_managed(m);
	pageblock_init(m);
}

/* The frame table and the written bytes, copied for a checkpoint. */
void
phys_clone(struct machine *dst, const struct machine *src)
{
	dst->frames = xmemdup(src->frames, src->nframes * sizeof *src->frames);
	dst->contents = contents_clone(src->contents);
	pcp_clone(dst, src);
	pageblock_clone(dst, src);
}

void
phys_destroy(struct machine *m)
{
	pcp_destroy(m);
	pageblock_destroy(m);
	contents_destroy(m->contents);
	free(m->frames);
}
