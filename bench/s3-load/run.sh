#!/usr/bin/env bash
# S3 load comparison on loopback: PUT and GET of 1 MiB objects at concurrency 1 and 16, and a
# large multipart upload and ranged download, against Ferry, adobe S3Mock 5.2.0 and gaul s3proxy
# 4.1.0, all started by this script; plus the raw disk write (dd conv=fdatasync) and read rate of
# the same folder. Every server is measured REPS times, the servers taking turns, and the closing
# table gives medians, Ferry against the better peer, and the multipart rate against the disk.
# "bare" (ferry.bench.s3.BareS3) is the harness's ceiling on this machine: Jetty answering each call
# without checking or storing anything, so what it reaches is what the client, loopback and HTTP
# allow; the table gives Ferry's share of it too.
#
#   bench/s3-load/run.sh                 # 2 repetitions, 5 s per measurement, 1 GiB large object
#   REPS=3 SECONDS_PER=3 LARGE_MIB=256 bench/s3-load/run.sh
#   WARMUP=20 bench/s3-load/run.sh      # seconds of unmeasured PUT and GET before each server's
#                                        # figures (60 by default: on two cores the JIT compiles
#                                        # for 60-90 s)
#   SERVERS=ferry bench/s3-load/run.sh  # only some of: ferry s3mock s3proxy bare
#   BASELINE=/tmp/base bench/s3-load/run.sh   # also "ferry_base": another checkout's ./ferry serve
#   BASELINE=/tmp/ferry-main.jar bench/s3-load/run.sh   # … or another Ferry jar, started by java -jar
#   PORT=28090 WORK=/tmp/my-bench bench/s3-load/run.sh   # beside another run
#   FERRY_VIA=jar bench/s3-load/run.sh   # Ferry started by java -jar, as the peers are
#   LATENCY=1 bench/s3-load/run.sh       # also each server's PUT time by size (PutLatency): what
#                                        # every PUT costs and what each MiB adds, ~1.5 min a server
#
# Each measurement is followed by the CPU time the server and the harness spent on it per MiB moved
# (…_server_cpu_per_MiB_ms, …_client_cpu_per_MiB_ms): on two cores the harness and the server share
# the CPU, so a rate alone cannot tell a server that works more from one that waits more.
#
# Ferry is started as users start it, by ./ferry serve: the launcher's collector and first heap,
# and its AOT cache, trained on the guide and S3 traffic after each build. Every server gets the
# same heap limit ($SERVER_HEAP; Ferry's through JDK_JAVA_OPTIONS, which the java launcher reads).
#
# Peer jars are fetched from Maven Central into $JARS (never committed). S3Mock 5 (Spring Boot 4)
# and s3proxy 4 need Java 17 or newer; they run on the same JDK as Ferry ($JAVA, JDK 21+).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${REPS:-2}
SECONDS_PER=${SECONDS_PER:-5}
WARMUP=${WARMUP:-60}
LARGE_MIB=${LARGE_MIB:-1024}
SERVERS=${SERVERS:-ferry s3mock s3proxy bare}
BASELINE=${BASELINE:-}
FERRY_VIA=${FERRY_VIA:-launcher}
LATENCY=${LATENCY:-}
WORK=${WORK:-/tmp/ferry-s3-bench}
PORT=${PORT:-18090} # Ferry's; the peers and bare take the next four
JARS=${JARS:-/tmp/s3bench}
S3MOCK_VERSION=5.2.0
S3PROXY_VERSION=4.1.0
S3MOCK_JAR=$JARS/s3mock-$S3MOCK_VERSION-exec.jar
S3PROXY_JAR=$JARS/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar
. .mvn/find-jdk.sh
. bench/scripts/ferry-keys.sh
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
# Small heaps for every server alike: the VM has 2 cores and little memory to spare.
SERVER_HEAP=${SERVER_HEAP:--Xmx512m}
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK" "$JARS"
[ -f "$S3MOCK_JAR" ] || ./mvnw -q dependency:copy \
  -Dartifact="com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec" -DoutputDirectory="$JARS"
[ -f "$S3PROXY_JAR" ] || ./mvnw -q dependency:copy \
  -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$JARS"

echo "== building ferry.jar and the harness"
./mvnw -q -o -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true
if [ "$FERRY_VIA" = launcher ]; then
  FERRY=.
  # The launcher trains its AOT cache for the new jar now, not in the first measured start.
  ./ferry --version > /dev/null
  if [ -d "$BASELINE" ]; then "$BASELINE/ferry" --version > /dev/null; fi
