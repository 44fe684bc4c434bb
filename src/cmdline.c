/*
 * cmdline.c - options of the memviz command, in the GNU style.
 *
 * Every machine option of sim/machine.h's machine_options table is also
 * a long option (--ram=8M), generated from the table, so a new machine
 * option needs no edit here.  Options override the script's machine
 * line.  Demos are looked up the way htop finds its config: an
 * environment variable first, then the build tree, then the install.
 */
#include "config.h"

#include "cmdline.h"
#include "common/xmalloc.h"
#include "ui/player.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	OPT_DEMO = 256,
	OPT_LIST_DEMOS,
	OPT_PRESENT,
	OPT_QUIZ,
	OPT_FROM,
	OPT_RECORD,
	OPT_LOG,
	OPT_IMPORT,
	OPT_EXPORT_TEXT,
	OPT_EXPORT_HTML,
	OPT_EXPORT_SVG,
	OPT_EXPORT_EVERY,
	OPT_EXPORT_CAST,
	OPT_CAST_PAUSE,
	OPT_SIZE,
	OPT_JSON,
	OPT_SPEED,
	OPT_MACHINE /* + index in machine_options */
};

static const struct {
	const char *name;
	int	    has_arg;
	int	    val;
	const char *arg;
	const char *help;
} cmdline_options[] = {
	{ "batch", 0, 'b', NULL,
	    "run without a terminal, one line per operation" },
	{ "check", 0, 'c', NULL, "parse and validate the script, run nothing" },
	{ "events", 0, 'e', NULL, "with --batch: print each step's events" },
	{ "json", 0, OPT_JSON, NULL,
	    "with --batch: print one JSON object per line" },
	{ "quiet", 0, 'q', NULL,
	    "with --batch: print only show output and unexpected failures" },
	{ "demo", 1, OPT_DEMO, "NAME", "use a bundled demo as the script" },
	{ "list-demos", 0, OPT_LIST_DEMOS, NULL, "list the bundled demos" },
	{ "present", 0, OPT_PRESENT, NULL,
	    "projector-friendly presentation mode" },
	{ "quiz", 0, OPT_QUIZ, NULL, "ask where every allocation will land" },
	{ "from", 1, OPT_FROM, "N", "start the replay at the N-th pause" },
	{ "record", 1, OPT_RECORD, "FILE", "save the session as a script" },
	{ "log", 1, OPT_LOG, "FILE", "write debug output to FILE" },
	{ "export-text", 1, OPT_EXPORT_TEXT, "FILE",
	    "write the final screen to FILE as plain text" },
	{ "export-html", 1, OPT_EXPORT_HTML, "FILE",
	    "write the final screen to FILE as coloured HTML" },
	{ "export-svg", 1, OPT_EXPORT_SVG, "FILE",
	    "write the final screen to FILE as an SVG picture" },
	{ "export-every", 0, OPT_EXPORT_EVERY, NULL,
	    "with --export-*: every pause's screen too" },
	{ "export-cast", 1, OPT_EXPORT_CAST, "FILE",
	    "record the session to FILE for asciinema (asciicast v2)" },
	{ "cast-pause", 1, OPT_CAST_PAUSE, "SECONDS",
	    "off screen: how long a pause lasts in the recording" },
	{ "size", 1, OPT_SIZE, "WxH",
	    "with --export-*: draw off screen, W columns by H rows" },
	{ "speed", 1, OPT_SPEED, "NAME",
	    "start the replay at speed NAME (see Speeds below)" },
	{ "import", 1, OPT_IMPORT, "FORMAT",
	    "turn the trace SCRIPT (ltrace or ftrace) into a script" },
	{ "output", 1, 'o', "FILE", "with --import: write the script to FILE" },
	{ "help", 0, 'h', NULL, "show this help and exit" },
	{ "version", 0, 'V', NULL, "show the version and exit" },
};
/* How long a pause lasts in a recording made off screen. */
#define CMDLINE_CAST_PAUSE_MS 2000

