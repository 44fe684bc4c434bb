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
 * Threads: every call line starts with ltrace -f's "[pid TID] ", the
 * calling thread's TID, so the importer gives each thread its own
 * number.  A global lock is held over each call and the write of its
 * line, so the log's order is the order the calls ran in (and no two
 * threads are ever in malloc at once: no arena is found locked, as in
 * memviz).  pthread_create is logged as ltrace shows a call that other
 * calls interrupt, its own malloc-family calls (the DTV calloc)
 * between the two halves:
 *   [pid 100] pthread_create(0x7fffffffe0a8 <unfinished ...>
 *   [pid 100] <... pthread_create resumed> ) = 101
 * where the value after '=' is the new thread's TID (pthread_create's
 * 0), or minus its error; the new thread waits until that line is
 * written before it runs.  A thread's end (its start routine returning,
 * or pthread_exit) is a note, "(detached)" when it is:
 *   [pid 101] --- thread exit ---
 * pthread_join prints the TID it joins (its own calls, the DTV's free
 * when the stack cache overflows, come between the halves):
 *   [pid 100] pthread_join(101 <unfinished ...>
 *   [pid 100] <... pthread_join resumed> ) = 0
 * malloc_usable_size, malloc_trim, mallopt and reallocarray are logged
 * too (reallocarray does its own overflow check and realloc, as glibc
 * does, so its realloc is not logged as another call).
 *
 * MEMVIZ_MALLOC_LOG=PATH writes to PATH.PID (a child the program runs
 * gets its own file); without it nothing is logged.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
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
extern int   __libc_mallopt(int, int);

static int   log_fd = -2; /* -2: not opened yet, -1: no log */
static pid_t log_pid;

/* The lock over a call and its line; its holder, for a nested call. */
static int  log_lock_word;
static long log_lock_owner;

static long
log_tid(void)
{
	return syscall(SYS_gettid);
}

/* A thread that logged its end keeps the lock until the kernel has it
 * gone (tgkill finds no such thread): glibc's own frees at its exit,
 * tcache_thread_shutdown and arena_thread_freeres, then come before
 * any other thread's call, as its exit line says. */
static int log_lock_exiting;

static int
log_lock_gone(void)
{
	long t = __atomic_load_n(&log_lock_owner, __ATOMIC_RELAXED);

	if (!__atomic_load_n(&log_lock_exiting, __ATOMIC_ACQUIRE) || t == 0 ||
	    syscall(SYS_tgkill, getpid(), t, 0) == 0 || errno != ESRCH)
		return 0;
	__atomic_store_n(&log_lock_exiting, 0, __ATOMIC_RELAXED);
	return 1;
}

/* 1 when this call took the lock (and must release it). */
static int
log_lock(void)
{
	long me = log_tid();
	int  e = errno;

	if (__atomic_load_n(&log_lock_owner, __ATOMIC_RELAXED) == me)
		return 0;
	while (__atomic_exchange_n(&log_lock_word, 1, __ATOMIC_ACQUIRE) &&
	    !log_lock_gone())
		sched_yield();
	errno = e;
	__atomic_store_n(&log_lock_owner, me, __ATOMIC_RELAXED);
	return 1;
}

static void
log_unlock(int took)
{
	if (!took)
		return;
	__atomic_store_n(&log_lock_owner, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&log_lock_word, 0, __ATOMIC_RELEASE);
}

