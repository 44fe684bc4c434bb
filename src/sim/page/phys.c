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

#define LEGACY_HOLE_START 0x9f	/* 636 KiB: EBDA, VGA, BIOS ROM */
#define LEGACY_HOLE_END	  0x100 /* 1 MiB */
#define STRUCT_PAGE_SIZE  64

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

static void
phys_boot_zones(struct machine *m)
{
	uint64_t start = 0, end;
	int	 z;

	for (z = 0; z < MAX_NR_ZONES && start < m->nframes; z++) {
		struct zone *zone = &m->zones[z];
		uint64_t     pfn;

		end = zone_end_pfn[z] < m->nframes ? zone_end_pfn[z] :
						     m->nframes;
		zone->name = zone_names[z];
		zone->present = 1;
		/* pfn 0 is never in a zone on x86 (zoneinfo: start_pfn 1). */
		zone->start_pfn = start == 0 ? 1 : start;
		zone->spanned = end - zone->start_pfn;
		zone->present_pages = zone->spanned;
		for (pfn = start; pfn < end; pfn++)
			m->frames[pfn].zone = (uint8_t)z;
		m->nr_zones = z + 1;
		start = end;
	}
	for (z = 0; z < MAX_NR_ZONES; z++) {
		unsigned o;

		m->zones[z].name = zone_names[z];
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			m->zones[z].free_area[o].head = m->zones[z]
							    .free_area[o]
							    .tail = PFN_NONE;
	}
}

/*
 * Where boot leaves reserved frames, in pfns.  Fitted to Debian 12's
 * 6.1.192 kernel booted under QEMU, as its /proc/zoneinfo reads (256M
 * and 1G give DMA managed 3840, DMA32 managed 48280 and 241528 exactly):
 *  - the first 1 MiB is reserved whole (arch/x86/kernel/setup.c,
 *    "always reserve the first 1M" since 5.13): DMA manages 3998 - 158;
 *  - the kernel image and the early allocations that stay (page tables,
 *    percpu areas, ...) take 12040 pages plus 3 per 2048 of RAM, from
 *    16 MiB (CONFIG_PHYSICAL_START);
 *  - boot memory freed only after init_per_zone_wmark_min() has run
 *    (initrd, __init sections and the like) takes 1755 pages plus one
 *    per 132 of RAM, right after the image; that is what makes the
 *    measured min_free_kbytes 3932 rather than 3964 on 1G;
 *  - swiotlb's 64 MiB bounce buffer, below 4 GiB, when RAM reaches
 *    above 4 GiB (pci_swiotlb_detect());
 *  - the memmap, 64 bytes of struct page per frame, at the top of RAM
 *    where memblock's top-down allocation puts it.
 * A toy machine (under 128 MiB, smaller than any real boot) keeps only
 * pfn 0 and the legacy hole, and puts a kernel of a quarter of its RAM
 * at 1 MiB, so its map keeps the shape of a real one.
 */
#define BOOT_REAL_MIN	 32768	/* 128 MiB in frames */
#define KERNEL_START_PFN 0x1000 /* 16 MiB */
#define SWIOTLB_FRAMES	 16384	/* 64 MiB */
#define DMA32_END_PFN	 0x100000

static void
phys_boot_layout(struct machine *m, uint64_t *init_start, uint64_t *init_end)
{
	uint64_t n = m->nframes, kframes, iframes;

	if (n < BOOT_REAL_MIN) {
		m->kernel_start = n > 2 * LEGACY_HOLE_END ? LEGACY_HOLE_END : 1;
		kframes = n / 4;
		iframes = n / 64;
	} else {
		m->kernel_start = KERNEL_START_PFN;
		kframes = 12040 + n * 3 / 2048;
		iframes = 1755 + n / 132;
		phys_boot_claim(m, 1, LEGACY_HOLE_START, FO_RESERVED);
	}
	m->kernel_end = m->kernel_start + kframes;
	*init_start = m->kernel_end;
	*init_end = m->kernel_end + iframes;
	phys_boot_claim(m, m->kernel_start, *init_end, FO_KERNEL);
	/* empty_zero_page lives in the kernel's .bss, near the image's end. */
	m->zero_pfn = m->kernel_end - kframes / 4 - 1;
	phys_zero_frames(m, m->zero_pfn, 1);
	if (n > DMA32_END_PFN)
		phys_boot_claim(m, DMA32_END_PFN - SWIOTLB_FRAMES,
		    DMA32_END_PFN, FO_KERNEL);
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
 * Lays out RAM: zones, holes, the kernel image, the late boot memory and
 * the memmap, each claimed with its owner; every other frame is left
 * FO_FREE for memblock_free_all() to hand to the buddy allocator.
 */
void
phys_boot(struct machine *m)
{
	uint64_t n = m->nframes, memmap;

	m->frames = xcalloc(n, sizeof *m->frames);
	m->owner_count[FO_FREE] = n;
	m->contents = contents_create();
	phys_boot_zones(m);

	phys_boot_claim(m, 0, 1, FO_RESERVED);
	if (n > LEGACY_HOLE_END) {
		phys_boot_claim(m, LEGACY_HOLE_START, LEGACY_HOLE_END,
		    FO_RESERVED);
		m->zones[ZONE_DMA].present_pages -= LEGACY_HOLE_END -
		    LEGACY_HOLE_START;
	}
	phys_boot_layout(m, &m->init_start, &m->init_end);
	memmap = (n * STRUCT_PAGE_SIZE + PAGE_SIZE - 1) / PAGE_SIZE;
	phys_boot_claim(m, n - memmap, n, FO_MEMMAP);
	phys_count_managed(m);
}

/* The frame table and the written bytes, copied for a checkpoint. */
void
phys_clone(struct machine *dst, const struct machine *src)
{
	dst->frames = xmemdup(src->frames, src->nframes * sizeof *src->frames);
	dst->contents = contents_clone(src->contents);
	pcp_clone(dst, src);
}

void
phys_destroy(struct machine *m)
{
	pcp_destroy(m);
	contents_destroy(m->contents);
	free(m->frames);
}