#define CMDLINE_NOPTS (sizeof cmdline_options / sizeof cmdline_options[0])

static struct option *
cmdline_long_options(void)
{
	struct option *lo;
	size_t	       i, n = 0;

	lo = xcalloc(CMDLINE_NOPTS + machine_options_len + 1, sizeof *lo);
	for (i = 0; i < CMDLINE_NOPTS; i++, n++) {
		lo[n].name = cmdline_options[i].name;
		lo[n].has_arg = cmdline_options[i].has_arg;
		lo[n].val = cmdline_options[i].val;
	}
	for (i = 0; i < machine_options_len; i++, n++) {
		lo[n].name = machine_options[i].name;
		lo[n].has_arg = required_argument;
		lo[n].val = OPT_MACHINE + (int)i;
	}
	return lo;
}

/* The --speed names, from the player's table, slowest last. */
static void
cmdline_usage_speeds(struct sbuf *out)
{
	size_t i;

	sbuf_puts(out, "\nSpeeds (--speed), fastest first:\n ");
	for (i = 0; i < player_nspeeds; i++)
		sbuf_printf(out, " %s%s", player_speed_names[i],
		    i == PLAYER_DEFAULT_SPEED ? " (default)" : "");
	sbuf_puts(out, "\n");
}

void
cmdline_usage(struct sbuf *out)
{
	size_t i;
	char   left[64];

	sbuf_puts(out,
	    "Usage: memviz [OPTION]... [SCRIPT]\n"
	    "Show how Linux places memory: the buddy allocator, kmalloc, "
	    "vmalloc\nand a process's malloc, on a simulated machine.  "
	    "With SCRIPT (- for\nstandard input), replay it; without, "
	    "explore at a prompt.\n\n");
	for (i = 0; i < CMDLINE_NOPTS; i++) {
		snprintf(left, sizeof left, "%c%c%s--%s%s%s",
		    cmdline_options[i].val < 256 ? '-' : ' ',
		    cmdline_options[i].val < 256 ? cmdline_options[i].val : ' ',
		    cmdline_options[i].val < 256 ? ", " : "  ",
		    cmdline_options[i].name, cmdline_options[i].arg ? "=" : "",
		    cmdline_options[i].arg ? cmdline_options[i].arg : "");
		sbuf_printf(out, "  %-24s %s\n", left, cmdline_options[i].help);
	}
	cmdline_usage_speeds(out);
	sbuf_puts(out,
	    "\nMachine options (override the script's machine "
	    "line):\n");
	for (i = 0; i < machine_options_len; i++) {
		snprintf(left, sizeof left, "    --%s=%s",
		    machine_options[i].name, machine_options[i].type);
		/* A name too long for the column puts its help below. */
		if (strlen(left) > 24)
			sbuf_printf(out, "  %s\n%27s", left, "");
		else
			sbuf_printf(out, "  %-24s ", left);
		machine_option_help(&machine_options[i], out);
		sbuf_printf(out, " (default %s)\n", machine_options[i].dflt);
	}
	sbuf_puts(out,
	    "\nExit status: 0 success, 1 a simulated failure the "
	    "script did not expect,\n2 bad usage or a script error.\n\n"
	    "The script language is described in memviz-script(5).\n");
}

/* --cast-pause: seconds, with up to three decimals ("2", "0.5"). */
static int
cmdline_seconds(const char *arg, unsigned *ms, char **cause)
{
	char  *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !(v >= 0) || v > 3600) {
		*cause = xasprintf("bad value '%s' for --cast-pause: expected "
				   "seconds from 0 to 3600",
		    arg);
		return -1;
	}
	*ms = (unsigned)(v * 1000 + 0.5);
	return 0;
}

