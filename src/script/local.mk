# src/script: lexer, parser and interpreter of the demo language.
noinst_LIBRARIES += src/script/libscript.a
src_script_libscript_a_SOURCES = \
	src/script/script.c src/script/script.h
