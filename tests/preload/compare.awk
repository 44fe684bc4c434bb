# compare.awk - every pointer a traced program got against memviz's
# replay of its trace.  Input: the trace (FILE 1), then memviz --batch's
# output of the imported script followed by `show maps` (FILE 2).  Each
# result becomes "h OFFSET" (from the heap's start: the trace's "heap
# start" line, memviz's [heap] mapping) or "mmap" (outside the first
# 4 GiB above the heap: the mapping area, whose layout differs); the
# calls memviz replays without a result (free, realloc(p, 0), a failed
# posix_memalign, a NULL) are skipped on both sides.  Prints
# "PROGRAM: N calls, M pointers, K match" and the first mismatches.
function hex(s,   i, v) {
	sub(/^0x/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
function cls(p, h0,   v) {
	v = hex(p) - h0
	return (v >= 0 && v < 4294967296) ? sprintf("h %x", v) : "mmap"
}
FNR == 1 { file++ }
file == 1 && /^--- heap start / { h0 = hex($4); next }
file == 1 && /^[a-z_]+\(/ {
	calls++
	name = substr($0, 1, index($0, "(") - 1)
	res = $NF
	if (name == "free")
		next
	if (name == "posix_memalign") {
		if (res != "0")
			next
		arg = substr($0, index($0, "(") + 1)
		sub(/,.*/, "", arg)
		real[++nr] = cls(arg, h0)
		next
	}
	if (name == "realloc" && $0 ~ /, 0\) = / && $0 !~ /^realloc\(0,/)
		next
	if (res == "0")
		next
	real[++nr] = cls(res, h0)
	next
}
file == 2 && / \[heap\]$/ { split($1, r, "-"); m0 = hex(r[1]) }
file == 2 && /^p[0-9]+ = [a-z_]+\(.*\) -> 0x/ {
	for (i = 1; i <= NF; i++)
		if ($i == "->")
			sim_raw[++ns] = $(i + 1)
}
END {
	for (i = 1; i <= ns; i++)
		sim[i] = cls(sim_raw[i], m0)
	n = nr > ns ? nr : ns
	for (i = 1; i <= n; i++) {
		if (real[i] == sim[i])
			ok++
		else if (bad++ < 5)
			printf("  pointer %d: real %s, memviz %s\n", i, real[i], sim[i])
	}
	printf("%s: %d calls, %d pointers (memviz %d), %d match\n", name0, calls, nr, ns, ok)
	exit(bad > 0 || nr != ns || nr == 0)
}
