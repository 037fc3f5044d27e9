#!/usr/bin/env bash
# CPU time a running JVM has spent so far, by kind of thread: the JIT's compiler threads, the
# collector and VM thread, and everything else (requests, background work). Run it before and
# after a load to see how much of a server's CPU went to compiling rather than serving: on two
# cores, one C1 and one C2 thread compile for a minute or more after a start, and the harness's
# figures are measured meanwhile.
#
#   bench/scripts/thread-cpu.sh <pid>
set -euo pipefail
pid=${1:?usage: thread-cpu.sh <pid>}
ticks=$(getconf CLK_TCK)
for task in /proc/"$pid"/task/*; do
  name=$(cat "$task/comm" 2>/dev/null) || continue
  # utime and stime are fields 14 and 15 of stat; the name (field 2) may hold spaces.
  time=$(cut -d')' -f2 "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
  printf '%s|%s\n' "$name" "$time"
done | awk -F'|' -v ticks="$ticks" '
  {
    kind = "other"
    if ($1 ~ /CompilerThre/) kind = "jit"
    else if ($1 ~ /GC|G1|VM Thread|VM Periodic/) kind = "gc/vm"
    cpu[kind] += $2; total += $2
  }
  END {
    for (kind in cpu) printf "%-6s %8.1f s  %3.0f%%\n", kind, cpu[kind] / ticks, 100 * cpu[kind] / total
    printf "%-6s %8.1f s\n", "total", total / ticks
  }'
