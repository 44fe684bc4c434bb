/*
 * glibc-replay.c - replays malloc/calloc/realloc/free calls with the real
 * glibc of this machine and prints where each result landed, so that
 * tests/check_umalloc_glibc.c can compare memviz's malloc with it.
 *
 * Nothing else may allocate while the calls run, or the offsets would
 * shift: no stdio at all.  The input is read with read(2) into a static
 * buffer, the output built in another static buffer and written with
 * write(2) at the end.  Nothing is printed before the replay either.
 *
 * Input, one call per line (numbers in decimal, slots 0..4095):
 *   m SIZE SLOT        slot = malloc(SIZE)
 *   c N SIZE SLOT      slot = calloc(N, SIZE)
 *   r SLOT SIZE        slot = realloc(slot, SIZE)
 *   f SLOT             free(slot); slot = NULL
 *   a K ALIGN SIZE SLOT  slot = memalign (K 0), aligned_alloc (1),
 *                      posix_memalign (2), valloc (3) or pvalloc (4)
 *   y SLOT N SIZE      slot = reallocarray(slot, N, SIZE)
 *   u SLOT             malloc_usable_size(slot)
 *   t PAD              malloc_trim(PAD)
 *   o PARAM VALUE      mallopt(PARAM, VALUE) (both may be negative)
 *   T N                the calls that follow run on thread N (0 main; a
 *                      new N is pthread_create'd and kept alive): one
 *                      thread runs at a time, handing over on semaphores,
 *                      so the order is the input's
 * and, to corrupt the heap as a buggy program does (offsets may be
 * negative; the slot keeps its pointer):
 *   F SLOT OFF         free(slot + OFF)
 *   w SLOT OFF LEN     LEN bytes 0xa5 ^ i at slot + OFF (memviz's write)
 *   W SLOT OFF HEX     the 8-byte word HEX at slot + OFF
 *   A SLOT OFF S2 O2   the address s2 + O2 at slot + OFF
 *   P SLOT OFF S2 O2   PROTECT_PTR(slot + OFF, s2 + O2), safe-linking
 * A heap check that fails aborts with glibc's message on stderr and no
 * output at all: tests/check_umalloc_corrupt.c compares that message.
 * Output, one line per call:
 *   h HEX   a heap pointer, as its offset from sbrk(0) before the first call
 *   a K HEX a chunk of a thread's arena (NON_MAIN_ARENA set), as its
 *           offset from its heap's start (64 MiB aligned); K numbers
 *           the arenas in the order they first show up
 *   m HEX   an mmapped chunk (IS_MMAPPED set in its size field), as the
 *           distance of its chunk from the top of the free area below
 *           the libraries (found with a probe mmap before the first call)
 *   l HEX   an mmapped chunk above that top, in a hole between the
 *           libraries (the one ld.so's unmapped /etc/ld.so.cache leaves
 *           above libc), as the distance of its chunk below ld.so's base
 *           (AT_BASE): the filler (see Usage) does not shift it, and the
 *           host's cache, of whatever size, only moves the hole's bottom
 *   0       NULL
 *   -       free
 *   e RC    posix_memalign's non-zero return code (hex: c ENOMEM, 16 EINVAL)
 *   u HEX   malloc_usable_size's answer
 *   t R, o R  malloc_trim's and mallopt's return value
 * Usage: glibc-replay [FILE [HEAP MMAP]]   (standard input when FILE is
 * missing or "-").  An aligned allocation depends on the addresses, not
 * just the offsets: given HEAP and MMAP (hex), the heap start is moved
 * with sbrk, and a filler mapping put under the mapping area's top, so
 * that they are congruent to HEAP modulo 1 MiB and MMAP modulo 64 MiB
 * (a thread's heap is 64 MiB aligned), as memviz's are (tests/check_umalloc_glibc.c passes its own).  When the layout
 * ASLR drew leaves no room for that, it exits 3 and the caller runs it
 * again.
 *        glibc-replay --fresh  (exit 0 when the heap is empty at main)
 *
 * The offsets mean something only from an empty heap: when something
 * used malloc before main (a sanitizer's runtime does), `--fresh` says
 * so on stderr and exits 77, and check_umalloc_glibc skips.
 */
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <semaphore.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#define REPLAY_SLOTS 4096
#define REPLAY_PROBE (256 * 1024)
#define REPLAY_MOD   (1024 * 1024)
/* The mapping top modulo HEAP_MAX_SIZE: where a thread's 64 MiB
 * aligned heap lands against the stacks and chunks above it. */
