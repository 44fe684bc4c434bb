/*
 * view.h - views as objects, the selection they share, and the UI state
 * they read.
 *
 * Each view-*.c exports one const struct view_ops (as htop's PanelClass
 * or tmux's window_mode).  Handlers report what should happen as
 * VIEW_* bits; the loop in ui.c makes it happen.  Views draw into their
 * own WINDOW with wnoutrefresh; only term.c calls doupdate.  Views read
 * the machine through const accessors and the player (whose frames are
 * the animated ones); they change it only by queueing statement text.
 */
#ifndef MEMVIZ_UI_VIEW_H
#define MEMVIZ_UI_VIEW_H

#include <curses.h>
#include <stdint.h>

#include "common/sbuf.h"
#include "script/script.h"
#include "ui/changes.h"
#include "ui/layout.h"
#include "ui/player.h"
#include "ui/predict.h"
#include "ui/prompt.h"
#include "ui/cast.h"
#include "ui/record.h"
#include "ui/touch.h"

/* What a handler asks the loop for. */
#define VIEW_HANDLED  0x1
#define VIEW_DIRTY    0x2
#define VIEW_RELAYOUT 0x4
#define VIEW_QUIT     0x8

/* What is selected; every view highlights its counterparts. */
/* clang-format off */
#define SEL_KINDS(X)					\
	X(SEL_NONE,	"nothing")			\
	X(SEL_FRAME,	"frame")			\
	X(SEL_OBJECT,	"kmalloc object")		\
	X(SEL_VAREA,	"vmalloc area")		\
	X(SEL_CHUNK,	"malloc chunk")			\
	X(SEL_VMA,	"mapping")
/* clang-format on */

enum sel_kind {
#define SEL_ENUM(e, name) e,
	SEL_KINDS(SEL_ENUM)
#undef SEL_ENUM
	SEL__COUNT
};

struct selection {
	enum sel_kind	  kind;
	uint64_t	  pfn;	     /* SEL_FRAME */
	uint64_t	  addr, len; /* the virtual range, when there is one */
	struct pfn_range *frames;    /* frames behind it (grid highlight) */
	size_t		  nframes, cap;
};

struct ui;
struct view;

struct view_ops {
	const char *name;
	void (*draw)(struct view *, const struct ui *);
	int (*handle_key)(struct view *, struct ui *, int key);
	int (*handle_mouse)(struct view *, struct ui *, int x, int y,
	    int button);
	void (*resize)(struct view *, const struct rect *);
};

struct view {
	const struct view_ops *ops;
	int		       id; /* enum layout_view, or -1 */
	WINDOW		      *win;
	struct rect	       r;
	int		       scroll;	/* first line or item shown */
	int		       cursor;	/* item under the cursor */
	int		       density; /* RAM: log2 frames per cell; -1 fits */
	int	 arena;	 /* user: whose chunks show (view-user.c) */
	uint64_t selkey; /* the selection last scrolled to */
};

/*
 * List views (slab, vmalloc, user) build one line per item on every draw
 * and share scrolling, the cursor and selection here (view-list.c).  A
 * line may end in a strip of cells (objects, pages) the view draws.
 */
struct vline {
	enum sel_kind	     kind; /* what selecting the line selects */
	uint64_t	     addr, len, pfn;
	int		     selectable;
	attr_t		     attr;
	char		     text[160];
	int		     strip;  /* 0, or the view's strip kind */
	uint64_t	     s1, s2; /* the strip's parameters */
	int		     head;   /* heads the lines below it (a cache,
					an arena): kept in view with them */
	int		     answer; /* an answer to a predict question */
	struct predict_guess g;	     /* the guess choosing it makes */
};

struct vlist {
	struct vline *v;
	size_t	      n, cap;
	/* Draws a line's strip from column x; returns nothing. */
	void (*strip)(struct view *, const struct ui *, const struct vline *,
	    int y, int x);
	/* A click at strip cell i of width cells: may select something
	 * finer; 1 if so. */
	int (*strip_click)(struct ui *, const struct vline *, int i, int width);
};

