#!/bin/sh
# tmux-pcp.sh - the per-CPU page lists in a real terminal.  At the first
# pause of lesson 9 (pcp.mvs), at 80x24, the RAM grid has cells in the
# per-CPU list's look (≡ on colour 95) and its last lines give the
# lists' count/high/batch and next frame, zone by zone, DMA32's the
# page the lesson just freed; the legend names the look; under --present at
# 128x40 the cells are two columns of ≡.  In the explorer on 6.1, an
# order-2 allocation's refill is glossed while it animates and said
# after it.  Every wait polls the pane.  Skipped (77) without tmux.
set -u

command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-pcp-$$
S=mv

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; }
trap cleanup EXIT

# The pane with its attributes: the pcp look is white on colour 95.
screen_has_attr() {
	$T capture-pane -t "$S" -p -e 2>/dev/null | grep -Eq -- "$1"
}

# p's frame, as batch gives it: the list's head at the first pause.
P=$("$MEMVIZ" --batch "$DEMOS/pcp.mvs" | sed -n 's/^p = .* pfn 0x\([0-9a-f]*\)$/\1/p' | head -1)
[ -n "$P" ] || fail "no p in the lesson's batch output"

# 1. The lesson at 80x24, at once to its first pause.
start 80 24 "$MEMVIZ $DEMOS/pcp.mvs"
wait_for 'RAM 256M'
$T send-keys -t $S + + + + + +
wait_for 'pause 1 of 7'
poll 60 "no cell in the per-CPU list's look" screen_has_attr '48;5;95m≡'
wait_for '^│DMA +pcp [0-9]+/[0-9]+/[0-9]+ next (refill|0x[0-9a-f]+) +│'
wait_for '^│DMA32 +pcp [0-9]+/[0-9]+/[0-9]+ next 0x'$P' +│'
# p, freed just before the pause, is at the list's head.
wait_for "direct map +ffff888000*$P"000
$T send-keys -t $S L
wait_for 'legend \(any key closes\)'
# Down a line at a time, until the legend's per-CPU line is in sight.
i=0
until screen_has 'per-CPU list: free, but held for one CPU'; do
	[ $i -lt 40 ] || fail "the legend has no per-CPU list line"
	$T send-keys -t $S Down
	i=$((i + 1))
	poll 60 "no legend" screen_has 'RAM grid cells:|per-CPU|the rest of'
done
$T send-keys -t $S Escape
wait_gone 'legend \(any key closes\)'
wait_for 'pause 1 of 7'

# 2. Presented at 128x40: each such cell is two columns of ≡.
start 128 40 "$MEMVIZ --present $DEMOS/pcp.mvs"
wait_for 'RAM 256M'
$T send-keys -t $S + + + + + +
wait_for 'pause 1 of 7'
poll 60 "no two-column per-CPU cell" screen_has_attr '48;5;95m≡≡'
wait_for 'DMA32 +per-CPU list [0-9]+ high [0-9]+ batch [0-9]+ next 0x'$P

# 3. The explorer on 6.1, at the slowest speed: the order-2 list is
# empty, so the allocation refills it (rmqueue_bulk) event by event.
# 160 columns: the refill's note follows the result on the narration
# line, and 80 would cut it.
start 160 24 "$MEMVIZ --kernel=6.1 --ram=256M"
wait_for 'memviz explorer'
$T send-keys -t $S - - - - - -
wait_for '\| slowest \|'
$T send-keys -t $S ':'
wait_for '^:'
$T send-keys -t $S 'x = __get_free_pages(GFP_KERNEL, 2)' Enter
wait_for 'pcp_refill DMA32 pfn 0x[0-9a-f]+ order 2: list empty: rmqueue_bulk'
$T send-keys -t $S N
wait_for ' \| per-CPU list refilled: [0-9]+ pages from the buddy'
exit 0
