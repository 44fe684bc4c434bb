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

start() {
	$T new-session -d -s $S -x "$1" -y "$2" \
	    "env TERM=xterm-256color LANG=C.UTF-8 $3; echo MEMVIZ-EXIT=\$?; sleep 600"
}

alive() {
	pid=$($T display -p -t $S '#{pane_pid}')
	pgrep -P "$pid" -f memviz >/dev/null || fail "memviz died: $1"
}

# 1. Resizes while a replay animates, down to 1x1 and up to 1000x300.
start 80 24 "$MEMVIZ $DEMO"
wait_for 'RAM '
for size in 1x1 2x3 29x7 30x8 1000x300 300x90 7x200 80x24; do
	$T resize-window -t $S -x "${size%x*}" -y "${size#*x}"
	i=0
	while [ $i -lt 4 ]; do	# let it draw a few frames at this size
		alive "at $size"
		i=$((i + 1))
		sleep 0.1
	done
done
wait_for 'RAM '
$T send-keys -t $S q
wait_for 'MEMVIZ-EXIT=0'
tmux_end $S

# 2. The explorer under valgrind: a kmalloc at the prompt, then q.
if ! command -v valgrind >/dev/null 2>&1 ||
    ldd "$MEMVIZ" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "PASS (valgrind part skipped)"
	exit 0
fi
start 80 24 "valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --log-file=$TMP/vg.log $MEMVIZ"
wait_for 'memviz explorer'
$T send-keys -t $S : 'a = kmalloc(100, GFP_KERNEL)' Enter
wait_for 'kmalloc-128 1/32'
$T send-keys -t $S q
wait_for 'MEMVIZ-EXIT='
wait_for 'MEMVIZ-EXIT=0' 5
grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg.log" ||
    { cat "$TMP/vg.log"; fail "valgrind found errors in the interactive mode"; }
grep -q 'definitely lost: [1-9]' "$TMP/vg.log" &&
    { cat "$TMP/vg.log"; fail "the interactive mode leaks"; }
echo "PASS"
exit 0
