# compare.awk - every pointer a traced program got against memviz's
# replay of its trace.  Input: the trace (FILE 1), then memviz --batch's
# output of the imported script followed by `show maps` (FILE 2).  Each
# result becomes "h OFFSET" (from the heap's start: the trace's "heap
# start" line, memviz's [heap] mapping), "aK OFFSET" (in the K-th
# thread-arena heap, OFFSET from its 64 MiB boundary) or "mmap" (the
# mapping area, whose layout differs); the calls memviz replays without
# a result (free, realloc(p, 0), a failed posix_memalign, a NULL, the
# DTV calloc inside pthread_create and the frees inside pthread_join,
# which memviz's thread statements make themselves) are skipped on both
# sides.  Heaps are numbered on each side in the order their first
# pointer shows up; a 64 MiB region is a heap when its first pointer is
# in its first page (the arena's first chunk after heap_info and
# malloc_state and the tcache, or a later heap's first chunk), else
# mapped chunks.  malloc_usable_size's and malloc_trim's results are
# compared as "= N".  Prints "PROGRAM: N calls, M pointers, K match" and a
# count per heap, then the first mismatches.
function hex(s,   i, v) {
	sub(/^0x/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
# side: 1 real, 2 memviz (each numbers its own heaps)
function cls(p, h0, side,   v, r, k) {
	v = hex(p) - h0
	if (v >= 0 && v < 4294967296)
		return sprintf("h %x", v)
	v = hex(p)
	r = v - v % 67108864
	k = side SUBSEP sprintf("%.0f", r)
	if (!(k in region)) {
		if (v - r < 4096)
			region[k] = "a" (++nheap[side])
		else
			region[k] = "mmap"
	}
	if (region[k] == "mmap")
		return "mmap"
	return sprintf("%s %x", region[k], v - r)
}
FNR == 1 { file++ }
file == 1 && /^--- heap start / { h0 = hex($4); next }
file == 1 {
	line = $0
	pid = ""
	if (match(line, /^\[pid [0-9]+\] /)) {
		pid = substr(line, 6, RLENGTH - 7)
		line = substr(line, RLENGTH + 1)
	}
	if (line ~ /^(pthread_create|pthread_join)\(.*<unfinished/) {
		inside[pid] = 1
		next
	}
	if (line ~ /^<\.\.\. pthread_(create|join) resumed>/) {
		delete inside[pid]
		next
	}
	if (line !~ /^[a-z_]+\(/ || (pid in inside))
		next
	calls++
	name = substr(line, 1, index(line, "(") - 1)
	n = split(line, f, " ")
	res = f[n]
	if (name == "malloc_usable_size" || name == "malloc_trim") {
		real[++nr] = "= " res
		next
	}
	if (name == "free" || name == "mallopt")
		next
	if (name == "posix_memalign") {
		if (res != "0")
			next
		arg = substr(line, index(line, "(") + 1)
		sub(/,.*/, "", arg)
		real[++nr] = arg
		next
	}
	if (name == "realloc" && line ~ /, 0\) = / && line !~ /^realloc\(0,/)
		next
	if (res == "0")
		next
	real[++nr] = res
	next
}
file == 2 && / \[heap\]$/ { split($1, r, "-"); m0 = hex(r[1]) }
file == 2 && /^(malloc_usable_size|malloc_trim)\(.*\) -> [0-9]+( trimmed)?$/ {
	sim_raw[++ns] = "= " $(index($0, " trimmed") ? NF - 1 : NF)
}
file == 2 && /^p[0-9]+ = [a-z_]+\(.*\) -> 0x/ {
	for (i = 1; i <= NF; i++)
		if ($i == "->")
			sim_raw[++ns] = $(i + 1)
}
END {
	for (i = 1; i <= nr; i++)
		if (real[i] !~ /^= /)
			real[i] = cls(real[i], h0, 1)
	for (i = 1; i <= ns; i++)
		sim[i] = sim_raw[i] ~ /^= / ? sim_raw[i] : cls(sim_raw[i], m0, 2)
	n = nr > ns ? nr : ns
	for (i = 1; i <= n; i++) {
		split(real[i], w, " ")
		where = w[1] == "" ? "?" : w[1]
		total[where]++
		if (real[i] == sim[i])
			good[where]++
		else if (bad++ < 5)
			printf("  pointer %d: real %s, memviz %s\n", i, real[i], sim[i])
	}
	for (i = 1; i <= n; i++) {
		split(real[i], w, " ")
		where = w[1] == "" ? "?" : w[1]
		if (where in total) {
			per = per sprintf(" %s %d/%d", where, good[where], total[where])
			delete total[where]
		}
	}
	printf("%s: %d calls, %d pointers (memviz %d), %d match;%s\n", name0, calls, nr, ns, ok = n - bad, per)
	exit(bad > 0 || nr != ns || nr == 0)
}
