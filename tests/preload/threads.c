/*
 * threads.c - a program for malloc-log.so that makes, ends and makes
 * again threads, so that memviz's thread exit is checked against glibc:
 * arenas handed on through free_list, stacks through the stack cache
 * (more than five at once: the cache overflows), tcache chunks given
 * back at exit, a detached thread, and a thread made while one that
 * ended is not joined yet (its stack not cached); and the calls the shim logs
 * besides malloc and free: reallocarray, malloc_usable_size, mallopt,
 * malloc_trim.
 *   gcc -O1 -pthread -o threads threads.c
 */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* every thread of a round is alive at once: each gets an arena */
static pthread_barrier_t round_barrier;
static volatile int	 late_done;

static void *
late(void *a)
{
	free(malloc(700));
	late_done = 1;
	return a;
}

static void *
work(void *a)
{
	size_t n = (size_t)a;
	void  *p[24];
	int    i;

	for (i = 0; i < 24; i++) {
		p[i] = malloc(16 + (n * 7 + (size_t)i) * 24 % 900);
		memset(p[i], 1, 16);
	}
	if (n < 90)
		pthread_barrier_wait(&round_barrier);
	for (i = 0; i < 24; i += 2)
		free(p[i]);
	p[0] = malloc(5000 + n * 100);
	p[0] = reallocarray(p[0], 3, 2000 + n * 50);
	if (malloc_usable_size(p[0]) < 6000)
		abort();
	free(p[0]);
	return p[1];
}

int
main(void)
{
	pthread_t t[7];
	void	 *keep[7];
	int	  r, i, n;

	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	/* the stack cache is empty: t[3] needs a stack of its own */
	pthread_create(&t[2], NULL, late, NULL);
	while (!late_done)
		usleep(1000);
	usleep(50000); /* it has ended; not joined yet */
	pthread_barrier_init(&round_barrier, NULL, 1);
	pthread_create(&t[3], NULL, work, (void *)(size_t)97);
	keep[0] = malloc(40);
	pthread_join(t[2], NULL);
	pthread_join(t[3], &keep[1]);
	free(keep[0]);
	free(keep[1]);
	pthread_barrier_destroy(&round_barrier);
	for (r = 0; r < 3; r++) {
		n = r == 1 ? 7 : 3;
		pthread_barrier_init(&round_barrier, NULL, (unsigned)n);
		for (i = 0; i < n; i++)
			pthread_create(&t[i], NULL, work, (void *)(size_t)(r * 10 + i));
		for (i = 0; i < n; i++)
			pthread_join(t[i], &keep[i]);
		for (i = 0; i < n; i++)
			free(keep[i]);
		pthread_barrier_destroy(&round_barrier);
	}
	pthread_create(&t[0], NULL, work, (void *)(size_t)99);
	pthread_detach(t[0]);
	pthread_create(&t[1], NULL, work, (void *)(size_t)98);
	pthread_join(t[1], NULL);
	malloc_trim(0);
	return 0;
}
