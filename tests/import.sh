#!/bin/sh
# import.sh - memviz --import on every trace under tests/import: the
# script (stdout and -o give the same bytes) must equal TRACE.mvs, the
# messages TRACE.err, and the script must pass --check and run to its end
# in --batch with exit 0.  Also the exit statuses of bad usage.
# GENERATE=1 (make import-expected) rewrites TRACE.mvs and TRACE.err.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
cd "$srcdir" || exit 99
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# compare WANT GOT WHAT: the expected file, or write it with GENERATE=1.
compare() {
	if [ "$GENERATE" = 1 ]; then
		cp "$2" "$1" && echo "wrote $1"
	elif [ ! -f "$1" ]; then
		echo "FAIL: $1 is missing: run 'make import-expected' and review it"
		fail=1
	elif ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -30
		echo "FAIL: $3 differs from $1"
		fail=1
	fi
}

for f in tests/import/*.ltrace tests/import/*.trace tests/import/*.report; do
	case $f in *.ltrace) fmt=ltrace ;; *) fmt=ftrace ;; esac
	base=$f
	"$MEMVIZ" --import $fmt "$f" >"$tmp/out.mvs" 2>"$tmp/out.err"
	st=$?
	if [ $st -ne 0 ]; then
		echo "FAIL: --import $fmt $f: exit status $st"
		fail=1
	fi
	compare "$base.mvs" "$tmp/out.mvs" "the script of $f"
	compare "$base.err" "$tmp/out.err" "the messages of $f"
	"$MEMVIZ" --import $fmt "$f" -o "$tmp/o.mvs" 2>/dev/null
	cmp -s "$tmp/out.mvs" "$tmp/o.mvs" ||
	    { echo "FAIL: $f: -o and stdout differ"; fail=1; }
	"$MEMVIZ" --check "$tmp/out.mvs" ||
	    { echo "FAIL: the script of $f fails --check"; fail=1; }
	"$MEMVIZ" --batch "$tmp/out.mvs" >"$tmp/batch" 2>&1 ||
	    { echo "FAIL: the script of $f fails in --batch:";
	      tail -3 "$tmp/batch"; fail=1; }
done

status() {	# status WANT DESCRIPTION COMMAND...
	want=$1 what=$2
	shift 2
	"$@" >/dev/null 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: $what: exit status $got, expected $want"
		fail=1
	fi
}
status 2 "unknown format" "$MEMVIZ" --import strace tests/import/single.ltrace
status 2 "unreadable file" "$MEMVIZ" --import ltrace /nonexistent/x.ltrace
status 2 "no file" "$MEMVIZ" --import ltrace
printf 'not\0text\n' >"$tmp/bin.dat"
status 2 "binary file" "$MEMVIZ" --import ftrace "$tmp/bin.dat"
status 2 "nothing to import" "$MEMVIZ" --import ftrace tests/import/single.ltrace
status 0 "standard input" sh -c \
    "'$MEMVIZ' --import ltrace - <tests/import/single.ltrace"
"$MEMVIZ" --import ltrace tests/import/single.ltrace -o /nonexistent/x.mvs \
    2>/dev/null && { echo "FAIL: -o into a missing directory"; fail=1; }
exit $fail
