# Sourced by the bench scripts. ferry_keys LOG waits for a starting Ferry's banner in LOG (up to two
# minutes) and sets FERRY_AK and FERRY_SK to the dev account's root keys. Ferry takes its port
# before it has opened its store: its banner, not the port, says it is ready.
ferry_keys() {
  FERRY_AK=""
  FERRY_SK=""
  for _ in $(seq 1 240); do
    read -r FERRY_AK FERRY_SK < <(awk '$1=="dev" && $2 ~ /^[0-9]+$/ && length($2)==12 {print $3, $4; exit}' "$1") \
      && return 0
    sleep 0.5
  done
  echo "Ferry did not start: see $1" >&2
  return 1
}
