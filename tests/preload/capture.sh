#!/bin/sh
# capture.sh NAME COMMAND...: runs COMMAND with malloc-log.so preloaded
# and address randomisation off (setarch -R) and keeps its trace as
# NAME.trace (setarch's pid, which execs COMMAND: a child writes its own).
# Build the shim first:
#   gcc -O2 -shared -fPIC -o malloc-log.so malloc-log.c
set -e
name=$1
shift
dir=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp -d)/log
MEMVIZ_MALLOC_LOG=$log LD_PRELOAD=$dir/malloc-log.so setarch -R "$@" >/dev/null &
pid=$!
wait $pid || true
cp "$log.$pid" "$name.trace"
rm -rf "$(dirname "$log")"
wc -l "$name.trace"
