/*
 * stmt-cpu.c - the CPU statements run on and the time that passes.
 *
 * `cpu N` moves the statements that follow onto CPU N, until the next
 * cpu statement, as a task bound there would run (taskset, or
 * work_on_cpu() in a module): the machine's per-CPU state, page lists and
 * SLUB's CPU slabs, is then CPU N's.  It is machine state, so a replay
 * rewound or sought over it runs each statement on the CPU it ran on.
 * check.c already refused a CPU the script's machine does not have; a
 * typed line or a --machine override of cpus is checked here.
 *
 * `tick DURATION` lets time pass on the machine, running the work the
 * kernel does on every CPU each vmstat interval (machine_tick()).
 */
#include "script/script-priv.h"

#include <inttypes.h>
#include <string.h>

int
stmt_cpu_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct machine *m = interp_machine(ip);
	uint64_t	cpu = interp_number(ip, s, 0);
	unsigned	n = machine_config(m)->cpus;

	(void)r;
	if (cpu >= n || machine_set_cpu(m, (unsigned)cpu) != 0) {
		interp_error(ip,
		    "cpu %" PRIu64 ": the machine has %u CPU%s: expected "
		    "0 to %u",
		    cpu, n, n == 1 ? "" : "s", n - 1);
		return -1;
	}
	return 0;
}

/* `thread N`: the process's malloc calls that follow run on thread N,
 * with its tcache and arena (a new N is pthread_create'd), as `cpu N`
 * moves the kernel's side.  `thread N exit`: thread N ends, what it
 * leaves going back as glibc gives it; `thread N join` and `thread N
 * detach` let its stack go to the stack cache.
 * `thread N dtv SLOTS`: a new N whose DTV has SLOTS (a program with
 * more TLS modules than libc's, as imported traces show). */
int
stmt_thread_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	uint64_t    n = interp_number(ip, s, 0), slots;
	unsigned    t = n > 0xffff ? 0xffff : (unsigned)n;
	const char *word = s->nargs > 1 ? s->args[1].text : "";

	(void)r;
	if (strcmp(word, "dtv") == 0 && s->nargs == 3) {
		slots = interp_number(ip, s, 2);
		machine_thread_dtv(interp_machine(ip), t,
		    slots > 0xffff ? 0xffff : (unsigned)slots, &ip->step);
	} else if (s->nargs == 3 || strcmp(word, "dtv") == 0) {
		interp_error(ip,
		    "thread %u %s: expected thread N exit|join|detach or "
		    "thread N dtv SLOTS",
		    t, word);
		return -1;
	} else if (s->nargs == 2)
		machine_thread_do(interp_machine(ip), t, word, &ip->step);
	else
		machine_thread(interp_machine(ip), t, &ip->step);
	return 0;
}

int
stmt_tick_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	(void)r;
	machine_tick(interp_machine(ip), s->args[0].number, &ip->step);
	return 0;
}
