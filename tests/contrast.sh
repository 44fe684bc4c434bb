#!/bin/sh
# contrast.sh - every screen of the bundled lessons, exported as HTML, checked
# for legibility by tests/contrast: text 4.5:1 against its background,
# line and block graphics 3:1.  Each lesson runs in a real terminal (a
# detached tmux) in every theme: the ordinary one on 256 colours,
# --present, TERM=xterm (8 colours) and NO_COLOR; --export-every writes
# the screen of each pause, reached with the clicker's g (go to pause),
# and the final screen, taken with the legend open when memviz ends on
# SIGTERM.  Every wait polls the pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
CONTRAST=${CONTRAST:-$(pwd)/tests/contrast}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-contrast-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

n=0
start() {	# start W H ENV OPTIONS...
	old=$S
	n=$((n + 1))
	S=mv$n
	w=$1 h=$2 envs=$3
	shift 3
	$T new-session -d -s $S -x "$w" -y "$h" \
	    "env LANG=C.UTF-8 $envs sh -c 'echo \$\$ >$TMP/pid; exec $MEMVIZ $*'; echo MEMVIZ-EXIT=\$?; sleep 600"
	tmux_end "$old"
}

# lesson NAME W H ENV OPTIONS: plays the lesson's pauses one by one.
lesson() {
	name=$1 script=$2 w=$3 h=$4 envs=$5
	shift 5
	out=$TMP/$name.html
	rm -f "$TMP/pid"
	start "$w" "$h" "$envs" "$* --from 1 --export-html $out --export-every $DEMOS/$script"
	npauses=$(grep -c "^pause" "$DEMOS/$script")
	wait_for 'pause 1 of [0-9]+: look around'
	k=2
	while [ $k -le "$npauses" ]; do
		$T send-keys -t $S g
		wait_for 'goto-pause \(a number\):'
		$T send-keys -t $S "$k" Enter
		wait_for "pause $k of $npauses: look around"
		k=$((k + 1))
	done
	# On to the end at once, then the legend over the last screen.
	$T send-keys -t $S NPage NPage
	wait_gone "pause $npauses of $npauses: look around"
	# L again while a `show` the lesson ended with takes the first one.
	i=0
	until $T capture-pane -t $S -p | grep -q 'legend (any key closes)'; do
		[ $i -lt 600 ] || fail "$name: L shows no legend"
		[ $((i % 20)) -eq 0 ] && $T send-keys -t $S L
		i=$((i + 1))
		sleep 0.05
	done
	kill -TERM "$(cat "$TMP/pid")"
	wait_for 'MEMVIZ-EXIT='
	[ "$(grep -c '<h2' "$out")" -gt "$npauses" ] ||
	    fail "$name: $(grep -c '<h2' "$out") screens for $npauses pauses"
	grep -q 'legend (any key closes)' "$out" ||
	    fail "$name: the last screen has no legend"
	"$CONTRAST" "$out" || fail "$name: glyphs under the minimum contrast"
}

for demo in ${CONTRAST_DEMOS:-aligned buddy gfp heapbins kmalloc kzalloc limits malloc mmap pcp tour tunables vmalloc}; do
	lesson "$demo-256" $demo.mvs 80 24 TERM=xterm-256color
	lesson "$demo-present" $demo.mvs 128 40 TERM=xterm-256color --present
	lesson "$demo-8" $demo.mvs 100 30 TERM=xterm
	lesson "$demo-mono" $demo.mvs 80 24 "TERM=xterm-256color NO_COLOR=1"
done
echo "contrast: every screen legible"
