#!/bin/sh
# arena-view.sh - the user view of lesson 12 (threads.mvs) drawn off
# screen at 128x40 at every pause (--export-text --export-every): the
# user process pane alone, with each arena's line, the running thread's
# marked, the heap_info and malloc_state lines and the NON_MAIN_ARENA
# chunks, must equal tests/golden/threads-view.txt.  GENERATE=1
# rewrites it (only when the view is meant to change).
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
want=$srcdir/tests/golden/threads-view.txt
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && "$MEMVIZ" --size 128x40 --export-every \
    --export-text=screens.txt "$OLDPWD/$srcdir/data/demos/threads.mvs" \
    </dev/null >out 2>&1) ||
	{ echo "FAIL: threads.mvs does not draw: $(cat "$tmp/out")"; exit 1; }
# The right column from the user pane's top border to its bottom one.
LC_ALL=C.UTF-8 sed -n -e '/^---- pause/p' \
    -e 's/^.\{64\}\(┌─ user process.*\)$/\1/p' \
    -e 's/^.\{64\}\([│└].*\)$/\1/p' "$tmp/screens.txt" |
    awk '/^----/ { print; on = 0; next } /^┌─ user/ { on = 1 }
        on { print } /^└/ { on = 0 }' >"$tmp/view.txt"
grep -q '^┌─ user process' "$tmp/view.txt" ||
	{ echo "FAIL: no user process pane in the screens"; exit 1; }
if [ "${GENERATE:-}" = 1 ]; then
	cp "$tmp/view.txt" "$want" && echo "wrote $want"
	exit 0
fi
if ! diff -u "$want" "$tmp/view.txt"; then
	echo "FAIL: the user view of threads.mvs differs from $want"
	exit 1
fi
