/*
 * slabs.c - opens 64 socket pairs at once and closes them again, so the
 * kernel's slab caches grow: its kmem trace shows kmalloc objects and the
 * higher-order pages (order 1 to 3) that new slabs take from the buddy
 * allocator.  Captured with
 *   tests/import/src/capture.sh tests/import/slabs ./slabs
 */
#include <sys/socket.h>
#include <unistd.h>

#define NPAIRS 64

int
main(void)
{
	int sv[NPAIRS][2];
	int i, n = 0;

	for (i = 0; i < NPAIRS; i++, n++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv[i]) != 0)
			break;
	}
	for (i = 0; i < n; i++) {
		close(sv[i][0]);
		close(sv[i][1]);
	}
	return 0;
}
