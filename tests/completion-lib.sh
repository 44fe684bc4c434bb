# completion-lib.sh - sourced by the completion tests (bash, zsh): each
# defines complete_line LINE, which prints what TAB offers at its end.
fail=0
expect() {	# expect LINE WORD...: each WORD is offered
	line=$1
	shift
	got=$(complete_line "$line")
	for w in "$@"; do
		printf '%s\n' "$got" | grep -qx -- "$w" ||
		    { echo "FAIL: '$line' does not offer '$w': $got"; fail=1; }
	done
}
