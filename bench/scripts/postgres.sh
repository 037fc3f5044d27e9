#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for Ferry's tests and benchmarks, from Debian's postgresql package:
# loopback only, C collation (S3 lists keys in byte order), user ferry with password ferry.
#
#   bench/scripts/postgres.sh start     initdb (first time) and start; prints the JDBC URL
#   bench/scripts/postgres.sh stop      stop and remove the cluster
#   bench/scripts/postgres.sh status
#
# FERRY_PG_PORT (55432) and FERRY_PG_DIR (/tmp/ferry-postgres-PORT) place it. Tests do not need
# durability, so fsync is off unless FERRY_PG_DURABLE=1 (for benchmarks that compare with SQLite,
# whose every commit is fsynced). PostgreSQL refuses to run as root: as root the cluster belongs to
# the postgres user.
set -euo pipefail

port=${FERRY_PG_PORT:-55432}
dir=${FERRY_PG_DIR:-/tmp/ferry-postgres-$port}
bin=${FERRY_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres.sh: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url="jdbc:postgresql://127.0.0.1:$port/postgres"

case "${1:-}" in
  start)
    if as_owner "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      echo "$url (already running)"
      exit 0
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      pwfile=$(mktemp)
      echo ferry > "$pwfile"
      chmod 644 "$pwfile"
      as_owner "$bin/initdb" -D "$dir" -U ferry --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 --locale=C --encoding=UTF8 >/dev/null
      rm -f "$pwfile"
    fi
    fsync=off
    [ "${FERRY_PG_DURABLE:-0}" = 1 ] && fsync=on
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w start -o \
      "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=400 \
       -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync" >/dev/null
    echo "$url"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$dir" -w stop -m fast >/dev/null || true
      rm -rf "$dir"
    fi
    ;;
  status)
    as_owner "$bin/pg_isready" -h 127.0.0.1 -p "$port"
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
