/*
 * status.c - the names of operation outcomes.
 */
#include "sim/status.h"

#include <stddef.h>

static const char *const status_names[] = {
#define SIM_STATUS_NAME(e, name, doc) name,
	SIM_STATUSES(SIM_STATUS_NAME)
#undef SIM_STATUS_NAME
};

const char *
sim_status_name(enum sim_status s)
{
	if ((unsigned)s >= SIM__COUNT)
		return "?";
	return status_names[s];
}
