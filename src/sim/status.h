/*
 * status.h - outcomes of operations on the simulated machine.
 *
 * A simulated failure is a value, never a crash: the step that failed
 * carries one of these and the text the real kernel or libc prints.
 */
#ifndef MEMVIZ_SIM_STATUS_H
#define MEMVIZ_SIM_STATUS_H

/* clang-format off */
#define SIM_STATUSES(X)							\
	X(SIM_OK,	    "ok",	      "the operation succeeded")	\
	X(SIM_ENOMEM,	    "ENOMEM",	      "no memory could be found for the request") \
	X(SIM_EINVAL,	    "EINVAL",	      "an argument the real call rejects (order > 10, size 0)") \
	X(SIM_E2BIG,	    "too-large",      "the request is above the allocator's limit") \
	X(SIM_EFAULT,	    "EFAULT",	      "an address that is not mapped") \
	X(SIM_DOUBLE_FREE,  "double-free",    "memory freed twice") \
	X(SIM_BAD_FREE,	    "invalid-free",   "a pointer this allocator did not hand out") \
	X(SIM_ABORT,	    "abort",	      "the process was killed (glibc abort, SIGSEGV)") \
	X(SIM_BUG,	    "kernel-bug",     "the kernel reported a BUG/WARN and refused") \
	X(SIM_UNSUPPORTED,  "unsupported",    "the kernel profile has no such call")
/* clang-format on */

enum sim_status {
#define SIM_STATUS_ENUM(e, name, doc) e,
	SIM_STATUSES(SIM_STATUS_ENUM)
#undef SIM_STATUS_ENUM
	SIM__COUNT
};

const char *sim_status_name(enum sim_status s);

#endif
