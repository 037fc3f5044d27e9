#!/usr/bin/env bash
# Memory of `ferry serve` under load, as users start it (through ./ferry, no -Xmx): S3Load PUTs and
# then GETs 1 MiB objects at concurrency 16 while this script reads the server's resident memory
# every 5 s; then the collector's pauses, the heap after its last collection, and the heap that is
# live (after a full collection asked for by jcmd). A heap after collection that keeps growing
# while the live heap stays small is garbage the collector is not reclaiming.
#
#   bench/scripts/memory-load.sh [seconds per phase, default 30]
#   BASELINE=/tmp/base bench/scripts/memory-load.sh   # then the same against another checkout
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
seconds="${1:-30}"
BASELINE=${BASELINE:-}
. .mvn/find-jdk.sh
. bench/scripts/ferry-keys.sh
java="$JAVA_HOME/bin/java"
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -q -o -pl bench -am package -DskipTests -Dspotless.check.skip=true -Dinvoker.skip=true
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
last_collection() { grep Pause "$1" | tail -1 | grep -o '[0-9]*M->[0-9]*M([0-9]*M)'; } # heap before->after(size)

measure() { # label checkout
  local data="$work/$1" log="$work/$1.log" gc="$work/$1-gc.log" samples=()
  # The launcher ends in exec: its process becomes the server's.
  JDK_JAVA_OPTIONS="-Xlog:gc:file=$gc" "$2/ferry" serve --port 18190 --data "$data" > "$log" 2>&1 &
  pid=$!
  ferry_keys "$log"
  echo "$1: idle $(rss "$pid") MiB"
  S3LOAD_WARMUP_SECONDS=0 "$java" -Xmx1g -cp bench/target/benchmarks.jar ferry.bench.s3.S3Load \
    http://127.0.0.1:18190 "$FERRY_AK" "$FERRY_SK" "$1" "$seconds" 0 16 > "$work/$1.load" &
  local load=$!
  while kill -0 "$load" 2>/dev/null; do
    samples+=("$(rss "$pid")")
    sleep 5
  done
  wait "$load"
  awk '/ops_per_s/ {printf "%s: %s %s\n", $1, $2, $3}' "$work/$1.load"
  echo "$1: resident MiB every 5 s: ${samples[*]}"
  grep Pause "$gc" | awk -v l="$1" '{gsub("ms", "", $NF); n++; t += $NF} /Full/ {f++}
    END {printf "%s: %d collections (%d full), %.0f ms paused\n", l, n, f, t}'
  echo "$1: heap after the last collection $(last_collection "$gc")"
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run > /dev/null
  echo "$1: live heap $(last_collection "$gc") (full collection)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

measure ferry .
if [ -n "$BASELINE" ]; then measure baseline "$BASELINE"; fi
