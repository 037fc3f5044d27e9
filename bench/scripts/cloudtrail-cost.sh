#!/usr/bin/env bash
# What recording the CloudTrail event history costs S3: PUT and GET of 1 MiB objects at
# concurrency 16 against two Ferrys running side by side, one recording (the default) and one
# started with -Dferry.cloudtrail=off. The harness runs alternate between them, so a machine busy
# with other work slows both alike; the ratio of the medians is the figure (target >= 0.95). Each
# server's CPU time per MiB moved is printed too, read from /proc: on two cores shared with the
# harness, and with the JIT still compiling for minutes, it varies far less than the rates do.
#
#   bench/scripts/cloudtrail-cost.sh               # 5 rounds of 5 s per measurement
#   ROUNDS=7 SECONDS_PER=3 bench/scripts/cloudtrail-cost.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
SECONDS_PER=${SECONDS_PER:-5}
WORK=${WORK:-/tmp/ferry-cloudtrail-cost}
. .mvn/find-jdk.sh
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK"
echo "== building ferry.jar and the harness"
./mvnw -q -o -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true
# The harness with its dependencies, shaded by the bench module: no install into ~/.m2 needed.
CP=bench/target/benchmarks.jar

start() { # label port jvm-option...
  local label=$1 port=$2; shift 2
  "$JAVA" "$@" -jar cli/target/ferry.jar serve --port "$port" --data "$WORK/$label" > "$WORK/$label.log" 2>&1 &
  PIDS+=($!)
}
keys() { # label: the dev root's access key and secret, once the banner is out
  for _ in $(seq 1 120); do
    if awk '$1=="dev" && $2 ~ /^[0-9]+$/ && length($2)==12 {print $3, $4; found=1; exit} END {exit !found}' "$WORK/$1.log"; then
      return 0
    fi
    sleep 0.5
  done
  echo "$1 did not start" >&2; return 1
}
start on 18190
start off 18191 -Dferry.cloudtrail=off
read -r ON_AK ON_SK < <(keys on)
read -r OFF_AK OFF_SK < <(keys off)

for round in $(seq 1 "$ROUNDS"); do
  # Which goes first alternates too.
  if (( round % 2 )); then order="on off"; else order="off on"; fi
  for label in $order; do
    if [ "$label" = on ]; then
      port=18190 ak=$ON_AK sk=$ON_SK pid=${PIDS[0]}
    else
      port=18191 ak=$OFF_AK sk=$OFF_SK pid=${PIDS[1]}
    fi
    S3LOAD_SERVER_PID=$pid "$JAVA" -Xmx1g -cp "$CP" ferry.bench.s3.S3Load "http://127.0.0.1:$port" "$ak" "$sk" "$label" \
      "$SECONDS_PER" 0 16 | tee -a "$WORK/results.txt"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median_of() { # label metric: the median of that server's figures
  awk -v l="$1" -v m="$2" '$1 == l && $2 == m { print $3 }' "$WORK/results.txt" | median
}
echo "== medians over $ROUNDS rounds (ops/s), recording on / off; and the median of each round's ratio"
for metric in put_1MiB_c16_ops_per_s get_1MiB_c16_ops_per_s; do
  on=$(median_of on "$metric")
  off=$(median_of off "$metric")
  paired=$(awk -v m=$metric '$2 == m { v[$1] = $3; if ("on" in v && "off" in v) { print v["on"] / v["off"]; delete v } }' \
    "$WORK/results.txt" | median)
  printf "%-24s on %7.1f  off %7.1f  ratio of medians %.3f  median of round ratios %.3f\n" \
    "$metric" "$on" "$off" "$(awk -v a="$on" -v b="$off" 'BEGIN { print a / b }')" "$paired"
done
echo "== the server's CPU per MiB moved (ms), medians; off / on is the throughput per CPU that recording"
echo "   leaves (1.0: it costs nothing)"
for metric in put_1MiB_c16_server_cpu_per_MiB_ms get_1MiB_c16_server_cpu_per_MiB_ms; do
  on=$(median_of on "$metric")
  off=$(median_of off "$metric")
  printf "%-36s on %6.2f  off %6.2f  off / on %.3f\n" \
    "$metric" "$on" "$off" "$(awk -v a="$on" -v b="$off" 'BEGIN { print b / a }')"
done
