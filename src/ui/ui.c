/*
 * ui.c - placeholder until the TUI lands (issue 6).
 */
#include "ui/ui.h"

#include <stdio.h>

int
ui_run(const char *script_name, const char *script_text,
    const struct script_opts *opts)
{
	(void)script_name;
	(void)script_text;
	(void)opts;
	fputs("memviz: the interactive mode is not built yet\n", stderr);
	return 2;
}
