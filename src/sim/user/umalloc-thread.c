/*
 * umalloc-thread.c - a thread's life as glibc 2.36 begins and ends it,
 * as far as the heap sees it: its stack and DTV, and what its exit
 * gives back.
 *
 * pthread_create()'s allocate_stack() (nptl/allocatestack.c) first
 * looks in the stack cache (get_cached_stack(): the smallest stack big
 * enough, newest first; every stack here has the default 8 MiB and a
 * guard page, so the newest).  A cached stack comes with the DTV it
 * already had: _dl_allocate_tls_init() only clears it, so nothing is
 * allocated.  Without one the stack is mapped and _dl_allocate_tls()'s
 * allocate_dtv() callocs the DTV on the creating thread (libc's TLS
 * module plus DTV_SURPLUS: 17 slots of 16 bytes).
 *
 * When a thread ends, start_thread() (nptl/pthread_create.c) runs
 * __libc_thread_freeres(), whose last step is
 * __malloc_arena_thread_freeres() (malloc/arena.c): tcache_thread_shutdown()
 * (malloc/malloc.c) frees every cached chunk, bin by bin, and then the
 * tcache_perthread_struct itself, back to their arenas with the tcache
 * already off; then the thread's arena loses an attached thread, and
 * at none it goes on free_list, which arena_get2() takes from
 * (get_free_list()) before it makes or shares an arena.  The stack goes
 * to the cache when the thread is joined (or at its exit when detached):
 * queue_stack() (nptl/nptl-stack.c) puts it first, and past 40 MiB of
 * cached stacks (__nptl_stack_cache_maxsize) __nptl_free_stacks() frees
 * the oldest, its DTV (_dl_deallocate_tls()) and its mapping.
 */
#include "sim/user/umalloc-priv.h"
#include "sim/machine-priv.h"
#include "sim/user/process.h"
#include "sim/user/process-priv.h"

#include <inttypes.h>
#include <setjmp.h>
#include <string.h>

#define UM_STACK_BLOCK	   ((8ull << 20) + UM_PAGE) /* stack, guard page */
#define UM_STACK_CACHE_MAX (40ull << 20)
#define UM_DTV_SLOTS	   17
#define UM_TCACHE_MAX_BINS 64

/* get_cached_stack(): the newest cached stack, its DTV with it. */
static int
umalloc_cached_stack(struct machine *m, unsigned n)
{
	struct umalloc	    *um = m->proc->um;
	struct umalloc_stack s;

	if (um->nstack_cache == 0)
		return 0;
	s = um->stack_cache[0];
	memmove(&um->stack_cache[0], &um->stack_cache[1],
	    --um->nstack_cache * sizeof um->stack_cache[0]);
	um->threads[n].stack = s.stack;
	um->threads[n].dtv = s.dtv;
	um->threads[n].live = 1;
	umalloc_event(m, EV_NOTE, s.stack, UM_STACK_BLOCK,
	    "pthread_create: thread %u reuses a cached stack and its DTV", n);
	return 1;
}

void
umalloc_stack_allocate(struct machine *m, unsigned n)
{
	struct umalloc_thread *t = &m->proc->um->threads[n];
	uint64_t	       stack;

	if (umalloc_cached_stack(m, n))
		return;
	if (process_mmap_none(m, 0, UM_STACK_BLOCK, 1, &stack) != SIM_OK ||
	    process_mprotect(m, stack + UM_PAGE, UM_STACK_BLOCK - UM_PAGE, 1) !=
		SIM_OK)
		return;
	umalloc_event(m, EV_NOTE, stack, UM_STACK_BLOCK,
	    "pthread_create: thread %u's stack, guard page below", n);
	t->live = 1;
	t->stack = stack;
	umalloc_calloc(m,
	    m->proc->um->dtv_slots != 0 ? m->proc->um->dtv_slots : UM_DTV_SLOTS,
	    16);
	t->dtv = m->st->addr;
}

/* __libc_free() of an in-use chunk of the heap with the tcache as the
 * running thread has it (none while it shuts down: no tcache_init()). */
static void
umalloc_thread_free(struct machine *m, uint64_t mem)
{
	struct umalloc *um = m->proc->um;

	if (mem == 0)
		return;
	um->av = umalloc_arena_for_chunk(m, umalloc_mem2chunk(mem));
	umalloc_int_free(m, umalloc_mem2chunk(mem), 0);
	um->av = umalloc_thread_arena(m);
}

