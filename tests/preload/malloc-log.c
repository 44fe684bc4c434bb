/*
 * malloc-log.c - an LD_PRELOAD shim that logs every malloc-family call a
 * program makes, with its result, in the line format of `ltrace -F
 * malloc.conf` (memviz --import ltrace reads it):
 *   malloc(24)                     = 0x5555555592a0
 *   posix_memalign(0x555555559400, 1024, 1008) = 0
 * preceded by one line giving the heap's start, sbrk(0) before the
 * first call, as ltrace notes a signal:
 *   --- heap start 0x555555559000 ---
 * and, when the environment has one, the GLIBC_TUNABLES the program's
 * malloc read (tests/preload.sh gives memviz the same):
 *   --- GLIBC_TUNABLES glibc.malloc.tcache_count=0 ---
 *
 * Each call is forwarded to glibc's own entry (__libc_malloc and the
 * rest, exported by libc.so.6 for shims like this one), so the shim
 * never allocates.  Lines are built in a stack buffer and written with
 * write(2): stdio would allocate.  glibc's own internal calls to malloc
 * (strdup, fopen, reallocarray's realloc, ld.so's after start-up) go
 * through the PLT and are logged too.  aligned_alloc and posix_memalign
 * have no exported __libc_ twin: both check the alignment as glibc 2.36
 * does and then take __libc_memalign's path, which is theirs.
 *
 * MEMVIZ_MALLOC_LOG=PATH writes to PATH.PID (a child the program runs
 * gets its own file); without it nothing is logged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void  __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);
extern void *__libc_valloc(size_t);
extern void *__libc_pvalloc(size_t);

static int   log_fd = -2; /* -2: not opened yet, -1: no log */
static pid_t log_pid;

struct line {
	char   b[256];
	size_t n;
};

static void
put(struct line *l, const char *s)
{
	while (*s != '\0' && l->n < sizeof l->b - 1)
		l->b[l->n++] = *s++;
}

static void
put_num(struct line *l, uintptr_t v, int hex)
{
	char b[24];
	int  i = (int)sizeof b - 1;

	b[i] = '\0';
	do {
		b[--i] = "0123456789abcdef"[hex ? v & 15 : v % 10];
		v = hex ? v >> 4 : v / 10;
	} while (v != 0);
	if (hex)
		put(l, "0x");
	put(l, b + i);
}

/* ltrace prints a NULL pointer as 0 and others in hex. */
static void
put_ptr(struct line *l, const void *p)
{
	if (p == NULL)
		put(l, "0");
	else
		put_num(l, (uintptr_t)p, 1);
}

static void
log_open(void)
{
	const char *path = getenv("MEMVIZ_MALLOC_LOG");
	char	    name[4096];
	struct line l = { .n = 0 };
	size_t	    n;

	log_pid = getpid();
	log_fd = -1;
	if (path == NULL || (n = strlen(path)) > sizeof name - 32)
		return;
	memcpy(name, path, n);
	l.n = 0;
	put_num(&l, (uintptr_t)log_pid, 0);
	name[n] = '.';
	memcpy(name + n + 1, l.b, l.n);
	name[n + 1 + l.n] = '\0';
	log_fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	if (log_fd < 0)
		return;
	l.n = 0;
	put(&l, "--- heap start ");
	put_num(&l, (uintptr_t)sbrk(0), 1);
	put(&l, " ---\n");
	if ((path = getenv("GLIBC_TUNABLES")) != NULL) {
		put(&l, "--- GLIBC_TUNABLES ");
		put(&l, path);
		put(&l, " ---\n");
	}
	(void)!write(log_fd, l.b, l.n);
}

/* Starts a line: opens the log on the first call (and again in a forked
 * child, whose pid differs).  0 when nothing is logged. */
static int
log_begin(struct line *l, const char *name)
{
	int e = errno;

	if (log_fd == -2 || getpid() != log_pid)
		log_open();
	errno = e;
	l->n = 0;
	put(l, name);
	put(l, "(");
	return log_fd >= 0;
}

