# src/ui: ncurses views, the player and input.
#
# The UI's logic that needs no terminal (layout, the player, predictions,
# exports, the recording, the grid's cells, the mapping picture's layout) is a library of its own, built without curses,
# which memviz and the unit tests (tests/ui.mk) both link.
noinst_LIBRARIES += src/ui/libuicore.a src/ui/libui.a
src_ui_libuicore_a_SOURCES = \
	src/ui/cell.c src/ui/cell.h \
	src/ui/changes.c src/ui/changes.h \
	src/ui/cast.c src/ui/cast.h \
	src/ui/export.c src/ui/export.h \
	src/ui/export-svg.c src/ui/export-svg.h \
	src/ui/layout.c src/ui/layout.h \
	src/ui/pagemap.c src/ui/pagemap.h \
	src/ui/pcp-note.c src/ui/pcp-note.h \
	src/ui/player.c src/ui/player.h \
	src/ui/predict.c src/ui/predict.h \
	src/ui/record.c src/ui/record.h \
	src/ui/touch.c src/ui/touch.h
src_ui_libui_a_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
src_ui_libui_a_SOURCES = \
	src/ui/capture.c \
	src/ui/colour.c src/ui/colour.h \
	src/ui/guess.c \
	src/ui/help.c \
	src/ui/input.c \
	src/ui/inspector.c \
	src/ui/keymap.c src/ui/keymap.h \
	src/ui/present.c \
	src/ui/seek.c \
	src/ui/prompt.c src/ui/prompt.h \
	src/ui/session.c \
	src/ui/status.c \
	src/ui/term.c src/ui/term.h \
	src/ui/ui.c src/ui/ui.h src/ui/uiloop.h \
	src/ui/view.c src/ui/view.h \
	src/ui/view-bytes.c \
	src/ui/view-list.c \
	src/ui/view-map.c \
	src/ui/view-ram.c \
	src/ui/view-slab.c \
	src/ui/view-use.c \
	src/ui/view-user.c \
	src/ui/view-vmalloc.c
