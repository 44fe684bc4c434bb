/*
 * threads.c - two threads allocating at once, for the ltrace -f fixtures.
 * Built with gcc -O0 -pthread; traced with
 *   ltrace -f -e malloc+free+calloc+realloc -o threads.ltrace ./threads
 * (ltrace -o prefixes each line with the pid) and
 *   ltrace -f -e malloc+free+calloc+realloc ./threads 2>threads-pid.ltrace
 * (on stderr the prefix is "[pid N] ").
 */
#include <pthread.h>
#include <stdlib.h>

static void *
worker(void *arg)
{
	size_t n = (size_t)arg;
	void *v[8];
	int i;

	for (i = 0; i < 8; i++)
		v[i] = malloc(n * (i + 1));
	for (i = 0; i < 8; i += 2)
		v[i] = realloc(v[i], n * 40);
	for (i = 0; i < 8; i++)
		free(v[i]);
	return NULL;
}

int
main(void)
{
	pthread_t t[2];
	void *p = calloc(4, 64);

	pthread_create(&t[0], NULL, worker, (void *)16);
	pthread_create(&t[1], NULL, worker, (void *)100);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	free(p);
	return 0;
}
