/*
 * term.c - terminal set-up and restore (placeholder until issue 6).
 */
#include "ui/term.h"

void
term_shutdown(void)
{
}
