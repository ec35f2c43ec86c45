#!/usr/bin/env bash
# Soak benchmark (issue 18): the server on the demo data (SQLite) under a working day's request mix
# (bench/soak/soak.lua) at 80 % of the capacity measured in the same run, for MINUTES (default 30).
# Reports the open descriptors of the server at the start and the end of the soak.
# Passes when no request answered 5xx, no connection failed and the resident memory grew less than 5 %
# from the end of the first minute (warm caches) to the end. Prints one Markdown table.
#   bench/soak/run.sh [MINUTES] [CONNECTIONS]      ORIENTIR=path/to/orientir chooses the binary
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES="${1:-30}"
CONNS="${2:-16}"
BIN="${ORIENTIR:-./build/orientir}"
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/install-deps.sh" >&2; exit 1; }
TMP="$(mktemp -d)"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cleanup() {
  [ -n "${WRK:-}" ] && kill "$WRK" 2>/dev/null || true
  [ -n "${SRV:-}" ] && kill "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
ORIENTIR_CONFIG="" ORIENTIR_FEEDS=off "$BIN" serve --data "$TMP/var" --demo --quiet --threads 2 \
  --listen "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SRV=$!
for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "soak: the server is not ready after 120 s" >&2; cat "$TMP/serve.log" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"curator","password":"demo-curator-2026"}' "$URL/api/v1/session" |
  tr -d '\r' | awk -F': ' 'tolower($1)=="set-cookie"{split($2,a,";"); print a[1]; exit}')
[ -n "$COOKIE" ] || { echo "soak: cannot sign in as the demo curator" >&2; exit 1; }
export SOAK_COOKIE="$COOKIE"
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$SRV/status"; }
fds() { ls "/proc/$SRV/fd" | wc -l; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
run_wrk() {  # SECONDS DELAY_MS OUT
  SOAK_DELAY_MS="$2" wrk -t2 -c"$CONNS" -d"$1s" --timeout 10s -s bench/soak/soak.lua "$URL" >"$3" 2>&1 ||
    { echo "soak: wrk failed (exit $?):" >&2; cat "$3" >&2; return 1; }
}

# Capacity: the same mix with no pause (after a warm-up of the caches and the analytics snapshot).
run_wrk 5 0 "$TMP/warm.txt"
run_wrk 20 0 "$TMP/cap.txt"
CAP=$(field rps "$TMP/cap.txt")
TARGET=$(awk -v c="$CAP" 'BEGIN{printf "%.1f", 0.8 * c}')
# Pace: each connection waits DELAY ms after an answer; calibrate twice on short runs.
DELAY=$(awk -v n="$CONNS" -v t="$TARGET" 'BEGIN{printf "%d", n * 1000 / t}')
for _ in 1 2; do
  run_wrk 10 "$DELAY" "$TMP/cal.txt"
  GOT=$(field rps "$TMP/cal.txt")
  DELAY=$(awk -v d="$DELAY" -v g="$GOT" -v t="$TARGET" -v n="$CONNS" \
    'BEGIN{per=n*1000/t; lat=n*1000/g-d; x=per-lat; if (x<0) x=0; printf "%d", x}')
done

# The soak: MINUTES one-minute runs of wrk, each re-paced towards the target from the rate the one before
# achieved (a busy machine slows the server; a fixed pause would then fall short of 80 %). RSS and the open
# descriptors are read after every minute.
RSS0=""; RSSMAX=0; FD0=$(fds)
REQ=0; OKS=0; C4=0; C5=0; ERR=0; P99MAX=0; P50S=""; LOWEST=""
for MIN in $(seq 1 "$MINUTES"); do
  run_wrk 60 "$DELAY" "$TMP/seg.txt"
  kill -0 "$SRV" 2>/dev/null || { echo "soak: the server died" >&2; exit 1; }
  grep -q '^SOAK' "$TMP/seg.txt" || { cat "$TMP/seg.txt" >&2; exit 1; }
  REQ=$((REQ + $(field requests "$TMP/seg.txt"))); OKS=$((OKS + $(field ok "$TMP/seg.txt")))
  C4=$((C4 + $(field c4xx "$TMP/seg.txt"))); C5=$((C5 + $(field c5xx "$TMP/seg.txt")))
  ERR=$((ERR + $(field errors "$TMP/seg.txt")))
  GOT=$(field rps "$TMP/seg.txt")
  P99MAX=$(awk -v a="$P99MAX" -v b="$(field p99_ms "$TMP/seg.txt")" 'BEGIN{print (b > a ? b : a)}')
  P50S="$P50S $(field p50_ms "$TMP/seg.txt")"
  LOWEST=$(awk -v a="${LOWEST:-1e9}" -v b="$GOT" 'BEGIN{print (b < a ? b : a)}')
  R=$(rss_kb); [ "$R" -gt "$RSSMAX" ] && RSSMAX=$R
  [ -n "$RSS0" ] || RSS0=$R
  echo "soak: $MIN min, $GOT requests/s (delay $DELAY ms), RSS $((R / 1024)) MB, $(fds) descriptors" >&2
  DELAY=$(awk -v d="$DELAY" -v g="$GOT" -v t="$TARGET" -v n="$CONNS" \
    'BEGIN{per=n*1000/t; lat=n*1000/g-d; x=per-lat; if (x<0) x=0; printf "%d", x}')
done
RSS1=$(rss_kb); FD1=$(fds)
RPS=$(awk -v r="$REQ" -v m="$MINUTES" 'BEGIN{printf "%.1f", r / (60 * m)}')
SHARE=$(awk -v r="$RPS" -v c="$CAP" 'BEGIN{printf "%.0f", 100 * r / c}')
P50=$(echo $P50S | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
GROWTH=$(awk -v a="$RSS0" -v b="$RSS1" 'BEGIN{printf "%.1f", 100 * (b - a) / a}')
echo
echo "| measure | value |"
echo "|---|---|"
echo "| machine | $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load at start $(cut -d' ' -f1 /proc/loadavg) |"
echo "| capacity (same mix, no pause, $CONNS connections) | $CAP requests/s |"
echo "| target (80 %) | $TARGET requests/s, re-paced every minute (last delay $DELAY ms per connection) |"
echo "| soak | $MINUTES min: requests=$REQ ok=$OKS c4xx=$C4 c5xx=$C5 errors=$ERR, $RPS requests/s = $SHARE % of capacity (slowest minute $LOWEST/s), p50 $P50 ms (median of minutes), p99 $P99MAX ms (worst minute) |"
echo "| 5xx / connection errors | $C5 / $ERR |"
echo "| open descriptors at start → end | $FD0 → $FD1 |"
echo "| RSS after 1 min → end (max) | $((RSS0 / 1024)) MB → $((RSS1 / 1024)) MB ($((RSSMAX / 1024)) MB), growth $GROWTH % |"
FAIL=0
[ "$C5" = "0" ] || { echo "soak: FAILED: $C5 answers were 5xx" >&2; FAIL=1; }
[ "$ERR" = "0" ] || { echo "soak: FAILED: $ERR connection errors" >&2; FAIL=1; }
awk -v g="$GROWTH" 'BEGIN{exit !(g < 5)}' || { echo "soak: FAILED: RSS grew $GROWTH % (limit 5 %)" >&2; FAIL=1; }
exit $FAIL
