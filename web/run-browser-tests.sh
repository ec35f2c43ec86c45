#!/usr/bin/env bash
# Browser tests of the web pages: starts a real Orientir server on a free loopback port with a
# temporary store (demo data + one practice with a hostile title), then drives Debian's Chromium
# headless through playwright-core (tests/browser.test.mjs). Screenshots go to the directory given.
#
# usage: web/run-browser-tests.sh [path/to/orientir] [screenshots-dir] [test file, default tests/browser.test.mjs]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
BIN="${1:-$ROOT/build/orientir}"
SHOTS="${2:-${ORIENTIR_SCREENSHOTS:-$ROOT/build/screenshots}}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
TEST_FILE="${3:-tests/browser.test.mjs}"

if [ ! -x "$BIN" ]; then echo "run-browser-tests: no orientir binary at $BIN" >&2; exit 1; fi
if [ ! -x "$CHROMIUM" ]; then echo "run-browser-tests: no Chromium at $CHROMIUM (run scripts/install-deps.sh)" >&2; exit 1; fi
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
  echo "run-browser-tests: npm packages missing; run scripts/install-deps.sh (npm ci in web/)" >&2
  exit 1
fi
mkdir -p "$SHOTS"
TMP="$(mktemp -d -t orientir-web-XXXXXX)"
PID=""
NEWS_PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [ -n "$NEWS_PID" ]; then kill "$NEWS_PID" 2>/dev/null || true; wait "$NEWS_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
# A practice whose title is markup: the pages must show it as text.
cat > "$TMP/xss.json" <<'JSON'
[{"key": "xss-title", "title": "<script>alert(1)</script>", "summary": "<img src=x onerror=alert(2)> Проверка экранирования.",
  "domains": ["volunteering"], "origin": {"region": "86"}, "state": "published"}]
JSON
"$BIN" import --data "$TMP/var" demo >"$TMP/import.log" 2>&1 || { cat "$TMP/import.log" >&2; exit 1; }
"$BIN" import --data "$TMP/var" practices "$TMP/xss.json" >>"$TMP/import.log" 2>&1 || { cat "$TMP/import.log" >&2; exit 1; }
"$BIN" serve --data "$TMP/var" --demo --quiet --listen "127.0.0.1:$PORT" >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then cat "$TMP/server.log" >&2; echo "run-browser-tests: the server did not start" >&2; exit 1; fi
  sleep 0.1
done
# A local regional news site (feed + article page) on loopback, for the story's news step.
NEWS_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$NEWS_PORT" --bind 127.0.0.1 --directory "$HERE/tests/news-site" >"$TMP/news.log" 2>&1 &
NEWS_PID=$!
cd "$HERE"
BASE_URL="http://127.0.0.1:$PORT" NEWS_URL="http://127.0.0.1:$NEWS_PORT" SCREENSHOTS="$SHOTS" CHROMIUM="$CHROMIUM" \
  node "$TEST_FILE"
