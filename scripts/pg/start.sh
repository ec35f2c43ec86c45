#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for tests and benchmarks.
#   scripts/pg/start.sh [STATE_DIR]   (default: var/pg-test-cluster of this checkout)
# - data directory in a fresh temporary directory (ORIENTIR_PG_TMPDIR, default /tmp);
# - listens on 127.0.0.1 only, on a free port, plus a Unix socket inside that directory;
# - superuser "orientir" with a random password (scram-sha-256), database "orientir_test";
# - run as an unprivileged user when started as root (see common.sh);
# - durability switched off for speed unless ORIENTIR_PG_DURABLE=1 (benchmarks set it);
# - extra server settings: ORIENTIR_PG_OPTS (e.g. "-c max_connections=300").
# Writes STATE_DIR/dsn (a libpq URI, mode 600) and STATE_DIR/env (shell exports) and prints the DSN.
# When ORIENTIR_TEST_PG_DSN is already set, starts nothing and records that DSN instead.
# Installs PostgreSQL from Debian's packages when it is missing and we are root.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

# Default state directory: var/pg-test-cluster in this checkout (git-ignored), so start.sh and stop.sh
# pair up without arguments.
state=${1:-$here/../../var/pg-test-cluster}
mkdir -p "$state"
state=$(cd "$state" && pwd)
umask 077

if [ -n "${ORIENTIR_TEST_PG_DSN:-}" ]; then
    echo external >"$state/mode"
    printf '%s\n' "$ORIENTIR_TEST_PG_DSN" >"$state/dsn"
    printf 'export ORIENTIR_TEST_PG_DSN=%q\n' "$ORIENTIR_TEST_PG_DSN" >"$state/env"
    echo "scripts/pg: using the server of ORIENTIR_TEST_PG_DSN; no cluster started" >&2
    exit 0
fi

# A cluster left behind by an interrupted run with the same state directory.
"$here/stop.sh" "$state" >/dev/null 2>&1 || true

pg_ensure_installed
bin=$(pg_bindir)
user=$(pg_run_user)
tmp=$(mktemp -d "${ORIENTIR_PG_TMPDIR:-/tmp}/orientir-pg.XXXXXXXX")
echo "$tmp" >"$state/tmpdir"
echo "$user" >"$state/user"
echo "$bin" >"$state/bindir"
echo local >"$state/mode"
if [ "$(id -u)" -eq 0 ]; then chown "$user" "$tmp"; fi
chmod 700 "$tmp"

password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$tmp/pw"
if [ "$(id -u)" -eq 0 ]; then chown "$user" "$tmp/pw"; fi
if ! as_user "$user" "$bin/initdb" -D "$tmp/data" -U orientir --pwfile="$tmp/pw" --auth=scram-sha-256 \
    -E UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    echo "scripts/pg: initdb failed" >&2
    exit 1
fi
rm -f "$tmp/pw"

durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${ORIENTIR_PG_DURABLE:-0}" = 1 ]; then durability=""; fi
started=0
for attempt in 1 2 3 4 5; do
    port=$(pg_free_port)
    # The port may be taken between choosing and binding it: try another one.
    opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$tmp' -c max_connections=200 $durability ${ORIENTIR_PG_OPTS:-}"
    if as_user "$user" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 -s -o "$opts" start; then
        started=1
        break
    fi
    echo "scripts/pg: start on port $port failed (attempt $attempt)" >&2
    tail -n 5 "$tmp/server.log" >&2 || true
done
if [ "$started" != 1 ]; then echo "scripts/pg: could not start PostgreSQL" >&2; exit 1; fi
echo "$port" >"$state/port"
printf '%s\n' "$opts" >"$state/pgopts"

PGPASSWORD=$password "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U orientir -d postgres \
    -c "CREATE DATABASE orientir_test" >/dev/null

dsn="postgresql://orientir:$password@127.0.0.1:$port/orientir_test"
printf '%s\n' "$dsn" >"$state/dsn"
{
    printf 'export ORIENTIR_TEST_PG_DSN=%q\n' "$dsn"
    printf 'export ORIENTIR_TEST_PG_DATA=%q\n' "$tmp/data"
    printf 'export ORIENTIR_TEST_PG_BINDIR=%q\n' "$bin"
} >"$state/env"
echo "scripts/pg: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port as $user, data in $tmp/data" >&2
echo "$dsn"
