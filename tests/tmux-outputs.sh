#!/bin/sh
# tmux-outputs.sh - the interactive mode's output files and its prompt,
# in a real terminal: a statement of 2000 characters pasted at the `:`
# prompt runs whole; a --record whose directory vanishes mid-session says
# so on the screen, again after the terminal is restored, and exits 3
# (memviz(1), EXIT STATUS); a full device (/dev/full) fails the same way
# at the end; an --export-text FIFO's reader gets the screen, written in
# place.  Every wait polls capture-pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-outputs-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

# 1. A 2000-character statement, typed at the prompt, runs whole (the
# prompt once kept 511 characters and the parser then failed at 512).
# The recording's directory then disappears: the next write fails, on
# the screen, and at exit with status 3.
mkdir "$TMP/rec"
start 100 30 "$MEMVIZ --record $TMP/rec/s.mvs"
wait_for 'memviz explorer'
long=$(awk 'BEGIN {
	s = "a = kmalloc("
	for (i = 0; i < 900; i++) s = s "0+"
	s = s "100, GFP_KERNEL)"
	pad = ""
	while (length(s) + length(pad) < 2000) pad = pad " "
	sub(/\(/, "(" pad, s)
	print s
}')
[ ${#long} -eq 2000 ] || fail "the statement is ${#long} characters"
$T send-keys -t $S :
wait_for '^:'
$T send-keys -t $S -l "$long"
$T send-keys -t $S Enter
wait_for 'kmalloc-128 1/32'
screen_lacks 'error' || fail "the long statement gave an error"
poll 30 "the recording lacks the long statement" \
    grep -q '^a = kmalloc(  *0+0+.*+100, GFP_KERNEL)$' "$TMP/rec/s.mvs"
rm -rf "$TMP/rec"
$T send-keys -t $S :
wait_for '^:'
$T send-keys -t $S -l 'b = kmalloc(64, GFP_KERNEL)'
$T send-keys -t $S Enter
wait_for "recording stopped: $TMP/rec/s.mvs: No such file"
$T send-keys -t $S q
wait_exit 3
wait_for "^memviz: recording stopped: $TMP/rec/s.mvs: No such file"

# 2. A full device: the export and the recording are written at the end
# (a device cannot be rewritten), fail there, and memviz exits 3.
start 80 24 "$MEMVIZ --record /dev/full --export-text /dev/full $DEMOS/vmalloc.mvs"
wait_for 'PAUSE'
$T send-keys -t $S q
wait_exit 3
wait_for '^memviz: recording stopped: /dev/full: No space left on device'
wait_for '^memviz: export failed: /dev/full: No space left on device'

# 3. A FIFO: its reader gets the final screen; no FIFO.tmp, exit 0.
mkfifo "$TMP/fifo" || fail "mkfifo"
cat "$TMP/fifo" >"$TMP/fifo.txt" &
reader=$!
start 80 24 "$MEMVIZ --export-text $TMP/fifo $DEMOS/vmalloc.mvs"
wait_for 'PAUSE'
$T send-keys -t $S q
wait_exit 0
poll 30 "the FIFO's reader did not finish" eval '! any_alive $reader'
grep -q 'RAM 16M 4096 frames' "$TMP/fifo.txt" ||
    fail "the FIFO's reader did not get the screen"
[ -p "$TMP/fifo" ] && [ ! -e "$TMP/fifo.tmp" ] ||
    fail "the FIFO was replaced"
echo PASS
