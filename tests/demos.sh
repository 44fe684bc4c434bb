#!/bin/sh
# demos.sh - every bundled demo passes --check, is found by --demo from
# the source tree, and is listed by --list-demos with its summary.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
MEMVIZ_DEMO_DIR=$srcdir/data/demos
export MEMVIZ_DEMO_DIR
fail=0
list=$("$MEMVIZ" --list-demos) || { echo "FAIL: --list-demos"; exit 1; }
for f in "$srcdir"/data/demos/*.mvs; do
	name=$(basename "$f" .mvs)
	if ! "$MEMVIZ" --check "$f"; then
		echo "FAIL: $f does not pass --check"
		fail=1
	fi
	if ! "$MEMVIZ" --check --demo "$name"; then
		echo "FAIL: --demo $name not found"
		fail=1
	fi
	summary=$(sed -n 's/^# *//p' "$f" | head -1)
	if [ -z "$summary" ] || ! printf '%s\n' "$list" |
	    grep -qxF "$(printf '%-12s %s' "$name" "$summary")"; then
		echo "FAIL: --list-demos does not show '$name  $summary'"
		fail=1
	fi
done
for name in buddy gfp tour; do
	[ -f "$srcdir/data/demos/$name.mvs" ] || {
		echo "FAIL: demo $name is missing"; fail=1; }
done
if "$MEMVIZ" --check --demo no-such-demo 2>/dev/null; then
	echo "FAIL: --demo of a missing demo succeeded"
	fail=1
fi
exit $fail