else
  FERRY=cli/target/ferry.jar
fi
# The harness with its dependencies, shaded by the bench module: no install into ~/.m2 needed.
CP=bench/target/benchmarks.jar

wait_port() {
  for _ in $(seq 1 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "port $1 did not open" >&2; return 1
}

disk_rate() { # label: dd's summary line in, "disk <label> MiB/s" out
  awk -v label="$1" '/copied/ { printf "disk %s_MiB_per_s %.1f\n", label, $1 / 1048576 / $(NF - 3) }'
}
measure_disk() {
  echo "== raw disk rate of $WORK (dd, 1 GiB, fdatasync; then read back after dropping the file from cache)"
  dd if=/dev/zero of="$WORK/dd.bin" bs=1M count=1024 conv=fdatasync 2>&1 | disk_rate write | tee -a "$WORK/results.txt"
  if [ -w /proc/sys/vm/drop_caches ]; then sync; echo 1 > /proc/sys/vm/drop_caches; fi
  dd if="$WORK/dd.bin" of=/dev/null bs=1M 2>&1 | disk_rate read | tee -a "$WORK/results.txt"
  rm -f "$WORK/dd.bin"
}

run_harness() { # label endpoint access secret: against the server started last
  S3LOAD_SERVER_PID=${PIDS[-1]} S3LOAD_WARMUP_SECONDS=$WARMUP "$JAVA" -Xmx1g -cp "$CP" ferry.bench.s3.S3Load "$2" "$3" "$4" "$1" \
    "$SECONDS_PER" "$LARGE_MIB" | tee -a "$WORK/results.txt"
  if [ -n "$LATENCY" ]; then
    "$JAVA" -Xmx1g -cp "$CP" ferry.bench.s3.PutLatency "$2" "$3" "$4" "$1" | tee -a "$WORK/results.txt"
  fi
}

stop_last() {
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
  unset 'PIDS[-1]'
}

run_ferry() { # label (checkout folder | jar)
  echo "== $1 ($2)"
  rm -rf "$WORK/$1"
  if [ -d "$2" ]; then
    JDK_JAVA_OPTIONS="$SERVER_HEAP" "$2/ferry" serve --port $PORT --data "$WORK/$1" > "$WORK/$1.log" 2>&1 &
  else
    "$JAVA" $SERVER_HEAP -jar "$2" serve --port $PORT --data "$WORK/$1" > "$WORK/$1.log" 2>&1 &
  fi
  PIDS+=($!)
  ferry_keys "$WORK/$1.log" || exit 1
  run_harness "$1" http://127.0.0.1:$PORT "$FERRY_AK" "$FERRY_SK"
  stop_last
}

run_s3mock() {
  echo "== adobe S3Mock $S3MOCK_VERSION"
  rm -rf "$WORK/s3mock" && mkdir -p "$WORK/s3mock"
  "$JAVA" $SERVER_HEAP -jar "$S3MOCK_JAR" --com.adobe.testing.s3mock.httpPort=$((PORT + 1)) --server.port=$((PORT + 3)) \
    --com.adobe.testing.s3mock.store.root="$WORK/s3mock" \
    --com.adobe.testing.s3mock.store.retainFilesOnExit=false --logging.level.root=WARN \
    > "$WORK/s3mock.log" 2>&1 &
  PIDS+=($!)
  wait_port $((PORT + 1))
  run_harness s3mock http://127.0.0.1:$((PORT + 1)) any any
  stop_last
}

run_s3proxy() {
  echo "== gaul s3proxy $S3PROXY_VERSION (filesystem back end)"
  rm -rf "$WORK/s3proxy" && mkdir -p "$WORK/s3proxy"
  cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$((PORT + 2))
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=local-identity
s3proxy.credential=local-credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3proxy
CONF
  "$JAVA" $SERVER_HEAP -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
  PIDS+=($!)
  wait_port $((PORT + 2))
  run_harness s3proxy http://127.0.0.1:$((PORT + 2)) local-identity local-credential
  stop_last
}

run_bare() {
  echo "== bare: the harness's ceiling (ferry.bench.s3.BareS3)"
  "$JAVA" $SERVER_HEAP -cp "$CP" ferry.bench.s3.BareS3 $((PORT + 4)) > "$WORK/bare.log" 2>&1 &
  PIDS+=($!)
  wait_port $((PORT + 4))
  run_harness bare http://127.0.0.1:$((PORT + 4)) any any
  stop_last
}

wanted() { [[ " $SERVERS " == *" $1 "* ]]; }

ORDER=()
if wanted ferry; then ORDER+=(ferry); fi
if [ -n "$BASELINE" ]; then ORDER+=(ferry_base); fi
if wanted s3mock; then ORDER+=(s3mock); fi
if wanted s3proxy; then ORDER+=(s3proxy); fi
if wanted bare; then ORDER+=(bare); fi
for rep in $(seq 1 "$REPS"); do
  echo "==== repetition $rep of $REPS"
  measure_disk
  # Each repetition starts with the next server: none is always the one measured right after the
  # disk test has emptied the page cache.
  for i in "${!ORDER[@]}"; do
    case ${ORDER[$(((i + rep - 1) % ${#ORDER[@]}))]} in
      ferry) run_ferry ferry "$FERRY" ;;
      ferry_base) run_ferry ferry_base "$BASELINE" ;;
      s3mock) run_s3mock ;;
      s3proxy) run_s3proxy ;;
      bare) run_bare ;;
    esac
  done
done

echo "== medians of $REPS repetitions (higher is better; _ms metrics are times)"
awk '{ key = $1 " " $2; n[key]++; v[key, n[key]] = $3 }
  END { for (key in n) {
          k = n[key]
          for (i = 1; i <= k; i++) s[i] = v[key, i]
          for (i = 2; i <= k; i++) { x = s[i]; j = i - 1; while (j > 0 && s[j] > x) { s[j + 1] = s[j]; j-- } s[j + 1] = x }
          m = k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
          print key, m } }' "$WORK/results.txt" | sort > "$WORK/medians.txt"
awk -v base="$BASELINE" '
  { value[$1, $2] = $3; metrics[$2] = 1; servers[$1] = 1 }
  END {
    header = sprintf("%-44s %9s", "metric", "ferry")
    if (base != "") header = header sprintf(" %10s", "ferry_base")
    header = header sprintf(" %9s %9s %7s %9s %7s", "s3proxy", "s3mock", "ratio", "bare", "share")
    print header
    for (m in metrics) {
      if (m ~ /^(read|write)_MiB/) continue
      line = sprintf("%-44s %9s", m, (("ferry", m) in value) ? value["ferry", m] : "-")
      if (base != "") line = line sprintf(" %10s", (("ferry_base", m) in value) ? value["ferry_base", m] : "-")
      line = line sprintf(" %9s %9s", (("s3proxy", m) in value) ? value["s3proxy", m] : "-", (("s3mock", m) in value) ? value["s3mock", m] : "-")
      best = ""
      for (p in servers) if (p == "s3proxy" || p == "s3mock") if ((p, m) in value) {
        if (best == "" || (m ~ /_ms$/ ? value[p, m] < best : value[p, m] > best)) best = value[p, m]
      }
      if (best != "" && (("ferry", m) in value) && value["ferry", m] > 0) {
        r = m ~ /_ms$/ ? best / value["ferry", m] : value["ferry", m] / best
        line = line sprintf(" %6.2fx", r)
      } else {
        line = line sprintf(" %7s", "-")
      }
      if (("bare", m) in value) {
        line = line sprintf(" %9s", value["bare", m])
        if ((("ferry", m) in value) && value["ferry", m] > 0 && m !~ /_ms$/)
          line = line sprintf(" %6.0f%%", 100 * value["ferry", m] / value["bare", m])
      }
      print line
    }
  }' "$WORK/medians.txt" | (read -r header; echo "$header"; sort)
echo "ratio: Ferry / the better peer (for _ms, the better peer / Ferry); share: Ferry / bare, the harness's ceiling"
awk '{ value[$1, $2] = $3; metrics[$2] = 1; servers[$1] = 1 }
  END {
    if (("disk", "write_MiB_per_s") in value) {
      w = value["disk", "write_MiB_per_s"]
      printf "raw disk write (dd conv=fdatasync) %.1f MiB/s, read %.1f MiB/s\n", w, value["disk", "read_MiB_per_s"]
      for (m in metrics) if (m ~ /^multipart_up_.*_MiB_per_s$/) for (s in servers) if ((s, m) in value && s != "disk")
        printf "%-10s %-44s %5.0f%% of the raw disk write rate\n", s, m, 100 * value[s, m] / w
    }
  }' "$WORK/medians.txt"
