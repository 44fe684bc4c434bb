#!/bin/sh
# golden.sh - each bundled demo's --batch --events output (and exit
# status) must equal tests/golden/NAME.out, and two runs must give the
# same bytes.  GENERATE=1 (make golden) rewrites the golden files.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
cd "$srcdir" || exit 99
fail=0
a=$(mktemp) && b=$(mktemp) || exit 99
trap 'rm -f "$a" "$b"' EXIT
run() {
	"$MEMVIZ" --batch --events "$1" >"$2" 2>&1
	echo "# exit status $?" >>"$2"
}
for f in data/demos/*.mvs; do
	name=$(basename "$f" .mvs)
	want=tests/golden/$name.out
	run "$f" "$a"
	run "$f" "$b"
	if ! cmp -s "$a" "$b"; then
		echo "FAIL: $f: two runs differ (the machine is not deterministic)"
		fail=1
	fi
	if [ "$GENERATE" = 1 ]; then
		cp "$a" "$want" && echo "wrote $want"
		continue
	fi
	if [ ! -f "$want" ]; then
		echo "FAIL: $want is missing: run 'make golden' and review it"
		fail=1
	elif ! diff -u "$want" "$a" >/dev/null; then
		diff -u "$want" "$a" | head -40
		echo "FAIL: $f: output differs from $want ('make golden' if intended)"
		fail=1
	fi
done
exit $fail
