# src/import: real traces (ltrace, ftrace kmem events) into scripts.
noinst_LIBRARIES += src/import/libimport.a
src_import_libimport_a_SOURCES = \
	src/import/import.h src/import/import-priv.h \
	src/import/import.c src/import/import-map.c \
	src/import/import-ltrace.c src/import/import-ltrace.h \
	src/import/import-ltrace-more.c src/import/import-ftrace.c \
	src/import/import-cmd.c
