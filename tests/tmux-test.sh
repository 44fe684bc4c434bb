#!/bin/sh
# tmux-test.sh - drives memviz in a real terminal, as a person would:
# start the explorer, run a kmalloc at the prompt and check the object in
# the slab view and its frame highlighted in the grid, replay a demo to
# its end, resize (down to a too-small terminal and back), zoom, quit,
# and check the terminal came back.  Every wait polls capture-pane for
# the expected text (as tmux's regress/screen-redraw-bidi.sh does).
# Skipped (77) without tmux.
set -u

command -v "${TMUX_PROG:=tmux}" >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMO=$(cd "$srcdir" && pwd)/data/demos/kmalloc.mvs
SOCK=memviz-test-$$
S=mv

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; }
trap cleanup EXIT

# The RAM grid has a frame on the selection's white background (memmap
# frames, the only other cells on white, are 'M').
highlighted() {
	$T capture-pane -t $S -p -e | grep -Eq '(47|48;5;255)m[^M]'
}

# 1. The explorer at 80x24: all four views and the hint line.
tmux_new 80 24 "$MEMVIZ"
wait_for 'memviz explorer'
wait_for 'RAM 64M'
wait_for 'slab'
wait_for 'vmalloc'
wait_for 'user process'

# 2. A kmalloc from the prompt (at instant speed, so the screen settles
# at once): the object is in the slab view ...
$T send-keys -t $S + + + +
wait_for '\| instant \|'
$T send-keys -t $S ':' 
wait_for '^:'
$T send-keys -t $S 'x = kmalloc(100, GFP_KERNEL)' Enter
wait_for 'x = kmalloc\(100, GFP_KERNEL\) -> 0xffff8880'
wait_for 'kmalloc-128 1/32 obj, req 100/128B'
# ... and its frame is highlighted (the selection's white background) in
# the grid, zoomed full screen so nothing else is on it; memmap frames,
# the only other cells on white, are 'M'.
$T send-keys -t $S Z
wait_gone 'kmalloc-128 1/32'
poll 60 "no highlighted frame in the RAM grid" highlighted
$T send-keys -t $S Z
wait_for 'kmalloc-128 1/32'

# 3. The inspector names the object and its frame.
$T send-keys -t $S i
wait_for 'cache kmalloc-128, object'
wait_for 'frames: '
$T send-keys -t $S i
wait_gone 'cache kmalloc-128, object'

# 4. Resize: larger, too small, back.
$T resize-window -t $S -x 200 -y 60
wait_for 'user process.*rss'
$T resize-window -t $S -x 20 -y 5
wait_for 'need 30x8'
$T resize-window -t $S -x 100 -y 30
wait_for 'RAM 64M'
wait_for 'kmalloc-128 1/32'

# 5. Zoom a view by focus, help overlay, then quit.
$T send-keys -t $S Tab Tab Z
wait_for 'vmalloc  1 areas|vmalloc  0 areas'
wait_gone 'RAM 64M'
$T send-keys -t $S Z '?'
wait_for 'memviz keys'
$T send-keys -t $S Escape
wait_gone 'memviz keys'
# A show wider than the terminal (slabinfo's header is 150 columns at
# 100) scrolls sideways; Escape closes it.
$T send-keys -t $S ':'
wait_for '^:'
$T send-keys -t $S 'show slabinfo' Enter
wait_for 'more columns'
wait_gone 'pagesperslab> : tunables <limit> <batchcount>'
$T send-keys -t $S Right Right Right Right Right Right
wait_for 'pagesperslab> : tunables <limit> <batchcount>'
$T send-keys -t $S Escape
wait_gone 'more columns'
$T send-keys -t $S q
wait_exit 0
[ "$($T display -p -t $S '#{alternate_on}')" = 0 ] ||
    fail "the terminal was left in the alternate screen"
tmux_end $S

# 6. Replay a demo to its end at the fastest speed, answering pauses.
# Each key is sent once for what holds the replay, then the test waits
# until that is gone: a second Space, sent before memviz has drawn the
# first, would stop the replay.
tmux_new 80 24 "$MEMVIZ $DEMO"
wait_for 'RAM 16M'
$T send-keys -t $S + + + + + +
replay_end=$(($(date +%s) + 120))
while screen_lacks 'end of the script'; do
	[ "$(date +%s)" -lt $replay_end ] ||
	    fail "the replay did not reach its end in 120s"
	screen=$($T capture-pane -t $S -p)
	p=$(printf '%s\n' "$screen" | grep -o 'pause [0-9]* of [0-9]*: look around')
	# the status line's state, e.g. " PAUSE | instant | pause 2/6 | op 17"
	held=$(printf '%s\n' "$screen" |
	    grep -o ' PAUSE | [a-z]* | pause [0-9]*/[0-9]* | op [0-9]*' |
	    sed 's/|/\\|/g')
	if [ -n "$p" ]; then
		$T send-keys -t $S Space
		wait_gone "$p"
	elif printf '%s\n' "$screen" | grep -q 'where? move the cursor'; then
		$T send-keys -t $S Enter	# a predict question: guess
		wait_gone 'where\? move the cursor'
	elif [ -n "$held" ]; then
		$T send-keys -t $S Space	# held on a verdict
		wait_gone "$held"
	else
		sleep 0.05
	fi
done
# The demo ends with `show slabinfo`: its overlay is open; a key closes it.
wait_for 'slabinfo - version'
$T send-keys -t $S Escape
wait_gone 'slabinfo - version'
$T send-keys -t $S q
wait_exit 0

# 7. SIGTERM restores the terminal too.
tmux_end $S
tmux_new 80 24 "$MEMVIZ"
wait_for 'memviz explorer'
pid=$($T display -p -t $S '#{pane_pid}')
pkill -TERM -P "$pid" -x memviz 2>/dev/null || kill -TERM "$(pgrep -P "$pid" memviz)"
wait_exit 1
[ "$($T display -p -t $S '#{alternate_on}')" = 0 ] ||
    fail "SIGTERM left the terminal in the alternate screen"

# 8. A crash (SIGSEGV) restores the terminal before the process dies.
tmux_end $S
tmux_new 80 24 "$MEMVIZ"
wait_for 'memviz explorer'
pid=$($T display -p -t $S '#{pane_pid}')
kill -SEGV "$(pgrep -P "$pid" memviz)" || fail "no memviz to crash"
wait_for 'memviz: crashed; the terminal was restored'
wait_exit '139|1'
[ "$($T display -p -t $S '#{alternate_on}')" = 0 ] ||
    fail "a crash left the terminal in the alternate screen"
echo "PASS"
exit 0
