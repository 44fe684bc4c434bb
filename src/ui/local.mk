# src/ui: ncurses views, the player and input.
noinst_LIBRARIES += src/ui/libui.a
src_ui_libui_a_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
src_ui_libui_a_SOURCES = \
	src/ui/term.c src/ui/term.h \
	src/ui/ui.c src/ui/ui.h