struct vline *vlist_add(struct vlist *l, enum sel_kind kind, uint64_t addr,
    uint64_t len, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * Makes ln an answer to the open predict question: choosing it guesses
 * [lo, hi) (PW_VIRT) or that the step makes an event of kind ev
 * (PW_EVENT); label says it in words ("the slab at pfn 0x412").
 */
void vlist_answer(struct vline *ln, enum predict_where where, uint64_t lo,
    uint64_t hi, enum event_kind ev, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The answer under the cursor into *g: 0, or -1 when it is on none. */
int vlist_guess(struct view *v, const struct vlist *l, struct predict_guess *g);
void vlist_free(struct vlist *l);
void vlist_draw(struct view *v, const struct ui *ui, struct vlist *l,
    const char *title);
int  vlist_key(struct view *v, struct ui *ui, struct vlist *l, int key);
int  vlist_mouse(struct view *v, struct ui *ui, struct vlist *l, int x, int y,
     int button);
/* The event being shown maps va, or will later in this step. */
int ui_va_pending(const struct ui *ui, uint64_t va);
/* The event being shown touches [addr, addr + len). */
int ui_va_anim(const struct ui *ui, uint64_t addr, uint64_t len);

/* Glyphs with a UTF-8 form and an ASCII fallback. */
/* clang-format off */
#define UI_GLYPHS(X)					\
	X(G_FREE,	"\xc2\xb7",	".")		\
	X(G_BAR,	"\xe2\x96\x88",	"#")		\
	X(G_HALF,	"\xe2\x96\x8c",	"|")		\
	X(G_LIGHT,	"\xe2\x96\x91",	":")		\
	X(G_GUARD,	"\xe2\x95\xb3",	"x")		\
	X(G_ARROW,	"\xe2\x86\x92",	">")		\
	X(G_ELLIPSIS,	"\xe2\x80\xa6",	">")		\
	X(G_PCP,	"\xe2\x89\xa1",	"=")
/* clang-format on */

enum ui_glyph {
#define UI_GLYPH_ENUM(e, utf8, ascii) e,
	UI_GLYPHS(UI_GLYPH_ENUM)
#undef UI_GLYPH_ENUM
	G__COUNT
};

/*
 * A predict-the-outcome question (guess.c): asked before an allocation
 * runs, answered on the view its statement belongs to (the RAM grid's
 * cursor cell, or a row of the slab, vmalloc or user view), judged when
 * it has run.
 */
/* clang-format off */
#define GUESS_STATES(X)						\
	X(GUESS_NONE,	   "none")					\
	X(GUESS_ASKING,	   "asking")	/* the cursor is the guess */	\
	X(GUESS_COMMITTED, "committed")	/* waiting for the operation */	\
	X(GUESS_SHOWN,	   "shown")	/* verdict on screen, hold once */ \
	X(GUESS_HELD,	   "held")	/* held; marker stays till next */
/* clang-format on */

enum guess_state {
#define GUESS_STATE_ENUM(e, name) e,
	GUESS_STATES(GUESS_STATE_ENUM)
#undef GUESS_STATE_ENUM
	GUESS__COUNT
};

struct ui_guess {
	enum guess_state     state;
	char		    *name; /* predicted name; NULL for --quiz */
	struct predict_guess g;
	int		     view;     /* enum layout_view asked on */
	int		     right;    /* the verdict, once SHOWN */
	size_t		     asked_at; /* history length when last asked */
};

/* The UI's screen state, read by every view. */
struct script_program;
/* The stacked views a program's statements fill: bit 1 << LV_x. */
unsigned view_use_of(const struct script_program *prog);
/* The view a predict question about statement stmt is answered on. */
int view_quiz_of(const char *stmt);

struct ui {
	struct script_interp *ip;
	unsigned	      views_used; /* view_use_of the lesson */
	struct player	      player;
	struct layout	      lay;
	int		      cols, rows;
	int		      zoom; /* zoomed view or -1 */
	int		      inspector, help, legend;
	int		      focus; /* view receiving keys */
	struct view	      views[LV__COUNT];
	struct view	      insp;
	struct view	      detail;	      /* the mapping or the bytes */
	struct touch	      touch;	      /* what the detail shows */
	int		      detail_dropped; /* its rows lent to views */
	struct selection      sel;
	struct changes	      changes; /* the last step's, to mark */
	int		      utf8;
	struct sbuf	      narration;
	int		      narration_role;
	char		     *overlay; /* help/legend text, or NULL */
	int		      overlay_scroll;
	int		      overlay_xscroll; /* columns, sideways */
	char		     *show;	       /* a show's text, or NULL */
	int		      show_scroll;     /* its panel's first line */
	struct rect	      show_rect;       /* where the panel is */
	int		      show_laid;       /* the layout has the panel */
	int		      show_keep;       /* the view laid beside it */
	int		      replay;	       /* a program is being replayed */
	struct prompt	      prompt;
	WINDOW		     *nwin, *swin; /* narration, status lines */
	int		      run_typed;   /* play typed lines, then stop */
	int		      status;	   /* exit status */

	/* The classroom: presentation, questions, recording, exports. */
	const struct script_opts *opts;
	int			  present; /* presentation mode */
	int			  blank;   /* screen blanked until a key */
	int			  blank_playing; /* the player's state before */
	int status_shown; /* present: status after a key */
	int ffwd;	  /* jumping: no questions, holds */
	/* seek.c: a fast-forward under way, run in chunks between
	 * draws, to the program position ffwd_to */
	int    ffwd_active;
	size_t ffwd_to;
	int    ffwd_pause; /* then show the pause there */
	size_t ffwd_tail;  /* statements before it played */
	/* status.c: where the replay's progress bar was drawn on the
	 * status line, for a click to seek (bar_w 0: none) */
	int		  bar_x, bar_w;
	struct sbuf	  caption;     /* present: says since a pause */
	struct sbuf	  parts;       /* every part's caption, '\f'
						   between: the band's size */
	signed char	 *pause_focus; /* the view focused at the k-th
						   pause, or -1: for jumps */
	size_t		  npause_focus;
	int		  caption_stale; /* next say starts a new one */
	WINDOW		 *cwin;		 /* the caption band */
	struct ui_guess	  guess;
	struct quiz_score score;
	int		  quiz; /* every allocation a question */
	struct record	  rec;
	int		  export_due; /* capture after the next draw */
	struct sbuf	  export_txt, export_html;
	unsigned	  nexports;
	struct cast	  cast;	      /* --export-cast: the screen so far */
	FILE		 *cast_file;  /* the recording, or NULL */
	uint64_t	  cast_t0;    /* when it started (term_now_ms) */
	char		 *cast_mark;  /* a pause's label, after the draw */
	int		  ending;     /* session_end: streams get written */
	struct sbuf	  out_errors; /* failed writes, said again at exit */
};

extern const struct view_ops view_ram_ops;
extern const struct view_ops view_slab_ops;
extern const struct view_ops view_vmalloc_ops;
extern const struct view_ops view_user_ops;
extern const struct view_ops view_inspect_ops;
/* The detail panel: the bytes the last operation touched while there
 * are any (view_bytes_due), else the mapping of the latest range. */
extern const struct view_ops view_map_ops;
extern const struct view_ops view_bytes_ops;
int			     view_bytes_due(const struct ui *ui);

/* The frames [lo, hi) under the RAM grid's cursor (the guess). */
void view_ram_cursor_pfns(struct view *v, const struct ui *ui, uint64_t *lo,
    uint64_t *hi);

/* A predict question's guessed cell meets [lo, hi): draw it marked. */
int guess_marked(const struct ui *ui, uint64_t lo, uint64_t hi);
/* The question on screen is answered on view id: list its answer rows. */
int guess_rows_on(const struct ui *ui, int id);
/* A list row's answer is (or holds) the guess given: draw it marked. */
int guess_row_marked(const struct ui *ui, const struct predict_guess *g);

/*
 * The list views' side of a predict question: the answer under the
 * view's cursor into *g; 0, or -1 when the cursor is on no answer.
 */
typedef int   view_guess_fn(struct view *, const struct ui *,
      struct predict_guess *);
view_guess_fn view_slab_guess, view_vmalloc_guess, view_user_guess;

/* The machine as the views see it. */
const struct machine *ui_machine(const struct ui *ui);
const char	     *ui_glyph(const struct ui *ui, enum ui_glyph g);

/* Draws the border and title; focused views get a bright border. */
void view_box(struct view *v, const struct ui *ui, const char *title);
/* Writes at most w columns of s at (y, x) inside the window. */
void view_puts(struct view *v, int y, int x, int w, const char *s, attr_t attr);
void view_printf(struct view *v, int y, int x, int w, attr_t attr,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/*
 * How a cell (a frame, an object, a page) the last step changed is drawn
 * until the next step: the event colour turned around (yellow glyph), or
 * bold reverse on a terminal without colour.
 */
attr_t view_changed_attr(void);
/* view_ops members for a view that only shows (the detail panel). */
int view_passive_key(struct view *v, struct ui *ui, int key);
int view_passive_mouse(struct view *v, struct ui *ui, int x, int y, int button);
void view_passive_resize(struct view *v, const struct rect *r);
/* Inner size (inside the border). */
int view_inner_w(const struct view *v);
int view_inner_h(const struct view *v);

/* Selection: sets it and works out the frames behind it. */
void ui_select(struct ui *ui, enum sel_kind kind, uint64_t pfn, uint64_t addr,
    uint64_t len);
int  sel_has_pfn(const struct selection *s, uint64_t pfn);
int  sel_hits(const struct ui *ui, uint64_t addr, uint64_t len);
const char *sel_kind_name(enum sel_kind k);

/* Sets the narration line. */
void ui_narrate(struct ui *ui, int role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
