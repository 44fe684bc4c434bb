/*
 * pcp-note.h - what the narration says about the per-CPU page lists
 * (sim/page/pcp.h): whether a step was served from this CPU's list or
 * from the buddy lists, and when the list was refilled by
 * rmqueue_bulk() or drained by free_pcppages_bulk() (mm/page_alloc.c).
 *
 * Pure: no curses, tested in tests/check_pcp_note.c.
 */
#ifndef MEMVIZ_UI_PCP_NOTE_H
#define MEMVIZ_UI_PCP_NOTE_H

#include "common/sbuf.h"
#include "sim/event.h"

/*
 * A few words on what one event means for the lists, or NULL for an
 * event that is not about them (shown after the event while animating).
 */
const char *pcp_note_event(enum event_kind kind);

/*
 * Appends what a step did to the per-CPU lists when it did more than
 * take or put one block: "per-CPU list refilled: 15 pages from the buddy
 * lists (rmqueue_bulk)", "... over high: 45 pages back to the buddy
 * lists (free_pcppages_bulk)", both joined by "; " when a step did both.
 * Returns the number of bytes appended (0: nothing worth saying).
 */
size_t pcp_note_step(const struct step *st, struct sbuf *out);

#endif
