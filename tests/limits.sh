#!/bin/sh
# limits.sh - whole-program limits: scripts far larger, deeper or stranger
# than any demo must end with a clear message and the documented exit
# status (0 ran, 2 a script or usage error), never a crash or a hang.
# Each case asserts the exact status and one exact line of stderr or
# stdout (the first, unless the case names another).
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
fail=0
n=0

# check NAME STATUS WANT_LINE STREAM(out|err) LINE memviz-args...
check() {
	name=$1 want_status=$2 want=$3 stream=$4 line=$5
	shift 5
	n=$((n + 1))
	timeout 120 "$MEMVIZ" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	got=$(sed -n "${line}p" "$tmp/$stream")
	if [ "$status" -ne "$want_status" ]; then
		echo "FAIL: $name: exit status $status, expected $want_status"
		head -n 3 "$tmp/err" | cut -c 1-200
		fail=1
	elif [ "$got" != "$want" ]; then
		echo "FAIL: $name: line $line of std$stream differs"
		echo "  expected: $(printf '%s' "$want" | cut -c 1-200)"
		echo "  got:      $(printf '%s' "$got" | cut -c 1-200)"
		fail=1
	else
		echo "ok $n - $name"
	fi
}

# A file of N repetitions of one line.
lines() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) print s }'
}

# ---- size: a million statements run; one more is refused ----
awk 'BEGIN { for (i = 0; i < 500000; i++) {
	print "a = kmalloc(64, GFP_KERNEL)"; print "kfree(a)" } }' \
    >"$tmp/million.mvs"
check "a million-line script runs" 0 \
    "machine ram=64M cpus=2 kernel=6.x seed=1 fragment=0% thp=profile aslr=off overcommit_memory=0 overcommit_ratio=50 init_on_alloc=profile init_on_free=profile slub_nomerge=profile" \
    out 1 --batch "$tmp/million.mvs"
if [ "$(wc -l <"$tmp/out")" -ne 1000001 ] ||
    [ "$(tail -n 1 "$tmp/out")" != "kfree(a) -> ok kmalloc-64" ]; then
	echo "FAIL: a million-line script: not every statement printed"
	fail=1
fi
# batch and check stream: no statement cap (tests/stream-test.c runs
# millions); the interactive mode keeps a million for stepping back
lines 1000001 pause >"$tmp/toolong.mvs"
check "1,000,001 statements check" 0 "" err 1 --check "$tmp/toolong.mvs"
check "the interactive mode says it keeps a million" 2 \
    "$tmp/toolong.mvs:1000001:1: error: the script runs more than 1000000 statements, more than the interactive mode keeps to step back through: expected smaller repeat counts, or run it with --batch" \
    err 1 "$tmp/toolong.mvs"

# ---- errors far apart in a streamed script: read in pieces of 64 KiB,
# checked with what the earlier pieces left (a waiting predict, names) ----
awk 'BEGIN { print "g = kmalloc(1, GFP_KERNL)"
	for (i = 0; i < 3000; i++) { print "a" i " = kmalloc(64, GFP_KERNEL)"
		print "kfree(a" i ")" }
	print "predict q"
	for (i = 0; i < 4000; i++) print "say \"wait\""
	print "r = kmalloc(8, GFP_KERNEL)"
	for (i = 0; i < 3000; i++) print "kfree(g)"
	print "kfree(r)"; print "predict w" }' >"$tmp/far.mvs"
check "a predict waiting across pieces" 2 \
    "$tmp/far.mvs:6002:1: error: predict q: the next operation (line 10003) does not allocate q" \
    err 4 --check "$tmp/far.mvs"
check "the last piece's waiting predict, and the count" 2 \
    "$tmp/far.mvs: 3 errors" err 10 --batch "$tmp/far.mvs"

# ---- a freed name stays bound for 4096 more frees, then dies ----
grave() {
	printf 'a = malloc(24)\nfree(a)\nrepeat %d {\n\tb$i = malloc(8)\n\tfree(b$i)\n}\nfree(a)\n' \
	    "$1" >"$tmp/grave.mvs"
}
grave 4095
check "a double free 4095 frees later reaches malloc" 1 \
    "free(a) -> failed: free(): double free detected in tcache 2" \
    out 2 --batch --quiet "$tmp/grave.mvs"
grave 4096
check "a name freed 4096 frees ago is gone" 2 \
    "$tmp/grave.mvs:7:6: error: unknown name 'a': expected a name bound earlier by an allocation" \
    err 1 --check "$tmp/grave.mvs"

