#!/usr/bin/env bash
# API load benchmark (issue 2): wrk against `orientir serve` on the demo data and, in the same run on
# the same machine, against nginx serving a static file of the same size (the practical ceiling).
# Prints a Markdown table; everything runs on loopback and stops by itself.
# The anonymous write limit is off (--anonymous-write-burst 0): the POST line measures durable writes.
# Usage: bench/api.sh [seconds] [connections]   (ORIENTIR=path/to/orientir to choose the binary;
#        PG=1 also runs the same API calls against a throw-away PostgreSQL cluster, durable settings)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
CONNS="${2:-32}"
BIN="${ORIENTIR:-./build/orientir}"
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/install-deps.sh" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing" >&2; exit 1; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

TMP="$(mktemp -d)"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
NPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cleanup() {
  [ -n "${SRV:-}" ] && kill "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null || true
  [ -n "${PGSRV:-}" ] && kill "$PGSRV" 2>/dev/null && wait "$PGSRV" 2>/dev/null || true
  [ -d "$TMP/pgstate" ] && scripts/pg/stop.sh "$TMP/pgstate" >/dev/null 2>&1 || true
  [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

"$BIN" serve --data "$TMP/var" --demo --quiet --threads 2 --anonymous-write-burst 0 --listen "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SRV=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

PRACTICE="/api/v1/practices/1"
LIST="/api/v1/practices?domain=volunteering&limit=20"
mkdir -p "$TMP/www/api"
curl -fs "http://127.0.0.1:$PORT$PRACTICE" >"$TMP/www/practice.json"
curl -fs "http://127.0.0.1:$PORT$LIST" >"$TMP/www/list.json"
# nginx workers must be able to read the files: make the directory world-readable (mktemp makes it 0700).
chmod 755 "$TMP" "$TMP/www"
chmod 644 "$TMP/www/"*.json
cat >"$TMP/nginx.conf" <<NGX
worker_processes 2;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$NPORT; root $TMP/www; }
}
NGX
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf"
sleep 0.5
curl -fs "http://127.0.0.1:$NPORT/practice.json" | cmp -s - "$TMP/www/practice.json" || { echo "nginx does not serve the file" >&2; exit 1; }

run() {  # name url [wrk args…] → a table row
  local out name="$1" url="$2"
  shift 2
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$@" "$url" 2>&1)
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local non2xx
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "| $name | $rps | $p50 | $p99 | ${non2xx:-0} |"
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
echo "wrk -t2 -c$CONNS -d${SECS}s, server --threads 2, same machine, same run"
echo
echo "| target | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
run "nginx static, practice-sized file ($(stat -c %s "$TMP/www/practice.json") B)" "http://127.0.0.1:$NPORT/practice.json"
run "GET $PRACTICE" "http://127.0.0.1:$PORT$PRACTICE"
run "nginx static, list-sized file ($(stat -c %s "$TMP/www/list.json") B)" "http://127.0.0.1:$NPORT/list.json"
run "GET $LIST" "http://127.0.0.1:$PORT$LIST"
run "GET $PRACTICE with a session (not cached)" "http://127.0.0.1:$PORT$PRACTICE" -H "Cookie: orientir_session=x"
run "GET $LIST with a session (not cached)" "http://127.0.0.1:$PORT$LIST" -H "Cookie: orientir_session=x"
run "POST /api/v1/adoption-requests (durable write)" "http://127.0.0.1:$PORT/api/v1/adoption-requests" -s bench/post_request.lua

if [ "${PG:-0}" = 1 ]; then
  DSN=$(ORIENTIR_PG_DURABLE=1 scripts/pg/start.sh "$TMP/pgstate" | tail -n 1)
  PGPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  "$BIN" serve --db "$DSN" --data "$TMP/pgvar" --demo --quiet --threads 2 --anonymous-write-burst 0 --listen "127.0.0.1:$PGPORT" >"$TMP/pgserve.log" 2>&1 &
  PGSRV=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PGPORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  echo
  echo "Same calls, store on PostgreSQL 15 (loopback, fsync on):"
  echo
  echo "| target | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  run "GET $PRACTICE (PostgreSQL)" "http://127.0.0.1:$PGPORT$PRACTICE"
  run "GET $LIST (PostgreSQL)" "http://127.0.0.1:$PGPORT$LIST"
  run "GET $PRACTICE with a session (not cached, PostgreSQL)" "http://127.0.0.1:$PGPORT$PRACTICE" -H "Cookie: orientir_session=x"
  run "POST /api/v1/adoption-requests (PostgreSQL)" "http://127.0.0.1:$PGPORT/api/v1/adoption-requests" -s bench/post_request.lua
fi
