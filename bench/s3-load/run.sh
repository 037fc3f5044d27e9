#!/usr/bin/env bash
# S3 load comparison on loopback: PUT and GET of 1 MiB objects at concurrency 1 and 16, and a
# large multipart upload and ranged download, against Ferry, adobe S3Mock and gaul s3proxy, all
# started by this script; plus the raw disk write and read rate of the same folder.
#
#   bench/s3-load/run.sh                 # 5 s per measurement, 1 GiB large object
#   SECONDS_PER=3 LARGE_MIB=256 bench/s3-load/run.sh
#   SERVERS=ferry bench/s3-load/run.sh  # only some of: ferry s3mock s3proxy
#
# Peer jars are fetched from Maven Central into $JARS (never committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER=${SECONDS_PER:-5}
LARGE_MIB=${LARGE_MIB:-1024}
SERVERS=${SERVERS:-ferry s3mock s3proxy}
WORK=${WORK:-/tmp/ferry-s3-bench}
JARS=${JARS:-/tmp/s3bench}
S3MOCK=com.adobe.testing:s3mock:4.11.0:jar:exec
S3PROXY=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies
. .mvn/find-jdk.sh
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK" "$JARS"
[ -f "$JARS/s3mock-4.11.0-exec.jar" ] || ./mvnw -q dependency:copy -Dartifact=$S3MOCK -DoutputDirectory="$JARS"
[ -f "$JARS/s3proxy-2.6.0-jar-with-dependencies.jar" ] || ./mvnw -q dependency:copy -Dartifact=$S3PROXY -DoutputDirectory="$JARS"

echo "== building ferry.jar and the harness"
./mvnw -q -o -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true
CP="bench/target/classes:$(./mvnw -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

wait_port() {
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "port $1 did not open" >&2; return 1
}

echo "== raw disk rate of $WORK (dd, 1 GiB, fdatasync; then read back after dropping the file from cache)"
disk_rate() { # label: dd's summary line in, "disk <label> MiB/s" out
  awk -v label="$1" '/copied/ { printf "disk %s_MiB_per_s %.1f\n", label, $1 / 1048576 / $(NF - 3) }'
}
dd if=/dev/zero of="$WORK/dd.bin" bs=1M count=1024 conv=fdatasync 2>&1 | disk_rate write | tee "$WORK/disk.txt"
if [ -w /proc/sys/vm/drop_caches ]; then sync; echo 1 > /proc/sys/vm/drop_caches; fi
dd if="$WORK/dd.bin" of=/dev/null bs=1M 2>&1 | disk_rate read | tee -a "$WORK/disk.txt"
rm -f "$WORK/dd.bin"

run_harness() { # label endpoint access secret
  "$JAVA" -Xmx1g -cp "$CP" ferry.bench.s3.S3Load "$2" "$3" "$4" "$1" "$SECONDS_PER" "$LARGE_MIB" \
    | tee -a "$WORK/results.txt"
}

wanted() { [[ " $SERVERS " == *" $1 "* ]]; }

if wanted ferry; then
echo "== Ferry"
"$JAVA" -jar cli/target/ferry.jar serve --port 18090 --data "$WORK/ferry" > "$WORK/ferry.log" 2>&1 &
PIDS+=($!)
# Ferry takes its port before it has opened its store: its banner, not the port, says it is ready.
for _ in $(seq 1 120); do
  read -r FERRY_AK FERRY_SK < <(awk '$1=="dev" && $2 ~ /^[0-9]+$/ && length($2)==12 {print $3, $4; exit}' "$WORK/ferry.log") && break
  sleep 0.5
done
run_harness ferry http://127.0.0.1:18090 "$FERRY_AK" "$FERRY_SK"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
fi

if wanted s3mock; then
echo "== adobe S3Mock"
mkdir -p "$WORK/s3mock"
"$JAVA" -jar "$JARS/s3mock-4.11.0-exec.jar" --com.adobe.testing.s3mock.httpPort=18091 --server.port=18093 --com.adobe.testing.s3mock.store.root="$WORK/s3mock" \
  --com.adobe.testing.s3mock.store.retainFilesOnExit=false --logging.level.root=WARN > "$WORK/s3mock.log" 2>&1 &
PIDS+=($!)
wait_port 18091
run_harness s3mock http://127.0.0.1:18091 any any
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
fi

if wanted s3proxy; then
echo "== gaul s3proxy (filesystem back end)"
mkdir -p "$WORK/s3proxy"
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:18092
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=local-identity
s3proxy.credential=local-credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3proxy
CONF
"$JAVA" -jar "$JARS/s3proxy-2.6.0-jar-with-dependencies.jar" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)
wait_port 18092
run_harness s3proxy http://127.0.0.1:18092 local-identity local-credential
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
fi

echo "== summary"
sort -k2,2 -k1,1 "$WORK/results.txt" | awk '{printf "%-45s %-8s %10s\n", $2, $1, $3}'
echo "== Ferry against the better peer (higher is better for Ferry; _ms metrics are times)"
awk '$1 == "ferry" { ferry[$2] = $3; next }
  { lower = $2 ~ /_ms$/
    if (!($2 in best) || (lower ? $3 < best[$2] : $3 > best[$2])) { best[$2] = $3; peer[$2] = $1 } }
  END { for (m in ferry) if (m in best) {
          r = m ~ /_ms$/ ? best[m] / ferry[m] : ferry[m] / best[m]
          printf "%-45s %6.2fx  (vs %s)\n", m, r, peer[m] } }' "$WORK/results.txt" | sort
echo "== Ferry's large-object rates against the raw disk rates"
awk '$1 == "disk" { disk[$2] = $3; next }
  $1 == "ferry" && $2 ~ /^multipart_up/ { printf "%-45s %5.0f%% of disk write\n", $2, 100 * $3 / disk["write_MiB_per_s"] }
  $1 == "ferry" && $2 ~ /^ranged_down/ { printf "%-45s %5.0f%% of disk read\n", $2, 100 * $3 / disk["read_MiB_per_s"] }' \
  "$WORK/disk.txt" "$WORK/results.txt"
