#!/usr/bin/env bash
# Two ways of running Ferry, alternated round by round: each round starts A and B in turn (their
# order swapped every round) on fresh data folders and runs the S3 load harness (PUT and GET of
# 1 MiB objects at concurrency 1 and 16, after its warm-up) against each. Prints every round's
# figures with the server's CPU per operation (the harness's S3LOAD_SERVER_PID measure), then the
# medians. This machine's speed drifts by ±25%
# within minutes, so only alternated rounds show a change of 10%; CPU per operation moves less
# than throughput does.
#
#   A=/tmp/base B=. bench/scripts/ab-load.sh                 # two checkouts, by their ./ferry serve
#   A=/tmp/old.jar B=cli/target/ferry.jar ROUNDS=8 bench/scripts/ab-load.sh   # jars, by java -jar
#   A=cli/target/ferry.jar B=. bench/scripts/ab-load.sh      # the same build, both ways
#   POSTGRES=1 A=/tmp/base B=. bench/scripts/ab-load.sh       # metadata on PostgreSQL
#
# POSTGRES=1 gives each server a fresh database on the cluster of bench/scripts/postgres.sh
# (start it first; FERRY_PG_DURABLE=1 for commits that wait for the disk, as in production).
#
# Every server gets the heap limit $SERVER_HEAP (a checkout's through JDK_JAVA_OPTIONS).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${A:?A= a checkout folder or a ferry.jar}" "${B:?B= a checkout folder or a ferry.jar}"
ROUNDS=${ROUNDS:-6}
SECONDS_PER=${SECONDS_PER:-5}
SERVER_HEAP=${SERVER_HEAP:--Xmx512m}
PORT=${PORT:-18290}
WORK=${WORK:-/tmp/ferry-ab-load}
POSTGRES=${POSTGRES:-0}
PG_PORT=${FERRY_PG_PORT:-55432}
. .mvn/find-jdk.sh
. bench/scripts/ferry-keys.sh
JAVA="$JAVA_HOME/bin/java"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true' EXIT

./mvnw -q -o -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true
for side in "$A" "$B"; do
  # A checkout's launcher trains its AOT cache for a new jar now, not in a measured start.
  if [ -d "$side" ]; then "$side/ferry" --version > /dev/null; fi
done
rm -rf "$WORK" && mkdir -p "$WORK"

# A fresh, empty PostgreSQL database for one server; prints its JDBC URL.
fresh_database() { # name
  local sql="psql -q -h 127.0.0.1 -p $PG_PORT -U ferry -d postgres -v ON_ERROR_STOP=1"
  export PGOPTIONS="-c client_min_messages=warning"
  PGPASSWORD=ferry $sql -c "DROP DATABASE IF EXISTS $1" >&2
  PGPASSWORD=ferry $sql -c "CREATE DATABASE $1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >&2
  echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1"
}

round() { # label (checkout | jar): one fresh server, one harness run, one line of figures
  local data="$WORK/$1"
  rm -rf "$data"
  if [ "$POSTGRES" = 1 ]; then
    export FERRY_JDBC_URL FERRY_JDBC_USER=ferry FERRY_JDBC_PASSWORD=ferry
    FERRY_JDBC_URL=$(fresh_database "ferry_ab_load_$(echo "$1" | tr 'A-Z' 'a-z')")
  fi
  if [ -d "$2" ]; then
    JDK_JAVA_OPTIONS="$SERVER_HEAP" "$2/ferry" serve --port "$PORT" --data "$data" > "$WORK/$1.log" 2>&1 &
  else
    "$JAVA" $SERVER_HEAP -jar "$2" serve --port "$PORT" --data "$data" > "$WORK/$1.log" 2>&1 &
  fi
  PID=$!
  ferry_keys "$WORK/$1.log" || exit 1
  # Objects of 1 MiB: the server's CPU per MiB is its CPU per operation.
  S3LOAD_SERVER_PID=$PID "$JAVA" -Xmx1g -cp bench/target/benchmarks.jar ferry.bench.s3.S3Load \
    "http://127.0.0.1:$PORT" "$FERRY_AK" "$FERRY_SK" "$1" "$SECONDS_PER" 0 1,16 2>/dev/null \
    | awk -v side="$1" '
        $2 ~ /_ops_per_s$/ { m = $2; sub(/_ops_per_s$/, "", m); ops[m] = $3; order[++n] = m }
        $2 ~ /_server_cpu_per_MiB_ms$/ { m = $2; sub(/_server_cpu_per_MiB_ms$/, "", m); cpu[m] = $3 }
        END { for (i = 1; i <= n; i++) print side, order[i], ops[order[i]], cpu[order[i]] }'
  kill "$PID"; wait "$PID" 2>/dev/null || true
  PID=""
}

echo "== metadata on $([ "$POSTGRES" = 1 ] && echo "PostgreSQL (port $PG_PORT)" || echo SQLite)"
echo "== A: $A"
echo "== B: $B"
echo "== $ROUNDS rounds; per round and side: metric, ops/s, server CPU ms per operation"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="A B"; else order="B A"; fi
  for side in $order; do
    round "$side" "${!side}" > "$WORK/round.txt"
    tee -a "$WORK/results.txt" < "$WORK/round.txt"
  done
done

echo "== medians of $ROUNDS rounds: ops/s (B/A), server CPU ms per operation (B/A)"
awk '
  function median(list,   n, v, i, j, x) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) { x = v[i]; j = i - 1; while (j > 0 && v[j] + 0 > x + 0) { v[j + 1] = v[j]; j-- } v[j + 1] = x }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { ops[$1, $2] = ops[$1, $2] " " $3; cpu[$1, $2] = cpu[$1, $2] " " $4; metrics[$2] = 1 }
  END {
    for (m in metrics) {
      a = median(ops["A", m]); b = median(ops["B", m])
      line = sprintf("%-22s A %7.1f  B %7.1f  (%.2fx)", m, a, b, b / a)
      if (cpu["A", m] != "") {
        ca = median(cpu["A", m]); cb = median(cpu["B", m])
        line = line sprintf("   cpu A %.2f  B %.2f ms  (%.2fx)", ca, cb, cb / ca)
      }
      print line
    }
  }' "$WORK/results.txt" | sort
