# tmux-lib.sh - helpers of the real-terminal tests; sourced, not run.
# The caller sets SOCK (a private tmux socket) and S (the session) first.
T="${TMUX_PROG:-tmux} -L $SOCK"

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	$T capture-pane -t "$S" -p 2>/dev/null
	exit 1
}

# Polls the pane until it holds the extended regex $1, as tmux's
# regress/screen-redraw-bidi.sh waits: never a bare sleep.  The limit ($2
# seconds, 60 by default) only guards against a hang: a part of a lesson
# played at the default speed takes as long as its animation does.
wait_for() {
	i=0
	while [ $i -lt $((${2:-60} * 20)) ]; do
		if $T capture-pane -t "$S" -p 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.05
	done
	fail "timed out waiting for: $1"
}

# Polls until the pane no longer holds $1.
wait_gone() {
	i=0
	while [ $i -lt 300 ]; do
		if ! $T capture-pane -t "$S" -p 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.05
	done
	fail "still on screen: $1"
}

# A process and all its descendants.
tmux_tree() {
	for kid in $(pgrep -P "$1" 2>/dev/null); do
		tmux_tree "$kid"
	done
	echo "$1"
}

# Ends a session (or, with no argument, the server) and every process its
# panes started.  memviz exits on the SIGHUP this sends; one that does not
# within 5 s (e.g. a sanitizer's leak check stuck on the vanished
# terminal) is killed, so no test leaves a process behind.
tmux_end() {
	pids=""
	which="-a"
	if [ -n "${1:-}" ]; then
		# list-panes falls back to another session when this one is gone
		$T has-session -t "=$1" 2>/dev/null || return 0
		which="-s -t =$1"
	fi
	for p in $($T list-panes $which -F '#{pane_pid}' 2>/dev/null); do
		pids="$pids $(tmux_tree "$p")"
	done
	if [ -n "${1:-}" ]; then
		$T kill-session -t "=$1" >/dev/null 2>&1
	else
		$T kill-server >/dev/null 2>&1
	fi
	i=0
	while [ $i -lt 50 ] && kill -0 $pids 2>/dev/null; do
		i=$((i + 1))
		sleep 0.1
	done
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null
	return 0
}
