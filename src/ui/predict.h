/*
 * predict.h - predict-the-outcome questions: judging a guess against
 * what the machine did, saying why in one line, keeping a quiz score.
 *
 * Pure logic over a finished step (no curses): the UI collects the
 * guess on the RAM grid and hands it here after the operation ran, so
 * the judgement and the reason are tested without a terminal.
 */
#ifndef MEMVIZ_UI_PREDICT_H
#define MEMVIZ_UI_PREDICT_H

#include <stdint.h>

#include "common/sbuf.h"
#include "script/script.h"
#include "sim/event.h"

/* A guess: the frames of one grid cell [lo, hi), or "it will fail". */
struct predict_guess {
	uint64_t	 lo, hi;
	int		 fails;
};

/* The score of a --quiz run (or of every predict of a replay). */
struct quiz_score {
	unsigned	 asked;
	unsigned	 right;
};

/*
 * Is this statement a question for --quiz: an operation that allocates
 * and so lands somewhere (kmalloc, vmalloc, malloc, pages ...).
 */
int	 predict_is_question(const struct stmt_entry *e);
/*
 * 1 when the guess is right: the result's frames meet the guessed
 * cell, or the step failed and the guess said it would.  0 otherwise.
 */
int	 predict_judge(const struct step *st, const struct predict_guess *g);
/* Where it landed, as "pfn 0x412" / "pfns 0x56d 0xe8c ..." / "nowhere". */
void	 predict_truth(const struct step *st, struct sbuf *out);
/*
 * Why it landed there, one line, from the step's events: the cache that
 * had a partial slab, the block that was split, the pages vmalloc took
 * one by one, the chunk malloc carved, or why it failed.
 */
void	 predict_reason(const struct step *st, struct sbuf *out);

void	 quiz_record(struct quiz_score *q, int right);
/* "3 of 5 right (60%)"; "no questions" when none were asked. */
void	 quiz_format(const struct quiz_score *q, struct sbuf *out);

#endif
