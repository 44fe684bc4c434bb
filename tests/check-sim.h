/*
 * check-sim.h - what the Check suites share: a machine booted with a
 * few options, its invariants asserted, the events of a step counted,
 * found or formatted, a /proc report or a file read whole, a script
 * parsed.  Each helper fails the running test (ck_assert) rather than
 * returning an error, so a test reads as the steps it checks.
 */
#ifndef MEMVIZ_TESTS_CHECK_SIM_H
#define MEMVIZ_TESTS_CHECK_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "sim/machine.h"

struct script_program;

/*
 * Boots a machine from the default configuration with pairs of option
 * name and value (as the script's `machine` statement spells them, e.g.
 * "ram", "64M"), ended by NULL, and checks its invariants.  The caller
 * destroys it.
 */
struct machine *check_boot(const char *name, ...);

/* machine_malloc(m, size) that must succeed: the block's address. */
uint64_t check_malloc(struct machine *m, uint64_t size);
/* machine_free(m, mem) that must succeed. */
void check_free(struct machine *m, uint64_t mem);
/* machine_thread(m, n) that must succeed: thread n runs, made if new. */
void check_thread(struct machine *m, unsigned n);

/* machine_check(): every free list agrees with the frame states. */
void check_consistent(const struct machine *m);

/* How many of st's events are of this kind. */
size_t check_count_events(const struct step *st, enum event_kind kind);

/* st's first event of this kind; fails the test when there is none. */
const struct event *check_find_event(const struct step *st,
    enum event_kind					kind);

/* st's events, one event_format() line each; the caller frees it. */
char *check_step_text(const struct step *st);

/* machine_show(m, what) as a string; the caller frees it. */
char *check_show(const struct machine *m, const char *what);

/* The whole file at path, NUL-terminated; the caller frees it. */
char *check_slurp(const char *path);

/* The VALUE of the line "result KEY VALUE" in a kernel-probe capture
 * (tests/kernel-probe/captured); fails the test when there is none.
 * The caller frees it. */
char *check_captured(const char *path, const char *key);

/* script_parse() of text that must parse; the errors otherwise. */
struct script_program *check_parse_ok(const char *text);
/* An interpreter with no script on a 16M machine (the explorer's way);
 * fails the test when it cannot be made. */
struct script_interp *check_explorer(void);

/*
 * Whether glibc-replay ($MEMVIZ_REPLAY, default tests/glibc-replay)
 * starts from an empty heap, as the comparisons with glibc need
 * (`glibc-replay --fresh`): not under UBSan, whose runtime allocates
 * before main.
 */
int check_replay_fresh(void);

#endif
