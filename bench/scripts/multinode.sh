#!/usr/bin/env bash
# What several nodes cost: the S3 load (PUT and GET of 1 MiB objects, 15 clients in all) and the
# 50-pipeline figure (50 pipelines started by one upload, until all Succeeded) on
#   sqlite   one node, SQLite in its data folder
#   pg1      one node on PostgreSQL
#   pg3      three nodes on one PostgreSQL database and one data folder (the load split over the
#            three, 5 clients each; set-up and polling of the pipelines round robin)
# in the same run, on this machine. PostgreSQL is a throwaway cluster (bench/scripts/postgres.sh)
# with fsync on, as SQLite's commits are. On two cores three nodes cannot be faster than one: the
# ratios show what the coordination costs.
#
#   bench/scripts/multinode.sh                  # 5 s per S3 measurement
#   SECONDS_PER=10 bench/scripts/multinode.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER=${SECONDS_PER:-5}
WORK=${WORK:-/tmp/ferry-multinode-bench}
PG_PORT=${FERRY_PG_PORT:-55440}
export FERRY_PG_PORT=$PG_PORT FERRY_PG_DIR=${FERRY_PG_DIR:-/tmp/ferry-multinode-bench-pg} FERRY_PG_DURABLE=1
. .mvn/find-jdk.sh
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bench/scripts/postgres.sh stop || true
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK"
echo "== building ferry.jar and the harness"
./mvnw -q -o -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true
# The harness with its dependencies, shaded by the bench module: no install into ~/.m2 needed.
CP=bench/target/benchmarks.jar

echo "== PostgreSQL"
bench/scripts/postgres.sh start
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql"
for db in bench_pg1 bench_pg3; do
  PGPASSWORD=ferry "$PSQL" -q -h 127.0.0.1 -p "$PG_PORT" -U ferry -d postgres \
    -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
done

node() { # label port data [config]
  local label=$1 port=$2 data=$3 config=${4:-}
  "$JAVA" -jar cli/target/ferry.jar serve --port "$port" --data "$data" ${config:+--config "$config"} \
    > "$WORK/$label.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    grep -q '^Press Ctrl-C' "$WORK/$label.log" && return 0
    sleep 0.5
  done
  echo "$label did not start:" >&2; cat "$WORK/$label.log" >&2; return 1
}
keys() { awk '$1=="dev" && $2 ~ /^[0-9]+$/ && length($2)==12 {print $3, $4; exit}' "$WORK/$1.log"; }
config() { # database node-id
  printf 'jdbcUrl=jdbc:postgresql://127.0.0.1:%s/%s\njdbcUser=ferry\njdbcPassword=ferry\nnodeId=%s\n' \
    "$PG_PORT" "$1" "$2" > "$WORK/$2.properties"
  echo "$WORK/$2.properties"
}

node sqlite 18290 "$WORK/sqlite"
node pg1 18291 "$WORK/pg1" "$(config bench_pg1 pg1)"
node pg3-a 18292 "$WORK/pg3" "$(config bench_pg3 pg3-a)"
node pg3-b 18293 "$WORK/pg3" "$(config bench_pg3 pg3-b)"
node pg3-c 18294 "$WORK/pg3" "$(config bench_pg3 pg3-c)"

load() { # label ak sk port concurrency
  "$JAVA" -Xmx512m -cp "$CP" ferry.bench.s3.S3Load "http://127.0.0.1:$4" "$2" "$3" "$1" \
    "$SECONDS_PER" 0 "$5"
}
echo "== S3 load, ${SECONDS_PER} s per measurement"
read -r AK SK < <(keys sqlite)
load sqlite "$AK" "$SK" 18290 15 | tee -a "$WORK/results.txt"
read -r AK SK < <(keys pg1)
load pg1 "$AK" "$SK" 18291 15 | tee -a "$WORK/results.txt"
read -r AK SK < <(keys pg3-a)
LOADS=()
for port in 18292 18293 18294; do
  load "pg3-$port" "$AK" "$SK" "$port" 5 > "$WORK/load-$port.txt" &
  LOADS+=($!)
done
wait "${LOADS[@]}"
cat "$WORK"/load-1829[234].txt | tee -a "$WORK/results.txt"

echo "== 50 pipelines started by one upload"
read -r AK SK < <(keys sqlite)
"$JAVA" -cp "$CP" ferry.bench.PipelineFanout http://127.0.0.1:18290 "$AK" "$SK" sqlite | tee -a "$WORK/results.txt"
read -r AK SK < <(keys pg1)
"$JAVA" -cp "$CP" ferry.bench.PipelineFanout http://127.0.0.1:18291 "$AK" "$SK" pg1 | tee -a "$WORK/results.txt"
read -r AK SK < <(keys pg3-a)
"$JAVA" -cp "$CP" ferry.bench.PipelineFanout \
  http://127.0.0.1:18292,http://127.0.0.1:18293,http://127.0.0.1:18294 "$AK" "$SK" pg3 \
  | tee -a "$WORK/results.txt"

echo "== figures (S3: ops/s, pg3 summed over its nodes; fan-out: ms, lower is better)"
sum() { awk -v l="$1" -v m="$2" '$1 ~ "^"l && $2 == m { s += $3; n++ } END { if (n) print s; else print "n/a" }' "$WORK/results.txt"; }
for metric in put_1MiB_c15_ops_per_s get_1MiB_c15_ops_per_s; do
  base=${metric/c15/c5}
  s=$(sum sqlite "$metric"); p1=$(sum pg1 "$metric"); p3=$(sum pg3- "$base")
  awk -v m="$metric" -v s="$s" -v p1="$p1" -v p3="$p3" \
    'BEGIN { printf "%-26s sqlite %8.1f  pg1 %8.1f  pg3 %8.1f   pg1/sqlite %.2f  pg3/pg1 %.2f\n", m, s, p1, p3, p1/s, p3/p1 }'
done
s=$(awk '$1=="sqlite" && $2=="fanout50_ms" {print $3}' "$WORK/results.txt")
p1=$(awk '$1=="pg1" && $2=="fanout50_ms" {print $3}' "$WORK/results.txt")
p3=$(awk '$1=="pg3" && $2=="fanout50_ms" {print $3}' "$WORK/results.txt")
awk -v s="$s" -v p1="$p1" -v p3="$p3" \
  'BEGIN { printf "%-26s sqlite %8d  pg1 %8d  pg3 %8d   pg1/sqlite %.2f  pg3/pg1 %.2f\n", "fanout50_ms", s, p1, p3, p1/s, p3/p1 }'
