#!/usr/bin/env bash
# Start-up to first answered request and idle resident memory of `ferry serve` (through ./ferry:
# the launcher's JDK search and the JVM included), beside a plain `java -version` on the same JDK;
# medians of several runs, against issue 17's targets.
#
#   bench/scripts/startup.sh [runs]
#   BASELINE=/tmp/base bench/scripts/startup.sh 12   # alternated with another checkout's ./ferry
#   NEW_FOLDER=1 bench/scripts/startup.sh 8          # each start on a new data folder, as a demo's
#
# This machine's starts drift by tens of milliseconds within minutes, so a change of that size is
# seen only against a baseline started in turn with it (e.g. `git worktree add /tmp/base main~1`):
# each round starts both, in alternating order, and the pairwise differences are summarised too.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-5}"
BASELINE=${BASELINE:-}
. "$root/.mvn/find-jdk.sh"
java="$JAVA_HOME/bin/java"
port=14999

ms() { local now=$EPOCHREALTIME; echo $(( (${now//[.,]/} - ${1//[.,]/}) / 1000 )); } # µs clock, no process
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Asks for a page with the shell's own /dev/tcp: no process per attempt. A curl every 10 ms took
# about 18 ms of CPU each, most of a core beside the JVM it timed on a 2-core machine, and made the
# start it measured ~50 ms longer. Ferry binds its port first, so once the connection opens the
# read waits for the first answer itself.
answered() {
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /_ferry/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local status=""
  read -r -t 10 status <&3 || true
  exec 3<&-
  [[ $status == "HTTP/1.1 200"* ]]
}

start() { # checkout data: prints "<ms to first answer> <idle RSS MiB>"
  local t pid took java_pid rss
  t=$EPOCHREALTIME
  "$1/ferry" serve --data "$2" --port $port >/dev/null 2>&1 &
  pid=$!
  until answered; do sleep 0.01; done
  took=$(ms "$t")
  sleep 2
  java_pid=$(pgrep -f "ferry.jar serve --data $2" | head -n 1)
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status") / 1024 ))
  # Gone before the figures are printed: the caller starts the next server as it reads them, and
  # its first request must not reach this one.
  kill $pid; wait $pid 2>/dev/null || true
  echo "$took $rss"
}

prepare() { # checkout data: builds the jar and its AOT cache, makes the data folder and TLS material
  "$1/ferry" --version >/dev/null
  start "$1" "$2" >/dev/null
}

data="$(mktemp -d)"; base_data="$(mktemp -d)"; new_folders="$(mktemp -d)"
trap 'rm -rf "$data" "$base_data" "$new_folders"' EXIT
folder() { # the prepared folder, or with NEW_FOLDER a new one (its schema and TLS material made)
  if [ -n "${NEW_FOLDER:-}" ]; then mktemp -d -p "$new_folders"; else echo "$1"; fi
}
prepare "$root" "$data"
if [ -n "$BASELINE" ]; then prepare "$BASELINE" "$base_data"; fi

baseline=(); startup=(); rss=(); base_startup=(); base_rss=(); diffs=()
for i in $(seq "$runs"); do
  t=$EPOCHREALTIME; "$java" -Xshare:auto -version >/dev/null 2>&1; baseline+=("$(ms "$t")")
  if [ -n "$BASELINE" ] && [ $((i % 2)) -eq 0 ]; then read -r bs br < <(start "$BASELINE" "$(folder "$base_data")"); fi
  read -r s r < <(start "$root" "$(folder "$data")")
  if [ -n "$BASELINE" ] && [ $((i % 2)) -eq 1 ]; then read -r bs br < <(start "$BASELINE" "$(folder "$base_data")"); fi
  startup+=("$s"); rss+=("$r")
  if [ -n "$BASELINE" ]; then base_startup+=("$bs"); base_rss+=("$br"); diffs+=("$((s - bs))"); fi
done
b=$(printf '%s\n' "${baseline[@]}" | median)
s=$(printf '%s\n' "${startup[@]}" | median)
r=$(printf '%s\n' "${rss[@]}" | median)
target_ms=600
target_mib=120
verdict() { if [ "$1" -lt "$2" ]; then echo "under the target of $2 $3"; else echo "OVER the target of $2 $3"; fi; }
echo "java -version:                       ${b} ms (median of $runs)"
echo "ferry serve, start to first answer:  ${s} ms (median of $runs: ${startup[*]}; $(awk "BEGIN {printf \"%.1f\", $s/$b}")x java -version), $(verdict "$s" $target_ms ms)"
echo "ferry serve, idle resident memory:   ${r} MiB (median of $runs: ${rss[*]}), $(verdict "$r" $target_mib MiB)"
if [ -n "$BASELINE" ]; then
  echo "baseline $BASELINE, start:  $(printf '%s\n' "${base_startup[@]}" | median) ms (median of $runs: ${base_startup[*]})"
  echo "baseline $BASELINE, idle:   $(printf '%s\n' "${base_rss[@]}" | median) MiB (median of $runs: ${base_rss[*]})"
  echo "this checkout minus the baseline, start, round by round: median $(printf '%s\n' "${diffs[@]}" | median) ms (${diffs[*]})"
fi
echo "load average while measuring:        $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores; a busy machine slows every start)"
