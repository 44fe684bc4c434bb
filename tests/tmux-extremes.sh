#!/bin/sh
# tmux-extremes.sh - the terminal at its limits: a replay keeps animating
# while the window is resized from 1x1 to 1000x300 and back, and the
# explorer runs a kmalloc and quits cleanly under valgrind memcheck (no
# error, no definite leak).  Skipped (77) without tmux; the valgrind part
# is skipped without valgrind or in a sanitizer build.
set -u

command -v "${TMUX_PROG:=tmux}" >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMO=$(cd "$srcdir" && pwd)/data/demos/vmalloc.mvs
SOCK=memviz-ext-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

alive() {
	pid=$($T display -p -t $S '#{pane_pid}')
	pgrep -P "$pid" -f memviz >/dev/null || fail "memviz died: $1"
}

# Whether memviz, still alive, has drawn at the new size: the pane's
# line $2 (1 the top, 0 the bottom) holds $3, which the screen of the
# size before does not.
drawn() {
	alive "at $1"
	$T capture-pane -t $S -p | if [ "$2" = 0 ]; then tail -n 1; else
	    sed -n "$2p"; fi | grep -Eq -- "$3"
}

# 1. Resizes while a replay animates, down to 1x1 and up to 1000x300.
# At each size the test waits until memviz has drawn there: too small,
# the start of "need 30x8", else the status line at the bottom, its op
# count at the right edge from 70 columns on.  The demo goes on to its
# first pause under the /proc/buddyinfo overlay.
tmux_new 80 24 "$MEMVIZ $DEMO"
wait_for 'RAM '
for step in '1x1 1 ^n$' '2x3 1 ^ne$' '29x7 1 ^need 30x8$' \
    '30x8 0 ^ space play' '1000x300 0 op [0-9/]+ ' '300x90 0 op [0-9/]+ ' \
    '7x200 1 ^need 30$' '80x24 0 op [0-9/]+ '; do
	size=${step%% *}
	line=${step#* }
	line=${line%% *}
	$T resize-window -t $S -x "${size%x*}" -y "${size#*x}"
	poll 60 "memviz did not draw at $size" drawn "$size" "$line" \
	    "${step#* * }"
done
wait_for 'RAM '
# The replay went on through the resizes, to `show buddyinfo`; its
# overlay would take a q.  A key closes it (and reads on past the pause
# after it, if there yet); the next overlay comes after the first
# predict question, which waits for an answer, so q quits.
wait_for 'Node 0, zone +DMA'
$T send-keys -t $S Escape
wait_gone 'Node 0, zone'
$T send-keys -t $S q
wait_exit 0
tmux_end $S

# 2. The explorer under valgrind: a kmalloc at the prompt, then q.
# valgrind cannot run a sanitizer build (clang links the runtime in
# statically, so ldd does not show it): try it, as valgrind-demos.sh does.
if ! command -v valgrind >/dev/null 2>&1 ||
    ! valgrind --quiet "$MEMVIZ" --version >/dev/null 2>&1; then
	echo "PASS (valgrind part skipped)"
	exit 0
fi
tmux_new 80 24 "valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --log-file=$TMP/vg.log $MEMVIZ"
wait_for 'memviz explorer' 120
$T send-keys -t $S : 'a = kmalloc(100, GFP_KERNEL)' Enter
wait_for 'kmalloc-128 1/32' 120
$T send-keys -t $S q
poll 120 "memviz under valgrind did not exit" exited
[ "$(exit_status)" = 0 ] || { cat "$TMP/vg.log"; wait_exit 0; }
grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg.log" ||
    { cat "$TMP/vg.log"; fail "valgrind found errors in the interactive mode"; }
grep -q 'definitely lost: [1-9]' "$TMP/vg.log" &&
    { cat "$TMP/vg.log"; fail "the interactive mode leaks"; }
echo "PASS"
exit 0
