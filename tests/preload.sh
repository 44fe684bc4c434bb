#!/bin/sh
# preload.sh - replays the malloc traces of real programs under
# tests/preload (captured with the malloc-log.so shim, see its README)
# and compares every pointer each call got with memviz's: the same
# offset from the heap's start, or both mmapped.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for f in "$srcdir"/tests/preload/*.trace; do
	b=$(basename "$f" .trace)
	"$MEMVIZ" --import ltrace "$f" >"$tmp/$b.mvs" 2>"$tmp/$b.err" ||
		{ echo "FAIL: --import ltrace $f"; fail=1; continue; }
	echo "show maps" >>"$tmp/$b.mvs"
	tun=$(sed -n 's/^--- GLIBC_TUNABLES \(.*\) ---$/\1/p' "$f")
	"$MEMVIZ" --tunables="$tun" --batch "$tmp/$b.mvs" >"$tmp/$b.out" 2>&1 ||
		{ echo "FAIL: memviz --batch on $b's script"; fail=1; continue; }
	if awk -v name0="$b" -f "$srcdir/tests/preload/compare.awk" \
	    "$f" "$tmp/$b.out"; then
		echo "PASS: $b"
	else
		echo "FAIL: $b"
		fail=1
	fi
done
exit $fail