/* tcache_thread_shutdown(): every entry, then the struct itself. */
static void
umalloc_tcache_thread_shutdown(struct machine *m)
{
	struct umalloc *um = m->proc->um;
	uint64_t	tc = um->tcache, slot, e;
	int		i;

	if (tc == 0)
		return;
	um->tcache = 0;
	for (i = 0; i < UM_TCACHE_MAX_BINS; i++) {
		slot = tc + 128 + (uint64_t)i * 8;
		while ((e = umalloc_rd(m, slot)) != 0) {
			if (e & UM_ALIGN_MASK)
				umalloc_printerr(m,
				    "tcache_thread_shutdown(): unaligned "
				    "tcache chunk detected");
			umalloc_wr(m, slot,
			    umalloc_protect_ptr(e, umalloc_rd(m, e)));
			umalloc_thread_free(m, e);
		}
	}
	umalloc_thread_free(m, tc);
}

/* The rest of __malloc_arena_thread_freeres(): the arena loses the
 * thread, and goes on free_list when it was the last. */
static void
umalloc_arena_thread_freeres(struct machine *m, unsigned n)
{
	struct umalloc *um = m->proc->um;
	uint64_t	a = um->threads[n].arena, att;

	um->threads[n].arena = 0;
	if (a == 0 || (att = umalloc_rd(m, a + AV_ATTACHED)) == 0)
		return;
	umalloc_wr(m, a + AV_ATTACHED, --att);
	if (att != 0)
		return;
	umalloc_wr(m, a + AV_NEXT_FREE, um->free_list);
	um->free_list = a;
	umalloc_event(m, EV_NOTE, a, 0,
	    "arena_thread_freeres: thread %u was the arena's last, it goes "
	    "on free_list",
	    n);
}

uint64_t
umalloc_get_free_list(struct machine *m)
{
	struct umalloc *um = m->proc->um;
	uint64_t	a = um->free_list;

	if (a == 0)
		return 0;
	um->free_list = umalloc_rd(m, a + AV_NEXT_FREE);
	umalloc_wr(m, a + AV_ATTACHED, 1);
	umalloc_event(m, EV_NOTE, a, 0,
	    "get_free_list: thread %u takes the arena at %#" PRIx64
	    " a thread left",
	    um->cur_thread, a);
	return a;
}

void
umalloc_remove_from_free_list(struct machine *m, uint64_t a)
{
	struct umalloc *um = m->proc->um;
	uint64_t	p = um->free_list, prev = 0, next;

	for (; p != 0; prev = p, p = next) {
		next = umalloc_rd(m, p + AV_NEXT_FREE);
		if (p != a)
			continue;
		if (prev == 0)
			um->free_list = next;
		else
			umalloc_wr(m, prev + AV_NEXT_FREE, next);
		return;
	}
}

/* queue_stack(): first in the cache; past 40 MiB __nptl_free_stacks()
 * frees from the oldest end (the DTV on the running thread). */
static void
umalloc_queue_stack(struct machine *m, uint64_t stack, uint64_t dtv)
{
	struct umalloc	    *um = m->proc->um;
	struct umalloc_stack s;

	memmove(&um->stack_cache[1], &um->stack_cache[0],
	    um->nstack_cache * sizeof um->stack_cache[0]);
	um->stack_cache[0] = (struct umalloc_stack){ stack, dtv };
	um->nstack_cache++;
	while (um->nstack_cache * UM_STACK_BLOCK > UM_STACK_CACHE_MAX ||
	    um->nstack_cache == UM_STACK_CACHE) {
		s = um->stack_cache[--um->nstack_cache];
		umalloc_thread_free(m, s.dtv);
		process_munmap(m, s.stack, UM_STACK_BLOCK);
		umalloc_event(m, EV_NOTE, s.stack, UM_STACK_BLOCK,
		    "__nptl_free_stacks: the stack cache is past 40 MiB, "
		    "its oldest stack and DTV go");
	}
}

/* Makes thread n the running one, its tcache and arena with it. */
static void
umalloc_switch(struct umalloc *um, struct machine *m, unsigned n)
{
	um->threads[um->cur_thread].tcache = um->tcache;
	um->cur_thread = n;
	um->tcache = um->threads[n].tcache;
	um->av = umalloc_thread_arena(m);
}

/* The stack and DTV of thread n to the cache (queue_stack()), from
 * the running thread; n's slot is free again. */