struct line {
	char   b[256];
	size_t n;
	int    took; /* it holds the lock */
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

/* Starts a line and takes the lock: opens the log on the first call
 * (and again in a forked child, whose pid differs).  name may be
 * empty (a note) or "<... name resumed> " (a call's second half). */
static void
log_begin(struct line *l, const char *name)
{
	int e = errno;

	l->took = log_lock();
	if (log_fd == -2 || getpid() != log_pid)
		log_open();
	errno = e;
	l->n = 0;
	put(l, "[pid ");
	put_num(l, (uintptr_t)log_tid(), 0);
	put(l, "] ");
	put(l, name);
	if (*name != '\0' && *name != '<')
		put(l, "(");
}

/* Writes the line (one write(2): whole lines, never torn) and lets the
 * lock go. */
static void
log_done(struct line *l)
{
	int e = errno;

	if (log_fd >= 0)
		(void)!write(log_fd, l->b, l->n);
	log_unlock(l->took);
	errno = e;
}

static void
log_end(struct line *l, const void *result, int is_ptr, long rc)
{
	put(l, ") = ");
	if (is_ptr)
		put_ptr(l, result);
	else if (rc < 0) {
		put(l, "-");
		put_num(l, (uintptr_t)-rc, 0);
	} else
		put_num(l, (uintptr_t)rc, 0);
	put(l, "\n");
	log_done(l);
}

static void
put_sep_num(struct line *l, uintptr_t v)
{
	put(l, ", ");
	put_num(l, v, 0);
}

void *
malloc(size_t n)
{
	struct line l;
	void	   *p;

	log_begin(&l, "malloc");
	p = __libc_malloc(n);
	put_num(&l, n, 0);
	log_end(&l, p, 1, 0);
	return p;
}

void *
calloc(size_t n, size_t size)
{
	struct line l;
	void	   *p;

	log_begin(&l, "calloc");
	p = __libc_calloc(n, size);
	put_num(&l, n, 0);
	put_sep_num(&l, size);
	log_end(&l, p, 1, 0);
	return p;
}

void *
realloc(void *old, size_t n)
{
	struct line l;
	void	   *p;

	log_begin(&l, "realloc");
	p = __libc_realloc(old, n);
	put_ptr(&l, old);
	put_sep_num(&l, n);
	log_end(&l, p, 1, 0);
	return p;
}

/* malloc/reallocarray.c: ENOMEM when n * size overflows, else realloc
 * (here glibc's own, so that it is not logged as a call of its own). */
void *
reallocarray(void *old, size_t n, size_t size)
{
	struct line l;
	void	   *p = NULL;
	size_t	    bytes;

	log_begin(&l, "reallocarray");
	if (__builtin_mul_overflow(n, size, &bytes))
		errno = ENOMEM;
	else
		p = __libc_realloc(old, bytes);
	put_ptr(&l, old);
	put_sep_num(&l, n);
	put_sep_num(&l, size);
	log_end(&l, p, 1, 0);
	return p;
}

void
free(void *p)
{
	struct line l;

	log_begin(&l, "free");
	__libc_free(p);
	put_ptr(&l, p);
	put(&l, ") = <void>\n");
	log_done(&l);
}

static void *
log_aligned(struct line *l, size_t align, size_t n, void *p)
{
	put_num(l, align, 0);
	put_sep_num(l, n);
	log_end(l, p, 1, 0);
	return p;
}

void *
memalign(size_t align, size_t n)
{
	struct line l;

	log_begin(&l, "memalign");
	return log_aligned(&l, align, n, __libc_memalign(align, n));
}

/* malloc/malloc.c aligned_alloc: a power of two, or EINVAL. */
void *
aligned_alloc(size_t align, size_t n)
{
	struct line l;
	void	   *p = NULL;

	log_begin(&l, "aligned_alloc");
	if (align == 0 || (align & (align - 1)) != 0)
		errno = EINVAL;
	else
		p = __libc_memalign(align, n);
	return log_aligned(&l, align, n, p);
}

/* malloc/malloc.c __posix_memalign: a power of two multiple of
 * sizeof (void *), or EINVAL; ENOMEM when memalign fails. */
int
posix_memalign(void **out, size_t align, size_t n)
{
	struct line l;
	void	   *p = NULL;
	int	    rc = 0, e = errno;

	log_begin(&l, "posix_memalign");
	if (align % sizeof(void *) != 0 || align == 0 ||
	    (align & (align - 1)) != 0)
		rc = EINVAL;
	else if ((p = __libc_memalign(align, n)) == NULL)
		rc = ENOMEM;
	else
		*out = p;
	errno = e;
	put_ptr(&l, p);
	put_sep_num(&l, align);
	put_sep_num(&l, n);
	log_end(&l, NULL, 0, rc);
	return rc;
}

void *
valloc(size_t n)
{
	struct line l;
	void	   *p;

	log_begin(&l, "valloc");
	p = __libc_valloc(n);
	put_num(&l, n, 0);
	log_end(&l, p, 1, 0);
	return p;
}

void *
pvalloc(size_t n)
{
	struct line l;
	void	   *p;

	log_begin(&l, "pvalloc");
	p = __libc_pvalloc(n);
	put_num(&l, n, 0);
	log_end(&l, p, 1, 0);
	return p;
}

/* The calls glibc has no exported __libc_ twin for: found once, before
 * main (dlsym's own allocations, if any, are logged as they happen). */
static size_t (*real_usable_size)(void *);
static int (*real_trim)(size_t);
static int (*real_create)(pthread_t *, const pthread_attr_t *,
    void *(*)(void *), void *);
static int (*real_join)(pthread_t, void **);
static int (*real_detach)(pthread_t);
static void (*real_exit)(void *);

__attribute__((constructor)) static void
log_resolve(void)
{
	real_usable_size = (size_t(*)(void *))dlsym(RTLD_NEXT,
	    "malloc_usable_size");
	real_trim = (int (*)(size_t))dlsym(RTLD_NEXT, "malloc_trim");
	real_create = (int (*)(pthread_t *, const pthread_attr_t *,
	    void *(*)(void *), void *))dlsym(RTLD_NEXT, "pthread_create");
	real_join = (int (*)(pthread_t, void **))dlsym(RTLD_NEXT,
	    "pthread_join");
	real_detach = (int (*)(pthread_t))dlsym(RTLD_NEXT, "pthread_detach");
	real_exit = (void (*)(void *))dlsym(RTLD_NEXT, "pthread_exit");
}

size_t
malloc_usable_size(void *p)
{
	struct line l;
	size_t	    n;

	log_begin(&l, "malloc_usable_size");
	n = real_usable_size(p);
	put_ptr(&l, p);
	log_end(&l, NULL, 0, (long)n);
	return n;
}

int
malloc_trim(size_t pad)
{
	struct line l;
	int	    rc;

	log_begin(&l, "malloc_trim");
	rc = real_trim(pad);
	put_num(&l, pad, 0);
	log_end(&l, NULL, 0, rc);
	return rc;
}

int
mallopt(int param, int value)
{
	struct line l;
	int	    rc;

	log_begin(&l, "mallopt");
	rc = __libc_mallopt(param, value);
	if (param < 0) {
		put(&l, "-");
		put_num(&l, (uintptr_t)-(long)param, 0);
	} else
		put_num(&l, (uintptr_t)param, 0);
	put(&l, ", ");
	if (value < 0) {
		put(&l, "-");
		put_num(&l, (uintptr_t)-(long)value, 0);
	} else
		put_num(&l, (uintptr_t)value, 0);
	log_end(&l, NULL, 0, rc);
	return rc;
}

/*
 * Threads.  A fixed table (no allocation) gives each thread made here
 * its start routine and argument, its TID once it runs, and its
 * pthread_t, for pthread_join and pthread_detach to name it by TID.
 */
#define LOG_THREADS 1024
static struct log_thread {
	int	  state; /* 0 free, 1 taken */
	long	  tid;	 /* set by the thread, first thing */
	int	  go;	 /* the creator logged the TID */
	int	  detached;
	pthread_t self;
	void *(*fn)(void *);
	void *arg;
} log_threads[LOG_THREADS];

static struct log_thread *
log_thread_find(pthread_t t)
{
	int i;

	for (i = 0; i < LOG_THREADS; i++) {
		if (__atomic_load_n(&log_threads[i].state, __ATOMIC_ACQUIRE) &&
		    __atomic_load_n(&log_threads[i].tid, __ATOMIC_ACQUIRE) &&
		    pthread_equal(log_threads[i].self, t))
			return &log_threads[i];
	}
	return NULL;
}

/* "[pid TID] --- thread exit ---" when a thread made here ends: the
 * last of its calls the log sees (glibc's tcache_thread_shutdown and
 * arena_thread_freeres follow, unseen). */
static void
log_thread_end(struct log_thread *lt)
{
	struct line l;

	if (lt == NULL)
		return;
	log_begin(&l, "");
	put(&l, lt->detached ? "--- thread exit (detached) ---\n" :
			       "--- thread exit ---\n");
	if (log_fd >= 0)
		(void)!write(log_fd, l.b, l.n);
	if (l.took)
		__atomic_store_n(&log_lock_exiting, 1, __ATOMIC_RELEASE);
	if (lt->detached)
		__atomic_store_n(&lt->state, 0, __ATOMIC_RELEASE);
}

static void *
log_thread_start(void *a)
{
	struct log_thread *lt = a;
	void		  *r;

	lt->self = pthread_self();
	__atomic_store_n(&lt->tid, log_tid(), __ATOMIC_RELEASE);
	while (!__atomic_load_n(&lt->go, __ATOMIC_ACQUIRE))
		sched_yield();
	r = lt->fn(lt->arg);
	log_thread_end(lt);
	return r;
}

int
pthread_create(pthread_t *t, const pthread_attr_t *attr,
    void *(*fn)(void *), void *arg)
{
	struct line	   l;
	struct log_thread *lt = NULL;
	int		   i, rc, ds = PTHREAD_CREATE_JOINABLE, zero;

	for (i = 0; i < LOG_THREADS && lt == NULL; i++) {
		zero = 0;
		if (__atomic_compare_exchange_n(&log_threads[i].state, &zero,
			1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			lt = &log_threads[i];
	}
	if (lt == NULL) /* the table is full: not followed */
		return real_create(t, attr, fn, arg);
	if (attr != NULL)
		pthread_attr_getdetachstate(attr, &ds);
	lt->tid = 0;
	lt->go = 0;
	lt->detached = ds == PTHREAD_CREATE_DETACHED;
	lt->fn = fn;
	lt->arg = arg;
	log_begin(&l, "pthread_create");
	put_ptr(&l, t);
	put(&l, " <unfinished ...>\n");
	log_done(&l);
	rc = real_create(t, attr, log_thread_start, lt);
	log_begin(&l, "<... pthread_create resumed> ");
	if (rc == 0)
		while (!__atomic_load_n(&lt->tid, __ATOMIC_ACQUIRE))
			sched_yield();
	else
		lt->state = 0;
	log_end(&l, NULL, 0, rc == 0 ? lt->tid : -(long)rc);
	__atomic_store_n(&lt->go, 1, __ATOMIC_RELEASE);
	return rc;
}

int
pthread_join(pthread_t t, void **ret)
{
	struct line	   l;
	struct log_thread *lt = log_thread_find(t);
	int		   rc;

	if (lt == NULL)
		return real_join(t, ret);
	log_begin(&l, "pthread_join");
	put_num(&l, (uintptr_t)lt->tid, 0);
	put(&l, " <unfinished ...>\n");
	log_done(&l);
	rc = real_join(t, ret);
	log_begin(&l, "<... pthread_join resumed> ");
	log_end(&l, NULL, 0, rc);
	if (rc == 0)
		__atomic_store_n(&lt->state, 0, __ATOMIC_RELEASE);
	return rc;
}

int
pthread_detach(pthread_t t)
{
	struct log_thread *lt = log_thread_find(t);

	if (lt != NULL)
		lt->detached = 1;
	return real_detach(t);
}

void
pthread_exit(void *r)
{
	log_thread_end(log_thread_find(pthread_self()));
	real_exit(r);
	__builtin_unreachable();
}