# ---- names of 10,000 characters ----
long=$(awk 'BEGIN { while (i++ < 10000) s = s "n"; print s }')
printf '%s = kmalloc(8, GFP_KERNEL)\nkfree(%s)\n' "$long" "$long" \
    >"$tmp/longname.mvs"
check "a 10,000-character name runs" 0 \
    "machine ram=64M cpus=2 kernel=6.x seed=1 fragment=0% thp=profile aslr=off overcommit_memory=0 overcommit_ratio=50 init_on_alloc=profile init_on_free=profile slub_nomerge=profile" \
    out 1 --batch "$tmp/longname.mvs"
if [ "$(tail -n 1 "$tmp/out")" != "kfree($long) -> ok kmalloc-8" ]; then
	echo "FAIL: a 10,000-character name: kfree line differs"
	fail=1
fi
printf 'kfree(%s)\n' "$long" >"$tmp/unknown.mvs"
check "an unknown 10,000-character name" 2 \
    "$tmp/unknown.mvs:1:7: error: unknown name '$(echo "$long" | cut -c 1-64)...': expected a name bound earlier by an allocation" \
    err 1 --check "$tmp/unknown.mvs"
printf '%s(1)\n' "$long" >"$tmp/unknown.mvs"
cut=$(printf "unknown statement '%s" "$long" | cut -c 1-1020)
check "a 10,000-character statement name: the message is cut, visibly" 2 \
    "$tmp/unknown.mvs:1:1: error: $cut..." err 1 --check "$tmp/unknown.mvs"

# ---- numbers past 64 bits ----
size() {
	printf 'a = kmalloc(%s, GFP_KERNEL)\n' "$2" >"$tmp/size.mvs"
	check "$1" 2 "$tmp/size.mvs:1:13: error: $3" err 1 --check "$tmp/size.mvs"
}
bad="expected a size such as 4096, 4K, 2M or 0x1000"
size "decimal past 2^64" 18446744073709551616 \
    "bad number '18446744073709551616': $bad"
size "hex past 2^64" 0x10000000000000000 \
    "bad number '0x10000000000000000': $bad"
size "G suffix past 2^64" 17179869184G "bad number '17179869184G': $bad"
size "M suffix past 2^64" 17592186044416M "bad number '17592186044416M': $bad"
size "K suffix past 2^64" 18014398509481984K \
    "bad number '18014398509481984K': $bad"
size "a sum past 2^64" "18446744073709551615 + 1" \
    "the value overflows: expected a number from 0 to 2^64-1"
size "a product past 2^64" "0x100000000 * 0x100000000" \
    "the value overflows: expected a number from 0 to 2^64-1"
size "a difference below 0" "1 - 2" \
    "the value is negative: expected a number from 0 to 2^64-1"
size "a division by zero" "1 / 0" \
    "the value divides by zero: expected a number from 0 to 2^64-1"
printf 'a = kmalloc(16777215K, GFP_KERNEL)\n' >"$tmp/big.mvs"
check "the largest K size parses and fails as the kernel does" 1 \
    "memviz: 1 simulated failure the script did not expect" \
    err 1 --batch "$tmp/big.mvs"

# ---- repeats that would run for ever, deep nesting ----
printf 'repeat 1000000000000 { }\n' >"$tmp/spin.mvs"
check "an empty repeat of 10^12" 2 \
    "$tmp/spin.mvs:1:1: error: repeat would run its block more than 10000000 times in all: expected smaller repeat counts" \
    err 1 --check "$tmp/spin.mvs"
printf 'repeat 4294967296 { repeat 4294967296 { repeat 4294967296 { say "x" } } }\n' \
    >"$tmp/nest.mvs"
check "three nested repeats of 2^32" 2 \
    "$tmp/nest.mvs:1:1: error: repeat would run more than 1000000000 statements: expected smaller repeat counts" \
    err 1 --check "$tmp/nest.mvs"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "repeat 1 { ";
	for (i = 0; i < 100000; i++) printf "}"; print "" }' >"$tmp/deep.mvs"
check "100,000 nested repeats" 2 \
    "$tmp/deep.mvs:1:34: error: repeat nested more than 3 deep: expected at most \$i, \$j and \$k" \
    err 1 --check "$tmp/deep.mvs"
awk 'BEGIN { printf "a = kmalloc("; for (i = 0; i < 100000; i++) printf "(";
	printf "1"; for (i = 0; i < 100000; i++) printf ")";
	print ", GFP_KERNEL)" }' >"$tmp/parens.mvs"
check "100,000 nested parentheses" 2 \
    "$tmp/parens.mvs:1:78: error: parentheses nested more than 64 deep" \
    err 1 --check "$tmp/parens.mvs"
