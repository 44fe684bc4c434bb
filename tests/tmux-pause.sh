#!/bin/sh
# tmux-pause.sh - a pause is a place, in a real terminal: at a pause the
# keys that look around (i ? L tab Z < = + x arrows esc) leave the replay
# at that pause, with the same pause and operation on the status line,
# and only the keys that go on (space, enter) leave it; a script's show
# lies beside the view the lesson has focused, and esc closes it without
# going on; the RAM grid shows the same frames per cell at every pause of
# vmalloc.mvs at 80x24, replayed and presented; a presented lesson ends
# on its closing caption with the quiz's score on the status line.
# Every wait polls capture-pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-pause-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

# Sends a key, waits for what it shows ($2), then the replay must still
# be at pause 5 with operation 46 current, on the same screen.
STILL=' PAUSE \| [a-z]+ \| pause 5/6 \| op 46/[0-9]+ '
look() {
	$T send-keys -t $S "$1"
	wait_for "$2"
	$T capture-pane -t $S -p | grep -Eq -- "$STILL" ||
	    fail "key $1 moved the replay on from pause 5"
}
look_gone() {
	$T send-keys -t $S "$1"
	wait_gone "$2"
	$T capture-pane -t $S -p | grep -Eq -- "$STILL" ||
	    fail "key $1 moved the replay on from pause 5"
}

# 1. vmalloc.mvs at its fifth pause: meminfo in the panel under the
# vmalloc view (the lesson's focus, given back by the jump), the grid
# beside it whole.
start 80 24 "$MEMVIZ --from 5 $DEMOS/vmalloc.mvs"
wait_for "$STILL"
wait_for '^.{40}.+ show meminfo  esc closes'
wait_for '^.{40}.+ vmalloc  4 areas'
wait_for '^.─ RAM 16M 4096 frames 16/cell'
look i '^.{40}.+ inspector '
look_gone i '^.{40}.+ inspector '
look '?' 'memviz keys'
look_gone Escape 'memviz keys'
look L 'legend \(any key closes\)'
look_gone Escape 'legend \(any key closes\)'
look + ' PAUSE \| brisk \| '
look - ' PAUSE \| normal \| '
look x 'go on; every other key looks around'
# tab: the keyboard on the user view, which the panel now sits beside.
look Tab '^.{40}.+ user process '
wait_gone '^.{40}.+ vmalloc  4 areas'
# The arrows move the cursor at a pause; Z zooms and comes back.
$T send-keys -t $S Right Left Up Down
look Z '^.─ user process '
wait_gone 'RAM 16M'
look Z 'RAM 16M'
# tab to the grid: the panel takes the whole column; < shows more
# frames per cell, = fits again.
look_gone Tab 'user process'
look '<' '32/cell'
look = '16/cell'
# esc closes the panel, not the pause; the views come back.
look_gone Escape 'show meminfo'
wait_for '^.{40}.+ slab '
# A click on the grid selects, and stays.
$T send-keys -t $S -l "$(printf '\033[<0;5;9M\033[<0;5;9m')"
wait_for "$STILL"
# Enter goes on.
$T send-keys -t $S Enter
wait_for ' playing \| normal \| pause 5/6 \| '
wait_gone "$STILL"

# 2. One scale all lesson: the frames per cell at every pause of the
# vmalloc lesson, played through live at the fastest speed, and again
# presented.  Only space goes on; the speed keys do not.
# Polls for pause $1, skipping (esc) the lesson's predict question.
wait_pause() {
	i=0
	while [ $i -lt 1200 ]; do
		screen=$($T capture-pane -t $S -p)
		printf '%s\n' "$screen" | grep -q "pause $1 of 6: look around" &&
		    return 0
		printf '%s\n' "$screen" | grep -q 'where? move the cursor' &&
		    $T send-keys -t $S Escape
		i=$((i + 1))
		sleep 0.05
	done
	fail "timed out waiting for pause $1"
}
scale() {	# scale LABEL OPTIONS
	start 80 24 "$MEMVIZ $2 $DEMOS/vmalloc.mvs"
	$T send-keys -t $S + + + + + +
	first=""
	for k in 1 2 3 4 5 6; do
		wait_pause $k
		cell=$($T capture-pane -t $S -p | grep -o 'RAM 16M 4096 frames [0-9]*/cell' |
		    grep -o '[0-9]*/cell')
		[ -n "$cell" ] || fail "$1: no frames per cell at pause $k"
		[ -z "$first" ] && first=$cell
		[ "$cell" = "$first" ] ||
		    fail "$1: $cell at pause $k, $first at pause 1"
		$T send-keys -t $S Space
		wait_gone "pause $k of 6: look around"
	done
}
scale replay ""
scale present --present

# 3. A presented lesson ends on its closing caption; the score of the
# question it asked is on the status line, not in the band.
cat >"$TMP/end.mvs" <<'EOF'
# the end
machine ram=1M cpus=2 kernel=6.x seed=1
say "A first part."
pause
predict a
a = __get_free_pages(GFP_KERNEL, 0)
say "The closing words of the lesson."
EOF
start 80 24 "$MEMVIZ --present $TMP/end.mvs"
wait_for 'pause 1 of 1: look around'
$T send-keys -t $S Space
wait_for 'a __get_free_pages: where\? move the cursor'
$T send-keys -t $S Enter
wait_for 'a landed on pfn'
$T send-keys -t $S Space
wait_for 'end of the script'
wait_for '^  The closing words of the lesson\.'
wait_for ' quiz [0-9] of 1 right'
$T capture-pane -t $S -p | grep -q '^  quiz:' &&
    fail "the score took the closing caption's place"
$T send-keys -t $S q
wait_for 'MEMVIZ-EXIT=0'
echo "PASS"
exit 0
