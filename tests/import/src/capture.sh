#!/bin/sh
# capture.sh OUT CMD... - how the ftrace fixtures were made: records the
# kmem events of CMD (and its children) through tracefs, as root, then
# saves the buffer as the kernel prints it (OUT.trace) and as trace-cmd
# report prints it (OUT.report, via trace-cmd extract).  EXTRA names more
# kmem events (EXTRA="kmem_cache_alloc kmem_cache_free").  trace-cmd
# record itself cannot be used in a sandbox where /proc/sys/kernel/
# ftrace_enabled is read-only; extract only reads the buffers.
T=/sys/kernel/tracing
out=$1; shift
[ -d $T/events ] || mount -t tracefs nodev $T || exit 1
echo 0 > $T/tracing_on
echo 0 > $T/events/enable
echo > $T/trace
echo 1 > $T/options/event-fork
for e in kmalloc kfree mm_page_alloc mm_page_free $EXTRA; do
	echo 1 > $T/events/kmem/$e/enable
done
sh -c 'echo $$ > '$T'/set_event_pid; echo 1 > '$T'/tracing_on; exec "$@"' \
    sh "$@"
echo 0 > $T/tracing_on
cp $T/trace "$out.trace"
trace-cmd extract -o "$out.dat" >/dev/null 2>&1 &&
    trace-cmd report -i "$out.dat" > "$out.report" 2>/dev/null
rm -f "$out.dat"
echo 0 > $T/events/enable
echo > $T/set_event_pid
echo 0 > $T/options/event-fork
echo > $T/trace
