/*
 * main.c - the command line: picks interactive, replay, batch or check
 * mode and hands off.  (A first cut; issue 3 fills in the modes.)
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sim/machine.h"

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("memviz %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: memviz [OPTION]... [SCRIPT]\n");
	return 2;
}