#define REPLAY_MMAP_MOD (64ul << 20)

static char   replay_in[16 << 20];
static char   replay_out[8 << 20];
static size_t replay_outlen;
static void  *replay_slot[REPLAY_SLOTS];

#define REPLAY_THREADS	64
#define REPLAY_HEAP_MAX (64ul << 20) /* HEAP_MAX_SIZE */
static sem_t	   replay_go[REPLAY_THREADS];
static int	   replay_made[REPLAY_THREADS];
static const char *replay_p; /* the next line, whoever runs it */
static uintptr_t   replay_heap0, replay_mmtop;
static void	  *replay_arenas[REPLAY_THREADS * 2];
static unsigned	   replay_narenas;
static int	   replay_threaded; /* a thread was made */

static void
replay_put(const char *s)
{
	while (*s != '\0' && replay_outlen < sizeof replay_out)
		replay_out[replay_outlen++] = *s++;
}

static void
replay_hex(uintptr_t v)
{
	char b[24];
	int  i = (int)sizeof b - 1;

	b[i] = '\0';
	do {
		b[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v != 0);
	replay_put(b + i);
}

static const char *
replay_num(const char *p, uintptr_t *v)
{
	*v = 0;
	while (*p == ' ')
		p++;
	while (*p >= '0' && *p <= '9')
		*v = *v * 10 + (uintptr_t)(*p++ - '0');
	return p;
}

/* A signed decimal number (an offset). */
static const char *
replay_off(const char *p, intptr_t *v)
{
	uintptr_t u;
	int	  neg;

	while (*p == ' ')
		p++;
	neg = *p == '-';
	p = replay_num(p + neg, &u);
	*v = neg ? -(intptr_t)u : (intptr_t)u;
	return p;
}

static const char *
replay_hexnum(const char *p, uintptr_t *v)
{
	*v = 0;
	while (*p == ' ')
		p++;
	for (;; p++) {
		if (*p >= '0' && *p <= '9')
			*v = *v << 4 | (uintptr_t)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			*v = *v << 4 | (uintptr_t)(*p - 'a' + 10);
		else
			return p;
	}
}

/* The corrupting calls: F, w, W, A and P. */
static const char *
replay_corrupt(char op, const char *p)
{
	uintptr_t a, b, len, i;
	intptr_t  off, off2;
	char	 *at;

	p = replay_off(replay_num(p, &a), &off);
	at = (char *)replay_slot[a % REPLAY_SLOTS] + off;
	if (op == 'F') {
		free(at);
	} else if (op == 'w') {
		p = replay_num(p, &len);
		for (i = 0; i < len; i++)
			at[i] = (char)(0xa5 ^ (i & 0xff));
	} else if (op == 'W') {
		p = replay_hexnum(p, &b);
		__builtin_memcpy(at, &b, sizeof b);
	} else {
		p = replay_off(replay_num(p, &b), &off2);
		b = (uintptr_t)replay_slot[b % REPLAY_SLOTS] + (uintptr_t)off2;
		if (op == 'P')
			b ^= (uintptr_t)at >> 12;
		__builtin_memcpy(at, &b, sizeof b);
	}
	replay_put("-\n");
	return p;
}

static void
replay_result(void *mem, uintptr_t heap0, uintptr_t mmap_top)
{
	uintptr_t chunk = (uintptr_t)mem - 16;

	if (mem == NULL)
		replay_put("0\n");
	else if (replay_threaded && (((size_t *)mem)[-1] & 6) == 4) {
		/* (single-threaded, the bit is a corrupted size: no heap
		 * there to read) */
		void	*ar = *(void **)(chunk & ~(REPLAY_HEAP_MAX - 1));
		unsigned k;

		for (k = 0; k < replay_narenas && replay_arenas[k] != ar; k++)
			;
		if (k == replay_narenas && k < REPLAY_THREADS * 2)
			replay_arenas[replay_narenas++] = ar;
		replay_put("a ");
		replay_hex(k);
		replay_put(" ");
		replay_hex((uintptr_t)mem & (REPLAY_HEAP_MAX - 1));
		replay_put("\n");
	} else if ((((size_t *)mem)[-1] & 2) && chunk >= mmap_top) {
		replay_put("l ");
		replay_hex((uintptr_t)getauxval(AT_BASE) - chunk);
		replay_put("\n");
	} else if (((size_t *)mem)[-1] & 2) {
		replay_put("m ");
		replay_hex(mmap_top - chunk);
		replay_put("\n");
	} else {
		replay_put("h ");
		replay_hex((uintptr_t)mem - heap0);
		replay_put("\n");
	}
}

/* The aligned allocators: a K ALIGN SIZE SLOT. */
static const char *
replay_aligned(const char *p, uintptr_t heap0, uintptr_t mmap_top)
{
	uintptr_t k, align, size, slot;
	void	**at;
	int	  rc;

	p = replay_num(replay_num(replay_num(replay_num(p, &k), &align), &size),
	    &slot);
	at = &replay_slot[slot % REPLAY_SLOTS];
	if (k == 0)
		*at = memalign(align, size);
	else if (k == 1)
		*at = aligned_alloc(align, size);
	else if (k == 3)
		*at = valloc(size);
	else if (k == 4)
		*at = pvalloc(size);
	else if ((rc = posix_memalign(at, align, size)) != 0) {
		*at = NULL;
		replay_put("e ");
		replay_hex((uintptr_t)rc);
		replay_put("\n");
		return p;
	}
	replay_result(*at, heap0, mmap_top);
	return p;
}

/* The calls that return a number: u, t and o. */
static const char *
replay_number_call(char op, const char *p)
{
	uintptr_t a;
	intptr_t  param, value;

	if (op == 'u') {
		p = replay_num(p, &a);
		replay_put("u ");
		replay_hex(malloc_usable_size(replay_slot[a % REPLAY_SLOTS]));
	} else if (op == 't') {
		p = replay_num(p, &a);
		replay_put("t ");
		replay_hex((uintptr_t)malloc_trim(a));
	} else {
		p = replay_off(replay_off(p, &param), &value);
		replay_put("o ");
		replay_hex((uintptr_t)mallopt((int)param, (int)value));
	}
	replay_put("\n");
	return p;
}

static const char *
replay_line(const char *p, uintptr_t heap0, uintptr_t mmap_top)
{
	uintptr_t a, b, c;
	char	  op = *p++;

	if (op == 'm') {
		p = replay_num(replay_num(p, &a), &b);
		replay_slot[b % REPLAY_SLOTS] = malloc(a);
		replay_result(replay_slot[b % REPLAY_SLOTS], heap0, mmap_top);
	} else if (op == 'c') {
		p = replay_num(replay_num(replay_num(p, &a), &b), &c);
		replay_slot[c % REPLAY_SLOTS] = calloc(a, b);
		replay_result(replay_slot[c % REPLAY_SLOTS], heap0, mmap_top);
	} else if (op == 'r') {
		p = replay_num(replay_num(p, &a), &b);
		replay_slot[a %
		    REPLAY_SLOTS] = realloc(replay_slot[a % REPLAY_SLOTS], b);
		replay_result(replay_slot[a % REPLAY_SLOTS], heap0, mmap_top);
	} else if (op == 'f') {
		p = replay_num(p, &a);
		free(replay_slot[a % REPLAY_SLOTS]);
		replay_slot[a % REPLAY_SLOTS] = NULL;
		replay_put("-\n");
	} else if (op == 'y') {
		p = replay_num(replay_num(replay_num(p, &a), &b), &c);
		replay_slot[a %
		    REPLAY_SLOTS] = reallocarray(replay_slot[a % REPLAY_SLOTS],
		    b, c);
		replay_result(replay_slot[a % REPLAY_SLOTS], heap0, mmap_top);
	} else if (op == 'a')
		p = replay_aligned(p, heap0, mmap_top);
	else if (op == 'u' || op == 't' || op == 'o')
		p = replay_number_call(op, p);
	else if (op == 'F' || op == 'w' || op == 'W' || op == 'A' || op == 'P')
		p = replay_corrupt(op, p);
	while (*p != '\0' && *p != '\n')
		p++;
	return *p == '\n' ? p + 1 : p;
}

/* Moves the heap start and the mapping area's top to the residues
 * memviz has (modulo REPLAY_MOD); -1 when the kernel does not comply. */
static int
replay_place(const char *heap, const char *mmtop, uintptr_t *heap0,
    uintptr_t *mmap_top)
{
	uintptr_t want_heap, want_mmap, d;

	replay_hexnum(heap, &want_heap);
	replay_hexnum(mmtop, &want_mmap);
	d = (want_heap - *heap0) % REPLAY_MOD;
	if (d != 0 && sbrk((intptr_t)d) == (void *)-1)
		return -1;
	*heap0 = (uintptr_t)sbrk(0);
	d = (*mmap_top - want_mmap) % REPLAY_MMAP_MOD;
	if (d != 0 &&
	    mmap((void *)(*mmap_top - d), d, PROT_NONE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
		0) != (void *)(*mmap_top - d))
		return -1;
	*mmap_top -= d;
	return 0;
}

static void *replay_thread(void *arg);

/* Runs lines on thread me whenever it holds the turn; returns (thread
 * 0 only) at the end of the input.  T hands the turn over. */
static void
replay_run(unsigned me)
{
	uintptr_t n;

	for (;;) {
		sem_wait(&replay_go[me]);
		while (*replay_p != '\0' && *replay_p != 'T')
			replay_p = replay_line(replay_p, replay_heap0,
			    replay_mmtop);
		if (*replay_p == '\0') {
			if (me == 0)
				return;
			sem_post(&replay_go[0]);
			continue;
		}
		replay_p = replay_num(replay_p + 1, &n);
		while (*replay_p != '\0' && *replay_p++ != '\n')
			;
		replay_put("-\n");
		n %= REPLAY_THREADS;
		if (n != 0 && !replay_made[n]) {
			pthread_t t;

			replay_made[n] = 1;
			replay_threaded = 1;
			pthread_create(&t, NULL, replay_thread, (void *)n);
		}
		sem_post(&replay_go[n]);
	}
}

static void *
replay_thread(void *arg)
{
	replay_run((unsigned)(uintptr_t)arg);
	return NULL;
}

#define REPLAY_NOT_FRESH 77 /* automake's "skipped" */

/* No arena and no mmapped chunk yet: glibc's mallinfo2() (2.33 and
 * later) reads main_arena's system_mem and mp_.n_mmaps without
 * allocating, and ptmalloc_init() only sets up what malloc would. */
static int
replay_heap_fresh(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	struct mallinfo2 mi = mallinfo2();

	return mi.arena == 0 && mi.hblks == 0;
#else
	return 1;
#endif
}

/* --fresh: 0, or REPLAY_NOT_FRESH with a word on stderr. */
static int
replay_fresh(void)
{
	static const char msg[] = "glibc-replay: the heap was used before "
				  "main\n";

	if (replay_heap_fresh())
		return 0;
	(void)!write(2, msg, sizeof msg - 1);
	return REPLAY_NOT_FRESH;
}

int
main(int argc, char **argv)
{
	int	    fd;
	size_t	    len = 0;
	ssize_t	    n;
	uintptr_t   heap0, mmap_top;
	const char *p;
	void	   *probe;

	if (argc > 1 && strcmp(argv[1], "--fresh") == 0)
		return replay_fresh();
	fd = argc > 1 && argv[1][0] != '-' ? open(argv[1], O_RDONLY) : 0;
	if (fd < 0)
		return 2;
	while ((n = read(fd, replay_in + len, sizeof replay_in - 1 - len)) > 0)
		len += (size_t)n;
	replay_in[len] = '\0';
	heap0 = (uintptr_t)sbrk(0);
	probe = mmap(NULL, REPLAY_PROBE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (probe == MAP_FAILED)
		return 2;
	mmap_top = (uintptr_t)probe + REPLAY_PROBE;
	munmap(probe, REPLAY_PROBE);
	if (argc > 3 && replay_place(argv[2], argv[3], &heap0, &mmap_top) != 0)
		return 3; /* this layout does not fit: run again */
	replay_heap0 = heap0;
	replay_mmtop = mmap_top;
	replay_p = replay_in;
	for (n = 0; n < REPLAY_THREADS; n++)
		sem_init(&replay_go[n], 0, 0);
	sem_post(&replay_go[0]);
	replay_run(0);
	for (p = replay_out; replay_outlen > 0;
	     p += n, replay_outlen -= (size_t)n) {
		if ((n = write(1, p, replay_outlen)) <= 0)
			return 2;
	}
	return 0;
}
