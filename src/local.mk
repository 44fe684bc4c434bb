# The program: main.c picks a mode and hands off.
bin_PROGRAMS += memviz
memviz_SOURCES = src/main.c
memviz_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
memviz_LDADD = src/ui/libui.a src/script/libscript.a src/sim/libsim.a \
	src/common/libcommon.a $(CURSES_LIBS)
