/*
 * inspector.c - everything about the selection: its virtual and physical
 * addresses, the name the script gave it, the frames behind it with
 * their owner, order, zone and flags, what the allocator says about it,
 * and a hexdump of its bytes from the contents model.
 *
 * The hexdump reads physical memory (phys_read) through the page tables
 * (machine_virt_to_pfn), never through machine_read: looking must not
 * fault a page in or change the machine.
 */
#include "ui/view.h"
#include "ui/colour.h"
#include "sim/machine.h"
#include "sim/page/phys.h"
#include "sim/kernel/slab.h"
#include "sim/user/umalloc.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct script_binding *
insp_binding(const struct ui *ui)
{
	const struct script_binding *b;
	size_t			     i, n = script_interp_nbindings(ui->ip);

	for (i = n; i-- > 0;) {
		b = script_interp_binding(ui->ip, i);
		if (b->live && b->addr != 0 && b->addr == ui->sel.addr)
			return b;
	}
	return NULL;
}

static void
insp_frame(struct view *v, const struct ui *ui, int *y, uint64_t pfn)
{
	const struct machine *m = ui_machine(ui);
	struct frame_state    f = player_frame(&ui->player, m, pfn);
	struct sbuf	      b = SBUF_INIT;
	int		      w = view_inner_w(v);

	view_printf(v, (*y)++, 0, w, A_BOLD, "pfn %#" PRIx64 "  phys %#" PRIx64,
	    pfn, pfn_to_phys(pfn));
	if (f.owner == FO_HOLE)
		view_puts(v, (*y)++, 0, w, "direct map: none", A_NORMAL);
	else
		view_printf(v, (*y)++, 0, w, A_NORMAL, "direct map %#" PRIx64,
		    machine_pfn_to_virt(m, pfn));
	view_printf(v, (*y)++, 0, w, A_NORMAL, "owner %s  zone %s  %s%s%s%s%s",
	    frame_owner_name(f.owner), phys_zone(m, f.zone)->name,
	    f.head ? "head " : "", f.free_head ? "buddy " : "",
	    f.pcp ? "per-CPU list " : "", f.zero ? "zero " : "",
	    f.data ? "written" : "");
	if (f.head)
		view_printf(v, (*y)++, 0, w, A_NORMAL, "order %u (%llu KiB)",
		    f.order, (unsigned long long)(4u << f.order));
	machine_describe_frame(m, pfn, &b);
	if (b.len > 0)
		view_puts(v, (*y)++, 0, w, sbuf_str(&b), A_NORMAL);
	sbuf_free(&b);
}

static void
insp_virtual(struct view *v, const struct ui *ui, int *y)
{
	const struct machine	    *m = ui_machine(ui);
	const struct script_binding *b = insp_binding(ui);
	struct slab_cache_info	     ci;
	struct sbuf		     sb = SBUF_INIT;
	size_t			     c, s;
	uint32_t		     o;
	int			     w = view_inner_w(v);

	view_printf(v, (*y)++, 0, w, A_BOLD, "%#" PRIx64 "..%#" PRIx64,
	    ui->sel.addr, ui->sel.addr + ui->sel.len);
	view_printf(v, (*y)++, 0, w, A_NORMAL, "%" PRIu64 " bytes%s%s",
	    ui->sel.len, b ? ", named " : "", b ? b->name : "");
	if (ui->sel.kind == SEL_OBJECT &&
	    slab_find(m, ui->sel.addr, &c, &s, &o) == 0 &&
	    slab_cache_info(m, c, &ci) == 0)
		view_printf(v, (*y)++, 0, w, A_NORMAL,
		    "cache %s, object %u, "
		    "size %u",
		    ci.name, o, ci.object_size);
	if (ui->sel.kind == SEL_CHUNK) {
		umalloc_describe(m, ui->sel.addr, &sb);
		view_puts(v, (*y)++, 0, w, sbuf_str(&sb), A_NORMAL);
		sbuf_free(&sb);
	}
}

