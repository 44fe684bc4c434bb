#!/bin/sh
# man.sh - both manual pages format with no groff warning at all.
srcdir=${srcdir:-.}
command -v "${GROFF_PROG:=groff}" >/dev/null 2>&1 || { echo "groff not found"; exit 77; }
fail=0
for page in memviz.1 memviz-script.5; do
	out=$("$GROFF_PROG" -man -ww -z "$srcdir/man/$page" 2>&1)
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
		echo "FAIL: $page has groff warnings"
		fail=1
	fi
done
exit $fail
