/*
 * aligned.c - the rest of the malloc family, for an ltrace fixture: the
 * aligned allocators as cat (aligned_alloc(4096, 128K)) and GLib
 * (posix_memalign(1024, 1008)) call them, a posix_memalign that fails
 * with EINVAL, memalign, valloc, pvalloc, reallocarray (one overflow),
 * malloc_usable_size, mallopt and malloc_trim.
 * Built with gcc -O0; traced with
 *   ltrace -e malloc+free+calloc+realloc+aligned_alloc+posix_memalign+\
 *   memalign+valloc+pvalloc+reallocarray+malloc_usable_size+mallopt+\
 *   malloc_trim -o aligned.ltrace ./aligned
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

int
main(void)
{
	void		*a, *b, *c, *d, *e, *f, *g, *h;
	volatile size_t	 huge = SIZE_MAX / 2;
	int		 rc;

	a = malloc(24);
	rc = posix_memalign(&b, 1024, 1008);
	rc |= posix_memalign(&c, 12, 10) != 22; /* EINVAL, c untouched */
	c = aligned_alloc(4096, 131072);
	d = memalign(64, 100);
	e = valloc(10);
	f = pvalloc(4096);
	g = reallocarray(NULL, 10, 24);
	g = reallocarray(g, 20, 24);
	h = reallocarray(g, huge, 4); /* overflows: NULL, g kept */
	rc |= malloc_usable_size(g) < 480;
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	mallopt(M_PERTURB, 0x55);
	free(c);
	free(d);
	free(b);
	malloc_trim(0);
	free(e);
	free(f);
	free(g);
	free(a);
	return rc != 0 || h != NULL;
}