/* --size WxH, within what a terminal and the layout can have. */
static int
cmdline_size(const char *arg, struct script_opts *o, char **cause)
{
	unsigned w, h;
	char	 x, tail;

	if (sscanf(arg, "%u%c%u%c", &w, &x, &h, &tail) != 3 ||
	    (x != 'x' && x != 'X') || w < 20 || h < 10 || w > 1000 ||
	    h > 1000) {
		*cause = xasprintf("bad value '%s' for --size: expected "
				   "WxH, e.g. 100x30 (20x10 to 1000x1000)",
		    arg);
		return -1;
	}
	o->size_w = (int)w;
	o->size_h = (int)h;
	return 0;
}

/* --speed NAME, one of the player's speeds. */
static int
cmdline_speed(const char *arg, struct script_opts *o, char **cause)
{
	struct sbuf names = SBUF_INIT;
	size_t	    i;

	if (player_speed_find(arg) >= 0) {
		o->speed = arg;
		return 0;
	}
	for (i = 0; i < player_nspeeds; i++)
		sbuf_printf(&names, "%s%s", i > 0 ? ", " : "",
		    player_speed_names[i]);
	*cause = xasprintf("bad value '%s' for --speed: expected one of %s",
	    arg, sbuf_str(&names));
	sbuf_free(&names);
	return -1;
}

static int
cmdline_option(struct cmdline *cl, int c, char **cause)
{
	char	     *end;
	unsigned long v;

	switch (c) {
	case 'b':
		cl->opts.batch = 1;
		break;
	case 'c':
		cl->opts.check = 1;
		break;
	case 'e':
		cl->opts.events = 1;
		break;
	case 'q':
		cl->opts.quiet = 1;
		break;
	case OPT_JSON:
		cl->opts.json = 1;
		break;
	case 'h':
		cl->help = 1;
		break;
	case 'V':
		cl->version = 1;
		break;
	case OPT_DEMO:
		cl->demo = optarg;
		break;
	case OPT_LIST_DEMOS:
		cl->list_demos = 1;
		break;
	case OPT_PRESENT:
		cl->opts.present = 1;
		break;
	case OPT_QUIZ:
		cl->opts.quiz = 1;
		break;
	case OPT_RECORD:
		cl->opts.record = optarg;
		break;
	case OPT_LOG:
		cl->opts.log = optarg;
		break;
	case OPT_EXPORT_TEXT:
		cl->opts.export_text = optarg;
		break;
	case OPT_EXPORT_HTML:
		cl->opts.export_html = optarg;
		break;
	case OPT_EXPORT_SVG:
		cl->opts.export_svg = optarg;
		break;
	case OPT_EXPORT_EVERY:
		cl->opts.export_every = 1;
		break;
	case OPT_EXPORT_CAST:
		cl->opts.export_cast = optarg;
		break;
	case OPT_CAST_PAUSE:
		return cmdline_seconds(optarg, &cl->opts.cast_pause_ms, cause);
	case OPT_SIZE:
		return cmdline_size(optarg, &cl->opts, cause);
	case OPT_SPEED:
		return cmdline_speed(optarg, &cl->opts, cause);
	case OPT_IMPORT:
		cl->import = optarg;
		break;
	case 'o':
		cl->output = optarg;
		break;
	case OPT_FROM:
		errno = 0;
		v = strtoul(optarg, &end, 10);
		if (errno != 0 || *end != '\0' || *optarg == '\0' ||
		    v > UINT_MAX) {
			*cause = xasprintf("bad value '%s' for --from: "
					   "expected a pause number",
			    optarg);
			return -1;
		}
		cl->opts.from = (unsigned)v;
		break;
	default:
		if (c >= OPT_MACHINE &&
		    (size_t)(c - OPT_MACHINE) < machine_options_len)
			return script_opts_set_machine(&cl->opts,
			    machine_options[c - OPT_MACHINE].name, optarg,
			    cause);
		*cause = xstrdup(""); /* getopt already said why */
		return -1;
	}
	return 0;
}

