#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the store tests (ctest fixture "postgres").
#   pg-fixture.sh start STATE_DIR   initdb + pg_ctl on a free 127.0.0.1 port, trust auth on loopback,
#                                   one database; writes STATE_DIR/url (or STATE_DIR/unavailable).
#   pg-fixture.sh stop STATE_DIR    stops the server and removes everything it created.
#   pg-fixture.sh stop-server STATE_DIR / start-server STATE_DIR
#                                   stop (fast: clients are disconnected) or start the same server
#                                   again on the same port and data directory (restart tests).
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
# A missing server is not a failure here: the tests skip their PostgreSQL rows, or fail under CI.
set -euo pipefail

mode=${1:-}
state=${2:-}
[ -n "$mode" ] && [ -n "$state" ] || { echo "usage: $0 start|stop STATE_DIR" >&2; exit 64; }
bindir=${WORKBENCH_PG_BINDIR:-/usr/lib/postgresql/15/bin}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop() {
  [ -f "$state/root" ] || { rm -f "$state/url" "$state/unavailable"; return 0; }
  root=$(cat "$state/root")
  if [ -d "$root/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$root" in
    /tmp/workbench-pg.*|"${TMPDIR:-/tmp}"/workbench-pg.*) rm -rf "$root" ;;
  esac
  rm -f "$state/root" "$state/url" "$state/unavailable"
}

unavailable() {
  echo "$1" >"$state/unavailable"
  echo "pg-fixture: PostgreSQL unavailable: $1" >&2
  exit 0
}

start_server() {
  as_owner "$bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 \
    -o "-p $2 -c listen_addresses=127.0.0.1 -k $1/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1
}

start() {
  mkdir -p "$state"
  stop
  [ -x "$bindir/initdb" ] || unavailable "no PostgreSQL 15 server in $bindir (package postgresql-15)"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    unavailable "running as root but there is no postgres user to run the server"
  fi
  root=$(mktemp -d "${TMPDIR:-/tmp}/workbench-pg.XXXXXX")
  echo "$root" >"$state/root"
  mkdir -p "$root/data" "$root/socket"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$root"
  fi
  chmod 0700 "$root/data"
  if ! as_owner "$bindir/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
      >"$root/initdb.log" 2>&1; then
    unavailable "initdb failed: $(tail -n 3 "$root/initdb.log" | tr '\n' ' ')"
  fi
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 30000))
    port_is_free "$port" || continue
    if start_server "$root" "$port"; then
      echo "$port" >"$root/port"
      if "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres workbench_test 2>"$root/createdb.log"; then
        echo "postgresql://postgres@127.0.0.1:$port/workbench_test" >"$state/url"
        echo "pg-fixture: PostgreSQL ready at 127.0.0.1:$port" >&2
        return 0
      fi
      unavailable "createdb failed: $(cat "$root/createdb.log")"
    fi
  done
  unavailable "the server did not start: $(tail -n 5 "$root/server.log" 2>/dev/null | tr '\n' ' ')"
}

case "$mode" in
  start) start ;;
  stop) stop ;;
  stop-server)
    root=$(cat "$state/root")
    as_owner "$bindir/pg_ctl" -D "$root/data" -m fast -w -t 60 stop >/dev/null ;;
  start-server)
    root=$(cat "$state/root")
    start_server "$root" "$(cat "$root/port")" || { tail -n 5 "$root/server.log" >&2; exit 1; } ;;
  *) echo "usage: $0 start|stop|stop-server|start-server STATE_DIR" >&2; exit 64 ;;
esac
