/*
 * script.c - placeholder until the script language lands (issue 3).
 */
#include "script/script.h"

const char *
script_language_version(void)
{
	return "1";
}