int
cmdline_parse(int argc, char **argv, struct cmdline *cl, char **cause)
{
	struct option *lo = cmdline_long_options();
	int	       c, r = 0;

	memset(cl, 0, sizeof *cl);
	script_opts_init(&cl->opts);
	cl->opts.cast_pause_ms = CMDLINE_CAST_PAUSE_MS;
	optind = 1;
	while (r == 0 &&
	    (c = getopt_long(argc, argv, "bceqhVo:", lo, NULL)) != -1)
		r = cmdline_option(cl, c, cause);
	free(lo);
	if (r != 0)
		return -1;
	if (optind < argc)
		cl->script = argv[optind++];
	if (optind < argc) {
		*cause = xasprintf("unexpected argument '%s': only one SCRIPT "
				   "is taken",
		    argv[optind]);
		return -1;
	}
	if (cl->script != NULL && cl->demo != NULL) {
		*cause = xstrdup("give either a SCRIPT or --demo, not both");
		return -1;
	}
	if (cl->opts.batch && cl->opts.check) {
		*cause = xstrdup("--batch and --check exclude each other");
		return -1;
	}
	if ((cl->opts.quiet || cl->opts.events || cl->opts.json) &&
	    !cl->opts.batch) {
		*cause = xasprintf("--%s goes with --batch",
		    cl->opts.quiet	? "quiet" :
			cl->opts.events ? "events" :
					  "json");
		return -1;
	}
	if (cl->opts.size_w > 0 && cl->opts.export_cast == NULL &&
	    cl->opts.export_text == NULL && cl->opts.export_html == NULL &&
	    cl->opts.export_svg == NULL) {
		*cause = xstrdup("--size goes with --export-cast, "
				 "--export-text, --export-html or "
				 "--export-svg");
		return -1;
	}
	if (cl->output != NULL && cl->import == NULL) {
		*cause = xstrdup("-o/--output goes with --import");
		return -1;
	}
	return 0;
}

