#!/bin/sh
# heap-lessons.sh - every claim a caption of the aligned, tunables and
# threads lessons makes, checked in their --batch --events output: each
# check names the caption it backs.
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
srcdir=${srcdir:-.}
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
"$MEMVIZ" --batch --events "$srcdir/data/demos/aligned.mvs" >"$tmp/a" 2>&1 ||
	{ echo "FAIL: aligned.mvs does not run"; exit 1; }
"$MEMVIZ" --batch --events "$srcdir/data/demos/tunables.mvs" >"$tmp/t" 2>&1 ||
	{ echo "FAIL: tunables.mvs does not run"; exit 1; }
"$MEMVIZ" --batch --events "$srcdir/data/demos/threads.mvs" >"$tmp/th" 2>&1 ||
	{ echo "FAIL: threads.mvs does not run"; exit 1; }

# has FILE CAPTION REGEX...: each regex matches a line of FILE, in order.
has() {
	f=$1 what=$2
	shift 2
	from=1
	for re in "$@"; do
		at=$(tail -n +"$from" "$f" | grep -n -E -m1 -- "$re" | cut -d: -f1)
		if [ -z "$at" ]; then
			echo "FAIL: $what: no line matching '$re'"
			fail=1
			return
		fi
		from=$((from + at))
	done
}
# section FILE N: the output of the Nth boot (machine line) of FILE.
section() {
	awk -v n="$2" '/^machine /{k++} k==n' "$1" >"$tmp/s"
	echo "$tmp/s"
}
A=$tmp/a
has $A "the buffer is an mmap asked 135216 bytes, 0x22000 mapped below libc, block one page in" \
	'^buf = aligned_alloc\(4096, 131072\) -> 0x7ffff7daf000 mmap' \
	'memalign asks _int_malloc for 135216 bytes' 'mmap 0x7ffff7dae000 size 139264$'
grep -q '^7ffff7dae000-.*rw-p' $A && grep -q '^7ffff7dd3000-.*libc.so.6' $A ||
	{ echo "FAIL: the buffer's mapping is not below libc"; fail=1; }
has $A "posix_memalign takes 1296, gives 0xf0 to tcache 13 and 64 to tcache 2" \
	'^p = posix_memalign\(256, 1000\) -> 0x[0-9a-f]*00 top' \
	'_int_malloc for 1296 bytes' 'size 240: memalign gives back the 0xf0 bytes before' \
	'size 240: put on tcache\[13\]' 'size 64: memalign gives back the spare room after' \
	'size 64: put on tcache\[2\]'
has $A "memalign(4096, 5000) puts 2000 bytes in the unsorted bin" \
	'^q = memalign\(4096, 5000\) -> 0x[0-9a-f]*000 ' \
	'size 2000: memalign gives back the 0x7d0 bytes before' \
	'size 2000: put on the unsorted bin'
has $A "b's free leaves a hole inside the heap, not top" \
	'^c = malloc\(4000\) -> .* top ' '^free\(b\) -> ok' \
	'size 60016: put on the unsorted bin'
has $A "malloc_trim madvises whole pages, frames freed, then sbrk shrinks top" \
	'^malloc_trim\(0\) -> 1' 'madvise\(.*MADV_DONTNEED\)' 'pte_clear' \
	'brk 0x55555557a000 -> ' 'top trimmed by'
has $A "d gets b's place back and a fresh zeroed frame on write" \
	'^b = malloc\(60000\) -> 0x55555555b390' '^d = malloc\(60000\) -> 0x55555555b390 ' \
	'^write\(d, 8192, 100\) -> ok .*zeroed 4096 bytes, 1 fault'
has $A "free(buf) is munmap and the threshold rises to 135184" \
	'^free\(buf\) -> ok' 'mmap threshold raised to 135184' \
	'munmap 0x7ffff7dae000 size 139264'
grep -q '^aligned_alloc(4096, 131072) = 0x7ff' "$srcdir/tests/preload/cat.trace" ||
	{ echo "FAIL: the cat trace has no aligned_alloc(4096, 131072) mmap"; fail=1; }

