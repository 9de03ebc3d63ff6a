#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server:
#   scripts/with-postgres.sh npx vitest run --project integration
# Creates a cluster in a temporary directory (initdb/pg_ctl as the `postgres` user when run as root),
# listening on 127.0.0.1 on a free port with its socket in that directory, a role `congso` with
# CREATEDB and a database `congso`, exports TEST_DATABASE_URL, runs the command, then stops the
# server and removes the directory whatever the outcome. Exit status: the command's.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 64
fi

find_bin() {
  local name=$1 found
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    return
  fi
  found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ]; then
    echo "with-postgres: $name not found (install PostgreSQL: apt-get install -y postgresql)" >&2
    exit 69
  fi
  echo "$found"
}
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
PSQL=$(find_bin psql)

# As root, the server must run as an unprivileged user; otherwise as ourselves.
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user" >&2
    exit 69
  fi
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/congso-pg.XXXXXX")
chmod 755 "$TMP"
[ "$(id -u)" -eq 0 ] && chown postgres: "$TMP"
PGDATA_DIR="$TMP/data"
SOCKET_DIR="$TMP"
PORT=$(free_port)
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
STARTED=0

cleanup() {
  local status=$?
  if [ "$STARTED" -eq 1 ]; then
    as_pg "$PG_CTL" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT INT TERM

echo "with-postgres: initdb in $TMP, port $PORT" >&2
initdb_with_locale() {
  rm -rf "$PGDATA_DIR"
  as_pg "$INITDB" -D "$PGDATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale="$1" >"$TMP/initdb.log" 2>&1
}
# C.UTF-8 where the system has it (Debian does), plain C otherwise
initdb_with_locale C.UTF-8 || initdb_with_locale C || {
  cat "$TMP/initdb.log" >&2
  exit 1
}
# tuned for tests: nothing here needs to survive a crash of the test machine
as_pg "$PG_CTL" -D "$PGDATA_DIR" -l "$TMP/server.log" -w -t 60 \
  -o "-p $PORT -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || {
  cat "$TMP/server.log" >&2
  exit 1
}
STARTED=1

as_pg "$PSQL" -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
create role congso login createdb password '$PASSWORD';
create database congso owner congso;
SQL

export TEST_DATABASE_URL="postgres://congso:$PASSWORD@127.0.0.1:$PORT/congso"
echo "with-postgres: TEST_DATABASE_URL=postgres://congso:***@127.0.0.1:$PORT/congso" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
