#!/usr/bin/env bash
# Starts Orientir on the embedded SQLite store in ./var with the demo data (loaded when the store is
# empty) and prints the URL and the demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
LISTEN="${1:-127.0.0.1:8080}"
mkdir -p var
exec ./build/orientir serve --data var --demo --listen "$LISTEN"
