/*
 * churn.c - allocates and frees in a loop, slowly, so that ltrace -p can
 * attach in the middle: the trace then frees pointers it never saw
 * allocated.  Traced with
 *   ./churn & sleep 0.35; ltrace -e malloc+free+calloc+realloc -p $!
 */
#include <stdlib.h>
#include <unistd.h>

int
main(void)
{
	void *ring[4] = { NULL, NULL, NULL, NULL };
	int i;

	for (i = 0; i < 16; i++) {
		free(ring[i % 4]);
		ring[i % 4] = malloc(32 + 32 * (size_t)(i % 5));
		usleep(50000);
	}
	for (i = 0; i < 4; i++)
		free(ring[i]);
	return 0;
}
