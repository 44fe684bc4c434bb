#!/bin/sh
# tmux-seek.sh - seeking in a real terminal: End runs a lesson to its
# end and the status line's op is the statement count the closing
# caption gives; Home goes back to op 0; o asks for an operation and
# goes there, and P steps back from it; a click on the progress bar
# seeks to the start, the end and the middle; the screen a seek
# reaches is the screen playing reaches; a typed repeat at the instant
# speed stops on space and stays stopped.  Every wait polls
# capture-pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-seek-$$
S=mvseek
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

# The op number on the status line.
status_op() {
	$T capture-pane -t "$S" -p | grep -Eo '\| op [0-9]+(/[0-9]+)?( |$)' |
	    grep -Eo '[0-9]+' | head -1
}

tmux_new 100 30 "$MEMVIZ $DEMOS/kmalloc.mvs"
wait_for 'op [0-9/]+ '
$T send-keys -t "$S" End
wait_for 'end of the script after [0-9]+ statements'
total=$($T capture-pane -t "$S" -p |
    sed -n 's/.*end of the script after \([0-9]*\) statements.*/\1/p')
wait_for "\\| op $total/$total( |\$)"
$T send-keys -t "$S" Home
wait_for '\| op 0/[0-9]+ '
wait_for 'the start; space plays'
$T send-keys -t "$S" o
wait_for 'goto-op \(a number\)'
$T send-keys -t "$S" 7 Enter
wait_for '\| op 7/[0-9]+ '
$T send-keys -t "$S" P
wait_for '\| op 6/[0-9]+ '
tmux_end "$S"

# A click at column X of the last row (SGR mouse, 1-based).
click() {
	$T send-keys -t "$S" -l "$(printf '\033[<0;%d;30M\033[<0;%d;30m' "$1" "$1")"
}
# The screen without its last two lines (narration, status) and with
# the show panel closed: what the machine looks like.
body() {
	$T capture-pane -t "$S" -p | sed '$d' | sed '$d'
}

# At 100 columns the bar is the 20 before the last: columns 80 to 99.
S=mvseek3
tmux_new 100 30 "$MEMVIZ $DEMOS/kmalloc.mvs"
wait_for '\| op [0-9]+/[0-9]+ '
$T send-keys -t "$S" Space
click 99
wait_for "\\| op $total/$total( |\$)"
click 80
wait_for '\| op 0/[0-9]+ '
click 90
# column 10 of 20: op (10 * total + 9) / 19, rounded as seek_click does
mid=$(((10 * total + 9) / 19))
wait_for "\\| op $mid/[0-9]+ "
$T send-keys -t "$S" Escape
wait_gone 'esc closes'
body > "$TMP/seek.txt"
tmux_end "$S"

# The same operation reached by playing, one operation at a time.
S=mvseek4
tmux_new 100 30 "$MEMVIZ $DEMOS/kmalloc.mvs"
wait_for '\| op [0-9]+/[0-9]+ '
$T send-keys -t "$S" Space
at=0
while [ "$at" -lt "$mid" ]; do
	$T send-keys -t "$S" N
	wait_gone "\\| op $at/[0-9]+ "
	at=$(status_op)
done
[ "$at" = "$mid" ] ||
    fail "playing one operation at a time passed op $mid ($at)"
$T send-keys -t "$S" Escape
wait_gone 'esc closes'
body > "$TMP/play.txt"
tmux_end "$S"
diff "$TMP/seek.txt" "$TMP/play.txt" ||
    fail "op $mid reached by a click differs from op $mid reached by playing"

# A typed repeat at the instant speed: space stops it, and it stays.
S=mvseek2
tmux_new 100 30 "$MEMVIZ"
wait_for 'op [0-9]+ *$'
$T send-keys -t "$S" + + + + +
wait_for 'instant'
$T send-keys -t "$S" :
$T send-keys -t "$S" -l 'repeat 300000 { p = malloc(64); free(p) }'
$T send-keys -t "$S" Enter
poll 30 "the typed repeat does not run" sh -c \
    "[ \"\$($T capture-pane -t $S -p | grep -Eo '\\| op [0-9]+ *\$' |
    grep -Eo '[0-9]+')\" -gt 20 ] 2>/dev/null"
$T send-keys -t "$S" Space
wait_for 'stopped at op [0-9]+'
first=$(status_op)
wait_for "\\| op $first *\$" 5
[ "$(status_op)" = "$first" ] || fail "the repeat ran on after space"
echo "tmux-seek: ok (end at op $total, stopped at op $first)"
