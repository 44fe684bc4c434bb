#!/bin/sh
# tmux-follow.sh - the lists follow what the lesson talks about, in a
# real terminal at 128x40:
# - heapbins' pause 2 comes after seven frees: the user view shows the
#   freed chunk p6 (a free selects what it freed), not the top of the
#   process's mappings;
# - lesson 12's pause 3 selects a chunk of arena 1: the arena's line is
#   in view above it (a list keeps a line's heading);
# - lesson 12's pause 4: thread 0 got a chunk of arena 1 back, so arena
#   1's chunks are listed though thread 0 runs on main_arena.
# Every wait polls capture-pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-follow-$$
S=mvfollow
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

tmux_new 128 40 "$MEMVIZ --from=2 $DEMOS/heapbins.mvs"
wait_for 'PAUSE .*pause 2/8'
wait_for '│  555555559350     20 tcache'
tmux_end "$S"

S=mvfollow2
tmux_new 128 40 "$MEMVIZ --from=3 $DEMOS/threads.mvs"
wait_for 'PAUSE .*pause 3/7'
wait_for '│> arena 1 t1  heap 1: '
wait_for '│  7ffff0019a80  186b0 in use  A'
tmux_end "$S"

S=mvfollow3
tmux_new 128 40 "$MEMVIZ --from=4 $DEMOS/threads.mvs"
wait_for 'PAUSE .*pause 4/7'
wait_for '│  7ffff0000b60     70 in use  A'
exit 0
