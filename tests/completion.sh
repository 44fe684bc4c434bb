#!/bin/sh
# completion.sh - data/completion/memviz (bash), sourced in bash with
# bash-completion's library: options from --help, --demo names from
# --list-demos, --kernel profiles from --help, file names for SCRIPT.
# Skipped (77) without bash or bash-completion.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=$(cd "${srcdir:-.}" && pwd)
BC=${BASH_COMPLETION:-/usr/share/bash-completion/bash_completion}
command -v bash >/dev/null 2>&1 || { echo "bash not found: skipped"; exit 77; }
[ -r "$BC" ] || { echo "bash-completion not found: skipped"; exit 77; }
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT
: >"$TMP/lesson.mvs"

# complete LINE: what TAB offers at the end of LINE, one per line.
complete_line() {
	(cd "$TMP" && PATH="$(dirname "$MEMVIZ"):$PATH" bash --norc -c '
	. "$1"; . "$2"
	COMP_LINE=$3; COMP_POINT=${#COMP_LINE}
	read -ra COMP_WORDS <<<"$COMP_LINE"
	[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_memviz memviz "${COMP_WORDS[COMP_CWORD]}" \
	    "${COMP_WORDS[COMP_CWORD - 1]}"
	printf "%s\n" "${COMPREPLY[@]}"' sh "$BC" \
	    "$srcdir/data/completion/memviz" "$1" 2>/dev/null)
}

. "$srcdir/tests/completion-lib.sh"
expect "memviz --exp" --export-text= --export-html= --export-every \
    --export-cast= --export-svg=
expect "memviz --ca" --cast-pause=
expect "memviz --ke" --kernel=
expect "memviz --demo " tour buddy heapbins pcp aligned tunables
expect "memviz --demo to" tour
expect "memviz --kernel " 6.1 6.12 6.x 2.6 2.0
expect "memviz --import " ltrace ftrace
expect "memviz --speed " instant fast normal slowest
expect "memviz --sp" --speed=
expect "memviz less" lesson.mvs
n=$(complete_line "memviz --demo tour" | grep -c .)
[ "$n" -eq 1 ] || { echo "FAIL: --demo tour offers $n words"; fail=1; }
exit $fail