static void
umalloc_thread_release(struct machine *m, unsigned n)
{
	struct umalloc *um = m->proc->um;
	uint64_t	stack = um->threads[n].stack, dtv = um->threads[n].dtv;

	memset(&um->threads[n], 0, sizeof um->threads[n]);
	umalloc_event(m, EV_NOTE, stack, UM_STACK_BLOCK,
	    "thread %u's stack goes to the stack cache", n);
	umalloc_queue_stack(m, stack, dtv);
}

/* start_thread()'s end: the tcache and the arena given back; a detached
 * thread then frees its own descriptor and stack (__nptl_free_tcb(), its
 * tcache gone), a joinable one waits for pthread_join().  The running
 * thread goes on, or thread 0 when it was n. */
static void
umalloc_thread_end(struct machine *m, unsigned n)
{
	struct umalloc *um = m->proc->um;
	unsigned	joiner = um->cur_thread;

	umalloc_switch(um, m, n);
	umalloc_tcache_thread_shutdown(m);
	umalloc_arena_thread_freeres(m, n);
	um->threads[n].live = 0;
	um->threads[n].tcache = 0;
	um->tcache = 0;
	umalloc_event(m, EV_NOTE, um->threads[n].stack, UM_STACK_BLOCK,
	    "thread %u ends: its tcache and arena given back", n);
	if (um->threads[n].detached)
		umalloc_thread_release(m, n);
	else
		um->threads[n].ended = 1;
	umalloc_switch(um, m, joiner == n ? 0 : joiner);
}

/* Thread n's number is 1..63 and the thread is in the state wanted
 * (running, or ended and not joined); else the step fails. */
static int
umalloc_thread_is(struct machine *m, unsigned n, const char *what, int ended)
{
	struct umalloc *um = m->proc->um;

	if (n == 0 || n >= UM_MAX_THREADS) {
		step_fail(m->st, SIM_EINVAL, "thread %u %s: %s", n, what,
		    n == 0 ? "not the main thread" :
			     "threads are numbered 1 to 63");
		return 0;
	}
	if (ended ? um->threads[n].ended : um->threads[n].live)
		return 1;
	step_fail(m->st, SIM_EINVAL, "thread %u %s: the thread %s", n, what,
	    um->threads[n].ended ? "has ended already" : "is not running");
	return 0;
}

enum sim_status
umalloc_thread_exit(struct machine *m, unsigned n)
{
	struct umalloc *um = umalloc_get(m);

	if (!umalloc_thread_is(m, n, "exit", 0))
		return m->st->status;
	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_thread_end(m, n);
	m->st->addr = 0;
	return m->st->status;
}

enum sim_status
umalloc_thread_join(struct machine *m, unsigned n)
{
	struct umalloc *um = umalloc_get(m);

	if (n != 0 && n < UM_MAX_THREADS && n == um->cur_thread)
		return step_fail(m->st, SIM_EINVAL,
		    "thread %u join: a thread cannot join itself", n);
	if (n != 0 && n < UM_MAX_THREADS && um->threads[n].detached)
		return step_fail(m->st, SIM_EINVAL,
		    "thread %u join: the thread is detached", n);
	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	if (n != 0 && n < UM_MAX_THREADS && um->threads[n].live)
		umalloc_thread_end(m, n); /* pthread_join waits for it */
	if (!umalloc_thread_is(m, n, "join", 1))
		return m->st->status;
	umalloc_thread_release(m, n);
	m->st->addr = 0;
	return m->st->status;
}

enum sim_status
umalloc_thread_detach(struct machine *m, unsigned n)
{
	struct umalloc *um = umalloc_get(m);

	if (n != 0 && n < UM_MAX_THREADS && um->threads[n].live) {
		um->threads[n].detached = 1;
		m->st->addr = 0;
		return SIM_OK;
	}
	if (!umalloc_thread_is(m, n, "detach", 1))
		return m->st->status;
	if (UM_SETJMP(um->jb) != 0)
		return m->st->status;
	umalloc_thread_release(m, n); /* pthread_detach of an ended one */
	m->st->addr = 0;
	return m->st->status;
}

enum sim_status
umalloc_thread_dtv(struct machine *m, unsigned n, unsigned slots)
{
	struct umalloc *um = umalloc_get(m);
	enum sim_status st;

	if (n == 0 || n >= UM_MAX_THREADS || um->threads[n].live || slots == 0)
		return step_fail(m->st, SIM_EINVAL, "thread %u dtv %u: %s", n,
		    slots,
		    slots == 0 ? "a DTV has at least one slot" :
				 "only a new thread gets a DTV");
	um->dtv_slots = slots;
	st = umalloc_thread(m, n);
	if (m->proc->um == um)
		um->dtv_slots = 0;
	return st;
}
