#!/bin/sh
# tmux-grid.sh - nothing recent disappears in the RAM grid: on the
# explorer's machine at 80x24 (32 frames a cell) with nothing selected,
# the cells holding a new vmalloc area's frames, and a heap's
# frames after malloc and write, look different after the statement than
# before it; and the cells a step changed stay marked until the next
# step (a write changes no owner, only the marks).  Every wait polls
# the pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
SOCK=memviz-grid-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

# The RAM grid's rows: inside the left box, above the buddyinfo lines
# (with -e, their attributes too).
grid() {
	$T capture-pane -t $S -p $1 | sed -n '2,$p' |
	    awk -F'│' '/DMA /{exit} {print $2}' >"$TMP/$2"
	[ -s "$TMP/$2" ] || fail "no grid captured"
}

# How many cells of the grid show glyph $2.
glyphs() {
	grep -o "$2" "$TMP/$1" | wc -l
}

statement() {
	$T send-keys -t $S ':'
	wait_for '^:'
	$T send-keys -t $S "$1" Enter
	wait_for "$2"
}

tmux_new 80 24 "$MEMVIZ"
wait_for 'memviz explorer'
wait_for 'RAM 64M 16384 frames 32/cell'
$T send-keys -t $S + + + +	# instant: each statement settles at once
wait_for '\| instant \|'

# 1. vmalloc: 16 frames; each cell holding one shows v.
grid "" v0
[ "$(glyphs v0 v)" -eq 0 ] || fail "a vmalloc frame before any vmalloc"
statement 'v = vmalloc(256K)' 'v = vmalloc\(256K\) -> 0xffffc9'
grid "" v1
cmp -s "$TMP/v0" "$TMP/v1" && fail "vmalloc(256K) changed no cell of the grid"
# The 64 frames come from the CPU's per-CPU list (alloc_pages_bulk()),
# neighbours split from the kernel's own pageblocks, so at 32 frames a
# cell they fill at least one cell alone (a cell they share with the
# slab page just made shows that rarer owner).
[ "$(glyphs v1 v)" -ge 1 ] ||
    fail "vmalloc's frames are not shown: $(glyphs v1 v) cells"

# 2. malloc then write: the heap's touched frames show as u ...
grid "" m0
u0=$(glyphs m0 u)
statement 'p = malloc(1000)' 'p = malloc\(1000\) -> 0x5555'
grid "" m1
grid -e m1e
cmp -s "$TMP/m0" "$TMP/m1" && fail "malloc(1000) changed no cell of the grid"
[ "$(glyphs m1 u)" -gt "$u0" ] || fail "the heap's frames are not shown"
# ... and the write, which gives no frame a new owner, moves the marks
# from malloc's frames to the one written.
statement 'write(p, 0, 1000)' 'write\(p, 0, 1000\) -> ok'
grid "" m2
grid -e m2e
cmp -s "$TMP/m1" "$TMP/m2" || fail "write changed an owner in the grid"
cmp -s "$TMP/m1e" "$TMP/m2e" && fail "the cells write changed are not marked"

$T send-keys -t $S q
wait_for 'MEMVIZ-EXIT=0'
echo "PASS"
exit 0
