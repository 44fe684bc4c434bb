#!/bin/sh
# tmux-panel.sh - the detail panel in a real terminal: the bytes a read
# returns stay on screen as text through the pause after it (the kzalloc
# lesson's key, then a small script's), a kzalloc's memset shows as a
# block of 00, and vmalloc(64K) at 80x24 draws its 16 virtual pages,
# each label again in the physical strip.  Every wait polls the pane
# (tests/tmux-lib.sh).  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-panel-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

# The strip of the mapping picture: the rows between the virtual pages
# and the summary, from the column the page labels start in to the
# panel's right border (the grid beside it has digits of its own).
strip() {
	$T capture-pane -t $S -p | awk '
	    !on && (i = index($0, "0 1 2 3")) { on = 1; col = i; next }
	    on && / pages, / { exit }
	    on { t = substr($0, col); sub(/[│|].*$/, "", t); print t }'
}

# Every label of a 16-page area, 0 to f, once in the strip.
check_labels() {
	s=$(strip)
	for l in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do
		n=$(printf '%s\n' "$s" | tr -cd "$l" | wc -c)
		[ "$n" -eq 1 ] || fail "label $l is in the strip $n times: $s"
	done
}

# 1. The kzalloc lesson, instantly to its first pause: the read's bytes
# are the key, as text, while the lesson waits.
start 80 24 "$MEMVIZ $DEMOS/kzalloc.mvs"
wait_for 'RAM 16M'
$T send-keys -t $S + + + + + +
wait_for 'pause 1 of [0-9]+'
wait_for 'read\(key, 0, 32\): 32 bytes read'
wait_for '\|SECRET-K\|'
wait_for '\|EY-SECRE\|'
tmux_end $S

# 2. A small script at its own speed: the leaked key stays through the
# sleep and the caption to the pause; vmalloc(64K) draws 16 labelled
# pages; kzalloc's zeroes replace the key.
cat >"$TMP/panel.mvs" <<'MVS'
machine ram=16M seed=1 fragment=60% init_on_alloc=0
key = kmalloc(64, GFP_KERNEL)
write(key, 0, 64, "SECRET-KEY-")
kfree(key)
leak = kmalloc(64, GFP_KERNEL)
read(leak, 0, 64)
sleep 1s
say "And it can read the key."
pause
kfree(leak)
v = vmalloc(64K)
pause
clean = kzalloc(40, GFP_KERNEL)
pause
MVS
start 80 24 "$MEMVIZ $TMP/panel.mvs"
wait_for 'pause 1 of 3'
wait_for 'read\(leak, 0, 64\): 64 bytes read'
wait_for '\|SECRET-K\|'
$T send-keys -t $S Space
wait_for 'pause 2 of 3'
wait_for 'vmalloc v +ffffc90000000000 \+64K'
wait_for '0 1 2 3 4 5 6 7 8 9 a b c d e f'
# neighbours from the kernel's own pageblocks: often one run
wait_for '16 pages, 16 frames in ([0-9]+ runs|one run)'
check_labels
$T send-keys -t $S Space
wait_for 'pause 3 of 3'
wait_for 'kzalloc\(40, GFP_KERNEL\)'
wait_for '\+24 00 00 00 00 00 00 00 00 \|\.{8}\|'
$T capture-pane -t $S -p | grep -q 'SECRET' && fail "the key survived kzalloc"
tmux_end $S

# 3. A larger terminal: the same picture, more room for the strip.
start 128 40 "$MEMVIZ --from 2 $TMP/panel.mvs"
wait_for 'pause 2 of 3'
wait_for '0 1 2 3 4 5 6 7 8 9 a b c d e f'
check_labels
tmux_end $S
exit 0
