#!/bin/sh
# pcp-lesson.sh - what the captions of lesson 9 (data/demos/pcp.mvs) say
# is what memviz does, on 6.1 (the lesson's kernel) and on 6.12 (each
# caption holds there too, or says where the two differ): a freed page
# comes straight back, 64 freed in order come back reversed, buddyinfo
# does not move while 16 pages come and go, 6.1 drains the list in the
# run of frees and 6.12 does not, a fresh slab is not handed out in
# ascending order and its free pointer is not the plain address; 2.6
# hands out ascending and keeps no pointer in the object.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
LESSON=$srcdir/data/demos/pcp.mvs
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT
fail=0
no() { echo "FAIL: $kernel: $*"; fail=1; }

# The pfn (or address) NAME's statement returned, in lesson order.
pfns() { grep -E "^$1[0-9]* = " "$2" | sed 's/.* pfn \(0x[0-9a-f]*\).*/\1/'; }
addrs() { grep -E "^$1[0-9]* = " "$2" | sed 's/.* -> \(0x[0-9a-f]*\) .*/\1/'; }
# An address as the 8 bytes a little-endian word holds, "00 d0 80 ...".
le_bytes() { printf '%016x\n' "$1" | sed 's/../& /g' |
	awk '{ for (i = 8; i >= 1; i--) printf "%s%s", $i, (i > 1 ? " " : "\n") }'; }
# Addresses of one width: as strings, they sort as numbers.
ascending() { awk 'NR > 1 && "" $1 <= "" last { bad = 1 }
	{ last = $1 } END { exit bad }'; }

for kernel in 6.1 6.12; do
	out=$TMP/$kernel.out
	sed "s/kernel=6\.1 /kernel=$kernel /" "$LESSON" >"$TMP/l.mvs"
	"$MEMVIZ" --batch --events "$TMP/l.mvs" >"$out" 2>&1 ||
	    { no "the lesson fails"; continue; }
	grep -q "^machine .*kernel=$kernel " "$out" || no "not booted"
	[ "$(pfns p "$out")" = "$(pfns q "$out")" ] ||
	    no "q did not get p's frame back"
	[ "$(pfns a "$out" | sed -n '1,64p' | tac)" = \
	    "$(pfns b "$out" | sed -n '1,64p')" ] ||
	    no "the 64 pages did not come back reversed"
	[ "$(pfns a "$out" | sed -n '1,64p' | sort -u | wc -l)" -eq 64 ] ||
	    no "not 64 frames"
	# The two buddyinfo shows of part 4 are the same.
	awk '/^Node 0, zone/ { n++; if (n <= 2) a = a $0 "\n";
	    else if (n <= 4) b = b $0 "\n" }
	    END { exit !(n == 4 && a == b) }' "$out" ||
	    no "buddyinfo moved while 16 pages came and went"
	# The run of frees: 6.1 drains, 6.12 (high tuned up) does not.
	drains=$(sed -n '/^free_pages(d0, 0)/,/^s0 = /p' "$out" |
	    grep -c 'pcp_drain')
	refills=$(sed -n '/^d0 = /,/^free_pages(d0, 0)/p' "$out" |
	    grep -c 'pcp_refill')
	case $kernel in
	6.1) [ "$refills" -gt 0 ] || no "no refill in the 200 allocations"
	    [ "$drains" -gt 0 ] || no "no drain in the run of frees" ;;
	*) [ "$drains" -eq 0 ] || no "$drains drains, the caption says none" ;;
	esac
	# A fresh kmalloc-1k slab, not ascending; then 2.6, ascending.
	grep -q '^s0 = .*kmalloc-1k' "$out" || no "s0 is not kmalloc-1k"
	sed -n '/^s0 = /,/^s1 = /p' "$out" | grep -q 'slab_new' ||
	    no "s0 did not start a fresh slab"
	addrs s "$out" | sed -n '1,8p' | ascending &&
	    no "the fresh slab was handed out in ascending order"
	addrs s "$out" | sed -n '9,16p' | ascending ||
	    no "2.6 did not hand out in ascending order"
	s3=$(addrs s "$out" | sed -n 4p)
	got=$(grep '^read(s5, 512, 16)' "$out" | sed 's/.*bytes \(.\{23\}\).*/\1/')
	[ -n "$got" ] || no "no read of s5's free pointer"
	[ "$got" = "$(le_bytes "$s3")" ] && no "the free pointer is plain"
	grep -q "which would read $(le_bytes "$s3")" "$LESSON" ||
	    [ "$kernel" != 6.1 ] || no "the caption names another address"
	s3=$(addrs s "$out" | sed -n 12p)
	got=$(grep '^read(s5, 0, 16)' "$out" | sed 's/.*bytes \(.\{23\}\).*/\1/')
	[ "$got" = "$(le_bytes "$s3")" ] && no "2.6 keeps a pointer in the object"
done
exit $fail
