#!/bin/sh
# tmux-slab-strip.sh - a slab's strip keeps the object of interest in
# view.  With a randomised freelist (the 6.x profile, as Debian's
# kernels) kmalloc(64) lands at object 41 of its slab, past the 30
# cells an 80-column slab view has room for: the strip then shows the
# window holding it ("…" at both ends) with the object at its cell, and
# a click on a cell of that window selects the object drawn there.  At
# 200 columns the whole slab fits and the object is at column 41.
# Every wait polls capture-pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
SOCK=memviz-strip-$$
S=mvstrip
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

printf 'machine ram=64M\nc = kmalloc(64, GFP_KERNEL)\n' >"$TMP/s.mvs"
addr=$("$MEMVIZ" --batch "$TMP/s.mvs" |
    sed -n 's/^c = kmalloc(64, GFP_KERNEL) -> 0x\([0-9a-f]*\) .*/\1/p')
[ -n "$addr" ] || fail "no address in the batch output"
low=0x${addr#${addr%????????}} # the low 32 bits: shells' arithmetic is signed
pfn=$(printf '%x' $((low >> 12)))
index=$(((low & 0xfff) / 64))
[ "$index" -ge 30 ] ||
    fail "object $index is not past 30 cells: this test shows nothing"

# The strip after "   PFN*" on the slab's line, up to the box's edge.
strip() {
	$T capture-pane -t "$S" -p | grep "│ *$pfn[* ]" | head -1 |
	    sed "s/.*│ *$pfn[* ]//; s/│.*//"
}

tmux_new 200 50 "$MEMVIZ --speed=instant $TMP/s.mvs"
wait_for 'stopped \| instant \| op 2/2'
s=$(strip)
[ "$(printf '%s' "$s" | cut -c$((index + 1)))" = 0 ] ||
    fail "200 columns: object $index is not the 0 cell of '$s'"
tmux_end "$S"

S=mvstrip2
tmux_new 80 24 "$MEMVIZ --speed=instant $TMP/s.mvs"
wait_for 'stopped \| instant \| op 2/2'
s=$(strip)
# Window 1 of a 30-cell strip: "…", objects 29 to 56, "…".
case $s in
…*) ;;
*) fail "80 columns: the strip '$s' does not start with …" ;;
esac
cell=$((index - 29 + 1)) # after the "…"
[ "$(printf '%s' "${s#…}" | cut -c$cell)" = 0 ] ||
    fail "80 columns: object $index is not at cell $cell after … in '$s'"
# Click the first object of the window (object 29) and see it selected:
# the slab box starts at column 41, right of the 40-column RAM grid;
# its slab line is " %6x" and a mark (8 columns), then "…", object 29.
line=$($T capture-pane -t "$S" -p | grep -n "│ *$pfn[* ]" | head -1 | cut -d: -f1)
col=$((41 + 8 + 2))
$T send-keys -t "$S" -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$col" "$line" "$col" "$line")"
# The clicked cell is drawn in the selection's colours: an attribute
# change between "…" and its ".", where the unselected dots share one.
esc=$(printf '\033')
selected() {
	$T capture-pane -t "$S" -p -e | sed -n "${line}p" |
	    grep -q "…$esc\[[0-9;]*m.*\.$esc\["
}
poll 60 "the clicked object is not drawn selected" selected
$T send-keys -t "$S" i
wait_for "cache kmalloc-64, object 29, size 64"
wait_for "$(printf '%x' $(((low & ~0xfff) + 29 * 64)))"
exit 0
