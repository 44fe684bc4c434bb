/*
 * edge.c - the corner cases of the malloc family, for an ltrace fixture:
 * free(NULL), realloc(NULL, n), realloc(p, 0), a malloc that fails, an
 * address handed out again after a free, and a calloc.
 * Built with gcc -O0; traced with
 *   ltrace -e malloc+free+calloc+realloc -o edge.ltrace ./edge
 */
#include <stdint.h>
#include <stdlib.h>

int
main(void)
{
	void *volatile nil = NULL;
	volatile size_t huge = SIZE_MAX / 2;
	char *a, *b, *c, *d;

	a = malloc(24);
	free(nil);
	b = realloc(nil, 100);
	free(a);
	a = malloc(24);			/* the same chunk comes back */
	c = calloc(3, 40);
	d = malloc(huge);		/* fails: NULL */
	b = realloc(b, 0);		/* glibc frees b, returns NULL */
	c = realloc(c, 300000);		/* above the mmap threshold */
	free(d);
	free(c);
	free(a);
	return b != NULL;
}
