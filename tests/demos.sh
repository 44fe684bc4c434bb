#!/bin/sh
# demos.sh - every bundled demo passes --check, is found by --demo from
# the source tree, and is listed by --list-demos with its summary; the
# course's lessons come first, numbered 1..N in order, each 2 to 5
# minutes long at the default speed.
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
	line=$(printf '%s\n' "$list" | grep -E "^ *[0-9]*  $name +[0-9]+:[0-9][0-9] +[0-9]+ pauses  ")
	if [ -z "$summary" ] || [ "${line%"$summary"}" = "$line" ]; then
		echo "FAIL: --list-demos does not show '$name ... $summary'"
		fail=1
	fi
done
for name in buddy gfp tour; do
	[ -f "$srcdir/data/demos/$name.mvs" ] || {
		echo "FAIL: demo $name is missing"; fail=1; }
done
# The course: lessons 1..N first and in order (N: the demos whose
# header says "# lesson"), each 2:00 to 5:00.
lessons=$(printf '%s\n' "$list" | sed -n 's/^ *\([0-9][0-9]*\)  .*/\1/p' | tr '\n' ' ')
nlessons=$(cat "$srcdir"/data/demos/*.mvs | grep -c '^# lesson [0-9]')
[ "$nlessons" -ge 9 ] || { echo "FAIL: only $nlessons lessons"; fail=1; }
[ "$lessons" = "$(seq 1 "$nlessons" | tr '\n' ' ')" ] ||
    { echo "FAIL: lessons listed as '$lessons', not 1..$nlessons in order"; fail=1; }
printf '%s\n' "$list" | grep -E '^ *[0-9]+  ' | while read -r n name len rest; do
	secs=$(( ${len%%:*} * 60 + $(expr "${len#*:}" + 0) ))
	if [ "$secs" -lt 120 ] || [ "$secs" -gt 300 ]; then
		echo "FAIL: lesson $n ($name) lasts $len, not 2 to 5 minutes"
		exit 1
	fi
done || fail=1
if "$MEMVIZ" --check --demo no-such-demo 2>/dev/null; then
	echo "FAIL: --demo of a missing demo succeeded"
	fail=1
fi
exit $fail
