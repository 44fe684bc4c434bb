#!/bin/sh
# json.sh - memviz --batch --json: every line of every demo's output
# (with and without --events) is one JSON object jq reads; it says what
# the text output of the same run says (each operation's statement and
# value, each event's kind and pfn, in order); show's data has one
# entry per row of its text; stderr and the exit status do not change with
# --json (the broken scripts under tests/bad too); and kzalloc's output
# equals tests/golden/kzalloc.jsonl (GENERATE=1 rewrites it).
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
command -v jq >/dev/null 2>&1 || { echo "jq not found"; exit 77; }
cd "$srcdir" || exit 99
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# The text line each operation object promises, up to its value.
json_ops='select(.kind == "operation") | "op " + .statement + " -> " +
  (if .status != "ok" then
     (if .name != null then "NULL: " else "failed: " end) + .reason
   elif (.result | type) == "string" then .result
   elif .result != null then (.result | tostring)
   else "ok" end),
  (.events // [] | .[] |
   "ev " + .event + (if .pfn != null then " pfn \(.pfn)" else "" end))'
# The same from the text: operation lines and the events under them.
text_ops='
function hex(s,   v, i) {
	v = 0
	for (i = 3; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
/^    / {
	if (!inop)
		next
	n = split(substr($0, 5), w, " ")
	p = ""
	for (i = 2; i < n; i++)
		if (w[i] == "pfn") {
			sub(/:$/, "", w[i + 1])
			p = " pfn " hex(w[i + 1])
			break
		}
	print "ev " w[1] p
	next
}
{ inop = 0 }
/^# / { next }
index($0, " -> ") { inop = 1; print "op " $0 }'

# show data: one entry per line of text, where the file is a table.
json_shows='select(.kind == "show" and .data != null) |
  select(.view == "buddyinfo" or .view == "meminfo" or .view == "maps" or
         .view == "vmallocinfo" or .view == "zoneinfo" or
         .view == "slabinfo" or .view == "pagetypeinfo") |
  (.text | split("\n") | map(select(. != ""))) as $lines |
  (if .view == "zoneinfo" then
     [(.data | length), ($lines | map(select(startswith("Node"))) | length)]
   elif .view == "slabinfo" then
     [(.data | length), ($lines | map(select(test("^(#|slabinfo -)") |
      not)) | length)]
   elif .view == "pagetypeinfo" then
     [(.data.free | length), ($lines | map(select(test(", type "))) | length)]
   else [(.data | length), ($lines | length)] end) |
  select(.[0] != .[1]) | "show at line: \(.[0]) entries for \(.[1]) lines"'

check_demo() { # demo, extra option ("" or --events)
	f=$1
	"$MEMVIZ" --batch $2 "$f" >"$tmp/text" 2>"$tmp/text.err"
	ts=$?
	"$MEMVIZ" --batch --json $2 "$f" >"$tmp/json" 2>"$tmp/json.err"
	js=$?
	if [ $ts -ne $js ] || ! cmp -s "$tmp/text.err" "$tmp/json.err"; then
		echo "FAIL: $f $2: --json changes stderr or status ($ts, $js)"
		fail=1
	fi
	if ! jq -e 'type == "object" and (.kind | type) == "string"' \
	    "$tmp/json" >"$tmp/types"; then
		echo "FAIL: $f $2: a line is not a JSON object with a kind"
		fail=1
		return
	fi
	if [ "$(grep -cv '^true$' "$tmp/types")" -ne 0 ] ||
	    [ "$(wc -l <"$tmp/types")" -ne "$(wc -l <"$tmp/json")" ]; then
		echo "FAIL: $f $2: not one object per line"
		fail=1
	fi
	jq -r "$json_ops" "$tmp/json" >"$tmp/jops"
	awk "$text_ops" "$tmp/text" >"$tmp/tops"
	# each text line starts with what its object promises
	if ! awk 'NR == FNR { want[FNR] = $0; n = FNR; next }
	    { if (index($0, want[FNR]) != 1) { print FNR ": " want[FNR];
	      bad = 1 } }
	    END { if (FNR != n) { print "count " n " vs " FNR; bad = 1 };
	      exit bad }' "$tmp/jops" "$tmp/tops" >"$tmp/diff"; then
		head -5 "$tmp/diff"
		echo "FAIL: $f $2: operations or events differ from the text"
		fail=1
	fi
	jq -r "$json_shows" "$tmp/json" >"$tmp/shows"
	if [ -s "$tmp/shows" ]; then
		head -5 "$tmp/shows"
		echo "FAIL: $f $2: show data does not match its text"
		fail=1
	fi
}

for f in data/demos/*.mvs; do
	check_demo "$f" ""
	check_demo "$f" --events
done

# Errors: the same messages on stderr and the same status.
for f in tests/bad/*.mvs; do
	"$MEMVIZ" --batch "$f" >/dev/null 2>"$tmp/text.err"
	ts=$?
	"$MEMVIZ" --batch --json "$f" >"$tmp/json" 2>"$tmp/json.err"
	js=$?
	if [ $ts -ne $js ] || ! cmp -s "$tmp/text.err" "$tmp/json.err"; then
		echo "FAIL: $f: --json changes stderr or status ($ts, $js)"
		fail=1
	elif [ -s "$tmp/json" ] && ! jq -e . "$tmp/json" >/dev/null; then
		echo "FAIL: $f: output before the error is not JSON"
		fail=1
	fi
done

# --json without --batch is a usage error.
if "$MEMVIZ" --json --demo buddy >/dev/null 2>&1; then
	echo "FAIL: --json without --batch was accepted"
	fail=1
fi

# The golden: one small demo's whole output, byte for byte.
want=tests/golden/kzalloc.jsonl
"$MEMVIZ" --batch --json --events data/demos/kzalloc.mvs >"$tmp/golden"
if [ "$GENERATE" = 1 ]; then
	cp "$tmp/golden" "$want" && echo "wrote $want"
elif ! diff -u "$want" "$tmp/golden" >"$tmp/diff"; then
	head -40 "$tmp/diff"
	echo "FAIL: kzalloc's JSON differs from $want"
	fail=1
fi
exit $fail
