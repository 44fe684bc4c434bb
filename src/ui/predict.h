/*
 * predict.h - predict-the-outcome questions: judging a guess against
 * what the machine did, saying why in one line, keeping a quiz score.
 *
 * Pure logic over a finished step (no curses): the UI collects the
 * guess on the view the statement belongs to (a cell of the RAM grid, a
 * slab, a hole in the vmalloc range, a malloc chunk, or "something
 * new": a new slab, brk, an mmap) and hands it here after the operation
 * ran, so the judgement and the reason are tested without a terminal.
 */
#ifndef MEMVIZ_UI_PREDICT_H
#define MEMVIZ_UI_PREDICT_H

#include <stdint.h>

#include "common/sbuf.h"
#include "script/script.h"
#include "sim/event.h"

/* What a guess points at. */
enum predict_where {
	PW_FRAMES, /* [lo, hi) are pfns: a RAM grid cell */
	PW_VIRT,   /* [lo, hi) virtual: slab, object, hole, chunk */
	PW_EVENT   /* something new: the step makes an event of kind ev */
};

/* A guess: where it lands, or "it will fail". */
struct predict_guess {
	uint64_t	   lo, hi;
	int		   fails;
	enum predict_where where;
	/* PW_EVENT: EV_SLAB_NEW, EV_LARGE_ALLOC, EV_BRK or EV_MMAP */
	enum event_kind ev;
	char		label[64]; /* how it reads: "a new slab" */
};

/* The score of a --quiz run (or of every predict of a replay). */
struct quiz_score {
	unsigned asked;
	unsigned right;
};

/*
 * Is this statement a question for --quiz: an operation that allocates
 * and so lands somewhere (kmalloc, vmalloc, malloc, pages ...).
 */
int predict_is_question(const struct stmt_entry *e);
/*
 * 1 when the guess is right: the result's frames meet the guessed cell
 * (PW_FRAMES), the returned address lies in the guessed range (PW_VIRT),
 * the step made the guessed kind of new thing and the result lies in it
 * (PW_EVENT: a new slab, whole pages, brk, an mmap), or the step failed
 * and the guess said it would.  0 otherwise.
 */
int predict_judge(const struct step *st, const struct predict_guess *g);
/* Where it landed, as "pfn 0x412" / "pfns 0x56d 0xe8c ..." / "nowhere". */
void predict_truth(const struct step *st, struct sbuf *out);
/*
 * Where it landed, in the guess's terms: the frames for a grid guess,
 * else the address returned ("at 0xffff888000412080, pfn 0x412").
 */
void predict_landed(const struct step *st, const struct predict_guess *g,
    struct sbuf *out);
/*
 * Why it landed there, one line, from the step's events: the cache that
 * had a partial slab, the block that was split, the pages vmalloc took
 * one by one, the chunk malloc carved, or why it failed.
 */
void predict_reason(const struct step *st, struct sbuf *out);

void quiz_record(struct quiz_score *q, int right);
/* "3 of 5 right (60%)"; "no questions" when none were asked. */
void quiz_format(const struct quiz_score *q, struct sbuf *out);

#endif
