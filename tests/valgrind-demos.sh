#!/bin/sh
# valgrind-demos.sh - memviz --batch on every bundled demo under valgrind
# memcheck: no error and no leak (definite or indirect).  Skipped (77)
# where valgrind is missing or cannot run this build (an ASan binary).
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
VG="valgrind --quiet --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect"
command -v valgrind >/dev/null 2>&1 || { echo "no valgrind"; exit 77; }
$VG "$MEMVIZ" --version >/dev/null 2>&1 ||
	{ echo "valgrind cannot run this build"; exit 77; }
log=$(mktemp) || exit 99
trap 'rm -f "$log"' EXIT
fail=0
for f in "$srcdir"/data/demos/*.mvs; do
	$VG "$MEMVIZ" --batch "$f" >/dev/null 2>"$log"
	status=$?
	# 0, or 1 when the demo shows a failure it did not announce
	if [ $status -gt 1 ]; then
		echo "FAIL: $f: exit status $status under valgrind"
		tail -n 30 "$log"
		fail=1
	else
		echo "ok - $f"
	fi
done
exit $fail
