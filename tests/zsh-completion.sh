#!/bin/sh
# zsh-completion.sh - data/completion/_memviz in an interactive zsh
# (driven through zsh/zpty): options from --help, --demo names from
# --list-demos, --kernel profiles and --speed names from --help, file
# names for SCRIPT.  What TAB offers is caught by a compadd wrapper; the
# wait polls for a mark the completion widget writes when it is done.
# Skipped (77) without zsh.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=$(cd "${srcdir:-.}" && pwd)
command -v zsh >/dev/null 2>&1 || { echo "zsh not found: skipped"; exit 77; }
zsh -fc 'zmodload zsh/zpty' 2>/dev/null ||
    { echo "zsh has no zsh/zpty: skipped"; exit 77; }
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT
: >"$TMP/lesson.mvs"

# The driver: a zsh -f -i in a pseudo-terminal, compinit on the
# completion's directory, LINE typed and TAB pressed.
cat >"$TMP/drive.zsh" <<'DRIVE'
zmodload zsh/zpty
OUT=$1 DIR=$2 LINE=$3
: >$OUT
zpty z 'PS1="> " TERM=dumb zsh -f -i'
zpty -w z "cd ${(q)OUT:h}; fpath=(${(q)DIR} \$fpath)"
zpty -w z 'autoload -U compinit; compinit -u -D'
zpty -w z 'compadd() { local -a m
	if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
	builtin compadd -O m "$@"; print -rl -- $m >>'${(q)OUT}'
	builtin compadd "$@"; }'
zpty -w z '_t() { _main_complete; print -r -- "<<end>>" >>'${(q)OUT}'; }'
zpty -w z 'zle -C t complete-word _t; bindkey "^I" t; print ready'
zpty -rm z x '*ready*'
zpty -w -n z "$LINE"$'\t'
for i in {1..400}; do
	grep -q '^<<end>>$' $OUT && break
	sleep 0.05
done
zpty -d z
DRIVE

# complete LINE: what TAB offers at the end of LINE, one per line.
complete_line() {
	PATH="$(dirname "$MEMVIZ"):$PATH" zsh -f "$TMP/drive.zsh" \
	    "$TMP/offered" "$srcdir/data/completion" "$1" >/dev/null 2>&1
	grep -q '^<<end>>$' "$TMP/offered" ||
	    { echo "FAIL: '$1': the completion never finished" >&2; return; }
	grep -v '^<<end>>$' "$TMP/offered"
}

. "$srcdir/tests/completion-lib.sh"
expect "memviz --exp" --export-text --export-html --export-every \
    --export-cast
expect "memviz --ca" --cast-pause
expect "memviz --sp" --speed
expect "memviz --demo " tour buddy heapbins pcp
expect "memviz --demo=to" tour
expect "memviz --kernel " 6.1 6.12 6.x 2.6 2.0
expect "memviz --speed " instant fast brisk normal slow slowest
expect "memviz --import " ltrace ftrace
expect "memviz --thp " on off
expect "memviz less" lesson.mvs
n=$(complete_line "memviz --demo tou" | grep -c .)
[ "$n" -eq 1 ] || { echo "FAIL: --demo tou offers $n words"; fail=1; }
n=$(complete_line "memviz --kernel " | grep -c '^6\.x$')
[ "$n" -eq 1 ] || { echo "FAIL: --kernel offers 6.x $n times"; fail=1; }
exit $fail
