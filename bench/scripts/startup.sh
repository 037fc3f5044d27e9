#!/usr/bin/env bash
# Start-up to first answered request and idle resident memory of `ferry serve` (through ./ferry:
# the launcher's JDK search and the JVM included), beside a plain `java -version` on the same JDK;
# medians of several runs, against issue 17's targets. Usage: bench/scripts/startup.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-5}"
. "$root/.mvn/find-jdk.sh"
java="$JAVA_HOME/bin/java"
port=14999
"$root/ferry" --version >/dev/null   # builds the jar and the class-data archive if needed
data="$(mktemp -d)"
"$root/ferry" serve --data "$data" --port $port >/dev/null 2>&1 &
pid=$!; until curl -sf "http://127.0.0.1:$port/_ferry/decisions" >/dev/null 2>&1; do sleep 0.05; done
kill $pid; wait $pid 2>/dev/null || true  # a first start made the data folder, TLS material, archive

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

baseline=(); startup=(); rss=()
for i in $(seq "$runs"); do
  t=$(date +%s%N); "$java" -Xshare:auto -version >/dev/null 2>&1; baseline+=("$(ms "$t")")
  t=$(date +%s%N)
  "$root/ferry" serve --data "$data" --port $port >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/_ferry/decisions" >/dev/null 2>&1; do sleep 0.01; done
  startup+=("$(ms "$t")")
  sleep 2
  java_pid=$(pgrep -f "ferry.jar serve --data $data" | head -n 1)
  rss+=("$(( $(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status") / 1024 ))")
  kill $pid; wait $pid 2>/dev/null || true
done
rm -rf "$data"
b=$(printf '%s\n' "${baseline[@]}" | median)
s=$(printf '%s\n' "${startup[@]}" | median)
r=$(printf '%s\n' "${rss[@]}" | median)
target_ms=600
target_mib=120
verdict() { if [ "$1" -lt "$2" ]; then echo "under the target of $2 $3"; else echo "OVER the target of $2 $3"; fi; }
echo "java -version:                       ${b} ms (median of $runs)"
echo "ferry serve, start to first answer:  ${s} ms (median of $runs: ${startup[*]}; $(awk "BEGIN {printf \"%.1f\", $s/$b}")x java -version), $(verdict "$s" $target_ms ms)"
echo "ferry serve, idle resident memory:   ${r} MiB (median of $runs: ${rss[*]}), $(verdict "$r" $target_mib MiB)"
echo "load average while measuring:        $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores; a busy machine slows every start)"
