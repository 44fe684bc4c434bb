# tmux-lib.sh - helpers of the real-terminal tests; sourced, not run.
# The caller sets SOCK (a private tmux socket) and S (the session) first.
#
# No test sleeps a fixed time: every wait polls the pane (or the file or
# process it waits for) every 0.05 s, as tmux's own
# regress/screen-redraw-bidi.sh waits, until what it waits for is there
# or a generous time limit has passed; then it fails saying what it
# waited for, with the screen.  The limit only guards against a hang: on
# a loaded machine a wait takes as long as it must.  -f /dev/null: no
# user's tmux.conf changes what the tests see.
T="${TMUX_PROG:-tmux} -f /dev/null -L $SOCK"

fail() {
	echo "FAIL: $*"
	echo "---- screen of $S ($($T display -p -t "$S" \
	    '#{pane_width}x#{pane_height}' 2>/dev/null)) ----"
	$T capture-pane -t "$S" -p 2>/dev/null
	echo "---- end of screen ----"
	exit 1
}

# Runs the command "$3..." until it succeeds, every 0.05 s; fails saying
# $2 once it has not for $1 seconds.  Not nested: one deadline at a time.
poll() {
	poll_limit=$1
	poll_what=$2
	poll_end=$(($(date +%s) + $1 + 1))
	shift 2
	until "$@"; do
		[ "$(date +%s)" -lt "$poll_end" ] ||
		    fail "$poll_what (gave up after ${poll_limit}s)"
		sleep 0.05
	done
}

screen_has() {
	$T capture-pane -t "$S" -p 2>/dev/null | grep -Eq -- "$1"
}

screen_lacks() {
	! screen_has "$1"
}

# Polls until the pane holds the extended regex $1 (for at most $2
# seconds, 60 by default): a part of a lesson played at the default
# speed takes as long as its animation does.
wait_for() {
	poll "${2:-60}" "timed out waiting for: $1" screen_has "$1"
}

# Polls until the pane no longer holds $1.
wait_gone() {
	poll "${2:-60}" "still on screen: $1" screen_lacks "$1"
}

# A new session $S of $1x$2 running the command $3 in a UTF-8 terminal;
# when it ends, the shell prints MEMVIZ-EXIT=<its status> and sleeps to
# keep the pane (and the screen memviz left) for the test to read.  The
# server outlives its sessions (exit-empty off), so ending one never
# takes the server down under the next.
tmux_new() {
	$T start-server \; set -g exit-empty off \; \
	    new-session -d -s "$S" -x "$1" -y "$2" \
	    "env TERM=xterm-256color LANG=C.UTF-8 $3; echo MEMVIZ-EXIT=\$?; sleep 600" ||
	    fail "tmux could not start a session"
}

# A new session of $1x$2 running $3, under a new name (mv1, mv2, ...),
# the previous one ended, its processes gone, after it: no test reads a
# screen the last session left.
tmux_next_n=0
start() {
	tmux_next_old=$S
	tmux_next_n=$((tmux_next_n + 1))
	S=mv$tmux_next_n
	tmux_new "$1" "$2" "$3"
	tmux_end "$tmux_next_old"
}

# The status the pane's command ended with, or nothing while it runs.
# The shell prints it only once the command has ended: memviz (or the
# valgrind running it) is gone.  Read from the history too, as the pane
# may be small.
exit_status() {
	$T capture-pane -t "$S" -p -S - 2>/dev/null |
	    sed -n 's/^MEMVIZ-EXIT=\([0-9][0-9]*\)$/\1/p'
}

exited() {
	[ -n "$(exit_status)" ]
}

# Polls until the pane's command has ended (for at most $2 seconds, 60
# by default), then checks its status matches the extended regex $1.
wait_exit() {
	poll "${2:-60}" "memviz did not exit (expected status $1)" exited
	exit_status | grep -Eqx -- "$1" ||
	    fail "memviz exited with status $(exit_status), not $1"
}

# Whether any of the processes $@ is still there (a zombie has ended:
# it waits only for a parent, maybe a container's init, to reap it).
any_alive() {
	for p in "$@"; do
		case $(ps -o stat= -p "$p" 2>/dev/null) in
		'' | Z*) ;;
		*) return 0 ;;
		esac
	done
	return 1
}

# A process and all its descendants.
tmux_tree() {
	for kid in $(pgrep -P "$1" 2>/dev/null); do
		tmux_tree "$kid"
	done
	echo "$1"
}

# Ends a session (or, with no argument, the server) and every process its
# panes started, and polls until they are all gone.  memviz exits on the
# SIGHUP this sends; one that does not within 5 s (e.g. a sanitizer's
# leak check stuck on the vanished terminal) is killed, so no test
# leaves a process behind.  The server's own pid is waited for too when
# it is the server that ends.
tmux_end() {
	pids=""
	which="-a"
	if [ -n "${1:-}" ]; then
		# list-panes falls back to another session when this one is gone
		$T has-session -t "=$1" 2>/dev/null || return 0
		which="-s -t =$1"
	else
		pids=$($T display -p '#{pid}' 2>/dev/null)
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
	while any_alive $pids; do
		i=$((i + 1))
		[ $i -eq 100 ] && kill -9 $pids 2>/dev/null
		[ $i -lt 1200 ] || { echo "FAIL: processes $pids do not end"; exit 1; }
		sleep 0.05
	done
	return 0
}