/* Is this memviz the one in its build tree (next to config.status)? */
static int
cmdline_uninstalled(void)
{
	char	exe[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	int	found;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return 0;
	*slash = '\0';
	path = xasprintf("%s/config.status", exe);
	found = access(path, F_OK) == 0;
	free(path);
	return found;
}

/* The demo directories in search order; NULL entries are skipped. */
static void
cmdline_demo_dirs(const char *dirs[3])
{
	dirs[0] = getenv("MEMVIZ_DEMO_DIR");
	if (dirs[0] != NULL && *dirs[0] == '\0')
		dirs[0] = NULL;
	dirs[1] = cmdline_uninstalled() ? MEMVIZ_SRCDIR "/data/demos" : NULL;
	dirs[2] = PKGDATADIR "/demos";
}

char *
cmdline_find_demo(const char *name)
{
	const char *dirs[3];
	size_t	    i, n = strlen(name);
	char	   *path;

	if (strchr(name, '/') != NULL || n == 0)
		return NULL;
	cmdline_demo_dirs(dirs);
	for (i = 0; i < 3; i++) {
		if (dirs[i] == NULL)
			continue;
		path = xasprintf("%s/%s%s", dirs[i], name,
		    n > 4 && strcmp(name + n - 4, ".mvs") == 0 ? "" : ".mvs");
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

static int
cmdline_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the .mvs files in dir; -1 if it cannot be opened. */
static int
cmdline_scan(const char *dir, char ***names, size_t *n)
{
	DIR	      *d = opendir(dir);
	struct dirent *de;
	size_t	       len;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len <= 4 || strcmp(de->d_name + len - 4, ".mvs") != 0)
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = xstrndup(de->d_name, len - 4);
	}
	closedir(d);
	if (*n > 1) /* an empty directory leaves names NULL */
		qsort(*names, *n, sizeof **names, cmdline_cmp);
	return 0;
}

/* One demo as --list-demos shows it. */
struct cmdline_demo {
	char	*name;
	unsigned lesson; /* "# lesson N" in its header; 0: none */
	char	*line;
};

/* The N of a "# lesson N" line among the leading comment lines. */
static unsigned
cmdline_lesson(const char *text)
{
	const char   *s = text;
	unsigned long n;

	while (s != NULL && *s == '#') {
		if (strncmp(s, "# lesson ", 9) == 0 &&
		    (n = strtoul(s + 9, NULL, 10)) > 0 && n < 100)
			return (unsigned)n;
		s = strchr(s, '\n');
		s = s != NULL ? s + 1 : NULL;
	}
	return 0;
}

/*
 * A demo's line: its lesson number, name, length when replayed at the
 * default speed (player_script_ms: what the player shows, pauses
 * excluded since they last as long as the teacher talks), pauses, and
 * the title its first comment line gives.
 */
static void
cmdline_demo_line(const char *path, struct cmdline_demo *d)
{
	struct script_errors   errs;
	struct script_program *prog = NULL;
	struct sbuf	       b = SBUF_INIT;
	char		      *text, *cause = NULL;
	uint64_t	       ms = 0;
	size_t		       np = 0;

	text = cmdline_read_file(path, &cause);
	script_errors_init(&errs);
	if (text != NULL && (prog = script_parse(path, text, &errs)) != NULL)
		d->lesson = cmdline_lesson(text);
	if (d->lesson > 0)
		sbuf_printf(&b, "%2u  ", d->lesson);
	else
		sbuf_puts(&b, "    ");
	if (prog != NULL &&
	    player_script_ms(prog, PLAYER_DEFAULT_SPEED, &ms, &np, &cause) == 0)
		sbuf_printf(&b, "%-12s %2u:%02u %3zu pauses  %s\n", d->name,
		    (unsigned)(ms / 60000), (unsigned)(ms / 1000 % 60), np,
		    script_program_title(prog));
	else
		sbuf_printf(&b, "%-12s (does not parse)\n", d->name);
	d->line = b.s;
	script_program_free(prog);
	script_errors_free(&errs);
	free(text);
	free(cause);
}

/* Lessons in order first, then the other demos by name. */
static int
cmdline_demo_cmp(const void *a, const void *b)
{
	const struct cmdline_demo *x = a, *y = b;

	if ((x->lesson == 0) != (y->lesson == 0))
		return x->lesson == 0 ? 1 : -1;
	if (x->lesson != y->lesson)
		return x->lesson < y->lesson ? -1 : 1;
	return strcmp(x->name, y->name);
}

int
cmdline_list_demos(struct sbuf *out, char **cause)
{
	const char	    *dirs[3];
	struct cmdline_demo *demos;
	char		   **names, *path;
	size_t		     i, n, d;

	cmdline_demo_dirs(dirs);
	for (d = 0; d < 3; d++) {
		if (dirs[d] != NULL && cmdline_scan(dirs[d], &names, &n) == 0)
			break;
	}
	if (d == 3) {
		*cause = xstrdup("no demo directory found (set "
				 "MEMVIZ_DEMO_DIR)");
		return -1;
	}
	demos = xcalloc(n + 1, sizeof *demos);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s.mvs", dirs[d], names[i]);
		demos[i].name = names[i];
		cmdline_demo_line(path, &demos[i]);
		free(path);
	}
	if (n > 1)
		qsort(demos, n, sizeof *demos, cmdline_demo_cmp);
	sbuf_puts(out,
	    "The course in teaching order, then the other demos.  "
	    "Times are at the\ndefault speed, without the pauses, which "
	    "last as long as you talk.\n");
	for (i = 0; i < n; i++) {
		sbuf_puts(out, demos[i].line);
		free(demos[i].line);
		free(demos[i].name);
	}
	free(demos);
	free(names);
	return 0;
}

char *
cmdline_read_file(const char *path, char **cause)
{
	FILE	   *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct sbuf b = SBUF_INIT;
	char	    buf[8192];
	size_t	    n;

	*cause = NULL;
	if (f == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	sbuf_puts(&b, "");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	if (ferror(f))
		*cause = xasprintf("%s: %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (*cause != NULL) {
		sbuf_free(&b);
		return NULL;
	}
	if (memchr(b.s, '\0', b.len) != NULL) {
		*cause = xasprintf("%s: a binary file, not a script", path);
		sbuf_free(&b);
		return NULL;
	}
	return b.s;
}