static void
log_end(struct line *l, const void *result, int is_ptr, int rc)
{
	int e = errno;

	put(l, ") = ");
	if (is_ptr)
		put_ptr(l, result);
	else
		put_num(l, (uintptr_t)rc, 0);
	put(l, "\n");
	(void)!write(log_fd, l->b, l->n);
	errno = e;
}

void *
malloc(size_t n)
{
	struct line l;
	int	    on = log_begin(&l, "malloc");
	void	   *p = __libc_malloc(n);

	if (on) {
		put_num(&l, n, 0);
		log_end(&l, p, 1, 0);
	}
	return p;
}

void *
calloc(size_t n, size_t size)
{
	struct line l;
	int	    on = log_begin(&l, "calloc");
	void	   *p = __libc_calloc(n, size);

	if (on) {
		put_num(&l, n, 0);
		put(&l, ", ");
		put_num(&l, size, 0);
		log_end(&l, p, 1, 0);
	}
	return p;
}

void *
realloc(void *old, size_t n)
{
	struct line l;
	int	    on = log_begin(&l, "realloc");
	void	   *p = __libc_realloc(old, n);

	if (on) {
		put_ptr(&l, old);
		put(&l, ", ");
		put_num(&l, n, 0);
		log_end(&l, p, 1, 0);
	}
	return p;
}

void
free(void *p)
{
	struct line l;
	int	    on = log_begin(&l, "free");

	__libc_free(p);
	if (on) {
		put_ptr(&l, p);
		put(&l, ") = <void>\n");
		(void)!write(log_fd, l.b, l.n);
	}
}

static void *
log_aligned(const char *name, size_t align, size_t n, void *p)
{
	struct line l;

	if (log_begin(&l, name)) {
		put_num(&l, align, 0);
		put(&l, ", ");
		put_num(&l, n, 0);
		log_end(&l, p, 1, 0);
	}
	return p;
}

void *
memalign(size_t align, size_t n)
{
	return log_aligned("memalign", align, n, __libc_memalign(align, n));
}

/* malloc/malloc.c aligned_alloc: a power of two, or EINVAL. */
void *
aligned_alloc(size_t align, size_t n)
{
	void *p = NULL;

	if (align == 0 || (align & (align - 1)) != 0)
		errno = EINVAL;
	else
		p = __libc_memalign(align, n);
	return log_aligned("aligned_alloc", align, n, p);
}

/* malloc/malloc.c __posix_memalign: a power of two multiple of
 * sizeof (void *), or EINVAL; ENOMEM when memalign fails. */
int
posix_memalign(void **out, size_t align, size_t n)
{
	struct line l;
	void	   *p = NULL;
	int	    rc = 0, e = errno;

	if (align % sizeof(void *) != 0 || align == 0 ||
	    (align & (align - 1)) != 0)
		rc = EINVAL;
	else if ((p = __libc_memalign(align, n)) == NULL)
		rc = ENOMEM;
	else
		*out = p;
	errno = e;
	if (log_begin(&l, "posix_memalign")) {
		put_ptr(&l, p);
		put(&l, ", ");
		put_num(&l, align, 0);
		put(&l, ", ");
		put_num(&l, n, 0);
		log_end(&l, NULL, 0, rc);
	}
	return rc;
}

void *
valloc(size_t n)
{
	struct line l;
	int	    on = log_begin(&l, "valloc");
	void	   *p = __libc_valloc(n);

	if (on) {
		put_num(&l, n, 0);
		log_end(&l, p, 1, 0);
	}
	return p;
}

void *
pvalloc(size_t n)
{
	struct line l;
	int	    on = log_begin(&l, "pvalloc");
	void	   *p = __libc_pvalloc(n);

	if (on) {
		put_num(&l, n, 0);
		log_end(&l, p, 1, 0);
	}
	return p;
}
