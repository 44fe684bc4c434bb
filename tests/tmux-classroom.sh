#!/bin/sh
# tmux-classroom.sh - the classroom features in a real terminal, driven as
# a teacher would: presentation mode and the clicker keys (Page Down,
# Page Up, g, blank), predict questions answered wrong and right and the
# quiz's score, questions answered on the slab, user and vmalloc views
# (a click on a row, too), a recorded session replayed in batch to the
# same final state, a recording cut short by SIGTERM that still passes
# --check, and the text and HTML exports.  Every wait polls
# capture-pane.  Skipped (77) without tmux.
set -u

command -v "${TMUX_PROG:=tmux}" >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
DEMOS=$(cd "$srcdir" && pwd)/data/demos
SOCK=memviz-class-$$
S=mv
TMP=$(mktemp -d) || exit 99

. "$srcdir/tests/tmux-lib.sh"
cleanup() { tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

screen_blank() {
	[ -z "$($T capture-pane -t $S -p | tr -d ' \n')" ]
}

# The line number of the first slab row with an object on it, in $y.
slab_row() {
	y=$($T capture-pane -t $S -p | grep -n '^.\{40\}. *[0-9a-f]*\*#' |
	    head -1 | cut -d: -f1)
	[ -n "$y" ]
}

recorded() {
	grep -q "$1" "$2" 2>/dev/null
}

# 1. Presentation mode at 80x24: the band on top with the title and the
# progress, the status line hidden until a key is pressed.
start 80 24 "$MEMVIZ --present $DEMOS/kmalloc.mvs"
wait_for '^ kmalloc: size classes.*pause 1 of 6$'
wait_for 'kmalloc rounds a request up to a size class'
$T capture-pane -t $S -p | grep -q 'space play' &&
    fail "the status line shows before any key"
# Page Up at pause 1: back to the start of the script.
$T send-keys -t $S PPage
wait_for 'the start of the script: Page Down'
wait_for 'pause 0 of 6$'
# Page Down plays again (faster: the part at the default speed took 17
# seconds once already); the first part ends at pause 1.
$T send-keys -t $S NPage + + + + + +
wait_for 'pause 1 of 6: look around'
# g 4: straight to the fourth pause, its captions in the band.
$T send-keys -t $S g
wait_for 'goto-pause \(a number\):'
$T send-keys -t $S 4 Enter
wait_for 'pause 4 of 6$'
wait_for 'Freeing is LIFO'
# Page Up from a pause: the one before.
$T send-keys -t $S PPage
wait_for 'pause 3 of 6$'
wait_for '65 bytes fit kmalloc-96'
# Page Down, and again while the part plays: the part finishes at once
# at the next pause.
$T send-keys -t $S NPage NPage
wait_for 'pause 4 of 6: look around'
# b blanks the screen; any key brings it back and does nothing else.
$T send-keys -t $S b
poll 60 "b did not blank the screen" screen_blank
$T send-keys -t $S x
wait_for 'pause 4 of 6$'
wait_for 'pause 4 of 6: look around'
# The same keys in an ordinary replay.
start 80 24 "$MEMVIZ --from 2 $DEMOS/kmalloc.mvs"
wait_for 'pause 2 of 6: look around'
wait_for 'pause 2/6'
$T send-keys -t $S PPage
wait_for 'pause 1 of 6: look around'
$T send-keys -t $S q
wait_exit 0

# 2. Predict questions answered wrong, then right, and --quiz asking about
# the one allocation no predict covers.  On a 1 MiB machine the first two
# pages come from pfn 0x42 and 0x43 (the buddy demo, on the same 2.6
# profile without per-CPU lists, shows the same split in its golden
# output); the grid has one frame per cell and starts with
# the cursor on pfn 0.
cat >"$TMP/q.mvs" <<'EOF'
# predict test
machine ram=1M cpus=2 kernel=2.6 seed=1
say "two pages"
predict a
a = __get_free_pages(GFP_KERNEL, 0)
predict b
b = __get_free_pages(GFP_KERNEL, 0)
expect fail
c = __get_free_pages(GFP_KERNEL, 11)
EOF
start 80 24 "$MEMVIZ --quiz --record $TMP/rec.mvs --export-text $TMP/end.txt --export-html $TMP/end.html $TMP/q.mvs"
wait_for 'a __get_free_pages: where\? move the cursor'
$T send-keys -t $S Enter
wait_for 'no: you said pfn 0, a landed on pfn 0x42'
wait_for 'order-1 block at pfn 0x42 and kept its first frame'
$T send-keys -t $S Space
wait_for 'b __get_free_pages: where\? move the cursor'
$T send-keys -t $S "$(printf 'l%.0s' $(seq 67))"
$T send-keys -t $S Enter
wait_for 'RIGHT: b landed on pfn 0x43'
$T send-keys -t $S Space
wait_for 'quiz __get_free_pages: where\? move the cursor'
$T send-keys -t $S x
wait_for 'RIGHT: it failed'
$T send-keys -t $S Space
wait_for 'end of the script after [0-9]+ statements; quiz: 2 of 3 right'

# 3. Explore on from the end: a typed kmalloc and the S key (show
# slabinfo) are statements, so the recording holds them.  Replayed in
# batch, the recording ends with the same slabinfo line as the screen
# (2.6 runs SLAB, whose kmalloc caches are named size-N).
$T send-keys -t $S :
wait_for '^:'
$T send-keys -t $S 'x = kmalloc(100, GFP_KERNEL)' Enter
wait_for 'x = kmalloc\(100, GFP_KERNEL\) -> 0x'
$T send-keys -t $S S
wait_for 'slabinfo - version'
# 28 caches with the size-N(DMA) ones: scroll down to size-128, one
# line at a time (a Down the overlay no longer needs would reach the
# views below it).
screen_differs() {
	[ "$($T capture-pane -t "$S" -p)" != "$1" ]
}
downs=0
until screen_has 'size-128 .*tunables'; do
	downs=$((downs + 1))
	[ $downs -le 30 ] || fail "no size-128 line after 30 Downs"
	before=$($T capture-pane -t $S -p)
	$T send-keys -t $S Down
	poll 10 "Down did not scroll the slabinfo" screen_differs "$before"
done
live=$($T capture-pane -t $S -p | grep 'size-128 .*tunables' |
    grep -o 'size-128 *[0-9]* *[0-9]* *[0-9]* *[0-9]* *[0-9]*')
[ -n "$live" ] || fail "no size-128 line on screen"
$T send-keys -t $S Escape
wait_gone 'tunables'
$T send-keys -t $S q
wait_for 'memviz: quiz: 2 of 3 right \(66%\)'
wait_exit 0
"$MEMVIZ" --check "$TMP/rec.mvs" || fail "the recording does not pass --check"
head -1 "$TMP/rec.mvs" | grep -q '^machine ram=1M ' ||
    fail "the recording does not start with the machine line"
grep -qx 'x = kmalloc(100, GFP_KERNEL)' "$TMP/rec.mvs" ||
    fail "the typed statement is not in the recording"
replay=$("$MEMVIZ" --batch "$TMP/rec.mvs" 2>/dev/null |
    grep -o 'size-128 *[0-9]* *[0-9]* *[0-9]* *[0-9]* *[0-9]*' | tail -1)
[ "$live" = "$replay" ] ||
    fail "the replayed recording ends in another state: '$replay' vs '$live'"
"$MEMVIZ" --batch "$TMP/rec.mvs" | grep -q '^b = __get_free_pages(GFP_KERNEL, 0) -> 0xffff810000043000' ||
    fail "the recording does not replay b to pfn 0x43"

# 4. The exports of the final screen.
grep -q 'RAM 1M 256 frames' "$TMP/end.txt" || fail "the text export lacks the grid"
grep -q 'slab' "$TMP/end.txt" || fail "the text export lacks the slab view"
head -1 "$TMP/end.html" | grep -q '^<!DOCTYPE html>' || fail "the HTML export is not HTML"
grep -q 'RAM 1M 256 frames' "$TMP/end.html" || fail "the HTML export lacks the grid"
grep -q '<span style="color:#' "$TMP/end.html" || fail "the HTML export has no colours"
grep -q '</body></html>' "$TMP/end.html" || fail "the HTML export is cut short"
# --export-every: a screen per pause, each under its heading.
start 80 24 "$MEMVIZ --from 5 --export-every --export-text $TMP/every.txt $DEMOS/kmalloc.mvs"
wait_for 'pause 5 of 6: look around'
$T send-keys -t $S Space	# plays on; then at instant speed
wait_for ' playing \| '
$T send-keys -t $S + + + + + +
wait_for 'pause 6 of 6: look around'
$T send-keys -t $S q
wait_exit 0
grep -q '^---- pause 5 of 6 ----$' "$TMP/every.txt" || fail "no screen for pause 5"
grep -q '^---- the end ----$' "$TMP/every.txt" || fail "no final screen"

# 5. A recording cut short by SIGTERM: the explorer, a key action (k asks
# for a size), a typed vmalloc and a predict whose allocation never runs.
# The file is whole, has what was done, and passes --check.
start 80 24 "$MEMVIZ --record $TMP/cut.mvs"
wait_for 'memviz explorer'
$T send-keys -t $S + + + + k
wait_for 'kmalloc size:'
$T send-keys -t $S 200 Enter
wait_for 'k1 = kmalloc\(200, GFP_KERNEL\) -> 0x'
$T send-keys -t $S : 'v1 = vmalloc(64K)' Enter
wait_for 'v1 = vmalloc\(64K\) -> 0x'
$T send-keys -t $S : 'predict zz' Enter
wait_for 'zz \?: where\? move the cursor'	# taken, not just typed
poll 60 "the recording was not written during the session" \
    recorded '^v1 = vmalloc(64K)$' "$TMP/cut.mvs"
pid=$($T display -p -t $S '#{pane_pid}')
kill -TERM "$(pgrep -P "$pid" memviz)" || fail "no memviz to kill"
wait_exit 1
"$MEMVIZ" --check "$TMP/cut.mvs" || fail "the cut recording does not pass --check"
grep -qx 'k1 = kmalloc(200, GFP_KERNEL)' "$TMP/cut.mvs" || fail "k1 not recorded"
grep -q 'predict' "$TMP/cut.mvs" && fail "a dangling predict was recorded"
[ ! -e "$TMP/cut.mvs.tmp" ] || fail "a temporary file was left behind"
"$MEMVIZ" --batch "$TMP/cut.mvs" | grep -q '^v1 = vmalloc(64K) -> 0x' ||
    fail "the cut recording does not replay"
# 6. Questions asked on the view the statement belongs to (--quiz and
# predict alike): a kmalloc on the slab view (a slab, or "+ a new
# slab"), a malloc on the user view (a chunk, "+ brk grows the heap",
# "+ a new mmap region"), a vmalloc on the vmalloc view (a hole).  The
# cursor starts on the view's first answer.  a is the first kmalloc-128
# object: a new slab (right).  p is skipped.  b goes to a's slab (SLUB
# fills the slab it has), to the object after a's: that object is
# chosen in the slab's strip, then Enter (right; the row and the object
# stay marked '?').  q is split from the top chunk, not mmapped
# (wrong).  w is the first area, at VMALLOC_START 0xffffc90000000000
# (4-level paging, arch/x86/include/asm/pgtable_64_types.h), in the one
# hole there is (right).  Seed 1164: 6.x shuffles a new slab's freelist
# (CONFIG_SLAB_FREELIST_RANDOM),
# and with this seed it hands out objects 0 and 1 first; init_on_alloc=0
# keeps them drawn as used (#), not zeroed (0).
cat >"$TMP/v.mvs" <<'EOF'
# predict on the views
machine ram=16M cpus=2 kernel=6.x seed=1164 init_on_alloc=0
a = kmalloc(100, GFP_KERNEL)
p = malloc(100)
predict b
b = kmalloc(100, GFP_KERNEL)
predict q
q = malloc(100)
w = vmalloc(8K)
EOF
start 80 24 "$MEMVIZ --quiz $TMP/v.mvs"
wait_for 'quiz kmalloc: where\? move the cursor to a slab'
wait_for '^.{40}. \+ a new slab'
$T send-keys -t $S + + + + + + Enter
wait_for 'RIGHT: a landed at 0xffff888[0-9a-f]+, pfn 0x[0-9a-f]+\. 100 bytes round up'
wait_for 'a new order-0 slab was made'
$T send-keys -t $S Space
wait_for 'quiz malloc: where\? move the cursor to a chunk'
wait_for '^.{40}. \+ brk grows the heap'
$T send-keys -t $S Escape
wait_for 'b kmalloc: where\? move the cursor to a slab'
# The second object of the slab's strip, chosen with the keys: Down to
# the slab's row, l onto its first object, l again onto the second.  (A
# mouse click there raced the question's re-layout under load: the
# escape sequence could arrive split and be read as Esc.)
$T send-keys -t $S Down Down l l
$T send-keys -t $S Enter
wait_for 'RIGHT: b landed at 0xffff888[0-9a-f]+, pfn 0x[0-9a-f]+\. 100 bytes round up to'
wait_for '^.{40}.\? +[0-9a-f]+\*#\?\.'
$T send-keys -t $S Space
wait_for 'q malloc: where\? move the cursor to a chunk'
$T send-keys -t $S Enter	# on "+ a new mmap region"
wait_for 'no: you said a new mmap region, q landed at 0x5555555'
wait_for 'split from top \(0x[0-9a-f]+ left\)'
$T send-keys -t $S Space
wait_for 'quiz vmalloc: where\? move the cursor to a hole'
wait_for '^.{40}. +hole ffffc90000000000 32T'
$T send-keys -t $S Enter
wait_for 'RIGHT: w landed at 0xffffc90000000000, pfns'
$T send-keys -t $S Space
wait_for 'quiz: 3 of 4 right'
$T send-keys -t $S q
wait_exit 0

# 7. Presenting, the question is put in the caption band, where the room
# looks, then the verdict replaces it there.
printf 'machine ram=16M\nsay "Watch kmalloc."\npredict a\na = kmalloc(100, GFP_KERNEL)\n' >"$TMP/p.mvs"
start 80 24 "$MEMVIZ --present $TMP/p.mvs"
wait_for '^  Question: where will a land\? Pick a slab, a new slab or whole'
wait_for 'a kmalloc: where\? move the cursor to a slab'
$T send-keys -t $S Enter	# the first answer: "+ a new slab"
wait_for '^  RIGHT: a landed at 0xffff888[0-9a-f]+, pfn 0x[0-9a-f]+\. 100 bytes'
wait_gone 'Question: where will a land'
$T send-keys -t $S q
wait_exit 0
echo "PASS"
exit 0
