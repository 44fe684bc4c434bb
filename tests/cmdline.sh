#!/bin/sh
# cmdline.sh - the command line: GNU --help/--version, exit statuses,
# standard input, machine overrides, and batch's first line.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
fail=0
check() {	# check WANT_STATUS DESCRIPTION COMMAND...
	want=$1 what=$2
	shift 2
	"$@" >/dev/null 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: $what: exit status $got, expected $want"
		fail=1
	fi
}
check 0 "--help" "$MEMVIZ" --help
check 0 "--version" "$MEMVIZ" --version
"$MEMVIZ" --help | grep -q '^Usage: memviz \[OPTION\]\.\.\. \[SCRIPT\]' ||
    { echo "FAIL: --help has no Usage line"; fail=1; }
"$MEMVIZ" --version | grep -q '^memviz [0-9]' ||
    { echo "FAIL: --version"; fail=1; }
check 2 "unknown option" "$MEMVIZ" --no-such-option
check 2 "bad --ram" "$MEMVIZ" --ram=3 --check -
check 2 "--batch without a script" "$MEMVIZ" --batch
check 2 "missing file" "$MEMVIZ" --check /nonexistent/x.mvs
check 2 "two scripts" "$MEMVIZ" --check a.mvs b.mvs
check 2 "goes with --import" "$MEMVIZ" -o /dev/null --check -

out=$(printf 'a = __get_free_pages(GFP_KERNEL, 0)\nfree_pages(a, 0)\n' |
    "$MEMVIZ" --batch --ram=2M --seed=7 -)
status=$?
[ $status -eq 0 ] || { echo "FAIL: stdin batch: status $status"; fail=1; }
printf '%s\n' "$out" | head -1 | grep -qx \
    'machine ram=2M cpus=2 kernel=6.x seed=7 fragment=0% thp=profile aslr=off overcommit_memory=0 overcommit_ratio=50 init_on_alloc=profile init_on_free=profile slub_nomerge=profile' ||
    { echo "FAIL: overrides not in the machine line: $out"; fail=1; }
printf '%s\n' "$out" | grep -q '^a = __get_free_pages(GFP_KERNEL, 0) -> 0xffff888' ||
    { echo "FAIL: batch line shape: $out"; fail=1; }

# A failure the script did not announce: 1.  Announced: 0.
printf 'machine ram=1M\nx = __get_free_pages(GFP_KERNEL, 11)\n' |
    "$MEMVIZ" --batch - >/dev/null 2>&1
[ $? -eq 1 ] || { echo "FAIL: unexpected failure is not status 1"; fail=1; }
printf 'machine ram=1M\nexpect EINVAL\nx = __get_free_pages(GFP_KERNEL, 11)\n' |
    "$MEMVIZ" --batch - >/dev/null 2>&1
[ $? -eq 0 ] || { echo "FAIL: expected failure is not status 0"; fail=1; }
printf 'machine ram=1M\nexpect ENOMEM\nx = __get_free_pages(GFP_KERNEL, 0)\n' |
    "$MEMVIZ" --batch - >/dev/null 2>&1
[ $? -eq 1 ] || { echo "FAIL: an expected failure that did not happen is not status 1"; fail=1; }
# The script's own machine line is overridden by the option.
printf 'machine ram=8M\n' | "$MEMVIZ" --batch --ram=4M - | grep -q '^machine ram=4M ' ||
    { echo "FAIL: --ram does not override the machine line"; fail=1; }
# --quiet keeps the machine line, show output and the failures the
# script did not expect, each exactly as the full batch prints it.
q='machine ram=1M
a = kmalloc(64, GFP_KERNEL)
expect EINVAL
x = __get_free_pages(GFP_KERNEL, 11)
y = __get_free_pages(GFP_KERNEL, 11)
say "hello"
show buddyinfo'
full=$(printf '%s\n' "$q" | "$MEMVIZ" --batch - 2>/dev/null)
quiet=$(printf '%s\n' "$q" | "$MEMVIZ" --batch --quiet - 2>/dev/null)
[ $? -eq 1 ] || { echo "FAIL: --quiet changes the exit status"; fail=1; }
[ "$quiet" = "$(printf '%s\n' "$full" | sed -n '1p;4p;6p')" ] ||
    { echo "FAIL: --quiet printed:"; echo "$quiet"; fail=1; }
[ "$(printf '%s\n' "$full" | wc -l)" -eq 6 ] ||
    { echo "FAIL: batch output has changed shape: $full"; fail=1; }
check 2 "--quiet without --batch" "$MEMVIZ" --quiet --check -

# A terminal that cannot move the cursor: the interactive mode refuses
# with a message (status 2) instead of a blank screen; batch still runs.
for t in dumb no-such-terminal-type; do
	err=$(TERM=$t "$MEMVIZ" "$srcdir/data/demos/vmalloc.mvs" </dev/null 2>&1 >/dev/null)
	status=$?
	[ $status -eq 2 ] || { echo "FAIL: TERM=$t: status $status"; fail=1; }
	printf '%s\n' "$err" | grep -q "^memviz: terminal type '$t' " ||
	    { echo "FAIL: TERM=$t: no message: $err"; fail=1; }
