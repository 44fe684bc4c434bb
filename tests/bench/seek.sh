#!/bin/bash
# seek.sh - `make bench`'s seeking figures: the TUI on a 1,000,000-
# statement replay (malloc/free, a pause every 20,000 operations) in an
# 80x24 tmux pane, each movement timed from the key to the screen that
# shows its result (capture-pane polled every 5 ms, so figures carry
# about 10 ms of polling).  Targets (issue "time travel and scale"):
# every movement under 50 ms at op 1,000,000, the end reached in under
# 2 s.  Prints figures only; never fails on time.
set -u
command -v tmux >/dev/null 2>&1 || { echo "seek bench: no tmux, skipped"; exit 0; }
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
TMP=$(mktemp -d) || exit 1
T="tmux -L memviz-seekbench-$$"
trap '$T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# 499,000 malloc/free pairs over 64 names, a say and a pause every
# 10,000 pairs: 998,067 statements.
awk 'BEGIN { print "machine ram=64M"
	for (i = 0; i < 499000; i++) {
		if (i % 10000 == 0 && i > 0) {
			print "say \"part " i / 10000 "\""; print "pause" }
		printf "p%d = malloc(%d)\n", i % 64, 16 + (i * 7) % 500
		if (i >= 32) printf "free(p%d)\n", (i - 32) % 64 } }' \
    > "$TMP/replay.mvs"

now() { date +%s%N; }
# fig NAME KEYS PATTERN: sends the keys, waits for the pattern.
fig() {
	local t0 n=0
	t0=$(now)
	$T send-keys -t s $2
	while ! $T capture-pane -t s -p | grep -Eq "$3"; do
		n=$((n + 1))
		[ $n -lt 4000 ] || { printf '  %-34s timed out\n' "$1"; return; }
		sleep 0.005
	done
	printf '  %-34s %6d ms\n' "$1" $((($(now) - t0) / 1000000))
}

echo "seeking in the TUI, a 1,000,000-statement replay, 80x24 ($(uname -m), $(nproc) CPUs)"
t0=$(now)
$T new-session -d -s s -x 80 -y 24 "$MEMVIZ $TMP/replay.mvs; sleep 600"
until $T capture-pane -t s -p | grep -Eq '\| op [0-9]+/'; do sleep 0.005; done
printf '  %-34s %6d ms\n' "start to the first frame" $((($(now) - t0) / 1000000))
fig "End (run to the end)" End 'end of the script after'
total=$($T capture-pane -t s -p | sed -n 's/.*end of the script after \([0-9]*\) statements.*/\1/p')
# the first P rewinds the operation shown, the second goes one back
$T send-keys -t s P
sleep 0.5
fig "P at the end (one op back)" P "op $((total - 1))/"
fig "Home" Home '\| op 0/'
$T send-keys -t s o
until $T capture-pane -t s -p | grep -q 'goto-op'; do sleep 0.005; done
$T send-keys -t s 500000
fig "o 500000" Enter '\| op 500000/'
$T send-keys -t s P
sleep 0.5
fig "P at op 500,000" P '\| op 499999/'
$T send-keys -t s o
until $T capture-pane -t s -p | grep -q 'goto-op'; do sleep 0.005; done
$T send-keys -t s 100000
fig "o 100000 (back)" Enter '\| op 100000/'
$T send-keys -t s P
sleep 0.5
fig "P at op 100,000" P '\| op 99999/'
fig "Home again" Home '\| op 0/'
$T send-keys -t s + + + + +
until $T capture-pane -t s -p | grep -q 'instant'; do sleep 0.005; done
fig "PageDown over 20,000 ops, instant" NPage 'pause 1/'
pid=$($T list-panes -t s -F '#{pane_pid}')
pid=$(pgrep -P "$pid" | head -1)
[ -n "$pid" ] && printf '  %-34s %6d MiB\n' "RSS with checkpoints" \
    $(($(awk '/VmRSS/ { print $2 }' /proc/$pid/status) / 1024))
exit 0