static void
insp_frames_line(struct view *v, const struct ui *ui, int *y)
{
	char   buf[256];
	size_t i;
	int    len;

	len = snprintf(buf, sizeof buf, "frames:");
	for (i = 0; i < ui->sel.nframes && len < (int)sizeof buf - 24; i++)
		len += snprintf(buf + len, sizeof buf - len,
		    ui->sel.frames[i].count > 1 ? " %" PRIx64 "+%" PRIu64 :
						  " %" PRIx64,
		    ui->sel.frames[i].pfn, ui->sel.frames[i].count);
	if (ui->sel.nframes == 0)
		snprintf(buf + len, sizeof buf - len,
		    " none (not touched yet)");
	view_puts(v, (*y)++, 0, view_inner_w(v), buf, A_NORMAL);
}

/* 8 or 16 bytes a line, as fits; physical reads only. */
static void
insp_hexdump(struct view *v, const struct ui *ui, int *y)
{
	const struct machine *m = ui_machine(ui);
	uint64_t	      va = ui->sel.addr, pa = 0, pfn;
	unsigned char	      bytes[16];
	char		      line[96];
	int		      per = view_inner_w(v) >= 70 ? 16 : 8, len, i;

	if (ui->sel.kind == SEL_FRAME) {
		/* no RAM, so no bytes (the direct map leaves it out) */
		if (phys_frame(m, ui->sel.pfn)->owner == FO_HOLE)
			return;
		pa = pfn_to_phys(ui->sel.pfn);
	}
	while (*y < view_inner_h(v)) {
		if (ui->sel.kind != SEL_FRAME) {
			if (va >= ui->sel.addr + ui->sel.len ||
			    machine_virt_to_pfn(m, va, &pfn) != 0)
				return;
			pa = pfn_to_phys(pfn) + (va & (PAGE_SIZE - 1));
		}
		phys_read(m, pa, bytes, (size_t)per);
		len = snprintf(line, sizeof line, "%06" PRIx64 ":",
		    ui->sel.kind == SEL_FRAME ? pa & 0xffffff : va & 0xffffff);
		for (i = 0; i < per; i++)
			len += snprintf(line + len, sizeof line - len, " %02x",
			    bytes[i]);
		line[len++] = ' ';
		for (i = 0; i < per; i++)
			line[len++] = isprint(bytes[i]) ? (char)bytes[i] : '.';
		line[len] = '\0';
		view_puts(v, (*y)++, 0, view_inner_w(v), line, A_NORMAL);
		va += (uint64_t)per;
		pa += (uint64_t)per;
	}
}

static void
insp_draw(struct view *v, const struct ui *ui)
{
	int y = 0;

	view_box(v, ui, "inspector");
	if (ui->sel.kind == SEL_NONE) {
		view_puts(v, 0, 0, view_inner_w(v),
		    "nothing selected: click "
		    "a cell or line, or move with up/down",
		    colour_attr(CR_DIM));
		wnoutrefresh(v->win);
		return;
	}
	view_printf(v, y++, 0, view_inner_w(v), colour_attr(CR_TITLE), "%s",
	    sel_kind_name(ui->sel.kind));
	if (ui->sel.kind != SEL_FRAME)
		insp_virtual(v, ui, &y);
	insp_frames_line(v, ui, &y);
	if (ui->sel.nframes > 0)
		insp_frame(v, ui, &y,
		    ui->sel.kind == SEL_FRAME ? ui->sel.pfn :
						ui->sel.frames[0].pfn);
	y++;
	insp_hexdump(v, ui, &y);
	wnoutrefresh(v->win);
}

static int
insp_key(struct view *v, struct ui *ui, int key)
{
	(void)v;
	(void)ui;
	(void)key;
	return 0;
}

static int
insp_mouse(struct view *v, struct ui *ui, int x, int y, int button)
{
	(void)v;
	(void)ui;
	(void)x;
	(void)y;
	(void)button;
	return VIEW_HANDLED;
}

static void
insp_resize(struct view *v, const struct rect *r)
{
	v->r = *r;
}

const struct view_ops view_inspect_ops = { "inspector", insp_draw, insp_key,
	insp_mouse, insp_resize };
