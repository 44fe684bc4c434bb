# The program: main.c picks a mode and hands off; cmdline.c parses
# options and finds the bundled demos.
bin_PROGRAMS += memviz
memviz_SOURCES = src/main.c src/cmdline.c src/cmdline.h
memviz_CPPFLAGS = $(AM_CPPFLAGS) -DMEMVIZ_SRCDIR='"$(abs_top_srcdir)"'
memviz_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
memviz_LDADD = src/ui/libui.a src/ui/libuicore.a src/script/libscript.a \
	src/import/libimport.a src/sim/libsim.a \
	src/common/libcommon.a $(CURSES_LIBS)
