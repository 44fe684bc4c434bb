/*
 * pcp-note.c - the narration's words for the per-CPU page lists.
 *
 * A small allocation on 6.1 and 6.12 is served by __rmqueue_pcplist()
 * from the head of this CPU's list, and a free goes back to that head
 * (free_unref_page_commit()); only a refill (rmqueue_bulk()) or a drain
 * (free_pcppages_bulk()) touches the buddy lists (mm/page_alloc.c).
 * The animation names each event; these notes say what it means.
 */
#include "ui/pcp-note.h"

#include <stdint.h>

/* clang-format off */
static const char *const pcp_note_events[EV__COUNT] = {
	[EV_PAGES_ALLOC] = "from the buddy lists",
	[EV_PCP_ALLOC]	 = "served from this CPU's per-CPU list (its head)",
	[EV_PCP_FREE]	 = "onto the head of the per-CPU list, not the buddy lists",
	[EV_PCP_REFILL]	 = "list empty: rmqueue_bulk moves a batch from the buddy lists",
	[EV_PCP_DRAIN]	 = "list at high: free_pcppages_bulk gives its oldest back",
};
/* clang-format on */

const char *
pcp_note_event(enum event_kind kind)
{
	return (unsigned)kind < EV__COUNT ? pcp_note_events[kind] : NULL;
}

/* Pages moved by the step's events of one kind. */
static uint64_t
pcp_note_pages(const struct step *st, enum event_kind kind)
{
	uint64_t n = 0;
	size_t	 i;

	for (i = 0; i < st->nev; i++)
		if (st->ev[i].kind == kind)
			n += 1ull << st->ev[i].order;
	return n;
}

size_t
pcp_note_step(const struct step *st, struct sbuf *out)
{
	uint64_t refill = pcp_note_pages(st, EV_PCP_REFILL);
	uint64_t drain = pcp_note_pages(st, EV_PCP_DRAIN);
	size_t	 len = out->len;

	if (refill > 0)
		sbuf_printf(out,
		    "per-CPU list refilled: %llu page%s from the buddy lists "
		    "(rmqueue_bulk)",
		    (unsigned long long)refill, refill == 1 ? "" : "s");
	if (drain > 0)
		sbuf_printf(out,
		    "%sper-CPU list over high: %llu page%s back to the buddy "
		    "lists (free_pcppages_bulk)",
		    refill > 0 ? "; " : "", (unsigned long long)drain,
		    drain == 1 ? "" : "s");
	return out->len - len;
}
