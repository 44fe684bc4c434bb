#!/bin/sh
# cast.sh - asciicast recordings (--export-cast): made off screen with no
# terminal, no stdin and no controlling tty, as a Makefile in CI makes
# them; valid JSON lines (jq when installed, else a pattern per line)
# with a header of the asked size, times that never go back, one marker
# per pause, and pauses that last --cast-pause exactly.  When asciinema
# and tmux are installed, `asciinema cat` plays the recording in a tmux
# pane of the same size and the screen it leaves equals --export-text of
# the same run; memviz in a real terminal records a pause the user
# ended.  Every wait polls.  Skips (77) only when nothing can run.
set -u
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
SOCK=memviz-cast-$$
S=cast
TMP=$(mktemp -d) || exit 99
fail=0
no() { echo "FAIL: $*"; fail=1; }
# No controlling terminal when setsid (util-linux) is there to drop it.
detach=$(command -v setsid || true)

. "$srcdir/tests/tmux-lib.sh"
cleanup() { [ -n "${TMUX_USED:-}" ] && tmux_end; rm -rf "$TMP"; }
trap cleanup EXIT

# Every line is JSON: the header an object, then [time, "o|m|r", text].
valid_lines() {
	if command -v jq >/dev/null 2>&1; then
		jq -e -s 'length > 1 and (.[0] | type == "object") and
		    all(.[1:][]; type == "array" and length == 3 and
		    (.[0] | type == "number") and
		    (.[1] | IN("o", "m", "r")) and (.[2] | type == "string"))' \
		    "$1" >/dev/null
	else
		head -1 "$1" | grep -q '^{"version":2,.*}$' &&
		    ! sed 1d "$1" | grep -Evq \
		    '^\[[0-9]+\.[0-9]{3},"[omr]","([^"\\]|\\.)*"\]$'
	fi
}

# The times of the events, in order.
event_times() { sed -n 's/^\[\([0-9.]*\),.*/\1/p' "$1"; }

# 1. tour off screen, text and recording of one run.
(cd "$TMP" && $detach "$MEMVIZ" --demo tour --size 100x30 \
    --export-cast tour.cast --export-text tour.txt </dev/null \
    >out 2>err)
[ $? -eq 0 ] || no "off-screen tour: status $?: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && no "off-screen tour wrote to stdout"
valid_lines "$TMP/tour.cast" || no "tour.cast is not valid asciicast JSON lines"
head -1 "$TMP/tour.cast" | grep -q '"width":100,"height":30,' ||
    no "header size: $(head -c 80 "$TMP/tour.cast")"
event_times "$TMP/tour.cast" | awk 'NR > 1 && $1 < last { bad = 1 } { last = $1 }
    END { exit bad }' || no "times go back"
pauses=$("$MEMVIZ" --list-demos | awk '$2 == "tour" {
    for (i = 3; i < NF; i++) if ($(i + 1) == "pauses") print $i }')
marks=$(grep -c '^\[[0-9.]*,"m",' "$TMP/tour.cast")
[ -n "$pauses" ] && [ "$marks" -eq "$pauses" ] ||
    no "$marks markers for ${pauses:-?} pauses"
grep -q '^\[[0-9.]*,"m","Four ways to get memory on Linux\."\]$' \
    "$TMP/tour.cast" || no "the first marker is not the caption's first sentence"

# 2. A pause lasts --cast-pause: the marker, then the next screen.
printf 'machine ram=8M seed=1\nsay "One. Two."\npause\na = kmalloc(64, GFP_KERNEL)\npause\nkfree(a)\n' \
    >"$TMP/p.mvs"
(cd "$TMP" && "$MEMVIZ" --cast-pause 3.25 --export-cast p.cast p.mvs \
    </dev/null >/dev/null 2>err) || no "p.mvs: $(cat "$TMP/err")"
head -1 "$TMP/p.cast" | grep -q '"width":80,"height":24,' ||
    no "no terminal, no --size: not 80x24"
gaps=$(awk -F'[[,]' '/"m"/ { m = $2; next }
    m != "" && /"o"/ { printf "%.3f ", $2 - m; m = "" }' "$TMP/p.cast")
[ "$gaps" = "3.250 3.250 " ] || no "pause lengths '$gaps', expected 3.25 s each"
grep -q '"m","One\."\]' "$TMP/p.cast" || no "marker label of p.mvs"
grep -q '"m","pause 2 of 2"\]' "$TMP/p.cast" ||
    no "a pause without a caption is not labelled by its number"

# 3. Usage errors.
"$MEMVIZ" --size 80x24 --export-cast "$TMP/x" </dev/null >/dev/null 2>&1
[ $? -eq 2 ] || no "the explorer off screen is not refused"
for bad in 80 80x 5x5 80x24x 0x0; do
	"$MEMVIZ" --size $bad --export-cast "$TMP/x" --check "$TMP/p.mvs" \
	    >/dev/null 2>&1
	[ $? -eq 2 ] || no "--size $bad accepted"
done
"$MEMVIZ" --size 80x24 --check "$TMP/p.mvs" >/dev/null 2>&1
[ $? -eq 2 ] || no "--size without an export accepted"
"$MEMVIZ" --cast-pause -1 --check "$TMP/p.mvs" >/dev/null 2>&1
[ $? -eq 2 ] || no "--cast-pause -1 accepted"

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux not found: playing the recording skipped"
	exit $fail
fi
TMUX_USED=1

# 4. memviz in a terminal: the pause lasts until the key.
tmux_new 80 24 "$MEMVIZ --export-cast $TMP/term.cast $TMP/p.mvs"
wait_for 'pause 1 of 2'
$T send-keys -t "$S" ' '
wait_for 'pause 2 of 2'
$T send-keys -t "$S" ' '
wait_for 'end of the script'
$T send-keys -t "$S" q
wait_exit 0
valid_lines "$TMP/term.cast" || no "term.cast is not valid"
[ "$(grep -c '"m",' "$TMP/term.cast")" -eq 2 ] || no "term.cast: not 2 markers"
tmux_end "$S"

if ! command -v asciinema >/dev/null 2>&1; then
	echo "asciinema not found: playing the recording skipped"
	exit $fail
fi

# 5. asciinema plays it; the screen it leaves is --export-text's.
S=play
$T start-server \; set -g exit-empty off \; new-session -d -s "$S" \
    -x 100 -y 30 "env LANG=C.UTF-8 asciinema cat $TMP/tour.cast &&
    touch $TMP/played; sleep 600" || no "tmux could not start"
poll 60 "asciinema cat did not finish" test -f "$TMP/played"
$T capture-pane -t "$S" -p | sed 's/ *$//' >"$TMP/played.txt"
sed 's/ *$//' "$TMP/tour.txt" >"$TMP/want.txt"
diff "$TMP/want.txt" "$TMP/played.txt" >"$TMP/diff" ||
    no "the played screen differs from --export-text: $(head -20 "$TMP/diff")"
exit $fail