S=$(section $tmp/t 1)
has $S "by default the 0xd0 chunks go to tcache bin 11; malloc(300) comes from top after the guard" \
	'^a = malloc\(200\) -> 0x5555555592a0' '^guard = malloc\(24\) -> 0x555555559440' \
	'size 208: put on tcache\[11\]' 'size 208: put on tcache\[11\]' \
	'^c = malloc\(300\) -> 0x555555559460 top'
S=$(section $tmp/t 2)
has $S "tcache_count=0: a to unsorted, b merges into 0x1a0, malloc(300) at a's address" \
	'tunables="glibc.malloc.tcache_count=0"' \
	'size 208: put on the unsorted bin' 'size 416: merged with the free chunk before' \
	'^c = malloc\(300\) -> 0x5555555592a0 '
S=$(section $tmp/t 3)
has $S "by default malloc(200000) is an mmap" '^machine .*profile$' '^x = malloc\(200000\) -> 0x7ff.* mmap'
S=$(section $tmp/t 4)
has $S "mmap_threshold=1048576: malloc(200000) grows the heap with sbrk" \
	'^x = malloc\(200000\) -> 0x5555555592a0 top' 'top grew by .* with sbrk'
S=$(section $tmp/t 5)
has $S "trim threshold 128 KiB: free shrinks the heap, keeping 128 KiB pad" \
	'^free\(x\) -> ok' 'brk 0x5555555c3000 -> 0x55555557a000' 'size 134512: top trimmed'
S=$(section $tmp/t 6)
has $S "trim_threshold=4194304: brk does not move back" '^free\(x\) -> ok'
if grep -q 'brk 0x5555555c3000 ->' "$S"; then
	echo "FAIL: the heap shrank under trim_threshold=4194304"; fail=1
fi

# Lesson 12, threads.mvs (glibc 2.36 malloc/arena.c).
S=$(section $tmp/th 1)
has $S "main_arena's heap is the brk area above the program" \
	'^a = malloc\(100\) -> 0x555555559' 'brk 0x555555559000 -> '
# pthread_create maps its stack: read-write over a PROT_NONE guard page.
# On 6.12 MAP_STACK sets VM_NOHUGEPAGE, so the 8 MiB stack stays apart
# from the anonymous mapping above it (as /proc/self/maps of a pthread
# program shows on this machine); 6.1 merges the two.
has $S "pthread_create maps thread 1's stack" \
	'^7ffff75cf000-7ffff75d0000 ---p ' '^7ffff75d0000-7ffff7dd0000 rw-p ' \
	'^7ffff7dd0000-7ffff7dd3000 rw-p '
printf 'machine kernel=6.1\nthread 1\nshow maps\n' >"$tmp/stack61.mvs"
"$MEMVIZ" --batch "$tmp/stack61.mvs" >"$tmp/stack61" 2>&1 ||
	{ echo "FAIL: the 6.1 stack script does not run"; fail=1; }
has $tmp/stack61 "6.1: the thread's stack merges with the mapping above" \
	'^7ffff75d0000-7ffff7dd3000 rw-p '
has $S "thread 1's first malloc: 128 MiB PROT_NONE mapped, all but a 64 MiB-aligned half unmapped, 0x21000 read-write" \
	'^b = malloc\(100\) -> 0x7ffff0000b70 ' 'mmap 0x7fffef5cf000 size 134217728$' \
	'munmap 0x7fffef5cf000 size 10686464$' 'munmap 0x7ffff4000000 size 56422400$' \
	'chunk 0x7ffff0000000 size 135168: new_heap: 64 MiB reserved, 0x21000 read-write'
has $S "heap_info, then arena 1's malloc_state; thread 1's tcache at +0x8d0" \
	'_int_new_arena: arena at 0x7ffff0000030' \
	'chunk 0x7ffff00008d0 size 656: tcache_perthread_struct' \
	'^7ffff0000000-7ffff0021000 rw-p ' '^7ffff0021000-7ffff4000000 ---p '
has $S "arena 1 grew by mprotect (0x21000 to 0x33000), no new mapping" \
	'^big2 = malloc\(100000\) -> 0x7ffff0019a90 top' \
	'grow_heap: mprotect made the heap 0x33000' \
	'^7ffff0000000-7ffff0033000 rw-p ' '^7ffff0033000-7ffff4000000 ---p '