done
printf '%s\n' "$err" | grep -q 'not in the terminfo database' ||
    { echo "FAIL: an unknown TERM is not named as such: $err"; fail=1; }
TERM=dumb "$MEMVIZ" "$srcdir/data/demos/vmalloc.mvs" </dev/null 2>&1 |
    grep -q 'cannot move the cursor (no cup in terminfo)' ||
    { echo "FAIL: TERM=dumb does not say why"; fail=1; }
env -u TERM "$MEMVIZ" "$srcdir/data/demos/vmalloc.mvs" </dev/null 2>&1 |
    grep -q 'TERM is not set' || { echo "FAIL: no TERM is not named"; fail=1; }
TERM=dumb "$MEMVIZ" --batch "$srcdir/data/demos/vmalloc.mvs" >/dev/null ||
    { echo "FAIL: batch under TERM=dumb"; fail=1; }
# Output files (--record, --export-text, --export-html, -o): each is
# checked before anything runs (status 2 with the file's name and why),
# a symlink's target is written, a FIFO is written in place, a full
# device fails with status 3 (memviz(1), EXIT STATUS).
out=$(mktemp -d) || exit 99
trace=$srcdir/tests/import/single.ltrace
demo=$srcdir/data/demos/vmalloc.mvs
mkdir "$out/dir" "$out/ro"
for opt in --record --export-text --export-html; do
	err=$("$MEMVIZ" --batch "$demo" $opt "$out/dir" 2>&1 >/dev/null)
	status=$?
	[ $status -eq 2 ] && printf '%s\n' "$err" |
	    grep -q "^memviz: $out/dir: Is a directory" ||
	    { echo "FAIL: $opt to a directory: $status: $err"; fail=1; }
	err=$("$MEMVIZ" --batch "$demo" $opt "$out/none/x" 2>&1 >/dev/null)
	[ $? -eq 2 ] && printf '%s\n' "$err" | grep -q "No such file" ||
	    { echo "FAIL: $opt into a missing directory: $err"; fail=1; }
done
# Nothing ran: a batch refused for its output printed nothing.
[ -z "$("$MEMVIZ" --batch "$demo" --record "$out/dir" 2>/dev/null)" ] ||
    { echo "FAIL: the batch ran before the output was refused"; fail=1; }
check 2 "-o to a directory" "$MEMVIZ" --import ltrace "$trace" -o "$out/dir"
# A read-only directory (skipped where permissions do not bind: root).
chmod 555 "$out/ro"
if ! touch "$out/ro/probe" 2>/dev/null; then
	err=$("$MEMVIZ" --import ltrace "$trace" -o "$out/ro/x.mvs" 2>&1)
	[ $? -eq 2 ] && printf '%s\n' "$err" | grep -q "Permission denied" ||
	    { echo "FAIL: -o into a read-only directory: $err"; fail=1; }
	err=$("$MEMVIZ" --batch "$demo" --record "$out/ro/x.mvs" 2>&1)
	[ $? -eq 2 ] || { echo "FAIL: --record into a read-only directory"; fail=1; }
else
	echo "read-only directory cases skipped: this user writes there anyway"
fi
chmod 755 "$out/ro"
# A symlink is followed: its target gets the script, the link stays.
ln -s target.mvs "$out/link.mvs"
"$MEMVIZ" --import ltrace "$trace" -o "$out/link.mvs" 2>/dev/null &&
    [ -L "$out/link.mvs" ] && grep -q '^machine ' "$out/target.mvs" ||
    { echo "FAIL: -o to a symlink did not write its target"; fail=1; }
# A FIFO is written in place, to its reader; no FIFO.tmp appears.
if mkfifo "$out/fifo"; then
	cat "$out/fifo" >"$out/fifo.out" &
	reader=$!
	"$MEMVIZ" --import ltrace "$trace" -o "$out/fifo" 2>/dev/null ||
	    { echo "FAIL: -o to a FIFO: status $?"; fail=1; }
	wait $reader
	[ -p "$out/fifo" ] && grep -q '^machine ' "$out/fifo.out" ||
	    { echo "FAIL: the FIFO's reader did not get the script"; fail=1; }
	[ ! -e "$out/fifo.tmp" ] || { echo "FAIL: FIFO.tmp left"; fail=1; }
fi
# A full disk: status 3 and the reason.
if [ -c /dev/full ]; then
	err=$("$MEMVIZ" --import ltrace "$trace" -o /dev/full 2>&1 >/dev/null)
	[ $? -eq 3 ] && printf '%s\n' "$err" |
	    grep -q '^memviz: /dev/full: No space left on device' ||
	    { echo "FAIL: -o /dev/full: $err"; fail=1; }
fi
rm -rf "$out"
exit $fail
