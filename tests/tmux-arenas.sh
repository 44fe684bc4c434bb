#!/bin/sh
# tmux-arenas.sh - the user view's arenas in a real terminal.  Lesson 12
# (threads.mvs) at 80x24, at once to its second pause, the user view
# zoomed (Z): thread 1's arena is marked running, its heap_info and
# malloc_state come before its chunks, which carry A (NON_MAIN_ARENA);
# `a` then lists main_arena's chunks, arena 1's, all, and back.  Every
# wait polls the pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-arenas-$$
S=mv

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; }
trap cleanup EXIT

start 80 24 "$MEMVIZ $DEMOS/threads.mvs"
wait_for 'RAM 16M'
$T send-keys -t $S + + + + + +
wait_for 'pause 1 of 7'
$T send-keys -t $S PageDown
wait_for 'pause 2 of 7'
$T send-keys -t $S Escape
wait_gone 'show maps  esc closes'
$T send-keys -t $S Z
wait_for "user process .* chunks: t1's arena \[a\]"
# Down a line at a time until $1 is in sight.
down_to() {
	i=0
	until screen_has "$1"; do
		[ $i -lt 60 ] || fail "never in sight: $1"
		$T send-keys -t $S Down
		i=$((i + 1))
		poll 60 "no user view" screen_has 'user process'
	done
}
down_to "^│7ffff0021000 ---p arena 1 heap 65404K PROT_NONE, mprotect'd as it grows"
down_to '^│> arena 1 t1  heap 1: 132K of 64M rw, top 129K  <- t1 runs'
down_to '^│  7ffff0000000     30 heap_info  size 21000 mprotect_size 21000 prev 0'
down_to '^│  7ffff0000030    8a0 malloc_state  system_mem 21000'
down_to '^│  7ffff00008d0    290 tcache_perthread_struct t1  A'
down_to '^│  7ffff0000b60     70 in use  A'
# main_arena is not listed: its count instead.
down_to '^│  [0-9]+ in use, [0-9]+ free \(a: list them\)'
wait_for '^│  main_arena t0  brk heap'
$T send-keys -t $S a
wait_for 'chunks: main_arena \[a\]'
down_to '^│  555555559000    290 tcache_perthread_struct t0'
$T send-keys -t $S a
wait_for 'chunks: arena 1 \[a\]'
$T send-keys -t $S a
wait_for 'chunks: all arenas \[a\]'
$T send-keys -t $S a
wait_for "chunks: t1's arena \[a\]"
# The lesson did not move on.
wait_for 'pause 2 of 7'
