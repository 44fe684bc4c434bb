/*
 * strdist.h - how far apart two words are, for "did you mean" messages.
 */
#ifndef MEMVIZ_STRDIST_H
#define MEMVIZ_STRDIST_H

#include <stddef.h>

/*
 * Edit distance with adjacent transpositions counting as one edit (the
 * optimal string alignment distance), ignoring case: "bfu" is one slip
 * from "buf".  Words of 63 characters or more count as far apart (99).
 */
size_t str_distance(const char *a, const char *b);

#endif
