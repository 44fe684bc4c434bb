# Suites for the ui area: the logic of the UI, tested without a terminal
# (each suite links the library its file is built into, never compiles
# it again), and the real-terminal test that drives memviz inside tmux.
check_PROGRAMS += tests/check_layout
tests_check_layout_SOURCES = tests/check_layout.c
tests_check_layout_CFLAGS = $(TEST_CFLAGS)
tests_check_layout_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_layout

check_PROGRAMS += tests/check_player
tests_check_player_SOURCES = tests/check_player.c
tests_check_player_CFLAGS = $(TEST_CFLAGS)
tests_check_player_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_player

# The RAM grid's importance rule and the last step's changes.
check_PROGRAMS += tests/check_cell
tests_check_cell_SOURCES = tests/check_cell.c
tests_check_cell_CFLAGS = $(TEST_CFLAGS)
tests_check_cell_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_cell

# Frames on the per-CPU lists as the views read them, and the narration's
# notes on refills and drains.
check_PROGRAMS += tests/check_pcp_note
tests_check_pcp_note_SOURCES = tests/check_pcp_note.c
tests_check_pcp_note_CFLAGS = $(TEST_CFLAGS)
tests_check_pcp_note_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_pcp_note

check_PROGRAMS += tests/check_colour
tests_check_colour_SOURCES = tests/check_colour.c tests/contrast-lib.c \
	tests/contrast-lib.h
tests_check_colour_CFLAGS = $(TEST_CFLAGS) $(CURSES_CFLAGS)
tests_check_colour_LDADD = src/ui/libui.a src/ui/libuicore.a $(TEST_LIBS) \
	$(CURSES_LIBS) -lm
TESTS += tests/check_colour

check_PROGRAMS += tests/check_keymap
tests_check_keymap_SOURCES = tests/check_keymap.c
tests_check_keymap_CFLAGS = $(TEST_CFLAGS) $(CURSES_CFLAGS) \
	-DMANPAGE='"$(top_srcdir)/man/memviz.1"'
tests_check_keymap_LDADD = src/ui/libui.a $(TEST_LIBS) $(CURSES_LIBS)
TESTS += tests/check_keymap

# The real terminal: memviz inside a detached tmux (skipped without tmux).
dist_noinst_SCRIPTS += tests/tmux-test.sh
EXTRA_DIST += tests/tmux-lib.sh
TESTS += tests/tmux-test.sh

# The grid in a real terminal: a vmalloc's and a heap's frames show at 32
# frames a cell, and what a step changed stays marked.
dist_noinst_SCRIPTS += tests/tmux-grid.sh
TESTS += tests/tmux-grid.sh

# The per-CPU lists in a real terminal: lesson 9's first pause shows
# their cells and line, the legend names them, a refill is captioned.
dist_noinst_SCRIPTS += tests/tmux-pcp.sh
TESTS += tests/tmux-pcp.sh

# The classroom's logic: predictions and the quiz, exports, recording.
check_PROGRAMS += tests/check_predict
tests_check_predict_SOURCES = tests/check_predict.c
tests_check_predict_CFLAGS = $(TEST_CFLAGS)
tests_check_predict_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_predict

check_PROGRAMS += tests/check_export
tests_check_export_SOURCES = tests/check_export.c
tests_check_export_CFLAGS = $(TEST_CFLAGS)
tests_check_export_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_export

# --export-svg: escaping, runs, columns and colours of the picture.
check_PROGRAMS += tests/check_export_svg
tests_check_export_svg_SOURCES = tests/check_export_svg.c
tests_check_export_svg_CFLAGS = $(TEST_CFLAGS)
tests_check_export_svg_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_export_svg

check_PROGRAMS += tests/check_cast
tests_check_cast_SOURCES = tests/check_cast.c
tests_check_cast_CFLAGS = $(TEST_CFLAGS)
tests_check_cast_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_cast

check_PROGRAMS += tests/check_record
tests_check_record_SOURCES = tests/check_record.c
tests_check_record_CFLAGS = $(TEST_CFLAGS)
tests_check_record_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_record

# The classroom in a real terminal: clicker keys, predict and quiz,
# recording (also under SIGTERM), exports (skipped without tmux).
dist_noinst_SCRIPTS += tests/tmux-classroom.sh
TESTS += tests/tmux-classroom.sh

# Output files in the TUI (a recording that fails mid-session, a full
# device, a FIFO) and a 2000-character statement at the prompt.
dist_noinst_SCRIPTS += tests/tmux-outputs.sh
TESTS += tests/tmux-outputs.sh

# The terminal at its limits: 1x1 to 1000x300, and valgrind on the TUI.
dist_noinst_SCRIPTS += tests/tmux-extremes.sh
TESTS += tests/tmux-extremes.sh

# A pause is a place: explore keys stay at the pause, only the keys that
# go on leave it; one grid scale all lesson (skipped without tmux).
dist_noinst_SCRIPTS += tests/tmux-pause.sh
TESTS += tests/tmux-pause.sh

# Legibility: whole lessons in every theme, exported and checked for
# contrast (text 4.5:1, graphics 3:1) by tests/contrast.
check_PROGRAMS += tests/contrast
tests_contrast_SOURCES = tests/contrast.c tests/contrast-lib.c \
	tests/contrast-lib.h
tests_contrast_CFLAGS = $(AM_CFLAGS)
tests_contrast_LDADD = -lm
dist_noinst_SCRIPTS += tests/contrast.sh
TESTS += tests/contrast.sh

# The mapping picture's layout, for every box from 20x5 to 400x120.
check_PROGRAMS += tests/check_pagemap
tests_check_pagemap_SOURCES = tests/check_pagemap.c
tests_check_pagemap_CFLAGS = $(TEST_CFLAGS)
tests_check_pagemap_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_pagemap

# The detail panel in a real terminal: bytes as text, the mapping picture.
dist_noinst_SCRIPTS += tests/tmux-panel.sh
TESTS += tests/tmux-panel.sh

# What the detail panel keeps of an operation (touch.c).
check_PROGRAMS += tests/check_touch
tests_check_touch_SOURCES = tests/check_touch.c
tests_check_touch_CFLAGS = $(TEST_CFLAGS)
tests_check_touch_LDADD = src/ui/libuicore.a $(TEST_LIBS)
TESTS += tests/check_touch

# Seeking in a real terminal: End, Home, o to an op; space stops an
# instant typed repeat (skipped without tmux).
dist_noinst_SCRIPTS += tests/tmux-seek.sh
TESTS += tests/tmux-seek.sh

# A slab's strip keeps the object of interest in view at 80 columns.
dist_noinst_SCRIPTS += tests/tmux-slab-strip.sh
TESTS += tests/tmux-slab-strip.sh

# The user view's arenas (lesson 12): off screen against a golden
# text, and in a real terminal.
dist_noinst_SCRIPTS += tests/arena-view.sh tests/tmux-arenas.sh
TESTS += tests/arena-view.sh tests/tmux-arenas.sh

# The lists follow what a lesson talks about (a freed chunk, an arena's
# line above its chunk) in a real terminal.
dist_noinst_SCRIPTS += tests/tmux-follow.sh
TESTS += tests/tmux-follow.sh