awk 'BEGIN { printf "a = kmalloc(1"; for (i = 0; i < 1000000; i++)
	printf "+1"; print ", GFP_KERNEL)" }' >"$tmp/ops.mvs"
check "a million operators" 2 \
    "$tmp/ops.mvs:1:2014: error: more than 1000 operators in one expression" \
    err 1 --check "$tmp/ops.mvs"

# ---- durations ----
printf 'sleep 99999999999999999999999s\n' >"$tmp/sleep.mvs"
check "a sleep past 2^64" 2 \
    "$tmp/sleep.mvs:1:7: error: bad duration '99999999999999999999999s': expected milliseconds or seconds, such as 500ms or 2s (at most an hour)" \
    err 1 --check "$tmp/sleep.mvs"
printf 'sleep 3601s\n' >"$tmp/sleep.mvs"
check "a sleep over an hour" 2 \
    "$tmp/sleep.mvs:1:7: error: bad duration '3601s': expected milliseconds or seconds, such as 500ms or 2s (at most an hour)" \
    err 1 --check "$tmp/sleep.mvs"

# ---- bytes that are not text ----
printf 'say "a"\n\000say "b"\n' >"$tmp/nul.mvs"
check "a NUL byte" 2 "memviz: $tmp/nul.mvs: a binary file, not a script" \
    err 1 --check "$tmp/nul.mvs"
printf 'say "caf\303\251 \377\376"\n' >"$tmp/utf8.mvs"
check "invalid UTF-8 in a string is kept as bytes" 0 \
    "$(printf '# caf\303\251 \377\376')" out 2 --batch "$tmp/utf8.mvs"
printf '\342\202\254 = malloc(8)\n' >"$tmp/utf8.mvs"
check "a non-ASCII byte where a name belongs" 2 \
    "$tmp/utf8.mvs:1:1: error: expected a statement (kmalloc, say, show, ...), got byte 0xe2" \
    err 1 --check "$tmp/utf8.mvs"
printf 'a = kmalloc(8\377, GFP_KERNEL)\n' >"$tmp/utf8.mvs"
check "an invalid byte inside a call" 2 \
    "$tmp/utf8.mvs:1:14: error: expected ',', got byte 0xff; usage: NAME = kmalloc(SIZE, GFP)" \
    err 1 --check "$tmp/utf8.mvs"

# ---- empty, unreadable, not a file ----
: >"$tmp/empty.mvs"
check "an empty script" 0 \
    "machine ram=64M cpus=2 kernel=6.x seed=1 fragment=0% thp=profile aslr=off overcommit_memory=0 overcommit_ratio=50 init_on_alloc=profile init_on_free=profile slub_nomerge=profile" \
    out 1 --batch "$tmp/empty.mvs"
check "an empty script from stdin" 0 \
    "machine ram=64M cpus=2 kernel=6.x seed=1 fragment=0% thp=profile aslr=off overcommit_memory=0 overcommit_ratio=50 init_on_alloc=profile init_on_free=profile slub_nomerge=profile" \
    out 1 --batch - </dev/null
check "an empty script checks clean" 0 "" err 1 --check "$tmp/empty.mvs"
check "a directory" 2 "memviz: $tmp: Is a directory" err 1 --batch "$tmp"
check "a missing file" 2 "memviz: $tmp/none.mvs: No such file or directory" \
    err 1 --check "$tmp/none.mvs"
if [ "$(id -u)" -ne 0 ]; then
	printf 'say "x"\n' >"$tmp/secret.mvs"
	chmod 000 "$tmp/secret.mvs"
	check "an unreadable file" 2 \
	    "memviz: $tmp/secret.mvs: Permission denied" \
	    err 1 --check "$tmp/secret.mvs"
else
	echo "ok - an unreadable file # SKIP root reads every file"
fi

# ---- machines larger than memviz allows ----
printf 'machine ram=1T\n' >"$tmp/ram.mvs"
check "a 1 TiB machine line" 2 \
    "$tmp/ram.mvs:1:9: error: bad value '1T' for ram: expected physical memory, 1M to 16G, whole pages" \
    err 1 --check "$tmp/ram.mvs"
check "--ram 17G" 2 \
    "memviz: bad value '17G' for ram: expected physical memory, 1M to 16G, whole pages" \
    err 1 --batch --ram 17G "$tmp/empty.mvs"
check "--ram 16G boots" 0 \
    "machine ram=16G cpus=2 kernel=6.x seed=1 fragment=0% thp=profile aslr=off overcommit_memory=0 overcommit_ratio=50 init_on_alloc=profile init_on_free=profile slub_nomerge=profile" \
    out 1 --batch --ram 16G "$tmp/empty.mvs"

echo "1..$n"
exit $fail
