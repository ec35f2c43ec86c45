#!/usr/bin/env bash
# Runs every test through ctest: unit, integration, PostgreSQL and browser tests. The PostgreSQL
# tests start a throw-away cluster themselves (a ctest fixture: scripts/pg/start.sh as an
# unprivileged user on loopback, stopped by scripts/pg/stop.sh even when tests fail).
set -uo pipefail
cd "$(dirname "$0")/.."
PRESET="${1:-release}"
exec ctest --preset "$PRESET" --output-on-failure
