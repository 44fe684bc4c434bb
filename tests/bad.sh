#!/bin/sh
# bad.sh - every broken script under tests/bad/ must fail --check with
# exit status 2 and exactly the errors in its .err file.  GENERATE=1
# rewrites the .err files (review them before committing).
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
cd "$srcdir" || exit 99
fail=0
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
for f in tests/bad/*.mvs; do
	want=${f%.mvs}.err
	"$MEMVIZ" --check "$f" >/dev/null 2>"$tmp"
	status=$?
	if [ "$GENERATE" = 1 ]; then
		cp "$tmp" "$want"
		continue
	fi
	if [ $status -ne 2 ]; then
		echo "FAIL: $f: exit status $status, expected 2"
		fail=1
	fi
	if ! diff -u "$want" "$tmp"; then
		echo "FAIL: $f: errors differ from $want"
		fail=1
	fi
done
exit $fail
