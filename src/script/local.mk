# src/script: lexer, parser and interpreter of the demo language.
noinst_LIBRARIES += src/script/libscript.a
src_script_libscript_a_SOURCES = \
	src/script/script.h src/script/script-priv.h \
	src/script/lexer.c src/script/parser.c src/script/check.c \
	src/script/errors.c src/script/util.c src/script/interp.c \
	src/script/batch.c src/script/batch-json.c \
	src/script/show-json.c src/script/complete.c src/script/seek.c \
	src/script/stmt-table.c src/script/stmt-kernel.c \
	src/script/stmt-user.c src/script/stmt-present.c \
	src/script/stmt-kmem.c \
	src/script/stmt-cpu.c \
	src/script/stmt-show.c src/script/stream.c
