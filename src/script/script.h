/*
 * script.h - the demo script language (placeholder until issue 3 lands).
 */
#ifndef MEMVIZ_SCRIPT_SCRIPT_H
#define MEMVIZ_SCRIPT_SCRIPT_H

/* The language's version, printed by --version. */
const char *script_language_version(void);

#endif