if sed -n '/^big1 = /,/^free(b)/p' "$S" | grep -q '^    mmap '; then
	echo "FAIL: arena 1 grew by a new mapping"; fail=1
fi
has $S "free(b) on thread 0 goes to thread 0's tcache; its malloc(100) gets b back" \
	'^free\(b\) -> ok' 'bin 0x7ffff0000b60 size 112: put on tcache\[5\]' \
	'^c = malloc\(100\) -> 0x7ffff0000b70 tcache'
has $S "free(x) goes to arena 1's unsorted bin; y from main_arena, z gets x back" \
	'^free\(x\) -> ok' 'bin 0x7ffff0000bd0 size 2016: put on the unsorted bin' \
	'^y = malloc\(2000\) -> 0x555555559' '^z = malloc\(2000\) -> 0x7ffff0000be0 unsorted'
# Thread exit (malloc.c tcache_thread_shutdown, arena.c
# __malloc_arena_thread_freeres and get_free_list, nptl's stack cache):
# checked against a real glibc 2.36 run of the same calls, where f
# lands at offset 0x32140 of thread 1's arena.
has $S "thread 1's exit frees its tcache into arena 1; the arena goes on free_list" \
	'bin 0x7ffff00013b0 size 32: put on tcache\[0\]' '^thread 1 exit -> ok' \
	'bin 0x7ffff00013b0 size 32: put on fastbin\[0\]' \
	'bin 0x7ffff00008d0 size 656: put on the unsorted bin' \
	"arena_thread_freeres: thread 1 was the arena's last, it goes on free_list"
has $S "the join keeps the stack in the cache; thread 2 starts on it, no mmap" \
	"^    note: thread 1's stack goes to the stack cache" \
	'pthread_create: thread 2 reuses a cached stack'
if sed -n '/^thread 2 -> /,/^f = /p' "$S" | grep -q '^    mmap '; then
	echo "FAIL: thread 2 mapped a stack of its own"; fail=1
fi
has $S "thread 2's first malloc takes arena 1 from free_list" \
	'^f = malloc\(100\) -> 0x7ffff0032140 ' \
	'get_free_list: thread 2 takes the arena at 0x7ffff0000030'
S=$(section $tmp/th 2)
has $S "M_ARENA_MAX 2: thread 2 shares main_arena, thread 3 arena 1" \
	'^mallopt\(M_ARENA_MAX, 2\) -> 1' '^b = malloc\(100\) -> 0x7ffff0000b70 ' \
	'^d = malloc\(100\) -> 0x555555559' \
	'reused_arena: 2 arenas is the limit, thread 2 shares the arena at 0x7ffff7fa6c60' \
	'^e = malloc\(100\) -> 0x7ffff0000' \
	'reused_arena: 2 arenas is the limit, thread 3 shares the arena at 0x7ffff0000030'
[ "$(grep -c '^    mmap .* size 134217728$' "$S")" -eq 1 ] ||
	{ echo "FAIL: with M_ARENA_MAX 2 more than one thread arena was made"; fail=1; }
# "a 2-CPU machine allows 16 arenas (8 per core)": the 16th thread is
# the first to share.
{
	echo 'machine ram=16M cpus=2 kernel=6.x seed=1'
	for i in $(seq 1 16); do echo "thread $i"; echo "p$i = malloc(100)"; done
} >"$tmp/lim.mvs"
"$MEMVIZ" --batch --events "$tmp/lim.mvs" >"$tmp/lim" 2>&1 ||
	{ echo "FAIL: the arena limit script does not run"; fail=1; }
has $tmp/lim "2 CPUs: 16 arenas, the 16th thread shares main_arena" \
	'^p15 = malloc\(100\) -> 0x7fff' '^p16 = malloc\(100\) -> 0x555555559' \
	'reused_arena: 16 arenas is the limit, thread 16 shares the arena at 0x7ffff7fa6c60'
[ "$(grep -c 'reused_arena' "$tmp/lim")" -eq 1 ] ||
	{ echo "FAIL: a thread before the 16th shared an arena"; fail=1; }
exit $fail
