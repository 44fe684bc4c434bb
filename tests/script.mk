# Suites for the script area: lexer, parser, interpreter; the broken
# script corpus, demo checks, golden batch outputs, the man pages.
check_PROGRAMS += tests/check_lexer tests/check_parser tests/check_interp
tests_check_lexer_SOURCES = tests/check_lexer.c
tests_check_lexer_CFLAGS = $(TEST_CFLAGS)
tests_check_lexer_LDADD = $(TEST_LIBS)
tests_check_parser_SOURCES = tests/check_parser.c
tests_check_parser_CFLAGS = $(TEST_CFLAGS) \
	-DTEST_MANDIR='"$(abs_top_srcdir)/man"'
tests_check_parser_LDADD = $(TEST_LIBS)
tests_check_interp_SOURCES = tests/check_interp.c
tests_check_interp_CFLAGS = $(TEST_CFLAGS)
tests_check_interp_LDADD = $(TEST_LIBS)
TESTS += tests/check_lexer tests/check_parser tests/check_interp

# Shell tests run ./memviz from the build directory on files under
# $srcdir (the harness exports srcdir) and use the in-tree demos.
TESTS += tests/bad.sh tests/demos.sh tests/golden.sh tests/cmdline.sh \
	tests/man.sh tests/cast.sh tests/completion.sh
dist_noinst_SCRIPTS += tests/bad.sh tests/demos.sh tests/golden.sh \
	tests/cmdline.sh tests/man.sh tests/cast.sh tests/completion.sh
EXTRA_DIST += tests/bad tests/golden

# --batch --json: every demo's lines parse with jq and agree with the
# text output; kzalloc's output against tests/golden/kzalloc.jsonl.
TESTS += tests/json.sh
dist_noinst_SCRIPTS += tests/json.sh
# --export-svg: a demo's pauses as SVG, valid XML, the text of the screen.
TESTS += tests/svg.sh
dist_noinst_SCRIPTS += tests/svg.sh

# Lesson 9's captions against what the machine does, on 6.1 and 6.12.
TESTS += tests/pcp-lesson.sh
dist_noinst_SCRIPTS += tests/pcp-lesson.sh

# Regenerates tests/golden/*.out from the demos, on purpose only.
golden: memviz
	GENERATE=1 srcdir=$(srcdir) $(SHELL) $(srcdir)/tests/golden.sh
.PHONY: golden

# Seeking through checkpoints equals a straight replay.
check_PROGRAMS += tests/check_seek
tests_check_seek_SOURCES = tests/check_seek.c
tests_check_seek_CFLAGS = $(TEST_CFLAGS)
tests_check_seek_LDADD = $(TEST_LIBS)
TESTS += tests/check_seek

# A script of two million statements and more, generated on the fly and
# piped to `memviz --batch -`, runs to its end in bounded memory.
check_PROGRAMS += tests/stream-test
tests_stream_test_SOURCES = tests/stream-test.c
TESTS += tests/stream-test

# --speed NAME: the player's names in --help and memviz(1), and a
# recording made at a faster speed is shorter.
TESTS += tests/speed.sh
dist_noinst_SCRIPTS += tests/speed.sh

# The zsh completion in an interactive zsh (skipped without zsh).
TESTS += tests/zsh-completion.sh
dist_noinst_SCRIPTS += tests/zsh-completion.sh
EXTRA_DIST += tests/completion-lib.sh
