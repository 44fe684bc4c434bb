#!/bin/sh
# layering.sh - the layers only call down: src/sim and src/script never
# include curses or a src/ui header, src/sim never includes src/script,
# and src/sim never prints or exits (errors are return values, events
# are what it reports).  ncdu only asks for this in a comment (dirlist.h);
# make check enforces it.  Comments are stripped before the calls are
# searched, so a comment may still name printf() or exit().
srcdir=${srcdir:-.}
cd "$srcdir/src" || exit 99

curses='(n?curses[^">]*|ncursesw?/[^">]*|term)\.h'
include='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'
calls='(^|[^A-Za-z0-9_])(printf|fprintf|vprintf|vfprintf|puts|fputs|putchar|perror|exit|_exit|abort)[[:space:]]*\('
fail=0

# Prints the lines of files $2... that match the extended regex $1,
# as file:line: text; its status is 0 when there are some.
matches() {
	re=$1
	shift
	grep -EnH -- "$re" "$@" 2>/dev/null | grep .
}

# Removes C comments from file $1, keeping line numbers.
uncomment() {
	awk '{
		out = ""
		line = $0
		while (line != "") {
			if (incomment) {
				i = index(line, "*/")
				if (i == 0) { line = ""; break }
				line = substr(line, i + 2)
				incomment = 0
				continue
			}
			i = index(line, "/*")
			j = index(line, "//")
			if (j > 0 && (i == 0 || j < i)) {
				out = out substr(line, 1, j - 1)
				line = ""
			} else if (i > 0) {
				out = out substr(line, 1, i - 1) " "
				line = substr(line, i + 2)
				incomment = 1
			} else {
				out = out line
				line = ""
			}
		}
		print out
	}' "$1"
}

# check WHAT REGEX DIR...: every .c and .h file under DIR must not match.
check() {
	what=$1
	re=$2
	shift 2
	files=$(find "$@" -name '*.[ch]' | sort)
	[ -n "$files" ] || { echo "no sources under $*"; exit 99; }
	# shellcheck disable=SC2086
	if matches "$re" $files; then
		echo "FAIL: $what"
		fail=1
	fi
}

check "src/sim and src/script include curses" "$include$curses[\">]" \
    sim script
check "src/sim and src/script include a src/ui header" "$include"'ui/' \
    sim script
check "src/sim includes a src/script header" "$include"'script/' sim

for f in $(find sim -name '*.[ch]' | sort); do
	out=$(uncomment "$f" | grep -En -- "$calls")
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | sed "s|^|$f:|"
		echo "FAIL: $f prints or exits (src/sim returns errors)"
		fail=1
	fi
done

[ $fail = 0 ] && echo "PASS: src/sim and src/script stay below src/ui"
exit $fail
