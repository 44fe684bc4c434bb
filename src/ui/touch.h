/*
 * touch.h - what the last operation did to memory's bytes, and the
 * latest allocation: what the detail panel shows.
 *
 * The player shows one statement at a time, but a read's bytes must
 * stay on screen through the sleep, the captions and the pause that
 * follow it, until the next operation.  touch_note() is told of every
 * statement the player makes current and keeps:
 *   - the bytes the last operation touched: read and write statements
 *     (EV_READ, EV_WRITE), the memset of kzalloc, kcalloc, calloc and
 *     vzalloc (EV_ZERO over the result), and a free, which writes the
 *     allocator's own pointer into the freed object or chunk;
 *   - the latest allocation (an assignment that returned an address),
 *     whose mapping the panel draws when no bytes are due.
 * A later operation replaces the bytes (or clears them when it touched
 * none); stepping back before the operation forgets it; a new machine
 * forgets everything.  No curses; the machine only read.
 */
#ifndef MEMVIZ_UI_TOUCH_H
#define MEMVIZ_UI_TOUCH_H

#include <stddef.h>
#include <stdint.h>

#include "sim/machine.h"
#include "ui/player.h"

/* clang-format off */
#define TOUCH_KINDS(X)					\
	X(TOUCH_NONE,	"none")				\
	X(TOUCH_READ,	"read")				\
	X(TOUCH_WRITE,	"written")			\
	X(TOUCH_ZERO,	"zeroed")			\
	X(TOUCH_FREE,	"freed")
/* clang-format on */

enum touch_kind {
#define TOUCH_ENUM(e, name) e,
	TOUCH_KINDS(TOUCH_ENUM)
#undef TOUCH_ENUM
	TOUCH__COUNT
};

/* Bytes of a touched range kept as they were after its operation. */
#define TOUCH_SHOT 256

struct touch {
	enum touch_kind kind;
	uint64_t	addr, len;  /* the bytes, by virtual address */
	size_t		ev;	    /* the event that touched them */
	size_t		hist;	    /* player position of the operation */
	char		source[96]; /* the statement, as written */

	/*
	 * The bytes at the previous range after its operation: what an
	 * operation on the same bytes found there (the key a kzalloc then
	 * clears), shown until its event is.  valid: a byte was readable.
	 */
	uint64_t shot_addr, prev_addr;
	size_t	 shot_len, prev_len;
	uint8_t	 shot[TOUCH_SHOT], prev[TOUCH_SHOT];
	uint8_t	 shot_ok[TOUCH_SHOT], prev_ok[TOUCH_SHOT];

	/* The latest allocation; alloc_len == 0 when none. */
	uint64_t alloc_addr, alloc_len;
	size_t	 alloc_hist;
	char	 alloc_name[32];
};

/* Forgets everything (a new machine). */
void touch_reset(struct touch *t);
/*
 * The player made item current at position hist (player_position):
 * an operation replaces what was touched; anything else keeps it,
 * unless it comes before it (a step back).
 */
void touch_note(struct touch *t, const struct player_item *item, size_t hist,
    const struct machine *m);
/* One byte as the machine holds it now: 0, or -1 when nothing is there
 * (an unmapped kernel page; untouched user pages read as zero). */
int touch_fetch(const struct machine *m, uint64_t va, uint8_t *b);
/* The byte at va before the operation, if the previous one kept it. */
int	    touch_before(const struct touch *t, uint64_t va, uint8_t *b);
const char *touch_kind_name(enum touch_kind k);

#endif
