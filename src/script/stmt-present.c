/*
 * stmt-present.c - statements that change no memory: the machine line,
 * the presentation directives (say, pause, sleep, focus, mark, predict)
 * and expect.
 *
 * Presentation directives only fill the result; what a caption, a pause
 * or a prediction looks like is the UI's business.  expect remembers
 * the announced outcome until the next operation, which the interpreter
 * then judges against it.
 */
#include "script/script-priv.h"
#include "common/xmalloc.h"

#include <stdint.h>
#include <stdlib.h>

/*
 * The first statement of a file was applied when the machine booted.
 * Any other machine line reboots with the options it names changed and
 * the rest kept; in a file the command line's overrides still win (as
 * they do over the first line), typed at the prompt the line wins.
 */
int
stmt_machine_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	struct machine_config cfg = ip->cfg;
	char		     *cause = NULL;
	size_t		      i;

	if (r->pc == 0)
		return 0;
	for (i = 0; i < s->nargs && cause == NULL; i++)
		machine_config_set(&cfg, s->args[i].text, s->args[i].value,
		    &cause);
	for (i = 0; r->pc != SIZE_MAX && i < ip->opts.nmachine && cause == NULL;
	     i++)
		machine_config_set(&cfg, ip->opts.machine[i].name,
		    ip->opts.machine[i].value, &cause);
	if (cause == NULL && interp_boot(ip, &cfg, &cause) == 0)
		return 0;
	interp_error(ip, "%s", cause);
	free(cause);
	return -1;
}

int
stmt_present_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	switch (s->entry->kind) {
	case SCRIPT_SAY:
		sbuf_puts(&ip->text, s->args[0].text);
		if (s->depth > 0) {
			char *t = util_expand(s->args[0].text, s->depth,
			    ip->vars);

			sbuf_reset(&ip->text);
			sbuf_puts(&ip->text, t);
			free(t);
		}
		r->arg = sbuf_str(&ip->text);
		break;
	case SCRIPT_SLEEP:
		r->sleep_ms = (unsigned)s->args[0].number;
		break;
	case SCRIPT_FOCUS:
		r->arg = s->args[0].text;
		break;
	case SCRIPT_MARK:
	case SCRIPT_PREDICT:
		r->name = interp_name(ip, s, 0);
		break;
	default:
		break;
	}
	return 0;
}

int
stmt_expect_exec(struct script_interp *ip, const struct script_stmt *s,
    struct script_result *r)
{
	free(ip->expect);
	ip->expect = xstrdup(s->args[0].text);
	r->arg = s->args[0].text;
	return 0;
}
