#!/bin/sh
# tmux-seek.sh - seeking in a real terminal: End runs a lesson to its
# end and the status line's op is the statement count the closing
# caption gives; Home goes back to op 0; o asks for an operation and
# goes there; a typed repeat at the instant speed stops on space and
# stays stopped.  Every wait polls capture-pane.  Skipped (77) without
# tmux.
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
	$T capture-pane -t "$S" -p | grep -Eo '\| op [0-9]+ *$' |
	    grep -Eo '[0-9]+'
}

tmux_new 100 30 "$MEMVIZ $DEMOS/kmalloc.mvs"
wait_for 'op [0-9]+ *$'
$T send-keys -t "$S" End
wait_for 'end of the script after [0-9]+ statements'
total=$($T capture-pane -t "$S" -p |
    sed -n 's/.*end of the script after \([0-9]*\) statements.*/\1/p')
wait_for "\\| op $total *\$"
$T send-keys -t "$S" Home
wait_for '\| op 0 *$'
wait_for 'the start; space plays'
$T send-keys -t "$S" o
wait_for 'goto-op \(a number\)'
$T send-keys -t "$S" 7 Enter
wait_for '\| op 7 *$'
tmux_end "$S"

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
    grep -Eo '[0-9]+')\" -gt 20 ]"
$T send-keys -t "$S" Space
wait_for 'stopped at op [0-9]+'
first=$(status_op)
wait_for "\\| op $first *\$" 5
[ "$(status_op)" = "$first" ] || fail "the repeat ran on after space"
echo "tmux-seek: ok (end at op $total, stopped at op $first)"
