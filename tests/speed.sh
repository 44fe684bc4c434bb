#!/bin/sh
# speed.sh - --speed NAME: the names --help lists are the player's, each
# is in memviz(1), a wrong one is bad usage (2), and a recording made off
# screen at --speed fast is shorter than the same one at normal (the
# default), which is as long as one made without --speed.
set -u
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

names=$("$MEMVIZ" --help | sed -n '/^Speeds (--speed)/{n;p;}' |
    sed 's/ (default)//')
set -- $names
[ $# -ge 4 ] || no "--help lists the speeds '$names'"
printf '%s\n' "$names" | grep -q ' normal (default)' &&
    no "the default is not marked apart"
"$MEMVIZ" --help | grep -q ' normal (default)' || no "normal is not the default"
man=$(sed -n '/^\.BI \\-\\-speed/,/^\.TP/p' "$srcdir/man/memviz.1")
for s in $names; do
	printf '%s\n' "$man" | grep -q "^\.BR* $s\( ,\)*\$" ||
	    no "memviz(1)'s --speed does not name $s"
	"$MEMVIZ" --speed "$s" --check --demo buddy >/dev/null 2>&1 ||
	    no "--speed $s is refused"
done
"$MEMVIZ" --speed warp --check --demo buddy >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] || no "--speed warp is not bad usage"
grep -q "expected one of $(echo $names | sed 's/ /, /g')\$" "$TMP/err" ||
    no "the error does not list the speeds: $(cat "$TMP/err")"

# The length of a recording: the time of its last event, in ms.
cast_ms() {
	(cd "$TMP" && "$MEMVIZ" "$@" --demo buddy --size 80x24 \
	    --export-cast c.cast </dev/null >/dev/null 2>err) ||
	    no "$*: $(cat "$TMP/err")"
	tail -1 "$TMP/c.cast" | sed 's/^\[\([0-9]*\)\.\([0-9]*\),.*/\1\2/'
}
fast=$(cast_ms --speed fast)
normal=$(cast_ms --speed normal)
plain=$(cast_ms)
[ "$fast" -lt "$normal" ] || no "fast ($fast ms) is not shorter than normal ($normal ms)"
[ "$normal" -eq "$plain" ] || no "normal ($normal ms) is not the default ($plain ms)"
slow=$(cast_ms --speed slow)
[ "$slow" -gt "$normal" ] || no "slow ($slow ms) is not longer than normal"
exit $fail
