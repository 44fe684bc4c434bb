/*
 * single.c - a small single-threaded program for an ltrace fixture.
 * Built with gcc -O0; traced with
 *   ltrace -e malloc+free+calloc+realloc -o single.ltrace ./single
 */
#include <stdlib.h>
#include <string.h>

int
main(void)
{
	char *a = malloc(24);
	char *b = calloc(10, 100);
	char *c = malloc(5000);
	strcpy(a, "hello");
	a = realloc(a, 200);
	free(b);
	b = malloc(40);
	c = realloc(c, 100000);
	free(a);
	free(c);
	free(b);
	free(NULL);
	return 0;
}
