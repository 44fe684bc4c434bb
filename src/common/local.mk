# Host-side helpers shared by every layer: allocation, string buffers,
# the files memviz writes.
noinst_LIBRARIES += src/common/libcommon.a
src_common_libcommon_a_SOURCES = \
	src/common/xmalloc.c src/common/xmalloc.h \
	src/common/arena.c src/common/arena.h \
	src/common/outfile.c src/common/outfile.h \
	src/common/sbuf.c src/common/sbuf.h \
	src/common/size.c src/common/size.h \
	src/common/strdist.c src/common/strdist.h \
	src/common/json.c src/common/json.h
